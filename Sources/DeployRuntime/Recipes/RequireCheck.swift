import Foundation
import LuaHost

/// Checks, before a recipe runs (and in `check`), that every module it `require`s by a literal name exists in its
/// `lib/` directory and compiles — recursively through the modules' own requires — so a missing module or a syntax
/// error in one is a usage error (exit 2) before any side effect, not a failure halfway through a deploy.
enum RequireCheck {
    /// Every problem with the literal `require("name")` calls of `source` (chunk `chunkName`), resolved in `library`;
    /// with `compile` false only missing modules (`check` compiles every module of `lib/` itself).
    static func problems(source: String, chunkName: String, library: ModuleLibrary, memoryLimit: Int?, compile: Bool = true) -> [String] {
        // One Lua state on one thread compiles every module (not a state and a thread per module).
        LuaThread.runBlocking(name: "sparkdeploy.require-check") {
            var state: Result<LuaState, LuaError>?
            if compile {
                do { state = .success(try LuaState(memoryLimit: memoryLimit)) } catch { state = .failure(LuaError.wrap(error)) }
            }
            var problems: [String] = []
            var seen: Set<String> = []
            var pending = requires(in: source).map { (name: $0.name, line: $0.line, from: chunkName) }
            while !pending.isEmpty {
                let (name, line, from) = pending.removeFirst()
                guard seen.insert(name).inserted else { continue }
                guard let module = library.module(name) else {
                    problems.append("\(from):\(line): require: module '\(name)' not found (looked for \(library.lookedFor(name)))")
                    continue
                }
                let moduleSource = module.source
                let moduleChunk = module.displayPath
                if let state, let error = compileError(moduleSource, chunkName: "@" + moduleChunk, in: state) {
                    problems.append("\(error) (module '\(name)', required at \(from):\(line))")
                    continue
                }
                pending += requires(in: moduleSource).map { (name: $0.name, line: $0.line, from: moduleChunk) }
            }
            return problems
        }
    }

    /// The literal module names `source` requires (`require "x"`, `require("x")`, `require 'x.y'`) with their lines.
    /// A byte scanner (no NSRegularExpression: this runs before every run, and a regex would load ICU).
    static func requires(in source: String) -> [(name: String, line: Int)] {
        let bytes = Array(source.utf8)
        let keyword = Array("require".utf8)
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        func isNameByte(_ b: UInt8) -> Bool { isWord(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") }
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var found: [(name: String, line: Int)] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            guard bytes[i] == keyword[0], i + keyword.count <= bytes.count, Array(bytes[i..<i + keyword.count]) == keyword,
                i == 0 || !(isWord(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: ".") || bytes[i - 1] == UInt8(ascii: ":"))
            else {
                i += 1
                continue
            }
            var j = i + keyword.count
            while j < bytes.count, isBlank(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "(") { j += 1 }
            while j < bytes.count, isBlank(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                let quote = bytes[j]
                let start = j + 1
                var k = start
                while k < bytes.count, isNameByte(bytes[k]) { k += 1 }
                if k > start, k < bytes.count, bytes[k] == quote, isWord(bytes[start]) {
                    found.append((String(decoding: bytes[start..<k], as: UTF8.self), line))
                }
            }
            i += keyword.count
        }
        return found
    }

    /// The compile error of `source`, nil when it compiles (loaded, never run, then released).
    private static func compileError(_ source: String, chunkName: String, in state: Result<LuaState, LuaError>) -> String? {
        do {
            let state = try state.get()
            state.release(try state.load(source, chunkName: chunkName))
            return nil
        } catch {
            return LuaError.wrap(error).message
        }
    }
}
