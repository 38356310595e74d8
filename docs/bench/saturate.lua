-- wrk script of docs/bench/perf.sh's saturation steps: POSTs BENCH_BODY with the headers in
-- BENCH_HEADERS ("Name: value" lines); a header whose value is "*" gets a new value for every
-- request (a new Idempotency-Key, so each request creates a payment). Prints one line in the
-- format of PaymentLoad.java.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", tostring(#threads + 1) .. "-" .. tostring(os.time()))
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY")
  wrk.headers["Content-Type"] = "application/json"
  fresh = {}
  for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if value == "*" then table.insert(fresh, name) else wrk.headers[name] = value end
  end
  statuses = {}
end

function request()
  counter = counter + 1
  for _, name in ipairs(fresh) do wrk.headers[name] = id .. "-" .. counter end
  return wrk.format()
end

function response(status, headers, body)
  if status < 200 or status > 299 then statuses[status] = (statuses[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local failed = {}
  local failures = 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      failed[status] = (failed[status] or 0) + n
      failures = failures + n
    end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  if errors > 0 then failed[0] = errors; failures = failures + errors end
  local listed = {}
  for status, n in pairs(failed) do table.insert(listed, status .. "=" .. n) end
  table.sort(listed)
  local total = summary.requests
  local seconds = summary.duration / 1e6
  io.write(string.format("%-12s %-9s load=%-5s requests=%d ok=%d failed=%d%s throughput=%.0f/s p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms\n",
    os.getenv("BENCH_LABEL"), "saturate", os.getenv("BENCH_CLIENTS"), total, total - failures, failures,
    #listed > 0 and (" {" .. table.concat(listed, ", ") .. "}") or "",
    (total - failures) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
