import TcpglintCore

// MARK: - Reading rule files with positions

/// A fault in a rule file, at the place it was written.
public struct RuleFileError: Error, Sendable, CustomStringConvertible {
    public let location: RuleLocation
    public let message: String
    public init(_ location: RuleLocation, _ message: String) {
        self.location = location
        self.message = message
    }
    /// `file:line:col: error: message`, the form the CLI prints.
    public var description: String { "\(location): error: \(message)" }
}

/// Every fault found in a rule pack, in file and position order.
public struct RuleFileErrors: Error, Sendable {
    public let errors: [RuleFileError]
    public init(_ errors: [RuleFileError]) {
        self.errors = errors.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < (
                $1.location.file, $1.location.line, $1.location.column
            )
        }
    }
}

/// Collects errors while a rule file is decoded.
final class Diagnostics {
    var errors: [RuleFileError] = []
    func add(_ location: RuleLocation, _ message: String) { errors.append(RuleFileError(location, message)) }
}

/// A node of a rule file with the helpers that decode it and report faults at its position.
struct Value {
    let doc: Document
    let id: NodeID
    let diags: Diagnostics

    var node: Node { doc[id] }
    // Single fields read in place: `node` copies the whole node (its strings retained and
    // released) at every use, which adds up over a rule pack.
    var kind: NodeKind { doc.nodes[Int(id.index)].kind }
    var type: ScalarType { doc.nodes[Int(id.index)].type }
    /// The scalar text (a key's name).
    var text: String { doc.nodes[Int(id.index)].value }
    var location: RuleLocation {
        let p = node.range.start
        return RuleLocation(file: doc.source.name, line: p.line, column: p.column)
    }

    func location(atValueOffset offset: Int) -> RuleLocation {
        let p = doc.position(of: id, atValueOffset: offset)
        return RuleLocation(file: doc.source.name, line: p.line, column: p.column)
    }

    func error(_ message: String) { diags.add(location, message) }

    var isMapping: Bool { kind == .mapping }
    var isSequence: Bool { kind == .sequence }

    var kindName: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return type.noun
        }
    }

    /// A string scalar (any plain or quoted scalar that is not null, a number is taken as written).
    func string(_ what: String) -> String? {
        guard kind == .scalar, type != .null else {
            error("\(what) must be a string, not \(kindName)")
            return nil
        }
        return text
    }

    func bool(_ what: String) -> Bool? {
        guard kind == .scalar, type == .boolean else {
            error("\(what) must be true or false, not \(kindName)")
            return nil
        }
        return text.lowercased() == "true"
    }

    func int(_ what: String) -> Int? {
        guard kind == .scalar, type == .integer, let v = IntegerLiteral.parse(text, yaml: true) else {
            error("\(what) must be an integer, not \(kindName)")
            return nil
        }
        return v
    }

    func list(_ what: String) -> [Value]? {
        guard kind == .sequence else {
            error("\(what) must be a list, not \(kindName)")
            return nil
        }
        return doc.items(of: id).map { Value(doc: doc, id: $0, diags: diags) }
    }

    func strings(_ what: String) -> [String]? {
        guard let items = list(what) else { return nil }
        let out = items.compactMap { $0.string("each item of \(what)") }
        return out.count == items.count ? out : nil
    }

    /// The scalar text of every item, for `enum` values and `in`, whatever their YAML type.
    func scalars(_ what: String) -> [String]? {
        guard let items = list(what) else { return nil }
        var out: [String] = []
        for item in items {
            guard item.kind == .scalar, item.type != .null else {
                item.error("each item of \(what) must be a scalar, not \(item.kindName)")
                return nil
            }
            out.append(item.text)
        }
        return out
    }

    func object(_ what: String, allowed: [String]) -> Object? {
        guard kind == .mapping else {
            error("\(what) must be a mapping, not \(kindName)")
            return nil
        }
        return Object(value: self, what: what, allowed: allowed)
    }
}

/// A mapping being decoded: every key must be one of `allowed`, and is reported with a
/// "did you mean" when it is not.
struct Object {
    let value: Value
    let what: String
    var entries: [(key: Value, value: Value)] = []
    /// The names of `entries`' keys, in the same order.
    private(set) var keys: [String] = []

    init(value: Value, what: String, allowed: [String]) {
        self.value = value
        self.what = what
        for (k, v) in value.doc.entries(of: value.id) {
            let key = Value(doc: value.doc, id: k, diags: value.diags)
            let name = key.text
            if !allowed.contains(name) {
                let hint = Suggest.closest(to: name, in: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                key.error("unknown key \"\(name)\" in \(what)\(hint); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((key, Value(doc: value.doc, id: v, diags: value.diags)))
            keys.append(name)
        }
    }

    subscript(_ key: String) -> Value? {
        keys.lastIndex(of: key).map { entries[$0].value }
    }

    func require(_ key: String) -> Value? {
        if let v = self[key] { return v }
        value.error("\(what) is missing the key \"\(key)\"")
        return nil
    }
}
