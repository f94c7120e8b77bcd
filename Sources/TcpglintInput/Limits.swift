import TcpglintCore

// MARK: - Limits

/// Safety limits applied while reading a file, so that a hostile or broken input cannot exhaust
/// the stack, the memory or the time of a run. Each one has a command-line flag that raises it.
public struct InputLimits: Sendable {
    /// The deepest nesting of objects and arrays (`--max-depth`).
    public var maxDepth: Int
    /// The longest string or scalar, in UTF-8 bytes after decoding (`--max-scalar-bytes`).
    public var maxScalarBytes: Int
    /// The most nodes a YAML document may hold once its aliases are expanded (`--max-alias-expansion`).
    public var maxAliasExpansion: Int
    /// The most documents a YAML stream may hold (`--max-documents`).
    public var maxDocuments: Int

    public static let `default` = InputLimits(maxDepth: 512, maxScalarBytes: 1 << 20)

    public init(maxDepth: Int, maxScalarBytes: Int, maxAliasExpansion: Int = 100_000, maxDocuments: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
    }
}
