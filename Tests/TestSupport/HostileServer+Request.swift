/// One request as the ``HostileServer`` parsed it from the wire.
public struct HostileRequest: Sendable {
    /// `GET`, `POST`…
    public var method: String
    /// The request target, query included (`/ws/v1/cluster/apps?states=RUNNING`).
    public var target: String
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// The target without its query string.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Parses one complete request from the start of `bytes`; `nil` while more bytes are needed.
    /// Returns the request and how many bytes it used.
    static func parse(_ bytes: [UInt8]) -> (request: HostileRequest, consumed: Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.firstRange(of: separator) else { return nil }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = (lines.first ?? "").split(separator: " ")
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces))
        }
        var request = HostileRequest(
            method: requestLine.first.map(String.init) ?? "",
            target: requestLine.dropFirst().first.map(String.init) ?? "/",
            headers: headers, body: [])
        let bodyStart = end.upperBound
        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            guard let body = Self.dechunk(bytes[bodyStart...]) else { return nil }
            request.body = body.body
            return (request, bodyStart + body.consumed)
        }
        let length = request.header("Content-Length").flatMap { Int($0) } ?? 0
        guard bytes.count - bodyStart >= length else { return nil }
        request.body = Array(bytes[bodyStart..<(bodyStart + length)])
        return (request, bodyStart + length)
    }

    /// Decodes a chunked body; `nil` until the last chunk has arrived.
    private static func dechunk(_ bytes: ArraySlice<UInt8>) -> (body: [UInt8], consumed: Int)? {
        var body: [UInt8] = []
        var index = bytes.startIndex
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: [13, 10]) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.prefix { $0 != ";" }, radix: 16) else { return nil }
            let dataStart = lineEnd.upperBound
            guard bytes.endIndex - dataStart >= size + 2 else { return nil }
            if size == 0 { return (body, dataStart + 2 - bytes.startIndex) }
            body += bytes[dataStart..<(dataStart + size)]
            index = dataStart + size + 2
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
