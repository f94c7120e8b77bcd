import Foundation
import TcpglintCore
import TcpglintInput
import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The other ways to run fixes: --fix-only, --exit-non-zero-on-fix, --show-fixes, standard input,
/// the config's unsafe-fixes, a baseline; where YAML allows no edit; and, over all of testdata/,
/// idempotence and the bytes outside the edits.
@Suite struct FixModeTests {
    static let fixable = "Region: ap-guangzhou\nCharset: utf8   # kept\nStorage: \"20\"\n"
    static let fixed = "Region: ap-guangzhou\nCharset: UTF8   # kept\nStorage: 20\n"

    @Test func fixOnlyReportsNothingAndExitsZero() throws {
        let dir = try TempDir()
        try dir.write("r.yaml", Self.fixable)
        let r = runCLI(["lint", "--fix-only", dir.path + "/r.yaml"])
        #expect(r.status == 0 && r.out == "" && r.err == "", "\(r)")
        #expect(readText(dir.path + "/r.yaml") == Self.fixed)
        // Nothing left to fix: still 0, even with --exit-non-zero-on-fix.
        #expect(runCLI(["lint", "--fix-only", "--exit-non-zero-on-fix", dir.path + "/r.yaml"]).status == 0)
    }

    @Test func exitNonZeroOnFixFailsARunThatFixed() throws {
        let dir = try TempDir()
        try dir.write("r.yaml", Self.fixable)
        #expect(runCLI(["lint", "--fix-only", "--exit-non-zero-on-fix", dir.path + "/r.yaml"]).status == 1)
        try dir.write("r.yaml", Self.fixable)
        // --fix: the findings that remain decide unless something was fixed.
        let r = runCLI(["lint", "--fix", "--exit-non-zero-on-fix", "--fail-level", "error", dir.path + "/r.yaml"])
        #expect(r.status == 1)
        #expect(readText(dir.path + "/r.yaml") == Self.fixed)
    }

    @Test func showFixesListsEachFixOnStandardError() throws {
        let dir = try TempDir()
        try dir.write("r.yaml", Self.fixable)
        let r = runCLI(["lint", "--diff", "--show-fixes", "r.yaml"].map { $0 == "r.yaml" ? dir.path + "/r.yaml" : $0 })
        #expect(r.status == 1)
        let name = dir.path + "/r.yaml"
        #expect(
            r.err
                == "tcpglint: would fix 2 findings in 1 file\n\(name):2:10: charset: write UTF8\n\(name):3:10: quoted-literal: write the integer 20\n"
        )
        let f = runCLI(["lint", "--fix-only", "--show-fixes", name])
        #expect(f.out == "" && f.err.hasPrefix("tcpglint: fixed 2 findings in 1 file\n"))
    }

    /// `--fix -`: the fixed text alone on standard output, the findings on standard error.
    @Test func fixOnStandardInputWritesTheFixedText() {
        let r = runCLI(["lint", "--fix", "--stdin-filename", "r.yaml", "-"], stdin: Self.fixable)
        #expect(r.out == Self.fixed)
        #expect(r.status == 1)
        #expect(r.err.contains("r.yaml:1:1: error: ") && r.err.contains(" in 1 of 1 file\n"))
        let only = runCLI(["lint", "--fix-only", "--stdin-filename", "r.yaml", "-"], stdin: Self.fixable)
        #expect(only.status == 0 && only.out == Self.fixed && only.err == "")
        // Nothing to fix, or not UTF-8: the text comes back as it was.
        let clean = runCLI(["lint", "--fix-only", "--stdin-filename", "r.yaml", "-"], stdin: Self.fixed)
        #expect(clean.out == Self.fixed)
        let diff = runCLI(["lint", "--diff", "--stdin-filename", "r.yaml", "-"], stdin: Self.fixable)
        #expect(diff.status == 1 && diff.out.hasPrefix("--- a/r.yaml\n+++ b/r.yaml\n@@ -1,3 +1,3 @@\n"))
    }

    @Test func theConfigCanTurnOnUnsafeFixes() throws {
        let dir = try TempDir()
        try dir.write("r.yaml", "Region: ap-guangzhou\nPeriod: 012\n")
        _ = runCLI(["lint", "--fix", dir.path + "/r.yaml"])
        #expect(readText(dir.path + "/r.yaml") == "Region: ap-guangzhou\nPeriod: 012\n")
        try dir.write(".tcpglint.yaml", "unsafe-fixes: true\n")
        _ = runCLI(["lint", "--fix", dir.path + "/r.yaml"])
        #expect(readText(dir.path + "/r.yaml") == "Region: ap-guangzhou\nPeriod: 12\n")
        try dir.write(".tcpglint.yaml", "unsafe-fixes: maybe\n")
        #expect(runCLI(["lint", "--fix", dir.path + "/r.yaml"]).status == 2)
    }

    @Test func aBaselinedFindingIsNotFixed() throws {
        let dir = try TempDir()
        try dir.write("r.yaml", Self.fixable)
        let name = dir.path + "/r.yaml"
        _ = runCLI(["lint", "--write-baseline", dir.path + "/baseline.yaml", name])
        let r = runCLI(["lint", "--fix", "--baseline", dir.path + "/baseline.yaml", name])
        #expect(readText(name) == Self.fixable, "\(r.out)")
        #expect(!r.out.contains("stale-baseline"))
    }

    /// The reference page's three examples, verbatim: after --fix, no case or quoting warning
    /// remains, and every error is still reported.
    @Test(arguments: [
        "reference-example1-pg12.json", "reference-example2-kernel.json", "reference-example3-multi-az.json",
    ])
    func theReferenceExamplesAfterFix(_ name: String) throws {
        let dir = try TempDir()
        try dir.write(name, readText("testdata/invalid/" + name) ?? "")
        let path = dir.path + "/" + name
        let errors = { (out: String) in
            Set(
                out.split(separator: "\n").filter { $0.contains(": error: ") }.map {
                    $0.split(separator: ":", maxSplits: 3).dropFirst(3).joined()
                })
        }
        let before = runCLI(["lint", path])
        #expect(before.out.contains(" fixable with --fix"))
        let after = runCLI(["lint", "--fix", path])
        #expect(after.status == 1)
        for rule in ["(quoted-literal)", "(charge-type-case)", "(charset)", "fixable with --fix"] {
            #expect(!after.out.contains(rule), "\(name): \(after.out)")
        }
        #expect(errors(before.out).isSubset(of: errors(after.out)), "\(name): \(after.out)")
        #expect(!errors(before.out).isEmpty)
    }

    /// Where YAML forbids an edit there is none: anchors, aliases, merge keys, block scalars,
    /// tags, multi-line scalars, non-canonical or overflowing integers. `--diff` shows nothing.
    @Test(arguments: [
        "Charset: &c utf8\nName: *c\n",
        "base: &b {Charset: utf8}\nDBNodeSet:\n  - <<: *b\n",
        "x: &s prepaid\nInstanceChargeType: *s\n",
        "Charset: !!str utf8\n",
        "Charset: |\n  utf8\n",
        "Charset: >-\n  utf8\n",
        "Name: \"multi\n  line\"\nStorage: !!str 20\n",
        "Storage: \"010\"\nPeriod: \"+1\"\nInstanceCount: \"1_000\"\nAutoVoucher: \" 1\"\nProjectId: \"0x1A\"\n",
        "Storage: \"18446744073709551616\"\nProjectId: \"-9223372036854775809\"\n",
        "DeletionProtection: \"True\"\n",
        "DBEngineConfig: &e\n  DefaultLocale: en_US\nx: *e\n",
        "DBEngineConfig:\n  # a comment before the first key is kept by no fix\n  defaultLocale: en_US\n",
    ])
    func noEditWhereYAMLForbidsIt(_ text: String) {
        let r = runCLI(["lint", "--diff", "--unsafe-fixes", "--stdin-filename", "r.yaml", "-"], stdin: text)
        #expect(r.out == "" && r.status == 0, "\(text) → \(r.out)")
    }

    /// A stream: each document is fixed in its own bytes, and the other documents stay.
    @Test func aStreamIsFixedDocumentByDocument() {
        let text = "Charset: utf8\n---\nCharset: LATIN1\n---\nStorage: \"5\"\n"
        let r = runCLI(["lint", "--fix-only", "--stdin-filename", "r.yaml", "-"], stdin: text)
        #expect(r.out == "Charset: UTF8\n---\nCharset: LATIN1\n---\nStorage: 5\n")
    }

    /// Every file of testdata/: with every fix applied (unsafe ones too), a second run has nothing
    /// to change, and the bytes outside the edits of each round are the original's.
    @Test func overAllOfTestdataFixingIsIdempotentAndKeepsOtherBytes() throws {
        let files = Self.allTestdata("testdata")
        #expect(files.count > 150)
        let linter = Linter(
            ruleSet: pack, embeddedParser: JSONEmbeddedParser(limits: .default),
            placeholders: [ConfigResolver.defaultPlaceholder])
        var fixedFiles = 0
        for path in files {
            guard var bytes = try? FileSystem.readFile(path), bytes.count < 1 << 20 else { continue }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var changed = false
            for _ in 0..<10 {
                let loaded = InputReader.load(name: path, bytes: bytes, limits: .default)
                let fixes = linter.findings(in: loaded).compactMap(\.fix)
                let (next, applied) = FixApplier.apply(fixes, to: bytes, level: .unsafe)
                if applied.isEmpty { break }
                // The bytes between the edits are the original's, in order.
                var at = 0
                var out = 0
                for e in applied.flatMap(\.edits).sorted(by: { $0.byteOffset < $1.byteOffset }) {
                    let keep = e.byteOffset - at
                    #expect(Array(bytes[at..<e.byteOffset]) == Array(next[out..<(out + keep)]), "\(path)")
                    out += keep + e.replacement.utf8.count
                    at = e.byteOffset + e.byteLength
                }
                #expect(Array(bytes[at...]) == Array(next[out...]), "\(path)")
                bytes = next
                changed = true
            }
            if changed { fixedFiles += 1 }
            let again = linter.findings(in: InputReader.load(name: path, bytes: bytes, limits: .default))
            #expect(
                FixApplier.apply(again.compactMap(\.fix), to: bytes, level: .unsafe).applied.isEmpty,
                "\(path) still has fixes after 10 rounds")
        }
        #expect(fixedFiles > 20)
    }

    /// Through the CLI too: `--fix --unsafe-fixes` on a copy of testdata/, then `--diff` is empty.
    @Test func theCLIFixesACopyOfTestdataToAFixedPoint() throws {
        _ = packageRoot
        let dir = try TempDir()
        for path in Self.allTestdata("testdata") {
            guard let bytes = try? FileSystem.readFile(path) else { continue }
            let copy = dir.path + "/" + path
            FileSystem.makeDirectories(Paths.directory(of: copy))
            #expect(FileManager.default.createFile(atPath: copy, contents: Data(bytes)))
        }
        let r = runCLI(["lint", "--fix-only", "--unsafe-fixes", dir.path + "/testdata"])
        #expect(r.err == "", "\(r.err)")
        let again = runCLI(["lint", "--diff", "--unsafe-fixes", dir.path + "/testdata"])
        #expect(again.out == "" && again.status == 0, "\(again.out)")
    }

    static func allTestdata(_ folder: String) -> [String] {
        _ = packageRoot
        var out: [String] = []
        for name in ((try? FileSystem.listDirectory(folder)) ?? []).sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if FileSystem.kind(path) == .directory {
                out += allTestdata(path)
            } else if [".json", ".yaml", ".yml"].contains(where: { name.hasSuffix($0) }) {
                out.append(path)
            }
        }
        return out
    }
}
