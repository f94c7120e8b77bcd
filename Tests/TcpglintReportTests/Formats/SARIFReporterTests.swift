import TcpglintCore
import TcpglintReport
import Testing

/// SARIF 2.1.0 for code scanning.
@Suite struct SARIFReporterTests {
    /// The `tcpglint/v1` fingerprints of a SARIF log, in order.
    static func fingerprints(_ sarif: String) -> [String] {
        sarif.split(separator: "\n").compactMap { (line: Substring) -> String? in
            guard let r = line.firstRange(of: "\"tcpglint/v1\": \"") else { return nil }
            return String(line[r.upperBound...].prefix(32))
        }
    }

    static func zone(_ file: String, line: Int) -> Fixture {
        var f = Fixture(files: [(file, 1)])
        for l in [line, line + 10] {
            f.add(
                file, at: (l, 11), to: (l, 26), .error, code: "InvalidParameterValue.IllegalZone",
                rule: "zone-in-region",
                parameter: "Zone", message: "Zone is not in the Region")
        }
        return f
    }

    /// Fingerprints hash the file, rule, parameter and place among equal findings, not the line:
    /// moving a finding keeps it, and equal findings differ.
    @Test func fingerprintsSurviveMovesAndTellEqualFindingsApart() {
        let here = Self.fingerprints(Formats.render("sarif", Self.zone("a.json", line: 2)))
        let moved = Self.fingerprints(Formats.render("sarif", Self.zone("a.json", line: 40)))
        let elsewhere = Self.fingerprints(Formats.render("sarif", Self.zone("b.json", line: 2)))
        #expect(here.count == 2 && Set(here).count == 2)
        #expect(moved == here)
        #expect(Set(elsewhere).isDisjoint(with: here))
        // GitLab's fingerprints are the same hashes.
        let gitlab = Formats.render("gitlab", Self.zone("a.json", line: 2))
        #expect(here.allSatisfy { gitlab.contains("\"fingerprint\": \"\($0)\"") })
    }

    /// A finding names its document only in a stream, and points into the sorted rules only
    /// when its rule is described.
    @Test func documentsAndRuleIndexes() {
        let out = Formats.render("sarif", Fixture.multiDocument)
        let results = out.split(separator: "\n").filter { $0.contains("\"ruleId\"") }
        #expect(results.count == 8)
        #expect(results.filter { $0.contains("\"document\": ") }.count == 3)
        #expect(results.filter { $0.contains("requests/a.json") }.allSatisfy { !$0.contains("\"document\"") })
        #expect(results.first { $0.contains("\"ruleId\": \"charset\"") }?.contains("\"ruleIndex\": 0,") == true)
        #expect(results.first { $0.contains("\"ruleId\": \"zone-in-region\"") }?.contains("\"ruleIndex\": 3,") == true)
        #expect(results.first { $0.contains("\"ruleId\": \"one-primary\"") }?.contains("ruleIndex") == false)
        #expect(out.contains("\"version\": \"0.0.0-test\""))
    }
}
