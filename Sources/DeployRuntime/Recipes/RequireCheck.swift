import Foundation
import LuaHost

/// Checks, before a recipe runs (and in `check`), that every module it `require`s by a literal name exists in its
/// `lib/` directory and compiles — recursively through the modules' own requires — so a missing module or a syntax
/// error in one is a usage error (exit 2) before any side effect, not a failure halfway through a deploy.
enum RequireCheck {
    /// Every problem with the literal `require("name")` calls of `source` (chunk `chunkName`), resolved in `library`;
    /// with `compile` false only missing modules (`check` compiles every module of `lib/` itself).
    static func problems(source: String, chunkName: String, library: URL, memoryLimit: Int?, compile: Bool = true) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        var pending = requires(in: source).map { (name: $0.name, line: $0.line, from: chunkName) }
        while !pending.isEmpty {
            let (name, line, from) = pending.removeFirst()
            guard seen.insert(name).inserted else { continue }
            let file = library.appendingPathComponent(name.replacingOccurrences(of: ".", with: "/") + ".lua")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                problems.append("\(from):\(line): require: module '\(name)' not found (looked for \(RecipeCatalog.displayPath(file)))")
                continue
            }
            let moduleSource = String(decoding: data, as: UTF8.self)
            let moduleChunk = RecipeCatalog.displayPath(file)
            if compile, let error = compileError(moduleSource, chunkName: "@" + moduleChunk, memoryLimit: memoryLimit) {
                problems.append("\(error) (module '\(name)', required at \(from):\(line))")
                continue
            }
            pending += requires(in: moduleSource).map { (name: $0.name, line: $0.line, from: moduleChunk) }
        }
        return problems
    }

    /// The literal module names `source` requires (`require "x"`, `require("x")`, `require 'x.y'`) with their lines.
    static func requires(in source: String) -> [(name: String, line: Int)] {
        guard let regex = try? NSRegularExpression(pattern: #"(?<![\w.:])require\s*\(?\s*["']([A-Za-z0-9_][A-Za-z0-9_.-]*)["']"#)
        else { return [] }
        let text = source as NSString
        return regex.matches(in: source, range: NSRange(location: 0, length: text.length)).map { match in
            let name = text.substring(with: match.range(at: 1))
            let line = text.substring(to: match.range.location).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            return (name, line)
        }
    }

    private static func compileError(_ source: String, chunkName: String, memoryLimit: Int?) -> String? {
        LuaThread.runBlocking(name: "sparkdeploy.require-check") {
            do {
                let state = try LuaState(memoryLimit: memoryLimit)
                _ = try state.load(source, chunkName: chunkName)
                return nil
            } catch {
                return LuaError.wrap(error).message
            }
        }
    }
}
