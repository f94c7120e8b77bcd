import TcpglintCore

/// Finds inline suppressions in a YAML file's comments:
///
/// ```yaml
/// AdminPassword: "…"  # tcpglint-ignore admin-password-short -- rotated by vault
/// # tcpglint-ignore zone-in-region, node-zone-region -- migrating region in Q3
/// Zone: ap-shanghai-2
/// ```
///
/// A comment at the end of a line applies to that line; a comment on a line of its own
/// applies to the next line that holds anything but a comment. The reason follows ` -- `.
public enum SuppressionComments {
    public static let marker = "tcpglint-ignore"

    /// Whether the bytes hold the marker at all (a file without it has no suppression).
    public static func mayHold(_ bytes: [UInt8]) -> Bool {
        let m = Array(marker.utf8)
        guard bytes.count >= m.count else { return false }
        var i = 0
        let last = bytes.count - m.count
        while i <= last {
            if bytes[i] == m[0] {
                var k = 1
                while k < m.count, bytes[i + k] == m[k] { k += 1 }
                if k == m.count { return true }
            }
            i += 1
        }
        return false
    }

    public static func scan(_ file: LoadedFile) -> [Suppression] {
        let bytes = file.source.bytes
        guard bytes.count >= marker.utf8.count else { return [] }
        // Comments cannot start inside a quoted or block scalar.
        let inside = quotedScalarRanges(file)
        func isInsideScalar(_ offset: Int) -> Bool {
            var lo = 0
            var hi = inside.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if inside[mid].lowerBound <= offset { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 && inside[lo - 1].contains(offset)
        }
        let lines = lineRanges(bytes)

        var found: [Suppression] = []
        var pending: [(Int, Suppression)] = [] // own-line comments waiting for their line
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            var k = line.start
            while k < line.end, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
            let blank = k >= line.end || bytes[k] == 0x0D
            var commentAt: Int?
            var j = line.start
            while j < line.end {
                if bytes[j] == UInt8(ascii: "#"), j == line.start || bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09,
                    !isInsideScalar(j)
                {
                    commentAt = j
                    break
                }
                j += 1
            }
            let ownLine = commentAt == k
            if !blank && !ownLine {
                for (_, p) in pending {
                    found.append(
                        Suppression(
                            file: p.file, scope: .line(lineNumber), rules: p.rules, reason: p.reason,
                            originFile: p.originFile, origin: p.origin))
                }
                pending.removeAll()
            }
            guard let c = commentAt, let parsed = parse(bytes[(c + 1)..<line.end]) else { continue }
            let start = file.source.advance(SourcePosition(line: lineNumber, column: 1, offset: line.start), to: c)
            let origin = SourceRange(start: start, end: file.source.advance(start, to: line.end))
            let sup = Suppression(
                file: file.source.name, scope: .line(lineNumber), rules: parsed.rules, reason: parsed.reason,
                originFile: file.source.name, origin: origin)
            if ownLine { pending.append((lineNumber, sup)) } else { found.append(sup) }
        }
        // An own-line comment with nothing after it still gets reported (as unused).
        found += pending.map { $0.1 }
        // The document of each: the one the line it covers is in (a finding about the comment
        // names it in a stream of several).
        let starts = file.documents.map { (line: $0[$0.root].range.start.line, index: $0.index) }
        for k in found.indices {
            guard case .line(let l) = found[k].scope else { continue }
            found[k].document = starts.last { $0.line <= l }?.index ?? starts.first?.index ?? 1
        }
        return found
    }

    /// The byte ranges of the quoted and block scalars, sorted by start.
    static func quotedScalarRanges(_ file: LoadedFile) -> [Range<Int>] {
        var inside: [Range<Int>] = []
        for d in file.documents {
            for n in d.nodes where n.kind == .scalar && n.style != .plain && !n.synthetic {
                inside.append(n.range.start.offset..<n.range.end.offset)
            }
        }
        inside.sort { $0.lowerBound < $1.lowerBound }
        return inside
    }

    /// Each line's start and end offsets (the end at its line feed, or at the end of the bytes).
    static func lineRanges(_ bytes: [UInt8]) -> [(start: Int, end: Int)] {
        var lines: [(start: Int, end: Int)] = []
        var s = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                lines.append((s, i))
                s = i + 1
            }
            i += 1
        }
        if s < bytes.count { lines.append((s, bytes.count)) }
        return lines
    }

    /// `tcpglint-ignore a, b -- reason` after the `#`.
    static func parse(_ text: ArraySlice<UInt8>) -> (rules: [String], reason: String?)? {
        var t = String(decoding: text, as: UTF8.self)
        while t.hasSuffix("\r") { t.removeLast() }
        let trimmed = t.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(marker) else { return nil }
        var rest = trimmed.dropFirst(marker.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var reason: String?
        let chars = Array(rest)
        if let sep = (0..<chars.count).first(where: { k in
            k + 2 < chars.count && chars[k] == " " && chars[k + 1] == "-" && chars[k + 2] == "-"
        }) {
            let r = Substring(String(chars[(sep + 3)...])).trimmingWhitespace()
            reason = r.isEmpty ? nil : r
            rest = Substring(String(chars[..<sep]))
        }
        let rules = rest.split { $0 == "," || $0 == " " || $0 == "\t" }.map(String.init)
        return (rules, reason)
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
