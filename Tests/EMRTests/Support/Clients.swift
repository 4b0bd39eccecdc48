import AWSCore
import EMR
import HTTPTransport
import SparkDeployCore

/// EMR clients of a loopback endpoint (moto or the simulator) with dummy static credentials.
enum Clients {
    static func emr(
        endpoint: String, clock: any DeployClock = SystemClock(),
        retry: RetryConfiguration = RetryConfiguration(backoff: Backoff(base: 0.05, cap: 0.5))
    ) throws -> EMRClient {
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce",
            targetPrefix: "ElasticMapReduce", region: "us-east-1",
            endpoint: endpoint, retry: retry, requestTimeout: 10)
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing-secret"))
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 2, requestTimeout: 10))
        return EMRClient(
            json: JSON11Client(
                configuration: configuration, credentials: credentials, transport: transport,
                clock: clock))
    }
}
