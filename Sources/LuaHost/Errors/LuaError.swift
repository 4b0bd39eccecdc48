/// A failure surfaced to Swift from running Lua code: a syntax error, a runtime error with
/// its traceback, the memory cap, or cancellation. Messages carry `file:line:` of the recipe.
public struct LuaError: Error, Sendable, CustomStringConvertible {
    /// The category.
    public enum Kind: String, Sendable {
        /// The chunk did not compile (`recipes/x.lua:12: '=' expected near 'end'`).
        case syntax
        /// An error raised while running.
        case runtime
        /// The memory cap was reached.
        case memory
        /// The run was cancelled (deadline or signal) while Lua was running.
        case cancelled
        /// The file could not be read, or similar host-side failure.
        case host
    }

    /// The category.
    public var kind: Kind
    /// The message, starting with `file:line:` where Lua knows it.
    public var message: String
    /// The Lua traceback, when the error was raised while running.
    public var traceback: String?
    /// The structured error fields when the error object was a host error table
    /// (`kind`, `code`, `status`, `retryable`, …).
    public var fields: LuaTable?

    /// Creates an error.
    public init(kind: Kind, message: String, traceback: String? = nil, fields: LuaTable? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.fields = fields
    }

    /// `file` and `line` parsed from the start of the message (`recipes/x.lua:12: …`).
    public var location: (file: String, line: Int)? {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[1]), !parts[0].isEmpty, !parts[0].contains(" ") else { return nil }
        return (String(parts[0]), line)
    }

    /// The message (the traceback is separate).
    public var description: String { message }
}

extension LuaError {
    /// `error` as a ``LuaError`` (other errors become `.host` errors with their description).
    public static func wrap(_ error: any Error) -> LuaError {
        (error as? LuaError) ?? LuaError(kind: .host, message: String(describing: error))
    }
}
