// MARK: - The kinds of check: one table

/// The kinds of check, as written under `check:` in rule files, in the order the README lists
/// them. This is the one list of kinds: the rule compiler accepts these names with these
/// options, `Check.kind` names a check's kind, and the README's check table is generated from
/// it (`RuleDocs.checkTable`).
///
/// Adding a kind: add its case here (every `switch` below, then each switch over `Check` in the
/// engine, the compiler and the reports, fails to compile until it handles it), its `Check`
/// case, its evaluation in its family's file of `Sources/TcpglintCore/Checks/`, and its case in
/// `RuleCompiler.check(_:targets:)`.
public enum CheckKind: String, CaseIterable, Sendable {
    case required
    case unknown
    case absent
    case type
    case enumeration = "enum"
    case pattern
    case length
    case integer
    case charClasses = "char-classes"
    case allowedChars = "allowed-chars"
    case forbid
    case size
    case count
    case relation
    case json

    /// The kinds' names, in order (what the compiler's messages list).
    public static let names: [String] = allCases.map { $0.rawValue }

    /// The groups of kinds that share a file of `Sources/TcpglintCore/Checks/` (the file is
    /// named after the family: `Text.swift` for `.text`).
    public enum Family: String, CaseIterable, Sendable {
        /// Whether a parameter or key is there: required, unknown, absent.
        case presence
        /// The written type against the model's.
        case types
        /// The value's text: enum, pattern, length, char-classes, allowed-chars, forbid.
        case text
        /// The value as an integer.
        case numbers
        /// The items of an array: size, count.
        case arrays
        /// The value against another parameter's.
        case relations
        /// A JSON document held in a string.
        case embedded
    }

    public var family: Family {
        switch self {
        case .required, .unknown, .absent: return .presence
        case .type: return .types
        case .enumeration, .pattern, .length, .charClasses, .allowedChars, .forbid: return .text
        case .integer: return .numbers
        case .size, .count: return .arrays
        case .relation: return .relations
        case .json: return .embedded
        }
    }

    /// The option keys the kind accepts, in the order the compiler lists them when it meets
    /// another one.
    public var options: [String] {
        switch self {
        case .required, .unknown, .absent: return []
        case .type: return ["report"]
        case .enumeration: return ["values", "case-sensitive", "only-case-mismatch"]
        case .pattern: return ["regex", "case-insensitive", "negate", "description"]
        case .length, .size: return ["min", "max"]
        case .integer: return ["min", "max", "values", "step"]
        case .charClasses: return ["classes", "minimum"]
        case .allowedChars: return ["classes"]
        case .forbid: return ["values", "prefixes", "case-sensitive"]
        case .count: return ["where", "min", "max", "description"]
        case .relation: return ["equals", "not-equals", "other-extract"]
        case .json: return ["shape"]
        }
    }

    /// The options as the README's check table describes them (Markdown; "—" for none).
    public var optionsSummary: String {
        switch self {
        case .required, .unknown, .absent: return "—"
        case .type: return "`report: [\(TypeMismatch.allCases.map { $0.rawValue }.joined(separator: ", "))]`"
        case .enumeration: return "`values`, `case-sensitive` (true), `only-case-mismatch` (false)"
        case .pattern: return "`regex` (PCRE2), `case-insensitive`, `negate`, `description`"
        case .length, .size: return "`min`, `max`"
        case .integer: return "`min`, `max`, `values`, `step` (counted from `min`, or 0)"
        case .charClasses: return "`classes: [{name, chars | pattern}]`, `minimum` (all)"
        case .allowedChars: return "`classes: [{name, chars | pattern}]`"
        case .forbid: return "`values`, `prefixes`, `case-sensitive` (true)"
        case .count: return "`where` (a condition on each item, paths relative to it), `min`, `max`, `description`"
        case .relation: return "`equals: PATH` or `not-equals: PATH`, `other-extract`"
        case .json: return "`shape: any | object | object-of-strings`"
        }
    }

    /// What a check of this kind reports, as the README's check table says (Markdown).
    public var summary: String {
        switch self {
        case .required: return "the target parameter is absent (its parent object present); at the parent"
        case .unknown: return "a key of the target object that its model structure lacks, with \"did you mean\""
        case .absent: return "the target parameter is present (pair with `when` for \"only with …\")"
        case .type: return "the written type against the model's"
        case .enumeration:
            return "a value not in the list; with `only-case-mismatch`, only values that differ from one by case"
        case .pattern: return "a value that does not match (or matches, with `negate`)"
        case .length: return "length in code points outside the range"
        case .integer: return "an integer (or a string holding one) outside the range, set or step"
        case .charClasses: return "a value lacking a character of some class"
        case .allowedChars: return "the first character in no class (pointed at exactly)"
        case .forbid: return "a forbidden value or prefix"
        case .size: return "an array with too few or too many items"
        case .count: return "too few or too many matching items"
        case .relation: return "the value compared with another parameter's (skipped when that is absent)"
        case .json: return "a string that is not a JSON document of that shape (at the fault inside the string)"
        }
    }

    /// Whether the check reads the value's text (or the part `extract` captures): those kinds
    /// share one path in the evaluation, which works the text out once.
    public var readsText: Bool {
        switch self {
        case .enumeration, .pattern, .length, .charClasses, .allowedChars, .forbid, .relation: return true
        case .required, .unknown, .absent, .type, .integer, .size, .count, .json: return false
        }
    }
}
