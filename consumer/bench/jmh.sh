#!/usr/bin/env bash
# JMH benchmark of the archiver's per-record hot path (RecordBuffer add + drain of 1 MiB batches).
# Usage: consumer/bench/jmh.sh [JMH options, e.g. -wi 1 -i 3]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl consumer test-compile
# the class path goes through a file: on a terminal, Maven prefixes its stdout with a colour code
(cd consumer && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
CP="consumer/target/test-classes:consumer/target/classes:$(cat consumer/target/bench.classpath)"
java -cp "$CP" org.openjdk.jmh.Main RecordBufferBenchmark "$@"
