extension PatternComponent {
    /// A parameter pattern as rule files and configs write it (`DBNodeSet[*].Zone`,
    /// `DBEngineConfig::defaultLocale`, `SpecCode@cpu`, `$` for the request), or nil when it is
    /// not one. A join (`@name`) follows a parameter; only `[*]` or `[N]` may follow it.
    public static func parse(path text: String) -> [PatternComponent]? {
        if text == "$" { return [] }
        if let at = text.firstIndex(of: "@") {
            let name = text[text.index(after: at)...].prefix { $0 != "[" }
            let rest = text[text.index(at, offsetBy: 1 + name.count)...]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                var out = parse(path: String(text[..<at])), !out.isEmpty, out.last != .embedded
            else { return nil }
            out.append(.joined(String(name)))
            if rest.isEmpty { return out }
            guard let tail = parse(path: "x" + rest), tail.count > 1 else { return nil }
            return out + tail.dropFirst()
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return parseASCII(Array(text.utf8)) }
        var out: [PatternComponent] = []
        var rest = Substring(text)
        var expectName = true
        while !rest.isEmpty {
            if rest.hasPrefix("::") {
                out.append(.embedded)
                rest = rest.dropFirst(2)
                expectName = true
                continue
            }
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if inner == "*" {
                    out.append(.anyIndex)
                } else if let n = Int(inner), n >= 0 {
                    out.append(.index(n))
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
                expectName = false
                continue
            }
            if rest.hasPrefix(".") {
                guard !expectName else { return nil }
                rest = rest.dropFirst()
                expectName = true
                continue
            }
            guard expectName else { return nil }
            let end = rest.firstIndex { $0 == "." || $0 == "[" || $0 == ":" } ?? rest.endIndex
            let name = rest[..<end]
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                return nil
            }
            out.append(.key(String(name)))
            rest = rest[end...]
            expectName = false
        }
        return expectName && !(out.last == .embedded) ? nil : out
    }

    /// `parse(path:)` for ASCII text, byte by byte (a letter or a digit is then an ASCII one).
    static func parseASCII(_ b: [UInt8]) -> [PatternComponent]? {
        var out: [PatternComponent] = []
        var i = 0
        var expectName = true
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "-")
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ":"), i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") {
                out.append(.embedded)
                i += 2
                expectName = true
                continue
            }
            if c == UInt8(ascii: "[") {
                guard let close = b[i...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
                let inner = String(decoding: b[(i + 1)..<close], as: UTF8.self)
                if inner == "*" {
                    out.append(.anyIndex)
                } else if let n = Int(inner), n >= 0 {
                    out.append(.index(n))
                } else {
                    return nil
                }
                i = close + 1
                expectName = false
                continue
            }
            if c == UInt8(ascii: ".") {
                guard !expectName else { return nil }
                i += 1
                expectName = true
                continue
            }
            guard expectName else { return nil }
            var end = i
            while end < b.count, b[end] != UInt8(ascii: "."), b[end] != UInt8(ascii: "["), b[end] != UInt8(ascii: ":") {
                end += 1
            }
            guard end > i, b[i..<end].allSatisfy(isNameByte) else { return nil }
            out.append(.key(String(decoding: b[i..<end], as: UTF8.self)))
            i = end
            expectName = false
        }
        return expectName && !(out.last == .embedded) ? nil : out
    }
}
