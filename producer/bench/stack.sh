# Sourced by the producer benchmarks: paths, the endpoint, and a fresh local stack of their own.
# Needs KINESIS_PORT, DYNAMODB_PORT, S3_PORT and DATA set by the sourcing script.
# The stack runs with --kinesis-limits $KINESIS_LIMITS (default off: the engine's own ceiling).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=$ROOT/producer/target/producer.jar
BARE=$ROOT/producer/bench/BareLoop.java
ENDPOINT=http://127.0.0.1:$KINESIS_PORT
STACK=

start_stack() {   # a fresh stack each time: streams left by a run count against the engine's shard limit
  stop_stack; rm -rf "$DATA/data"
  java -jar "$ROOT/local/target/local-stack.jar" --kinesis-port "$KINESIS_PORT" --dynamodb-port "$DYNAMODB_PORT" \
    --s3-port "$S3_PORT" --data-dir "$DATA/data" --kinesis-limits "${KINESIS_LIMITS:-off}" > "$DATA/stack.out" 2>&1 &
  STACK=$!
  for _ in $(seq 1 120); do grep -q ready "$DATA/stack.out" && return; sleep 0.5; done
  cat "$DATA/stack.out"; exit 1
}
stop_stack() { if [[ -n "$STACK" ]]; then kill -TERM "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null || true; STACK=; fi; }
trap stop_stack EXIT
rm -rf "$DATA"; mkdir -p "$DATA"; cd "$DATA"
