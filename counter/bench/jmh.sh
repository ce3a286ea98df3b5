#!/usr/bin/env bash
# JMH benchmark of the counter's per-record hot path (JSON parse + sliding-window count + a Top-N
# snapshot per simulated second).
# Usage: counter/bench/jmh.sh [JMH options, e.g. -wi 1 -i 3]     (from the repository root)
exec "$(dirname "$0")/../../bench/jmh.sh" counter CountingBenchmark "$@"
