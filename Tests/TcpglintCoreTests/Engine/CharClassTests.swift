import TcpglintCore
import Testing

/// A character class answers from its ASCII table as its characters and pattern do, and from
/// the pattern itself beyond ASCII.
@Suite struct CharClassTests {
    @Test func asciiAndBeyondAnswerAsThePatternAndCharacters() throws {
        let han = CharClass(name: "a Chinese character", chars: [], regex: try Regex(#"\p{Han}"#), display: "")
        let english = CharClass(name: "an English letter", chars: [], regex: try Regex("[A-Za-z]"), display: "")
        let marks = CharClass(name: "_ or -", chars: ["_", "-"], regex: nil, display: "_-")
        let letters = (0..<128).compactMap { Unicode.Scalar(UInt8($0)) }.filter { english.contains($0) }
        #expect(String(String.UnicodeScalarView(letters)) == "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        #expect((0..<128).filter { marks.contains(Unicode.Scalar(UInt8($0))) } == [45, 95])
        #expect((0..<128).allSatisfy { !han.contains(Unicode.Scalar(UInt8($0))) })
        #expect(han.contains("苏") && !han.contains("ü") && !english.contains("ü") && !english.contains("\u{7F}"))
    }
}
