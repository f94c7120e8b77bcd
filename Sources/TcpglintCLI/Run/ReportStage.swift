import TcpglintCore
import TcpglintReport
import TcpglintRules
import TcpglintSystem

/// Stage 5: every output of the run (standard output and each `--output` file) written as the
/// chunks come, the totals counted, and the exit status worked out.
struct ReportStage {
    private var sinks: [OutputSink] = []
    private var totals = Totals()
    private var failing = false
    private var ioFailure: Bool
    private var lastName: String?
    private var lastWithFindings: String?
    private let console: Console

    /// Whether unsafe fixes count as fixable with `--fix` (`--unsafe-fixes` was given).
    private let unsafeFixes: Bool

    /// `toStandardError`: the report goes to standard error, in the text format (`--fix -`,
    /// where standard output is the fixed text).
    init(_ options: Lint, plan: RunPlan, console: Console, toStandardError: Bool = false) {
        self.console = console
        self.unsafeFixes = options.unsafeFixes
        // A path that could not be read makes the run a failure, whatever else it finds.
        ioFailure = plan.unreadable.contains { $0.rule == Diagnostic.ioError.id }
        let failLevel = options.failLevel?.severity ?? .error
        let color = ReportStage.useColor(options.color, console: console)
        sinks.append(
            OutputSink(
                reporter: toStandardError
                    ? TextReporter(color: options.color == .always)
                    : ReportStage.reporter(options.format, color: color, failLevel: failLevel, console: console),
                target: nil, file: nil, console: console, toStandardError: toStandardError))
        for target in options.outputs {
            do {
                let file = try AtomicFile(target.path)
                sinks.append(
                    OutputSink(
                        reporter: ReportStage.reporter(
                            target.format, color: false, failLevel: failLevel, console: console),
                        target: target, file: file, console: console))
            } catch {
                console.err("tcpglint: cannot write \(target.format.rawValue) output to \(target.path): \(error)\n")
                ioFailure = true
            }
        }
        let rules =
            sinks.contains { $0.reporter.listsRules }
            ? RuleDocs.summaries(plan.groups.map(\.set), catalogue: plan.groups.contains { $0.catalogue != nil }) : []
        for i in sinks.indices { sinks[i].begin(rules: rules) }
    }

    /// One chunk: a file counts once (a name given twice is linted once; a stream comes in
    /// pieces), an unreadable path only when it is reported.
    mutating func add(_ chunk: ReportChunk) {
        let findings = chunk.findings
        if chunk.name != lastName, chunk.linted || !findings.isEmpty {
            totals.fileCount += 1
            lastName = chunk.name
        }
        if !findings.isEmpty, chunk.name != lastWithFindings {
            totals.filesWithFindings += 1
            lastWithFindings = chunk.name
        }
        totals.add(findings)
        if findings.contains(where: { $0.severity >= chunk.failLevel }) { failing = true }
        for i in sinks.indices {
            if chunk.listed, chunk.last { sinks[i].file(chunk.file, failLevel: chunk.failLevel) }
            sinks[i].add(findings, of: chunk.file)
        }
    }

    /// A failure of the system met by an earlier stage (a file that could not be read).
    mutating func noteIOFailure() { ioFailure = true }

    /// Ends every output and gives the exit status: 3 when something could not be read or
    /// written, else 1 when a finding is at or above its file's fail level, else 0. Standard
    /// output (the first sink) ends first: when it cannot be written, no `--output` file is.
    mutating func end(baselined: Int) -> Int32 {
        totals.baselined = baselined
        if unsafeFixes {
            totals.fixable += totals.unsafeFixable
            totals.unsafeFixable = 0
        }
        for i in sinks.indices {
            if console.outFailure() != nil {
                sinks[i].abandon()
                continue
            }
            do { try sinks[i].end(totals) } catch {
                // Only a file can fail to commit (a write that failed, the fsync, the close, the
                // rename); standard output's failure is the console's, reported by `CLI.run`.
                let what = sinks[i].target.map { "\($0.format.rawValue) output to \($0.path)" } ?? "standard output"
                console.err("tcpglint: cannot write \(what): \(error)\n")
                ioFailure = true
            }
        }
        if ioFailure { return ExitStatus.failure.rawValue }
        return failing ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }

    /// The reporter for a format; `auto` is `github` inside GitHub Actions, else `text`.
    static func reporter(_ format: OutputFormat, color: Bool, failLevel: Severity, console: Console) -> any Reporter {
        switch format {
        case .auto:
            let github = console.environment["GITHUB_ACTIONS"] == "true"
            return reporter(github ? .github : .text, color: color, failLevel: failLevel, console: console)
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter(version: Tcpglint.configuration.version)
        case .junit: return JUnitReporter(defaultFailLevel: failLevel)
        case .github: return GitHubReporter()
        case .gitlab: return GitLabReporter()
        }
    }

    /// Colour: `always`, `never`, or with `auto` when standard output is a terminal and
    /// `NO_COLOR` is unset or empty.
    static func useColor(_ choice: ColorChoice, console: Console) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return console.isTerminal && (console.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}

/// One output of a run: a reporter and where its text goes (standard output, or a file that
/// appears when complete). Text is passed on in blocks of about 64 KiB.
struct OutputSink {
    var reporter: any Reporter
    /// The `--output` it writes; nil for standard output.
    let target: OutputTarget?
    let file: AtomicFile?
    let console: Console
    /// Standard error instead of standard output (`--fix -`).
    let toStandardError: Bool
    private var buffer = ""

    init(
        reporter: any Reporter, target: OutputTarget?, file: AtomicFile?, console: Console,
        toStandardError: Bool = false
    ) {
        self.reporter = reporter
        self.target = target
        self.file = file
        self.console = console
        self.toStandardError = toStandardError
    }

    mutating func begin(rules: [RuleSummary]) { write(reporter.begin(rules: rules)) }
    mutating func file(_ f: LintedFile, failLevel: Severity) { reporter.file(f, failLevel: failLevel) }
    mutating func add(_ findings: [Finding], of file: LintedFile) {
        if !findings.isEmpty { write(reporter.add(findings, of: file)) }
    }

    mutating func end(_ totals: Totals) throws(FileSystemError) {
        write(reporter.end(totals))
        flush()
        try file?.commit()
    }

    /// Drops the file (standard output has nothing to drop); its path keeps what it had.
    func abandon() { file?.abandon() }

    private mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        // A file keeps its first failed write and throws it at the commit (in `end`).
        if let file {
            try? file.write(buffer)
        } else if toStandardError {
            console.err(buffer)
        } else {
            console.out(buffer)
        }
        buffer = ""
    }
}
