import TcpglintSystem
import TcpglintTestSupport
import Testing

/// `catalogue build --previous` on the history fixtures: the example
/// catalogue (2026-11-28), a week later with a spec, a zone, a version and a class key gone, and
/// 178 days after that, when what went first is over 180 days old and a spec came back.
@Suite struct CatalogueHistoryCLITests {
    static let example = "rules/example-catalogue.json"
    static let goldens = "testdata/catalogue/goldens/history"
    static let later = "\(goldens)/later.catalogue.json"
    static let muchLater = "\(goldens)/much-later.catalogue.json"
    /// 2026-12-06T00:00:00Z and 2027-06-02T00:00:00Z: a day after each fixture's capture.
    static let laterClock = ["SOURCE_DATE_EPOCH": "1796515200"]
    static let muchLaterClock = ["SOURCE_DATE_EPOCH": "1811894400"]

    /// Each fixture builds, with the one before as `--previous`, to its golden (REMOVED entries
    /// and all) and says on stderr what it kept and dropped; a rebuild is byte-identical.
    @Test(arguments: [
        ("later", example, laterClock), ("much-later", later, muchLaterClock),
    ])
    func buildWithPrevious(_ name: String, _ previous: String, _ clock: [String: String]) throws {
        let tmp = try TempDir()
        let out = tmp.path + "/c.json"
        let args = ["catalogue", "build", "testdata/catalogue/history/\(name)", "-o", out, "--previous", previous]
        let r = runCLI(args, environment: clock)
        #expect(r.status == 0, "\(r.err)")
        let written = try #require(readText(out))
        expectGolden(written, path: "\(Self.goldens)/\(name).catalogue.json")
        expectGolden(r.err.replacingOccurrences(of: out, with: "OUT"), path: "\(Self.goldens)/\(name).build.out")
        #expect(runCLI(args, environment: clock).status == 0)
        #expect(readText(out) == written)
    }

    /// An unusable `--previous` is status 2 and nothing is written: missing, corrupt, of another
    /// site, captured later than the new snapshot.
    @Test(arguments: [
        ("nowhere.json", "nowhere.json:1:1: error: cannot read the catalogue: "),
        ("testdata/catalogue/requests/spec-sold.yaml", "testdata/catalogue/requests/spec-sold.yaml:1:1: error: "),
        (
            "testdata/catalogue/goldens/china.catalogue.json",
            "testdata/catalogue/goldens/china.catalogue.json:1:1: error: the previous catalogue is of site china, but testdata/catalogue/history/later is of site intl; --previous takes an older catalogue of the same site\n"
        ),
        (
            muchLater,
            "\(muchLater):1:55: error: the previous catalogue was captured 2027-06-01T09:00:00Z, later than testdata/catalogue/history/later (2026-12-05T09:00:00Z); --previous takes an older catalogue\n"
        ),
    ])
    func anUnusablePreviousWritesNothing(_ previous: String, _ message: String) throws {
        let tmp = try TempDir()
        let out = tmp.path + "/c.json"
        let r = runCLI(
            ["catalogue", "build", "testdata/catalogue/history/later", "-o", out, "--previous", previous],
            environment: Self.laterClock)
        #expect(r.status == 2)
        #expect(r.err.hasPrefix(message), "\(r.err)")
        #expect(r.err.hasSuffix("tcpglint: --previous \(previous) cannot be used; nothing was written\n"), "\(r.err)")
        #expect(FileSystem.kind(out) == .missing)
    }
}
