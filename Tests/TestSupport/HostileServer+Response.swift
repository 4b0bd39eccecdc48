/// What the ``HostileServer`` writes back: raw bytes, then what it does with the connection.
public struct HostileResponse: Sendable {
    /// What happens after the bytes are written.
    public enum Ending: Sendable, Equatable {
        /// Close the connection (a well-framed response ends; a short one is cut mid-body).
        case close
        /// Keep the connection open and send nothing more (the client must time out, not hang).
        case stall
    }

    /// The exact bytes written (status line, headers and body, as given).
    public var bytes: [UInt8]
    /// What happens after the bytes are written.
    public var ending: Ending

    /// Raw bytes, written as they are.
    public static func raw(_ bytes: [UInt8], then ending: Ending = .close) -> HostileResponse {
        HostileResponse(bytes: bytes, ending: ending)
    }

    /// A well-framed response: status line, `Content-Length` of `body`, `Connection: close`, and
    /// `Content-Type` unless `contentType` is `nil`.
    public static func http(
        status: Int, contentType: String? = "application/json",
        headers: [(name: String, value: String)] = [], body: [UInt8]
    ) -> HostileResponse {
        declaring(
            length: body.count, status: status, contentType: contentType, headers: headers, body: body,
            then: .close)
    }

    /// A response whose `Content-Length` says `length` whatever `body` holds: a larger value with
    /// `.close` is a connection closed mid-body, with `.stall` a server that stops sending.
    public static func declaring(
        length: Int, status: Int, contentType: String? = "application/json",
        headers: [(name: String, value: String)] = [], body: [UInt8],
        then ending: Ending
    ) -> HostileResponse {
        var head = "HTTP/1.1 \(status) \(reason(status))\r\nContent-Length: \(length)\r\nConnection: close\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        return HostileResponse(bytes: Array(head.utf8) + body, ending: ending)
    }

    /// A reason phrase for the status line.
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 202: return "Accepted"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
