import AWSCore
import HTTPTransport
import S3
import SparkDeployCore

/// S3 clients of a loopback endpoint (moto) with dummy static credentials, path-style.
enum S3Clients {
    static func s3(
        endpoint: String,
        retry: RetryConfiguration = RetryConfiguration(backoff: Backoff(base: 0.05, cap: 0.5))
    ) throws -> S3Client {
        let configuration = S3Configuration(
            region: "us-east-1", endpoint: endpoint, addressing: .path, retry: retry,
            requestTimeout: 10)
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing-secret"))
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 2, requestTimeout: 10))
        return S3Client(configuration: configuration, credentials: credentials, transport: transport)
    }
}
