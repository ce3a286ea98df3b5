#!/usr/bin/env bash
# Prints MODULE's test class path for a benchmark: bench/classpath.sh MODULE (from the repository root).
# Builds in the reactor (nothing is installed), so the project's modules resolve to their
# target/classes. The class path goes through a file: on a terminal, Maven prefixes its stdout with
# a colour code. Each module of the reactor writes that file in turn, and MODULE, built last, writes
# it last. The build's output is shown only when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=$1
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
mvn -B -q -pl "$MODULE" -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$MODULE/target/bench.classpath" -Dmdep.includeScope=test > "$LOG" 2>&1 || { cat "$LOG" >&2; exit 1; }
echo "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
