import TcpglintCore

// MARK: - Baselines

/// Findings accepted when a team adopts tcpglint on old files. Entries are keyed by file,
/// parameter path and rule, not by line, so they survive edits; a count says how many.
public struct Baseline: Sendable {
    public struct Key: Hashable, Sendable, Comparable {
        public var file: String
        public var parameter: String
        public var rule: String
        public init(file: String, parameter: String, rule: String) {
            self.file = file
            self.parameter = parameter
            self.rule = rule
        }
        public static func < (a: Key, b: Key) -> Bool {
            (a.file, a.parameter, a.rule) < (b.file, b.parameter, b.rule)
        }
    }

    public struct Entry: Sendable {
        public var key: Key
        public var count: Int
        /// Where the entry is written in the baseline file.
        public var range: SourceRange
        public init(key: Key, count: Int, range: SourceRange = SourceRange(at: .start)) {
            self.key = key
            self.count = count
            self.range = range
        }
    }

    /// The baseline file's name, for findings about stale entries.
    public let name: String
    public let entries: [Entry]

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// The entries for a set of findings, sorted.
    public static func entries(for findings: [Finding]) -> [Entry] {
        var counts: [Key: Int] = [:]
        for f in findings { counts[Key(file: f.file, parameter: f.path.description, rule: f.rule), default: 0] += 1 }
        return counts.keys.sorted().map { Entry(key: $0, count: counts[$0]!) }
    }

    /// Removes baselined findings. Returns what remains, how many were baselined, and a finding
    /// for each entry of a linted file that now matches fewer findings than it lists.
    public func apply(_ findings: [Finding], lintedFiles: Set<String>) -> (
        kept: [Finding], baselined: Int, stale: [Finding]
    ) {
        var budget: [Key: Int] = [:]
        for e in entries { budget[e.key, default: 0] += e.count }
        var kept: [Finding] = []
        var baselined = 0
        for f in findings {
            let k = Key(file: f.file, parameter: f.path.description, rule: f.rule)
            if let n = budget[k], n > 0 {
                budget[k] = n - 1
                baselined += 1
            } else {
                kept.append(f)
            }
        }
        var stale: [Finding] = []
        let d = Diagnostic.staleBaseline
        for e in entries where lintedFiles.contains(e.key.file) {
            guard let left = budget[e.key], left > 0 else { continue }
            budget[e.key] = 0
            let what = left == e.count ? "no longer matches" : "matches \(e.count - left) of its \(e.count) findings"
            stale.append(
                Finding(
                    file: name, range: e.range, severity: d.severity, code: d.code, rule: d.id, path: .root,
                    message:
                        "the entry for \(e.key.rule) at \(e.key.parameter) in \(e.key.file) \(what); write the baseline again with --write-baseline"
                ))
        }
        return (kept, baselined, stale)
    }
}
