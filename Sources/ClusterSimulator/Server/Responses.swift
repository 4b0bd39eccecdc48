import Foundation
import Hummingbird

/// Builders for the responses both services send.
enum Responses {
    /// A JSON response.
    static func json(
        _ status: HTTPResponse.Status, _ bytes: [UInt8], headers: HTTPFields = [:],
        contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        var h = headers
        h[.contentType] = contentType
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON response from a value.
    static func json(
        _ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:],
        contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        json(status, JSONWriter.encode(value), headers: headers, contentType: contentType)
    }

    /// A plain-text response.
    static func text(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Parses a query string into ordered (name, value) pairs, percent-decoded.
    static func queryPairs(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            func decode(_ s: String) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}
