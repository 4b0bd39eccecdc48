import Foundation
import Testing

/// The machine lock must not be a way to overwrite files (issue 21, item 3).
@Suite("lock() refuses unsafe folders and symlinks")
struct LockSafetyTests {
    static let recipe = """
        recipe { description = "takes the lock" }
        stage("s", function() lock("deploy") print("locked") end)
        """

    /// A fresh folder with `mode`, for `SPARKDEPLOY_LOCK_DIR`.
    private func folder(mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-locktest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test("a symlink at the lock path: the run refuses and the target file is untouched")
    func symlinkAtLockPath() throws {
        let dir = try CLI.workspace(["l.lua": Self.recipe])
        let locks = try folder(mode: 0o700)
        let target = dir.appendingPathComponent("precious.txt").path
        try "precious contents\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: locks + "/deploy.lock", withDestinationPath: target)
        let r = try CLI.run(["run", "l"], in: dir, environment: ["SPARKDEPLOY_LOCK_DIR": locks])
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains("symlink"), "\(r.output)")
        #expect(!r.stdout.contains("locked"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious contents\n")
    }

    @Test("a folder open to group and others (0777) is refused, and nothing is written in it")
    func openFolder() throws {
        let dir = try CLI.workspace(["l.lua": Self.recipe])
        let locks = try folder(mode: 0o777)
        let r = try CLI.run(["run", "l"], in: dir, environment: ["SPARKDEPLOY_LOCK_DIR": locks])
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains("mode 777"), "\(r.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locks).isEmpty)
    }

    @Test("the default folder is created 0700 under XDG_RUNTIME_DIR, the lock file 0600")
    func defaultFolder() throws {
        let dir = try CLI.workspace(["l.lua": Self.recipe])
        let runtime = try folder(mode: 0o700)
        let r = try CLI.run(["run", "l"], in: dir, environment: ["XDG_RUNTIME_DIR": runtime, "SPARKDEPLOY_LOCK_DIR": ""])
        #expect(r.status == 0, "\(r.output)")
        let folderMode = try FileManager.default.attributesOfItem(atPath: runtime + "/sparkdeploy")[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: runtime + "/sparkdeploy/deploy.lock")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
    }
}
