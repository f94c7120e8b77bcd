// MARK: - Rules
// MARK: - Rules and the closed vocabulary of checks

/// Where a rule, or anything else read from a rule file, was written.
public struct RuleLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
}

/// A compiled target: the pattern as written and the model spec it reaches.
public struct Target: Sendable {
    public let pattern: [PatternComponent]
    public let spec: ParamSpec
    public init(pattern: [PatternComponent], spec: ParamSpec) {
        self.pattern = pattern
        self.spec = spec
    }
    public var display: String { pattern.display }
}

/// Where a rule comes from: a reference key (`PAGE`, `API`, …) and the sentence quoted.
public struct RuleSource: Sendable {
    public let ref: String
    public let quote: String
    public init(ref: String, quote: String) {
        self.ref = ref
        self.quote = quote
    }
}

/// A rule example: a request fragment merged over the pack's example base.
public struct RuleExample: Sendable {
    public let location: RuleLocation
    /// Builds the example's request and text: only `rules test`, `explain` and the tests ask
    /// for them, so a lint does not pay for every rule's examples at start-up.
    private let make: @Sendable () -> (document: Document, text: String)
    /// The example as a request (merged over the pack's example base).
    public var document: Document { make().document }
    /// The example's text as written in the rule file.
    public var text: String { make().text }

    public init(location: RuleLocation, make: @escaping @Sendable () -> (document: Document, text: String)) {
        self.location = location
        self.make = make
    }

    public init(document: Document, location: RuleLocation, text: String) {
        self.init(location: location) { (document, text) }
    }
}

/// One rule of a pack or a policy.
public struct Rule: Sendable {
    /// Whether the rule reports only when a catalogue snapshot is in use: it checks the request
    /// against one, or `requires:` one.
    public var needsCatalogue: Bool { check.kind == .catalogue || requiresCatalogue != nil }
    /// Whether the rule reads a catalogue snapshot at all: it needs one, or one of its targets or
    /// conditions joins a value of one (`SpecCode@cpu`).
    public var usesCatalogue: Bool { needsCatalogue || joinsCatalogue }
    /// `requires: catalogue`: without a snapshot the rule does not run, and `catalogue-required`
    /// is reported once per run at the rule, with this severity.
    public let requiresCatalogue: Severity?
    /// Whether a target or condition joins a catalogue value.
    public let joinsCatalogue: Bool

    public let id: String
    public let code: String
    /// The effective severity (after any policy override).
    public var severity: Severity
    public let summary: String
    public let description: String
    public let message: MessageTemplate
    public let targets: [Target]
    public let extract: Regex?
    public let when: Condition?
    public let check: Check
    public let source: RuleSource
    public let valid: [RuleExample]
    public let invalid: [RuleExample]
    public let location: RuleLocation
    /// False when no inline comment, config entry or policy may silence or weaken the rule.
    public let suppressible: Bool
    /// Whether its findings carry the fixes its check computes (`fixable:`; on for the pack's
    /// rules, off for a policy's unless it says `fixable: true`).
    public let fixable: Bool
    /// What the rule leaves to a catalogue snapshot: where the snapshot decides it, the rule is
    /// quiet (`yields-to-catalogue:`).
    public let yieldsToCatalogue: CatalogueDecision?
    /// Where a catalogue rule's examples find their snapshot (`example-catalogue:` of its pack
    /// or policy), read when they run: a lint does not pay for it. Nil for other rules.
    public var exampleCatalogueSource: (@Sendable () -> Catalogue?)?
    /// The snapshot a catalogue rule's examples run against.
    public var exampleCatalogue: Catalogue? { exampleCatalogueSource?() }

    public init(
        id: String, code: String, severity: Severity, summary: String, description: String,
        message: MessageTemplate, targets: [Target], extract: Regex?, when: Condition?, check: Check,
        source: RuleSource, valid: [RuleExample], invalid: [RuleExample], location: RuleLocation,
        suppressible: Bool = true, yieldsToCatalogue: CatalogueDecision? = nil, requiresCatalogue: Severity? = nil,
        fixable: Bool = true
    ) {
        self.fixable = fixable
        self.requiresCatalogue = requiresCatalogue
        func joins(_ t: Target) -> Bool { t.pattern.contains { if case .joined = $0 { true } else { false } } }
        func joins(_ c: Condition) -> Bool {
            switch c {
            case .all(let cs), .any(let cs): return cs.contains(where: joins)
            case .not(let c): return joins(c)
            case .present(let t, _), .passes(let t, _): return joins(t)
            }
        }
        self.joinsCatalogue = targets.contains(where: joins) || when.map(joins) == true
        self.suppressible = suppressible
        self.yieldsToCatalogue = yieldsToCatalogue
        self.id = id
        self.code = code
        self.severity = severity
        self.summary = summary
        self.description = description
        self.message = message
        self.targets = targets
        self.extract = extract
        self.when = when
        self.check = check
        self.source = source
        self.valid = valid
        self.invalid = invalid
        self.location = location
    }
}

/// A reference document that rules cite, and where a reader can open it.
public struct SourceReference: Sendable {
    /// Where a document can be read.
    public enum Location: Sendable, Equatable {
        /// A web page, by its address.
        case url(String)
        /// A file inside a release of a package on PyPI: `package` is `name==version`, `file`
        /// the path inside its wheel.
        case pypi(package: String, file: String)
    }

    public let key: String
    public let title: String
    /// Nil only for a policy's reference written as a title alone.
    public let location: Location?

    public init(key: String, title: String, location: Location? = nil) {
        self.key = key
        self.title = title
        self.location = location
    }

    /// An address to open: the page, or the release's page on PyPI, which downloads the wheel.
    public var link: String? {
        switch location {
        case .url(let url): return url
        case .pypi(let package, _):
            guard let r = Self.release(package) else { return nil }
            return "https://pypi.org/project/\(r.name)/\(r.version)/"
        case nil: return nil
        }
    }

    /// Where to read it, in words: the page's address, or the file in its PyPI release.
    public var whereToRead: String? {
        switch location {
        case .url(let url): return url
        case .pypi(let package, let file):
            guard let r = Self.release(package) else { return "\(package) on PyPI, file \(file)" }
            return "\(r.name) \(r.version) on PyPI, file \(file)"
        case nil: return nil
        }
    }

    /// The name and version of a `name==version` release.
    static func release(_ package: String) -> (name: Substring, version: Substring)? {
        let parts = package.split(separator: "=", omittingEmptySubsequences: true)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
}

/// A policy's change to a rule or diagnostic: a new severity, or turning it off, with a reason.
public struct RuleOverride: Sendable {
    /// The new severity; nil when the rule is turned off.
    public let severity: Severity?
    public let reason: String
    public let location: RuleLocation

    public init(severity: Severity?, reason: String, location: RuleLocation) {
        self.severity = severity
        self.reason = reason
        self.location = location
    }
}
