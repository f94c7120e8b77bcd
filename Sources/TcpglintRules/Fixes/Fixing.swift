import TcpglintCore
import TcpglintInput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Applying fixes to a file's bytes, verified: the fixes of a round are applied in one pass, the
/// result is parsed and linted again, and it is kept only when it parses as the original did and
/// no applied fix's rule still reports at its parameter. Rounds repeat while something changes,
/// ten at the most. What fails keeps the original and is a `fix-failed` finding (a bug of ours).
///
/// It is the CLI's (`--fix`, `--fix-only`, `--diff`) and the fuzzer's: its verification is the
/// fuzzer's oracle.
public struct Fixing {
    public let linter: Linter
    public let limits: InputLimits
    /// The least applicability applied: `.safe` for `--fix`, `.unsafe` with `--unsafe-fixes`.
    public let level: FixApplicability
    /// Whether a finding is silenced (by a suppression or the baseline), and so not fixed.
    public let silenced: (Finding, LoadedFile) -> Bool

    public init(
        linter: Linter, limits: InputLimits, level: FixApplicability,
        silenced: @escaping (Finding, LoadedFile) -> Bool = { _, _ in false }
    ) {
        self.linter = linter
        self.limits = limits
        self.level = level
        self.silenced = silenced
    }

    public static let maxRounds = 10
    #if DEBUG
        static let breakFixes = getenv("TCPGLINT_TEST_BREAK_FIXES") != nil
    #endif
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public struct Outcome: Sendable {
        /// The file's bytes after the fixes that verified (the original's when none did).
        public var bytes: [UInt8]
        /// The findings whose fixes were applied, in the round they were.
        public var fixed: [Finding] = []
        /// A `fix-failed` finding, when a round did not verify or rounds ran out.
        public var failure: Finding?
        public var changed: Bool = false
    }

    /// The fixed bytes of a file named `name`. A BOM is kept: the edits are of the text after it.
    public func fix(_ original: [UInt8], name: String) -> Outcome {
        let hasBOM = original.starts(with: Self.bom)
        var text = hasBOM ? Array(original.dropFirst(3)) : original
        var out = Outcome(bytes: original)
        var before = load(text, name: name)
        for _ in 0..<Self.maxRounds {
            let findings = linter.findings(in: before).filter { !silenced($0, before) }
            let fixes = findings.compactMap { f in f.fix.map { (f, $0) } }.filter { $0.1.applicability >= level }
            if fixes.isEmpty {
                out.bytes = hasBOM ? Self.bom + text : text
                return out
            }
            var (next, applied) = FixApplier.apply(fixes.map(\.1), to: text, level: level)
            #if DEBUG
                // For the test of the failure path only: a debug build breaks its own fixes.
                if Self.breakFixes { next += Array("\n{[".utf8) }
            #endif
            let appliedFindings = fixes.filter { applied.contains($0.1) }.map(\.0).sorted(by: Finding.ordered)
            let after = load(next, name: name)
            if let problem = verify(before, after, fixed: appliedFindings) {
                out.failure = Self.failure(name, problem)
                out.bytes = original
                out.fixed = []
                out.changed = false
                return out
            }
            out.fixed += appliedFindings
            out.changed = out.changed || next != text
            text = next
            before = after
        }
        out.failure = Self.failure(name, "fixes were still pending after \(Self.maxRounds) rounds")
        out.bytes = original
        out.fixed = []
        out.changed = false
        return out
    }

    func load(_ bytes: [UInt8], name: String) -> LoadedFile {
        InputReader.load(name: name, bytes: bytes, limits: limits)
    }

    /// Why the fixed text is not kept, or nil: it must hold as many documents, with no more
    /// syntax problems, and no rule whose fix was applied may report at that parameter again.
    public func verify(_ before: LoadedFile, _ after: LoadedFile, fixed: [Finding]) -> String? {
        let broken = { (f: LoadedFile) in
            f.problems.filter {
                $0.diagnostic.id == Diagnostic.syntaxError.id || $0.diagnostic.id == Diagnostic.encoding.id
            }
            .count
        }
        if after.documentCount != before.documentCount || broken(after) > broken(before) {
            return "the fixed file does not parse as the original did"
        }
        let again = Set(linter.findings(in: after).map { "\($0.document) \($0.rule) \($0.path)" })
        if let f = fixed.first(where: { again.contains("\($0.document) \($0.rule) \($0.path)") }) {
            return "\(f.rule) still reports at \(f.path) after its fix"
        }
        return nil
    }

    static func failure(_ name: String, _ why: String) -> Finding {
        let d = Diagnostic.fixFailed
        return Finding(
            file: name, range: SourceRange(at: .start), severity: d.severity, code: d.code, rule: d.id, path: .root,
            message:
                "the fixes were not applied, and the file is as it was: \(why); this is a bug of tcpglint's, please report it"
        )
    }
}

extension Fixing {
    /// The lines (1-based) that hold a secret's value, in any document: a diff shows none of
    /// them. More than needed rather than less: every line that names a secret key (also inside
    /// a string, as in `DBEngineConfig`'s JSON), every line of a value written over several
    /// lines that names one, and every line that holds a secret's text. The one line shown is a
    /// secret written as a placeholder (`AdminPassword: "${PG_ADMIN_PASSWORD}"`) that names no
    /// other secret key.
    public func secretLines(_ file: LoadedFile) -> Set<Int> {
        let keys = linter.ruleSet.model.secretKeys
        let placeholder = { (n: Node) in
            n.kind == .scalar && n.type == .string
                && linter.placeholders.contains { (try? $0.matches(n.value)) == true }
        }
        var out = Set<Int>()
        var placeholderLines = Set<Int>()
        var values = Set<String>()
        for d in file.documents {
            if d[d.root].kind == .mapping {
                for (k, v) in d.entries(of: d.root) where keys.contains(d[k].value) {
                    let (kr, vr) = (d[k].range, d[v].range)
                    if placeholder(d[v]), kr.start.line == vr.end.line {
                        placeholderLines.insert(kr.start.line)
                        continue
                    }
                    for line in kr.start.line...max(kr.start.line, vr.end.line) { out.insert(line) }
                    if !d[v].value.isEmpty { values.insert(d[v].value) }
                }
            }
            for n in d.nodes where n.kind == .scalar && n.range.end.line > n.range.start.line {
                if keys.contains(where: { n.value.contains($0) }) {
                    for line in n.range.start.line...n.range.end.line { out.insert(line) }
                }
            }
        }
        let text = String(decoding: file.source.bytes, as: UTF8.self)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if values.contains(where: { line.contains($0) }) {
                out.insert(i + 1)
                continue
            }
            let named = keys.reduce(0) { $0 + line.ranges(of: $1).count }
            if named > 1 || (named == 1 && !placeholderLines.contains(i + 1)) { out.insert(i + 1) }
        }
        return out
    }
}
