import Foundation
import HTTPTransport
import SparkDeployCore

extension SparkRESTClient {
    /// One answer to a chain of hops: a final response, or a failure before one arrived.
    enum HopOutcome: Sendable {
        case response(HTTPResponse, url: String)
        case failed(TransportError, url: String)
    }

    /// GETs `path` under `/api/v1` (e.g. `/applications/{id}/jobs`) and returns the 2xx response.
    ///
    /// The proxy route tries the active RM first, then the others (a standby's page or a connection
    /// failure moves on to the next RM); connection errors, 5xx and 429 are retried in rounds with the
    /// connection's backoff; redirects are followed per ``SparkRedirectPolicy``.
    /// - Throws: ``SparkRESTError`` naming `endpoint`.
    func fetch(
        _ path: String, query: [SparkQueryItem], endpoint: String,
        applicationId: String?
    ) async throws(SparkRESTError) -> (HTTPResponse, url: String) {
        let started = clock.now()
        var round = 1
        while true {
            var lastError: SparkRESTError?
            var retriable = false
            for start in startURLs(path: path, query: query, applicationId: applicationId) {
                switch try await follow(start, endpoint: endpoint, applicationId: applicationId) {
                case .response(let response, let url):
                    if (200..<300).contains(response.status) {
                        // A 200 "This is standby RM" page (old Hadoop) moves on to the next RM; JSON never does.
                        if StandbySignal.detect(response) == nil { return (response, url) }
                        lastError = SparkRESTError(
                            .standbyNoActive, endpoint: endpoint, url: url, status: response.status,
                            message: "standby ResourceManager answered: \(response.excerpt(limit: 200))",
                            applicationId: applicationId)
                        continue
                    }
                    let error = Self.error(for: response, url: url, endpoint: endpoint, applicationId: applicationId)
                    guard response.status == 429 || response.status >= 500 else { throw error }
                    (lastError, retriable) = (error, true)
                case .failed(let failure, let url):
                    if failure.kind == .cancelled {
                        throw SparkRESTError(
                            .cancelled, endpoint: endpoint, url: url, message: "cancelled",
                            applicationId: applicationId)
                    }
                    let error = SparkRESTError(
                        .transport, endpoint: endpoint, url: url, status: failure.responseStatus,
                        message: failure.description, applicationId: applicationId)
                    guard failure.isTransient else { throw error }
                    (lastError, retriable) = (error, true)
                }
            }
            let delay = retry.backoff.delay(afterAttempt: round)
            guard var error = lastError else {
                throw SparkRESTError(.configuration, endpoint: endpoint, message: "no endpoint to ask", applicationId: applicationId)
            }
            if !retriable || round >= retry.maxAttempts || clock.now() - started + delay > retry.maxTotalSeconds {
                if error.code == .transport { error.code = .unavailable }
                if round > 1 { error.message += " (after \(round) rounds)" }
                throw error
            }
            logger.debug("spark REST retry", metadata: ["spark.endpoint": "\(endpoint)", "spark.round": "\(round)"])
            do { try await clock.sleep(seconds: delay) } catch {
                throw SparkRESTError(
                    .cancelled, endpoint: endpoint, message: "cancelled while waiting to retry",
                    applicationId: applicationId)
            }
            round += 1
        }
    }

    /// The first URL of each route to try, in order: the proxy of the active RM first, then the other RMs.
    private func startURLs(path: String, query: [SparkQueryItem], applicationId: String?) -> [String] {
        let items = query.map { (name: $0.name, value: $0.value) }
        switch route {
        case .direct(let base):
            return [base + "/api/v1" + path + Self.queryString(items)]
        case .proxy(let endpoints):
            let proxyPath = "/proxy/" + RMEndpoint.encode(applicationId ?? "") + "/api/v1" + path
            let active = rm?.activeEndpoint
            let ordered = endpoints.filter { $0 == active } + endpoints.filter { $0 != active }
            return ordered.map { $0.url(for: proxyPath, query: items + credentialQuery) }
        }
    }

    /// GETs `start`, following redirects within ``SparkRedirectPolicy``.
    /// - Throws: ``SparkRESTError`` (`redirect`) for a refused hop.
    private func follow(_ start: String, endpoint: String, applicationId: String?) async throws(SparkRESTError) -> HopOutcome {
        var url = start
        var visited = [start]
        while true {
            var request = HTTPRequest(method: "GET", url: url)
            request.maxResponseBytes = maxResponseBytes
            request.setHeader("Accept", "application/json")
            if let authority = SparkRedirectPolicy.authority(of: url), trustedAuthorities.contains(authority) {
                for header in credentialHeaders { request.headers.append(header) }
                if let cookie = rm?.state.withLock({ $0.cookie }) { request.setHeader("Cookie", cookie) }
            }
            state.withLock { $0.requests += 1 }
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                log(endpoint, url: url, outcome: "\(error.kind)")
                return .failed(error, url: url)
            }
            log(endpoint, url: url, outcome: "\(response.status)")
            guard SparkRedirectPolicy.statuses.contains(response.status) else { return .response(response, url: url) }
            guard let location = response.header("Location"),
                let next = SparkRedirectPolicy.resolve(location, against: url)
            else {
                throw SparkRESTError(
                    .redirect, endpoint: endpoint, url: url, status: response.status,
                    message: "redirect without a usable Location", applicationId: applicationId)
            }
            if let refusal = SparkRedirectPolicy.refusal(
                from: url, to: next, visited: visited,
                hops: visited.count - 1, limit: maxRedirects)
            {
                throw SparkRESTError(
                    .redirect, endpoint: endpoint, url: url, status: response.status,
                    message: refusal, applicationId: applicationId)
            }
            visited.append(next)
            url = next
        }
    }

    private func log(_ endpoint: String, url: String, outcome: String) {
        logger.debug(
            "spark REST request",
            metadata: [
                "spark.endpoint": "\(endpoint)",
                "spark.url": "\(Redactor.shared.redact(Redactor.maskingUserInfo(inURL: YARNError.strippingQuerySecrets(url))))",
                "spark.outcome": "\(outcome)",
            ])
    }

    /// `?a=b&c=d` (percent-encoded), or empty.
    static func queryString(_ items: [(name: String, value: String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\(RMEndpoint.encode($0.name))=\(RMEndpoint.encode($0.value))" }.joined(separator: "&")
    }

    /// Maps an unsuccessful status onto a ``SparkRESTError`` quoting the body's start.
    static func error(for response: HTTPResponse, url: String, endpoint: String, applicationId: String?) -> SparkRESTError {
        let code: SparkRESTError.Code
        switch response.status {
        case 404: code = .notFound
        case 401, 403: code = .forbidden
        case 429, 500...599: code = .unavailable
        default: code = .httpStatus
        }
        return SparkRESTError(
            code, endpoint: endpoint, url: url, status: response.status, message: response.failureText(limit: 300),
            applicationId: applicationId)
    }
}
