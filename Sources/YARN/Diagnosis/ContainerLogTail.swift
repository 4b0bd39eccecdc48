import Foundation
import HTTPTransport
import SparkDeployCore

/// The end of one container log file, as a NodeManager served it: bounded, redacted, one line per entry.
public struct ContainerLogTail: Sendable, Equatable {
    /// The container (`container_…`).
    public var containerId: String
    /// The file (`stderr`).
    public var file: String
    /// The last lines, oldest first, control characters removed and secrets masked.
    public var lines: [String]
    /// Whether the file was longer than what was read.
    public var truncated: Bool

    /// Creates a tail from its parts.
    public init(containerId: String, file: String, lines: [String], truncated: Bool) {
        self.containerId = containerId
        self.file = file
        self.lines = lines
        self.truncated = truncated
    }

    /// The tail of `text`: the last `maxBytes` bytes (a partial first line dropped), at most `maxLines`
    /// lines, each quoted as outside text (escape sequences removed, secrets masked).
    public init(containerId: String, file: String, text: [UInt8], maxBytes: Int, maxLines: Int, serverTrimmed: Bool) {
        var bytes = text
        var truncated = serverTrimmed
        if bytes.count > maxBytes {
            bytes = Array(bytes.suffix(maxBytes))
            truncated = true
        }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if truncated, lines.count > 1 { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        if lines.count > maxLines {
            lines = Array(lines.suffix(maxLines))
            truncated = true
        }
        self.init(
            containerId: containerId, file: file,
            lines: lines.map { line in
                let plain = line.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: "    ")
                return OutsideText.quoted(Redactor.shared.redact(plain), limit: 400)
            },
            truncated: truncated)
    }
}

extension RMClient {
    /// The last `maxBytes` of container `containerId`'s log `file`, from the NodeManager at
    /// `nodeHTTPAddress` (`host:port`, as the RM reports it): `GET /ws/v1/node/containerlogs/{id}/{file}?size=-N`
    /// (Hadoop 3 reads the tail on the server; an older NM sends the whole file, cut here).
    ///
    /// The NodeManager gets the RM's scheme and `user.name` (simple auth) but never the RM's
    /// credential headers: it is another host, named by the RM's answer.
    /// - Throws: ``YARNError`` naming the NodeManager endpoint: `notFound` (no such container or file —
    ///   aggregated logs are gone from the node), `transport`, `httpStatus`.
    public func containerLogTail(
        nodeHTTPAddress: String, containerId: String, file: String = "stderr", maxBytes: Int = 4096, maxLines: Int = 40
    ) async throws(YARNError) -> ContainerLogTail {
        let operation = "containerLogs"
        let scheme = connection.endpoints.first?.baseURL.hasPrefix("https://") == true ? "https" : "http"
        let host = nodeHTTPAddress.trimmingCharacters(in: .whitespaces)
        guard !host.isEmpty, !host.contains("/"), !host.contains("@"), !host.contains("?"), !host.contains("#") else {
            throw YARNError(.configuration, operation: operation, message: "the RM reported no usable NodeManager address: '\(host)'")
        }
        var query: [(name: String, value: String)] = [("size", "-\(max(1, maxBytes))")]
        if case .simple(let user, _) = connection.auth { query.append(("user.name", user)) }
        let url =
            "\(scheme)://\(host)/ws/v1/node/containerlogs/\(RMEndpoint.encode(containerId))/\(RMEndpoint.encode(file))"
            + "?" + query.map { "\(RMEndpoint.encode($0.name))=\(RMEndpoint.encode($0.value))" }.joined(separator: "&")
        var request = HTTPRequest(method: "GET", url: url)
        request.maxResponseBytes = max(maxBytes, 1) * 64
        request.setHeader("Accept", "text/plain")
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw YARNError(.transport, operation: operation, method: "GET", endpoint: url, message: error.description)
        }
        guard response.status == 200 else {
            let code: YARNError.Code = response.status == 404 ? .notFound : response.status == 403 ? .forbidden : .httpStatus
            throw YARNError(
                code, operation: operation, method: "GET", endpoint: url, status: response.status, message: response.excerpt(limit: 200))
        }
        return ContainerLogTail(
            containerId: containerId, file: file, text: response.body, maxBytes: max(maxBytes, 1), maxLines: max(maxLines, 1),
            serverTrimmed: response.body.count >= maxBytes)
    }
}
