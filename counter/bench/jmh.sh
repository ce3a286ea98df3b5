#!/usr/bin/env bash
# JMH benchmark of the counter's per-record hot path (JSON parse + sliding-window count + a Top-N
# snapshot per simulated second).
# Usage: counter/bench/jmh.sh [JMH options, e.g. -wi 1 -i 3]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl counter test-compile
# the class path goes through a file: on a terminal, Maven prefixes its stdout with a colour code
(cd counter && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
CP="counter/target/test-classes:counter/target/classes:$(cat counter/target/bench.classpath)"
java -cp "$CP" org.openjdk.jmh.Main CountingBenchmark "$@"
