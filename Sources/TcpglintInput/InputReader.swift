import TcpglintCore

// MARK: - From bytes to documents

/// Reads the bytes of one file into documents: checks the encoding, strips a UTF-8 byte order
/// mark, and hands JSON to `JSONScanner` and YAML to `YAMLLoader`.
public enum InputReader {
    /// The format for a file name: `.json` is JSON; `.yaml` and `.yml` are YAML; anything else
    /// is JSON when its first non-blank byte is `{` or `[`, else YAML.
    public static func format(forName name: String, bytes: [UInt8]) -> SourceFormat {
        let lower = name.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
            default: return .yaml
            }
        }
        return .yaml
    }

    /// Loads a file's bytes. Never fails: every fault becomes an `InputProblem`.
    public static func load(name: String, bytes raw: [UInt8], format: SourceFormat? = nil,
                            limits: InputLimits = .default) -> LoadedFile {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let problem = encodingProblem(bytes) {
            return LoadedFile(source: SourceFile(name: name, bytes: []), documents: [], problems: [problem], documentCount: 1)
        }
        let source = SourceFile(name: name, bytes: bytes)
        let loaded: LoadedFile
        let kind = format ?? self.format(forName: name, bytes: bytes)
        if kind == .json, bytes.count > limits.maxRequestBytes {
            let problem = InputProblem(.requestTooLarge, document: 1, range: SourceRange(at: .start),
                                       message: tooLarge(bytes.count, limits))
            return LoadedFile(source: source, documents: [], problems: [problem], documentCount: 1)
        }
        switch kind {
        case .json: loaded = JSONScanner.load(source, limits: limits)
        case .yaml: loaded = YAMLLoader.load(source, limits: limits)
        }
        if loaded.documentCount == 0 && loaded.problems.isEmpty {
            let problem = InputProblem(.emptyFile, document: 1, range: SourceRange(at: .start),
                                       message: "the file holds no request (it is empty or holds only whitespace or comments)")
            return LoadedFile(source: source, documents: [], problems: [problem], documentCount: 1)
        }
        return loaded
    }

    /// Loads a file like `load`, but a YAML file's documents go to `body` one by one as they
    /// are read (with the problems found so far) and are not kept: the result has no documents,
    /// only the problems left after the last one. JSON files and files with encoding faults
    /// load as with `load`.
    public static func stream(name: String, bytes raw: [UInt8], limits: InputLimits = .default,
                              _ body: (Document, [InputProblem]) -> Void) -> LoadedFile {
        guard format(forName: name, bytes: raw) == .yaml else { return load(name: name, bytes: raw, limits: limits) }
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let problem = encodingProblem(bytes) {
            return LoadedFile(source: SourceFile(name: name, bytes: []), documents: [], problems: [problem], documentCount: 1)
        }
        let source = SourceFile(name: name, bytes: bytes)
        var handed = false
        let (problems, count) = YAMLLoader.stream(source, limits: limits) { doc, problems in
            handed = true
            body(doc, problems)
        }
        if count == 0 && problems.isEmpty && !handed {
            let problem = InputProblem(.emptyFile, document: 1, range: SourceRange(at: .start),
                                       message: "the file holds no request (it is empty or holds only whitespace or comments)")
            return LoadedFile(source: source, documents: [], problems: [problem], documentCount: 1)
        }
        return LoadedFile(source: source, documents: [], problems: problems, documentCount: count)
    }

    /// The message for a request over the size limit.
    static func tooLarge(_ size: Int, _ limits: InputLimits) -> String {
        "the request is \(size) bytes, over the API's limit of \(limits.maxRequestBytes) bytes; it was not checked further (raise --max-request-bytes to check it anyway)"
    }

    /// The first encoding fault: a UTF-16/32 byte order mark, invalid UTF-8 or a NUL byte.
    static func encodingProblem(_ bytes: [UInt8]) -> InputProblem? {
        func problem(_ message: String, at offset: Int) -> InputProblem {
            let file = SourceFile(name: "", bytes: bytes)
            let pos = file.advance(.start, to: offset)
            return InputProblem(.encoding, document: 1, range: SourceRange(at: pos), message: message)
        }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return problem("the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8", at: 0)
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return problem("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", at: 0)
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return problem("the file holds a NUL byte; it looks binary, not like a request", at: i) }
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var value: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: need = 2; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: need = 3; value = UInt32(b & 0x07); minimum = 0x10000
            default:
                return problem("invalid UTF-8: byte 0x\(hex(b)) cannot start a character", at: i)
            }
            guard i + need < n else {
                return problem("invalid UTF-8: the file ends inside the character starting with byte 0x\(hex(b))", at: i)
            }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else {
                    return problem(k == 1
                        ? "invalid UTF-8: byte 0x\(hex(b)) is not followed by a continuation byte"
                        : "invalid UTF-8: the character starting with byte 0x\(hex(b)) is incomplete", at: i)
                }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (value >= 0xD800 && value < 0xE000) {
                return problem("invalid UTF-8: an overlong or surrogate encoding starting with byte 0x\(hex(b))", at: i)
            }
            i += need + 1
        }
        return nil
    }

    static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }
}

/// Parses the JSON held in a string parameter with the same strict scanner as JSON files.
public struct JSONEmbeddedParser: EmbeddedParser {
    public let limits: InputLimits

    public init(limits: InputLimits = .default) { self.limits = limits }

    public func parseJSON(_ text: String) -> (document: Document?, problems: [InputProblem]) {
        let loaded = JSONScanner.load(SourceFile(name: "", bytes: Array(text.utf8)), limits: limits, embedded: true)
        if loaded.documentCount == 0, loaded.problems.isEmpty {
            return (nil, [InputProblem(.syntaxError, document: 1, range: SourceRange(at: .start), message: "the string is empty, not a JSON document")])
        }
        return (loaded.documents.first, loaded.problems)
    }
}
