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

    public var listsRules: Bool { true }

    public mutating func begin(rules: [RuleSummary]) -> String {
        var lines: [String] = []
        for (i, r) in rules.sorted(by: { $0.id < $1.id }).enumerated() {
            ruleIndex[r.id] = i
            var s = "          {\"id\": \(JSON.string(r.id)), \"name\": \(JSON.string(SARIFReporter.pascal(r.id))), "
            s += "\"shortDescription\": {\"text\": \(JSON.string(r.summary))}, "
            s += "\"fullDescription\": {\"text\": \(JSON.string(r.help.isEmpty ? r.summary : r.help))}, "
            s +=
                "\"help\": {\"text\": \(JSON.string(r.help.isEmpty ? r.summary : r.help)), \"markdown\": \(JSON.string(markdownHelp(r)))}, "
            if let uri = r.helpURI { s += "\"helpUri\": \(JSON.string(uri)), " }
            s += "\"defaultConfiguration\": {\"level\": \(JSON.string(SARIFReporter.level(r.severity)))}, "
            s +=
                "\"properties\": {\"code\": \(JSON.string(r.code)), \"tags\": [\(JSON.string(r.code.hasPrefix("Tcpglint.") ? "tcpglint" : "api-constraint"))]}}"
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

    public mutating func add(_ findings: [Finding], of file: LintedFile) -> String {
        var out = ""
        for f in findings {
            let (key, n) = occurrences.next(f)
            var s = any ? ",\n" : "\n"
            any = true
            s += "        {\"ruleId\": \(JSON.string(f.rule)), "
            if let i = ruleIndex[f.rule] { s += "\"ruleIndex\": \(i), " }
            s += "\"level\": \(JSON.string(SARIFReporter.level(f.severity))), "
            s += "\"message\": {\"text\": \(JSON.string(f.message))}, "
            s +=
                "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \(JSON.string(SARIFReporter.uri(f.file))), \"uriBaseId\": \"%SRCROOT%\"}, "
            let end =
                f.range.end.line > f.range.start.line || f.range.end.column > f.range.start.column
                ? f.range.end : f.range.start
            s += "\"region\": {\"startLine\": \(f.range.start.line), \"startColumn\": \(f.range.start.column), "
            s += "\"endLine\": \(end.line), \"endColumn\": \(max(end.column, f.range.start.column))}}}], "
            s += "\"partialFingerprints\": {\"tcpglint/v1\": \(JSON.string(Fingerprint.hex("\(key)|\(n)")))}, "
            s += "\"properties\": {\"code\": \(JSON.string(f.code)), \"parameter\": \(JSON.string(f.path.description))"
            if file.documents > 1 { s += ", \"document\": \(f.document)" }
            s += "}"
            if let fix = f.fix, !fix.edits.isEmpty { s += ", " + SARIFReporter.fixes(fix, file: f.file) }
            s += "}"
            out += s
        }
        return out
    }

    public func end(_ totals: Totals) -> String {
        (any ? "\n      " : "") + "]\n    }\n  ]\n}\n"
    }

    /// `"fixes": [...]`: the fix's edits as replacements of regions of the file as read (line
    /// and column as the result's, and the byte range), its applicability in `properties`.
    static func fixes(_ fix: Fix, file: String) -> String {
        var s = "\"fixes\": [{\"description\": {\"text\": \(JSON.string(fix.description))}, "
        s +=
            "\"artifactChanges\": [{\"artifactLocation\": {\"uri\": \(JSON.string(uri(file))), \"uriBaseId\": \"%SRCROOT%\"}, "
        s += "\"replacements\": ["
        s += fix.edits.map { e in
            "{\"deletedRegion\": {\"startLine\": \(e.range.start.line), \"startColumn\": \(e.range.start.column), "
                + "\"endLine\": \(e.range.end.line), \"endColumn\": \(e.range.end.column), "
                + "\"byteOffset\": \(e.byteOffset), \"byteLength\": \(e.byteLength)}, "
                + "\"insertedContent\": {\"text\": \(JSON.string(e.replacement))}}"
        }.joined(separator: ", ")
        s += "]}], \"properties\": {\"applicability\": \(JSON.string(fix.applicability.description))}}]"
        return s
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
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
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
