import LuaHost

/// The REPL's `help`: a summary of the modules, and one function's signature and documentation from its
/// ``FunctionSpec`` (the source the API reference is generated from), by value or by name:
/// `help(emr.add_spark_step)`, `help("emr.add_spark_step")`, `help(emr)`, `help("RM:kill")`.
enum ReplHelp {
    /// One documented name: its text and where its function lives in the state, to find it by value.
    struct Entry {
        /// The names it answers to (`emr.add_spark_step`; `RM:kill` and `rM:kill`).
        var keys: [String]
        /// What `help` prints.
        var text: String
        /// The module table of a function (`_G` for globals); nil for methods, classes and modules.
        var module: String?
        /// The class of a method.
        var className: String?
        /// The function's name in its module or class.
        var name: String?
    }

    /// Defines `help` in the sandbox of `state` from `modules`.
    static func install(in state: LuaState, modules: [HostModule]) throws(LuaError) {
        let entries = self.entries(modules)
        var texts: [String: LuaValue] = [:]
        var lookups: [LuaValue] = []
        for entry in entries {
            for key in entry.keys { texts[key] = .string(entry.text) }
            guard let name = entry.name, let key = entry.keys.first else { continue }
            var lookup: [String: LuaValue] = ["key": .string(key), "name": .string(name)]
            if let module = entry.module { lookup["module"] = .string(module) }
            if let className = entry.className { lookup["class"] = .string(className) }
            lookups.append(.map(lookup))
        }
        try state.run(
            source, chunkName: "=help",
            arguments: [.map(texts), .array(lookups), .string(summary(modules))])
    }

    /// The modules that are documented (internal `__` ones left out).
    static func visible(_ modules: [HostModule]) -> [HostModule] {
        modules.filter { !$0.name.hasPrefix("__") }
    }

    /// What bare `help` prints: each module with the first sentence of its doc, then the globals.
    static func summary(_ modules: [HostModule]) -> String {
        var lines = ["Modules (help(\"name\") lists a module's functions):"]
        let shown = visible(modules)
        let width = shown.map(\.name.count).max() ?? 0
        for module in shown where module.name != "_G" {
            lines.append("  " + module.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + firstSentence(module.doc))
        }
        let globals = shown.filter { $0.name == "_G" }.flatMap(\.functions).map(\.spec.name) + ["help"]
        lines.append("Globals: " + globals.joined(separator: ", "))
        lines.append("help(fn) or help(\"emr.add_spark_step\") shows a function's signature and documentation.")
        return lines.joined(separator: "\n")
    }

    /// Every documented function, method, class and module, with its text.
    static func entries(_ modules: [HostModule]) -> [Entry] {
        var entries: [Entry] = []
        for module in visible(modules) {
            for function in module.functions {
                let spec = function.spec
                switch spec.style {
                case .function:
                    entries.append(Entry(keys: [spec.qualifiedName], text: text(spec), module: spec.module, name: spec.name))
                case .method(let className):
                    let keys = ["\(className):\(spec.name)", "\(className).\(spec.name)", spec.qualifiedName]
                    entries.append(Entry(keys: keys, text: text(spec), className: className, name: spec.name))
                }
            }
            for cls in module.classes {
                var lines = ["class \(cls.name): \(cls.doc)"]
                for field in cls.fields { lines.append("  .\(field.name): \(field.type.annotation) — \(field.doc)") }
                let methods = visible(modules).flatMap(\.functions).map(\.spec).filter { $0.style == .method(className: cls.name) }
                for method in methods { lines.append("  \(method.signature)") }
                entries.append(Entry(keys: [cls.name], text: lines.joined(separator: "\n")))
            }
            if module.name != "_G" {
                var lines = ["\(module.name): \(module.doc)"]
                for function in module.functions where function.spec.style == .function {
                    lines.append("  \(function.spec.signature)")
                }
                entries.append(Entry(keys: [module.name], text: lines.joined(separator: "\n")))
            }
        }
        return entries
    }

    /// A function's help: signature (with its mutation note), documentation, parameters, result.
    static func text(_ spec: FunctionSpec) -> String {
        var lines = [spec.signature + (spec.mutates ? "  (mutation: logged only in --dry-run)" : ""), "  " + spec.doc]
        for param in spec.params {
            lines.append(
                "  \(param.name)\(param.optional ? " (optional)" : ""): \(param.type.annotation)"
                    + (param.doc.isEmpty ? "" : " — \(param.doc)"))
        }
        lines.append("  returns: \(spec.returns)")
        return lines.joined(separator: "\n")
    }

    private static func firstSentence(_ doc: String) -> String {
        guard let end = doc.range(of: ". ") else { return doc }
        return String(doc[..<end.lowerBound]) + "."
    }

    /// Runs with the full standard library (not sandboxed); defines `help` in the sandbox environment.
    /// Functions are found by value through the registry, without calling any metamethod.
    static let source = #"""
        local texts, lookups, summary = ...
        local registry = debug.getregistry()
        local env = registry["sparkdeploy.env"]
        local modules = registry["sparkdeploy.modules"]
        local by_value = {}
        for _, entry in ipairs(lookups) do
          local fn
          if entry.class then
            local mt = registry["sparkdeploy.class." .. entry.class]
            local methods = type(mt) == "table" and rawget(mt, "__index")
            fn = type(methods) == "table" and rawget(methods, entry.name) or nil
          elseif entry.module == "_G" then
            fn = rawget(env, entry.name)
          else
            local module = rawget(modules, entry.module)
            fn = type(module) == "table" and rawget(module, entry.name) or nil
          end
          if fn ~= nil and by_value[fn] == nil then by_value[fn] = entry.key end
        end
        for name in pairs(modules) do
          local proxy = rawget(env, name)
          if name ~= "_G" and proxy ~= nil then by_value[proxy] = name end
        end
        local print = rawget(env, "print")
        texts.help = "help(fn?)\n  With no argument, a summary of the modules; help(fn) or help(\"emr.add_spark_step\")"
          .. " prints a function's signature and documentation; help(\"yarn\") lists a module's functions."
        local function help(x)
          if x == nil then print(summary) return end
          local text
          if type(x) == "string" then
            text = texts[x]
          else
            local key = by_value[x]
            text = key and texts[key]
            if x == help then text = texts.help end
          end
          if text == nil then
            print("no help for " .. (type(x) == "string" and ("'" .. x .. "'") or ("this " .. type(x)))
              .. ": help() lists the modules, help(\"yarn\") a module's functions")
          else
            print(text)
          end
        end
        rawset(env, "help", help)
        """#
}
