import TcpglintCore

// MARK: - The scanner

/// A strict RFC 8259 JSON parser that records where every node is.
///
/// It accepts exactly JSON: no comments, trailing commas, single quotes, unquoted keys, leading
/// zeros, `+`, bare `.5`/`1.`, NaN, Infinity or hex. The first fault stops the parse and is
/// reported where it is, with a message that never repeats text from inside a string (a string
/// may hold a secret). A repeated key is reported but does not stop the parse. The parser keeps
/// its own stack, so nesting depth is bounded by `InputLimits.maxDepth`, not by the call stack.
public enum JSONScanner {
    /// Parses one JSON file. `source.bytes` are already known to be valid UTF-8 with any BOM removed.
    ///
    /// Returns one document (index 1) when the file parses, with any duplicate-key problems; no
    /// document and one problem when it does not; and no document and no problem (a document
    /// count of 0) when the file is empty or holds only whitespace.
    public static func load(_ source: SourceFile, limits: InputLimits = .default, embedded: Bool = false) -> LoadedFile
    {
        source.bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(source: source, buffer: buffer, limits: limits)
            if embedded { parser.endName = "the string" }
            do throws(JSONFault) {
                guard let document = try parser.parse() else {
                    return LoadedFile(source: source, documents: [], problems: [], documentCount: 0)
                }
                return LoadedFile(source: source, documents: [document], problems: parser.duplicates, documentCount: 1)
            } catch {
                return LoadedFile(source: source, documents: [], problems: [error.problem], documentCount: 1)
            }
        }
    }
}

// MARK: - Implementation

/// The fault that ends a parse.
struct JSONFault: Error {
    let problem: InputProblem
}

/// An open object or array.
struct JSONFrame {
    let isObject: Bool
    let start: SourcePosition
    /// The index of this object's first key in `JSONParser.keys`.
    let keyBase: Int
    /// The index of the current item of an array.
    var index = 0
    /// The key whose value is being read, in an object.
    var currentKey = ""
    /// Key → index in `JSONParser.keys`, built once an object has many keys.
    var lookup: [String: Int]? = nil
}

enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
}

/// Objects with more keys than this look duplicates up in a dictionary instead of a scan.
private let linearKeySearchLimit = 12

/// The parser of one JSON text, over its bytes; JSONLexer.swift reads its tokens.
struct JSONParser {
    let source: SourceFile
    let buf: UnsafeBufferPointer<UInt8>
    let n: Int
    let limits: InputLimits
    var builder: DocumentBuilder

    /// The offset of the next byte to read.
    var i = 0
    /// The line of `i`, the offset where that line starts, and the number of UTF-8 continuation
    /// bytes between the two: together they give the column of `i` without recounting.
    var line = 1
    var lineStart = 0
    var continuationBytes = 0

    var frames: [JSONFrame] = []
    /// The keys of every open object, innermost last, with where each first appears.
    var keys: [(name: String, position: SourcePosition)] = []
    /// Decoded bytes of a string with escapes; reused between strings.
    var scratch: [UInt8] = []
    var duplicates: [InputProblem] = []
    /// What the input is called in "unexpected end of …": the file, or the string that holds it.
    var endName = "file"
    /// The keys read on line `lineKeysLine`: a fault later on that line lies in their guarded
    /// spans (see `KeyGuard`).
    var lineKeys: [String] = []
    var lineKeysLine = 0

    init(source: SourceFile, buffer: UnsafeBufferPointer<UInt8>, limits: InputLimits) {
        self.source = source
        self.buf = buffer
        self.n = buffer.count
        self.limits = limits
        self.builder = DocumentBuilder(source: source, format: .json, index: 1)
    }

    // MARK: Positions

    /// The position of offset `p`, which must be on the current line at or after the last
    /// multi-byte character counted (true for every offset the parser asks about).
    @inline(__always)
    func position(_ p: Int) -> SourcePosition {
        SourcePosition(line: line, column: p - lineStart - continuationBytes + 1, offset: p)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < n {
            let b = buf[i]
            if b == ASCII.space || b == ASCII.tab {
                i += 1
            } else if b == ASCII.lf {
                i += 1
                newLine()
            } else if b == ASCII.cr {
                i += 1
                if i < n && buf[i] == ASCII.lf { i += 1 }
                newLine()
            } else {
                return
            }
        }
    }

    @inline(__always)
    mutating func newLine() {
        line += 1
        lineStart = i
        continuationBytes = 0
    }

    // MARK: The document

    /// Parses the whole file: a document, or nil when it holds only whitespace.
    mutating func parse() throws(JSONFault) -> Document? {
        skipWhitespace()
        if i == n { return nil }
        var last = NodeID(0)
        var needValue = true
        while true {
            if needValue {
                guard i < n else { throw eof("expected a value") }
                let b = buf[i]
                switch b {
                case ASCII.openBrace:
                    if let empty = try begin(isObject: true) {
                        last = empty
                        needValue = false
                    }
                    continue
                case ASCII.openBracket:
                    if let empty = try begin(isObject: false) {
                        last = empty
                        needValue = false
                    }
                    continue
                case ASCII.quote:
                    let (value, range) = try readString()
                    last = builder.scalar(value, type: .string, style: .doubleQuoted, range: range)
                case ASCII.minus, ASCII.zero...ASCII.nine:
                    last = try readNumber()
                default:
                    if ASCII.isLetter(b) {
                        last = try readLiteral()
                    } else {
                        throw unexpectedValue()
                    }
                }
                needValue = false
            }

            // After a value.
            skipWhitespace()
            let top = frames.count - 1
            guard top >= 0 else {
                if i < n { throw fault(.syntaxError, at: position(i), "unexpected content after the JSON value") }
                return builder.finish(root: last)
            }
            guard i < n else { throw eofUnclosed(frames[top]) }
            let isObject = frames[top].isObject
            let closer = isObject ? ASCII.closeBrace : ASCII.closeBracket
            let b = buf[i]
            if b == ASCII.comma {
                let comma = position(i)
                i += 1
                skipWhitespace()
                if i < n && buf[i] == closer {
                    throw guardedFault(
                        at: comma, "trailing commas are not allowed in JSON", "unexpected character",
                        "expected a key in double quotes", inValue: false)
                }
                if isObject {
                    // The previous key's span now ends with its line (`lineKeys`).
                    frames[top].currentKey = ""
                    try readKey()
                } else {
                    frames[top].index += 1
                }
                needValue = true
            } else if b == closer {
                i += 1
                last = close()
            } else {
                throw unexpected(isObject ? "expected ',' or '}'" : "expected ',' or ']'", inValue: false)
            }
        }
    }

    /// Opens the object or array at `i` and reads up to its first value: the node when it is
    /// empty (and so already closed), else nil with `i` at the first value (after an object's
    /// first key and colon).
    @inline(__always)
    mutating func begin(isObject: Bool) throws(JSONFault) -> NodeID? {
        let start = try open(isObject: isObject)
        builder.begin(isObject ? .mapping : .sequence, style: .flow, start: start)
        skipWhitespace()
        guard i < n else { throw eofUnclosed(frames[frames.count - 1]) }
        if buf[i] == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
            i += 1
            return close()
        }
        if isObject { try readKey() }
        return nil
    }

    /// Opens an object or array at `i`, checking the depth limit; returns its start.
    mutating func open(isObject: Bool) throws(JSONFault) -> SourcePosition {
        let start = position(i)
        if frames.count >= limits.maxDepth {
            throw fault(.limitExceeded, at: start, limits.depthMessage)
        }
        frames.append(JSONFrame(isObject: isObject, start: start, keyBase: keys.count))
        i += 1
        return start
    }

    /// Closes the innermost object or array; `i` is just after its closing bracket.
    mutating func close() -> NodeID {
        let frame = frames.removeLast()
        if keys.count > frame.keyBase { keys.removeLast(keys.count - frame.keyBase) }
        return builder.end(at: position(i))
    }

    /// Reads a key, the colon after it and the whitespace after that.
    mutating func readKey() throws(JSONFault) {
        guard i < n else { throw eof("expected a key in double quotes") }
        let b = buf[i]
        guard b == ASCII.quote else {
            if ASCII.isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$") {
                throw guardedFault(
                    at: position(i), "object keys must be strings in double quotes", "unexpected character",
                    "expected a key in double quotes")
            }
            throw unexpected("expected a key in double quotes")
        }
        let (key, range) = try readString()
        builder.scalar(key, type: .string, style: .doubleQuoted, range: range)
        noteKey(key, at: range)
        if lineKeysLine != line {
            lineKeys.removeAll(keepingCapacity: true)
            lineKeysLine = line
        }
        lineKeys.append(key)

        skipWhitespace()
        guard i < n else { throw eof("expected ':' after the key") }
        guard buf[i] == ASCII.colon else { throw unexpected("expected ':' after the key") }
        i += 1
        skipWhitespace()
    }

    /// Records a key of the innermost object and reports it if it is repeated.
    mutating func noteKey(_ key: String, at range: SourceRange) {
        let top = frames.count - 1
        frames[top].currentKey = key
        let base = frames[top].keyBase
        var first: SourcePosition?
        if let lookup = frames[top].lookup {
            if let k = lookup[key] { first = keys[k].position }
        } else {
            var k = base
            while k < keys.count {
                if keys[k].name == key {
                    first = keys[k].position
                    break
                }
                k += 1
            }
        }
        if let first {
            duplicates.append(
                InputProblem(
                    .duplicateKey, document: 1, range: range, path: currentPath(),
                    related: first,
                    message: "duplicate key \"\(displayKey(key))\"; the first is at \(InputProblem.relatedMarker)"))
            return
        }
        keys.append((key, range.start))
        if frames[top].lookup != nil {
            frames[top].lookup![key] = keys.count - 1
        } else if keys.count - base > linearKeySearchLimit {
            var lookup: [String: Int] = [:]
            lookup.reserveCapacity(2 * (keys.count - base))
            for k in base..<keys.count { lookup[keys[k].name] = k }
            frames[top].lookup = lookup
        }
    }

    /// The parameter path of the value being read.
    func currentPath() -> ParamPath {
        var components: [PathComponent] = []
        components.reserveCapacity(frames.count)
        for frame in frames {
            components.append(frame.isObject ? .key(frame.currentKey) : .index(frame.index))
        }
        return ParamPath(components)
    }

    // MARK: Faults

    /// A fault at the character (or word) at `position`: the span covers it.
    func fault(_ diagnostic: Diagnostic, at position: SourcePosition, _ message: String) -> JSONFault {
        fault(diagnostic, range: source.span(at: position), message)
    }

    func fault(_ diagnostic: Diagnostic, range: SourceRange, _ message: String) -> JSONFault {
        JSONFault(problem: InputProblem(diagnostic, document: 1, range: range, message: message))
    }

    /// The end of the file where `expected` was expected.
    func eof(_ expected: String) -> JSONFault {
        fault(.syntaxError, at: position(n), "unexpected end of \(endName); \(expected)")
    }

    /// A syntax fault that may lie in the guarded span of a key: `what` and `tail` make the
    /// message that replaces `message` when that key is secret, and quote no character.
    /// `inValue`: the fault is inside the value of the innermost object's key, not after it.
    func guardedFault(
        at position: SourcePosition, _ message: String, _ what: String, _ tail: String?, inValue: Bool = true
    ) -> JSONFault {
        JSONFault(
            problem: InputProblem(
                .syntaxError, document: 1, range: source.span(at: position), message: message,
                guards: guards(what, tail, inValue: inValue)))
    }

    /// The keys whose guarded span holds the current offset: the key of each open object whose
    /// value is not ended by a `,` or `}` yet, innermost first, then the keys read earlier on
    /// this line, last first.
    func guards(_ what: String, _ tail: String?, inValue: Bool) -> [KeyGuard] {
        var out: [KeyGuard] = []
        func add(_ key: String, _ place: String) {
            guard !key.isEmpty, !out.contains(where: { $0.key == key }) else { return }
            let message = "\(what) \(place) the value of \(displayKey(key))" + (tail.map { "; " + $0 } ?? "")
            out.append(KeyGuard(key: key, message: message))
        }
        var k = frames.count - 1
        while k >= 0 {
            if frames[k].isObject { add(frames[k].currentKey, k == frames.count - 1 && !inValue ? "after" : "in") }
            k -= 1
        }
        if lineKeysLine == line {
            for key in lineKeys.reversed() { add(key, "after") }
        }
        return out
    }

    func eofUnclosed(_ frame: JSONFrame) -> JSONFault {
        let what = frame.isObject ? "object" : "array"
        return JSONFault(
            problem: InputProblem(
                .syntaxError, document: 1, range: SourceRange(at: position(n)), related: frame.start,
                message:
                    "unexpected end of \(endName); the \(what) opened at \(InputProblem.relatedMarker) is not closed"))
    }

    /// A character at `i` that cannot start a value.
    func unexpectedValue() -> JSONFault {
        let message: String
        switch buf[i] {
        case UInt8(ascii: "'"): message = "strings must be in double quotes, not single quotes"
        case ASCII.plus: message = "a number cannot start with '+'"
        case ASCII.dot: message = "a number needs a digit before the decimal point"
        default: return unexpected("expected a value")
        }
        return guardedFault(at: position(i), message, "unexpected character", "expected a value")
    }

    /// The character at `i` where `expected` was expected (outside any string). Near a secret
    /// key, the message names no character (`guards`).
    func unexpected(_ expected: String, inValue: Bool = true) -> JSONFault {
        let b = buf[i]
        let message: String
        if b == ASCII.slash || b == UInt8(ascii: "#") {
            message = "comments are not allowed in JSON"
        } else if b == UInt8(ascii: "'") {
            message = "strings must be in double quotes, not single quotes"
        } else {
            message = "unexpected character \(describe(i)); \(expected)"
        }
        return guardedFault(at: position(i), message, "unexpected character", expected, inValue: inValue)
    }

    /// A character outside strings, for a message: `'}'` for visible ASCII, else `U+00A0`.
    func describe(_ p: Int) -> String {
        let b = buf[p]
        if b > 0x20 && b < 0x7F { return "'\(String(UnicodeScalar(b)))'" }
        var value = UInt32(b)
        var need = 0
        switch b {
        case 0xC0...0xDF:
            value &= 0x1F
            need = 1
        case 0xE0...0xEF:
            value &= 0x0F
            need = 2
        case 0xF0...0xF7:
            value &= 0x07
            need = 3
        default: break
        }
        var k = 1
        while k <= need && p + k < n {
            value = value << 6 | UInt32(buf[p + k] & 0x3F)
            k += 1
        }
        return "U+" + ValueText.hex4(value)
    }
}

/// A key as shown between double quotes in a message: quotes, backslashes and control
/// characters escaped, so that the message stays on one line.
private func displayKey(_ key: String) -> String {
    guard key.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else { return key }
    var out = ""
    for scalar in key.unicodeScalars {
        switch scalar.value {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0..<0x20, 0x7F: out += "\\u" + ValueText.hex4(scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
