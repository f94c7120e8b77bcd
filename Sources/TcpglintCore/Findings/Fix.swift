// MARK: - Fixes: what a finding says the file should read instead
//
// The model is ruff's: a fix has an applicability, a description and edits; each edit is a
// byte range of the file as read and its replacement. A check computes the fix from its own
// options (rules stay data), and only where the new text is certain.

/// How sure a fix is.
public enum FixApplicability: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// A suggestion: shown, never applied.
    case displayOnly = 0
    /// The meaning is very probably what was intended, but a choice was made, or layout is lost.
    case unsafe = 1
    /// The request then means exactly what the author wrote, in its documented spelling, and no
    /// other byte of the file changes.
    case safe = 2

    public var description: String {
        switch self {
        case .displayOnly: return "display-only"
        case .unsafe: return "unsafe"
        case .safe: return "safe"
        }
    }

    public static func < (a: FixApplicability, b: FixApplicability) -> Bool { a.rawValue < b.rawValue }
}

/// One replacement: the bytes `byteOffset ..< byteOffset + byteLength` of the file as read (a
/// BOM counted), and where they are.
public struct FixEdit: Hashable, Sendable {
    public var range: SourceRange
    public var byteOffset: Int
    public var byteLength: Int
    public var replacement: String

    public init(range: SourceRange, byteOffset: Int, byteLength: Int, replacement: String) {
        self.range = range
        self.byteOffset = byteOffset
        self.byteLength = byteLength
        self.replacement = replacement
    }

    public var bytes: Range<Int> { byteOffset..<(byteOffset + byteLength) }
}

/// A finding's fix.
public struct Fix: Hashable, Sendable {
    public var applicability: FixApplicability
    /// What the fix does, for `--show-fixes` and the reporters ("write PREPAID").
    public var description: String
    /// Sorted by offset, none overlapping another.
    public var edits: [FixEdit]

    public init(applicability: FixApplicability, description: String, edits: [FixEdit]) {
        self.applicability = applicability
        self.description = description
        self.edits = edits.sorted { $0.byteOffset < $1.byteOffset }
    }
}

/// Applying fixes to a file's bytes.
public enum FixApplier {
    /// The fixes at or above `level` whose edits overlap none of an earlier fix (safe ones
    /// first, then in the order of their first edit), applied in one pass; and the fixes applied. A fix is applied
    /// whole or not at all; display-only fixes never are.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8], level: FixApplicability) -> (
        bytes: [UInt8], applied: [Fix]
    ) {
        // Safe fixes claim their bytes before unsafe ones: `Name: 012` is quoted as written,
        // not first rewritten as the integer 12.
        let wanted = fixes.filter { $0.applicability >= level && $0.applicability > .displayOnly && !$0.edits.isEmpty }
            .sorted {
                ($1.applicability.rawValue, $0.edits[0].byteOffset, $0.edits.count)
                    < ($0.applicability.rawValue, $1.edits[0].byteOffset, $1.edits.count)
            }
        var taken: [Range<Int>] = []
        var applied: [Fix] = []
        for fix in wanted {
            let ranges = fix.edits.map(\.bytes)
            guard ranges.allSatisfy({ $0.upperBound <= bytes.count }),
                !overlapsItself(ranges),
                !ranges.contains(where: { r in taken.contains { overlaps($0, r) } })
            else { continue }
            taken += ranges
            applied.append(fix)
        }
        let edits = applied.flatMap(\.edits).sorted { $0.byteOffset < $1.byteOffset }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var at = 0
        for e in edits {
            out += bytes[at..<e.byteOffset]
            out += Array(e.replacement.utf8)
            at = e.byteOffset + e.byteLength
        }
        out += bytes[at...]
        return (out, applied)
    }

    /// Two ranges share a byte, or are both insertions at one offset, or one inserts inside
    /// the other: the result would depend on their order.
    static func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.isEmpty || b.isEmpty {
            return a.lowerBound == b.lowerBound || (a.lowerBound > b.lowerBound && a.lowerBound < b.upperBound)
                || (b.lowerBound > a.lowerBound && b.lowerBound < a.upperBound)
        }
        return a.overlaps(b)
    }

    static func overlapsItself(_ ranges: [Range<Int>]) -> Bool {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        return zip(sorted, sorted.dropFirst()).contains { overlaps($0, $1) }
    }
}
