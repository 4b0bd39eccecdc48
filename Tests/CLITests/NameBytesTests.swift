import Foundation
import Testing

/// Names are compared by their UTF-8 bytes, as YARN, EMR and Lua compare them (issue 21, item 7):
/// Swift's `==` calls `Cafe\u{301}` and `Café` (precomposed) equal.
@Suite("Unicode-equivalent names never match")
struct NameBytesTests {
    static let decomposed = "Cafe\u{301}"
    static let precomposed = "Caf\u{E9}"

    /// A sandbox scenario file: one cluster running the streaming app `name`.
    private func scenario(running name: String) throws -> String {
        let dir = try CLI.workspace()
        let object: [String: Any] = [
            "description": "an app with a decomposed name",
            "clusters": [
                [
                    "name": "streaming-prod",
                    "streamingJobs": [
                        [
                            "name": name, "mainClass": "com.acme.Cafe", "jar": "s3://bucket/jobs/cafe-1.0.jar", "tags": ["deploy"],
                        ]
                    ],
                ]
            ],
        ]
        let file = dir.appendingPathComponent("cafe.json")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        return file.path
    }

    @Test("with Cafe\\u{301} running, `run stop -p app=Café` (precomposed) stops nothing; the exact name stops it")
    func stopDoesNotKillEquivalentName() throws {
        #expect(Self.decomposed == Self.precomposed)  // what makes Swift's == wrong here
        let file = try scenario(running: Self.decomposed)
        let wrong = try CLI.run([
            "run", "stop", "--scenario", file, "--no-seed", "-p", "cluster=streaming-prod", "-p", "app=\(Self.precomposed)",
        ])
        #expect(wrong.status == 0, "\(wrong.output)")
        #expect(wrong.output.contains("nothing to stop"), "\(wrong.output)")
        #expect(!wrong.output.contains("KILLED"), "\(wrong.output)")
        let right = try CLI.run([
            "run", "stop", "--scenario", file, "--no-seed", "-p", "cluster=streaming-prod", "-p", "app=\(Self.decomposed)",
        ])
        #expect(right.status == 0, "\(right.output)")
        #expect(!right.output.contains("nothing to stop"), "\(right.output)")
    }

    @Test("find_app and emr.steps compare names by bytes over the wire")
    func luaLookups() throws {
        let file = try scenario(running: Self.decomposed)
        let script = """
            local rm = yarn.connect()
            local d, p = "\(Self.decomposed)", "\(Self.precomposed)"
            local c = emr.cluster("streaming-prod")
            print(rm:find_app{ name = p } == nil, rm:find_app{ name = d } ~= nil,
                  #emr.steps(c.id, { name = p }), #emr.steps(c.id, { name = d }))
            """
        let r = try CLI.run(["exec", "--scenario", file, "--no-seed", "-e", script])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.hasPrefix("true\ttrue\t0\t1"), "\(r.output)")
    }
}
