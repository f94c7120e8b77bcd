import TcpglintCore

// MARK: - SARIF 2.1.0

/// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. Columns are code points
/// (`columnKind: unicodeCodePoints`); URIs are the paths as given, relative to `%SRCROOT%`.
public struct SARIFReporter: Reporter {
    public let version: String
    public init(version: String) { self.version = version }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    private var ruleIndex: [String: Int] = [:]
    private var any = false
    /// Equal findings (file, rule, parameter) seen so far in the current file, for fingerprints.
    private var occurrences = Occurrences()

    public mutating func begin(rules: [RuleSummary]) -> String {
        var lines: [String] = []
        for (i, r) in rules.sorted(by: { $0.id < $1.id }).enumerated() {
            ruleIndex[r.id] = i
            var s = "          {\"id\": \(JSON.string(r.id)), \"name\": \(JSON.string(SARIFReporter.pascal(r.id))), "
            s += "\"shortDescription\": {\"text\": \(JSON.string(r.summary))}, "
            s += "\"fullDescription\": {\"text\": \(JSON.string(r.help.isEmpty ? r.summary : r.help))}, "
            s += "\"help\": {\"text\": \(JSON.string(r.help.isEmpty ? r.summary : r.help)), \"markdown\": \(JSON.string(markdownHelp(r)))}, "
            s += "\"defaultConfiguration\": {\"level\": \(JSON.string(SARIFReporter.level(r.severity)))}, "
            s += "\"properties\": {\"code\": \(JSON.string(r.code)), \"tags\": [\(JSON.string(r.code.hasPrefix("Tcpglint.") ? "tcpglint" : "api-constraint"))]}}"
            lines.append(s)
        }
        var out = "{\n"
        out += "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
        out += "  \"version\": \"2.1.0\",\n"
        out += "  \"runs\": [\n    {\n"
        out += "      \"tool\": {\"driver\": {\"name\": \"tcpglint\", \"version\": \(JSON.string(version)), "
        out += "\"informationUri\": \"https://github.com/tcpglint/tcpglint\", \"rules\": [\n"
        out += lines.joined(separator: ",\n")
        out += "\n      ]}},\n"
        out += "      \"columnKind\": \"unicodeCodePoints\",\n"
        out += "      \"results\": ["
        return out
    }

    public mutating func add(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let (key, n) = occurrences.next(f)
            var s = any ? ",\n" : "\n"
            any = true
            s += "        {\"ruleId\": \(JSON.string(f.rule)), "
            if let i = ruleIndex[f.rule] { s += "\"ruleIndex\": \(i), " }
            s += "\"level\": \(JSON.string(SARIFReporter.level(f.severity))), "
            s += "\"message\": {\"text\": \(JSON.string(f.message))}, "
            s += "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \(JSON.string(SARIFReporter.uri(f.file))), \"uriBaseId\": \"%SRCROOT%\"}, "
            let end = f.range.end.line > f.range.start.line || f.range.end.column > f.range.start.column ? f.range.end : f.range.start
            s += "\"region\": {\"startLine\": \(f.range.start.line), \"startColumn\": \(f.range.start.column), "
            s += "\"endLine\": \(end.line), \"endColumn\": \(max(end.column, f.range.start.column))}}}], "
            s += "\"partialFingerprints\": {\"tcpglint/v1\": \(JSON.string(Fingerprint.hex("\(key)|\(n)")))}, "
            s += "\"properties\": {\"code\": \(JSON.string(f.code)), \"parameter\": \(JSON.string(f.path))"
            if f.documentCount > 1 { s += ", \"document\": \(f.document)" }
            s += "}}"
            out += s
        }
        return out
    }

    public func end(_ totals: Totals) -> String {
        (any ? "\n      " : "") + "]\n    }\n  ]\n}\n"
    }

    func markdownHelp(_ r: RuleSummary) -> String {
        "**\(r.summary)** (`\(r.code)`)\n\n\(r.help)\n\nRun `tcpglint explain \(r.id)` for the examples."
    }

    /// `zone-in-region` → `ZoneInRegion`.
    static func pascal(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative path as a URI reference: percent-encodes what a URI may not hold.
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let h = String(b, radix: 16, uppercase: true)
                out += "%" + (h.count == 1 ? "0" + h : h)
            }
        }
        return out
    }
}

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

    public mutating func add(_ findings: [Finding]) -> String {
        self.findings += findings
        return ""
    }

    public func end(_ totals: Totals) -> String {
        let report = Report(findings: findings, fileCount: totals.fileCount, files: files, failLevels: failLevels,
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
        out += "  <testsuite name=\"tcpglint\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        let text = TextReporter()
        for c in cases {
            out += "    <testcase classname=\(XML.attribute(c.file)) name=\(XML.attribute(c.name))"
            if c.findings.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            let lines = c.findings.map { text.line($0) }.joined(separator: "\n")
            if c.findings.contains(where: report.isFailing) {
                let worst = c.findings.map(\.severity).max()!
                let n = c.findings.count
                out += "      <failure type=\(XML.attribute(worst.description)) message=\(XML.attribute("\(n) finding\(n == 1 ? "" : "s")"))>"
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

/// XML escaping; characters XML 1.0 cannot hold become U+FFFD.
enum XML {
    static func text(_ s: String) -> String { escape(s, attribute: false) }
    static func attribute(_ s: String) -> String { "\"" + escape(s, attribute: true) + "\"" }

    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}

// MARK: - GitHub Actions

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), escaped
/// as GitHub specifies: `%`, CR and LF in the message; also `:` and `,` in properties.
public struct GitHubReporter: Reporter {
    public init() {}

    public func begin(rules: [RuleSummary]) -> String { "" }

    public func end(_ totals: Totals) -> String { TextReporter().summary(totals) + "\n" }

    public func add(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var props = "file=\(GitHubReporter.property(f.file)),line=\(f.range.start.line),col=\(f.range.start.column)"
            if f.range.end.line >= f.range.start.line, f.range.end != f.range.start {
                props += ",endLine=\(f.range.end.line),endColumn=\(f.range.end.column)"
            }
            props += ",title=\(GitHubReporter.property("\(f.rule) [\(f.code)]"))"
            out += "::\(command) \(props)::\(GitHubReporter.data(f.message))\n"
        }
        return out
    }

    static func data(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func property(_ s: String) -> String {
        var out = ""
        for c in data(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

// MARK: - GitLab Code Quality

/// GitLab Code Quality JSON: an array of issues with a stable fingerprint each. The fingerprint
/// hashes the file, rule, parameter and the finding's place among equal ones — not the line —
/// so that moving a finding does not make it new.
public struct GitLabReporter: Reporter {
    public init() {}

    static func severity(_ s: Severity) -> String {
        switch s {
        case .error: return "major"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    private var any = false
    private var occurrences = Occurrences()

    public func begin(rules: [RuleSummary]) -> String { "[" }

    public mutating func add(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let (key, n) = occurrences.next(f)
            out += any ? ",\n" : "\n"
            any = true
            var s = "  {\"description\": \(JSON.string(f.message)), \"check_name\": \(JSON.string(f.rule)), "
            s += "\"fingerprint\": \(JSON.string(Fingerprint.hex("\(key)|\(n)"))), "
            s += "\"severity\": \(JSON.string(GitLabReporter.severity(f.severity))), "
            s += "\"location\": {\"path\": \(JSON.string(f.file)), \"positions\": {\"begin\": {\"line\": \(f.range.start.line), \"column\": \(f.range.start.column)}, "
            s += "\"end\": {\"line\": \(max(f.range.end.line, f.range.start.line)), \"column\": \(f.range.end.column)}}}, "
            s += "\"categories\": [\(JSON.string(f.code.hasPrefix("Tcpglint.") ? "Style" : "Bug Risk"))], "
            s += "\"engine_name\": \"tcpglint\"}"
            out += s
        }
        return out
    }

    public func end(_ totals: Totals) -> String { any ? "\n]\n" : "]\n" }
}

/// Counts equal findings (same file, rule and parameter) in order, for fingerprints that do not
/// depend on line numbers. Findings come file by file, so only the current file's are kept.
struct Occurrences {
    private var file = ""
    private var seen: [String: Int] = [:]

    mutating func next(_ f: Finding) -> (key: String, n: Int) {
        if f.file != file {
            file = f.file
            seen.removeAll(keepingCapacity: true)
        }
        let key = "\(f.file)|\(f.rule)|\(f.path)"
        let n = seen[key, default: 0]
        seen[key] = n + 1
        return (key, n)
    }
}

/// A stable 128-bit fingerprint in hex: two FNV-1a 64 hashes with different offsets.
public enum Fingerprint {
    public static func hex(_ s: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x84222325_cbf29ce4
        for byte in s.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b ^ (b >> 29)
        }
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}
