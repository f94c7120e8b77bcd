// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tcpglint",
    products: [
        .executable(name: "tcpglint", targets: ["tcpglint"]),
        .library(name: "TcpglintCore", targets: ["TcpglintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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

        // MARK: Libraries, lowest first. Each target's About.swift says what it holds and what it
        // may import (the architecture test holds it to that).
        .target(name: "TcpglintSystem"),
        .target(name: "TcpglintCore", dependencies: ["CPCRE2"]),
        .target(name: "TcpglintInput", dependencies: ["TcpglintCore", "CYAML"]),
        .target(
            name: "TcpglintRules",
            dependencies: ["TcpglintSystem", "TcpglintCore", "TcpglintInput"],
            plugins: ["EmbedRulePack"]
        ),
        .target(name: "TcpglintReport", dependencies: ["TcpglintCore"]),
        .target(
            name: "TcpglintCLI",
            dependencies: [
                "TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tcpglint", dependencies: ["TcpglintCLI"]),
        // Fuzzing harnesses (scripts/fuzz.sh builds them with -sanitize=fuzzer); a replay tool otherwise.
        .executableTarget(
            name: "TcpglintFuzz",
            dependencies: ["TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport"]
        ),
        // Test helpers shared by every test target: goldens, testdata, scratch folders, rule sets,
        // the CLI run in-process.
        .target(
            name: "TcpglintTestSupport",
            dependencies: ["TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintCLI"]
        ),

        // MARK: Build tooling: the rule pack in rules/ is embedded in the binary
        .executableTarget(
            name: "EmbedRulePackTool",
            dependencies: ["TcpglintCore", "TcpglintInput"],
            path: "Sources/EmbedRulePackTool"
        ),
        .plugin(
            name: "EmbedRulePack",
            capability: .buildTool(),
            dependencies: ["EmbedRulePackTool"]
        ),

        // MARK: Tests: one target per library, its folders those of the library; the CLI's target
        // also holds what runs the whole program (goldens, end to end, integrations, architecture).
        .testTarget(
            name: "TcpglintSystemTests",
            dependencies: ["TcpglintSystem", "TcpglintTestSupport"]
        ),
        .testTarget(
            name: "TcpglintCoreTests",
            dependencies: ["TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintTestSupport"]
        ),
        .testTarget(
            name: "TcpglintInputTests",
            dependencies: ["TcpglintInput", "TcpglintCore", "TcpglintSystem", "TcpglintTestSupport"]
        ),
        .testTarget(
            name: "TcpglintRulesTests",
            dependencies: ["TcpglintRules", "TcpglintCore", "TcpglintInput", "TcpglintSystem", "TcpglintTestSupport"]
        ),
        .testTarget(
            name: "TcpglintReportTests",
            dependencies: ["TcpglintReport", "TcpglintCore", "TcpglintTestSupport"]
        ),
        .testTarget(
            name: "TcpglintCLITests",
            dependencies: [
                "TcpglintCLI", "TcpglintCore", "TcpglintRules", "TcpglintInput", "TcpglintReport", "TcpglintSystem",
                "TcpglintTestSupport", "tcpglint",
            ]
        ),
    ]
)
