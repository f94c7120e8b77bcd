import TcpglintCore
import TcpglintInput

/// Runs rules' own examples: each valid example must leave its rule silent, each invalid one
/// must make it report. Used by `tcpglint rules test` and the test suite.
public enum RuleExamples {
    /// One example that did not behave.
    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: String
        public let location: RuleLocation
        public let message: String
        public var description: String { "\(location): \(message)" }
    }

    /// The failures of one rule's examples (empty when they all pass).
    public static func check(_ rule: Rule, in set: RuleSet) -> [Failure] {
        let only = RuleSet(model: set.model, rules: [rule], references: set.references, limits: set.limits)
        let example = rule.exampleCatalogue
        let catalogue = example.map {
            CatalogueInUse(catalogue: $0, name: "example-catalogue", stale: false)
        }
        let linter = Linter(
            ruleSet: only, embeddedParser: JSONEmbeddedParser(), reportSecrets: false, catalogue: catalogue)
        var failures: [Failure] = []
        if rule.usesCatalogue, example == nil {
            failures.append(
                Failure(
                    rule: rule.id, location: rule.location,
                    message: "a catalogue rule's examples need an example-catalogue in its pack or policy"))
            return failures
        }
        for e in rule.valid {
            let found = linter.lint(e.document).filter { $0.rule == rule.id }
            if !found.isEmpty {
                let what = found.map { "\($0.rule): \($0.message)" }.joined(separator: "; ")
                failures.append(
                    Failure(rule: rule.id, location: e.location, message: "valid example produced a finding: \(what)"))
            }
        }
        for e in rule.invalid where !linter.lint(e.document).contains(where: { $0.rule == rule.id }) {
            failures.append(
                Failure(rule: rule.id, location: e.location, message: "invalid example produced no finding"))
        }
        return failures
    }
}
