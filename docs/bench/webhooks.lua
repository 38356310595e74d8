-- wrk script of docs/bench/perf.sh's webhook ingestion step: delivers each line of BENCH_EVENTS
-- ("signature<TAB>body", written by WebhookEvents.java) once, split among wrk's threads, each
-- thread stopping when its share is sent. With BENCH_DONE set, each thread then creates the file
-- BENCH_DONE.<thread index>. Prints one line in the format of PaymentLoad.java.
local threads = {}
-- wrk's own duration is the -d it was given, even when every thread stops early, so the step times
-- itself: from each thread's first request to its last answer, on the monotonic clock.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local function now_ms()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, t)
  return tonumber(t.tv_sec) * 1000 + tonumber(t.tv_nsec) / 1e6
end

function setup(thread)
  thread:set("index", #threads)
  thread:set("count", tonumber(os.getenv("BENCH_THREADS")))
  table.insert(threads, thread)
end

function init(args)
  deliveries = {}
  local n = 0
  for line in io.lines(os.getenv("BENCH_EVENTS")) do
    if n % count == index then
      local signature, body = line:match("^([^\t]+)\t(.*)$")
      table.insert(deliveries, wrk.format("POST", nil,
        {["Content-Type"] = "application/x-www-form-urlencoded", ["Sandbox-Signature"] = signature}, body))
    end
    n = n + 1
  end
  share = #deliveries
  sent = 0
  answered = 0
  first_ms = 0
  last_ms = 0
  statuses = {}
end

function request()
  if sent == 0 then first_ms = now_ms() end
  sent = sent + 1
  -- past its share the thread repeats its last delivery (a duplicate) until it stops
  return deliveries[math.min(sent, #deliveries)]
end

function response(status, headers, body)
  answered = answered + 1
  if answered > #deliveries then return end
  if status < 200 or status > 299 then statuses[status] = (statuses[status] or 0) + 1 end
  if answered == #deliveries then
    last_ms = now_ms()
    wrk.thread:stop()
    -- wrk itself runs for all of its -d; perf.sh ends it (SIGINT) once every thread left this mark
    local mark = os.getenv("BENCH_DONE")
    if mark then io.open(mark .. "." .. index, "w"):close() end
  end
end

function total_share()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("share") end
  return total
end

function done(summary, latency, requests)
  local failed, failures, delivered, first, last = {}, 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      failed[status] = (failed[status] or 0) + n
      failures = failures + n
    end
    delivered = delivered + math.min(thread:get("answered"), thread:get("share"))
    first = math.min(first, thread:get("first_ms"))
    last = math.max(last, thread:get("last_ms"))
  end
  local listed = {}
  for status, n in pairs(failed) do table.insert(listed, status .. "=" .. n) end
  table.sort(listed)
  -- a thread that did not finish its share before -d ran out: the step took all of -d
  local seconds = (last > first and delivered == total_share()) and (last - first) / 1000 or summary.duration / 1e6
  io.write(string.format("%-12s %-9s load=%-5s requests=%d ok=%d failed=%d%s throughput=%.0f/s p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms\n",
    os.getenv("BENCH_LABEL") or "webhooks", "saturate", os.getenv("BENCH_CLIENTS"), delivered, delivered - failures, failures,
    #listed > 0 and (" {" .. table.concat(listed, ", ") .. "}") or "",
    (delivered - failures) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
