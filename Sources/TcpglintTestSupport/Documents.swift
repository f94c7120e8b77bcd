import TcpglintCore

/// Whether two documents are the same node for node: format, number, root, and every node's
/// kind, type, style, range, value, tag, origin and children.
public func sameDocument(_ a: Document, _ b: Document) -> Bool {
    guard a.format == b.format, a.index == b.index, a.root == b.root, a.nodes.count == b.nodes.count,
        a.children == b.children
    else { return false }
    for (x, y) in zip(a.nodes, b.nodes) {
        guard x.kind == y.kind, x.type == y.type, x.style == y.style, x.range == y.range, x.value == y.value,
            x.tag == y.tag, x.synthetic == y.synthetic, x.firstChild == y.firstChild, x.childCount == y.childCount
        else { return false }
    }
    return true
}
