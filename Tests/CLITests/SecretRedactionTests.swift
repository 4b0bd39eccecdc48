import Foundation
import Testing

@Suite("Secrets never reach the output")
struct SecretRedactionTests {
    static let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRET"
    static let paramSecret = "hunter2-param-secret"
    static let urlPassword = "p4ssw0rd-in-url"

    static let recipe = """
        recipe {
          description = "leaks on purpose",
          params = { token = { secret = true, required = true } },
        }
        stage("leak", function()
          log.info("env", { key = env("AWS_SECRET_ACCESS_KEY"), note = "k=" .. env("AWS_SECRET_ACCESS_KEY") })
          log.debug("param " .. params.token, { t = params.token })
          log.warn("url", { url = "https://deployer:\(urlPassword)@knox.example:8443/gateway" })
          print("printed " .. params.token .. " " .. env("AWS_SECRET_ACCESS_KEY"))
          fail("failing with " .. params.token)
        end)
        """

    @Test(arguments: ["plain", "json", "text"])
    func redacted(format: String) throws {
        let dir = try CLI.workspace(["leak.lua": Self.recipe])
        let logFile = dir.appendingPathComponent("run.log").path
        let r = try CLI.run(
            ["run", "leak", "-p", "token=\(Self.paramSecret)", "-vv", "--log-format", format, "--log-file", logFile],
            in: dir, environment: ["AWS_SECRET_ACCESS_KEY": Self.secretKey])
        #expect(r.status == 1)
        let file = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        #expect(!file.isEmpty)
        for text in [r.stdout, r.stderr, file] {
            #expect(!text.contains(Self.secretKey))
            #expect(!text.contains(Self.paramSecret))
            #expect(!text.contains(Self.urlPassword))
        }
        #expect(r.stderr.contains("***"))
    }

    // Issue 21, item 4: each leak the adversarial trial found, through the CLI.

    static let quotedSecret = #"q"uote\back-SECRET-7f3a"#

    @Test("a secret holding \" and \\ is masked in its JSON-escaped forms: a table field, json.encode", arguments: ["plain", "json"])
    func jsonEscaped(format: String) throws {
        let dir = try CLI.workspace([
            "j.lua": """
            recipe { description = "json forms", params = { db = { secret = true, required = true } } }
            stage("s", function()
              log.info("x", { params = params })
              print(json.encode(params))
              print(json.encode({ nested = json.encode(params) }))
            end)
            """
        ])
        let r = try CLI.run(["run", "j", "-p", "db=\(Self.quotedSecret)", "--log-format", format], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(!r.output.contains("SECRET-7f3a"), "\(r.output)")
        #expect(!r.output.contains("uote"), "\(r.output)")
        #expect(r.output.contains("***"))
    }

    @Test("each element of a list secret is masked")
    func listElements() throws {
        let dir = try CLI.workspace([
            "l.lua": """
            recipe { description = "list secret", params = { keys = { type = "list", secret = true, required = true } } }
            stage("s", function()
              log.info("first " .. params.keys[1], { second = params.keys[2] })
              print(params.keys[2], json.encode(params.keys))
            end)
            """
        ])
        let r = try CLI.run(["run", "l", "-p", "keys=alpha-key-one,beta-key-two"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(!r.output.contains("alpha-key-one") && !r.output.contains("beta-key-two"), "\(r.output)")
    }

    @Test("a secret's default is never printed: not by describe, not when the run logs it")
    func secretDefault() throws {
        let dir = try CLI.workspace([
            "d.lua": """
            recipe { description = "secret default", params = { pw = { secret = true, default = "default-pw-9c1e" } } }
            stage("s", function() log.info("pw " .. params.pw) print(params.pw) end)
            """
        ])
        let described = try CLI.run(["describe", "d"], in: dir)
        #expect(described.status == 0, "\(described.output)")
        #expect(!described.output.contains("default-pw-9c1e"), "\(described.output)")
        #expect(described.output.contains("secret"))
        let r = try CLI.run(["run", "d"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(!r.output.contains("default-pw-9c1e"), "\(r.output)")
    }

    @Test("a YARN URL whose password holds '/' is not echoed by the configuration error")
    func urlPasswordWithSlash() throws {
        let r = try CLI.run(
            ["exec", "-e", "return yarn.apps()"],
            environment: ["SPARKDEPLOY_YARN_URL": "ftp://deployer:pa/ss-9d2b@rm.example:8088"])
        #expect(r.status != 0)
        #expect(r.output.contains("ResourceManager address"), "\(r.output)")
        #expect(!r.output.contains("ss-9d2b"), "\(r.output)")
    }
}
