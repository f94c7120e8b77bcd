import Foundation
import TcpglintInput
import TcpglintSystem
import TcpglintTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every limit, with its flag; hostile file-system entries; secrets in every output.
@Suite struct LimitTests {
    @Test func aRequestOverTheSizeLimitIsNotParsed() throws {
        let r = runCLI(["lint", "--max-request-bytes", "100", "testdata/valid/minimal.json"])
        #expect(r.status == 1)
        #expect(
            r.out.hasPrefix(
                "testdata/valid/minimal.json:1:1: error: the request is 292 bytes, over the API's limit of 100 bytes; it was not checked further (raise --max-request-bytes to check it anyway) [RequestSizeLimitExceeded] (request-size)"
            ), "\(r.out)")
        // In a stream, the limit is per document: the small one is still linted.
        let dir = try TempDir()
        let small = readText("testdata/valid/prepaid-full.yaml")!
        try dir.write("s.yaml", small + "---\n" + small + "Name: " + String(repeating: "x", count: 5000) + "\n")
        let s = runCLI(["lint", "--max-request-bytes", "3000", dir.path + "/s.yaml"]).out
        #expect(s.contains("error: the document is over 3000 bytes, the API's limit for a request"), "\(s)")
        #expect(s.contains("in document 2") && !s.contains("(name-length)"))
    }

    @Test func aFileOverTheHardCapIsRefusedUnread() {
        let r = runCLI(["lint", "--max-file-bytes", "50", "testdata/valid/minimal.json", "testdata/valid/minimal.json"])
        #expect(
            r.out.hasPrefix(
                "testdata/valid/minimal.json:1:1: error: the file is 292 bytes, over the --max-file-bytes limit of 50; it was not read [Tcpglint.LimitExceeded] (limit-exceeded)"
            ), "\(r.out)")
        #expect(r.status == 1, "a limit is a finding, not an I/O failure")
    }

    @Test func findingsPerFileAreCapped() {
        let r = runCLI(["lint", "--max-findings-per-file", "3", "testdata/invalid/reference-example1-pg12.json"])
        let lines = r.out.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("testdata/") }.count == 4)
        // The golden lists every finding of the file, then the summary: 3 shown, the rest counted.
        let all = (readText("testdata/invalid/reference-example1-pg12.out") ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("testdata/") }.count
        #expect(all > 4)
        let hidden = "error: \(all - 3) more findings in this file are not shown; raise --max-findings-per-file"
        #expect(r.out.contains(hidden + " to see them [Tcpglint.LimitExceeded]"), "\(r.out)")
    }

    @Test func depthAliasScalarAndDocumentLimitsHaveFlags() throws {
        #expect(runCLI(["lint", "testdata/malformed/deep-10000.json"]).out.contains("raise it with --max-depth"))
        #expect(
            !runCLI(["lint", "--max-depth", "20000", "testdata/malformed/deep-10000.json"]).out.contains(
                "(limit-exceeded)"))
        #expect(
            runCLI(["lint", "testdata/malformed/billion-laughs.yaml"]).out.contains(
                "raise it with --max-alias-expansion"))
        let dir = try TempDir()
        try dir.write("long.json", "{\"Name\": \"" + String(repeating: "a", count: 200) + "\"}")
        #expect(
            runCLI(["lint", "--max-scalar-bytes", "100", dir.path + "/long.json"]).out.contains(
                "raise it with --max-scalar-bytes"))
        try dir.write("docs.yaml", String(repeating: "A: 1\n---\n", count: 5))
        #expect(
            runCLI(["lint", "--max-documents", "3", dir.path + "/docs.yaml"]).out.contains(
                "raise it with --max-documents"))
    }

    @Test func regexLimitsHaveFlags() throws {
        let dir = try TempDir()
        try dir.write(
            "policy.yaml",
            """
            namespace: Acme
            rules:
              - id: acme-slow
                code: Acme.Slow
                severity: error
                summary: s
                message: "{value}"
                target: Name
                check: {pattern: {regex: '^(a|aa)+$'}}
                source: {ref: PAGE, quote: "x"}
                examples: {valid: [{Name: aaaa}], invalid: [{Name: b}]}
            """)
        try dir.write("r.json", "{\"Name\": \"\(String(repeating: "a", count: 30))b\"}")
        let tight = runCLI([
            "lint", "--regex-match-limit", "1000", "--policy", dir.path + "/policy.yaml", dir.path + "/r.json",
        ])
        #expect(tight.out.contains("rule acme-slow could not decide: its pattern hit the PCRE2 limit"), "\(tight.out)")
        let loose = runCLI([
            "lint", "--regex-match-limit", "100000000", "--policy", dir.path + "/policy.yaml", dir.path + "/r.json",
        ])
        #expect(loose.out.contains("(acme-slow)") && !loose.out.contains("(pattern-limit)"), "\(loose.out)")
        #expect(runCLI(["lint", "--regex-match-limit", "0", "x.json"]).status == 2)
    }
}

@Suite struct HostileFileSystemTests {
    /// A directory named x.json, a symbolic-link loop, a dangling link, a FIFO, a file that
    /// cannot be read: each is reported where it is, and the good file beside them is linted.
    @Test func everyOddEntryIsReportedAndTheRestIsLinted() throws {
        let dir = try TempDir()
        try dir.write("good.json", readText("testdata/valid/minimal.json")!)
        mkdir(dir.path + "/dir.json", 0o755)
        symlink("loop-b.yaml", dir.path + "/loop-a.yaml")
        symlink("loop-a.yaml", dir.path + "/loop-b.yaml")
        symlink("gone.json", dir.path + "/dangling.json")
        mkfifo(dir.path + "/fifo.yaml", 0o644)
        symlink("/proc/self/mem", dir.path + "/unreadable.json")
        symlink(".", dir.path + "/self")
        defer {
            for n in ["loop-a.yaml", "loop-b.yaml", "dangling.json", "fifo.yaml", "unreadable.json", "self"] {
                unlink(dir.path + "/" + n)
            }
            rmdir(dir.path + "/dir.json")
        }
        let r = runCLI(["lint", "--format", "json", dir.path])
        #expect(r.status == 3, "unreadable entries are I/O failures")
        let out = r.out.replacingOccurrences(of: dir.path, with: "DIR")
        #expect(
            out.contains(
                "\"file\": \"DIR/dangling.json\", \"document\": 1, \"line\": 1, \"column\": 1, \"endLine\": 1, \"endColumn\": 1, \"severity\": \"error\", \"code\": \"Tcpglint.IOError\", \"rule\": \"io-error\", \"parameter\": \"$\", \"message\": \"a symbolic link to a file that does not exist\""
            ), "\(out)")
        #expect(out.contains("\"file\": \"DIR/fifo.yaml\"") && out.contains("a FIFO, not a regular file"))
        #expect(out.contains("\"file\": \"DIR/loop-a.yaml\"") && out.contains("a loop of symbolic links"))
        #expect(
            out.contains("\"file\": \"DIR/unreadable.json\"")
                && out.contains("cannot read the file: input/output error")
                || out.contains("cannot read the file: Input/output error"))
        #expect(
            out.contains("DIR/good.json") && out.contains("(secret-placeholder)")
                || out.contains("\"rule\": \"secret-placeholder\""), "the good file is linted")
        #expect(!out.contains("dir.json"), "a folder named x.json is walked, not read")
    }

    @Test func aVanishedOrMissingNamedFileIsAnIOFailure() {
        let r = runCLI(["lint", "testdata/valid/minimal.json", "testdata/vanished.json"])
        #expect(r.status == 3)
        #expect(r.out.contains("testdata/vanished.json:1:1: error: no such file or directory"))
        #expect(r.out.contains("3 files") || r.out.contains("of 2 files"))
    }
}

@Suite struct DeterminismTests {
    /// The same parallel lint, 20 times: byte for byte the same output.
    @Test func parallelOutputIsByteIdentical() {
        let args = [
            "lint", "--jobs", "8", "--format", "json", "testdata/invalid", "testdata/malformed", "testdata/org",
            "testdata/valid",
        ]
        let first = runCLI(args).out
        #expect(first.count > 10_000)
        for _ in 0..<20 {
            #expect(runCLI(args).out == first)
        }
        #expect(
            runCLI([
                "lint", "--jobs", "1", "--format", "json", "testdata/invalid", "testdata/malformed", "testdata/org",
                "testdata/valid",
            ]).out == first)
    }
}

extension DeterminismTests {
    /// With 256 files or more per worker, each worker lints with rule sets of its own (loaded
    /// again, pack and policy): the output is still byte for byte that of one thread.
    @Test func workersWithTheirOwnRuleSetsReportTheSame() throws {
        let dir = try TempDir()
        let sources = ((try? FileSystem.listDirectory("testdata/invalid")) ?? []).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(sources.count > 10)
        for i in 0..<600 {
            let name = sources[i % sources.count]
            try dir.write("f\(i / 100)/\(i)-\(name)", readText("testdata/invalid/" + name) ?? "")
        }
        let args = ["lint", "--format", "json", "--policy", "testdata/org/policies/company.yaml", dir.path]
        let one = runCLI(args + ["--jobs", "1"])
        let two = runCLI(args + ["--jobs", "2"])
        #expect(one.status == 1)
        #expect(one.out.contains("\"files\": 600"))
        #expect(two.out == one.out)
        #expect(two.status == one.status)
    }
}

@Suite struct CanaryTests {
    static let canary = "Kq8CanaryZw"

    /// A canary password in valid, invalid and malformed files, through every format, every
    /// written file and every subcommand: it never appears.
    @Test func theCanaryNeverAppearsAnywhere() throws {
        let dir = try TempDir()
        let c = Self.canary
        try dir.write(
            "valid.json",
            readText("testdata/valid/minimal.json")!.replacingOccurrences(of: "${PG_ADMIN_PASSWORD}", with: "\(c)-1!Aa")
        )
        try dir.write("invalid.yaml", "AdminPassword: \(c) x\nCharset: utf8\n")
        try dir.write("short.json", "{\"AdminPassword\": \"\(c.prefix(6))\", \"AdminName\": \"\(c.prefix(6))\"}")
        try dir.write("malformed.json", "{\"AdminPassword\": \"\(c)\\q\", ")
        try dir.write("alias.yaml", "AdminPassword: *\(c)\n")
        try dir.write(
            "stream.yaml", "AdminPassword: \(c)\n---\nAdminPassword: [\(c)]\n---\nAdminPassword: {\(c): 1, \(c): 2}\n")
        try dir.write("dup.json", "{\"AdminPassword\": \"\(c)A1!\", \"AdminPassword\": \"\(c)B2!\"}")
        // An anchored password reused through aliases: as another value, as a key, in a list.
        try dir.write(
            "anchor.yaml",
            "AdminPassword: &pw \"\(c)9!\"\nRegion: *pw\nName: *pw\n*pw : x\nTagList: [*pw]\nDBNodeSet: [{Role: *pw, Zone: *pw}]\n"
        )
        try dir.write("anchor-list.yaml", "AdminPassword: &pw [\(c)]\nVoucherIds: *pw\nStorage: *pw\n")
        let out = try TempDir()
        var texts: [String] = []
        for format in ["text", "json", "sarif", "junit", "github", "gitlab"] {
            let r = runCLI(["lint", "--format", format, dir.path])
            texts += [r.out, r.err]
        }
        let outputs = ["sarif", "junit", "gitlab", "json", "text", "github"].map { "\($0)=\(out.path)/out.\($0)" }
        let o = runCLI(
            ["lint"] + outputs.flatMap { ["--output", $0] } + [
                "--write-baseline", out.path + "/baseline.json", dir.path,
            ])
        texts += [o.out, o.err]
        for f in ["sarif", "junit", "gitlab", "json", "text", "github"] {
            texts.append(readText("\(out.path)/out.\(f)") ?? "")
        }
        texts.append(readText(out.path + "/baseline.json") ?? "")
        let b = runCLI(["lint", "--baseline", out.path + "/baseline.json", dir.path])
        texts += [b.out, b.err]
        for sub in [
            ["rules"], ["rules", "--format", "json"], ["explain", "admin-password-classes"], ["schema"],
            ["rules", "test"],
        ] {
            let r = runCLI(sub)
            texts += [r.out, r.err]
        }
        let prefix = String(c.prefix(6))
        for (i, t) in texts.enumerated() {
            #expect(!t.contains(c) && !t.contains(prefix), "output \(i) leaks the canary: \(t.prefix(2000))")
        }
        #expect(texts.joined().contains("(plaintext-secret)"))
    }
}
