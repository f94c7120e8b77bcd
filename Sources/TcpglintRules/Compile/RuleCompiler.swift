import TcpglintCore

// MARK: - Compiling one rule

/// Turns a rule mapping into a `Rule`, reporting every fault at its position.
struct RuleCompiler {
    let model: APIModel
    let references: [String: SourceReference]
    let base: Value?
    let limits: Regex.Limits
    /// For a policy: the namespace its codes must be in ("" when it declares none, so that only
    /// the API's namespaces are refused). Nil for the built-in pack.
    let namespace: String?
    let diags: Diagnostics

    func compile(_ v: Value) -> Rule? {
        let before = diags.errors.count
        guard let o = v.object("a rule", allowed: RulePackLoader.ruleKeys) else { return nil }
        let id = o.require("id")?.string("id") ?? ""
        if !id.isEmpty, !RuleCompiler.isKebab(id) {
            o["id"]?.error("rule id \"\(id)\" must be lower-case words joined by '-'")
        }
        let code = self.code(o)
        let suppressible = o["suppressible"]?.bool("suppressible") ?? true
        let fixable = o["fixable"]?.bool("fixable") ?? (namespace == nil)
        let (yields, requires) = catalogueKeys(o)
        var severity = Severity.error
        if let s = o.require("severity"), let name = s.string("severity") {
            if let sv = Severity(name: name) {
                severity = sv
            } else {
                s.error("severity must be error, warning or info, not \"\(name)\"")
            }
        }
        let summary = o.require("summary")?.string("summary") ?? ""
        let description = o["description"]?.string("description") ?? ""
        var message: MessageTemplate?
        if let m = o.require("message"), let text = m.string("message") {
            do { message = try MessageTemplate(parsing: text) } catch {
                diags.add(m.location(atValueOffset: String(text.prefix(error.offset)).utf8.count), error.message)
            }
        }
        let targets = o.require("target").map { self.targets($0) } ?? []
        let extract = o["extract"].flatMap { regex($0, caseInsensitive: false, what: "extract") }
        if let e = extract, e.captureCount < 1 {
            o["extract"]?.error("extract needs a capturing group: the check sees what group 1 captures")
        }
        let when = o["when"].flatMap { condition($0, base: model.request) }
        var check: Check?
        if let c = o.require("check") {
            check = self.check(c, targets: targets)
        }
        var source = RuleSource(ref: "", quote: "")
        if let s = o.require("source"), let so = s.object("source", allowed: ["ref", "quote"]) {
            let ref = so.require("ref")?.string("ref") ?? ""
            if let site = so["ref"] { RulePackLoader.checkReference(ref, at: site, in: references) }
            source = RuleSource(ref: ref, quote: so.require("quote")?.string("quote") ?? "")
        }
        var valid: [RuleExample] = []
        var invalid: [RuleExample] = []
        if let e = o.require("examples"), let eo = e.object("examples", allowed: ["valid", "invalid"]) {
            for (key, into) in [("valid", 0), ("invalid", 1)] {
                guard let list = eo.require(key)?.list(key) else { continue }
                if list.isEmpty { eo[key]?.error("a rule needs at least one \(key) example") }
                let compiled = list.compactMap(example)
                if into == 0 { valid = compiled } else { invalid = compiled }
            }
        }
        guard diags.errors.count == before, let message, let check else { return nil }
        return Rule(
            id: id, code: code, severity: severity, summary: summary, description: description, message: message,
            targets: targets, extract: extract, when: when, check: check, source: source, valid: valid,
            invalid: invalid, location: v.location, suppressible: suppressible, yieldsToCatalogue: yields,
            requiresCatalogue: requires, fixable: fixable)
    }

    /// A rule's `yields-to-catalogue:` and `requires:` (`catalogue`, reported as info without a
    /// catalogue, or `{catalogue: error|warning|info}`).
    func catalogueKeys(_ o: Object) -> (CatalogueDecision?, Severity?) {
        var yields: CatalogueDecision?
        if let y = o["yields-to-catalogue"], let name = y.string("yields-to-catalogue") {
            yields = CatalogueDecision(rawValue: name)
            if yields == nil {
                let hint =
                    Suggest.closest(to: name, in: CatalogueDecision.names).map { "; did you mean \"\($0)\"?" } ?? ""
                y.error(
                    "yields-to-catalogue must be one of \(CatalogueDecision.names.joined(separator: ", ")), not \"\(name)\"\(hint)"
                )
            }
        }
        guard let r = o["requires"] else { return (yields, nil) }
        let wrong = "requires must be catalogue, or {catalogue: error}, {catalogue: warning} or {catalogue: info}"
        if r.isMapping {
            guard let ro = r.object("requires", allowed: ["catalogue"]), let s = ro.require("catalogue"),
                let name = s.string("requires catalogue")
            else { return (yields, nil) }
            guard let severity = Severity(name: name) else {
                s.error(wrong)
                return (yields, nil)
            }
            return (yields, severity)
        }
        guard r.string("requires") == "catalogue" else {
            if r.kind == .scalar { r.error(wrong) }
            return (yields, nil)
        }
        return (yields, .info)
    }

    /// A rule's code: dot-separated words, outside the reserved namespaces (for a policy, in its
    /// own).
    func code(_ o: Object) -> String {
        let code = o.require("code")?.string("code") ?? ""
        if !code.isEmpty, !RuleCompiler.isCode(code) {
            o["code"]?.error(
                "code \"\(code)\" must be dot-separated words of letters and digits, such as InvalidParameterValue.InvalidCharset"
            )
        }
        if code.hasPrefix("Tcpglint.") || code == "Tcpglint" {
            o["code"]?.error("the Tcpglint. namespace is reserved for tcpglint's own diagnostics")
        } else if let namespace, !code.isEmpty {
            let first = code.split(separator: ".").first.map(String.init) ?? code
            if model.codeNamespaces.contains(first) {
                o["code"]?.error(
                    "code \"\(code)\" is in the API's \(first) namespace; a policy's codes start with its namespace, \(namespace)."
                )
            } else if !namespace.isEmpty, first != namespace || !code.contains(".") {
                o["code"]?.error(
                    "code \"\(code)\" is outside the policy's namespace; write \(namespace).\(code.split(separator: ".").last.map(String.init) ?? code)"
                )
            }
        }
        return code
    }

    // MARK: Targets

    /// A rule's `target`: a path or a list of them; `*` is every parameter of the model.
    func targets(_ t: Value) -> [Target] {
        var targets: [Target] = []
        let written: [(String, Value)]
        if t.isSequence {
            written = (t.list("target") ?? []).compactMap { item in item.string("a target").map { ($0, item) } }
        } else {
            written = t.string("target").map { [($0, t)] } ?? []
        }
        for (text, site) in written {
            if text == "*" {
                targets += model.allPatterns().compactMap { p in model.spec(at: p).map { Target(pattern: p, spec: $0) }
                }
            } else if let target = target(text, at: site, from: model.request) {
                targets.append(target)
            }
        }
        if written.isEmpty, t.isSequence { t.error("target must name at least one parameter") }
        return targets
    }

    /// Parses `DBNodeSet[*].Zone`, `DBEngineConfig::defaultLocale`, `$`, relative to `base`.
    func target(_ text: String, at site: Value, from base: ParamSpec) -> Target? {
        guard let pattern = PatternComponent.parse(path: text) else {
            site.error(
                "target \"\(text)\" is not a parameter path (write Name, DBNodeSet[*].Zone, DBEngineConfig::defaultLocale, SpecCode@cpu or $)"
            )
            return nil
        }
        var cur = base
        var done: [PatternComponent] = []
        for c in pattern {
            var next: ParamSpec?
            switch c {
            case .key(let k):
                next = cur.structure?.member(k)
                if next == nil {
                    let names = cur.structure?.members.map { $0.name } ?? []
                    let hint = Suggest.closest(to: k, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
                    let whereText = done.isEmpty ? "the request" : done.display
                    site.error(
                        cur.structure == nil
                            ? "target \"\(text)\": \(done.display) is \(cur.typeName), which has no members"
                            : "unknown target parameter \"\(k)\" in \(whereText)\(hint)")
                    return nil
                }
            case .anyIndex, .index:
                if case .array(let item) = cur.type { next = item }
            case .embedded:
                next = cur.embedded.map { ParamSpec(name: cur.name, type: .structure($0), secret: cur.secret) }
            case .joined(let name):
                guard let spec = join(name, after: done, from: base, text: text, at: site) else { return nil }
                next = spec
            }
            guard let n = next else {
                site.error(
                    "target \"\(text)\": \(done.isEmpty ? "the request" : done.display) \(c == .embedded ? "holds no embedded document" : "is not an array")"
                )
                return nil
            }
            cur = n
            done.append(c)
        }
        return Target(pattern: pattern, spec: cur)
    }

    /// The spec of a join (`SpecCode@cpu`): a spec's values after the catalogue key's SpecCode,
    /// a zone's after one of its zones (`Zone@state`, `DBNodeSet[*].Zone@ipv6`).
    func join(_ name: String, after done: [PatternComponent], from base: ParamSpec, text: String, at site: Value)
        -> ParamSpec?
    {
        guard let key = model.catalogueKey, base === model.request else {
            site.error("target \"\(text)\": a join (@\(name)) needs the model's catalogue-key")
            return nil
        }
        let general = done.map { c -> PatternComponent in if case .index = c { return .anyIndex } else { return c } }
        let ofSpec: Bool
        if general == key.spec {
            ofSpec = true
        } else if key.zones.contains(general) {
            ofSpec = false
        } else {
            site.error(
                "target \"\(text)\": only \(key.spec.display) (a spec) and \(key.zones.map(\.display).joined(separator: ", ")) (zones) have catalogue values to join"
            )
            return nil
        }
        guard let join = CatalogueJoin(rawValue: name), join.ofSpec == ofSpec else {
            let names = CatalogueJoin.names(ofSpec: ofSpec)
            let hint = Suggest.closest(to: name, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
            site.error(
                "target \"\(text)\": \(done.display) has no catalogue value \"\(name)\"\(hint); \(ofSpec ? "a spec" : "a zone") has \(names.joined(separator: ", "))"
            )
            return nil
        }
        return join.spec
    }

    // MARK: Conditions

    func condition(_ v: Value, base: ParamSpec) -> Condition? {
        if v.isSequence {
            let items = (v.list("when") ?? []).compactMap { condition($0, base: base) }
            return .all(items)
        }
        guard v.isMapping else {
            v.error(
                "a condition must be a mapping (all, any, not, or param with present/equals/in/check), not \(v.kindName)"
            )
            return nil
        }
        let keys = v.doc.entries(of: v.id).map { v.doc[$0.key].value }
        if keys.contains("all") || keys.contains("any") || keys.contains("not") {
            guard let o = v.object("a condition", allowed: ["all", "any", "not"]), o.entries.count == 1 else {
                v.error("a condition has exactly one of all, any or not")
                return nil
            }
            let (k, val) = o.entries[0]
            switch k.node.value {
            case "not": return condition(val, base: base).map { .not($0) }
            case "all": return .all((val.list("all") ?? []).compactMap { condition($0, base: base) })
            default: return .any((val.list("any") ?? []).compactMap { condition($0, base: base) })
            }
        }
        guard
            let o = v.object("a condition", allowed: ["param", "present", "equals", "in", "case-sensitive", "check"]),
            let p = o.require("param"), let text = p.string("param"), let t = target(text, at: p, from: base)
        else { return nil }
        let tests = ["present", "equals", "in", "check"].filter { o[$0] != nil }
        guard tests.count == 1 else {
            v.error("a condition on \(text) has exactly one of present, equals, in or check")
            return nil
        }
        let caseSensitive = o["case-sensitive"]?.bool("case-sensitive") ?? true
        switch tests[0] {
        case "present":
            return o["present"]!.bool("present").map { .present(t, $0) }
        case "equals":
            let e = o["equals"]!
            guard e.node.kind == .scalar, e.node.type != .null else {
                e.error("equals takes a scalar, not \(e.kindName)")
                return nil
            }
            return .passes(
                t, .enumeration(values: [e.node.value], caseSensitive: caseSensitive, onlyCaseMismatch: false))
        case "in":
            return o["in"]!.scalars("in").map {
                .passes(t, .enumeration(values: $0, caseSensitive: caseSensitive, onlyCaseMismatch: false))
            }
        default:
            return check(o["check"]!, targets: [t])
                .map { .passes(t, $0) }
        }
    }

    // MARK: Regular expressions

    /// Compiles a PCRE2 pattern, reporting a compile error at the offending character.
    func regex(_ v: Value, caseInsensitive: Bool, what: String) -> Regex? {
        guard let text = v.string(what) else { return nil }
        do {
            return try Regex(text, caseInsensitive: caseInsensitive, limits: limits)
        } catch {
            diags.add(
                v.location(atValueOffset: min(error.offset, text.utf8.count)),
                "invalid regular expression: \(error.message) (at offset \(error.offset) of the pattern)")
            return nil
        }
    }

    // MARK: Examples

    /// An example: a request fragment merged over the pack's `example-base`. A key tagged
    /// `!absent` removes that key of the base.
    func example(_ v: Value) -> RuleExample? {
        guard v.isMapping else {
            v.error("an example must be a mapping of request parameters, not \(v.kindName)")
            return nil
        }
        let doc = v.doc
        let id = v.id
        let range = v.node.range
        let base = self.base.map { ($0.doc, $0.id) }
        return RuleExample(location: v.location) {
            var b = DocumentBuilder(source: doc.source, format: .yaml, index: 1)
            b.begin(.mapping, style: .block, start: range.start)
            let entries = doc.entries(of: id)
            // An example overrides a few keys: a list is quicker than hashing them.
            let overridden = entries.map { doc.nodes[Int($0.key.index)].value }
            if let (baseDoc, baseID) = base {
                let sameFile = baseDoc.source === doc.source
                for (k, val) in baseDoc.entries(of: baseID)
                where !overridden.contains(baseDoc.nodes[Int(k.index)].value) {
                    RuleCompiler.copy(baseDoc, k, into: &b, synthetic: !sameFile, at: range.start)
                    RuleCompiler.copy(baseDoc, val, into: &b, synthetic: !sameFile, at: range.start)
                }
            }
            for (k, val) in entries where doc.nodes[Int(val.index)].tag != "!absent" {
                RuleCompiler.copy(doc, k, into: &b, synthetic: false, at: range.start)
                RuleCompiler.copy(doc, val, into: &b, synthetic: false, at: range.start)
            }
            let end = b.end(at: range.end)
            return (b.finish(root: end), doc.sourceText(of: id) ?? "")
        }
    }

    /// Copies a subtree into a builder (iteratively, so depth is no concern).
    static func copy(
        _ doc: Document, _ id: NodeID, into b: inout DocumentBuilder, synthetic: Bool, at position: SourcePosition
    ) {
        // A scalar (most keys and values) needs no stack.
        if doc.nodes[Int(id.index)].kind == .scalar {
            let node = doc.nodes[Int(id.index)]
            let made = b.scalar(
                node.value, type: node.type, style: node.style,
                range: synthetic ? SourceRange(at: position) : node.range, tag: node.tag)
            if synthetic { b.markSynthetic(made) }
            return
        }
        enum Step {
            case enter(NodeID)
            case leave(SourcePosition)
        }
        var stack: [Step] = [.enter(id)]
        while let step = stack.popLast() {
            switch step {
            case .leave(let end):
                let made = b.end(at: synthetic ? position : end)
                if synthetic { b.markSynthetic(made) }
            case .enter(let n):
                let node = doc[n]
                let range = synthetic ? SourceRange(at: position) : node.range
                switch node.kind {
                case .scalar:
                    let made = b.scalar(node.value, type: node.type, style: node.style, range: range, tag: node.tag)
                    if synthetic { b.markSynthetic(made) }
                case .mapping, .sequence:
                    b.begin(node.kind, style: node.style, start: range.start, tag: node.tag)
                    stack.append(.leave(node.range.end))
                    let kids: [NodeID] =
                        node.kind == .mapping
                        ? doc.entries(of: n).flatMap { [$0.key, $0.value] } : Array(doc.items(of: n))
                    for k in kids.reversed() { stack.append(.enter(k)) }
                }
            }
        }
    }

    // MARK: Names

    // Byte by byte: every character these names allow is ASCII, so any other byte fails.

    static func isKebab(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, let last = b.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else {
            return false
        }
        var previous: UInt8 = 0
        for c in b {
            guard
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                    || c == UInt8(ascii: "-"),
                !(c == UInt8(ascii: "-") && previous == UInt8(ascii: "-"))
            else { return false }
            previous = c
        }
        return true
    }

    static func isCode(_ s: String) -> Bool {
        func isLetter(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        }
        var atStart = true
        for c in s.utf8 {
            if c == UInt8(ascii: ".") {
                if atStart { return false }
                atStart = true
            } else if atStart {
                guard isLetter(c) else { return false }
                atStart = false
            } else {
                guard isLetter(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") else {
                    return false
                }
            }
        }
        return !atStart
    }
}
