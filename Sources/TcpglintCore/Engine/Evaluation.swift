// MARK: - One evaluation
//
// A document's evaluation: the slots every pattern of the plan reaches (one walk, then grouped
// by pattern), the rules run at them, findings emitted, embedded documents parsed once, and
// each check dispatched to its kind. Conditions are in Conditions.swift, the values checks
// look at in Values.swift, and the checks themselves in Sources/TcpglintCore/Checks/, one file
// per family of check kinds.
//
// Speed: a struct's outlined copy and destroy are emitted in every file that copies one, and
// only the copy in the file that defines the struct is direct (elsewhere it calls the value
// witness); the linker keeps the first by object file name. So Loc, Slot, Hit and the subject
// memo are defined here, with the dispatch and the memo's code that copy them, and no file
// named before Document.swift or Evaluation.swift copies a Node or a Slot (passing one along is
// no copy). A misplaced copy cost about 1% of a lint's instructions (callgrind).

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

/// A finding before the rule's template and metadata are applied.
struct Hit {
    var loc: Loc
    var innerRange: Range<Int>?
    var atStart: Bool = false
    var path: ParamPath
    var vars: [String: String]
    var fix: Fix? = nil
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
    @exclusivity(unchecked) var subjectIndex: [Int32] = []
    @exclusivity(unchecked) var subjectEntries: [SubjectEntry] = []

    /// A subject worked out before for this node of the main document, pattern and spec.
    func rememberedSubject(_ loc: Loc, _ pattern: Int, _ spec: ObjectIdentifier?) -> SubjectEntry? {
        guard loc.doc == 0, !subjectIndex.isEmpty else { return nil }
        let e = Int(subjectIndex[Int(loc.node.index)])
        guard e > 0 else { return nil }
        let entry = subjectEntries[e - 1]
        return entry.pattern == pattern && entry.spec == spec ? entry : nil
    }

    func remember(_ subject: Subject?, _ loc: Loc, _ pattern: Int, _ spec: ObjectIdentifier?) {
        guard loc.doc == 0 else { return }
        if subjectIndex.isEmpty { subjectIndex = [Int32](repeating: 0, count: docs[0].nodes.count) }
        subjectEntries.append(SubjectEntry(pattern: pattern, spec: spec, subject: subject))
        subjectIndex[Int(loc.node.index)] = Int32(subjectEntries.count)
    }

    /// Answers of document-wide conditions by id: -1 not yet worked out, 0 false, 1 true.
    @exclusivity(unchecked) var conditionMemo: [Int8] = []
    @exclusivity(unchecked) var mismatchLoc = Loc(doc: -1, node: NodeID(0))
    @exclusivity(unchecked) var mismatchSpec: ObjectIdentifier?
    @exclusivity(unchecked) var cachedMismatch: TypeMismatch?
    /// The request's catalogue lookup key, read once on first use (Checks/Catalogue.swift).
    @exclusivity(unchecked) var catalogueQuery: CatalogueQuery?
    /// The catalogue's values joined to the request (`SpecCode@cpu`; Checks/CatalogueJoins.swift).
    @exclusivity(unchecked) var joins = Joins()

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
        if !joins.pending.isEmpty { resolveJoins() }
    }

    /// Groups the slots by pattern (a counting sort, stable: document order is kept).
    func group() {
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
    func node(_ loc: Loc) -> Node {
        loc.doc == 0 ? mainNodes[Int(loc.node.index)] : docs[loc.doc].nodes[Int(loc.node.index)]
    }

    @inline(__always)
    func format(_ loc: Loc) -> SourceFormat { loc.doc == 0 ? mainFormat : docs[loc.doc].format }

    // MARK: The walk

    /// Records the slots of the trie's patterns below `trieNode`, reached at `loc`.
    func walk(_ trieNode: Int32, _ loc: Loc, _ bindings: [Int]) {
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
                    let key = Loc(doc: loc.doc, node: d.children[e])
                    let value = Loc(doc: loc.doc, node: d.children[e + 1])
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
                let p = plan.trie[Int(any)].pattern
                let leaf = plan.trie[Int(any)].isLeaf
                for (k, item) in items.enumerated() {
                    let at = Loc(doc: loc.doc, node: item)
                    let b = bindings + [k]
                    if let p { slots.append(Slot(parent: loc, node: at, key: nil, pattern: p, bindings: b)) }
                    if !leaf { walk(any, at, b) }
                }
            }
            for (k, child) in plan.trie[t].indices where k < items.count {
                let at = Loc(doc: loc.doc, node: items[items.startIndex + k])
                if let p = plan.trie[Int(child)].pattern {
                    slots.append(Slot(parent: loc, node: at, key: nil, pattern: p, bindings: bindings))
                }
                walk(child, at, bindings)
            }
        case .scalar:
            if !plan.trie[t].joined.isEmpty { joins.pending.append((loc, trieNode, bindings)) }
            guard let e = plan.trie[t].embedded, let inner = embeddedRoot(loc) else { return }
            if let p = plan.trie[Int(e)].pattern {
                slots.append(Slot(parent: loc, node: inner, key: nil, pattern: p, bindings: bindings))
            }
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
            var lo = r.lowerBound
            var hi = r.upperBound
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
        let slots = self.slots
        let order = self.order
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
        // A rule that requires a catalogue does not run without one; one that yields to it is
        // quiet where it decides.
        if linter.catalogue == nil
            ? rule.rule.requiresCatalogue != nil
            : rule.rule.yieldsToCatalogue.map({ catalogueDecides($0, slot) }) == true
        {
            return
        }
        if let when = rule.when {
            if rule.whenIsDocumentWide[t] {
                guard holdsDocumentWide(when, slot) else { return }
            } else if !holds(when, boundTo: slot) {
                return
            }
        }
        for var hit in check(rule.rule, rule.checks[t], target: rule.rule.targets[t], slot: slot) {
            if let when = rule.when, rule.rule.message.uses("condition-value") {
                hit.vars["condition-value"] = conditionValue(when, slot)
            }
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
                if loc.doc == 0, n.style == .plain, !placeholder { noteComment(after: n, path: self.path(slot)) }
                let d = placeholder ? Diagnostic.secretPlaceholder : Diagnostic.plaintextSecret
                let path = self.path(slot)
                let message =
                    placeholder
                    ? "\(path) is a placeholder, filled in outside the file; its value is not checked here"
                    : "\(path) is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent"
                findings.append(
                    Finding(
                        file: main.source.name, document: main.index, range: n.range, severity: d.severity,
                        code: d.code, rule: d.id, path: path, message: message,
                        fix: placeholder ? nil : placeholderFix(name: path.lastKey)))
                return true
            }
        }
    }

    /// A plain YAML scalar followed on its line by ` #`: YAML ends the value at the comment,
    /// so the rest of what was meant as the password is dropped in silence. Reported at the
    /// ` #`, quoting neither the value nor the comment.
    private func noteComment(after n: Node, path: ParamPath) {
        guard main.format == .yaml else { return }
        let bytes = main.source.bytes
        var i = n.range.end.offset
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i > n.range.end.offset, i < bytes.count, bytes[i] == UInt8(ascii: "#") else { return }
        let start = main.source.advance(n.range.end, to: i - 1)
        let d = Diagnostic.secretComment
        findings.append(
            Finding(
                file: main.source.name, document: main.index,
                range: SourceRange(start: start, end: main.source.advance(start, to: i + 1)), severity: d.severity,
                code: d.code, rule: d.id, path: path,
                message: "\(path) is a plain scalar followed by a comment; YAML ends the value there; quote it"))
    }

    func emit(_ rule: Rule, _ hit: Hit) {
        var vars = hit.vars
        vars["param"] = hit.path.description
        if vars["name"] == nil { vars["name"] = hit.path.lastKey }
        noteHost(hit.loc, in: &vars)
        let range: SourceRange
        if hit.atStart {
            range = SourceRange(at: hostRange(hit.loc, nil).start)
        } else {
            range = hostRange(hit.loc, hit.innerRange)
        }
        var severity = rule.severity
        // In a stale snapshot, what the catalogue says is no longer certain: its errors are warnings.
        if severity == .error, rule.usesCatalogue, linter.catalogue?.stale == true { severity = .warning }
        findings.append(
            Finding(
                file: main.source.name, document: main.index, range: range, severity: severity,
                code: rule.code, rule: rule.id, path: hit.path, message: rule.message.render(vars),
                fix: rule.fixable ? hit.fix : nil))
    }

    /// The range in the linted file of a node (or of part of its value), following embedded
    /// documents out to the string that holds them.
    func hostRange(_ loc: Loc, _ inner: Range<Int>?) -> SourceRange {
        let d = docs[loc.doc]
        let n = d[loc.node]
        var r = n.range
        if let inner {
            // A part of the value: from its first character (after any quote) to its end. Where
            // the end cannot be placed (past a line break) or the part is empty (the end of an
            // embedded document), the span runs to the end of the scalar: it is never empty.
            r.start = d.position(of: loc.node, atValueOffset: inner.lowerBound)
            r.end = d.position(of: loc.node, atValueOffset: inner.upperBound)
            if r.end <= r.start { r.end = n.range.end }
            if r.end <= r.start || n.value.isEmpty { r = n.range }
        }
        guard loc.doc != 0, let host = hosts[loc.doc] else { return r }
        if joins.docs.contains(loc.doc) { return hostRange(host, nil) }
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
}

// MARK: - Checks: from a compiled check to the evaluation of its kind
//
// A check's evaluation is in the file of its family (`CheckKind.Family`) in Checks/:
// Presence.swift (required, unknown, absent), Types.swift (type), Text.swift (enum, pattern,
// length, char-classes, allowed-chars, forbid), Numbers.swift (integer), Arrays.swift (size,
// count), Relations.swift (relation), Embedded.swift (json) and Catalogue.swift (catalogue). Here it is only dispatched: the
// `type` checks first (four rules ask at every parameter), then the checks that do not read a
// value's text, then those that do, which share the value's text, worked out once. A kind's
// method is handed the compiled check and reads its options itself: options bound here would
// be copied (their arrays retained and released) for every call.

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
            findings.append(
                Finding(
                    file: main.source.name, document: main.index, range: hostRange(loc, nil), severity: d.severity,
                    code: d.code, rule: d.id, path: path(slot), message: "rule \(rule.id) could not decide: \(why)"))
            return []
        }
    }

    /// A check's hits at a slot. With `decide`, only whether there is one matters (a condition
    /// asks): no message is worked out, and a failing check gives `Evaluation.failed`.
    func runThrowing(
        _ compiled: Plan.CompiledCheck, target: Target, slot: Slot, extract: Regex?,
        decide: Bool = false
    ) throws(Regex.MatchError) -> [Hit] {
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
        case .size: return sizeHits(compiled, slot: slot)
        case .count: return countHits(compiled, slot: slot)
        case .json: return jsonHits(compiled, slot: slot)
        case .integer: return integerHits(compiled, target: target, slot: slot)
        case .catalogue(let fact): return catalogueHits(fact, slot: slot)
        case .enumeration, .pattern, .length, .charClasses, .allowedChars, .forbid, .relation:
            return [] // `textHits`
        }
    }

    /// The checks that read a value's text (or the part `extract` captures).
    func textHits(_ compiled: Plan.CompiledCheck, target: Target, slot: Slot, extract: Regex?, decide: Bool)
        throws(Regex.MatchError) -> [Hit]
    {
        guard let loc = slot.node,
            let s = try subjectThrowing(loc, pattern: slot.pattern, extract: extract, spec: target.spec)
        else {
            // A condition does not hold on a value its check cannot judge.
            return decide ? Evaluation.failed : []
        }
        switch compiled.check {
        case .enumeration: return enumHits(compiled, s, slot, decide: decide)
        case .pattern: return try patternHits(compiled, s, slot, decide: decide)
        case .length: return lengthHits(compiled, s, slot, decide: decide)
        case .charClasses: return charClassesHits(compiled, s, slot, decide: decide)
        case .allowedChars: return allowedCharsHits(compiled, s, slot, decide: decide)
        case .forbid: return forbidHits(compiled, s, slot, decide: decide)
        case .relation: return try relationHits(compiled, s, slot, decide: decide)
        case .required, .unknown, .absent, .type, .integer, .size, .count, .json, .catalogue:
            return [] // `nonTextHits`
        }
    }

    /// The hit of a text check at its subject. The message's values are worked out only when
    /// the check finds something, and not at all when a condition only asks whether it does.
    @inline(__always)
    func textHit(
        _ s: Subject, _ slot: Slot, decide: Bool, _ extra: @autoclosure () -> [String: String],
        at inner: Range<Int>? = nil, fix: @autoclosure () -> Fix? = nil
    ) -> [Hit] {
        if decide { return Evaluation.failed }
        let extra = extra()
        var vars = valueVars(s.loc, slot.pattern)
        vars["written"] = vars["value"]
        if !s.whole { vars["value"] = s.secret ? ValueText.redacted : ValueText.quote(s.text) }
        vars["text"] = s.secret ? ValueText.redacted : ValueText.quote(s.text, type: .integer)
        vars.merge(extra) { $1 }
        return [
            Hit(loc: s.loc, innerRange: inner ?? (s.whole ? nil : s.range), path: path(slot), vars: vars, fix: fix())
        ]
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
            case .required, .unknown, .absent, .type, .json, .catalogue:
                break
            case .enumeration, .pattern, .length, .charClasses, .allowedChars, .forbid, .relation:
                break // (not reached: these read the text)
            }
        }
        return ((try? runThrowing(check, target: target, slot: slot, extract: nil, decide: true)) ?? []).isEmpty
    }
}
