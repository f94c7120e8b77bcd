import TcpglintCore

/// `file:line:col: severity: message [code] (rule)`, one line a finding, then a summary line.
/// A finding in a YAML stream of several documents ends with `in document N`. With `color`,
/// ANSI colours mark the position, the severity and the ids.
public struct TextReporter: Reporter {
    public let color: Bool

    public init(color: Bool = false) { self.color = color }

    public func begin(rules: [RuleSummary]) -> String { "" }

    public func add(_ findings: [Finding], of file: LintedFile) -> String {
        var out = ""
        for f in findings {
            out += line(f, multiDocument: file.documents > 1)
            out += "\n"
        }
        return out
    }

    public func end(_ totals: Totals) -> String {
        paint(summary(totals), "1") + "\n" + (TextReporter.fixable(totals).map { $0 + "\n" } ?? "")
    }

    /// `N fixable with --fix (M more with --unsafe-fixes)`, a line of its own after the
    /// summary, when any finding has a fix that can be applied.
    public static func fixable(_ totals: Totals) -> String? {
        let n = totals.fixable
        let m = totals.unsafeFixable
        guard n + m > 0 else { return nil }
        return "\(n) fixable with --fix" + (m > 0 ? " (\(m) more with --unsafe-fixes)" : "")
    }

    func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// One finding's line; `multiDocument` when its file is a stream of several documents.
    public func line(_ f: Finding, multiDocument: Bool) -> String {
        let severityColor: String
        switch f.severity {
        case .error: severityColor = "1;31"
        case .warning: severityColor = "1;33"
        case .info: severityColor = "1;36"
        }
        var s = paint("\(f.file):\(f.range.start.line):\(f.range.start.column):", "1")
        s += " " + paint("\(f.severity):", severityColor) + " \(f.message) "
        s += paint("[\(f.code)] (\(f.rule))", "2")
        if multiDocument { s += " in document \(f.document)" }
        return s
    }

    /// `3 errors, 1 warning in 2 of 14 files`, or `no problems in 14 files`; then how many
    /// findings a baseline accepted, if any.
    public func summary(_ totals: Totals) -> String {
        let baselined = totals.baselined > 0 ? " (\(totals.baselined) baselined)" : ""
        let files = totals.fileCount == 1 ? "1 file" : "\(totals.fileCount) files"
        if totals.findings == 0 { return "no problems in \(files)" + baselined }
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        add(totals.errors, "error", "errors")
        add(totals.warnings, "warning", "warnings")
        add(totals.infos, "info", "infos")
        return "\(parts.joined(separator: ", ")) in \(totals.filesWithFindings) of \(files)" + baselined
    }
}
