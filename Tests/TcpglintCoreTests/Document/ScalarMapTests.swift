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
        // A folded scalar joins lines with a space: "ab cd", so offset 4 is the d.
        let b = try #require(d.lookup("B", in: d.root)).value
        #expect(d.position(of: b, atValueOffset: 4).description == "7:4")
    }

    /// In a folded block scalar, every character of the value that is not a folded line break
    /// maps to that same character in the source: lines joined by a space, empty lines that
    /// stand for breaks, more-indented lines that keep theirs.
    @Test(arguments: [
        "A: >\n  ab\n  cd\n\n  ef\n\n\n  gh\n",
        "A: >-\n\n  ab\n    more\n\n    indented\n  cd\n\n  ef\n",
        "A: >2\n   lead\n  ab 订单\n\n  cd\n",
        "A:\n  - >\n    ab\n\n    cd\n    ef\n",
    ])
    func foldedBlockScalarsMapEveryCharacter(text: String) throws {
        let d = try #require(YAMLLoader.load(SourceFile(name: "t.yaml", bytes: Array(text.utf8))).documents.first)
        var v = try #require(d.lookup("A", in: d.root)).value
        if d[v].kind == .sequence { v = try #require(d.items(of: v).first) }
        #expect(d[v].style == .folded)
        let value = Array(d[v].value.utf8)
        let bytes = Array(text.utf8)
        for (i, b) in value.enumerated() where b != 0x20 && b != 0x0A && b & 0xC0 != 0x80 {
            let p = d.position(of: v, atValueOffset: i)
            #expect(bytes[p.offset] == b, "offset \(i) of \(d[v].value.debugDescription) is at \(p)")
            #expect(d.source.advance(.start, to: p.offset) == p, "offset \(i): line and column agree")
        }
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
