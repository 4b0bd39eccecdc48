import Foundation
import Testing

/// The shipped recipes travel inside the binary (issue 18): `list` and `run` work from any directory, a project's
/// own `recipes/` overrides them by name, and a project recipe can `require` the embedded `lib/`.
@Suite("Embedded recipes")
struct EmbeddedRecipesTests {
    /// A fresh empty directory outside the repository (the system temporary directory has no `recipes/` above it).
    static func emptyDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The recipes/*.lua files of the repository, by name.
    static var shippedNames: [String] {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("recipes").path)) ?? []
        return items.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// `list` output lines that name a recipe (not the `params:` continuation lines), split into columns.
    static func rows(_ output: String) -> [String: String] {
        var rows: [String: String] = [:]
        for line in output.split(separator: "\n") where !line.hasPrefix(" ") {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            if columns.count >= 2 { rows[String(columns[0])] = String(columns[1]) }
        }
        return rows
    }

    @Test("from an empty directory, list shows every shipped recipe as embedded")
    func listFromEmptyDirectory() throws {
        let dir = try Self.emptyDirectory()
        let r = try CLI.run(["list"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        let rows = Self.rows(r.stdout)
        #expect(!Self.shippedNames.isEmpty)
        for name in Self.shippedNames {
            #expect(rows[name] == "embedded", "\(name): \(r.stdout)")
        }
        let check = try CLI.run(["check"], in: dir)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("ok: \(Self.shippedNames.count) recipes checked"), "\(check.output)")
    }

    @Test("a project recipe overrides the embedded one by name, list says which file, the others stay embedded")
    func projectOverridesByName() throws {
        let dir = try CLI.workspace([
            "hello.lua": "recipe { description = \"the team's hello\" }\nprint(\"TEAM HELLO\")\n",
            "my-team.lua": "recipe { description = \"ours\" }\nprint(\"MINE\")\n",
        ])
        // From a subdirectory: the project's recipes/ is found upwards.
        let sub = dir.appendingPathComponent("jobs/nightly")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let r = try CLI.run(["list"], in: sub)
        #expect(r.status == 0, "\(r.output)")
        let rows = Self.rows(r.stdout)
        #expect(rows["hello"]?.hasSuffix("recipes/hello.lua") == true, "\(r.stdout)")
        #expect(rows["my-team"]?.hasSuffix("recipes/my-team.lua") == true, "\(r.stdout)")
        #expect(rows["redeploy-streaming"] == "embedded", "\(r.stdout)")
        #expect(r.stdout.contains("the team's hello"), "\(r.stdout)")
        let run = try CLI.run(["run", "hello"], in: sub)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("TEAM HELLO"), "\(run.output)")
        let describe = try CLI.run(["describe", "redeploy-streaming"], in: sub)
        #expect(describe.status == 0, "\(describe.output)")
        #expect(describe.stdout.contains("embedded:recipes/redeploy-streaming.lua"), "\(describe.output)")
    }

    @Test("a project recipe requires the embedded lib/ when the project has no module of that name, its own when it has")
    func requireFallsBackToEmbeddedLibrary() throws {
        let recipe = """
            recipe { description = "uses the shipped params helper" }
            local shared = require("params")
            local deploy = require("deploy")
            print("PICKED " .. type(shared.pick) .. " " .. type(deploy))
            """
        let dir = try CLI.workspace(["my-team.lua": recipe])
        let r = try CLI.run(["run", "my-team"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("PICKED function table"), "\(r.output)")

        try "return { pick = 'overridden' }\n".write(
            to: dir.appendingPathComponent("recipes/lib/params.lua"), atomically: true, encoding: .utf8)
        let own = try CLI.run(["run", "my-team"], in: dir)
        #expect(own.status == 0, "\(own.output)")
        #expect(own.stdout.contains("PICKED string table"), "\(own.output)")
    }

    @Test("the embedded sources are the repository's files: scripts/embed-resources.sh output is committed")
    func generatedSourcesAreFresh() throws {
        let scratch = try Self.emptyDirectory()
        let script = Process()
        script.executableURL = CLI.packageRoot.appendingPathComponent("scripts/embed-resources.sh")
        script.arguments = [scratch.path]
        try script.run()
        script.waitUntilExit()
        #expect(script.terminationStatus == 0)
        for generated in [
            "Sources/sparkdeploy/Embedded/EmbeddedRecipeFiles.swift", "Sources/ClusterSimulator/Scenarios/ShippedScenarios.swift",
        ] {
            let fresh = try String(contentsOf: scratch.appendingPathComponent(generated), encoding: .utf8)
            let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent(generated), encoding: .utf8)
            #expect(fresh == committed, "\(generated) is stale: run scripts/embed-resources.sh")
        }
    }
}
