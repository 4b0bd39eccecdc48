import AWSCore
import Foundation
import HTTPTransport
import Logging
import S3
import SparkDeployCore

/// A lease store for CLI tests: a bucket on a real S3 peer (moto, or the simulator's S3), the environment
/// that points `sparkdeploy` at it, and reads of the lease and journal objects the runs leave there.
struct LeaseStoreFixture: Sendable {
    let endpoint: String
    let bucket: String
    let prefix: String
    let client: S3Client

    /// Creates a fresh bucket on `endpoint`.
    static func make(endpoint: String) async throws -> LeaseStoreFixture {
        let fixture = try existing(
            endpoint: endpoint, bucket: "leases-\(UUID().uuidString.prefix(8).lowercased())",
            prefix: "team/deploys")
        try await fixture.client.createBucket(fixture.bucket, logger: Logger(label: "test"))
        return fixture
    }

    /// A store in an existing bucket.
    static func existing(endpoint: String, bucket: String, prefix: String) throws -> LeaseStoreFixture {
        let configuration = S3Configuration(region: "us-east-1", endpoint: endpoint, addressing: .path, requestTimeout: 10)
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDLEASETEST", secretAccessKey: "lease-test-secret"))
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 2, requestTimeout: 10))
        let client = S3Client(configuration: configuration, credentials: credentials, transport: transport)
        return LeaseStoreFixture(endpoint: endpoint, bucket: bucket, prefix: prefix, client: client)
    }

    /// `s3://bucket/prefix`.
    var store: String { "s3://\(bucket)/\(prefix)" }

    /// The environment of one "runner": the store, the S3 endpoint and keys, and a machine-lock folder of its own.
    func environment(runner: String = UUID().uuidString) -> [String: String] {
        let locks = FileManager.default.temporaryDirectory.appendingPathComponent("sd-locks-\(runner)").path
        try? FileManager.default.createDirectory(
            atPath: locks, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        return [
            "SPARKDEPLOY_LOCK_STORE": store, "AWS_ENDPOINT_URL_S3": endpoint, "AWS_ACCESS_KEY_ID": "AKIDLEASETEST",
            "AWS_SECRET_ACCESS_KEY": "lease-test-secret", "AWS_DEFAULT_REGION": "us-east-1", "SPARKDEPLOY_LOCK_DIR": locks,
        ]
    }

    /// The lease object of lock `name` as JSON, nil when absent.
    func lease(_ name: String) async throws -> [String: Any]? {
        try await object("\(prefix)/locks/\(Self.safe(name)).json")
    }

    /// The journal a lease names.
    func journal(of lease: [String: Any]) async throws -> [String: Any]? {
        guard let key = lease["journal"] as? String else { return nil }
        return try await object(key)
    }

    /// Writes `body` at the lease key of `name` (a foreign object, say).
    func put(_ name: String, body: String) async throws {
        try await client.putObject(
            bucket: bucket, key: "\(prefix)/locks/\(Self.safe(name)).json", body: Array(body.utf8),
            logger: Logger(label: "test"))
    }

    /// The raw bytes at the lease key of `name`.
    func raw(_ name: String) async throws -> String {
        let object = try await client.getObject(
            bucket: bucket, key: "\(prefix)/locks/\(Self.safe(name)).json",
            logger: Logger(label: "test"))
        return String(decoding: object.body, as: UTF8.self)
    }

    private func object(_ key: String) async throws -> [String: Any]? {
        do {
            let object = try await client.getObject(bucket: bucket, key: key, logger: Logger(label: "test"))
            return try JSONSerialization.jsonObject(with: Data(object.body)) as? [String: Any]
        } catch let error as S3Error where error.code == "NoSuchKey" {
            return nil
        }
    }

    static func safe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" })
    }
}

/// Waits (polling, off the cooperative pool's critical path) until `condition` holds or `seconds` pass.
func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: 100_000_000)
    }
    return try await condition()
}

extension CLI {
    /// ``runDetached(_:in:environment:)`` with `onStart` (called on the runner's own thread, e.g. to sleep and signal).
    static func runDetached(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        onStart: @escaping @Sendable (Process) -> Void
    ) async throws -> CLIResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(
                        returning: try run(
                            arguments, in: directory, environment: environment,
                            onStart: { onStart($0) }))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }
}
