/// A unified diff of a file and its fixed text (`--diff`), with three lines of context, in the
/// `a/` and `b/` form `git apply` and `patch -p1` read.
///
/// Fixes rewrite values within their lines, so the two texts usually have as many lines and the
/// changed ones are compared in place; when the counts differ, the diff is one hunk that
/// replaces every line (still a correct diff, only a long one). A line that holds a secret's
/// value (`masked`, 1-based, of the original) shows `(secret, not shown)` in its place, before
/// and after, and a diff that shows one is marked as not appliable in its `+++` line.
public enum UnifiedDiff {
    public static let context = 3
    public static let masked = "(secret, not shown)"

    public static func render(name: String, old: [UInt8], new: [UInt8], masking: Set<Int> = []) -> String {
        if old == new { return "" }
        let a = lines(old)
        let b = lines(new)
        var hunks: [(Int, Int, Int, Int)] = [] // old start, old count, new start, new count (0-based starts)
        if a.count == b.count {
            var changed = (0..<a.count).filter { a[$0] != b[$0] }
            while let first = changed.first {
                var last = first
                while let next = changed.first(where: { $0 > last }), next - last <= 2 * context { last = next }
                changed.removeAll { $0 <= last }
                let start = max(0, first - context)
                let end = min(a.count, last + context + 1)
                hunks.append((start, end - start, start, end - start))
            }
        } else {
            hunks = [(0, a.count, 0, b.count)]
        }
        var out = ""
        var hidden = false
        func shown(_ l: Line, _ line: Int) -> String {
            guard masking.contains(line) else { return render(l) }
            hidden = true
            return render(Line(text: masked, newline: l.newline))
        }
        for (oldStart, oldCount, newStart, newCount) in hunks {
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            if a.count == b.count {
                // A run of changed lines: its old lines, then its new ones.
                var i = oldStart
                while i < oldStart + oldCount {
                    if a[i] == b[i] {
                        out += " " + shown(a[i], i + 1)
                        i += 1
                        continue
                    }
                    var j = i
                    while j < oldStart + oldCount, a[j] != b[j] { j += 1 }
                    for k in i..<j { out += "-" + shown(a[k], k + 1) }
                    for k in i..<j { out += "+" + shown(b[k], k + 1) }
                    i = j
                }
            } else {
                for (i, l) in a.enumerated() { out += "-" + shown(l, i + 1) }
                // (Which new line holds the secret is not known: every line of the new text that
                // equals a masked old line is masked too.)
                let secrets = Set(masking.compactMap { $0 <= a.count ? a[$0 - 1].text : nil })
                for l in b {
                    if secrets.contains(l.text) { hidden = true }
                    out += "+" + render(secrets.contains(l.text) ? Line(text: masked, newline: l.newline) : l)
                }
            }
        }
        let header = "--- a/\(name)\n+++ b/\(name)\(hidden ? " (not appliable: a secret is not shown)" : "")\n"
        return header + out
    }

    struct Line: Equatable {
        var text: String
        var newline: Bool
    }

    static func lines(_ bytes: [UInt8]) -> [Line] {
        if bytes.isEmpty { return [] }
        var out: [Line] = []
        var start = 0
        for (i, c) in bytes.enumerated() where c == 0x0A {
            out.append(Line(text: String(decoding: bytes[start..<i], as: UTF8.self), newline: true))
            start = i + 1
        }
        if start < bytes.count {
            out.append(Line(text: String(decoding: bytes[start...], as: UTF8.self), newline: false))
        }
        return out
    }

    static func render(_ l: Line) -> String { l.text + (l.newline ? "\n" : "\n\\ No newline at end of file\n") }

    /// `start,count` as unified diffs write it: 1-based, and the line before an empty range.
    static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }
}
