#!/usr/bin/env bash
# Runs one module's JMH benchmark from its test classes: bench/jmh.sh MODULE BENCHMARK [JMH options]
# (from the repository root; consumer/bench/jmh.sh and counter/bench/jmh.sh call it).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=$1; BENCHMARK=$2; shift 2
# in the reactor (nothing is installed), so the project's modules resolve to their target/classes; the
# class path goes through a file: on a terminal, Maven prefixes its stdout with a colour code. Each
# module of the reactor writes the file in turn, and MODULE, built last, writes it last.
mvn -B -q -pl "$MODULE" -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$MODULE/target/bench.classpath" -Dmdep.includeScope=test
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
java -cp "$CP" org.openjdk.jmh.Main "$BENCHMARK" "$@"
