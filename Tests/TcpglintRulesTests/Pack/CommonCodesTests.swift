import TcpglintCore
import TcpglintRules
import TcpglintTestSupport
import Testing

/// The model's `common-codes:`: the common error codes page's list, with the reference it is
/// read from (the codes test in TcpglintCLITests checks the pack's codes against it).
@Suite struct CommonCodesTests {
    @Test func theCommonCodesAreThePagesListWithItsSource() throws {
        let model = pack.model
        #expect(model.commonCodes.count == 38)
        #expect(model.commonCodes.contains("AuthFailure.SignatureExpire"))
        let source = try #require(model.commonCodesSource)
        #expect(source == "COMMON")
        #expect(pack.references[source] != nil)
        for code in model.commonCodes {
            let first = String(code.prefix { $0 != "." })
            #expect(model.codeNamespaces.contains(first), "\(code) is not in a code namespace")
        }
    }

    @Test func commonCodesNamingAnUnknownReferenceIsAnErrorInThePack() throws {
        let files = try RulePackLoader.builtInFiles.map { file -> (name: String, bytes: [UInt8]) in
            guard file.name.hasSuffix("/model.yaml") else { return file }
            let text = String(decoding: file.bytes, as: UTF8.self)
            let changed = text.replacingOccurrences(of: "    source: COMMON\n", with: "    source: COMON\n")
            try #require(changed != text)
            return (file.name, Array(changed.utf8))
        }
        guard case .failure(let errors) = RulePackLoader.load(files: files) else {
            Issue.record("the pack loaded with an unknown common-codes source")
            return
        }
        let messages = errors.errors.map { "\($0)" }
        #expect(messages.count == 1)
        let line = try #require(
            String(
                decoding: RulePackLoader.builtInFiles.first { $0.name.hasSuffix("/model.yaml") }!.bytes, as: UTF8.self
            )
            .split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0 == "    source: COMMON" })
        #expect(
            messages.first?.hasSuffix(
                "model.yaml:\(line + 1):13: error: unknown reference \"COMON\"; did you mean \"COMMON\"?; define it under references"
            ) == true, "\(messages)")
    }
}
