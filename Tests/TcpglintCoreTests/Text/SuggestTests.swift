import TcpglintCore
import Testing

@Suite struct SuggestTests {
    @Test(arguments: [
        ("InstanceName", "Name"), ("zone", "Zone"), ("DefaultLocale", "defaultLocale"), ("Chrset", "Charset"),
        ("DBNodeSet.0.Role", "DBNodeSet"), ("SpecCod", "SpecCode"), ("AdminPasword", "AdminPassword"),
    ])
    func findsTheIntendedName(_ input: String, _ expected: String) {
        let names = [
            "Name", "Zone", "defaultLocale", "Charset", "DBNodeSet", "SpecCode", "AdminPassword", "AdminName",
            "Storage",
        ]
        #expect(Suggest.closest(to: input, in: names) == expected)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggest.closest(to: "Weight", in: ["Role", "Zone", "DedicatedClusterId"]) == nil)
        #expect(Suggest.closest(to: "", in: ["Role"]) == nil)
    }

    /// The same answer whatever the order of the candidates (a review regression).
    @Test func suggestionsDoNotDependOnTheOrderOfTheCandidates() {
        let names = ["spec-code-known", "spec-code-empty"]
        #expect(Suggest.closest(to: "spec-co", in: names) == Suggest.closest(to: "spec-co", in: names.reversed()))
    }
}
