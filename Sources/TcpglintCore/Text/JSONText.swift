/// JSON text helpers.
public enum JSON {
    /// A JSON string literal, escaped as RFC 8259 requires (and U+2028/U+2029 for safety).
    public static func string(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal: runs of bytes that need no escape are copied whole
    /// (U+2028 and U+2029, escaped for safety, are E2 80 A8/A9).
    public static func append(_ s: String, to out: inout String) {
        out.append("\"")
        var copy = s
        copy.withUTF8 { bytes in
            var start = 0
            var i = 0
            func flush(_ end: Int) {
                if end > start {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
            }
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    i += 1
                    continue
                }
                var escape: String?
                var width = 1
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20: escape = JSON.unicodeEscape(UInt32(b))
                case 0xE2
                where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = JSON.unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: break
                }
                if let escape {
                    flush(i)
                    out.append(escape)
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            flush(bytes.count)
        }
        out.append("\"")
    }

    static func unicodeEscape(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }
}
