extension Linter {
    /// A loaded file's findings as the linter makes them: its input problems, then the rules on
    /// each document; unsorted, with tcpglint's own diagnostics at their default severity. The
    /// CLI's post-processing sorts them and applies the policies' overrides once, with the
    /// suppressions and the baseline (`lint(_: LoadedFile)` does both for other callers).
    public func findings(in file: LoadedFile) -> [Finding] {
        var out = findings(for: file.problems, in: file.source.name)
        for d in file.documents { out += lint(d) }
        return out
    }
}
