import Foundation
import Synchronization

/// Removes secrets from any text before it reaches a log, an error message or a trace.
///
/// Two layers: known secret *values* (AWS keys, session tokens, params marked `secret`,
/// passwords) registered at run time are replaced wherever they appear, and secret-shaped
/// *patterns* (URL user-info passwords, `Authorization:` headers, `X-Amz-Security-Token`,
/// `AWS4-HMAC-SHA256 Credential=… Signature=…`, `delegation=` tokens) are masked by shape.
/// The process-wide ``shared`` instance is what the logging handler and every error type use.
///
/// Redaction works on the UTF-8 bytes in two linear passes (``SecretMatcher`` for the values,
/// ``SecretShapes`` for the shapes): its cost does not depend on how many secrets are registered or
/// how the text is made, and text with nothing to mask is returned as it was, uncopied.
public final class Redactor: Sendable {
    /// The process-wide redactor.
    public static let shared = Redactor()

    /// What a secret is replaced with.
    public static let mask = "***"

    private struct Registry {
        var secrets = Set<[UInt8]>()
        var matcher: SecretMatcher?
    }

    private let registry = Mutex(Registry())

    /// Creates an empty redactor (tests make their own; the program uses ``shared``).
    public init() {}

    /// Registers a secret value, in every form the log layer can meet it (``SecretEncodings``: raw,
    /// JSON-escaped, percent-encoded, base64); values shorter than 4 characters are ignored (too likely
    /// to match ordinary text, and too short to be a real credential).
    public func register(secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 4 else { return }
        let forms = SecretEncodings.forms(of: trimmed)
        registry.withLock { registry in
            for form in forms where registry.secrets.insert(form).inserted { registry.matcher = nil }
        }
    }

    /// Registers each of `values` (the elements of a list secret, say) with ``register(secret:)``.
    public func register(secrets values: [String]) {
        for value in values { register(secret: value) }
    }

    /// `url` with the user-info of its authority (`user:password@`) masked: `scheme://user:***@host`.
    /// Unlike the shape rule of ``redact(_:)``, which stops at a `/`, this reads to the last `@`, so a
    /// password containing `/` is masked too; for text known to be one URL (a configured endpoint).
    public static func maskingUserInfo(inURL url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        let user = userInfo.firstIndex(of: ":").map { String(userInfo[..<$0]) + ":" } ?? ""
        return String(url[..<scheme.upperBound]) + user + mask + String(url[at...])
    }

    /// Registers the values of well-known secret environment variables from `environment`.
    public func registerSecrets(fromEnvironment environment: [String: String]) {
        for (name, value) in environment where Self.isSecretName(name) {
            register(secret: value)
        }
    }

    /// Whether an environment variable, header or parameter name denotes a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = uppercasedBytes(name)
        return secretNames.contains(upper) || secretMarkers.contains { upper.contains($0) }
    }

    /// Names that are secrets as a whole (upper case, as UTF-8).
    private static let secretNames: [[UInt8]] = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AUTHORIZATION", "PROXY-AUTHORIZATION",
        "X-AMZ-SECURITY-TOKEN", "X-HADOOP-DELEGATION-TOKEN", "COOKIE", "SET-COOKIE",
    ].map { Array($0.utf8) }

    /// Parts that make any name a secret (upper case, as UTF-8).
    private static let secretMarkers: [[UInt8]] = [
        "SECRET", "PASSWORD", "PASSWD", "TOKEN", "CREDENTIAL", "PRIVATE_KEY", "API_KEY", "APIKEY",
    ].map { Array($0.utf8) }

    /// `name` upper-cased, as UTF-8: byte by byte when it is ASCII (every name checked at start-up, one per
    /// environment variable), by Unicode's rules otherwise (`ſecret` is a SECRET).
    private static func uppercasedBytes(_ name: String) -> [UInt8] {
        var bytes = Array(name.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(name.uppercased().utf8) }
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") {
            bytes[index] -= 0x20
        }
        return bytes
    }

    /// Returns `text` with every registered secret and secret-shaped pattern masked.
    public func redact(_ text: String) -> String {
        let matcher = currentMatcher()
        var text = text
        return text.withUTF8 { bytes in
            var masks: [Range<Int>] = []
            matcher.collect(in: bytes, into: &masks)
            SecretShapes.collect(in: bytes, into: &masks)
            return masks.isEmpty ? nil : Self.masking(bytes, masks)
        } ?? text
    }

    private func currentMatcher() -> SecretMatcher {
        registry.withLock { registry in
            if let matcher = registry.matcher { return matcher }
            let matcher = SecretMatcher(secrets: registry.secrets)
            registry.matcher = matcher
            return matcher
        }
    }

    /// `bytes` with each run of overlapping or touching `masks` replaced by one ``mask``.
    private static func masking(_ bytes: UnsafeBufferPointer<UInt8>, _ masks: [Range<Int>]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        var pending: Range<Int>?
        func flush(_ range: Range<Int>) {
            out.append(contentsOf: bytes[copied..<range.lowerBound])
            out.append(contentsOf: mask.utf8)
            copied = range.upperBound
        }
        for range in masks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let current = pending, range.lowerBound <= current.upperBound {
                pending = current.lowerBound..<max(current.upperBound, range.upperBound)
            } else {
                if let current = pending { flush(current) }
                pending = range
            }
        }
        if let current = pending { flush(current) }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs here, in order. Every environment variable's name is checked at start-up: with
    /// Foundation's `String.contains` (bridged through NSString) that took 1.8 M instructions, with the
    /// generic `Collection.contains` 11 M; with this loop the whole registration takes 0.28 M.
    fileprivate func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= count else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == first {
            var offset = 1
            while offset < needle.count && self[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
