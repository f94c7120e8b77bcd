/// A place in a source file.
///
/// `line` and `column` are **1-based**. Columns count Unicode scalar values (code points), so a
/// tab, an ASCII letter and a Chinese character each advance the column by one; this is the unit
/// libyaml reports and the one SARIF calls `unicodeCodePoints`. A UTF-8 byte order mark is not
/// counted. `offset` is the 0-based UTF-8 byte offset from the start of the file (after any BOM
/// has been removed), used to slice the source text.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    @inlinable public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The first character of a file.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span `[start, end)` in a source file.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    @inlinable public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    @inlinable public init(at position: SourcePosition) {
        self.start = position
        self.end = position
    }
}

/// The bytes of one input file, shared by every document read from it.
public final class SourceFile: Sendable {
    /// The name shown in findings: the path as the user gave it, or `--stdin-filename`.
    public let name: String
    /// The UTF-8 bytes, without a byte order mark.
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The text between two byte offsets, or an empty string for an invalid range.
    public func text(from start: Int, to end: Int) -> String {
        guard start >= 0, end <= bytes.count, start <= end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The span of what is at `position`, for a finding that has no range of its own: the word
    /// that starts there (ASCII letters, digits and `_`, after one sign or alias star, as in
    /// `-Infinity`, `*name`), else the one character there; empty only at the end of the file,
    /// where there is no character to cover.
    public func span(at position: SourcePosition) -> SourceRange {
        let start = position.offset
        guard start >= 0, start < bytes.count else { return SourceRange(at: position) }
        func isWord(_ b: UInt8) -> Bool {
            (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_")
        }
        var end = start
        let lead = bytes[start]
        if lead == UInt8(ascii: "-") || lead == UInt8(ascii: "+") || lead == UInt8(ascii: "*") {
            if start + 1 < bytes.count, isWord(bytes[start + 1]) { end += 1 }
        }
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        if end == start { return characterSpan(at: position) }
        return SourceRange(start: position, end: advance(position, to: end))
    }

    /// The span of the one character at `position` (a CRLF is one): for a fault whose word must
    /// not be measured, as in a value that may be a secret. Empty at the end of the file.
    public func characterSpan(at position: SourcePosition) -> SourceRange {
        let start = position.offset
        guard start >= 0, start < bytes.count else { return SourceRange(at: position) }
        var end = start + 1
        if bytes[start] == 0x0D, end < bytes.count, bytes[end] == 0x0A { end += 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return SourceRange(start: position, end: advance(position, to: end))
    }

    /// Walks forward from `position` over the bytes up to `offset`, counting lines and columns.
    /// Line breaks are LF, CRLF (one break) and a lone CR.
    public func advance(_ position: SourcePosition, to offset: Int) -> SourcePosition {
        var p = position
        var i = position.offset
        let limit = min(offset, bytes.count)
        while i < limit {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                p.line += 1
                p.column = 1
            } else if b == 0x0D {
                // CR of a CRLF pair: the LF that follows ends the line.
            } else if b & 0xC0 != 0x80 {
                p.column += 1
            }
            i += 1
        }
        p.offset = i
        return p
    }
}
