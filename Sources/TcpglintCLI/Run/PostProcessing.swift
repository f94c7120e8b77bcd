import TcpglintCore
import TcpglintReport
import TcpglintRules
import TcpglintSystem

/// Findings of one file (or piece of a stream) ready for the report.
struct ReportChunk {
    var name: String
    /// The file as far as it is read (documents so far), for formats that name the document.
    var file: LintedFile
    /// Whether formats that list every file list this one (a linted file, an unreadable path); a
    /// config or baseline file with findings is not listed.
    var listed: Bool
    /// Whether the file was linted: an unreadable path counts as a file only when reported.
    var linted: Bool
    var failLevel: Severity
    var findings: [Finding]
    /// The file's last chunk.
    var last: Bool
}

/// Stage 4: what is done to a file's findings between the linter and the report, in this order,
/// each step once:
/// 1. what a policy turns off is dropped, so that nothing below suppresses or baselines it (as
///    for a rule a policy turns off, which does not run at all);
/// 2. suppressions (comments and config entries) silence findings, and wrong or unused ones are
///    reported;
/// 3. the baseline is applied (or written);
/// 4. the policies' overrides are applied to tcpglint's own diagnostics, those steps 2 and 3
///    made included (a new severity, or dropped);
/// 5. the findings are sorted;
/// 6. `--max-findings-per-file` holds back the rest of a linted file's findings (its
///    `limit-exceeded` finding, too, takes the policy's severity).
///
/// Normally each file is done as it comes (`take`). When a baseline is read or written or a
/// config's suppressions apply, findings must be matched across files: `take` gathers them and
/// `finish` does the whole run at once. Streams and whole files take the same steps.
struct PostProcessing {
    private let plan: RunPlan
    private let baseline: Baseline?
    private let writeBaseline: String?
    private let maxFindings: Int
    private let defaultFailLevel: Severity
    /// The cap of the file being taken, kept across the pieces of a stream.
    private var cap: FindingsCap
    /// Gathered: every piece (findings and suppressions), in file order.
    private var gathered: [FilePiece] = []
    /// How many findings the baseline accepted (or was written with).
    private(set) var baselined = 0

    init(_ options: Lint, plan: RunPlan, baseline: Baseline?) {
        self.plan = plan
        self.baseline = baseline
        self.writeBaseline = options.writeBaseline
        self.maxFindings = options.maxFindingsPerFile
        self.defaultFailLevel = options.failLevel?.severity ?? .error
        self.cap = FindingsCap(options.maxFindingsPerFile)
    }

    /// One piece from the linting stage: processed now, or kept when the run gathers.
    mutating func take(_ piece: FilePiece) -> [ReportChunk] {
        if plan.gathers {
            gathered.append(piece)
            return []
        }
        let set = plan.set(ofGroup: piece.group)
        var findings = PostProcessing.dropTurnedOff(piece.findings, set)
        if !piece.suppressions.isEmpty {
            findings = Suppressor.apply(
                findings, piece.suppressions, known: plan.known, unsuppressible: plan.unsuppressible)
        }
        findings = PostProcessing.overridden(findings, set)
        findings.sort(by: Finding.ordered)
        findings = cap.pass(findings)
        if piece.last, let hidden = cap.hidden, let shown = set.adjusted(hidden) { findings.append(shown) }
        if piece.last { cap = FindingsCap(maxFindings) }
        return [chunk(piece, findings: findings)]
    }

    /// The gathered run, done at once: nothing when each file was done as it came. Throws (after
    /// saying why) when the baseline cannot be written.
    mutating func finish(console: Console) throws(FileSystemError) -> [ReportChunk] {
        guard plan.gathers else { return [] }
        let pieces = gathered
        gathered = []
        var setOfFile: [String: RuleSet] = [:]
        for p in pieces where p.linted { setOfFile[p.name] = plan.set(ofGroup: p.group) }
        func set(_ f: Finding) -> RuleSet { setOfFile[f.file] ?? plan.fallbackSet }
        var findings = pieces.flatMap { p in PostProcessing.dropTurnedOff(p.findings, plan.set(ofGroup: p.group)) }
        findings = Suppressor.apply(
            findings, pieces.flatMap(\.suppressions), known: plan.known,
            unsuppressible: plan.unsuppressible)
        findings = try baselineStep(findings, console: console)
        findings = findings.compactMap { set($0).adjusted($0) }
        findings.sort(by: Finding.ordered)
        return chunks(findings, pieces: pieces, set: set)
    }

    /// Step 3: with `--write-baseline`, every finding but the unreadable paths' goes into the
    /// baseline (and is not reported); with `--baseline`, the entries hold back what they list
    /// and stale entries are reported.
    private mutating func baselineStep(_ findings: [Finding], console: Console) throws(FileSystemError) -> [Finding] {
        if let path = writeBaseline {
            let io = Diagnostic.ioError.id
            let entries = Baseline.entries(for: findings.filter { $0.rule != io })
            do { try FileSystem.writeAtomically(BaselineWriter.render(entries), to: path) } catch {
                console.err("tcpglint: cannot write the baseline \(path): \(error)\n")
                throw error
            }
            let kept = findings.filter { $0.rule == io }
            baselined = findings.count - kept.count
            let s = entries.count == 1 ? "y" : "ies"
            let fs = baselined == 1 ? "" : "s"
            console.err("tcpglint: wrote \(entries.count) baseline entr\(s) (\(baselined) finding\(fs)) to \(path)\n")
            return kept
        }
        guard let baseline else { return findings }
        let result = baseline.apply(findings, lintedFiles: Set(plan.files.map(\.name)))
        baselined = result.baselined
        return result.kept + result.stale
    }

    /// Step 6 for a gathered run: the sorted findings in runs of one file; each linted or
    /// unreadable file in name order, with its run capped (a name given twice is listed twice, its
    /// findings with the first), and beside them every other file a finding is about (a config, a
    /// baseline), not capped.
    private func chunks(_ findings: [Finding], pieces: [FilePiece], set: (Finding) -> RuleSet) -> [ReportChunk] {
        var byFile: [String: [Finding]] = [:]
        var order: [String] = []
        for f in findings {
            if byFile[f.file] == nil { order.append(f.file) }
            byFile[f.file, default: []].append(f)
        }
        // The pieces are in name order already; the other files go in among them.
        var entries: [(name: String, piece: FilePiece?)] = pieces.map { ($0.name, $0) }
        let listed = Set(pieces.map(\.name))
        let others = order.filter { !listed.contains($0) }
        if !others.isEmpty {
            entries = (entries + others.map { ($0, nil) }).enumerated().sorted { a, b in
                a.element.name == b.element.name ? a.offset < b.offset : a.element.name.utf8Precedes(b.element.name)
            }.map(\.element)
        }
        var given = Set<String>()
        return entries.map { entry in
            let found = given.insert(entry.name).inserted ? byFile[entry.name] ?? [] : []
            if let p = entry.piece { return chunk(p, findings: capped(found, set: set)) }
            return ReportChunk(
                name: entry.name, file: LintedFile(name: entry.name, documents: 0), listed: false, linted: false,
                failLevel: defaultFailLevel, findings: found, last: true)
        }
    }

    private func capped(_ findings: [Finding], set: (Finding) -> RuleSet) -> [Finding] {
        var cap = FindingsCap(maxFindings)
        var out = cap.pass(findings)
        if let hidden = cap.hidden, let shown = set(hidden).adjusted(hidden) { out.append(shown) }
        return out
    }

    private func chunk(_ piece: FilePiece, findings: [Finding]) -> ReportChunk {
        ReportChunk(
            name: piece.name, file: piece.file, listed: true, linted: piece.linted,
            failLevel: piece.failLevel ?? defaultFailLevel, findings: findings, last: piece.last)
    }

    /// Step 1: the findings of tcpglint's own diagnostics that the file's policies turn off (a
    /// rule a policy turns off does not run at all).
    static func dropTurnedOff(_ findings: [Finding], _ set: RuleSet) -> [Finding] {
        guard !set.overrides.isEmpty else { return findings }
        return findings.filter { set.adjusted($0) != nil }
    }

    /// Step 4: the severities the file's policies give tcpglint's own diagnostics (those turned
    /// off are dropped).
    static func overridden(_ findings: [Finding], _ set: RuleSet) -> [Finding] {
        guard !set.overrides.isEmpty else { return findings }
        return findings.compactMap(set.adjusted)
    }
}

/// `--max-findings-per-file`: a file's findings (sorted, given in one piece or, for a stream, in
/// pieces) pass until the limit; the rest are counted, and `hidden` stands for them at the
/// place of the first one not shown.
struct FindingsCap {
    let limit: Int
    private var shown = 0
    private var count = 0
    private var first: Finding?

    init(_ limit: Int) { self.limit = limit }

    mutating func pass(_ findings: [Finding]) -> [Finding] {
        let keep = max(0, min(findings.count, limit - shown))
        if keep < findings.count {
            if first == nil { first = findings[keep] }
            count += findings.count - keep
        }
        shown += keep
        return keep == findings.count ? findings : Array(findings[0..<keep])
    }

    var hidden: Finding? {
        guard let first else { return nil }
        let d = Diagnostic.limitExceeded
        return Finding(
            file: first.file, document: first.document, range: SourceRange(at: first.range.start),
            severity: d.severity, code: d.code, rule: d.id, path: .root,
            message: "\(count) more findings in this file are not shown; raise --max-findings-per-file to see them")
    }
}
