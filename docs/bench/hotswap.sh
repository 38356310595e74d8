#!/usr/bin/env bash
# Replaces the sandbox provider's jar in deploy/ again and again (and removes and restores it once)
# in a running Tender under an open-model load of payment creations from another process, and
# prints requests, failures, lost and doubled payments and the latency callers saw.
#   Usage: docs/bench/hotswap.sh [rate per second, default 200] [swaps, default 10]   (after mvn package)
# It runs a copy of the built distribution in a temporary folder, so the build's deploy/ is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
. docs/bench/tender-process.sh
rate=${1:-200}
swaps=${2:-10}
port=${TENDER_HTTP_PORT:-18081}
work=$(mktemp -d)
cp -r distribution/target/tender "$work/tender"
rm -rf "$work/tender/data"
password="bench owner password"
TENDER_HTTP_PORT=$port TENDER_DATA_DIR="$work/data" TENDER_OWNER_EMAIL=bench@example.com TENDER_OWNER_PASSWORD="$password" \
  "$work/tender/bin/tender" >"$work/tender.log" 2>&1 &
pid=$!
trap 'stop_tender $pid; rm -rf "$work"' EXIT
await_healthy "$pid" "$port" "$work/tender.log"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
java docs/bench/HotSwapLoad.java "http://localhost:$port" bench@example.com "$password" "$work/tender/deploy" "$rate" "$swaps"
