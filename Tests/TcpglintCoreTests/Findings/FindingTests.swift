import Testing

@testable import TcpglintCore

/// A finding keeps its parameter path as components; suppressions match them component by
/// component, and the order of findings compares the rendered text, as it always has.
@Suite struct FindingTests {
    static func finding(_ path: ParamPath, rule: String = "r", message: String = "m", line: Int = 1) -> Finding {
        Finding(
            file: "f.yaml", range: SourceRange(at: SourcePosition(line: line, column: 1, offset: 0)), severity: .error,
            code: "C", rule: rule, path: path, message: message)
    }

    static let zone1 = ParamPath([.key("DBNodeSet"), .index(1), .key("Zone")])
    static let locale = ParamPath([.key("DBEngineConfig"), .embedded, .key("defaultLocale")])

    @Test(arguments: [
        ("DBNodeSet", true), ("DBNodeSet[1]", true), ("DBNodeSet[*].Zone", true), ("DBNodeSet[1].Zone", true),
        ("DBNodeSet[0]", false), ("DBNodeSet[*].Role", false), ("DBNodeSet[1].Zone.X", false), ("DBNode", false),
        ("*", true), ("Zone", false),
    ])
    func aConfigScopeCoversItsParameterAndWhatIsBelowIt(_ scope: String, _ covered: Bool) {
        let s = Suppression(
            file: "f.yaml", scope: .parameter(scope), rules: ["r"], reason: "x", originFile: "c.yaml",
            origin: SourceRange(at: .start))
        #expect(s.covers(Self.finding(Self.zone1)) == covered)
    }

    @Test func scopesReachIntoEmbeddedDocumentsAndKeepOddKeysWhole() {
        func covers(_ scope: String, _ path: ParamPath) -> Bool {
            Suppression(
                file: "f.yaml", scope: .parameter(scope), rules: ["r"], reason: "x", originFile: "c.yaml",
                origin: SourceRange(at: .start)
            ).covers(Self.finding(path))
        }
        #expect(covers("DBEngineConfig", Self.locale))
        #expect(covers("DBEngineConfig::", Self.locale))
        #expect(covers("DBEngineConfig::defaultLocale", Self.locale))
        #expect(!covers("DBEngineConfig::lcCollate", Self.locale))
        // A key that holds a dot is one key: its scope is not the key before the dot.
        #expect(covers("a.b c", ParamPath([.key("a.b c")])))
        #expect(!covers("a", ParamPath([.key("a.b c")])))
        #expect(!covers("$", Self.zone1), "$ is the request itself, not everything in it")
        #expect(covers("$", .root))
        #expect(covers("*", .root))
    }

    @Test func aLineScopeCoversFindingsStartingOnThatLine() {
        let s = Suppression(
            file: "f.yaml", scope: .line(3), rules: ["r"], reason: "x", originFile: "f.yaml",
            origin: SourceRange(at: .start))
        #expect(s.covers(Self.finding(Self.zone1, line: 3)))
        #expect(!s.covers(Self.finding(Self.zone1, line: 4)))
        #expect(!s.covers(Self.finding(Self.zone1, rule: "other", line: 3)))
    }

    /// Paths compare as the text reporters print: `a.b` (one key) and `a` then `b` tie, so the
    /// message decides; otherwise the rendered text's order.
    @Test func findingsOrderByTheRenderedPath() {
        let oneKey = Self.finding(ParamPath([.key("a.b")]), message: "z")
        let twoKeys = Self.finding(ParamPath([.key("a"), .key("b")]), message: "a")
        #expect(Finding.ordered(twoKeys, oneKey))
        #expect(!Finding.ordered(oneKey, twoKeys))
        let index10 = Self.finding(ParamPath([.key("N"), .index(10)]))
        let index9 = Self.finding(ParamPath([.key("N"), .index(9)]))
        #expect(Finding.ordered(index10, index9), "N[10] sorts before N[9] as text")
        #expect(Self.finding(.root).path.description == "$")
        #expect(Self.finding(Self.locale).path.description == "DBEngineConfig::defaultLocale")
    }
}
