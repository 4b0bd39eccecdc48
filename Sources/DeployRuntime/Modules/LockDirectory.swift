import Foundation

/// Where `lock(name)` keeps its lock files, and how it opens them without trusting the file system.
///
/// The folder is `$SPARKDEPLOY_LOCK_DIR`, else `$XDG_RUNTIME_DIR/sparkdeploy`, else
/// `<temp>/sparkdeploy-<uid>`; it must be a real directory (not a symlink) owned by this user with no
/// group or other permissions (it is created so), because anyone who can write in it could plant a
/// symlink at a lock path and have a run overwrite the file it points to. Lock files are opened with
/// `O_NOFOLLOW`, so a symlink at the lock path itself is refused too, and created with mode 0600.
enum LockDirectory {
    /// Why the lock folder or file was refused; the message names the path and the fix.
    struct Refusal: Error {
        let message: String
    }

    /// The lock folder for `environment`.
    static func path(environment: [String: String]) -> String {
        if let configured = environment["SPARKDEPLOY_LOCK_DIR"], !configured.isEmpty { return configured }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return (runtime as NSString).appendingPathComponent("sparkdeploy")
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-\(geteuid())").path
    }

    /// Creates `directory` (mode 0700) if missing, then checks it is a directory this user owns that
    /// nobody else may enter.
    static func prepare(_ directory: String) throws(Refusal) {
        var info = stat()
        if lstat(directory, &info) != 0 {
            guard errno == ENOENT else { throw Refusal(message: "cannot inspect lock folder \(directory) (errno \(errno))") }
            let parent = (directory as NSString).deletingLastPathComponent
            if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw Refusal(message: "cannot create lock folder \(directory) (errno \(errno))")
            }
            guard lstat(directory, &info) == 0 else { throw Refusal(message: "cannot inspect lock folder \(directory) (errno \(errno))") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Refusal(message: "lock folder \(directory) is not a directory (a symlink or a file); refusing to use it")
        }
        guard info.st_uid == geteuid() else {
            throw Refusal(
                message: "lock folder \(directory) belongs to uid \(info.st_uid), not to this user (uid \(geteuid())); "
                    + "refusing to use it (set SPARKDEPLOY_LOCK_DIR to a folder of your own)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Refusal(
                message: "lock folder \(directory) is open to group or others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "refusing to use it (chmod 700 \(directory))")
        }
    }

    /// Opens (creating, mode 0600) the lock file at `path`, refusing a symlink or anything but a
    /// regular file of this user's. Returns the descriptor (close-on-exec).
    static func open(_ path: String) throws(Refusal) -> Int32 {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw Refusal(message: "lock file \(path) is a symlink; refusing to follow it") }
            throw Refusal(message: "cannot open lock file \(path) (errno \(errno))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(fd)
            throw Refusal(message: "lock file \(path) is not a regular file of this user's; refusing to use it")
        }
        return fd
    }
}
