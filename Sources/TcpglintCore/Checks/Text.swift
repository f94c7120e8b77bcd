// MARK: - The text checks: enum, pattern, length, char-classes, allowed-chars, forbid
//
// Each looks at a subject (the value's text, or the part `extract` captures; see Values.swift),
// worked out once by `textHits` for every text check of the slot.

extension Evaluation {
    @inline(__always)
    func enumHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) -> [Hit] {
        guard case .enumeration(let values, let caseSensitive, let onlyCase) = compiled.check else { return [] }
        if values.contains(s.text) { return [] }
        if onlyCase || !caseSensitive {
            let lower = s.text.lowercased()
            let ci = values.first { $0.lowercased() == lower }
            if onlyCase {
                guard let ci else { return [] }
                return textHit(
                    s, slot, decide: decide,
                    ["expected": ValueText.list(values), "hint": s.secret ? "" : "; use \"\(ci)\""],
                    fix: values.filter { $0.lowercased() == lower }.count == 1 ? caseFix(s, to: ci) : nil)
            }
            if ci != nil { return [] }
        }
        let closest = s.secret ? nil : Suggest.closest(to: s.text, in: values)
        return textHit(
            s, slot, decide: decide,
            ["expected": ValueText.list(values), "hint": closest.map { "; did you mean \"\($0)\"?" } ?? ""],
            fix: enumFix(s, values, closest: closest))
    }

    @inline(__always)
    func patternHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) throws(Regex.MatchError)
        -> [Hit]
    {
        guard case .pattern(let regex, let negate, let description) = compiled.check else { return [] }
        let matched = try regex.matches(s.text)
        if matched != negate { return [] }
        return textHit(
            s, slot, decide: decide,
            ["expected": description ?? "a value \(negate ? "not " : "")matching /\(regex.pattern)/"])
    }

    @inline(__always)
    func lengthHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) -> [Hit] {
        guard case .length(let lo, let hi) = compiled.check else { return [] }
        // Between a quarter of the UTF-8 length and all of it: inside the bounds, no count.
        let bytes = s.text.utf8.count
        if (lo.map { $0 <= (bytes + 3) / 4 } ?? true) && (hi.map { bytes <= $0 } ?? true) { return [] }
        let n = s.text.unicodeScalars.count
        if (lo.map { n < $0 } ?? false) || (hi.map { n > $0 } ?? false) {
            return textHit(
                s, slot, decide: decide,
                [
                    "expected": Evaluation.describeRange(lo, hi, unit: "character"),
                    "detail": "\(n) character\(n == 1 ? "" : "s")",
                ])
        }
        return []
    }

    @inline(__always)
    func charClassesHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) -> [Hit] {
        guard case .charClasses(let classes, let minimum) = compiled.check else { return [] }
        var missing: [CharClass] = []
        for c in classes where !s.text.unicodeScalars.contains(where: { c.contains($0) }) { missing.append(c) }
        let need = minimum ?? classes.count
        if classes.count - missing.count >= need { return [] }
        let names = missing.map { $0.name }
        return textHit(
            s, slot, decide: decide,
            [
                "detail": ValueText.list(names, conjunction: "and"),
                "expected": ValueText.list(classes.map { $0.name }, conjunction: "and"),
            ])
    }

    @inline(__always)
    func allowedCharsHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) -> [Hit] {
        guard case .allowedChars(let classes) = compiled.check else { return [] }
        var offset = 0
        for ch in s.text.unicodeScalars {
            let len = String(ch).utf8.count
            if !classes.contains(where: { $0.contains(ch) }) {
                let at = s.range.lowerBound + offset
                let detail = s.secret ? ValueText.category(ch) : ValueText.character(ch)
                return textHit(
                    s, slot, decide: decide, ["detail": detail, "expected": ValueText.list(classes.map { $0.name })],
                    at: s.secret ? nil : at..<(at + len))
            }
            offset += len
        }
        return []
    }

    @inline(__always)
    func forbidHits(_ compiled: Plan.CompiledCheck, _ s: Subject, _ slot: Slot, decide: Bool) -> [Hit] {
        guard case .forbid(let values, let prefixes, let caseSensitive) = compiled.check else { return [] }
        let text = caseSensitive ? s.text : s.text.lowercased()
        for v in values where text == (caseSensitive ? v : v.lowercased()) {
            return textHit(
                s, slot, decide: decide,
                [
                    "detail": "is \(s.secret ? "a reserved value" : "\"\(v)\"")",
                    "expected": "not \(ValueText.list(values, quoted: true))",
                ])
        }
        for p in prefixes where text.hasPrefix(caseSensitive ? p : p.lowercased()) {
            return textHit(
                s, slot, decide: decide,
                [
                    "detail": "starts with \"\(p)\"",
                    "expected": "not starting with \(ValueText.list(prefixes, quoted: true))",
                ])
        }
        return []
    }
}
