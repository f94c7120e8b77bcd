import Foundation
import Testing
import TcpglintSystem
import TcpglintTestSupport
@testable import TcpglintReport

/// Real consumers of tcpglint's outputs: a JSON Schema validator for SARIF and the exported
/// schema, junitparser for JUnit, Vim for the errorformat, pre-commit for the hooks. They come
/// from PyPI and Debian (`.ci/run` installs them). Without them a test is skipped on a
/// developer's machine, and fails in CI (`CI` set), so CI never passes without running them.
enum Tools {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
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
    static func run(_ name: String, _ args: [String], cwd: String? = nil, stdin: String? = nil) throws -> EndToEndTests.Result {
        guard let exe = find(name) else {
            Issue.record("\(name) is not installed; .ci/run installs it")
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

@Suite struct FormatTests {
    static let cases = ["testdata/cli/mixed.yaml", "testdata/cli/warning-only.json", "testdata/invalid/multi-document-second-bad.yaml"]

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
        #expect(github.out.hasPrefix("::error file=testdata/cli/mixed.yaml,line=8,col=10,endLine=8,endColumn=14,title=charset [InvalidParameterValue.InvalidCharset]::Charset \"utf8\" is not supported"))
    }

    @Test func gitHubCommandsAreEscaped() {
        #expect(GitHubReporter.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.property("a:b,c%") == "a%3Ab%2Cc%25")
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
        let sarif = temporaryFile("out.sarif"), junit = temporaryFile("out.xml")
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
        let r = runCLI(["lint", "--output", "sarif=\(out)", "testdata/invalid", "testdata/malformed", "testdata/org"])
        #expect(r.status == 1)
        let check = try Tools.run("check-jsonschema", ["--schemafile", packageRoot + "/testdata/schemas/sarif-schema-2.1.0.json", out])
        #expect(check.status == 0, "\(check.out)\(check.err)")
    }

    @Test(.enabled(if: Tools.python("junitparser")))
    func junitParsesWithJunitparser() throws {
        let out = temporaryFile("all.xml")
        _ = runCLI(["lint", "--output", "junit=\(out)", "testdata/valid", "testdata/invalid/charset.yaml", "testdata/invalid/multi-document-second-bad.yaml"])
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
        #expect(lines.contains("testdata/invalid/charset.yaml request 2 findings"))
        #expect(lines.contains("testdata/invalid/multi-document-second-bad.yaml document 2 3 findings"))
    }
}

@Suite struct SchemaTests {
    static func export() -> String {
        let path = temporaryFile("request.schema.json")
        let r = runCLI(["schema"])
        try? r.out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theSchemaGolden() {
        let r = runCLI(["schema"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/cli/schema.out")
    }

    /// Splits a stream into single documents and strips a BOM: what check-jsonschema can read.
    static func instances(_ path: String) -> [String] {
        var text = readText(path) ?? ""
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let docs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n---\n")
            .map { $0.hasPrefix("---\n") ? String($0.dropFirst(4)) : $0 }
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && $0.trimmingCharacters(in: .whitespacesAndNewlines) != "---" }
        let ext = path.hasSuffix(".json") ? "json" : "yaml"
        return docs.enumerated().map { i, doc in
            let p = temporaryFile((path as NSString).lastPathComponent + ".\(i).\(ext)")
            try? doc.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
    }

    @Test(.enabled(if: Tools.available("check-jsonschema")))
    func validRequestsPassTheExportedSchema() throws {
        let schema = Self.export()
        let files = testdataFiles("testdata/valid").flatMap(Self.instances)
        #expect(files.count >= 13)
        let r = try Tools.run("check-jsonschema", ["--schemafile", schema] + files)
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }

    /// The cases whose faults a schema cannot express: relations between fields, embedded
    /// JSON, case-insensitive enums, Unicode classes and duplicate keys (a YAML loader keeps
    /// the last one).
    static let beyondSchema: Set<String> = [
        "charge-type.json", "duplicate-key.json", "engine-config-duplicate-key.json", "engine-config-json-shape.json",
        "engine-config-json.json", "engine-config-key.json", "engine-config-locale.json", "engine-config-unclosed.json",
        "kernel-version-community.json", "name-characters.json", "node-zone-region.json", "primary-zone.json",
        "zone-region.json", "engine-config-block.yaml", "engine-config-collation.yaml", "engine-config-json-yaml.yaml",
        "engine-config-key-yaml.yaml", "engine-config-locale-yaml.yaml", "engine-config-migration-mode.yaml",
        "kernel-version-major.yaml", "version-major.yaml", "zone-in-region-node.yaml", "zone-in-region.yaml",
        // Files check-jsonschema's readers cannot load (a traceback on `!!int orders`, Python's
        // tags, a float of 1e400): not a schema fault.
        "yaml-int-tag.yaml", "yaml-python-tag.yaml", "huge-numbers.json",
        // The password's rules: a secret is usually a placeholder in the file, so the schema
        // leaves its value to tcpglint.
        "admin-password-chars.yaml", "admin-password-classes.yaml", "admin-password-length-long.yaml",
        "admin-password-length.json", "admin-password-short.json", "admin-password-slash.json",
        // Duplicate keys only: no schema speaks of them (ruamel.yaml refuses the file, others keep the last).
        "duplicate-key-yaml.yaml", "secret-duplicate.yaml",
    ]

    @Test(.enabled(if: Tools.available("check-jsonschema")))
    func invalidRequestsWithSchemaFaultsFailIt() throws {
        let schema = Self.export()
        // One run over every instance; the validator names each file that fails.
        var instances: [String: [String]] = [:]
        for path in testdataFiles("testdata/invalid") {
            let name = (path as NSString).lastPathComponent
            guard !Self.beyondSchema.contains(name) else { continue }
            instances[name] = Self.instances(path)
        }
        #expect(instances.count >= 65)
        let r = try Tools.run("check-jsonschema", ["--schemafile", schema] + instances.values.flatMap { $0 })
        #expect(r.status == 1)
        let report = r.out + r.err
        let unexpected = instances.filter { _, files in !files.contains { report.contains($0 + "::") } }.keys.sorted()
        #expect(unexpected == [], "these invalid cases passed the schema")
    }
}

@Suite struct EditorTests {
    /// The VS Code problem matcher's pattern, read from the shipped tasks.json, matches real output.
    @Test func theVSCodeProblemMatcherMatchesRealOutput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/editors/vscode/tasks.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let task = (json?["tasks"] as? [[String: Any]])?.first
        let pattern = ((task?["problemMatcher"] as? [String: Any])?["pattern"] as? [String: Any])?["regexp"] as? String
        let regex = try NSRegularExpression(pattern: try #require(pattern))
        let out = runCLI(["lint", "--color", "never", "testdata/cli/mixed.yaml", "testdata/invalid/multi-document-second-bad.yaml"]).out
        let lines = out.split(separator: "\n").map(String.init).dropLast()
        #expect(lines.count >= 4)
        for line in lines {
            let m = try #require(regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), "no match: \(line)")
            func group(_ i: Int) -> String { (line as NSString).substring(with: m.range(at: i)) }
            #expect(line.hasPrefix("\(group(1)):\(group(2)):\(group(3)): \(group(4)): \(group(5)) ["))
            #expect(["error", "warning", "info"].contains(group(4)))
        }
        let first = lines.first!
        let m = regex.firstMatch(in: first, range: NSRange(first.startIndex..., in: first))!
        #expect((first as NSString).substring(with: m.range(at: 7)) == "charset")
    }

    /// The shipped Vim errorformat, loaded by a real Vim, turns output into quickfix entries.
    @Test(.enabled(if: Tools.available("vim")))
    func theVimErrorformatParsesRealOutput() throws {
        let out = temporaryFile("vim-input.txt")
        try runCLI(["lint", "--color", "never", "testdata/cli/mixed.yaml"]).out.write(toFile: out, atomically: true, encoding: .utf8)
        let result = temporaryFile("vim-qf.txt")
        let script = "source \(packageRoot)/editors/vim/tcpglint.vim | cgetfile \(out) | "
            + "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.type . '|' . e.text}), '\(result)') | qa!"
        let r = try Tools.run("vim", ["-Nu", "NONE", "-es", "-c", script], cwd: packageRoot)
        #expect(r.status == 0, "\(r.err)")
        let lines = readText(result)?.split(separator: "\n").map(String.init) ?? []
        #expect(lines == [
            "testdata/cli/mixed.yaml|8|10|e|Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"? [InvalidParameterValue.InvalidCharset] (charset)",
            "testdata/cli/mixed.yaml|10|16|i|AdminPassword has 11 characters; the page recommends more than 12 [InvalidParameterValue.InvalidPasswordValueError] (admin-password-short)",
            "testdata/cli/mixed.yaml|10|16|w|AdminPassword is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent [Tcpglint.PlaintextSecret] (plaintext-secret)",
            "testdata/cli/mixed.yaml|14|21|w|InstanceChargeType \"prepaid\" differs from the documented value only in case; use \"PREPAID\" [InvalidParameterValue.IllegalInstanceChargeType] (charge-type-case)",
        ])
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletions(_ shell: String) {
        let r = runCLI(["--generate-completion-script", shell])
        #expect(r.status == 0)
        #expect(r.out.contains("tcpglint"))
        #expect(r.out.contains("fail-level"))
    }
}
