// MARK: - Describing what a check allows, for messages

extension Evaluation {
    static func describeRange(_ lo: Int?, _ hi: Int?, unit: String) -> String {
        let plural = unit + "s"
        switch (lo, hi) {
        case (let l?, let h?) where l == h: return "exactly \(l) \(l == 1 ? unit : plural)"
        case (let l?, let h?): return "\(l) to \(h) \(plural)"
        case (let l?, nil): return "at least \(l) \(l == 1 ? unit : plural)"
        case (nil, let h?): return "at most \(h) \(h == 1 ? unit : plural)"
        default: return "any number of \(plural)"
        }
    }

    static func describeInteger(_ lo: Int?, _ hi: Int?, _ values: [Int]?, _ step: Int?) -> String {
        if let values {
            return values.count == 1 ? "\(values[0])" : ValueText.list(compress(values), limit: 20)
        }
        var s: String
        switch (lo, hi) {
        case (let l?, let h?): s = "an integer from \(l) to \(h)"
        case (let l?, nil): s = "an integer of at least \(l)"
        case (nil, let h?): s = "an integer of at most \(h)"
        default: s = "an integer"
        }
        if let step, step > 1 { s += " in steps of \(step)" }
        return s
    }

    /// `[1, 2, 3, 4, 12]` → `["1-4", "12"]`.
    static func compress(_ values: [Int]) -> [String] {
        let v = values.sorted()
        var out: [String] = []
        var i = 0
        while i < v.count {
            var j = i
            while j + 1 < v.count, v[j] < Int.max, v[j + 1] == v[j] + 1 { j += 1 }
            out.append(j - i >= 2 ? "\(v[i])–\(v[j])" : (i...j).map { "\(v[$0])" }.joined(separator: ", "))
            i = j + 1
        }
        return out
    }
}
