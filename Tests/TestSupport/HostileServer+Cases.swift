/// One hostile response to serve, with what a correct client must do with it.
public struct HostileCase: Sendable, CustomStringConvertible {
    /// What a client may do with the response.
    public enum Expectation: Sendable, Equatable {
        /// Throw a typed error.
        case error
        /// Throw a typed error, or return the valid body's value (fields may only go missing, never change).
        case errorOrOriginal
    }

    /// `"#17 truncated at byte 133 of 512, HTTP 200"`.
    public var label: String
    /// What the server sends.
    public var response: HostileResponse
    /// What the client must do.
    public var expectation: Expectation
    /// A number was replaced by another (out-of-range) number: a floating-point field may legitimately
    /// decode it, so only integer fields must not change.
    public var floatsMayChange = false

    /// The label.
    public var description: String { label }
}

/// Generates reproducible hostile cases from a valid body.
public enum HostileCases {
    /// `count` cases derived from `valid` (truncations, wrong-typed values, invalid UTF-8, BOMs, HTML,
    /// empty bodies, wrong Content-Type, 500/503, broken framing), drawn from `random`.
    public static func mutations(of valid: [UInt8], count: Int, random: inout HostileRandom) -> [HostileCase] {
        let spans = HostileBody.spans(of: valid)
        var cases: [HostileCase] = []
        for number in 0..<count {
            let roll = random.next() % 100
            let statusRoll = random.next() % 10
            let status = statusRoll < 7 ? 200 : (statusRoll < 9 ? 500 : 503)
            let contentType = random.next() % 8 == 0 ? "text/html; charset=iso-8859-1" : "application/json"
            var body: [UInt8]
            var what: String
            var numeric = false
            switch roll {
            case 0..<35:
                let offset = Int(random.next() % UInt64(max(valid.count, 1)))
                body = Array(valid.prefix(offset))
                what = "truncated at byte \(offset) of \(valid.count)"
            case 35..<70:
                let span = spans[Int(random.next() % UInt64(spans.count))]
                let tokens = HostileBody.wrongTokens(for: span.kind)
                let token = tokens[Int(random.next() % UInt64(tokens.count))]
                body = HostileBody.replacing(span, in: valid, with: token)
                numeric = span.kind == .number && token.first.map { $0 == "-" || $0.isNumber } == true
                what = "\(span.kind) at bytes \(span.range) replaced by \(token)"
            case 70..<78:
                body = HostileBody.invalidUTF8InString(valid, &random) ?? valid
                what = "invalid UTF-8 inside a string"
            case 78..<82:
                body = HostileBody.invalidUTF8(&random) + valid
                what = "invalid UTF-8 before the document"
            case 82..<85:
                body = [0xEF, 0xBB, 0xBF] + valid
                what = "UTF-8 BOM before the document"
            case 85..<89:
                body = HostileBody.htmlErrorPage
                what = "HTML error page"
            case 89..<92:
                body = []
                what = "empty body"
            case 92..<95:
                body = valid
                what = "valid body"
            default:
                let cut = Int(random.next() % UInt64(max(valid.count, 1)))
                cases.append(
                    HostileCase(
                        label: "#\(number) Content-Length \(valid.count) but connection closed after \(cut) bytes, HTTP \(status)",
                        response: .declaring(
                            length: valid.count, status: status, body: Array(valid.prefix(cut)),
                            then: .close),
                        expectation: .error))
                continue
            }
            let expectation: HostileCase.Expectation = status == 200 ? .errorOrOriginal : .error
            cases.append(
                HostileCase(
                    label: "#\(number) \(what), HTTP \(status), Content-Type \(contentType)",
                    response: .http(status: status, contentType: contentType, body: body),
                    expectation: expectation, floatsMayChange: numeric))
        }
        return cases
    }

    /// Cases that break the HTTP framing itself: garbage instead of a status line, a status line only,
    /// a lying or negative `Content-Length`, a server that stalls before answering.
    public static func framing(of valid: [UInt8]) -> [HostileCase] {
        [
            HostileCase(
                label: "garbage instead of HTTP", response: .raw(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)),
                expectation: .error),
            HostileCase(
                label: "status line only, then close", response: .raw(Array("HTTP/1.1 200 OK\r\n".utf8)),
                expectation: .error),
            HostileCase(label: "nothing at all, then close", response: .raw([]), expectation: .error),
            HostileCase(label: "nothing, then stall", response: .raw([], then: .stall), expectation: .error),
            HostileCase(
                label: "Content-Length 2x the body, then close",
                response: .declaring(length: valid.count * 2, status: 200, body: valid, then: .close),
                expectation: .error),
            HostileCase(
                label: "negative Content-Length",
                response: .declaring(length: -5, status: 200, body: valid, then: .close), expectation: .error),
        ]
    }

    /// A server that sends the response head (and part of the body) and then stops sending: the client
    /// must give up at its request time limit.
    public static func bodyStalls(of valid: [UInt8]) -> [HostileCase] {
        [
            HostileCase(
                label: "headers, then stall",
                response: .declaring(length: valid.count, status: 200, body: [], then: .stall),
                expectation: .error),
            HostileCase(
                label: "half the body, then stall",
                response: .declaring(
                    length: valid.count, status: 200, body: Array(valid.prefix(valid.count / 2)),
                    then: .stall),
                expectation: .error),
        ]
    }

    /// Bodies that must be refused or handled without exhausting the stack or memory: a 50 MB string,
    /// 100,000 nested arrays (closed and unclosed), 100,000 nested objects under `key`.
    public static func huge(key: String) -> [HostileCase] {
        [
            HostileCase(
                label: "50 MB string under '\(key)'",
                response: .http(status: 200, body: HostileBody.hugeString(megabytes: 50, key: key)),
                expectation: .error),
            HostileCase(
                label: "100,000 nested arrays", response: .http(status: 200, body: HostileBody.deepArrays(depth: 100_000)),
                expectation: .error),
            HostileCase(
                label: "100,000 unclosed arrays",
                response: .http(status: 200, body: HostileBody.deepArrays(depth: 100_000, closed: false)),
                expectation: .error),
            HostileCase(
                label: "100,000 nested objects under '\(key)'",
                response: .http(status: 200, body: HostileBody.deepObjects(depth: 100_000, key: key)),
                expectation: .error),
            HostileCase(
                label: "100,000 nested arrays with HTTP 500",
                response: .http(status: 500, body: HostileBody.deepArrays(depth: 100_000)), expectation: .error),
            HostileCase(
                label: "100,000 nested objects with HTTP 503",
                response: .http(status: 503, body: HostileBody.deepObjects(depth: 100_000, key: "RemoteException")),
                expectation: .error),
        ]
    }
}
