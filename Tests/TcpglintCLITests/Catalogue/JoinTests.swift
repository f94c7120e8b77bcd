import TcpglintCore
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// Targets joined to catalogue values (`SpecCode@cpu`, `Zone@state`): how they parse, and a
/// policy on each kind of value, with the pack's example catalogue and without one.
@Suite struct JoinTests {
    static let fresh = ["SOURCE_DATE_EPOCH": "1796083200"]
    static let policy = "testdata/catalogue/joins/policy.yaml"
    static let requests = testdataFiles("testdata/catalogue/joins").filter { $0 != policy }

    @Test func joinsParse() {
        #expect(PatternComponent.parse(path: "SpecCode@cpu") == [.key("SpecCode"), .joined("cpu")])
        #expect(
            PatternComponent.parse(path: "DBNodeSet[*].Zone@standbyZones[*]")
                == [.key("DBNodeSet"), .anyIndex, .key("Zone"), .joined("standbyZones"), .anyIndex])
        #expect(
            PatternComponent.parse(path: "Zone@standbyZones[0]") == [.key("Zone"), .joined("standbyZones"), .index(0)])
        for bad in ["@cpu", "SpecCode@", "SpecCode@cpu.x", "SpecCode@cpu@qps", "SpecCode@c-pu", "Zone@state[", "$@cpu"]
        {
            #expect(PatternComponent.parse(path: bad) == nil, "\(bad)")
        }
    }

    /// Each request passes or fails the policy as its first line says; only its own rules and
    /// the catalogue's report anything.
    @Test(arguments: requests)
    func withTheExampleCatalogue(_ path: String) throws {
        let r = runCLI(
            [
                "lint", "--fail-level", "info", "--policy", Self.policy, "--catalogue", "rules/example-catalogue.json",
                path,
            ], environment: Self.fresh)
        #expect(r.err == "")
        let name = Paths.baseName(path).replacingOccurrences(of: ".yaml", with: ".out")
        expectGolden(r.out, path: "testdata/catalogue/goldens/joins/\(name)")
        let comment = readText(path)?.split(separator: "\n").first ?? ""
        #expect(comment.hasPrefix("# passes") != r.out.contains("(joins-"), "\(r.out)")
        #expect(!r.out.contains("(catalogue-required)"))
    }

    /// Without a catalogue no join rule runs: each says so once for the whole run, at the
    /// severity its `requires:` gives.
    @Test func withoutACatalogue() {
        let r = runCLI(
            ["lint", "--fail-level", "info", "--policy", Self.policy] + Self.requests, environment: Self.fresh)
        #expect(r.err == "")
        expectGolden(r.out, path: "testdata/catalogue/goldens/joins/without.out")
        #expect(!r.out.contains("(joins-"))
        let required = r.out.split(separator: "\n").filter { $0.hasSuffix("(catalogue-required)") }
        #expect(required.count == 6)
        #expect(required.filter { $0.contains(": warning: rule joins-node-state requires a catalogue") }.count == 1)
    }
}
