import AWSCore
import HTTPTransport
import Logging
import SparkDeployCore

/// A JSON 1.1 client of a fake service on a loopback ``TestServer``, on fast virtual time.
enum FakeService {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY1"
    static let token = "IQoJb3JpZ2luX2VjFAKESESSIONTOKENVALUE0123456789"

    struct Input: Encodable, Sendable { var Name: String }
    struct Output: Decodable, Sendable { var Value: String? }

    static func client(
        _ server: TestServer, retry: RetryConfiguration = RetryConfiguration(),
        quota: RetryQuota = RetryQuota(), maxResponseBytes: Int = 1 << 20
    ) throws -> JSON11Client {
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce", targetPrefix: "ElasticMapReduce", region: "us-east-1",
            endpoint: server.baseURL, retry: retry, maxResponseBytes: maxResponseBytes, requestTimeout: 5)
        let credentials = StaticCredentialProvider(
            AWSCredentials(
                accessKeyID: "ASIAFAKE00000001", secretAccessKey: secret,
                sessionToken: token))
        return JSON11Client(
            configuration: configuration, credentials: credentials,
            transport: try HTTPTransport(
                configuration: TransportConfiguration(
                    connectTimeout: 1,
                    requestTimeout: 5)),
            clock: ScaledClock(rate: 10_000), quota: quota)
    }

    static let throttled = TestServer.Reply(
        status: 400, headers: ["x-amzn-RequestId": "req-throttle"],
        body: #"{"__type":"com.amazon.emr#ThrottlingException","message":"Rate exceeded"}"#)
    static let ok = TestServer.Reply(status: 200, headers: ["x-amzn-RequestId": "req-ok"], body: #"{"Value":"done"}"#)
}
