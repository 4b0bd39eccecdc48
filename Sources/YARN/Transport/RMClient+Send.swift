import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

extension RMClient {
    /// Sends `request` to the active RM, failing over and retrying as the request allows, and
    /// returns a response whose status is in `request.accepted`.
    /// - Throws: ``YARNError`` — mapped HTTP errors, `standbyNoActive`, `unavailable`, `transport`.
    func execute(_ request: RMRequest) async throws(YARNError) -> (HTTPResponse, DecodingContext) {
        let policy = connection.retry
        let started = clock.now()
        var round = 1
        var tried = Set<Int>()
        var preferred: String?
        var lastError: YARNError?
        while true {
            var sleepAfter: Double?
            if let index = await chooseEndpoint(excluding: &tried, preferring: preferred, operation: request.operation) {
                let endpoint = connection.endpoints[index]
                let (outcome, context) = await sendOnce(request, to: endpoint)
                switch outcome {
                case .success(let response):
                    if let signal = StandbySignal.detect(response) {
                        tried.insert(index)
                        lastError = noteStandby(signal, index: index, context: context, request: request)
                        if case .redirect(let location?) = signal { preferred = StandbySignal.authority(of: location) }
                        continue
                    }
                    if request.accepted.contains(response.status) {
                        remember(response, index: index)
                        return (response, context)
                    }
                    let error = YARNError.from(response: response, context: context, applicationId: request.applicationId)
                    guard request.retriable, response.status == 429 || response.status >= 500 else { throw error }
                    lastError = error
                    sleepAfter = RetryAfter.seconds(headers: response.headers, amazonMilliseconds: false).map {
                        min($0, policy.maxRetryAfter)
                    }
                    logger.debug(
                        "yarn retriable status",
                        metadata: [
                            "yarn.operation": "\(request.operation)", "yarn.status": "\(response.status)", "yarn.round": "\(round)",
                        ])
                case .failure(let failure):
                    let error = YARNError(
                        .transport, operation: request.operation, method: request.method,
                        endpoint: context.endpoint, message: failure.description,
                        applicationId: request.applicationId,
                        mayHaveTakenEffect: failure.mayHaveReachedServer)
                    if failure.kind == .cancelled {
                        throw YARNError(
                            .cancelled, operation: request.operation, method: request.method,
                            endpoint: context.endpoint, message: "cancelled", applicationId: request.applicationId)
                    }
                    // A request that may have reached the server is only re-sent when it is safe to repeat.
                    guard failure.isTransient, request.retriable || !failure.mayHaveReachedServer else { throw error }
                    tried.insert(index)
                    state.withLock {
                        $0.active = nil; $0.cookie = nil
                    }
                    lastError = error
                    logger.debug(
                        "yarn endpoint unreachable",
                        metadata: [
                            "yarn.endpoint": "\(endpoint.baseURL)", "yarn.error": "\(failure.kind)",
                        ])
                    if tried.count < connection.endpoints.count {
                        state.withLock { $0.failovers += 1 }
                        continue
                    }
                }
            }
            // Every endpoint tried in this round, or a retriable status: back off, then start a new round.
            let elapsed = clock.now() - started
            let delay = max(connection.retry.backoff.delay(afterAttempt: round), sleepAfter ?? 0)
            if round >= policy.maxAttempts || elapsed + delay > policy.maxTotalSeconds {
                throw finalError(lastError, request: request, rounds: round)
            }
            logger.debug(
                "yarn retry",
                metadata: [
                    "yarn.operation": "\(request.operation)", "yarn.round": "\(round)", "yarn.delay": "\(delay)",
                ])
            do { try await clock.sleep(seconds: delay) } catch {
                throw YARNError(
                    .cancelled, operation: request.operation, message: "cancelled while waiting to retry",
                    applicationId: request.applicationId)
            }
            round += 1
            tried.removeAll()
        }
    }

    /// The error after the last round, made explicit about what ran out.
    private func finalError(_ last: YARNError?, request: RMRequest, rounds: Int) -> YARNError {
        guard var error = last else {
            return YARNError(
                .standbyNoActive, operation: request.operation, method: request.method,
                message: "no active ResourceManager among \(connection.endpoints.map(\.baseURL)) after \(rounds) rounds",
                applicationId: request.applicationId)
        }
        if error.code == .transport {
            error.code = .unavailable
            error.message = "no ResourceManager reachable after \(rounds) rounds: " + error.message
        } else if error.code != .standbyNoActive {
            error.message += " (after \(rounds) rounds)"
        }
        return error
    }

    private func noteStandby(
        _ signal: StandbySignal, index: Int, context: DecodingContext,
        request: RMRequest
    ) -> YARNError {
        state.withLock { s in
            s.active = nil
            s.cookie = nil
            s.failovers += 1
        }
        logger.debug(
            "yarn standby answered, failing over",
            metadata: [
                "yarn.endpoint": "\(connection.endpoints[index].baseURL)", "yarn.signal": "\(signal)",
            ])
        let what: String
        switch signal {
        case .redirect: what = "standby ResourceManager redirected; no active ResourceManager among \(connection.endpoints.map(\.baseURL))"
        case .noActive: what = "no active ResourceManager right now (the RM said so)"
        }
        return YARNError(
            .standbyNoActive, operation: request.operation, method: request.method,
            endpoint: context.endpoint, message: what, applicationId: request.applicationId)
    }

    /// Picks the endpoint to send to: the known active one, else the first whose
    /// `/ws/v1/cluster/info` says ACTIVE (probing untried endpoints, the redirect target first).
    private func chooseEndpoint(
        excluding tried: inout Set<Int>, preferring authority: String?,
        operation: String
    ) async -> Int? {
        let count = connection.endpoints.count
        if count == 1 { return tried.contains(0) ? nil : 0 }
        if let active = state.withLock({ $0.active }), !tried.contains(active) { return active }
        var order = Array(0..<count).filter { !tried.contains($0) }
        if let authority, let match = order.firstIndex(where: { connection.endpoints[$0].authority == authority }) {
            order.insert(order.remove(at: match), at: 0)
        }
        for index in order {
            let probe = RMRequest(operation: "probe", method: "GET", path: "/ws/v1/cluster/info", retriable: false)
            let (outcome, context) = await sendOnce(probe, to: connection.endpoints[index])
            guard case .success(let response) = outcome, response.status == 200,
                let info = try? ResponseDecoding.clusterInfo(response, context)
            else {
                tried.insert(index)
                continue
            }
            if info.isActive {
                state.withLock { s in
                    if s.active != nil && s.active != index { s.failovers += 1 }
                    s.active = index
                    s.info = info
                }
                logger.debug("yarn active RM", metadata: ["yarn.endpoint": "\(connection.endpoints[index].baseURL)"])
                return index
            }
            tried.insert(index)
        }
        return nil
    }

    /// One HTTP exchange with auth, cookie and headers applied.
    func sendOnce(
        _ request: RMRequest, to endpoint: RMEndpoint
    )
        async -> (Result<HTTPResponse, TransportError>, DecodingContext)
    {
        let url = endpoint.url(for: request.path, query: request.query + connection.auth.queryItems)
        let context = DecodingContext(operation: request.operation, method: request.method, endpoint: url)
        var http = HTTPRequest(method: request.method, url: url, body: request.body)
        http.setHeader("Accept", "application/json")
        if !request.body.isEmpty { http.setHeader("Content-Type", "application/json") }
        for header in connection.auth.headers { http.setHeader(header.name, header.value) }
        for header in connection.extraHeaders { http.headers.append(header) }
        if let cookie = state.withLock({ $0.cookie }) { http.setHeader("Cookie", cookie) }
        state.withLock { $0.requests += 1 }
        do {
            let response = try await transport.send(http)
            logger.debug(
                "yarn request",
                metadata: [
                    "yarn.operation": "\(request.operation)", "yarn.method": "\(request.method)",
                    "yarn.endpoint": "\(context.redactedEndpoint)", "yarn.status": "\(response.status)",
                ])
            return (.success(response), context)
        } catch {
            logger.debug(
                "yarn request failed",
                metadata: [
                    "yarn.operation": "\(request.operation)", "yarn.method": "\(request.method)",
                    "yarn.endpoint": "\(context.redactedEndpoint)", "yarn.error": "\(error.kind)",
                ])
            return (.failure(error), context)
        }
    }

    /// Keeps the active RM and its `hadoop.auth` cookie.
    private func remember(_ response: HTTPResponse, index: Int) {
        let cookie = response.headers
            .filter { $0.name.caseInsensitiveCompare("Set-Cookie") == .orderedSame }
            .compactMap { header -> String? in
                guard let pair = header.value.split(separator: ";").first,
                    pair.trimmingCharacters(in: .whitespaces).hasPrefix("hadoop.auth=")
                else { return nil }
                return pair.trimmingCharacters(in: .whitespaces)
            }
            .last
        if let cookie {
            let value = String(cookie.dropFirst("hadoop.auth=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            Redactor.shared.register(secret: value)
        }
        state.withLock { s in
            s.active = index
            if let cookie { s.cookie = cookie }
        }
    }
}
