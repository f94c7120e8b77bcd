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
        var t = Totals(fileCount: fileCount, filesWithFindings: filesWithFindings, baselined: baselined)
        t.add(findings)
        return t
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
    /// Findings with a safe fix (`--fix` applies it), and with an unsafe one (`--unsafe-fixes`).
    public var fixable: Int = 0
    public var unsafeFixable: Int = 0
    public init(
        fileCount: Int = 0, filesWithFindings: Int = 0, errors: Int = 0, warnings: Int = 0, infos: Int = 0,
        baselined: Int = 0
    ) {
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
            switch f.fix?.applicability {
            case .safe?: fixable += 1
            case .unsafe?: unsafeFixable += 1
            case .displayOnly?, nil: break
            }
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
    /// Where the rule's source can be read, when its reference says.
    public let helpURI: String?
    public init(id: String, code: String, severity: Severity, summary: String, help: String, helpURI: String? = nil) {
        self.id = id
        self.code = code
        self.severity = severity
        self.summary = summary
        self.help = help
        self.helpURI = helpURI
    }
}

/// An output format, written as the files finish: `begin`, then the findings file by file in
/// file order (each call's findings sorted, all of one file), then `end` with the totals. A
/// format that needs everything before it can write (JUnit's counts come first) keeps what it is
/// given and writes it at `end`.
public protocol Reporter {
    /// Whether `begin` writes the rules out (SARIF's `tool.driver.rules`); the others are given
    /// none, so that a run does not describe every rule for nothing.
    var listsRules: Bool { get }
    mutating func begin(rules: [RuleSummary]) -> String
    /// A linted file, in file order, once, with its number of documents (JUnit lists every
    /// file); before its findings, or for a long stream with its last piece.
    mutating func file(_ file: LintedFile, failLevel: Severity)
    /// Findings of `file` (its documents so far: a stream's pieces count up).
    mutating func add(_ findings: [Finding], of file: LintedFile) -> String
    mutating func end(_ totals: Totals) -> String
}

extension Reporter {
    public var listsRules: Bool { false }

    public mutating func file(_ file: LintedFile, failLevel: Severity) {}

    /// The whole report at once.
    public func render(_ report: Report) -> String {
        var r = self
        var out = r.begin(rules: report.rules)
        for f in report.files { r.file(f, failLevel: report.failLevels[f.name] ?? report.defaultFailLevel) }
        // File by file, as a streamed run gives them.
        var files: [String: LintedFile] = [:]
        for f in report.files { files[f.name] = f }
        for chunk in report.findingsByFile {
            let name = chunk[0].file
            out += r.add(chunk, of: files[name] ?? LintedFile(name: name, documents: 0))
        }
        out += r.end(report.totals)
        return out
    }
}
