import TcpglintCore
import TcpglintInput
import Testing

/// From bytes to documents: byte order marks, encodings, formats, empty files.
@Suite struct InputReaderTests {
    /// `--max-request-bytes` counts bytes in both formats (issue 12: YAML counted characters):
    /// a request of multi-byte text is measured just under and just over its size in bytes.
    @Test(arguments: [
        ("r.json", "{\"Name\": \"订单订单\"}"), ("r.yaml", "Name: 订单订单\n"), ("r.yaml", "Name: '订单'\nZone: 订单\n"),
    ])
    func theRequestSizeLimitCountsBytes(name: String, text: String) {
        let size = text.utf8.count
        #expect(size > text.unicodeScalars.count + 6)
        func tooLarge(_ limit: Int) -> [String] {
            InputReader.load(name: name, bytes: Array(text.utf8), limits: InputLimits(maxRequestBytes: limit)).problems
                .filter { $0.diagnostic == .requestTooLarge }.map(\.message)
        }
        #expect(tooLarge(size) == [], "\(name) at its own size")
        let over =
            name.hasSuffix(".json")
            ? "the request is \(size) bytes, over the API's limit of \(size - 1) bytes; it was not checked further (raise --max-request-bytes to check it anyway)"
            : "the document is over \(size - 1) bytes, the API's limit for a request; it was not checked further (raise --max-request-bytes to check it anyway)"
        #expect(tooLarge(size - 1) == [over], "\(name) one byte over")
    }

    /// In a stream, a document is measured from its own start, in bytes, after documents of
    /// multi-byte text.
    @Test func aStreamDocumentIsMeasuredInBytesFromItsStart() {
        let second = "---\nName: 订单订单\n"
        let text = "Name: 订单\n" + second
        func tooLarge(_ limit: Int) -> [Int] {
            InputReader.load(name: "s.yaml", bytes: Array(text.utf8), limits: InputLimits(maxRequestBytes: limit))
                .problems.filter { $0.diagnostic == .requestTooLarge }.map(\.document)
        }
        #expect(tooLarge(second.utf8.count) == [])
        #expect(tooLarge(second.utf8.count - 1) == [2])
    }

    @Test func bomIsStrippedAndPositionsIgnoreIt() throws {
        let f = InputReader.load(name: "a.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"A\": 1}".utf8))
        let d = try #require(f.documents.first)
        #expect(d[d.root].range.start == SourcePosition(line: 1, column: 1, offset: 0))
    }

    @Test(arguments: [
        (
            [0xFF, 0xFE, 0x41, 0x00] as [UInt8],
            "1:1 the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"
        ),
        (
            [0x00, 0x00, 0xFE, 0xFF],
            "1:1 the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8"
        ),
        (
            Array("A: 1\nB: x".utf8) + [0xFF],
            "2:5 invalid UTF-8: a byte that cannot start a character (is the file in another encoding?)"
        ),
        (
            Array("A: é\nB: ".utf8) + [0xC3, 0x28],
            "2:4 invalid UTF-8: a character's first byte is not followed by a continuation byte"
        ),
        ([0x41, 0x00], "1:2 the file holds a NUL byte; it looks binary, not like a request"),
        ([0xED, 0xA0, 0x80], "1:1 invalid UTF-8: an overlong or surrogate encoding"),
    ])
    func encodingProblems(_ bytes: [UInt8], _ expected: String) {
        let f = InputReader.load(name: "x.yaml", bytes: bytes)
        #expect(f.problems.map { "\($0.range.start) \($0.message)" } == [expected])
        #expect(f.problems.first?.diagnostic == .encoding)
    }

    @Test func formatComesFromTheExtensionOrTheContent() {
        #expect(InputReader.format(forName: "a.JSON", bytes: []) == .json)
        #expect(InputReader.format(forName: "a.yml", bytes: Array("{}".utf8)) == .yaml)
        #expect(InputReader.format(forName: "-", bytes: Array("  {".utf8)) == .json)
        #expect(InputReader.format(forName: "-", bytes: Array("A: 1".utf8)) == .yaml)
    }

    @Test func emptyFilesAreReported() {
        for text in ["", "   \n", "# only a comment\n"] {
            let f = InputReader.load(name: "e.yaml", bytes: Array(text.utf8))
            #expect(f.problems.map(\.diagnostic) == [.emptyFile])
            // A name without .json or .yaml: the format is sniffed, and an empty file is YAML.
            let sniffed = InputReader.load(name: "e", bytes: Array(text.utf8))
            #expect(sniffed.problems.map(\.diagnostic) == [.emptyFile])
        }
    }

    /// No JSON text is empty (RFC 8259): an empty or blank .json file does not parse.
    @Test func anEmptyJSONFileIsASyntaxError() {
        for text in ["", "   \n", "\r\n\t"] {
            for f in [
                InputReader.load(name: "e.json", bytes: Array(text.utf8)),
                InputReader.load(name: "e", bytes: Array(text.utf8), format: .json),
            ] {
                #expect(
                    f.problems.map { "\($0.diagnostic.id) \($0.range.start) \($0.message)" } == [
                        "syntax-error 1:1 the file holds no JSON text"
                    ])
            }
        }
    }
}
