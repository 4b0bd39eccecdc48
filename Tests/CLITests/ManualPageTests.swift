import Foundation
import Testing

/// `sparkdeploy man`: the manual page, written from the commands' own description.
@Suite("Manual page")
struct ManualPageTests {
    @Test("every command and every option of every command is in sparkdeploy.1, e.g. run --sandbox")
    func everyCommand() throws {
        let r = try CLI.run(["man"], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = r.stdout
        #expect(page.contains(".Dt SPARKDEPLOY 1"))
        #expect(page.contains(".Dd January 1, 2026"), "SOURCE_DATE_EPOCH dates the page")
        #expect(page.contains(".Sh EXIT STATUS"))
        let dump = try CLI.run(["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let root = try #require(tool["command"] as? [String: Any])
        let commands = try #require(root["subcommands"] as? [[String: Any]]).filter { $0["shouldDisplay"] as? Bool != false }
        #expect(commands.count >= 13)
        for command in commands {
            let name = try #require(command["commandName"] as? String)
            #expect(page.contains(".It Nm Cm \(name)"), "command \(name)")
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
                for spelling in argument["names"] as? [[String: Any]] ?? [] where spelling["kind"] as? String == "long" {
                    let long = spelling["name"] as? String ?? "?"
                    #expect(page.contains("Fl -\(long)"), "\(name) --\(long)")
                }
            }
        }
        #expect(page.contains(".It Nm Cm run Ar name"))
        #expect(page.contains("Fl -sandbox"))
        #expect(page.contains("Fl p , Fl -param Ar key=value"))
        #expect(!page.contains("Cm man"), "the hidden man command is not listed")
        for line in page.split(separator: "\n") where !line.hasPrefix(".") {
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "roff text is ASCII (escapes for the rest): \(line)")
        }
    }

    @Test("groff reads the page without a warning")
    func groffClean() throws {
        let groff = URL(fileURLWithPath: "/usr/bin/groff")
        // groff is part of man-db's dependencies on Debian; where it is missing there is nothing to render with.
        guard FileManager.default.isExecutableFile(atPath: groff.path) else {
            Issue.record("groff is not installed (apt-get install groff-base): cannot render the manual page")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("man-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("sparkdeploy.1")
        try CLI.run(["man"]).stdout.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = groff
        process.arguments = ["-mdoc", "-Tutf8", "-ww", file.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let rendered = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(rendered.contains("SPARKDEPLOY(1)"))
    }
}
