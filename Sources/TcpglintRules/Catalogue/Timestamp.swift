// MARK: - Times

/// RFC 3339 times in UTC (`2026-11-28T09:14:00Z`, seconds optional fractions), as seconds since 1970.
public enum Timestamp {
    public static func parse(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let y = digits(0..<4), let mo = digits(5..<7), let d = digits(8..<10), let h = digits(11..<13),
            let mi = digits(14..<16), let s = digits(17..<19)
        else { return nil }
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21, digits(20..<(b.count - 1)) != nil else { return nil }
        }
        guard (1970...9999).contains(y), (1...12).contains(mo), d >= 1, d <= daysIn(mo, y), h < 24, mi < 60, s < 60
        else { return nil }
        return days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s
    }

    static func leap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(_ m: Int, _ y: Int) -> Int {
        [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Days from 1970-01-01 to the date.
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        var n = 0
        for year in 1970..<y { n += leap(year) ? 366 : 365 }
        for month in 1..<m { n += daysIn(month, y) }
        return n + d - 1
    }

    /// The date of an instant, `YYYY-MM-DD`.
    public static func day(_ epoch: Int) -> String {
        var rest = epoch / 86_400
        var y = 1970
        while rest >= (leap(y) ? 366 : 365) {
            rest -= leap(y) ? 366 : 365
            y += 1
        }
        var m = 1
        while rest >= daysIn(m, y) {
            rest -= daysIn(m, y)
            m += 1
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(rest + 1))"
    }
}
