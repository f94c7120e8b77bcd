// MARK: - Positions inside a scalar

extension Document {
    /// The source position of the byte at `innerOffset` of a scalar's decoded value.
    ///
    /// Offset 0 is the value's first character (after an opening quote). Exact for single-line
    /// scalars: plain ones, JSON strings and YAML double-quoted scalars (each escape maps to
    /// where it starts) and single-quoted ones (`''` is one quote); for the first line of a
    /// plain or quoted scalar written over several lines; and for block scalars (`|`, `>`), line
    /// by line. Past the first line break of a plain or quoted scalar, or in a synthetic node, it
    /// is the start of the scalar.
    public func position(of id: NodeID, atValueOffset innerOffset: Int) -> SourcePosition {
        let n = self[id]
        let start = n.range.start
        guard !n.synthetic, n.kind == .scalar, innerOffset >= 0 else { return start }
        let bytes = source.bytes
        let rawStart = start.offset
        let rawEnd = min(n.range.end.offset, bytes.count)
        guard rawStart < rawEnd else { return start }
        switch n.style {
        case .plain:
            var i = rawStart
            let target = rawStart + innerOffset
            while i < target {
                guard i < rawEnd, bytes[i] != 0x0A, bytes[i] != 0x0D else { return start }
                i += 1
            }
            return source.advance(start, to: target)
        case .doubleQuoted, .singleQuoted:
            var i = rawStart + 1
            var decoded = 0
            let single = n.style == .singleQuoted
            while decoded < innerOffset {
                guard i < rawEnd - 1 else { return start }
                let b = bytes[i]
                if b == 0x0A || b == 0x0D { return start }
                var rawLen = Document.utf8Length(lead: b)
                var decLen = rawLen
                if single, b == 0x27 {
                    rawLen = 2
                    decLen = 1
                } else if !single, b == 0x5C, i + 1 < rawEnd {
                    (rawLen, decLen) = Document.escapeLengths(bytes, at: i, end: rawEnd)
                    if rawLen == 0 { return start }
                }
                if decoded + decLen > innerOffset { break }
                decoded += decLen
                i += rawLen
            }
            return source.advance(start, to: i)
        case .literal, .folded:
            return blockPosition(n, innerOffset: innerOffset) ?? start
        default:
            return start
        }
    }

    /// A position inside a block scalar: each line of the value is a source line without its
    /// indentation. In a literal one (`|`) each line break is one; in a folded one (`>`) a break
    /// between two lines is one byte too (a space), but one followed by empty lines is replaced
    /// by them, unless a line on either side is more indented (then every break is kept).
    private func blockPosition(_ n: Node, innerOffset: Int) -> SourcePosition? {
        let folded = n.style == .folded
        let bytes = source.bytes
        let end = min(n.range.end.offset, bytes.count)
        var i = n.range.start.offset
        var indent = 0
        while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D {
            if bytes[i] >= 0x31, bytes[i] <= 0x39, indent == 0 { indent = Int(bytes[i] - 0x30) }
            if bytes[i] == UInt8(ascii: "#") { break }
            i += 1
        }
        while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        func skipBreak(_ k: inout Int) {
            if k < end, bytes[k] == 0x0D { k += 1 }
            if k < end, bytes[k] == 0x0A { k += 1 }
        }
        skipBreak(&i)
        if indent == 0 {
            // The indentation of the first line that is not blank.
            var k = i
            while k < end {
                var spaces = 0
                while k < end, bytes[k] == 0x20 {
                    k += 1
                    spaces += 1
                }
                if k < end, bytes[k] != 0x0A, bytes[k] != 0x0D {
                    indent = spaces
                    break
                }
                while k < end, bytes[k] != 0x0A, bytes[k] != 0x0D { k += 1 }
                skipBreak(&k)
            }
        } else {
            // The indicator counts from the parent's indentation: that of the header's line.
            var lineStart = n.range.start.offset
            while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
            var spaces = 0
            while lineStart + spaces < bytes.count, bytes[lineStart + spaces] == 0x20 { spaces += 1 }
            indent += spaces
        }
        guard indent > 0 else { return nil }
        var decoded = 0
        var emptyLines = 0
        var previousMoreIndented: Bool?
        while i < end {
            var k = i
            var skipped = 0
            while k < end, skipped < indent, bytes[k] == 0x20 {
                k += 1
                skipped += 1
            }
            let contentStart = k
            while k < end, bytes[k] != 0x0A, bytes[k] != 0x0D { k += 1 }
            let length = k - contentStart
            if folded, length == 0 {
                emptyLines += 1
            } else if folded {
                let moreIndented = bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09
                if previousMoreIndented == false, !moreIndented, emptyLines > 0 { decoded -= 1 }
                previousMoreIndented = moreIndented
                emptyLines = 0
            }
            if innerOffset < decoded + length {
                let lineStart = source.advance(n.range.start, to: contentStart)
                return source.advance(lineStart, to: contentStart + (innerOffset - decoded))
            }
            decoded += length + 1
            skipBreak(&k)
            i = k
        }
        return nil
    }

    static func utf8Length(lead b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b >> 5 == 0x6 { return 2 }
        if b >> 4 == 0xE { return 3 }
        if b >> 3 == 0x1E { return 4 }
        return 1
    }

    /// The raw and decoded lengths of the backslash escape at `i`; (0, 0) for a line continuation.
    static func escapeLengths(_ bytes: [UInt8], at i: Int, end: Int) -> (Int, Int) {
        let e = bytes[i + 1]
        func hexValue(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= end else { return nil }
            var v: UInt32 = 0
            for k in from..<(from + count) {
                guard let d = hexDigit(bytes[k]) else { return nil }
                v = v << 4 | d
            }
            return v
        }
        func scalarLength(_ v: UInt32) -> Int {
            v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        switch e {
        case UInt8(ascii: "x"):
            return (4, scalarLength(hexValue(i + 2, 2) ?? 0))
        case UInt8(ascii: "u"):
            guard let v = hexValue(i + 2, 4) else { return (2, 1) }
            if v >= 0xD800, v < 0xDC00, i + 11 < end, bytes[i + 6] == 0x5C, bytes[i + 7] == UInt8(ascii: "u"),
                let lo = hexValue(i + 8, 4), lo >= 0xDC00, lo < 0xE000
            {
                return (12, 4)
            }
            if v >= 0xD800, v < 0xE000 { return (6, 3) }
            return (6, scalarLength(v))
        case UInt8(ascii: "U"):
            return (10, scalarLength(hexValue(i + 2, 8) ?? 0xFFFD))
        case UInt8(ascii: "N"), UInt8(ascii: "_"):
            return (2, 2)
        case UInt8(ascii: "L"), UInt8(ascii: "P"):
            return (2, 3)
        case 0x0A, 0x0D:
            return (0, 0)
        default:
            return (2, 1)
        }
    }

    static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}
