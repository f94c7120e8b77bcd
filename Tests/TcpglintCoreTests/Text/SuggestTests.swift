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

    /// When no edit is close enough: a shared prefix of 3 characters or more, or a shared last
    /// word; the shortest candidate on a tie.
    @Test(arguments: [("Tags", "TagList"), ("EngineVersion", "DBVersion"), ("AdminUser", "AdminName")])
    func fallsBackToASharedPrefixOrLastWord(_ input: String, _ expected: String) {
        let names = ["TagList", "DBVersion", "DBKernelVersion", "DBMajorVersion", "AdminName", "AdminPassword", "Name"]
        #expect(Suggest.closest(to: input, in: names, sharedAffix: true) == expected)
        #expect(Suggest.closest(to: input, in: names) == nil, "only parameter names fall back to affixes")
    }

    @Test func aSharedEndingThatIsNoWordSuggestsNothing() {
        #expect(Suggest.closest(to: "Location", in: ["Action", "DeletionProtection"], sharedAffix: true) == nil)
        #expect(Suggest.closest(to: "Tg", in: ["TagList"], sharedAffix: true) == nil)
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
