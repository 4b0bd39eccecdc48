import Foundation
import Testing

/// Issue 19, "one of each": the sources declare each concept once. These read the source tree.
@Suite("One of each: no duplicate public types, no shadowing copies, no protocol without a conformance")
struct OneOfEachTests {
    /// A top-level type declaration: its target, name, kind and whether it is public.
    struct Declaration: CustomStringConvertible {
        var target: String
        var file: String
        var name: String
        var kind: String
        var isPublic: Bool
        var description: String { "\(target).\(name) (\(file))" }
    }

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Library targets (the `sparkdeploy` executable is imported by no one, so its command names cannot clash).
    static func swiftFiles() throws -> [(target: String, path: String, text: String)] {
        let manager = FileManager.default
        var files: [(String, String, String)] = []
        for target in try manager.contentsOfDirectory(atPath: sources.path).sorted() where target != "sparkdeploy" {
            let root = sources.appendingPathComponent(target)
            guard let walker = manager.enumerator(atPath: root.path) else { continue }
            while let relative = walker.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
                files.append((target, "\(target)/\(relative)", text))
            }
        }
        return files
    }

    static func declarations() throws -> [Declaration] {
        let pattern = /^(public |package |internal )?(final )?(indirect )?(enum|struct|class|protocol|actor) ([A-Z][A-Za-z0-9_]*)/
        var found: [Declaration] = []
        for file in try swiftFiles() {
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard let match = line.prefixMatch(of: pattern) else { continue }
                found.append(
                    Declaration(
                        target: file.target, file: file.path, name: String(match.5), kind: String(match.4),
                        isPublic: match.1 == "public "))
            }
        }
        return found
    }

    @Test("no two public types share a name")
    func publicNamesAreUnique() throws {
        let publics = try Self.declarations().filter(\.isPublic)
        let clashes = Dictionary(grouping: publics, by: \.name).values.filter { $0.count > 1 }
        #expect(clashes.isEmpty, "public types declared more than once: \(clashes)")
    }

    @Test("no target keeps its own copy of another target's public type")
    func noShadowingCopies() throws {
        let all = try Self.declarations()
        let publicTargets = Dictionary(grouping: all.filter(\.isPublic), by: \.name)
        let copies = all.filter { declaration in
            !declaration.isPublic && (publicTargets[declaration.name] ?? []).contains { $0.target != declaration.target }
        }
        #expect(copies.isEmpty, "types that repeat another target's public type: \(copies)")
    }

    @Test("every protocol has a conformance (a doc comment claiming one must be true)")
    func protocolsAreUsed() throws {
        let files = try Self.swiftFiles()
        let protocols = try Self.declarations().filter { $0.kind == "protocol" }
        #expect(!protocols.isEmpty)
        for declaration in protocols {
            let conformance = try Regex("(struct|class|enum|actor|extension) [A-Za-z0-9_.<>]+[^{\\n]*[:,] *(any )?\(declaration.name)\\b")
            let conformers = files.filter { $0.text.contains(conformance) }
            #expect(!conformers.isEmpty, "protocol \(declaration) has no conformance")
        }
    }
}
