import TcpglintRules
import TcpglintTestSupport
import Testing

@testable import TcpglintCore

/// The evaluation plan: rules compiled to a pattern trie, conditions shared between rules and
/// decided once per document when their answer cannot depend on the slot.
@Suite struct PlanTests {
    static func rule(_ id: String, target: String, when: String, check: String) -> String {
        """
          - id: \(id)
            code: Org.Check
            severity: error
            summary: s
            message: "{param} {value}"
            target: "\(target)"
            when: \(when)
            check: \(check)
            source: {ref: PAGE, quote: "x"}
            examples: {valid: [{Name: a}], invalid: [{Name: b}]}

        """
    }

    static func set(_ rules: [String]) throws -> RuleSet {
        try ruleSet(modelAnd: "rules:\n" + rules.joined())
    }

    /// Rule id and position of each finding of the given rules.
    static func found(_ set: RuleSet, _ json: String, _ ids: Set<String>) -> [String] {
        lint(set, json).filter { ids.contains($0.rule) }.map { "\($0.rule) \($0.path) \($0.range.start)" }
    }

    /// One condition written in three rules (and inside a `not` in a fourth) is one object,
    /// and each rule still gets its own answer.
    @Test func equalConditionsAreSharedAndStillRightForEveryRule() throws {
        let guangzhou = "{param: Region, in: [ap-guangzhou]}"
        let s = try Self.set([
            Self.rule("a", target: "Name", when: guangzhou, check: "{length: {max: 2}}"),
            Self.rule("b", target: "AdminName", when: guangzhou, check: "{length: {max: 2}}"),
            Self.rule("c", target: "Zone", when: "{not: \(guangzhou)}", check: "{length: {max: 2}}"),
            Self.rule(
                "d", target: "VpcId", when: "{all: [\(guangzhou), {param: Period, check: {integer: {min: 2}}}]}",
                check: "{length: {max: 2}}"),
        ])
        let rules = s.plan.rules.filter { ["a", "b", "c", "d"].contains($0.rule.id) }
        #expect(rules.count == 4)
        #expect(rules[0].when === rules[1].when)
        #expect(rules[2].when?.children.first === rules[0].when)
        #expect(rules[3].when?.children.first === rules[0].when)
        #expect(rules.allSatisfy { $0.whenIsDocumentWide == [true] })

        let ids: Set = ["a", "b", "c", "d"]
        let gz =
            #"{"Region": "ap-guangzhou", "Zone": "ap-guangzhou-3", "Name": "abc", "AdminName": "xyz", "VpcId": "vpc-1", "Period": 3}"#
        #expect(Self.found(s, gz, ids) == ["a Name 1:62", "b AdminName 1:82", "d VpcId 1:98"])
        let sh =
            #"{"Region": "ap-shanghai", "Zone": "ap-shanghai-2", "Name": "abc", "AdminName": "xyz", "VpcId": "vpc-1", "Period": 1}"#
        #expect(Self.found(s, sh, ids) == ["c Zone 1:35"])
    }

    /// The same condition bound to a rule's `DBNodeSet[*]` item in one rule and asked of the
    /// whole document in another: the first looks at its own item only, the second at any item.
    @Test func aSharedConditionIsBoundInOneRuleAndDocumentWideInAnother() throws {
        let primary = "{param: \"DBNodeSet[*].Role\", equals: Primary}"
        let s = try Self.set([
            Self.rule("per-node", target: "DBNodeSet[*].Zone", when: primary, check: "{length: {max: 2}}"),
            Self.rule("whole", target: "Zone", when: primary, check: "{length: {max: 2}}"),
        ])
        let rules = s.plan.rules.filter { ["per-node", "whole"].contains($0.rule.id) }
        #expect(rules[0].when === rules[1].when)
        #expect(rules[0].whenIsDocumentWide == [false])
        #expect(rules[1].whenIsDocumentWide == [true])

        let json =
            #"{"Zone": "ap-guangzhou-3", "DBNodeSet": [{"Role": "Standby", "Zone": "ap-guangzhou-4"}, {"Role": "Primary", "Zone": "ap-guangzhou-3"}]}"#
        #expect(Self.found(s, json, ["per-node", "whole"]) == ["whole Zone 1:10", "per-node DBNodeSet[1].Zone 1:117"])
        let none = #"{"Zone": "ap-guangzhou-3", "DBNodeSet": [{"Role": "Standby", "Zone": "ap-guangzhou-4"}]}"#
        #expect(Self.found(s, none, ["per-node", "whole"]).isEmpty)
    }

    /// Every pattern a rule names is in the trie once; the type rules' `*` and the targets of
    /// the pack share their prefixes.
    @Test func patternsAreInternedOnce() throws {
        let set = try RulePackLoader.builtIn().get()
        let plan = set.plan
        #expect(Set(plan.patterns).count == plan.patterns.count)
        for (id, p) in plan.patterns.enumerated() {
            var node = 0
            for c in p {
                let t = plan.trie[node]
                switch c {
                case .key(let k): node = Int(t.keyChildren[Int(t.keys[k]!)])
                case .anyIndex: node = Int(t.anyIndex!)
                case .index(let i): node = Int(t.indices.first { $0.index == i }!.node)
                case .embedded: node = Int(t.embedded!)
                case .joined(let a): node = Int(t.joined.first { $0.name == a }!.node)
                }
            }
            #expect(plan.trie[node].pattern == id)
        }
    }
}
