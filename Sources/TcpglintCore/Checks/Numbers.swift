// MARK: - The integer check

extension Evaluation {
    /// An integer (or a string holding a decimal one) outside the range, the set or the step.
    /// A value outside its 64-bit member type is left to the `type` rules.
    @inline(__always)
    func integerHits(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot) -> [Hit] {
        guard case .integer(let lo, let hi, let values, let step) = compiled.check,
            let loc = slot.node, let v = integerValue(loc)
        else { return [] }
        if case .integer(let width) = target.spec.type, !IntegerLiteral.fits(String(v), width: width, yaml: false) {
            return [] // outside the member type: the type rules report it
        }
        var ok = true
        if let lo, v < lo { ok = false }
        if let hi, v > hi { ok = false }
        if let values, !values.contains(v) { ok = false }
        if ok, let step, step > 0 {
            let (offset, overflow) = v.subtractingReportingOverflow(lo ?? 0)
            if overflow || offset % step != 0 { ok = false }
        }
        if ok { return [] }
        var vars = valueVars(loc, slot.pattern)
        vars["expected"] = Evaluation.describeInteger(lo, hi, values, step)
        return [Hit(loc: loc, innerRange: nil, path: path(slot), vars: vars)]
    }
}
