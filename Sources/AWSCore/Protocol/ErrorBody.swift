import Foundation

/// Reads the code and message of a JSON 1.1 error response.
enum ErrorBody {
    /// `(code, message)`: the code from `x-amzn-ErrorType` or `__type` (or `code`), stripped up to `#` and
    /// after `:`; the message from `Message` or `message`. Falls back to `HTTP<status>` for non-JSON bodies.
    static func parse(status: Int, headers: [(name: String, value: String)], body: [UInt8]) -> (String, String) {
        var code: String?
        var message = ""
        if let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] {
            code = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            message = (object["Message"] as? String) ?? (object["message"] as? String) ?? ""
        } else {
            message = String(decoding: body.prefix(300), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        }
        if let header = headers.first(where: { $0.name.caseInsensitiveCompare("x-amzn-ErrorType") == .orderedSame }) {
            code = header.value
        }
        return (normalize(code) ?? "HTTP\(status)", message)
    }

    /// `aws.protocoltests#FooError:http://…` → `FooError`.
    static func normalize(_ code: String?) -> String? {
        guard var code, !code.isEmpty else { return nil }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        return code.isEmpty ? nil : code
    }
}
