import TcpglintCore

/// Parses the JSON held in a string parameter with the same strict scanner as JSON files.
public struct JSONEmbeddedParser: EmbeddedParser {
    public let limits: InputLimits

    public init(limits: InputLimits = .default) { self.limits = limits }

    public func parseJSON(_ text: String) -> (document: Document?, problems: [InputProblem]) {
        let loaded = JSONScanner.load(SourceFile(name: "", bytes: Array(text.utf8)), limits: limits, embedded: true)
        if loaded.documentCount == 0, loaded.problems.isEmpty {
            return (
                nil,
                [
                    InputProblem(
                        .syntaxError, document: 1, range: SourceRange(at: .start),
                        message: "the string is empty, not a JSON document")
                ]
            )
        }
        return (loaded.documents.first, loaded.problems)
    }
}
