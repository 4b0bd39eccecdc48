/// A ``SparkSubmitSpec`` that cannot become a command line: which field, and what is wrong with it.
public struct SparkSubmitSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec field, as the Lua table names it (`jar`, `conf`, `tags`, `deploy_mode`…).
    public var field: String
    /// What is wrong (`is required`, `key 'a=b' contains '='`).
    public var problem: String

    /// Creates an error.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    /// `spark-submit spec: field 'conf': key 'a b' contains whitespace`.
    public var description: String { "spark-submit spec: field '\(field)': \(problem)" }
}
