import SparkDeployCore

/// Why credentials could not be obtained. Never contains a secret: every text is redacted.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
    /// One source the chain tried, and why it gave nothing.
    public struct Attempt: Sendable, Equatable {
        /// The provider name (`environment`, `shared-credentials-file`, …).
        public var source: String
        /// Why it did not produce credentials (`AWS_ACCESS_KEY_ID not set`, …).
        public var reason: String
        /// Creates an attempt record.
        public init(source: String, reason: String) {
            self.source = source
            self.reason = OutsideText.quoted(reason, limit: 2 * OutsideText.quoteLimit)
        }
    }

    /// The provider that failed, or `chain` when no provider had credentials.
    public var source: String
    /// What went wrong.
    public var reason: String
    /// For `chain`: every source tried, in order.
    public var attempts: [Attempt]

    /// Creates an error; `reason` is redacted.
    public init(source: String, reason: String, attempts: [Attempt] = []) {
        self.source = source
        self.reason = OutsideText.quoted(reason, limit: 2 * OutsideText.quoteLimit)
        self.attempts = attempts
    }

    /// One line per source tried.
    public var description: String {
        var text = "no AWS credentials (\(source)): \(reason)"
        for attempt in attempts {
            text += "\n  - \(attempt.source): \(attempt.reason)"
        }
        return text
    }
}

/// Marks "this source is not configured" (the chain moves on) apart from "configured but broken"
/// (the chain stops, as botocore does for a broken assume-role or credential_process).
public enum CredentialLookup: Sendable {
    /// The source produced credentials.
    case found(AWSCredentials)
    /// The source is not configured; the reason is shown if the whole chain finds nothing.
    case notConfigured(String)
}
