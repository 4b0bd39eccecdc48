/// A `spark-submit` command line split into its parts: the one reader of spark-submit arguments, used by
/// the EMR client (`SparkStepSpec(arguments:)`, to read a previous build back) and by the simulator (to
/// start the YARN application a Spark step runs).
///
/// The rules are spark-submit's own: options come before the application; a known switch
/// (``switches``) takes no value, every other option takes the next token, or the rest of the token
/// after `=` in the `--option=value` form; the first token that does not start with `-` is the
/// application, and everything after it belongs to the application.
///
/// Parsing never fails: what a caller needs (a program it accepts, an application, no dangling
/// option) it checks on the result, so each caller keeps its own strictness.
public struct SparkSubmitCommand: Sendable, Equatable {
    /// One option before the application, as written.
    public struct Option: Sendable, Equatable {
        /// The option (`--conf`, `-c`, `--verbose`).
        public var name: String
        /// Its value, or `nil` for a switch.
        public var value: String?
        /// Whether it was written as one `--option=value` token.
        public var inline: Bool

        /// Creates an option.
        public init(name: String, value: String?, inline: Bool = false) {
            self.name = name
            self.value = value
            self.inline = inline
        }

        /// The tokens it was written as (`["--executor-memory", "4g"]`, `["--queue=etl"]`, `["--verbose"]`).
        public var tokens: [String] {
            guard let value else { return [name] }
            return inline ? ["\(name)=\(value)"] : [name, value]
        }

        /// For `--conf`/`-c`: the property, split at the first `=` (`key` alone gives an empty value); else `nil`.
        public var property: (key: String, value: String)? {
            guard name == "--conf" || name == "-c", let value else { return nil }
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// spark-submit's options that take no value.
    public static let switches: Set<String> = ["--verbose", "-v", "--supervise", "--help", "-h", "--version", "--usage-error"]

    /// The program token (`spark-submit`, `/usr/bin/spark-submit`), or `nil` for an empty command line.
    public var program: String?
    /// The options before the application, in order.
    public var options: [Option]
    /// An option that needs a value but ends the command line, or `nil`.
    public var optionWithoutValue: String?
    /// The application JAR or Python file, or `nil` when the command line has none.
    public var application: String?
    /// The application's own arguments.
    public var applicationArguments: [String]

    /// Splits `tokens` (`["spark-submit", "--deploy-mode", "cluster", …, "app.jar", "arg"]`).
    public init(_ tokens: [String]) {
        program = tokens.first
        options = []
        optionWithoutValue = nil
        application = nil
        applicationArguments = []
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            guard token.hasPrefix("-") else {
                application = token
                applicationArguments = Array(tokens[(index + 1)...])
                return
            }
            if Self.switches.contains(token) {
                options.append(Option(name: token, value: nil))
                index += 1
            } else if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
                options.append(
                    Option(
                        name: String(token[..<equals]), value: String(token[token.index(after: equals)...]),
                        inline: true))
                index += 1
            } else if index + 1 < tokens.count {
                options.append(Option(name: token, value: tokens[index + 1]))
                index += 2
            } else {
                optionWithoutValue = token
                return
            }
        }
    }

    /// Whether the program is `spark-submit` (exactly, or as a path ending in `/spark-submit` when `allowingPath`).
    public func runsSparkSubmit(allowingPath: Bool = false) -> Bool {
        guard let program else { return false }
        return program == "spark-submit" || (allowingPath && program.hasSuffix("/spark-submit"))
    }

    /// The value of the last `name` option (spark-submit: the last one wins), or `nil`.
    public func value(of name: String) -> String? {
        options.last { $0.name == name && $0.value != nil }?.value
    }

    /// The `--conf`/`-c` properties in order, split at the first `=` (`key` alone gives an empty value).
    public var properties: [(key: String, value: String)] { options.compactMap(\.property) }
}
