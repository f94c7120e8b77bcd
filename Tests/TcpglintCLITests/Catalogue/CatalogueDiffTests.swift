import TcpglintSystem
import TcpglintTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `catalogue diff` on the history goldens (`CatalogueHistoryCLITests` builds them): the example
/// catalogue, its refresh a week later, and the one 178 days after that.
@Suite struct CatalogueDiffTests {
    static let example = CatalogueHistoryCLITests.example
    static let goldens = CatalogueHistoryCLITests.goldens
    static let later = CatalogueHistoryCLITests.later
    static let muchLater = CatalogueHistoryCLITests.muchLater

    /// The diffs of the two refreshes, text and JSON: exit 1, as diff(1) does for differences.
    @Test(arguments: [("later", example, later), ("much-later", later, muchLater)])
    func diffGoldens(_ name: String, _ old: String, _ new: String) throws {
        let text = runCLI(["catalogue", "diff", old, new])
        #expect(text.status == 1, "\(text.err)")
        #expect(text.err == "")
        expectGolden(text.out, path: "\(Self.goldens)/\(name).diff.out")
        let json = runCLI(["catalogue", "diff", "--format", "json", old, new])
        #expect(json.status == 1)
        expectGolden(json.out, path: "\(Self.goldens)/\(name).diff.json")
    }

    @Test func noDifferenceIsStatusZero() throws {
        let r = runCLI(["catalogue", "diff", Self.example, Self.example])
        #expect(r.status == 0)
        #expect(r.out.hasSuffix("\n0 appeared, 0 disappeared, 0 changed\n"), "\(r.out)")
        // A format 2 file reads too, and says the same as its format 3 build (of the example
        // folder alone: the pack's example catalogue also keeps REMOVED entries).
        let tmp = try TempDir()
        let built = runCLI(
            ["catalogue", "build", "testdata/catalogue/example", "-o", tmp.path + "/c.json"],
            environment: ["SOURCE_DATE_EPOCH": "1796515200"])
        #expect(built.status == 0, "\(built.err)")
        let format2 = runCLI([
            "catalogue", "diff", "testdata/catalogue/goldens/example.format2.catalogue.json", tmp.path + "/c.json",
        ])
        #expect(format2.status == 0, "\(format2.out)\(format2.err)")
    }

    @Test func anUnreadableFileIsStatusTwo() {
        let r = runCLI(["catalogue", "diff", "nowhere.json", "testdata/catalogue/requests/spec-sold.yaml"])
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("nowhere.json:1:1: error: cannot read the catalogue: "), "\(r.err)")
        #expect(r.err.contains("\ntestdata/catalogue/requests/spec-sold.yaml:"), "both files' errors: \(r.err)")
        #expect(runCLI(["catalogue", "diff", Self.example]).status == 2)
    }

    /// Standard output that cannot be written is status 3 (a message for a full disk, none for
    /// a closed pipe), though the catalogues differ.
    @Test func aFailedWriteIsStatusThree() {
        let args = ["catalogue", "diff", Self.example, Self.later]
        let full = FileSystemError(path: "standard output", reason: "No space left on device", code: ENOSPC)
        let r = runCLI(args, outFails: (afterBytes: 10, error: full))
        #expect(r.status == 3)
        #expect(r.err.hasPrefix("tcpglint: cannot write standard output: "), "\(r.err)")
        let closed = FileSystemError(path: "standard output", reason: "Broken pipe", code: EPIPE)
        let piped = runCLI(args, outFails: (afterBytes: 10, error: closed))
        #expect(piped.status == 3)
        #expect(piped.err == "")
    }
}
