import TcpglintCore
import TcpglintReport

// The one place these tests make `Finding`s and `Report`s: the tests describe findings in plain
// values (a parameter as the text the formats print) and render the reports. A file's number of
// documents is the file's (`LintedFile`), not the finding's.

/// The files linted, the findings about them, and what else a report holds.
struct Fixture {
    /// Each file with its number of documents (more than one: a YAML stream).
    let files: [LintedFile]
    private(set) var findings: [Finding] = []
    var fileCount: Int
    var baselined = 0
    var rules: [RuleSummary] = []
    var failLevels: [String: Severity] = [:]

    init(files: [(name: String, documents: Int)], fileCount: Int? = nil) {
        self.files = files.map { LintedFile(name: $0.name, documents: $0.documents) }
        self.fileCount = fileCount ?? files.count
    }

    /// Adds a finding about `file`, in `document` (1 for a file of one), from `start` to `end`
    /// (line, column; the start itself when `end` is nil) at `parameter`, a path as written
    /// (`DBNodeSet[1].Zone`, `$`).
    mutating func add(
        _ file: String, document: Int = 1, at start: (Int, Int), to end: (Int, Int)? = nil,
        _ severity: Severity, code: String, rule: String, parameter: String, message: String
    ) {
        let from = SourcePosition(line: start.0, column: start.1, offset: 0)
        let to = end.map { SourcePosition(line: $0.0, column: $0.1, offset: 0) } ?? from
        findings.append(
            Finding(
                file: file, document: document, range: SourceRange(start: from, end: to),
                severity: severity, code: code, rule: rule, path: Fixture.path(parameter), message: message))
    }

    /// The parameter path a text spells (keys and indices).
    static func path(_ text: String) -> ParamPath {
        let pattern = PatternComponent.parse(path: text) ?? [.key(text)]
        return ParamPath(
            pattern.map { c -> PathComponent in
                switch c {
                case .key(let k): return .key(k)
                case .index(let i): return .index(i)
                case .anyIndex: return .index(0)
                case .embedded: return .embedded
                case .joined(let a): return .joined(a)
                }
            })
    }

    /// The report of the fixture (findings in the order added; the report sorts them).
    func report(defaultFailLevel: Severity = .error) -> Report {
        Report(
            findings: findings, fileCount: fileCount, baselined: baselined, files: files, rules: rules,
            failLevels: failLevels, defaultFailLevel: defaultFailLevel)
    }
}

extension Fixture {
    /// The fixtures every format renders, by name (the goldens are testdata/report/NAME.FORMAT.out).
    static let named: [String: Fixture] = ["multi-document": multiDocument, "escaping": escaping, "empty": empty]

    /// A YAML stream of three documents (findings in the first and the third, none in the
    /// second), a JSON file with two equal findings and one over several lines, and a clean
    /// file; some findings' rules are summarised (SARIF's rules), some not; two were baselined.
    static let multiDocument: Fixture = {
        var f = Fixture(files: [("requests/stream.yaml", 3), ("requests/a.json", 1), ("requests/clean.json", 1)])
        f.baselined = 2
        // Out of order on purpose: the report sorts them.
        f.add(
            "requests/a.json", at: (2, 11), to: (2, 26), .error, code: "InvalidParameterValue.IllegalZone",
            rule: "zone-in-region", parameter: "Zone", message: "Zone \"ap-shanghai-2\" is not in Region ap-guangzhou")
        f.add(
            "requests/stream.yaml", document: 3, at: (15, 16), to: (15, 27), .info,
            code: "InvalidParameterValue.InvalidPasswordValueError", rule: "admin-password-short",
            parameter: "AdminPassword",
            message: "AdminPassword has 11 characters; the page recommends more than 12")
        f.add(
            "requests/stream.yaml", document: 1, at: (3, 10), to: (3, 14), .error,
            code: "InvalidParameterValue.InvalidCharset",
            rule: "charset", parameter: "Charset",
            message: "Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"?")
        f.add(
            "requests/stream.yaml", document: 3, at: (14, 10), to: (14, 15), .warning, code: "InvalidParameter",
            rule: "quoted-literal", parameter: "Storage",
            message: "Storage is the string \"100\", but its type is an Integer (uint64); drop the quotes")
        f.add(
            "requests/a.json", at: (9, 3), to: (9, 9), .error, code: "Tcpglint.DuplicateKey", rule: "duplicate-key",
            parameter: "Tags", message: "the key \"Tags\" appears again; the first is at line 3, column 3")
        f.add(
            "requests/a.json", at: (5, 3), to: (5, 9), .error, code: "Tcpglint.DuplicateKey", rule: "duplicate-key",
            parameter: "Tags", message: "the key \"Tags\" appears again; the first is at line 3, column 3")
        f.add(
            "requests/a.json", at: (11, 16), to: (14, 4), .error,
            code: "InvalidParameterValue.InvalidParameterValueError",
            rule: "one-primary", parameter: "DBNodeSet",
            message: "DBNodeSet has no Primary node; exactly one is required")
        f.add(
            "requests/a.json", at: (1, 1), .warning, code: "Tcpglint.NotARequest", rule: "not-a-request",
            parameter: "$", message: "the request has no Region")
        f.rules = [
            RuleSummary(
                id: "zone-in-region", code: "InvalidParameterValue.IllegalZone", severity: .error,
                summary: "The zone is in the region", help: "A zone's name starts with its region's."),
            RuleSummary(
                id: "charset", code: "InvalidParameterValue.InvalidCharset", severity: .error,
                summary: "The character set is supported", help: ""),
            RuleSummary(
                id: "duplicate-key", code: "Tcpglint.DuplicateKey", severity: .error,
                summary: "A key appears twice in one object", help: "The API reads one of them."),
            RuleSummary(
                id: "quoted-literal", code: "InvalidParameter", severity: .warning,
                summary: "A number or boolean is quoted", help: "Drop the quotes."),
        ]
        return f
    }()

    /// Names and messages with what every format must escape: quotes, backslashes, `<`, `>`,
    /// `&`, `%`, `:` and `,`, a tab, line breaks, a control character, U+2028, non-ASCII
    /// letters and spaces in a file name. No secret: the messages are made up.
    static let escaping: Fixture = {
        var f = Fixture(files: [("odd dir/50% a,b:c&<d>.json", 1), ("订单/é.yaml", 2)])
        f.add(
            "odd dir/50% a,b:c&<d>.json", at: (1, 1), to: (1, 2), .error, code: "Org.Escape", rule: "escape-check",
            parameter: "Tags[0].Key",
            message:
                "Key \"a\\b\" has <tag> & 50% \"quotes\",\ttab, a line break\nand\r\na CR, U+0001 \u{01}, U+2028 \u{2028}: not allowed"
        )
        f.add(
            "订单/é.yaml", document: 2, at: (3, 5), to: (3, 9), .warning, code: "Tcpglint.Odd", rule: "odd-chars",
            parameter: "名前", message: "値 \"订单\" — ‘quoted’ <b>bold</b> & more")
        f.rules = [
            RuleSummary(
                id: "escape-check", code: "Org.Escape", severity: .error,
                summary: "Quotes \" and <angles> & 100%", help: "Line one\nline \"two\"\t<b>")
        ]
        return f
    }()

    /// Nothing linted, nothing found.
    static let empty = Fixture(files: [])
}

/// The formats, by the names `--format` gives them.
enum Formats {
    static let names = ["text", "json", "sarif", "junit", "github", "gitlab"]

    static func reporter(_ name: String, defaultFailLevel: Severity = .error) -> any Reporter {
        switch name {
        case "text": return TextReporter()
        case "json": return JSONReporter()
        case "sarif": return SARIFReporter(version: "0.0.0-test")
        case "junit": return JUnitReporter(defaultFailLevel: defaultFailLevel)
        case "github": return GitHubReporter()
        case "gitlab": return GitLabReporter()
        default: fatalError("no format \(name)")
        }
    }

    static func render(_ name: String, _ fixture: Fixture, defaultFailLevel: Severity = .error) -> String {
        reporter(name, defaultFailLevel: defaultFailLevel).render(fixture.report(defaultFailLevel: defaultFailLevel))
    }
}
