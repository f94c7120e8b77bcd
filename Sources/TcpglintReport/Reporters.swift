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
        self.files = files.sorted { $0.name.utf8Precedes($1.name) }
        self.rules = rules.sorted { $0.id < $1.id }
        self.failLevels = failLevels
        self.defaultFailLevel = defaultFailLevel
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The number of files with at least one finding.
    public var filesWithFindings: Int { Set(findings.map { $0.file }).count }

    /// Whether a finding is at or above its file's fail level.
    public func isFailing(_ f: Finding) -> Bool { f.severity >= (failLevels[f.file] ?? defaultFailLevel) }

    /// The findings in runs of one file each, in order.
    public var findingsByFile: [[Finding]] {
        var out: [[Finding]] = []
        var i = 0
        while i < findings.count {
            var j = i + 1
            while j < findings.count, findings[j].file == findings[i].file { j += 1 }
            out.append(Array(findings[i..<j]))
            i = j
        }
        return out
    }

    public var totals: Totals {
        Totals(fileCount: fileCount, filesWithFindings: filesWithFindings, errors: count(.error), warnings: count(.warning),
               infos: count(.info), baselined: baselined)
    }
}

/// The counts a report ends with; a streamed run adds them up as the files finish.
public struct Totals: Sendable {
    public var fileCount: Int
    public var filesWithFindings: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var baselined: Int
    public init(fileCount: Int = 0, filesWithFindings: Int = 0, errors: Int = 0, warnings: Int = 0, infos: Int = 0, baselined: Int = 0) {
        self.fileCount = fileCount
        self.filesWithFindings = filesWithFindings
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.baselined = baselined
    }
    public var findings: Int { errors + warnings + infos }

    /// Counts findings by severity (the caller counts the files).
    public mutating func add(_ findings: [Finding]) {
        for f in findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }
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

/// An output format, written as the files finish: `begin`, then the findings file by file in
/// file order (each call's findings sorted, all of one file), then `end` with the totals. A
/// format that needs everything before it can write (JUnit's counts come first) keeps what it is
/// given and writes it at `end`.
public protocol Reporter {
    mutating func begin(rules: [RuleSummary]) -> String
    /// A linted file, in file order, before its findings (JUnit lists every file).
    mutating func file(_ file: LintedFile, failLevel: Severity)
    mutating func add(_ findings: [Finding]) -> String
    mutating func end(_ totals: Totals) -> String
}

extension Reporter {
    public mutating func file(_ file: LintedFile, failLevel: Severity) {}

    /// The whole report at once.
    public func render(_ report: Report) -> String {
        var r = self
        var out = r.begin(rules: report.rules)
        for f in report.files { r.file(f, failLevel: report.failLevels[f.name] ?? report.defaultFailLevel) }
        // File by file, as a streamed run gives them.
        for chunk in report.findingsByFile { out += r.add(chunk) }
        out += r.end(report.totals)
        return out
    }
}

/// `file:line:col: severity: message [code] (rule)`, one line a finding, then a summary line.
/// A finding in a YAML stream of several documents ends with `in document N`. With `color`,
/// ANSI colours mark the position, the severity and the ids.
public struct TextReporter: Reporter {
    public let color: Bool

    public init(color: Bool = false) { self.color = color }

    public func begin(rules: [RuleSummary]) -> String { "" }

    public func add(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            out += line(f)
            out += "\n"
        }
        return out
    }

    public func end(_ totals: Totals) -> String {
        paint(summary(totals), "1") + "\n"
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

/// One JSON object: `{"version": 1, "findings": [...], "summary": {...}}`, keys in a fixed order.
public struct JSONReporter: Reporter {
    private var any = false
    public init() {}

    public func begin(rules: [RuleSummary]) -> String { "{\n  \"version\": 1,\n  \"findings\": [" }

    public mutating func add(_ findings: [Finding]) -> String {
        var out = ""
        out.reserveCapacity(findings.count * 320)
        for f in findings {
            out.append(any ? ",\n    {\"file\": " : "\n    {\"file\": ")
            any = true
            JSON.append(f.file, to: &out)
            out.append(", \"document\": ")
            out.append(String(f.document))
            out.append(", \"line\": ")
            out.append(String(f.range.start.line))
            out.append(", \"column\": ")
            out.append(String(f.range.start.column))
            out.append(", \"endLine\": ")
            out.append(String(f.range.end.line))
            out.append(", \"endColumn\": ")
            out.append(String(f.range.end.column))
            out.append(", \"severity\": ")
            JSON.append(f.severity.description, to: &out)
            out.append(", \"code\": ")
            JSON.append(f.code, to: &out)
            out.append(", \"rule\": ")
            JSON.append(f.rule, to: &out)
            out.append(", \"parameter\": ")
            JSON.append(f.path, to: &out)
            out.append(", \"message\": ")
            JSON.append(f.message, to: &out)
            out.append("}")
        }
        return out
    }

    public func end(_ totals: Totals) -> String {
        var out = any ? "\n  ],\n" : "],\n"
        out += "  \"summary\": {"
        out += "\"files\": \(totals.fileCount), "
        out += "\"filesWithFindings\": \(totals.filesWithFindings), "
        out += "\"errors\": \(totals.errors), "
        out += "\"warnings\": \(totals.warnings), "
        out += "\"infos\": \(totals.infos), "
        out += "\"baselined\": \(totals.baselined)"
        out += "}\n}\n"
        return out
    }
}

/// JSON text helpers.
public enum JSON {
    /// A JSON string literal, escaped as RFC 8259 requires (and U+2028/U+2029 for safety).
    public static func string(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal: runs of bytes that need no escape are copied whole
    /// (U+2028 and U+2029, escaped for safety, are E2 80 A8/A9).
    public static func append(_ s: String, to out: inout String) {
        out.append("\"")
        var copy = s
        copy.withUTF8 { bytes in
            var start = 0
            var i = 0
            func flush(_ end: Int) {
                if end > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
            }
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    i += 1
                    continue
                }
                var escape: String?
                var width = 1
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20: escape = JSON.unicodeEscape(UInt32(b))
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = JSON.unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: break
                }
                if let escape {
                    flush(i)
                    out.append(escape)
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            flush(bytes.count)
        }
        out.append("\"")
    }

    static func unicodeEscape(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
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
