#!/usr/bin/env bash
# The producer against Kinesis's write limits (issue 28): two fresh local stacks, one with
# --kinesis-limits aws and one with off; ROUNDS times, alternately, producer.jar sends RECORDS click
# events (500 per call, putRecordsTps 0) into a fresh 2-shard stream on each, and once with
# --aggregation on the aws stack. Prints records/s, retried and failed, and CPU per record (the JVM
# bin/producer starts, as users start it) over the steady sending phase: from the progress line at
# which 10 % of the records were acknowledged to the one at 90 %, the JVM's CPU read from /proc as
# each line appears, so neither start-up nor the stream's creation count, however long the run; with
# the ratio throttled / unthrottled: the back-off must not burn CPU. Also the whole run's CPU per
# record (start-up included). Then events/s with --aggregation over plain, both under aws limits.
# Needs: producer/target/producer.jar, local/target/local-stack.jar.
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

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }
# port count [flags...] -> "steady_us_per_record run_us_per_record summary-line"
produce() {
  local port=$1 count=$2; shift 2
  local s="t-$(date +%s%N)"
  env -u JAVA_OPTS CLICKSTREAM_LIB="$(dirname "$JAR")" "$ROOT/bin/producer" --kinesis-endpoint "http://127.0.0.1:$port" \
    --aws-credentials-provider 'StaticCredentialsProvider|local|local' --wait-between-describe-calls-in-seconds 1 \
    --stream "$s" --shards 2 --count "$count" --seed 1 --put-records-tps 0 --records-to-write-per-batch 500 \
    --progress-interval 1s "$@" > out.txt 2>&1 &
  local pid=$! seen=0 lines ticks last=0
  : > samples.txt
  # bin/producer execs the JVM: $pid is the JVM. Each new progress line: its acknowledged count and the CPU so far.
  while ticks=$(cpu_ticks "$pid") && [[ -n $ticks ]]; do
    last=$ticks
    lines=$(grep -c '^progress:' out.txt || true)
    if (( lines > seen )); then
      seen=$lines
      echo "$(grep '^progress:' out.txt | tail -1 | sed -E 's/.*acknowledged ([0-9]+).*/\1/') $ticks" >> samples.txt
    fi
    sleep 0.1
  done
  wait "$pid" || { cat out.txt >&2; exit 1; }
  awk -v n="$count" -v tick="$TICK" -v total="$last" '
    $1 >= 0.1 * n && !a { a = 1; a0 = $1; t0 = $2 }
    $1 <= 0.9 * n { a1 = $1; t1 = $2 }
    END { printf "%s %.1f", (a && a1 > a0) ? sprintf("%.1f", (t1 - t0) * 1e6 / tick / (a1 - a0)) : "n/a", total * 1e6 / tick / n }' samples.txt
  echo " $(grep -E '^(done|stopped)' out.txt)"
}
rate() { sed -E 's/.*; ([0-9]+) (records|events)\/s.*/\1/' <<< "$1"; }

echo "| round | limits | records/s | retried | failed | CPU µs/record, 10-90 % | CPU µs/record, whole run |"
echo "|---|---|---|---|---|---|---|"
declare -A cpu
for round in $(seq 1 "$ROUNDS"); do
  for side in aws off; do
    port=44568; [[ $side == off ]] && port=44578
    full=$(produce $port "$RECORDS")
    read -r steady whole summary <<< "$full"
    cpu[$round$side]=$steady
    read -r retried failed <<< "$(sed -E 's/.*retried ([0-9]+), failed ([0-9]+).*/\1 \2/' <<< "$summary")"
    echo "| $round | $side | $(rate "$summary") | $retried | $failed | $steady | $whole |"
  done
  awk -v a="${cpu[${round}aws]}" -v o="${cpu[${round}off]}" -v r="$round" \
    'BEGIN{printf "round %d: CPU per record over the steady phase, throttled / unthrottled: %.2f\n", r, a/o}'
done
plain=$(produce 44568 "$RECORDS"); plain=${plain#* }; plain=${plain#* }
agg=$(produce 44568 "$AGG_EVENTS" --aggregation); agg=${agg#* }; agg=${agg#* }
echo "aws limits, 2 shards: plain $(rate "$plain") events/s; --aggregation $(rate "$agg") events/s ($AGG_EVENTS events): $(awk -v a="$(rate "$agg")" -v p="$(rate "$plain")" 'BEGIN{printf "%.1f", a/p}')x"
echo "  plain:      $plain"
echo "  aggregated: $agg"
