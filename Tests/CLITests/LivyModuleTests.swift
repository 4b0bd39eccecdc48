import Foundation
import Testing

/// The `livy` Lua module against the sandbox's Livy (`--sandbox --scenario yarn-only`: no EMR, Aggregator
/// running as a Livy batch), end to end through the CLI.
@Suite struct LivyModuleTests {
    @Test("livy.server() finds the sandbox's Livy: find, submit, await_app, state, log, delete")
    func drivesABatch() throws {
        let lua = """
            local server = livy.server()
            local agg = server:find('Aggregator')
            print('seeded', agg.state, agg.app_id ~= nil)
            print('on yarn', yarn.app(agg.app_id).name)
            local b = server:submit { file = 'hdfs:///jobs/aggregator-1.5.0.jar', class = 'com.acme.Aggregator',
              name = 'Aggregator-d7', tags = { 'sparkdeploy-build:d7' }, conf = { ['spark.executor.instances'] = 2 },
              driver_memory = '1g' }
            print('submitted', b.id, b.state, b.app_id == nil)
            local app = server:await_app(b.id, { timeout = 120 })
            print('tagged', table.concat(yarn.app(app).tags, ','))
            print('batches', #server:batches())
            local log = server:log(b.id, { from = 0, size = 20 })
            print('log', log.total > 0)
            print('deleted', server:delete(b.id), server:delete(b.id))
            local ok, e = pcall(server.batch, server, b.id)
            print('gone', ok, e.code)
            local ok2, e2 = pcall(server.submit, server, { file = 'hdfs:///x.jar', name = 'Aggregator' })
            print('duplicate', ok2, e2.code)
            """
        let r = try CLI.run(["exec", "--sandbox", "--scenario", "yarn-only", "--sandbox-speed", "50", "-e", lua])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("seeded\trunning\ttrue"), "\(r.output)")
        #expect(r.stdout.contains("on yarn\tAggregator"), "\(r.output)")
        #expect(r.stdout.contains("submitted\t1\tstarting\ttrue"), "\(r.output)")
        #expect(r.stdout.contains("tagged\tsparkdeploy-build:d7,livy-batch-1-"), "\(r.output)")
        #expect(r.stdout.contains("batches\t2"), "\(r.output)")
        #expect(r.stdout.contains("log\ttrue"), "\(r.output)")
        #expect(r.stdout.contains("deleted\ttrue\tfalse"), "\(r.output)")
        #expect(r.stdout.contains("gone\tfalse\tlivy.notFound"), "\(r.output)")
        #expect(r.stdout.contains("duplicate\tfalse\tlivy.badRequest"), "\(r.output)")
    }

    @Test("--dry-run: livy submit and delete are recorded, not sent")
    func dryRun() throws {
        let dir = try CLI.workspace([
            "x.lua": """
            recipe { description = 'x' }
            local server = livy.server()
            local b = server:submit { file = 'hdfs:///jobs/a.jar', class = 'A', name = 'A-1' }
            print('dry', b.dry_run, b.id)
            print('delete', server:delete(0))
            print('count', #server:batches(), server:batch(0).state)
            """
        ])
        let r = try CLI.run(["run", "x", "--dry-run", "--sandbox", "--scenario", "yarn-only"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("dry\ttrue\t-1"), "\(r.output)")
        #expect(r.stdout.contains("count\t1\trunning"), "\(r.output)")
        #expect(r.stderr.contains("mutations (not performed, dry run):\n  livy.submit A-1"), "\(r.stderr)")
        #expect(r.stderr.contains("livy.delete batch 0"), "\(r.stderr)")
    }

    @Test("--livy wins over $SPARKDEPLOY_LIVY_URL; no server at all is a clear livy.configuration error")
    func configuration() throws {
        let lua = "local ok, e = pcall(livy.server) print(e.code) print(livy.server('http://a:1/').url)"
        let none = try CLI.run(["exec", "-e", lua], environment: ["SPARKDEPLOY_LIVY_URL": ""])
        #expect(none.stdout.contains("livy.configuration\nhttp://a:1\n"), "\(none.output)")
        let flag = try CLI.run(
            ["exec", "--livy", "http://user:pw-Secret-9@flag-host:8998", "-e", "print(livy.server().url)"],
            environment: ["SPARKDEPLOY_LIVY_URL": "http://env-host:8998"])
        #expect(flag.stdout.contains("http://flag-host:8998"), "\(flag.output)")
        #expect(!flag.output.contains("pw-Secret-9"), "\(flag.output)")
        let env = try CLI.run(["exec", "-e", "print(livy.server().url)"], environment: ["SPARKDEPLOY_LIVY_URL": "http://env-host:8998"])
        #expect(env.stdout.contains("http://env-host:8998"), "\(env.output)")
    }
}
