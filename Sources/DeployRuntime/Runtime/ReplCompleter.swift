import LuaHost

/// Tab completion for the REPL: the names the live state holds (globals, fields of the table a prefix
/// names, methods of the object before a `:`), the registered `module.function` and `Class:method`
/// names (the ``FunctionSpec``s the API reference comes from), and the Lua keywords.
final class ReplCompleter {
    /// Lua 5.4's reserved words.
    static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
        "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private let state: LuaState
    private let live: LuaFunctionRef
    /// Registered names: globals and modules (no dot), `module.function`, and method names by themselves.
    private let topLevel: [String]
    private let qualified: [String]
    private let methods: [String]

    /// Compiles the live-name walker in `state` and indexes the names `modules` register.
    init(state: LuaState, modules: [HostModule]) throws(LuaError) {
        self.state = state
        live = try state.load(Self.source, chunkName: "=completion")
        let visible = modules.filter { !$0.name.hasPrefix("__") }
        let specs = visible.flatMap(\.functions).map(\.spec)
        topLevel = visible.filter { $0.name != "_G" }.map(\.name) + specs.filter { $0.module == "_G" && $0.style == .function }.map(\.name)
        qualified = specs.filter { $0.module != "_G" && $0.style == .function }.map(\.qualifiedName)
        methods = specs.compactMap { spec in
            if case .method = spec.style { return spec.name }
            return nil
        }
    }

    /// Every completion of `word`: full replacements, sorted and unique.
    func completions(for word: String) -> [String] {
        var found = Set<String>()
        if let results = try? state.call(live, [.string(word)]), let table = results.first?.tableValue {
            for value in table.sequence { if let name = value.stringValue { found.insert(name) } }
        }
        if let colon = word.lastIndex(of: ":") {
            let base = word[..<colon]
            let partial = word[word.index(after: colon)...]
            if found.isEmpty {
                for method in methods where method.hasPrefix(partial) { found.insert(base + ":" + method) }
            }
        } else if word.contains(".") {
            for name in qualified where name.hasPrefix(word) { found.insert(name) }
        } else {
            for name in topLevel + Self.keywords where name.hasPrefix(word) { found.insert(name) }
        }
        return found.sorted()
    }

    /// Runs unsandboxed; reads the sandbox environment raw (following `__index` tables, never calling a
    /// metamethod), so completing cannot run user code. Returns the names as a sequence.
    static let source = #"""
        local word = ...
        local registry = debug.getregistry()
        local env = registry["sparkdeploy.env"]
        local getmt = debug.getmetatable
        local function parent(t)
          local mt = getmt(t)
          local index = type(mt) == "table" and rawget(mt, "__index") or nil
          return type(index) == "table" and index or nil
        end
        local function lookup(t, key)
          for _ = 1, 8 do
            if type(t) ~= "table" then t = parent(t) end
            if t == nil then return nil end
            local v = rawget(t, key)
            if v ~= nil then return v end
            t = parent(t)
          end
        end
        local function names(t, prefix, only_functions, into)
          for _ = 1, 8 do
            if type(t) ~= "table" then t = parent(t) end
            if t == nil then return end
            for k, v in next, t do
              if type(k) == "string" and k:match("^[%a_][%w_]*$") and k:sub(1, #prefix) == prefix
                and (not only_functions or type(v) == "function") then
                into[k] = true
              end
            end
            t = parent(t)
          end
        end
        local found, out = {}, {}
        local base, sep, partial = word:match("^(.-)([.:])([%w_]*)$")
        if base == nil then
          names(env, word, false, found)
          for k in pairs(found) do out[#out + 1] = k end
        elseif base:match("^[%a_][%w_]*$") or base:match("^[%a_][%w_%.]*[%w_]$") then
          local target = env
          for segment in base:gmatch("[^.]+") do
            target = lookup(target, segment)
            if target == nil then return out end
          end
          names(target, partial, sep == ":", found)
          for k in pairs(found) do out[#out + 1] = base .. sep .. k end
        end
        return out
        """#
}
