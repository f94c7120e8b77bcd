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
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
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
    var location: RuleLocation {
        let p = node.range.start
        return RuleLocation(file: doc.source.name, line: p.line, column: p.column)
    }

    func location(atValueOffset offset: Int) -> RuleLocation {
        let p = doc.position(of: id, atValueOffset: offset)
        return RuleLocation(file: doc.source.name, line: p.line, column: p.column)
    }

    func error(_ message: String) { diags.add(location, message) }

    var isMapping: Bool { node.kind == .mapping }
    var isSequence: Bool { node.kind == .sequence }

    var kindName: String {
        switch node.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return node.type.noun
        }
    }

    /// A string scalar (any plain or quoted scalar that is not null, a number is taken as written).
    func string(_ what: String) -> String? {
        guard node.kind == .scalar, node.type != .null else {
            error("\(what) must be a string, not \(kindName)")
            return nil
        }
        return node.value
    }

    func bool(_ what: String) -> Bool? {
        guard node.kind == .scalar, node.type == .boolean else {
            error("\(what) must be true or false, not \(kindName)")
            return nil
        }
        return node.value.lowercased() == "true"
    }

    func int(_ what: String) -> Int? {
        guard node.kind == .scalar, node.type == .integer, let v = IntegerLiteral.parse(node.value, yaml: true) else {
            error("\(what) must be an integer, not \(kindName)")
            return nil
        }
        return v
    }

    func list(_ what: String) -> [Value]? {
        guard node.kind == .sequence else {
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
            guard item.node.kind == .scalar, item.node.type != .null else {
                item.error("each item of \(what) must be a scalar, not \(item.kindName)")
                return nil
            }
            out.append(item.node.value)
        }
        return out
    }

    func object(_ what: String, allowed: [String]) -> Object? {
        guard node.kind == .mapping else {
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

    init(value: Value, what: String, allowed: [String]) {
        self.value = value
        self.what = what
        for (k, v) in value.doc.entries(of: value.id) {
            let key = Value(doc: value.doc, id: k, diags: value.diags)
            let name = key.node.value
            if !allowed.contains(name) {
                let hint = Suggest.closest(to: name, in: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                key.error("unknown key \"\(name)\" in \(what)\(hint); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((key, Value(doc: value.doc, id: v, diags: value.diags)))
        }
    }

    subscript(_ key: String) -> Value? {
        entries.last { $0.key.node.value == key }?.value
    }

    func require(_ key: String) -> Value? {
        if let v = self[key] { return v }
        value.error("\(what) is missing the key \"\(key)\"")
        return nil
    }

    var keys: [String] { entries.map { $0.key.node.value } }
}
