// MARK: - The json check: a JSON document held in a string

extension Evaluation {
    /// The problems found parsing the embedded document (at their place inside the string),
    /// then what makes it other than the shape.
    func jsonHits(_ compiled: Plan.CompiledCheck, slot: Slot) -> [Hit] {
        guard case .json(let shape) = compiled.check, let loc = slot.node else { return [] }
        let n = node(loc)
        guard n.kind == .scalar, n.type == .string else { return [] }
        let (idx, problems) = embeddedDocument(loc)
        var hits: [Hit] = []
        let slotPath = path(slot)
        for p in problems {
            let inner = p.range.start.offset..<max(p.range.start.offset, p.range.end.offset)
            let related =
                p.related.map { InputProblem.describe(docs[loc.doc].position(of: loc.node, atValueOffset: $0.offset)) }
                ?? ""
            hits.append(
                Hit(
                    loc: loc, innerRange: inner, path: slotPath,
                    vars: ["detail": p.message(relatedAt: related), "expected": "a JSON object of strings"]))
        }
        guard let idx else { return hits }
        let d = docs[idx]
        let root = d[d.root]
        let embeddedPath = slotPath.appending(.embedded)
        switch shape {
        case .any:
            break
        case .object, .objectOfStrings:
            guard root.kind == .mapping else {
                let what = root.kind == .sequence ? "an array" : "a \(root.type == .string ? "string" : "scalar")"
                hits.append(
                    Hit(
                        loc: Loc(doc: idx, node: d.root), innerRange: nil, path: embeddedPath,
                        vars: ["detail": "the document is \(what), not an object", "expected": "a JSON object"]))
                break
            }
            if shape == .objectOfStrings {
                for (key, value) in d.entries(of: d.root) where !(d[value].kind == .scalar && d[value].type == .string)
                {
                    let v = d[value]
                    let what = v.kind == .mapping ? "an object" : v.kind == .sequence ? "an array" : v.type.noun
                    hits.append(
                        Hit(
                            loc: Loc(doc: idx, node: value), innerRange: nil,
                            path: embeddedPath.appending(.key(d[key].value)),
                            vars: [
                                "detail": "the value of \(d[key].value) is \(what), not a string",
                                "expected": "a JSON object of strings",
                            ]))
                }
            }
        }
        return hits
    }
}
