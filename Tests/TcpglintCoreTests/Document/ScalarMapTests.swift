import TcpglintCore
import TcpglintInput
import TcpglintTestSupport
import Testing

/// Positions inside scalars (Document.position(of:atValueOffset:)), on documents the loaders make.
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
        let f = YAMLLoader.load(
            SourceFile(name: "t.yaml", bytes: Array("A: |\n  abc\n\n  def\nB: >\n  ab\n  cd\n".utf8)))
        let d = try #require(f.documents.first)
        let a = try #require(d.lookup("A", in: d.root)).value
        #expect(d.position(of: a, atValueOffset: 1).description == "2:4")
        #expect(d.position(of: a, atValueOffset: 6).description == "4:4")
        // A folded scalar joins lines: positions fall back to the scalar's start.
        let b = try #require(d.lookup("B", in: d.root)).value
        #expect(d.position(of: b, atValueOffset: 4).description == "5:4")
    }

    /// A literal block with an indentation indicator (`|2`) maps positions exactly, through the
    /// lint of the JSON it holds (a review regression).
    @Test func literalBlocksWithAnIndentationIndicatorMapExactly() throws {
        let text = "DBEngine: mssql_compatible\nDBEngineConfig: |2\n     {\"defaultLocale\": \"en-US\"}\n"
        let found = linter(pack).lint(InputReader.load(name: "r.yaml", bytes: Array(text.utf8))).filter {
            $0.rule == "engine-config-locale"
        }
        #expect(found.map { "\($0.range.start)" } == ["3:24"])
    }
}
