import Testing
import TcpglintReport

/// XML escaping in JUnit's attributes and text.
@Suite struct XMLEscapingTests {
    @Test func attributesKeepTabsAndCarriageReturns() {
        let report = JUnitReporter().render(Report(
            findings: [], fileCount: 1, files: [LintedFile(name: "a\tb\rc\n.yaml", documents: 1)]))
        #expect(report.contains("classname=\"a&#9;b&#13;c&#10;.yaml\""))
    }
}
