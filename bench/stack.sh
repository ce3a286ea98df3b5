# shellcheck shell=bash disable=SC2034
# Sourced by the consumer benches (backlog.sh, idle.sh, drain-limits.sh, fanout.sh), from the repository root:
# checks the jars and that the ports are free, empties WORK, puts the consumer's test class path in CP, starts a local stack of
# the bench's own on KINESIS_PORT, DYNAMODB_PORT and S3_PORT with --kinesis-limits LIMITS and its
# data under WORK/stack, stops it on exit, waits until it is ready and prints the machine's line.
# Needs BENCH (the script's name, for messages), WORK, KINESIS_PORT, DYNAMODB_PORT, S3_PORT and LIMITS.
for f in consumer/target/consumer.jar local/target/local-stack.jar; do
  [ -f "$f" ] || { echo "$BENCH: $f is missing: run mvn -B -q package -DskipTests first" >&2; exit 2; }
done
# another run of a bench with these ports also works in WORK: leave both alone
for port in "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$BENCH: port $port is in use (another run of a bench?); $WORK left as it is" >&2; exit 2
  fi
done
rm -rf "$WORK"; mkdir -p "$WORK"
CP=$(bench/classpath.sh consumer)
LOG_DIR="$WORK/stack-logs" java -jar local/target/local-stack.jar --kinesis-port "$KINESIS_PORT" \
  --dynamodb-port "$DYNAMODB_PORT" --s3-port "$S3_PORT" --data-dir "$WORK/stack" --kinesis-limits "$LIMITS" \
  > "$WORK/stack.out" 2>&1 &
STACK=$!
trap 'kill -TERM $STACK; wait $STACK || true' EXIT
until grep -qs "ready" "$WORK/stack.out"; do sleep 0.2; kill -0 $STACK; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(node --version); stack: $(grep '^kinesis' "$WORK/stack.out")"
