// swift-tools-version:6.0
import PackageDescription

/// SparkDeploy: deploy recipes in Lua for Spark jobs on YARN and EMR.
///
/// The targets show the architecture, bottom to top:
/// `CLua` → `CLuaShim` → `LuaHost` → `DeployRuntime` → `DeployModules` → `sparkdeploy`, with the clients
/// `SparkDeployCore` → `HTTPTransport` → `AWSCore` → `EMR` (and `S3`), `HTTPTransport` → `YARN` and `Livy`,
/// `ClusterSimulator` serving the EMR, YARN, Livy and S3 (subset) APIs on loopback, and
/// `DeployRuntime` + `ClusterSimulator` → `Rehearsal` → `sparkdeploy`: a run against the simulator (`--sandbox`).
/// `DeployRuntime` is the recipe runtime (runner, params, stages, logging, prelude, globals, fan-out, and `lock()`,
/// hence `S3` → `DeployRuntime`) and knows no cluster API; `DeployModules` holds the host modules (`YARN` → `yarn`,
/// `EMR` → `emr`, `Livy` → `livy`, `Checkpoint` → `checkpoint`), each a `ModuleProvider` the runtime is handed (`sparkdeploy`'s
/// `DefaultProviders`); `S3` + `HTTPTransport` → `Checkpoint`: Structured Streaming checkpoints on S3, WebHDFS, files.
/// `CBuildInfo` → `sparkdeploy`: the git commit `--version` prints (a C macro from scripts/build-release.sh).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "SparkDeploy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sparkdeploy", targets: ["sparkdeploy"]),
        .library(name: "ClusterSimulator", targets: ["ClusterSimulator"]),
        // For the micro-benchmarks' own package (Benchmarks/Micro).
        .library(name: "LuaHost", targets: ["LuaHost"]),
        .library(name: "YARN", targets: ["YARN"]),
        .library(name: "SparkDeployCore", targets: ["SparkDeployCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
    ],
    targets: [
        // Lua 5.4 from the system (Debian: liblua5.4-dev).
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // The only code that may raise a Lua error: trampolines, argument checks, hooks.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "LuaHost", dependencies: ["CLuaShim"], swiftSettings: strict),
        // The commit a build was made from: scripts/build-release.sh passes it as `-Xcc -DSPARKDEPLOY_COMMIT=…`.
        .target(name: "CBuildInfo"),

        // Clocks, cancellation, redaction, backoff: shared by clients, simulator and runtime.
        .target(name: "SparkDeployCore", swiftSettings: strict),
        .target(
            name: "HTTPTransport",
            dependencies: [
                "SparkDeployCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AWSCore",
            dependencies: [
                "SparkDeployCore", "HTTPTransport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EMR",
            dependencies: ["AWSCore", "HTTPTransport", "SparkDeployCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "S3",
            dependencies: ["AWSCore", "HTTPTransport", "SparkDeployCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Structured Streaming checkpoints on S3, HDFS (WebHDFS) and local files: read, mark, snapshot, restore.
        .target(
            name: "Checkpoint",
            dependencies: ["S3", "HTTPTransport", "SparkDeployCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "YARN",
            dependencies: ["HTTPTransport", "SparkDeployCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Apache Livy's batch REST API (POST /batches…): its own server, URL, auth and errors; the YARN app id links it to YARN.
        .target(
            name: "Livy",
            dependencies: ["HTTPTransport", "SparkDeployCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "ClusterSimulator",
            dependencies: [
                "SparkDeployCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The shipped scenarios are embedded as code (ShippedScenarios.swift, scripts/embed-resources.sh),
            // not a resource bundle: a release binary must run with no directory beside it.
            exclude: ["Scenarios/Shipped"],
            swiftSettings: strict
        ),
        .target(
            name: "DeployRuntime",
            dependencies: [
                "LuaHost", "SparkDeployCore", "AWSCore", "S3",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Runtime/prelude.lua")],
            swiftSettings: strict
        ),
        // The host modules recipes call (`yarn`, `emr`, and those to come), each a `ModuleProvider`.
        .target(
            name: "DeployModules",
            dependencies: [
                "DeployRuntime", "LuaHost", "SparkDeployCore", "HTTPTransport", "YARN", "Livy", "AWSCore", "EMR", "S3", "Checkpoint",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // A rehearsal: the simulator seeded for a run, and the connection settings that point the run at it.
        .target(
            name: "Rehearsal",
            dependencies: ["DeployRuntime", "ClusterSimulator", "AWSCore", "LuaHost", "SparkDeployCore",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sparkdeploy",
            dependencies: [
                "DeployRuntime", "DeployModules", "Rehearsal", "ClusterSimulator", "LuaHost", "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // `--static-swift-stdlib` links with `-export-dynamic`, which put all 41,285 of our own and our
            // dependencies' symbols in the dynamic symbol table (3.5 MB); the runtime's start-up `dladdr` scanned
            // them linearly (1.5 M instructions). Nothing resolves symbols in this executable at run time (Lua's
            // come from liblua5.4.so). Benchmarks/README.md, start-up.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
        ),

        // Helpers shared by the client tests (moto server, Python peers, log capture, hostile HTTP server).
        .target(
            name: "TestSupport",
            dependencies: [
                "HTTPTransport", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"], swiftSettings: strict),
        .testTarget(name: "SparkDeployCoreTests", dependencies: ["SparkDeployCore"], swiftSettings: strict),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore", "HTTPTransport", "ClusterSimulator", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EMRTests",
            dependencies: ["EMR", "AWSCore", "HTTPTransport", "ClusterSimulator", "TestSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "S3Tests",
            dependencies: ["S3", "AWSCore", "HTTPTransport", "SparkDeployCore", "ClusterSimulator", "TestSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CheckpointTests",
            dependencies: ["Checkpoint", "S3", "AWSCore", "HTTPTransport", "SparkDeployCore", "ClusterSimulator", "TestSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "YARNTests",
            dependencies: [
                "YARN", "ClusterSimulator", "HTTPTransport", "SparkDeployCore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Peers"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LivyTests",
            dependencies: [
                "Livy", "ClusterSimulator", "HTTPTransport", "SparkDeployCore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClusterSimulatorTests",
            dependencies: ["ClusterSimulator", "HTTPTransport", "SparkDeployCore", "TestSupport", "YARN"],
            resources: [.copy("Peers")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DeployRuntimeTests",
            dependencies: ["DeployRuntime", "DeployModules", "LuaHost", "ClusterSimulator", "Rehearsal", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RehearsalTests",
            dependencies: ["Rehearsal", "DeployRuntime", "ClusterSimulator", "LuaHost", "SparkDeployCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["sparkdeploy", "ClusterSimulator", "TestSupport", "S3", "AWSCore", "HTTPTransport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
