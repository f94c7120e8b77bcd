import TcpglintCore
import Testing

@Suite struct MessageTemplateTests {
    @Test func fillsPlaceholdersAndKeepsLiteralBraces() throws {
        let t = try MessageTemplate(parsing: "{param} {value}: {{x}} {hint}")
        #expect(t.render(["param": "Charset", "value": "\"a\""]) == "Charset \"a\": {x} ")
    }

    @Test(arguments: [("{nope}", 0), ("a {value", 2), ("a } b", 2)])
    func rejectsBadTemplatesWithTheOffset(_ text: String, _ offset: Int) {
        #expect(throws: MessageTemplate.ParseError.self) { try MessageTemplate(parsing: text) }
        do { _ = try MessageTemplate(parsing: text) } catch { #expect(error.offset == offset) }
    }
}

@Suite struct ValueTextTests {
    @Test func quotesAndEscapes() {
        #expect(ValueText.quote("a\"b\n") == "\"a\\\"b\\n\"")
        #expect(ValueText.quote("15.10", type: .float) == "15.10")
        #expect(ValueText.quote(String(repeating: "x", count: 70)).hasSuffix("…\""))
        #expect(ValueText.list(["UTF8", "LATIN1"]) == "UTF8 or LATIN1")
        #expect(ValueText.list(["a", "b", "c"], conjunction: "and") == "a, b and c")
        #expect(ValueText.character(" ") == "a space")
        #expect(ValueText.character("é") == "'é' (U+00E9)")
    }
}
