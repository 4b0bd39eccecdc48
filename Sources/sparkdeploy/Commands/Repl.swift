import ArgumentParser
import DeployRuntime
import Foundation
import Rehearsal

/// `sparkdeploy repl`
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "An interactive Lua prompt with the modules loaded.",
        discussion: """
            Each chunk runs in one persistent state; `=expr` or a bare expression prints its value. An \
            incomplete chunk (`for … do`) continues on the next line (prompt `>>`). `help` lists the modules, \
            `help(emr.add_spark_step)` shows a function's signature and documentation.

            Keys: Left/Right, Home/End, Ctrl-A/Ctrl-E; Backspace/Delete, Ctrl-U/Ctrl-K/Ctrl-W; Up/Down for the \
            history (~/.sparkdeploy_history, or $XDG_STATE_HOME/sparkdeploy/history; lines holding a secret are \
            not kept); Tab completes globals, module functions and methods. Ctrl-C drops the line being typed \
            or stops the chunk being evaluated; Ctrl-D on an empty line exits.

            Examples:
              sparkdeploy repl
              sparkdeploy repl --sandbox
            """
    )

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    func run() throws {
        var configuration = runtime.settings.makeConfiguration(routeSignals: false)  // Ctrl-C: ReplPrompt
        var rehearsalCluster: RehearsalCluster?
        if rehearsal.settings.enabled {
            // Seeded as `exec --sandbox` is: an EMR cluster and a running app to look at.
            let (cluster, clock) = rehearsal.settings.startOrExit(
                paramSets: [["cluster": "streaming-prod", "app": "Aggregator"]], log: configuration.log)
            rehearsalCluster = cluster
            configuration.rehearse(on: cluster, clock: clock)
        }
        let session = ReplSession(configuration: configuration)
        let status = ReplPrompt(session: session).run()
        session.close()
        rehearsalCluster?.stop()
        if status != 0 { throw ExitCode(status) }
    }
}
