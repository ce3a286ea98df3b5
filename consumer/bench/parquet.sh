#!/usr/bin/env bash
# The Parquet archiver against the raw one (issue 25), in one run of backlog.sh.
# Usage: consumer/bench/parquet.sh [RECORDS] [SHARDS] [ROUNDS]   (from the repository root, after mvn package)
# Each round drains the same backlog with consumer.jar twice, raw (the "baseline") then s3.format=PARQUET
# (with parquet.maxBufferAgeMillis equal to the sample's maxBufferAgeMillis, so both flush their tail
# alike), and prints Parquet over raw: drain, CPU per record over the drain and peak RSS.
# The backlog is the producer's records (BENCH_BACKLOG=clicks: partition key = resource); BENCH_BACKLOG=numbered
# gives backlog.sh's numbered records with random partition keys (a 36-character column of distinct values).
# Parquet's bytes against gzip NDJSON of the same columns: ParquetSizeTest in the archive module.
set -euo pipefail
cd "$(dirname "$0")/../.."
AGE=$(sed -n 's/^maxBufferAgeMillis *= *//p' "${SAMPLE:-config/local/sample.properties}")
export BENCH_BACKLOG=${BENCH_BACKLOG:-clicks}
export BENCH_BASELINE_JAR=consumer/target/consumer.jar
export BENCH_BASELINE_SETTINGS="s3.format=RAW"
export BENCH_SETTINGS="s3.format=PARQUET;parquet.maxBufferAgeMillis=${AGE:-5000}"
exec consumer/bench/backlog.sh "${1:-100000}" "${2:-2}" "${3:-1}"
