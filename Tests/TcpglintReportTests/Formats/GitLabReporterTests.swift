import TcpglintCore
import TcpglintReport
import Testing

/// GitLab Code Quality: severities and categories.
@Suite struct GitLabReporterTests {
    @Test func severitiesAndCategories() {
        let out = Formats.render("gitlab", Fixture.multiDocument)
        let issues = out.split(separator: "\n").filter { $0.hasPrefix("  {") }
        #expect(issues.count == 8)
        func issue(_ rule: String) -> Substring? { issues.first { $0.contains("\"check_name\": \"\(rule)\"") } }
        #expect(issue("charset")?.contains("\"severity\": \"major\"") == true)
        #expect(issue("quoted-literal")?.contains("\"severity\": \"minor\"") == true)
        #expect(issue("admin-password-short")?.contains("\"severity\": \"info\"") == true)
        // tcpglint's own codes are style; the API's are bug risks.
        #expect(issue("duplicate-key")?.contains("\"categories\": [\"Style\"]") == true)
        #expect(issue("charset")?.contains("\"categories\": [\"Bug Risk\"]") == true)
        #expect(
            issues.allSatisfy {
                $0.hasSuffix("\"engine_name\": \"tcpglint\"},") || $0.hasSuffix("\"engine_name\": \"tcpglint\"}")
            })
    }
}
