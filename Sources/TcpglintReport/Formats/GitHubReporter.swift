import TcpglintCore

// MARK: - GitHub Actions

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), escaped
/// as GitHub specifies: `%`, CR and LF in the message; also `:` and `,` in properties.
public struct GitHubReporter: Reporter {
    public init() {}

    public func begin(rules: [RuleSummary]) -> String { "" }

    public func end(_ totals: Totals) -> String { TextReporter().summary(totals) + "\n" }

    public func add(_ findings: [Finding], of file: LintedFile) -> String {
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
