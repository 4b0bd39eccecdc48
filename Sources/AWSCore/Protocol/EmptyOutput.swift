/// The result of an operation that answers nothing but success (`{}`), such as AddTags or
/// TerminateJobFlows: the one output for which a blank body is accepted.
public struct EmptyOutput: Decodable, Sendable, Equatable {
    /// An empty result.
    public init() {}
}
