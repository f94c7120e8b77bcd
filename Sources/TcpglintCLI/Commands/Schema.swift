import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema (draft 2020-12) of the request, generated from the rule pack and policies.",
        discussion: "Attach it to request files in an editor for completion and hover; see the README.")
    @OptionGroup var rules: RuleOptions
}

extension Schema {
    /// `tcpglint schema`: the JSON Schema of the request, from the pack and policies.
    func run(console: Console) -> Int32 {
        guard let ruleSet = RuleSetLoading(console: console).ruleSet(rules) else { return ExitStatus.usage.rawValue }
        console.out(SchemaExporter(ruleSet: ruleSet).render())
        return ExitStatus.clean.rawValue
    }
}
