import TcpglintCore

/// One JSON object: `{"version": 1, "findings": [...], "summary": {...}}`, keys in a fixed order.
public struct JSONReporter: Reporter {
    private var any = false
    public init() {}

    public func begin(rules: [RuleSummary]) -> String { "{\n  \"version\": 1,\n  \"findings\": [" }

    public mutating func add(_ findings: [Finding], of file: LintedFile) -> String {
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
            JSON.append(f.path.description, to: &out)
            out.append(", \"message\": ")
            JSON.append(f.message, to: &out)
            if let fix = f.fix { Self.append(fix, to: &out) }
            out.append("}")
        }
        return out
    }

    /// `"fix": {"applicability", "description", "edits": [...]}`, after `message`; only on a
    /// fixable finding (an optional key: `version` stays 1).
    static func append(_ fix: Fix, to out: inout String) {
        out.append(", \"fix\": {\"applicability\": ")
        JSON.append(fix.applicability.description, to: &out)
        out.append(", \"description\": ")
        JSON.append(fix.description, to: &out)
        out.append(", \"edits\": [")
        for (i, e) in fix.edits.enumerated() {
            if i > 0 { out.append(", ") }
            out.append("{\"line\": \(e.range.start.line), \"column\": \(e.range.start.column), ")
            out.append("\"endLine\": \(e.range.end.line), \"endColumn\": \(e.range.end.column), ")
            out.append("\"byteOffset\": \(e.byteOffset), \"byteLength\": \(e.byteLength), \"replacement\": ")
            JSON.append(e.replacement, to: &out)
            out.append("}")
        }
        out.append("]}")
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
