import TcpglintCore

// MARK: - JUnit XML

/// JUnit XML: one test case per linted file (per document of a stream), failing when it has a
/// finding at or above the fail level; the findings are the failure's text. No timestamps or
/// durations, so the output is the same from run to run.
public struct JUnitReporter: Reporter {
    private var files: [LintedFile] = []
    private var failLevels: [String: Severity] = [:]
    private var findings: [Finding] = []
    /// The fail level of files with findings that were not linted (a config, a baseline).
    public let defaultFailLevel: Severity
    public init(defaultFailLevel: Severity = .error) { self.defaultFailLevel = defaultFailLevel }

    // The counts come first in JUnit, so the findings are kept and written at the end.
    public func begin(rules: [RuleSummary]) -> String { "" }

    public mutating func file(_ file: LintedFile, failLevel: Severity) {
        files.append(file)
        failLevels[file.name] = failLevel
    }

    public mutating func add(_ findings: [Finding], of file: LintedFile) -> String {
        self.findings += findings
        return ""
    }

    public func end(_ totals: Totals) -> String {
        let report = Report(
            findings: findings, fileCount: totals.fileCount, files: files, failLevels: failLevels,
            defaultFailLevel: defaultFailLevel)
        var byFile: [String: [Finding]] = [:]
        for f in report.findings { byFile[f.file, default: []].append(f) }
        var cases: [(file: String, name: String, findings: [Finding])] = []
        var listed = Set<String>()
        for file in report.files {
            listed.insert(file.name)
            let found = byFile[file.name] ?? []
            if file.documents > 1 {
                for d in 1...file.documents {
                    cases.append((file.name, "document \(d)", found.filter { $0.document == d }))
                }
            } else {
                cases.append((file.name, "request", found))
            }
        }
        // Files with findings that were not linted themselves: a config, a baseline.
        for name in byFile.keys.sorted() where !listed.contains(name) {
            cases.append((name, "configuration", byFile[name]!))
        }
        let failures = cases.filter { c in c.findings.contains(where: report.isFailing) }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tcpglint\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        out +=
            "  <testsuite name=\"tcpglint\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        let text = TextReporter()
        var documents: [String: Int] = [:]
        for f in files { documents[f.name] = f.documents }
        for c in cases {
            out += "    <testcase classname=\(XML.attribute(c.file)) name=\(XML.attribute(c.name))"
            if c.findings.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            let lines = c.findings.map { text.line($0, multiDocument: (documents[c.file] ?? 0) > 1) }.joined(
                separator: "\n")
            if c.findings.contains(where: report.isFailing) {
                let worst = c.findings.map(\.severity).max()!
                let n = c.findings.count
                out +=
                    "      <failure type=\(XML.attribute(worst.description)) message=\(XML.attribute("\(n) finding\(n == 1 ? "" : "s")"))>"
                out += XML.text(lines) + "</failure>\n"
            } else {
                out += "      <system-out>" + XML.text(lines) + "</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
