// MARK: - The API model
//
// What the API accepts, as the rule pack's model file declares it: parameters, their types,
// which are required and which are secret. The engine knows no parameter by name; everything
// it knows about CreateInstances comes from here and from the rules.

/// The width of an Integer member: api.json's `int64` or `uint64`.
public enum IntegerWidth: String, Sendable {
    case int64, uint64
}

/// The documented type of a parameter.
public indirect enum ParamType: Sendable {
    case string
    case integer(IntegerWidth)
    case boolean
    /// An array whose items are described by the item spec.
    case array(ParamSpec)
    /// An object with named members.
    case structure(StructSpec)

    /// The type's name as the API reference writes it.
    public var name: String {
        switch self {
        case .string: return "String"
        case .integer: return "Integer"
        case .boolean: return "Boolean"
        case .array(let item): return "Array of \(item.typeName)"
        case .structure(let s): return s.name
        }
    }

    public var isScalar: Bool {
        switch self {
        case .string, .integer, .boolean: return true
        case .array, .structure: return false
        }
    }
}

/// One parameter, structure member or array item.
public final class ParamSpec: Sendable {
    public let name: String
    public let type: ParamType
    /// Required by the model (api.json). Rules decide what is reported.
    public let required: Bool
    /// A secret's value never appears in any output.
    public let secret: Bool
    /// A common parameter (`Action`, `Version`, `Region`), optional in a request file.
    public let common: Bool
    /// The documentation sentence.
    public let doc: String
    /// For a String that holds a JSON document: the structure of that document.
    public let embedded: StructSpec?
    /// The value the API takes when the parameter is absent, as the documentation gives it.
    public let defaultValue: String?

    public init(
        name: String, type: ParamType, required: Bool = false, secret: Bool = false,
        common: Bool = false, doc: String = "", embedded: StructSpec? = nil, defaultValue: String? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.secret = secret
        self.common = common
        self.doc = doc
        self.embedded = embedded
        self.defaultValue = defaultValue
    }

    /// "String", "Integer", or a structure name such as "DBNode".
    public var typeName: String { type.name }

    /// The members when this is a structure.
    public var structure: StructSpec? {
        if case .structure(let s) = type { return s }
        return nil
    }
}

/// A structure: `CreateInstancesRequest`, `DBNode`, `Tag`, or an embedded document.
public final class StructSpec: Sendable {
    public let name: String
    /// Members in the order the model lists them.
    public let members: [ParamSpec]
    private let byName: [String: ParamSpec]

    public init(name: String, members: [ParamSpec]) {
        self.name = name
        self.members = members
        var d: [String: ParamSpec] = [:]
        for m in members where d[m.name] == nil { d[m.name] = m }
        self.byName = d
    }

    public func member(_ name: String) -> ParamSpec? { byName[name] }
}

/// The request model of one API action.
public struct APIModel: Sendable {
    public let service: String
    public let version: String
    public let action: String
    /// The request itself, as a parameter of structure type (path `$`).
    public let request: ParamSpec
    /// The first words of the API's error codes (`InvalidParameterValue`, `MissingParameter`, …):
    /// a policy's own codes may not start with one.
    public let codeNamespaces: [String]
    /// The common error codes every Tencent Cloud API may return (`MissingParameter`,
    /// `AuthFailure.SignatureExpire`, …), as the common error codes page lists them, beside a
    /// service's own codes.
    public let commonCodes: [String]
    /// The reference (a key of the pack's `references:`) the common codes are read from.
    public let commonCodesSource: String?
    /// The parameters a catalogue lookup is keyed by (`catalogue-key:`); nil when the model has
    /// none, and then no catalogue check can run.
    public let catalogueKey: CatalogueKeyParams?

    public init(
        service: String, version: String, action: String, request: ParamSpec, codeNamespaces: [String] = [],
        commonCodes: [String] = [], commonCodesSource: String? = nil, catalogueKey: CatalogueKeyParams? = nil
    ) {
        self.catalogueKey = catalogueKey
        self.service = service
        self.version = version
        self.action = action
        self.request = request
        self.codeNamespaces = codeNamespaces
        self.commonCodes = commonCodes
        self.commonCodesSource = commonCodesSource
    }

    /// Every path of the model that holds a secret.
    public var secretPatterns: [[PatternComponent]] {
        allPatterns().filter { spec(at: $0)?.secret == true }
    }

    /// The names of the secret parameters (`AdminPassword`): a syntax error in the guarded span
    /// of a key with one of these names quotes no character (`KeyGuard`).
    public var secretKeys: Set<String> {
        var names = Set<String>()
        for pattern in secretPatterns {
            if case .key(let k)? = pattern.last { names.insert(k) }
        }
        return names
    }

    /// The spec reached by a target pattern, or nil when the pattern leaves the model.
    public func spec(at pattern: [PatternComponent]) -> ParamSpec? {
        var cur = request
        for c in pattern {
            switch c {
            case .key(let k):
                guard let s = cur.structure, let m = s.member(k) else { return nil }
                cur = m
            case .anyIndex, .index:
                guard case .array(let item) = cur.type else { return nil }
                cur = item
            case .embedded:
                guard let e = cur.embedded else { return nil }
                cur = ParamSpec(name: cur.name, type: .structure(e), secret: cur.secret)
            case .joined(let a):
                guard let j = CatalogueJoin(rawValue: a) else { return nil }
                cur = j.spec
            }
        }
        return cur
    }

    /// The spec at a concrete path, or nil when the path leaves the model.
    public func spec(at path: ParamPath) -> ParamSpec? {
        spec(
            at: path.components.map { c -> PatternComponent in
                switch c {
                case .key(let k): return .key(k)
                case .index(let i): return .index(i)
                case .embedded: return .embedded
                case .joined(let a): return .joined(a)
                }
            })
    }

    /// Whether any step of a concrete path passes through a secret parameter.
    public func isSecret(_ path: ParamPath) -> Bool { secretPrefix(of: path) != nil }

    /// The path cut just after its first secret parameter (`AdminPassword.x` → `AdminPassword`),
    /// or nil when no step of it is secret. A longer path is inside a secret value.
    public func secretPrefix(of path: ParamPath) -> ParamPath? {
        var cur: ParamSpec? = request
        for (i, c) in path.components.enumerated() {
            guard let spec = cur else { return nil }
            switch c {
            case .key(let k): cur = spec.structure?.member(k)
            case .index:
                if case .array(let item) = spec.type { cur = item } else { cur = nil }
            case .embedded:
                cur = spec.embedded.map { ParamSpec(name: spec.name, type: .structure($0), secret: spec.secret) }
            case .joined: return nil
            }
            if cur?.secret == true { return ParamPath(Array(path.components[0...i])) }
        }
        return nil
    }

    /// Every path of the model, parents before children (`DBNodeSet`, `DBNodeSet[*]`,
    /// `DBNodeSet[*].Role`, …). Embedded documents are not entered.
    public func allPatterns() -> [[PatternComponent]] {
        var out: [[PatternComponent]] = []
        func visit(_ spec: ParamSpec, _ prefix: [PatternComponent]) {
            switch spec.type {
            case .structure(let s):
                for m in s.members {
                    let p = prefix + [.key(m.name)]
                    out.append(p)
                    visit(m, p)
                }
            case .array(let item):
                let p = prefix + [.anyIndex]
                out.append(p)
                visit(item, p)
            default:
                break
            }
        }
        visit(request, [])
        return out
    }
}

/// One step of a target pattern in a rule file: `DBNodeSet[*].Zone`, `DBEngineConfig::defaultLocale`.
public enum PatternComponent: Hashable, Sendable {
    case key(String)
    /// `[*]`: every item of a sequence.
    case anyIndex
    /// `[N]`: one item.
    case index(Int)
    /// `::`: into the JSON document held by a string.
    case embedded
    /// `@cpu`: a value the catalogue joins to the request's value (`SpecCode@cpu`, `Zone@state`).
    case joined(String)
}

extension Array where Element == PatternComponent {
    /// The pattern as written in rule files.
    public var display: String {
        var out = ""
        for c in self {
            switch c {
            case .key(let k):
                if !out.isEmpty && !out.hasSuffix("::") { out += "." }
                out += k
            case .anyIndex: out += "[*]"
            case .index(let i): out += "[\(i)]"
            case .embedded: out += "::"
            case .joined(let a): out += "@" + a
            }
        }
        return out.isEmpty ? "$" : out
    }
}
