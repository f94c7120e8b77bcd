import TcpglintCore

/// Counts equal findings (same file, rule and parameter) in order, for fingerprints that do not
/// depend on line numbers. Findings come file by file, so only the current file's are kept.
struct Occurrences {
    private var file = ""
    private var seen: [String: Int] = [:]

    mutating func next(_ f: Finding) -> (key: String, n: Int) {
        if f.file != file {
            file = f.file
            seen.removeAll(keepingCapacity: true)
        }
        let key = "\(f.file)|\(f.rule)|\(f.path.description)"
        let n = seen[key, default: 0]
        seen[key] = n + 1
        return (key, n)
    }
}

/// A stable 128-bit fingerprint in hex: two FNV-1a 64 hashes with different offsets.
public enum Fingerprint {
    public static func hex(_ s: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x84222325_cbf29ce4
        for byte in s.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b ^ (b >> 29)
        }
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}
