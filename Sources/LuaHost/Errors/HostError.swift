/// A failure a host function reports to Lua. The trampoline raises it after Swift has returned.
///
/// Argument errors become `file:line: yarn.kill: argument #1 (app) expected table or string, got nil`.
/// Operation errors become a structured Lua error (a table with `message`, `kind`, `code`,
/// `status`, `retryable` and a `__tostring`), so that `retry{when=…}` can look inside.
public struct HostError: Error, Sendable, CustomStringConvertible {
    /// The category.
    public enum Kind: String, Sendable {
        /// A wrong argument: becomes a plain message with file:line.
        case argument
        /// A remote call failed.
        case remote
        /// A wait reached its deadline.
        case timeout
        /// The recipe asked for it (`fail()`), or a check failed.
        case failed
        /// The run was cancelled (deadline or signal).
        case cancelled
        /// Refused by the sandbox.
        case sandbox
    }

    /// The category.
    public var kind: Kind
    /// The message, already free of secrets.
    public var message: String
    /// A machine-readable code (`ThrottlingException`, `NotFoundException`, …).
    public var code: String?
    /// The HTTP status, when there was one.
    public var status: Int?
    /// Whether trying again may help.
    public var retryable: Bool
    /// Extra fields for the Lua error table (e.g. `last_state`).
    public var details: [String: LuaValue]

    /// Creates an error.
    public init(
        kind: Kind, message: String, code: String? = nil, status: Int? = nil, retryable: Bool = false,
        details: [String: LuaValue] = [:]
    ) {
        self.kind = kind
        self.message = message
        self.code = code
        self.status = status
        self.retryable = retryable
        self.details = details
    }

    /// A wrong argument.
    public static func argument(_ function: String, index: Int, name: String, expected: String, got: String) -> HostError {
        HostError(kind: .argument, message: "\(function): argument #\(index) (\(name)) expected \(expected), got \(got)")
    }

    /// A wrong field in an options table argument.
    public static func field(_ function: String, index: Int, name: String, field: String, problem: String) -> HostError {
        HostError(kind: .argument, message: "\(function): argument #\(index) (\(name)) field '\(field)' \(problem)")
    }

    /// A failed operation.
    public static func failed(_ message: String) -> HostError { HostError(kind: .failed, message: message) }

    /// The message.
    public var description: String { message }
}
