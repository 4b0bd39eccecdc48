import Foundation
import Testing

/// Scripts read sparkdeploy's output as JSON: log fields keep their JSON types, and `exec --output json`
/// prints the returned values as JSON on stdout (logs stay on stderr).
@Suite("JSON for scripts")
struct JSONOutputTests {
    @Test("JSON log fields keep their types: numbers, booleans, arrays and objects are not strings; secrets stay masked")
    func typedFields() throws {
        let r = try CLI.run([
            "exec", "--log-format", "json", "-e",
            #"log.info("typed", {n = 42, f = 1.5, ok = true, list = {"a", "b"}, obj = {k = 1}, s = "text", token = "hunter2"})"#,
        ])
        #expect(r.status == 0, "\(r.output)")
        let line = try #require(r.stderr.split(separator: "\n").first { $0.contains("\"msg\":\"typed\"") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(fields["n"] as? Int == 42)
        #expect(fields["f"] as? Double == 1.5)
        #expect(fields["ok"] as? Bool == true)
        #expect(fields["list"] as? [String] == ["a", "b"])
        #expect((fields["obj"] as? [String: Any])?["k"] as? Int == 1)
        #expect(fields["s"] as? String == "text")
        #expect(fields["token"] as? String == "***")
        #expect(!line.contains("hunter2"))
    }

    @Test("exec --output json prints one value as JSON, several as an array, on stdout only")
    func execOutput() throws {
        let one = try CLI.run(["exec", "--output", "json", "-e", "return {apps = {}, n = 2}"])
        #expect(one.status == 0, "\(one.output)")
        let value = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(value["n"] as? Int == 2)
        let several = try CLI.run(["exec", "--output", "json", "-e", #"return "a", 1, true"#])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(several.stdout.utf8)) as? [Any])
        #expect(array.count == 3 && array[0] as? String == "a" && array[1] as? Int == 1 && array[2] as? Bool == true)
        let bad = try CLI.run(["exec", "--output", "yaml", "-e", "return 1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--output must be text or json"))
    }
}
