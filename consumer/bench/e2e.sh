#!/usr/bin/env bash
# End-to-end benchmark of consumer.jar over a pre-filled backlog (issue 4).
# Usage: consumer/bench/e2e.sh [RECORDS] [SHARDS]       (from the repository root, after mvn package)
# Starts its own local stack on ports 24568/28000/29000 with data under /tmp/consumer-bench, fills a
# stream, measures a bare GetRecords loop (the emulator's ceiling), then consumer.jar; stops the stack.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS=${1:-20000}
SHARDS=${2:-4}
WORK=/tmp/consumer-bench
rm -rf "$WORK"; mkdir -p "$WORK"
mvn -B -q -o -pl consumer test-compile
CP="consumer/target/test-classes:consumer/target/classes:$(cd consumer && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
LOG_DIR="$WORK/stack-logs" java -jar local/target/local-stack.jar --kinesis-port 24568 --dynamodb-port 28000 \
  --s3-port 29000 --data-dir "$WORK/stack" > "$WORK/stack.out" 2>&1 &
STACK=$!
trap 'kill -TERM $STACK; wait $STACK || true' EXIT
until grep -q "ready" "$WORK/stack.out"; do sleep 0.2; kill -0 $STACK; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(node --version)"
java -cp "$CP" dev.clickstream.consumer.bench.BacklogBench 24568 28000 29000 "$RECORDS" "$SHARDS" \
  consumer/target/consumer.jar "$WORK"
