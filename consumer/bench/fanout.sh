#!/usr/bin/env bash
# Enhanced fan-out against polling (issue 31), about 4 minutes a round.
# Usage: consumer/bench/fanout.sh [SHARDS] [ROUNDS] [RATE] [LOAD_SECONDS] [QUIET_SECONDS]   (from the repository
# root, after mvn package)
# Starts its own local stack on free ports (--kinesis-limits $KINESIS_LIMITS, default aws, as the quick start) with
# data under /tmp/consumer-fanout-bench, then ROUNDS (2) times, POLLING then FANOUT, each on a fresh stream of SHARDS
# (16) shards: the real KCL as the consumer builds it from config/local/sample.properties (only retrievalMode
# differs), in a JVM with bin/consumer's options, noting for each record how long after its put processRecords got it.
# Prints the consumer's and the engine's CPU per shard over QUIET_SECONDS (30) of quiet, then, for RATE (200)
# records/s over LOAD_SECONDS (30), put-to-processRecords p50 and p99 and CPU per record, and FANOUT / POLLING ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARDS=${1:-16}
ROUNDS=${2:-2}
RATE=${3:-200}
LOAD=${4:-30}
QUIET=${5:-30}
read -r KINESIS_PORT DYNAMODB_PORT S3_PORT < <(python3 -c 'import socket
s=[socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])
[x.close() for x in s]')
# shellcheck source=bench/stack.sh disable=SC2034
BENCH=fanout.sh WORK=/tmp/consumer-fanout-bench LIMITS="${KINESIS_LIMITS:-aws}"
. bench/stack.sh
JVM_OPTS=$(sed -n 's/^TUNED_JVM_OPTS="\(.*\)"$/\1/p' bin/consumer)
java -cp "$CP" dev.clickstream.consumer.bench.FanOutBench "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT" "$SHARDS" "$ROUNDS" "$QUIET" \
  "$LOAD" "$RATE" config/local/sample.properties "$WORK" "consumer/target/consumer.jar:consumer/target/test-classes" \
  "$JVM_OPTS"
