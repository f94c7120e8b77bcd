import TcpglintCore

// MARK: - Documents as bytes
//
// The built-in rule pack is parsed when tcpglint is built, and its documents are embedded in
// that form beside their text: at start-up they are read back in a pass over a byte array
// instead of being parsed again (a third of a one-file run's work). The format is private to
// one build: the tool that writes it and the code that reads it are compiled together.

public enum DocumentCoding {
    static let magic: [UInt8] = Array("TCPGDOC1".utf8)

    /// The document as bytes: its format, index and root, then each node and the children list.
    public static func encode(_ d: Document) -> [UInt8] {
        var out = magic
        func varint(_ v: Int) {
            var u = UInt64(bitPattern: Int64(v))
            while u >= 0x80 {
                out.append(UInt8(u & 0x7F) | 0x80)
                u >>= 7
            }
            out.append(UInt8(u))
        }
        func text(_ s: String) {
            varint(s.utf8.count)
            out.append(contentsOf: s.utf8)
        }
        func position(_ p: SourcePosition) {
            varint(p.line)
            varint(p.column)
            varint(p.offset)
        }
        out.append(d.format == .json ? 0 : 1)
        varint(d.index)
        varint(Int(d.root.index))
        varint(d.nodes.count)
        for n in d.nodes {
            out.append(n.kind.rawValue)
            out.append(n.type.rawValue)
            out.append(n.style.rawValue)
            out.append((n.synthetic ? 1 : 0) | (n.tag != nil ? 2 : 0))
            position(n.range.start)
            position(n.range.end)
            varint(Int(n.firstChild))
            varint(Int(n.childCount))
            text(n.value)
            if let tag = n.tag { text(tag) }
        }
        varint(d.children.count)
        for c in d.children { varint(Int(c.index)) }
        return out
    }

    /// The document `encode` wrote, over `source` (the text it was parsed from); nil when the
    /// bytes are not such a document.
    public static func decode(_ bytes: [UInt8], source: SourceFile) -> Document? {
        bytes.withUnsafeBufferPointer { b -> Document? in
            guard b.count > magic.count, Array(b[0..<magic.count]) == magic else { return nil }
            var r = DecodeReader(b: b, i: magic.count)
            let format: SourceFormat = r.byte() == 0 ? .json : .yaml
            var d = Document(source: source, format: format, index: r.varint())
            d.root = NodeID(r.varint())
            let count = r.varint()
            guard !r.bad, count >= 0, count <= b.count else { return nil }
            var nodes: [Node] = []
            nodes.reserveCapacity(count)
            for _ in 0..<count {
                guard let node = r.node() else { return nil }
                nodes.append(node)
            }
            let children = r.varint()
            guard !r.bad, children >= 0, children <= b.count else { return nil }
            var childIDs: [NodeID] = []
            childIDs.reserveCapacity(children)
            for _ in 0..<children {
                let c = r.varint()
                guard !r.bad, c >= 0, c < count else { return nil }
                childIDs.append(NodeID(c))
            }
            d.nodes = nodes
            d.children = childIDs
            guard !r.bad, r.i == b.count, isWellFormed(d, nodeCount: count, childCount: children) else { return nil }
            return d
        }
    }

    /// Every child list and the root point inside the document, and each node has the children
    /// its kind allows.
    static func isWellFormed(_ d: Document, nodeCount count: Int, childCount children: Int) -> Bool {
        guard Int(d.root.index) >= 0, Int(d.root.index) < max(count, 1) else { return false }
        for n in d.nodes {
            guard Int(n.firstChild) + Int(n.childCount) <= children else { return false }
            switch n.kind {
            case .scalar: guard n.childCount == 0 else { return false }
            case .mapping: guard n.childCount % 2 == 0 else { return false }
            case .sequence: break
            }
        }
        return true
    }
}

/// Reads what `DocumentCoding.encode` wrote; past the end or on a bad varint, `bad` is set and
/// every read returns zero or empty.
private struct DecodeReader {
    let b: UnsafeBufferPointer<UInt8>
    var i: Int
    var bad = false

    mutating func byte() -> UInt8 {
        guard i < b.count else {
            bad = true
            return 0
        }
        i += 1
        return b[i - 1]
    }

    mutating func varint() -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let c = byte()
            if bad || shift > 63 {
                bad = true
                return 0
            }
            v |= UInt64(c & 0x7F) << shift
            if c & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v))
    }

    mutating func text() -> String {
        let n = varint()
        guard !bad, n >= 0, n <= b.count - i else {
            bad = true
            return ""
        }
        defer { i += n }
        return String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + n)]), as: UTF8.self)
    }

    mutating func position() -> SourcePosition {
        let line = varint()
        let column = varint()
        return SourcePosition(line: line, column: column, offset: varint())
    }

    /// One node, or nil when its fields are out of range.
    mutating func node() -> Node? {
        guard let kind = NodeKind(rawValue: byte()), let type = ScalarType(rawValue: byte()),
            let style = NodeStyle(rawValue: byte())
        else { return nil }
        let flags = byte()
        let range = SourceRange(start: position(), end: position())
        let first = varint()
        let childCount = varint()
        let value = text()
        let tag = flags & 2 != 0 ? text() : nil
        guard !bad, first >= 0, childCount >= 0, first <= Int(Int32.max), childCount <= Int(Int32.max) else {
            return nil
        }
        return Node(
            kind: kind, type: type, style: style, range: range, value: value, tag: tag,
            synthetic: flags & 1 != 0, firstChild: Int32(first), childCount: Int32(childCount))
    }
}
