
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
        var out = findings(for: file.problems, in: file.source.name)
        for d in file.documents { out += lint(d) }
        return finish(out, documentCount: file.documentCount)
    }

    /// The findings for input problems (a secret's value is never quoted; unsorted).
    public func findings(for problems: [InputProblem], in name: String) -> [Finding] {
        var out: [Finding] = []
        for p in problems {
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
                file: name, document: p.document, range: p.range,
                severity: p.diagnostic.severity, code: p.diagnostic.code, rule: p.diagnostic.id,
                path: path, message: message))
        }
        return out
    }

    /// Findings of a file (or of some documents of a stream) made ready to report: the number
    /// of documents set, the policy's overrides of diagnostics applied, sorted.
    public func finish(_ findings: [Finding], documentCount: Int) -> [Finding] {
        var out: [Finding] = []
        out.reserveCapacity(findings.count)
        for var f in findings {
            f.documentCount = documentCount
            if let adjusted = ruleSet.adjusted(f) { out.append(adjusted) }
        }
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
        eval.runRules()
        return eval.findings
    }
}

// MARK: - One evaluation

/// A node in the main document (doc 0) or in an embedded document.
struct Loc: Hashable {
    var doc: Int
    var node: NodeID
}

/// A place a pattern reaches: the value if present, its key, and its parent object. The path is
/// the pattern's, with `bindings` for its `[*]` (see `Plan.path`).
struct Slot {
    var parent: Loc?
    var node: Loc?
    var key: Loc?
    var pattern: Int
    var bindings: [Int]
}

/// What a value check looks at: the value's text, or the part of it that `extract` captured.
struct Subject {
    var loc: Loc
    var text: String
    /// The byte range of `text` inside the node's decoded value.
    var range: Range<Int>
    var secret: Bool
    /// Whether `text` is the whole value.
    var whole: Bool
}

/// A finding before the rule's template and metadata are applied.
struct Hit {
    var loc: Loc
    var innerRange: Range<Int>?
    var atStart: Bool = false
    var path: ParamPath
    var vars: [String: String]
}

/// One document's evaluation. Used by one thread from start to end, with no re-entrant
/// mutation of its state, so the dynamic exclusivity checks of its properties (a cost on every
/// node access) are turned off.
final class Evaluation {
    /// What a check gives a condition that only asks whether it fails.
    static let failed = [Hit(loc: Loc(doc: 0, node: NodeID(0)), innerRange: nil, path: .root, vars: [:])]

    let linter: Linter
    let plan: Plan
    @exclusivity(unchecked) var docs: [Document]
    /// Embedded documents, parsed once: host scalar → index in `docs` (nil when it did not
    /// parse) and the problems found parsing it.
    @exclusivity(unchecked) var embedded: [Loc: (index: Int?, problems: [InputProblem])] = [:]
    /// Embedded doc index → the host scalar.
    @exclusivity(unchecked) var hosts: [Int: Loc] = [:]
    @exclusivity(unchecked) var findings: [Finding] = []

    /// The slots of every pattern of the plan, found by one walk of the document, then grouped
    /// by pattern: the present slots of pattern `p` are `slots[order[i]]` for `i` in
    /// `starts[2p]..<starts[2p + 1]`, in document order, which is the order of their `[*]`
    /// indices; the absent ones (a key missing from its object, which only `required` looks at)
    /// follow, up to `starts[2p + 2]`. Filled in by `init`, then only read.
    @exclusivity(unchecked) var slots: [Slot] = []
    @exclusivity(unchecked) var order: [Int32] = []
    @exclusivity(unchecked) var starts: [Int32] = []
    /// Per node of the main document: bit 0, part of a secret's value; bit 1, a secret written
    /// as a placeholder. Embedded documents use the sets below.
    @exclusivity(unchecked) var flags: [UInt8]
    @exclusivity(unchecked) var embeddedSecrets: Set<Loc> = []
    @exclusivity(unchecked) var embeddedPlaceholders: Set<Loc> = []
    @exclusivity(unchecked) private var scratch: [Int32] = []
    /// Subjects (without `extract`) worked out so far, by node of the main document: many rules
    /// and conditions look at the same few values. Made on first use.
    struct SubjectEntry {
        var pattern: Int
        var spec: ObjectIdentifier?
        var subject: Subject?
    }
    @exclusivity(unchecked) private var subjectIndex: [Int32] = []
    @exclusivity(unchecked) private var subjectEntries: [SubjectEntry] = []
    /// Answers of document-wide conditions by id: -1 not yet worked out, 0 false, 1 true.
    @exclusivity(unchecked) private var conditionMemo: [Int8] = []
    @exclusivity(unchecked) private var mismatchLoc = Loc(doc: -1, node: NodeID(0))
    @exclusivity(unchecked) private var mismatchSpec: ObjectIdentifier?
    @exclusivity(unchecked) private var cachedMismatch: TypeMismatch?

    init(linter: Linter, document: Document) {
        self.linter = linter
        self.plan = linter.ruleSet.plan
        self.docs = [document]
        mainNodes = document.nodes
        mainFormat = document.format
        flags = Array(repeating: 0, count: document.nodes.count)
        let root = Loc(doc: 0, node: document.root)
        slots.append(Slot(parent: nil, node: root, key: nil, pattern: Plan.rootPattern, bindings: []))
        walk(0, root, [])
        group()
    }

    /// Groups the slots by pattern (a counting sort, stable: document order is kept).
    private func group() {
        let n = plan.patterns.count
        // Present slots of pattern p get key 2p, absent ones 2p + 1.
        var starts = [Int32](repeating: 0, count: 2 * n + 1)
        for s in slots { starts[2 * s.pattern + (s.node == nil ? 1 : 0) + 1] += 1 }
        for i in 1..<starts.count { starts[i] += starts[i - 1] }
        var fill = starts
        order = [Int32](repeating: 0, count: slots.count)
        for (i, s) in slots.enumerated() {
            let k = 2 * s.pattern + (s.node == nil ? 1 : 0)
            order[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        self.starts = starts
    }

    /// The positions in `order` of the present (or absent) slots of pattern `p`.
    func range(_ p: Int, absent isAbsent: Bool = false) -> Range<Int> {
        let k = 2 * p + (isAbsent ? 1 : 0)
        return Int(starts[k])..<Int(starts[k + 1])
    }

    var main: Document { docs[0] }

    /// The main document's nodes, held apart: reading `docs[0].nodes` would retain and release
    /// the array at every node looked at.
    let mainNodes: [Node]
    let mainFormat: SourceFormat

    @inline(__always)
    func node(_ loc: Loc) -> Node { loc.doc == 0 ? mainNodes[Int(loc.node.index)] : docs[loc.doc].nodes[Int(loc.node.index)] }

    @inline(__always)
    func format(_ loc: Loc) -> SourceFormat { loc.doc == 0 ? mainFormat : docs[loc.doc].format }

    // MARK: The walk

    /// Records the slots of the trie's patterns below `trieNode`, reached at `loc`.
    private func walk(_ trieNode: Int32, _ loc: Loc, _ bindings: [Int]) {
        let t = Int(trieNode)
        let d = docs[loc.doc]
        let n = d.nodes[Int(loc.node.index)]
        switch n.kind {
        case .mapping:
            let keyChildren = plan.trie[t].keyChildren
            guard !keyChildren.isEmpty else { return }
            let keys = plan.trie[t].keys
            // The entry for each key the trie knows (the last one when a key is repeated).
            let base = scratch.count
            scratch.append(contentsOf: repeatElement(-1, count: keyChildren.count))
            var i = Int(n.firstChild)
            let end = i + Int(n.childCount)
            while i < end {
                let k = d.nodes[Int(d.children[i].index)]
                if k.kind == .scalar, let c = keys[k.value] { scratch[base + Int(c)] = Int32(i) }
                i += 2
            }
            for c in 0..<keyChildren.count {
                let child = keyChildren[c]
                let e = Int(scratch[base + c])
                if e >= 0 {
                    let key = Loc(doc: loc.doc, node: d.children[e]), value = Loc(doc: loc.doc, node: d.children[e + 1])
                    if let p = plan.trie[Int(child)].pattern {
                        slots.append(Slot(parent: loc, node: value, key: key, pattern: p, bindings: bindings))
                    }
                    if !plan.trie[Int(child)].isLeaf { walk(child, value, bindings) }
                } else if let p = plan.trie[Int(child)].pattern {
                    slots.append(Slot(parent: loc, node: nil, key: nil, pattern: p, bindings: bindings))
                }
            }
            scratch.removeLast(keyChildren.count)
        case .sequence:
            let items = d.items(of: loc.node)
            if let any = plan.trie[t].anyIndex {
                let p = plan.trie[Int(any)].pattern, leaf = plan.trie[Int(any)].isLeaf
                for (k, item) in items.enumerated() {
                    let at = Loc(doc: loc.doc, node: item)
                    let b = bindings + [k]
                    if let p { slots.append(Slot(parent: loc, node: at, key: nil, pattern: p, bindings: b)) }
                    if !leaf { walk(any, at, b) }
                }
            }
            for (k, child) in plan.trie[t].indices where k < items.count {
                let at = Loc(doc: loc.doc, node: items[items.startIndex + k])
                if let p = plan.trie[Int(child)].pattern { slots.append(Slot(parent: loc, node: at, key: nil, pattern: p, bindings: bindings)) }
                walk(child, at, bindings)
            }
        case .scalar:
            guard let e = plan.trie[t].embedded, let inner = embeddedRoot(loc) else { return }
            if let p = plan.trie[Int(e)].pattern { slots.append(Slot(parent: loc, node: inner, key: nil, pattern: p, bindings: bindings)) }
            walk(e, inner, bindings)
        }
    }

    /// The present slots of pattern `p`; with `bound`, only those that agree with the bound
    /// slot's index on every `[*]` the two patterns share (a condition's `DBNodeSet[*].Role`
    /// bound to `DBNodeSet[1].Zone` looks at `DBNodeSet[1].Role` only). `body` returns whether
    /// to go on.
    func forEachSlot(_ p: Int, boundTo bound: Slot?, _ body: (Slot) -> Bool) {
        let m = min(bound.map { plan.boundCount(p, $0.pattern) } ?? 0, bound?.bindings.count ?? 0)
        var r = range(p)
        if m > 0, let b = bound {
            // The slots are in the order of their indices: the bound ones are a run, found by
            // binary search, so a condition costs a logarithm, not a pass over every item.
            func compare(_ s: Slot) -> Int {
                for w in 0..<m {
                    let x = w < s.bindings.count ? s.bindings[w] : -1
                    if x != b.bindings[w] { return x < b.bindings[w] ? -1 : 1 }
                }
                return 0
            }
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if compare(slots[Int(order[mid])]) < 0 { lo = mid + 1 } else { hi = mid }
            }
            var end = lo
            while end < r.upperBound, compare(slots[Int(order[end])]) == 0 { end += 1 }
            r = lo..<end
        }
        for i in r {
            if !body(slots[Int(order[i])]) { return }
        }
    }

    func path(_ slot: Slot) -> ParamPath { plan.path(slot.pattern, slot.bindings) }

    // MARK: Running a rule

    /// Runs every rule: pattern by pattern, each slot once, with all the rules that target it
    /// (the slot's text is then worked out once for all of them). The order findings are made
    /// in does not matter: they are sorted.
    func runRules() {
        let slots = self.slots, order = self.order
        let rules = plan.rules
        for p in plan.targeted {
            for i in range(p) {
                let slot = slots[Int(order[i])]
                if let loc = slot.node, isPlaceholder(loc) { continue }
                for (r, t) in plan.onPresent[p] { run(rules[Int(r)], Int(t), slot) }
            }
            for i in range(p, absent: true) {
                let slot = slots[Int(order[i])]
                for (r, t) in plan.onAbsent[p] { run(rules[Int(r)], Int(t), slot) }
            }
        }
    }

    func run(_ rule: Plan.CompiledRule, _ t: Int, _ slot: Slot) {
        if let when = rule.when {
            if rule.whenIsDocumentWide[t] {
                guard holdsDocumentWide(when, slot) else { return }
            } else if !holds(when, boundTo: slot) {
                return
            }
        }
        for hit in check(rule.rule, rule.checks[t], target: rule.rule.targets[t], slot: slot) {
            emit(rule.rule, hit)
        }
    }

    func isPlaceholder(_ loc: Loc) -> Bool {
        loc.doc == 0 ? flags[Int(loc.node.index)] & 2 != 0 : embeddedPlaceholders.contains(loc)
    }

    /// Whether a value is secret: by its pattern, or because it is (part of) a secret's value.
    /// A YAML alias can reuse an anchored password elsewhere (`Region: *pw`); the value stays
    /// secret wherever it is reached.
    func isSecret(_ loc: Loc, _ pattern: Int) -> Bool {
        plan.secretPattern[pattern] || isSecretNode(loc)
    }

    func isSecretNode(_ loc: Loc) -> Bool {
        loc.doc == 0 ? flags[Int(loc.node.index)] & 1 != 0 : embeddedSecrets.contains(loc)
    }

    /// Marks a node of a secret's value; false when it was marked already.
    private func markSecret(_ loc: Loc) -> Bool {
        if loc.doc == 0 {
            let i = Int(loc.node.index)
            if flags[i] & 1 != 0 { return false }
            flags[i] |= 1
            return true
        }
        return embeddedSecrets.insert(loc).inserted
    }

    /// Finds the secrets: one written as a placeholder is not checked (info); one written in
    /// plain text is a warning, since a request file is committed to a repository.
    func noteSecrets() {
        for pattern in plan.secrets {
            forEachSlot(pattern, boundTo: nil) { slot in
                guard let loc = slot.node else { return true }
                var stack = [loc.node]
                while let id = stack.popLast() {
                    guard markSecret(Loc(doc: loc.doc, node: id)) else { continue }
                    let d = docs[loc.doc]
                    switch d[id].kind {
                    case .mapping: for (k, v) in d.entries(of: id) { stack += [k, v] }
                    case .sequence: stack += d.items(of: id)
                    case .scalar: break
                    }
                }
                let n = node(loc)
                guard n.kind == .scalar, n.type != .null else { return true }
                let value = n.value
                let placeholder = n.type == .string && linter.placeholders.contains { (try? $0.matches(value)) == true }
                if placeholder {
                    if loc.doc == 0 { flags[Int(loc.node.index)] |= 2 } else { embeddedPlaceholders.insert(loc) }
                }
                guard linter.reportSecrets, !value.isEmpty else { return true }
                let d = placeholder ? Diagnostic.secretPlaceholder : Diagnostic.plaintextSecret
                let path = self.path(slot)
                let message = placeholder
                    ? "\(path) is a placeholder, filled in outside the file; its value is not checked here"
                    : "\(path) is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent"
                findings.append(Finding(
                    file: main.source.name, document: main.index, range: n.range, severity: d.severity,
                    code: d.code, rule: d.id, path: path.description, message: message))
                return true
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

    /// Whether a present value is of a kind the check can judge and the check finds nothing.
    func passes(_ check: Plan.CompiledCheck, target: Target, slot: Slot) -> Bool {
        guard let loc = slot.node else { return false }
        if !check.readsText {
            // (A text check that cannot judge the value fails in `textHits` when deciding.)
            switch check.check {
            case .integer:
                guard integerValue(loc) != nil else { return false }
            case .size, .count:
                guard node(loc).kind == .sequence else { return false }
            default:
                break
            }
        }
        return ((try? runThrowing(check, target: target, slot: slot, extract: nil, decide: true)) ?? []).isEmpty
    }

    // MARK: Checks

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
            guard let loc = slot.node, let m = mismatch(loc, target.spec), compiled.typeReport & m.bit != 0 else { return [] }
            return decide ? Evaluation.failed : typeHits(loc, spec: target.spec, slot: slot, mismatch: m)
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
        case .required:
            guard slot.node == nil, let parent = slot.parent else { return [] }
            return [Hit(loc: parent, innerRange: nil, atStart: true, path: path(slot), vars: ["expected": target.spec.typeName])]
        case .absent:
            guard let loc = slot.node else { return [] }
            return [Hit(loc: slot.key ?? loc, innerRange: nil, path: path(slot), vars: valueVars(loc, slot.pattern))]
        case .unknown:
            return unknownKeys(slot: slot, spec: target.spec)
        case .type:
            return [] // above
        case .size(let lo, let hi):
            guard let loc = slot.node, node(loc).kind == .sequence else { return [] }
            let n = docs[loc.doc].count(of: loc.node)
            if let lo, n < lo { return [sizeHit(loc, slot, n, lo, hi)] }
            if let hi, n > hi { return [sizeHit(loc, slot, n, lo, hi)] }
            return []
        case .count(_, let lo, let hi, let description):
            guard let loc = slot.node, node(loc).kind == .sequence, let (condition, items) = compiled.count else { return [] }
            var matching = 0
            for (k, item) in docs[loc.doc].items(of: loc.node).enumerated() {
                let itemSlot = Slot(parent: loc, node: Loc(doc: loc.doc, node: item), key: nil, pattern: items, bindings: slot.bindings + [k])
                if holds(condition, boundTo: itemSlot) { matching += 1 }
            }
            if (lo.map { matching < $0 } ?? false) || (hi.map { matching > $0 } ?? false) {
                return [Hit(loc: loc, innerRange: nil, path: path(slot),
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
            var vars = valueVars(loc, slot.pattern)
            vars["expected"] = Evaluation.describeInteger(lo, hi, values, step)
            return [Hit(loc: loc, innerRange: nil, path: path(slot), vars: vars)]
        default:
            return []
        }
    }

    /// The checks that read a value's text (or the part `extract` captures).
    func textHits(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot, extract: Regex?, decide: Bool) throws(Regex.MatchError) -> [Hit] {
        guard let loc = slot.node, let s = try subjectThrowing(loc, pattern: slot.pattern, extract: extract, spec: target.spec) else {
            // A condition does not hold on a value its check cannot judge.
            return decide ? Evaluation.failed : []
        }
        let whole = s.whole
        // The message's values are worked out only when the check finds something, and not at
        // all when a condition only asks whether it does.
        func hit(_ extra: @autoclosure () -> [String: String], at inner: Range<Int>? = nil) -> [Hit] {
            if decide { return Evaluation.failed }
            let extra = extra()
            var vars = valueVars(loc, slot.pattern)
            vars["written"] = vars["value"]
            if !whole { vars["value"] = s.secret ? ValueText.redacted : ValueText.quote(s.text) }
            vars.merge(extra) { $1 }
            return [Hit(loc: loc, innerRange: inner ?? (whole ? nil : s.range), path: path(slot), vars: vars)]
        }
        switch compiled.check {
        case .enumeration(let values, let caseSensitive, let onlyCase):
            if values.contains(s.text) { return [] }
            if onlyCase || !caseSensitive {
                let lower = s.text.lowercased()
                let ci = values.first { $0.lowercased() == lower }
                if onlyCase {
                    guard let ci else { return [] }
                    return hit(["expected": ValueText.list(values), "hint": s.secret ? "" : "; use \"\(ci)\""])
                }
                if ci != nil { return [] }
            }
            return hit(["expected": ValueText.list(values),
                        "hint": (s.secret ? nil : Suggest.closest(to: s.text, in: values)).map { "; did you mean \"\($0)\"?" } ?? ""])
        case .pattern(let regex, let negate, let description):
            let matched = try regex.matches(s.text)
            if matched != negate { return [] }
            return hit(["expected": description ?? "a value \(negate ? "not " : "")matching /\(regex.pattern)/"])
        case .length(let lo, let hi):
            // Between a quarter of the UTF-8 length and all of it: inside the bounds, no count.
            let bytes = s.text.utf8.count
            if (lo.map { $0 <= (bytes + 3) / 4 } ?? true) && (hi.map { bytes <= $0 } ?? true) { return [] }
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
            guard let otherPattern = compiled.other else { return [] }
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
            var extra = ["other": path(o).description, "other-value": ValueText.quote(os.text)]
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
    func subjectThrowing(_ loc: Loc, pattern: Int, extract: Regex?, spec: ParamSpec? = nil) throws(Regex.MatchError) -> Subject? {
        let specID = spec.map { ObjectIdentifier($0) }
        if extract == nil, let known = rememberedSubject(loc, pattern, specID) { return known.subject }
        let n = node(loc)
        guard n.kind == .scalar, n.type != .null, Evaluation.isCheckable(n, as: spec, embedded: loc.doc != 0) else {
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
        return Subject(loc: loc, text: String(decoding: utf8[r], as: UTF8.self), range: r, secret: secret, whole: r == 0..<utf8.count)
    }

    /// A subject worked out before for this node of the main document, pattern and spec.
    private func rememberedSubject(_ loc: Loc, _ pattern: Int, _ spec: ObjectIdentifier?) -> SubjectEntry? {
        guard loc.doc == 0, !subjectIndex.isEmpty else { return nil }
        let e = Int(subjectIndex[Int(loc.node.index)])
        guard e > 0 else { return nil }
        let entry = subjectEntries[e - 1]
        return entry.pattern == pattern && entry.spec == spec ? entry : nil
    }

    private func remember(_ subject: Subject?, _ loc: Loc, _ pattern: Int, _ spec: ObjectIdentifier?) {
        guard loc.doc == 0 else { return }
        if subjectIndex.isEmpty { subjectIndex = [Int32](repeating: 0, count: docs[0].nodes.count) }
        subjectEntries.append(SubjectEntry(pattern: pattern, spec: spec, subject: subject))
        subjectIndex[Int(loc.node.index)] = Int32(subjectEntries.count)
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

    func sizeHit(_ loc: Loc, _ slot: Slot, _ n: Int, _ lo: Int?, _ hi: Int?) -> Hit {
        Hit(loc: loc, innerRange: nil, path: path(slot),
            vars: ["expected": Evaluation.describeRange(lo, hi, unit: "item"), "detail": "\(n) item\(n == 1 ? "" : "s")"])
    }

    func unknownKeys(slot: Slot, spec: ParamSpec) -> [Hit] {
        guard let loc = slot.node, node(loc).kind == .mapping, let s = spec.structure else { return [] }
        var hits: [Hit] = []
        let d = docs[loc.doc]
        for (key, _) in d.entries(of: loc.node) {
            let k = d[key]
            guard s.member(k.value) == nil else { continue }
            if isSecretNode(Loc(doc: loc.doc, node: key)) {
                // A secret's value used as a key (through an alias): neither name nor path shows it.
                hits.append(Hit(loc: Loc(doc: loc.doc, node: key), innerRange: nil, path: path(slot),
                                vars: ["name": ValueText.redacted, "hint": "", "expected": s.name]))
                continue
            }
            let hint = Suggest.closest(to: k.value, in: s.members.map { $0.name }).map { "; did you mean \"\($0)\"?" } ?? ""
            hits.append(Hit(loc: Loc(doc: loc.doc, node: key), innerRange: nil,
                            path: path(slot).appending(.key(k.value)),
                            vars: ["name": ValueText.quote(k.value), "hint": hint, "expected": s.name]))
        }
        return hits
    }

    func jsonHits(_ loc: Loc, slot: Slot, shape: JSONShape) -> [Hit] {
        let n = node(loc)
        guard n.kind == .scalar, n.type == .string else { return [] }
        let (idx, problems) = embeddedDocument(loc)
        var hits: [Hit] = []
        let slotPath = path(slot)
        for p in problems {
            let inner = p.range.start.offset..<max(p.range.start.offset, p.range.end.offset)
            let related = p.related.map { InputProblem.describe(docs[loc.doc].position(of: loc.node, atValueOffset: $0.offset)) } ?? ""
            hits.append(Hit(loc: loc, innerRange: inner, path: slotPath,
                            vars: ["detail": p.message(relatedAt: related), "expected": "a JSON object of strings"]))
        }
        guard let idx else { return hits }
        let d = docs[idx]
        let root = d[d.root]
        let embeddedPath = slotPath.appending(.embedded)
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
            if n.type == .integer { return IntegerLiteral.fits(n.value, width: width, yaml: format == .yaml) ? nil : .outOfRange }
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

    func typeHits(_ loc: Loc, spec: ParamSpec, slot: Slot, mismatch: TypeMismatch) -> [Hit] {
        let n = node(loc)
        let format = docs[loc.doc].format
        let secret = isSecret(loc, slot.pattern)
        let written = secret ? (n.kind == .scalar ? n.type.noun : n.kind == .mapping ? "an object" : "a list") : Evaluation.describe(n, format: format)
        var detail = ""
        if mismatch == .numberForString, !secret, let canonical = Evaluation.canonicalNumber(n, format: format), canonical != n.value {
            detail = "; YAML reads \(n.value) as \(canonical)"
        }
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
        var vars = valueVars(loc, slot.pattern)
        vars["expected"] = expected
        vars["detail"] = written + detail
        if spec.embedded != nil, n.kind != .scalar {
            vars["hint"] = "; write the \(n.kind == .mapping ? "object" : "list") as a JSON string, such as '{\"key\":\"value\"}'"
        }
        return [Hit(loc: loc, innerRange: nil, path: path(slot), vars: vars)]
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
