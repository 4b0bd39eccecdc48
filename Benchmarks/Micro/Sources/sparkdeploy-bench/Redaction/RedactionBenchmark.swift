import Foundation
import SparkDeployCore

/// Throughput of ``Redactor/redact(_:)`` on one core: what every log line, printed value and error
/// message pays (issue 21, item 9: the old per-secret replace and regular expressions ran at ~1.3 MB/s).
///
/// Each input is redacted `repeats` times and the fastest run is kept.
enum RedactionBenchmark {
    /// One input: a name and how to make `megabytes` of it.
    struct Input: Sendable {
        let name: String
        let make: @Sendable (Int) -> String
    }

    /// Log-like text with no secret in it, log-like text with a registered secret and a shape every
    /// ~1 KB, and the hostile shapes of the linearity tests (`token=` repeated, a long run of letters).
    static let inputs: [Input] = [
        Input(name: "log_text_clean") { mb in
            lines(mb) { i in "2026-12-04T10:00:00.000Z INFO  submitted step s-\(i) to j-2AXXXXXXXXXX1 state=RUNNING elapsed=3.2 s" }
        },
        Input(name: "log_text_with_secrets") { mb in
            lines(mb) { i in
                i % 10 == 0
                    ? "INFO calling https://deployer:hunter2pass@rm:8088/ws token=abc\(i) key=bench-secret-value-42 end"
                    : "2026-12-04T10:00:00.000Z INFO  submitted step s-\(i) to j-2AXXXXXXXXXX1 state=RUNNING elapsed=3.2 s"
            }
        },
        Input(name: "token_equals_repeated") { mb in String(repeating: "token=", count: mb * 1_000_000 / 6) },
        Input(name: "one_run_of_letters") { mb in String(repeating: "abcdefghij", count: mb * 100_000) },
    ]

    private static func lines(_ mb: Int, _ line: (Int) -> String) -> String {
        var text = ""
        text.reserveCapacity(mb * 1_000_000 + 200)
        var i = 0
        while text.utf8.count < mb * 1_000_000 {
            text += line(i) + "\n"
            i += 1
        }
        return text
    }

    /// A redactor as a run has one: 50 registered secrets (with their encodings) besides the shapes.
    static func redactor() -> Redactor {
        let redactor = Redactor()
        redactor.register(secret: "bench-secret-value-42")
        for i in 0..<49 { redactor.register(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCY-\(i)") }
        return redactor
    }

    /// Runs every input of `megabytes` MB; returns MB/s (best of `repeats`) per input.
    static func report(megabytes: Int, repeats: Int) -> [String: Any] {
        let redactor = redactor()
        var throughput: [String: Double] = [:]
        var masked: [String: Int] = [:]  // bytes removed by masking: keeps the result alive, and shows work was done
        for input in inputs {
            let text = input.make(megabytes)
            let size = Double(text.utf8.count)
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let out = redactor.redact(text)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds)
                masked[input.name] = text.utf8.count - out.utf8.count
            }
            throughput[input.name] = size / best / 1e6
        }
        return [
            "megabytes": megabytes, "repeats": repeats, "mb_per_second": throughput, "bytes_removed": masked, "target_mb_per_second": 100,
        ]
    }
}
