// MARK: - The type check: the written type against the model's

extension Evaluation {
    /// A `type` check, from the mismatches it reports as bits (`Plan.CompiledCheck.typeReport`,
    /// never 0 here): four rules ask at every parameter, and most values are of their type.
    @inline(__always)
    func typeHits(_ report: UInt8, target: Target, slot: Slot, decide: Bool) -> [Hit] {
        guard let loc = slot.node, let m = mismatch(loc, target.spec), report & m.bit != 0 else { return [] }
        return decide ? Evaluation.failed : mismatchHits(loc, spec: target.spec, slot: slot, mismatch: m)
    }

    /// The way a value differs from its documented type, if it does. Worked out without
    /// building any text: most values are of their type, and four rules ask.
    static func mismatch(_ n: Node, _ type: ParamType, format: SourceFormat) -> TypeMismatch? {
        switch type {
        case .string:
            if n.kind != .scalar { return .wrongShape }
            if n.type == .integer || n.type == .float { return .numberForString }
            return n.type == .string ? nil : .wrongScalar
        case .integer(let width):
            if n.kind != .scalar { return .wrongShape }
            if n.type == .integer {
                return IntegerLiteral.fits(n.value, width: width, yaml: format == .yaml) ? nil : .outOfRange
            }
            if n.type == .string, IntegerLiteral.isDecimal(n.value) {
                return IntegerLiteral.fits(n.value, width: width, yaml: false) ? .quotedLiteral : .outOfRange
            }
            return .wrongScalar
        case .boolean:
            if n.kind != .scalar { return .wrongShape }
            if n.type == .string, n.value == "true" || n.value == "false" { return .quotedLiteral }
            return n.type == .boolean ? nil : .wrongScalar
        case .array:
            return n.kind == .sequence ? nil : .wrongShape
        case .structure:
            return n.kind == .mapping ? nil : .wrongShape
        }
    }

    /// How a value differs from its documented type, worked out once for the rules that ask
    /// one after another about the same slot.
    func mismatch(_ loc: Loc, _ spec: ParamSpec) -> TypeMismatch? {
        let id = ObjectIdentifier(spec)
        if mismatchLoc == loc, mismatchSpec == id { return cachedMismatch }
        mismatchLoc = loc
        mismatchSpec = id
        cachedMismatch = Evaluation.mismatch(node(loc), spec.type, format: format(loc))
        return cachedMismatch
    }

    /// The finding for a value of the wrong type: what was written, what the model says.
    func mismatchHits(_ loc: Loc, spec: ParamSpec, slot: Slot, mismatch: TypeMismatch) -> [Hit] {
        let n = node(loc)
        let format = docs[loc.doc].format
        let secret = isSecret(loc, slot.pattern)
        let written =
            secret
            ? (n.kind == .scalar ? n.type.noun : n.kind == .mapping ? "an object" : "a list")
            : Evaluation.describe(n, format: format)
        var detail = ""
        if mismatch == .numberForString, !secret, let canonical = Evaluation.canonicalNumber(n, format: format),
            canonical != n.value
        {
            detail = "; YAML reads \(n.value) as \(canonical)"
        }
        var expected: String
        switch spec.type {
        case .string: expected = "a String"
        case .integer(let w) where mismatch == .outOfRange:
            expected =
                w == .uint64
                ? "uint64 (0 to 18446744073709551615)" : "int64 (-9223372036854775808 to 9223372036854775807)"
        case .integer(let w): expected = "an Integer (\(w.rawValue))"
        case .boolean: expected = "a Boolean"
        case .array(let item): expected = "an array of \(item.typeName)"
        case .structure(let s): expected = "an object (\(s.name))"
        }
        var vars = valueVars(loc, slot.pattern)
        vars["expected"] = expected
        vars["detail"] = written + detail
        if spec.embedded != nil, n.kind != .scalar {
            vars["hint"] =
                "; write the \(n.kind == .mapping ? "object" : "list") as a JSON string, such as '{\"key\":\"value\"}'"
        }
        return [
            Hit(
                loc: loc, innerRange: nil, path: path(slot), vars: vars,
                fix: spec.embedded != nil && mismatch == .wrongShape && !secret
                    ? embeddedObjectFix(loc, key: slot.key) : typeFix(loc, mismatch, spec.type, secret: secret))
        ]
    }

    static func describe(_ n: Node, format: SourceFormat) -> String {
        switch n.kind {
        case .mapping: return "an object"
        case .sequence: return "a list"
        case .scalar:
            switch n.type {
            case .string: return "the string " + ValueText.quote(n.value)
            case .integer: return "the integer " + n.value
            case .float: return "the number " + n.value
            case .boolean: return "the boolean " + n.value
            case .null: return n.value.isEmpty ? "an empty value (null)" : "null"
            }
        }
    }

    /// The number as a YAML or JSON loader hands it on, when that differs from the text.
    static func canonicalNumber(_ n: Node, format: SourceFormat) -> String? {
        if n.type == .integer {
            return IntegerLiteral.parse(n.value, yaml: format == .yaml).map { String($0) }
        }
        let text = n.value.lowercased()
        if text.hasSuffix("inf") || text.hasSuffix("nan") { return nil }
        guard let d = Double(String(n.value.filter { $0 != "_" })), d.isFinite else { return nil }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" == n.value ? nil : String(d) }
        return String(d)
    }
}
