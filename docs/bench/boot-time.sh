#!/usr/bin/env bash
# Measures how long the built distribution takes from process start to GET /api/health = 200,
# and its resident memory once idle. Usage: docs/bench/boot-time.sh [runs]  (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/../.."
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
  sleep 5
  rss=$(ps -o rss= -p "$pid")
  kill -TERM "$pid"; wait "$pid" || true
  echo "run $i: healthy after ${ready} ms, RSS idle $((rss / 1024)) MB"
  rm -rf "$data"
done
