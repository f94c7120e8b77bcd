import TcpglintCore
import TcpglintRules

/// Loads the rule pack and policies for a command, printing what is wrong with them: a command
/// whose rules do not load does nothing else (a usage error, exit 2).
struct RuleSetLoading {
    let console: Console

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
}
