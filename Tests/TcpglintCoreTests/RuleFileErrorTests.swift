#if canImport(Glibc)
import Glibc
#endif
import Testing
import TcpglintInput
import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport

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
}
