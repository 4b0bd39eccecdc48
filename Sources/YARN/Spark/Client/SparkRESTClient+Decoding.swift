import Foundation
import HTTPTransport

extension SparkRESTClient {
    /// Decodes a 2xx body as `T`, or throws a ``SparkRESTError`` (`decoding`) naming the endpoint, the JSON
    /// path of the problem and the body's start (an HTML proxy page, a truncated body, a wrong type).
    static func decode<T: Decodable>(
        _ type: T.Type, _ response: HTTPResponse, url: String, endpoint: String,
        applicationId: String?
    ) throws(SparkRESTError) -> T {
        func failure(_ what: String) -> SparkRESTError {
            var message = what
            if let type = response.header("Content-Type"), !type.lowercased().contains("json") {
                message += " (Content-Type \(type))"
            }
            message += "; body starts: \(response.excerpt(limit: 120))"
            return SparkRESTError(
                .decoding, endpoint: endpoint, url: url, status: response.status, message: message,
                applicationId: applicationId)
        }
        guard let first = response.body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw failure("empty body where JSON was expected")
        }
        guard first == UInt8(ascii: "[") || first == UInt8(ascii: "{") else {
            throw failure("not JSON")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch let error as DecodingError {
            throw failure(describe(error))
        } catch {
            throw failure("not JSON: \(error.localizedDescription)")
        }
    }

    /// `"at [3].status: expected String, found a number"`-style text for a decoding error.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : (text.hasPrefix(".") ? String(text.dropFirst()) : text)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): missing '\(key.stringValue)'"
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
