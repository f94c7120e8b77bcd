import TcpglintCore

// MARK: - Limits

/// Safety limits applied while reading a file, so that a hostile or broken input cannot exhaust
/// the stack, the memory or the time of a run. Each one has a command-line flag that raises it;
/// the README's "Limits and safety" lists them.
public struct InputLimits: Sendable {
    /// The deepest nesting of objects and arrays (`--max-depth`).
    public var maxDepth: Int
    /// The longest string or scalar, in UTF-8 bytes after decoding (`--max-scalar-bytes`).
    public var maxScalarBytes: Int
    /// The most nodes a YAML document may hold once its aliases are expanded (`--max-alias-expansion`).
    public var maxAliasExpansion: Int
    /// The most documents a YAML stream may hold (`--max-documents`).
    public var maxDocuments: Int
    /// The largest request, in bytes of its text: the API refuses bodies over 10 MB
    /// (`--max-request-bytes`). A JSON file is one request; a YAML stream is measured per document.
    public var maxRequestBytes: Int
    /// The largest file read at all (`--max-file-bytes`); a larger one is refused unread.
    public var maxFileBytes: Int

    public static let `default` = InputLimits()

    public init(
        maxDepth: Int = 512, maxScalarBytes: Int = 1 << 20, maxAliasExpansion: Int = 100_000,
        maxDocuments: Int = 100_000, maxRequestBytes: Int = 10 << 20, maxFileBytes: Int = 256 << 20
    ) {
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
        self.maxRequestBytes = maxRequestBytes
        self.maxFileBytes = maxFileBytes
    }

    /// The message for nesting past `maxDepth`: "1 level", "512 levels".
    var depthMessage: String {
        "nesting deeper than \(maxDepth) \(maxDepth == 1 ? "level" : "levels"); raise it with --max-depth"
    }
}
