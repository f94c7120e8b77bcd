import TcpglintCore

// MARK: - Encoding

/// What a file's bytes must be before they are parsed: UTF-8 (a UTF-8 byte order mark is
/// allowed and dropped), not UTF-16 or UTF-32, and without NUL bytes (a binary file).
enum InputEncoding {
    /// `bytes` without a leading UTF-8 byte order mark.
    @inline(__always)
    static func withoutByteOrderMark(_ raw: [UInt8]) -> [UInt8] {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes
    }

    /// The first encoding fault: a UTF-16/32 byte order mark, invalid UTF-8 or a NUL byte. The
    /// message never names the byte: it is read before any parsing, so it may be a byte of a
    /// password (a Latin-1 `ü` is the byte 0xFC).
    static func firstProblem(in bytes: [UInt8]) -> InputProblem? {
        func problem(_ message: String, at offset: Int) -> InputProblem {
            let file = SourceFile(name: "", bytes: bytes)
            let pos = file.advance(.start, to: offset)
            return InputProblem(.encoding, document: 1, range: SourceRange(at: pos), message: message)
        }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return problem("the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8", at: 0)
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return problem("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", at: 0)
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return problem("the file holds a NUL byte; it looks binary, not like a request", at: i) }
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var value: UInt32 = 0
            switch b {
            case 0xC2...0xDF:
                need = 1
                value = UInt32(b & 0x1F)
                minimum = 0x80
            case 0xE0...0xEF:
                need = 2
                value = UInt32(b & 0x0F)
                minimum = 0x800
            case 0xF0...0xF4:
                need = 3
                value = UInt32(b & 0x07)
                minimum = 0x10000
            default:
                return problem(
                    "invalid UTF-8: a byte that cannot start a character (is the file in another encoding?)", at: i)
            }
            guard i + need < n else {
                return problem(
                    "invalid UTF-8: the file ends inside a character", at: i)
            }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else {
                    return problem(
                        k == 1
                            ? "invalid UTF-8: a character's first byte is not followed by a continuation byte"
                            : "invalid UTF-8: an incomplete character", at: i)
                }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (value >= 0xD800 && value < 0xE000) {
                return problem("invalid UTF-8: an overlong or surrogate encoding", at: i)
            }
            i += need + 1
        }
        return nil
    }
}
