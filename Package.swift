// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tcpglint",
    products: [
        .executable(name: "tcpglint", targets: ["tcpglint"]),
        .library(name: "TcpglintCore", targets: ["TcpglintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: System libraries (Debian: libyaml-dev, libpcre2-dev)
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),

        // MARK: Libraries
        .target(name: "TcpglintCore", dependencies: ["CPCRE2"]),
        .target(name: "TcpglintInput", dependencies: ["TcpglintCore", "CYAML"]),
        .target(
            name: "TcpglintRules",
            dependencies: ["TcpglintCore", "TcpglintInput"],
            plugins: ["EmbedRulePack"]
        ),
        .target(name: "TcpglintReport", dependencies: ["TcpglintCore"]),
        .target(
            name: "TcpglintCLI",
            dependencies: [
                "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tcpglint", dependencies: ["TcpglintCLI"]),
        // Fuzzing harnesses (scripts/fuzz.sh builds them with -sanitize=fuzzer); a replay tool otherwise.
        .executableTarget(
            name: "TcpglintFuzz",
            dependencies: ["TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport"]
        ),

        // MARK: Build tooling: the rule pack in rules/ is embedded in the binary
        .executableTarget(name: "EmbedRulePackTool", dependencies: ["TcpglintCore", "TcpglintInput"], path: "Sources/EmbedRulePackTool"),
        .plugin(
            name: "EmbedRulePack",
            capability: .buildTool(),
            dependencies: ["EmbedRulePackTool"]
        ),

        // MARK: Tests
        .testTarget(
            name: "TcpglintInputTests",
            dependencies: ["TcpglintInput", "TcpglintCore"]
        ),
        .testTarget(
            name: "TcpglintCoreTests",
            dependencies: ["TcpglintCore", "TcpglintInput", "TcpglintRules"]
        ),
        .testTarget(
            name: "TcpglintCLITests",
            dependencies: ["TcpglintCLI", "TcpglintCore", "TcpglintRules", "TcpglintInput", "TcpglintReport", "tcpglint"]
        ),
    ]
)
