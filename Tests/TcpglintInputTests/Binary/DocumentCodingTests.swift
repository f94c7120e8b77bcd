import TcpglintCore
import TcpglintInput
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// Documents as bytes: the built-in pack's documents are parsed at build time, written with
/// `DocumentCoding` and read back at start-up (`EmbeddedPackTests` checks the pack itself).
@Suite struct DocumentCodingTests {
    /// Every rule file of the pack (rules/) and every YAML and JSON request under testdata comes
    /// back node for node.
    @Test func documentsComeBackExactly() throws {
        var files: [(name: String, bytes: [UInt8])] = []
        for dir in ["rules", "testdata/valid", "testdata/invalid"] {
            for path in testdataFiles(dir) { files.append((path, (try? FileSystem.readFile(path)) ?? [])) }
        }
        #expect(files.filter { $0.name.hasPrefix("rules/") }.count >= 10)
        var documents = 0
        for f in files {
            for d in InputReader.load(name: f.name, bytes: f.bytes).documents {
                let back = DocumentCoding.decode(DocumentCoding.encode(d), source: d.source)
                #expect(back.map { sameDocument($0, d) } == true, "\(f.name) document \(d.index)")
                documents += 1
            }
        }
        #expect(documents > 100)
    }

    /// Cut or damaged bytes give nil, never a crash or a document pointing outside itself.
    @Test func damagedBytesAreRefused() throws {
        let d = try #require(
            InputReader.load(name: "m.json", bytes: Array(#"{"a": [1, {"b": "c"}], "d": true}"#.utf8)).documents.first)
        let bytes = DocumentCoding.encode(d)
        for cut in 0..<bytes.count { #expect(DocumentCoding.decode(Array(bytes[0..<cut]), source: d.source) == nil) }
        var flips = 0
        for i in 8..<bytes.count {
            var b = bytes
            b[i] ^= 0xFF
            if let back = DocumentCoding.decode(b, source: d.source) {
                flips += 1
                for n in back.nodes {
                    #expect(Int(n.firstChild) + Int(n.childCount) <= back.children.count)
                    #expect(n.kind != .mapping || n.childCount % 2 == 0)
                }
            }
        }
        #expect(flips < bytes.count)
    }
}
