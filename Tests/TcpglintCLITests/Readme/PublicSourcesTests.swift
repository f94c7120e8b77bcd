import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// What users read names only documents they can open: no path of the developers' own
/// reference folder (`shared/…`, `error-codes.md`) in the pack, the README, any file under
/// testdata/ (the goldens among them), or the output of explain, the registry and SARIF; and
/// that output says where each rule's source can be read.
@Suite struct PublicSourcesTests {
    static let privateNames = ["shared/", "error-codes.md", "DECISIONS"]

    /// Every file under `dir`, relative to the package root, sorted.
    static func files(under dir: String) -> [String] {
        _ = packageRoot
        var out: [String] = []
        for name in ((try? FileSystem.listDirectory(dir)) ?? []).sorted() where !name.hasPrefix(".") {
            let path = dir + "/" + name
            switch FileSystem.kind(path) {
            case .directory: out += files(under: path)
            case .regular: out.append(path)
            default: break
            }
        }
        return out
    }

    static func privateNames(in text: String) -> [String] { privateNames.filter { text.contains($0) } }

    @Test func thePackTheReadmeAndTestdataNameNoPrivateFile() {
        let paths = Self.files(under: "rules") + ["README.md"] + Self.files(under: "testdata")
        #expect(paths.count > 300)
        for path in paths {
            guard let text = readText(path) else {
                Issue.record("\(path) cannot be read")
                continue
            }
            for name in Self.privateNames(in: text) { Issue.record("\(path) names \(name), which users do not have") }
        }
    }

    @Test func explainSaysWhereEverySourceIsRead() throws {
        guard case .success(let set) = RulePackLoader.builtIn() else {
            Issue.record("the built-in pack does not load")
            return
        }
        #expect(set.rules.count >= 60)
        for rule in set.rules {
            let r = runCLI(["explain", rule.id])
            #expect(r.status == 0)
            #expect(Self.privateNames(in: r.out) == [], "explain \(rule.id)")
            let place = try #require(
                set.references[rule.source.ref]?.whereToRead, "\(rule.id) cites \(rule.source.ref)")
            // (A long place is wrapped: compared with every run of white space as one space.)
            func flat(_ t: String) -> String { t.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(flat(r.out).contains(flat(place)), "explain \(rule.id) does not say where its source is read")
        }
    }

    @Test func theRegistryAndSARIFSayWhereSourcesAreRead() {
        let registry = runCLI(["rules", "--format", "json"])
        #expect(registry.status == 0)
        #expect(Self.privateNames(in: registry.out) == [])
        #expect(registry.out.contains("\"url\": \"https://www.tencentcloud.com/document/product/409/40583\""))
        #expect(
            registry.out.contains(
                "\"pypi\": \"tccli==3.1.155.1\", \"file\": \"tccli/services/postgres/v20170312/api.json\""))

        let sarif = runCLI(["lint", "--format", "sarif", "testdata/cli/mixed.yaml"])
        #expect(sarif.status == 1)
        #expect(Self.privateNames(in: sarif.out) == [])
        #expect(sarif.out.contains("\"helpUri\": \"https://www.tencentcloud.com/document/product/409/40583\""))
        #expect(sarif.out.contains("\"helpUri\": \"https://pypi.org/project/tccli/3.1.155.1/\""))
    }
}
