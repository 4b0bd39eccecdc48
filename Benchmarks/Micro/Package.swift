// swift-tools-version:6.0
import PackageDescription

/// The in-process micro-benchmarks (bridge overhead, waiter detection latency, redaction throughput), in a
/// package of their own so the product's package graph holds only the product. `Benchmarks/run.sh` builds
/// and runs them; they use the product's libraries through its library products.
let package = Package(
    name: "SparkDeployBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "SparkDeploy", path: "../..")],
    targets: [
        .executableTarget(
            name: "sparkdeploy-bench",
            dependencies: [
                .product(name: "LuaHost", package: "SparkDeploy"), .product(name: "YARN", package: "SparkDeploy"),
                .product(name: "SparkDeployCore", package: "SparkDeploy"),
                .product(name: "ClusterSimulator", package: "SparkDeploy"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
