#!/usr/bin/env bash
# What a stream at rest costs (issue 28), under 10 minutes per round.
# Usage: consumer/bench/idle.sh [SHARDS] [ROUNDS] [QUIET_SECONDS]   (from the repository root, after mvn package)
# Starts its own local stack on ports 34568/38000/39000 (--kinesis-limits $KINESIS_LIMITS, default aws, as the
# quick start) with data under /tmp/consumer-idle-bench, creates a stream of SHARDS (default 64) shards, then
# ROUNDS (1) times: the archiver without the quiet-shard back-off (maxIdleTimeBetweenReadsInMillis 0) and as
# shipped, each beside the counter (config/local/sample.properties and counter.properties). Prints the CPU of
# the archiver, the counter and the engine over QUIET_SECONDS (60) of quiet, the archiver's RSS and threads,
# and, for one record put into each of 8 quiet shards, how long after its put it was archived and counted
# (median and worst).
# The consumers are started as users start them: bin/consumer (the launcher and its JVM options).
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARDS=${1:-64}
ROUNDS=${2:-1}
QUIET=${3:-60}
# shellcheck source=bench/stack.sh disable=SC2034
BENCH=idle.sh WORK=/tmp/consumer-idle-bench KINESIS_PORT=34568 DYNAMODB_PORT=38000 S3_PORT=39000 LIMITS="${KINESIS_LIMITS:-aws}"
. bench/stack.sh
java -cp "$CP" dev.clickstream.consumer.bench.IdleBench "$KINESIS_PORT" "$DYNAMODB_PORT" "$S3_PORT" "$SHARDS" consumer/target/consumer.jar \
  "$WORK" config/local/sample.properties config/local/counter.properties "$ROUNDS" "$QUIET" "$WORK/stack/s3"
