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
# BENCH_BACKLOG=clicks fills the stream with the producer's records (one resource per shard as partition key)
# instead of numbered click events with random partition keys.
# KINESIS_LIMITS=aws runs the stack with Kinesis's per-shard limits (default off).
# WORK, KINESIS_PORT, DYNAMODB_PORT and S3_PORT override the data directory and ports above (two benches at once).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS=${1:-200000}
SHARDS=${2:-4}
ROUNDS=${3:-2}
# shellcheck source=bench/stack.sh disable=SC2034
BENCH=backlog.sh WORK=${WORK:-/tmp/consumer-bench} KINESIS_PORT=${KINESIS_PORT:-24568} DYNAMODB_PORT=${DYNAMODB_PORT:-28000} S3_PORT=${S3_PORT:-29000} LIMITS="${KINESIS_LIMITS:-off}"
. bench/stack.sh
java -cp "$CP" dev.clickstream.consumer.bench.BacklogBench "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT" "$RECORDS" "$SHARDS" \
  consumer/target/consumer.jar "$WORK" "${SAMPLE:-config/local/sample.properties}" "$ROUNDS"
