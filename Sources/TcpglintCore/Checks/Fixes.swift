// MARK: - Fixes of value checks
//
// A check proposes a fix only where the new text is certain, and only where YAML lets a value be
// rewritten alone: a scalar of the linted file itself (not inside an embedded or joined
// document), on one line, plain or quoted, without a tag, not anchored or reached through an
// alias (see `Document.pinned`), not made by a merge, and never a secret.

extension Document {
    /// Whether the scalar `id` may be replaced by an edit: on one line, plain or quoted, without
    /// a tag, not anchored or reached through an alias, and not made by a merge.
    public func isEditable(_ id: NodeID) -> Bool {
        let n = self[id]
        guard n.kind == .scalar, !n.synthetic, n.tag == nil, n.range.start.line == n.range.end.line else {
            return false
        }
        switch n.style {
        case .plain, .singleQuoted, .doubleQuoted: break
        case .literal, .folded, .block, .flow: return false
        }
        return !isPinned(id)
    }

    /// An edit that writes `text` in place of the whole node `id` (quotes included).
    public func replacing(_ id: NodeID, with text: String) -> FixEdit {
        FixEdit(replacing: self[id].range, with: text)
    }

    /// The quote a new string is written in: in YAML, the one most used in the document (`"`
    /// on a tie); in JSON, `"`.
    public var preferredQuote: String {
        guard format == .yaml else { return "\"" }
        var single = 0
        var double = 0
        for n in nodes where n.kind == .scalar {
            if n.style == .singleQuoted { single += 1 } else if n.style == .doubleQuoted { double += 1 }
        }
        return single > double ? "'" : "\""
    }

    /// `value` as a YAML or JSON string in `quote` (`"` or `'`).
    public static func quoted(_ value: String, in quote: String) -> String {
        guard quote == "'", !value.contains("\n") else { return JSON.string(value) }
        return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}

extension FixEdit {
    /// An edit that writes `text` in place of `range`.
    public init(replacing range: SourceRange, with text: String) {
        self.init(
            range: range, byteOffset: range.start.offset, byteLength: range.end.offset - range.start.offset,
            replacement: text)
    }
}

extension Evaluation {
    /// Whether the value at `loc` may be replaced by an edit (a node of the linted file itself,
    /// not of an embedded or joined document).
    func editable(_ loc: Loc) -> Bool { loc.doc == 0 && main.isEditable(loc.node) }

    /// An edit that writes `text` in place of the whole scalar at `loc` (quotes included).
    func replacing(_ loc: Loc, with text: String) -> FixEdit { main.replacing(loc.node, with: text) }

    /// The string `value` written as the scalar at `loc` is written: in its quotes, or plain when
    /// it was plain and `value` reads as the same string in YAML 1.2 and 1.1 alike; nil when
    /// there is no such spelling.
    func stringLiteral(_ value: String, like loc: Loc) -> String? {
        let n = mainNodes[Int(loc.node.index)]
        switch n.style {
        case .doubleQuoted: return JSON.string(value)
        case .singleQuoted: return value.contains("\n") ? nil : Document.quoted(value, in: "'")
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

    var preferredQuote: String { main.preferredQuote }
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

// MARK: - Fixes of keys, of an object written for a JSON string, and of a plain-text secret

extension Evaluation {
    /// The fix that renames the key at `key` to `name`, a member of its object: unsafe for a
    /// case-only difference (the key may have been meant as written), display-only for a "did
    /// you mean". None when a sibling already has that name. Inside a JSON document held by a
    /// string (`DBEngineConfig`), the new key is escaped as the string that holds it is written.
    func keyFix(_ key: Loc, to name: String, siblings: [String]) -> Fix? {
        guard !siblings.contains(name) else { return nil }
        let caseOnly = docs[key.doc][key.node].value.lowercased() == name.lowercased()
        let applicability: FixApplicability = caseOnly ? .unsafe : .displayOnly
        let description = caseOnly ? "rename the key to \(name)" : "did you mean \(name)?"
        if key.doc == 0 {
            guard editable(key), let text = stringLiteral(name, like: key) else { return nil }
            return Fix(applicability: applicability, description: description, edits: [replacing(key, with: text)])
        }
        guard let edit = embeddedKeyEdit(key, to: name) else { return nil }
        return Fix(applicability: applicability, description: description, edits: [edit])
    }

    /// The edit of a key inside an embedded JSON document, in its host string's bytes: the JSON
    /// key re-escaped for a double-quoted host (`\"defaultLocale\"`), as is in a single-quoted one.
    private func embeddedKeyEdit(_ key: Loc, to name: String) -> FixEdit? {
        guard let host = hosts[key.doc], host.doc == 0, !joins.docs.contains(key.doc), editable(host) else {
            return nil
        }
        let d = docs[key.doc]
        let k = d[key.node]
        let written = d.source.text(from: k.range.start.offset, to: k.range.end.offset)
        guard k.kind == .scalar, written.hasPrefix("\""), written.hasSuffix("\""), written.utf8.count >= 2 else {
            return nil
        }
        let range = hostRange(key, nil)
        guard range.start.line == range.end.line, range.end.offset > range.start.offset else { return nil }
        let json = JSON.string(name)
        let text: String
        switch mainNodes[Int(host.node.index)].style {
        case .doubleQuoted:
            var escaped = ""
            for c in json.unicodeScalars {
                if c == "\"" || c == "\\" { escaped.append("\\") }
                escaped.unicodeScalars.append(c)
            }
            text = escaped
        case .singleQuoted: text = Document.quoted(json, in: "'").dropFirst().dropLast().description
        default: return nil
        }
        return FixEdit(replacing: range, with: text)
    }

    /// The unsafe fix of an object written as a YAML mapping where the model wants a JSON
    /// string (`DBEngineConfig`): a double-quoted JSON string, keys in source order, non-ASCII
    /// kept as is. Comments inside the mapping are lost, hence unsafe. None unless every key
    /// and value is a plain or quoted scalar with no tag, anchor, alias or merge.
    func embeddedObjectFix(_ loc: Loc, key: Loc?) -> Fix? {
        guard loc.doc == 0, mainFormat == .yaml, let key, key.doc == 0 else { return nil }
        let n = mainNodes[Int(loc.node.index)]
        guard n.kind == .mapping, !n.synthetic, n.tag == nil, !main.isPinned(loc.node) else { return nil }
        var members: [String] = []
        var end = n.range.end
        for (k, v) in main.entries(of: loc.node) {
            let kn = main[k]
            let vn = main[v]
            guard main.isEditable(k), main.isEditable(v), kn.value != "<<", kn.type == .string || kn.style != .plain
            else { return nil }
            let value: String
            switch vn.type {
            case .string: value = JSON.string(vn.value)
            case .boolean: value = vn.value.lowercased() == "true" ? "true" : "false"
            case .null: value = "null"
            case .integer:
                guard let i = IntegerLiteral.parse(vn.value, yaml: true) else { return nil }
                value = String(i)
            case .float: return nil
            }
            members.append(JSON.string(kn.value) + ": " + value)
            end = vn.range.end
        }
        if n.style == .flow { end = n.range.end }
        // Between the key and the mapping, only the colon and white space: a comment there is kept.
        let keyEnd = mainNodes[Int(key.node.index)].range.end
        let gap = main.source.bytes[keyEnd.offset..<min(n.range.start.offset, main.source.bytes.count)]
        guard gap.contains(UInt8(ascii: ":")), gap.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D, 0x3A].contains($0) }),
            end.offset > keyEnd.offset
        else { return nil }
        let json = "{" + members.joined(separator: ", ") + "}"
        return Fix(
            applicability: .unsafe, description: "write the object as a JSON string",
            edits: [FixEdit(replacing: SourceRange(start: keyEnd, end: end), with: ": " + JSON.string(json))])
    }

    /// The display-only fix of a secret written in plain text: a placeholder filled in from the
    /// environment (`${PG_ADMIN_PASSWORD}`). It has no edit, since no edit ever touches a
    /// secret's value (not even its length shows in one), and it never holds the old value.
    func placeholderFix(name: String) -> Fix {
        var snake = "PG_"
        for (i, c) in name.unicodeScalars.enumerated() {
            if i > 0, ASCIICase.isUpper(c) { snake.append("_") }
            snake.unicodeScalars.append(ASCIICase.upper(c))
        }
        return Fix(
            applicability: .displayOnly,
            description: "write a placeholder such as ${\(snake)} and fill it in from a secret store", edits: [])
    }
}

/// ASCII letter case, without Foundation.
enum ASCIICase {
    static func isUpper(_ c: Unicode.Scalar) -> Bool { c.value >= 0x41 && c.value <= 0x5A }
    static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(c.value - 0x20)! : c
    }
}
