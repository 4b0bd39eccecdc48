import ClusterSimulator
import Foundation
import HTTPTransport

/// Small helpers for talking real HTTP to a running simulator.
struct TestClient {
    let transport: HTTPTransport

    init() throws {
        transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 5, requestTimeout: 30))
    }

    /// Calls an EMR operation with JSON 1.1 framing.
    func emr(_ sim: Simulator, _ op: String, _ body: String = "{}") async throws -> HTTPResponse {
        try await transport.send(
            HTTPRequest(
                method: "POST", url: sim.emrEndpoint + "/",
                headers: [
                    ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "ElasticMapReduce.\(op)"),
                    (
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/elasticmapreduce/aws4_request, SignedHeaders=host, Signature=00"
                    ),
                ],
                body: Array(body.utf8)))
    }

    /// GET/PUT/POST against an RM base URL.
    func yarn(
        _ base: String, _ method: String = "GET", _ path: String, body: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> HTTPResponse {
        var h = headers.map { (name: $0.0, value: $0.1) }
        if body != nil && !h.contains(where: { $0.name.lowercased() == "content-type" }) {
            h.append((name: "Content-Type", value: "application/json"))
        }
        return try await transport.send(
            HTTPRequest(
                method: method, url: base + path, headers: h,
                body: Array((body ?? "").utf8)))
    }
}

extension HTTPResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// Starts a simulator on free ports, runs `body`, and always stops it.
func withSimulator<T>(
    _ scenario: Scenario = .standard, rate: Double = 1,
    _ body: (Simulator) async throws -> T
) async throws -> T {
    let sim = try await Simulator.start(SimulatorOptions(clock: .init(rate: rate), scenario: scenario))
    do {
        let result = try await body(sim)
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}

extension TestClient {
    /// One raw S3 request to the simulator's S3 (path-style, unsigned: the simulator does not check signatures).
    func s3(
        _ sim: Simulator, _ method: String, _ path: String, body: String = "",
        headers: [(String, String)] = []
    ) async throws -> HTTPResponse {
        try await transport.send(
            HTTPRequest(
                method: method, url: sim.s3Endpoint + path,
                headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8)))
    }
}

/// A response body as text.
func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }
