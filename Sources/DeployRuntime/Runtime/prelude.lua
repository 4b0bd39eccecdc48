-- The runtime prelude: recipe helpers written in Lua on top of the `__host` primitives (stage, critical,
-- retry, wait_until, print, require). Loaded once into every run's state as "=prelude", before the recipe.
-- Checked by luacheck with the other Lua sources (scripts/test.sh).
local env = debug.getregistry()["sparkdeploy.env"]
local host = env.__host
env.__host = nil
local traceback, xpcall, pcall, error, type, tostring, select = debug.traceback, xpcall, pcall, error, type, tostring, select
local pack, unpack, concat = table.pack, table.unpack, table.concat
local random, min = math.random, math.min
local setmetatable = setmetatable

local function is_cancel(err)
  return host.cancelled() ~= nil or (type(err) == "table" and rawget(err, "kind") == "cancelled")
end

function env.print(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  host.write(concat(parts, "\t") .. "\n")
end

function env.stage(name, fn)
  if type(name) ~= "string" then error("stage: argument #1 (name) expected string, got " .. type(name), 2) end
  if type(fn) ~= "function" then error("stage: argument #2 (fn) expected function, got " .. type(fn), 2) end
  host.stage_begin(name)
  local tb
  local results = pack(xpcall(fn, function(err)
    -- A deliberate fail("…") is shown without a traceback.
    if not (type(err) == "table" and rawget(err, "deliberate") == true) then tb = traceback(tostring(err), 2) end
    return err
  end))
  if results[1] then
    host.stage_end(name, "succeeded")
    return unpack(results, 2, results.n)
  end
  local err = results[2]
  host.stage_end(name, is_cancel(err) and "cancelled" or "failed", tostring(err), tb)
  error(err, 0)
end

-- Signals wait while a section is open (InterruptGate); the to-be-closed guard ends the
-- section however fn ends (return or error), keeping the error and its traceback intact.
local critical_guard = { __close = function(guard) host.critical_end(guard.what) end }
function env.critical(what, fn)
  if type(what) ~= "string" then error("critical: argument #1 (what) expected string, got " .. type(what), 2) end
  if type(fn) ~= "function" then error("critical: argument #2 (fn) expected function, got " .. type(fn), 2) end
  host.critical_begin(what)
  local guard <close> = setmetatable({ what = what }, critical_guard) -- luacheck: ignore guard (closed on exit)
  return fn()
end

function env.retry(opts, fn)
  if type(opts) == "function" and fn == nil then opts, fn = {}, opts end
  opts = opts or {}
  if type(opts) ~= "table" then error("retry: argument #1 (opts) expected table, got " .. type(opts), 2) end
  if type(fn) ~= "function" then error("retry: argument #2 (fn) expected function, got " .. type(fn), 2) end
  local attempts = opts.attempts or 3
  local delay, backoff = opts.delay or 1, opts.backoff or 2
  local max_delay, jitter, when = opts.max_delay or 30, opts.jitter ~= false, opts.when
  if type(attempts) ~= "number" or attempts < 1 then error("retry: opts.attempts must be a number >= 1", 2) end
  for attempt = 1, attempts do
    local results = pack(pcall(fn, attempt))
    if results[1] then return unpack(results, 2, results.n) end
    local err = results[2]
    if is_cancel(err) or attempt >= attempts then error(err, 0) end
    if when ~= nil and not when(err) then error(err, 0) end
    local ceiling = min(delay * backoff ^ (attempt - 1), max_delay)
    local wait = jitter and random() * ceiling or ceiling
    host.log("warn", "retrying", { attempt = attempt, attempts = attempts, delay = string.format("%.2fs", wait), error = tostring(err) })
    env.sleep(wait)
  end
end

function env.wait_until(opts, fn)
  if type(opts) ~= "table" then error("wait_until: argument #1 (opts) expected table, got " .. type(opts), 2) end
  if type(fn) ~= "function" then error("wait_until: argument #2 (fn) expected function, got " .. type(fn), 2) end
  local timeout = opts.timeout
  if type(timeout) ~= "number" or timeout < 0 then error("wait_until: opts.timeout must be a number >= 0", 2) end
  local interval, max_interval = opts.interval or 0.25, opts.max_interval or 2
  -- `not (x >= 0)` also refuses NaN.
  -- luacheck: push ignore 581
  if type(interval) ~= "number" or not (interval >= 0) then error("wait_until: opts.interval must be a number >= 0", 2) end
  if type(max_interval) ~= "number" or not (max_interval >= 0) then
    error("wait_until: opts.max_interval must be a number >= 0", 2)
  end
  -- luacheck: pop
  local what = opts.what or "condition"
  local started = env.now()
  local deadline = started + timeout
  local polls = 0
  while true do
    polls = polls + 1
    local last = fn()
    if last then
      host.log("debug", "wait finished", { what = what, polls = polls, waited = string.format("%.2fs", env.now() - started) })
      return last
    end
    local wait = host.next_poll(polls, deadline, interval, max_interval)
    if wait == nil then
      local shown = type(last) == "table" and env.json.encode(last) or tostring(last)
      error(setmetatable({ kind = "timeout", retryable = false, polls = polls,
        message = string.format("timed out after %gs waiting for %s (last value: %s)", timeout, what, shown) },
        debug.getregistry()["sparkdeploy.error"]), 2)
    end
    host.status(string.format("waiting for %s (%.0fs left)", what, deadline - env.now()))
    env.sleep(wait)
  end
end

local loaded = {}
function env.require(name)
  if type(name) ~= "string" then error("require: argument #1 (name) expected string, got " .. type(name), 2) end
  if loaded[name] ~= nil then return loaded[name] end
  local source, chunkname = host.lib_source(name)
  local chunk, err = load(source, chunkname, "t", env)
  if not chunk then error(err, 0) end
  local value = chunk(name)
  if value == nil then value = true end
  loaded[name] = value
  return value
end
