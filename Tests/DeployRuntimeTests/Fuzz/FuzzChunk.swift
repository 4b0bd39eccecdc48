/// The Lua side of the bridge fuzzer: a seeded generator of values of every Lua type and a loop
/// that calls every registered function through `pcall`, classifying what comes back.
///
/// Runs unsandboxed (it reaches the `__host` primitives and the RM class through the registry)
/// with `(seed, descriptors, config)` as arguments; returns a table of counters and findings.
enum FuzzChunk {
    static let source = #"""
        local seed, funcs, cfg = ...
        local registry = debug.getregistry()
        local env = registry["sparkdeploy.env"]
        local modules = registry["sparkdeploy.modules"]
        local probe = modules.__fuzz
        local wall, rss = probe.wall, probe.rss
        local check_cancel = registry["sparkdeploy.check_cancel"]
        local rmclass = registry["sparkdeploy.class.RM"]
        local errmt = registry["sparkdeploy.error"]
        local pcall, type, rawget, rawset, rawlen, select, setmetatable = pcall, type, rawget, rawset, rawlen, select, setmetatable
        local unpack, pack, concat, sfind, schar, srep = table.unpack, table.pack, table.concat, string.find, string.char, string.rep
        local cocreate, coresume, costatus, yield = coroutine.create, coroutine.resume, coroutine.status, coroutine.yield

        -- xorshift64: reproducible from the seed, independent of math.random (the prelude uses that).
        local s = seed ~= 0 and seed or 0x2545F4914F6CDD1D
        local function rnd()
          s = s ~ (s << 13); s = s ~ (s >> 7); s = s ~ (s << 17)
          return s
        end
        local function below(n) return rnd() % n + 1 end
        local function chance(percent) return rnd() % 1000 < percent * 10 end
        local function pick(list) return list[below(#list)] end

        -- Strings -----------------------------------------------------------------------------
        -- 1 MiB strings, but not one unbroken run of letters: Redactor's URL-userinfo pattern is
        -- quadratic in such a run (a 30 KB token in a log line or error takes ~8 s; 1 MB, hours).
        -- That bug is in SparkDeployCore and reported; `longToken` keeps a small, bounded case of it.
        local huge = srep("Ab1 ", 1 << 18)
        local longToken = srep("A", 2000)
        local medium = srep("\xff\xc3 ab", 1 << 12)
        local hugeInvalid = srep("\xff\xc3", 1 << 19)
        local deepJSON = srep("[", 100000)
        local fixedStrings = {
          "", "x", "\0", "a\0b", "\xff\xfe", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "日本語", " ", "\n\t",
          "%s%n%d", "42", "-1", "1e308", "nan", "inf", "null", "true",
          "RUNNING", "FINISHED", "KILLED", "ACCEPTED", "FAILED", "COMPLETED", "PENDING", "WAITING", "TERMINATED", "CANCELLED",
          "SEND_INTERRUPT", "TERMINATE_PROCESS", "CONTINUE", "succeeded", "failed", "info", "debug", "trace", "warn", "error",
          "application_0_0001", "application_1700000000000_0001", "s-NOPE", "j-NOPE", "default", "streaming",
          cfg.clusterId, cfg.appName, cfg.appId, "s3://builds/app.jar", "com.example.Main",
          '{"a":[1,2,{"b":null}],"c":1.5e300}', '[1,"x",true,null]', '"\\ud800"', '{"a":', srep("[", 600) .. srep("]", 600),
          srep("é", 200), srep("\0", 64),
        }
        local function randomBytes(n)
          local t = {}
          for i = 1, n do t[i] = schar(rnd() % 256) end
          return concat(t)
        end
        local function str()
          local r = below(1000)
          -- 1 MiB values cost seconds per call in a debug build (redaction, UTF-8 repair): rare.
          if r <= 1 and chance(5) then return chance(50) and huge or hugeInvalid end
          if r <= 3 then return medium end
          if r <= 4 then return deepJSON end
          if r <= 5 then return longToken end
          if r <= 600 then return pick(fixedStrings) end
          if r <= 800 then return randomBytes(below(24) - 1) end
          return "k" .. (rnd() % 100000)
        end
        local keys = { "id", "name", "state", "states", "timeout", "interval", "max_interval", "what", "attempts", "delay", "backoff",
          "max_delay", "jitter", "when", "pretty", "urls", "user", "queue", "tags", "jar", "class", "args", "conf", "py", "option",
          "ids", "description", "params", "type", "required", "default", "help", "choices", "secret", "message", "kind", "code",
          "diagnostics", "submitted_after", "created_after", "command", "env", "memory_mb", "vcores", "priority", "__handle",
          "Name", "ReleaseLabel", "Instances", "deploy_mode", "action_on_failure", "master_dns", "yarn_urls", "all", "user_name" }

        -- Numbers -----------------------------------------------------------------------------
        local ints = { 0, 1, -1, 2, 3, 255, 256, 257, 65536, 1 << 31, -(1 << 31), 1 << 53, math.maxinteger, math.mininteger,
          math.maxinteger - 1, math.mininteger + 1 }
        local floats = { 0.0, -0.0, 0.5, -0.5, 1.5, 2.0, 1e308, -1e308, 5e-324, 1 / 0, -1 / 0, 0 / 0, 9.2e18, -9.3e18, 2 ^ 63, 1e15 + 0.5 }

        -- Functions, coroutines, metatables ---------------------------------------------------
        local marker = setmetatable({ fuzz = true }, { __tostring = function() error("FUZZ-tostring") end })
        local callbacks = {
          function() end,
          function(...) return ... end,
          function() return nil, false end,
          function() error("FUZZ-callback") end,
          function() error(marker) end,
          function() error(setmetatable({ fuzz = true, message = "FUZZ-table" }, errmt)) end,
          function() yield("FUZZ-yield") end,
          function() return true end,
          function() return {} end,
          function(x) return x end,
        }
        local function fn()
          if chance(70) then return pick(callbacks) end
          local k = rnd()
          return function() return k end
        end
        local any
        local function co()
          local r = below(3)
          local c = cocreate(fn())
          if r == 2 then coresume(c) end
          if r == 3 then return (coroutine.running()) end
          return c
        end
        local function metamethod()
          local r = below(4)
          if r == 1 then return function() error("FUZZ-meta") end end
          if r == 2 then return function() yield("FUZZ-meta-yield") end end
          if r == 3 then return function() return nil end end
          return function() return 3 end
        end
        local function hostileMeta()
          local mt = {}
          for _, name in ipairs({ "__index", "__newindex", "__len", "__tostring", "__eq", "__lt", "__le", "__pairs", "__call", "__concat" }) do
            if chance(50) then mt[name] = metamethod() end
          end
          if chance(20) then mt.__name = pick({ "RM", "YarnApp", "sparkdeploy.error", "x" }) end
          if chance(10) then mt.__metatable = "locked" end
          if chance(3) then mt.__gc = function() error("FUZZ-gc") end end
          return mt
        end
        local function tbl(depth)
          local r = below(10)
          local t = {}
          if r == 1 then
            for i = 1, below(5) - 1 do t[i] = any(depth + 1) end
          elseif r == 2 then
            for _ = 1, below(4) do t[pick(keys)] = any(depth + 1) end
          elseif r == 3 then
            t[1] = any(depth + 1); t[pick(keys)] = any(depth + 1); t[2] = any(depth + 1)
          elseif r == 4 then
            local cur = t
            for _ = 1, 40 + below(60) do local nxt = {}; cur[1] = nxt; cur = nxt end
          elseif r == 5 then
            t.self = t; t[1] = t; t.name = "cyclic"
          elseif r == 6 then
            t[1] = 1; t[3] = 3; t[math.maxinteger] = "max"; t[math.mininteger] = "min"; t[0.5] = "half"; t[1 / 0] = "inf"
            t[true] = "yes"; t[{}] = "tablekey"; t[callbacks[1]] = "fnkey"; t[0] = "zero"; t[-1] = "neg"
          elseif r == 7 then
            for i = 1, 200 do t[i] = i end
          elseif r == 8 then
            t = setmetatable({}, rmclass); rawset(t, "__handle", pick({ 1, 2, 0, -1, 999999, math.maxinteger, "x", 1.5 }))
            return t
          end
          if chance(15) then setmetatable(t, hostileMeta()) end
          return t
        end

        -- Pools of values earlier calls produced, and host objects -----------------------------
        local results, errors = {}, {}
        local function remember(pool, v) if v ~= nil then pool[below(32)] = v end end
        local rms = {}
        for _, target in ipairs({ false, cfg.urls }) do
          local ok, rm = pcall(env.yarn.connect, target or nil)
          if ok then rms[#rms + 1] = rm end
        end
        rms[#rms + 1] = setmetatable({ __handle = 424242 }, rmclass)
        local userdata = { io.stdout, io.stderr }

        function any(depth)
          depth = depth or 0
          local r = below(22)
          if r == 1 then return nil
          elseif r == 2 then return rnd() % 2 == 0
          elseif r == 3 then return pick(ints)
          elseif r == 4 then return rnd()
          elseif r == 5 then return pick(floats)
          elseif r <= 9 then return str()
          elseif r <= 12 and depth < 3 then return tbl(depth)
          elseif r == 13 then return fn()
          elseif r == 14 then return co()
          elseif r == 15 then return pick(userdata)
          elseif r == 16 then return pick(rms)
          elseif r == 17 then return results[below(32)]
          elseif r == 18 then return errors[below(32)]
          elseif r == 19 then return marker
          elseif r == 20 then return env
          end
          return pick(fixedStrings)
        end

        -- Well-typed values, from the registry's type descriptors -------------------------------
        local goodStrings = { cfg.clusterId, cfg.appName, cfg.appId, "RUNNING", "FINISHED", "ACCEPTED", "COMPLETED", "PENDING",
          "j-NOPE", "s-NOPE", "application_0_0001", "x", "", "default", "s3://builds/app.jar", "com.example.Main", "succeeded", "info" }
        local goodNumbers = { 0, 0.5, 1, 2, 3, 1e9, -1, 1 / 0, 0 / 0 }
        local good
        local function record(ty, depth)
          local r = {}
          for _, f in ipairs(ty.fields) do
            if not f.optional or chance(50) then r[f.name] = good(f.type, depth + 1) end
          end
          if chance(5) then r[pick(keys)] = any(depth + 1) end
          return r
        end
        function good(ty, depth)
          local t = ty.t
          if depth > 4 then return nil end
          if t == "any" then return any(depth)
          elseif t == "string" then return chance(85) and pick(goodStrings) or str()
          elseif t == "number" then return chance(80) and pick(goodNumbers) or pick(floats)
          elseif t == "integer" then return chance(80) and below(4) or pick(ints)
          elseif t == "boolean" then return chance(50)
          elseif t == "table" then return chance(70) and {} or tbl(depth)
          elseif t == "function" then return fn()
          elseif t == "array" then
            local a = {}
            for i = 1, below(4) - 1 do a[i] = good(ty.e, depth + 1) end
            return a
          elseif t == "object" then return pick(rms)
          elseif t == "oneOf" then return good(pick(ty.of), depth)
          elseif t == "record" then return record(ty, depth)
          end
          return nil
        end

        -- Safety clamps: functions that wait or sleep by design get short virtual durations, and
        -- values that would reach outside (DNS, files, locks, the process-wide redactor) come from
        -- small fixed sets. Everything else is left as generated.
        local function clampNumber(v, max)
          if type(v) == "number" and not (v <= max) then return max end
          return v
        end
        local function clampField(t, field, max)
          if t == nil then return { [field] = max } end
          if type(t) == "table" then
            local v = rawget(t, field)
            if v == nil or (type(v) == "number" and not (v <= max)) then rawset(t, field, max) end
          end
          return t
        end
        local function safeConnectTarget(t)
          if type(t) == "string" then return pick(cfg.urls) end
          if type(t) == "table" then
            for i = 1, rawlen(t) do rawset(t, i, pick(cfg.urls)) end
            local u = rawget(t, "urls")
            if u ~= nil then rawset(t, "urls", type(u) == "table" and { pick(cfg.urls) } or pick(cfg.urls)) end
            for _, k in ipairs({ "basic_password", "delegation_token" }) do
              if rawget(t, k) ~= nil then rawset(t, k, "fuzz-secret-value") end
            end
            if rawget(t, "timeout") ~= nil then rawset(t, "timeout", 5) end
            if rawget(t, "ca_bundle") ~= nil then rawset(t, "ca_bundle", "/nonexistent/ca.pem") end
          end
          return t
        end
        local maxWait = 2
        local clamps = {
          sleep = function(a) a[1] = clampNumber(a[1], maxWait) end,
          wait_until = function(a) a[1] = clampField(a[1], "timeout", maxWait) end,
          retry = function(a)
            if type(a[1]) == "table" then
              local at = rawget(a[1], "attempts")
              if at == nil or (type(at) == "number" and not (at <= 3)) then rawset(a[1], "attempts", 3) end
              a[1] = clampField(a[1], "delay", maxWait); a[1] = clampField(a[1], "max_delay", maxWait)
            end
          end,
          lock = function(a) if type(a[1]) == "string" then a[1] = pick(cfg.locks) end end,
          require = function(a) if type(a[1]) == "string" and chance(50) then a[1] = pick(cfg.libs) end end,
          ["__host.lib_source"] = function(a) if type(a[1]) == "string" and chance(50) then a[1] = pick(cfg.libs) end end,
          ["emr.read_cluster_spec"] = function(a) if type(a[1]) == "string" then a[1] = pick(cfg.paths) end end,
          ["yarn.connect"] = function(a) a[1] = safeConnectTarget(a[1]) end,
          ["emr.create_cluster"] = function(a)
            if chance(50) then a[1] = { Name = pick(goodStrings), ReleaseLabel = "emr-7.1.0", Instances = { InstanceCount = below(3) } } end
          end,
          ["emr.wait_step"] = function(a) a[4] = clampField(a[4], "timeout", maxWait) end,
          ["emr.wait_cluster"] = function(a) a[3] = clampField(a[3], "timeout", maxWait) end,
        }
        for _, m in ipairs({ "yarn.", "rm:" }) do
          clamps[m .. "wait_app"] = function(a) a[2] = clampField(a[2], "timeout", maxWait) end
          clamps[m .. "kill"] = function(a) a[2] = clampField(a[2], "timeout", maxWait) end
          clamps[m .. "hold"] = function(a) a[3] = clampNumber(a[3], maxWait) end
        end

        -- Arguments: well-typed, well-typed with one random value, or random values at random arity.
        local function build(d)
          local params = d.params
          local n = #params
          local args, count = {}, n
          local mode = below(100)
          local goodShare = d.heavy and cfg.heavyGoodPercent or cfg.goodPercent
          if mode <= goodShare then
            for i = 1, n do
              local p = params[i]
              if not (p.optional and chance(30)) then args[i] = good(p.type, 0) end
            end
          elseif mode <= goodShare + (d.heavy and 8 or 15) then
            for i = 1, n do args[i] = good(params[i].type, 0) end
            if n > 0 then args[below(n)] = any(0) end
          else
            count = below(n + 3) - 1
            for i = 1, count do args[i] = any(0) end
          end
          local clamp = clamps[d.q]
          if clamp then
            clamp(args)
            for i = count + 1, n do if args[i] ~= nil then count = i end end
          end
          return args, count
        end

        -- Resolve the callables -----------------------------------------------------------------
        local targets = {}
        for _, d in ipairs(funcs) do
          local f
          if d.class then
            f = registry["sparkdeploy.class." .. d.class].__index[d.name]
          elseif d.mod == "_G" then
            f = env[d.name]
          else
            f = modules[d.mod] and modules[d.mod][d.name]
          end
          if d.class then d.alias = "yarn." .. d.name end
          if d.q == "__host.lib_source" then d.alias = "require" end
          d.f = f
          d.calls, d.ok, d.passed, d.time, d.max = 0, 0, 0, 0.0, 0.0
          if type(f) == "function" then targets[#targets + 1] = d end
        end
        local light = {}
        for _, d in ipairs(targets) do if not d.heavy then light[#light + 1] = d end end

        -- Classify an error: names the function, comes from the fuzzer's own values, or neither.
        local function classify(d, err)
          local msg
          if type(err) == "string" then
            msg = err
          elseif type(err) == "table" then
            if rawget(err, "fuzz") == true then return "fuzz" end
            msg = rawget(err, "message")
            if type(msg) ~= "string" then return "bad", "error table without a string message" end
          else
            return "bad", "error value of type " .. type(err)
          end
          if sfind(msg, "FUZZ", 1, true) or sfind(msg, "attempt to yield", 1, true) then return "fuzz" end
          local named0 = sfind(msg, d.q, 1, true) or (d.alias and sfind(msg, d.alias, 1, true))
          -- A structured error from a remote call (yarn.*, emr.*) carries a code instead of the function name.
          if not named0 and type(err) == "table" and (type(rawget(err, "code")) == "string" or debug.getmetatable(err) == errmt) then
            return "coded", msg
          end
          local named = sfind(msg, d.q, 1, true) or (d.alias and sfind(msg, d.alias, 1, true))
          local argerr = sfind(msg, ": argument #", 1, true) or sfind(msg, "expected at most", 1, true)
            or sfind(msg, "called without a", 1, true)
          if named then return argerr and "arg" or "named" end
          return "unnamed", msg
        end

        -- For the "current call" note a hang report shows: never runs a metamethod.
        local function describe(v) return math.type(v) and string.format("%g", v) or type(v) end

        -- The loop --------------------------------------------------------------------------------
        local stats = { calls = 0, ok = 0, arg = 0, named = 0, fuzz = 0, unnamed = 0, bad = 0, coded = 0, prelude = 0, yielded = 0, passed = 0,
          coroutine = 0, maxCall = 0.0, maxCallName = "", findings = {} }
        local seen = {}
        local function finding(kind, d, msg)
          local key = kind .. d.q .. msg:gsub("%d+", "N"):sub(1, 90)
          if seen[key] or #stats.findings >= 80 then return end
          seen[key] = true
          stats.findings[#stats.findings + 1] = kind .. " " .. d.q .. ": " .. msg:sub(1, 300)
        end
        local total, deadline = cfg.total, wall() + cfg.budget
        local started = wall()
        local warmAt, midAt = total // 10, total // 2
        for i = 1, total do
          if i == warmAt then
            collectgarbage("collect"); collectgarbage("collect")
            stats.memWarm = collectgarbage("count")
          elseif i == midAt then
            collectgarbage("collect")
            stats.rssMid = rss()
            stats.memMid = collectgarbage("count")
          end
          if i % 256 == 0 then
            check_cancel()
            if wall() > deadline then stats.stoppedEarly = true; break end
          end
          -- Functions that reach the simulator over HTTP cost ~10 ms a call in a debug build: they are
          -- picked a third as often as the rest so that 100k calls fit the time budget.
          local d = targets[below(#targets)]
          if d.heavy and not chance(33) then d = light[below(#light)] end
          local args, count = build(d)
          local f = d.f
          if d.class then
            local me = chance(90) and pick(rms) or any(0)
            local inner = f
            f = function(...) return inner(me, ...) end
          end
          local shape = {}
          for k = 1, count do
            local v = args[k]
            shape[k] = type(v) == "string" and ("string(" .. #v .. ")") or type(v) == "number" and tostring(v)
              or type(v) == "table" and ("table{timeout=" .. describe(rawget(v, "timeout")) .. "}") or type(v)
          end
          registry["fuzz.current"] = "call #" .. i .. ": " .. d.q .. "(" .. concat(shape, ", ") .. ")"
          local t0 = wall()
          local r
          if chance(10) then
            stats.coroutine = stats.coroutine + 1
            local c = cocreate(function(...) return pcall(f, ...) end)
            r = pack(coresume(c, unpack(args, 1, count)))
            if r[1] and costatus(c) == "suspended" then
              r = { n = 1, true, yielded = true }
            elseif r[1] then
              r = pack(select(2, unpack(r, 1, r.n)))
            end
          else
            r = pack(pcall(f, unpack(args, 1, count)))
          end
          local dt = wall() - t0
          stats.calls = stats.calls + 1
          d.calls = d.calls + 1
          d.time = d.time + dt
          if dt > d.max then d.max = dt end
          if dt > stats.maxCall then stats.maxCall, stats.maxCallName = dt, d.q end
          if r.yielded then
            stats.yielded = stats.yielded + 1
          elseif r[1] then
            stats.ok = stats.ok + 1
            stats.passed = stats.passed + 1
            d.ok, d.passed = d.ok + 1, d.passed + 1
            remember(results, r[2])
          else
            local kind, msg = classify(d, r[2])
            stats[kind] = stats[kind] + 1
            if kind ~= "arg" then stats.passed = stats.passed + 1; d.passed = d.passed + 1 end
            -- The prelude's Lua functions (stage, retry, wait_until, print, require) are reported apart.
            if kind == "unnamed" and d.doconly then
              stats.prelude = stats.prelude + 1
              finding("prelude", d, msg)
            elseif kind == "unnamed" or kind == "bad" or kind == "coded" then
              finding(kind, d, msg)
            end
            if type(r[2]) == "table" then remember(errors, r[2]) end
          end
          if dt > cfg.slowCall then finding("slow", d, string.format("%.2fs", dt)) end
        end
        stats.seconds = wall() - started
        stats.rssEnd = rss()
        results, errors = nil, nil
        collectgarbage("collect"); collectgarbage("collect")
        stats.memEnd = collectgarbage("count")
        local per = {}
        for _, d in ipairs(targets) do
          per[#per + 1] = { q = d.q, calls = d.calls, ok = d.ok, passed = d.passed, time = d.time, max = d.max }
        end
        stats.functions = per
        stats.targets = #targets
        return stats
        """#
}
