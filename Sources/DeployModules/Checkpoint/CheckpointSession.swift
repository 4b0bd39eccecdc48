import Checkpoint
import DeployRuntime
import Foundation
import Logging
import LuaHost
import S3
import SparkDeployCore

/// Per-run state of the `checkpoint` module: the stores, built from the run's connection settings
/// (S3 as the lock store builds its client; WebHDFS from `--webhdfs`, `$SPARKDEPLOY_WEBHDFS_URL` or the URI's
/// host) on first use; and the mapping of ``CheckpointError`` onto recipe errors (`code` `checkpoint.<kind>`).
final class CheckpointSession {
    weak var context: RunContext?
    private var cachedStores: CheckpointStores?

    init(context: RunContext?) { self.context = context }

    /// The stores of this run.
    var stores: CheckpointStores {
        if let cachedStores { return cachedStores }
        let connection = context?.connection ?? ConnectionSettings()
        let environment = context?.environment ?? [:]
        let aws = connection.aws
        let logger = context.map { RunLogHandler.logger("checkpoint", log: $0.log) } ?? .init(label: "checkpoint")
        let urls = Self.webhdfsURLs(connection: connection, environment: environment)
        let made = CheckpointStores(
            makeS3: {
                try S3Client(
                    region: aws.region, endpoint: aws.s3Endpoint, profile: aws.profile, environment: environment,
                    credentials: aws.credentialProvider)
            },
            webhdfsURLs: urls, webhdfsUser: Self.webhdfsUser(connection: connection, environment: environment),
            clock: context?.clock ?? SystemClock(), logger: logger)
        cachedStores = made
        return made
    }

    /// `--webhdfs`, else `$SPARKDEPLOY_WEBHDFS_URL`, split at commas; empty: each URI's host on port 9870.
    static func webhdfsURLs(connection: ConnectionSettings, environment: [String: String]) -> [String] {
        let text = connection.webhdfsURLs ?? environment["SPARKDEPLOY_WEBHDFS_URL"] ?? ""
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The WebHDFS user: `--webhdfs-user` settings, `$SPARKDEPLOY_HDFS_USER`, the YARN user, else none.
    static func webhdfsUser(connection: ConnectionSettings, environment: [String: String]) -> String? {
        [connection.webhdfsUser, environment["SPARKDEPLOY_HDFS_USER"], connection.yarnUser, environment["SPARKDEPLOY_YARN_USER"]]
            .compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Argument `index` as a location; a malformed one is an argument error naming the function.
    func location(_ call: HostCall, _ index: Int) throws(HostError) -> StorageURI {
        let text = try call.string(index)
        do {
            return try StorageURI(parsing: text)
        } catch {
            throw HostError(
                kind: .argument, message: "\(call.spec.qualifiedName): argument #\(index) (uri): \(error.message)",
                code: "checkpoint.invalidURI")
        }
    }

    /// Argument `index` as a snapshot id.
    func snapshotID(_ call: HostCall, _ index: Int) throws(HostError) -> String {
        let id = try call.string(index)
        do {
            try CheckpointSnapshots.validate(id: id)
        } catch {
            throw HostError(
                kind: .argument, message: "\(call.spec.qualifiedName): argument #\(index) (id): \(error.message)",
                code: "checkpoint.invalidURI")
        }
        return id
    }

    /// Runs `work` on the store of `location`, on the run thread; failures become `checkpoint.<kind>` errors.
    func run<T: Sendable>(
        _ call: HostCall, _ location: StorageURI, _ work: @escaping @Sendable (any CheckpointStorage) async throws -> T
    ) throws(HostError) -> T {
        let name = call.spec.qualifiedName
        guard let context else { throw HostError(kind: .failed, message: "\(name): no run context") }
        let storage: any CheckpointStorage
        do { storage = try stores.storage(for: location) } catch { throw Self.hostError(error, function: name) }
        do {
            return try context.await(name) { try await work(storage) }
        } catch let error as HostError {
            throw error
        } catch let error as CheckpointError {
            throw Self.hostError(error, function: name)
        } catch {
            throw HostError(kind: .failed, message: "\(name) \(location): \(error)", code: "checkpoint.failed")
        }
    }

    /// Records the mutation (dry-run: only that, and returns nil), runs it, and journals how it ended.
    @discardableResult
    func mutate<T: Sendable>(
        _ call: HostCall, _ location: StorageURI, details: String = "",
        _ work: @escaping @Sendable (any CheckpointStorage) async throws -> T
    ) throws(HostError) -> T? {
        guard let context else { return nil }
        let entry = context.recordMutation(call.spec.qualifiedName, target: location.description, details: details)
        if context.dryRun { return nil }
        do {
            let result = try run(call, location, work)
            context.mutationEnded(entry, result: "done")
            return result
        } catch {
            context.mutationEnded(entry, error: error.message)
            throw error
        }
    }

    /// The recipe-facing error of `error` in `function`: `code` `checkpoint.<kind>`, retryable when unreachable.
    static func hostError(_ error: CheckpointError, function: String) -> HostError {
        HostError(
            kind: error.kind == .garbled || error.kind == .notFound || error.kind == .invalidURI ? .failed : .remote,
            message: "\(function): \(error.message)", code: "checkpoint.\(error.kind.rawValue)",
            retryable: error.kind == .unreachable)
    }
}
