import Foundation
import TcpglintTestSupport
import Testing

/// The README's two commands, `scripts/test` and the constraints file it installs from, and
/// `.ci/run`, which runs them.
@Suite struct QuickStartTests {
    static let mainJob =
        "apt-get update && apt-get install -y libyaml-dev libpcre2-dev pkg-config git ca-certificates"
        + " && swift build -c release --static-swift-stdlib && .build/release/tcpglint lint testdata/"

    /// The quick start's shell block: its commands, comments left out.
    static func quickStartCommands() throws -> [String] {
        let readme = try #require(readText("README.md"))
        let section = try #require(readme.range(of: "## Quick start"))
        let block = try #require(readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: block.upperBound..<readme.endIndex))
        return readme[block.upperBound..<end.lowerBound].split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy { $0 == " " } }.map(String.init)
    }

    @Test func theReadmeHasTheTwoCommands() throws {
        let commands = try Self.quickStartCommands()
        #expect(commands == [Self.mainJob, "scripts/test"])
        // The main job installs nothing from PyPI and no editor.
        #expect(!commands[0].contains("pip") && !commands[0].contains("vim") && !commands[0].contains("python"))
    }

    @Test func ciRunsTheTestCommandThenTheStyleCheck() throws {
        let run = try #require(readText(".ci/run"))
        let lines = run.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let test = try #require(lines.firstIndex(of: "scripts/test"))
        let style = try #require(
            lines.firstIndex(of: "swift format lint --strict --recursive Sources Tests Plugins Package.swift"))
        #expect(test < style)
        #expect(!run.contains("pip install"), "PyPI tools come from scripts/test's pinned environment")
    }

    /// Every PyPI package is pinned with `==`, the three tools among them, and scripts/test names
    /// the file and installs the tools from it.
    @Test func everyPyPIPackageIsPinned() throws {
        let text = try #require(readText("scripts/test-constraints.txt"))
        var names: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let parts = line.split(separator: "=", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[1].isEmpty && !parts[2].isEmpty, "not pinned with ==: \(line)")
            names.insert(parts[0].lowercased().replacingOccurrences(of: "_", with: "-"))
        }
        #expect(names.isSuperset(of: ["check-jsonschema", "junitparser", "pre-commit"]), "\(names.sorted())")
        let script = try #require(readText("scripts/test"))
        #expect(script.contains("-c \"$constraints\""))
        #expect(script.contains("swift build && swift test"))
    }

    /// A copy of scripts/test in a scratch folder, run with `stubs` (name → shell body) first on
    /// PATH; as a user who is not root (`id` says 1000).
    static func runScript(stubs: [String: String]) throws -> EndToEndTests.Result {
        let dir = try TempDir()
        for name in ["scripts/test", "scripts/test-constraints.txt"] {
            try dir.write(name, try #require(readText(name)))
        }
        for (name, body) in stubs.merging(["id": "echo 1000"], uniquingKeysWith: { a, _ in a }) {
            try dir.write("stubs/" + name, "#!/bin/sh\n" + body + "\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/stubs/" + name)
        }
        let result = try EndToEndTests.run(
            ["PATH=\(dir.path)/stubs:/usr/bin:/bin", "bash", dir.path + "/scripts/test"], executable: "/usr/bin/env",
            cwd: dir.path)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/.build/test-venv/bin"))
        return result
    }

    @Test func withoutRootItPrintsTheAptCommandAndStops() throws {
        let r = try Self.runScript(stubs: ["dpkg": "exit 1"])
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(
            r.err == """
                scripts/test: missing Debian packages: libyaml-dev libpcre2-dev pkg-config
                scripts/test: run as root, then run scripts/test again:
                  apt-get update && apt-get install -y libyaml-dev libpcre2-dev pkg-config

                """)
    }

    @Test func withoutAWorkingVenvItAsksForPython3Venv() throws {
        let r = try Self.runScript(stubs: ["dpkg": "exit 0", "python3": "exit 1"])
        #expect(r.status == 2)
        #expect(r.err.contains("scripts/test: missing Debian packages: python3-venv\n"), "\(r.err)")
        #expect(r.err.contains("  apt-get update && apt-get install -y python3-venv\n"), "\(r.err)")
    }
}
