-- Figure 7's HTTP keep-alive path driven by wrk (WrkClient): every connection POSTs the JSON-RPC greeting back to
-- back until the round's deadline, every answer is checked, and done() prints what WrkClient reads.
-- From WrkClient, in the environment: PNODE_WRK_ROUND_US, the round's length (wrk's -d takes whole seconds; rounds
-- are 250-500 ms), and PNODE_WRK_MESSAGE, the name to greet (letters, digits and spaces: no JSON escaping needed).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long seconds; long nanos; } wrk_timespec;
int clock_gettime(int clock, wrk_timespec *time);
typedef struct { long user_s, user_us, system_s, system_us;
                 long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv,
                      nsignals, nvcsw, nivcsw; long reserved[16]; } wrk_rusage;
int getrusage(int who, wrk_rusage *usage);
int getpid(void);
int tgkill(int process, int thread, int signal);
typedef struct { uint64_t count, limit, min, max; uint64_t data[]; } wrk_stats;
]]
local CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID, RUSAGE_THREAD, SIGINT = 1, 3, 1, 2
local clock = ffi.new("wrk_timespec")

local function micros(which)
  ffi.C.clock_gettime(which, clock)
  return tonumber(clock.seconds) * 1000000 + math.floor(tonumber(clock.nanos) / 1000)
end

wrk.method = "POST"
local message = os.getenv("PNODE_WRK_MESSAGE")
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"plugin@helloworld_greeting","params":["' .. message .. '"]}'
wrk.headers["Content-Type"] = "application/json"
local EXPECTED = '"result":"Hello ' .. message .. '!"'

-- main thread: the window starts before the first thread connects; the threads learn the deadline from it
local threads = {}
local started

function setup(thread)
  if not started then
    started = micros(CLOCK_MONOTONIC)
  end
  thread:set("deadline", started + tonumber(os.getenv("PNODE_WRK_ROUND_US")))
  table.insert(threads, thread)
end

-- each thread (its own Lua state): counts, the time of its last answer, its CPU and wake-ups when it stopped
calls, failed, last, cpu, switches, stopped, answer = 0, 0, 0, 0, 0, false, nil
local firstFailure = ""

function response(status, headers, body)
  calls = calls + 1
  if not answer then
    answer = body:match('"result":"([^"]*)"')
  end
  if status ~= 200 or not body:find(EXPECTED, 1, true) then
    failed = failed + 1
    if firstFailure == "" then
      firstFailure = status .. " " .. body
    end
  end
  last = micros(CLOCK_MONOTONIC)
  if last >= deadline and not stopped then
    stopped = true
    failure = firstFailure
    cpu = micros(CLOCK_THREAD_CPUTIME_ID)
    local usage = ffi.new("wrk_rusage")
    ffi.C.getrusage(RUSAGE_THREAD, usage)
    switches = tonumber(usage.nvcsw)
    wrk.thread:stop()
    -- wakes the main thread from its sleep (-d) so that it joins the threads and calls done()
    ffi.C.tgkill(ffi.C.getpid(), ffi.C.getpid(), SIGINT)
  end
end

function done(summary, latency, requests)
  local out = {}
  local ended, checked, failures, cpus, waits = 0, 0, 0, 0, 0
  out[#out + 1] = "wrk.first_answer=" .. tostring(threads[1]:get("answer"))
  for _, thread in ipairs(threads) do
    if not thread:get("stopped") then
      out[#out + 1] = "wrk.unstopped_thread=1"
    end
    ended = math.max(ended, thread:get("last"))
    checked = checked + thread:get("calls")
    failures = failures + thread:get("failed")
    cpus = cpus + thread:get("cpu")
    waits = waits + thread:get("switches")
    local failure = thread:get("failure")
    if failure and failure ~= "" then
      out[#out + 1] = "wrk.first_failure=" .. failure:gsub("\n", " ")
    end
  end
  local e = summary.errors
  out[#out + 1] = string.format("wrk.calls=%d", summary.requests)
  out[#out + 1] = string.format("wrk.checked=%d", checked)
  out[#out + 1] = string.format("wrk.failed=%d", failures)
  out[#out + 1] = string.format("wrk.errors=connect %d, read %d, write %d, status %d, timeout %d", e.connect,
      e.read, e.write, e.status, e.timeout)
  out[#out + 1] = string.format("wrk.window_us=%d", ended - started)
  out[#out + 1] = string.format("wrk.runtime_us=%d", summary.duration)
  out[#out + 1] = string.format("wrk.client_cpu_us=%d", cpus)
  out[#out + 1] = string.format("wrk.client_switches=%d", waits)
  -- the histogram as wrk holds it after its coordinated-omission correction (WrkClient undoes it): microseconds
  local stats = ffi.cast("wrk_stats **", latency)[0]
  local histogram = {}
  for us = tonumber(stats.min), tonumber(stats.max) do
    local count = tonumber(stats.data[us])
    if count > 0 then
      histogram[#histogram + 1] = us .. " " .. count
    end
  end
  out[#out + 1] = "wrk.histogram=" .. table.concat(histogram, ",")
  io.write(table.concat(out, "\n"), "\n")
end
