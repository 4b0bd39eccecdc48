import DeployModules
import DeployRuntime
import Foundation
import Testing

/// Issue 19: `DeployRuntime` is the recipe runtime and knows no cluster API; the `yarn` and `emr` modules live in
/// `DeployModules` and reach a run only through `ModuleProvider`. These read the source tree and `Package.swift`.
@Suite("The recipe runtime and the modules are separate targets")
struct RuntimeBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Swift files under `Sources/<target>`, with their paths relative to `Sources`.
    static func sources(of target: String) throws -> [(path: String, text: String)] {
        let directory = root.appendingPathComponent("Sources").appendingPathComponent(target)
        let walker = try #require(FileManager.default.enumerator(atPath: directory.path))
        var files: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            files.append(
                (
                    "\(target)/\(relative)",
                    try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
                ))
        }
        return files
    }

    /// The text of `Package.swift`.
    static func manifest() throws -> String {
        try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    }

    /// The dependency list of target `name` in `Package.swift` (the text between its name and its settings).
    static func dependencies(of name: String, in manifest: String) throws -> String {
        let start = try #require(manifest.range(of: "name: \"\(name)\",")).upperBound
        let end = try #require(manifest.range(of: "swiftSettings", range: start..<manifest.endIndex)).lowerBound
        return String(manifest[start..<end])
    }

    @Test("no DeployRuntime source imports a cluster client (YARN, EMR) or their transport")
    func runtimeImportsNoClusterClient() throws {
        let files = try Self.sources(of: "DeployRuntime")
        #expect(!files.isEmpty)
        let forbidden = /^(@testable |@preconcurrency )?import (YARN|EMR|HTTPTransport)$/
        let offenders = files.filter { file in
            file.text.split(separator: "\n").contains { $0.wholeMatch(of: forbidden) != nil }
        }.map(\.path)
        #expect(offenders.isEmpty, "the recipe runtime imports a cluster client: \(offenders)")
    }

    @Test("the yarn and emr modules are in DeployModules, which depends on DeployRuntime and not the other way round")
    func modulesTargetDependsOnRuntime() throws {
        let modules = try Self.sources(of: "DeployModules").map(\.path)
        for provider in ["YARNModule.swift", "EMRModule.swift"] {
            #expect(modules.contains { $0.hasSuffix("/" + provider) }, "\(provider) is not in DeployModules: \(modules)")
        }
        let manifest = try Self.manifest()
        let runtime = try Self.dependencies(of: "DeployRuntime", in: manifest)
        for client in ["\"YARN\"", "\"EMR\"", "\"HTTPTransport\"", "\"DeployModules\""] {
            #expect(!runtime.contains(client), "DeployRuntime depends on \(client): \(runtime)")
        }
        let deployModules = try Self.dependencies(of: "DeployModules", in: manifest)
        for needed in ["\"DeployRuntime\"", "\"YARN\"", "\"EMR\""] {
            #expect(deployModules.contains(needed), "DeployModules does not depend on \(needed): \(deployModules)")
        }
    }

    @Test("Package.swift's header comment names every source target")
    func headerNamesEveryTarget() throws {
        let manifest = try Self.manifest()
        let header = manifest.split(separator: "\n").prefix { !$0.hasPrefix("let ") }.filter { $0.hasPrefix("///") }
            .joined(separator: "\n")
        let targets = manifest.matches(of: /\.(?:target|executableTarget|systemLibrary)\(\s*name: "([A-Za-z]+)"/)
            .map { String($0.1) }.filter { $0 != "TestSupport" }
        #expect(targets.contains("DeployModules"))
        let missing = targets.filter { !header.contains("`\($0)`") }
        #expect(missing.isEmpty, "targets the header comment does not show: \(missing)")
    }

    @Test("the runtime alone offers no cluster module; the DeployModules providers add yarn and emr")
    func modulesComeOnlyThroughProviders() {
        let bare = Set(RecipeRunner.modules(context: nil, providers: []).map(\.name))
        #expect(!bare.contains("yarn") && !bare.contains("emr"), "\(bare)")
        let full = Set(RecipeRunner.modules(context: nil, providers: [YARNModuleProvider(), EMRModuleProvider()]).map(\.name))
        #expect(full.isSuperset(of: ["yarn", "emr"]), "\(full)")
        #expect(full.subtracting(["yarn", "emr"]) == bare)
    }
}
