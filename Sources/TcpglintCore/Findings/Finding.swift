#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How serious a finding is. `error`: the API rejects the request. `warning`: probably wrong, or
/// the evidence is mixed. `info`: worth knowing.
public enum Severity: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case info = 0
    case warning = 1
    case error = 2

    public init?(name: String) {
        switch name {
        case "error": self = .error
        case "warning": self = .warning
        case "info": self = .info
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "info"
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// One problem found in one file.
public struct Finding: Sendable, Hashable {
    /// The file name as given on the command line (or `--stdin-filename`).
    public var file: String
    /// The 1-based number of the document in a YAML stream; 1 for JSON. (How many documents
    /// the file holds is the file's, not the finding's: reporters are told it with each file.)
    public var document: Int
    public var range: SourceRange
    public var severity: Severity
    /// The API error code this finding mirrors, or a `Tcpglint.` code of tcpglint's own.
    public var code: String
    /// The stable id of the rule that made the finding.
    public var rule: String
    /// The parameter path (`DBNodeSet[1].Zone`), or `.root` (`$`) for the whole request; kept
    /// as components, rendered to text only by reporters and baselines.
    public var path: ParamPath
    public var message: String
    /// What the file should read instead, where a check knows it for certain (see Fix).
    public var fix: Fix?

    public init(
        file: String, document: Int = 1, range: SourceRange,
        severity: Severity, code: String, rule: String, path: ParamPath, message: String, fix: Fix? = nil
    ) {
        self.file = file
        self.document = document
        self.range = range
        self.severity = severity
        self.code = code
        self.rule = rule
        self.path = path
        self.message = message
        self.fix = fix
    }

    /// The order findings are printed in: file, document, line, column, then rule, the rendered
    /// path (as text, so two paths that render alike tie) and message.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file.utf8Precedes(b.file) }
        if a.document != b.document { return a.document < b.document }
        if a.range.start.line != b.range.start.line { return a.range.start.line < b.range.start.line }
        if a.range.start.column != b.range.start.column { return a.range.start.column < b.range.start.column }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.path != b.path {
            let x = a.path.description
            let y = b.path.description
            if x != y { return x < y }
        }
        return a.message < b.message
    }
}

extension String {
    /// Byte-wise (UTF-8) order, the order of file names in all output: the same on every
    /// platform and locale, and a `memcmp` rather than a walk of Unicode scalars.
    public func utf8Precedes(_ other: String) -> Bool {
        var a = self
        var b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                if n > 0, let px = x.baseAddress, let py = y.baseAddress {
                    let c = memcmp(px, py, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
