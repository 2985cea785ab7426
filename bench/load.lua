-- wrk script of the load test (bench/bench_load.py): each thread drives one connection (wrk -t N -c N), so a
-- thread's request() and response() alternate and a request's latency can be timed here, per URL group.
-- Environment: BENCH_LOAD_URLS (file of "group<TAB>path" lines, rotated), BENCH_LOAD_SAMPLES (file written by
-- done(): one "group status microseconds path" line per response, "error group path" per request that got no
-- response,
-- and "summary ..." with wrk's own totals), BENCH_LOAD_THINK_MS (mean pause between a user's requests, 0 = none).
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000000 + tonumber(now_ts.tv_nsec) / 1000
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local groups, paths = {}, {}
local position = 0
local pending_group, pending_path, started = nil, nil, 0
local think_ms = tonumber(os.getenv("BENCH_LOAD_THINK_MS") or "0") or 0
samples = {}
errors = {}

function init(args)
  for line in io.lines(os.getenv("BENCH_LOAD_URLS")) do
    local group, path = line:match("^([^\t]+)\t(.+)$")
    if group then
      table.insert(groups, group)
      table.insert(paths, path)
    end
  end
  -- Users start at different places of the (shuffled) list: each thread walks its own stretch of it.
  position = (id * 7919) % #paths
  math.randomseed(1000 + id)
end

local calls = 0

function request()
  calls = calls + 1
  -- wrk builds thread 0's first request once only to check it (script_verify_request): that one is never sent.
  local checked_only = id == 0 and calls == 2
  if pending_group and not checked_only then -- the last request got no response: connection closed or reset
    table.insert(errors, pending_group .. " " .. pending_path)
  end
  position = position % #paths + 1
  pending_group, pending_path = groups[position], paths[position]
  started = now_us()
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if pending_group then
    table.insert(samples, string.format("%s %d %d %s", pending_group, status, now_us() - started, pending_path))
    pending_group = nil
  end
end

function delay()
  if think_ms > 0 then
    return math.random(0, 2 * think_ms)
  end
  return 0
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_LOAD_SAMPLES"), "w"))
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get("samples")) do
      out:write(line, "\n")
    end
    for _, line in ipairs(thread:get("errors")) do
      out:write("error ", line, "\n")
    end
  end
  local e = summary.errors
  out:write(string.format(
    "summary duration_us=%d requests=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  out:close()
end
