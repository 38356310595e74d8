# Sourced by the benchmark scripts: starting and stopping Tender's process.

# await_healthy PID PORT LOG [SECONDS]: waits until Tender answers 200 on /api/health. If it exits
# first, or is not healthy within SECONDS (default 180), prints the end of its output and exits 1: a
# Tender that cannot open its store runs on, unhealthy, and a wait without a limit hung the script.
await_healthy() {
  local pid=$1 port=$2 log=$3 limit=${4:-180} deadline
  deadline=$(( $(date +%s) + limit ))
  until curl -fs -o /dev/null "localhost:$port/api/health"; do
    if ! running "$pid"; then
      echo "Tender exited before it was healthy; the end of $log:"; tail -n 30 "$log"; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "Tender was not healthy within $limit s; the end of $log:"; tail -n 30 "$log"; exit 1
    fi
    sleep 0.02
  done
}

# stop_tender PID: stops Tender's JVM with SIGTERM (its shutdown hook stops every bundle), and kills
# it if it is still running 30 s later. A JVM out of heap can spend its shutdown in the collector
# for ever: left behind, it took both cores from whatever ran next, and waiting for it hung the script.
stop_tender() {
  local pid=$1 tenths=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while running "$pid" && [ "$tenths" -lt 300 ]; do sleep 0.1; tenths=$((tenths + 1)); done
  if running "$pid"; then
    echo "Tender did not stop within 30 s of SIGTERM: killed" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# running PID: whether the process runs; an exited child nobody waited for yet (a zombie) does not.
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]
}
