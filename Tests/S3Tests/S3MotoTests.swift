import AWSCore
import Foundation
import Logging
import S3
import TestSupport
import Testing

/// The S3 client against moto in server mode (a real peer that implements conditional writes), over HTTP.
@Suite(.enabled(if: Peers.shouldRun(.moto), "moto[server] is not installed (scripts/bootstrap.sh --with-peers)"))
struct S3MotoTests {
    let logger = Logger(label: "s3-moto")

    @Test func ifNoneMatchCreatesOnceAndTheSecondIsPreconditionFailed() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = try S3Clients.s3(endpoint: moto.endpoint)
        try await s3.createBucket("leases", logger: logger)

        let etag = try await s3.putObject(
            bucket: "leases", key: "apps/stream/lease", body: Array("one".utf8),
            ifNoneMatch: true, logger: logger)
        #expect(!etag.isEmpty)
        let error = try await #require(throws: S3Error.self) {
            try await s3.putObject(
                bucket: "leases", key: "apps/stream/lease", body: Array("two".utf8),
                ifNoneMatch: true, logger: logger)
        }
        #expect(error.code == "PreconditionFailed")
        #expect(error.status == 412)
        #expect(error.isPreconditionFailed)
        #expect(error.operation == "PutObject")
        #expect(error.bucket == "leases")
        #expect(error.key == "apps/stream/lease")
        #expect(error.description.contains("PutObject s3://leases/apps/stream/lease: PreconditionFailed (HTTP 412)"))
        // The first body is untouched.
        let stored = try await s3.getObject(bucket: "leases", key: "apps/stream/lease", logger: logger)
        #expect(stored.body == Array("one".utf8))
        #expect(stored.etag == etag)
    }

    @Test func ifMatchReplacesOnlyTheExactVersion() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = try S3Clients.s3(endpoint: moto.endpoint)
        try await s3.createBucket("leases", logger: logger)
        let first = try await s3.putObject(bucket: "leases", key: "lease", body: Array("v1".utf8), logger: logger)

        let stale = try await #require(throws: S3Error.self) {
            try await s3.putObject(
                bucket: "leases", key: "lease", body: Array("x".utf8),
                ifMatch: "\"0123456789abcdef0123456789abcdef\"", logger: logger)
        }
        #expect(stale.code == "PreconditionFailed")
        #expect(stale.status == 412)

        let second = try await s3.putObject(
            bucket: "leases", key: "lease", body: Array("v2".utf8), ifMatch: first,
            logger: logger)
        #expect(second != first)
        let stored = try await s3.getObject(bucket: "leases", key: "lease", logger: logger)
        #expect(stored.body == Array("v2".utf8))
        #expect(stored.etag == second)
        let head = try await s3.headObject(bucket: "leases", key: "lease", logger: logger)
        #expect(head.etag == second)
        #expect(head.size == 2)
    }

    @Test func deleteThenHeadAndGetAreNoSuchKey() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = try S3Clients.s3(endpoint: moto.endpoint)
        try await s3.createBucket("journal", logger: logger)
        let etag = try await s3.putObject(
            bucket: "journal", key: "deploys/d 1+ü.json", body: Array("{}".utf8),
            logger: logger)
        try await s3.deleteObject(bucket: "journal", key: "deploys/d 1+ü.json", ifMatch: etag, logger: logger)

        let head = try await #require(throws: S3Error.self) {
            try await s3.headObject(bucket: "journal", key: "deploys/d 1+ü.json", logger: logger)
        }
        #expect(head.code == "NoSuchKey")
        #expect(head.status == 404)
        #expect(head.operation == "HeadObject")
        #expect(head.description.contains("HeadObject s3://journal/deploys/d 1+ü.json"))
        let get = try await #require(throws: S3Error.self) {
            try await s3.getObject(bucket: "journal", key: "deploys/d 1+ü.json", logger: logger)
        }
        #expect(get.code == "NoSuchKey")
        #expect(get.status == 404)
    }

    @Test func missingBucketIsNoSuchBucket() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = try S3Clients.s3(endpoint: moto.endpoint)
        let error = try await #require(throws: S3Error.self) {
            try await s3.getObject(bucket: "no-such-bucket", key: "k", logger: logger)
        }
        #expect(error.code == "NoSuchBucket")
        #expect(error.status == 404)
        #expect(error.bucket == "no-such-bucket")
    }

    @Test func listFollowsContinuationTokensAcrossPages() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = try S3Clients.s3(endpoint: moto.endpoint)
        try await s3.createBucket("journal", logger: logger)
        let keys = (0..<7).map { "deploys/\($0).json" }
        for key in keys {
            try await s3.putObject(bucket: "journal", key: key, body: Array(key.utf8), logger: logger)
        }
        try await s3.putObject(bucket: "journal", key: "other/x", body: [1], logger: logger)

        let first = try await s3.listObjectsV2Page(bucket: "journal", prefix: "deploys/", maxKeys: 3, logger: logger)
        #expect(first.objects.count == 3)
        #expect(first.nextContinuationToken != nil)
        let all = try await s3.listObjectsV2(bucket: "journal", prefix: "deploys/", maxKeys: 3, logger: logger)
        #expect(all.map(\.key) == keys.sorted())
        #expect(all.allSatisfy { !$0.etag.isEmpty && $0.size > 0 })
    }

    @Test func endpointComesFromAWSEndpointURLS3AndIsPathStyle() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing-secret"))
        let s3 = try S3Client(
            environment: ["AWS_ENDPOINT_URL_S3": moto.endpoint + "/"], homeDirectory: "/nonexistent",
            credentials: credentials)
        #expect(s3.configuration.endpoint == moto.endpoint)
        #expect(s3.configuration.addressing == .path)
        #expect(s3.configuration.region == "us-east-1")
        try await s3.createBucket("from-env", logger: logger)
        try await s3.putObject(bucket: "from-env", key: "k", body: [7], logger: logger)
        #expect(try await s3.getObject(bucket: "from-env", key: "k", logger: logger).body == [7])

        let aws = try S3Client(
            region: "eu-west-1", environment: [:], homeDirectory: "/nonexistent",
            credentials: credentials)
        #expect(aws.configuration.endpoint == "https://s3.eu-west-1.amazonaws.com")
        #expect(aws.configuration.addressing == .virtualHosted)
        #expect(aws.configuration.endpointIsDefault)
    }
}
