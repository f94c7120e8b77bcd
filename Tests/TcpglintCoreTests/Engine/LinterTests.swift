import TcpglintCore
import TcpglintInput
import TcpglintTestSupport
import Testing

@Suite struct ParallelLintTests {
    /// One compiled rule set, shared by many tasks, gives every task the same findings.
    @Test func theRuleSetIsSharedSafelyAcrossThreads() async throws {
        let text = Array("{\"Charset\": \"utf8\", \"Zone\": \"ap-foo-1\", \"InstanceName\": 1}".utf8)
        let l = linter(pack)
        let expected = l.lint(InputReader.load(name: "a.json", bytes: text))
        #expect(expected.count > 5)
        let results = await withTaskGroup(of: [Finding].self) { group in
            for _ in 0..<32 { group.addTask { l.lint(InputReader.load(name: "a.json", bytes: text)) } }
            var all: [[Finding]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }
}

@Suite struct PatternLimitTests {
    /// A pattern with catastrophic backtracking is stopped by the match limit and reported,
    /// naming the rule; it never hangs.
    @Test func catastrophicBacktrackingIsReportedNotHung() throws {
        let rule = """
            rules:
              - id: slow-name
                code: Org.SlowName
                severity: error
                summary: A pattern that backtracks without end
                message: "Name {value} does not match"
                target: Name
                check:
                  pattern: {regex: '^(a+)+$'}
                source: {ref: PAGE, quote: "x"}
                examples:
                  valid: [{Name: aaa}]
                  invalid: [{Name: b}]
            """
        let set = try ruleSet(modelAnd: rule, name: "slow.yaml")
        let text = "{\"Name\": \"\(String(repeating: "a", count: 40))b\"}"
        let found = linter(set).lint(InputReader.load(name: "n.json", bytes: Array(text.utf8)))
        #expect(found.map { "\($0.rule) \($0.code) \($0.range.start)" } == ["pattern-limit Tcpglint.PatternLimit 1:10"])
        #expect(
            found.first?.message.hasPrefix("rule slow-name could not decide: its pattern hit the PCRE2 limit") == true)
    }
}

/// Regression tests for faults an independent review found, in the linter's checks. (The
/// review's other regressions are with what they test: SuggestTests, ScalarPositionTests,
/// RuleFileErrorTests, GlobTests, YAMLLoaderTests.)
@Suite struct ReviewRegressionTests {
    static func rule(_ id: String, target: String, check: String, message: String = "{param} {value}") -> String {
        """
        rules:
          - id: \(id)
            code: Org.Check
            severity: error
            summary: s
            message: "\(message)"
            target: \(target)
            check: \(check)
            source: {ref: PAGE, quote: "x"}
            examples: {valid: [{Name: a}], invalid: [{Name: b}]}
        """
    }

    static func set(_ rules: String) throws -> RuleSet { try ruleSet(modelAnd: rules) }

    static func lint(_ set: RuleSet, _ json: String) -> [Finding] { TcpglintTestSupport.lint(set, json) }

    @Test func integerStepsDoNotOverflow() throws {
        let s = try Self.set(Self.rule("step", target: "ProjectId", check: "{integer: {min: 10, step: 2}}"))
        #expect(Self.lint(s, "{\"ProjectId\": -9223372036854775808}").map(\.rule) == ["step"])
        let t = try Self.set(Self.rule("step", target: "ProjectId", check: "{integer: {min: -10, step: 3}}"))
        #expect(Self.lint(t, "{\"ProjectId\": 9223372036854775807}").map(\.rule) == ["step"])
    }

    @Test func integerValueListsAtTheLimitDoNotOverflow() throws {
        let s = try Self.set(
            Self.rule(
                "values", target: "ProjectId", check: "{integer: {values: [9223372036854775807, 9223372036854775807]}}")
        )
        #expect(Self.lint(s, "{\"ProjectId\": 5}").map(\.rule) == ["values"])
    }

    @Test func aRelationWithASecretShowsNeitherValue() throws {
        let s = try Self.set(
            Self.rule(
                "differs", target: "AdminName", check: "{relation: {not-equals: AdminPassword}}",
                message: "AdminName {value} must differ from {other} ({other-value}, {written})"))
        let found = Self.lint(s, "{\"AdminName\": \"Sup3r_Secret9\", \"AdminPassword\": \"Sup3r_Secret9\"}").filter {
            $0.rule == "differs"
        }
        #expect(
            found.map(\.message) == [
                "AdminName (secret, not shown) must differ from AdminPassword ((secret, not shown), (secret, not shown))"
            ])
    }

    @Test func keysInsideASecretAreSecret() {
        let found = linter(pack).lint(
            InputReader.load(
                name: "r.json", bytes: Array("{\"AdminPassword\": {\"Sup3r$ecret!\": 1, \"Sup3r$ecret!\": 2}}".utf8)))
        #expect(!found.contains { $0.message.contains("Sup3r") || $0.path.description.contains("Sup3r") })
        #expect(found.contains { $0.rule == "duplicate-key" && $0.path.description == "AdminPassword" })
    }
}
