import Foundation
import Logging
import S3

/// One fixed sequence of S3 calls — conditional writes, reads, deletes, paginated listing, missing keys and
/// buckets — whose outcomes are written as comparable lines (`"put If-None-Match again: 412 PreconditionFailed"`).
///
/// Run against moto and against the simulator, the transcripts must be equal: the simulator's S3 is then as
/// good a peer for the lease and journal tests as moto. ETags are MD5s, so they appear verbatim.
enum S3Conversation {
    static let bucket = "lease-journal"
    static let lease = "apps/stream one/lease+ü"

    /// Runs the sequence and returns one line per call.
    static func transcript(_ s3: S3Client, logger: Logger) async -> [String] {
        var lines: [String] = []
        var etag = ""
        lines.append(
            await step("create bucket") {
                try await s3.createBucket(bucket, logger: logger); return ""
            })
        lines.append(
            await step("put If-None-Match") {
                etag = try await s3.putObject(bucket: bucket, key: lease, body: Array("one".utf8), ifNoneMatch: true, logger: logger)
                return etag
            })
        lines.append(
            await step("put If-None-Match again") {
                try await s3.putObject(bucket: bucket, key: lease, body: Array("two".utf8), ifNoneMatch: true, logger: logger)
            })
        lines.append(
            await step("put If-Match stale") {
                try await s3.putObject(
                    bucket: bucket, key: lease, body: Array("x".utf8),
                    ifMatch: "\"0123456789abcdef0123456789abcdef\"", logger: logger)
            })
        lines.append(
            await step("put If-Match current") {
                etag = try await s3.putObject(bucket: bucket, key: lease, body: Array("v2".utf8), ifMatch: etag, logger: logger)
                return etag
            })
        lines.append(
            await step("get") {
                let object = try await s3.getObject(bucket: bucket, key: lease, logger: logger)
                return "\(String(decoding: object.body, as: UTF8.self)) \(object.etag == etag ? "current etag" : object.etag)"
            })
        lines.append(
            await step("head") {
                let info = try await s3.headObject(bucket: bucket, key: lease, logger: logger)
                return "\(info.etag) size \(info.size) modified \(info.lastModified?.hasSuffix(" GMT") == true)"
            })
        lines.append(await step("head missing") { try await s3.headObject(bucket: bucket, key: "apps/none", logger: logger).etag })
        lines.append(
            await step("delete If-Match stale") {
                try await s3.deleteObject(bucket: bucket, key: lease, ifMatch: "\"0123456789abcdef0123456789abcdef\"", logger: logger)
                return ""
            })
        lines.append(
            await step("delete If-Match missing") {
                try await s3.deleteObject(bucket: bucket, key: "apps/none", ifMatch: etag, logger: logger)
                return ""
            })
        lines.append(
            await step("put If-Match missing") {
                try await s3.putObject(bucket: bucket, key: "apps/none", body: [1], ifMatch: etag, logger: logger)
            })
        lines.append(
            await step("delete If-Match current") {
                try await s3.deleteObject(bucket: bucket, key: lease, ifMatch: etag, logger: logger)
                return ""
            })
        lines.append(await step("get deleted") { try await s3.getObject(bucket: bucket, key: lease, logger: logger).etag })
        lines.append(
            await step("delete missing") {
                try await s3.deleteObject(bucket: bucket, key: lease, logger: logger)
                return ""
            })
        for n in [3, 0, 4, 1, 2] {
            lines.append(
                await step("put deploys/\(n)") {
                    try await s3.putObject(
                        bucket: bucket, key: "journal/deploys/\(n).json", body: Array("{\"n\":\(n)}".utf8),
                        logger: logger)
                })
        }
        lines.append(await step("put other") { try await s3.putObject(bucket: bucket, key: "journal/other", body: [], logger: logger) })
        lines.append(
            await step("list first page") {
                let page = try await s3.listObjectsV2Page(bucket: bucket, prefix: "journal/deploys/", maxKeys: 2, logger: logger)
                return page.objects.map { "\($0.key) \($0.size) \($0.etag)" }.joined(separator: ", ")
                    + (page.nextContinuationToken == nil ? " last" : " more")
            })
        lines.append(
            await step("list all pages") {
                let all = try await s3.listObjectsV2(bucket: bucket, prefix: "journal/deploys/", maxKeys: 2, logger: logger)
                return all.map(\.key).joined(separator: ", ")
                    + (all.allSatisfy { $0.lastModified?.hasSuffix("Z") == true } ? " dated" : " undated")
            })
        lines.append(
            await step("list no match") {
                let all = try await s3.listObjectsV2(bucket: bucket, prefix: "nothing/", logger: logger)
                return "\(all.count) objects"
            })
        lines.append(await step("get missing") { try await s3.getObject(bucket: bucket, key: "journal/none", logger: logger).etag })
        lines.append(
            await step("get from missing bucket") {
                try await s3.getObject(bucket: "no-such-bucket", key: "k", logger: logger).etag
            })
        lines.append(
            await step("put to missing bucket") {
                try await s3.putObject(bucket: "no-such-bucket", key: "k", body: [1], ifNoneMatch: true, logger: logger)
            })
        lines.append(
            await step("list missing bucket") {
                try await s3.listObjectsV2(bucket: "no-such-bucket", logger: logger).map(\.key).joined()
            })
        return lines
    }

    /// `name: ok <result>` or `name: <status> <S3 error code>` (or the error's type for anything else).
    static func step(_ name: String, _ body: () async throws -> String) async -> String {
        do {
            let result = try await body()
            return "\(name): ok" + (result.isEmpty ? "" : " \(result)")
        } catch let error as S3Error {
            return "\(name): \(error.status) \(error.code)" + (error.message.isEmpty ? "" : " \"\(error.message)\"")
        } catch {
            return "\(name): \(type(of: error)) \(error)"
        }
    }
}
