#!/usr/bin/env bash
# Kinesis capacity of the local stack as a stream fills: starts its own stack (local-stack.jar on
# ports of its own, in memory), then CapacityProbe.java sends 500-record PutRecords into a fresh
# 4-shard stream until HELD records are held, printing records/s per WINDOW records and the ratio
# of the last window (at HELD records held) to the first (empty stream).
# Needs: mvn -B -q package -DskipTests (local-stack.jar and producer.jar, whose SDK the probe uses).
#   local/bench/capacity.sh                 # HELD=1000000 WINDOW=50000 SHARDS=4
# KINESIS_LIMITS=aws runs the stack with Kinesis's per-shard limits (default off: the engine's ceiling).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HELD=${HELD:-1000000}
WINDOW=${WINDOW:-50000}
SHARDS=${SHARDS:-4}
PORT=${PORT:-24568}
DATA=$(mktemp -d)
cd "$DATA"
java -jar "$ROOT/local/target/local-stack.jar" --kinesis-port "$PORT" --dynamodb-port $((PORT + 1)) \
  --s3-port $((PORT + 2)) --data-dir "$DATA/data" --kinesis-limits "${KINESIS_LIMITS:-off}" > stack.out 2>&1 &
STACK=$!
trap 'kill -TERM $STACK 2>/dev/null; wait $STACK 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do grep -q '^ready' stack.out && break; sleep 0.2; done
grep '^kinesis' stack.out
java -cp "$ROOT/producer/target/producer.jar" "$ROOT/local/bench/CapacityProbe.java" \
  "http://127.0.0.1:$PORT" "$SHARDS" "$HELD" "$WINDOW"
ENGINE=$(pgrep -f "kinesalite/cli.js --port $PORT" || true)
[[ -n "$ENGINE" ]] && echo "kinesalite RSS at the end: $(( $(ps -o rss= -p "$ENGINE") / 1024 )) MB"
exit 0
