import Foundation
import HTTPTransport
import Testing

@testable import YARN

/// Reads test fixtures from `Tests/YARNTests/Fixtures`.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "missing fixture \(name)")
        return Array(try Data(contentsOf: url))
    }

    static func data(_ name: String) throws -> Data { Data(try bytes(name)) }

    static func response(
        _ name: String, status: Int = 200, contentType: String = "application/json; charset=utf-8"
    )
        throws -> HTTPResponse
    {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: try bytes(name))
    }

    static let context = DecodingContext(
        operation: "apps", method: "GET",
        endpoint: "http://rm1:8088/ws/v1/cluster/apps?user.name=alice")
}
