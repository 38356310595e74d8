#!/usr/bin/env bash
# Measures Tender side by side with a bare Jakarta REST endpoint in the same JVM (issue 9):
# boot to healthy, resident memory idle and under load, and payment creation at saturation and at
# fixed rates, through the whole stack (HTTP, API key, idempotency, ledger, router, the sandbox
# provider with no simulated latency) against POST /api/bench/bare (one insert, nothing else).
#   Usage: docs/bench/perf.sh [seconds per step, default 10] [rates, default "200 500 1000"]
#   (after mvn install -DskipTests; writes benchmarks/target/perf-<time>.txt)
# It runs a copy of the built distribution in a temporary folder, on H2, with the benchmark's
# endpoint bundle in its deploy/ folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
rates=${2:-200 500 1000}
clients=${BENCH_CLIENTS:-32}
port=${TENDER_HTTP_PORT:-18082}
work=$(mktemp -d)
cp -r distribution/target/tender "$work/tender"
rm -rf "$work/tender/data"
cp benchmarks/target/benchmarks-*.jar "$work/tender/deploy/"
mkdir -p benchmarks/target
out="benchmarks/target/perf-$(date -u +%Y%m%dT%H%M%SZ).txt"
password="bench owner password"
started=$(date +%s%N)
TENDER_HTTP_PORT=$port TENDER_DATA_DIR="$work/data" TENDER_OWNER_EMAIL=bench@example.com TENDER_OWNER_PASSWORD="$password" \
  "$work/tender/bin/tender" >"$work/tender.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs -o /dev/null "localhost:$port/api/health"; do
  kill -0 "$pid" 2>/dev/null || { echo "tender exited; see $work/tender.log"; exit 1; }
  sleep 0.02
done
boot_ms=$(( ($(date +%s%N) - started) / 1000000 ))
body='{"locationId":"bench","methodId":"online-sales","purpose":"sale","reference":"gift-50"}'
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "localhost:$port/api/bench/bare")" = 201 ]; do
  sleep 0.1
done
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
rss_idle=$(rss)

# A location selling a gift card through the sandbox, and an API key for it.
jar="$work/cookies"
csrf=$(curl -fs -c "$jar" -H 'Content-Type: application/json' -d "{\"email\":\"bench@example.com\",\"password\":\"$password\"}" \
  "localhost:$port/api/session" | sed 's/.*"csrfToken":"\([^"]*\)".*/\1/')
api() { curl -fs -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' "$@"; }
api -d '{"id":"bench","name":"Bench Spa"}' "localhost:$port/api/locations" >/dev/null
connection=$(api -d '{"providerId":"sandbox","name":"Sandbox","settings":{"secretKey":"sk_sandbox_bench","webhookSecret":"whsec_bench","latencyMillis":0}}' \
  "localhost:$port/api/locations/bench/connections" | sed 's/^{"id":"\([^"]*\)".*/\1/')
api -X PUT -d '{"name":"Gift card","price":5000,"currency":"EUR","giftCard":{"validityDays":365}}' "localhost:$port/api/locations/bench/sales/gift-50" >/dev/null
api -X PUT -d "{\"enabled\":true,\"connectionId\":\"$connection\"}" "localhost:$port/api/locations/bench/methods/online-sales" >/dev/null
key=$(api -d '{"name":"bench","role":"LOCATION_ADMIN","locations":["bench"]}' "localhost:$port/api/api-keys" \
  | sed 's/.*"secret":"\([^"]*\)".*/\1/')

# Saturation is measured with wrk (Debian's package; installed here if missing and this user may),
# which costs the shared 2 cores far less than a JVM client; the fixed rates with PaymentLoad.java,
# an open model that wrk does not have.
if ! command -v wrk >/dev/null; then
  { [ "$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null 2>&1; } || sudo -n apt-get install -y -q wrk >/dev/null 2>&1 || true
fi
load() { java -cp benchmarks/target/lib/HdrHistogram.jar docs/bench/PaymentLoad.java "$@"; }
run() { # label mode seconds clients|rate url [header]...
  local label=$1 mode=$2 seconds=$3 n=$4 url=$5; shift 5
  if [ "$mode" = saturate ] && command -v wrk >/dev/null; then
    BENCH_LABEL=$label BENCH_CLIENTS=$n BENCH_BODY=$body BENCH_HEADERS=$(printf '%s\n' "$@") \
      wrk -t2 -c"$n" -d"${seconds}s" --timeout 60s -s docs/bench/saturate.lua "$url" | tail -1
  else
    load "$label" "$mode" "$url" "$seconds" "$n" "$body" "$@"
  fi
}
tender() { run "$1" "$2" "$3" "$4" "http://localhost:$port/api/payments" "Authorization: Bearer $key" "Idempotency-Key: *"; }
bare() { run "$1" "$2" "$3" "$4" "http://localhost:$port/api/bench/bare"; }
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) MB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command: docs/bench/perf.sh $secs \"$rates\" (clients at saturation: $clients), store: H2"
  echo "load generators: saturation $(if command -v wrk >/dev/null; then { wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2; else echo 'PaymentLoad.java (wrk is not installed)'; fi), fixed rates PaymentLoad.java"
  echo "boot to healthy: ${boot_ms} ms; resident memory idle: ${rss_idle} MB"
  # Warm both paths up (JIT, pools) before anything is measured.
  bare warmup saturate "$secs" "$clients" >/dev/null
  tender warmup saturate "$secs" "$clients" >/dev/null
  bare bare saturate "$secs" "$clients"
  tender tender saturate "$secs" "$clients"
  for rate in $rates; do
    bare bare rate "$secs" "$rate"
    tender tender rate "$secs" "$rate"
  done
  echo "resident memory after the load: $(rss) MB"
} | tee "$out"
echo "written to $out"
