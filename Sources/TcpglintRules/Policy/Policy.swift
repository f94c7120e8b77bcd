import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - Policies: an organisation's own rules

/// Loads policy files on top of a rule pack. A policy is written in the pack's format, with:
///
/// ```yaml
/// namespace: Acme                 # its codes are Acme.Something, never an API code
/// extends: [../company.yaml]      # other policies, relative to this file
/// example-base: {…}               # optional: what its rule examples are merged over
/// rules: [...]                    # as in the pack; a rule may say `suppressible: false`
/// overrides:                      # change a rule already loaded, with a reason
///   - {rule: charge-type-case, severity: error, reason: "…"}
///   - {rule: admin-password-short, enabled: false, reason: "…"}
/// ```
public enum PolicyLoader {
    static let fileKeys = [
        "namespace", "extends", "references", "example-base", "example-catalogue", "rules", "overrides", "definitions",
    ]

    /// The rule set of `pack` with the policies at `paths` (and what they extend) added, each
    /// file once, extended files first.
    public static func load(_ paths: [String], onto pack: RulePack) -> Result<RuleSet, RuleFileErrors> {
        let diags = Diagnostics()
        var state = LoadState(diags: diags)
        for p in paths { state.visit(p, from: nil) }
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }

        var set = pack.ruleSet
        var references = set.references
        var ids: [String: RuleLocation] = [:]
        for r in set.rules + set.disabled { ids[r.id] = r.location }
        var bases: [String: Value] = [:]
        var catalogues: [String: @Sendable () -> Catalogue?] = [:]
        for policy in state.order {
            let o = policy.root
            RulePackLoader.readReferences(o, into: &references, inPack: false)
            // Examples merge over this file's base, else the nearest extended one, else the pack's.
            var base: Value? = pack.exampleBase.map { Value(doc: $0.document, id: $0.node, diags: diags) }
            for e in policy.extends.reversed() {
                if let b = bases[e] {
                    base = b
                    break
                }
            }
            if let b = o["example-base"] {
                if b.isMapping { base = b } else { b.error("example-base must be a mapping") }
            }
            if let base { bases[policy.key] = base }
            var namespace: String?
            if let n = o["namespace"], let text = n.string("namespace") {
                if !isNamespace(text) {
                    n.error(
                        "namespace \"\(text)\" must be one word of letters and digits starting with a capital, such as Acme"
                    )
                } else if set.model.codeNamespaces.contains(text) || text == "Tcpglint" {
                    n.error(
                        "namespace \(text) is the API's (or tcpglint's); choose one of your own, such as your organisation's name"
                    )
                } else {
                    namespace = text
                }
            } else if o["rules"] != nil {
                o.value.error("a policy with rules needs a namespace for their codes (namespace: Acme)")
            }
            let compiler = RuleCompiler(
                model: set.model, references: references, base: base, limits: set.limits,
                namespace: namespace ?? "", diags: diags)
            var rules = RulePackLoader.compileRules([o], compiler: compiler, ids: &ids)
            // Catalogue rules' examples run against this file's example catalogue, else the
            // nearest extended one's, else the pack's.
            var catalogue = pack.exampleCatalogue
            for e in policy.extends.reversed() {
                if let c = catalogues[e] {
                    catalogue = c
                    break
                }
            }
            if let c = o["example-catalogue"] { catalogue = RulePackLoader.readExampleCatalogue(c) }
            if let catalogue { catalogues[policy.key] = catalogue }
            for i in rules.indices where rules[i].usesCatalogue { rules[i].exampleCatalogueSource = catalogue }
            let overrides = readOverrides(o, known: set, adding: rules)
            set = set.adding(rules: rules, overrides: overrides)
        }
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return .success(
            RuleSet(
                model: set.model, rules: set.rules, references: references, limits: set.limits,
                overrides: set.overrides, disabled: set.disabled))
    }

    static func isNamespace(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f >= "A", f <= "Z" else { return false }
        return s.unicodeScalars.allSatisfy {
            ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
        }
    }

    /// `overrides:` entries, checked against the rules loaded so far.
    static func readOverrides(_ o: Object, known set: RuleSet, adding newRules: [Rule]) -> [String: RuleOverride] {
        guard let list = o["overrides"]?.list("overrides") else { return [:] }
        let rules = set.rules + set.disabled + newRules
        var out: [String: RuleOverride] = [:]
        for item in list {
            guard let io = item.object("an override", allowed: ["rule", "severity", "enabled", "reason"]),
                let idValue = io.require("rule"), let id = idValue.string("rule")
            else { continue }
            let rule = rules.first { $0.id == id }
            let diagnostic = Diagnostic.all.first { $0.id == id }
            guard rule != nil || diagnostic != nil else {
                let names = rules.map(\.id) + Diagnostic.all.map(\.id)
                let hint = Suggest.closest(to: id, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
                idValue.error("override of unknown rule \"\(id)\"\(hint)")
                continue
            }
            let reason = io.require("reason")?.string("reason") ?? ""
            if io["reason"] != nil, reason.isEmpty { io["reason"]?.error("an override needs a reason") }
            let enabled = io["enabled"]?.bool("enabled") ?? true
            var severity: Severity? = rule?.severity ?? diagnostic?.severity
            if let sv = io["severity"], let name = sv.string("severity") {
                if let parsed = Severity(name: name) {
                    severity = parsed
                } else {
                    sv.error("severity must be error, warning or info, not \"\(name)\"")
                }
            }
            if io["severity"] == nil, io["enabled"] == nil {
                item.error("an override sets severity, or enabled: false")
            }
            if !enabled { severity = nil }
            if let rule, !rule.suppressible, severity.map({ $0 < rule.severity }) ?? true {
                item.error(
                    "rule \(id) may not be suppressed, so it cannot be turned off or lowered (it is defined at \(rule.location))"
                )
                continue
            }
            out[id] = RuleOverride(severity: severity, reason: reason, location: item.location)
        }
        return out
    }
}

/// One policy file, parsed.
private struct PolicyFile {
    /// The canonical path, to load each file once and find cycles.
    let key: String
    let root: Object
    /// The keys of the files it extends.
    var extends: [String]
}

private struct LoadState {
    let diags: Diagnostics
    var order: [PolicyFile] = []
    var loaded: Set<String> = []
    var stack: [(key: String, name: String)] = []

    init(diags: Diagnostics) { self.diags = diags }

    /// Loads `path` and, first, everything it extends. `site` is the `extends` entry naming it.
    @discardableResult
    mutating func visit(_ path: String, from site: Value?) -> String? {
        func fail(_ message: String) {
            if let site {
                site.error(message)
            } else {
                diags.add(RuleLocation(file: path, line: 1, column: 1), message)
            }
        }
        guard let key = Paths.real(path) else {
            fail("cannot read the policy \(path): no such file")
            return nil
        }
        if let i = stack.firstIndex(where: { $0.key == key }) {
            let cycle = (stack[i...].map(\.name) + [path]).joined(separator: " → ")
            fail("extends makes a cycle: \(cycle)")
            return nil
        }
        if loaded.contains(key) { return key }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            fail("cannot read the policy \(path): \(error)")
            return nil
        }
        guard
            let root = RulePackLoader.parseFile(name: path, bytes: bytes, allowed: PolicyLoader.fileKeys, diags: diags)
        else { return nil }
        if root["model"] != nil { root["model"]?.error("a policy uses the pack's model and may not define one") }
        stack.append((key, path))
        var extended: [String] = []
        if let e = root["extends"] {
            let entries = e.isSequence ? (e.list("extends") ?? []) : [e]
            for entry in entries {
                guard let rel = entry.string("each item of extends") else { continue }
                if let k = visit(Paths.join(Paths.directory(of: path), rel), from: entry) { extended.append(k) }
            }
        }
        stack.removeLast()
        loaded.insert(key)
        order.append(PolicyFile(key: key, root: root, extends: extended))
        return key
    }
}
