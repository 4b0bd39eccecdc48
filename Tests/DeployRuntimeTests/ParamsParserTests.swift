import DeployRuntime
import Foundation
import LuaHost
import Testing

@Suite("Params are typed and checked all at once")
struct ParamsParserTests {
    let declared = [
        RecipeParam(name: "cluster", required: true, help: "cluster id or name"),
        RecipeParam(name: "settle", kind: .number, defaultValue: .integer(60)),
        RecipeParam(name: "retries", kind: .integer),
        RecipeParam(name: "force", kind: .boolean, defaultValue: .boolean(false)),
        RecipeParam(name: "tags", kind: .list),
        RecipeParam(name: "mode", choices: ["fast", "safe"]),
    ]

    @Test func converts() throws {
        let given = ["cluster": "j-1", "settle": "2.5", "retries": "3", "force": "yes", "tags": "a, b,,c", "mode": "fast"]
        let params = try ParamsParser.resolve(given, declared: declared).get()
        #expect(params["settle"] == .number(2.5))
        #expect(params["retries"] == .integer(3))
        #expect(params["force"] == .boolean(true))
        #expect(params["tags"] == .array(["a", "b", "c"]))
        #expect(params["mode"] == .string("fast"))
    }

    @Test func defaults() throws {
        let params = try ParamsParser.resolve(["cluster": "x"], declared: declared).get()
        #expect(params["settle"] == .integer(60))
        #expect(params["force"] == .boolean(false))
        #expect(params["retries"] == nil)
    }

    @Test func everyProblemAtOnce() {
        guard
            case .failure(let error) = ParamsParser.resolve(
                ["settle": "abc", "retries": "1.5", "force": "maybe", "mode": "x", "clustr": "j"],
                declared: declared)
        else {
            Issue.record("accepted bad params")
            return
        }
        #expect(error.problems.count == 6)
        #expect(error.problems.contains("missing required param 'cluster' (cluster id or name)"))
        #expect(error.problems.contains("unknown param 'clustr' (did you mean 'cluster'?)"))
        #expect(error.problems.contains { $0.hasPrefix("param 'force': expected boolean, got 'maybe'") })
    }

    @Test func splitsAssignments() {
        let (values, problems) = ParamsParser.split(["a=1", "b=x=y", "broken", "=v"])
        #expect(values == ["a": "1", "b": "x=y"])
        #expect(problems.count == 2)
    }

    @Test func readsJSONParamsFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("params-\(UUID()).json")
        try #"{"cluster":"j-1","settle":30,"force":true,"tags":["a","b"]}"#.write(to: url, atomically: true, encoding: .utf8)
        let (values, problems) = ParamsParser.readFile(url.path)
        #expect(problems.isEmpty)
        #expect(values == ["cluster": "j-1", "settle": "30", "force": "true", "tags": "a,b"])
    }
}
