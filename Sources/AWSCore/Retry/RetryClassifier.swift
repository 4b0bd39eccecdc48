/// Why a failed attempt may be retried.
public enum RetryableKind: String, Sendable, Equatable {
    /// The service asked us to slow down (throttling codes, HTTP 429).
    case throttling
    /// A transient fault (5xx, timeout codes, connection errors).
    case transient
    /// A time-out on our side (costs more retry quota).
    case timeout
}

/// The error codes and statuses the AWS standard retry mode treats as retryable, matched by code
/// as well as by status (EMR throttles with HTTP 400 `ThrottlingException`).
public enum RetryClassifier {
    /// Throttling error codes (botocore `_retry.json` / `retries/standard.py`).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// Transient error codes.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]

    /// The kind of an error response, or `nil` when it must not be retried.
    public static func classify(status: Int, code: String, mode: RetryMode) -> RetryableKind? {
        if throttlingCodes.contains(code) || status == 429 { return .throttling }
        if transientCodes.contains(code) { return .transient }
        switch status {
        case 500, 502, 503, 504: return .transient
        case 509 where mode == .legacy: return .transient
        default: return nil
        }
    }
}
