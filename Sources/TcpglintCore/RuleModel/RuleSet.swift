/// A compiled, immutable rule set: the model, the rules and the references they cite. Built
/// once and shared by every file linted, on any thread.
public struct RuleSet: Sendable {
    public let model: APIModel
    /// The rules that run, with their effective severities.
    public let rules: [Rule]
    public let references: [String: SourceReference]
    public let limits: Regex.Limits
    /// Policy overrides by rule or diagnostic id (already applied to `rules`; applied to
    /// diagnostics as they are reported).
    public let overrides: [String: RuleOverride]
    /// Rules turned off by an override (kept for listings).
    public let disabled: [Rule]
    /// The active rules compiled for evaluation.
    public let plan: Plan

    public init(
        model: APIModel, rules: [Rule], references: [String: SourceReference], limits: Regex.Limits = .default,
        overrides: [String: RuleOverride] = [:], disabled: [Rule] = []
    ) {
        self.model = model
        self.rules = rules
        self.references = references
        self.limits = limits
        self.overrides = overrides
        self.disabled = disabled
        self.plan = Plan(model: model, rules: rules)
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// A finding of one of tcpglint's diagnostics with the policy's override applied: its new
    /// severity, or nil when a policy turned it off. Rule findings come out unchanged (their
    /// severity is already the effective one).
    public func adjusted(_ f: Finding) -> Finding? {
        guard let o = overrides[f.rule], Diagnostic.all.contains(where: { $0.id == f.rule }) else { return f }
        guard let severity = o.severity else { return nil }
        var copy = f
        copy.severity = severity
        return copy
    }

    /// Every rule id, and every diagnostic id.
    public var allIDs: [String] { rules.map(\.id) + disabled.map(\.id) + Diagnostic.all.map(\.id) }

    /// A rule set with only the given rules (the same model).
    public func restricted(to ids: Set<String>) -> RuleSet {
        RuleSet(model: model, rules: rules.filter { ids.contains($0.id) }, references: references, limits: limits)
    }

    /// This rule set with more rules and overrides on top (a policy): overrides change the
    /// severity of, or turn off, rules already present.
    public func adding(rules more: [Rule], overrides newOverrides: [String: RuleOverride]) -> RuleSet {
        var all = rules + disabled + more
        var merged = overrides
        for (k, v) in newOverrides { merged[k] = v }
        var active: [Rule] = []
        var off: [Rule] = []
        for i in all.indices {
            if let o = merged[all[i].id] {
                if let s = o.severity {
                    all[i].severity = s
                } else {
                    off.append(all[i])
                    continue
                }
            }
            active.append(all[i])
        }
        return RuleSet(
            model: model, rules: active, references: references, limits: limits,
            overrides: merged, disabled: off)
    }
}
