import TcpglintCore
import TcpglintReport
import Testing

/// JUnit XML: a test case per linted file (per document of a stream).
@Suite struct JUnitReporterTests {
    static var warningOnly: Fixture {
        var f = Fixture(files: [("w.json", 1)])
        f.add(
            "w.json", at: (4, 14), to: (4, 19), .warning, code: "InvalidParameter", rule: "quoted-literal",
            parameter: "Storage", message: "Storage is quoted")
        return f
    }

    @Test func aFindingBelowTheFailLevelIsOutputNotAFailure() {
        #expect(
            JUnitReporter().render(Self.warningOnly.report()) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="tcpglint" tests="1" failures="0" errors="0">
                  <testsuite name="tcpglint" tests="1" failures="0" errors="0" skipped="0">
                    <testcase classname="w.json" name="request">
                      <system-out>w.json:4:14: warning: Storage is quoted [InvalidParameter] (quoted-literal)</system-out>
                    </testcase>
                  </testsuite>
                </testsuites>

                """)
    }

    @Test func eachFileFailsAtItsOwnFailLevel() {
        var f = Self.warningOnly
        f.failLevels = ["w.json": .warning]
        let out = JUnitReporter().render(f.report())
        #expect(out.contains("tests=\"1\" failures=\"1\""))
        #expect(out.contains("<failure type=\"warning\" message=\"1 finding\">w.json:4:14: warning: Storage is quoted"))
    }

    /// Findings about a file that was not linted (a config, a baseline) are a case of their own,
    /// judged at the reporter's default fail level.
    @Test func findingsOfAnUnlintedFileAreAConfigurationCase() {
        var f = Fixture(files: [("a.json", 1)], fileCount: 2)
        f.add(
            ".tcpglint.yaml", at: (22, 5), .warning, code: "Tcpglint.InvalidSuppression", rule: "invalid-suppression",
            parameter: "$", message: "suppression of x gives no reason")
        let lenient = Formats.render("junit", f)
        #expect(lenient.contains("<testcase classname=\".tcpglint.yaml\" name=\"configuration\">\n      <system-out>"))
        #expect(lenient.contains("<testcase classname=\"a.json\" name=\"request\"/>"))
        let strict = Formats.render("junit", f, defaultFailLevel: .warning)
        #expect(strict.contains("tests=\"2\" failures=\"1\""))
        #expect(
            strict.contains(
                "<testcase classname=\".tcpglint.yaml\" name=\"configuration\">\n      <failure type=\"warning\""))
    }
}
