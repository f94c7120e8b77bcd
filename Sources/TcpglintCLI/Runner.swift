import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

/// Carries out a parsed command.
struct Runner {
    let console: Console

    // MARK: Rule sets

    func loadRules(_ directory: String?) -> RuleSet? {
        let result = directory.map { RulePackLoader.load(directory: $0) } ?? RulePackLoader.builtIn()
        switch result {
        case .success(let set):
            return set
        case .failure(let errors):
            for e in errors.errors { console.err("\(e)\n") }
            let n = errors.errors.count
            console.err("tcpglint: the rule pack has \(n) error\(n == 1 ? "" : "s"); nothing was linted\n")
            return nil
        }
    }

    // MARK: lint

    func lint(_ options: Lint) -> Int32 {
        guard let ruleSet = loadRules(options.rules.directory) else { return ExitStatus.usage.rawValue }
        let linter = Linter(ruleSet: ruleSet, embeddedParser: JSONEmbeddedParser(limits: options.limits))
        let walk = FileWalker.collect(options.paths)
        var findings: [Finding] = walk.problems
        var ioFailure = !walk.problems.isEmpty
        var files = walk.problems.count
        for entry in walk.files {
            files += 1
            let bytes: [UInt8]
            do {
                bytes = entry.isStandardInput ? try console.readStandardInput() : try FileSystem.readFile(entry.path)
            } catch {
                ioFailure = true
                findings.append(FileWalker.ioFinding(entry.name, "cannot read the file: \(error)"))
                continue
            }
            let loaded = InputReader.load(name: entry.isStandardInput ? (options.stdinFilename ?? "<stdin>") : entry.name,
                                          bytes: bytes, limits: options.limits)
            findings += linter.lint(loaded)
        }
        let report = Report(findings: findings, fileCount: files)
        switch options.format {
        case .text: console.out(TextReporter().render(report))
        case .json: console.out(JSONReporter().render(report))
        }
        if ioFailure { return ExitStatus.failure.rawValue }
        let failing = report.findings.contains { $0.severity >= options.failLevel.severity }
        return failing ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }

    // MARK: rules

    func listRules(_ directory: String?) -> Int32 {
        guard let ruleSet = loadRules(directory) else { return ExitStatus.usage.rawValue }
        var rows: [(String, String, String, String)] = [("ID", "SEVERITY", "CODE", "SUMMARY")]
        for r in ruleSet.rules.sorted(by: { $0.id < $1.id }) { rows.append((r.id, r.severity.description, r.code, r.summary)) }
        for d in Diagnostic.all { rows.append((d.id, d.severity.description, d.code, d.summary)) }
        let w0 = rows.map { $0.0.count }.max()!, w1 = rows.map { $0.1.count }.max()!, w2 = rows.map { $0.2.count }.max()!
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: w - s.count) }
        for r in rows {
            console.out("\(pad(r.0, w0))  \(pad(r.1, w1))  \(pad(r.2, w2))  \(r.3)\n")
        }
        return ExitStatus.clean.rawValue
    }

    // MARK: explain

    func explain(_ name: String, directory: String?) -> Int32 {
        guard let ruleSet = loadRules(directory) else { return ExitStatus.usage.rawValue }
        let rules = ruleSet.rules.filter { $0.id == name || $0.code == name }
        let diagnostics = Diagnostic.all.filter { $0.id == name || $0.code == name }
        if rules.isEmpty && diagnostics.isEmpty {
            let names = ruleSet.rules.map { $0.id } + Diagnostic.all.map { $0.id } + ruleSet.rules.map { $0.code }
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
