import AWSCore
import Foundation
import HTTPTransport
import SparkDeployCore

/// A temporary home directory with `.aws/config` and `.aws/credentials`, removed at the end.
final class TempAWSHome: Sendable {
    let path: String

    init(config: String? = nil, credentials: String? = nil) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
        if let config { try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8) }
        if let credentials { try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8) }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func context(_ environment: [String: String] = [:], profile: String? = nil) throws -> CredentialContext {
        var env = environment
        env["AWS_EC2_METADATA_DISABLED"] = env["AWS_EC2_METADATA_DISABLED"] ?? "true"
        return CredentialContext(
            environment: env, explicitProfile: profile, homeDirectory: path,
            transport: try HTTPTransport(
                configuration: TransportConfiguration(
                    connectTimeout: 1,
                    requestTimeout: 5)))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
