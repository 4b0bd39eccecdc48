import Foundation
import Testing

/// `why{…}`: what a recipe reports about a failure reaches the summary (`why:`) and, in JSON logs, one
/// structured record; a malformed report is an error naming the field.
@Suite struct WhyReportTests {
    static let failing = """
        recipe { description = "fails with a reason" }
        why {
          subject = "new build s3://b/app-2.jar", cause = "application_1_0002 completed no Spark job or batch in 60 s",
          app = { id = "application_1_0002", state = "FAILED", final_status = "FAILED", diagnostics = "AM container exited with 13" },
          attempts = { { id = "appattempt_1_0002_000001", state = "FAILED", diagnostics = "exit code 13" } },
          am_log = { container_id = "container_1_0002_01_000001", file = "stderr", truncated = true,
                     lines = { "INFO ApplicationMaster: starting", "Exception in thread \\"main\\" java.lang.ClassNotFoundException: com.acme.X" } },
          step = { id = "s-2", state = "FAILED", failure_details = { reason = "Unknown Error.", message = "ClassNotFoundException", log_file = "s3://logs/s-2/stderr.gz" } },
          failed_jobs = { { id = 7, name = "foreachBatch", reason = "Job aborted due to stage failure" } },
        }
        fail("new build failed")
        """

    @Test("the summary prints a why: section with the cause, the app, the attempt, the AM's stderr, the step and the jobs")
    func textSummary() throws {
        let dir = try CLI.workspace(["failing.lua": Self.failing])
        let r = try CLI.run(["run", "failing"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        let why = try #require(r.stderr.range(of: "why:\n").map { String(r.stderr[$0.upperBound...]) }, "\(r.stderr)")
        #expect(why.contains("cause: application_1_0002 completed no Spark job or batch in 60 s"))
        #expect(why.contains("YARN app application_1_0002: FAILED (final status FAILED)"))
        #expect(why.contains("diagnostics: AM container exited with 13"))
        #expect(why.contains("attempt appattempt_1_0002_000001 FAILED: exit code 13"))
        #expect(why.contains("| Exception in thread \"main\" java.lang.ClassNotFoundException: com.acme.X"))
        #expect(why.contains("EMR step s-2 FAILED: Unknown Error. — ClassNotFoundException (log s3://logs/s-2/stderr.gz)"))
        #expect(why.contains("Spark job 7 (foreachBatch) FAILED: Job aborted due to stage failure"))
    }

    @Test("JSON logs carry the report as one {event: why} record and in the summary object")
    func jsonRecord() throws {
        let dir = try CLI.workspace(["failing.lua": Self.failing])
        let r = try CLI.run(["run", "failing", "--log-format", "json"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        let records = r.stderr.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        let why = try #require(records.first { $0["event"] as? String == "why" }, "\(r.stderr)")
        #expect((why["app"] as? [String: Any])?["id"] as? String == "application_1_0002")
        #expect(((why["am_log"] as? [String: Any])?["lines"] as? [String])?.count == 2)
        #expect((why["step"] as? [String: Any])?["log_file"] as? String == "s3://logs/s-2/stderr.gz")
        let summary = try #require(records.first { $0["event"] as? String == "summary" })
        #expect(
            (summary["why"] as? [[String: Any]])?.first?["cause"] as? String == "application_1_0002 completed no Spark job or batch in 60 s"
        )
    }

    @Test("a report of the wrong shape is an error naming why and the field")
    func wrongShape() throws {
        let dir = try CLI.workspace(["bad.lua": "recipe { description = \"x\" }\nwhy { app = 42 }\n"])
        let r = try CLI.run(["run", "bad"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("why"), "\(r.stderr)")
        #expect(r.stderr.contains("app"), "\(r.stderr)")
        #expect(r.stderr.contains("bad.lua:2"), "\(r.stderr)")
    }
}
