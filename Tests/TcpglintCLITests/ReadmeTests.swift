import Testing
@testable import TcpglintCLI
import TcpglintRules

/// The README's rule table is generated from the pack; this fails when it is stale (and rewrites
/// it in update mode).
@Suite struct ReadmeTests {
    static let begin = "<!-- rules:begin -->\n"
    static let end = "<!-- rules:end -->"

    @Test func theRuleTableIsCurrent() throws {
        guard case .success(let set) = RulePackLoader.builtIn() else {
            Issue.record("the built-in pack does not load")
            return
        }
        let readme = try #require(readText("README.md"))
        let start = try #require(readme.range(of: Self.begin))
        let stop = try #require(readme.range(of: Self.end))
        let current = String(readme[start.upperBound..<stop.lowerBound])
        let table = RuleDocs.markdownTable(set)
        if current == table { return }
        if updatingGoldens {
            writeText("README.md", String(readme[..<start.upperBound]) + table + String(readme[stop.lowerBound...]))
            Issue.record("Rewrote the rule table in README.md; review it and run the tests again")
        } else {
            Issue.record("README.md's rule table is stale; run TCPGLINT_UPDATE_GOLDENS=1 swift test")
        }
    }

    /// Every flag of `lint` is documented in the README.
    @Test func everyFlagIsDocumented() throws {
        let readme = try #require(readText("README.md"))
        let help = runCLI(["help", "lint"]).out
        var flags: [String] = []
        for word in help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "<" || $0 == ">" }) where word.hasPrefix("--") {
            flags.append(String(word))
        }
        #expect(flags.count >= 8)
        for flag in Set(flags) where flag != "--help" && flag != "--version" {
            #expect(readme.contains("`\(flag)"), "README.md does not document \(flag)")
        }
    }
}
