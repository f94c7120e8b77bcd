import TcpglintCore

// MARK: - From bytes to documents

/// Reads the bytes of one file into documents: strips a UTF-8 byte order mark and checks the
/// encoding (`InputEncoding`), chooses the format, and hands JSON to `JSONScanner` and YAML to
/// `YAMLLoader`.
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
    public static func load(
        name: String, bytes raw: [UInt8], format: SourceFormat? = nil,
        limits: InputLimits = .default
    ) -> LoadedFile {
        let bytes = InputEncoding.withoutByteOrderMark(raw)
        if let problem = InputEncoding.firstProblem(in: bytes) {
            return LoadedFile(
                source: SourceFile(name: name, bytes: []), documents: [], problems: [problem], documentCount: 1)
        }
        let source = SourceFile(name: name, bytes: bytes)
        let loaded: LoadedFile
        let kind = format ?? self.format(forName: name, bytes: bytes)
        if kind == .json, bytes.count > limits.maxRequestBytes {
            let problem = InputProblem(
                .requestTooLarge, document: 1, range: SourceRange(at: .start),
                message: tooLarge(bytes.count, limits))
            return LoadedFile(source: source, documents: [], problems: [problem], documentCount: 1)
        }
        switch kind {
        case .json: loaded = JSONScanner.load(source, limits: limits)
        case .yaml: loaded = YAMLLoader.load(source, limits: limits)
        }
        if loaded.documentCount == 0 && loaded.problems.isEmpty {
            return LoadedFile(source: source, documents: [], problems: [empty(kind)], documentCount: 1)
        }
        return loaded
    }

    /// Loads a file like `load`, but a YAML file's documents go to `body` one by one as they
    /// are read (with the problems found so far) and are not kept: the result has no documents,
    /// only the problems left after the last one. JSON files and files with encoding faults
    /// load as with `load`.
    public static func stream(
        name: String, bytes raw: [UInt8], limits: InputLimits = .default,
        _ body: (Document, [InputProblem]) -> Void
    ) -> LoadedFile {
        guard format(forName: name, bytes: raw) == .yaml else { return load(name: name, bytes: raw, limits: limits) }
        let bytes = InputEncoding.withoutByteOrderMark(raw)
        if let problem = InputEncoding.firstProblem(in: bytes) {
            return LoadedFile(
                source: SourceFile(name: name, bytes: []), documents: [], problems: [problem], documentCount: 1)
        }
        let source = SourceFile(name: name, bytes: bytes)
        var handed = false
        let (problems, count) = YAMLLoader.stream(source, limits: limits) { doc, problems in
            handed = true
            body(doc, problems)
        }
        if count == 0 && problems.isEmpty && !handed {
            return LoadedFile(source: source, documents: [], problems: [empty(.yaml)], documentCount: 1)
        }
        return LoadedFile(source: source, documents: [], problems: problems, documentCount: count)
    }

    /// The problem for a file with no document: an empty YAML stream is valid YAML, so it is an
    /// `empty-file` warning; no JSON text is empty (RFC 8259), so JSON is a syntax error.
    static func empty(_ kind: SourceFormat) -> InputProblem {
        switch kind {
        case .json:
            InputProblem(
                .syntaxError, document: 1, range: SourceRange(at: .start), message: "the file holds no JSON text")
        case .yaml:
            InputProblem(
                .emptyFile, document: 1, range: SourceRange(at: .start),
                message: "the file holds no request (it is empty or holds only whitespace or comments)")
        }
    }

    /// The message for a request over the size limit.
    static func tooLarge(_ size: Int, _ limits: InputLimits) -> String {
        "the request is \(size) bytes, over the API's limit of \(limits.maxRequestBytes) bytes; it was not checked further (raise --max-request-bytes to check it anyway)"
    }
}
