import Testing

@testable import TcpglintReport

/// GitHub Actions workflow commands.
@Suite struct GitHubReporterTests {
    @Test func gitHubCommandsAreEscaped() {
        #expect(GitHubReporter.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.property("a:b,c%") == "a%3Ab%2Cc%25")
    }

    /// `error`, `warning` and `notice`; a range of no width has no end; ids and codes in the title.
    @Test func severitiesRangesAndTitles() {
        var f = Fixture(files: [("a.json", 1)])
        f.add(
            "a.json", at: (1, 1), .info, code: "Tcpglint.SecretPlaceholder", rule: "secret-placeholder",
            parameter: "AdminPassword",
            message: "a placeholder")
        f.add(
            "a.json", at: (2, 3), to: (4, 1), .error, code: "InvalidParameterValue.IllegalZone", rule: "zone-format",
            parameter: "Zone",
            message: "Zone: bad, very")
        #expect(
            GitHubReporter().render(f.report()) == """
                ::notice file=a.json,line=1,col=1,title=secret-placeholder [Tcpglint.SecretPlaceholder]::a placeholder
                ::error file=a.json,line=2,col=3,endLine=4,endColumn=1,title=zone-format [InvalidParameterValue.IllegalZone]::Zone: bad, very
                1 error, 1 info in 1 of 1 file

                """)
    }
}
