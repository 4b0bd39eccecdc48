import Foundation
import Testing

/// `scripts/build-release.sh` (issue 18): one self-contained file for a CI runner. The test runs the script (a
/// release build in its own scratch path, `.build-release/`: minutes from scratch, seconds when nothing changed)
/// and checks what a runner without the Swift toolchain or Lua needs.
@Suite("Release build", .serialized)
struct ReleaseBuildTests {
    /// Libraries the release binary may load: glibc's, libstdc++, libgcc and zlib.
    static let allowedLibraries = [
        "linux-vdso.so", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libutil.so", "ld-linux",
        "libstdc++.so", "libgcc_s.so", "libz.so",
    ]

    /// Runs `executable` with `arguments` in `directory` with exactly `environment`; the combined output.
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]? = nil
    ) throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("build-release.sh: a stripped binary with no Swift or Lua library that runs alone, a tarball and its checksum")
    func selfContainedRelease() throws {
        let root = CLI.packageRoot
        let build = try Self.run("/bin/bash", ["scripts/build-release.sh"], in: root)
        try #require(build.status == 0, "\(build.output)")
        let dist = root.appendingPathComponent("dist")
        let binary = dist.appendingPathComponent("sparkdeploy")

        // Only glibc, libstdc++, libgcc and zlib.
        let ldd = try Self.run("/usr/bin/ldd", [binary.path], in: root)
        #expect(ldd.status == 0, "\(ldd.output)")
        for forbidden in ["libswift", "libFoundation", "libicu", "liblua", "libdispatch"] {
            #expect(!ldd.output.contains(forbidden), "\(forbidden) in:\n\(ldd.output)")
        }
        for line in ldd.output.split(separator: "\n") {
            let library = line.trimmingCharacters(in: .whitespaces)
            #expect(Self.allowedLibraries.contains { library.contains($0) }, "not allowed: \(library)")
        }
        let file = try Self.run("/usr/bin/env", ["file", binary.path], in: root)
        if file.status == 0 { #expect(file.output.contains("stripped") && !file.output.contains("not stripped"), "\(file.output)") }

        // No resource bundle: SwiftPM's `Bundle.module` looks beside the binary and then at the absolute build
        // path compiled into it, so on this machine a copy would still find one; on a CI runner it would not.
        let bytes = try #require(FileManager.default.contents(atPath: binary.path))
        #expect(Self.resourceBundleNames(in: bytes).isEmpty, "the binary looks for \(Self.resourceBundleNames(in: bytes))")

        // A copy alone in an empty directory, without the toolchain on any path: the shipped recipe on the
        // embedded scenarios.
        let alone = FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        let copy = alone.appendingPathComponent("sparkdeploy")
        try FileManager.default.copyItem(at: binary, to: copy)
        let bare = ["PATH": "/usr/bin:/bin"]
        let redeploy = try Self.run(
            copy.path,
            [
                "run", "redeploy-streaming", "--sandbox", "-p", "cluster=streaming-prod", "-p", "app=Aggregator",
                "-p", "jar=s3://builds/aggregator-1.4.2.jar", "-p", "class=com.acme.Aggregator",
            ], in: alone, environment: bare)
        #expect(redeploy.status == 0, "\(redeploy.output)")
        #expect(redeploy.output.contains("summary: redeploy-streaming succeeded"), "\(redeploy.output)")
        let scenario = try Self.run(
            copy.path, ["run", "hello", "--sandbox", "--scenario", "rm-failover"], in: alone, environment: bare)
        #expect(scenario.status == 0, "\(scenario.output)")
        let list = try Self.run(copy.path, ["list"], in: alone, environment: bare)
        #expect(list.status == 0 && list.output.contains("redeploy-streaming") && list.output.contains("embedded"), "\(list.output)")

        // --version: the version and the commit it was built from.
        let version = try Self.run(copy.path, ["--version"], in: alone, environment: bare)
        #expect(version.status == 0)
        let printed = version.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed.wholeMatch(of: /\d+\.\d+\.\d+ \(([0-9a-f]{7,}|unknown)\)/) != nil, "\(printed)")
        let git = try Self.run("/usr/bin/env", ["git", "rev-parse", "--short=7", "HEAD"], in: root)
        if git.status == 0 {
            #expect(printed.hasSuffix("(\(git.output.trimmingCharacters(in: .whitespacesAndNewlines)))"), "\(printed)")
        }

        // The tarball, its checksum, and the binary inside it.
        let number = String(printed.prefix { $0 != " " })
        let name = "sparkdeploy-\(number)-linux-\(Self.machine())"
        let verify = try Self.run("/usr/bin/env", ["sha256sum", "-c", "\(name).tar.gz.sha256"], in: dist)
        #expect(verify.status == 0, "\(verify.output)")
        let unpacked = alone.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let untar = try Self.run("/usr/bin/env", ["tar", "-xzf", dist.appendingPathComponent("\(name).tar.gz").path], in: unpacked)
        #expect(untar.status == 0, "\(untar.output)")
        let packed = FileManager.default.contents(atPath: unpacked.appendingPathComponent("\(name)/sparkdeploy").path)
        #expect(packed != nil && packed == FileManager.default.contents(atPath: binary.path))
        try? FileManager.default.removeItem(at: alone)
    }

    /// The SwiftPM resource bundles (`SparkDeploy_TARGET.resources`) whose names are compiled into `binary`.
    static func resourceBundleNames(in binary: Data) -> [String] {
        let prefix = Data("SparkDeploy_".utf8)
        let suffix = Array(".resources".utf8)
        var found: [String] = []
        var start = binary.startIndex
        while let range = binary.range(of: prefix, in: start..<binary.endIndex) {
            var end = range.upperBound
            while end < binary.endIndex, binary[end].isLetterOrDigit { end += 1 }
            if end + suffix.count <= binary.endIndex, Array(binary[end..<end + suffix.count]) == suffix {
                found.append(String(decoding: binary[range.lowerBound..<end + suffix.count], as: UTF8.self))
            }
            start = range.upperBound
        }
        return found
    }

    /// `uname -m`: the architecture in the tarball's name.
    static func machine() -> String {
        var info = utsname()
        uname(&info)
        return withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

extension UInt8 {
    /// An ASCII letter or digit.
    fileprivate var isLetterOrDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
