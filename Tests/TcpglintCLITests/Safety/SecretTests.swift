import Foundation
import TcpglintCore
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

    /// With fixes: --fix (every format), --diff and --show-fixes never show the secret either,
    /// with a fixable line beside it and in the same line (JSON on one line).
    @Test(arguments: 0..<cases.count)
    func theCanaryNeverAppearsWithFixes(_ i: Int) throws {
        let c = Self.cases[i]
        let dir = try TempDir()
        let yaml = c.name.hasSuffix(".yaml")
        let text =
            yaml
            ? "Charset: utf8\nStorage: \"20\"\n" + c.text
            : c.text.replacingOccurrences(
                of: "{", with: "{\"Charset\": \"utf8\", \"Storage\": \"20\", ", options: .anchored)
        let runs: [[String]] = [
            ["--fix", "--show-fixes"], ["--fix", "--format", "json"], ["--fix", "--format", "sarif"],
            ["--fix", "--unsafe-fixes", "--format", "github"], ["--diff", "--show-fixes"],
            ["--diff", "--unsafe-fixes"],
            ["--fix-only", "--show-fixes"],
        ]
        for args in runs {
            try dir.write(c.name, text)
            let r = runCLI(["lint"] + args + [dir.path + "/" + c.name])
            // (SARIF's rule documentation, before its results, may hold a short planted text.)
            let out = args.contains("sarif") ? String(r.out.split(separator: "\"results\": [").last ?? "") : r.out
            #expect(!out.contains(c.planted) && !r.err.contains(c.planted), "\(c.name) leaked with \(args): \(out)")
        }
        // Standard input: the fixed text is the file's own; what is reported is on standard error.
        let r = runCLI(["lint", "--fix", "--show-fixes", "--stdin-filename", c.name, "-"], stdin: text)
        #expect(!r.err.contains(c.planted), "\(c.name) leaked on standard error: \(r.err)")
        let d = runCLI(["lint", "--diff", "--stdin-filename", c.name, "-"], stdin: text)
        #expect(!d.out.contains(c.planted), "\(c.name) leaked in the diff of standard input: \(d.out)")
    }

    /// A secret inside DBEngineConfig's JSON string, beside a placeholder at the top: the diff
    /// masks the line of the string.
    @Test func aSecretInsideAnEmbeddedDocumentIsMaskedInADiff() {
        let text =
            "{\"AdminPassword\": \"${PG_ADMIN_PASSWORD}\",\n \"Storage\": \"20\",\n \"DBEngine\": \"mssql_compatible\",\n \"DBEngineConfig\": \"{\\\"AdminPassword\\\": \\\"\(Self.canary)\\\", \\\"DefaultLocale\\\": \\\"en_US\\\"}\"}\n"
        let r = runCLI(["lint", "--diff", "--unsafe-fixes", "--stdin-filename", "r.json", "-"], stdin: text)
        #expect(r.status == 1)
        #expect(!r.out.contains(Self.canary), "\(r.out)")
        #expect(r.out.contains("-(secret, not shown)\n+(secret, not shown)\n"), "\(r.out)")
        #expect(r.out.contains(" {\"AdminPassword\": \"${PG_ADMIN_PASSWORD}\",\n"), "a placeholder is shown: \(r.out)")
    }

    /// A syntax error in the guarded span after a secret key names no character: the message
    /// says where it is, not what is there.
    @Test func aSyntaxErrorAfterAPasswordQuotesNoCharacter() {
        let cases: [(name: String, text: String, message: String)] = [
            (
                "stray.json", "{\"AdminPassword\": \"Kx7\"SECRETpart\"}",
                "1:24: error: unexpected character after the value of AdminPassword; expected ',' or '}'"
            ),
            (
                "wide.json", "{\"AdminPassword\": \"Kx7\"\u{416}SECRET\"}",
                "1:24: error: unexpected character after the value of AdminPassword; expected ',' or '}'"
            ),
            // The span runs to the end of the line, past the value's closing brace and comma.
            (
                "nested.json", "{\"A\": {\"AdminPassword\": \"Kx7\"}'SECRET\"}, \"Name\": \"x\"}",
                "1:31: error: unexpected character after the value of AdminPassword; expected ',' or '}'"
            ),
            (
                "next-key.json", "{\"AdminPassword\": \"Kx7\", \"Name\": +SECRET\"}",
                "1:34: error: unexpected character after the value of AdminPassword; expected a value"
            ),
            (
                "comma.json", "{\"AdminPassword\": \"Kx7\",}",
                "1:24: error: unexpected character after the value of AdminPassword; expected a key in double quotes"
            ),
            (
                "control.json", "{\"AdminPassword\": \"Kx7\u{01}\"}",
                "1:23: error: control character in the value of AdminPassword; escape it"
            ),
            (
                "plus.json", "{\"AdminPassword\": +Kx7}",
                "1:19: error: unexpected character in the value of AdminPassword; expected a value"
            ),
            ("number.json", "{\"AdminPassword\": -Kx7}", "1:20: error: malformed number in the value of AdminPassword"),
            (
                "word.json", "{\"AdminPassword\": True}",
                "1:19: error: unquoted word in the value of AdminPassword; strings must be in double quotes"
            ),
            (
                "control.yaml", "AdminPassword: Kx7\u{01}SECRET\n",
                "1:19: error: a control character is not allowed in YAML; escape it in a double-quoted string"
            ),
        ]
        for c in cases {
            let r = runCLI(["lint", "--stdin-filename", c.name, "-"], stdin: c.text)
            #expect(r.out.hasPrefix("\(c.name):\(c.message) [Tcpglint.SyntaxError] (syntax-error)\n"), "\(r.out)")
        }
        // The same faults near a key that is not secret still show the character.
        let plain = runCLI(["lint", "--stdin-filename", "n.json", "-"], stdin: "{\"Name\": \"Kx7\"S\"}")
        #expect(
            plain.out.hasPrefix("n.json:1:15: error: unexpected character 'S'; expected ',' or '}'"), "\(plain.out)")
    }

    /// A password saved in Latin-1 is invalid UTF-8, found before any parsing: the message
    /// names no byte (0xFC is a Latin-1 `ü`).
    @Test func anInvalidByteInAPasswordIsNotNamed() throws {
        let dir = try TempDir()
        let path = dir.path + "/p.json"
        let bytes = Array("{\"AdminPassword\": \"Kx".utf8) + [0xFC] + Array("9q\"}".utf8)
        try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        for format in ["text", "json", "sarif", "junit", "github", "gitlab"] {
            let r = runCLI(["lint", "--format", format, path])
            #expect(r.out.contains("a byte that cannot start a character"), "\(format): \(r.out)")
            for leak in ["0xFC", "0xfc", "U+00FC", "\u{FC}", "\u{FFFD}"] {
                #expect(!r.out.contains(leak) && !r.err.contains(leak), "\(format) shows \(leak)")
            }
        }
    }

    /// A syntax error in a password covers one character, not the word it starts: the span's
    /// width would measure part of the password.
    @Test func aSyntaxErrorInAPasswordSpansOneCharacter() {
        let cases: [(name: String, text: String, span: String)] = [
            ("word.json", "{\"AdminPassword\": Truefalse}", "1:19-1:20"),
            ("stray.json", "{\"AdminPassword\": \"Kx7\"SECRETpart\"}", "1:24-1:25"),
            ("stray.yaml", "AdminPassword: \"Kx7\"SECRETpart\n", "1:21-1:22"),
            ("alias.yaml", "AdminPassword: *SECRETpart\n", "1:16-1:17"),
        ]
        for c in cases {
            let found = lint(pack, c.text, name: c.name).filter { $0.rule == "syntax-error" }
            #expect(found.map { "\($0.range.start)-\($0.range.end)" } == [c.span], "\(c.name)")
        }
        // Beside a key that is not secret, the word is covered.
        let plain = lint(pack, "{\"Name\": Truefalse}", name: "n.json").filter { $0.rule == "syntax-error" }
        #expect(plain.map { "\($0.range.start)-\($0.range.end)" } == ["1:10-1:19"])
    }

    /// `AdminPassword: Xy9!abcdEFGH #rest` passes every password rule: the rest is a comment.
    /// It is a warning at the ` #`, which quotes neither the value nor the comment.
    @Test func aCommentAfterAPlainPasswordIsAWarning() {
        let base = readText("testdata/valid/prepaid-full.yaml")!.split(separator: "\n").filter {
            !$0.hasPrefix("AdminPassword:")
        }.joined(separator: "\n")
        let r = runCLI(
            ["lint", "--stdin-filename", "c.yaml", "-"], stdin: base + "\nAdminPassword: Xy9!abcdEFGH #rest\n")
        let line = base.split(separator: "\n").count + 1
        #expect(
            r.out.contains(
                "c.yaml:\(line):28: warning: AdminPassword is a plain scalar followed by a comment; YAML ends the value there; quote it [Tcpglint.SecretComment] (secret-comment)\n"
            ), "\(r.out)")
        #expect(!r.out.contains("error:") && !r.out.contains("Xy9") && !r.out.contains("rest"), "\(r.out)")
        // Quoted, the # is part of the password; after a placeholder, a comment is only a comment.
        for value in ["'Xy9!abcdEFGH #rest'", "\"Xy9!abcdEFGH #rest\"", "${PG_ADMIN_PASSWORD}  # from the vault"] {
            let q = runCLI(["lint", "--stdin-filename", "q.yaml", "-"], stdin: base + "\nAdminPassword: \(value)\n")
            #expect(!q.out.contains("(secret-comment)"), "\(value): \(q.out)")
        }
    }

    /// A canary password with a stray quote, a backslash, a raw newline, a tab, a control
    /// character or a `#` at each position, in JSON and in YAML (plain, single- and
    /// double-quoted, in a flow mapping), through every output format, from files and from
    /// standard input: no character of it appears, quoted or as a code point.
    @Test func noCharacterOfABrokenPasswordAppears() throws {
        let canary = "Kq8\u{416}Zw"
        let specials = ["\"", "\\", "\n", "\t", "\u{01}", "#"]
        let formats = ["text", "json", "sarif", "junit", "github", "gitlab"]
        var files: [(name: String, text: String)] = []
        let scalars = Array(canary.unicodeScalars)
        for (s, special) in specials.enumerated() {
            for at in 0...scalars.count {
                var pw = String.UnicodeScalarView(scalars[..<at])
                pw.append(contentsOf: special.unicodeScalars)
                pw.append(contentsOf: scalars[at...])
                let p = String(pw)
                let stem = "s\(s)-\(at)"
                files += [
                    ("\(stem).json", "{\"Zone\": \"ap-guangzhou-3\", \"AdminPassword\": \"\(p)\", \"Name\": \"n\"}\n"),
                    ("\(stem)-plain.yaml", "Zone: ap-guangzhou-3\nAdminPassword: \(p)\nName: n\n"),
                    ("\(stem)-single.yaml", "Zone: ap-guangzhou-3\nAdminPassword: '\(p)'\nName: n\n"),
                    ("\(stem)-double.yaml", "Zone: ap-guangzhou-3\nAdminPassword: \"\(p)\"\nName: n\n"),
                    ("\(stem)-flow.yaml", "{Zone: ap-guangzhou-3, AdminPassword: \(p), Name: n}\n"),
                    ("\(stem)-flow-double.yaml", "{Zone: ap-guangzhou-3, AdminPassword: \"\(p)\", Name: n}\n"),
                ]
            }
        }
        let dir = try TempDir()
        for f in files { try dir.write(f.name, f.text) }
        func leaks(_ t: String) -> String? {
            if t.contains(canary) { return canary }
            for ch in scalars {
                var hex = String(ch.value, radix: 16, uppercase: true)
                while hex.count < 4 { hex = "0" + hex }
                let code = "U+" + hex
                for form in ["'\(ch)'", "\"\(ch)\"", code] where t.contains(form) { return form }
                if ch.value > 0x7F && t.unicodeScalars.contains(ch) { return String(ch) }
            }
            for form in ["U+0001", "U+0009", "'#'", "'\\'", "'\"'"] where t.contains(form) { return form }
            return nil
        }
        var outputs: [(what: String, text: String)] = []
        for format in formats {
            let r = runCLI(["lint", "--format", format, dir.path])
            #expect(r.status == 1)
            outputs += [("\(format) of the folder", r.out), ("stderr, \(format)", r.err)]
        }
        for (i, f) in files.enumerated() {
            let format = formats[i % formats.count]
            let r = runCLI(["lint", "--format", format, "--stdin-filename", f.name, "-"], stdin: f.text)
            outputs += [("\(format) of \(f.name) from stdin", r.out), ("stderr of \(f.name)", r.err)]
        }
        for o in outputs {
            if let leak = leaks(o.text) { Issue.record("\(o.what) shows \(leak): \(o.text.prefix(3000))") }
        }
        #expect(outputs.contains { $0.text.contains("after the value of AdminPassword") })
    }

    @Test func explainAndRulesShowNoExamplePassword() {
        // The pack's example base holds a password; explain prints examples, never the base.
        let r = runCLI(["explain", "admin-password-classes"])
        #expect(!r.out.contains("Aa1!example-pass"))
    }
}
