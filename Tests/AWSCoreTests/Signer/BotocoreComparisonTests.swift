import AWSCore
import Foundation
import TestSupport
import Testing

/// Signs EMR-shaped JSON 1.1 requests with botocore (time patched) and with our signer, and compares
/// every stage. Skipped when python3 + botocore are missing.
struct BotocoreComparisonTests {
    static let script = #"""
        import datetime, json, sys
        from unittest import mock
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        spec = json.loads(sys.argv[1])
        request = AWSRequest(method="POST", url=spec["url"], data=spec["body"].encode())
        for name, value in spec["headers"]:
            request.headers[name] = value
        signer = botocore.auth.SigV4Auth(Credentials(spec["ak"], spec["sk"], spec.get("token")), "elasticmapreduce", spec["region"])
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
        var url: String
        var target: String
        var body: String
        var token: String?
        var region: String
        var description: String { "\(target) \(url) token=\(token != nil)" }
    }

    static let cases: [Case] = [
        Case(
            url: "https://elasticmapreduce.us-east-1.amazonaws.com/", target: "ElasticMapReduce.ListClusters",
            body: #"{"ClusterStates":["WAITING","RUNNING"]}"#, token: nil, region: "us-east-1"),
        Case(
            url: "https://elasticmapreduce.eu-west-1.amazonaws.com/", target: "ElasticMapReduce.AddJobFlowSteps",
            body:
                #"{"JobFlowId":"j-1ABC","Steps":[{"Name":"app ü","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"command-runner.jar","Args":["spark-submit","--conf","a=b c"]}}]}"#,
            token: "FQoGZXIvYXdzEXAMPLE//token+with/slashes==", region: "eu-west-1"),
        Case(
            url: "http://127.0.0.1:49152/", target: "ElasticMapReduce.DescribeCluster", body: #"{"ClusterId":"j-X"}"#,
            token: "session-token-value", region: "us-west-2"),
    ]

    @Test(.enabled(if: Peers.shouldRun(.botocore), "botocore is not installed (scripts/bootstrap.sh --with-peers)"), arguments: cases)
    func matchesBotocoreStageByStage(testCase: Case) throws {
        try Peers.require(.botocore)
        let time = 1_700_000_123.0
        var spec: [String: Any] = [
            "url": testCase.url, "body": testCase.body, "ak": "AKIDEXAMPLE", "sk": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "region": testCase.region, "time": time,
            "headers": [["Content-Type", "application/x-amz-json-1.1"], ["X-Amz-Target", testCase.target]],
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
            method: "POST", url: testCase.url,
            headers: [
                .init(name: "Content-Type", value: "application/x-amz-json-1.1"),
                .init(name: "X-Amz-Target", value: testCase.target),
            ], body: Array(testCase.body.utf8))
        let (_, stages) = try SigV4Signer(credentials: credentials, region: testCase.region, service: "elasticmapreduce")
            .signWithStages(request, at: time)
        #expect(stages.canonicalRequest == expected["creq"])
        #expect(stages.stringToSign == expected["sts"])
        #expect(stages.authorization == expected["authz"])
        let signed =
            testCase.token == nil
            ? "content-type;host;x-amz-date;x-amz-target"
            : "content-type;host;x-amz-date;x-amz-security-token;x-amz-target"
        #expect(stages.signedHeaders == signed)
    }
}
