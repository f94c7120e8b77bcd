import TcpglintCore
import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// `catalogue build` and `status`, and `lint --catalogue`: goldens of what each prints and
/// writes, on the documented examples (site china, verbatim), the hand-written intl fixtures,
/// in both response forms, and a folder per fault.
@Suite struct CatalogueTests {
    /// 2026-12-01T00:00:00Z: three days after the fixtures were captured.
    static let fresh = ["SOURCE_DATE_EPOCH": "1796083200"]
    /// 2027-01-15T00:00:00Z: more than 30 days after.
    static let late = ["SOURCE_DATE_EPOCH": "1799971200"]
    static let built = "testdata/catalogue/goldens/intl.catalogue.json"
    static let requests = testdataFiles("testdata/catalogue/requests")
    static let bad = ((try? FileSystem.listDirectory("\(packageRoot)/testdata/catalogue/bad")) ?? []).sorted()

    /// Each raw folder builds to its golden; the tccli form builds to the API form's bytes, and
    /// a rebuild is byte-identical.
    @Test(arguments: [
        ("china", "china"), ("china-tccli", "china"), ("intl", "intl"), ("intl-tccli", "intl"),
    ])
    func buildGoldens(_ folder: String, _ golden: String) throws {
        let tmp = try TempDir()
        let out = tmp.path + "/c.json"
        let r = runCLI(["catalogue", "build", "testdata/catalogue/\(folder)", "-o", out], environment: Self.fresh)
        #expect(r.status == 0, "\(r.err)")
        let written = try #require(readText(out))
        expectGolden(written, path: "testdata/catalogue/goldens/\(golden).catalogue.json")
        expectGolden(
            r.err.replacingOccurrences(of: out, with: "OUT").replacingOccurrences(of: folder + "/", with: golden + "/"),
            path: "testdata/catalogue/goldens/\(golden).build.out")
        let again = runCLI(
            ["catalogue", "build", "testdata/catalogue/\(folder)", "--write", out], environment: Self.fresh)
        #expect(again.status == 0)
        #expect(readText(out) == written)
    }

    /// The pack's example catalogue is the build of testdata/catalogue/example, with the build of
    /// testdata/catalogue/example-earlier as `--previous` (for its REMOVED entries).
    @Test func theExampleCatalogueIsCurrent() throws {
        let tmp = try TempDir()
        let earlier = "testdata/catalogue/goldens/example-earlier.catalogue.json"
        let first = runCLI(
            ["catalogue", "build", "testdata/catalogue/example-earlier", "-o", tmp.path + "/e.json"],
            environment: Self.fresh)
        #expect(first.status == 0, "\(first.err)")
        expectGolden(try #require(readText(tmp.path + "/e.json")), path: earlier)
        let out = tmp.path + "/c.json"
        let r = runCLI(
            ["catalogue", "build", "testdata/catalogue/example", "-o", out, "--previous", earlier],
            environment: Self.fresh)
        #expect(r.status == 0, "\(r.err)")
        expectGolden(try #require(readText(out)), path: "rules/example-catalogue.json")
    }

    /// Each faulty folder is refused at the fault's place, with status 2 and nothing written;
    /// a credential's value never appears.
    @Test(arguments: bad)
    func badFolders(_ name: String) throws {
        let tmp = try TempDir()
        let out = tmp.path + "/c.json"
        let r = runCLI(["catalogue", "build", "testdata/catalogue/bad/\(name)", "-o", out], environment: Self.fresh)
        let builds = name == "null-lists-unknown-fields"
        #expect(r.status == (builds ? 0 : 2), "\(r.err)")
        #expect(FileSystem.kind(out) == (builds ? .regular : .missing))
        #expect(r.out == "")
        expectGolden(
            r.err.replacingOccurrences(of: out, with: "OUT"), path: "testdata/catalogue/goldens/bad-\(name).out")
        for secret in ["AKIDxxxxxxxx", "\"abc\""] { #expect(!r.err.contains(secret)) }
    }

    /// Every fact's passing and failing requests, against the intl catalogue.
    @Test(arguments: requests)
    func requestGoldens(_ path: String) throws {
        let r = runCLI(["lint", "--fail-level", "info", "--catalogue", Self.built, path], environment: Self.fresh)
        #expect(r.err == "")
        let name = Paths.baseName(path).replacingOccurrences(of: ".yaml", with: ".out")
        expectGolden(r.out, path: "testdata/catalogue/goldens/requests/\(name)")
        let comment = readText(path)?.split(separator: "\n").first ?? ""
        if comment.hasPrefix("# passes") {
            #expect(!r.out.contains("(catalogue-"), "\(r.out)")
        } else {
            #expect(r.out.contains("(catalogue-"), "\(r.out)")
        }
    }

    /// What a snapshot kept from an earlier one (REMOVED, with the day it was last listed) warns,
    /// against the pack's example catalogue, built with `--previous`.
    @Test(arguments: testdataFiles("testdata/catalogue/removed"))
    func removedGoldens(_ path: String) throws {
        let r = runCLI(
            ["lint", "--fail-level", "info", "--catalogue", "rules/example-catalogue.json", path],
            environment: Self.fresh)
        #expect(r.err == "")
        let name = Paths.baseName(path).replacingOccurrences(of: ".yaml", with: ".out")
        expectGolden(r.out, path: "testdata/catalogue/goldens/removed/\(name)")
        let comment = readText(path)?.split(separator: "\n").first ?? ""
        #expect(comment.hasPrefix("# passes") != r.out.contains("REMOVED"), "\(r.out)")
    }

    /// Without a catalogue nothing catalogue-related is reported, and SARIF lists no catalogue
    /// rule; with one, it does.
    @Test func withoutACatalogueNothingChanges() throws {
        let without = runCLI(["lint", "--fail-level", "info", "testdata/catalogue/requests"], environment: Self.fresh)
        #expect(!without.out.contains("(catalogue-"))
        #expect(!without.out.contains("captured"))
        let sarif = runCLI(["lint", "--format", "sarif", "testdata/catalogue/requests/spec-sold.yaml"])
        #expect(!sarif.out.contains("\"id\": \"catalogue-region\""))
        #expect(!sarif.out.contains("\"id\": \"catalogue-stale\""))
        let with = runCLI(
            ["lint", "--format", "sarif", "--catalogue", Self.built, "testdata/catalogue/requests/spec-sold.yaml"],
            environment: Self.fresh)
        #expect(with.out.contains("\"id\": \"catalogue-region\""))
        #expect(with.out.contains("\"id\": \"catalogue-stale\""))
    }

    /// Stale: one `catalogue-stale` warning at the captured line, and the catalogue's errors are
    /// warnings; the maximum age comes from the flag, else the nearest config.
    @Test func staleness() throws {
        let paths = [
            "testdata/catalogue/requests/spec-not-sold.yaml", "testdata/catalogue/requests/zone-unlisted.yaml",
        ]
        let late = runCLI(["lint", "--catalogue", Self.built] + paths, environment: Self.late)
        expectGolden(late.out, path: "testdata/catalogue/goldens/stale.out")
        #expect(late.status == 0, "no error is left: the catalogue's became warnings")
        #expect(late.out.components(separatedBy: "(catalogue-stale)").count == 2)
        let longer = runCLI(
            ["lint", "--catalogue", Self.built, "--catalogue-max-age", "60"] + paths, environment: Self.late)
        #expect(longer.status == 1)
        #expect(!longer.out.contains("(catalogue-stale)"))
        let fresh = runCLI(["lint", "--catalogue", Self.built] + paths, environment: Self.fresh)
        #expect(fresh.status == 1)
        #expect(!fresh.out.contains("(catalogue-stale)"))
    }

    /// A bad clock, a catalogue that is missing, corrupt or from the future: status 2, at a place.
    @Test func badCataloguesAndClocks() throws {
        let req = "testdata/catalogue/requests/spec-sold.yaml"
        let clock = runCLI(["lint", "--catalogue", Self.built, req], environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(clock.status == 2)
        #expect(clock.err == "tcpglint: SOURCE_DATE_EPOCH must be a number of seconds since 1970, not \"soon\"\n")
        let missing = runCLI(["lint", "--catalogue", "nowhere.json", req], environment: Self.fresh)
        #expect(missing.status == 2)
        #expect(missing.err.hasPrefix("nowhere.json:1:1: error: cannot read the catalogue: "), "\(missing.err)")
        let corrupt = runCLI(["lint", "--catalogue", req, req], environment: Self.fresh)
        #expect(corrupt.status == 2)
        #expect(corrupt.err.hasPrefix("\(req):1:1: error: "), "\(corrupt.err)")
        let early = runCLI(["lint", "--catalogue", Self.built, req], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(early.status == 2)
        #expect(
            early.err.hasPrefix(
                "\(Self.built):1:55: error: captured 2026-11-28T09:14:00Z is later than the clock (2023-11-14)"),
            "\(early.err)")
        let tmp = try TempDir()
        try tmp.write("cut.json", String((readText(Self.built) ?? "").prefix(400)))
        let cut = runCLI(["lint", "--catalogue", tmp.path + "/cut.json", req], environment: Self.fresh)
        #expect(cut.status == 2)
        #expect(cut.err.contains("cut.json:"), "\(cut.err)")
    }

    /// The default raw folder is hidden, and a walked folder with a catalogue manifest is
    /// skipped: only the request is linted.
    @Test func aWalkSkipsRawCatalogues() throws {
        let tmp = try TempDir()
        try tmp.write(
            ".tcpglint/catalogue/manifest.yaml", "version: 1\nsite: intl\ncaptured: 2026-11-28T09:14:00Z\nfiles: []\n")
        try tmp.write(".tcpglint/catalogue/regions.json", "{\"RegionSet\": []}\n")
        try tmp.write("saved/manifest.yaml", "version: 1\nsite: intl\ncaptured: 2026-11-28T09:14:00Z\nfiles: []\n")
        try tmp.write("saved/regions.json", "{\"RegionSet\": []}\n")
        try tmp.write("req.yaml", readText("testdata/catalogue/requests/spec-sold.yaml") ?? "")
        let r = runCLI(["lint", "--fail-level", "info", tmp.path])
        #expect(r.out.hasSuffix("in 1 of 1 file\n"), "\(r.out)")
        #expect(!r.out.contains("regions.json"))
    }

    /// `catalogue:` in a config is relative to it, the nearest config wins, and the flag wins
    /// over every config; `catalogue-max-age` likewise.
    @Test func configsNameTheCatalogue() throws {
        let tmp = try TempDir()
        let intl = readText(Self.built) ?? ""
        let china = readText("testdata/catalogue/goldens/china.catalogue.json") ?? ""
        try tmp.write(".cat/intl.json", intl)
        try tmp.write(".cat/china.json", china)
        try tmp.write(".tcpglint.yaml", "catalogue: .cat/intl.json\n")
        try tmp.write("sub/.tcpglint.yaml", "catalogue: ../.cat/china.json\ncatalogue-max-age: 1\n")
        let request = readText("testdata/catalogue/requests/spec-not-sold.yaml") ?? ""
        try tmp.write("top.yaml", request)
        try tmp.write("sub/low.yaml", request)
        let r = runCLI(["lint", "--fail-level", "info", tmp.path], environment: Self.fresh)
        let lines = r.out.split(separator: "\n").map(String.init)
        // The top file against intl (pg.it.large9 not sold in ap-guangzhou-3 for 15) …
        #expect(lines.contains { $0.contains("top.yaml") && $0.contains("(catalogue-spec-code)") }, "\(r.out)")
        // … the lower one against china, stale at one day, whose DescribeZones lacks ap-guangzhou-3.
        #expect(lines.contains { $0.contains("china.json") && $0.contains("(catalogue-stale)") }, "\(r.out)")
        #expect(lines.contains { $0.contains("low.yaml") && $0.contains("(catalogue-zone)") }, "\(r.out)")
        let flag = runCLI(
            ["lint", "--fail-level", "info", "--catalogue", tmp.path + "/.cat/intl.json", tmp.path],
            environment: Self.fresh)
        #expect(flag.out.components(separatedBy: "(catalogue-spec-code)").count == 3, "\(flag.out)")
        // The flag names the file; the lower file's maximum age is still its config's: one day.
        #expect(flag.out.components(separatedBy: "(catalogue-stale)").count == 2, "\(flag.out)")
    }

    /// `catalogue status`: text and JSON, 0 when fresh, 1 when stale, 2 when unreadable.
    @Test func status() throws {
        let text = runCLI(["catalogue", "status", Self.built], environment: Self.fresh)
        #expect(text.status == 0)
        expectGolden(text.out, path: "testdata/catalogue/goldens/status.out")
        let json = runCLI(["catalogue", "status", "--format", "json", Self.built], environment: Self.late)
        #expect(json.status == 1)
        expectGolden(json.out, path: "testdata/catalogue/goldens/status.json")
        let missing = runCLI(["catalogue", "status", "nowhere.json"], environment: Self.fresh)
        #expect(missing.status == 2)
    }

    /// `lint catalogue` lints a folder named catalogue; `catalogue` alone is the subcommand.
    @Test func aFolderNamedCatalogueNeedsLint() throws {
        let tmp = try TempDir()
        try tmp.write("catalogue/req.yaml", readText("testdata/catalogue/requests/spec-sold.yaml") ?? "")
        let r = runCLI(["lint", "--fail-level", "info", tmp.path + "/catalogue"])
        #expect(r.out.hasSuffix("in 1 of 1 file\n"), "\(r.out)")
        let help = runCLI(["catalogue"])
        #expect(help.out.contains("build") && help.out.contains("status"), "\(help.out)")
    }
}
