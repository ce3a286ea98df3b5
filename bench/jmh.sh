#!/usr/bin/env bash
# Runs one module's JMH benchmark from its test classes: bench/jmh.sh MODULE BENCHMARK [JMH options]
# (from the repository root; consumer/bench/jmh.sh and counter/bench/jmh.sh call it).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=$1; BENCHMARK=$2; shift 2
CP=$(bench/classpath.sh "$MODULE")
java -cp "$CP" org.openjdk.jmh.Main "$BENCHMARK" "$@"
