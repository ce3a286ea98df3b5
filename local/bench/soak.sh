#!/usr/bin/env bash
# Soak of the README's first command: runs `java -jar local/target/local-stack.jar --with-apps` for
# DURATION (default 30m) in a scratch directory on ports of its own, then prints one row per
# minute:
#   - the producer's acknowledged records/s in that minute (from its progress lines);
#   - the largest "ms behind" the tip that the archiver and the counter reported in that minute
#     (the KCL's MillisBehindLatest, from their status lines);
#   - the largest RSS in that minute of every process: launcher, kinesalite, dynalite, producer,
#     archiver, counter, dashboard.
# It ends with PASS when every minute reached 95 records/s with both consumers within 10 s of the
# tip, FAIL otherwise (exit 1).
# Needs: mvn -B -q package -DskipTests.
#   local/bench/soak.sh 30m
# KINESIS_LIMITS=off runs the stack without Kinesis's per-shard limits (default aws, as the README's command).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-30m}
case "$DURATION" in *m) SECONDS_TOTAL=$(( ${DURATION%m} * 60 ));; *s) SECONDS_TOTAL=${DURATION%s};; *) SECONDS_TOTAL=$DURATION;; esac
PORT=${PORT:-34568}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"; cd "$WORK"
if [[ "${SUMMARY_ONLY:-}" == 1 ]]; then   # print the table of a finished run in WORK again
  END=$(tail -1 console.log | cut -d' ' -f1)
else
echo "soak for $DURATION in $WORK"

# The README's command, from the project directory, on ports of its own; every console line stamped.
( cd "$ROOT" && exec java -jar local/target/local-stack.jar --with-apps --data-dir "$WORK/local-data" \
    --kinesis-port "$PORT" --dynamodb-port $((PORT + 1)) --s3-port $((PORT + 2)) --dashboard-port $((PORT + 3)) \
    --kinesis-limits "${KINESIS_LIMITS:-aws}" ) \
  2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(date +%s)" "$line"; done > console.log &
PIPE=$!
sleep 2
LAUNCHER=$(pgrep -f "local-stack.jar --with-apps --data-dir $WORK/local-data" | head -1)
stop() {
  kill -TERM "$LAUNCHER" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  wait "$PIPE" 2>/dev/null || true
}
trap stop EXIT
START=$(date +%s)

# RSS of every process of the tree, every 5 s: "epoch name rss_kb"
name_of() {
  case "$1" in
    *kinesalite*) echo kinesalite;; *dynalite*) echo dynalite;; *producer.jar*) echo producer;;
    *dashboard.jar*) echo dashboard;; *counter.properties*) echo counter;; *consumer.jar*) echo archiver;;
    *local-stack.jar*) echo launcher;; *) echo other;;
  esac
}
while (( $(date +%s) - START < SECONDS_TOTAL )); do
  now=$(date +%s)
  echo "$now launcher $(ps -o rss= -p "$LAUNCHER" 2>/dev/null || echo 0)" >> rss.log
  for pid in $(pgrep -P "$LAUNCHER" || true); do
    args=$(ps -o args= -p "$pid" 2>/dev/null) || continue
    # an app is one JVM (its bin/ launcher execs java); a child it started would count too
    rss=0
    for p in "$pid" $(pgrep -P "$pid" || true); do rss=$((rss + $(ps -o rss= -p "$p" 2>/dev/null || echo 0))); done
    echo "$now $(name_of "$args") $rss" >> rss.log
  done
  sleep 5
done
stop
trap - EXIT
END=$(date +%s)
fi
# minutes count from the producer's first send (the stream is ACTIVE), as a user would time it
SENDING=$(awk '/producer +\| sending/ {print $1; exit}' console.log)
[[ -n "$SENDING" ]] || { echo "the producer never started sending; see $WORK/console.log"; exit 1; }

awk -v start="$SENDING" -v total="$(( END - SENDING ))" '
  function minute(t) { return int((t - start) / 60) + 1 }
  FILENAME == "rss.log" { m = minute($1); if ($3 > rss[m, $2]) rss[m, $2] = $3; names[$2] = 1; next }
  /producer +\| progress: / {
    if (match($0, /acknowledged [0-9]+/)) { a = substr($0, RSTART + 13, RLENGTH - 13) + 0; m = minute($1); ack[m] = a; at[m] = $1 }
  }
  /(archiver|counter) +\|.* ms behind/ {
    app = ($0 ~ /archiver +\|/) ? "archiver" : "counter"
    if (match($0, /[0-9,]+ ms behind/)) {
      v = substr($0, RSTART, RLENGTH - 10); gsub(",", "", v); m = minute($1)
      if (!((m, app) in behind) || v + 0 > behind[m, app]) behind[m, app] = v + 0
    }
  }
  END {
    minutes = int(total / 60); ok = 1; prev = 0; prevAt = start
    printf "%-6s %9s %12s %12s", "minute", "records/s", "archiver ms", "counter ms"
    n = split("launcher kinesalite dynalite producer archiver counter dashboard", order, " ")
    for (i = 1; i <= n; i++) printf " %10s", order[i] "MB"
    printf "\n"
    for (m = 1; m <= minutes; m++) {
      # the rate between the last progress lines of two minutes, over the time between them
      if (!(m in ack)) { ack[m] = prev; at[m] = prevAt + 60 }
      rate = at[m] > prevAt ? (ack[m] - prev) / (at[m] - prevAt) : 0; prev = ack[m]; prevAt = at[m]
      a = ((m, "archiver") in behind) ? behind[m, "archiver"] : -1
      c = ((m, "counter") in behind) ? behind[m, "counter"] : -1
      # the consumers start with the producer: their first minute holds the KCL start-up
      if (rate < 95 || (m > 1 && (a < 0 || a > 10000 || c < 0 || c > 10000))) ok = 0
      printf "%-6d %9.1f %12d %12d", m, rate, a, c
      for (i = 1; i <= n; i++) printf " %10d", rss[m, order[i]] / 1024
      printf "\n"
    }
    print (ok ? "PASS" : "FAIL") ": every minute >= 95 records/s; from minute 2 both consumers <= 10,000 ms behind"
    exit ok ? 0 : 1
  }' rss.log console.log
