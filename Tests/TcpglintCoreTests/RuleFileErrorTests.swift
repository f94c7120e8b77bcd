#if canImport(Glibc)
import Glibc
#endif
import Testing
import TcpglintInput
import TcpglintRules

/// A malformed rule file is an error at file:line:col, never skipped: each case in
/// testdata/rulefiles/ is loaded with the built-in pack and its errors compared with its golden.
@Suite struct RuleFileErrorTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

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
        let golden = Self.root + "/" + path.replacingSuffix(".yaml", with: ".out")
        let expected = (try? FileSystem.readFile(golden)).map { String(decoding: $0, as: UTF8.self) }
        if getenv("TCPGLINT_UPDATE_GOLDENS").map({ String(cString: $0) }) == "1", expected != actual {
            let fd = open(golden, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            FileSystem.write(actual, to: fd)
            close(fd)
            Issue.record("Recorded a new golden at \(golden)")
            return
        }
        #expect(actual == expected)
    }

    @Test func theCasesExist() { #expect(Self.cases.count >= 6) }
}

extension String {
    func replacingSuffix(_ suffix: String, with other: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + other : self
    }
}
