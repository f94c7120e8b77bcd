import TcpglintCore
import TcpglintTestSupport
import Testing

/// The spans of findings about a part of a string, of syntax errors and of faults inside
/// embedded JSON (issue 12): each case in JSON, YAML single-quoted and YAML double-quoted.
@Suite struct SpanTests {
    /// "rule line:column-endLine:endColumn message" of the findings of `rules`.
    func spans(_ text: String, name: String, rules: Set<String>) -> [String] {
        lint(pack, text, name: name).filter { rules.contains($0.rule) }.sorted { $0.range.start < $1.range.start }
            .map { "\($0.rule) \($0.range.start)-\($0.range.end) \($0.message)" }
    }

    /// `{"KEY": "VALUE", …}` in JSON, and the same request in YAML with each quote style.
    func requests(_ pairs: [(String, String)]) -> [(name: String, text: String)] {
        let json = "{" + pairs.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}"
        let single = pairs.map { "\($0.0): '\($0.1)'\n" }.joined()
        let double = pairs.map { "\($0.0): \"\($0.1)\"\n" }.joined()
        return [("r.json", json), ("single.yaml", single), ("double.yaml", double)]
    }

    // MARK: The first character of a string

    /// The region of a zone starts at the string's first character, not at its quote.
    @Test func theRegionOfAZoneStartsAfterTheQuote() {
        let r = requests([("Region", "ap-beijing"), ("Zone", "ap-guangzhou-3")])
        let message = #"Zone "ap-guangzhou-3" is in region "ap-guangzhou", not in Region "ap-beijing""#
        #expect(spans(r[0].text, name: r[0].name, rules: ["zone-in-region"]) == ["zone-in-region 1:35-1:47 \(message)"])
        for (name, text) in r.dropFirst() {
            #expect(spans(text, name: name, rules: ["zone-in-region"]) == ["zone-in-region 2:8-2:20 \(message)"])
        }
    }

    /// The major part of a version, and the message shows the whole value and the part.
    @Test func theMajorPartOfAVersionStartsAfterTheQuote() {
        let r = requests([("DBMajorVersion", "13"), ("DBVersion", "14.7")])
        let message = #"DBVersion "14.7" is for major version "14", not DBMajorVersion "13""#
        #expect(spans(r[0].text, name: r[0].name, rules: ["version-major"]) == ["version-major 1:40-1:42 \(message)"])
        for (name, text) in r.dropFirst() {
            #expect(spans(text, name: name, rules: ["version-major"]) == ["version-major 2:13-2:15 \(message)"])
        }
    }

    /// Both sides of a relation with `other-extract` are shown whole, beside their parts.
    @Test func aRelationShowsBothWholeValues() {
        let text = """
            {"Zone": "ap-guangzhou-3", "DBNodeSet": [{"Role": "Primary", "Zone": "ap-guangzhou-3"}, {"Role": "Standby", "Zone": "ap-shanghai-2"}]}
            """
        #expect(
            spans(text, name: "r.json", rules: ["node-zone-region"]) == [
                #"node-zone-region 1:118-1:129 DBNodeSet[1].Zone "ap-shanghai-2" is in region "ap-shanghai", not in "ap-guangzhou", the region of Zone "ap-guangzhou-3""#
            ])
    }

    // MARK: Embedded JSON

    /// A fault at the embedded document's first character: at that character, one wide.
    @Test func anEmbeddedFaultAtTheFirstCharacter() {
        let r = requests([("DBEngine", "mssql_compatible"), ("DBEngineConfig", "x{}")])
        let message = "DBEngineConfig is not a JSON object of strings: unquoted value; strings must be in double quotes"
        #expect(
            spans(r[0].text, name: r[0].name, rules: ["engine-config-json"]) == [
                "engine-config-json 1:53-1:54 \(message)"
            ])
        for (name, text) in r.dropFirst() {
            #expect(
                spans(text, name: name, rules: ["engine-config-json"]) == ["engine-config-json 2:18-2:19 \(message)"])
        }
    }

    /// A fault that is a word covers the word.
    @Test func anEmbeddedFaultThatIsAWordCoversTheWord() {
        let r = requests([("DBEngine", "mssql_compatible"), ("DBEngineConfig", "True")])
        let message =
            "DBEngineConfig is not a JSON object of strings: not a JSON literal; JSON has only the lower-case literals true, false and null"
        #expect(
            spans(r[0].text, name: r[0].name, rules: ["engine-config-json"]) == [
                "engine-config-json 1:53-1:57 \(message)"
            ])
        for (name, text) in r.dropFirst() {
            #expect(
                spans(text, name: name, rules: ["engine-config-json"]) == ["engine-config-json 2:18-2:22 \(message)"])
        }
    }

    /// "The object opened at …" names the `{`, not the quote before it; the end of the
    /// embedded document is the closing quote, which the span covers.
    @Test func aPositionInAMessageNamesTheBrace() {
        let json = #"{"DBEngine": "mssql_compatible", "DBEngineConfig": "{\"a\": \"b\""}"#
        let opened = "the object opened at line 1, column 53 is not closed"
        #expect(
            spans(json, name: "r.json", rules: ["engine-config-json"]) == [
                "engine-config-json 1:66-1:67 DBEngineConfig is not a JSON object of strings: unexpected end of the string; \(opened)"
            ])
        let single = "DBEngine: mssql_compatible\nDBEngineConfig: '{\"a\": \"b\"'\n"
        let double = "DBEngine: mssql_compatible\nDBEngineConfig: \"{\\\"a\\\": \\\"b\\\"\"\n"
        for (name, text, end) in [("single.yaml", single, "2:27-2:28"), ("double.yaml", double, "2:31-2:32")] {
            #expect(
                spans(text, name: name, rules: ["engine-config-json"]) == [
                    "engine-config-json \(end) DBEngineConfig is not a JSON object of strings: unexpected end of the string; the object opened at line 2, column 18 is not closed"
                ])
        }
    }

    // MARK: Scalars over several lines

    /// A double-quoted scalar over two lines is exact on its first line; past the line break,
    /// a finding points at the scalar's start and spans the whole scalar.
    @Test func aMultiLineFlowScalarIsExactOnlyOnItsFirstLine() {
        let text =
            "DBEngine: mssql_compatible\nDBEngineConfig: \"{\\\"defaultLocal\\\": \\\"en_US\\\",\n  \\\"migrationMode\\\": \\\"x\\\"}\"\n"
        #expect(
            spans(text, name: "r.yaml", rules: ["engine-config-key", "engine-config-migration-mode"]) == [
                #"engine-config-migration-mode 2:17-3:29 migrationMode "x" is not a database mode; expected single-db or multi-db"#,
                #"engine-config-key 2:19-2:35 unknown DBEngineConfig key "defaultLocal"; did you mean "defaultLocale"?"#,
            ])
    }

    /// Block scalars, literal and folded, are exact from their first character.
    @Test func blockScalarsAreExact() {
        let literal = "DBEngine: mssql_compatible\nDBEngineConfig: |\n  x{}\n"
        let folded = "DBEngine: mssql_compatible\nDBEngineConfig: >\n  x{}\n"
        let message = "DBEngineConfig is not a JSON object of strings: unquoted value; strings must be in double quotes"
        #expect(
            spans(literal, name: "r.yaml", rules: ["engine-config-json"]) == ["engine-config-json 3:3-3:4 \(message)"])
        #expect(
            spans(folded, name: "r.yaml", rules: ["engine-config-json"]) == ["engine-config-json 3:3-3:4 \(message)"])
    }

    // MARK: Syntax errors

    /// A syntax error covers the offending character, or the word.
    @Test func syntaxErrorsCoverTheOffendingCharacterOrWord() {
        let cases: [(String, String, String)] = [
            ("r.json", #"{"A": True}"#, "1:7-1:11"),
            ("r.json", #"{"A": 1,}"#, "1:8-1:9"),
            ("r.json", #"{"A": -Infinity}"#, "1:7-1:16"),
            ("r.json", "{\"A\": 1 订}", "1:9-1:10"),
            ("r.yaml", "A: b: c\n", "1:5-1:6"),
            ("r.yaml", "A: *nope\n", "1:4-1:9"),
            // libyaml does not say whose value holds a fault: one character, never a word.
            ("r.yaml", "A: \"b\"cdef\n", "1:7-1:8"),
        ]
        for (name, text, span) in cases {
            let found = lint(pack, text, name: name).filter { $0.rule == "syntax-error" }
            #expect(found.map { "\($0.range.start)-\($0.range.end)" } == [span], "\(text)")
        }
    }

    /// At the end of the file there is no character: the span is empty there.
    @Test func aSyntaxErrorAtTheEndOfTheFileIsEmpty() {
        let found = lint(pack, #"{"A": 1"#, name: "r.json").filter { $0.rule == "syntax-error" }
        #expect(found.map { "\($0.range.start)-\($0.range.end)" } == ["1:8-1:8"])
    }
}
