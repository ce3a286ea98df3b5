#!/usr/bin/env bash
# The producer against Kinesis's write limits (issue 28): two fresh local stacks, one with
# --kinesis-limits aws and one with off; ROUNDS times, alternately, producer.jar sends RECORDS click
# events (500 per call, putRecordsTps 0) into a fresh 2-shard stream on each, and once with
# --aggregation on the aws stack. Prints records/s, retried and failed, and CPU per record (the JVM
# bin/producer starts, as users start it; a run of one record subtracted: JVM start-up and stream creation), with the ratio
# throttled / unthrottled: the back-off must not burn CPU. Then events/s with --aggregation over
# plain, both under aws limits.
# Needs: producer/target/producer.jar, local/target/local-stack.jar, GNU time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/producer/target/producer.jar
RECORDS=${RECORDS:-20000}
AGG_EVENTS=${AGG_EVENTS:-200000}
ROUNDS=${ROUNDS:-2}
WORK=/tmp/producer-throttled-bench
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
PIDS=()
start_stack() {   # name port limits
  java -jar "$ROOT/local/target/local-stack.jar" --kinesis-port "$2" --dynamodb-port $(($2 + 1)) --s3-port $(($2 + 2)) \
    --data-dir "$WORK/$1" --kinesis-limits "$3" > "$WORK/$1.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do grep -q '^ready' "$WORK/$1.out" && return; sleep 0.5; done
  cat "$WORK/$1.out"; exit 1
}
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done' EXIT
start_stack aws 44568 aws
start_stack off 44578 off
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $(grep '^kinesis' aws.out); $(grep '^kinesis' off.out)"

produce() {   # port count [flags...] -> "cpu_seconds summary-line"
  local port=$1 count=$2; shift 2
  local s="t-$(date +%s%N)"
  /usr/bin/time -f "%U %S" -o time.txt env -u JAVA_OPTS CLICKSTREAM_LIB="$(dirname "$JAR")" "$ROOT/bin/producer" --kinesis-endpoint "http://127.0.0.1:$port" \
    --aws-credentials-provider 'StaticCredentialsProvider|local|local' --wait-between-describe-calls-in-seconds 1 \
    --stream "$s" --shards 2 --count "$count" --seed 1 --put-records-tps 0 --records-to-write-per-batch 500 \
    --progress-interval 0 "$@" > out.txt 2>&1
  echo "$(awk '{print $1 + $2}' time.txt) $(grep -E '^(done|stopped)' out.txt)"
}
rate() { sed -E 's/.*; ([0-9]+) (records|events)\/s.*/\1/' <<< "$1"; }

echo "| round | limits | records/s | retried | failed | CPU µs/record |"
echo "|---|---|---|---|---|---|"
declare -A cpu
for round in $(seq 1 "$ROUNDS"); do
  for side in aws off; do
    port=44568; [[ $side == off ]] && port=44578
    one=$(produce $port 1); full=$(produce $port "$RECORDS")
    us=$(awk -v a="${full%% *}" -v b="${one%% *}" -v n="$RECORDS" 'BEGIN{printf "%.1f", (a-b)*1e6/(n-1)}')
    cpu[$round$side]=$us
    read -r retried failed <<< "$(sed -E 's/.*retried ([0-9]+), failed ([0-9]+).*/\1 \2/' <<< "$full")"
    echo "| $round | $side | $(rate "$full") | $retried | $failed | $us |"
  done
  awk -v a="${cpu[${round}aws]}" -v o="${cpu[${round}off]}" -v r="$round" \
    'BEGIN{printf "round %d: CPU per record throttled / unthrottled: %.2f\n", r, a/o}'
done
plain=$(produce 44568 "$RECORDS")
agg=$(produce 44568 "$AGG_EVENTS" --aggregation)
echo "aws limits, 2 shards: plain $(rate "$plain") events/s; --aggregation $(rate "$agg") events/s ($AGG_EVENTS events): $(awk -v a="$(rate "$agg")" -v p="$(rate "$plain")" 'BEGIN{printf "%.1f", a/p}')x"
echo "  plain:      ${plain#* }"
echo "  aggregated: ${agg#* }"
