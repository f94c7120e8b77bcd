// MARK: - The relation check: the value against another parameter's

extension Evaluation {
    /// Skipped when the other parameter is absent or not a value a check can judge. The other
    /// parameter's slot is the one bound to this slot's `[*]` indices, if the paths share any.
    @inline(__always)
    func relationHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) throws(Regex.MatchError)
        -> [Hit]
    {
        guard case .relation(let op, let other, let otherExtract) = compiled.check, let otherPattern = compiled.other
        else { return [] }
        var found: Slot?
        forEachSlot(otherPattern, boundTo: slot) { o in
            found = o
            return false
        }
        guard let o = found, let oloc = o.node,
            let os = try subjectThrowing(oloc, pattern: o.pattern, extract: otherExtract, spec: other.spec)
        else { return [] }
        let equal = os.text == s.text
        if equal == (op == .equals) { return [] }
        // When either side is secret, neither value is shown: equal values would show it.
        var extra = [
            "other": path(o).description, "other-value": ValueText.quote(os.text),
            "other-written": valueVars(oloc, o.pattern)["value"] ?? "",
        ]
        if os.secret || s.secret {
            for k in ["value", "written", "other-value", "other-written"] { extra[k] = ValueText.redacted }
        }
        return textHit(s, slot, decide: decide, extra)
    }
}
