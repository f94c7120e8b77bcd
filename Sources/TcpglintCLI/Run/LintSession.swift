import TcpglintCore
import TcpglintReport
import TcpglintRules
import TcpglintSystem

/// `tcpglint lint`: a pipeline of small stages, each a type of its own in this folder.
///
/// 1. **Plan** (`RunInputs`): the rule pack, the config resolver and the baseline are loaded.
/// 2. **Walk** (`RunPlan`): the paths become files in name order, each with its settings and its
///    rule-set group; standard input is read.
/// 3. **Lint each file** (`FileLinting`): files are read, parsed and linted on worker threads and
///    come back in name order, as soon as each one and every file before it is done. A long YAML
///    stream comes back in pieces of a few documents (`StreamLinting`).
/// 4. **Post-process** (`PostProcessing`), once per file, or once for the whole run when a
///    baseline or a config's suppressions must be matched across files (then findings are
///    gathered first): suppressions, the baseline, sorting, the per-file cap, policy severities.
/// 5. **Report** (`ReportStage`): every output (standard output and each `--output` file) is
///    written as the files finish, and the exit status is worked out.
///
/// A new stage (applying fixes, say) is one file here and one line below.
enum LintSession {
    static func run(_ options: Lint, console: Console) -> Int32 {
        guard let inputs = RunInputs.load(options, console: console),
            let plan = RunPlan.make(options, inputs: inputs, console: console)
        else { return ExitStatus.usage.rawValue }
        let baselined = Set(inputs.baseline?.entries.map(\.key) ?? [])
        if case .diff = options.fixMode { return diffs(plan, options: options, baselined: baselined, console: console) }
        if options.fixOnly { return fixOnly(plan, options: options, baselined: baselined, console: console) }
        // `--fix -`: standard output is the fixed text, and the findings go to standard error.
        let fixingStandardInput = options.fixMode != nil && plan.stdin != nil
        var report = ReportStage(options, plan: plan, console: console, toStandardError: fixingStandardInput)
        var post = PostProcessing(options, plan: plan, baseline: inputs.baseline)
        var fixes = FixLog()
        // Standard output that cannot be written (a closed pipe, a full disk) stops the run: the
        // workers stop, and no output file or baseline is written from a part of the files.
        let stopped = { console.outFailure() != nil }
        FileLinting.run(plan, options: options, baselined: baselined, stop: stopped) { piece in
            fixes.note(piece)
            if piece.ioFailure { report.noteIOFailure() }
            for chunk in post.take(piece) { report.add(chunk) }
        }
        if stopped() { return ExitStatus.failure.rawValue }
        do {
            for chunk in try post.finish(console: console) { report.add(chunk) }
        } catch {
            return ExitStatus.failure.rawValue
        }
        let status = report.end(baselined: post.baselined)
        if let text = fixes.standardInput { console.out(bytes: text) }
        if options.showFixes { fixes.show(console, written: true) }
        if console.outFailure() != nil { return ExitStatus.failure.rawValue }
        return fixes.status(status, options)
    }

    /// `--diff`: the unified diff of each file's fixes, in name order, and nothing else on
    /// standard output (a file that cannot be read, or whose fixes fail, is said on standard
    /// error). 1 when there is a diff, else 0; 3 when a file cannot be read or output written.
    static func diffs(_ plan: RunPlan, options: Lint, baselined: Set<Baseline.Key>, console: Console) -> Int32 {
        var any = false
        var ioFailure = false
        var fixes = FixLog()
        let stopped = { console.outFailure() != nil }
        FileLinting.run(plan, options: options, baselined: baselined, stop: stopped) { piece in
            fixes.note(piece)
            if piece.ioFailure || !piece.linted { ioFailure = true }
            sayFailures(piece, console)
            if let d = piece.diff, !d.isEmpty {
                any = true
                console.out(d)
            }
        }
        if options.showFixes { fixes.show(console, written: false) }
        if stopped() || ioFailure { return ExitStatus.failure.rawValue }
        return any ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }

    /// `--fix-only`: the fixes applied, and nothing reported but what kept a file from being
    /// fixed (on standard error). 0, or 1 with `--exit-non-zero-on-fix` when anything was fixed;
    /// 3 when a file cannot be read or written.
    static func fixOnly(_ plan: RunPlan, options: Lint, baselined: Set<Baseline.Key>, console: Console) -> Int32 {
        var ioFailure = false
        var fixes = FixLog()
        FileLinting.run(plan, options: options, baselined: baselined) { piece in
            fixes.note(piece)
            if piece.ioFailure || piece.findings.contains(where: { $0.rule == Diagnostic.ioError.id }) {
                ioFailure = true
            }
            sayFailures(piece, console)
        }
        if let text = fixes.standardInput { console.out(bytes: text) }
        if options.showFixes { fixes.show(console, written: true) }
        if ioFailure || console.outFailure() != nil { return ExitStatus.failure.rawValue }
        return fixes.status(ExitStatus.clean.rawValue, options)
    }

    /// A file that could not be read or written, or whose fixes did not verify, on standard error.
    static func sayFailures(_ piece: FilePiece, _ console: Console) {
        for f in piece.findings where f.rule == Diagnostic.fixFailed.id || f.rule == Diagnostic.ioError.id {
            console.err("\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.severity): \(f.message)\n")
        }
    }
}

/// What the fixes of a run did: the findings fixed, in name order, and standard input's text.
struct FixLog {
    var fixed: [Finding] = []
    var files = 0
    var standardInput: [UInt8]?

    mutating func note(_ piece: FilePiece) {
        if !piece.fixed.isEmpty {
            files += 1
            fixed += piece.fixed
        }
        if let t = piece.fixedText { standardInput = t }
    }

    /// `--show-fixes`, on standard error: a count, then each fix at the place of its finding (in
    /// the text of the round that fixed it) with its rule and what it did. No fix holds a secret.
    func show(_ console: Console, written: Bool) {
        let verb = written ? "fixed" : "would fix"
        let findings = fixed.count == 1 ? "finding" : "findings"
        var out = "tcpglint: \(verb) \(fixed.count) \(findings) in \(files) \(files == 1 ? "file" : "files")\n"
        for f in fixed {
            out += "\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.rule): \(f.fix?.description ?? "")\n"
        }
        console.err(out)
    }

    /// The exit status with `--exit-non-zero-on-fix`: 1 when anything was fixed and the run
    /// would otherwise exit 0.
    func status(_ status: Int32, _ options: Lint) -> Int32 {
        options.exitNonZeroOnFix && !fixed.isEmpty && status == ExitStatus.clean.rawValue
            ? ExitStatus.findings.rawValue : status
    }
}
