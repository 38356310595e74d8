#!/usr/bin/env bash
# Measures how long the built distribution takes from process start to GET /api/health = 200, the
# CPU time the JVM spent until then (all threads, the JIT's included: above the wall time, the boot
# kept more than one core busy), and its resident memory once idle.
# Usage: docs/bench/boot-time.sh [runs]  (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docs/bench/stop-tender.sh
runs=${1:-3}
port=${TENDER_HTTP_PORT:-18080}
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  TENDER_HTTP_PORT=$port TENDER_DATA_DIR=$data distribution/target/tender/bin/tender >"$data/out.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "localhost:$port/api/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "tender exited; see $data/out.log"; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  # utime and stime, fields 14 and 15 of /proc/<pid>/stat (the command name, field 2, has no spaces here)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  sleep 5
  rss=$(ps -o rss= -p "$pid")
  stop_tender "$pid"
  echo "run $i: healthy after ${ready} ms, CPU ${cpu} ms, RSS idle $((rss / 1024)) MB"
  rm -rf "$data"
done
