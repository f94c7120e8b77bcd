import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

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
        var sets: [[String]: RuleSet] = [:]
        var orderedSets: [RuleSet] = [] // in the order of the files, for deterministic output
        var policyErrors: [RuleFileError] = []
        for plan in plans where sets[plan.settings.policies] == nil {
            switch plan.settings.policies.isEmpty ? .success(pack.ruleSet) : PolicyLoader.load(plan.settings.policies, onto: pack) {
            case .success(let set):
                sets[plan.settings.policies] = set
                orderedSets.append(set)
            case .failure(let e): policyErrors += e.errors
            }
        }
        if !policyErrors.isEmpty {
            var seen = Set<String>()
            printErrors(policyErrors.filter { seen.insert($0.description).inserted }, what: "the policy")
            return ExitStatus.usage.rawValue
        }

        // Lint, in parallel: each file is read, parsed and linted on its own; results are put
        // back in file order, so the output is the same whatever the number of threads.
        var stdin: Result<[UInt8], FileSystemError>?
        if plans.contains(where: { $0.entry.isStandardInput }) {
            do { stdin = .success(try console.readStandardInput(options.limits.maxFileBytes)) } catch let e as FileSystemError {
                stdin = .failure(e)
            } catch {
                stdin = .failure(FileSystemError(path: "-", reason: "\(error)"))
            }
        }
        let embedded = JSONEmbeddedParser(limits: options.limits)
        let jobs = options.jobs ?? Parallel.processorCount
        let work = plans.map { (entry: $0.entry, name: $0.name, settings: $0.settings, set: sets[$0.settings.policies]!) }
        let input = stdin, limits = options.limits, maxFindings = options.maxFindingsPerFile
        let results = Parallel.map(work, threads: jobs) { w in
            Runner.lintOne(w.entry, name: w.name, settings: w.settings, set: w.set, stdin: input, embedded: embedded,
                           limits: limits, maxFindings: maxFindings)
        }
        var findings: [Finding] = walk.problems
        var ioFailure = !walk.problems.isEmpty
        var suppressions: [Suppression] = []
        var failLevels: [String: Severity] = [:]
        var linted = Set<String>()
        var lintedFiles: [LintedFile] = []
        for (plan, result) in zip(plans, results) {
            failLevels[plan.name] = plan.settings.failLevel ?? .error
            linted.insert(plan.name)
            findings += result.findings
            suppressions += result.suppressions
            lintedFiles.append(result.file)
            ioFailure = ioFailure || result.ioFailure
        }
        var known = Set(Diagnostic.all.map(\.id))
        var unsuppressible = Set<String>()
        for set in orderedSets {
            known.formUnion(set.allIDs)
            unsuppressible.formUnion((set.rules + set.disabled).filter { !$0.suppressible }.map(\.id))
        }
        findings = Suppressor.apply(findings, suppressions, known: known, unsuppressible: unsuppressible)

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
            let result = baseline.apply(findings, lintedFiles: linted)
            findings = result.kept + result.stale
            baselined = result.baselined
        }

        // Policy overrides of tcpglint's own diagnostics, for the findings made outside the
        // linter (unreadable files, suppressions, baselines): the file's rule set, or for a
        // config or baseline file the first file's.
        var setForFile: [String: RuleSet] = [:]
        for plan in plans { setForFile[plan.name] = sets[plan.settings.policies] }
        let fallback = plans.first.flatMap { sets[$0.settings.policies] } ?? pack.ruleSet
        findings = findings.compactMap { (setForFile[$0.file] ?? fallback).adjusted($0) }

        // Files: those linted, and any other file a finding is about (a config, a baseline).
        let fileCount = linted.union(findings.map(\.file)).count
        for p in walk.problems { lintedFiles.append(LintedFile(name: p.file, documents: 0)) }
        let report = Report(
            findings: findings, fileCount: fileCount, baselined: baselined, files: lintedFiles,
            rules: RuleDocs.summaries(orderedSets), failLevels: failLevels,
            defaultFailLevel: options.failLevel?.severity ?? .error)

        console.out(render(report, as: options.format, color: useColor(options.color)))
        for target in options.outputs {
            do { try FileSystem.writeAtomically(render(report, as: target.format, color: false), to: target.path) } catch {
                console.err("tcpglint: cannot write \(target.format.rawValue) output to \(target.path): \(error)\n")
                ioFailure = true
            }
        }
        if ioFailure { return ExitStatus.failure.rawValue }
        return report.findings.contains(where: report.isFailing) ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }

    /// What linting one file gives.
    struct FileResult: Sendable {
        var findings: [Finding]
        var suppressions: [Suppression]
        var file: LintedFile
        var ioFailure: Bool
    }

    /// Reads, parses and lints one file. Runs on any thread: it touches no shared state.
    static func lintOne(
        _ entry: InputEntry, name: String, settings: FileSettings, set: RuleSet,
        stdin: Result<[UInt8], FileSystemError>?, embedded: JSONEmbeddedParser, limits: InputLimits, maxFindings: Int
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
        let loaded = InputReader.load(name: name, bytes: bytes, limits: limits)
        let linter = Linter(ruleSet: set, embeddedParser: embedded, placeholders: settings.placeholders)
        var findings = linter.lint(loaded)
        if findings.count > maxFindings {
            let hidden = findings.count - maxFindings
            findings.removeLast(hidden)
            let d = Diagnostic.limitExceeded
            findings.append(Finding(file: name, range: SourceRange(at: .start), severity: d.severity, code: d.code, rule: d.id, path: "$",
                                    message: "\(hidden) more findings in this file are not shown; raise --max-findings-per-file to see them"))
        }
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

    /// `auto` is `github` inside GitHub Actions, else `text`.
    func render(_ report: Report, as format: OutputFormat, color: Bool) -> String {
        switch format {
        case .auto:
            let github = console.environment["GITHUB_ACTIONS"] == "true"
            return render(report, as: github ? .github : .text, color: color)
        case .text: return TextReporter(color: color).render(report)
        case .json: return JSONReporter().render(report)
        case .sarif: return SARIFReporter(version: Tcpglint.configuration.version).render(report)
        case .junit: return JUnitReporter().render(report)
        case .github: return GitHubReporter().render(report)
        case .gitlab: return GitLabReporter().render(report)
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
