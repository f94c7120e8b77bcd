import TcpglintRules
import Testing

/// The globs of config files.
@Suite struct GlobTests {
    /// Many `**` segments stay linear, not exponential (a review regression); the common forms match.
    @Test func globsWithManyGlobstarsStayFast() {
        let g = Glob(Array(repeating: "**", count: 12).joined(separator: "/") + "/nomatch")
        let deep = Array(repeating: "d", count: 40).joined(separator: "/") + "/r.yaml"
        #expect(!g.matches(deep))
        #expect(Glob("prod/**").matches("prod/a/b.yaml") && Glob("**/*.json").matches("a.json"))
        #expect(Glob("*.yaml").matches("x/y/z.yaml") && !Glob("prod/*.yaml").matches("prod/a/b.yaml"))
        #expect(Glob("dev/legacy-*.json").matches("dev/legacy-billing.json") && Glob("[a-c]?.json").matches("b1.json"))
    }
}
