import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules
import TcpglintSystem

/// Carries out a parsed command.
struct Runner {
    let console: Console

    // MARK: Rule sets

    func printErrors(_ errors: [RuleFileError], what: String) {
        for e in errors { console.err("\(e)\n") }
        let n = errors.count
        console.err("tcpglint: \(what) has \(n) error\(n == 1 ? "" : "s"); nothing was linted\n")
    }

    func loadPack(_ directory: String?, limits: Regex.Limits = .default) -> RulePack? {
        switch RulePackLoader.loadPack(directory: directory, limits: limits) {
        case .success(let pack): return pack
        case .failure(let errors):
            printErrors(errors.errors, what: "the rule pack")
            return nil
        }
    }

    /// The pack with the given policies, or nil after printing the errors.
    func ruleSet(_ options: RuleOptions, extra: [String] = []) -> RuleSet? {
        packAndRuleSet(options, extra: extra)?.set
    }

    func packAndRuleSet(_ options: RuleOptions, extra: [String] = []) -> (pack: RulePack, set: RuleSet)? {
        guard let pack = loadPack(options.directory) else { return nil }
        let policies = extra + options.policies
        if policies.isEmpty { return (pack, pack.ruleSet) }
        switch PolicyLoader.load(policies, onto: pack) {
        case .success(let set): return (pack, set)
        case .failure(let errors):
            printErrors(errors.errors, what: "the policy")
            return nil
        }
    }

    // MARK: lint

    func lint(_ options: Lint) -> Int32 {
        guard let pack = loadPack(options.rules.directory, limits: options.regexLimits) else { return ExitStatus.usage.rawValue }
        let resolver: ConfigResolver
        do { resolver = try ConfigResolver(configPath: options.config) } catch {
            printErrors(error.errors, what: "the config")
            return ExitStatus.usage.rawValue
        }
        var baseline: Baseline?
        if let path = options.baseline {
            switch BaselineFile.read(path) {
            case .success(let b): baseline = b
            case .failure(let errors):
                printErrors(errors.errors, what: "the baseline")
                return ExitStatus.usage.rawValue
            }
        }

        // What applies to each file: its configs, then the command line.
        let walk = FileWalker.collect(options.paths)
        var plans: [(entry: InputEntry, name: String, settings: FileSettings)] = []
        plans.reserveCapacity(walk.files.count)
        for entry in walk.files {
            let name = entry.isStandardInput ? (options.stdinFilename ?? "<stdin>") : entry.name
            let lookup = entry.isStandardInput ? (options.stdinFilename ?? "<stdin>") : entry.path
            let settings = resolver.settings(forFile: lookup, cliPolicies: options.rules.policies, cliFailLevel: options.failLevel?.severity)
            if entry.walked && settings.excluded { continue }
            plans.append((entry, name, settings))
        }
        if !resolver.errors.isEmpty {
            printErrors(resolver.errors, what: "the config")
            return ExitStatus.usage.rawValue
        }
        var orderedSets: [RuleSet] = [] // in the order of the files, for deterministic output
        var setPolicies: [[String]] = [] // the policies of each of orderedSets
        var setOfPlan: [Int32] = [] // each plan's index in orderedSets
        var policyErrors: [RuleFileError] = []
        var setIndex: [[String]: Int32] = [:]
        setOfPlan.reserveCapacity(plans.count)
        for plan in plans {
            if let i = setIndex[plan.settings.policies] {
                setOfPlan.append(i)
                continue
            }
            switch plan.settings.policies.isEmpty ? .success(pack.ruleSet) : PolicyLoader.load(plan.settings.policies, onto: pack) {
            case .success(let set):
                setIndex[plan.settings.policies] = Int32(orderedSets.count)
                orderedSets.append(set)
                setPolicies.append(plan.settings.policies)
            case .failure(let e):
                policyErrors += e.errors
                setIndex[plan.settings.policies] = -1
            }
            setOfPlan.append(setIndex[plan.settings.policies]!)
        }
        if !policyErrors.isEmpty {
            var seen = Set<String>()
            printErrors(policyErrors.filter { seen.insert($0.description).inserted }, what: "the policy")
            return ExitStatus.usage.rawValue
        }

        // Lint, in parallel: each file is read, parsed and linted on its own, and handed back in
        // file-name order as soon as it and every file before it are done, so the output is the
        // same whatever the number of threads and is written while the run goes on.
        var stdin: Result<[UInt8], FileSystemError>?
        if plans.contains(where: { $0.entry.isStandardInput }) {
            do { stdin = .success(try console.readStandardInput(options.limits.maxFileBytes)) } catch let e as FileSystemError {
                stdin = .failure(e)
            } catch {
                stdin = .failure(FileSystemError(path: "-", reason: "\(error)"))
            }
        }
        var known = Set(Diagnostic.all.map(\.id))
        var unsuppressible = Set<String>()
        for set in orderedSets {
            known.formUnion(set.allIDs)
            unsuppressible.formUnion((set.rules + set.disabled).filter { !$0.suppressible }.map(\.id))
        }
        let defaultFailLevel = options.failLevel?.severity ?? .error
        // The set that adjusts findings about files that were not linted (an unreadable path, a
        // config, a baseline): the first file's.
        let fallbackSet = orderedSets.first ?? pack.ruleSet

        // Every file to lint and every path that could not be read, in name order (a few words
        // each: a run over 100,000 files keeps 100,000 of these).
        enum Unit { case lint(Int32), problem(Int32) }
        var units: [Unit] = plans.indices.map { .lint(Int32($0)) }
        units += walk.problems.indices.map { .problem(Int32($0)) }
        func unitName(_ u: Unit) -> String {
            switch u {
            case .lint(let i): return plans[Int(i)].name
            case .problem(let i): return walk.problems[Int(i)].file
            }
        }
        let presorted = units.indices.dropFirst().allSatisfy { !unitName(units[$0]).utf8Precedes(unitName(units[$0 - 1])) }
        if !presorted {
            units = units.enumerated().sorted { a, b in
                let x = unitName(a.element), y = unitName(b.element)
                return x == y ? a.offset < b.offset : x.utf8Precedes(y)
            }.map(\.element)
        }

        // Outputs: standard output and each --output file, written as the files finish.
        var sinks: [OutputSink] = [OutputSink(reporter: reporter(options.format, color: useColor(options.color), failLevel: defaultFailLevel),
                                              file: nil, console: console)]
        var ioFailure = !walk.problems.isEmpty
        for target in options.outputs {
            do {
                sinks.append(OutputSink(reporter: reporter(target.format, color: false, failLevel: defaultFailLevel),
                                        file: try AtomicFile(target.path), console: console))
            } catch {
                console.err("tcpglint: cannot write \(target.format.rawValue) output to \(target.path): \(error)\n")
                ioFailure = true
            }
        }
        let rules = RuleDocs.summaries(orderedSets)
        for i in sinks.indices { sinks[i].begin(rules: rules) }

        // Suppressions written in config files and baselines are matched across all files:
        // then the findings are gathered first. Otherwise each file is done when it is linted.
        let global = options.baseline != nil || options.writeBaseline != nil || plans.contains { !$0.settings.suppressions.isEmpty }
        var totals = Totals()
        var failing = false
        var lastName: String?
        var lastWithFindings: String?
        func emit(_ file: LintedFile?, failLevel: Severity, _ findings: [Finding], name: String, linted: Bool = true) {
            // A file counts once (a name given twice is linted once; a stream comes in pieces),
            // an unreadable path only when it is reported.
            if name != lastName, linted || !findings.isEmpty {
                totals.fileCount += 1
                lastName = name
            }
            if !findings.isEmpty, name != lastWithFindings {
                totals.filesWithFindings += 1
                lastWithFindings = name
            }
            totals.add(findings)
            if findings.contains(where: { $0.severity >= failLevel }) { failing = true }
            for i in sinks.indices {
                if let file { sinks[i].file(file, failLevel: failLevel) }
                sinks[i].add(findings)
            }
        }
        var gathered: [Finding] = []
        var suppressions: [Suppression] = []
        var lintedFiles: [LintedFile] = []
        var failLevels: [String: Severity] = [:]

        let embedded = JSONEmbeddedParser(limits: options.limits)
        let jobs = options.jobs ?? Parallel.processorCount
        let input = stdin, limits = options.limits, maxFindings = options.maxFindingsPerFile
        let lintUnits = units, lintPlans = plans, planSets = setOfPlan, setList = orderedSets, streams = !global
        // With many files, each worker lints with rule sets of its own, loaded again from the same
        // files: threads that share one set spend a fifth of their time passing the reference
        // counts of its objects between processors. With few files, loading costs more than that.
        let workers = max(1, min(jobs, units.count))
        let ownSets = workers > 1 && units.count >= 256 * workers
        let packDirectory = options.rules.directory, regexLimits = options.regexLimits, policiesOfSets = setPolicies
        let perWorker = Parallel.PerWorker<[RuleSet]>(count: workers) { w in
            guard ownSets, w > 0, case .success(let pack) = RulePackLoader.loadPack(directory: packDirectory, limits: regexLimits) else {
                return setList
            }
            return policiesOfSets.enumerated().map { i, policies in
                if policies.isEmpty { return pack.ruleSet }
                if case .success(let set) = PolicyLoader.load(policies, onto: pack) { return set }
                return setList[i]
            }
        }
        Parallel.forEachOrdered(count: units.count, threads: jobs, window: 64 * max(1, jobs), produce: { i, worker -> FileResult? in
            guard case .lint(let p) = lintUnits[i] else { return nil }
            let plan = lintPlans[Int(p)]
            return Runner.lintOne(plan.entry, name: plan.name, settings: plan.settings, set: perWorker[worker][Int(planSets[Int(p)])], stdin: input,
                                  embedded: embedded, limits: limits, maxFindings: maxFindings, streams: streams)
        }, consume: { i, result in
            let name = unitName(units[i])
            guard let result, case .lint(let p) = units[i] else {
                // A path that could not be read.
                guard case .problem(let k) = units[i] else { return }
                let f = walk.problems[Int(k)]
                if global {
                    gathered.append(f)
                    lintedFiles.append(LintedFile(name: f.file, documents: 0))
                } else {
                    emit(LintedFile(name: f.file, documents: 0), failLevel: defaultFailLevel, [f].compactMap(fallbackSet.adjusted),
                         name: name, linted: false)
                }
                return
            }
            ioFailure = ioFailure || result.ioFailure
            let w = (settings: plans[Int(p)].settings, set: orderedSets[Int(setOfPlan[Int(p)])])
            let failLevel = w.settings.failLevel ?? .error
            if let bytes = result.stream {
                let count = Runner.lintStream(bytes, name: name, settings: w.settings, set: w.set, embedded: embedded, limits: limits,
                                              maxFindings: maxFindings, jobs: jobs) { found in
                    emit(nil, failLevel: failLevel, found, name: name)
                }
                for i in sinks.indices { sinks[i].file(LintedFile(name: name, documents: count), failLevel: failLevel) }
                return
            }
            if global {
                gathered += result.findings
                suppressions += result.suppressions
                lintedFiles.append(result.file)
                failLevels[name] = failLevel
                return
            }
            var findings = result.findings
            if !result.suppressions.isEmpty {
                findings = Suppressor.apply(findings, result.suppressions, known: known, unsuppressible: unsuppressible)
                findings.sort(by: Finding.ordered)
            }
            emit(result.file, failLevel: failLevel, findings.compactMap(w.set.adjusted), name: name)
        })

        if global {
            var findings = Suppressor.apply(gathered, suppressions, known: known, unsuppressible: unsuppressible)
            gathered = []
            // Baselines.
            var baselined = 0
            if let path = options.writeBaseline {
                let entries = Baseline.entries(for: findings.filter { $0.rule != Diagnostic.ioError.id })
                do { try FileSystem.writeAtomically(BaselineWriter.render(entries), to: path) } catch {
                    console.err("tcpglint: cannot write the baseline \(path): \(error)\n")
                    return ExitStatus.failure.rawValue
                }
                baselined = findings.count - findings.filter { $0.rule == Diagnostic.ioError.id }.count
                findings = findings.filter { $0.rule == Diagnostic.ioError.id }
                console.err("tcpglint: wrote \(entries.count) baseline entr\(entries.count == 1 ? "y" : "ies") (\(baselined) finding\(baselined == 1 ? "" : "s")) to \(path)\n")
            } else if let baseline {
                let result = baseline.apply(findings, lintedFiles: Set(plans.map(\.name)))
                findings = result.kept + result.stale
                baselined = result.baselined
            }

            // Policy overrides of tcpglint's own diagnostics, for the findings made outside the
            // linter (unreadable files, suppressions, baselines): the file's rule set, or for a
            // config or baseline file the first file's.
            var setForFile: [String: RuleSet] = [:]
            for (i, plan) in plans.enumerated() { setForFile[plan.name] = orderedSets[Int(setOfPlan[i])] }
            findings = findings.compactMap { (setForFile[$0.file] ?? fallbackSet).adjusted($0) }

            // Files: those linted, and any other file a finding is about (a config, a baseline).
            let report = Report(findings: findings, fileCount: 0, baselined: baselined, files: lintedFiles,
                                failLevels: failLevels, defaultFailLevel: defaultFailLevel)
            for f in report.files { for i in sinks.indices { sinks[i].file(f, failLevel: report.failLevels[f.name] ?? defaultFailLevel) } }
            var names = Set(plans.map(\.name))
            for chunk in report.findingsByFile {
                names.insert(chunk[0].file)
                totals.filesWithFindings += 1
                totals.add(chunk)
                if chunk.contains(where: report.isFailing) { failing = true }
                for k in sinks.indices { sinks[k].add(chunk) }
            }
            totals.fileCount = names.count
            totals.baselined = baselined
        }

        for i in sinks.indices {
            do { try sinks[i].end(totals) } catch {
                console.err("tcpglint: cannot write \(options.outputs[i - 1].format.rawValue) output to \(options.outputs[i - 1].path): \(error)\n")
                ioFailure = true
            }
        }
        if ioFailure { return ExitStatus.failure.rawValue }
        return failing ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }

    /// What linting one file gives.
    struct FileResult: Sendable {
        var findings: [Finding]
        var suppressions: [Suppression]
        var file: LintedFile
        var ioFailure: Bool
        /// A long YAML stream, read but not parsed: `lintStream` lints it document by document.
        var stream: [UInt8]? = nil
    }

    /// A YAML file at least this long is linted as a stream: its documents are parsed one by
    /// one, linted in parallel in batches and reported as they finish, and none is kept.
    static let streamBytes = 1 << 20

    /// `--max-findings-per-file`: a file's findings (sorted, given in one piece or, for a
    /// stream, in pieces) pass until the limit; the rest are counted, and `hidden` stands for
    /// them at the place of the first one not shown.
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
            return Finding(file: first.file, document: first.document, documentCount: first.documentCount,
                           range: SourceRange(at: first.range.start), severity: d.severity, code: d.code, rule: d.id, path: "$",
                           message: "\(count) more findings in this file are not shown; raise --max-findings-per-file to see them")
        }
    }

    /// Lints a long YAML stream: one thread reads the documents one at a time and passes them
    /// on in batches; each batch is linted on `jobs` threads while the next one is read, and its
    /// findings go to `emit` in order. Memory holds a few batches, not the stream. Returns the
    /// number of documents.
    static func lintStream(
        _ bytes: [UInt8], name: String, settings: FileSettings, set: RuleSet, embedded: JSONEmbeddedParser,
        limits: InputLimits, maxFindings: Int, jobs: Int, emit: ([Finding]) -> Void
    ) -> Int {
        struct Batch: Sendable {
            var documents: [Document] = []
            var problems: [InputProblem] = []
            /// The number of documents, as far as the findings need it: more than one mid-stream,
            /// the stream's count in the last batch.
            var documentCount = 2
            var last = false
        }
        let linter = Linter(ruleSet: set, embeddedParser: embedded, placeholders: settings.placeholders)
        let batchSize = 64 * max(2, jobs)
        let channel = Parallel.Channel<Batch>(capacity: 2)
        let reader = Parallel.Thread {
            var batch = Batch()
            let loaded = InputReader.stream(name: name, bytes: bytes, limits: limits) { doc, found in
                batch.documents.append(doc)
                batch.problems += found
                if batch.documents.count >= batchSize {
                    channel.send(batch)
                    batch = Batch()
                }
            }
            batch.problems += loaded.problems
            batch.documentCount = loaded.documentCount
            batch.last = true
            channel.send(batch)
            channel.close()
        }
        var cap = FindingsCap(maxFindings)
        var count = 0
        while let batch = channel.receive() {
            var found = linter.findings(for: batch.problems, in: name)
            for f in Parallel.map(batch.documents, threads: jobs, { linter.lint($0) }) { found += f }
            emit(cap.pass(linter.finish(found, documentCount: batch.documentCount)))
            if batch.last { count = batch.documentCount }
        }
        reader.join()
        if let hidden = cap.hidden { emit([hidden]) }
        return count
    }

    /// Reads, parses and lints one file. Runs on any thread: it touches no shared state.
    static func lintOne(
        _ entry: InputEntry, name: String, settings: FileSettings, set: RuleSet,
        stdin: Result<[UInt8], FileSystemError>?, embedded: JSONEmbeddedParser, limits: InputLimits, maxFindings: Int,
        streams: Bool = false
    ) -> FileResult {
        let bytes: [UInt8]
        do {
            if entry.isStandardInput {
                bytes = try (stdin ?? .success([])).get()
            } else {
                bytes = try FileSystem.readFile(entry.path, maxBytes: limits.maxFileBytes)
            }
        } catch {
            if error.tooLarge {
                let d = Diagnostic.limitExceeded
                let f = Finding(file: name, range: SourceRange(at: .start), severity: d.severity, code: d.code, rule: d.id,
                                path: "$", message: error.reason)
                return FileResult(findings: [f], suppressions: [], file: LintedFile(name: name, documents: 0), ioFailure: false)
            }
            return FileResult(findings: [FileWalker.ioFinding(name, "cannot read the file: \(error)")], suppressions: [],
                              file: LintedFile(name: name, documents: 0), ioFailure: true)
        }
        if streams, bytes.count >= streamBytes, InputReader.format(forName: name, bytes: bytes) == .yaml,
           !SuppressionComments.mayHold(bytes) {
            return FileResult(findings: [], suppressions: [], file: LintedFile(name: name, documents: 0), ioFailure: false, stream: bytes)
        }
        let loaded = InputReader.load(name: name, bytes: bytes, limits: limits)
        let linter = Linter(ruleSet: set, embeddedParser: embedded, placeholders: settings.placeholders)
        var findings = linter.lint(loaded)
        var cap = FindingsCap(maxFindings)
        findings = cap.pass(findings)
        if let hidden = cap.hidden { findings.append(hidden) }
        var suppressions: [Suppression] = []
        if loaded.documents.first?.format == .yaml || (loaded.documents.isEmpty && InputReader.format(forName: name, bytes: bytes) == .yaml) {
            suppressions += SuppressionComments.scan(loaded)
        }
        for (config, s) in settings.suppressions {
            suppressions.append(Suppression(file: name, scope: .parameter(s.parameter), rules: s.rules, reason: s.reason,
                                            originFile: config, origin: s.range))
        }
        return FileResult(findings: findings, suppressions: suppressions, file: LintedFile(name: name, documents: loaded.documentCount),
                          ioFailure: false)
    }

    /// The reporter for a format; `auto` is `github` inside GitHub Actions, else `text`.
    func reporter(_ format: OutputFormat, color: Bool, failLevel: Severity) -> any Reporter {
        switch format {
        case .auto:
            let github = console.environment["GITHUB_ACTIONS"] == "true"
            return reporter(github ? .github : .text, color: color, failLevel: failLevel)
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
    func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return console.isTerminal && (console.environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    // MARK: rules

    func listRules(_ options: RuleOptions, format: ListFormat) -> Int32 {
        guard let ruleSet = ruleSet(options) else { return ExitStatus.usage.rawValue }
        switch format {
        case .json:
            console.out(RuleDocs.registry(ruleSet))
        case .text:
            var rows: [(String, String, String, String)] = [("ID", "SEVERITY", "CODE", "SUMMARY")]
            for r in ruleSet.rules.sorted(by: { $0.id < $1.id }) { rows.append((r.id, r.severity.description, r.code, r.summary)) }
            for r in ruleSet.disabled.sorted(by: { $0.id < $1.id }) { rows.append((r.id, "off", r.code, r.summary)) }
            for d in Diagnostic.all {
                let severity = ruleSet.overrides[d.id].map { $0.severity?.description ?? "off" } ?? d.severity.description
                rows.append((d.id, severity, d.code, d.summary))
            }
            let w0 = rows.map { $0.0.count }.max()!, w1 = rows.map { $0.1.count }.max()!, w2 = rows.map { $0.2.count }.max()!
            func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: w - s.count) }
            for r in rows {
                console.out("\(pad(r.0, w0))  \(pad(r.1, w1))  \(pad(r.2, w2))  \(r.3)\n")
            }
        }
        return ExitStatus.clean.rawValue
    }

    func testRules(_ policyFiles: [String], options: RuleOptions) -> Int32 {
        guard let (pack, ruleSet) = packAndRuleSet(options, extra: policyFiles) else { return ExitStatus.usage.rawValue }
        // With policies, their own rules (defined in the policy files); without, the pack's.
        let policyOnly = !policyFiles.isEmpty || !options.policies.isEmpty
        let packFiles = Set(pack.ruleSet.rules.map(\.location.file))
        let rules = (ruleSet.rules + ruleSet.disabled)
            .filter { !policyOnly || !packFiles.contains($0.location.file) }
            .sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        var passed = 0, failed = 0
        for rule in rules {
            let failures = RuleExamples.check(rule, in: ruleSet)
            let counts = "\(rule.valid.count) valid, \(rule.invalid.count) invalid"
            if failures.isEmpty {
                passed += 1
                console.out("ok    \(rule.id) (\(counts))\n")
            } else {
                failed += 1
                console.out("FAIL  \(rule.id) (\(counts))\n")
                for f in failures { console.out("      \(f)\n") }
            }
        }
        console.out("\(passed) passed, \(failed) failed\n")
        return failed == 0 ? ExitStatus.clean.rawValue : ExitStatus.findings.rawValue
    }

    // MARK: schema

    func schema(_ options: RuleOptions) -> Int32 {
        guard let ruleSet = ruleSet(options) else { return ExitStatus.usage.rawValue }
        console.out(SchemaExporter(ruleSet: ruleSet).render())
        return ExitStatus.clean.rawValue
    }

    // MARK: explain

    func explain(_ name: String, options: RuleOptions) -> Int32 {
        guard let ruleSet = ruleSet(options) else { return ExitStatus.usage.rawValue }
        let all = ruleSet.rules + ruleSet.disabled
        let rules = all.filter { $0.id == name || $0.code == name }
        let diagnostics = Diagnostic.all.filter { $0.id == name || $0.code == name }
        if rules.isEmpty && diagnostics.isEmpty {
            let names = all.map { $0.id } + Diagnostic.all.map { $0.id } + all.map { $0.code }
            let hint = Suggest.closest(to: name, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
            console.err("tcpglint: no rule or code \"\(name)\"\(hint); `tcpglint rules` lists them\n")
            return ExitStatus.usage.rawValue
        }
        var blocks = rules.map { RuleDocs.text(for: $0, in: ruleSet) }
        blocks += diagnostics.map { RuleDocs.text(for: $0) }
        console.out(blocks.joined(separator: "\n"))
        return ExitStatus.clean.rawValue
    }
}

/// One output of a run: a reporter and where its text goes (standard output, or a file that
/// appears when complete). Text is passed on in blocks of about 64 KiB.
struct OutputSink {
    var reporter: any Reporter
    let file: AtomicFile?
    let console: Console
    private var buffer = ""

    init(reporter: any Reporter, file: AtomicFile?, console: Console) {
        self.reporter = reporter
        self.file = file
        self.console = console
    }

    mutating func begin(rules: [RuleSummary]) { write(reporter.begin(rules: rules)) }
    mutating func file(_ f: LintedFile, failLevel: Severity) { reporter.file(f, failLevel: failLevel) }
    mutating func add(_ findings: [Finding]) { if !findings.isEmpty { write(reporter.add(findings)) } }

    mutating func end(_ totals: Totals) throws(FileSystemError) {
        write(reporter.end(totals))
        flush()
        try file?.commit()
    }

    private mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        if let file { file.write(buffer) } else { console.out(buffer) }
        buffer = ""
    }
}
