// MARK: - tcpglint's own diagnostics
//
// Problems with the file itself rather than with the request: it does not parse, it repeats a
// key, YAML would read it differently in version 1.1, it cannot be read. Their codes are in the
// `Tcpglint.` namespace, which the API never uses, so they are never mistaken for an API code.

/// A kind of problem that tcpglint reports on its own, outside the rule pack.
public struct Diagnostic: Sendable, Hashable {
    public let id: String
    public let code: String
    public let severity: Severity
    public let summary: String
    public let description: String

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

extension Diagnostic {
    public static let syntaxError = Diagnostic(
        id: "syntax-error", code: "Tcpglint.SyntaxError", severity: .error,
        summary: "The file is not valid JSON or YAML",
        description:
            "The file does not parse. The finding points at the first fault; nothing after it in that document is checked. Other files are still linted."
    )
    public static let encoding = Diagnostic(
        id: "invalid-encoding", code: "Tcpglint.InvalidEncoding", severity: .error,
        summary: "The file is not UTF-8 text",
        description:
            "Requests are sent as UTF-8. A file with invalid UTF-8, a UTF-16 or UTF-32 byte order mark, or a NUL byte is reported at the first bad byte and not parsed."
    )
    public static let duplicateKey = Diagnostic(
        id: "duplicate-key", code: "Tcpglint.DuplicateKey", severity: .error,
        summary: "A key appears twice in one object",
        description:
            "JSON and YAML parsers disagree on which of two equal keys wins (most keep the last, some refuse the document). tcpglint checks the last one and reports the repeat at the second key."
    )
    public static let yaml11 = Diagnostic(
        id: "yaml11-ambiguity", code: "Tcpglint.Yaml11Ambiguity", severity: .warning,
        summary: "A YAML 1.1 loader would read this value as another type or value",
        description:
            "tcpglint reads YAML with the YAML 1.2 core schema. Many tools that send requests (PyYAML, older libyaml bindings) use YAML 1.1, where `no`, `on`, `y` are booleans, `012` is octal 10, `1_000` is 1000 and `1:30` is 90. Quote such a value so that every loader reads the same thing."
    )
    public static let notARequest = Diagnostic(
        id: "not-a-request", code: "Tcpglint.NotAnObject", severity: .error,
        summary: "The document is not an object of parameters",
        description:
            "A request body is a JSON object (a YAML mapping) of parameter names to values. A document that is a list, a scalar or empty is not a request."
    )
    public static let emptyFile = Diagnostic(
        id: "empty-file", code: "Tcpglint.EmptyFile", severity: .warning,
        summary: "The file holds no request",
        description:
            "The YAML file is empty, or holds only whitespace or comments: a valid, empty YAML stream. It is reported so that a request emptied by mistake does not pass unseen. The same holds for a file whose format was sniffed from its content. A .json file with no JSON text is a syntax-error instead: no JSON text is empty (RFC 8259)."
    )
    public static let limitExceeded = Diagnostic(
        id: "limit-exceeded", code: "Tcpglint.LimitExceeded", severity: .error,
        summary: "The file exceeds one of tcpglint's safety limits",
        description:
            "A limit on nesting depth, alias expansion, scalar length or documents per stream was hit. The message names the limit and the flag that raises it."
    )
    public static let regexLimit = Diagnostic(
        id: "pattern-limit", code: "Tcpglint.PatternLimit", severity: .error,
        summary: "A rule's pattern hit the PCRE2 match limit",
        description:
            "A rule's regular expression needed more backtracking than the match limit allows on this value, so the rule could not decide. The message names the rule; rewrite its pattern."
    )
    public static let requestTooLarge = Diagnostic(
        id: "request-size", code: "RequestSizeLimitExceeded", severity: .error,
        summary: "A request is larger than the API accepts (10 MB)",
        description:
            "The API refuses a request body over 10 MB with RequestSizeLimitExceeded. Unlike tcpglint's other limits, which guard tcpglint itself and have Tcpglint. codes, this one is the API's: a request over 10 MB is not a problem with the file but a request the API rejects, so the finding keeps the API's own code. tcpglint measures the text of each request (a JSON file, or a document of a YAML stream) and does not build the tree of one over --max-request-bytes."
    )
    public static let ioError = Diagnostic(
        id: "io-error", code: "Tcpglint.IOError", severity: .error,
        summary: "The file could not be read",
        description:
            "The path does not exist, is not readable, or is not a regular file. tcpglint exits with status 3 after linting the other files."
    )

    public static let secretPlaceholder = Diagnostic(
        id: "secret-placeholder", code: "Tcpglint.SecretPlaceholder", severity: .info,
        summary: "A secret is a placeholder filled in outside the file",
        description:
            "A secret parameter whose value matches one of the config's placeholder patterns (such as ${ADMIN_PASSWORD}) is filled in by the pipeline, so its rules do not run on the placeholder. The finding records that the value was not checked."
    )
    public static let plaintextSecret = Diagnostic(
        id: "plaintext-secret", code: "Tcpglint.PlaintextSecret", severity: .warning,
        summary: "A secret is written in plain text in the request file",
        description:
            "A password committed to a repository is a leak waiting to happen. Write a placeholder (${PG_ADMIN_PASSWORD} by default; more patterns with placeholders in .tcpglint.yaml) and fill it in from a secret store when the request is sent. A policy can raise this to an error."
    )
    public static let secretComment = Diagnostic(
        id: "secret-comment", code: "Tcpglint.SecretComment", severity: .warning,
        summary: "A plain YAML secret is followed by a comment",
        description:
            "In YAML, a space and # start a comment, so `AdminPassword: Xy9!abcdEFGH #rest` sets the password to Xy9!abcdEFGH and silently drops the rest: the rules check only what is left. Quote the value (single quotes keep every character as written). Neither the value nor the comment is shown."
    )
    public static let suppressionReason = Diagnostic(
        id: "suppression-without-reason", code: "Tcpglint.SuppressionWithoutReason", severity: .error,
        summary: "A suppression gives no reason",
        description:
            "A suppression must say why: `# tcpglint-ignore RULE -- reason` in YAML, `reason:` in a config suppression. Without one it suppresses nothing."
    )
    public static let unusedSuppression = Diagnostic(
        id: "unused-suppression", code: "Tcpglint.UnusedSuppression", severity: .warning,
        summary: "A suppression matched no finding",
        description:
            "A suppression that silences nothing is stale: the finding was fixed, the rule id is misspelt, or it sits on the wrong line. Remove it."
    )
    public static let invalidSuppression = Diagnostic(
        id: "invalid-suppression", code: "Tcpglint.InvalidSuppression", severity: .error,
        summary: "A suppression names an unknown rule, or one that may not be suppressed",
        description:
            "A suppression names rule ids. An unknown id, or a rule whose policy says it may not be suppressed, is reported and suppresses nothing."
    )
    public static let staleBaseline = Diagnostic(
        id: "stale-baseline", code: "Tcpglint.StaleBaseline", severity: .warning,
        summary: "A baseline entry no longer matches",
        description:
            "The baseline lists a finding that is no longer there (it was fixed). Write the baseline again with --write-baseline so that it only shrinks."
    )

    /// Every diagnostic, in the order `tcpglint rules` lists them.
    public static let catalogueKeyMissing = Diagnostic(
        id: "catalogue-key-missing", code: "Tcpglint.CatalogueKeyMissing", severity: .info,
        summary: "The catalogue snapshot does not cover the request's key",
        description:
            "A catalogue is in use, but it lacks what the request needs: the DescribeZones of the zone's region for the storage type, or the DescribeClasses of a zone, engine, major version and storage type. Reported once per request, at $, naming every missing key (`zone engine major storage-type`); the pack's static lists then check what the snapshot would have decided. Save the missing responses and rebuild the catalogue."
    )
    public static let catalogueStale = Diagnostic(
        id: "catalogue-stale", code: "Tcpglint.CatalogueStale", severity: .warning,
        summary: "The catalogue snapshot is older than its maximum age",
        description:
            "Reported once per catalogue file used in the run, at its captured line, when the snapshot is older than --catalogue-max-age (or the config's catalogue-max-age; 30 days by default). What Tencent sells changes, so the catalogue's errors are then reported as warnings. Refresh the saved responses and rebuild it. The age is measured against the clock, or SOURCE_DATE_EPOCH when it is set."
    )

    public static let catalogueRequired = Diagnostic(
        id: "catalogue-required", code: "Tcpglint.CatalogueRequired", severity: .info,
        summary: "A rule that requires a catalogue ran without one",
        description:
            "A rule with `requires: catalogue` checks what only a catalogue snapshot knows (a spec's CPU, a zone's state), so it does not run without one. Reported once per rule per run, at the rule in its file, when files were linted without a catalogue (--catalogue, or the config's catalogue:). Info by default; `requires: {catalogue: error}` makes it an error, so that a CI job without the snapshot fails instead of passing in silence."
    )

    public static let fixFailed = Diagnostic(
        id: "fix-failed", code: "Tcpglint.FixFailed", severity: .error,
        summary: "Fixes of the file did not verify, and it was left as it was",
        description:
            "With --fix (or --diff), each round of fixes is parsed and linted again before it is kept. When the fixed text does not parse as the original did, when a rule whose fix was applied still reports at the same parameter, or when fixes are still pending after 10 rounds, the file keeps its original bytes and gets this error at its start. It is a bug of tcpglint's: please report it with the file (its secrets removed)."
    )

    public static let all: [Diagnostic] = [
        .syntaxError, .encoding, .duplicateKey, .yaml11, .notARequest, .emptyFile, .limitExceeded, .requestTooLarge,
        .regexLimit, .ioError,
        .plaintextSecret, .secretPlaceholder, .secretComment, .suppressionReason, .unusedSuppression,
        .invalidSuppression,
        .staleBaseline, .catalogueKeyMissing, .catalogueStale, .catalogueRequired, .fixFailed,
    ]
}

/// A problem found while reading a file, before any rule runs.
public struct InputProblem: Sendable {
    /// Stands in a message for the `related` position, so that an embedded document can name
    /// that position in its host file.
    public static let relatedMarker = "\u{1}"

    public let diagnostic: Diagnostic
    /// The 1-based document of the stream it belongs to.
    public let document: Int
    public let range: SourceRange
    /// The parameter path of the value concerned, when known.
    public let path: ParamPath?
    /// A second place the message refers to ("the first is at …").
    public let related: SourcePosition?
    let text: String
    /// The message to show instead when `path` is a secret parameter, for a message that
    /// quotes the value; nil when the message holds no value.
    public let redactedMessage: String?
    /// The keys whose guarded span holds this (syntax) problem, each with the message to show
    /// instead when that key is a secret: the first secret one wins. See `KeyGuard`.
    public let guards: [KeyGuard]

    /// `message` may hold `InputProblem.relatedMarker` where the related position belongs.
    public init(
        _ diagnostic: Diagnostic, document: Int, range: SourceRange, path: ParamPath? = nil,
        related: SourcePosition? = nil, message: String, redactedMessage: String? = nil, guards: [KeyGuard] = []
    ) {
        self.diagnostic = diagnostic
        self.document = document
        self.range = range
        self.path = path
        self.related = related
        self.text = message
        self.redactedMessage = redactedMessage
        self.guards = guards
    }

    /// The message, with the related position as "line L, column C".
    public var message: String {
        message(relatedAt: related.map(InputProblem.describe) ?? "")
    }

    /// The message with the related position described by the caller.
    public func message(relatedAt: String) -> String {
        guard text.contains(InputProblem.relatedMarker) else { return text }
        return text.split(separator: Character(InputProblem.relatedMarker), omittingEmptySubsequences: false)
            .joined(separator: relatedAt)
    }

    public static func describe(_ p: SourcePosition) -> String { "line \(p.line), column \(p.column)" }
}

/// A key near a syntax error. A parser does not know which keys are secret, so a fault in the
/// guarded span of a key (from the key to the end of its line, or to the `,` or `}` that ends
/// its value when that is later) names each such key with a message that quotes no character;
/// the linter shows that message when the key is a secret (`Model.secretKeys`).
public struct KeyGuard: Sendable, Hashable {
    public let key: String
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

/// A parsed file: its documents and what went wrong reading it.
public struct LoadedFile: Sendable {
    public let source: SourceFile
    public let documents: [Document]
    public let problems: [InputProblem]
    /// The number of documents in the stream, including one that failed to parse.
    public let documentCount: Int

    public init(source: SourceFile, documents: [Document], problems: [InputProblem], documentCount: Int) {
        self.source = source
        self.documents = documents
        self.problems = problems
        self.documentCount = documentCount
    }
}

/// Parses a JSON document held in a string parameter (`DBEngineConfig`). Provided by the input
/// layer so that the engine itself does no parsing.
public protocol EmbeddedParser: Sendable {
    /// Parses `text`; positions in the result are relative to the text itself.
    func parseJSON(_ text: String) -> (document: Document?, problems: [InputProblem])
}
