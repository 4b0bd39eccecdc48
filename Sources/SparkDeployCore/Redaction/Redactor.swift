import Foundation
import Synchronization

/// Removes secrets from any text before it reaches a log, an error message or a trace.
///
/// Two layers: known secret *values* (AWS keys, session tokens, params marked `secret`,
/// passwords) registered at run time are replaced wherever they appear, and secret-shaped
/// *patterns* (URL user-info passwords, `Authorization:` headers, `X-Amz-Security-Token`,
/// `AWS4-HMAC-SHA256 Credential=… Signature=…`, `delegation=` tokens) are masked by shape.
/// The process-wide ``shared`` instance is what the logging handler and every error type use.
public final class Redactor: Sendable {
    /// The process-wide redactor.
    public static let shared = Redactor()

    /// What a secret is replaced with.
    public static let mask = "***"

    private let secrets = Mutex<Set<String>>([])

    /// Creates an empty redactor (tests make their own; the program uses ``shared``).
    public init() {}

    /// Registers a secret value; values shorter than 4 characters are ignored (too likely to
    /// match ordinary text, and too short to be a real credential).
    public func register(secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 4 else { return }
        secrets.withLock { _ = $0.insert(trimmed) }
        // The percent-encoded form appears in URLs and query strings.
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
           encoded != trimmed {
            secrets.withLock { _ = $0.insert(encoded) }
        }
    }

    /// Registers the values of well-known secret environment variables from `environment`.
    public func registerSecrets(fromEnvironment environment: [String: String]) {
        for (name, value) in environment where Self.isSecretName(name) {
            register(secret: value)
        }
    }

    /// Whether an environment variable, header or parameter name denotes a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        if ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECURITY_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AUTHORIZATION", "PROXY-AUTHORIZATION",
            "X-AMZ-SECURITY-TOKEN", "X-HADOOP-DELEGATION-TOKEN", "COOKIE", "SET-COOKIE"].contains(upper) {
            return true
        }
        let bytes = Array(upper.utf8)
        for marker in ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "CREDENTIAL", "PRIVATE_KEY", "API_KEY", "APIKEY"]
        where bytes.contains(ascii: marker) {
            return true
        }
        return false
    }

    /// Returns `text` with every registered secret and secret-shaped pattern masked.
    public func redact(_ text: String) -> String {
        var out = text
        let known = secrets.withLock { $0 }
        // Longest first, so a secret containing another is masked whole.
        for secret in known.sorted(by: { $0.count > $1.count }) where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Self.mask)
        }
        for rule in Self.patterns {
            out = rule.apply(to: out)
        }
        return out
    }

    private struct Rule: Sendable {
        let regex: NSRegularExpression
        let template: String
        func apply(to text: String) -> String {
            let range = NSRange(text.startIndex..., in: text)
            return regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
        }
    }

    private static let patterns: [Rule] = {
        let specs: [(String, String)] = [
            // scheme://user:password@host → scheme://user:***@host. The scheme starts at a word
            // boundary and is at most 32 characters: unbounded, every letter of a long run of
            // letters was tried as a start and the run re-scanned (quadratic: 8 s for 30 KB).
            (#"((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^/\s:@]+):[^/\s@]+@"#, "$1:***@"),
            // Authorization / Proxy-Authorization header values
            (#"(?i)((?:proxy-)?authorization\s*[:=]\s*"?)(?:[A-Za-z0-9-]+ )?[^\s",}]+"#, "$1***"),
            // SigV4 signature and credential scope
            (#"(Signature=)[0-9a-fA-F]+"#, "$1***"),
            (#"(Credential=)[A-Z0-9]+/"#, "$1***/"),
            // Session tokens, delegation tokens, passwords in query strings, headers or JSON
            (#"(?i)((?:x-amz-security-token|x-hadoop-delegation-token|aws_session_token|aws_secret_access_key|sessiontoken|secretaccesskey|delegation|password|passwd|token|secret)"?\s*[:=]\s*"?)[^\s"&,;}]+"#, "$1***"),
            // AWS access key ids (long-term AKIA…, temporary ASIA…)
            (#"\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b"#, "***"),
        ]
        return specs.compactMap { spec in
            (try? NSRegularExpression(pattern: spec.0)).map { Rule(regex: $0, template: spec.1) }
        }
    }()
}

extension Array where Element == UInt8 {
    /// Whether the bytes of `needle` occur here, in order. Every environment variable's name is checked at
    /// start-up: with Foundation's `String.contains` (bridged through NSString) that took 1.8 M instructions,
    /// with the generic `Collection.contains` 11 M; with this loop the whole registration takes 0.28 M.
    fileprivate func contains(ascii needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, pattern.count <= count else { return pattern.isEmpty }
        for start in 0...(count - pattern.count) where self[start] == first {
            var offset = 1
            while offset < pattern.count && self[start + offset] == pattern[offset] { offset += 1 }
            if offset == pattern.count { return true }
        }
        return false
    }
}
