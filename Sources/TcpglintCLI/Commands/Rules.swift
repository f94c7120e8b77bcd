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
    @Option(help: "text: a table; json: the registry of every rule (id, code, severity, summary, source, suppressible, origin).")
    var format: ListFormat = .text
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rules' valid and invalid examples like a test runner (exit 1 on a failure).",
        discussion: "With policy files, tests the rules of those policies (and of the policies they extend); without, the rule pack.")
    @Argument(help: ArgumentHelp("Policy files to test.", valueName: "POLICY"))
    var policyFiles: [String] = []
    @OptionGroup var rules: RuleOptions
}
