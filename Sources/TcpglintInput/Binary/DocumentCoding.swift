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
            var i = 0
            var bad = false
            func byte() -> UInt8 {
                guard i < b.count else { bad = true; return 0 }
                i += 1
                return b[i - 1]
            }
            func varint() -> Int {
                var v: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    let c = byte()
                    if bad || shift > 63 { bad = true; return 0 }
                    v |= UInt64(c & 0x7F) << shift
                    if c & 0x80 == 0 { break }
                    shift += 7
                }
                return Int(Int64(bitPattern: v))
            }
            func text() -> String {
                let n = varint()
                guard !bad, n >= 0, n <= b.count - i else { bad = true; return "" }
                defer { i += n }
                return String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + n)]), as: UTF8.self)
            }
            func position() -> SourcePosition {
                let line = varint(), column = varint()
                return SourcePosition(line: line, column: column, offset: varint())
            }
            guard b.count > magic.count, Array(b[0..<magic.count]) == magic else { return nil }
            i = magic.count
            let format: SourceFormat = byte() == 0 ? .json : .yaml
            var d = Document(source: source, format: format, index: varint())
            d.root = NodeID(varint())
            let count = varint()
            guard !bad, count >= 0, count <= b.count else { return nil }
            var nodes: [Node] = []
            nodes.reserveCapacity(count)
            for _ in 0..<count {
                guard let kind = NodeKind(rawValue: byte()), let type = ScalarType(rawValue: byte()),
                      let style = NodeStyle(rawValue: byte()) else { return nil }
                let flags = byte()
                let range = SourceRange(start: position(), end: position())
                let first = varint(), childCount = varint()
                let value = text()
                let tag = flags & 2 != 0 ? text() : nil
                guard !bad, first >= 0, childCount >= 0, first <= Int(Int32.max), childCount <= Int(Int32.max) else { return nil }
                nodes.append(Node(kind: kind, type: type, style: style, range: range, value: value, tag: tag,
                                    synthetic: flags & 1 != 0, firstChild: Int32(first), childCount: Int32(childCount)))
            }
            let children = varint()
            guard !bad, children >= 0, children <= b.count else { return nil }
            var childIDs: [NodeID] = []
            childIDs.reserveCapacity(children)
            for _ in 0..<children {
                let c = varint()
                guard !bad, c >= 0, c < count else { return nil }
                childIDs.append(NodeID(c))
            }
            d.nodes = nodes
            d.children = childIDs
            // Every child list and the root must point inside the document.
            guard !bad, i == b.count, Int(d.root.index) >= 0, Int(d.root.index) < max(count, 1) else { return nil }
            for n in d.nodes {
                guard Int(n.firstChild) + Int(n.childCount) <= children else { return nil }
                switch n.kind {
                case .scalar: guard n.childCount == 0 else { return nil }
                case .mapping: guard n.childCount % 2 == 0 else { return nil }
                case .sequence: break
                }
            }
            return d
        }
    }
}
