import TcpglintCore

// MARK: - Output formats

/// What a run found: the findings of every file, sorted, and what the formats need around them.
public struct Report: Sendable {
    public let findings: [Finding]
    /// How many files (a stream counts once) were linted, plus other files findings are about.
    public let fileCount: Int
    /// How many findings a baseline accepted (not in `findings`).
    public let baselined: Int
    /// The linted files in name order, with the number of documents of each (0 when unreadable).
    public let files: [LintedFile]
    /// The rules and diagnostics that could have reported, for formats that describe them.
    public let rules: [RuleSummary]
    /// The fail level of each file; others use `defaultFailLevel`.
    public let failLevels: [String: Severity]
    public let defaultFailLevel: Severity

    public init(
        findings: [Finding], fileCount: Int, baselined: Int = 0, files: [LintedFile] = [], rules: [RuleSummary] = [],
        failLevels: [String: Severity] = [:], defaultFailLevel: Severity = .error
    ) {
        self.findings = findings.sorted(by: Finding.ordered)
        self.fileCount = fileCount
        self.baselined = baselined
        self.files = files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.rules = rules.sorted { $0.id < $1.id }
        self.failLevels = failLevels
        self.defaultFailLevel = defaultFailLevel
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The number of files with at least one finding.
    public var filesWithFindings: Int { Set(findings.map { $0.file }).count }

    /// Whether a finding is at or above its file's fail level.
    public func isFailing(_ f: Finding) -> Bool { f.severity >= (failLevels[f.file] ?? defaultFailLevel) }
}

/// A linted file, for formats that list every file (JUnit).
public struct LintedFile: Sendable {
    public let name: String
    public let documents: Int
    public init(name: String, documents: Int) {
        self.name = name
        self.documents = documents
    }
}

/// What a format says about a rule: SARIF's `tool.driver.rules`.
public struct RuleSummary: Sendable {
    public let id: String
    public let code: String
    public let severity: Severity
    public let summary: String
    /// The documentation: rationale and source, as `explain` has them.
    public let help: String
    public init(id: String, code: String, severity: Severity, summary: String, help: String) {
        self.id = id
        self.code = code
        self.severity = severity
        self.summary = summary
        self.help = help
    }
}

/// An output format.
public protocol Reporter {
    func render(_ report: Report) -> String
}

/// `file:line:col: severity: message [code] (rule)`, one line a finding, then a summary line.
/// A finding in a YAML stream of several documents ends with `in document N`. With `color`,
/// ANSI colours mark the position, the severity and the ids.
public struct TextReporter: Reporter {
    public let color: Bool

    public init(color: Bool = false) { self.color = color }

    public func render(_ report: Report) -> String {
        var out = ""
        for f in report.findings {
            out += line(f)
            out += "\n"
        }
        out += paint(summary(report), "1")
        out += "\n"
        return out
    }

    func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    public func line(_ f: Finding) -> String {
        let severityColor: String
        switch f.severity {
        case .error: severityColor = "1;31"
        case .warning: severityColor = "1;33"
        case .info: severityColor = "1;36"
        }
        var s = paint("\(f.file):\(f.range.start.line):\(f.range.start.column):", "1")
        s += " " + paint("\(f.severity):", severityColor) + " \(f.message) "
        s += paint("[\(f.code)] (\(f.rule))", "2")
        if f.documentCount > 1 { s += " in document \(f.document)" }
        return s
    }

    /// `3 errors, 1 warning in 2 of 14 files`, or `no problems in 14 files`; then how many
    /// findings a baseline accepted, if any.
    public func summary(_ report: Report) -> String {
        let baselined = report.baselined > 0 ? " (\(report.baselined) baselined)" : ""
        let files = report.fileCount == 1 ? "1 file" : "\(report.fileCount) files"
        if report.findings.isEmpty { return "no problems in \(files)" + baselined }
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        add(report.count(.error), "error", "errors")
        add(report.count(.warning), "warning", "warnings")
        add(report.count(.info), "info", "infos")
        return "\(parts.joined(separator: ", ")) in \(report.filesWithFindings) of \(files)" + baselined
    }
}

/// One JSON object: `{"version": 1, "findings": [...], "summary": {...}}`, keys in a fixed order.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        var out = "{\n  \"version\": 1,\n  \"findings\": ["
        for (i, f) in report.findings.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {"
            out += "\"file\": \(JSON.string(f.file)), "
            out += "\"document\": \(f.document), "
            out += "\"line\": \(f.range.start.line), "
            out += "\"column\": \(f.range.start.column), "
            out += "\"endLine\": \(f.range.end.line), "
            out += "\"endColumn\": \(f.range.end.column), "
            out += "\"severity\": \(JSON.string(f.severity.description)), "
            out += "\"code\": \(JSON.string(f.code)), "
            out += "\"rule\": \(JSON.string(f.rule)), "
            out += "\"parameter\": \(JSON.string(f.path)), "
            out += "\"message\": \(JSON.string(f.message))"
            out += "}"
        }
        out += report.findings.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"summary\": {"
        out += "\"files\": \(report.fileCount), "
        out += "\"filesWithFindings\": \(report.filesWithFindings), "
        out += "\"errors\": \(report.count(.error)), "
        out += "\"warnings\": \(report.count(.warning)), "
        out += "\"infos\": \(report.count(.info)), "
        out += "\"baselined\": \(report.baselined)"
        out += "}\n}\n"
        return out
    }
}

/// JSON text helpers.
public enum JSON {
    /// A JSON string literal, escaped as RFC 8259 requires (and U+2028/U+2029 for safety).
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Writes a baseline: one entry per line, sorted, so that it diffs well and shrinks visibly.
public enum BaselineWriter {
    public static func render(_ entries: [Baseline.Entry]) -> String {
        var out = "{\n  \"version\": 1,\n  \"entries\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"file\": \(JSON.string(e.key.file)), \"parameter\": \(JSON.string(e.key.parameter)), "
            out += "\"rule\": \(JSON.string(e.key.rule)), \"count\": \(e.count)}"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
