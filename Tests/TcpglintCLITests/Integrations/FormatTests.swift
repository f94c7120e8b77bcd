import TcpglintTestSupport
import Testing

/// The output formats through the CLI, and the real consumers that read them.
@Suite struct FormatTests {
    static let cases = [
        "testdata/cli/mixed.yaml", "testdata/cli/warning-only.json", "testdata/invalid/multi-document-second-bad.yaml",
    ]

    @Test(arguments: ["sarif", "junit", "github", "gitlab"])
    func formatGoldens(_ format: String) {
        let r = runCLI(["lint", "--format", format] + Self.cases)
        #expect(r.status == 1)
        expectGolden(r.out, path: "testdata/cli/formats.\(format).out")
    }

    @Test func autoIsGitHubInsideGitHubActions() {
        let plain = runCLI(["lint", "testdata/cli/mixed.yaml"])
        #expect(plain.out.hasPrefix("testdata/cli/mixed.yaml:8:10: error:"))
        let github = runCLI(["lint", "testdata/cli/mixed.yaml"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(
            github.out.hasPrefix(
                "::error file=testdata/cli/mixed.yaml,line=8,col=10,endLine=8,endColumn=14,title=charset [InvalidParameterValue.InvalidCharset]::Charset \"utf8\" is not supported"
            ))
    }

    /// JUnit names each test case by its file (the reporter's escaping is XMLEscapingTests').
    @Test func junitTestCasesAreNamedByTheirFile() {
        let r = runCLI(["lint", "--format", "junit", "testdata/cli/mixed.yaml"]).out
        #expect(r.contains("classname=\"testdata/cli/mixed.yaml\""))
    }

    @Test func colourFollowsTheTerminalNoColorAndTheFlag() {
        let tty = runCLI(["lint", "testdata/cli/mixed.yaml"], terminal: true)
        #expect(tty.out.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let noColor = runCLI(["lint", "testdata/cli/mixed.yaml"], environment: ["NO_COLOR": "1"], terminal: true)
        #expect(!noColor.out.contains("\u{1B}["))
        let always = runCLI(["lint", "--color", "always", "testdata/cli/mixed.yaml"], environment: ["NO_COLOR": "1"])
        #expect(always.out.contains("\u{1B}["))
        let never = runCLI(["lint", "--color", "never", "testdata/cli/mixed.yaml"], terminal: true)
        #expect(!never.out.contains("\u{1B}["))
        let pipe = runCLI(["lint", "testdata/cli/mixed.yaml"])
        #expect(!pipe.out.contains("\u{1B}["))
    }

    @Test func severalOutputsInOneRun() throws {
        let sarif = temporaryFile("out.sarif")
        let junit = temporaryFile("out.xml")
        let r = runCLI(["lint", "--output", "sarif=\(sarif)", "--output", "junit=\(junit)", "testdata/cli/mixed.yaml"])
        #expect(r.status == 1)
        #expect(r.out.hasPrefix("testdata/cli/mixed.yaml:8:10: error:"), "text still goes to standard output")
        #expect(readText(sarif)?.contains("\"ruleId\": \"charset\"") == true)
        #expect(readText(junit)?.hasPrefix("<?xml") == true)
        #expect(runCLI(["lint", "--output", "xml=\(junit)", "testdata/cli/mixed.yaml"]).status == 2)
    }

    @Test func gitLabFingerprintsAreStableAndUnique() {
        let a = runCLI(["lint", "--format", "gitlab", "testdata/invalid"]).out
        let b = runCLI(["lint", "--format", "gitlab", "testdata/invalid"]).out
        #expect(a == b)
        let prints = a.split(separator: "\n").compactMap { line -> Substring? in
            guard let r = line.range(of: "\"fingerprint\": \"") else { return nil }
            return line[r.upperBound...].prefix(32)
        }
        #expect(prints.count > 100)
        #expect(Set(prints).count == prints.count)
    }

    @Test(.enabled(if: Tools.available("check-jsonschema")))
    func sarifValidatesAgainstTheSchema() throws {
        let out = temporaryFile("all.sarif")
        // testdata/fix: results with fixes (safe, unsafe and display-only, a BOM and a stream).
        let r = runCLI([
            "lint", "--output", "sarif=\(out)", "testdata/invalid", "testdata/malformed", "testdata/org",
            "testdata/fix",
        ])
        #expect(r.status == 1)
        let sarif = readText(out) ?? ""
        #expect(sarif.contains("\"fixes\": [{\"description\": {\"text\": \"write UTF8\"}, \"artifactChanges\": [{"))
        #expect(sarif.contains("\"properties\": {\"applicability\": \"unsafe\"}"))
        let check = try Tools.run(
            "check-jsonschema", ["--schemafile", packageRoot + "/testdata/schemas/sarif-schema-2.1.0.json", out])
        #expect(check.status == 0, "\(check.out)\(check.err)")
    }

    @Test(.enabled(if: Tools.python("junitparser")))
    func junitParsesWithJunitparser() throws {
        let out = temporaryFile("all.xml")
        _ = runCLI([
            "lint", "--output", "junit=\(out)", "testdata/valid", "testdata/invalid/charset.yaml",
            "testdata/invalid/multi-document-second-bad.yaml",
        ])
        let script = """
            import sys
            from junitparser import JUnitXml
            xml = JUnitXml.fromfile(sys.argv[1])
            cases = [c for s in xml for c in s]
            failed = [c for c in cases if not c.is_passed]
            print(len(cases), len(failed))
            for c in failed: print(c.classname, c.name, c.result[0].message)
            """
        let r = try Tools.run("python3", ["-c", script, out])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let valid = testdataFiles("testdata/valid")
        // Streams count a test case per document: valid has one of 2 documents.
        #expect(lines.first == "\(valid.count + 1 + 1 + 2) 2")
        #expect(lines.contains("testdata/invalid/charset.yaml request 1 finding"))
        #expect(lines.contains("testdata/invalid/multi-document-second-bad.yaml document 2 2 findings"))
    }
}
