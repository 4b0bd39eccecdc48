import Foundation
import Logging

/// The profile's `credential_process`: runs the command (split like a shell would, no shell involved)
/// and reads `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}` from its stdout.
public struct ProcessCredentialProvider: CredentialProvider {
    /// Environment, profile and files.
    public let context: CredentialContext
    /// `credential-process`.
    public var name: String { "credential-process" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    private struct Output: Decodable {
        var Version: Int?
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var SessionToken: String?
        var Expiration: String?
    }

    /// `.notConfigured` unless the profile has `credential_process`.
    /// - Throws: ``CredentialError`` when the command fails or prints something else than the expected JSON.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        guard let command = try MergedProfiles(context: context).profile(context.profileName)?["credential_process"],
            !command.isEmpty
        else {
            return .notConfigured("profile \(context.profileName) has no credential_process")
        }
        let arguments = ShellWords.split(command)
        guard let executable = arguments.first else {
            throw CredentialError(source: name, reason: "credential_process is empty")
        }
        let (status, stdout, stderr) = try await run(executable: executable, arguments: Array(arguments.dropFirst()))
        guard status == 0 else {
            throw CredentialError(
                source: name,
                reason: "credential_process \(executable) exited with \(status): "
                    + String(decoding: stderr.prefix(300), as: UTF8.self))
        }
        let output: Output
        do {
            output = try JSONDecoder().decode(Output.self, from: stdout)
        } catch {
            throw CredentialError(source: name, reason: "credential_process \(executable) printed no valid JSON")
        }
        guard output.Version == 1 else {
            throw CredentialError(
                source: name,
                reason: "credential_process \(executable): Version must be 1, "
                    + "got \(output.Version.map(String.init) ?? "none")")
        }
        guard let key = output.AccessKeyId, let secret = output.SecretAccessKey else {
            throw CredentialError(
                source: name,
                reason: "credential_process \(executable): AccessKeyId or SecretAccessKey missing")
        }
        let credentials = AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: output.SessionToken,
            expiration: output.Expiration.flatMap(ISO8601.parse), source: name)
        CredentialSecrets.register(credentials)
        return .found(credentials)
    }

    private func run(executable: String, arguments: [String]) async throws -> (Int32, Data, Data) {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.environment = context.environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CredentialError(source: name, reason: "cannot start credential_process \(executable): \(error)")
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, stdout, stderr))
            }
        }
    }
}

/// Splits a command line into words: whitespace separates, single and double quotes group,
/// backslash escapes (POSIX `shlex.split` rules, which botocore uses).
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = ch; inWord = true
            case _ where ch.isWhitespace:
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
