import TcpglintCore

// MARK: - Tokens: strings, numbers and literals

/// The lexing half of `JSONParser`: each method reads one token starting at `i`, leaves `i`
/// just after it, and throws the fault that ends the parse when the token is malformed. The
/// structure (objects, arrays, commas, keys) is in JSONScanner.swift.
extension JSONParser {
    // MARK: Strings

    /// Reads a string starting at the opening quote at `i`; returns its decoded value and range.
    mutating func readString() throws(JSONFault) -> (String, SourceRange) {
        let start = position(i)
        i += 1
        let contentStart = i
        var runStart = i
        var escaped = false
        while true {
            // The hot loop: plain characters up to a quote, a backslash or a control character.
            var extra = 0
            var j = i
            while j < n {
                let b = buf[j]
                if b < 0x80 {
                    if b == ASCII.quote || b == ASCII.backslash || b < 0x20 { break }
                } else if b & 0xC0 == 0x80 {
                    extra += 1
                }
                j += 1
            }
            i = j
            continuationBytes += extra
            guard i < n else { throw fault(.syntaxError, at: start, "unterminated string") }
            let b = buf[i]
            if b == ASCII.quote { break }
            if b == ASCII.backslash {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                try readEscape(stringStart: start)
                runStart = i
                if scratch.count > limits.maxScalarBytes { throw tooLong(start) }
                continue
            }
            if b == 0x0A || b == 0x0D {
                throw fault(.syntaxError, at: start, "unterminated string: the line ends before the closing quote")
            }
            throw guardedFault(
                at: position(i), "control character U+\(ValueText.hex4(UInt32(b))) in string; escape it",
                "control character", "escape it")
        }
        let contentEnd = i
        i += 1
        let range = SourceRange(start: start, end: position(i))
        if escaped {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<contentEnd]))
            if scratch.count > limits.maxScalarBytes { throw tooLong(start, range) }
            return (String(decoding: scratch, as: UTF8.self), range)
        }
        if contentEnd - contentStart > limits.maxScalarBytes { throw tooLong(start, range) }
        return (String(decoding: UnsafeBufferPointer(rebasing: buf[contentStart..<contentEnd]), as: UTF8.self), range)
    }

    func tooLong(_ start: SourcePosition, _ range: SourceRange? = nil) -> JSONFault {
        fault(
            .limitExceeded, range: range ?? source.span(at: start),
            "string longer than \(limits.maxScalarBytes) bytes; raise it with --max-scalar-bytes")
    }

    /// Decodes the escape sequence at `i` (a backslash) into `scratch`.
    mutating func readEscape(stringStart: SourcePosition) throws(JSONFault) {
        let backslash = i
        guard i + 1 < n else { throw fault(.syntaxError, at: stringStart, "unterminated string") }
        let decoded: UInt8
        switch buf[i + 1] {
        case ASCII.quote: decoded = ASCII.quote
        case ASCII.backslash: decoded = ASCII.backslash
        case ASCII.slash: decoded = ASCII.slash
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            let unit = try hex4(backslash: backslash, stringStart: stringStart)
            i += 6
            var scalar = unit
            if unit >= 0xD800 && unit < 0xDC00 {
                guard i + 1 < n && buf[i] == ASCII.backslash && buf[i + 1] == UInt8(ascii: "u") else {
                    if i + 1 >= n && (i == n || buf[i] == ASCII.backslash) {
                        throw fault(.syntaxError, at: stringStart, "unterminated string")
                    }
                    throw loneSurrogate(backslash)
                }
                let low = try hex4(backslash: i, stringStart: stringStart)
                guard low >= 0xDC00 && low < 0xE000 else { throw loneSurrogate(backslash) }
                i += 6
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw loneSurrogate(backslash)
            }
            appendUTF8(scalar)
            return
        default:
            throw fault(.syntaxError, at: position(backslash), "invalid escape sequence in string")
        }
        scratch.append(decoded)
        i += 2
    }

    /// The value of the four hex digits of the `\u` escape at `backslash`.
    func hex4(backslash: Int, stringStart: SourcePosition) throws(JSONFault) -> UInt32 {
        var value: UInt32 = 0
        for k in 2..<6 {
            guard backslash + k < n else { throw fault(.syntaxError, at: stringStart, "unterminated string") }
            let b = buf[backslash + k]
            let digit: UInt8
            switch b {
            case ASCII.zero...ASCII.nine: digit = b - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default:
                throw fault(
                    .syntaxError, at: position(backslash),
                    "invalid escape sequence in string; \\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    func loneSurrogate(_ backslash: Int) -> JSONFault {
        fault(.syntaxError, at: position(backslash), "lone surrogate in \\u escape")
    }

    mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case ..<0x80:
            scratch.append(UInt8(v))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18))
            scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }

    // MARK: Numbers and literals

    /// Reads a number starting at `i` (a '-' or a digit) and adds it as a scalar.
    mutating func readNumber() throws(JSONFault) -> NodeID {
        let start = i
        if buf[i] == ASCII.minus {
            i += 1
            guard i < n, ASCII.isDigit(buf[i]) else {
                if i < n && (buf[i] == UInt8(ascii: "I") || buf[i] == UInt8(ascii: "i")) {
                    throw numberFault(at: position(start), "infinite and NaN numbers are not allowed in JSON")
                }
                throw numberFault(at: position(i), "expected a digit after '-'")
            }
        }
        if buf[i] == ASCII.zero {
            let zero = i
            i += 1
            if i < n {
                if ASCII.isDigit(buf[i]) {
                    throw numberFault(at: position(zero), "leading zeros are not allowed in numbers")
                }
                if buf[i] == UInt8(ascii: "x") || buf[i] == UInt8(ascii: "X") {
                    throw numberFault(at: position(start), "hexadecimal numbers are not allowed in JSON")
                }
            }
        } else {
            while i < n && ASCII.isDigit(buf[i]) { i += 1 }
        }
        var isFloat = false
        if i < n && buf[i] == ASCII.dot {
            isFloat = true
            i += 1
            guard i < n, ASCII.isDigit(buf[i]) else {
                throw numberFault(at: position(i), "expected a digit after the decimal point")
            }
            while i < n && ASCII.isDigit(buf[i]) { i += 1 }
        }
        if i < n && (buf[i] | 0x20) == UInt8(ascii: "e") {
            isFloat = true
            i += 1
            if i < n && (buf[i] == ASCII.plus || buf[i] == ASCII.minus) { i += 1 }
            guard i < n, ASCII.isDigit(buf[i]) else {
                throw numberFault(at: position(i), "expected a digit in the exponent")
            }
            while i < n && ASCII.isDigit(buf[i]) { i += 1 }
        }
        let range = SourceRange(start: position(start), end: position(i))
        if i - start > limits.maxScalarBytes {
            throw fault(
                .limitExceeded, range: range,
                "number longer than \(limits.maxScalarBytes) bytes; raise it with --max-scalar-bytes")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
        return builder.scalar(text, type: isFloat ? .float : .integer, style: .plain, range: range)
    }

    /// A malformed number (which may be a password written without quotes).
    func numberFault(at position: SourcePosition, _ message: String) -> JSONFault {
        guardedFault(at: position, message, "malformed number", nil)
    }

    /// Reads `true`, `false` or `null` starting at `i` (a letter) and adds it as a scalar.
    mutating func readLiteral() throws(JSONFault) -> NodeID {
        let start = i
        while i < n && (ASCII.isLetter(buf[i]) || ASCII.isDigit(buf[i]) || buf[i] == UInt8(ascii: "_")) { i += 1 }
        let word = UnsafeBufferPointer(rebasing: buf[start..<i])
        let type: ScalarType
        let text: String
        if word.count == 4 && word[0] == UInt8(ascii: "t") && word[1] == UInt8(ascii: "r")
            && word[2] == UInt8(ascii: "u") && word[3] == UInt8(ascii: "e")
        {
            type = .boolean
            text = "true"
        } else if word.count == 5 && word[0] == UInt8(ascii: "f") && word[1] == UInt8(ascii: "a")
            && word[2] == UInt8(ascii: "l") && word[3] == UInt8(ascii: "s") && word[4] == UInt8(ascii: "e")
        {
            type = .boolean
            text = "false"
        } else if word.count == 4 && word[0] == UInt8(ascii: "n") && word[1] == UInt8(ascii: "u")
            && word[2] == UInt8(ascii: "l") && word[3] == UInt8(ascii: "l")
        {
            type = .null
            text = "null"
        } else {
            let lower = word.map { ASCII.isLetter($0) ? $0 | 0x20 : $0 }
            let message: String
            if lower.elementsEqual("nan".utf8) || lower.elementsEqual("infinity".utf8)
                || lower.elementsEqual("inf".utf8)
            {
                message = "infinite and NaN numbers are not allowed in JSON"
            } else if ["true", "false", "null", "none", "nil", "yes", "no"].contains(where: {
                lower.elementsEqual($0.utf8)
            }) {
                message = "not a JSON literal; JSON has only the lower-case literals true, false and null"
            } else {
                message = "unquoted value; strings must be in double quotes"
            }
            throw guardedFault(
                at: position(start), message, "unquoted word", "strings must be in double quotes")
        }
        return builder.scalar(
            text, type: type, style: .plain, range: SourceRange(start: position(start), end: position(i)))
    }
}
