import TcpglintCore

// MARK: - Compiling a check: one case per kind
//
// The kinds, their names and the option keys each accepts are `CheckKind`'s; this file reads a
// `check:` mapping into a `Check`, each kind's options in a method of its own.

extension RuleCompiler {
    func check(_ v: Value, targets: [Target]) -> Check? {
        guard v.isMapping else {
            v.error(
                "check must be a mapping with one check kind (\(CheckKind.names.joined(separator: ", "))), not \(v.kindName)"
            )
            return nil
        }
        for (k, _) in v.doc.entries(of: v.id) where !CheckKind.names.contains(v.doc[k].value) {
            let name = v.doc[k].value
            let hint = Suggest.closest(to: name, in: CheckKind.names).map { "; did you mean \"\($0)\"?" } ?? ""
            Value(doc: v.doc, id: k, diags: diags).error(
                "unknown check \"\(name)\"\(hint); the checks are \(CheckKind.names.joined(separator: ", "))")
            return nil
        }
        guard let o = v.object("check", allowed: CheckKind.names) else { return nil }
        guard o.entries.count == 1 else {
            if !o.entries.isEmpty || v.doc.count(of: v.id) == 0 {
                v.error("check must have exactly one check kind, not \(o.entries.count)")
            }
            return nil
        }
        let (k, opts) = o.entries[0]
        guard let kind = CheckKind(rawValue: k.node.value), let options = options(opts, of: kind) else { return nil }
        switch kind {
        case .required: return compileRequired(targets, at: v)
        case .unknown: return compileUnknown(targets, at: v)
        case .absent: return .absent
        case .type: return compileType(options)
        case .enumeration: return compileEnum(options)
        case .pattern: return compilePattern(options)
        case .length: return compileLength(options)
        case .integer: return compileInteger(options)
        case .charClasses: return compileCharClasses(options)
        case .allowedChars: return compileAllowedChars(options)
        case .forbid: return compileForbid(options)
        case .size: return compileSize(options)
        case .count: return compileCount(options, targets: targets, at: v)
        case .relation: return compileRelation(options)
        case .json: return compileJSON(options, targets: targets, at: v)
        case .catalogue: return compileCatalogue(options)
        }
    }

    /// A kind's options: a mapping of the keys the kind accepts, or nothing (`required: true`,
    /// `absent: ~`) for a kind whose options are all optional.
    func options(_ opts: Value, of kind: CheckKind) -> Object? {
        if opts.node.kind == .scalar,
            opts.node.type == .null || (opts.node.type == .boolean && opts.node.value == "true")
        {
            return Object(value: opts, what: kind.rawValue, allowed: kind.options)
        }
        return opts.object("the options of \(kind.rawValue)", allowed: kind.options)
    }

    // MARK: Presence

    func compileRequired(_ targets: [Target], at v: Value) -> Check? {
        for t in targets where t.pattern.isEmpty || t.pattern.last == .embedded || t.pattern.last == .anyIndex {
            v.error("required checks a named parameter, but \(t.display) is not one")
        }
        return .required
    }

    func compileUnknown(_ targets: [Target], at v: Value) -> Check? {
        for t in targets where t.spec.structure == nil {
            v.error("unknown checks an object's keys, but \(t.display) is \(t.spec.typeName)")
        }
        return .unknown
    }

    // MARK: Types

    func compileType(_ o: Object) -> Check? {
        guard let r = o.require("report"), let names = r.strings("report") else { return nil }
        var set = Set<TypeMismatch>()
        for n in names {
            if let m = TypeMismatch(rawValue: n) {
                set.insert(m)
            } else {
                r.error(
                    "unknown type mismatch \"\(n)\"; known: \(TypeMismatch.allCases.map { $0.rawValue }.joined(separator: ", "))"
                )
            }
        }
        return .type(set)
    }

    // MARK: Text

    func compileEnum(_ o: Object) -> Check? {
        guard let values = o.require("values")?.scalars("values") else { return nil }
        if values.isEmpty { o["values"]?.error("values must not be empty") }
        return .enumeration(
            values: values, caseSensitive: o["case-sensitive"]?.bool("case-sensitive") ?? true,
            onlyCaseMismatch: o["only-case-mismatch"]?.bool("only-case-mismatch") ?? false)
    }

    func compilePattern(_ o: Object) -> Check? {
        guard let r = o.require("regex") else { return nil }
        let ci = o["case-insensitive"]?.bool("case-insensitive") ?? false
        guard let re = regex(r, caseInsensitive: ci, what: "regex") else { return nil }
        return .pattern(
            re, negate: o["negate"]?.bool("negate") ?? false, description: o["description"]?.string("description"))
    }

    func compileLength(_ o: Object) -> Check? {
        let (min, max) = bounds(o, of: .length)
        return .length(min: min, max: max)
    }

    func compileCharClasses(_ o: Object) -> Check? {
        guard let classes = charClasses(o) else { return nil }
        return .charClasses(classes, minimum: o["minimum"]?.int("minimum"))
    }

    func compileAllowedChars(_ o: Object) -> Check? {
        charClasses(o).map { .allowedChars($0) }
    }

    func compileForbid(_ o: Object) -> Check? {
        let values = o["values"]?.scalars("values") ?? []
        let prefixes = o["prefixes"]?.strings("prefixes") ?? []
        if values.isEmpty, prefixes.isEmpty { o.value.error("forbid needs values, prefixes or both") }
        return .forbid(
            values: values, prefixes: prefixes, caseSensitive: o["case-sensitive"]?.bool("case-sensitive") ?? true)
    }

    /// The `classes` of `char-classes` and `allowed-chars`; nil when one of them is wrong.
    func charClasses(_ o: Object) -> [CharClass]? {
        guard let list = o.require("classes")?.list("classes") else { return nil }
        let classes = list.compactMap(charClass)
        return classes.count == list.count ? classes : nil
    }

    func charClass(_ v: Value) -> CharClass? {
        guard let o = v.object("a character class", allowed: ["name", "chars", "pattern"]) else { return nil }
        let name = o.require("name")?.string("name") ?? ""
        let hasChars = o["chars"] != nil
        let hasPattern = o["pattern"] != nil
        guard hasChars != hasPattern else {
            v.error("a character class has exactly one of chars or pattern")
            return nil
        }
        if let c = o["chars"], let text = c.string("chars") {
            return CharClass(name: name, chars: Set(text.unicodeScalars), regex: nil, display: text)
        }
        if let p = o["pattern"], let re = regex(p, caseInsensitive: false, what: "pattern") {
            return CharClass(name: name, chars: [], regex: re, display: re.pattern)
        }
        return nil
    }

    // MARK: Numbers

    func compileInteger(_ o: Object) -> Check? {
        var values: [Int]?
        if let vv = o["values"], let items = vv.list("values") {
            values = items.compactMap { $0.int("each value") }
        }
        let step = o["step"]?.int("step")
        if let s = step, s < 1 { o["step"]?.error("step must be at least 1") }
        let min = o["min"]?.int("min")
        let max = o["max"]?.int("max")
        if min == nil, max == nil, values == nil, step == nil {
            o.value.error("integer needs min, max, values or step")
        }
        return .integer(min: min, max: max, values: values, step: step)
    }

    // MARK: Arrays

    func compileSize(_ o: Object) -> Check? {
        let (min, max) = bounds(o, of: .size)
        return .size(min: min, max: max)
    }

    func compileCount(_ o: Object, targets: [Target], at v: Value) -> Check? {
        guard let t = targets.first else { return nil }
        guard case .array(let item) = t.spec.type else {
            v.error("count counts the items of an array, but \(t.display) is \(t.spec.typeName)")
            return nil
        }
        guard let w = o.require("where"), let cond = condition(w, base: item) else { return nil }
        let min = o["min"]?.int("min")
        let max = o["max"]?.int("max")
        if min == nil, max == nil { o.value.error("count needs min, max or both") }
        let description =
            o["description"]?.string("description")
            ?? "\(min.map { "at least \($0)" } ?? "")\(min != nil && max != nil ? " and " : "")\(max.map { "at most \($0)" } ?? "") matching items"
        return .count(cond, min: min, max: max, description: description)
    }

    /// The `min` and `max` of `length` and `size`: at least one, and in order.
    func bounds(_ o: Object, of kind: CheckKind) -> (min: Int?, max: Int?) {
        let min = o["min"]?.int("min")
        let max = o["max"]?.int("max")
        if min == nil, max == nil { o.value.error("\(kind.rawValue) needs min, max or both") }
        if let a = min, let b = max, a > b { o.value.error("min \(a) is greater than max \(b)") }
        return (min, max)
    }

    // MARK: Relations

    func compileRelation(_ o: Object) -> Check? {
        let ops = ["equals", "not-equals"].filter { o[$0] != nil }
        guard ops.count == 1 else {
            o.value.error("relation needs exactly one of equals or not-equals")
            return nil
        }
        guard let ov = o[ops[0]], let text = ov.string(ops[0]), let other = target(text, at: ov, from: model.request)
        else { return nil }
        var otherExtract: Regex?
        if let oe = o["other-extract"] {
            otherExtract = regex(oe, caseInsensitive: false, what: "other-extract")
            if let r = otherExtract, r.captureCount < 1 { oe.error("other-extract needs a capturing group") }
        }
        return .relation(RelationOp(rawValue: ops[0])!, other: other, otherExtract: otherExtract)
    }

    // MARK: Embedded

    func compileJSON(_ o: Object, targets: [Target], at v: Value) -> Check? {
        let shapeName = o["shape"]?.string("shape") ?? "any"
        guard let shape = JSONShape(rawValue: shapeName) else {
            o["shape"]?.error("shape must be any, object or object-of-strings, not \"\(shapeName)\"")
            return nil
        }
        for t in targets where !(t.spec.type.isScalar && t.spec.typeName == "String") {
            v.error("json reads a document held in a String, but \(t.display) is \(t.spec.typeName)")
        }
        return .json(shape)
    }

    // MARK: Catalogue

    func compileCatalogue(_ o: Object) -> Check? {
        guard let site = o.require("fact"), let name = site.string("fact") else { return nil }
        guard let fact = CatalogueFact(rawValue: name) else {
            let hint = Suggest.closest(to: name, in: CatalogueFact.names).map { "; did you mean \"\($0)\"?" } ?? ""
            site.error(
                "unknown catalogue fact \"\(name)\"\(hint); the facts are \(CatalogueFact.names.joined(separator: ", "))"
            )
            return nil
        }
        if model.catalogueKey == nil {
            site.error("a catalogue check needs the model's catalogue-key (the parameters a lookup is keyed by)")
        }
        return .catalogue(fact)
    }
}
