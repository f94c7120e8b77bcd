/// A unified diff of a file and its fixed text (`--diff`), with three lines of context, in the
/// `a/` and `b/` form `git apply` and `patch -p1` read.
///
/// The lines the two texts share at the start and the end are set aside, and the rest is
/// compared by a longest common subsequence (or, past a few million pairs of lines, replaced
/// whole: still a correct diff, only a long one). A line that holds a secret's value shows
/// `(secret, not shown)` in its place (`masking` counts lines of the old text, `maskingNew`
/// of the new one, both 1-based), and a diff that shows one is marked as not appliable in its
/// `+++` line.
public enum UnifiedDiff {
    public static let context = 3
    public static let masked = "(secret, not shown)"
    /// The most pairs of lines compared by the subsequence; a longer middle is replaced whole.
    static let maxPairs = 4_000_000

    public static func render(
        name: String, old: [UInt8], new: [UInt8], masking: Set<Int> = [], maskingNew: Set<Int>? = nil
    ) -> String {
        if old == new { return "" }
        let a = lines(old)
        let b = lines(new)
        let ops = script(a, b)
        // Every change, with its context, grouped into hunks that share context.
        var changed: [Int] = []
        for (i, op) in ops.enumerated() where op.kind != .same { changed.append(i) }
        var out = ""
        var hidden = false
        let newMask = maskingNew ?? masking
        func shown(_ l: Line, secret: Bool) -> String {
            guard secret else { return render(l) }
            hidden = true
            return render(Line(text: masked, newline: l.newline))
        }
        var k = 0
        while k < changed.count {
            var last = changed[k]
            var j = k + 1
            while j < changed.count, changed[j] - last <= 2 * context {
                last = changed[j]
                j += 1
            }
            let start = max(0, changed[k] - context)
            let end = min(ops.count, last + context + 1)
            let slice = ops[start..<end]
            let oldStart = slice.first!.old
            let newStart = slice.first!.new
            let oldCount = slice.filter { $0.kind != .insert }.count
            let newCount = slice.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for op in slice {
                switch op.kind {
                case .same:
                    out += " " + shown(a[op.old], secret: masking.contains(op.old + 1) || newMask.contains(op.new + 1))
                case .delete: out += "-" + shown(a[op.old], secret: masking.contains(op.old + 1))
                case .insert: out += "+" + shown(b[op.new], secret: newMask.contains(op.new + 1))
                }
            }
            k = j
        }
        let header = "--- a/\(name)\n+++ b/\(name)\(hidden ? " (not appliable: a secret is not shown)" : "")\n"
        return header + out
    }

    struct Line: Equatable {
        var text: String
        var newline: Bool
    }

    /// One line of the edit script: kept, removed from the old text, or added from the new one,
    /// with the 0-based line of each text it stands at.
    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var old: Int
        var new: Int
    }

    /// The edit script from `a` to `b`: shared first and last lines kept, the middle by a longest
    /// common subsequence, deletions before insertions in each run of changes.
    static func script(_ a: [Line], _ b: [Line]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, old: $0, new: $0) }
        let n = a.count - prefix - suffix
        let m = b.count - prefix - suffix
        if n > 0, m > 0, n * m <= maxPairs {
            // lcs[i][j]: the longest common subsequence of a[prefix+i...] and b[prefix+j...].
            let w = m + 1
            var lcs = [Int32](repeating: 0, count: (n + 1) * w)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * w + j] =
                        a[prefix + i] == b[prefix + j]
                        ? lcs[(i + 1) * w + j + 1] + 1 : max(lcs[(i + 1) * w + j], lcs[i * w + j + 1])
                }
            }
            var i = 0
            var j = 0
            var deletes: [Op] = []
            var inserts: [Op] = []
            func flush() {
                ops += deletes + inserts
                deletes = []
                inserts = []
            }
            while i < n || j < m {
                if i < n, j < m, a[prefix + i] == b[prefix + j] {
                    flush()
                    ops.append(Op(kind: .same, old: prefix + i, new: prefix + j))
                    i += 1
                    j += 1
                } else if j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
                    deletes.append(Op(kind: .delete, old: prefix + i, new: prefix + j))
                    i += 1
                } else {
                    inserts.append(Op(kind: .insert, old: prefix + i, new: prefix + j))
                    j += 1
                }
            }
            flush()
        } else {
            ops += (0..<n).map { Op(kind: .delete, old: prefix + $0, new: prefix) }
            ops += (0..<m).map { Op(kind: .insert, old: prefix + n, new: prefix + $0) }
        }
        ops += (0..<suffix).map { Op(kind: .same, old: a.count - suffix + $0, new: b.count - suffix + $0) }
        return ops
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
