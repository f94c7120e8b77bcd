import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a rule's documentation and examples, by rule id or API code.")
    @Argument(help: ArgumentHelp("A rule id (charset) or an API code (InvalidParameterValue.InvalidCharset).", valueName: "ID-OR-CODE"))
    var name: String
    @OptionGroup var rules: RuleOptions
}
