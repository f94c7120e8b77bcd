import TcpglintCore
import TcpglintReport
import Testing

/// `file:line:col: severity: message [code] (rule)`, then the summary.
@Suite struct TextReporterTests {
    static var small: Fixture {
        var f = Fixture(files: [("s.yaml", 2), ("a.json", 1)])
        f.add(
            "s.yaml", document: 2, at: (7, 9), to: (7, 12), .warning, code: "InvalidParameter", rule: "quoted-literal",
            parameter: "Period", message: "Period is the string \"1\"")
        f.add(
            "a.json", at: (1, 2), .info, code: "Tcpglint.SecretPlaceholder", rule: "secret-placeholder",
            parameter: "AdminPassword", message: "AdminPassword is a placeholder")
        return f
    }

    @Test func aFindingOfAStreamNamesItsDocument() {
        #expect(
            TextReporter().render(Self.small.report()) == """
                a.json:1:2: info: AdminPassword is a placeholder [Tcpglint.SecretPlaceholder] (secret-placeholder)
                s.yaml:7:9: warning: Period is the string "1" [InvalidParameter] (quoted-literal) in document 2
                1 warning, 1 info in 2 of 2 files

                """)
    }

    @Test func colourMarksThePositionTheSeverityAndTheIds() {
        let e = "\u{1B}["
        #expect(
            TextReporter(color: true).render(Self.small.report()) == """
                \(e)1ma.json:1:2:\(e)0m \(e)1;36minfo:\(e)0m AdminPassword is a placeholder \(e)2m[Tcpglint.SecretPlaceholder] (secret-placeholder)\(e)0m
                \(e)1ms.yaml:7:9:\(e)0m \(e)1;33mwarning:\(e)0m Period is the string "1" \(e)2m[InvalidParameter] (quoted-literal)\(e)0m in document 2
                \(e)1m1 warning, 1 info in 2 of 2 files\(e)0m

                """)
        #expect(TextReporter(color: true).render(Fixture.multiDocument.report()).contains("\(e)1;31merror:\(e)0m"))
    }

    @Test func theSummaryCountsAndPluralises() {
        let text = TextReporter()
        #expect(text.summary(Totals(fileCount: 1)) == "no problems in 1 file")
        #expect(text.summary(Totals(fileCount: 14, baselined: 3)) == "no problems in 14 files (3 baselined)")
        #expect(
            text.summary(Totals(fileCount: 14, filesWithFindings: 2, errors: 3, warnings: 1))
                == "3 errors, 1 warning in 2 of 14 files")
        #expect(
            text.summary(Totals(fileCount: 1, filesWithFindings: 1, errors: 1, infos: 2, baselined: 1))
                == "1 error, 2 infos in 1 of 1 file (1 baselined)")
    }
}
