import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

extension LivyClient {
    /// The URL of `request` (base URL, path, query).
    func url(for request: LivyRequest) -> String {
        var components = URLComponents()
        components.queryItems = request.query.isEmpty ? nil : request.query.map { URLQueryItem(name: $0.name, value: $0.value) }
        return connection.baseURL + request.path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Sends `request`, retrying transient failures when it is retriable, and returns a 2xx response.
    /// - Throws: ``LivyError`` — the status mapped to a code with Livy's `msg`, `transport`, `cancelled`.
    func execute(_ request: LivyRequest) async throws(LivyError) -> HTTPResponse {
        var attempt = 1
        while true {
            let error: LivyError
            do {
                return try await sendOnce(request)
            } catch let failure {
                error = failure
            }
            guard request.retriable, error.isTransient, attempt < connection.retry.maxAttempts else { throw error }
            logger.debug(
                "livy retry",
                metadata: ["livy.operation": "\(request.operation)", "livy.attempt": "\(attempt)", "livy.error": "\(error.code)"])
            do { try await clock.sleep(seconds: connection.retry.backoff.delay(afterAttempt: attempt)) } catch {
                throw LivyError(
                    .cancelled, operation: request.operation, message: "cancelled while waiting to retry", batchId: request.batchId)
            }
            attempt += 1
        }
    }

    /// One HTTP exchange: headers and credentials applied, the answer mapped onto ``LivyError`` unless 2xx.
    func sendOnce(_ request: LivyRequest) async throws(LivyError) -> HTTPResponse {
        let url = url(for: request)
        var http = HTTPRequest(method: request.method, url: url, body: request.body)
        http.setHeader("Accept", "application/json")
        http.setHeader("X-Requested-By", connection.requestedBy)
        if !request.body.isEmpty { http.setHeader("Content-Type", "application/json") }
        if let credentials = connection.credentials { http.setHeader("Authorization", credentials.header) }
        let response: HTTPResponse
        do {
            response = try await transport.send(http)
        } catch {
            logger.debug(
                "livy request failed",
                metadata: [
                    "livy.operation": "\(request.operation)", "livy.method": "\(request.method)", "livy.endpoint": "\(url)",
                    "livy.error": "\(error.kind)",
                ])
            if error.kind == .cancelled {
                throw LivyError(.cancelled, operation: request.operation, method: request.method, endpoint: url, message: "cancelled")
            }
            var failure = LivyError(
                .transport, operation: request.operation, method: request.method, endpoint: url, message: error.description,
                batchId: request.batchId, mayHaveTakenEffect: error.mayHaveReachedServer)
            failure.status = error.responseStatus
            throw failure
        }
        logger.debug(
            "livy request",
            metadata: [
                "livy.operation": "\(request.operation)", "livy.method": "\(request.method)", "livy.endpoint": "\(url)",
                "livy.status": "\(response.status)",
            ])
        guard (200..<300).contains(response.status) else {
            throw Self.error(from: response, request: request, url: url)
        }
        return response
    }

    /// Maps an unsuccessful answer: status → code, Livy's `{"msg": …}` or a body excerpt as the message.
    static func error(from response: HTTPResponse, request: LivyRequest, url: String) -> LivyError {
        var message: String?
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            message = object["msg"] as? String
        }
        let code = response.failureCodeName.map(LivyError.Code.init) ?? .httpStatus
        return LivyError(
            code, operation: request.operation, method: request.method, endpoint: url, status: response.status,
            message: message ?? response.failureText(limit: 500), batchId: request.batchId, mayHaveTakenEffect: code == .unavailable)
    }

    /// Decodes a 2xx body as `type`; anything unreadable is a `decoding` error naming the endpoint.
    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, _ request: LivyRequest) throws(LivyError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw LivyError(
                .decoding, operation: request.operation, method: request.method, endpoint: url(for: request),
                status: response.status,
                message: "unreadable answer (\(Self.reason(error))): \(response.excerpt(limit: 200))", batchId: request.batchId)
        }
    }

    /// A short reason for a decoding failure: the path to the bad field and what was wrong.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "the document" : keys
        }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .keyNotFound(let key, let context):
            return "\(path(context) == "the document" ? "" : path(context) + ".")\(key.stringValue) is missing"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "not JSON"
        }
    }
}
