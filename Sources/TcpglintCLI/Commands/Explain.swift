import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show a rule's documentation and examples, by rule id or API code.")
    @Argument(
        help: ArgumentHelp(
            "A rule id (charset) or an API code (InvalidParameterValue.InvalidCharset).", valueName: "ID-OR-CODE"))
    var name: String
    @OptionGroup var rules: RuleOptions
}

extension Explain {
    /// `tcpglint explain ID-OR-CODE`: the documentation of the rules and diagnostics it names.
    func run(console: Console) -> Int32 {
        guard let ruleSet = RuleSetLoading(console: console).ruleSet(rules) else { return ExitStatus.usage.rawValue }
        let all = ruleSet.rules + ruleSet.disabled
        let matching = all.filter { $0.id == name || $0.code == name }
        let diagnostics = Diagnostic.all.filter { $0.id == name || $0.code == name }
        if matching.isEmpty && diagnostics.isEmpty {
            let names = all.map { $0.id } + Diagnostic.all.map { $0.id } + all.map { $0.code }
            let hint = Suggest.closest(to: name, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
            console.err("tcpglint: no rule or code \"\(name)\"\(hint); `tcpglint rules` lists them\n")
            return ExitStatus.usage.rawValue
        }
        var blocks = matching.map { RuleDocs.text(for: $0, in: ruleSet) }
        blocks += diagnostics.map { RuleDocs.text(for: $0) }
        console.out(blocks.joined(separator: "\n"))
        return ExitStatus.clean.rawValue
    }
}
