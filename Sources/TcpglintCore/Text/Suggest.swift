/// "Did you mean": the closest candidate to a misspelt name or value.
public enum Suggest {
    /// The best candidate for `input`, or nil when none is close enough.
    ///
    /// In order: a case-only difference; a candidate that the input starts or ends with
    /// (`InstanceName` → `Name`, `DBNodeSet.0.Role` → `DBNodeSet`), or that starts or ends with
    /// the input (`Key` → `TagKey`);
    /// otherwise the smallest edit distance (case-insensitive, transpositions count as one),
    /// if it is at most a third of the longer name; otherwise, with `sharedAffix` (for parameter
    /// names), the longest shared affix: a prefix of at least 3 characters (`Tags` → `TagList`)
    /// or a last word, from a capital letter (`EngineVersion` → `DBVersion`), the shorter
    /// candidate on a tie.
    public static func closest(to input: String, in unordered: [String], sharedAffix affix: Bool = false) -> String? {
        guard !input.isEmpty, !unordered.isEmpty else { return nil }
        // Ties go to the first name in byte order, whatever order the caller's set had.
        let candidates = unordered.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let lower = input.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lower && $0 != input }) { return exact }
        var contained: [String] = []
        for c in candidates where c.count >= 4 && c != input {
            let lc = c.lowercased()
            if lower.hasPrefix(lc) || lower.hasSuffix(lc) || (lower.count >= 4 && lc.hasPrefix(lower))
                || (lower.count >= 3 && lc.hasSuffix(lower))
            {
                contained.append(c)
            }
        }
        if let best = contained.max(by: { $0.count < $1.count }) { return best }
        var best: (String, Int)? = nil
        let a = Array(lower.unicodeScalars)
        for c in candidates where c != input {
            let b = Array(c.lowercased().unicodeScalars)
            let d = distance(a, b)
            let allowed = max(1, max(a.count, b.count) / 3)
            if d <= allowed, best == nil || d < best!.1 { best = (c, d) }
        }
        if let best { return best.0 }
        return affix ? sharedAffix(input, candidates) : nil
    }

    /// The candidate sharing the longest prefix (3 characters or more, case-insensitive) or
    /// trailing capitalised word with `input`; on a tie the shorter, then the first.
    static func sharedAffix(_ input: String, _ candidates: [String]) -> String? {
        let a = Array(input.unicodeScalars)
        var best: (name: String, shared: Int)? = nil
        for c in candidates where c != input {
            let b = Array(c.unicodeScalars)
            var prefix = 0
            while prefix < min(a.count, b.count), lowered(a[prefix]) == lowered(b[prefix]) { prefix += 1 }
            var suffix = 0
            var word = 0
            while suffix < min(a.count, b.count), a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
                suffix += 1
                if a[a.count - suffix].properties.isUppercase { word = suffix }
            }
            let shared = max(prefix >= 3 ? prefix : 0, word >= 3 ? word : 0)
            guard shared > 0 else { continue }
            if let (name, n) = best, shared < n || (shared == n && b.count >= name.unicodeScalars.count) { continue }
            best = (c, shared)
        }
        return best?.name
    }

    private static func lowered(_ s: Unicode.Scalar) -> String { s.properties.lowercaseMapping }

    /// Optimal string alignment distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if a.count > 256 || b.count > 256 { return max(a.count, b.count) }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
