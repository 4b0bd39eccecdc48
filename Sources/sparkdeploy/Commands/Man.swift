import ArgumentParser
import Foundation
import SparkDeployCore

/// `sparkdeploy man`: prints the manual page (mdoc) for `sparkdeploy.1` (hidden; `scripts/install.sh` uses it).
struct Man: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man",
        abstract: "Print the manual page sparkdeploy.1 (mdoc), written from the commands' own help.",
        discussion: """
            Examples:
              sparkdeploy man > sparkdeploy.1 && man ./sparkdeploy.1
            """,
        shouldDisplay: false
    )

    func run() throws {
        // SOURCE_DATE_EPOCH: reproducible builds date their outputs by it.
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let page = try ManualPage.render(SparkDeploy.self, date: epoch.map(Date.init(timeIntervalSince1970:)) ?? Date())
        FileHandle.standardOutput.write(text: page)
    }
}
