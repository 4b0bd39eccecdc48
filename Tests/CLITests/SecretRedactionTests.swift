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
        let r = try CLI.run(["run", "leak", "-p", "token=\(Self.paramSecret)", "-vv", "--log-format", format, "--log-file", logFile],
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
}
