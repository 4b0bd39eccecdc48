import Foundation
import Testing

@testable import DeployRuntime

/// Where `run NAME` looks for recipes: the catalog's directory, worked out as text.
@Suite("Recipe catalog paths")
struct RecipeCatalogTests {
    @Test("paths are made absolute and standardized as URL.standardizedFileURL does")
    func standardized() {
        let cases: [(path: String, base: String, expected: String)] = [
            ("recipes", "/work/app", "/work/app/recipes"),
            ("./recipes/", "/work/app", "/work/app/recipes"),
            ("../shared//recipes", "/work/app", "/work/shared/recipes"),
            ("/etc/../opt/./r", "/ignored", "/opt/r"),
            ("../../../..", "/a/b", "/"),
            ("/", "/x", "/"),
            ("", "/work/app/", "/work/app"),
        ]
        for (path, base, expected) in cases {
            #expect(RecipeCatalog.standardized(path, relativeTo: base) == expected, "\(path) against \(base)")
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
            #expect(url.standardizedFileURL.path == expected, "Foundation agrees on \(path) against \(base)")
        }
    }

    @Test("an explicit directory is relative to the working directory; otherwise recipes/ is found upwards")
    func directory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/recipes", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/team/deep", withIntermediateDirectories: true)

        let found = RecipeCatalog(explicit: nil, environment: [:], workingDirectory: root + "/team/./deep/")
        #expect(found.directory?.path == root + "/recipes")
        #expect(found.isExplicit == false)

        let explicit = RecipeCatalog(explicit: "../other", environment: [:], workingDirectory: root + "/team")
        #expect(explicit.directory?.path == root + "/other")
        #expect(explicit.isExplicit)

        let fromEnvironment = RecipeCatalog(explicit: nil, environment: ["SPARKDEPLOY_RECIPES": "r"], workingDirectory: "/w")
        #expect(fromEnvironment.directory?.path == "/w/r")

        // Nothing upwards of a directory outside any project (the file-system root has no recipes/ here).
        let none = RecipeCatalog(explicit: nil, environment: [:], workingDirectory: "/proc/self")
        #expect(none.directory == nil)
    }
}
