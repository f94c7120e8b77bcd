import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules
import TcpglintSystem

/// Findings on their way from a file to the report: a whole file's, or a piece of a long YAML
/// stream's (its documents in order), or an unreadable path's.
struct FilePiece: Sendable {
    /// The file's name as findings show it.
    var name: String
    /// The file as far as it has been read: its documents so far (a stream's pieces count up).
    var file: LintedFile
    var findings: [Finding]
    /// Suppressions written in the file (comments) or in its configs.
    var suppressions: [Suppression] = []
    /// Whether the file was linted (an unreadable path counts only when it is reported).
    var linted: Bool
    /// The rule-set group of the file; nil for an unreadable path.
    var group: Int?
    /// The lowest severity that fails the run, for this file; nil for the run's default.
    var failLevel: Severity?
    /// The file's last piece: the per-file cap reports what it held back after it.
    var last: Bool = true
    /// A failure of the system (a file that could not be read): the exit status is 3.
    var ioFailure: Bool = false
    /// With `--diff`: the file's unified diff ("" when its fixes change nothing).
    var diff: String? = nil
    /// With `--fix` or `--diff`: the findings whose fixes were applied (and written, with `--fix`).
    var fixed: [Finding] = []
    /// With `--fix -`: the text of standard input, fixed (as read when its fixes did not verify).
    var fixedText: [UInt8]? = nil
}

extension FilePiece {
    /// The piece with its fixes' byte offsets counted in the file as read: after a BOM, which
    /// the parsers do not count.
    func countingBOM(of bytes: [UInt8]) -> FilePiece {
        guard bytes.starts(with: Fixing.bom) else { return self }
        var piece = self
        for i in piece.findings.indices where piece.findings[i].fix != nil {
            for j in piece.findings[i].fix!.edits.indices {
                piece.findings[i].fix!.edits[j].byteOffset += Fixing.bom.count
            }
        }
        return piece
    }
}

/// Stage 3: every unit of the plan, read, parsed and linted on worker threads, handed to
/// `deliver` on the calling thread in name order as soon as it and every unit before it are
/// done, so the output is the same whatever the number of threads and is written as the run goes.
enum FileLinting {
    /// `stop` is asked after each delivery: true ends the run early (the workers finish the
    /// file they are on).
    /// `baselined` lists the findings of the baseline, which are not fixed.
    static func run(
        _ plan: RunPlan, options: Lint, baselined: Set<Baseline.Key> = [], stop: () -> Bool = { false },
        deliver: (FilePiece) -> Void
    ) {
        let jobs = options.jobs ?? Parallel.processorCount
        let context = FileContext(options: options, stdin: plan.stdin, streams: !plan.gathers, baselined: baselined)
        let units = plan.units
        let files = plan.files
        let sets = WorkerRuleSets(plan, options: options, jobs: jobs)
        Parallel.forEachOrdered(
            count: units.count, threads: jobs, window: 64 * max(1, jobs), stop: stop,
            produce: { i, worker -> FileOutcome? in
                guard case .lint(let f) = units[i] else { return nil }
                let file = files[Int(f)]
                return context.lint(
                    file, set: sets.set(file.group, worker: worker), catalogue: plan.groups[file.group].catalogue)
            },
            consume: { i, outcome in
                switch (units[i], outcome) {
                case (.unreadable(let k), _):
                    let f = plan.unreadable[Int(k)]
                    deliver(
                        FilePiece(
                            name: f.file, file: LintedFile(name: f.file, documents: 0), findings: [f], linted: false))
                case (.lint, .whole(let piece)?):
                    deliver(piece)
                case (.lint(let f), .stream(let bytes)?):
                    let file = files[Int(f)]
                    StreamLinting.run(
                        bytes, file: file, set: plan.groups[file.group].set,
                        catalogue: plan.groups[file.group].catalogue, context: context, jobs: jobs,
                        stop: stop, deliver: deliver)
                case (.lint, nil):
                    break
                }
            })
    }
}

/// What linting a file on a worker gives: its findings, or a long YAML stream read but not parsed.
enum FileOutcome: Sendable {
    case whole(FilePiece)
    case stream([UInt8])
}

extension FilePiece {
    /// A piece of a linted file: its name, group and fail level are the plan's.
    init(
        of file: PlannedFile, documents: Int, findings: [Finding], suppressions: [Suppression] = [], last: Bool = true,
        ioFailure: Bool = false
    ) {
        self.init(
            name: file.name, file: LintedFile(name: file.name, documents: documents), findings: findings,
            suppressions: suppressions, linted: true, group: file.group,
            failLevel: file.settings.failLevel ?? .error, last: last, ioFailure: ioFailure)
    }
}

/// The rule set of a group for a worker. With many files, each worker lints with rule sets of
/// its own, loaded again from the same files: threads that share one set spend a fifth of their
/// time passing the reference counts of its objects between processors. With few files, loading
/// costs more than that.
struct WorkerRuleSets: Sendable {
    private let perWorker: Parallel.PerWorker<[RuleSet]>

    init(_ plan: RunPlan, options: Lint, jobs: Int) {
        let workers = max(1, min(jobs, plan.units.count))
        let own = workers > 1 && plan.units.count >= 256 * workers
        let shared = plan.groups.map(\.set)
        let policies = plan.groups.map(\.policies)
        let directory = options.rules.directory
        let limits = options.regexLimits
        perWorker = Parallel.PerWorker<[RuleSet]>(count: workers) { w in
            guard own, w > 0, case .success(let pack) = RulePackLoader.loadPack(directory: directory, limits: limits)
            else {
                return shared
            }
            return policies.enumerated().map { i, policies in
                if policies.isEmpty { return pack.ruleSet }
                if case .success(let set) = PolicyLoader.load(policies, onto: pack) { return set }
                return shared[i]
            }
        }
    }

    func set(_ group: Int, worker: Int) -> RuleSet { perWorker[worker][group] }
}

/// What every file of a run is linted with, apart from its own settings and rule set.
struct FileContext: Sendable {
    let stdin: Result<[UInt8], FileSystemError>?
    let embedded: JSONEmbeddedParser
    let limits: InputLimits
    /// Whether a long YAML stream may be linted piece by piece (not when findings are gathered).
    let streams: Bool
    let fixMode: FixMode?
    /// The baseline's findings: with `--fix`, they are not fixed.
    let baselined: Set<Baseline.Key>

    init(
        options: Lint, stdin: Result<[UInt8], FileSystemError>?, streams: Bool, baselined: Set<Baseline.Key> = []
    ) {
        self.stdin = stdin
        self.embedded = JSONEmbeddedParser(limits: options.limits)
        self.limits = options.limits
        self.fixMode = options.fixMode
        self.streams = streams && options.fixMode == nil
        self.baselined = baselined
    }

    /// A YAML file at least this long is linted as a stream: its documents are parsed one by
    /// one, linted in parallel in batches and reported as they finish, and none is kept.
    static let streamBytes = 1 << 20

    /// Reads, parses and lints one file. Runs on any thread: it touches no shared state.
    func lint(_ file: PlannedFile, set: RuleSet, catalogue: CatalogueInUse?) -> FileOutcome {
        let name = file.name
        let bytes: [UInt8]
        do {
            if file.entry.isStandardInput {
                bytes = try (stdin ?? .success([])).get()
            } else {
                bytes = try FileSystem.readFile(file.entry.path, maxBytes: limits.maxFileBytes)
            }
        } catch {
            let d = Diagnostic.limitExceeded
            let f =
                error.tooLarge
                ? Finding(
                    file: name, range: SourceRange(at: .start), severity: d.severity, code: d.code, rule: d.id,
                    path: .root, message: error.reason)
                : FileWalker.ioFinding(name, "cannot read the file: \(error)")
            return .whole(FilePiece(of: file, documents: 0, findings: [f], ioFailure: !error.tooLarge))
        }
        if streams, bytes.count >= FileContext.streamBytes, InputReader.format(forName: name, bytes: bytes) == .yaml,
            !SuppressionComments.mayHold(bytes)
        {
            return .stream(bytes)
        }
        let linter = Linter(
            ruleSet: set, embeddedParser: embedded, placeholders: file.settings.placeholders, catalogue: catalogue)
        if let fixMode { return .whole(fixed(file, bytes: bytes, linter: linter, mode: fixMode)) }
        let loaded = InputReader.load(name: name, bytes: bytes, limits: limits)
        return .whole(
            FilePiece(
                of: file, documents: loaded.documentCount, findings: linter.findings(in: loaded),
                suppressions: suppressions(file, loaded, bytes: bytes)
            ).countingBOM(of: bytes))
    }

    /// The suppressions of a file: its comments (YAML) and its configs'.
    func suppressions(_ file: PlannedFile, _ loaded: LoadedFile, bytes: [UInt8]) -> [Suppression] {
        var out: [Suppression] = []
        if loaded.documents.first?.format == .yaml
            || (loaded.documents.isEmpty && InputReader.format(forName: file.name, bytes: bytes) == .yaml)
        {
            out += SuppressionComments.scan(loaded)
        }
        for (config, s) in file.settings.suppressions {
            out.append(
                Suppression(
                    file: file.name, scope: .parameter(s.parameter), rules: s.rules, reason: s.reason,
                    originFile: config, origin: s.range))
        }
        return out
    }

    /// `--fix` and `--diff`: the file fixed (and written, with `--fix`; standard input's text is
    /// handed back), then linted as it now is; or its diff. A suppressed or baselined finding is
    /// not fixed. A config's `unsafe-fixes: true` applies the unsafe fixes of its files.
    func fixed(_ file: PlannedFile, bytes: [UInt8], linter: Linter, mode: FixMode) -> FilePiece {
        let level = file.settings.unsafeFixes ? min(mode.level, .unsafe) : mode.level
        let baselined = baselined
        let fixing = Fixing(linter: linter, limits: limits, level: level) { f, loaded in
            baselined.contains(Baseline.Key(file: f.file, parameter: f.path.description, rule: f.rule))
                || suppressions(file, loaded, bytes: bytes).contains { $0.covers(f) }
        }
        let outcome = fixing.fix(bytes, name: file.name)
        var now = outcome.bytes
        var extra = outcome.failure.map { [$0] } ?? []
        var ioFailure = false
        if case .diff = mode {
            let original = InputReader.load(name: file.name, bytes: bytes, limits: limits)
            var piece = FilePiece(of: file, documents: original.documentCount, findings: extra)
            piece.fixed = outcome.fixed
            let fixed = InputReader.load(name: file.name, bytes: outcome.bytes, limits: limits)
            piece.diff = UnifiedDiff.render(
                name: file.name, old: bytes, new: outcome.bytes, masking: fixing.secretLines(original),
                maskingNew: fixing.secretLines(fixed))
            return piece
        }
        if outcome.changed, !file.entry.isStandardInput {
            do { try FileSystem.rewrite(file.entry.path, with: outcome.bytes) } catch {
                extra.append(FileWalker.ioFinding(file.name, "cannot write the fixed file: \(error)"))
                ioFailure = true
                now = bytes
            }
        }
        let loaded = InputReader.load(name: file.name, bytes: now, limits: limits)
        var piece = FilePiece(
            of: file, documents: loaded.documentCount, findings: linter.findings(in: loaded) + extra,
            suppressions: suppressions(file, loaded, bytes: now), ioFailure: ioFailure)
        if !ioFailure { piece.fixed = outcome.fixed }
        if file.entry.isStandardInput { piece.fixedText = outcome.bytes }
        return piece.countingBOM(of: now)
    }
}
