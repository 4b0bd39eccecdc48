import Crypto
import Foundation
import SparkDeployCore

/// The intermediate values of one signature, for tests and debugging (never logged: the
/// canonical request may contain the session token).
public struct SigV4Stages: Sendable, Equatable {
    /// The canonical request.
    public var canonicalRequest: String
    /// The string to sign.
    public var stringToSign: String
    /// The hex signature.
    public var signature: String
    /// `;`-joined signed header names.
    public var signedHeaders: String
    /// The full `Authorization` header value.
    public var authorization: String
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) for header-signed requests, matching botocore's `SigV4Auth`.
///
/// ```swift
/// let signer = SigV4Signer(credentials: creds, region: "us-east-1", service: "elasticmapreduce")
/// let signed = try signer.sign(request, at: clock.now())
/// ```
/// Sign again for every retry: `X-Amz-Date` changes and an old `Authorization` is replaced.
public struct SigV4Signer: Sendable {
    /// The credentials to sign with.
    public var credentials: AWSCredentials
    /// The signing region, e.g. `us-east-1`.
    public var region: String
    /// The signing name, e.g. `elasticmapreduce`, `sts`.
    public var service: String
    /// How the canonical request is built: ``SigV4Flavor/standard`` for every service but S3.
    public var flavor: SigV4Flavor

    /// Creates a signer.
    public init(credentials: AWSCredentials, region: String, service: String, flavor: SigV4Flavor = .standard) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.flavor = flavor
    }

    /// Returns `request` with `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials have a
    /// session token) and `Authorization` set, any previous values replaced.
    /// - Throws: ``SigV4Error`` when the URL cannot be split into scheme, host and path.
    public func sign(_ request: SigV4Request, at epochSeconds: Double) throws(SigV4Error) -> SigV4Request {
        try signWithStages(request, at: epochSeconds).request
    }

    /// Signs like ``sign(_:at:)`` and also returns every intermediate stage.
    /// - Throws: ``SigV4Error`` when the URL cannot be split into scheme, host and path.
    public func signWithStages(
        _ request: SigV4Request, at epochSeconds: Double
    )
        throws(SigV4Error) -> (request: SigV4Request, stages: SigV4Stages)
    {
        guard let url = SigV4URL(request.url) else { throw SigV4Error(reason: "URL has no scheme://host") }
        let timestamp = SigV4Timestamp(epochSeconds: epochSeconds)
        var request = request
        request.removeHeader("Authorization")
        request.setHeader("X-Amz-Date", timestamp.amzDate)
        if let token = credentials.sessionToken, !token.isEmpty {
            request.setHeader("X-Amz-Security-Token", token)
        }
        if flavor == .s3 && request.values(of: "X-Amz-Content-SHA256").isEmpty {
            request.setHeader("X-Amz-Content-SHA256", CanonicalRequest.hexSHA256(request.body))
        }
        let (canonical, signedHeaders) = CanonicalRequest.build(request, url: url, flavor: flavor)
        let scope = "\(timestamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp.amzDate, scope, CanonicalRequest.hexSHA256(Array(canonical.utf8)),
        ].joined(separator: "\n")
        let key = Self.signingKey(
            secret: credentials.secretAccessKey, date: timestamp.date, region: region,
            service: service)
        let signature = Hex.encode(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        request.setHeader("Authorization", authorization)
        let stages = SigV4Stages(
            canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, authorization: authorization)
        return (request, stages)
    }

    /// The HMAC chain `"AWS4"+secret` → date → region → service → `aws4_request`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }
}

/// The service-specific rules of a canonical request (botocore's `SigV4Auth` versus `S3SigV4Auth`).
public enum SigV4Flavor: Sendable, Equatable {
    /// Every service but S3: the path is normalised (dot and empty segments removed) and its wire form
    /// percent-encoded again.
    case standard
    /// S3: the path is used exactly as sent (keys are percent-encoded once, by the caller, and `//`, `.`
    /// and `..` are parts of a key), and `X-Amz-Content-SHA256` (the payload's hex SHA-256) is added and signed.
    case s3
}

/// A request that cannot be signed.
public struct SigV4Error: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var reason: String
    /// `cannot sign request: …`.
    public var description: String { "cannot sign request: \(reason)" }
}
