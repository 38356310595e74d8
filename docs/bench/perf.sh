#!/usr/bin/env bash
# Measures Tender side by side with a bare Jakarta REST endpoint in the same JVM (issue 9): boot to
# healthy (a first start, then a restart), resident memory idle and under load, payment creation at
# saturation and at fixed rates through the whole stack (HTTP, API key, idempotency, ledger, router,
# the sandbox provider with no simulated latency) against POST /api/bench/bare (one insert, nothing
# else), webhook ingestion (signed, verified, stored once, applied), and the pause callers see
# during provider hot swaps.
#   Usage: docs/bench/perf.sh [seconds per step, default 10] [rates, default "200 500 1000"]
#   (after mvn install -DskipTests; writes benchmarks/target/perf-<time>.txt)
#   BENCH_WARMUP   seconds of load on each path before anything is measured (default 180: the JIT
#                  takes about three minutes of load to settle on 2 cores; see docs/PERFORMANCE.md)
#   BENCH_CLIENTS  connections at saturation (default 32)
#   BENCH_WEBHOOKS webhook events to deliver (default 20000; a fifth of them twice)
#   BENCH_WEBHOOK_WARMUP seconds of webhook load, on other payments, before the measured events
#                  (default a third of BENCH_WARMUP: the webhook path has code no payment runs)
#   BENCH_SWAPS    provider hot swaps under load (default 5; 0 skips the step)
#   BENCH_IDEMPOTENCY 0 sends Tender's payments without an Idempotency-Key (default 1: a new key for
#                  each), to see what idempotency costs a payment
#   JAVA_OPTS      the JVM options of Tender's process
#   TENDER_DB_URL, TENDER_DB_USER, TENDER_DB_PASSWORD: an empty PostgreSQL database to run on
#                  instead of H2 (docs/bench/perf-postgres.sh starts one); the baseline then
#                  inserts into it too. An H2 URL (to try H2's settings) is Tender's alone: the
#                  baseline keeps its own H2 file
# It runs a copy of the built distribution in a temporary folder, with the benchmark's endpoint
# bundle in its deploy/ folder and the per-address rate limits lifted (all load comes from here).
set -euo pipefail
cd "$(dirname "$0")/../.."
. docs/bench/tender-process.sh
secs=${1:-10}
rates=${2:-200 500 1000}
warm=${BENCH_WARMUP:-180}
clients=${BENCH_CLIENTS:-32}
webhooks=${BENCH_WEBHOOKS:-20000}
webhook_warmup=${BENCH_WEBHOOK_WARMUP:-$(( warm / 3 ))}
swaps=${BENCH_SWAPS:-5}
port=${TENDER_HTTP_PORT:-18082}
store=H2
case "${TENDER_DB_URL:-}" in
  "") ;;
  jdbc:h2:*) store="H2 ($TENDER_DB_URL)" ;;
  *) store="PostgreSQL ($TENDER_DB_URL)" ;;
esac
work=$(mktemp -d)
cp -r distribution/target/tender "$work/tender"
rm -rf "$work/tender/data"
cp benchmarks/target/benchmarks-*.jar "$work/tender/deploy/"
printf 'pageRequestsPerSecond=1000000\nwebhookRequestsPerSecond=1000000\n' > "$work/tender/deploy/io.tender.limits.cfg"
mkdir -p benchmarks/target
out="benchmarks/target/perf-$(date -u +%Y%m%dT%H%M%SZ).txt"
password="bench owner password"
gc_log_opts="-Xlog:gc:file=$work/gc.log:timemillis:filecount=0"
boot() { # starts Tender on the benchmark's data folder, waits until healthy; sets pid and boot_ms
  local started
  started=$(date +%s%N)
  # Tender's collector logs every pause, with the time in ms since the epoch, for each step's costs.
  TENDER_HTTP_PORT=$port TENDER_DATA_DIR="$work/data" TENDER_OWNER_EMAIL=bench@example.com TENDER_OWNER_PASSWORD="$password" \
    JAVA_OPTS="$gc_log_opts ${JAVA_OPTS:-}" "$work/tender/bin/tender" >>"$work/tender.log" 2>&1 &
  pid=$!
  await_healthy "$pid" "$port" "$work/tender.log"
  boot_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
trap 'stop_tender $pid; rm -rf "$work"' EXIT
boot
first_boot_ms=$boot_ms
# Then a restart, as a node restarts: on the same data folder, mapping the classes the first start
# recorded as it stopped (bin/tender's class archive, unless TENDER_CDS=off). The load runs on it.
stop_tender "$pid"
boot
body='{"locationId":"bench","methodId":"online-sales","purpose":"sale","reference":"gift-50"}'
tries=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "localhost:$port/api/bench/bare")" = 201 ]; do
  tries=$((tries + 1))
  [ "$tries" -lt 600 ] || { echo "the baseline did not answer 201 within 60 s; the end of $work/tender.log:"; tail -n 30 "$work/tender.log"; exit 1; }
  sleep 0.1
done
# Sends each line of a file of webhook deliveries once (webhooks.lua), at saturation, for at most
# the given seconds. wrk runs for all of its -d even when every thread is done, so it is ended
# (SIGINT, on which it still reports) once each thread has marked its share answered.
deliver() { # file label seconds
  local done="$work/delivered" wrk_pid from_ms from_cpu result
  rm -f "$done".*
  from_ms=$(now_ms); from_cpu=$(cpu_ticks)
  BENCH_EVENTS="$1" BENCH_LABEL="$2" BENCH_DONE="$done" BENCH_THREADS=2 BENCH_CLIENTS=$clients \
    wrk -t2 -c"$clients" -d"$3"s --timeout 60s -s docs/bench/webhooks.lua "http://localhost:$port/api/webhooks/$connection" \
    > "$work/wrk.out" &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null && [ "$(find "$work" -maxdepth 1 -name 'delivered.*' | wc -l)" -lt 2 ]; do
    sleep 0.1
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid"
  result=$(tail -1 "$work/wrk.out")
  echo "$result"
  costs "$result" saturate "$from_ms" "$from_cpu"
}
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # user and system time of Tender's JVM
now_ms() { date +%s%3N; }
# What a step cost Tender's JVM, over the step's whole window (for a fixed rate, the load
# generator's start and its uncounted first seconds too): its collector's pauses and, where every
# request sent was counted (saturation, webhooks), CPU and memory allocated per request, all of the
# JVM's threads included (collector, JIT, H2's writer). Allocation is the heap's growth between
# the collections within the window, scaled to the whole window: with fewer than 3 collections
# there is no such span, and it is not given.
costs() { # step's output line, mode, start (ms since the epoch), Tender's CPU ticks at the start
  local requests cpu_ms
  requests=$(sed -n 's/.* requests=\([0-9]*\) .*/\1/p' <<<"$1")
  cpu_ms=$(( ($(cpu_ticks) - $4) * 1000 / $(getconf CLK_TCK) ))
  awk -v from="$3" -v to="$(now_ms)" -v mode="$2" -v cpu_ms="$cpu_ms" -v requests="${requests:-0}" '
    match($0, /^\[[0-9]+ms\]/) { at = substr($0, 2, RLENGTH - 4) + 0 }
    / Pause / && /ms$/ && match($0, /[0-9]+M->[0-9]+M/) {
      split(substr($0, RSTART, RLENGTH - 1), heap, "M->")
      if (at >= from && at < to) {
        pause = $NF; sub(/ms$/, "", pause)
        pauses++; paused += pause; if (pause + 0 > longest) longest = pause + 0
        if (pauses == 1) first = at; else allocated += heap[1] - after
        last = at
      }
      after = heap[2]
    }
    END {
      line = sprintf("%-12s costs     GC pauses %d, %.0f ms in all, longest %.0f ms", "", pauses, paused, longest)
      if (mode != "rate" && requests > 0) {
        line = line sprintf("; per request %.3f ms CPU", cpu_ms / requests)
        if (pauses >= 3 && last > first)
          line = line sprintf(", %.0f KB allocated", allocated * 1024 * (to - from) / (last - first) / requests)
      }
      print line
    }' "$work/gc.log"
}
sleep 2
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

# Saturation and webhooks are measured with wrk (Debian's package; installed here if missing and
# this user may), which costs the shared cores far less than a JVM client; the fixed rates with
# PaymentLoad.java, an open model that wrk does not have.
if ! command -v wrk >/dev/null; then
  { [ "$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null 2>&1; } || sudo -n apt-get install -y -q wrk >/dev/null 2>&1 || true
fi
load() { java -cp "benchmarks/target/lib/*" docs/bench/PaymentLoad.java "$@"; }
run() { # label mode seconds clients|rate url [header]...
  local label=$1 mode=$2 seconds=$3 n=$4 url=$5 from_ms from_cpu result status=0; shift 5
  from_ms=$(now_ms); from_cpu=$(cpu_ticks)
  if [ "$mode" = saturate ] && command -v wrk >/dev/null; then
    result=$(BENCH_LABEL=$label BENCH_CLIENTS=$n BENCH_BODY=$body BENCH_HEADERS=$(printf '%s\n' "$@") \
      wrk -t2 -c"$n" -d"${seconds}s" --timeout 60s -s docs/bench/saturate.lua "$url" | tail -1) || status=$?
  else
    result=$(load "$label" "$mode" "$url" "$seconds" "$n" "$body" "$@") || status=$?
  fi
  # The step's line first, even when it failed (PaymentLoad exits 3 when no request succeeded).
  echo "$result"
  [ "$status" = 0 ] || return "$status"
  if [ "$label" != warmup ]; then costs "$result" "$mode" "$from_ms" "$from_cpu"; fi
}
idempotency=("Idempotency-Key: *")
[ "${BENCH_IDEMPOTENCY:-1}" != 0 ] || idempotency=()
tender() { run "$1" "$2" "$3" "$4" "http://localhost:$port/api/payments" "Authorization: Bearer $key" "${idempotency[@]}"; }
bare() { run "$1" "$2" "$3" "$4" "http://localhost:$port/api/bench/bare"; }
warmup() { # path: saturation in steps of 30 s for BENCH_WARMUP s, printing the throughput of each step
  local path=$1 done=0 step rates=""
  while [ "$done" -lt "$warm" ]; do
    step=$(( warm - done < 30 ? warm - done : 30 ))
    rates="$rates $("$path" warmup saturate "$step" "$clients" | sed -n 's/.*throughput=\([0-9]*\/s\).*/\1/p')"
    done=$(( done + step ))
  done
  echo "$path warm-up, ${warm} s at saturation in steps of up to 30 s:$rates"
}
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) MB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command: docs/bench/perf.sh $secs \"$rates\" (warm-up ${warm} s a path, clients at saturation $clients), store: $store, JAVA_OPTS: ${JAVA_OPTS:-none}$([ ${#idempotency[@]} -gt 0 ] || echo ", payments without an Idempotency-Key")"
  echo "load generators: saturation and webhooks $(if command -v wrk >/dev/null; then { wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2; else echo 'PaymentLoad.java (wrk is not installed)'; fi), fixed rates PaymentLoad.java"
  echo "boot to healthy: ${first_boot_ms} ms on a fresh data folder, ${boot_ms} ms restarting on it; resident memory idle: ${rss_idle} MB"
  # Warm both paths up (JIT, pools) before anything is measured; the steps show the JIT settling.
  warmup bare
  warmup tender
  bare bare saturate "$secs" "$clients"
  tender tender saturate "$secs" "$clients"
  for rate in $rates; do
    bare bare rate "$secs" "$rate"
    tender tender rate "$secs" "$rate"
  done
  echo "resident memory after the payment load: $(rss) MB"
  if command -v wrk >/dev/null && [ "$webhooks" -gt 0 ]; then
    # checkout.paid for pending payments made above, each applied to its payment; a fifth delivered
    # twice. The warm-up's events concern older pending payments than the measured ones, which are
    # signed after it; it has more of them than it can send in its time.
    if [ "$webhook_warmup" -gt 0 ]; then
      echo "webhook warm-up events: $(java docs/bench/WebhookEvents.java "http://localhost:$port" "$key" bench whsec_bench \
        $(( webhook_warmup * 2000 )) 5 "$work/webhooks-warmup.txt" "$webhooks")"
      if [ -s "$work/webhooks-warmup.txt" ]; then
        deliver "$work/webhooks-warmup.txt" webhook-warm "$webhook_warmup"
      fi
    fi
    echo "webhook events: $(java docs/bench/WebhookEvents.java "http://localhost:$port" "$key" bench whsec_bench "$webhooks" 5 "$work/webhooks.txt")"
    deliver "$work/webhooks.txt" webhooks 600
  else
    echo "webhooks: not measured (wrk is not installed, or BENCH_WEBHOOKS=0)"
  fi
  if [ "$swaps" -gt 0 ]; then
    echo "hot swap: $swaps replacements of the sandbox's jar, then removed for 3 s and restored, under 200 payments/s:"
    java docs/bench/HotSwapLoad.java "http://localhost:$port" bench@example.com "$password" "$work/tender/deploy" 200 "$swaps" | sed 's/^/  /'
  fi
  echo "resident memory at the end: $(rss) MB"
} | tee "$out"
cp "$work/gc.log" "${out%.txt}-gc.log"
echo "written to $out, Tender's GC log to ${out%.txt}-gc.log"
