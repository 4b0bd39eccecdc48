import AWSCore
import Foundation
import TestSupport
import Testing

@testable import S3

/// Signs S3 requests (URLs built by the client: keys encoded once, path kept as sent) with botocore's
/// `S3SigV4Auth` (time patched) and with our signer's S3 flavor, and compares every stage.
struct S3BotocoreSignerTests {
    static let script = #"""
        import datetime, json, sys
        from unittest import mock
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        spec = json.loads(sys.argv[1])
        request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode())
        for name, value in spec["headers"]:
            request.headers[name] = value
        signer = botocore.auth.S3SigV4Auth(Credentials(spec["ak"], spec["sk"], spec.get("token")), "s3", spec["region"])
        fixed = datetime.datetime.fromtimestamp(spec["time"], datetime.timezone.utc).replace(tzinfo=None)
        with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
            request.context["timestamp"] = fixed.strftime(botocore.auth.SIGV4_TIMESTAMP)
            signer._modify_request_before_signing(request)
            creq = signer.canonical_request(request)
            sts = signer.string_to_sign(request, creq)
            signer.add_auth(request)
        print(json.dumps({"creq": creq, "sts": sts, "authz": request.headers["Authorization"]}))
        """#

    struct Case: Sendable, CustomStringConvertible {
        var method: String
        var endpoint: String
        var addressing: S3Addressing
        var bucket: String
        var key: String?
        var query: [String: String]
        var headers: [[String]]
        var body: String
        var token: String?
        var description: String { "\(method) \(bucket)/\(key ?? "") \(addressing)" }
    }

    static let cases: [Case] = [
        Case(
            method: "PUT", endpoint: "http://127.0.0.1:49152", addressing: .path, bucket: "leases",
            key: "apps/stream prod/lease+1 ü//x/../y.json", query: [:],
            headers: [["Content-Type", "application/json"], ["If-None-Match", "*"]], body: #"{"owner":"ci"}"#,
            token: "session-token/with+slash=="),
        Case(
            method: "PUT", endpoint: "https://s3.eu-west-1.amazonaws.com", addressing: .virtualHosted,
            bucket: "leases", key: "a/./b~c%d", query: [:],
            headers: [["If-Match", "\"9b2cf535f27731c974343645a3985328\""]], body: "v2", token: nil),
        Case(
            method: "GET", endpoint: "http://localhost:5000", addressing: .path, bucket: "journal", key: nil,
            query: ["list-type": "2", "prefix": "deploys/a b", "max-keys": "3", "continuation-token": "1/2+3="],
            headers: [], body: "", token: nil),
        Case(
            method: "DELETE", endpoint: "https://s3.us-east-1.amazonaws.com", addressing: .virtualHosted,
            bucket: "journal", key: "deploys/=&?.json", query: [:], headers: [["If-Match", "\"abc\""]], body: "",
            token: "t"),
    ]

    @Test(
        .enabled(if: Peers.shouldRun(.botocore), "botocore is not installed (scripts/bootstrap.sh --with-peers)"),
        arguments: cases)
    func matchesBotocoreS3SigV4AuthStageByStage(testCase: Case) throws {
        try Peers.require(.botocore)
        let time = 1_700_000_123.0
        let call = S3Call(
            operation: "Test", method: testCase.method, bucket: testCase.bucket, key: testCase.key,
            query: testCase.query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            headers: testCase.headers.map { ($0[0], $0[1]) }, body: Array(testCase.body.utf8))
        let url = call.url(endpoint: testCase.endpoint, addressing: testCase.addressing)
        var spec: [String: Any] = [
            "method": testCase.method, "url": url, "body": testCase.body, "ak": "AKIDEXAMPLE",
            "sk": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "region": "eu-west-1", "time": time,
            "headers": testCase.headers,
        ]
        if let token = testCase.token { spec["token"] = token }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let output = try Python.run(script: Self.script, arguments: [json])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])

        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: testCase.token)
        let request = SigV4Request(
            method: testCase.method, url: url,
            headers: testCase.headers.map { .init(name: $0[0], value: $0[1]) },
            body: Array(testCase.body.utf8))
        let (_, stages) = try SigV4Signer(credentials: credentials, region: "eu-west-1", service: "s3", flavor: .s3)
            .signWithStages(request, at: time)
        #expect(stages.canonicalRequest == expected["creq"])
        #expect(stages.stringToSign == expected["sts"])
        #expect(stages.authorization == expected["authz"])
        #expect(stages.signedHeaders.contains("x-amz-content-sha256"))
    }

    @Test func keysAreEncodedOnceAndBucketsGoInTheHostForAWS() {
        let call = S3Call(operation: "GetObject", method: "GET", bucket: "leases", key: "a b/c+d/ü")
        #expect(
            call.url(endpoint: "http://127.0.0.1:9000", addressing: .path)
                == "http://127.0.0.1:9000/leases/a%20b/c%2Bd/%C3%BC")
        #expect(
            call.url(endpoint: "https://s3.eu-west-1.amazonaws.com", addressing: .virtualHosted)
                == "https://leases.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd/%C3%BC")
        // A bucket name with dots cannot be a TLS host label: path-style even against AWS.
        let dotted = S3Call(operation: "GetObject", method: "GET", bucket: "my.bucket", key: "k")
        #expect(
            dotted.url(endpoint: "https://s3.eu-west-1.amazonaws.com", addressing: .virtualHosted)
                == "https://s3.eu-west-1.amazonaws.com/my.bucket/k")
    }
}
