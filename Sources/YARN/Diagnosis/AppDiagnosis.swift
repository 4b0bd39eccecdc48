import Foundation
import SparkDeployCore

/// Why an application failed, or is failing, collected from everything the cluster can say: the
/// app's diagnostics and final status, every attempt's diagnostics, the tail of the AM container's
/// stderr, and — while it runs — the Spark jobs that failed. Collecting never fails: what could not be
/// read is listed in ``gaps``.
public struct AppDiagnosis: Sendable {
    /// One attempt of the app.
    public struct Attempt: Sendable, Equatable {
        /// `appattempt_…` (or the attempt number).
        public var id: String
        /// `FAILED`, `RUNNING`…
        public var state: String?
        /// The attempt's diagnostics (Hadoop 3's `diagnosticsInfo`), when any.
        public var diagnostics: String?
        /// The AM container.
        public var containerId: String?
    }

    /// The application id.
    public var applicationId: String
    /// The app as the RM reports it, nil when it could not be read.
    public var app: YARNApp?
    /// Its attempts, oldest first.
    public var attempts: [Attempt]
    /// The end of the last attempt's AM `stderr`, when a NodeManager served it.
    public var amLog: ContainerLogTail?
    /// Spark jobs that failed, newest first (at most five), while the driver answers.
    public var failedJobs: [SparkJob]
    /// What could not be collected, and why (one line each).
    public var gaps: [String]

    /// Creates a diagnosis from its parts.
    public init(
        applicationId: String, app: YARNApp?, attempts: [Attempt], amLog: ContainerLogTail?, failedJobs: [SparkJob],
        gaps: [String]
    ) {
        self.applicationId = applicationId
        self.app = app
        self.attempts = attempts
        self.amLog = amLog
        self.failedJobs = failedJobs
        self.gaps = gaps
    }
}

extension RMClient {
    /// Collects an ``AppDiagnosis`` of application `appId`: the app, its attempts, the last
    /// `logBytes` of the last attempt's AM `stderr` (from its NodeManager), and its failed Spark jobs
    /// when it runs. Never throws: a part that cannot be read becomes a line of ``AppDiagnosis/gaps``.
    /// `file` is the log file to read (`stderr`); `containerId`, when given, names the attempt whose AM container's
    /// log is read instead of the last attempt's.
    public func diagnose(
        appId: String, logBytes: Int = 4096, logLines: Int = 40, file: String = "stderr", containerId: String? = nil
    ) async -> AppDiagnosis {
        var gaps: [String] = []
        var app: YARNApp?
        do { app = try await self.app(id: appId) } catch { gaps.append("app: \(error)") }
        var attempts: [AppAttempt] = []
        do { attempts = try await self.attempts(appId: appId) } catch { gaps.append("attempts: \(error)") }
        var amLog: ContainerLogTail?
        let attempt: AppAttempt?
        if let containerId { attempt = attempts.last { $0.containerId == containerId } } else { attempt = attempts.last }
        if let containerId, attempt == nil {
            let known = attempts.compactMap(\.containerId)
            gaps.append(
                "AM \(file): container \(containerId) is no AM container of \(appId) (its attempts' containers: "
                    + (known.isEmpty ? "none" : known.joined(separator: ", ")) + ")")
        } else if let attempt, let container = attempt.containerId, let node = attempt.nodeHttpAddress {
            do {
                amLog = try await containerLogTail(
                    nodeHTTPAddress: node, containerId: container, file: file, maxBytes: logBytes, maxLines: logLines)
            } catch {
                gaps.append("AM \(file): \(error)")
            }
        } else if !attempts.isEmpty {
            gaps.append("AM \(file): the RM names no container or node for the last attempt")
        }
        var failedJobs: [SparkJob] = []
        if app?.state == .running {
            do {
                let spark = try sparkClient(appId: appId, operation: "diagnose")
                failedJobs = Array(try await spark.jobs(status: .failed).sorted { $0.jobId > $1.jobId }.prefix(5))
            } catch {
                gaps.append("Spark jobs: \(error)")
            }
        }
        return AppDiagnosis(
            applicationId: appId, app: app,
            attempts: attempts.map { a in
                AppDiagnosis.Attempt(
                    id: a.appAttemptId ?? a.id.map { String($0) } ?? "?", state: a.appAttemptState,
                    diagnostics: a.diagnostics.flatMap { $0.isEmpty ? nil : OutsideText.quoted($0) },
                    containerId: a.containerId)
            },
            amLog: amLog, failedJobs: failedJobs, gaps: gaps)
    }
}
