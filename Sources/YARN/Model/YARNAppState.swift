/// An application state as the RM reports it, public (`RUNNING`) or internal (`KILLING`, in `/state` bodies).
///
/// Unknown values decode to ``other(_:)`` rather than failing, so a newer RM cannot break the client.
public enum YARNAppState: Sendable, Hashable, CustomStringConvertible {
    /// `NEW`.
    case new
    /// `NEW_SAVING`.
    case newSaving
    /// `SUBMITTED`.
    case submitted
    /// `ACCEPTED`.
    case accepted
    /// `RUNNING`.
    case running
    /// `FINISHED` (terminal).
    case finished
    /// `FAILED` (terminal).
    case failed
    /// `KILLED` (terminal).
    case killed
    /// Internal `KILLING` (kill in progress; only in `/state` bodies).
    case killing
    /// Internal `FINAL_SAVING` (only in `/state` bodies).
    case finalSaving
    /// Internal `FINISHING` (only in `/state` bodies).
    case finishing
    /// A value this client does not know, kept verbatim.
    case other(String)

    /// Parses a state name, case-insensitively.
    public init(rawValue: String) {
        switch rawValue.uppercased() {
        case "NEW": self = .new
        case "NEW_SAVING": self = .newSaving
        case "SUBMITTED": self = .submitted
        case "ACCEPTED": self = .accepted
        case "RUNNING": self = .running
        case "FINISHED": self = .finished
        case "FAILED": self = .failed
        case "KILLED": self = .killed
        case "KILLING": self = .killing
        case "FINAL_SAVING": self = .finalSaving
        case "FINISHING": self = .finishing
        default: self = .other(rawValue)
        }
    }

    /// The RM's spelling (`"NEW_SAVING"`).
    public var rawValue: String {
        switch self {
        case .new: return "NEW"
        case .newSaving: return "NEW_SAVING"
        case .submitted: return "SUBMITTED"
        case .accepted: return "ACCEPTED"
        case .running: return "RUNNING"
        case .finished: return "FINISHED"
        case .failed: return "FAILED"
        case .killed: return "KILLED"
        case .killing: return "KILLING"
        case .finalSaving: return "FINAL_SAVING"
        case .finishing: return "FINISHING"
        case .other(let s): return s
        }
    }

    /// The RM's spelling.
    public var description: String { rawValue }

    /// `FINISHED`, `FAILED` or `KILLED`: the application has stopped for good.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .killed: return true
        default: return false
        }
    }

    /// The eight states the `states=` filter accepts (internal ones are rejected with 400).
    public var isPublic: Bool {
        switch self {
        case .new, .newSaving, .submitted, .accepted, .running, .finished, .failed, .killed: return true
        default: return false
        }
    }

    /// The public states that mean "not yet stopped".
    public static let active: Set<YARNAppState> = [.new, .newSaving, .submitted, .accepted, .running]
    /// The terminal states.
    public static let terminal: Set<YARNAppState> = [.finished, .failed, .killed]
}

/// The application's final status (`UNDEFINED` until it stops).
public enum YARNFinalStatus: Sendable, Hashable, CustomStringConvertible {
    /// `UNDEFINED`.
    case undefined
    /// `SUCCEEDED`.
    case succeeded
    /// `FAILED`.
    case failed
    /// `KILLED`.
    case killed
    /// A value this client does not know, kept verbatim.
    case other(String)

    /// Parses a final status, case-insensitively.
    public init(rawValue: String) {
        switch rawValue.uppercased() {
        case "UNDEFINED": self = .undefined
        case "SUCCEEDED": self = .succeeded
        case "FAILED": self = .failed
        case "KILLED": self = .killed
        default: self = .other(rawValue)
        }
    }

    /// The RM's spelling (case-sensitive on the server: always upper case).
    public var rawValue: String {
        switch self {
        case .undefined: return "UNDEFINED"
        case .succeeded: return "SUCCEEDED"
        case .failed: return "FAILED"
        case .killed: return "KILLED"
        case .other(let s): return s
        }
    }

    /// The RM's spelling.
    public var description: String { rawValue }
}
