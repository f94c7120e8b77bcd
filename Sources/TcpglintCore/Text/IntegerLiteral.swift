// MARK: - Integer literals

/// Integer literal helpers shared by the loaders and the checks.
public enum IntegerLiteral {
    /// `-?[0-9]+`: what a string must hold to be "an integer in quotes".
    public static func isDecimal(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        guard var c = it.next() else { return false }
        if c == UInt8(ascii: "-") {
            guard let n = it.next() else { return false }
            c = n
        }
        guard c >= 0x30 && c <= 0x39 else { return false }
        while let n = it.next() { guard n >= 0x30 && n <= 0x39 else { return false } }
        return true
    }

    /// A plain decimal literal of up to 18 digits (which always fits an `Int`), read without
    /// the general path: most integers in requests are such.
    @inline(__always)
    static func smallDecimal(_ s: String) -> Int? {
        var value = 0
        var count = 0
        var negative = false
        for b in s.utf8 {
            if count == 0, !negative, b == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard b >= 0x30, b <= 0x39, count < 18 else { return nil }
            value = value * 10 + Int(b - 0x30)
            count += 1
        }
        guard count > 0 else { return nil }
        return negative ? -value : value
    }

    /// The value of an integer literal (JSON: decimal; YAML 1.2 core: also `+`, `0o`, `0x`),
    /// or nil when it does not fit an `Int`.
    public static func parse(_ s: String, yaml: Bool) -> Int? {
        if let v = smallDecimal(s) { return v }
        let (negative, magnitude) = magnitude(s, plus: yaml, yaml: yaml)
        guard let magnitude else { return nil }
        if negative {
            return magnitude <= UInt64(Int.max) + 1
                ? (magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// Whether the literal fits the member type's 64-bit range.
    public static func fits(_ s: String, width: IntegerWidth, yaml: Bool) -> Bool {
        if let v = smallDecimal(s) { return width == .int64 || v >= 0 }
        let (negative, magnitude) = magnitude(s, plus: true, yaml: yaml)
        guard let magnitude else { return false }
        switch width {
        case .uint64: return !negative || magnitude == 0
        case .int64: return negative ? magnitude <= UInt64(Int64.max) + 1 : magnitude <= UInt64(Int64.max)
        }
    }

    /// The sign and the magnitude of a literal: `-`, or `+` where `plus` allows it, then decimal
    /// digits, or (in YAML) `0x` hexadecimal or `0o` octal ones; nil beyond 64 bits.
    static func magnitude(_ s: String, plus: Bool, yaml: Bool) -> (negative: Bool, magnitude: UInt64?) {
        var text = Substring(s)
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text = text.dropFirst()
        } else if plus, text.hasPrefix("+") {
            text = text.dropFirst()
        }
        var radix = 10
        if yaml, text.hasPrefix("0x") {
            radix = 16
            text = text.dropFirst(2)
        } else if yaml, text.hasPrefix("0o") {
            radix = 8
            text = text.dropFirst(2)
        }
        return (negative, UInt64(text, radix: radix))
    }
}
