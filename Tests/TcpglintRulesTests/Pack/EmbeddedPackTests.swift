import TcpglintInput
import TcpglintTestSupport
import Testing

@testable import TcpglintRules

/// The built-in pack is embedded with its documents parsed at build time.
@Suite struct EmbeddedPackTests {
    /// The embedded pack is the pre-parsed one, and reads the same as parsing its text.
    @Test func theEmbeddedPackIsPreParsed() throws {
        for f in RulePackLoader.builtInFiles {
            let pre = try #require(RulePackLoader.prebuilt(name: f.name, bytes: f.bytes), "\(f.name)")
            let parsed = try #require(InputReader.load(name: f.name, bytes: f.bytes, format: .yaml).documents.first)
            #expect(sameDocument(pre, parsed), "\(f.name)")
            // Other text under the same name (a rules directory named rules/) is parsed, not taken.
            #expect(RulePackLoader.prebuilt(name: f.name, bytes: f.bytes + Array("\n# changed\n".utf8)) == nil)
        }
    }
}
