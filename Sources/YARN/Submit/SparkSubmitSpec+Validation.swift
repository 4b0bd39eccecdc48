extension SparkSubmitSpec {
    /// The deploy modes spark-submit accepts.
    public static let deployModes: Set<String> = ["client", "cluster"]

    /// Checks every field spark-submit would misread or reject; the error names the Lua field.
    /// - Throws: ``SparkSubmitSpecError``.
    public func validate() throws(SparkSubmitSpecError) {
        try Self.checkToken(application, field: "jar", what: "the application jar or .py file")
        if application.hasPrefix("-") {
            throw SparkSubmitSpecError(field: "jar", problem: "'\(application)' starts with '-' (spark-submit would read an option)")
        }
        if let mainClass { try Self.checkToken(mainClass, field: "class", what: "a main class") }
        if let name { try Self.checkText(name, field: "name") }
        if let queue { try Self.checkToken(queue, field: "queue", what: "a queue name") }
        try Self.checkToken(master, field: "master", what: "a master URL (yarn, local[1])")
        guard Self.deployModes.contains(deployMode) else {
            throw SparkSubmitSpecError(field: "deploy_mode", problem: "'\(deployMode)' is not client or cluster")
        }
        for (index, argument) in applicationArguments.enumerated() where argument.contains("\0") {
            throw SparkSubmitSpecError(field: "args", problem: "argument \(index + 1) contains a NUL byte")
        }
        for (key, value) in properties {
            try Self.checkPropertyKey(key)
            if value.contains("\0") || value.contains("\n") || value.contains("\r") {
                throw SparkSubmitSpecError(field: "conf", problem: "the value of '\(key)' contains a line break or NUL byte")
            }
        }
        if submitsAndReturns, let wait = properties[Self.waitAppCompletionProperty], wait != "false" {
            throw SparkSubmitSpecError(
                field: "conf",
                problem: "\(Self.waitAppCompletionProperty)=\(wait): in YARN cluster mode the client never waits for the app (always false)"
            )
        }
        for (index, tag) in tags.enumerated() { try Self.checkListItem(tag, field: "tags", index: index) }
        for (index, file) in files.enumerated() { try Self.checkListItem(file, field: "files", index: index) }
        for (index, file) in pyFiles.enumerated() { try Self.checkListItem(file, field: "py_files", index: index) }
        if let driverMemory { try Self.checkMemory(driverMemory, field: "driver_memory") }
        if let executorMemory { try Self.checkMemory(executorMemory, field: "executor_memory") }
        if let numExecutors, numExecutors < 1 {
            throw SparkSubmitSpecError(field: "num_executors", problem: "\(numExecutors) is not a positive integer")
        }
        if let executorCores, executorCores < 1 {
            throw SparkSubmitSpecError(field: "executor_cores", problem: "\(executorCores) is not a positive integer")
        }
    }

    /// A property key: not empty, no `=` (spark-submit splits `key=value` at the first one), no whitespace.
    static func checkPropertyKey(_ key: String) throws(SparkSubmitSpecError) {
        if key.isEmpty { throw SparkSubmitSpecError(field: "conf", problem: "a key is empty") }
        if key.contains("=") { throw SparkSubmitSpecError(field: "conf", problem: "key '\(key)' contains '='") }
        if key.contains(where: \.isWhitespace) || key.contains("\0") {
            throw SparkSubmitSpecError(field: "conf", problem: "key '\(key)' contains whitespace")
        }
    }

    /// An item of a comma-joined list (`tags`, `files`): not empty, no comma, no whitespace at its ends.
    static func checkListItem(_ item: String, field: String, index: Int) throws(SparkSubmitSpecError) {
        let position = "item \(index + 1)"
        if item.isEmpty { throw SparkSubmitSpecError(field: field, problem: "\(position) is empty") }
        if item.contains(",") {
            throw SparkSubmitSpecError(field: field, problem: "\(position) '\(item)' contains a comma (the list is joined with commas)")
        }
        if item.contains(where: { $0.isNewline }) || item.contains("\0") || item.first?.isWhitespace == true
            || item.last?.isWhitespace == true
        {
            throw SparkSubmitSpecError(field: field, problem: "\(position) '\(item)' has surrounding whitespace or a line break")
        }
    }

    /// A single token (a path, a class, a queue): not empty, no whitespace, no NUL.
    static func checkToken(_ value: String, field: String, what: String) throws(SparkSubmitSpecError) {
        if value.isEmpty { throw SparkSubmitSpecError(field: field, problem: "is empty (expected \(what))") }
        if value.contains(where: \.isWhitespace) || value.contains("\0") {
            throw SparkSubmitSpecError(field: field, problem: "'\(value)' contains whitespace (expected \(what))")
        }
    }

    /// Free text (a name): not empty, no line break, no NUL.
    static func checkText(_ value: String, field: String) throws(SparkSubmitSpecError) {
        if value.isEmpty { throw SparkSubmitSpecError(field: field, problem: "is empty") }
        if value.contains(where: \.isNewline) || value.contains("\0") {
            throw SparkSubmitSpecError(field: field, problem: "contains a line break or NUL byte")
        }
    }

    /// A JVM memory string: digits and an optional unit (`512m`, `4g`, `4096`).
    static func checkMemory(_ value: String, field: String) throws(SparkSubmitSpecError) {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        let unit = value.dropFirst(digits.count).lowercased()
        guard !digits.isEmpty, ["", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"].contains(unit) else {
            throw SparkSubmitSpecError(field: field, problem: "'\(value)' is not a memory size (like 512m or 4g)")
        }
    }
}
