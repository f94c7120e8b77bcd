import TcpglintCore
import TcpglintReport
import Testing

/// What a report holds and how `render` hands it to a format.
@Suite struct ReportTests {
    @Test func findingsAreSortedByFileDocumentPositionRuleAndMessage() {
        let report = Fixture.multiDocument.report()
        #expect(
            report.findings.map { "\($0.file) \($0.document) \($0.range.start) \($0.rule)" } == [
                "requests/a.json 1 1:1 not-a-request",
                "requests/a.json 1 2:11 zone-in-region",
                "requests/a.json 1 5:3 duplicate-key",
                "requests/a.json 1 9:3 duplicate-key",
                "requests/a.json 1 11:16 one-primary",
                "requests/stream.yaml 1 3:10 charset",
                "requests/stream.yaml 3 14:10 quoted-literal",
                "requests/stream.yaml 3 15:16 admin-password-short",
            ])
        #expect(report.files.map(\.name) == ["requests/a.json", "requests/clean.json", "requests/stream.yaml"])
        #expect(report.rules.map(\.id) == ["charset", "duplicate-key", "quoted-literal", "zone-in-region"])
    }

    @Test func totalsCountSeveritiesFilesAndTheBaseline() {
        let t = Fixture.multiDocument.report().totals
        #expect(
            [t.fileCount, t.filesWithFindings, t.errors, t.warnings, t.infos, t.baselined, t.findings] == [
                3, 2, 5, 2, 1, 2, 8,
            ])
        let e = Fixture.empty.report().totals
        #expect([e.fileCount, e.filesWithFindings, e.findings, e.baselined] == [0, 0, 0, 0])
    }

    @Test func findingsByFileAreRunsOfOneFile() {
        let runs = Fixture.multiDocument.report().findingsByFile
        #expect(
            runs.map { $0.map(\.file) } == [
                Array(repeating: "requests/a.json", count: 5), Array(repeating: "requests/stream.yaml", count: 3),
            ])
        #expect(Fixture.empty.report().findingsByFile.isEmpty)
    }

    @Test func aFindingFailsAtItsFilesFailLevel() {
        var f = Fixture.multiDocument
        f.failLevels = ["requests/stream.yaml": .info]
        let report = f.report()
        let failing = report.findings.filter(report.isFailing).map(\.rule)
        #expect(
            failing == [
                "zone-in-region", "duplicate-key", "duplicate-key", "one-primary", "charset", "quoted-literal",
                "admin-password-short",
            ])
        let strict = f.report(defaultFailLevel: .warning)
        #expect(strict.findings.filter(strict.isFailing).count == 8)
    }

    /// `render` calls a format as a streamed run does: begin with the rules, every linted file
    /// with its fail level, the findings one file at a time, then end with the totals.
    @Test func renderHandsTheReportOverFileByFile() {
        struct Recorder: Reporter {
            func begin(rules: [RuleSummary]) -> String { "begin \(rules.map(\.id))\n" }
            mutating func file(_ file: LintedFile, failLevel: Severity) {
                files.append("\(file.name) \(file.documents) \(failLevel)")
            }
            var files: [String] = []
            func add(_ findings: [Finding], of file: LintedFile) -> String {
                "add \(findings.count) of \(file.name) (\(file.documents)) after \(files)\n"
            }
            func end(_ totals: Totals) -> String { "end \(totals.findings) in \(totals.fileCount)\n" }
        }
        var f = Fixture.multiDocument
        f.failLevels = ["requests/clean.json": .info]
        #expect(
            Recorder().render(f.report()) == """
                begin ["charset", "duplicate-key", "quoted-literal", "zone-in-region"]
                add 5 of requests/a.json (1) after ["requests/a.json 1 error", "requests/clean.json 1 info", "requests/stream.yaml 3 error"]
                add 3 of requests/stream.yaml (3) after ["requests/a.json 1 error", "requests/clean.json 1 info", "requests/stream.yaml 3 error"]
                end 8 in 3

                """)
        #expect(Recorder().render(Fixture.empty.report()) == "begin []\nend 0 in 0\n")
    }
}
