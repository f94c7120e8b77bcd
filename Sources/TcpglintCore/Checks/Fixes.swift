// MARK: - Fixes of value checks
//
// A check proposes a fix only where the new text is certain, and only where YAML lets a value be
// rewritten alone: a scalar of the linted file itself (not inside an embedded or joined
// document), on one line, plain or quoted, without a tag, not anchored or reached through an
// alias (see `Document.pinned`), not made by a merge, and never a secret.

extension Evaluation {
    /// Whether the value at `loc` may be replaced by an edit.
    func editable(_ loc: Loc) -> Bool {
        guard loc.doc == 0 else { return false }
        let n = mainNodes[Int(loc.node.index)]
        guard n.kind == .scalar, !n.synthetic, n.tag == nil, n.range.start.line == n.range.end.line else {
            return false
        }
        switch n.style {
        case .plain, .singleQuoted, .doubleQuoted: break
        case .literal, .folded, .block, .flow: return false
        }
        return !main.isPinned(loc.node)
    }

    /// An edit that writes `text` in place of the whole scalar at `loc` (quotes included).
    func replacing(_ loc: Loc, with text: String) -> FixEdit {
        let r = mainNodes[Int(loc.node.index)].range
        return FixEdit(
            range: r, byteOffset: r.start.offset, byteLength: r.end.offset - r.start.offset, replacement: text)
    }

    /// The string `value` written as the scalar at `loc` is written: in its quotes, or plain when
    /// it was plain and `value` reads as the same string in YAML 1.2 and 1.1 alike; nil when
    /// there is no such spelling.
    func stringLiteral(_ value: String, like loc: Loc) -> String? {
        let n = mainNodes[Int(loc.node.index)]
        switch n.style {
        case .doubleQuoted: return JSON.string(value)
        case .singleQuoted:
            guard !value.contains("\n") else { return nil }
            return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .plain: return Self.isPlainWord(value) ? value : nil
        case .literal, .folded, .block, .flow: return nil
        }
    }

    /// A word every YAML loader reads as this string when written plain: a letter, then letters,
    /// digits, `_`, `-` and `.`, and not one of the words YAML 1.1 or 1.2 read as a boolean or null.
    static func isPlainWord(_ s: String) -> Bool {
        guard let first = s.utf8.first, Self.isLetter(first),
            s.utf8.allSatisfy({
                Self.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E
            })
        else { return false }
        return !["true", "false", "yes", "no", "on", "off", "y", "n", "null"].contains(s.lowercased())
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// The safe fix of a value that differs from a documented one only in case: that value, in
    /// the same quotes. Nil where the value may not be edited or has no such spelling.
    func caseFix(_ s: Subject, to value: String) -> Fix? {
        guard s.whole, !s.secret, editable(s.loc), let text = stringLiteral(value, like: s.loc) else { return nil }
        return Fix(applicability: .safe, description: "write \(value)", edits: [replacing(s.loc, with: text)])
    }

    /// The display-only fix of a "did you mean": shown, never applied.
    func suggestionFix(_ s: Subject, to value: String) -> Fix? {
        guard s.whole, !s.secret, editable(s.loc), let text = stringLiteral(value, like: s.loc) else { return nil }
        return Fix(
            applicability: .displayOnly, description: "did you mean \(value)?", edits: [replacing(s.loc, with: text)])
    }
}

extension Evaluation {
    /// The safe fix of a value of the wrong type where the right spelling is certain: a quoted
    /// canonical integer or boolean unquoted (`"1"` → `1`, `"true"` → `true`; never `"010"`,
    /// `"+1"`, `"True"`), and a number where a String is documented quoted as written (`15.10` →
    /// `"15.10"`: the source text, never the number a loader reads).
    func typeFix(_ loc: Loc, _ mismatch: TypeMismatch, _ type: ParamType, secret: Bool) -> Fix? {
        guard !secret, editable(loc) else { return nil }
        let n = mainNodes[Int(loc.node.index)]
        switch (mismatch, type) {
        case (.quotedLiteral, .integer):
            guard Self.isCanonicalInteger(n.value) else { return nil }
            return Fix(
                applicability: .safe, description: "write the integer \(n.value)",
                edits: [replacing(loc, with: n.value)])
        case (.quotedLiteral, .boolean):
            return Fix(
                applicability: .safe, description: "write the boolean \(n.value)",
                edits: [replacing(loc, with: n.value)])
        case (.numberForString, .string):
            let text = main.source.text(from: n.range.start.offset, to: n.range.end.offset)
            guard !text.isEmpty,
                text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x27 && $0 != 0x5C })
            else { return nil }
            let q = preferredQuote
            return Fix(
                applicability: .safe, description: "write the string \(q)\(text)\(q)",
                edits: [replacing(loc, with: q + text + q)])
        default:
            return nil
        }
    }

    /// `0`, or digits from 1 to 9 first, with an optional `-`: what every loader reads as that
    /// integer, in YAML 1.1 and 1.2 and JSON alike.
    static func isCanonicalInteger(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        guard let first = u.first, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return first != 0x30 ? true : (u.count == 1 && s.utf8.count == 1)
    }

    /// The quote a new string is written in: in YAML, the one most used in the document (`"`
    /// on a tie); in JSON, `"`.
    var preferredQuote: String {
        guard mainFormat == .yaml else { return "\"" }
        var single = 0
        var double = 0
        for n in mainNodes where n.kind == .scalar {
            if n.style == .singleQuoted { single += 1 } else if n.style == .doubleQuoted { double += 1 }
        }
        return single > double ? "'" : "\""
    }
}

extension Evaluation {
    /// The fix of a value an `enum` does not list: safe when exactly one listed value equals it
    /// but for case (`utf8` → `UTF8`), else display-only for a "did you mean".
    func enumFix(_ s: Subject, _ values: [String], closest: String?) -> Fix? {
        let lower = s.text.lowercased()
        let same = values.filter { $0.lowercased() == lower }
        if same.count == 1 { return caseFix(s, to: same[0]) }
        return closest.flatMap { suggestionFix(s, to: $0) }
    }
}
