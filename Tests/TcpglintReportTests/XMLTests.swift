import TcpglintReport
import Testing

/// XML escaping in JUnit's attributes and text.
@Suite struct XMLEscapingTests {
    @Test func attributesKeepTabsAndCarriageReturns() {
        let report = JUnitReporter().render(Fixture(files: [("a\tb\rc\n.yaml", 1)]).report())
        #expect(report.contains("classname=\"a&#9;b&#13;c&#10;.yaml\""))
    }
}
