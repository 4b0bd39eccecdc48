import Foundation

/// The JSON the container endpoint and instance metadata return:
/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration", "Code"}`.
struct MetadataCredentialsJSON: Decodable {
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var Expiration: String?
    var Code: String?

    /// Decodes `body` into credentials.
    static func credentials(from body: [UInt8], source: String, endpoint: String) throws -> AWSCredentials {
        let decoded: MetadataCredentialsJSON
        do {
            decoded = try JSONDecoder().decode(MetadataCredentialsJSON.self, from: Data(body))
        } catch {
            throw CredentialError(source: source, reason: "\(endpoint) returned no valid credentials JSON")
        }
        if let code = decoded.Code, code != "Success" {
            throw CredentialError(source: source, reason: "\(endpoint) returned Code \(code)")
        }
        guard let key = decoded.AccessKeyId, let secret = decoded.SecretAccessKey else {
            throw CredentialError(source: source, reason: "\(endpoint) returned no AccessKeyId/SecretAccessKey")
        }
        let credentials = AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: decoded.Token,
            expiration: decoded.Expiration.flatMap(ISO8601.parse), source: source)
        CredentialSecrets.register(credentials)
        return credentials
    }
}
