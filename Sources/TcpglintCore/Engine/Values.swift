// MARK: - Values: what a value check looks at

extension Evaluation {
    /// The text a value check sees (the written text of a scalar it can judge), narrowed by `extract`.
    func subjectThrowing(_ loc: Loc, pattern: Int, extract: Regex?, spec: ParamSpec? = nil) throws(Regex.MatchError)
        -> Subject?
    {
        let specID = spec.map { ObjectIdentifier($0) }
        if extract == nil, let known = rememberedSubject(loc, pattern, specID) { return known.subject }
        let n = node(loc)
        guard n.kind == .scalar, n.type != .null,
            Evaluation.isCheckable(n, as: spec, embedded: loc.doc != 0 && !joins.docs.contains(loc.doc))
        else {
            if extract == nil { remember(nil, loc, pattern, specID) }
            return nil
        }
        let secret = isSecret(loc, pattern)
        guard let extract else {
            let subject = Subject(loc: loc, text: n.value, range: 0..<n.value.utf8.count, secret: secret, whole: true)
            remember(subject, loc, pattern, specID)
            return subject
        }
        guard let groups = try extract.firstMatch(in: n.value) else { return nil }
        let chosen = groups.count > 1 ? groups[1] : groups[0]
        guard let r = chosen else { return nil }
        let utf8 = Array(n.value.utf8)
        return Subject(
            loc: loc, text: String(decoding: utf8[r], as: UTF8.self), range: r, secret: secret,
            whole: r == 0..<utf8.count)
    }

    /// Whether a value checks can judge a scalar: one of the documented type, or one the API
    /// coerces to it (a number for a String, a quoted integer or boolean). Other values are left
    /// to the `type` rules, so one fault is not reported twice. Inside an embedded document
    /// only strings are judged.
    static func isCheckable(_ n: Node, as spec: ParamSpec?, embedded: Bool) -> Bool {
        if embedded { return n.type == .string }
        guard let spec else { return true }
        switch spec.type {
        case .string: return n.type == .string || n.type == .integer || n.type == .float
        case .integer: return n.type == .integer || (n.type == .string && IntegerLiteral.isDecimal(n.value))
        case .boolean: return n.type == .boolean || (n.type == .string && (n.value == "true" || n.value == "false"))
        case .array, .structure: return false
        }
    }

    func valueVars(_ loc: Loc, _ pattern: Int) -> [String: String] {
        let n = node(loc)
        let shown: String
        if isSecret(loc, pattern) {
            shown = ValueText.redacted
        } else if n.kind != .scalar {
            shown = n.kind == .mapping ? "an object" : "a list"
        } else {
            shown = ValueText.quote(n.value, type: n.type)
        }
        return ["value": shown]
    }

    /// The integer a value stands for: an integer scalar, or a string holding a decimal integer.
    func integerValue(_ loc: Loc) -> Int? {
        let n = node(loc)
        guard n.kind == .scalar else { return nil }
        switch n.type {
        case .integer: return IntegerLiteral.parse(n.value, yaml: format(loc) == .yaml)
        case .string: return IntegerLiteral.isDecimal(n.value) ? Int(n.value) : nil
        default: return nil
        }
    }

    /// The value of the parameter a condition first names, as `{condition-value}` shows it: as
    /// written, or "absent" (with the model's default: "absent, so 0").
    func conditionValue(_ c: Plan.CompiledCondition, _ bound: Slot) -> String {
        guard c.kind == .present || c.kind == .passes else {
            return c.children.first.map { conditionValue($0, bound) } ?? ""
        }
        var found: Slot?
        forEachSlot(c.pattern, boundTo: bound) { s in
            found = s
            return false
        }
        if let loc = found?.node, let s = found { return valueVars(loc, s.pattern)["value"] ?? "" }
        return c.target?.spec.defaultValue.map { "absent, so \($0)" } ?? "absent"
    }
}
