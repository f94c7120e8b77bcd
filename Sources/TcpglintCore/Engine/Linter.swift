// MARK: - The linter: rules × document → findings

/// Lints documents against a compiled rule set. Immutable and `Sendable`: one linter serves
/// every file of a run, on any number of threads.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    public let embeddedParser: EmbeddedParser
    /// Patterns for placeholders of secrets kept outside the file (`${ADMIN_PASSWORD}`): a secret
    /// that matches one is not checked, and is reported as `secret-placeholder` (info).
    public let placeholders: [Regex]
    /// Whether to report how secrets are written (`plaintext-secret`, `secret-placeholder`);
    /// off when only some rules run, as for rule examples.
    public let reportSecrets: Bool
    /// The catalogue snapshot the `catalogue` checks look things up in; without one they are
    /// silent and the static rules that yield to it run.
    public let catalogue: CatalogueInUse?

    public init(
        ruleSet: RuleSet, embeddedParser: EmbeddedParser, placeholders: [Regex] = [], reportSecrets: Bool = true,
        catalogue: CatalogueInUse? = nil
    ) {
        self.catalogue = catalogue
        self.ruleSet = ruleSet
        self.embeddedParser = embeddedParser
        self.placeholders = placeholders
        self.reportSecrets = reportSecrets
    }

    /// Every finding for a loaded file, sorted, with the policy's overrides of tcpglint's own
    /// diagnostics applied: for callers that lint one file on its own (rule examples, tests).
    public func lint(_ file: LoadedFile) -> [Finding] { finish(findings(in: file)) }

    /// A loaded file's findings as the linter makes them: its input problems, then the rules on
    /// each document; unsorted, with tcpglint's own diagnostics at their default severity. The
    /// CLI's post-processing sorts them and applies the policies' overrides once, with the
    /// suppressions and the baseline.
    public func findings(in file: LoadedFile) -> [Finding] {
        var out = findings(for: file.problems, in: file.source.name, documents: file.documents)
        for d in file.documents { out += lint(d) }
        return out
    }

    /// The findings for input problems (a secret's value is never quoted; unsorted). With the
    /// documents they were found in, a YAML 1.1 ambiguity carries its fix.
    public func findings(for problems: [InputProblem], in name: String, documents: [Document] = []) -> [Finding] {
        var out: [Finding] = []
        var secretKeys: Set<String>?
        for p in problems {
            var path = p.path ?? .root
            var message = p.message
            var range = p.range
            if !p.guards.isEmpty {
                // A syntax error near a secret key: a message that quotes no character, and a
                // span of one character, which does not measure a word of the secret.
                let keys = secretKeys ?? ruleSet.model.secretKeys
                secretKeys = keys
                if let g = p.guards.first(where: { keys.contains($0.key) }) {
                    message = g.message
                    range = Self.oneCharacter(range)
                }
            }
            if let full = p.path, let prefix = ruleSet.model.secretPrefix(of: full) {
                // At a secret: a message that quotes the value is redacted. Inside a secret (a key
                // of a mapping written as a password), the key itself is secret: the path stops
                // at the secret parameter and the message says only what kind of problem it is.
                path = prefix
                if p.diagnostic.id == Diagnostic.syntaxError.id { range = Self.oneCharacter(range) }
                if prefix.components.count < full.components.count {
                    message =
                        p.redactedMessage
                        ?? "a problem inside the value of \(prefix): \(p.diagnostic.summary.lowercased())"
                } else if let redacted = p.redactedMessage {
                    message = redacted
                }
            }
            var fix: Fix?
            if p.diagnostic.id == Diagnostic.yaml11.id, path == p.path, let full = p.path,
                let d = documents.first(where: { $0.index == p.document })
            {
                fix = yaml11Fix(p, at: full, in: d)
            }
            out.append(
                Finding(
                    file: name, document: p.document, range: range,
                    severity: p.diagnostic.severity, code: p.diagnostic.code, rule: p.diagnostic.id,
                    path: path, message: message, fix: fix))
        }
        return out
    }

    /// The fix of a plain YAML value that a YAML 1.1 loader reads otherwise: in a String
    /// parameter, the value quoted (safe: YAML 1.2 reads it so already, `yes` → `"yes"`); in an
    /// Integer one, the integer YAML 1.2 reads, in decimal (unsafe: `012` → `12`, where YAML 1.1
    /// reads 10). Not at a secret, nor outside the model.
    func yaml11Fix(_ p: InputProblem, at path: ParamPath, in d: Document) -> Fix? {
        guard ruleSet.model.secretPrefix(of: path) == nil, let spec = ruleSet.model.spec(at: path),
            let i = d.nodes.firstIndex(where: { $0.kind == .scalar && $0.range.start.offset == p.range.start.offset }),
            d.isEditable(NodeID(i))
        else { return nil }
        let id = NodeID(i)
        let n = d[id]
        switch (spec.type, n.type) {
        case (.string, .string):
            let text = Document.quoted(n.value, in: d.preferredQuote)
            return Fix(
                applicability: .safe, description: "write the string \(text)", edits: [d.replacing(id, with: text)])
        case (.integer, .integer):
            guard let v = IntegerLiteral.parse(n.value, yaml: true), String(v) != n.value else { return nil }
            return Fix(
                applicability: .unsafe, description: "write \(v), the integer YAML 1.2 reads",
                edits: [d.replacing(id, with: String(v))])
        default:
            return nil
        }
    }

    /// A span cut to its first character (a span on one line; others are left as they are).
    static func oneCharacter(_ range: SourceRange) -> SourceRange {
        guard range.end.line == range.start.line, range.end.column > range.start.column + 1 else { return range }
        var end = range.start
        end.column += 1
        end.offset += 1
        return SourceRange(start: range.start, end: end)
    }

    /// Findings of a file made ready to report on their own: the policy's overrides of
    /// diagnostics applied, sorted.
    public func finish(_ findings: [Finding]) -> [Finding] {
        var out: [Finding] = []
        out.reserveCapacity(findings.count)
        for f in findings {
            if let adjusted = ruleSet.adjusted(f) { out.append(adjusted) }
        }
        out.sort(by: Finding.ordered)
        return out
    }

    /// The rule findings for one document (unsorted; diagnostics at their default severity:
    /// `finish` applies the policy's overrides, and the CLI's post-processing does).
    public func lint(_ document: Document) -> [Finding] {
        let root = document[document.root]
        guard root.kind == .mapping else {
            let what = root.kind == .sequence ? "a list" : (root.type == .null ? "empty" : "a scalar")
            return [
                Finding(
                    file: document.source.name, document: document.index, range: root.range,
                    severity: Diagnostic.notARequest.severity, code: Diagnostic.notARequest.code,
                    rule: Diagnostic.notARequest.id, path: .root,
                    message: "the document is \(what), not an object of request parameters")
            ]
        }
        let eval = Evaluation(linter: self, document: document)
        eval.noteSecrets()
        eval.runRules()
        eval.noteCatalogueCoverage()
        return eval.findings
    }

    /// The catalogue keys a request needs (`catalogue keys`): a DescribeClasses key for each of
    /// its zones (none without an engine, major version and storage type), and the DescribeZones
    /// and DescribeDBVersions keys of their regions. Empty for a document that is not a request
    /// or a model without a catalogue key.
    public func catalogueKeys(_ document: Document) -> (regions: [Catalogue.RegionKey], classes: [Catalogue.ClassKey]) {
        guard document[document.root].kind == .mapping else { return ([], []) }
        return Evaluation(linter: self, document: document).query(nil).keys
    }
}
