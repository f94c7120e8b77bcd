// MARK: - The array checks: size, count

extension Evaluation {
    @inline(__always)
    func sizeHits(_ compiled: Plan.CompiledCheck, slot: Slot) -> [Hit] {
        guard case .size(let lo, let hi) = compiled.check, let loc = slot.node, node(loc).kind == .sequence else {
            return []
        }
        let n = docs[loc.doc].count(of: loc.node)
        if let lo, n < lo { return [sizeHit(loc, slot, n, lo, hi)] }
        if let hi, n > hi { return [sizeHit(loc, slot, n, lo, hi)] }
        return []
    }

    func sizeHit(_ loc: Loc, _ slot: Slot, _ n: Int, _ lo: Int?, _ hi: Int?) -> Hit {
        Hit(
            loc: loc, innerRange: nil, path: path(slot),
            vars: [
                "expected": Evaluation.describeRange(lo, hi, unit: "item"), "detail": "\(n) item\(n == 1 ? "" : "s")",
            ])
    }

    /// The items for which the compiled condition holds (its paths relative to the item, which
    /// binds their `[*]` to its index), counted.
    @inline(__always)
    func countHits(_ compiled: Plan.CompiledCheck, slot: Slot) -> [Hit] {
        guard case .count(_, let lo, let hi, let description) = compiled.check,
            let loc = slot.node, node(loc).kind == .sequence, let (condition, items) = compiled.count
        else { return [] }
        var matching = 0
        for (k, item) in docs[loc.doc].items(of: loc.node).enumerated() {
            let itemSlot = Slot(
                parent: loc, node: Loc(doc: loc.doc, node: item), key: nil, pattern: items,
                bindings: slot.bindings + [k])
            if holds(condition, boundTo: itemSlot) { matching += 1 }
        }
        if (lo.map { matching < $0 } ?? false) || (hi.map { matching > $0 } ?? false) {
            return [
                Hit(
                    loc: loc, innerRange: nil, path: path(slot),
                    vars: ["expected": description, "detail": "\(matching)"])
            ]
        }
        return []
    }
}
