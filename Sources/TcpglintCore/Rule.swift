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

/// A condition on the request, for `when` and for `count.where`.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The parameter is present (true) or absent (false).
    case present(Target, Bool)
    /// The parameter is present and passes the check.
    case passes(Target, Check)
}

/// The kinds of mismatch between a written value and its documented type.
public enum TypeMismatch: String, Sendable, CaseIterable {
    /// A string holding a valid literal of the documented scalar type (`"10"` for an Integer).
    case quotedLiteral = "quoted-literal"
    /// A number where a String is documented (YAML `15`, `15.10`).
    case numberForString = "number-for-string"
    /// Any other scalar of the wrong type (`"abc"` or `true` for an Integer, `null`).
    case wrongScalar = "wrong-scalar"
    /// A mapping or sequence where a scalar is documented, or the other way round.
    case wrongShape = "wrong-shape"
    /// An integer outside the 64-bit range of its member type.
    case outOfRange = "out-of-range"

    /// A bit of its own (never 0), for sets of mismatches as masks.
    public var bit: UInt8 {
        switch self {
        case .quotedLiteral: return 1
        case .numberForString: return 2
        case .wrongScalar: return 4
        case .wrongShape: return 8
        case .outOfRange: return 16
        }
    }
}

/// A set of characters, written as literal characters or as a PCRE2 character class.
public struct CharClass: Sendable {
    public let name: String
    public let chars: Set<Unicode.Scalar>
    public let regex: Regex?
    /// How messages show the class: the literal characters or the written pattern.
    public let display: String

    public init(name: String, chars: Set<Unicode.Scalar>, regex: Regex?, display: String) {
        self.name = name
        self.chars = chars
        self.regex = regex
        self.display = display
    }

    public func contains(_ c: Unicode.Scalar) -> Bool {
        if chars.contains(c) { return true }
        if let regex { return (try? regex.matches(String(Character(c)))) ?? false }
        return false
    }
}

/// The closed vocabulary of checks. Each case is documented in the README's rule-file section.
public enum Check: Sendable {
    /// The target parameter is present (when its parent object is).
    case required
    /// The target object has no key outside its model structure.
    case unknown
    /// The target parameter is absent.
    case absent
    /// The value's written type matches the model; reports only the listed mismatches.
    case type(Set<TypeMismatch>)
    case enumeration(values: [String], caseSensitive: Bool, onlyCaseMismatch: Bool)
    case pattern(Regex, negate: Bool, description: String?)
    /// Length in Unicode scalar values.
    case length(min: Int?, max: Int?)
    case integer(min: Int?, max: Int?, values: [Int]?, step: Int?)
    /// The value contains at least one character of each class (or of `minimum` classes).
    case charClasses([CharClass], minimum: Int?)
    /// Every character belongs to one of the classes.
    case allowedChars([CharClass])
    case forbid(values: [String], prefixes: [String], caseSensitive: Bool)
    /// The number of items of an array.
    case size(min: Int?, max: Int?)
    /// The number of array items for which `where` holds (paths relative to the item).
    case count(Condition, min: Int?, max: Int?, description: String)
    case relation(RelationOp, other: Target, otherExtract: Regex?)
    /// The string holds a JSON document of the given shape.
    case json(JSONShape)

    /// The kind's name as written in rule files.
    public var kind: String {
        switch self {
        case .required: return "required"
        case .unknown: return "unknown"
        case .absent: return "absent"
        case .type: return "type"
        case .enumeration: return "enum"
        case .pattern: return "pattern"
        case .length: return "length"
        case .integer: return "integer"
        case .charClasses: return "char-classes"
        case .allowedChars: return "allowed-chars"
        case .forbid: return "forbid"
        case .size: return "size"
        case .count: return "count"
        case .relation: return "relation"
        case .json: return "json"
        }
    }
}

/// How a relation compares the target with another parameter.
public enum RelationOp: String, Sendable {
    case equals
    case notEquals = "not-equals"
}

/// What an embedded JSON document must be.
public enum JSONShape: String, Sendable {
    case any
    case object
    case objectOfStrings = "object-of-strings"
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

    public init(
        id: String, code: String, severity: Severity, summary: String, description: String,
        message: MessageTemplate, targets: [Target], extract: Regex?, when: Condition?, check: Check,
        source: RuleSource, valid: [RuleExample], invalid: [RuleExample], location: RuleLocation,
        suppressible: Bool = true
    ) {
        self.suppressible = suppressible
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

/// A reference document that rules cite.
public struct SourceReference: Sendable {
    public let key: String
    public let title: String
    public init(key: String, title: String) {
        self.key = key
        self.title = title
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

/// A compiled, immutable rule set: the model, the rules and the references they cite. Built
/// once and shared by every file linted, on any thread.
public struct RuleSet: Sendable {
    public let model: APIModel
    /// The rules that run, with their effective severities.
    public let rules: [Rule]
    public let references: [String: SourceReference]
    public let limits: Regex.Limits
    /// Policy overrides by rule or diagnostic id (already applied to `rules`; applied to
    /// diagnostics as they are reported).
    public let overrides: [String: RuleOverride]
    /// Rules turned off by an override (kept for listings).
    public let disabled: [Rule]
    /// The active rules compiled for evaluation.
    public let plan: Plan

    public init(
        model: APIModel, rules: [Rule], references: [String: SourceReference], limits: Regex.Limits = .default,
        overrides: [String: RuleOverride] = [:], disabled: [Rule] = []
    ) {
        self.model = model
        self.rules = rules
        self.references = references
        self.limits = limits
        self.overrides = overrides
        self.disabled = disabled
        self.plan = Plan(model: model, rules: rules)
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// A finding of one of tcpglint's diagnostics with the policy's override applied: its new
    /// severity, or nil when a policy turned it off. Rule findings come out unchanged (their
    /// severity is already the effective one).
    public func adjusted(_ f: Finding) -> Finding? {
        guard let o = overrides[f.rule], Diagnostic.all.contains(where: { $0.id == f.rule }) else { return f }
        guard let severity = o.severity else { return nil }
        var copy = f
        copy.severity = severity
        return copy
    }

    /// Every rule id, and every diagnostic id.
    public var allIDs: [String] { rules.map(\.id) + disabled.map(\.id) + Diagnostic.all.map(\.id) }

    /// A rule set with only the given rules (the same model).
    public func restricted(to ids: Set<String>) -> RuleSet {
        RuleSet(model: model, rules: rules.filter { ids.contains($0.id) }, references: references, limits: limits)
    }

    /// This rule set with more rules and overrides on top (a policy): overrides change the
    /// severity of, or turn off, rules already present.
    public func adding(rules more: [Rule], overrides newOverrides: [String: RuleOverride]) -> RuleSet {
        var all = rules + disabled + more
        var merged = overrides
        for (k, v) in newOverrides { merged[k] = v }
        var active: [Rule] = []
        var off: [Rule] = []
        for i in all.indices {
            if let o = merged[all[i].id] {
                if let s = o.severity { all[i].severity = s } else { off.append(all[i]); continue }
            }
            active.append(all[i])
        }
        return RuleSet(model: model, rules: active, references: references, limits: limits,
                       overrides: merged, disabled: off)
    }
}
