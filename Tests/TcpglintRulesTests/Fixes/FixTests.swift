import TcpglintCore
import TcpglintTestSupport
import Testing

/// Fixes computed by the checks, and applied to the bytes: where the text is certain and YAML
/// lets the value be rewritten alone, and nowhere else.
@Suite struct FixTests {
    static let base = """
        Region: ap-guangzhou
        Zone: ap-guangzhou-3
        SpecCode: pg.it.small2
        Storage: 100
        InstanceCount: 1
        Period: 1
        Charset: UTF8
        AdminName: pgadmin1
        AdminPassword: "${PG_ADMIN_PASSWORD}"
        DBMajorVersion: "15"
        VpcId: vpc-8e0ypm3z
        SubnetId: subnet-bthucmmy

        """

    /// The fixes of the findings of a YAML request: rule, applicability and the fixed text.
    static func fixes(_ text: String, name: String = "r.yaml") -> [(
        rule: String, kind: FixApplicability, fixed: String
    )] {
        lint(pack, text, name: name).compactMap { f in
            guard let fix = f.fix else { return nil }
            let out = FixApplier.apply([fix], to: Array(text.utf8), level: .displayOnly).bytes
            return (f.rule, fix.applicability, String(decoding: out, as: UTF8.self))
        }
    }

    static func with(_ key: String, _ value: String) -> String {
        base.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(key + ":") ? Substring("\(key): \(value)") : $0 }.joined(separator: "\n")
    }

    @Test(arguments: [
        ("Charset", "utf8", "UTF8"), ("Charset", "'utf8'", "'UTF8'"), ("Charset", "\"latin1\"", "\"LATIN1\""),
        ("Storage", "\"100\"", "100"), ("InstanceCount", "'1'", "1"), ("DBMajorVersion", "15", "\"15\""),
    ])
    func safeFixes(_ key: String, _ written: String, _ fixed: String) {
        let text = Self.with(key, written)
        let found = Self.fixes(text).filter { $0.kind == .safe }
        #expect(found.count == 1, "\(found.map(\.rule))")
        #expect(found.first?.fixed == Self.with(key, fixed))
    }

    /// The new string is the source text, never the number a loader reads.
    @Test func aNumberIsQuotedAsWritten() {
        let text = Self.base + "DBVersion: 15.10\n"
        let found = Self.fixes(text).filter { $0.rule == "number-for-string" }
        #expect(found.map(\.fixed) == [Self.base + "DBVersion: \"15.10\"\n"])
    }

    /// No safe fix for what is not canonical, nor for what YAML shares or marks.
    @Test(arguments: [
        ("Storage", "\"0100\""), ("Storage", "\"+100\""), ("Storage", "\"18446744073709551616\""),
        ("Charset", "!!str utf8"), ("Charset", "&c utf8"), ("Charset", "|-\n  utf8"),
    ])
    func noSafeFix(_ key: String, _ written: String) {
        #expect(Self.fixes(Self.with(key, written)).filter { $0.kind == .safe }.map(\.rule) == [])
    }

    @Test func aBooleanIsFixedOnlyWhenCanonical() {
        let lower = Self.fixes(Self.base + "DeletionProtection: \"true\"\n").filter { $0.kind == .safe }
        #expect(lower.map(\.fixed) == [Self.base + "DeletionProtection: true\n"])
        #expect(Self.fixes(Self.base + "DeletionProtection: \"True\"\n").filter { $0.kind == .safe }.isEmpty)
    }

    /// A "did you mean" that is not case-only is display-only, and the applier never applies it.
    @Test func aSuggestionIsDisplayOnly() {
        let text = Self.with("Charset", "UTF-8")
        let f = lint(pack, text, name: "r.yaml").first { $0.rule == "charset" }
        #expect(f?.fix?.applicability == .displayOnly)
        let applied = FixApplier.apply(f?.fix.map { [$0] } ?? [], to: Array(text.utf8), level: .displayOnly)
        #expect(applied.applied.isEmpty && applied.bytes == Array(text.utf8))
    }

    /// A secret is never edited: its only fix is plaintext-secret's suggestion, with no edit.
    @Test func aSecretHasNoEdit() {
        let text = Self.with("AdminPassword", "12345678901234")
        let atSecret = lint(pack, text, name: "r.yaml").filter {
            $0.path.description == "AdminPassword" && $0.fix != nil
        }
        #expect(atSecret.map(\.rule) == ["plaintext-secret"])
        #expect(atSecret.first?.fix?.applicability == .displayOnly && atSecret.first?.fix?.edits == [])
        #expect(atSecret.first?.fix?.description.contains("${PG_ADMIN_PASSWORD}") == true)
    }

    /// JSON keeps its quotes; the bytes outside the edits are the original's.
    @Test func jsonBytesOutsideTheEditsStay() {
        let text = "{\"Region\": \"ap-guangzhou\",\r\n \"Charset\": \"utf8\", \"Storage\": \"20\"}"
        let fixes = lint(pack, text).compactMap(\.fix).filter { $0.applicability == .safe }
        let out = FixApplier.apply(fixes, to: Array(text.utf8), level: .safe)
        #expect(out.applied.count == 2)
        #expect(
            String(decoding: out.bytes, as: UTF8.self)
                == "{\"Region\": \"ap-guangzhou\",\r\n \"Charset\": \"UTF8\", \"Storage\": 20}")
    }

    /// Overlapping fixes: the first is applied, the other left for the next round.
    @Test func overlappingEditsAreNotBothApplied() {
        let at = SourceRange(at: SourcePosition(line: 1, column: 1, offset: 0))
        let a = Fix(
            applicability: .safe, description: "a",
            edits: [FixEdit(range: at, byteOffset: 0, byteLength: 3, replacement: "x")])
        let b = Fix(
            applicability: .safe, description: "b",
            edits: [FixEdit(range: at, byteOffset: 2, byteLength: 2, replacement: "y")])
        let c = Fix(
            applicability: .unsafe, description: "c",
            edits: [FixEdit(range: at, byteOffset: 5, byteLength: 1, replacement: "z")])
        let safe = FixApplier.apply([b, a, c], to: Array("abcdef".utf8), level: .safe)
        #expect(String(decoding: safe.bytes, as: UTF8.self) == "xdef" && safe.applied.map(\.description) == ["a"])
        let unsafe = FixApplier.apply([a, c], to: Array("abcdef".utf8), level: .unsafe)
        #expect(String(decoding: unsafe.bytes, as: UTF8.self) == "xdez")
    }
}
