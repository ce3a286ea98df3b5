#!/usr/bin/env bash
# JMH benchmark of the archiver's per-record hot path (RecordBuffer add + drain of 1 MiB batches).
# Usage: consumer/bench/jmh.sh [JMH options, e.g. -wi 1 -i 3]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl consumer test-compile
CP="consumer/target/test-classes:consumer/target/classes:$(cd consumer && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
java -cp "$CP" org.openjdk.jmh.Main RecordBufferBenchmark "$@"
