import TcpglintCore
import TcpglintInput
import TcpglintSystem
import TcpglintTestSupport
import Testing

// MARK: - Helpers

private func load(_ text: String, limits: InputLimits = .default) -> LoadedFile {
    JSONScanner.load(SourceFile(name: "t.json", bytes: Array(text.utf8)), limits: limits)
}

/// The document of a file that must parse without any problem.
private func parse(_ text: String, limits: InputLimits = .default, sourceLocation: SourceLocation = #_sourceLocation)
    throws -> Document
{
    let loaded = load(text, limits: limits)
    #expect(
        loaded.problems.isEmpty, "unexpected problems: \(loaded.problems.map(\.message))",
        sourceLocation: sourceLocation)
    #expect(loaded.documentCount == 1, sourceLocation: sourceLocation)
    #expect(loaded.documents.count == 1, sourceLocation: sourceLocation)
    return try #require(loaded.documents.first, sourceLocation: sourceLocation)
}

/// The single problem of a file that must not parse.
private func fault(_ text: String, limits: InputLimits = .default, sourceLocation: SourceLocation = #_sourceLocation)
    throws -> InputProblem
{
    let loaded = load(text, limits: limits)
    #expect(loaded.documents.isEmpty, sourceLocation: sourceLocation)
    #expect(loaded.documentCount == 1, sourceLocation: sourceLocation)
    #expect(loaded.problems.count == 1, sourceLocation: sourceLocation)
    let problem = try #require(loaded.problems.first, sourceLocation: sourceLocation)
    #expect(problem.document == 1, sourceLocation: sourceLocation)
    #expect(problem.path == nil, sourceLocation: sourceLocation)
    return problem
}

private func at(_ line: Int, _ column: Int, _ offset: Int) -> SourcePosition {
    SourcePosition(line: line, column: column, offset: offset)
}

private func range(_ start: SourcePosition, _ end: SourcePosition) -> SourceRange {
    SourceRange(start: start, end: end)
}

/// The value node for `key` in the root mapping.
private func value(_ doc: Document, _ key: String) throws -> Node {
    let entry = try #require(doc.lookup(key, in: doc.root))
    return doc[entry.value]
}

private func key(_ doc: Document, _ key: String) throws -> Node {
    let entry = try #require(doc.lookup(key, in: doc.root))
    return doc[entry.key]
}

// MARK: - Documents and positions

@Suite struct JSONScannerTests {
    @Test func emptyAndWhitespaceOnlyFilesHoldNoDocument() {
        for text in ["", " ", "\n", " \t\r\n\r \n"] {
            let loaded = load(text)
            #expect(loaded.documents.isEmpty)
            #expect(loaded.problems.isEmpty)
            #expect(loaded.documentCount == 0)
        }
    }

    @Test func aParsedFileIsOneJSONDocument() throws {
        let doc = try parse(#"{"a": 1}"#)
        #expect(doc.index == 1)
        #expect(doc.format == .json)
        #expect(doc.source.name == "t.json")
        let root = doc[doc.root]
        #expect(root.kind == .mapping)
        #expect(root.style == .flow)
        #expect(root.range == range(at(1, 1, 0), at(1, 9, 8)))
        #expect(doc.count(of: doc.root) == 1)
    }

    @Test func positionsAfterMultiByteCharacters() throws {
        let doc = try parse(#"{"名前": "值", "x": 1}"#)
        let k = try key(doc, "名前")
        #expect(k.range == range(at(1, 2, 1), at(1, 6, 9)))
        let v = try value(doc, "名前")
        #expect(v.value == "值")
        #expect(v.range == range(at(1, 8, 11), at(1, 11, 16)))
        #expect(try key(doc, "x").range == range(at(1, 13, 18), at(1, 16, 21)))
        #expect(try value(doc, "x").range == range(at(1, 18, 23), at(1, 19, 24)))
        #expect(doc[doc.root].range == range(at(1, 1, 0), at(1, 20, 25)))
        // A four-byte character (outside the BMP) is one column too.
        let emoji = try parse(#"["😀", 7]"#)
        let items = Array(emoji.items(of: emoji.root))
        #expect(emoji[items[0]].range == range(at(1, 2, 1), at(1, 5, 7)))
        #expect(emoji[items[1]].range == range(at(1, 7, 9), at(1, 8, 10)))
    }

    @Test func positionsAfterCRLFLoneCRAndLF() throws {
        let text = "{\r\n  \"a\": 1,\r\n  \"b\": \"é\",\r\"c\"\n: [\n]\n}"
        let doc = try parse(text)
        #expect(try key(doc, "a").range == range(at(2, 3, 5), at(2, 6, 8)))
        #expect(try value(doc, "a").range == range(at(2, 8, 10), at(2, 9, 11)))
        #expect(try key(doc, "b").range == range(at(3, 3, 16), at(3, 6, 19)))
        #expect(try value(doc, "b").range == range(at(3, 8, 21), at(3, 11, 25)))
        #expect(try key(doc, "c").range == range(at(4, 1, 27), at(4, 4, 30)))
        let c = try value(doc, "c")
        #expect(c.kind == .sequence)
        #expect(c.style == .flow)
        #expect(c.range == range(at(5, 3, 33), at(6, 2, 36)))
        #expect(doc[doc.root].range == range(at(1, 1, 0), at(7, 2, 38)))
    }

    @Test func everyPositionAgreesWithAFullRecount() throws {
        let text = "{\"ключ\":[1,\r\n\"中文\\n\",\t{\"é\":\"\\u00e9x\"}],\r\"z\"\n:\n\"😀😀\" ,\"n\":null}\n"
        let doc = try parse(text)
        #expect(doc.nodes.count == 12)
        for node in doc.nodes {
            #expect(node.range.start == doc.source.advance(.start, to: node.range.start.offset))
            #expect(node.range.end == doc.source.advance(.start, to: node.range.end.offset))
        }
    }

    @Test func keysAreDoubleQuotedStringScalarsInSourceOrder() throws {
        let doc = try parse(#"{"b": 1, "a": [true, false, null], "c": {}}"#)
        let entries = doc.entries(of: doc.root)
        #expect(entries.map { doc[$0.key].value } == ["b", "a", "c"])
        for entry in entries {
            #expect(doc[entry.key].kind == .scalar)
            #expect(doc[entry.key].type == .string)
            #expect(doc[entry.key].style == .doubleQuoted)
        }
        let a = try value(doc, "a")
        #expect(a.kind == .sequence)
        let items = doc.items(of: try #require(doc.lookup("a", in: doc.root)).value).map { doc[$0] }
        #expect(items.map(\.value) == ["true", "false", "null"])
        #expect(items.map(\.type) == [.boolean, .boolean, .null])
        #expect(items.map(\.style) == [.plain, .plain, .plain])
        #expect(items.map(\.range.start.column) == [16, 22, 29])
        #expect(items.map(\.range.end.column) == [20, 27, 33])
        let c = try value(doc, "c")
        #expect(c.kind == .mapping)
        #expect(c.range == range(at(1, 41, 40), at(1, 43, 42)))
        #expect(doc.sourceText(of: try #require(doc.lookup("a", in: doc.root)).value) == "[true, false, null]")
    }

    @Test func theTopLevelMayBeAnyValue() throws {
        let s = try parse(#"  "x"  "#)
        #expect(s[s.root].value == "x")
        #expect(s[s.root].type == .string)
        #expect(s[s.root].range == range(at(1, 3, 2), at(1, 6, 5)))
        let n = try parse("\n42\n")
        #expect(n[n.root].value == "42")
        #expect(n[n.root].type == .integer)
        #expect(n[n.root].range == range(at(2, 1, 1), at(2, 3, 3)))
        let b = try parse("true")
        #expect(b[b.root].type == .boolean)
        let a = try parse("[]")
        #expect(a[a.root].kind == .sequence)
        #expect(a.count(of: a.root) == 0)
    }

    // MARK: - Strings

    @Test func escapesAreDecoded() throws {
        let doc = try parse(#"["a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\uD83D\uDE00!", "\u0000", "", "plain"]"#)
        let items = doc.items(of: doc.root).map { doc[$0] }
        #expect(items[0].value == "a\"b\\c/d\u{8}\u{C}\n\r\té中😀!")
        #expect(items[0].type == .string)
        #expect(items[0].style == .doubleQuoted)
        #expect(items[0].range == range(at(1, 2, 1), at(1, 49, 48)))
        #expect(items[1].value == "\u{0}")
        #expect(items[2].value == "")
        #expect(items[3].value == "plain")
    }

    @Test func aSurrogatePairIsOneScalar() throws {
        let doc = try parse(#""\ud83d\ude00""#)
        let v = doc[doc.root].value
        #expect(v == "😀")
        #expect(v.unicodeScalars.count == 1)
        #expect(v.unicodeScalars.first?.value == 0x1F600)
    }

    @Test func rawMultiByteTextIsKept() throws {
        let doc = try parse(#"{"名": "ü中😀 x"}"#)
        #expect(try value(doc, "名").value == "ü中😀 x")
    }

    // MARK: - Numbers and literals

    @Test(arguments: [
        ("0", ScalarType.integer), ("-0", .integer), ("15", .integer), ("-7", .integer),
        ("123456789012345678901234567890", .integer),
        ("15.10", .float), ("-0.0", .float), ("1e400", .float), ("1E+2", .float),
        ("-1.5e-3", .float), ("0e0", .float), ("2.50E10", .float),
    ])
    func numbersKeepTheirTextAndType(text: String, type: ScalarType) throws {
        let doc = try parse("[\(text)]")
        let node = doc[try #require(doc.items(of: doc.root).first)]
        #expect(node.value == text)
        #expect(node.type == type)
        #expect(node.style == .plain)
        #expect(node.kind == .scalar)
        #expect(node.range == range(at(1, 2, 1), at(1, 2 + text.utf8.count, 1 + text.utf8.count)))
    }

    // MARK: - Syntax errors

    static let syntaxErrors: [(text: String, line: Int, column: Int, message: String)] = [
        // Trailing commas, comments, quotes, keys.
        (#"{"a": 1,}"#, 1, 8, "trailing commas are not allowed in JSON"),
        ("[1, 2, ]", 1, 6, "trailing commas are not allowed in JSON"),
        ("[1,\n]", 1, 3, "trailing commas are not allowed in JSON"),
        (#"{"名": 1,}"#, 1, 8, "trailing commas are not allowed in JSON"),
        ("{\"a\": 1 // note\n}", 1, 9, "comments are not allowed in JSON"),
        ("/* note */ {}", 1, 1, "comments are not allowed in JSON"),
        ("[1, # note\n2]", 1, 5, "comments are not allowed in JSON"),
        ("{'a': 1}", 1, 2, "strings must be in double quotes, not single quotes"),
        (#"{"a": 'x'}"#, 1, 7, "strings must be in double quotes, not single quotes"),
        ("{a: 1}", 1, 2, "object keys must be strings in double quotes"),
        (#"{"a": 1, b: 2}"#, 1, 10, "object keys must be strings in double quotes"),
        ("{1: 2}", 1, 2, "unexpected character '1'; expected a key in double quotes"),
        // Numbers.
        ("[012]", 1, 2, "leading zeros are not allowed in numbers"),
        ("[-012]", 1, 3, "leading zeros are not allowed in numbers"),
        ("00", 1, 1, "leading zeros are not allowed in numbers"),
        ("[+1]", 1, 2, "a number cannot start with '+'"),
        ("[.5]", 1, 2, "a number needs a digit before the decimal point"),
        ("[1.]", 1, 4, "expected a digit after the decimal point"),
        ("[1.e5]", 1, 4, "expected a digit after the decimal point"),
        ("1.", 1, 3, "expected a digit after the decimal point"),
        ("[1e]", 1, 4, "expected a digit in the exponent"),
        ("[1e+]", 1, 5, "expected a digit in the exponent"),
        ("[NaN]", 1, 2, "infinite and NaN numbers are not allowed in JSON"),
        ("[Infinity]", 1, 2, "infinite and NaN numbers are not allowed in JSON"),
        ("[-Infinity]", 1, 2, "infinite and NaN numbers are not allowed in JSON"),
        ("[0x1F]", 1, 2, "hexadecimal numbers are not allowed in JSON"),
        ("-", 1, 2, "expected a digit after '-'"),
        ("[-]", 1, 3, "expected a digit after '-'"),
        ("[1a]", 1, 3, "unexpected character 'a'; expected ',' or ']'"),
        // Literals.
        ("[True]", 1, 2, "not a JSON literal; JSON has only the lower-case literals true, false and null"),
        ("[None]", 1, 2, "not a JSON literal; JSON has only the lower-case literals true, false and null"),
        ("[nul]", 1, 2, "unquoted value; strings must be in double quotes"),
        ("[truex]", 1, 2, "unquoted value; strings must be in double quotes"),
        ("{\"a\": hello}", 1, 7, "unquoted value; strings must be in double quotes"),
        // Structure.
        (#"{"a" 1}"#, 1, 6, "unexpected character '1'; expected ':' after the key"),
        (#"{"a" = 1}"#, 1, 6, "unexpected character '='; expected ':' after the key"),
        ("[1 2]", 1, 4, "unexpected character '2'; expected ',' or ']'"),
        (#"{"a": 1 "b": 2}"#, 1, 9, "unexpected character '\"'; expected ',' or '}'"),
        (#"{"a": }"#, 1, 7, "unexpected character '}'; expected a value"),
        ("[1}", 1, 3, "unexpected character '}'; expected ',' or ']'"),
        ("[,1]", 1, 2, "unexpected character ','; expected a value"),
        ("[1,\n\u{00A0}2]", 2, 1, "unexpected character U+00A0; expected a value"),
        ("[\u{000C}]", 1, 2, "unexpected character U+000C; expected a value"),
        ("\u{4E2D}", 1, 1, "unexpected character U+4E2D; expected a value"),
        // Content after the value.
        (#"{"a": 1} x"#, 1, 10, "unexpected content after the JSON value"),
        ("{}\n{}", 2, 1, "unexpected content after the JSON value"),
        ("1 2", 1, 3, "unexpected content after the JSON value"),
        ("[]]", 1, 3, "unexpected content after the JSON value"),
        // End of file.
        (#"{"a": 1"#, 1, 8, "unexpected end of file; the object opened at line 1, column 1 is not closed"),
        ("{", 1, 2, "unexpected end of file; the object opened at line 1, column 1 is not closed"),
        ("{\"a\": [1,\n [2]\n", 3, 1, "unexpected end of file; the array opened at line 1, column 7 is not closed"),
        ("[\n", 2, 1, "unexpected end of file; the array opened at line 1, column 1 is not closed"),
        (#"{"a": "#, 1, 7, "unexpected end of file; expected a value"),
        ("[1,", 1, 4, "unexpected end of file; expected a value"),
        (#"{"a":1,"#, 1, 8, "unexpected end of file; expected a key in double quotes"),
        (#"{"a" "#, 1, 6, "unexpected end of file; expected ':' after the key"),
        (#"["abc"#, 1, 2, "unterminated string"),
        (#"{"a": "x\"#, 1, 7, "unterminated string"),
        (#""\u12"#, 1, 1, "unterminated string"),
        (#""\uD800"#, 1, 1, "unterminated string"),
        // Strings.
        ("[\"a\nb\"]", 1, 2, "unterminated string: the line ends before the closing quote"),
        ("[\"a\u{09}b\"]", 1, 4, "control character U+0009 in string; escape it"),
        ("\"é\tx\"", 1, 3, "control character U+0009 in string; escape it"),
        ("\"\u{0001}\"", 1, 2, "control character U+0001 in string; escape it"),
        (#"["ab\x"]"#, 1, 5, "invalid escape sequence in string"),
        (#""中\'""#, 1, 3, "invalid escape sequence in string"),
        (#""\u12G4""#, 1, 2, "invalid escape sequence in string; \\u needs four hex digits"),
        (#""\u12""#, 1, 2, "invalid escape sequence in string; \\u needs four hex digits"),
        (#""\U0041""#, 1, 2, "invalid escape sequence in string"),
        (#""\uD800""#, 1, 2, "lone surrogate in \\u escape"),
        (#""x\uD800\u0041""#, 1, 3, "lone surrogate in \\u escape"),
        (#""\uD800\uD800\uDC00""#, 1, 2, "lone surrogate in \\u escape"),
        (#""\uD800x""#, 1, 2, "lone surrogate in \\u escape"),
        (#""\uDC00""#, 1, 2, "lone surrogate in \\u escape"),
        (#""ü\udfff""#, 1, 3, "lone surrogate in \\u escape"),
        (#""\uD800\u00""#, 1, 8, "invalid escape sequence in string; \\u needs four hex digits"),
    ]

    @Test(arguments: syntaxErrors)
    func syntaxErrorsAreReportedWhereTheyAre(text: String, line: Int, column: Int, message: String) throws {
        let problem = try fault(text)
        #expect(problem.diagnostic == .syntaxError)
        #expect(problem.message == message)
        #expect(problem.range.start.line == line)
        #expect(problem.range.start.column == column)
        #expect(
            problem.range.start
                == SourceFile(name: "", bytes: Array(text.utf8)).advance(.start, to: problem.range.start.offset))
    }

    @Test func endOfFilePositionIsTheEndOfTheFile() throws {
        let text = "{\r\n  \"a\": [1,\r\n"
        let problem = try fault(text)
        #expect(problem.range.start == at(3, 1, text.utf8.count))
        #expect(problem.message == "unexpected end of file; expected a value")
    }

    @Test func messagesNeverQuoteStringContent() throws {
        let secrets = [
            "[\"hunter2\u{1}\"]", #"["hunter2\q"]"#, #"["hunter2\uD800"]"#, #"["hunter2\u12"]"#,
            #"{"hunter2": 1,}"#, #"["hunter2"#,
        ]
        for text in secrets {
            let problem = try fault(text)
            #expect(!problem.message.contains("hunter"), "\(problem.message)")
        }
    }

    // MARK: - Duplicate keys

    @Test func aDuplicateKeyIsReportedAtTheSecondKeyWithItsPath() throws {
        let text = """
            {
              "DBNodeSet": [
                {
                  "Zone": "a",
                  "Zone": "b"
                }
              ]
            }
            """
        let loaded = load(text)
        #expect(loaded.documentCount == 1)
        let doc = try #require(loaded.documents.first)
        #expect(loaded.problems.count == 1)
        let problem = try #require(loaded.problems.first)
        #expect(problem.diagnostic == .duplicateKey)
        #expect(problem.document == 1)
        #expect(problem.message == #"duplicate key "Zone"; the first is at line 4, column 7"#)
        #expect(problem.range == range(at(5, 7, 50), at(5, 13, 56)))
        #expect(problem.path == ParamPath([.key("DBNodeSet"), .index(0), .key("Zone")]))
        #expect(problem.path?.description == "DBNodeSet[0].Zone")

        // Both entries are kept; lookup finds the last.
        let set = try #require(doc.lookup("DBNodeSet", in: doc.root)).value
        let object = try #require(doc.items(of: set).first)
        #expect(doc.count(of: object) == 2)
        #expect(doc.entries(of: object).map { doc[$0.value].value } == ["a", "b"])
        #expect(doc[try #require(doc.lookup("Zone", in: object)).value].value == "b")
    }

    @Test func duplicatePathsUseTheCurrentIndexAndKey() throws {
        let loaded = load(#"[{}, {"x": {"a": 1}}, {"a": 1, "b": {"c": [0, {"k": 1, "k": 2}]}, "a": 2}]"#)
        #expect(loaded.documents.count == 1)
        #expect(
            loaded.problems.map(\.path) == [
                ParamPath([.index(2), .key("b"), .key("c"), .index(1), .key("k")]),
                ParamPath([.index(2), .key("a")]),
            ])
        #expect(
            loaded.problems.map(\.message) == [
                #"duplicate key "k"; the first is at line 1, column 48"#,
                #"duplicate key "a"; the first is at line 1, column 24"#,
            ])
    }

    @Test func equalKeysInDifferentObjectsAreNotDuplicates() throws {
        _ = try parse(#"[{"a": 1}, {"a": 2}, {"a": {"a": {"a": 3}}}]"#)
        let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        _ = try parse(#"{"x": {"# + many + #"}, "k1": 1, "k39": {"k1": 2}}"#)
    }

    @Test func duplicatesInALargeObjectPointAtTheFirstOccurrence() throws {
        let keys = (0..<30).map { "\"k\($0)\":0," }.joined()
        let text = "{" + keys + "\"k3\":1,\"k29\":2,\"k3\":3}"
        let loaded = load(text)
        #expect(loaded.documents.count == 1)
        #expect(
            loaded.problems.map(\.message) == [
                #"duplicate key "k3"; the first is at line 1, column 23"#,
                #"duplicate key "k29"; the first is at line 1, column 224"#,
                #"duplicate key "k3"; the first is at line 1, column 23"#,
            ])
        #expect(
            loaded.problems.map(\.path) == [
                ParamPath([.key("k3")]), ParamPath([.key("k29")]), ParamPath([.key("k3")]),
            ])
        let doc = try #require(loaded.documents.first)
        #expect(doc.count(of: doc.root) == 33)
        #expect(try value(doc, "k3").value == "3")
    }

    @Test func aDuplicateKeyMessageEscapesTheKey() throws {
        let loaded = load(#"{"a\"b\n": 1, "a\"b\n": 2}"#)
        #expect(loaded.problems.map(\.message) == [#"duplicate key "a\"b\u000A"; the first is at line 1, column 2"#])
    }

    // MARK: - Limits

    @Test func deepNestingStopsAtTheLimitWithoutRecursing() throws {
        let text = String(repeating: "[", count: 100_000)
        let problem = try fault(text)
        #expect(problem.diagnostic == .limitExceeded)
        #expect(problem.message == "nesting deeper than 512 levels; raise it with --max-depth")
        #expect(problem.range.start == at(1, 513, 512))
    }

    @Test func aHundredThousandLevelsParseWhenTheLimitAllowsIt() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let doc = try parse(text, limits: InputLimits(maxDepth: depth, maxScalarBytes: 16))
        var node = doc.root
        var levels = 0
        while doc[node].kind == .sequence {
            levels += 1
            node = try #require(doc.items(of: node).first)
        }
        #expect(levels == depth)
        #expect(doc[node].value == "1")
        #expect(doc[node].range.start == at(1, depth + 1, depth))
        let tooDeep = try fault(text, limits: InputLimits(maxDepth: depth - 1, maxScalarBytes: 16))
        #expect(tooDeep.message == "nesting deeper than 99999 levels; raise it with --max-depth")
        #expect(tooDeep.range.start == at(1, depth, depth - 1))
    }

    @Test func theDepthLimitCountsObjectsAndArrays() throws {
        let limits = InputLimits(maxDepth: 3, maxScalarBytes: 100)
        _ = try parse(#"{"a": [{"b": 1}]}"#, limits: limits)
        _ = try parse("[[[]], [[]]]", limits: limits)
        let problem = try fault(#"{"a": [{"b": []}]}"#, limits: limits)
        #expect(problem.diagnostic == .limitExceeded)
        #expect(problem.message == "nesting deeper than 3 levels; raise it with --max-depth")
        #expect(problem.range.start == at(1, 14, 13))
    }

    @Test func aDepthLimitOfOneIsOneLevel() throws {
        let problem = try fault(#"{"a": []}"#, limits: InputLimits(maxDepth: 1))
        #expect(problem.message == "nesting deeper than 1 level; raise it with --max-depth")
        let yaml = InputReader.load(name: "d.yaml", bytes: Array("A: [1]\n".utf8), limits: InputLimits(maxDepth: 1))
        #expect(yaml.problems.map(\.message) == ["nesting deeper than 1 level; raise it with --max-depth"])
    }

    @Test func longStringsStopAtTheLimit() throws {
        let limits = InputLimits(maxDepth: 10, maxScalarBytes: 4)
        _ = try parse(#"["abcd", "éü", "\u00e9\u00e9", "a\nb\t"]"#, limits: limits)
        let cases: [(String, SourcePosition)] = [
            (#"["abcde"]"#, at(1, 2, 1)),
            (#"[1, "a\nbcd"]"#, at(1, 5, 4)),
            (#"["éé中"]"#, at(1, 2, 1)),
            (#"{"abcde": 1}"#, at(1, 2, 1)),
            (#"["\u00e9\u00e9\u00e9"]"#, at(1, 2, 1)),
        ]
        for (text, start) in cases {
            let problem = try fault(text, limits: limits)
            #expect(problem.diagnostic == .limitExceeded)
            #expect(problem.message == "string longer than 4 bytes; raise it with --max-scalar-bytes")
            #expect(problem.range.start == start)
        }
        let number = try fault("[123456]", limits: limits)
        #expect(number.diagnostic == .limitExceeded)
        #expect(number.message == "number longer than 4 bytes; raise it with --max-scalar-bytes")
        #expect(number.range.start == at(1, 2, 1))
    }

    @Test func defaultLimits() {
        #expect(InputLimits.default.maxDepth == 512)
        #expect(InputLimits.default.maxScalarBytes == 1 << 20)
    }

    @Test func aSyntaxErrorDropsEarlierDuplicateKeys() throws {
        let problem = try fault(#"{"a": 1, "a": 2,}"#)
        #expect(problem.diagnostic == .syntaxError)
        #expect(problem.range.start == at(1, 16, 15))
    }
}
