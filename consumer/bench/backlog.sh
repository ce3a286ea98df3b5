#!/usr/bin/env bash
# The consumer against its engine's ceiling (issue 11), under 10 minutes.
# Usage: consumer/bench/backlog.sh [RECORDS] [SHARDS] [ROUNDS]   (from the repository root, after mvn package)
# Starts its own local stack on ports 24568/28000/29000 with data under /tmp/consumer-bench, fills a
# stream with RECORDS (default 200000) over SHARDS (4), then ROUNDS (2) times: a bare GetRecords loop
# and consumer.jar over the same backlog, started as users start it: bin/consumer (the launcher and its
# JVM options), config/local/sample.properties. Prints
# drain, CPU per record (the bare loop's too), peak RSS, first-object time and the restart's first lease, with ratios,
# and the consumer's CPU by thread.
# BENCH_BASELINE_JAR=old/consumer.jar runs that build too (through bin/consumer as well; the file must be named consumer.jar), before this one in every round, and
# prints this one's figures over the baseline's (an A/B of a change within one run).
# BENCH_SETTINGS="key=value;..." and BENCH_BASELINE_SETTINGS add consumer settings to this jar's and the
# baseline's runs (parquet.sh: Parquet against raw with the same jar).
# BENCH_JAVA_OPTIONS="..." runs the consumer with those JVM options as its JAVA_OPTS (NAME in them becomes the run's name).
# KINESIS_LIMITS=aws runs the stack with Kinesis's per-shard limits (default off).
# KINESIS_PORT, DYNAMODB_PORT, S3_PORT and WORK override the stack's ports and the data directory (two benches at once).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS=${1:-200000}
SHARDS=${2:-4}
ROUNDS=${3:-2}
WORK=${WORK:-/tmp/consumer-bench}
KINESIS_PORT=${KINESIS_PORT:-24568}; DYNAMODB_PORT=${DYNAMODB_PORT:-28000}; S3_PORT=${S3_PORT:-29000}
for f in consumer/target/consumer.jar local/target/local-stack.jar; do
  [ -f "$f" ] || { echo "backlog.sh: $f is missing: run mvn -B -q package -DskipTests first" >&2; exit 2; }
done
rm -rf "$WORK"; mkdir -p "$WORK"
CP=$(bench/classpath.sh consumer)
LOG_DIR="$WORK/stack-logs" java -jar local/target/local-stack.jar --kinesis-port "$KINESIS_PORT" --dynamodb-port "$DYNAMODB_PORT" \
  --s3-port "$S3_PORT" --data-dir "$WORK/stack" --kinesis-limits "${KINESIS_LIMITS:-off}" > "$WORK/stack.out" 2>&1 &
STACK=$!
trap 'kill -TERM $STACK; wait $STACK || true' EXIT
until grep -q "ready" "$WORK/stack.out"; do sleep 0.2; kill -0 $STACK; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(node --version); stack: $(grep -o 'kinesis[^,;]*' "$WORK/stack.out" | head -1)"
java -cp "$CP" dev.clickstream.consumer.bench.BacklogBench "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT" "$RECORDS" "$SHARDS" \
  consumer/target/consumer.jar "$WORK" "${SAMPLE:-config/local/sample.properties}" "$ROUNDS"
