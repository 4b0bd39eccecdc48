/// Which of the simulated services a fault applies to.
public enum FaultTarget: String, Sendable, Codable, Equatable {
    /// The EMR JSON 1.1 endpoint.
    case emr
    /// Every YARN ResourceManager endpoint.
    case yarn
    /// The S3 subset served on the EMR listener (``Simulator/s3Endpoint``).
    case s3
    /// The Livy server (``Simulator/livyEndpoint``).
    case livy
}

/// A misbehaviour the simulator injects, from a scenario file or at run time with ``Simulator/apply(_:)``.
///
/// In JSON a fault is an object with one key naming the case, e.g.
/// `{"appCrashLoop": {"afterSeconds": 30, "attempts": 2}}` or `{"emrThrottling": {"operation": "ListSteps", "count": 3}}`.
public enum Fault: Sendable, Codable, Equatable {
    /// Apps (named `appName`, or all when `nil`; only those whose step's spark-submit arguments contain
    /// `build`, when given — "the new build crashes, the previous one runs") fail `afterSeconds` after
    /// reaching RUNNING; each failed attempt sends the app back to ACCEPTED until `attempts` attempts have
    /// failed, then it ends FAILED.
    case appCrashLoop(appName: String? = nil, build: String? = nil, afterSeconds: Double, attempts: Int = 2)
    /// Apps (named `appName`, or all; only builds containing `build` when given) fail in ACCEPTED instead
    /// of reaching RUNNING.
    case appFailsToStart(appName: String? = nil, build: String? = nil)
    /// Spark apps (named `appName`, or all; only builds containing `build` when given) whose driver, once
    /// RUNNING, behaves as `behaviour` in its monitoring REST API (`/proxy/{appId}/api/v1/…`) and AM logs;
    /// every other Spark app is ``SparkBehaviour/healthy``.
    case sparkBehaviour(appName: String? = nil, build: String? = nil, behaviour: SparkBehaviour)
    /// Streaming Spark apps (named `appName`, or all; only builds containing `build` when given) never look
    /// for their stop marker (`spark.sparkdeploy.stopMarker`): they run on after it is written, until killed.
    case markerIgnored(appName: String? = nil, build: String? = nil)
    /// Spark apps (named `appName`, or all; only builds containing `build` when given) find their stateful
    /// query incompatible with the checkpoint: they reach RUNNING, then fail about 5 virtual seconds later
    /// (one attempt, app FAILED, step FAILED) with Spark's `StateSchemaNotCompatible` error at the end of the
    /// AM's stderr, writing nothing to the checkpoint.
    case checkpointIncompatible(appName: String? = nil, build: String? = nil)
    /// A kill stays in the internal KILLING state for `seconds` virtual seconds.
    case killLingers(seconds: Double)
    /// A killed app ends FINISHED (the AM unregistered while KILLING) instead of KILLED.
    case killEndsFinished
    /// Cancelling a RUNNING step with SEND_INTERRUPT cancels the step but leaves its YARN app RUNNING.
    case driverSurvivesInterrupt
    /// Cancelling a RUNNING step with either option (TERMINATE_PROCESS too) cancels the step but leaves
    /// its YARN app RUNNING: in cluster deploy mode the driver runs in YARN, not in the killed
    /// spark-submit (reference/emr-api.md), so only a YARN kill stops it.
    case driverSurvivesCancel
    /// The RM `to` becomes active at virtual second `atSecond` after start, or after `afterRequests` YARN requests.
    case rmFailover(to: Int, atSecond: Double? = nil, afterRequests: Int? = nil)
    /// No RM is active: non-exempt paths answer 307 without Location ("Can not find any active RM").
    case noActiveRM
    /// RM `index` stops listening (connection refused) until the fault is cleared.
    case rmUnreachable(index: Int)
    /// The next `count` requests to `target` answer 503 (EMR: InternalServerError 500 shape for EMR is avoided; 503 body;
    /// S3: an XML `ServiceUnavailable` error, no body for HEAD).
    case serviceUnavailable(target: FaultTarget, count: Int)
    /// The next `count` requests to `target` have their connection closed without a response.
    case connectionReset(target: FaultTarget, count: Int)
    /// Every response from `target` is delayed by `seconds` of wall time.
    case slowResponses(target: FaultTarget, seconds: Double)
    /// The next `count` calls of EMR `operation` (or of any operation when `nil`) fail with ThrottlingException.
    case emrThrottling(operation: String? = nil, count: Int)
    /// The next `count` S3 object writes (PutObject, DeleteObject) that succeed are applied and then answered
    /// 500 `InternalError`: the "outcome unknown" case a conditional write must resolve by reading the object.
    /// A write refused on its own (412, 404) is answered as usual and does not use up the fault.
    case s3WriteThenFail(count: Int)
    /// The next `count` conditional S3 writes (`If-None-Match` or `If-Match` on PutObject, `If-Match` on
    /// DeleteObject) answer 409 `ConditionalRequestConflict` without being applied, as S3 does when another
    /// conditional write to the key is in flight.
    case s3ConditionalConflict(count: Int)
    /// The next `count` Livy `POST /batches` are applied (the batch exists, its YARN app will start) and then
    /// answered 500: the "outcome unknown" case a client must resolve by listing batches before re-sending.
    case livyCreateThenFail(count: Int)
    /// The next `count` Livy `POST /batches` are applied and their answer is held back for `seconds` of wall
    /// time (a client with a shorter time limit gives up: applied, then timed out).
    case livyCreateThenHang(count: Int, seconds: Double)
}
