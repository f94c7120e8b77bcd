import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// `--fix` and `--diff` on the cases of testdata/fix (copied examples, CRLF and a BOM, anchors,
/// tags and a stream): the diffs and fixed files are goldens; a fixed file fixes to itself; the
/// secret never shows; a link stays a link and the mode is kept; a suppressed finding is not fixed.
@Suite struct FixCommandTests {
    static let cases = testdataFiles("testdata/fix")
    static let secret = "Xy9!abcdEFGH2"

    @Test(arguments: cases)
    func diffGoldens(_ path: String) {
        let r = runCLI(["lint", "--diff", path])
        #expect(r.status == 1)
        #expect(r.err == "")
        #expect(!r.out.contains(Self.secret) && !r.out.contains("abcdEFGH"))
        expectGolden(r.out, path: path + ".diff")
    }

    @Test(arguments: cases)
    func fixGoldensAndIdempotence(_ path: String) throws {
        let dir = try TempDir()
        let name = Paths.baseName(path)
        let copy = dir.path + "/" + name
        let original = try FileSystem.readFile("\(packageRoot)/\(path)")
        try FileSystem.writeAtomically(String(decoding: original, as: UTF8.self), to: copy)
        let r = runCLI(["lint", "--fix", copy])
        #expect(r.err == "")
        #expect(!r.out.contains(Self.secret))
        #expect(!r.out.contains(" fixable with --fix"), "a fixable finding remains: \(r.out)")
        let fixed = try FileSystem.readFile(copy)
        expectGolden(String(decoding: fixed, as: UTF8.self), path: path + ".fixed")
        // The same lines, each changed only within itself; a BOM and CRLF kept.
        let lines = { (b: [UInt8]) in b.split(separator: 0x0A, omittingEmptySubsequences: false) }
        #expect(lines(fixed).count == lines(original).count)
        #expect(fixed.starts(with: [0xEF, 0xBB, 0xBF]) == original.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(fixed.filter { $0 == 0x0D }.count == original.filter { $0 == 0x0D }.count)
        let again = runCLI(["lint", "--diff", copy])
        #expect(again.status == 0 && again.out == "", "fixing a fixed file changes it: \(again.out)")
    }

    @Test func aLinkStaysALinkAndTheModeIsKept() throws {
        let dir = try TempDir()
        try dir.write("target.yaml", "Region: ap-guangzhou\nCharset: utf8\n")
        #expect(chmod(dir.path + "/target.yaml", 0o640) == 0)
        #expect(symlink("target.yaml", dir.path + "/link.yaml") == 0)
        _ = runCLI(["lint", "--fix", dir.path + "/link.yaml"])
        var st = stat()
        #expect(lstat(dir.path + "/link.yaml", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(stat(dir.path + "/target.yaml", &st) == 0 && st.st_mode & 0o7777 == 0o640)
        #expect(readText(dir.path + "/target.yaml") == "Region: ap-guangzhou\nCharset: UTF8\n")
    }

    @Test func aSuppressedFindingIsNotFixed() throws {
        let dir = try TempDir()
        let text =
            "Region: ap-guangzhou\nCharset: utf8  # tcpglint-ignore charset -- kept for the demo\nStorage: \"20\"\n"
        try dir.write("r.yaml", text)
        _ = runCLI(["lint", "--fix", dir.path + "/r.yaml"])
        #expect(
            readText(dir.path + "/r.yaml")
                == "Region: ap-guangzhou\nCharset: utf8  # tcpglint-ignore charset -- kept for the demo\nStorage: 20\n")
    }

    /// A round that does not verify (forced in a debug build) keeps the original bytes and is
    /// a `fix-failed` error; what remains is reported as without --fix.
    @Test func aFixThatFailsKeepsTheFile() throws {
        let dir = try TempDir()
        let text = "Region: ap-guangzhou\nCharset: utf8\n"
        try dir.write("r.yaml", text)
        let r = try ShellTools.run(
            EndToEndTests.binary, ["lint", "--fix", "r.yaml"], cwd: dir.path,
            environment: ["TCPGLINT_TEST_BREAK_FIXES": "1", "PATH": "/usr/bin:/bin"])
        #expect(r.status == 1)
        #expect(readText(dir.path + "/r.yaml") == text)
        expectGolden(r.out, path: "testdata/fix/fix-failed.out")
    }

    /// A policy rule carries its check's fix only when it says `fixable: true`.
    @Test func aPolicyRuleIsFixableOnlyWhenItSaysSo() throws {
        for (policy, fixed) in [("not-fixable", false), ("fixable", true)] {
            let dir = try TempDir()
            try dir.write("r.yaml", "Charset: utf8\n")
            let r = runCLI([
                "lint", "--format", "json", "--policy", "testdata/policies/\(policy).yaml", dir.path + "/r.yaml",
            ])
            let line = r.out.split(separator: "\n").first { $0.contains("\"rule\": \"acme-charset\"") } ?? ""
            #expect(line.contains("\"fix\": {\"applicability\": \"safe\"") == fixed, "\(policy): \(line)")
        }
    }

    @Test func fixWithDiffOrStandardInputAmongOthersIsAUsageError() {
        #expect(runCLI(["lint", "--fix", "--diff", "testdata/fix/crlf.json"]).status == 2)
        #expect(runCLI(["lint", "--fix-only", "--diff", "testdata/fix/crlf.json"]).status == 2)
        #expect(runCLI(["lint", "--fix", "-", "testdata/fix/crlf.json"], stdin: "{}").status == 2)
        #expect(runCLI(["lint", "--fix", "--format", "json", "-"], stdin: "{}").status == 2)
        #expect(runCLI(["lint", "--exit-non-zero-on-fix", "testdata/fix/crlf.json"]).status == 2)
        #expect(runCLI(["lint", "--show-fixes", "testdata/fix/crlf.json"]).status == 2)
    }

    /// The unsafe cases: their diffs and fixed files with --unsafe-fixes are goldens, a fixed
    /// file fixes to itself, and without --unsafe-fixes nothing of theirs changes.
    static let unsafeCases = testdataFiles("testdata/fix/unsafe")

    @Test(arguments: unsafeCases)
    func unsafeGoldens(_ path: String) throws {
        let r = runCLI(["lint", "--diff", "--unsafe-fixes", path])
        #expect(r.status == 1 && r.err == "")
        expectGolden(r.out, path: path + ".diff")
        #expect(runCLI(["lint", "--diff", path]).out == "", "a safe fix in an unsafe case")
        let dir = try TempDir()
        let copy = dir.path + "/" + Paths.baseName(path)
        try dir.write(Paths.baseName(path), readText(path) ?? "")
        let fixed = runCLI(["lint", "--fix", "--unsafe-fixes", copy])
        #expect(!fixed.out.contains(" fixable with --fix"), "a fixable finding remains: \(fixed.out)")
        expectGolden(readText(copy) ?? "", path: path + ".fixed")
        #expect(runCLI(["lint", "--diff", "--unsafe-fixes", copy]).out == "")
    }
}
