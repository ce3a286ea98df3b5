#!/usr/bin/env bash
# JMH benchmark of the archiver's per-record hot path (RecordBuffer add + drain of 1 MiB batches).
# Usage: consumer/bench/jmh.sh [JMH options, e.g. -wi 1 -i 3]     (from the repository root)
exec "$(dirname "$0")/../../bench/jmh.sh" consumer RecordBufferBenchmark "$@"
