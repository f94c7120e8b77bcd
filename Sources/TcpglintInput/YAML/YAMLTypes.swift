import TcpglintCore

/// Scalar typing: the YAML 1.2 core schema, and where YAML 1.1 would read a plain scalar
/// differently.
enum YAMLTypes {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// The type of a scalar under the YAML 1.2 core schema. Quoted and block scalars are
    /// strings; the standard tags override; any other tag is data only and does not change
    /// the type a plain scalar would have.
    static func resolve(_ value: String, style: NodeStyle, tag: String?) -> ScalarType {
        if let tag, tag.hasPrefix(tagPrefix) {
            switch tag.dropFirst(tagPrefix.count) {
            case "str": return .string
            case "null": return core(value) == .null ? .null : .string
            case "bool": return core(value) == .boolean ? .boolean : .string
            case "int": return core(value) == .integer ? .integer : .string
            case "float":
                let t = core(value)
                return t == .float || t == .integer ? .float : .string
            default: break
            }
        }
        if tag == "!" { return .string }
        guard style == .plain else { return .string }
        return core(value)
    }

    /// The type a standard tag asks for, or nil for another tag.
    static func standardType(_ tag: String) -> ScalarType? {
        guard tag.hasPrefix(tagPrefix) else { return nil }
        switch tag.dropFirst(tagPrefix.count) {
        case "str": return .string
        case "int": return .integer
        case "float": return .float
        case "bool": return .boolean
        case "null": return .null
        default: return nil
        }
    }

    /// `!!int` for `tag:yaml.org,2002:int`.
    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(tagPrefix) ? "!!" + tag.dropFirst(tagPrefix.count) : tag
    }

    /// The core schema's resolution of a plain scalar.
    static func core(_ s: String) -> ScalarType {
        // Most scalars are words: whatever does not start like a null, a boolean or a number is
        // a string, with no need to compare it with every keyword.
        guard let first = s.utf8.first else { return .null }
        if !mayBeCoreNonString(first) { return .string }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .float
        default: break
        }
        let b = Array(s.utf8)
        if isCoreInt(b) { return .integer }
        if isCoreFloat(b) { return .float }
        return .string
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Whether a plain scalar starting with `c` can be anything but a string in the core
    /// schema: `~`, `null`, `true`, `false` (any case variant), a number, `.inf` or `.nan`.
    static func mayBeCoreNonString(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return isDigit(c)
        }
    }

    /// Whether a plain scalar starting with `c` can be read by YAML 1.1 as anything but a string:
    /// `y`, `yes`, `on`, `off`, `no` and the core keywords, a number or a date.
    static func mayBeYAML11NonString(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return true
        default:
            return mayBeCoreNonString(c)
        }
    }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }

    static func isCoreInt(_ b: [UInt8]) -> Bool {
        if b.count > 2, b[0] == 0x30, b[1] == UInt8(ascii: "o") {
            return b[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x37 }
        }
        if b.count > 2, b[0] == 0x30, b[1] == UInt8(ascii: "x") { return b[2...].allSatisfy(isHex) }
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        return i < b.count && b[i...].allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isCoreFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        let intStart = i
        while i < b.count, isDigit(b[i]) { i += 1 }
        let intDigits = i - intStart
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let f = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if intDigits == 0 && i == f { return false }
        } else if intDigits == 0 {
            return false
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let e = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if i == e { return false }
        }
        return i == b.count
    }

    struct Difference {
        /// How YAML 1.2 reads it: "the string \"no\"".
        let yaml12: String
        /// How YAML 1.1 reads it: "the boolean false".
        let yaml11: String
        /// The YAML 1.1 type alone, for a redacted message: "a boolean".
        let yaml11Type: String
    }

    /// How a YAML 1.1 loader would read a plain scalar, when that differs from YAML 1.2.
    static func yaml11Difference(_ s: String, type: ScalarType) -> Difference? {
        // A string both versions read as a string (the common case), decided on its first byte.
        if type == .string, let first = s.utf8.first, !mayBeYAML11NonString(first) { return nil }
        // YAML 1.1 reads 2026-01-01 (and full date-times) as a timestamp.
        if type == .string, isTimestamp(Array(s.utf8)) {
            return Difference(yaml12: "the string \(ValueText.quote(s))", yaml11: "a date", yaml11Type: "a date")
        }
        let (type11, value11) = yaml11(s) ?? (.string, s)
        if type11 == type {
            guard type == .integer, let v12 = IntegerLiteral.parse(s, yaml: true), String(v12) != value11,
                value11 != s
            else { return nil }
            return Difference(
                yaml12: "the integer \(v12)", yaml11: "the integer \(value11)", yaml11Type: "another integer")
        }
        func describe(_ t: ScalarType, _ canonical: String) -> String {
            switch t {
            case .string: return "the string \(ValueText.quote(s))"
            case .boolean: return "the boolean \(canonical)"
            case .integer: return "the integer \(canonical)"
            case .float: return "the number \(canonical)"
            case .null: return "null"
            }
        }
        let canonical12: String
        switch type {
        case .integer: canonical12 = IntegerLiteral.parse(s, yaml: true).map(String.init) ?? s
        case .boolean: canonical12 = s.lowercased()
        default: canonical12 = s
        }
        return Difference(
            yaml12: describe(type, canonical12), yaml11: describe(type11, value11), yaml11Type: type11.noun)
    }

    /// YAML 1.1's type and canonical value for a plain scalar, where it is not a string.
    static func yaml11(_ s: String) -> (ScalarType, String)? {
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE":
            return (.boolean, "true")
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE":
            return (.boolean, "false")
        case "", "~", "null", "Null", "NULL":
            return (.null, "null")
        default:
            break
        }
        var b = Array(s.utf8)
        var negative = false
        if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            b.removeFirst()
        }
        guard !b.isEmpty else { return nil }
        let sign = negative ? "-" : ""
        func value(_ digits: ArraySlice<UInt8>, radix: Int) -> String? {
            let clean = String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard !clean.isEmpty else { return nil }
            // Beyond 64 bits it is still an integer to YAML 1.1; show decimal digits as written.
            guard let v = UInt64(clean, radix: radix) else {
                return sign + (radix == 16 ? "0x" : radix == 8 ? "0" : radix == 2 ? "0b" : "") + clean
            }
            return sign + String(v)
        }
        // Binary, hexadecimal, octal.
        if b.count > 2, b[0] == 0x30, b[1] == UInt8(ascii: "b"),
            b[2...].allSatisfy({ $0 == 0x30 || $0 == 0x31 || $0 == 0x5F })
        {
            return value(b[2...], radix: 2).map { (.integer, $0) }
        }
        if b.count > 2, b[0] == 0x30, b[1] == UInt8(ascii: "x"), b[2...].allSatisfy({ isHex($0) || $0 == 0x5F }) {
            return value(b[2...], radix: 16).map { (.integer, $0) }
        }
        if b.count > 1, b[0] == 0x30, b[1...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x37) || $0 == 0x5F }) {
            return value(b[1...], radix: 8).map { (.integer, $0) }
        }
        if b == [0x30] { return (.integer, "0") }
        if isDigit(b[0]), b[0] != 0x30, b.allSatisfy({ isDigit($0) || $0 == 0x5F }) {
            return value(b[...], radix: 10).map { (.integer, $0) }
        }
        // Sexagesimal integers: [1-9][0-9_]*(:[0-5]?[0-9])+
        if let colon = b.firstIndex(of: UInt8(ascii: ":")), isDigit(b[0]), b[0] != 0x30 {
            let head = b[..<colon]
            let parts = b[(colon + 1)...].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            if head.allSatisfy({ isDigit($0) || $0 == 0x5F }),
                parts.allSatisfy({ p in
                    (1...2).contains(p.count) && p.allSatisfy(isDigit) && (p.count == 1 || p.first! <= 0x35)
                }),
                var total = UInt64(String(decoding: head.filter { $0 != 0x5F }, as: UTF8.self))
            {
                for p in parts {
                    let (m, o1) = total.multipliedReportingOverflow(by: 60)
                    let (t, o2) = m.addingReportingOverflow(UInt64(String(decoding: p, as: UTF8.self))!)
                    if o1 || o2 { return nil }
                    total = t
                }
                return (.integer, sign + String(total))
            }
        }
        return yaml11Float(s, unsigned: b)
    }

    /// YAML 1.1's float reading of `s` (`b` is its bytes after the sign), or nil.
    static func yaml11Float(_ s: String, unsigned b: [UInt8]) -> (ScalarType, String)? {
        // Floats: [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? or \.[0-9_]+...; and .inf/.nan.
        switch s {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return (.float, s)
        default: break
        }
        if let dot = b.firstIndex(of: UInt8(ascii: ".")) {
            let head = b[..<dot]
            var rest = b[(dot + 1)...]
            var exponentOK = true
            if let e = rest.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
                let exp = rest[(e + 1)...]
                exponentOK =
                    exp.count >= 2 && (exp.first == UInt8(ascii: "-") || exp.first == UInt8(ascii: "+"))
                    && exp.dropFirst().allSatisfy(isDigit)
                rest = rest[..<e]
            }
            if exponentOK, head.allSatisfy({ isDigit($0) || $0 == 0x5F }), head.first.map(isDigit) ?? true,
                rest.allSatisfy({ isDigit($0) || $0 == 0x5F }), !(head.isEmpty && rest.isEmpty)
            {
                return (.float, s)
            }
        }
        return nil
    }

    /// YAML 1.1's timestamp: `YYYY-MM-DD`, or a date followed by a time.
    static func isTimestamp(_ b: [UInt8]) -> Bool {
        guard b.count >= 8, b.count <= 40, b.prefix(4).allSatisfy(isDigit), b[4] == UInt8(ascii: "-") else {
            return false
        }
        var i = 5
        func digits(_ lo: Int, _ hi: Int) -> Bool {
            let s = i
            while i < b.count, isDigit(b[i]), i - s < hi { i += 1 }
            return i - s >= lo
        }
        guard digits(1, 2), i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard digits(1, 2) else { return false }
        if i == b.count { return true }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 else { return false }
        i += 1
        return digits(1, 2) && i < b.count && b[i] == UInt8(ascii: ":")
    }
}
