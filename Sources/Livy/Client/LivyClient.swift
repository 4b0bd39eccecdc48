import HTTPTransport
import Logging
import SparkDeployCore

/// An async client of Apache Livy's batch REST API (`/batches`): submit a Spark application to YARN,
/// follow it, read its log, stop it.
///
/// - Every request carries `X-Requested-By` (Livy's CSRF protection) and, when configured, HTTP Basic
///   credentials, which are registered with the redactor and never logged.
/// - Reads and deletes are retried on 5xx, 429 and connection problems with full-jitter backoff; a
///   creation is never re-sent before the client listed the batches and found none with its name.
/// - Waits run on the shared ``Waiter`` and the injected ``DeployClock`` (the simulator's in tests).
///
/// Operations live in one extension file per family: `LivyClient+Batches`, `+Create`, `+Wait`.
public final class LivyClient: Sendable {
    /// The connection settings.
    public let connection: LivyConnection
    /// The time source of retries and waits.
    public let clock: any DeployClock
    /// The logger; data goes into metadata (`livy.operation`, `livy.batch_id`…).
    public let logger: Logger
    let transport: HTTPTransport

    /// Creates a client.
    /// - Throws: ``LivyError`` (`transport`) when the TLS configuration (CA bundle) cannot be loaded.
    public init(
        connection: LivyConnection, clock: any DeployClock = SystemClock(),
        logger: Logger = Logger(label: "sparkdeploy.livy")
    ) throws(LivyError) {
        self.connection = connection
        self.clock = clock
        self.logger = logger
        connection.credentials?.registerSecrets()
        do {
            transport = try HTTPTransport(configuration: connection.transport)
        } catch {
            throw LivyError(
                .transport, operation: "configure", endpoint: error.endpoint,
                message: "cannot set up HTTP transport: \(error.detail)")
        }
        if connection.transport.insecureSkipVerify {
            logger.warning("TLS certificate verification is disabled for Livy", metadata: ["livy.endpoint": "\(connection.baseURL)"])
        }
    }
}
