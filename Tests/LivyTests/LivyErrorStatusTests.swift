import HTTPTransport
import Livy
import TestSupport
import Testing

/// How the Livy client names an unsuccessful answer from a real HTTP server: the status's code, and
/// Livy's `{"msg": …}` or else the body's start as the message.
@Suite struct LivyErrorStatusTests {
    @Test(arguments: [
        (400, #"{"msg":"requirement failed: file is required"}"#, LivyError.Code.badRequest, "requirement failed: file is required"),
        (403, "", LivyError.Code.forbidden, "HTTP 403 with an empty body"),
        (404, #"{"msg":"Session '7' not found."}"#, LivyError.Code.notFound, "Session '7' not found."),
        (418, "  I'm a teapot\n", LivyError.Code.httpStatus, "I'm a teapot"),
    ])
    func statusAndBodyNameTheError(status: Int, body: String, code: LivyError.Code, message: String) async throws {
        let server = try await HostileServer.start()
        server.respond { _ in .http(status: status, body: Array(body.utf8)) }
        let client = try LivyClient(connection: try LivyConnection(url: server.baseURL))
        do {
            _ = try await client.batch(id: 7)
            Issue.record("HTTP \(status) must fail")
        } catch {
            #expect(error.code == code)
            #expect(error.status == status)
            #expect(error.message == message, "\(error)")
        }
        await server.stop()
    }
}
