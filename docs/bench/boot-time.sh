#!/usr/bin/env bash
# Measures how long the built distribution takes from process start to GET /api/health = 200, the
# CPU time the JVM spent until then (all threads, the JIT's included: above the wall time, the boot
# kept more than one core busy), and its resident memory once idle.
# Usage: docs/bench/boot-time.sh [runs] [fresh|restart]  (after mvn package)
#   fresh (the default): every run on a new data folder, so it installs the bundles into the
#   framework's cache and migrates a new database; restart: one boot to make a data folder, not
#   counted, then every run on it, as a node restarts (with the class archive the uncounted boot
#   recorded, unless TENDER_CDS=off)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docs/bench/tender-process.sh
runs=${1:-3}
mode=${2:-fresh}
case "$mode" in fresh | restart) ;; *) echo "the mode is fresh or restart, not $mode" >&2; exit 2 ;; esac
port=${TENDER_HTTP_PORT:-18080}
boot() { # starts Tender on $data, waits until healthy and idle, stops it; sets ready, cpu, rss
  local start pid
  start=$(date +%s%N)
  TENDER_HTTP_PORT=$port TENDER_DATA_DIR=$data distribution/target/tender/bin/tender >"$data/out.log" 2>&1 &
  pid=$!
  await_healthy "$pid" "$port" "$data/out.log"
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  # utime and stime, fields 14 and 15 of /proc/<pid>/stat (the command name, field 2, has no spaces here)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  sleep 5
  rss=$(ps -o rss= -p "$pid")
  stop_tender "$pid"
}
if [ "$mode" = restart ]; then
  data=$(mktemp -d)
  boot
  echo "first boot, not counted: healthy after ${ready} ms"
fi
for i in $(seq 1 "$runs"); do
  if [ "$mode" = fresh ]; then data=$(mktemp -d); fi
  boot
  echo "run $i ($mode): healthy after ${ready} ms, CPU ${cpu} ms, RSS idle $((rss / 1024)) MB"
  if [ "$mode" = fresh ]; then rm -rf "$data"; fi
done
if [ "$mode" = restart ]; then rm -rf "$data"; fi
