import Foundation
import TcpglintTestSupport
import Testing

/// Real consumers of tcpglint's outputs: a JSON Schema validator for SARIF and the exported
/// schema, junitparser for JUnit, Vim for the errorformat, pre-commit for the hooks. They come
/// from PyPI and Debian (`scripts/test` installs them, the PyPI ones into `.build/test-venv`).
/// Without them a test is skipped on a developer's machine, and fails in CI (`CI` set), so CI
/// never passes without running them.
enum Tools {
    /// The virtual environment `scripts/test` makes; looked in first, so a plain `swift test`
    /// after one `scripts/test` uses the pinned tools too.
    static let venvBin = packageRoot + "/.build/test-venv/bin"

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in [Substring(venvBin)] + path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    static func available(_ name: String) -> Bool { find(name) != nil || inCI }

    static func python(_ module: String) -> Bool {
        guard let py = find("python3") else { return inCI }
        let r = try? EndToEndTests.run(["-c", "import \(module)"], executable: py)
        return r?.status == 0 || inCI
    }

    /// Runs a tool found on PATH.
    static func run(_ name: String, _ args: [String], cwd: String? = nil, stdin: String? = nil) throws
        -> EndToEndTests.Result
    {
        guard let exe = find(name) else {
            Issue.record("\(name) is not installed; scripts/test installs it")
            return EndToEndTests.Result(status: -1, out: "", err: "")
        }
        return try EndToEndTests.run(args, executable: exe, cwd: cwd, stdin: stdin)
    }
}

func temporaryFile(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tcpglint-it-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}
