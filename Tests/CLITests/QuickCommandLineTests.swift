import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import sparkdeploy

/// The start-up fast path must read every command line it accepts exactly as ArgumentParser does,
/// and leave everything it is unsure of to ArgumentParser.
@Suite("QuickCommandLine: the start-up fast path")
struct QuickCommandLineTests {
    /// What ArgumentParser makes of `arguments`: the request, or nil when it refuses them (or prints help).
    static func argumentParser(_ arguments: [String]) -> QuickCommandLine.Invocation? {
        guard let command = try? SparkDeploy.parseAsRoot(arguments) else { return nil }
        if let exec = command as? Exec { return .exec(exec.request) }
        if let run = command as? Run { return .run(run.request) }
        return nil
    }

    @Test(
        "the everyday forms of run and exec take the fast path and mean what ArgumentParser reads",
        arguments: [
            ["exec", "-e", "return 1"],
            ["exec", "--expression", "print(1 + 1)", "--sandbox"],
            ["exec", "-e", "return yarn.apps()", "--yarn", "http://rm1:8088,http://rm2:8088", "--yarn-user", "ci"],
            ["exec", "ops/fix-queue.lua", "queue-a", "queue-b", "--allow-fs"],
            ["exec", "-e", "", "-vv", "--log-format=json"],
            [
                "run", "redeploy-streaming", "--sandbox", "-p", "cluster=demo", "-p", "app=Aggregator",
                "-p", "jar=s3://b/agg-1.4.2.jar", "-p", "class=com.acme.Aggregator",
            ],
            ["run", "redeploy-streaming", "--dry-run", "--params-file", "deploy.json", "--timeout", "900"],
            ["run", "stop", "--param=cluster=streaming-prod", "-p", "app=Aggregator", "--log-format", "json", "-q"],
            [
                "run", "redeploy-streaming", "--target", "cluster=eu app=A", "--target", "cluster=us app=A",
                "--parallel", "2", "--fail-fast", "--region", "eu-west-1", "--profile", "deploy",
            ],
            [
                "run", "./team/recipes/custom.lua", "--recipes", "team/recipes", "--log-file", "run.log",
                "--memory-limit", "64", "--scenario", "rm-failover", "--sandbox-speed", "120", "--no-seed",
            ],
            ["run", "status", "--emr-endpoint", "http://127.0.0.1:4566", "--verbose", "-v", "--allow-exec"],
        ])
    func everydayForms(arguments: [String]) {
        let quick = QuickCommandLine.parse(arguments)
        #expect(quick != nil, "the fast path gave up on \(arguments)")
        #expect(quick == Self.argumentParser(arguments))
    }

    @Test(
        "help, version, typos, repeats, option-like values and invalid requests go to ArgumentParser",
        arguments: [
            [], ["--help"], ["-h"], ["--version"], ["help", "run"], ["list"], ["sandbox", "--port", "0"],
            ["exec"], ["exec", "--help"], ["exec", "-e"], ["exec", "-e", "-1"], ["exec", "-e", "a", "-e", "b"],
            ["exec", "-ereturn 1"], ["exec", "-x"], ["exec", "--v", "-e", "1"], ["exec", "-e", "1", "--", "-p"],
            ["exec", "-e", "1", "--dry-run=true"], ["exec", "-e", "1", "--sandbox", "--sandbox"],
            ["exec", "-e", "1", "--timeout", "0"], ["exec", "-e", "1", "--timeout", "soon"],
            ["exec", "-e", "1", "--log-format", "xml"], ["exec", "-e", "1", "--memory-limit", "0"],
            ["exec", "-e", "1", "--sandbox-speed", "0"], ["exec", "-e", "1", "-qv"], ["exec", "-e", "1", "-"],
            ["run"], ["run", "a", "b"], ["run", "a", "--bogus"], ["run", "a", "--parallel", "2"],
            ["run", "a", "--fail-fast"], ["run", "a", "--target", "x=1", "--parallel", "0"],
            ["run", "a", "--seed", "--no-seed"], ["run", "a", "-p"], ["run", "a", "-e", "1"],
            ["run", "a", "--timeout", "5", "--timeout", "6"], ["run", "a", "--expression", "1"],
        ])
    func givesUp(arguments: [String]) {
        #expect(QuickCommandLine.parse(arguments) == nil, "the fast path accepted \(arguments)")
    }

    /// A good value for each option that takes one (every such option must have one here).
    static let goodValues: [String: String] = [
        "recipes": "team/recipes", "log-format": "json", "log-file": "run.log", "timeout": "900", "memory-limit": "64",
        "yarn": "http://rm1:8088,http://rm2:8088", "yarn-user": "ci", "webhdfs": "http://nn1:9870,http://nn2:9870",
        "livy": "http://edge:8998", "output": "json",
        "region": "eu-west-1",
        "profile": "deploy",
        "emr-endpoint": "http://127.0.0.1:4566", "lock-store": "s3://locks/deploys", "lock-ttl": "120", "lock-wait": "30",
        "scenario": "rm-failover", "sandbox-speed": "120",
        "expression": "print(2)", "param": "cluster=demo", "params-file": "deploy.json", "target": "cluster=eu app=A",
        "targets": "fleet.json", "parallel": "3", "summary-file": "summary.md",
    ]

    /// The command line each option is tried on: the command, what it needs to be valid, and (for `run`'s fan-out
    /// options) a target.
    static func base(_ command: String, for option: String) -> [String] {
        switch (command, option) {
        case ("exec", "expression"): return ["exec", "file.lua"]
        case ("exec", _): return ["exec", "-e", "return 1"]
        case (_, "parallel"), (_, "fail-fast"): return ["run", "recipe", "--target", "cluster=us app=A"]
        default: return ["run", "recipe"]
        }
    }

    /// Every spelling of one option.
    static func forms<Root>(_ option: CommandLineOption<Root>) -> [[String]] {
        let spelled = option.spellings.map { $0.hasPrefix("-") ? $0 : "--" + $0 }
        switch option.store {
        case .value, .repeated:
            let value = goodValues[option.long] ?? "(no good value for --\(option.long) in the test)"
            return spelled.map { [$0, value] } + [["--\(option.long)=\(value)"]]
        case .counter:
            return spelled.map { [$0] } + [["-vv"], ["-vvv"], ["-vvvv"]]
        case .flag, .invertible:
            return spelled.map { [$0] }
        }
    }

    /// Every spelling of every option of `exec` and `run`, each alone on a valid command line of its command (`base`).
    static var everyOption: [(base: [String], form: [String])] {
        ExecOptions.all.flatMap { option in forms(option).map { (base("exec", for: option.long), $0) } }
            + RunOptions.all.flatMap { option in forms(option).map { (base("run", for: option.long), $0) } }
    }

    @Test(
        "every option of exec and run, in every spelling, takes the fast path and means what ArgumentParser reads",
        arguments: everyOption)
    func everyOptionAgrees(base: [String], form: [String]) {
        let arguments = base + form
        let quick = QuickCommandLine.parse(arguments)
        #expect(quick != nil, "the fast path gave up on \(arguments)")
        #expect(quick == Self.argumentParser(arguments))
        // Each spelling changes the request, except `--seed`, which says the default.
        guard form != ["--seed"] else { return }
        #expect(quick != Self.argumentParser(base), "\(arguments) changed nothing: the option does not reach the request")
    }

    @Test("the option tables name every option exec and run declare")
    func tablesCoverArgumentParser() throws {
        let regex = try Regex("--(\\[no-\\])?([a-z][a-z-]*)")
        let tables: [(command: String, help: String, names: [String])] = [
            ("exec", Exec.helpMessage(columns: 400), ExecOptions.all.flatMap(\.spellings)),
            ("run", Run.helpMessage(columns: 400), RunOptions.all.flatMap(\.spellings)),
        ]
        for (command, help, names) in tables {
            var declared: Set<String> = []
            for match in help.matches(of: regex) {
                let name = String(match.output[2].substring ?? "")
                declared.insert(name)
                if match.output[1].substring != nil { declared.insert("no-" + name) }
            }
            let table = Set(names.filter { !$0.hasPrefix("-") })
            #expect(declared.subtracting(["help", "version"]) == table, "\(command): \(declared.symmetricDifference(table))")
        }
        let valued = ExecOptions.all.filter(\.takesValue).map(\.long) + RunOptions.all.filter(\.takesValue).map(\.long)
        #expect(Set(valued) == Set(Self.goodValues.keys))
    }

    @Test("600 random command lines: whatever the fast path accepts, ArgumentParser reads the same")
    func randomAgreement() {
        let seed = HostileRandom.seed(default: 0x5D_2026, environment: ProcessInfo.processInfo.environment)
        var random = HostileRandom(seed: seed)
        var accepted = 0
        var disagreements: [String] = []
        for _ in 0..<600 {
            let arguments = RandomCommandLine.make(&random)
            guard let quick = QuickCommandLine.parse(arguments) else { continue }
            accepted += 1
            let parsed = Self.argumentParser(arguments)
            if quick != parsed, disagreements.count < 5 {
                disagreements.append("\(arguments): fast \(quick) vs ArgumentParser \(String(describing: parsed))")
            }
        }
        #expect(disagreements.isEmpty, "seed \(seed) (HOSTILE_SEED replays it):\n\(disagreements.joined(separator: "\n"))")
        // The fast path must not get there by refusing everything.
        #expect(accepted > 200, "the fast path accepted only \(accepted) of 600")
    }
}

/// Command lines built from `exec`/`run`'s own options: mostly valid ones (distinct options, good values,
/// the positionals each command needs), and one in three with a single flaw: a bad value, a repeat, or
/// a token the fast path must refuse.
private enum RandomCommandLine {
    /// Each option's spellings, its good values, then values ArgumentParser or validation refuse.
    static let valued: [(names: [String], good: [String], bad: [String])] = [
        (["-e", "--expression"], ["return 1", "print(1)", "", "x = 1", "a=b", "exec"], ["-1", "--x"]),
        (["-p", "--param"], ["cluster=demo", "app=A", "k=", "=v", "x y=z"], ["-p", "--sandbox"]),
        (["--timeout"], ["30", "1e3", "inf", "0.5", "+2"], ["0", "-1", "abc", "nan", ""]),
        (["--memory-limit"], ["256", "+5", "1"], ["0", "x", "1.5", "-3"]),
        (["--sandbox-speed"], ["30", "1.5"], ["0", "-3", "nan"]),
        (["--parallel"], ["2", "20"], ["0", "x"]),
        (["--log-format"], ["json", "plain", "text"], ["xml", ""]),
        (
            [
                "--recipes", "--log-file", "--yarn", "--yarn-user", "--region", "--profile", "--emr-endpoint",
                "--scenario", "--params-file", "--target", "--targets",
            ],
            ["a", "x y", "http://h:1", "cluster=eu app=A", "exec", "run"], ["-z", "--"]
        ),
    ]
    static let flags = [
        "--sandbox", "--dry-run", "--fail-fast", "--allow-exec", "--allow-fs", "--seed", "--no-seed",
        "-q", "--quiet", "-v", "-vv", "-vvv", "--verbose",
    ]
    static let odd = [
        "--", "-", "--help", "-h", "--version", "--bogus", "-x", "-vq", "help", "--v", "--dry-run=1",
        "-e=1", "--sandbox=yes", "-vvvv", "---x", "--expression=", "-ereturn",
    ]
    static let positionals = ["redeploy-streaming", "file.lua", "a", "b c", "exec", "run", "", "help"]

    static func make(_ random: inout HostileRandom) -> [String] {
        let command = random.pick(["exec", "run"])
        var parts: [[String]] = []
        if command == "run" || random.below(3) == 0 { parts.append([random.pick(positionals)]) }
        if command == "exec" && (parts.isEmpty || random.below(2) == 0) {
            parts.append([random.pick(["-e", "--expression"]), "return 1"])
        }
        var used: Set<String> = ["-e", "--expression"]
        for _ in 0..<random.below(6) {
            if random.below(3) == 0 {
                parts.append([random.pick(flags)])
                continue
            }
            let option = random.pick(valued)
            let name = random.pick(option.names)
            guard used.insert(option.names[0]).inserted || option.names[0] == "-p" || name == "--target" else { continue }
            let value = random.pick(option.good)
            parts.append(name.hasPrefix("--") && random.below(5) == 0 ? ["\(name)=\(value)"] : [name, value])
        }
        if random.below(3) == 0 {  // one flaw
            switch random.below(4) {
            case 0:
                let option = random.pick(valued)
                parts.append([random.pick(option.names), random.pick(option.bad)])
            case 1:
                if let repeated = parts.randomElement(using: &random) { parts.append(repeated) }
            case 2: parts.append([random.pick(positionals)])
            default: parts.append([random.pick(odd)])
            }
        }
        parts.shuffle(using: &random)
        return [command] + parts.flatMap { $0 }
    }
}

extension CommandLineOption {
    /// Whether the option is followed by a value.
    var takesValue: Bool {
        switch store {
        case .value, .repeated: true
        case .flag, .counter, .invertible: false
        }
    }
}

extension HostileRandom {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
