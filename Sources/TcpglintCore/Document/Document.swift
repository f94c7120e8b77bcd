// MARK: - The document model
//
// A loaded request is a tree of nodes kept in one flat array (an arena). Nodes refer to their
// children by index, so a YAML alias can share its anchor's subtree instead of copying it, a very
// deep tree never recurses in `deinit`, and a document costs a few allocations, not one per node.
// A node's parameter path depends on how it was reached (an aliased node can sit at two paths),
// so paths are computed by the walk that reaches a node; see `ParamPath`.

/// The index of a node inside its `Document`.
public struct NodeID: Hashable, Sendable {
    public let index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
}

/// The shape of a node.
public enum NodeKind: UInt8, Sendable {
    case scalar, mapping, sequence
}

/// The type a scalar resolves to: JSON's own types, or the YAML 1.2 core schema for plain
/// YAML scalars (a quoted scalar is always a string).
public enum ScalarType: UInt8, Sendable {
    case string, integer, float, boolean, null

    /// A noun for messages: "a string", "an integer", …
    public var noun: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number with a fraction"
        case .boolean: return "a boolean"
        case .null: return "null"
        }
    }
}

/// How a node was written.
public enum NodeStyle: UInt8, Sendable {
    /// A YAML plain scalar, or a JSON number, `true`, `false` or `null`.
    case plain
    case singleQuoted
    /// A YAML double-quoted scalar, or any JSON string.
    case doubleQuoted
    case literal
    case folded
    /// A YAML block collection (indentation).
    case block
    /// A YAML flow collection, or any JSON object or array.
    case flow
}

/// The syntax of a source file.
public enum SourceFormat: String, Sendable {
    case json, yaml
}

/// One node: a scalar, a mapping or a sequence.
public struct Node: Sendable {
    public var kind: NodeKind
    /// For scalars, the resolved type; `.null` for collections.
    public var type: ScalarType
    public var style: NodeStyle
    /// Where the node's text starts and ends (the opening quote or bracket included).
    public var range: SourceRange
    /// The decoded value of a scalar (escapes applied, quotes removed); empty for collections.
    public var value: String
    /// An explicit tag as written (`!!str`, `!custom`), or nil.
    public var tag: String?
    /// True when the node was made by merging or copying and has no source text of its own.
    public var synthetic: Bool
    @usableFromInline package var firstChild: Int32
    @usableFromInline package var childCount: Int32

    /// For decoders of documents in other modules (the embedded pack's format): inlinable, as
    /// it runs once per node.
    @inlinable package init(
        kind: NodeKind, type: ScalarType, style: NodeStyle, range: SourceRange, value: String, tag: String?,
        synthetic: Bool, firstChild: Int32, childCount: Int32
    ) {
        self.kind = kind
        self.type = type
        self.style = style
        self.range = range
        self.value = value
        self.tag = tag
        self.synthetic = synthetic
        self.firstChild = firstChild
        self.childCount = childCount
    }
}

/// One request: the tree of one JSON file or of one document of a YAML stream.
public struct Document: Sendable {
    public let source: SourceFile
    public let format: SourceFormat
    /// The 1-based number of this document in its stream.
    public let index: Int
    public package(set) var nodes: [Node]
    package var children: [NodeID]
    /// The top-level node.
    public package(set) var root: NodeID
    /// The nodes of anchored subtrees (a YAML anchor and all below it), as ranges of node
    /// indices: an edit there would change every place an alias repeats it. Empty for JSON.
    public package(set) var pinned: [Range<Int32>] = []

    public init(source: SourceFile, format: SourceFormat, index: Int) {
        self.source = source
        self.format = format
        self.index = index
        self.nodes = []
        self.children = []
        self.root = NodeID(0)
    }

    @inline(__always)
    public subscript(id: NodeID) -> Node { nodes[Int(id.index)] }

    /// Whether the node is in an anchored subtree (see `pinned`).
    public func isPinned(_ id: NodeID) -> Bool { pinned.contains { $0.contains(id.index) } }

    /// The children of a sequence, in order.
    public func items(of id: NodeID) -> ArraySlice<NodeID> {
        let n = self[id]
        guard n.kind == .sequence else { return [] }
        return children[Int(n.firstChild)..<Int(n.firstChild + n.childCount)]
    }

    /// The number of key/value pairs of a mapping, or of items of a sequence.
    public func count(of id: NodeID) -> Int {
        let n = self[id]
        return n.kind == .mapping ? Int(n.childCount) / 2 : Int(n.childCount)
    }

    /// The key and value nodes of a mapping, in source order.
    public func entries(of id: NodeID) -> [(key: NodeID, value: NodeID)] {
        let n = self[id]
        guard n.kind == .mapping else { return [] }
        var out: [(key: NodeID, value: NodeID)] = []
        out.reserveCapacity(Int(n.childCount) / 2)
        var i = Int(n.firstChild)
        let end = i + Int(n.childCount)
        while i < end {
            out.append((children[i], children[i + 1]))
            i += 2
        }
        return out
    }

    /// The key and value nodes for `key` in a mapping (the last one if the key is repeated).
    public func lookup(_ key: String, in id: NodeID) -> (key: NodeID, value: NodeID)? {
        let n = self[id]
        guard n.kind == .mapping else { return nil }
        var i = Int(n.firstChild + n.childCount) - 2
        let start = Int(n.firstChild)
        while i >= start {
            let k = children[i]
            if nodes[Int(k.index)].value == key, nodes[Int(k.index)].kind == .scalar {
                return (k, children[i + 1])
            }
            i -= 2
        }
        return nil
    }

    /// The text of a node exactly as written in the source file, or nil for a synthetic node.
    public func sourceText(of id: NodeID) -> String? {
        let n = self[id]
        if n.synthetic { return nil }
        return source.text(from: n.range.start.offset, to: n.range.end.offset)
    }
}

// MARK: - Building

/// Builds a `Document` bottom-up: scalars are added directly; a collection collects its
/// children between `begin` and `end`. Used by the JSON scanner and the YAML loader.
public struct DocumentBuilder {
    public private(set) var document: Document
    private var open: [(id: Int, children: [NodeID])] = []
    /// The number of nodes the document would have if every alias were copied out.
    public private(set) var expandedSize: [Int] = []

    public init(source: SourceFile, format: SourceFormat, index: Int) {
        document = Document(source: source, format: format, index: index)
    }

    /// Marks the node and every node made after it so far as anchored (see `Document.pinned`).
    public mutating func pin(from id: NodeID) {
        document.pinned.append(id.index..<Int32(document.nodes.count))
    }

    /// The nesting depth of the collection being built (0 at the top level).
    public var depth: Int { open.count }

    /// Adds a scalar and attaches it to the open collection, if any.
    @discardableResult
    public mutating func scalar(
        _ value: String, type: ScalarType, style: NodeStyle, range: SourceRange, tag: String? = nil
    ) -> NodeID {
        let id = NodeID(document.nodes.count)
        document.nodes.append(
            Node(
                kind: .scalar, type: type, style: style, range: range, value: value, tag: tag,
                synthetic: false, firstChild: 0, childCount: 0))
        expandedSize.append(1)
        attach(id)
        return id
    }

    /// Opens a mapping or a sequence.
    @discardableResult
    public mutating func begin(_ kind: NodeKind, style: NodeStyle, start: SourcePosition, tag: String? = nil) -> NodeID
    {
        let id = NodeID(document.nodes.count)
        document.nodes.append(
            Node(
                kind: kind, type: .null, style: style, range: SourceRange(at: start), value: "", tag: tag,
                synthetic: false, firstChild: 0, childCount: 0))
        expandedSize.append(1)
        open.append((Int(id.index), []))
        return id
    }

    /// Closes the innermost open collection.
    @discardableResult
    public mutating func end(at end: SourcePosition) -> NodeID {
        let (index, kids) = open.removeLast()
        document.nodes[index].firstChild = Int32(document.children.count)
        document.nodes[index].childCount = Int32(kids.count)
        document.nodes[index].range.end = end
        document.children.append(contentsOf: kids)
        var size = 1
        for k in kids { size = min(size + expandedSize[Int(k.index)], Int.max / 4) }
        expandedSize[index] = size
        let id = NodeID(index)
        attach(id)
        return id
    }

    /// Attaches an existing node (an alias target) to the open collection again.
    public mutating func reuse(_ id: NodeID) {
        attach(id)
    }

    /// The children collected so far by the innermost open collection.
    public var openChildren: [NodeID] { open.last?.children ?? [] }

    /// Replaces the children collected so far for the innermost open collection (merge keys).
    public mutating func setOpenChildren(_ children: [NodeID]) {
        guard !open.isEmpty else { return }
        open[open.count - 1].children = children
    }

    /// Marks a node as made rather than read (no source text of its own).
    public mutating func markSynthetic(_ id: NodeID) {
        document.nodes[Int(id.index)].synthetic = true
    }

    public func node(_ id: NodeID) -> Node { document[id] }

    /// The entries of a finished mapping.
    public func entries(of id: NodeID) -> [(key: NodeID, value: NodeID)] { document.entries(of: id) }

    public func items(of id: NodeID) -> ArraySlice<NodeID> { document.items(of: id) }

    /// Ends the build with `root` as the top-level node.
    public mutating func finish(root: NodeID) -> Document {
        document.root = root
        return document
    }

    private mutating func attach(_ id: NodeID) {
        guard !open.isEmpty else { return }
        open[open.count - 1].children.append(id)
    }
}
