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
