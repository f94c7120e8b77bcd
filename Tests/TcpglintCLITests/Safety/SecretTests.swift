import TcpglintSystem
import TcpglintTestSupport
import Testing

/// A password never appears in any output: findings about it, type errors, YAML 1.1 warnings,
/// parse errors near it, and every format.
@Suite struct SecretTests {
    static let canary = "Zq7CanaryPw"

    static let cases: [(name: String, text: String, planted: String)] = [
        ("classes.yaml", "AdminPassword: \(canary)\n", canary),
        ("chars.yaml", "AdminPassword: \"\(canary) é!1\"\n", canary),
        ("slash.json", "{\"AdminPassword\": \"/\(canary)!1\"}", canary),
        ("short.json", "{\"AdminPassword\": \"Zq7!can\"}", "Zq7!can"),
        ("long.json", "{\"AdminPassword\": \"\(String(repeating: canary, count: 4))\"}", canary),
        ("number.yaml", "AdminPassword: 73920581\n", "73920581"),
        ("yaml11.yaml", "AdminPassword: 0777\n", "0777"),
        ("list.yaml", "AdminPassword: [\(canary)]\n", canary),
        ("bool.json", "{\"AdminPassword\": true, \"Name\": \"\(canary)x\"}", "true,"),
        ("duplicate.json", "{\"AdminPassword\": \"\(canary)1!\", \"AdminPassword\": \"\(canary)2!\"}", canary),
        ("bad-escape.json", "{\"AdminPassword\": \"\(canary)\\q\"}", canary),
        ("control.json", "{\"AdminPassword\": \"\(canary)\u{01}\"}", canary),
        ("unterminated.json", "{\"AdminPassword\": \"\(canary)", canary),
        ("bare-word.json", "{\"AdminPassword\": \(canary)}", canary),
        ("yaml-error.yaml", "AdminPassword: \(canary)\n  bad: [\n", canary),
    ]

    @Test(arguments: 0..<cases.count)
    func theCanaryNeverAppears(_ i: Int) {
        let c = Self.cases[i]
        for format in ["text", "json"] {
            let r = runCLI(["lint", "--format", format, "--stdin-filename", c.name, "-"], stdin: c.text)
            #expect(r.status == 1, "\(c.name) should have findings")
            #expect(!r.out.contains(c.planted) && !r.err.contains(c.planted), "\(c.name) leaked in \(format): \(r.out)")
        }
    }

    @Test func explainAndRulesShowNoExamplePassword() {
        // The pack's example base holds a password; explain prints examples, never the base.
        let r = runCLI(["explain", "admin-password-classes"])
        #expect(!r.out.contains("Aa1!example-pass"))
    }
}
