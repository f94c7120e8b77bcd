import TcpglintTestSupport
import Testing

/// `expectGolden`, the one golden logic: it compares, or in update mode records, and recording
/// always fails the test, so that a golden is never accepted silently.
@Suite struct GoldenHelperTests {
    @Test func recordingAGoldenWritesItAndFailsTheTest() throws {
        let dir = try TempDir()
        let path = dir.path + "/new/case.out"
        withKnownIssue("recording a golden fails the test") {
            expectGolden("recorded\n", path: path, updating: true)
        }
        #expect(readText(path) == "recorded\n")
        // The same text again: nothing to record, nothing fails.
        expectGolden("recorded\n", path: path, updating: true)
        expectGolden("recorded\n", path: path, updating: false)
        withKnownIssue("a difference fails the test") {
            expectGolden("other\n", path: path, updating: false)
        }
        #expect(readText(path) == "recorded\n", "comparing never writes")
    }

    @Test func aMissingGoldenFailsAndIsNotWritten() throws {
        let dir = try TempDir()
        withKnownIssue("a missing golden fails the test") {
            expectGolden("x\n", path: dir.path + "/missing.out", updating: false)
        }
        #expect(readText(dir.path + "/missing.out") == nil)
    }

    /// A golden section of a file (the README's rule table) is compared and recorded in place.
    @Test func aSectionIsRecordedInPlace() throws {
        let dir = try TempDir()
        try dir.write("doc.md", "intro\n<!-- b -->\nold\n<!-- e -->\nend\n")
        let path = dir.path + "/doc.md"
        withKnownIssue("recording a section fails the test") {
            expectGolden("new\n", path: path, between: "<!-- b -->\n", and: "<!-- e -->", updating: true)
        }
        #expect(readText(path) == "intro\n<!-- b -->\nnew\n<!-- e -->\nend\n")
        expectGolden("new\n", path: path, between: "<!-- b -->\n", and: "<!-- e -->", updating: false)
        withKnownIssue("a file without the markers fails the test") {
            expectGolden("new\n", path: path, between: "<!-- none -->\n", and: "<!-- e -->", updating: true)
        }
        #expect(readText(path) == "intro\n<!-- b -->\nnew\n<!-- e -->\nend\n")
    }
}
