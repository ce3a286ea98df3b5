#!/usr/bin/env bash
# Runs one module's JMH benchmark from its test classes: bench/jmh.sh MODULE BENCHMARK [JMH options]
# (from the repository root; consumer/bench/jmh.sh and counter/bench/jmh.sh call it).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=$1; BENCHMARK=$2; shift 2
mvn -B -q -o -pl "$MODULE" test-compile
# the class path goes through a file: on a terminal, Maven prefixes its stdout with a colour code
(cd "$MODULE" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
java -cp "$CP" org.openjdk.jmh.Main "$BENCHMARK" "$@"
