// MARK: - Checks: from a compiled check to the evaluation of its kind
//
// A check's evaluation is in the file of its family (`CheckKind.Family`): Presence.swift
// (required, unknown, absent), Types.swift (type), Text.swift (enum, pattern, length,
// char-classes, allowed-chars, forbid), Numbers.swift (integer), Arrays.swift (size, count),
// Relations.swift (relation) and Embedded.swift (json). This file only dispatches: the `type`
// checks first (four rules ask at every parameter), then the checks that do not read a value's
// text, then those that do, which share the value's text, worked out once.

extension Evaluation {
    func check(_ rule: Rule, _ compiled: Plan.CompiledCheck, target: Target, slot: Slot) -> [Hit] {
        do {
            return try runThrowing(compiled, target: target, slot: slot, extract: rule.extract)
        } catch {
            guard let loc = slot.node else { return [] }
            let why: String
            switch error {
            case .limitExceeded(let reason): why = "its pattern hit the PCRE2 limit (\(reason))"
            case .failed(let reason): why = "its pattern failed to run (\(reason))"
            }
            let d = Diagnostic.regexLimit
            findings.append(Finding(
                file: main.source.name, document: main.index, range: hostRange(loc, nil), severity: d.severity,
                code: d.code, rule: d.id, path: path(slot).description, message: "rule \(rule.id) could not decide: \(why)"))
            return []
        }
    }

    /// A check's hits at a slot. With `decide`, only whether there is one matters (a condition
    /// asks): no message is worked out, and a failing check gives `Evaluation.failed`.
    func runThrowing(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot, extract: Regex?,
                     decide: Bool = false) throws(Regex.MatchError) -> [Hit] {
        if compiled.typeReport != 0 {
            return typeHits(compiled.typeReport, target: target, slot: slot, decide: decide)
        }
        if !compiled.readsText {
            let hits = nonTextHits(compiled, target: target, slot: slot)
            return decide && !hits.isEmpty ? Evaluation.failed : hits
        }
        return try textHits(compiled, target: target, slot: slot, extract: extract, decide: decide)
    }

    /// The checks that do not read a value's text.
    func nonTextHits(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot) -> [Hit] {
        switch compiled.check {
        case .required: return requiredHits(target: target, slot: slot)
        case .absent: return absentHits(slot: slot)
        case .unknown: return unknownHits(slot: slot, spec: target.spec)
        case .type: return [] // `typeHits`, when it reports any mismatch
        case .size(let lo, let hi): return sizeHits(lo, hi, slot: slot)
        case .count(_, let lo, let hi, let description): return countHits(compiled, lo, hi, description, slot: slot)
        case .json(let shape): return jsonHits(shape, slot: slot)
        case .integer(let lo, let hi, let values, let step): return integerHits(lo, hi, values, step, target: target, slot: slot)
        case .enumeration, .pattern, .length, .charClasses, .allowedChars, .forbid, .relation:
            return [] // `textHits`
        }
    }

    /// The checks that read a value's text (or the part `extract` captures).
    func textHits(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot, extract: Regex?, decide: Bool) throws(Regex.MatchError) -> [Hit] {
        guard let loc = slot.node, let s = try subjectThrowing(loc, pattern: slot.pattern, extract: extract, spec: target.spec) else {
            // A condition does not hold on a value its check cannot judge.
            return decide ? Evaluation.failed : []
        }
        switch compiled.check {
        case .enumeration(let values, let caseSensitive, let onlyCase):
            return enumHits(values, caseSensitive: caseSensitive, onlyCaseMismatch: onlyCase, s, slot, decide: decide)
        case .pattern(let regex, let negate, let description):
            return try patternHits(regex, negate: negate, description: description, s, slot, decide: decide)
        case .length(let lo, let hi): return lengthHits(lo, hi, s, slot, decide: decide)
        case .charClasses(let classes, let minimum): return charClassesHits(classes, minimum: minimum, s, slot, decide: decide)
        case .allowedChars(let classes): return allowedCharsHits(classes, s, slot, decide: decide)
        case .forbid(let values, let prefixes, let caseSensitive):
            return forbidHits(values, prefixes: prefixes, caseSensitive: caseSensitive, s, slot, decide: decide)
        case .relation(let op, let other, let otherExtract):
            return try relationHits(op, other: other, otherExtract: otherExtract, compiled, s, slot, decide: decide)
        case .required, .unknown, .absent, .type, .integer, .size, .count, .json:
            return [] // `nonTextHits`
        }
    }

    /// The hit of a text check at its subject. The message's values are worked out only when
    /// the check finds something, and not at all when a condition only asks whether it does.
    @inline(__always)
    func textHit(_ s: Subject, _ slot: Slot, decide: Bool, _ extra: @autoclosure () -> [String: String],
                 at inner: Range<Int>? = nil) -> [Hit] {
        if decide { return Evaluation.failed }
        let extra = extra()
        var vars = valueVars(s.loc, slot.pattern)
        vars["written"] = vars["value"]
        if !s.whole { vars["value"] = s.secret ? ValueText.redacted : ValueText.quote(s.text) }
        vars.merge(extra) { $1 }
        return [Hit(loc: s.loc, innerRange: inner ?? (s.whole ? nil : s.range), path: path(slot), vars: vars)]
    }
}
