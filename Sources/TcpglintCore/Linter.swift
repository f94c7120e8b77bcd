// MARK: - The linter: rules × document → findings

/// Lints documents against a compiled rule set. Immutable and `Sendable`: one linter serves
/// every file of a run, on any number of threads.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    public let embeddedParser: EmbeddedParser
    /// Patterns for placeholders of secrets kept outside the file (`${ADMIN_PASSWORD}`): a secret
    /// that matches one is not checked, and is reported as `secret-placeholder` (info).
    public let placeholders: [Regex]
    /// Whether to report how secrets are written (`plaintext-secret`, `secret-placeholder`);
    /// off when only some rules run, as for rule examples.
    public let reportSecrets: Bool

    public init(ruleSet: RuleSet, embeddedParser: EmbeddedParser, placeholders: [Regex] = [], reportSecrets: Bool = true) {
        self.ruleSet = ruleSet
        self.embeddedParser = embeddedParser
        self.placeholders = placeholders
        self.reportSecrets = reportSecrets
    }

    /// Every finding for a loaded file: its input problems, then the rules on each document.
    /// Findings are sorted.
    public func lint(_ file: LoadedFile) -> [Finding] {
        var out: [Finding] = []
        let name = file.source.name
        for p in file.problems {
            var path = p.path?.description ?? "$"
            var message = p.message
            if let full = p.path, let prefix = ruleSet.model.secretPrefix(of: full) {
                // At a secret: a message that quotes the value is redacted. Inside a secret (a key
                // of a mapping written as a password), the key itself is secret: the path stops
                // at the secret parameter and the message says only what kind of problem it is.
                path = prefix.description
                if prefix.components.count < full.components.count {
                    message = p.redactedMessage ?? "a problem inside the value of \(prefix): \(p.diagnostic.summary.lowercased())"
                } else if let redacted = p.redactedMessage {
                    message = redacted
                }
            }
            out.append(Finding(
                file: name, document: p.document, documentCount: file.documentCount, range: p.range,
                severity: p.diagnostic.severity, code: p.diagnostic.code, rule: p.diagnostic.id,
                path: path, message: message))
        }
        for d in file.documents {
            var found = lint(d)
            for i in found.indices { found[i].documentCount = file.documentCount }
            out += found
        }
        out = out.compactMap(ruleSet.adjusted)
        out.sort(by: Finding.ordered)
        return out
    }

    /// The rule findings for one document (unsorted; diagnostics at their default severity:
    /// `lint(_: LoadedFile)` applies the policy's overrides to them).
    public func lint(_ document: Document) -> [Finding] {
        let root = document[document.root]
        guard root.kind == .mapping else {
            let what = root.kind == .sequence ? "a list" : (root.type == .null ? "empty" : "a scalar")
            return [Finding(
                file: document.source.name, document: document.index, range: root.range,
                severity: Diagnostic.notARequest.severity, code: Diagnostic.notARequest.code,
                rule: Diagnostic.notARequest.id, path: "$",
                message: "the document is \(what), not an object of request parameters")]
        }
        let eval = Evaluation(linter: self, document: document)
        eval.noteSecrets()
        for rule in ruleSet.rules { eval.run(rule) }
        return eval.findings
    }
}

// MARK: - One evaluation

/// A node in the main document (doc 0) or in an embedded document.
struct Loc: Hashable {
    var doc: Int
    var node: NodeID
}

/// A place a target pattern reaches: the value if present, its key, and its parent object.
struct Slot {
    var parent: Loc?
    var node: Loc?
    var key: Loc?
    var path: ParamPath
    var bindings: [Int]
}

/// What a value check looks at: the value's text, or the part of it that `extract` captured.
struct Subject {
    var loc: Loc
    var text: String
    /// The byte range of `text` inside the node's decoded value.
    var range: Range<Int>
    var secret: Bool
}

/// A finding before the rule's template and metadata are applied.
struct Hit {
    var loc: Loc
    var innerRange: Range<Int>?
    var atStart: Bool = false
    var path: ParamPath
    var vars: [String: String]
}

final class Evaluation {
    let linter: Linter
    let model: APIModel
    var docs: [Document]
    /// Embedded documents, parsed once: host scalar → index in `docs` (nil when it did not
    /// parse) and the problems found parsing it.
    var embedded: [Loc: (index: Int?, problems: [InputProblem])] = [:]
    /// Embedded doc index → the host scalar.
    var hosts: [Int: Loc] = [:]
    var findings: [Finding] = []

    init(linter: Linter, document: Document) {
        self.linter = linter
        self.model = linter.ruleSet.model
        self.docs = [document]
    }

    var main: Document { docs[0] }

    func node(_ loc: Loc) -> Node { docs[loc.doc][loc.node] }

    // MARK: Running a rule

    func run(_ rule: Rule) {
        for target in rule.targets {
            let root = Slot(parent: nil, node: Loc(doc: 0, node: main.root), key: nil, path: .root, bindings: [])
            for slot in resolve(target.pattern, from: root, binding: nil) {
                if let loc = slot.node, placeholderSlots.contains(loc) { continue }
                if let when = rule.when, !holds(when, slot: slot, boundTo: target.pattern) { continue }
                for hit in check(rule, target: target, slot: slot) {
                    emit(rule, hit)
                }
            }
        }
    }

    /// Secrets written as placeholders: not checked, reported once as info.
    var placeholderSlots: Set<Loc> = []
    /// Every node of a secret's value. A YAML alias can reuse an anchored password elsewhere
    /// (`Region: *pw`); the value stays secret wherever it is reached.
    var secretNodes: Set<Loc> = []

    /// Whether a value is secret: by its path, or because it is (part of) a secret's value.
    func isSecret(_ loc: Loc, _ path: ParamPath) -> Bool {
        secretNodes.contains(loc) || model.isSecret(path)
    }

    /// Finds the secrets: one written as a placeholder is not checked (info); one written in
    /// plain text is a warning, since a request file is committed to a repository.
    func noteSecrets() {
        let root = Slot(parent: nil, node: Loc(doc: 0, node: main.root), key: nil, path: .root, bindings: [])
        for pattern in model.secretPatterns {
            for slot in resolve(pattern, from: root, binding: nil) {
                guard let loc = slot.node else { continue }
                var stack = [loc.node]
                while let id = stack.popLast() {
                    guard secretNodes.insert(Loc(doc: loc.doc, node: id)).inserted else { continue }
                    let d = docs[loc.doc]
                    switch d[id].kind {
                    case .mapping: for (k, v) in d.entries(of: id) { stack += [k, v] }
                    case .sequence: stack += d.items(of: id)
                    case .scalar: break
                    }
                }
                guard node(loc).kind == .scalar, node(loc).type != .null else { continue }
                let value = node(loc).value
                let placeholder = node(loc).type == .string && linter.placeholders.contains { (try? $0.matches(value)) == true }
                if placeholder { placeholderSlots.insert(loc) }
                guard linter.reportSecrets, !value.isEmpty else { continue }
                let d = placeholder ? Diagnostic.secretPlaceholder : Diagnostic.plaintextSecret
                let message = placeholder
                    ? "\(slot.path) is a placeholder, filled in outside the file; its value is not checked here"
                    : "\(slot.path) is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent"
                findings.append(Finding(
                    file: main.source.name, document: main.index, range: node(loc).range, severity: d.severity,
                    code: d.code, rule: d.id, path: slot.path.description, message: message))
            }
        }
    }

    func emit(_ rule: Rule, _ hit: Hit) {
        var vars = hit.vars
        vars["param"] = hit.path.description
        if vars["name"] == nil { vars["name"] = hit.path.lastKey }
        let range: SourceRange
        if hit.atStart {
            range = SourceRange(at: hostRange(hit.loc, nil).start)
        } else {
            range = hostRange(hit.loc, hit.innerRange)
        }
        findings.append(Finding(
            file: main.source.name, document: main.index, range: range, severity: rule.severity,
            code: rule.code, rule: rule.id, path: hit.path.description, message: rule.message.render(vars)))
    }

    /// The range in the linted file of a node (or of part of its value), following embedded
    /// documents out to the string that holds them.
    func hostRange(_ loc: Loc, _ inner: Range<Int>?) -> SourceRange {
        let d = docs[loc.doc]
        var r: SourceRange
        if let inner {
            r = SourceRange(start: d.position(of: loc.node, atValueOffset: inner.lowerBound),
                            end: d.position(of: loc.node, atValueOffset: inner.upperBound))
            if inner.upperBound >= d[loc.node].value.utf8.count { r.end = d[loc.node].range.end }
            if inner.lowerBound == 0 { r.start = d[loc.node].range.start }
        } else {
            r = d[loc.node].range
        }
        guard loc.doc != 0, let host = hosts[loc.doc] else { return r }
        let hd = docs[host.doc]
        let whole = hostRange(host, nil)
        let start = hd.position(of: host.node, atValueOffset: r.start.offset)
        var end = hd.position(of: host.node, atValueOffset: r.end.offset)
        if end <= start { end = whole.end }
        return SourceRange(start: start, end: end)
    }

    // MARK: Resolving targets

    /// The slots a pattern reaches from `base`. A `[*]` whose pattern prefix equals the bound
    /// target's prefix takes the target's index instead of every index.
    func resolve(_ pattern: [PatternComponent], from base: Slot, binding: (pattern: [PatternComponent], bindings: [Int])?) -> [Slot] {
        var slots = [base]
        var wildcard = 0
        for (i, c) in pattern.enumerated() {
            var next: [Slot] = []
            for s in slots {
                guard let loc = s.node else { continue }
                let n = node(loc)
                switch c {
                case .key(let k):
                    guard n.kind == .mapping else { continue }
                    if let (key, value) = docs[loc.doc].lookup(k, in: loc.node) {
                        next.append(Slot(parent: loc, node: Loc(doc: loc.doc, node: value), key: Loc(doc: loc.doc, node: key),
                                         path: s.path.appending(.key(k)), bindings: s.bindings))
                    } else {
                        next.append(Slot(parent: loc, node: nil, key: nil, path: s.path.appending(.key(k)), bindings: s.bindings))
                    }
                case .anyIndex, .index:
                    guard n.kind == .sequence else { continue }
                    let items = docs[loc.doc].items(of: loc.node)
                    var chosen: [Int]
                    if case .index(let k) = c {
                        chosen = k < items.count ? [k] : []
                    } else if let b = binding, i < b.pattern.count, Array(b.pattern[0...i]) == Array(pattern[0...i]), wildcard < b.bindings.count {
                        chosen = b.bindings[wildcard] < items.count ? [b.bindings[wildcard]] : []
                    } else {
                        chosen = Array(0..<items.count)
                    }
                    for k in chosen {
                        let item = items[items.startIndex + k]
                        next.append(Slot(parent: loc, node: Loc(doc: loc.doc, node: item), key: nil,
                                         path: s.path.appending(.index(k)), bindings: s.bindings + [k]))
                    }
                case .embedded:
                    guard let inner = embeddedRoot(loc) else { continue }
                    next.append(Slot(parent: loc, node: inner, key: nil, path: s.path.appending(.embedded), bindings: s.bindings))
                }
            }
            if case .anyIndex = c { wildcard += 1 }
            slots = next
        }
        return slots
    }

    /// Parses (once) the JSON document held by a string node.
    func embeddedDocument(_ loc: Loc) -> (index: Int?, problems: [InputProblem]) {
        if let cached = embedded[loc] { return cached }
        let n = node(loc)
        guard n.kind == .scalar, n.type == .string else { return (nil, []) }
        let (doc, problems) = linter.embeddedParser.parseJSON(n.value)
        var index: Int?
        if let doc {
            docs.append(doc)
            index = docs.count - 1
            hosts[docs.count - 1] = loc
        }
        embedded[loc] = (index, problems)
        return (index, problems)
    }

    func embeddedRoot(_ loc: Loc) -> Loc? {
        guard let idx = embeddedDocument(loc).index else { return nil }
        return Loc(doc: idx, node: docs[idx].root)
    }

    // MARK: Conditions

    func holds(_ c: Condition, slot: Slot, boundTo pattern: [PatternComponent]) -> Bool {
        holds(c, base: Slot(parent: nil, node: Loc(doc: 0, node: main.root), key: nil, path: .root, bindings: []),
              binding: (pattern, slot.bindings))
    }

    func holds(_ c: Condition, base: Slot, binding: (pattern: [PatternComponent], bindings: [Int])?) -> Bool {
        switch c {
        case .all(let cs): return cs.allSatisfy { holds($0, base: base, binding: binding) }
        case .any(let cs): return cs.contains { holds($0, base: base, binding: binding) }
        case .not(let inner): return !holds(inner, base: base, binding: binding)
        case .present(let t, let want):
            let present = resolve(t.pattern, from: base, binding: binding).contains { $0.node != nil }
            return present == want
        case .passes(let t, let check):
            for s in resolve(t.pattern, from: base, binding: binding) where s.node != nil {
                if passes(check, target: t, slot: s) { return true }
            }
            return false
        }
    }

    /// Whether a present value is of a kind the check can judge and the check finds nothing.
    func passes(_ check: Check, target: Target, slot: Slot) -> Bool {
        guard let loc = slot.node else { return false }
        switch check {
        case .integer:
            guard integerValue(loc) != nil else { return false }
        case .size, .count:
            guard node(loc).kind == .sequence else { return false }
        case .required, .absent, .unknown, .type, .json:
            break
        default:
            guard (try? subjectThrowing(loc, path: slot.path, extract: nil, spec: target.spec)) != nil else { return false }
        }
        return run(check, target: target, slot: slot, extract: nil).isEmpty
    }

    // MARK: Checks

    func check(_ rule: Rule, target: Target, slot: Slot) -> [Hit] {
        do {
            return try runThrowing(rule.check, target: target, slot: slot, extract: rule.extract)
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
                code: d.code, rule: d.id, path: slot.path.description, message: "rule \(rule.id) could not decide: \(why)"))
            return []
        }
    }

    func run(_ check: Check, target: Target, slot: Slot, extract: Regex?) -> [Hit] {
        (try? runThrowing(check, target: target, slot: slot, extract: extract)) ?? []
    }

    func runThrowing(_ check: Check, target: Target, slot: Slot, extract: Regex?) throws(Regex.MatchError) -> [Hit] {
        switch check {
        case .required:
            guard slot.node == nil, let parent = slot.parent else { return [] }
            return [Hit(loc: parent, innerRange: nil, atStart: true, path: slot.path, vars: ["expected": target.spec.typeName])]
        case .absent:
            guard let loc = slot.node else { return [] }
            return [Hit(loc: slot.key ?? loc, innerRange: nil, path: slot.path, vars: valueVars(loc, slot.path))]
        case .unknown:
            return unknownKeys(slot: slot, spec: target.spec)
        case .type(let report):
            guard let loc = slot.node else { return [] }
            return typeHits(loc, spec: target.spec, path: slot.path, report: report)
        case .size(let lo, let hi):
            guard let loc = slot.node, node(loc).kind == .sequence else { return [] }
            let n = docs[loc.doc].count(of: loc.node)
            if let lo, n < lo { return [sizeHit(loc, slot, n, lo, hi)] }
            if let hi, n > hi { return [sizeHit(loc, slot, n, lo, hi)] }
            return []
        case .count(let cond, let lo, let hi, let description):
            guard let loc = slot.node, node(loc).kind == .sequence else { return [] }
            var matching = 0
            for (k, item) in docs[loc.doc].items(of: loc.node).enumerated() {
                let base = Slot(parent: loc, node: Loc(doc: loc.doc, node: item), key: nil, path: slot.path.appending(.index(k)), bindings: [])
                if holds(cond, base: base, binding: nil) { matching += 1 }
            }
            if (lo.map { matching < $0 } ?? false) || (hi.map { matching > $0 } ?? false) {
                return [Hit(loc: loc, innerRange: nil, path: slot.path,
                            vars: ["expected": description, "detail": "\(matching)"])]
            }
            return []
        case .json(let shape):
            guard let loc = slot.node else { return [] }
            return jsonHits(loc, slot: slot, shape: shape)
        case .integer(let lo, let hi, let values, let step):
            guard let loc = slot.node, let v = integerValue(loc) else { return [] }
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
            var vars = valueVars(loc, slot.path)
            vars["expected"] = Evaluation.describeInteger(lo, hi, values, step)
            return [Hit(loc: loc, innerRange: nil, path: slot.path, vars: vars)]
        default:
            break
        }
        // Text checks.
        guard let loc = slot.node, let s = try subjectThrowing(loc, path: slot.path, extract: extract, spec: target.spec) else { return [] }
        let whole = s.range == 0..<node(loc).value.utf8.count
        // The message's values are worked out only when the check finds something.
        func hit(_ extra: [String: String], at inner: Range<Int>? = nil) -> [Hit] {
            var vars = valueVars(loc, slot.path)
            vars["written"] = vars["value"]
            if !whole { vars["value"] = s.secret ? ValueText.redacted : ValueText.quote(s.text) }
            vars.merge(extra) { $1 }
            return [Hit(loc: loc, innerRange: inner ?? (whole ? nil : s.range), path: slot.path, vars: vars)]
        }
        switch check {
        case .enumeration(let values, let caseSensitive, let onlyCase):
            if values.contains(s.text) { return [] }
            let lower = s.text.lowercased()
            let ci = values.first { $0.lowercased() == lower }
            if onlyCase {
                guard let ci else { return [] }
                return hit(["expected": ValueText.list(values), "hint": s.secret ? "" : "; use \"\(ci)\""])
            }
            if !caseSensitive, ci != nil { return [] }
            let suggestion = s.secret ? nil : Suggest.closest(to: s.text, in: values)
            return hit(["expected": ValueText.list(values), "hint": suggestion.map { "; did you mean \"\($0)\"?" } ?? ""])
        case .pattern(let regex, let negate, let description):
            let matched = try regex.matches(s.text)
            if matched != negate { return [] }
            return hit(["expected": description ?? "a value \(negate ? "not " : "")matching /\(regex.pattern)/"])
        case .length(let lo, let hi):
            let n = s.text.unicodeScalars.count
            if (lo.map { n < $0 } ?? false) || (hi.map { n > $0 } ?? false) {
                return hit(["expected": Evaluation.describeRange(lo, hi, unit: "character"), "detail": "\(n) character\(n == 1 ? "" : "s")"])
            }
            return []
        case .charClasses(let classes, let minimum):
            var missing: [CharClass] = []
            for c in classes where !s.text.unicodeScalars.contains(where: { c.contains($0) }) { missing.append(c) }
            let need = minimum ?? classes.count
            if classes.count - missing.count >= need { return [] }
            let names = missing.map { $0.name }
            return hit(["detail": ValueText.list(names, conjunction: "and"),
                        "expected": ValueText.list(classes.map { $0.name }, conjunction: "and")])
        case .allowedChars(let classes):
            var offset = 0
            for ch in s.text.unicodeScalars {
                let len = String(ch).utf8.count
                if !classes.contains(where: { $0.contains(ch) }) {
                    let at = s.range.lowerBound + offset
                    let detail = s.secret ? ValueText.category(ch) : ValueText.character(ch)
                    return hit(["detail": detail, "expected": ValueText.list(classes.map { $0.name })],
                               at: s.secret ? nil : at..<(at + len))
                }
                offset += len
            }
            return []
        case .forbid(let values, let prefixes, let caseSensitive):
            let text = caseSensitive ? s.text : s.text.lowercased()
            for v in values where text == (caseSensitive ? v : v.lowercased()) {
                return hit(["detail": "is \(s.secret ? "a reserved value" : "\"\(v)\"")", "expected": "not \(ValueText.list(values, quoted: true))"])
            }
            for p in prefixes where text.hasPrefix(caseSensitive ? p : p.lowercased()) {
                return hit(["detail": "starts with \"\(p)\"", "expected": "not starting with \(ValueText.list(prefixes, quoted: true))"])
            }
            return []
        case .relation(let op, let other, let otherExtract):
            let binding = (target.pattern, slot.bindings)
            let root = Slot(parent: nil, node: Loc(doc: 0, node: main.root), key: nil, path: .root, bindings: [])
            guard let o = resolve(other.pattern, from: root, binding: binding).first(where: { $0.node != nil }),
                  let oloc = o.node, let os = try subjectThrowing(oloc, path: o.path, extract: otherExtract, spec: other.spec)
            else { return [] }
            let equal = os.text == s.text
            if equal == (op == .equals) { return [] }
            // When either side is secret, neither value is shown: equal values would show it.
            var extra = ["other": o.path.description, "other-value": ValueText.quote(os.text)]
            if os.secret || s.secret {
                for k in ["value", "written", "other-value"] { extra[k] = ValueText.redacted }
            }
            return hit(extra)
        default:
            return []
        }
    }

    // MARK: Values

    /// The text a value check sees (the written text of a scalar it can judge), narrowed by `extract`.
    func subjectThrowing(_ loc: Loc, path: ParamPath, extract: Regex?, spec: ParamSpec? = nil) throws(Regex.MatchError) -> Subject? {
        let n = node(loc)
        guard n.kind == .scalar, n.type != .null, Evaluation.isCheckable(n, as: spec, embedded: loc.doc != 0) else { return nil }
        let secret = isSecret(loc, path)
        guard let extract else {
            return Subject(loc: loc, text: n.value, range: 0..<n.value.utf8.count, secret: secret)
        }
        guard let groups = try extract.firstMatch(in: n.value) else { return nil }
        let chosen = groups.count > 1 ? groups[1] : groups[0]
        guard let r = chosen else { return nil }
        let utf8 = Array(n.value.utf8)
        return Subject(loc: loc, text: String(decoding: utf8[r], as: UTF8.self), range: r, secret: secret)
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

    func valueVars(_ loc: Loc, _ path: ParamPath) -> [String: String] {
        let n = node(loc)
        let shown: String
        if isSecret(loc, path) {
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
        case .integer: return IntegerLiteral.parse(n.value, yaml: docs[loc.doc].format == .yaml)
        case .string: return IntegerLiteral.isDecimal(n.value) ? Int(n.value) : nil
        default: return nil
        }
    }

    func sizeHit(_ loc: Loc, _ slot: Slot, _ n: Int, _ lo: Int?, _ hi: Int?) -> Hit {
        Hit(loc: loc, innerRange: nil, path: slot.path,
            vars: ["expected": Evaluation.describeRange(lo, hi, unit: "item"), "detail": "\(n) item\(n == 1 ? "" : "s")"])
    }

    func unknownKeys(slot: Slot, spec: ParamSpec) -> [Hit] {
        guard let loc = slot.node, node(loc).kind == .mapping, let s = spec.structure else { return [] }
        var hits: [Hit] = []
        let names = s.members.map { $0.name }
        for (key, _) in docs[loc.doc].entries(of: loc.node) {
            let k = docs[loc.doc][key]
            guard s.member(k.value) == nil else { continue }
            if secretNodes.contains(Loc(doc: loc.doc, node: key)) {
                // A secret's value used as a key (through an alias): neither name nor path shows it.
                hits.append(Hit(loc: Loc(doc: loc.doc, node: key), innerRange: nil, path: slot.path,
                                vars: ["name": ValueText.redacted, "hint": "", "expected": s.name]))
                continue
            }
            let hint = Suggest.closest(to: k.value, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
            hits.append(Hit(loc: Loc(doc: loc.doc, node: key), innerRange: nil,
                            path: slot.path.appending(.key(k.value)),
                            vars: ["name": ValueText.quote(k.value), "hint": hint, "expected": s.name]))
        }
        return hits
    }

    func jsonHits(_ loc: Loc, slot: Slot, shape: JSONShape) -> [Hit] {
        let n = node(loc)
        guard n.kind == .scalar, n.type == .string else { return [] }
        let (idx, problems) = embeddedDocument(loc)
        var hits: [Hit] = []
        for p in problems {
            let inner = p.range.start.offset..<max(p.range.start.offset, p.range.end.offset)
            let related = p.related.map { InputProblem.describe(docs[loc.doc].position(of: loc.node, atValueOffset: $0.offset)) } ?? ""
            hits.append(Hit(loc: loc, innerRange: inner, path: slot.path,
                            vars: ["detail": p.message(relatedAt: related), "expected": "a JSON object of strings"]))
        }
        guard let idx else { return hits }
        let d = docs[idx]
        let root = d[d.root]
        let embeddedPath = slot.path.appending(.embedded)
        switch shape {
        case .any:
            break
        case .object, .objectOfStrings:
            guard root.kind == .mapping else {
                let what = root.kind == .sequence ? "an array" : "a \(root.type == .string ? "string" : "scalar")"
                hits.append(Hit(loc: Loc(doc: idx, node: d.root), innerRange: nil, path: embeddedPath,
                                vars: ["detail": "the document is \(what), not an object", "expected": "a JSON object"]))
                break
            }
            if shape == .objectOfStrings {
                for (key, value) in d.entries(of: d.root) where !(d[value].kind == .scalar && d[value].type == .string) {
                    let v = d[value]
                    let what = v.kind == .mapping ? "an object" : v.kind == .sequence ? "an array" : v.type.noun
                    hits.append(Hit(loc: Loc(doc: idx, node: value), innerRange: nil,
                                    path: embeddedPath.appending(.key(d[key].value)),
                                    vars: ["detail": "the value of \(d[key].value) is \(what), not a string", "expected": "a JSON object of strings"]))
                }
            }
        }
        return hits
    }

    // MARK: Types

    func typeHits(_ loc: Loc, spec: ParamSpec, path: ParamPath, report: Set<TypeMismatch>) -> [Hit] {
        let n = node(loc)
        let secret = isSecret(loc, path)
        let format = docs[loc.doc].format
        var mismatch: TypeMismatch?
        var detail = ""
        let written = secret ? (n.kind == .scalar ? n.type.noun : n.kind == .mapping ? "an object" : "a list") : Evaluation.describe(n, format: format)
        switch spec.type {
        case .string:
            if n.kind != .scalar {
                mismatch = .wrongShape
            } else if n.type == .integer || n.type == .float {
                mismatch = .numberForString
                if let canonical = Evaluation.canonicalNumber(n, format: format), canonical != n.value, !secret {
                    detail = "; YAML reads \(n.value) as \(canonical)"
                }
            } else if n.type != .string {
                mismatch = .wrongScalar
            }
        case .integer(let width):
            if n.kind != .scalar {
                mismatch = .wrongShape
            } else if n.type == .integer {
                if !IntegerLiteral.fits(n.value, width: width, yaml: format == .yaml) { mismatch = .outOfRange }
            } else if n.type == .string, IntegerLiteral.isDecimal(n.value) {
                mismatch = IntegerLiteral.fits(n.value, width: width, yaml: false) ? .quotedLiteral : .outOfRange
            } else {
                mismatch = .wrongScalar
            }

        case .boolean:
            if n.kind != .scalar {
                mismatch = .wrongShape
            } else if n.type == .string, n.value == "true" || n.value == "false" {
                mismatch = .quotedLiteral
            } else if n.type != .boolean {
                mismatch = .wrongScalar
            }
        case .array:
            if n.kind != .sequence { mismatch = .wrongShape }
        case .structure:
            if n.kind != .mapping { mismatch = .wrongShape }
        }
        guard let mismatch, report.contains(mismatch) else { return [] }
        var expected: String
        switch spec.type {
        case .string: expected = "a String"
        case .integer(let w) where mismatch == .outOfRange:
            expected = w == .uint64 ? "uint64 (0 to 18446744073709551615)" : "int64 (-9223372036854775808 to 9223372036854775807)"
        case .integer(let w): expected = "an Integer (\(w.rawValue))"
        case .boolean: expected = "a Boolean"
        case .array(let item): expected = "an array of \(item.typeName)"
        case .structure(let s): expected = "an object (\(s.name))"
        }
        var vars = valueVars(loc, path)
        vars["expected"] = expected
        vars["detail"] = written + detail
        if spec.embedded != nil, n.kind != .scalar {
            vars["hint"] = "; write the \(n.kind == .mapping ? "object" : "list") as a JSON string, such as '{\"key\":\"value\"}'"
        }
        return [Hit(loc: loc, innerRange: nil, path: path, vars: vars)]
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

    static func describeRange(_ lo: Int?, _ hi: Int?, unit: String) -> String {
        let plural = unit + "s"
        switch (lo, hi) {
        case let (l?, h?) where l == h: return "exactly \(l) \(l == 1 ? unit : plural)"
        case let (l?, h?): return "\(l) to \(h) \(plural)"
        case let (l?, nil): return "at least \(l) \(l == 1 ? unit : plural)"
        case let (nil, h?): return "at most \(h) \(h == 1 ? unit : plural)"
        default: return "any number of \(plural)"
        }
    }

    static func describeInteger(_ lo: Int?, _ hi: Int?, _ values: [Int]?, _ step: Int?) -> String {
        if let values {
            return values.count == 1 ? "\(values[0])" : ValueText.list(compress(values), limit: 20)
        }
        var s: String
        switch (lo, hi) {
        case let (l?, h?): s = "an integer from \(l) to \(h)"
        case let (l?, nil): s = "an integer of at least \(l)"
        case let (nil, h?): s = "an integer of at most \(h)"
        default: s = "an integer"
        }
        if let step, step > 1 { s += " in steps of \(step)" }
        return s
    }

    /// `[1, 2, 3, 4, 12]` → `["1-4", "12"]`.
    static func compress(_ values: [Int]) -> [String] {
        let v = values.sorted()
        var out: [String] = []
        var i = 0
        while i < v.count {
            var j = i
            while j + 1 < v.count, v[j] < Int.max, v[j + 1] == v[j] + 1 { j += 1 }
            out.append(j - i >= 2 ? "\(v[i])–\(v[j])" : (i...j).map { "\(v[$0])" }.joined(separator: ", "))
            i = j + 1
        }
        return out
    }
}

// MARK: - Integer literals

/// Integer literal helpers shared by the loaders and the checks.
public enum IntegerLiteral {
    /// `-?[0-9]+`: what a string must hold to be "an integer in quotes".
    public static func isDecimal(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        guard var c = it.next() else { return false }
        if c == UInt8(ascii: "-") { guard let n = it.next() else { return false }; c = n }
        guard c >= 0x30 && c <= 0x39 else { return false }
        while let n = it.next() { guard n >= 0x30 && n <= 0x39 else { return false } }
        return true
    }

    /// The value of an integer literal (JSON: decimal; YAML 1.2 core: also `+`, `0o`, `0x`),
    /// or nil when it does not fit an `Int`.
    public static func parse(_ s: String, yaml: Bool) -> Int? {
        var text = Substring(s)
        var negative = false
        if text.hasPrefix("-") { negative = true; text = text.dropFirst() } else if yaml, text.hasPrefix("+") { text = text.dropFirst() }
        var radix = 10
        if yaml, text.hasPrefix("0x") { radix = 16; text = text.dropFirst(2) } else if yaml, text.hasPrefix("0o") { radix = 8; text = text.dropFirst(2) }
        guard let magnitude = UInt64(text, radix: radix) else { return nil }
        if negative {
            return magnitude <= UInt64(Int.max) + 1 ? (magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// Whether the literal fits the member type's 64-bit range.
    public static func fits(_ s: String, width: IntegerWidth, yaml: Bool) -> Bool {
        var text = Substring(s)
        var negative = false
        if text.hasPrefix("-") { negative = true; text = text.dropFirst() } else if text.hasPrefix("+") { text = text.dropFirst() }
        var radix = 10
        if yaml, text.hasPrefix("0x") { radix = 16; text = text.dropFirst(2) } else if yaml, text.hasPrefix("0o") { radix = 8; text = text.dropFirst(2) }
        guard let magnitude = UInt64(text, radix: radix) else { return false }
        switch width {
        case .uint64: return !negative || magnitude == 0
        case .int64: return negative ? magnitude <= UInt64(Int64.max) + 1 : magnitude <= UInt64(Int64.max)
        }
    }
}
