import TcpglintCore
import Testing

@Suite struct IntegerLiteralTests {
    @Test func parsesAndBoundsLiterals() {
        #expect(IntegerLiteral.parse("0x1F", yaml: true) == 31)
        #expect(IntegerLiteral.parse("0x1F", yaml: false) == nil)
        #expect(IntegerLiteral.parse("-9223372036854775808", yaml: false) == Int.min)
        #expect(IntegerLiteral.parse("9223372036854775808", yaml: false) == nil)
        #expect(IntegerLiteral.fits("18446744073709551615", width: .uint64, yaml: false))
        #expect(!IntegerLiteral.fits("18446744073709551616", width: .uint64, yaml: false))
        #expect(!IntegerLiteral.fits("-1", width: .uint64, yaml: false))
        #expect(IntegerLiteral.fits("-9223372036854775808", width: .int64, yaml: false))
        #expect(IntegerLiteral.isDecimal("-12") && !IntegerLiteral.isDecimal("1.0") && !IntegerLiteral.isDecimal("+1"))
    }
}
