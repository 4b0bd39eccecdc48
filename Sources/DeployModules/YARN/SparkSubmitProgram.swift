import DeployRuntime

/// Which `spark-submit` a run uses: `$SPARK_HOME/bin/spark-submit` (or the `spark_home` given), else
/// `spark-submit` from `$PATH`. One answer for `yarn.spark_submit`, which runs it, and for
/// `yarn.spark_submit_program`, which recipes ask before they stop anything.
enum SparkSubmitProgram {
    /// The Spark installation: `explicit`, else a non-empty `$SPARK_HOME`, else none.
    static func sparkHome(explicit: String?, environment: [String: String]) -> String? {
        explicit ?? environment["SPARK_HOME"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The command to run: `<home>/bin/spark-submit` (trailing slashes of `home` dropped), or `spark-submit`.
    static func command(home: String?) -> String {
        guard var home else { return "spark-submit" }
        while home.count > 1, home.hasSuffix("/") { home.removeLast() }
        return home + "/bin/spark-submit"
    }
}
