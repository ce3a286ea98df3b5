#!/usr/bin/env bash
# Producer benchmark against a fresh local stack (see docs/drafts/producer-benchmarks.md).
#  1. records/s at the maximum settings (500 records per call, putRecordsTps 0) against a bare
#     loop of SDK PutRecords calls, alternating which goes first, each on its own fresh stream
#     that is deleted afterwards (kinesis-local slows down as it fills up);
#  2. CPU seconds and peak RSS of the producer JVM: a run of RECORDS_CPU records minus a run of
#     one record (JVM start-up, SDK set-up), scaled to 100,000 records.
# Needs: mvn -pl producer package (producer/target/producer.jar), local/target/local-stack.jar, GNU time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/producer/target/producer.jar
BARE=$ROOT/producer/bench/BareLoop.java
KINESIS_PORT=${KINESIS_PORT:-14568}
DYNAMODB_PORT=${DYNAMODB_PORT:-18000}
S3_PORT=${S3_PORT:-19000}
DATA=${DATA:-/tmp/producer-bench}
RECORDS=${RECORDS:-10000}        # per throughput measurement
SHARDS=${SHARDS:-4}
ROUNDS=${ROUNDS:-4}        # 0: only the CPU/RSS part
RECORDS_CPU=${RECORDS_CPU:-20000}
SHARDS_CPU=${SHARDS_CPU:-40}
ENDPOINT=http://127.0.0.1:$KINESIS_PORT

rm -rf "$DATA"; mkdir -p "$DATA"; cd "$DATA"
STACK=
start_stack() {   # a fresh stack: kinesis-local keeps counting the shards of deleted streams against its limit of 50
  stop_stack; rm -rf "$DATA/data"
  java -jar "$ROOT/local/target/local-stack.jar" --kinesis-port "$KINESIS_PORT" --dynamodb-port "$DYNAMODB_PORT" \
    --s3-port "$S3_PORT" --data-dir "$DATA/data" > stack.out 2>&1 &
  STACK=$!
  for _ in $(seq 1 120); do grep -q ready stack.out && return; sleep 0.5; done
  cat stack.out; exit 1
}
stop_stack() { if [[ -n "$STACK" ]]; then kill -TERM "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null || true; STACK=; fi; }
trap stop_stack EXIT
start_stack

uid() { echo "$1-$(date +%s%N)"; }
bare() {   # prints records/s
  local s; s=$(uid bare)
  java -cp "$JAR" "$BARE" "$ENDPOINT" "$s" "$SHARDS" "$1" 500 | sed -E 's/.*: ([0-9]+) records\/s/\1/'
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
}
producer() {   # prints records/s
  local s; s=$(uid producer)
  java -jar "$JAR" --kinesis-endpoint "$ENDPOINT" --aws-credentials-provider 'StaticCredentialsProvider|local|local' \
    --wait-between-describe-calls-in-seconds 1 --stream "$s" --shards "$SHARDS" --count "$1" \
    --put-records-tps 0 --records-to-write-per-batch 500 --progress-interval 0 \
    | grep '^done' | sed -E 's/.*; ([0-9]+) records\/s/\1/'
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
}

if (( ROUNDS > 0 )); then
echo "warm-up (not counted): bare $(bare 5000) records/s, producer $(producer 5000) records/s"
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then b=$(bare "$RECORDS"); p=$(producer "$RECORDS"); else p=$(producer "$RECORDS"); b=$(bare "$RECORDS"); fi
  echo "round $r: bare $b records/s, producer $p records/s, ratio $(awk -v p="$p" -v b="$b" 'BEGIN{printf "%.2f", p/b}')"
done
fi

measure() {   # records shards -> "user sys maxrss_kb"
  local s; s=$(uid cpu)
  /usr/bin/time -f '%U %S %M' -o time.out java -jar "$JAR" --kinesis-endpoint "$ENDPOINT" \
    --aws-credentials-provider 'StaticCredentialsProvider|local|local' --wait-between-describe-calls-in-seconds 1 \
    --stream "$s" --shards "$2" --count "$1" --put-records-tps 0 --records-to-write-per-batch 500 \
    --progress-interval 0 > /dev/null
  cat time.out
}
start_stack
read -r u1 s1 m1 < <(measure 1 "$SHARDS_CPU")
start_stack
read -r un sn mn < <(measure "$RECORDS_CPU" "$SHARDS_CPU")
echo "producer, 1 record:      cpu $(awk -v u="$u1" -v s="$s1" 'BEGIN{printf "%.2f", u+s}') s, peak RSS $((m1/1024)) MB"
echo "producer, $RECORDS_CPU records: cpu $(awk -v u="$un" -v s="$sn" 'BEGIN{printf "%.2f", u+s}') s, peak RSS $((mn/1024)) MB"
awk -v u1="$u1" -v s1="$s1" -v un="$un" -v sn="$sn" -v n="$RECORDS_CPU" \
  'BEGIN{printf "per 100,000 records beyond start-up: %.2f CPU s\n", ((un+sn)-(u1+s1))*100000/n}'
