/// Swift source text with comments and the contents of string literals blanked out, line
/// breaks kept: what the architecture checks search, so that a word in a comment or a string is
/// never taken for code, and a match keeps its line number.
///
/// It knows `//` and nested `/* */` comments, `"…"` and `"""…"""` literals with escapes, raw
/// strings (`#"…"#`, any number of `#`), and interpolations (`\(…)`, `\#(…)`), whose code is
/// kept. Bare regex literals (`/…/`) are read as code.
struct SwiftSource {
    let path: String
    /// The lines of code, comments and string contents replaced by spaces.
    let codeLines: [String]
    /// The lines as written.
    let lines: [String]

    init(path: String, text: String) {
        self.path = path
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        codeLines = String(decoding: Self.blank(Array(text.utf8)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The number of lines, a last line without a line break included.
    var lineCount: Int { lines.last == "" ? lines.count - 1 : lines.count }

    private enum Context {
        /// Inside a string literal: its `#` count and whether it is a `"""` one.
        case string(hashes: Int, multiline: Bool)
        /// Inside `\( … )` of a string: the parentheses open in it.
        case interpolation(depth: Int)
    }

    static func blank(_ b: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\"")
        let hash = UInt8(ascii: "#")
        let slash = UInt8(ascii: "/")
        let star = UInt8(ascii: "*")
        let backslash = UInt8(ascii: "\\")
        let newline = UInt8(ascii: "\n")
        let space = UInt8(ascii: " ")
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        var out = b
        var stack: [Context] = []
        var i = 0
        func at(_ k: Int) -> UInt8? { k < b.count ? b[k] : nil }
        func blankOut(_ from: Int, _ to: Int) {
            for k in from..<min(to, b.count) where out[k] != newline { out[k] = space }
        }
        func hashes(from k: Int) -> Int {
            var n = 0
            while at(k + n) == hash { n += 1 }
            return n
        }
        while i < b.count {
            if case .string(let n, let multiline)? = stack.last {
                // An escape: `\` then the literal's `#`s.
                if b[i] == backslash, hashes(from: i + 1) >= n {
                    let after = i + 1 + n
                    if at(after) == open {
                        blankOut(i, after + 1)
                        stack.append(.interpolation(depth: 0))
                        i = after + 1
                    } else {
                        blankOut(i, after + 1)
                        i = after + 1
                    }
                    continue
                }
                // The end: `"` or `"""`, then the `#`s.
                let delimiter = multiline ? 3 : 1
                if b[i] == quote, (0..<delimiter).allSatisfy({ at(i + $0) == quote }), hashes(from: i + delimiter) >= n
                {
                    blankOut(i, i + delimiter + n)
                    stack.removeLast()
                    i += delimiter + n
                    continue
                }
                if b[i] == newline && !multiline { stack.removeLast() } // unterminated: recover
                blankOut(i, i + 1)
                i += 1
                continue
            }
            // Code, at the top level or in an interpolation.
            if b[i] == slash, at(i + 1) == slash {
                var k = i
                while k < b.count, b[k] != newline { k += 1 }
                blankOut(i, k)
                i = k
                continue
            }
            if b[i] == slash, at(i + 1) == star {
                var depth = 0
                var k = i
                repeat {
                    if b[k] == slash, at(k + 1) == star {
                        depth += 1
                        k += 2
                    } else if b[k] == star, at(k + 1) == slash {
                        depth -= 1
                        k += 2
                    } else {
                        k += 1
                    }
                } while depth > 0 && k < b.count
                blankOut(i, k)
                i = k
                continue
            }
            let n = hashes(from: i)
            if at(i + n) == quote {
                let multiline = at(i + n + 1) == quote && at(i + n + 2) == quote
                let opening = n + (multiline ? 3 : 1)
                blankOut(i, i + opening)
                stack.append(.string(hashes: n, multiline: multiline))
                i += opening
                continue
            }
            if n > 0 {
                i += n
                continue
            }
            if case .interpolation(let depth)? = stack.last {
                if b[i] == open { stack[stack.count - 1] = .interpolation(depth: depth + 1) }
                if b[i] == close {
                    if depth == 0 {
                        out[i] = space
                        stack.removeLast()
                        i += 1
                        continue
                    }
                    stack[stack.count - 1] = .interpolation(depth: depth - 1)
                }
            }
            i += 1
        }
        return out
    }

    /// The modules imported (`import X`, `@testable import X`, `public import X`, `import struct X.Y`),
    /// with their line numbers.
    var imports: [(module: String, line: Int)] {
        var out: [(String, Int)] = []
        let modifiers: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"]
        for (n, line) in codeLines.enumerated() {
            for statement in line.split(separator: ";") {
                var words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                while let w = words.first, w.hasPrefix("@") || modifiers.contains(w) { words.removeFirst() }
                guard words.first == "import", words.count >= 2 else { continue }
                var name = words[1]
                if kinds.contains(name), words.count >= 3 { name = words[2] }
                out.append((String(name.split(separator: ".").first ?? ""), n + 1))
            }
        }
        return out
    }

    /// Calls of the given free functions: the name as a whole identifier, then `(`, not a
    /// method (`x.open(`, though `Glibc.open(` counts), not a declaration (`func open(`), and
    /// not a call with a labelled first argument (`open(isObject: true)`), which no C function
    /// has.
    func calls(of names: Set<String>) -> [(name: String, line: Int)] {
        var out: [(String, Int)] = []
        for (n, line) in codeLines.enumerated() {
            let c = Array(line.utf8)
            var i = 0
            while i < c.count {
                guard Self.isIdentifierStart(c[i]), i == 0 || !Self.isIdentifierByte(c[i - 1]) else {
                    i += 1
                    continue
                }
                var j = i
                while j < c.count, Self.isIdentifierByte(c[j]) { j += 1 }
                let word = String(decoding: c[i..<j], as: UTF8.self)
                defer { i = j }
                guard names.contains(word) else { continue }
                var k = j
                while k < c.count, c[k] == UInt8(ascii: " ") { k += 1 }
                guard k < c.count, c[k] == UInt8(ascii: "(") else { continue }
                // What comes before: a `.` (a method, unless on Glibc or Darwin) or `func`.
                var p = i - 1
                while p >= 0, c[p] == UInt8(ascii: " ") { p -= 1 }
                if p >= 0, c[p] == UInt8(ascii: ".") {
                    var q = p - 1
                    while q >= 0, Self.isIdentifierByte(c[q]) { q -= 1 }
                    let owner = String(decoding: c[(q + 1)..<p], as: UTF8.self)
                    guard owner == "Glibc" || owner == "Darwin" else { continue }
                } else if p >= 3, String(decoding: c[(p - 3)...p], as: UTF8.self) == "func" {
                    continue
                }
                // A labelled first argument: `name(label:` (not `name(a ? b : c`).
                var a = k + 1
                while a < c.count, c[a] == UInt8(ascii: " ") { a += 1 }
                var e = a
                while e < c.count, Self.isIdentifierByte(c[e]) { e += 1 }
                if e > a, e < c.count, c[e] == UInt8(ascii: ":"), e + 1 >= c.count || c[e + 1] != UInt8(ascii: ":") {
                    continue
                }
                out.append((word, n + 1))
            }
        }
        return out
    }

    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_")
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b >= 0x80
    }
}

extension SwiftSource {
    /// Each function, initializer, subscript or deinitializer with a body: the line it is
    /// declared on and how many lines it spans to its closing brace (strings and comments do not
    /// count as braces).
    func functionLengths() -> [(line: Int, length: Int)] {
        let words = ["func ", "init(", "init?(", "init!(", "init<", "subscript(", "subscript<", "deinit "]
        var out: [(line: Int, length: Int)] = []
        for (i, line) in codeLines.enumerated() {
            let t = line.drop { $0 == " " }
            // After attributes and modifiers, the declaration's keyword starts a word.
            guard
                let at = words.compactMap({ w in t.range(of: w).map { (w, $0) } }).min(by: {
                    $0.1.lowerBound < $1.1.lowerBound
                }),
                at.1.lowerBound == t.startIndex || t[t.index(before: at.1.lowerBound)] == " "
            else { continue }
            let before = t[..<at.1.lowerBound]
            guard
                before.split(separator: " ").allSatisfy({
                    $0.hasPrefix("@") || SwiftSource.modifiers.contains(String($0))
                })
            else { continue }
            var depth = 0
            var started = false
            var j = i
            scan: while j < codeLines.count {
                for c in codeLines[j] {
                    if c == "{" {
                        depth += 1
                        started = true
                    } else if c == "}" {
                        depth -= 1
                    }
                    if started && depth == 0 { break scan }
                }
                j += 1
                // A declaration without a body (a protocol requirement) ends where the next
                // declaration, a closing brace or a blank line comes first.
                if !started, j < codeLines.count {
                    let next = codeLines[j].drop { $0 == " " }
                    if next.isEmpty || next.hasPrefix("}") || words.contains(where: { next.contains($0) }) { break }
                }
            }
            if started { out.append((i + 1, j - i + 1)) }
        }
        return out
    }

    static let modifiers: Set<String> = [
        "public", "private", "fileprivate", "internal", "package", "static", "class", "final", "override", "mutating",
        "nonmutating", "convenience", "required", "nonisolated", "dynamic", "open", "private(set)", "public(set)",
    ]
}
