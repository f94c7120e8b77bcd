/// Base64 (RFC 4648, with padding), for the pre-parsed pack.
enum Base64 {
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        return t
    }()

    static func decode(_ s: String) -> [UInt8]? {
        var text = s
        return text.withUTF8 { src -> [UInt8]? in
            table.withUnsafeBufferPointer { table -> [UInt8]? in
                var bad = false
                let out = [UInt8](unsafeUninitializedCapacity: src.count / 4 * 3 + 3) { dst, n in
                    var acc: UInt32 = 0
                    var bits = 0
                    n = 0
                    for c in src {
                        if c == UInt8(ascii: "=") { break }
                        let v = table[Int(c)]
                        if v == 0xFF {
                            bad = true
                            return
                        }
                        acc = acc << 6 | UInt32(v)
                        bits += 6
                        if bits >= 8 {
                            bits -= 8
                            dst[n] = UInt8(truncatingIfNeeded: acc >> UInt32(bits))
                            n += 1
                        }
                    }
                }
                return bad ? nil : out
            }
        }
    }
}
