import Foundation
import Synchronization
import TestSupport
import Testing

/// `lock()` with a lock store, against moto's S3 in server mode (a real peer with conditional writes):
/// exclusion across runners, refusals naming the holder, release on every exit path, takeover only
/// after expiry, renewal through long waits (issue 15, item 2).
@Suite("S3 lease against moto", .serialized)
struct LeaseMotoTests {
    static let holdScript = #"local l = lock(arg[1]); print("HELD " .. (l.lease or "?")); sleep(tonumber(arg[2]) or 1.5)"#

    /// Starts moto and a fresh bucket; `body` gets the fixture; moto is stopped after.
    func withStore(_ body: (LeaseStoreFixture) async throws -> Void) async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        try await body(try await LeaseStoreFixture.make(endpoint: moto.endpoint))
    }

    @Test("10 races of two runners for one lease: exactly one holds it, the other is refused naming the holder")
    func races() async throws {
        try await withStore { store in
            for trial in 1...10 {
                let name = "deploy:race-\(trial)"
                async let first = CLI.runDetached(["exec", "-e", Self.holdScript, name, "1.5"], environment: store.environment())
                async let second = CLI.runDetached(["exec", "-e", Self.holdScript, name, "1.5"], environment: store.environment())
                let results = try await [first, second]
                let holders = results.filter { $0.status == 0 && $0.stdout.contains("HELD") }
                let refused = results.filter { $0.status == 1 && $0.output.contains("another run holds the lock '\(name)': run ") }
                #expect(holders.count == 1 && refused.count == 1, "trial \(trial): \(results.map(\.output))")
                #expect(refused.allSatisfy { !$0.stdout.contains("HELD") && $0.output.contains("since ") && $0.output.contains("until ") })
                let lease = try await store.lease(name)
                #expect(lease?["state"] as? String == "released", "trial \(trial): \(String(describing: lease))")
            }
        }
    }

    @Test("the lease is released on every exit path: success, failure, --timeout, SIGTERM")
    func releasedOnEveryExit() async throws {
        try await withStore { store in
            let env = store.environment()
            let ok = try await CLI.runDetached(["exec", "-e", #"lock("deploy:exit")"#], environment: env)
            #expect(ok.status == 0, "\(ok.output)")
            #expect(try await store.lease("deploy:exit")?["outcome"] as? String == "succeeded")

            let failed = try await CLI.runDetached(["exec", "-e", #"lock("deploy:exit"); fail("boom")"#], environment: env)
            #expect(failed.status == 1, "\(failed.output)")
            #expect(try await store.lease("deploy:exit")?["outcome"] as? String == "failed")

            let late = try await CLI.runDetached(["exec", "--timeout", "1", "-e", #"lock("deploy:exit"); sleep(30)"#], environment: env)
            #expect(late.status == 3, "\(late.output)")
            let afterDeadline = try await store.lease("deploy:exit")
            #expect(
                afterDeadline?["state"] as? String == "released" && afterDeadline?["outcome"] as? String == "deadline_exceeded",
                "\(String(describing: afterDeadline))")
            #expect(afterDeadline?["journal_state"] as? String == "stopped")

            let signalled = try await CLI.runDetached(["exec", "-e", #"lock("deploy:exit"); sleep(30)"#], environment: env) { process in
                Thread.sleep(forTimeInterval: 1.5)
                kill(process.processIdentifier, SIGTERM)
            }
            #expect(signalled.status == 130, "\(signalled.output)")
            let afterSignal = try await store.lease("deploy:exit")
            #expect(
                afterSignal?["state"] as? String == "released" && afterSignal?["outcome"] as? String == "interrupted",
                "\(String(describing: afterSignal))")
            // Released means the next run, on another runner, takes it at once.
            let next = try await CLI.runDetached(["exec", "-e", #"lock("deploy:exit")"#], environment: store.environment())
            #expect(next.status == 0, "\(next.output)")
        }
    }

    @Test("a lease whose owner died is taken over only after its expiry, and the takeover names the unfinished deploy")
    func takeoverAfterExpiry() async throws {
        try await withStore { store in
            let name = "deploy:crash"
            let script = #"lock("deploy:crash"); stage("stop old", function() end); print("IN"); sleep(60)"#
            let killedAt = LockedDate()
            let holder = try await CLI.runDetached(["exec", "--lock-ttl", "3", "-e", script], environment: store.environment()) { process in
                Thread.sleep(forTimeInterval: 1.5)
                kill(process.processIdentifier, SIGKILL)
                killedAt.set(Date())
            }
            #expect(holder.status == 9 || holder.status == SIGKILL, "\(holder.status) \(holder.output)")
            let refused = try await CLI.runDetached(["exec", "-e", #"lock("deploy:crash")"#], environment: store.environment())
            #expect(refused.status == 1 && refused.output.contains("another run holds the lock 'deploy:crash'"), "\(refused.output)")
            var taken: CLIResult?
            for _ in 0..<40 {
                let attempt = try await CLI.runDetached(
                    ["exec", "-e", #"local l = lock("deploy:crash"); print("TOOK", l.taken_over, l.unfinished and l.unfinished.stage)"#],
                    environment: store.environment())
                if attempt.status == 0 { taken = attempt; break }
                #expect(attempt.output.contains("another run holds"), "\(attempt.output)")
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            let elapsed = Date().timeIntervalSince(killedAt.get() ?? Date())
            #expect(taken?.stdout.contains("TOOK\ttrue\tstop old") == true, "\(taken?.output ?? "never taken")")
            #expect(taken?.output.contains("lock taken over from a run that stopped renewing it") == true)
            // ttl 3 s, renewed every second: the lease outlives its dead owner by at least 2 s.
            #expect(elapsed >= 2, "taken over \(elapsed) s after the owner died")
            _ = name
        }
    }

    @Test("renewal keeps a lease held through a wait longer than its ttl")
    func renewalThroughLongWaits() async throws {
        try await withStore { store in
            async let holder = CLI.runDetached(
                ["exec", "--lock-ttl", "2", "-e", Self.holdScript, "deploy:long", "6"],
                environment: store.environment())
            try await Task.sleep(nanoseconds: 4_500_000_000)
            let second = try await CLI.runDetached(["exec", "-e", Self.holdScript, "deploy:long", "0"], environment: store.environment())
            #expect(second.status == 1 && second.output.contains("another run holds the lock 'deploy:long'"), "\(second.output)")
            let first = try await holder
            #expect(first.status == 0, "\(first.output)")
        }
    }

    @Test("--lock-wait waits for a held lease and takes it once released")
    func lockWait() async throws {
        try await withStore { store in
            async let holder = CLI.runDetached(["exec", "-e", Self.holdScript, "deploy:queue", "2"], environment: store.environment())
            try await Task.sleep(nanoseconds: 700_000_000)
            let waiter = try await CLI.runDetached(
                ["exec", "--lock-wait", "20", "-e", Self.holdScript, "deploy:queue", "0"],
                environment: store.environment())
            #expect(waiter.status == 0 && waiter.stdout.contains("HELD"), "\(waiter.output)")
            #expect(waiter.output.contains("waiting for the lock"), "\(waiter.output)")
            #expect(try await holder.status == 0)
        }
    }

    @Test("an object at the lease key that is not a lease is never overwritten")
    func foreignObject() async throws {
        try await withStore { store in
            try await store.put("deploy:foreign", body: "terraform state, not ours")
            let r = try await CLI.runDetached(["exec", "-e", #"lock("deploy:foreign")"#], environment: store.environment())
            #expect(r.status == 1 && r.output.contains("is not a SparkDeploy lease"), "\(r.output)")
            #expect(try await store.raw("deploy:foreign") == "terraform state, not ours")
        }
    }

    @Test("--abandon sets an unfinished deploy's journal aside; the default hands it to the recipe")
    func abandon() async throws {
        try await withStore { store in
            let script = #"lock("deploy:ab"); stage("submit", function() end); sleep(60)"#
            _ = try await CLI.runDetached(["exec", "--lock-ttl", "2", "-e", script], environment: store.environment()) { process in
                Thread.sleep(forTimeInterval: 1.2)
                kill(process.processIdentifier, SIGKILL)
            }
            let dead = try #require(try await store.lease("deploy:ab"))
            try await Task.sleep(nanoseconds: 4_500_000_000)
            let r = try await CLI.runDetached(["run", "--abandon", "--recipes", "/nonexistent", "x"], environment: store.environment())
            #expect(r.status == 2, "\(r.output)")  // recipes are checked before any lease is touched
            let taken = try await CLI.runDetached(
                ["exec", "-e", #"local l = lock("deploy:ab"); print("UNFINISHED", l.unfinished ~= nil)"#],
                environment: store.environment().merging(["SPARKDEPLOY_REATTACH": "abandon"]) { _, new in new })
            #expect(taken.status == 0 && taken.stdout.contains("UNFINISHED\tfalse"), "\(taken.output)")
            let journal = try await store.journal(of: dead)
            #expect(journal?["state"] as? String == "abandoned", "\(String(describing: journal))")
        }
    }

    @Test("a malformed --lock-store is a usage error before anything runs")
    func badStore() throws {
        let r = try CLI.run(["exec", "--lock-store", "https://bucket/x", "-e", "print('ran')"])
        #expect(r.status == 2 || r.status == 64, "\(r.output)")
        #expect(r.output.contains("--lock-store") && r.output.contains("s3://"), "\(r.output)")
        #expect(!r.stdout.contains("ran"))
    }

    @Test("under CI=true without a lock store, lock() warns once that single-flight is machine-local")
    func machineLocalWarning() throws {
        let locks = FileManager.default.temporaryDirectory.appendingPathComponent("sd-locks-\(UUID().uuidString)").path
        let r = try CLI.run(["exec", "-e", #"lock("a"); lock("b")"#], environment: ["CI": "true", "SPARKDEPLOY_LOCK_DIR": locks])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.components(separatedBy: "single-flight is machine-local").count == 2, "\(r.output)")
    }
}

/// A date set from another thread.
final class LockedDate: Sendable {
    private let value = Mutex<Date?>(nil)
    func set(_ date: Date) { value.withLock { $0 = date } }
    func get() -> Date? { value.withLock { $0 } }
}
