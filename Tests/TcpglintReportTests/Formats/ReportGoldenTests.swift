import TcpglintReport
import TcpglintTestSupport
import Testing

/// Every format renders every fixture as its golden, testdata/report/FIXTURE.FORMAT.out.
@Suite struct ReportGoldenTests {
    @Test(arguments: Fixture.named.keys.sorted(), Formats.names)
    func golden(_ fixture: String, _ format: String) throws {
        let f = try #require(Fixture.named[fixture])
        expectGolden(Formats.render(format, f), path: "testdata/report/\(fixture).\(format).out")
    }

    /// No golden in testdata/report is left without its fixture and format.
    @Test func everyGoldenHasItsCase() {
        let cases = Set(Fixture.named.keys.flatMap { f in Formats.names.map { "testdata/report/\(f).\($0).out" } })
        let goldens = Set(testdataFiles("testdata/report", extensions: [".out"]))
        #expect(goldens.subtracting(cases).sorted() == [])
        #expect(cases.subtracting(goldens).sorted() == [])
    }
}
