#!/usr/bin/env bash
# What dropping the class-data archive costs: the start of the producer and of the consumer, each
# through its launcher (bin/producer, bin/consumer: the users' launch), without and with an AppCDS
# archive of its jar, alternately, ROUNDS times, in one run against a local stack of its own.
# Producer: CPU and wall time of `--count 1` (start, stream set-up, one record, exit).
# Consumer: CPU and wall time from the launch to its first lease (config/local/sample.properties).
# Usage: bench/class-archive.sh [ROUNDS]   (from the repository root, after mvn -B -q package -DskipTests)
set -euo pipefail
ROUNDS=${1:-3}
KINESIS_PORT=${KINESIS_PORT:-27568}
DYNAMODB_PORT=${DYNAMODB_PORT:-27800}
S3_PORT=${S3_PORT:-27900}
DATA=${DATA:-/tmp/class-archive-bench}
# shellcheck source=producer/bench/stack.sh
. "$(dirname "$0")/../producer/bench/stack.sh"
start_stack
HZ=$(getconf CLK_TCK)
CDS_QUIET="-Xlog:cds*=off"

producer() {   # stream [JAVA_OPTS] -> "cpu_s wall_s"
  /usr/bin/time -f '%U %S %e' -o "$DATA/time.out" env JAVA_OPTS="${2:-}" LOG_DIR="$DATA/logs-producer" \
    "$ROOT/bin/producer" --kinesis-endpoint "$ENDPOINT" --aws-credentials-provider 'StaticCredentialsProvider|local|local' \
    --wait-between-describe-calls-in-seconds 1 --stream "$1" --shards 1 --count 1 > /dev/null
  awk '{printf "%.2f %.2f\n", $1 + $2, $3}' "$DATA/time.out"
}
consumer() {   # stream name [JAVA_OPTS] -> "cpu_s wall_s" at the first lease
  local props=$DATA/$2.properties logs=$DATA/logs-$2 pid start t
  sed -e "s|^streamName *=.*|streamName = $1|" -e "s|^applicationName *=.*|applicationName = $2|" \
    -e "s|^kinesisEndpoint *=.*|kinesisEndpoint = $ENDPOINT|" \
    -e "s|^dynamoDBEndpoint *=.*|dynamoDBEndpoint = http://127.0.0.1:$DYNAMODB_PORT|" \
    -e "s|^s3Endpoint *=.*|s3Endpoint = http://127.0.0.1:$S3_PORT|" "$ROOT/config/local/sample.properties" > "$props"
  start=$(date +%s.%N)
  JAVA_OPTS="${3:-}" LOG_DIR=$logs "$ROOT/bin/consumer" --properties "$props" > "$DATA/$2.out" 2>&1 &
  pid=$!
  until grep -qs "Initializing record processor" "$logs/application.log"; do
    kill -0 "$pid" 2>/dev/null || { echo "consumer $2 ended; see $DATA/$2.out" >&2; exit 1; }
    sleep 0.05
  done
  t=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  awk -v t="$t" -v hz="$HZ" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.2f %.2f\n", t / hz, e - s}'
  kill -TERM "$pid"; wait "$pid" || true
}

producer cds-train > /dev/null   # creates the stream the consumers read (one shard, one record)
echo "training runs write the archives (not counted)"
producer cds-train "-XX:ArchiveClassesAtExit=$DATA/producer.jsa $CDS_QUIET" > /dev/null
consumer cds-train train "-XX:ArchiveClassesAtExit=$DATA/consumer.jsa $CDS_QUIET" > /dev/null
du -m "$DATA"/*.jsa | sed "s/^/  MB: /"
with_p="-XX:SharedArchiveFile=$DATA/producer.jsa $CDS_QUIET"
with_c="-XX:SharedArchiveFile=$DATA/consumer.jsa $CDS_QUIET"
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then read -r pc0 pw0 < <(producer "cds-$r-a"); read -r pc1 pw1 < <(producer "cds-$r-b" "$with_p")
  else read -r pc1 pw1 < <(producer "cds-$r-b" "$with_p"); read -r pc0 pw0 < <(producer "cds-$r-a"); fi
  if (( r % 2 )); then read -r cc0 cw0 < <(consumer cds-train "plain-$r"); read -r cc1 cw1 < <(consumer cds-train "cds-$r" "$with_c")
  else read -r cc1 cw1 < <(consumer cds-train "cds-$r" "$with_c"); read -r cc0 cw0 < <(consumer cds-train "plain-$r"); fi
  awk -v r="$r" -v pc0="$pc0" -v pc1="$pc1" -v pw0="$pw0" -v pw1="$pw1" -v cc0="$cc0" -v cc1="$cc1" -v cw0="$cw0" -v cw1="$cw1" 'BEGIN{
    printf "round %d: producer --count 1: CPU %.2f s without, %.2f s with (without/with %.2f); wall %.2f/%.2f s (%.2f)\n", r, pc0, pc1, pc0/pc1, pw0, pw1, pw0/pw1
    printf "round %d: consumer to its first lease: CPU %.2f s without, %.2f s with (without/with %.2f); wall %.2f/%.2f s (%.2f)\n", r, cc0, cc1, cc0/cc1, cw0, cw1, cw0/cw1 }'
done
