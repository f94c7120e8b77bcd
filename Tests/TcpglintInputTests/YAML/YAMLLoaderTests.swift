import TcpglintCore
import Testing

@testable import TcpglintInput

private func load(_ text: String) -> LoadedFile {
    YAMLLoader.load(SourceFile(name: "t.yaml", bytes: Array(text.utf8)))
}

private func value(_ doc: Document, _ key: String) -> Node? {
    doc.lookup(key, in: doc.root).map { doc[$0.value] }
}

@Suite struct YAMLLoaderTests {
    @Test func positionsAreOneBasedAndCountCharacters() throws {
        let f = load("Name: 订单库\nZone: ap-guangzhou-3\n  # comment\nStorage: 10\n")
        let d = try #require(f.documents.first)
        let name = try #require(value(d, "Name"))
        #expect(name.range.start == SourcePosition(line: 1, column: 7, offset: 6))
        #expect(name.range.end.column == 10)
        let zone = try #require(d.lookup("Zone", in: d.root))
        #expect(d[zone.key].range.start.line == 2 && d[zone.key].range.start.column == 1)
        #expect(d[zone.key].range.start.offset == 16)
        #expect(d[zone.value].range.start.column == 7)
        let storage = try #require(value(d, "Storage"))
        #expect(storage.range.start.line == 4 && storage.range.start.column == 10)
        #expect(d.sourceText(of: d.lookup("Name", in: d.root)!.value) == "订单库")
    }

    @Test func crlfCountsAsOneLineBreak() throws {
        let f = load("A: 1\r\nB: \"x\"\r\n")
        let d = try #require(f.documents.first)
        let b = try #require(value(d, "B"))
        #expect(b.range.start.line == 2 && b.range.start.column == 4)
        #expect(b.style == .doubleQuoted)
        #expect(d.sourceText(of: d.lookup("B", in: d.root)!.value) == "\"x\"")
    }

    @Test(arguments: [
        ("a", ScalarType.string), ("15", .integer), ("-3", .integer), ("0o17", .integer), ("0x1F", .integer),
        ("15.10", .float), ("1e3", .float), (".inf", .float), ("true", .boolean), ("False", .boolean),
        ("no", .string), ("on", .string), ("~", .null), ("null", .null), ("1_000", .string), ("012", .integer),
    ])
    func coreSchemaTyping(_ text: String, _ type: ScalarType) throws {
        let d = try #require(load("V: \(text)\n").documents.first)
        #expect(value(d, "V")?.type == type)
        #expect(value(d, "V")?.value == text)
    }

    @Test func quotedAndTaggedScalarsAreStrings() throws {
        let d = try #require(
            load("A: '15'\nB: \"true\"\nC: !!str 12\nD: !!int 12\nE: !custom 12\nF: |\n  x\n").documents.first)
        #expect(value(d, "A")?.type == .string && value(d, "A")?.style == .singleQuoted)
        #expect(value(d, "B")?.type == .string)
        #expect(value(d, "C")?.type == .string)
        #expect(value(d, "D")?.type == .integer)
        #expect(value(d, "E")?.type == .integer && value(d, "E")?.tag == "!custom")
        #expect(value(d, "F")?.style == .literal && value(d, "F")?.value == "x\n")
    }

    @Test func yaml11DifferencesAreReported() {
        let f = load("A: no\nB: 012\nC: 0b101\nD: 1_000\nE: 'no'\nF: 15\nG: 1e3\nH: 0o17\n")
        let messages = f.problems.filter { $0.diagnostic == .yaml11 }.map { "\($0.range.start.line):\($0.message)" }
        #expect(
            messages == [
                "1:YAML 1.2 reads no as the string \"no\", YAML 1.1 as the boolean false; quote it",
                "2:YAML 1.2 reads 012 as the integer 12, YAML 1.1 as the integer 10; quote it if you mean a string, or write the number so that both read it alike",
                "3:YAML 1.2 reads 0b101 as the string \"0b101\", YAML 1.1 as the integer 5; quote it",
                "4:YAML 1.2 reads 1_000 as the string \"1_000\", YAML 1.1 as the integer 1000; quote it",
                "7:YAML 1.2 reads 1e3 as the number 1e3, YAML 1.1 as the string \"1e3\"; quote it if you mean a string, or write the number so that both read it alike",
                "8:YAML 1.2 reads 0o17 as the integer 15, YAML 1.1 as the string \"0o17\"; quote it if you mean a string, or write the number so that both read it alike",
            ])
        #expect(f.problems.first?.path?.description == "A")
        #expect(f.problems.first?.redactedMessage == "a YAML 1.1 loader reads this value as a boolean; quote it")
    }

    @Test func duplicateKeysAreReportedWithTheirPath() throws {
        let f = load("DBNodeSet:\n  - Role: Primary\n    Role: Standby\nZone: a\nZone: b\n")
        let dups = f.problems.filter { $0.diagnostic == .duplicateKey }
        #expect(
            dups.map { "\($0.range.start):\($0.path!.description):\($0.message)" } == [
                "3:5:DBNodeSet[0].Role:duplicate key \"Role\"; the first is at line 2, column 5",
                "5:1:Zone:duplicate key \"Zone\"; the first is at line 4, column 1",
            ])
        let d = try #require(f.documents.first)
        #expect(value(d, "Zone")?.value == "b")
    }

    @Test func anchorsAliasesAndMergeKeysAreResolved() throws {
        let f = load(
            """
            base: &b {Role: Standby, Zone: ap-guangzhou-3}
            DBNodeSet:
              - *b
              - <<: *b
                Role: Primary
            """)
        #expect(f.problems.isEmpty)
        let d = try #require(f.documents.first)
        let set = try #require(d.lookup("DBNodeSet", in: d.root))
        let items = Array(d.items(of: set.value))
        #expect(items.count == 2)
        #expect(d.lookup("Zone", in: items[0]).map { d[$0.value].value } == "ap-guangzhou-3")
        #expect(d.lookup("Role", in: items[1]).map { d[$0.value].value } == "Primary")
        #expect(d.lookup("Zone", in: items[1]).map { d[$0.value].value } == "ap-guangzhou-3")
        #expect(d.lookup("<<", in: items[1]) == nil)
        #expect(d.count(of: items[1]) == 2)
    }

    @Test func billionLaughsHitsTheExpansionLimit() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text +=
                "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) ["
                + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n"
        }
        let f = load(text)
        #expect(f.documents.isEmpty)
        #expect(f.problems.map(\.diagnostic) == [.limitExceeded])
        #expect(
            f.problems.first?.message == "aliases expand to more than 100000 nodes; raise it with --max-alias-expansion"
        )
    }

    @Test func undefinedAliasIsASyntaxError() {
        let f = load("A: *nothing\n")
        #expect(f.problems.first?.redactedMessage == "this value reads as an alias that refers to no anchor; quote it")
        #expect(
            f.problems.map { "\($0.range.start) \($0.message)" } == [
                "1:4 alias *nothing refers to no anchor defined before it; quote the value if it is not an alias"
            ])
    }

    @Test func syntaxErrorsHaveLibyamlPositions() {
        let f = load("A: 1\n B: 2\n")
        #expect(
            f.problems.map { "\($0.diagnostic.id) \($0.range.start) \($0.message)" } == [
                "syntax-error 2:3 mapping values are not allowed in this context"
            ])
    }

    @Test func explicitTagsThatDoNotFitAreReported() {
        let f = load("A: !!int abc\nB: !!bool yes\nC: !!int 12\n")
        #expect(
            f.problems.map { "\($0.range.start) \($0.message)" } == [
                "1:4 \"abc\" is not an integer, but it is tagged !!int; it is read as a string",
                "2:4 \"yes\" is not a boolean, but it is tagged !!bool; it is read as a string",
            ])
    }

    @Test func datesAreAYAML11Ambiguity() {
        let f = load("A: 2026-01-01\nB: 2026-01-01T10:00:00Z\nC: 2026-1\n")
        #expect(f.problems.map(\.range.start.line) == [1, 2])
    }

    @Test func emptyDocumentsInAStreamAreSkipped() {
        let f = load("---\nA: 1\n---\n---\nA: 2\n---\n")
        // `---` starts a document: 1 holds A: 1, 2 is empty, 3 holds A: 2, 4 (trailing) is empty.
        #expect(f.documents.map(\.index) == [1, 3])
        #expect(f.documentCount == 3)
        #expect(f.problems.isEmpty)
    }

    @Test func multiDocumentStreamsNumberTheirDocuments() {
        let f = load("A: 1\n---\nA: 2\n---\nA: [\n")
        #expect(f.documents.map(\.index) == [1, 2])
        #expect(f.documentCount == 3)
        #expect(f.problems.map(\.document) == [3])
    }

    @Test func deepNestingHitsTheDepthLimit() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let f = load(text)
        #expect(f.problems.map { "\($0.diagnostic.id) \($0.range.start)" } == ["limit-exceeded 1:513"])
    }

    @Test func nonAsciiOffsetsMapCharactersToBytes() {
        let text = String(repeating: "é", count: 200) + ": x\n"
        var offsets = CharOffsets(Array(text.utf8))
        #expect(offsets.byteOffset(ofChar: 0) == 0)
        #expect(offsets.byteOffset(ofChar: 130) == 260)
        #expect(offsets.byteOffset(ofChar: 202) == 402)
        // Asked out of order, and past the end.
        #expect(offsets.byteOffset(ofChar: 131) == 262)
        #expect(offsets.byteOffset(ofChar: 5) == 10)
        #expect(offsets.byteOffset(ofChar: 199) == 398)
        #expect(offsets.byteOffset(ofChar: 203) == 403)
        #expect(offsets.byteOffset(ofChar: 1_000) == 404)
        #expect(offsets.byteOffset(ofChar: 64) == 128)
    }

    /// An integer too large for 64 bits is no YAML 1.1 difference (a review regression).
    @Test func hugeYAMLIntegersAreNotAYAML11Difference() {
        let f = YAMLLoader.load(SourceFile(name: "t.yaml", bytes: Array("A: 99999999999999999999\n".utf8)))
        #expect(f.problems.isEmpty)
    }
}
