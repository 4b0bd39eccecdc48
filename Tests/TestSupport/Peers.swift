import Foundation

/// A real third-party peer the tests talk to. `scripts/peers.py` lists them and probes them; the README's
/// test command (`scripts/bootstrap.sh --with-peers`) installs them into the project virtualenv `.venv/`.
public enum Peer: String, Sendable, CaseIterable {
    case awscli
    case boto3
    case botocore
    case moto
    case yarnAPIClient = "yarn-api-client"
    /// PyPI `livy` (pylivy), a real Apache Livy client.
    case livy
    /// A real Spark driver (PyPI `pyspark` on Java 17), started by ``SparkDriver``.
    case pyspark
}

/// Finds the peers and decides whether a test that needs one runs, fails or is skipped.
///
/// Under `SPARKDEPLOY_REQUIRE_PEERS=1` (set by `scripts/test.sh`) a test whose peer is missing or broken
/// runs anyway and fails in ``require(_:)`` with the probe's reason; only a plain `swift test` on a machine
/// without the peers skips them.
public enum Peers {
    /// The package's root folder (three levels above this file).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The virtualenv's Python when there is one, else `python3` from `PATH`.
    public static let python: String = {
        let venv = packageRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }()

    /// The aws CLI installed in the virtualenv, else `aws` from `PATH`.
    public static let aws: String = {
        let venv = packageRoot.appendingPathComponent(".venv/bin/aws").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "aws"
    }()

    /// Whether a missing peer must fail its tests (`SPARKDEPLOY_REQUIRE_PEERS=1`).
    public static let areRequired = ProcessInfo.processInfo.environment["SPARKDEPLOY_REQUIRE_PEERS"] == "1"

    /// Why each peer does not work, from one run of `scripts/peers.py check` per peer (absent: it works).
    private static let problems: [Peer: String] = {
        var found: [Peer: String] = [:]
        for peer in Peer.allCases {
            if let problem = probe(peer) { found[peer] = problem }
        }
        return found
    }()

    /// Why `peer` does not work, or nil when it does.
    public static func problem(_ peer: Peer) -> String? { problems[peer] }

    /// The condition for `.enabled(if:)`: run when the peer works, or when peers are required (the test
    /// then fails in ``require(_:)`` naming the peer instead of passing as skipped).
    public static func shouldRun(_ peers: Peer...) -> Bool {
        areRequired || peers.allSatisfy { problem($0) == nil }
    }

    /// Throws ``Missing`` naming the peer and the probe's reason when `peer` does not work.
    public static func require(_ peers: Peer...) throws {
        for peer in peers {
            if let reason = problem(peer) { throw Missing(peer: peer, reason: reason) }
        }
    }

    /// A peer a test needs is missing or broken.
    public struct Missing: Error, CustomStringConvertible {
        /// The peer.
        public var peer: Peer
        /// What the probe said.
        public var reason: String
        /// A line that names the peer and how to install it.
        public var description: String {
            "test peer \(peer.rawValue) does not work: \(reason) (install the peers with ./scripts/bootstrap.sh --with-peers)"
        }
    }

    private static func probe(_ peer: Peer) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, packageRoot.appendingPathComponent("scripts/peers.py").path, "check", peer.rawValue]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return "\(python) does not start: \(error)"
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 0 { return nil }
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return reason.isEmpty ? "\(python) scripts/peers.py check exited \(process.terminationStatus)" : reason
    }
}
