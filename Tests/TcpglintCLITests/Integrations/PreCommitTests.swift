import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The real pre-commit (PyPI) runs this repository's hook in a scratch git repository: it builds
/// tcpglint itself (`language: swift`), fails on a bad request with the finding in its output
/// and passes on a good one. It takes a release build the first time (a few minutes).
@Suite(.serialized) struct PreCommitTests {
    @Test(.enabled(if: Tools.available("pre-commit") && Tools.available("git")), .timeLimit(.minutes(20)))
    func theHookFailsOnABadRequestAndPassesOnAGoodOne() throws {
        let scratch = temporaryFile("pre-commit-repo")
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(try Tools.run("git", ["init", "-q", scratch]).status == 0)
        try "{\"Charset\": \"utf8\"}\n".write(toFile: scratch + "/bad.json", atomically: true, encoding: .utf8)
        try (readText("testdata/valid/minimal.json") ?? "").write(
            toFile: scratch + "/good.json", atomically: true, encoding: .utf8)
        _ = try Tools.run("git", ["-C", scratch, "add", "bad.json", "good.json"])

        let bad = try Tools.run(
            "pre-commit", ["try-repo", packageRoot, "tcpglint", "--files", "bad.json"], cwd: scratch)
        #expect(bad.status == 1, "\(bad.out)\(bad.err)")
        #expect(
            bad.out.contains(
                "bad.json:1:13: error: Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"?"
            ), "\(bad.out)\(bad.err)")
        #expect(bad.out.contains("tcpglint") && bad.out.contains("Failed"))

        let good = try Tools.run(
            "pre-commit", ["try-repo", packageRoot, "tcpglint", "--files", "good.json"], cwd: scratch)
        #expect(good.status == 0, "\(good.out)\(good.err)")
        #expect(good.out.contains("Passed"))

        // --fix --exit-non-zero-on-fix: the file is fixed and the hook fails once, then passes.
        let valid = readText("testdata/valid/minimal.json") ?? ""
        let fixable = valid.replacingOccurrences(of: "\"Storage\": 10", with: "\"Storage\": \"10\"")
            .replacingOccurrences(of: "\"UTF8\"", with: "\"utf8\"")
        try fixable.write(toFile: scratch + "/fixable.json", atomically: true, encoding: .utf8)
        _ = try Tools.run("git", ["-C", scratch, "add", "fixable.json"])
        let fixing = try Tools.run(
            "pre-commit", ["try-repo", packageRoot, "tcpglint-fix", "--files", "fixable.json"], cwd: scratch)
        #expect(fixing.status == 1, "\(fixing.out)\(fixing.err)")
        #expect(readText(scratch + "/fixable.json") == valid)
        _ = try Tools.run("git", ["-C", scratch, "add", "fixable.json"])
        let passed = try Tools.run(
            "pre-commit", ["try-repo", packageRoot, "tcpglint-fix", "--files", "fixable.json"], cwd: scratch)
        #expect(passed.status == 0, "\(passed.out)\(passed.err)")
        #expect(passed.out.contains("Passed"))
    }
}
