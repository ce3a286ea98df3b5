#!/usr/bin/env bash
# The local stack's Kinesis over each of the SDK's wire protocols, JSON (aws.cborEnabled=false) and
# CBOR (the SDK's default), in one run on one fresh stack: per round and protocol, a bare loop of
# PutRecords calls (500 records each, LOOPS concurrent loops) into a fresh stream, then the stream
# read back with GetRecords (Limit 10,000, one shard after another), alternating which protocol
# goes first. Prints records/s and the CBOR / JSON ratios, then the engine's codecs on one
# 10,000-record GetRecords answer (local/bench/codecs.js).
# Usage: local/bench/protocols.sh [ROUNDS]   (from the repository root, after mvn package)
set -euo pipefail
ROUNDS=${1:-3}
RECORDS=${RECORDS:-100000}
SHARDS=${SHARDS:-4}
LOOPS=${LOOPS:-2}
KINESIS_PORT=${KINESIS_PORT:-44568} DYNAMODB_PORT=${DYNAMODB_PORT:-48000} S3_PORT=${S3_PORT:-49000}
DATA=${DATA:-/tmp/protocols-bench}
# shellcheck source=producer/bench/stack.sh
. "$(dirname "$0")/../../producer/bench/stack.sh"
start_stack

one() {   # json|cbor -> "put_records_per_s read_records_per_s"
  local s="proto-$1-$(date +%s%N)" flag=() put read
  [[ $1 == json ]] && flag=(-Daws.cborEnabled=false)
  put=$(java "${flag[@]}" -cp "$JAR" "$BARE" "$ENDPOINT" "$s" "$SHARDS" "$RECORDS" 500 "$LOOPS" \
    | sed -E 's/.*: ([0-9]+) records\/s.*/\1/')
  read=$(java "${flag[@]}" -cp "$JAR" "$BARE" contents "$ENDPOINT" "$s" \
    | awk '{printf "%.0f", $1 / $(NF-1)}')
  java -cp "$JAR" "$BARE" delete "$ENDPOINT" "$s"
  echo "$put $read"
}

for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then read -r jp jr < <(one json); read -r cp cr < <(one cbor)
  else read -r cp cr < <(one cbor); read -r jp jr < <(one json); fi
  awk -v r="$r" -v jp="$jp" -v jr="$jr" -v cp="$cp" -v cr="$cr" 'BEGIN{printf "round %d: PutRecords JSON %d, CBOR %d records/s (CBOR / JSON %.2f); GetRecords JSON %d, CBOR %d records/s (%.2f)\n", r, jp, cp, cp/jp, jr, cr, cr/jr}'
done
NODE_PATH=$ROOT/local/target/npm/node_modules node "$ROOT/local/bench/codecs.js"
