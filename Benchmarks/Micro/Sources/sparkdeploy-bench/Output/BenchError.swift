/// A benchmark that could not run: which one and why.
struct BenchError: Error, CustomStringConvertible {
    let stage: String
    let message: String
    var description: String { "benchmark \(stage): \(message)" }
}
