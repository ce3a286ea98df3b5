#!/usr/bin/env bash
# What a stream at rest costs (issue 28), under 10 minutes per round.
# Usage: consumer/bench/idle.sh [SHARDS] [ROUNDS] [QUIET_SECONDS]   (from the repository root, after mvn package)
# Starts its own local stack on ports 34568/38000/39000 (--kinesis-limits $KINESIS_LIMITS, default aws, as the
# quick start) with data under /tmp/consumer-idle-bench, creates a stream of SHARDS (default 64) shards, then
# ROUNDS (1) times: the archiver without the quiet-shard back-off (maxIdleTimeBetweenReadsInMillis 0) and as
# shipped, each beside the counter (config/local/sample.properties and counter.properties). Prints the CPU of
# the archiver, the counter and the engine over QUIET_SECONDS (60) of quiet, the archiver's RSS and threads,
# and, for one record put into each of 8 quiet shards, how long after its put it was archived and counted
# (median and worst).
# The consumers are started as users start them: bin/consumer (the launcher and its JVM options).
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARDS=${1:-64}
ROUNDS=${2:-1}
QUIET=${3:-60}
WORK=/tmp/consumer-idle-bench
for f in consumer/target/consumer.jar local/target/local-stack.jar; do
  [ -f "$f" ] || { echo "idle.sh: $f is missing: run mvn -B -q package -DskipTests first" >&2; exit 2; }
done
rm -rf "$WORK"; mkdir -p "$WORK"
CP=$(bench/classpath.sh consumer)
LOG_DIR="$WORK/stack-logs" java -jar local/target/local-stack.jar --kinesis-port 34568 --dynamodb-port 38000 \
  --s3-port 39000 --data-dir "$WORK/stack" --kinesis-limits "${KINESIS_LIMITS:-aws}" > "$WORK/stack.out" 2>&1 &
STACK=$!
trap 'kill -TERM $STACK; wait $STACK || true' EXIT
until grep -q "ready" "$WORK/stack.out"; do sleep 0.2; kill -0 $STACK; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(node --version); stack: $(grep '^kinesis' "$WORK/stack.out")"
java -cp "$CP" dev.clickstream.consumer.bench.IdleBench 34568 38000 39000 "$SHARDS" consumer/target/consumer.jar \
  "$WORK" config/local/sample.properties config/local/counter.properties "$ROUNDS" "$QUIET" "$WORK/stack/s3"
