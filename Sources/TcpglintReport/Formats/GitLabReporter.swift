import TcpglintCore

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

    public mutating func add(_ findings: [Finding], of file: LintedFile) -> String {
        var out = ""
        for f in findings {
            let (key, n) = occurrences.next(f)
            out += any ? ",\n" : "\n"
            any = true
            var s = "  {\"description\": \(JSON.string(f.message)), \"check_name\": \(JSON.string(f.rule)), "
            s += "\"fingerprint\": \(JSON.string(Fingerprint.hex("\(key)|\(n)"))), "
            s += "\"severity\": \(JSON.string(GitLabReporter.severity(f.severity))), "
            s +=
                "\"location\": {\"path\": \(JSON.string(f.file)), \"positions\": {\"begin\": {\"line\": \(f.range.start.line), \"column\": \(f.range.start.column)}, "
            s +=
                "\"end\": {\"line\": \(max(f.range.end.line, f.range.start.line)), \"column\": \(f.range.end.column)}}}, "
            s += "\"categories\": [\(JSON.string(f.code.hasPrefix("Tcpglint.") ? "Style" : "Bug Risk"))], "
            s += "\"engine_name\": \"tcpglint\"}"
            out += s
        }
        return out
    }

    public func end(_ totals: Totals) -> String { any ? "\n]\n" : "]\n" }
}
