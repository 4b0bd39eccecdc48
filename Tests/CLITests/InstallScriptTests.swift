import Foundation
import Testing

/// `scripts/install.sh PREFIX`: the binary, the bash, zsh and fish completions and the manual page.
@Suite("install.sh")
struct InstallScriptTests {
    @Test("installs the binary, three completion scripts and sparkdeploy.1 under a fresh PREFIX")
    func install() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("prefix-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.packageRoot.appendingPathComponent("scripts/install.sh").path, prefix.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SPARKDEPLOY_BIN"] = CLI.binary.path  // the debug build: a release build is another test's matter
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stdout)\(stderr)")
        let expected: [(path: String, mark: String)] = [
            ("share/bash-completion/completions/sparkdeploy", "---completion run -- --param"),
            ("share/zsh/site-functions/_sparkdeploy", "#compdef sparkdeploy"),
            ("share/fish/vendor_completions.d/sparkdeploy.fish", "---completion run -- positional@0"),
            ("share/man/man1/sparkdeploy.1", ".Dt SPARKDEPLOY 1"),
        ]
        for (path, mark) in expected {
            let file = prefix.appendingPathComponent(path)
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            #expect(text.contains(mark), "\(path) should contain \(mark)")
            #expect(stdout.contains("installed \(file.path)"))
        }
        let binary = prefix.appendingPathComponent("bin/sparkdeploy")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let help = Process()
        help.executableURL = binary
        help.arguments = ["list", "--recipes", CLI.packageRoot.appendingPathComponent("recipes").path]
        let helpOut = Pipe()
        help.standardOutput = helpOut
        try help.run()
        let listed = String(decoding: helpOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        help.waitUntilExit()
        #expect(listed.contains("redeploy-streaming"), "the installed binary runs: \(listed)")
    }
}
