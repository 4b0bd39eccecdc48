import CLuaShim

/// What a sandboxed chunk may reach beyond the safe core.
public struct SandboxOptions: Sendable, Equatable {
    /// `exec.run` (`--allow-exec`); raw `os.execute` and `io.popen` stay closed either way.
    public var allowExec: Bool
    /// `io` file functions, `os.remove`, `os.rename`, `os.tmpname`, `dofile`, `loadfile` (`--allow-fs`).
    public var allowFileSystem: Bool

    /// Creates options; both default to closed.
    public init(allowExec: Bool = false, allowFileSystem: Bool = false) {
        self.allowExec = allowExec
        self.allowFileSystem = allowFileSystem
    }
}

/// Builds the environment (`_ENV`) recipes run in, from an allow-list.
///
/// Safe core: basic functions (no `dofile`, `loadfile`; `load` is text-only and defaults to the
/// sandbox environment), copies of `string` (no `dump`), `table`, `math`, `utf8`, `coroutine`,
/// and `os.time/clock/date/difftime`. Host modules appear as read-only proxies; host globals
/// (`stage`, `log`, …) are copied in. The real globals are never reachable from a recipe.
public enum Sandbox {
    static let environmentKey = "sparkdeploy.env"

    /// Builds the sandbox environment from the modules registered so far and installs it as
    /// the environment of every chunk loaded with `sandboxed: true`. Call after registering.
    public static func install(
        in state: LuaState, options: SandboxOptions = SandboxOptions(),
        extraPrelude: String? = nil
    ) throws(LuaError) {
        let opts = LuaValue.map([
            "allow_exec": .boolean(options.allowExec),
            "allow_fs": .boolean(options.allowFileSystem),
        ])
        try state.run(prelude, chunkName: "=sandbox", arguments: [opts])
        if let extraPrelude {
            try state.run(extraPrelude, chunkName: "=prelude", sandboxed: true)
        }
    }

    /// The Lua code that assembles the environment; runs with the full standard library.
    static let prelude = #"""
        local options = ...
        local registry = debug.getregistry()
        local modules = registry["sparkdeploy.modules"]
        local env = {}
        for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
            "tostring", "type", "rawequal", "rawget", "rawlen", "rawset", "setmetatable",
            "getmetatable", "print", "warn", "_VERSION" }) do
          env[name] = _G[name]
        end
        string.dump = nil -- no binary chunks, even through ("").dump
        local string_mt = getmetatable("")
        string_mt.__metatable = false
        local function copy(t)
          local c = {}
          for k, v in pairs(t) do c[k] = v end
          return c
        end
        env.string, env.table, env.math, env.utf8, env.coroutine =
          copy(string), copy(table), copy(math), copy(utf8), copy(coroutine)
        -- Cancellation (deadline, signal) must not be swallowed: after a caught error, re-check.
        local check_cancel = registry["sparkdeploy.check_cancel"]
        local raw_pcall, raw_xpcall, raw_resume = pcall, xpcall, coroutine.resume
        local function pass(ok, ...)
          if not ok then check_cancel() end
          return ok, ...
        end
        env.pcall = function(f, ...) return pass(raw_pcall(f, ...)) end
        env.xpcall = function(f, handler, ...) return pass(raw_xpcall(f, handler, ...)) end
        env.coroutine.resume = function(co, ...) return pass(raw_resume(co, ...)) end
        env.os = { time = os.time, clock = os.clock, date = os.date, difftime = os.difftime }
        -- os.execute and io.popen stay closed even with --allow-exec: processes run through exec.run,
        -- which is logged, redacted, audited and dry-run aware.
        if options.allow_fs then
          env.io = env.io or {}
          for _, name in ipairs({ "open", "lines", "read", "write", "close", "type", "stdout", "stderr", "stdin" }) do
            env.io[name] = io[name]
          end
          env.os.remove, env.os.rename, env.os.tmpname = os.remove, os.rename, os.tmpname
          env.dofile = function(path) return assert(loadfile(path, "t", env))() end
          env.loadfile = function(path, mode, e)
            if mode ~= nil and mode ~= "t" then error("loadfile: only text chunks are allowed in recipes", 2) end
            return loadfile(path, "t", e == nil and env or e)
          end
        end
        env.load = function(chunk, name, mode, e)
          if mode ~= nil and mode ~= "t" then error("load: only text chunks are allowed in recipes", 2) end
          return load(chunk, name, "t", e == nil and env or e)
        end
        env.collectgarbage = function(opt, ...)
          opt = opt or "collect"
          if opt == "count" or opt == "collect" or opt == "step" or opt == "isrunning" then
            return collectgarbage(opt, ...)
          end
          error("collectgarbage: option '" .. tostring(opt) .. "' is not allowed in recipes", 2)
        end
        local function readonly(name, impl)
          return setmetatable({}, {
            __index = impl,
            __newindex = function(_, key)
              error(name .. " is read-only (cannot set '" .. tostring(key) .. "')", 2)
            end,
            __pairs = function() return next, impl, nil end,
            __metatable = false,
          })
        end
        for name, impl in pairs(modules) do
          if name == "_G" then
            for k, v in pairs(impl) do env[k] = v end
          else
            env[name] = readonly(name, impl)
          end
        end
        env._G = env
        registry["sparkdeploy.error"].__tostring = function(e) return tostring(rawget(e, "message")) end
        registry["sparkdeploy.env"] = env
        """#
}

extension LuaState {
    /// Loads a chunk; with `sandboxed`, its `_ENV` is the sandbox environment (see ``Sandbox``).
    public func load(_ source: String, chunkName: String, sandboxed: Bool) throws(LuaError) -> LuaFunctionRef {
        let function = try load(source, chunkName: chunkName)
        guard sandboxed else { return function }
        uncapped {
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            _ = lua_rawgeti(L, sd_registryindex(), lua_Integer(function.reference))
            if lua_getfield(L, sd_registryindex(), Sandbox.environmentKey) == LUA_TTABLE {
                if lua_setupvalue(L, -2, 1) == nil { sd_pop(L, 1) }
            }
        }
        return function
    }

    /// Loads and runs a chunk; with `sandboxed`, inside the sandbox environment.
    @discardableResult
    public func run(_ source: String, chunkName: String, sandboxed: Bool, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let function = try load(source, chunkName: chunkName, sandboxed: sandboxed)
        defer { release(function) }
        return try call(function, arguments)
    }

    /// Sets a global of the sandbox environment (e.g. `params`, `dry_run`).
    public func setSandboxGlobal(_ name: String, _ value: LuaValue) {
        checkThread()
        uncapped {
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            guard lua_getfield(L, sd_registryindex(), Sandbox.environmentKey) == LUA_TTABLE else { return }
            lua_pushstring(L, name)
            LuaStack(L: L, state: self).push(value)
            lua_rawset(L, -3)
        }
    }
}
