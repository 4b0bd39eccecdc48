import DeployRuntime
import LuaHost
import Testing

@Suite("Param rules: min, max, nonempty, pattern")
struct ParamRulesTests {
    static func param(_ name: String, _ kind: RecipeParam.Kind, _ rules: ParamRules) -> RecipeParam {
        var param = RecipeParam(name: name, kind: kind, required: true)
        param.rules = rules
        return param
    }

    let declared = [
        param("ready_timeout", .number, ParamRules(min: 1, max: 3600)),
        param("jar", .string, ParamRules(nonempty: true, patterns: ["^s3://", "^hdfs://", "^file://"])),
        param("class", .string, ParamRules(nonempty: true)),
        param("hosts", .list, ParamRules(nonempty: true, patterns: ["^%w[%w.-]*$"])),
    ]

    func problems(_ given: [String: String]) -> [String] {
        guard case .failure(let error) = ParamsParser.resolve(given, declared: declared) else { return [] }
        return error.problems
    }

    @Test("values inside the rules pass")
    func accepts() throws {
        let params = try ParamsParser.resolve(
            ["ready_timeout": "1", "jar": "hdfs:///b/a.jar", "class": "A", "hosts": "a.b,c"],
            declared: declared
        ).get()
        #expect(params["ready_timeout"] == .integer(1))
        #expect(params["jar"] == .string("hdfs:///b/a.jar"))
    }

    @Test("a negative or zero timeout is refused, naming the param and the rule", arguments: ["-1", "0", "0.5"])
    func belowMin(value: String) {
        let found = problems(["ready_timeout": value, "jar": "s3://b/a.jar", "class": "A", "hosts": "a"])
        #expect(found == ["param 'ready_timeout': \(value) is less than min = 1"])
    }

    @Test("above max is refused")
    func aboveMax() {
        #expect(
            problems(["ready_timeout": "1e9", "jar": "s3://b/a.jar", "class": "A", "hosts": "a"])
                == ["param 'ready_timeout': 1e9 is greater than max = 3600"])
    }

    @Test("empty or blank strings and empty lists are refused by nonempty; every problem at once")
    func nonempty() {
        let found = problems(["ready_timeout": "5", "jar": "", "class": "  ", "hosts": ",,"])
        #expect(
            found == [
                "param 'jar': must not be empty (nonempty = true)", "param 'class': must not be empty (nonempty = true)",
                "param 'hosts': must not be an empty list (nonempty = true)",
            ])
    }

    @Test("a value matching none of the patterns is refused; list elements are checked one by one")
    func pattern() {
        let found = problems(["ready_timeout": "5", "jar": "build.jar", "class": "A", "hosts": "ok.host,bad host"])
        #expect(
            found == [
                "param 'jar': 'build.jar' does not match any of pattern = { \"^s3://\", \"^hdfs://\", \"^file://\" }",
                "param 'hosts': element 'bad host' does not match pattern = \"^%w[%w.-]*$\"",
            ])
    }

    @Test("a secret's value is not shown when it breaks a rule")
    func secretHidden() {
        var token = Self.param("token", .string, ParamRules(patterns: ["^tok_"]))
        token.secret = true
        guard case .failure(let error) = ParamsParser.resolve(["token": "hunter2"], declared: [token]) else {
            Issue.record("accepted a token breaking its pattern")
            return
        }
        #expect(error.problems == ["param 'token': '***' does not match pattern = \"^tok_\""])
    }
}
