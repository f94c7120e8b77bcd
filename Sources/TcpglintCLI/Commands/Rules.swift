import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or test their examples.",
        subcommands: [ListRules.self, TestRules.self],
        defaultSubcommand: ListRules.self)
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the rules: id, severity, code and summary (the default).")
    @OptionGroup var rules: RuleOptions
    @Option(
        help:
            "text: a table; json: the registry of every rule (id, code, severity, summary, source, suppressible, origin)."
    )
    var format: ListFormat = .text
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rules' valid and invalid examples like a test runner (exit 1 on a failure).",
        discussion:
            "With policy files, tests the rules of those policies (and of the policies they extend); without, the rule pack."
    )
    @Argument(help: ArgumentHelp("Policy files to test.", valueName: "POLICY"))
    var policyFiles: [String] = []
    @OptionGroup var rules: RuleOptions
}

extension ListRules {
    /// `tcpglint rules [list]`: a table of every rule and diagnostic, or the JSON registry.
    func run(console: Console) -> Int32 {
        guard let ruleSet = RuleSetLoading(console: console).ruleSet(rules) else { return ExitStatus.usage.rawValue }
        switch format {
        case .json:
            console.out(RuleDocs.registry(ruleSet))
        case .text:
            var rows: [(String, String, String, String)] = [("ID", "SEVERITY", "CODE", "SUMMARY")]
            for r in ruleSet.rules.sorted(by: { $0.id < $1.id }) {
                rows.append((r.id, r.severity.description, r.code, r.summary))
            }
            for r in ruleSet.disabled.sorted(by: { $0.id < $1.id }) { rows.append((r.id, "off", r.code, r.summary)) }
            for d in Diagnostic.all {
                let severity =
                    ruleSet.overrides[d.id].map { $0.severity?.description ?? "off" } ?? d.severity.description
                rows.append((d.id, severity, d.code, d.summary))
            }
            let w0 = rows.map { $0.0.count }.max()!
            let w1 = rows.map { $0.1.count }.max()!
            let w2 = rows.map { $0.2.count }.max()!
            func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: w - s.count) }
            for r in rows {
                console.out("\(pad(r.0, w0))  \(pad(r.1, w1))  \(pad(r.2, w2))  \(r.3)\n")
            }
        }
        return ExitStatus.clean.rawValue
    }
}

extension TestRules {
    /// `tcpglint rules test [POLICY…]`: each rule's examples, like a test runner.
    func run(console: Console) -> Int32 {
        guard let (pack, ruleSet) = RuleSetLoading(console: console).packAndRuleSet(rules, extra: policyFiles) else {
            return ExitStatus.usage.rawValue
        }
        // With policies, their own rules (defined in the policy files); without, the pack's.
        let policyOnly = !policyFiles.isEmpty || !rules.policies.isEmpty
        let packFiles = Set(pack.ruleSet.rules.map(\.location.file))
        let tested = (ruleSet.rules + ruleSet.disabled)
            .filter { !policyOnly || !packFiles.contains($0.location.file) }
            .sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        var passed = 0
        var failed = 0
        for rule in tested {
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
}
