// MARK: - Message templates

/// A rule's message with `{placeholder}`s, parsed when the rule file loads.
///
/// Placeholders: `{param}` the parameter path; `{name}` its last key; `{value}` the value as
/// written (quoted if a string; the captured part with `extract`; never shown for a secret);
/// `{written}` the whole value as written, even with `extract`; `{text}` the checked text (the
/// captured part with `extract`) without quotes, after a text check; `{expected}` what the check allows;
/// `{detail}` what the check found; `{hint}` a "did you mean" (empty when there is none);
/// `{other}` and `{other-value}` the other parameter of a relation (its captured part with
/// `other-extract`), `{other-written}` its whole value as written; `{condition-value}` the value
/// of the parameter the rule's `when` first names ("absent", with the model's default, when it
/// is absent); `{host}`, for a joined target (`SpecCode@cpu`), the request's value it belongs to.
/// `{{` and `}}` are literal braces.
public struct MessageTemplate: Sendable {
    public enum Piece: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    public static let placeholders: Set<String> = [
        "param", "name", "value", "written", "text", "expected", "detail", "hint", "other", "other-value",
        "other-written", "condition-value",
        // The catalogue check's: the snapshot's date, the lookup key, and what it found.
        "captured", "region", "storage-type", "engine", "major", "state", "primary", "zones", "spec", "kernel",
        "features", "last-seen",
        // A joined target's: the request's value the joined value belongs to.
        "host",
    ]

    public let pieces: [Piece]
    public let source: String

    /// A template error: the message and the 0-based character offset in the template.
    public struct ParseError: Error, Sendable {
        public let message: String
        public let offset: Int
    }

    public init(parsing text: String) throws(ParseError) {
        source = text
        let bytes = Array(text.utf8)
        do {
            pieces = try MessageTemplate.parse(bytes)
        } catch {
            // Offsets are reported in characters: count those before the byte.
            let chars = String(decoding: bytes[0..<min(error.offset, bytes.count)], as: UTF8.self).count
            throw ParseError(message: error.message, offset: chars)
        }
    }

    /// Reads the template byte by byte: braces are ASCII, and no byte of a multi-byte UTF-8
    /// character is one, so the text need not be split into characters. Error offsets are in
    /// bytes here.
    private static func parse(_ bytes: [UInt8]) throws(ParseError) -> [Piece] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == open {
                if i + 1 < bytes.count, bytes[i + 1] == open {
                    literal.append(open)
                    i += 2
                    continue
                }
                guard let end = bytes[(i + 1)...].firstIndex(of: close) else {
                    throw ParseError(message: "unclosed '{' in message", offset: i)
                }
                let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                guard placeholders.contains(name) else {
                    let known = placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    throw ParseError(message: "unknown placeholder {\(name)} in message; known: \(known)", offset: i)
                }
                if !literal.isEmpty {
                    pieces.append(.text(String(decoding: literal, as: UTF8.self)))
                    literal = []
                }
                pieces.append(.placeholder(name))
                i = end + 1
            } else if c == close {
                if i + 1 < bytes.count, bytes[i + 1] == close {
                    literal.append(close)
                    i += 2
                    continue
                }
                throw ParseError(message: "unmatched '}' in message (write '}}' for a brace)", offset: i)
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { pieces.append(.text(String(decoding: literal, as: UTF8.self))) }
        return pieces
    }

    /// Whether the template has the placeholder `name`.
    public func uses(_ name: String) -> Bool { pieces.contains(.placeholder(name)) }

    /// Fills the placeholders from `values`; a missing one renders as an empty string.
    public func render(_ values: [String: String]) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .placeholder(let name): out += values[name] ?? ""
            }
        }
        return out
    }
}

// MARK: - Showing values

/// How values appear in messages.
public enum ValueText {
    /// The text shown in place of a secret.
    public static let redacted = "(secret, not shown)"

    /// A scalar as a message shows it: strings in double quotes with control characters
    /// escaped, other scalars as written; long values are cut with "…".
    public static func quote(_ value: String, type: ScalarType = .string, limit: Int = 64) -> String {
        var body = ""
        var count = 0
        for s in value.unicodeScalars {
            if count >= limit {
                body += "…"
                break
            }
            count += 1
            switch s {
            case "\"" where type == .string: body += "\\\""
            case "\\" where type == .string: body += "\\\\"
            case "\n": body += "\\n"
            case "\r": body += "\\r"
            case "\t": body += "\\t"
            default:
                if s.value < 0x20 || s.value == 0x7F || (s.value >= 0x80 && s.value < 0xA0) {
                    body += "\\u" + hex4(s.value)
                } else {
                    body.unicodeScalars.append(s)
                }
            }
        }
        return type == .string ? "\"\(body)\"" : body
    }

    /// `"a", "b" or "c"` — or, for a long list, the first few and a count.
    public static func list(_ values: [String], conjunction: String = "or", quoted: Bool = false, limit: Int = 10)
        -> String
    {
        let shown = values.map { quoted ? "\"\($0)\"" : $0 }
        if shown.isEmpty { return "nothing" }
        if shown.count == 1 { return shown[0] }
        if shown.count > limit {
            return shown.prefix(6).joined(separator: ", ") + ", … (\(shown.count) values)"
        }
        return shown.dropLast().joined(separator: ", ") + " \(conjunction) " + shown.last!
    }

    public static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// The kind of a character, for a secret value: says what is wrong without showing it.
    public static func category(_ s: Unicode.Scalar) -> String {
        if s == " " { return "a space" }
        if s.value < 0x20 || s.value == 0x7F { return "a control character" }
        if s.properties.isWhitespace { return "a whitespace character" }
        if s.value >= 0x80 { return "a non-ASCII character" }
        if s == "\"" { return "a double quote" }
        if s == "\\" { return "a backslash" }
        if s.properties.isAlphabetic { return "a letter" }
        if s.properties.numericType != nil { return "a digit" }
        return "a symbol"
    }

    /// A character as a message names it: `U+0020 (space)` for invisible ones, else quoted.
    public static func character(_ s: Unicode.Scalar) -> String {
        switch s {
        case " ": return "a space"
        case "\t": return "a tab"
        default:
            if s.value < 0x20 || s.value == 0x7F || s.properties.generalCategory == .format {
                return "U+" + hex4(s.value)
            }
            return "'\(Character(s))' (U+\(hex4(s.value)))"
        }
    }
}
