import Testing
@testable import TcpglintReport

/// GitHub Actions workflow commands.
@Suite struct GitHubReporterTests {
    @Test func gitHubCommandsAreEscaped() {
        #expect(GitHubReporter.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.property("a:b,c%") == "a%3Ab%2Cc%25")
    }
}
