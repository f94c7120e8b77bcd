import Testing
import TcpglintSystem
import TcpglintTestSupport
import TcpglintCore
import TcpglintInput
import TcpglintRules

@Suite struct SuggestTests {
    @Test(arguments: [
        ("InstanceName", "Name"), ("zone", "Zone"), ("DefaultLocale", "defaultLocale"), ("Chrset", "Charset"),
        ("DBNodeSet.0.Role", "DBNodeSet"), ("SpecCod", "SpecCode"), ("AdminPasword", "AdminPassword"),
    ])
    func findsTheIntendedName(_ input: String, _ expected: String) {
        let names = ["Name", "Zone", "defaultLocale", "Charset", "DBNodeSet", "SpecCode", "AdminPassword", "AdminName", "Storage"]
        #expect(Suggest.closest(to: input, in: names) == expected)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggest.closest(to: "Weight", in: ["Role", "Zone", "DedicatedClusterId"]) == nil)
        #expect(Suggest.closest(to: "", in: ["Role"]) == nil)
    }
}

@Suite struct MessageTemplateTests {
    @Test func fillsPlaceholdersAndKeepsLiteralBraces() throws {
        let t = try MessageTemplate(parsing: "{param} {value}: {{x}} {hint}")
        #expect(t.render(["param": "Charset", "value": "\"a\""]) == "Charset \"a\": {x} ")
    }

    @Test(arguments: [("{nope}", 0), ("a {value", 2), ("a } b", 2)])
    func rejectsBadTemplatesWithTheOffset(_ text: String, _ offset: Int) {
        #expect(throws: MessageTemplate.ParseError.self) { try MessageTemplate(parsing: text) }
        do { _ = try MessageTemplate(parsing: text) } catch { #expect(error.offset == offset) }
    }
}

@Suite struct ValueTextTests {
    @Test func quotesAndEscapes() {
        #expect(ValueText.quote("a\"b\n") == "\"a\\\"b\\n\"")
        #expect(ValueText.quote("15.10", type: .float) == "15.10")
        #expect(ValueText.quote(String(repeating: "x", count: 70)).hasSuffix("…\""))
        #expect(ValueText.list(["UTF8", "LATIN1"]) == "UTF8 or LATIN1")
        #expect(ValueText.list(["a", "b", "c"], conjunction: "and") == "a, b and c")
        #expect(ValueText.character(" ") == "a space")
        #expect(ValueText.character("é") == "'é' (U+00E9)")
    }
}

@Suite struct IntegerLiteralTests {
    @Test func parsesAndBoundsLiterals() {
        #expect(IntegerLiteral.parse("0x1F", yaml: true) == 31)
        #expect(IntegerLiteral.parse("0x1F", yaml: false) == nil)
        #expect(IntegerLiteral.parse("-9223372036854775808", yaml: false) == Int.min)
        #expect(IntegerLiteral.parse("9223372036854775808", yaml: false) == nil)
        #expect(IntegerLiteral.fits("18446744073709551615", width: .uint64, yaml: false))
        #expect(!IntegerLiteral.fits("18446744073709551616", width: .uint64, yaml: false))
        #expect(!IntegerLiteral.fits("-1", width: .uint64, yaml: false))
        #expect(IntegerLiteral.fits("-9223372036854775808", width: .int64, yaml: false))
        #expect(IntegerLiteral.isDecimal("-12") && !IntegerLiteral.isDecimal("1.0") && !IntegerLiteral.isDecimal("+1"))
    }
}

@Suite struct ScalarPositionTests {
    func position(_ json: String, key: String, at offset: Int) throws -> String {
        let f = JSONScanner.load(SourceFile(name: "t.json", bytes: Array(json.utf8)))
        let d = try #require(f.documents.first)
        let v = try #require(d.lookup(key, in: d.root)).value
        return d.position(of: v, atValueOffset: offset).description
    }

    @Test func mapsDecodedOffsetsThroughEscapes() throws {
        // {"A": "x\"yz"}: decoded x"yz; offset 2 ('y') is after the two-character escape.
        #expect(try position(#"{"A": "x\"yz"}"#, key: "A", at: 2) == "1:11")
        // A surrogate pair is 12 characters of source for 4 bytes of value.
        #expect(try position(#"{"A": "\ud83d\ude00z"}"#, key: "A", at: 4) == "1:20")
        // Non-ASCII characters count one column each.
        #expect(try position(#"{"A": "订单z"}"#, key: "A", at: 6) == "1:10")
    }

    @Test func mapsLiteralBlockScalarsLineByLine() throws {
        let f = YAMLLoader.load(SourceFile(name: "t.yaml", bytes: Array("A: |\n  abc\n\n  def\nB: >\n  ab\n  cd\n".utf8)))
        let d = try #require(f.documents.first)
        let a = try #require(d.lookup("A", in: d.root)).value
        #expect(d.position(of: a, atValueOffset: 1).description == "2:4")
        #expect(d.position(of: a, atValueOffset: 6).description == "4:4")
        // A folded scalar joins lines: positions fall back to the scalar's start.
        let b = try #require(d.lookup("B", in: d.root)).value
        #expect(d.position(of: b, atValueOffset: 4).description == "5:4")
    }
}

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
        let model = RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") }
        let set = try RulePackLoader.load(files: model + [(name: "slow.yaml", bytes: Array(rule.utf8))]).get()
        let text = "{\"Name\": \"\(String(repeating: "a", count: 40))b\"}"
        let found = linter(set).lint(InputReader.load(name: "n.json", bytes: Array(text.utf8)))
        #expect(found.map { "\($0.rule) \($0.code) \($0.range.start)" } == ["pattern-limit Tcpglint.PatternLimit 1:10"])
        #expect(found.first?.message.hasPrefix("rule slow-name could not decide: its pattern hit the PCRE2 limit") == true)
    }
}

/// Regression tests for faults an independent review found.
@Suite struct ReviewRegressionTests {
    static func set(_ rules: String) throws -> RuleSet {
        let model = RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") }
        return try RulePackLoader.load(files: model + [(name: "extra.yaml", bytes: Array(rules.utf8))]).get()
    }

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

    static func lint(_ set: RuleSet, _ json: String) -> [Finding] {
        linter(set).lint(InputReader.load(name: "r.json", bytes: Array(json.utf8)))
    }

    @Test func integerStepsDoNotOverflow() throws {
        let s = try Self.set(Self.rule("step", target: "ProjectId", check: "{integer: {min: 10, step: 2}}"))
        #expect(Self.lint(s, "{\"ProjectId\": -9223372036854775808}").map(\.rule) == ["step"])
        let t = try Self.set(Self.rule("step", target: "ProjectId", check: "{integer: {min: -10, step: 3}}"))
        #expect(Self.lint(t, "{\"ProjectId\": 9223372036854775807}").map(\.rule) == ["step"])
    }

    @Test func integerValueListsAtTheLimitDoNotOverflow() throws {
        let s = try Self.set(Self.rule("values", target: "ProjectId", check: "{integer: {values: [9223372036854775807, 9223372036854775807]}}"))
        #expect(Self.lint(s, "{\"ProjectId\": 5}").map(\.rule) == ["values"])
    }

    @Test func aRelationWithASecretShowsNeitherValue() throws {
        let s = try Self.set(Self.rule("differs", target: "AdminName", check: "{relation: {not-equals: AdminPassword}}",
                                        message: "AdminName {value} must differ from {other} ({other-value}, {written})"))
        let found = Self.lint(s, "{\"AdminName\": \"Sup3r_Secret9\", \"AdminPassword\": \"Sup3r_Secret9\"}").filter { $0.rule == "differs" }
        #expect(found.map(\.message) == ["AdminName (secret, not shown) must differ from AdminPassword ((secret, not shown), (secret, not shown))"])
    }

    @Test func keysInsideASecretAreSecret() {
        let found = linter(pack).lint(InputReader.load(name: "r.json", bytes: Array("{\"AdminPassword\": {\"Sup3r$ecret!\": 1, \"Sup3r$ecret!\": 2}}".utf8)))
        #expect(!found.contains { $0.message.contains("Sup3r") || $0.path.contains("Sup3r") })
        #expect(found.contains { $0.rule == "duplicate-key" && $0.path == "AdminPassword" })
    }

    @Test func literalBlocksWithAnIndentationIndicatorMapExactly() throws {
        let text = "DBEngine: mssql_compatible\nDBEngineConfig: |2\n     {\"defaultLocale\": \"en-US\"}\n"
        let found = linter(pack).lint(InputReader.load(name: "r.yaml", bytes: Array(text.utf8))).filter { $0.rule == "engine-config-locale" }
        #expect(found.map { "\($0.range.start)" } == ["3:24"])
    }

    @Test func templateErrorsCountCharactersNotBytes() throws {
        let r = RulePackLoader.load(files: RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") } + [
            (name: "t.yaml", bytes: Array(Self.rule("t", target: "Name", check: "{length: {max: 3}}", message: "名名名名名名名名名名 {valu}").utf8)),
        ])
        guard case .failure(let e) = r else { Issue.record("loaded"); return }
        #expect(e.errors.map { "\($0.location.line):\($0.location.column)" } == ["6:26"])
    }

    @Test func suggestionsDoNotDependOnTheOrderOfTheCandidates() {
        let names = ["spec-code-known", "spec-code-empty"]
        #expect(Suggest.closest(to: "spec-co", in: names) == Suggest.closest(to: "spec-co", in: names.reversed()))
    }

    @Test func globsWithManyGlobstarsStayFast() {
        let g = Glob(Array(repeating: "**", count: 12).joined(separator: "/") + "/nomatch")
        let deep = Array(repeating: "d", count: 40).joined(separator: "/") + "/r.yaml"
        #expect(!g.matches(deep))
        #expect(Glob("prod/**").matches("prod/a/b.yaml") && Glob("**/*.json").matches("a.json"))
        #expect(Glob("*.yaml").matches("x/y/z.yaml") && !Glob("prod/*.yaml").matches("prod/a/b.yaml"))
        #expect(Glob("dev/legacy-*.json").matches("dev/legacy-billing.json") && Glob("[a-c]?.json").matches("b1.json"))
    }

    @Test func hugeYAMLIntegersAreNotAYAML11Difference() {
        let f = YAMLLoader.load(SourceFile(name: "t.yaml", bytes: Array("A: 99999999999999999999\n".utf8)))
        #expect(f.problems.isEmpty)
    }
}
