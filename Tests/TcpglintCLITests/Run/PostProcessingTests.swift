import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The post-processing stage in the corners where its steps meet: what a policy turns off takes
/// no place under the cap, only linted files are capped, a suppression's own finding names its
/// document, and a name given twice is listed twice whether or not the run gathers.
@Suite struct PostProcessingTests {
    static let stream = readText("testdata/valid/multi-document.yaml")!
    static let offUnused = """
        namespace: Acme
        overrides:
          - {rule: unused-suppression, enabled: false, reason: "comments are cleaned up quarterly"}
          - {rule: secret-placeholder, enabled: false, reason: "placeholders are the norm"}
        """

    /// An unused suppression in the second document of a stream is reported there.
    @Test func aSuppressionsFindingNamesItsDocument() throws {
        let dir = try TempDir()
        let second = Self.stream.replacingFirst(
            "Region: ap-shanghai", with: "# tcpglint-ignore charset -- not needed\nRegion: ap-shanghai")
        try dir.write("s.yaml", second)
        let r = runCLI(["lint", "--format", "text", dir.path + "/s.yaml"])
        let line = r.out.split(separator: "\n").first { $0.contains("unused-suppression") } ?? ""
        #expect(line.hasSuffix("in document 2"), "\(r.out)")
    }

    /// A diagnostic a policy turns off neither counts toward --max-findings-per-file nor shows.
    @Test func whatAPolicyTurnsOffTakesNoPlaceUnderTheCap() throws {
        let dir = try TempDir()
        try dir.write("policy.yaml", Self.offUnused)
        let text = readText("testdata/valid/prepaid-full.yaml")!
        try dir.write(
            "a.yaml",
            "# tcpglint-ignore storage -- nothing to silence\n"
                + text.replacingFirst("Charset: UTF8", with: "Charset: utf8").replacingFirst(
                    "Period: 36", with: "Period: 13"))
        let r = runCLI([
            "lint", "--policy", dir.path + "/policy.yaml", "--max-findings-per-file", "2", dir.path + "/a.yaml",
        ])
        #expect(!r.out.contains("limit-exceeded"), "\(r.out)")
        #expect(!r.out.contains("unused-suppression"), "\(r.out)")
        #expect(
            r.out.split(separator: "\n").count == 4, "two findings, the summary and the fixable line: \(r.out)")
    }

    /// Stale baseline entries are findings about the baseline, not a linted file: not capped.
    @Test func findingsAboutABaselineAreNotCapped() throws {
        let dir = try TempDir()
        try dir.write("a.json", readText("testdata/valid/minimal.json")!)
        let entries = ["Charset", "Storage", "Zone"].map {
            "{\"file\": \"\(dir.path)/a.json\", \"parameter\": \"\($0)\", \"rule\": \"charset\", \"count\": 1}"
        }
        try dir.write("b.base", "{\"version\": 1, \"entries\": [\(entries.joined(separator: ",\n"))]}\n")
        let r = runCLI([
            "lint", "--baseline", dir.path + "/b.base", "--max-findings-per-file", "1", dir.path + "/a.json",
        ])
        #expect(r.out.components(separatedBy: "stale-baseline").count - 1 == 3, "\(r.out)")
        #expect(!r.out.contains("limit-exceeded"))
        #expect(r.status == 0)
    }

    /// Standard input named like a file on the command line: two test cases in JUnit, gathered
    /// (with a baseline) or not.
    @Test func aNameGivenTwiceIsListedTwiceInEveryMode() throws {
        let dir = try TempDir()
        try dir.write("empty.json", "{\"version\": 1, \"entries\": []}\n")
        let text = readText("testdata/valid/minimal.json")!
        let args = [
            "lint", "--format", "junit", "--stdin-filename", "testdata/valid/minimal.json", "-",
            "testdata/valid/minimal.json",
        ]
        let plain = runCLI(args, stdin: text)
        let gathered = runCLI(args + ["--baseline", dir.path + "/empty.json"], stdin: text)
        #expect(plain.out.components(separatedBy: "<testcase ").count - 1 == 2, "\(plain.out)")
        #expect(gathered.out == plain.out)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
