import AWSCore
import Foundation
import Testing

/// The public AWS SigV4 test suite (fixture files): canonical request, string to sign and Authorization.
struct SigV4TestSuiteTests {
    static let cases = [
        "get-vanilla", "get-vanilla-query-order-key-case", "get-vanilla-query-order-key", "get-utf8",
        "get-unreserved", "get-space", "get-header-value-trim", "get-header-key-duplicate", "post-vanilla",
        "post-x-www-form-urlencoded", "post-sts-header-before",
    ]
    /// 2015-08-30T12:36:00Z.
    static let time = 1_440_938_160.0

    static func fixture(_ name: String, _ ext: String) throws -> String {
        let base = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = base.appendingPathComponent("sigv4/\(name)/\(name).\(ext)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Parses a `.req` file into a request on `https://<Host><path>`.
    static func request(_ text: String) throws -> SigV4Request {
        let parts = text.components(separatedBy: "\n\n")
        let head = parts[0].components(separatedBy: "\n")
        let requestLine = head[0].components(separatedBy: " ")
        let method = requestLine[0]
        let path = requestLine.dropFirst().dropLast().joined(separator: " ")
        var headers: [SigV4Request.Header] = []
        for line in head.dropFirst() {
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append(.init(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        }
        let host = try #require(headers.first { $0.name.lowercased() == "host" }?.value)
        let body = parts.count > 1 ? Array(parts.dropFirst().joined(separator: "\n\n").utf8) : []
        return SigV4Request(method: method, url: "https://\(host)\(path)", headers: headers, body: body)
    }

    @Test(arguments: cases)
    func signsLikeThePublishedSuite(name: String) throws {
        let request = try Self.request(try Self.fixture(name, "req"))
        let token = request.values(of: "X-Amz-Security-Token").first
        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: token)
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        let (signed, stages) = try signer.signWithStages(request, at: Self.time)
        #expect(stages.canonicalRequest == (try Self.fixture(name, "creq")))
        #expect(stages.stringToSign == (try Self.fixture(name, "sts")))
        #expect(stages.authorization == (try Self.fixture(name, "authz")))
        #expect(signed.values(of: "Authorization") == [stages.authorization])
    }

    @Test func resigningReplacesDateAndAuthorization() throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret-key-value")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "elasticmapreduce")
        let request = SigV4Request(method: "POST", url: "http://127.0.0.1:4566/", body: Array("{}".utf8))
        let first = try signer.sign(request, at: Self.time)
        let second = try signer.sign(first, at: Self.time + 5)
        #expect(second.values(of: "Authorization").count == 1)
        #expect(second.values(of: "X-Amz-Date") == ["20150830T123605Z"])
        #expect(first.values(of: "Authorization") != second.values(of: "Authorization"))
    }

    @Test func hostIncludesNonDefaultPortAndEmptyPathIsSlash() throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret-key-value")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "elasticmapreduce")
        let (_, stages) = try signer.signWithStages(
            SigV4Request(method: "POST", url: "http://127.0.0.1:4566"),
            at: Self.time)
        #expect(stages.canonicalRequest.hasPrefix("POST\n/\n\nhost:127.0.0.1:4566\n"))
        let (_, https) = try signer.signWithStages(
            SigV4Request(method: "GET", url: "https://Example.com:443/a/../b//c"),
            at: Self.time)
        #expect(https.canonicalRequest.hasPrefix("GET\n/b/c\n\nhost:example.com\n"))
    }
}
