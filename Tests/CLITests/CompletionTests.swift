import Foundation
import Testing

/// Shell completion: the scripts ArgumentParser generates for bash, zsh and fish, and the callback into
/// the binary that completes recipe names (`run`, `describe`) and the chosen recipe's `-p` params.
@Suite("Shell completion")
struct CompletionTests {
    static let commands = ["run", "exec", "repl", "list", "describe", "check", "api", "sandbox", "apps", "kill", "status", "logs", "steps"]

    @Test("each shell's script names every command and calls back for recipe names and -p params", arguments: ["bash", "zsh", "fish"])
    func script(shell: String) throws {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        for command in Self.commands {
            #expect(r.stdout.contains(command), "\(shell): \(command)")
        }
        #expect(r.stdout.contains("---completion run -- positional@0"), "\(shell): recipe names for run")
        #expect(r.stdout.contains("---completion run -- --param"), "\(shell): params for run -p")
        #expect(r.stdout.contains("---completion describe -- positional@0"), "\(shell): recipe names for describe")
    }

    @Test("the callback lists the shipped recipes that start with what was typed")
    func recipeNames() throws {
        let r = try CLI.run(["---completion", "run", "--", "positional@0", "2", "3", "sparkdeploy", "run", "red"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n") == ["redeploy-streaming", "redeploy-via-cancel"], "\(r.stdout)")
        let all = try CLI.run(["---completion", "describe", "--", "positional@0", "2", "0", "sparkdeploy", "describe", ""])
        #expect(all.stdout.split(separator: "\n").contains("hello"), "\(all.stdout)")
        #expect(all.stdout.split(separator: "\n").contains("stop"), "\(all.stdout)")
    }

    @Test("the callback lists the chosen recipe's params as name=, and a param's choices after its =")
    func paramNames() throws {
        let line = ["sparkdeploy", "run", "--sandbox", "--scenario", "standard", "redeploy-streaming", "-p"]
        let r = try CLI.run(["---completion", "run", "--", "--param", "7", "0"] + line + [""])
        #expect(r.status == 0, "\(r.stderr)")
        let names = r.stdout.split(separator: "\n").map(String.init)
        for name in ["app=", "jar=", "class=", "cluster=", "stop="] { #expect(names.contains(name), "\(name): \(names)") }
        let stop = try CLI.run(["---completion", "run", "--", "--param", "7", "5"] + line + ["stop="])
        #expect(stop.stdout.split(separator: "\n") == ["stop=drain", "stop=kill"], "\(stop.stdout)")
        let other = try CLI.run(["---completion", "run", "--", "--param", "3", "0", "sparkdeploy", "run", "hello", "-p", ""])
        #expect(!other.stdout.contains("jar="), "hello's params, not redeploy-streaming's: \(other.stdout)")
    }

    @Test("a project's recipes directory (--recipes) is where names and params come from")
    func recipesOption() throws {
        let dir = try CLI.workspace([
            "ship-it.lua": "recipe { description = \"x\", params = { build_id = { type = \"string\", required = true } } }\n"
        ])
        let names = try CLI.run(
            ["---completion", "run", "--", "positional@0", "4", "0", "sparkdeploy", "run", "--recipes", dir.path + "/recipes", ""],
            in: URL(fileURLWithPath: NSTemporaryDirectory()))
        // The project's recipe, and the built-in ones it does not override (as `list` shows them).
        let completed = names.stdout.split(separator: "\n")
        #expect(completed.contains("ship-it") && completed.contains("redeploy-streaming"), "\(names.stdout) \(names.stderr)")
        let listed = try CLI.run(["list", "--recipes", dir.path + "/recipes"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        let listedNames = listed.stdout.split(separator: "\n").compactMap { $0.first == " " ? nil : $0.split(separator: " ").first }
        #expect(completed == listedNames, "\(names.stdout) vs \(listed.stdout)")
        let params = try CLI.run(["---completion", "run", "--", "--param", "3", "0", "sparkdeploy", "run", "ship-it", "-p", ""], in: dir)
        #expect(params.stdout.split(separator: "\n") == ["build_id="], "\(params.stdout) \(params.stderr)")
    }

    @Test("bash: the generated script, sourced, completes recipe names and -p params through the binary")
    func bashEndToEnd() throws {
        let script = try CLI.run(["--generate-completion-script", "bash"]).stdout
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("sparkdeploy"), withDestinationURL: CLI.binary)
        try script.write(to: dir.appendingPathComponent("sparkdeploy.bash"), atomically: true, encoding: .utf8)
        let probe = """
            source "$1"
            complete_line() {
                COMPREPLY=()
                read -r -a COMP_WORDS <<<"$1"
                [[ "$1" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$1"; COMP_POINT=${#1}
                _sparkdeploy sparkdeploy "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
            }
            echo "names:"; complete_line "sparkdeploy run redeploy-s"
            echo "params:"; complete_line "sparkdeploy run redeploy-streaming -p ja"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", probe, "probe", dir.appendingPathComponent("sparkdeploy.bash").path]
        process.currentDirectoryURL = CLI.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = dir.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output == "names:\nredeploy-streaming\nparams:\njar=\n", "\(output)")
    }
}
