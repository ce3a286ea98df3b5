#!/usr/bin/env bash
# Both consumers draining a backlog under Kinesis's read limits (issue 28), a few minutes.
# Usage: consumer/bench/drain-limits.sh [RECORDS] [RECORD_BYTES] [SHARDS] [ROUNDS]   (from the repository root,
# after mvn package)
# Starts its own local stack on ports 54568/58000/59000 with --kinesis-limits aws (always: the read limit is
# what is measured) and data under /tmp/consumer-drain-bench, fills a stream of SHARDS (2) shards with
# RECORDS (64000) click events padded to RECORD_BYTES (1024) bytes, so that the 2 MiB/s per shard binds and not
# the consumers' CPU (a full answer of 10,000 such records is about the 10 MiB Kinesis cuts an answer at, which the
# engine does not); then ROUNDS (1) times the archiver and the counter (config/local/sample.properties and
# counter.properties) at once, and prints how fast the pair read it, as a share of 2 MiB/s x shards.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS=${1:-64000}
RECORD_BYTES=${2:-1024}
SHARDS=${3:-2}
ROUNDS=${4:-1}
# shellcheck source=bench/stack.sh disable=SC2034
BENCH=drain-limits.sh WORK=/tmp/consumer-drain-bench KINESIS_PORT=54568 DYNAMODB_PORT=58000 S3_PORT=59000 LIMITS=aws
. bench/stack.sh
java -cp "$CP" dev.clickstream.consumer.bench.SharedDrainBench "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT" "$RECORDS" "$RECORD_BYTES" "$SHARDS" \
  consumer/target/consumer.jar "$WORK" config/local/sample.properties config/local/counter.properties "$ROUNDS"
