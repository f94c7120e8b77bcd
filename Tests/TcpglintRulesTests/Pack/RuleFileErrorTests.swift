import TcpglintInput
import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// A malformed rule file is an error at file:line:col, never skipped: each case in
/// testdata/rulefiles/ is loaded with the built-in pack and its errors compared with its golden.
@Suite struct RuleFileErrorTests {
    static let root = packageRoot

    static let cases: [String] = {
        let names = (try? FileSystem.listDirectory(root + "/testdata/rulefiles")) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(arguments: cases)
    func ruleFileErrors(_ name: String) throws {
        let path = "testdata/rulefiles/" + name
        let bytes = try FileSystem.readFile(Self.root + "/" + path)
        let result = RulePackLoader.load(files: RulePackLoader.builtInFiles + [(name: path, bytes: bytes)])
        guard case .failure(let errors) = result else {
            Issue.record("\(name) loaded without an error")
            return
        }
        let actual = errors.errors.map { "\($0)\n" }.joined()
        expectGolden(actual, path: goldenPath(path))
    }

    @Test func theCasesExist() { #expect(Self.cases.count >= 6) }

    /// A fault in a message template is placed by characters, not bytes (a review regression).
    @Test func templateErrorsCountCharactersNotBytes() throws {
        let rule = """
            rules:
              - id: t
                code: Org.Check
                severity: error
                summary: s
                message: "名名名名名名名名名名 {valu}"
                target: Name
                check: {length: {max: 3}}
                source: {ref: PAGE, quote: "x"}
                examples: {valid: [{Name: a}], invalid: [{Name: b}]}
            """
        let r = RulePackLoader.load(
            files: RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") } + [
                (name: "t.yaml", bytes: Array(rule.utf8))
            ])
        guard case .failure(let e) = r else {
            Issue.record("loaded")
            return
        }
        #expect(e.errors.map { "\($0.location.line):\($0.location.column)" } == ["6:26"])
    }
}
