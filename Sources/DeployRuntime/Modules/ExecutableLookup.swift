import Foundation

/// Where an executable is, as `execvp` would find it: a name with a `/` as it is, any other name in
/// each `$PATH` directory in turn.
public enum ExecutableLookup {
    /// The path of the executable `command` names, or nil when there is none (or it is not executable).
    public static func find(_ command: String, path: String?) -> String? {
        guard !command.isEmpty else { return nil }
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = String(directory) + "/" + command
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
