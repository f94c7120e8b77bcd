// MARK: - The evaluation plan: a rule set compiled for speed
//
// Every parameter pattern any rule names (targets, conditions, relations, the items a `count`
// looks at, the model's secrets) is made absolute and interned once per rule set, and the
// patterns are merged into a trie. Linting a document then walks the document once along the
// trie and records, for each pattern, the places it reaches (`Slot`s); a rule looks its targets
// up instead of walking the tree again. The cost of a document is one walk plus the checks that
// have something to look at: linear in the size of the request and in the number of rules, and
// a rule about a parameter the request does not have costs next to nothing.

/// A rule set compiled for evaluation. Immutable and shared by every thread.
public final class Plan: Sendable {
    /// The interned patterns; a pattern's id is its index.
    let patterns: [[PatternComponent]]
    /// Whether a pattern reaches into a secret parameter (the model marks it or a prefix secret).
    let secretPattern: [Bool]
    /// The trie of all patterns; node 0 is the root (the pattern `$`).
    let trie: [TrieNode]
    /// One entry per rule of the set, in order.
    let rules: [CompiledRule]
    /// The patterns of the model's secret parameters.
    let secrets: [Int]
    /// The patterns of the model's catalogue key (nil without one): the walk records their
    /// slots, so that a catalogue check reads the request's key without looking it up.
    let catalogueKey: CatalogueKeyPatterns?
    /// For a condition pattern and the pattern it is bound to, at `condition * patterns.count +
    /// target`: how many of its leading `[*]` take the bound slot's index (see
    /// `Evaluation.forEachSlot(_:boundTo:_:)`); -1 where not worked out ahead. Empty for a
    /// plan of over 2,048 patterns.
    let boundTable: [Int8]
    /// The number of distinct compiled conditions (their ids are 0..<conditionCount).
    let conditionCount: Int
    /// The pattern `$`.
    static let rootPattern = 0
    /// The rules to run at each pattern's slots: (rule, target) pairs, by pattern id; those
    /// with a `required` check look at absent slots, all others at present ones.
    let onPresent: [[(rule: Int32, target: Int32)]]
    let onAbsent: [[(rule: Int32, target: Int32)]]
    /// The patterns with rules, in id order.
    let targeted: [Int]

    struct CatalogueKeyPatterns: Sendable {
        let region: Int
        let zones: [Int]
        let engine: Int
        let major: Int
        let storageType: Int
        let spec: Int
        let version: Int?
        let kernel: Int?
        let defaultEngine: String?
        let defaultStorageType: String?
    }

    struct TrieNode: Sendable {
        /// The pattern ending here, if any.
        var pattern: Int?
        /// Key children: the key → the index in `keyChildren`.
        var keys: [String: Int32] = [:]
        var keyChildren: [Int32] = []
        var anyIndex: Int32?
        var indices: [(index: Int, node: Int32)] = []
        var embedded: Int32?
        /// The joins below a parameter (`@cpu`), each with its node.
        var joined: [(name: String, node: Int32)] = []
        var isLeaf: Bool {
            keyChildren.isEmpty && anyIndex == nil && indices.isEmpty && embedded == nil && joined.isEmpty
        }
    }

    final class CompiledRule: Sendable {
        let rule: Rule
        let targets: [Int]
        let when: CompiledCondition?
        /// The rule's check, compiled for each target.
        let checks: [CompiledCheck]
        /// For each target: whether `when` looks at no `[*]` the target binds, so that its
        /// answer is the same at every slot of the document (and is worked out once).
        let whenIsDocumentWide: [Bool]
        init(rule: Rule, targets: [Int], when: CompiledCondition?, checks: [CompiledCheck], whenIsDocumentWide: [Bool])
        {
            self.rule = rule
            self.targets = targets
            self.when = when
            self.checks = checks
            self.whenIsDocumentWide = whenIsDocumentWide
        }
    }

    /// A check with the patterns it resolves interned. Built for one target pattern.
    final class CompiledCheck: Sendable {
        let check: Check
        /// For `count`: the condition on each item, and the pattern of the items (`target[*]`).
        let count: (condition: CompiledCondition, items: Int)?
        /// For `relation`: the other parameter's pattern.
        let other: Int?
        /// For `type`: the mismatches reported, as bits (`TypeMismatch.bit`); 0 for other checks.
        /// Four rules ask about types at every parameter: this spares them the enum's payload.
        let typeReport: UInt8
        /// Whether the check reads a value's text (`CheckKind.readsText`: enum, pattern, length,
        /// char-classes, allowed-chars, forbid, relation): those share one path in the evaluation.
        let readsText: Bool
        init(check: Check, count: (condition: CompiledCondition, items: Int)?, other: Int?) {
            self.check = check
            self.count = count
            self.other = other
            readsText = check.kind.readsText
            if case .type(let report) = check {
                typeReport = report.reduce(0) { $0 | $1.bit }
            } else {
                typeReport = 0
            }
        }
    }

    /// A condition with its patterns interned. A class with plain fields rather than an enum
    /// with payloads: conditions are asked at every slot, and reading a field costs less than
    /// copying a payload out.
    final class CompiledCondition: Sendable {
        enum Kind: UInt8, Sendable { case all, any, not, present, passes }
        let kind: Kind
        /// Equal conditions (same patterns and checks) share one object and this number: a
        /// policy that says `Region in [...]` in many rules has it decided once per document.
        let id: Int
        /// The conditions of `all` and `any`; the one of `not`.
        let children: [CompiledCondition]
        /// For `present` and `passes`: the pattern looked at.
        let pattern: Int
        /// For `present`: whether the parameter must be present.
        let want: Bool
        /// For `passes`: the parameter and its check.
        let target: Target?
        let check: CompiledCheck?

        init(
            _ kind: Kind, id: Int, children: [CompiledCondition] = [], pattern: Int = 0, want: Bool = true,
            target: Target? = nil, check: CompiledCheck? = nil
        ) {
            self.kind = kind
            self.id = id
            self.children = children
            self.pattern = pattern
            self.want = want
            self.target = target
            self.check = check
        }
    }

    init(model: APIModel, rules: [Rule]) {
        var b = Builder(model: model)
        _ = b.intern([])
        var compiled: [CompiledRule] = []
        compiled.reserveCapacity(rules.count)
        for rule in rules {
            let targets = rule.targets.map { b.intern($0.pattern) }
            // A condition or check is compiled once per rule; its patterns are absolute (the
            // rule's conditions are written from the request), except inside `count`, where they
            // are relative to an item of the counted array.
            let when = rule.when.map { b.condition($0, prefix: []) }
            var checks: [CompiledCheck] = []
            for (t, id) in zip(rule.targets, targets) {
                let check = b.check(rule.check, target: t, prefix: [])
                if let when { b.noteBindings(when, to: id) }
                b.noteBindings(check, to: id)
                checks.append(check)
            }
            let wide = targets.map { t in when.map { b.isDocumentWide($0, boundTo: t) } ?? true }
            compiled.append(
                CompiledRule(rule: rule, targets: targets, when: when, checks: checks, whenIsDocumentWide: wide))
        }
        secrets = model.secretPatterns.map { b.intern($0) }
        catalogueKey = model.catalogueKey.map { k in
            CatalogueKeyPatterns(
                region: b.intern(k.region), zones: k.zones.map { b.intern($0) }, engine: b.intern(k.engine),
                major: b.intern(k.major), storageType: b.intern(k.storageType), spec: b.intern(k.spec),
                version: k.version.map { b.intern($0) }, kernel: k.kernel.map { b.intern($0) },
                defaultEngine: k.defaultEngine, defaultStorageType: k.defaultStorageType)
        }
        patterns = b.patterns
        secretPattern = b.patterns.map { p in
            var prefix: [PatternComponent] = []
            for c in p {
                prefix.append(c)
                if model.spec(at: prefix)?.secret == true { return true }
            }
            return false
        }
        trie = b.trie
        conditionCount = b.conditionCount
        boundTable = Plan.table(b.bound, patterns: b.patterns.count)
        self.rules = compiled
        var present = [[(rule: Int32, target: Int32)]](repeating: [], count: b.patterns.count)
        var absent = present
        for (r, rule) in compiled.enumerated() {
            var required = false
            if case .required = rule.rule.check { required = true }
            for (t, p) in rule.targets.enumerated() {
                if required { absent[p].append((Int32(r), Int32(t))) } else { present[p].append((Int32(r), Int32(t))) }
            }
        }
        onPresent = present
        onAbsent = absent
        targeted = (0..<b.patterns.count).filter { !present[$0].isEmpty || !absent[$0].isEmpty }
    }

    /// The parameter path of a slot of pattern `id`, with the `[*]` indices it was reached by.
    func path(_ id: Int, _ bindings: [Int]) -> ParamPath {
        var out: [PathComponent] = []
        out.reserveCapacity(patterns[id].count)
        var w = 0
        for c in patterns[id] {
            switch c {
            case .key(let k): out.append(.key(k))
            case .index(let i): out.append(.index(i))
            case .anyIndex:
                out.append(.index(w < bindings.count ? bindings[w] : 0))
                w += 1
            case .embedded: out.append(.embedded)
            case .joined(let a): out.append(.joined(a))
            }
        }
        return ParamPath(out)
    }

    private struct Builder {
        let model: APIModel
        var patterns: [[PatternComponent]] = []
        var ids: [[PatternComponent]: Int] = [:]
        var trie: [TrieNode] = [TrieNode()]
        var bound: [Int: Int] = [:]

        init(model: APIModel) { self.model = model }

        mutating func intern(_ p: [PatternComponent]) -> Int {
            if let id = ids[p] { return id }
            let id = patterns.count
            patterns.append(p)
            ids[p] = id
            var node: Int32 = 0
            for c in p {
                node = child(of: node, c)
            }
            trie[Int(node)].pattern = id
            return id
        }

        private mutating func child(of node: Int32, _ c: PatternComponent) -> Int32 {
            let n = Int(node)
            let existing: Int32?
            switch c {
            case .key(let k): existing = trie[n].keys[k].map { trie[n].keyChildren[Int($0)] }
            case .anyIndex: existing = trie[n].anyIndex
            case .index(let i): existing = trie[n].indices.first(where: { $0.index == i })?.node
            case .embedded: existing = trie[n].embedded
            case .joined(let a): existing = trie[n].joined.first(where: { $0.name == a })?.node
            }
            if let existing { return existing }
            let new = Int32(trie.count)
            trie.append(TrieNode())
            switch c {
            case .key(let k):
                trie[n].keys[k] = Int32(trie[n].keyChildren.count)
                trie[n].keyChildren.append(new)
            case .anyIndex: trie[n].anyIndex = new
            case .index(let i): trie[n].indices.append((i, new))
            case .embedded: trie[n].embedded = new
            case .joined(let a): trie[n].joined.append((a, new))
            }
            return new
        }

        /// Conditions by their structure, for sharing equal ones.
        var conditions: [String: CompiledCondition] = [:]
        var conditionCount = 0

        mutating func condition(_ c: Condition, prefix: [PatternComponent]) -> CompiledCondition {
            func shared(_ key: String?, _ make: (Int) -> CompiledCondition) -> CompiledCondition {
                if let key, let known = conditions[key] { return known }
                let made = make(conditionCount)
                conditionCount += 1
                if let key { conditions[key] = made }
                return made
            }
            switch c {
            case .all(let cs), .any(let cs):
                let kids = cs.map { condition($0, prefix: prefix) }
                let kind: CompiledCondition.Kind
                if case .all = c { kind = .all } else { kind = .any }
                return shared("\(kind)(\(kids.map { String($0.id) }.joined(separator: ",")))") {
                    CompiledCondition(kind, id: $0, children: kids)
                }
            case .not(let inner):
                let kid = condition(inner, prefix: prefix)
                return shared("not(\(kid.id))") { CompiledCondition(.not, id: $0, children: [kid]) }
            case .present(let t, let want):
                let p = intern(prefix + t.pattern)
                return shared("present(\(p),\(want))") { CompiledCondition(.present, id: $0, pattern: p, want: want) }
            case .passes(let t, let check):
                let p = intern(prefix + t.pattern)
                let compiled = self.check(check, target: t, prefix: prefix)
                return shared(Builder.key(check).map { "passes(\(p),\($0))" }) {
                    CompiledCondition(.passes, id: $0, pattern: p, target: t, check: compiled)
                }
            }
        }

        /// A key that equal checks share, for the checks conditions mostly use; nil for others
        /// (they are never shared).
        static func key(_ c: Check) -> String? {
            func list(_ v: [String]) -> String { v.map { "\($0.utf8.count):\($0)" }.joined() }
            func n(_ v: Int?) -> String { v.map(String.init) ?? "-" }
            switch c {
            case .enumeration(let values, let cs, let only): return "enum(\(list(values)),\(cs),\(only))"
            case .pattern(let r, let negate, _):
                return "pattern(\(r.pattern.utf8.count):\(r.pattern),\(r.caseInsensitive),\(negate))"
            case .length(let lo, let hi): return "length(\(n(lo)),\(n(hi)))"
            case .integer(let lo, let hi, let values, let step):
                return
                    "integer(\(n(lo)),\(n(hi)),\(values.map { $0.map(String.init).joined(separator: ",") } ?? "-"),\(n(step)))"
            case .forbid(let values, let prefixes, let cs): return "forbid(\(list(values)),\(list(prefixes)),\(cs))"
            case .required, .unknown, .absent, .type, .charClasses, .allowedChars, .size, .count, .relation, .json,
                .catalogue:
                return nil
            }
        }

        mutating func check(_ c: Check, target: Target?, prefix: [PatternComponent]) -> CompiledCheck {
            switch c {
            case .count(let cond, _, _, _):
                let itemPrefix = prefix + (target?.pattern ?? []) + [.anyIndex]
                let items = intern(itemPrefix)
                let compiled = condition(cond, prefix: itemPrefix)
                noteBindings(compiled, to: items)
                return CompiledCheck(check: c, count: (compiled, items), other: nil)
            case .relation(_, let other, _):
                // The other side is written from the request, wherever the relation sits.
                return CompiledCheck(check: c, count: nil, other: intern(other.pattern))
            case .required, .unknown, .absent, .type, .enumeration, .pattern, .length, .integer, .charClasses,
                .allowedChars, .forbid, .size, .json, .catalogue:
                return CompiledCheck(check: c, count: nil, other: nil)
            }
        }

        /// Whether no pattern of the condition (or of a check inside it) takes an index from a
        /// slot of `target`. A `count` or `relation` inside is never taken as document-wide.
        func isDocumentWide(_ c: CompiledCondition, boundTo target: Int) -> Bool {
            switch c.kind {
            case .all, .any, .not: return c.children.allSatisfy { isDocumentWide($0, boundTo: target) }
            case .present: return Plan.sharedWildcards(patterns[c.pattern], patterns[target]) == 0
            case .passes:
                guard let check = c.check, check.count == nil, check.other == nil else { return false }
                return Plan.sharedWildcards(patterns[c.pattern], patterns[target]) == 0
            }
        }

        /// Records how the patterns of a condition bind to slots of `target`.
        mutating func noteBindings(_ c: CompiledCondition, to target: Int) {
            switch c.kind {
            case .all, .any, .not: for x in c.children { noteBindings(x, to: target) }
            case .present: note(c.pattern, target)
            case .passes:
                note(c.pattern, target)
                if let check = c.check { noteBindings(check, to: c.pattern) }
            }
        }

        mutating func noteBindings(_ c: CompiledCheck, to target: Int) {
            if let other = c.other { note(other, target) }
        }

        /// A `[*]` of the condition pattern takes the bound slot's index when the patterns agree up
        /// to and including it; agreement on a prefix implies agreement on the shorter ones, so the
        /// bound wildcards are the leading ones.
        private mutating func note(_ condition: Int, _ target: Int) {
            let key = Plan.pairKey(condition, target)
            if bound[key] == nil { bound[key] = Plan.sharedWildcards(patterns[condition], patterns[target]) }
        }
    }

    static func pairKey(_ a: Int, _ b: Int) -> Int { a << 32 | b }

    static func sharedWildcards(_ c: [PatternComponent], _ t: [PatternComponent]) -> Int {
        var m = 0
        for i in 0..<min(c.count, t.count) {
            guard c[i] == t[i] else { break }
            if case .anyIndex = c[i] { m += 1 }
        }
        return m
    }

    /// How many leading `[*]` of `condition` are bound by a slot of `target`.
    func boundCount(_ condition: Int, _ target: Int) -> Int {
        let n = patterns.count
        if !boundTable.isEmpty {
            let m = boundTable[condition * n + target]
            if m >= 0 { return Int(m) }
        }
        return Plan.sharedWildcards(patterns[condition], patterns[target])
    }

    /// `bound` as a table indexed by condition × target (-1 where unknown), when the plan has
    /// at most 2,048 patterns: conditions ask at every slot, and a hash costs more than a load.
    static func table(_ bound: [Int: Int], patterns n: Int) -> [Int8] {
        guard n <= 2048 else { return [] }
        var t = [Int8](repeating: -1, count: n * n)
        for (key, m) in bound where m < 127 { t[(key >> 32) * n + (key & 0xFFFF_FFFF)] = Int8(m) }
        return t
    }
}
