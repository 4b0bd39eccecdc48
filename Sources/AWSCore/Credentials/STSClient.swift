import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// The two STS calls the credential chain makes, in STS's query protocol: a form-encoded `POST /`
/// answered with XML.
struct STSClient: Sendable {
    let context: CredentialContext
    let region: String
    let endpoint: String

    /// Resolves the STS endpoint like any other service (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, …),
    /// regional by default (`https://sts.<region>.amazonaws.com`), global without a region.
    init(context: CredentialContext, region: String?) {
        self.context = context
        self.region = region ?? "us-east-1"
        let resolved = EndpointResolver.resolve(service: .sts, region: self.region, context: context)
        if region == nil && resolved.source == "default" {
            self.endpoint = "https://sts.amazonaws.com"
        } else {
            self.endpoint = resolved.url
        }
    }

    /// `AssumeRole`, signed with `source`.
    func assumeRole(
        roleARN: String, sessionName: String, externalID: String?, durationSeconds: Int?,
        mfaSerial: String?, mfaToken: String?, source: AWSCredentials, logger: Logger
    ) async throws
        -> AWSCredentials
    {
        var params = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName),
        ]
        if let externalID { params.append(("ExternalId", externalID)) }
        if let durationSeconds { params.append(("DurationSeconds", String(durationSeconds))) }
        if let mfaSerial, let mfaToken { params += [("SerialNumber", mfaSerial), ("TokenCode", mfaToken)] }
        return try await call("AssumeRole", params: params, signWith: source, logger: logger)
    }

    /// `AssumeRoleWithWebIdentity`: unsigned (the token is the proof).
    func assumeRoleWithWebIdentity(
        roleARN: String, sessionName: String, token: String, logger: Logger
    ) async throws
        -> AWSCredentials
    {
        let params = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ]
        return try await call("AssumeRoleWithWebIdentity", params: params, signWith: nil, logger: logger)
    }

    private func call(
        _ operation: String, params: [(String, String)], signWith credentials: AWSCredentials?,
        logger: Logger
    ) async throws -> AWSCredentials {
        let source = "sts:\(operation)"
        let body = params.map { URIEncoding.encode($0.0) + "=" + URIEncoding.encode($0.1) }.joined(separator: "&")
        var request = SigV4Request(
            method: "POST", url: endpoint + "/",
            headers: [
                .init(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")
            ], body: Array(body.utf8))
        if let credentials {
            do {
                request = try SigV4Signer(credentials: credentials, region: region, service: "sts")
                    .sign(request, at: context.clock.now())
            } catch {
                throw CredentialError(source: source, reason: "\(error)")
            }
        }
        let response: HTTPResponse
        do {
            response = try await context.transport.send(
                HTTPRequest(
                    method: "POST", url: request.url, headers: request.headers.map { ($0.name, $0.value) },
                    body: request.body, timeout: 10))
        } catch {
            throw CredentialError(source: source, reason: "\(error)")
        }
        let xml = response.text
        let requestID = response.header("x-amzn-RequestId") ?? XMLTagReader.first("RequestId", in: xml) ?? "-"
        guard (200..<300).contains(response.status) else {
            let code = XMLTagReader.first("Code", in: xml) ?? "HTTP \(response.status)"
            let message = XMLTagReader.first("Message", in: xml) ?? response.excerpt(limit: 200)
            throw CredentialError(
                source: source,
                reason: "\(endpoint) answered \(response.status) \(code): \(message) "
                    + "(request id \(requestID))")
        }
        guard let creds = XMLTagReader.section("Credentials", in: xml),
            let key = XMLTagReader.first("AccessKeyId", in: creds),
            let secret = XMLTagReader.first("SecretAccessKey", in: creds)
        else {
            throw CredentialError(
                source: source,
                reason: "\(endpoint) answered without <Credentials> "
                    + "(request id \(requestID))")
        }
        let token = XMLTagReader.first("SessionToken", in: creds)
        let expiration = XMLTagReader.first("Expiration", in: creds).flatMap(ISO8601.parse)
        let result = AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: token,
            expiration: expiration, source: source)
        CredentialSecrets.register(result)
        logger.debug(
            "sts credentials obtained",
            metadata: [
                "aws.operation": "\(operation)", "aws.request_id": "\(requestID)", "aws.endpoint": "\(endpoint)",
            ])
        return result
    }
}
