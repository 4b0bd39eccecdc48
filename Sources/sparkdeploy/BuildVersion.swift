import CBuildInfo

/// The version `sparkdeploy --version` prints: the release number and the git commit it was built from.
enum BuildVersion {
    /// The release number (the release tarball's name carries it too: scripts/build-release.sh reads it from `--version`).
    static let number = "0.1.0"

    /// The short git commit, or "unknown" for a development build (`swift build` passes none).
    static var commit: String { String(cString: sd_build_commit()) }

    /// "0.1.0 (abc1234)".
    static var display: String { "\(number) (\(commit))" }
}
