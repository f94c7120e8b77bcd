// MARK: - The closed vocabulary of checks

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

    /// Which ASCII characters are in the class (bit n of word n / 64), worked out once: most
    /// text is ASCII, and a regular expression run for each character of each value was most of
    /// an `allowed-chars` check's cost.
    private let ascii: (UInt64, UInt64)

    public init(name: String, chars: Set<Unicode.Scalar>, regex: Regex?, display: String) {
        self.name = name
        self.chars = chars
        self.regex = regex
        self.display = display
        var words: (UInt64, UInt64) = (0, 0)
        for v in 0..<128 where Self.contains(Unicode.Scalar(UInt8(v)), chars, regex) {
            if v < 64 { words.0 |= 1 << UInt64(v) } else { words.1 |= 1 << UInt64(v - 64) }
        }
        ascii = words
    }

    public func contains(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return (v < 64 ? ascii.0 : ascii.1) & (1 << UInt64(v & 63)) != 0 }
        return Self.contains(c, chars, regex)
    }

    private static func contains(_ c: Unicode.Scalar, _ chars: Set<Unicode.Scalar>, _ regex: Regex?) -> Bool {
        if chars.contains(c) { return true }
        if let regex { return (try? regex.matches(String(Character(c)))) ?? false }
        return false
    }
}

/// The closed vocabulary of checks, one case per `CheckKind`, with the options the rule file
/// gave. Each kind is documented in the README's rule-file section (generated from `CheckKind`).
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
    /// The value against the catalogue snapshot in use (nothing without one).
    case catalogue(CatalogueFact)

    /// The check's kind (`kind.rawValue` is its name in rule files).
    public var kind: CheckKind {
        switch self {
        case .required: return .required
        case .unknown: return .unknown
        case .absent: return .absent
        case .type: return .type
        case .enumeration: return .enumeration
        case .pattern: return .pattern
        case .length: return .length
        case .integer: return .integer
        case .charClasses: return .charClasses
        case .allowedChars: return .allowedChars
        case .forbid: return .forbid
        case .size: return .size
        case .count: return .count
        case .relation: return .relation
        case .json: return .json
        case .catalogue: return .catalogue
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
