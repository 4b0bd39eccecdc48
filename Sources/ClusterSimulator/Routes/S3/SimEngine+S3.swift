import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A successful S3 answer, built under the state lock and sent after it.
struct S3Answer: Sendable {
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]
    var body: [UInt8] = []
}

extension SimEngine {
    /// The largest PutObject body the simulated S3 accepts (5 MiB); a larger one is 400 `EntityTooLarge`.
    static let s3MaxObjectBytes = 5 * 1024 * 1024

    /// Serves the S3 subset on the EMR listener, path-style: CreateBucket, PutObject (`If-None-Match: *`,
    /// `If-Match`), GetObject, HeadObject, DeleteObject (`If-Match`), ListObjectsV2 and ListBuckets.
    func handleS3(_ request: Request, context: SimContext) async -> Response {
        var request = request
        let requestId = Self.s3RequestId()
        var headers: HTTPFields = [:]
        if let name = HTTPField.Name("x-amz-request-id") { headers[name] = requestId }
        let isHead = request.method == .head
        let query = Responses.queryPairs(request.uri.query)
        let route = S3Route.parse(method: request.method, rawPath: request.uri.path, query: query)
        let (fault, slow) = withState { core, _ in
            core.count(route.countKey)
            return (core.takeTransportFault(target: .s3, operation: nil), core.slowness(for: .s3))
        }
        if slow > 0 { try? await Task.sleep(nanoseconds: UInt64(slow * 1e9)) }
        switch fault {
        case .connectionReset:
            context.channel.close(promise: nil)
            return Responses.text(.internalServerError, "")
        case .serviceUnavailable:
            return S3Failure.serviceUnavailable.response(requestId: requestId, headers: headers, isHead: isHead)
        default: break
        }
        var body: [UInt8] = []
        switch route {
        case .putObject, .createBucket:
            let limit = Self.s3MaxObjectBytes
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
                return S3Failure.entityTooLarge(size: declared, limit: limit)
                    .response(requestId: requestId, headers: headers, isHead: false)
            }
            do {
                body = Array((try await request.collectBody(upTo: limit)).readableBytesView)
            } catch {
                return S3Failure.entityTooLarge(size: limit + 1, limit: limit)
                    .response(requestId: requestId, headers: headers, isHead: false)
            }
        default: break
        }
        let input = S3Input(
            route: route, query: query, body: body,
            ifMatch: request.headers[.ifMatch], ifNoneMatch: request.headers[.ifNoneMatch],
            contentType: request.headers[.contentType] ?? "binary/octet-stream")
        // S3 keeps wall time, not the cluster's virtual clock: objects' Last-Modified and the answer's Date
        // are one clock, as in S3, so a lease expires after its ttl in wall seconds whatever the sandbox speed.
        let wallNow = Date().timeIntervalSince1970
        headers[.date] = S3XML.rfc1123(wallNow)
        let result: Result<S3Answer, S3Failure> = withState { core, _ in
            if route.isObjectWrite && input.isConditional && core.takeS3ConditionalConflict() {
                return .failure(.conditionalRequestConflict)
            }
            let outcome = Self.s3Operation(input, store: &core.s3, now: wallNow)
            if route.isObjectWrite, case .success = outcome, core.takeS3WriteThenFail() {
                return .failure(.internalError)
            }
            return outcome
        }
        switch result {
        case let .success(answer):
            var h = headers
            for field in answer.headers { h.append(field) }
            if isHead { return Response(status: answer.status, headers: h, body: .init()) }
            return Response(status: answer.status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        case let .failure(failure):
            return failure.response(requestId: requestId, headers: headers, isHead: isHead)
        }
    }

    /// A request id shaped like S3's (16 upper-case hex digits).
    static func s3RequestId() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)).uppercased()
    }
}
