// MARK: - Conditions: `when`, and `count.where` on each item

extension Evaluation {
    /// A condition whose answer is the same at every slot of the document: worked out once per
    /// document and condition (equal conditions of different rules are one object).
    func holdsDocumentWide(_ c: Plan.CompiledCondition, _ slot: Slot) -> Bool {
        if conditionMemo.isEmpty { conditionMemo = [Int8](repeating: -1, count: plan.conditionCount) }
        let known = conditionMemo[c.id]
        if known >= 0 { return known == 1 }
        let answer = holds(c, boundTo: slot, wide: true)
        conditionMemo[c.id] = answer ? 1 : 0
        return answer
    }

    func holds(_ c: Plan.CompiledCondition, boundTo bound: Slot, wide: Bool = false) -> Bool {
        // Inside a document-wide condition, every part is document-wide: shared parts of other
        // rules' conditions are remembered too.
        func part(_ x: Plan.CompiledCondition) -> Bool { wide ? holdsDocumentWide(x, bound) : holds(x, boundTo: bound) }
        switch c.kind {
        case .all:
            for x in c.children where !part(x) { return false }
            return true
        case .any:
            for x in c.children where part(x) { return true }
            return false
        case .not:
            return !part(c.children[0])
        case .present:
            var present = false
            forEachSlot(c.pattern, boundTo: bound) { _ in
                present = true
                return false
            }
            return present == c.want
        case .passes:
            guard let target = c.target, let check = c.check else { return false }
            var passed = false
            forEachSlot(c.pattern, boundTo: bound) { s in
                passed = passes(check, target: target, slot: s)
                return !passed
            }
            return passed
        }
    }
}
