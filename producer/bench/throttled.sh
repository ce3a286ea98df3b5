#!/usr/bin/env bash
# The producer against Kinesis's write limits (issue 28): two fresh local stacks, one with
# --kinesis-limits aws and one with off; ROUNDS times, alternately, producer.jar sends RECORDS click
# events (500 per call, putRecordsTps 0) into a fresh 2-shard stream on each, and once with
# --aggregation on the aws stack. Prints records/s, retried and failed, and CPU per record (the JVM
# bin/producer starts, as users start it) over the steady sending phase: from the progress line at
# which 10 % of the records were acknowledged to the one at 90 %, the JVM's CPU read from /proc as
# each line appears, so neither start-up nor the stream's creation count, however long the run; with
# the ratio throttled / unthrottled: the back-off must not burn CPU. The throttled run lasts several
# times as long, so the ratio is also given less the JVM's background CPU per second (GC, JIT,
# timers), measured in each round on a producer that sends 2 records a second. Also the whole run's
# CPU per record (start-up included). Then events/s with --aggregation over plain, both under aws limits.
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
# port count [flags...] -> "acknowledged cpu_ticks seconds whole_run_us_per_record summary-line": the first three
# from the progress line at 10 % of count acknowledged to the one at 90 % (the steady sending phase).
# TPS and BATCH (default 0 and 500: as fast as the shards accept) set putRecordsTps and the records per call.
produce() {
  local port=$1 count=$2; shift 2
  local s
  s="t-$(date +%s%N)"
  env -u JAVA_OPTS CLICKSTREAM_LIB="$(dirname "$JAR")" "$ROOT/bin/producer" --kinesis-endpoint "http://127.0.0.1:$port" \
    --aws-credentials-provider 'StaticCredentialsProvider|local|local' --wait-between-describe-calls-in-seconds 1 \
    --stream "$s" --shards 2 --count "$count" --seed 1 --put-records-tps "${TPS:-0}" \
    --records-to-write-per-batch "${BATCH:-500}" --progress-interval 250ms "$@" > out.txt 2>&1 &
  local pid=$! seen=0 lines ticks last=0
  : > samples.txt
  # bin/producer execs the JVM: $pid is the JVM. Each new complete progress line: its acknowledged
  # count, the JVM's CPU so far and the time.
  while ticks=$(cpu_ticks "$pid") && [[ -n $ticks ]]; do
    last=$ticks
    lines=$(grep -c '^progress:.*records/s' out.txt || true)
    if (( lines > seen )); then
      seen=$lines
      echo "$(grep '^progress:.*records/s' out.txt | tail -1 | sed -E 's/.*acknowledged ([0-9]+),.*/\1/') $ticks $EPOCHREALTIME" >> samples.txt
    fi
    sleep 0.05
  done
  wait "$pid" || { cat out.txt >&2; exit 1; }
  awk -v n="$count" -v tick="$TICK" -v total="$last" '
    $1 !~ /^[0-9]+$/ { next }
    $1 >= 0.1 * n && !a { a = 1; a0 = $1; t0 = $2; s0 = $3 }
    $1 <= 0.9 * n { a1 = $1; t1 = $2; s1 = $3 }
    END { if (!a || a1 <= a0) { a1 = a0 = t1 = t0 = s1 = s0 = 0 }
          printf "%d %d %.3f %.1f", a1 - a0, t1 - t0, s1 - s0, total * 1e6 / tick / n }' samples.txt
  echo " $(grep -E '^(done|stopped)' out.txt)"
}
# acknowledged ticks seconds [background ticks per second] -> CPU µs per record over the window, less the background
per_record() { awk -v a="$1" -v t="$2" -v s="$3" -v b="${4:-0}" -v tick="$TICK" \
  'BEGIN { if (a > 0) printf "%.1f", (t - b * s) * 1e6 / tick / a; else printf "n/a" }'; }
rate() { sed -E 's/.*; ([0-9]+) (records|events)\/s.*/\1/' <<< "$1"; }

echo "| round | limits | records/s | retried | failed | CPU µs/record, 10-90 % | less the idle JVM's | whole run |"
echo "|---|---|---|---|---|---|---|---|"
declare -A cpu net
for round in $(seq 1 "$ROUNDS"); do
  # the JVM's own background (GC, JIT, timers, event loops) per second, whatever it sends: 2 one-record calls a second
  read -r a t sec _ <<< "$(TPS=2 BATCH=1 produce 44578 60)"
  background=$(awk -v t="$t" -v s="$sec" 'BEGIN { printf "%.3f", (s > 0 ? t / s : 0) }')
  echo "round $round: the producer's background at 2 records/s: $(awk -v b="$background" -v tick="$TICK" 'BEGIN { printf "%.1f", 100 * b / tick }') % of a core"
  for side in aws off; do
    port=44568; [[ $side == off ]] && port=44578
    read -r a t sec whole summary <<< "$(produce $port "$RECORDS")"
    cpu[$round$side]=$(per_record "$a" "$t" "$sec")
    net[$round$side]=$(per_record "$a" "$t" "$sec" "$background")
    read -r retried failed <<< "$(sed -E 's/.*retried ([0-9]+), failed ([0-9]+).*/\1 \2/' <<< "$summary")"
    echo "| $round | $side | $(rate "$summary") | $retried | $failed | ${cpu[$round$side]} | ${net[$round$side]} | $whole |"
  done
  awk -v a="${cpu[${round}aws]}" -v o="${cpu[${round}off]}" -v na="${net[${round}aws]}" -v no="${net[${round}off]}" -v r="$round" \
    'BEGIN{printf "round %d: CPU per record over the steady phase, throttled / unthrottled: %.2f; less the background: %.2f\n", r, a/o, na/no}'
done
read -r _ _ _ _ plain <<< "$(produce 44568 "$RECORDS")"
read -r _ _ _ _ agg <<< "$(produce 44568 "$AGG_EVENTS" --aggregation)"
echo "aws limits, 2 shards: plain $(rate "$plain") events/s; --aggregation $(rate "$agg") events/s ($AGG_EVENTS events): $(awk -v a="$(rate "$agg")" -v p="$(rate "$plain")" 'BEGIN{printf "%.1f", a/p}')x"
echo "  plain:      $plain"
echo "  aggregated: $agg"
