#!/usr/bin/env bash
# Producer benchmark against a fresh local stack (figures in docs/benchmarks.md).
#  1. records/s at the maximum settings (500 records per call, putRecordsTps 0, PRODUCER_ARGS)
#     against the engine's ceiling: the best of 1, 2 and 4 concurrent bare loops of SDK PutRecords
#     calls, alternating which side goes first, each on its own fresh stream that is deleted
#     afterwards, so that every measurement starts alike;
#  2. CPU seconds and peak RSS of the producer, plain and with --aggregation: a run of
#     RECORDS_CPU records minus a run of one record (JVM start-up, SDK set-up), per record; and CPU
#     per record between the first and the last progress line of a longer run. The producer is
#     started as users start it, by bin/producer (the launcher and its JVM options): one JVM.
#     The bare loop's CPU per record after its first fifth of the records, alternately with the
#     plain producer's, is the SDK's floor: the ratio holds across the machine's fast and slow phases.
# BENCH_BASELINE_JAR=path/to/another/producer.jar (named producer.jar; run through bin/producer too): the CPU-while-sending part runs that build and
# this one alternately, SENDING_ROUNDS times (default 2), and prints the ratio of each pair.
# Needs: mvn -pl producer package (producer/target/producer.jar), local/target/local-stack.jar, GNU time.
set -euo pipefail

KINESIS_PORT=${KINESIS_PORT:-14568}
DYNAMODB_PORT=${DYNAMODB_PORT:-18000}
S3_PORT=${S3_PORT:-19000}
DATA=${DATA:-/tmp/producer-bench}
RECORDS=${RECORDS:-10000}        # per throughput measurement
SHARDS=${SHARDS:-4}
ROUNDS=${ROUNDS:-2}        # 0: only the CPU/RSS part
PRODUCER_ARGS=${PRODUCER_ARGS:---max-in-flight 8}
RECORDS_CPU=${RECORDS_CPU:-20000}
SHARDS_CPU=${SHARDS_CPU:-40}
RECORDS_SENDING_PLAIN=${RECORDS_SENDING_PLAIN:-100000}           # a window of several seconds on kinesalite
RECORDS_SENDING_AGGREGATED=${RECORDS_SENDING_AGGREGATED:-600000}   # aggregated runs are fast: more records for a window of several seconds
FLOOR_ROUNDS=${FLOOR_ROUNDS:-2}   # rounds of the bare loop and the plain producer, alternately, CPU while sending

# shellcheck source=producer/bench/stack.sh
. "$(dirname "$0")/stack.sh"
start_stack

uid() { echo "$1-$(date +%s%N)"; }
launch() {   # jar [producer args]: bin/producer, the users' launch (exec: one process), with that jar
  local jar=$1; shift
  env -u JAVA_OPTS CLICKSTREAM_LIB="$(dirname "$jar")" "$ROOT/bin/producer" "$@"
}
bare() {   # records [loops] -> records/s
  local s; s=$(uid bare)
  java -cp "$JAR" "$BARE" "$ENDPOINT" "$s" "$SHARDS" "$1" 500 "${2:-1}" | sed -E 's/.*: ([0-9]+) records\/s.*/\1/'
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
}
ceiling() {   # records -> "best loops1/loops2/loops4"
  local a b c; a=$(bare "$1" 1); b=$(bare "$1" 2); c=$(bare "$1" 4)
  echo "$(printf '%s\n' "$a" "$b" "$c" | sort -n | tail -1) $a/$b/$c"
}
producer() {   # prints records/s
  local s; s=$(uid producer)
  launch "$JAR" --kinesis-endpoint "$ENDPOINT" --aws-credentials-provider 'StaticCredentialsProvider|local|local' \
    --wait-between-describe-calls-in-seconds 1 --stream "$s" --shards "$SHARDS" --count "$1" \
    --put-records-tps 0 --records-to-write-per-batch 500 --progress-interval 0 $PRODUCER_ARGS \
    | grep '^done' | sed -E 's/.*; ([0-9]+) records\/s.*/\1/'
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
}

if (( ROUNDS > 0 )); then
echo "warm-up (not counted): bare $(bare 5000) records/s, producer $(producer 5000) records/s"
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then read -r b loops < <(ceiling "$RECORDS"); p=$(producer "$RECORDS")
  else p=$(producer "$RECORDS"); read -r b loops < <(ceiling "$RECORDS"); fi
  echo "round $r: ceiling $b records/s (1/2/4 loops: $loops), producer $p records/s, ratio $(awk -v p="$p" -v b="$b" 'BEGIN{printf "%.2f", p/b}')"
done
fi

tree() {   # pid -> "cpu_ticks rss_hwm_kb pss_kb" of the process and its children, summed (PSS counts shared JVM pages once)
  local t=0 m=0 q=0 p v
  for p in "$1" $(pgrep -P "$1" || true); do
    [[ -r /proc/$p/stat ]] || continue
    # a process that just ended (a zombie) has a stat but no VmHWM or Pss line: count 0. CPU counts the
    # reaped children too ($16+$17): once the launcher reaps the child JVM, its time moves there
    v=$(awk '{print $14+$15+$16+$17}' "/proc/$p/stat" 2>/dev/null || true); t=$((t + ${v:-0}))
    v=$(awk '/VmHWM/{print $2}' "/proc/$p/status" 2>/dev/null || true); m=$((m + ${v:-0}))
    v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true); q=$((q + ${v:-0}))
  done
  echo "$t $m $q"
}
measure() {   # records shards [extra args] -> "user sys maxrss_kb maxpss_kb" (CPU from GNU time; RSS, PSS of the JVM)
  local s tp jp hwm=0 pss=0 m q; s=$(uid cpu)
  /usr/bin/time -f '%U %S %M' -o time.out env -u JAVA_OPTS CLICKSTREAM_LIB="$(dirname "$JAR")" "$ROOT/bin/producer" \
    --kinesis-endpoint "$ENDPOINT" \
    --aws-credentials-provider 'StaticCredentialsProvider|local|local' --wait-between-describe-calls-in-seconds 1 \
    --stream "$s" --shards "$2" --count "$1" --put-records-tps 0 --records-to-write-per-batch 500 \
    --progress-interval 0 $PRODUCER_ARGS "${@:3}" > /dev/null &
  tp=$!
  while kill -0 "$tp" 2>/dev/null; do
    jp=$(pgrep -P "$tp" | head -1 || true)
    if [[ -n $jp ]]; then
      read -r _ m q < <(tree "$jp")
      (( m > hwm )) && hwm=$m
      (( q > pss )) && pss=$q
    fi
    sleep 0.05
  done
  wait "$tp"
  awk -v m="$hwm" -v q="$pss" '{print $1, $2, (m > $3 ? m : $3), q}' time.out
}
cpu_part() {   # label [extra args]
  local u1 s1 m1 q1 un sn mn qn
  start_stack
  read -r u1 s1 m1 q1 < <(measure 1 "$SHARDS_CPU" "${@:2}")
  start_stack
  read -r un sn mn qn < <(measure "$RECORDS_CPU" "$SHARDS_CPU" "${@:2}")
  echo "producer $1, 1 record:      cpu $(awk -v u="$u1" -v s="$s1" 'BEGIN{printf "%.2f", u+s}') s, peak RSS $((m1/1024)) MB, peak PSS $((q1/1024)) MB"
  echo "producer $1, $RECORDS_CPU records: cpu $(awk -v u="$un" -v s="$sn" 'BEGIN{printf "%.2f", u+s}') s, peak RSS $((mn/1024)) MB, peak PSS $((qn/1024)) MB"
  awk -v u1="$u1" -v s1="$s1" -v un="$un" -v sn="$sn" -v n="$RECORDS_CPU" -v l="$1" \
    'BEGIN{printf "producer %s: %.1f CPU us per record beyond start-up\n", l, ((un+sn)-(u1+s1))*1e6/n}'
}
sending() {   # label records [extra args]: CPU per record between the first and the last progress line (1 s apart); sets US
  local jar=${SENDING_JAR:-$JAR} s out pid n=0 seen=0 first_t= first_a=0 last_t=0 last_a=0 hwm=0 pss=0 t a m q
  s=$(uid sending); out=$DATA/sending.out
  start_stack
  launch "$jar" --kinesis-endpoint "$ENDPOINT" --aws-credentials-provider 'StaticCredentialsProvider|local|local' \
    --wait-between-describe-calls-in-seconds 1 --stream "$s" --shards "$SHARDS_CPU" --count "$2" \
    --put-records-tps 0 --records-to-write-per-batch 500 --progress-interval 1s $PRODUCER_ARGS "${@:3}" > "$out" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    n=$(grep -c '^progress' "$out" || true)
    if (( n > seen )) && [[ -r /proc/$pid/stat ]]; then
      seen=$n
      read -r t m q < <(tree "$pid")
      (( q / 1024 > pss )) && pss=$((q / 1024))
      a=$(grep '^progress' "$out" | tail -1 | sed -E 's/.*acknowledged ([0-9]+).*/\1/')
      (( m / 1024 > hwm )) && hwm=$((m / 1024))
      if [[ -z ${first_t:-} ]]; then first_t=$t; first_a=$a; fi
      last_t=$t; last_a=$a
    fi
    sleep 0.05
  done
  wait "$pid" || true
  US=$(awk -v t0="$first_t" -v a0="$first_a" -v t1="$last_t" -v a1="$last_a" -v hz="$(getconf CLK_TCK)" \
    'BEGIN{ if (a1 > a0) printf "%.1f", (t1-t0)/hz*1e6/(a1-a0); else print 0 }')
  if (( last_a > first_a )); then
    echo "producer $1 while sending: $US CPU us per record over $((last_a - first_a)) records; peak RSS so far $hwm MB, PSS $pss MB"
  else
    echo "producer $1: too few progress lines to measure"
  fi
}
floor() {   # the bare loop's CPU per record after its first fifth, on as many records and shards; sets FLOOR
  local s; s=$(uid floor)
  start_stack
  FLOOR=$(java -cp "$JAR" "$BARE" "$ENDPOINT" "$s" "$SHARDS_CPU" "$RECORDS_SENDING_PLAIN" 500 2 \
    | sed -E 's/.*, ([0-9.]+) CPU us per record.*/\1/')
  echo "bare loop while sending: $FLOOR CPU us per record"
}
cpu_part plain
cpu_part aggregated --aggregation
for r in $(seq 1 "$FLOOR_ROUNDS"); do
  if (( r % 2 )); then floor; sending plain "$RECORDS_SENDING_PLAIN"
  else sending plain "$RECORDS_SENDING_PLAIN"; floor; fi
  awk -v r="$r" -v a="$US" -v b="$FLOOR" \
    'BEGIN{ if (a > 0 && b > 0) printf "round %d: CPU per record while sending, producer plain / bare loop: %.2f\n", r, a/b }'
done
sending aggregated "$RECORDS_SENDING_AGGREGATED" --aggregation
if [[ -n ${BENCH_BASELINE_JAR:-} ]]; then
  for r in $(seq 1 "${SENDING_ROUNDS:-2}"); do
    for kind in plain aggregated; do
      n=RECORDS_SENDING_${kind^^}; extra=(); [[ $kind == aggregated ]] && extra=(--aggregation)
      SENDING_JAR=$BENCH_BASELINE_JAR sending "$kind, baseline build" "${!n}" "${extra[@]}"; base=$US
      sending "$kind, this build" "${!n}" "${extra[@]}"
      awk -v r="$r" -v k="$kind" -v a="$US" -v b="$base" \
        'BEGIN{ if (b > 0) printf "round %d, %s: CPU per record while sending, this build / baseline: %.2f\n", r, k, a/b }'
    done
  done
fi
