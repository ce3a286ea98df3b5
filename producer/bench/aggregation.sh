#!/usr/bin/env bash
# Aggregation benchmark against a fresh local stack: the same EVENTS click events sent with
# aggregation off and on (500 records per call, putRecordsTps 0), each into a fresh stream; then
# the stream is read back to count the Kinesis records it holds and their bytes (data plus
# partition key, what a shard's 1 MiB/s counts). The local engines enforce no shard limit, so
# the figures are Kinesis records per event and bytes per Kinesis record, not events/s per shard.
# Needs: producer/target/producer.jar, local/target/local-stack.jar.
set -euo pipefail

KINESIS_PORT=${KINESIS_PORT:-14578}
DYNAMODB_PORT=${DYNAMODB_PORT:-18010}
S3_PORT=${S3_PORT:-19010}
DATA=${DATA:-/tmp/producer-aggregation-bench}
EVENTS=${EVENTS:-10000}
SHARDS=${SHARDS:-4}
# shellcheck source=producer/bench/stack.sh
. "$(dirname "$0")/stack.sh"
start_stack

run() {   # aggregation on|off -> one result line
  local s="agg-$1-$(date +%s%N)" flag=() summary contents
  [[ $1 == on ]] && flag=(--aggregation)
  summary=$(java -jar "$JAR" --kinesis-endpoint "$ENDPOINT" --aws-credentials-provider 'StaticCredentialsProvider|local|local' \
    --wait-between-describe-calls-in-seconds 1 --stream "$s" --shards "$SHARDS" --count "$EVENTS" --seed 1 \
    --put-records-tps 0 --records-to-write-per-batch 500 --progress-interval 0 "${flag[@]}" | grep -E '^(done|stopped)')
  contents=$(java -cp "$JAR" "$BARE" contents "$ENDPOINT" "$s")
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
  read -r records _ _ bytes _ <<< "$contents"
  awk -v a="$1" -v e="$EVENTS" -v r="$records" -v b="$bytes" -v rate="$(sed -E 's/.*; ([0-9]+) records\/s.*/\1/' <<< "$summary")" \
    'BEGIN{printf "aggregation %-3s: %d events in %d Kinesis records: %.4f Kinesis records per event, %.0f bytes per Kinesis record, %.1f bytes per event; producer %d events/s\n", a, e, r, r/e, b/r, b/e, rate}'
}
run off
run on
