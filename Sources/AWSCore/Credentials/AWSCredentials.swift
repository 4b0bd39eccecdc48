import Foundation

/// An access key, its secret and an optional session token, with their expiry.
///
/// Its `description` and `debugDescription` show only the last four characters of the access key
/// id and never the secret or the token, so printing or interpolating it cannot leak them.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key id (`AKIA…`, `ASIA…`).
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials.
    public var sessionToken: String?
    /// When temporary credentials expire (epoch seconds); `nil` for long-term keys.
    public var expiration: Double?
    /// Which provider produced them (e.g. `environment`, `assume-role`), for logs and errors.
    public var source: String

    /// Creates credentials.
    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
        expiration: Double? = nil, source: String = "static"
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// Whether they expire within `margin` seconds of `now`.
    public func expires(within margin: Double, now: Double) -> Bool {
        guard let expiration else { return false }
        return expiration - now <= margin
    }

    /// `AWSCredentials(source: environment, accessKeyID: ****WXYZ, secret: ***, token: ***)`.
    public var description: String {
        let suffix = accessKeyID.count > 8 ? "****" + accessKeyID.suffix(4) : "***"
        return "AWSCredentials(source: \(source), accessKeyID: \(suffix), secret: ***"
            + (sessionToken == nil ? "" : ", token: ***") + ")"
    }

    /// Same as ``description``: nothing secret.
    public var debugDescription: String { description }
}
