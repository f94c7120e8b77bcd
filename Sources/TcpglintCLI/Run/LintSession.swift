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
        if case .diff = options.fixMode { return diffs(plan, options: options, console: console) }
        var report = ReportStage(options, plan: plan, console: console)
        var post = PostProcessing(options, plan: plan, baseline: inputs.baseline)
        // Standard output that cannot be written (a closed pipe, a full disk) stops the run: the
        // workers stop, and no output file or baseline is written from a part of the files.
        let stopped = { console.outFailure() != nil }
        FileLinting.run(plan, options: options, stop: stopped) { piece in
            if piece.ioFailure { report.noteIOFailure() }
            for chunk in post.take(piece) { report.add(chunk) }
        }
        if stopped() { return ExitStatus.failure.rawValue }
        do {
            for chunk in try post.finish(console: console) { report.add(chunk) }
        } catch {
            return ExitStatus.failure.rawValue
        }
        return report.end(baselined: post.baselined)
    }

    /// `--diff`: the unified diff of each file's fixes, in name order, and nothing else on
    /// standard output (a file that cannot be read, or whose fixes fail, is said on standard
    /// error). 1 when there is a diff, else 0; 3 when a file cannot be read or output written.
    static func diffs(_ plan: RunPlan, options: Lint, console: Console) -> Int32 {
        var any = false
        var ioFailure = false
        let stopped = { console.outFailure() != nil }
        FileLinting.run(plan, options: options, stop: stopped) { piece in
            if piece.ioFailure || !piece.linted { ioFailure = true }
            for f in piece.findings where f.rule == Diagnostic.fixFailed.id || f.rule == Diagnostic.ioError.id {
                console.err("\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.severity): \(f.message)\n")
            }
            if let d = piece.diff, !d.isEmpty {
                any = true
                console.out(d)
            }
        }
        if stopped() || ioFailure { return ExitStatus.failure.rawValue }
        return any ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }
}
