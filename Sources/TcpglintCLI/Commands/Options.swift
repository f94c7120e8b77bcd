import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct RuleOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp("Use the rule pack in DIR instead of the built-in one.", valueName: "DIR"))
    var directory: String?

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "Apply a policy file on top of the pack and the config's policies (repeatable).", valueName: "FILE"))
    var policies: [String] = []
}

// The enums below give ArgumentParser their raw values as text themselves: its defaults build the
// same strings through `"\(value)"`, a runtime lookup for each value at every start.

/// The formats of `lint`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, text, json, sarif, junit, github, gitlab
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The formats of `rules`.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `--output FORMAT=PATH`.
struct OutputTarget: ExpressibleByArgument {
    let format: OutputFormat
    let path: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), let f = OutputFormat(rawValue: String(argument[..<eq])), f != .auto
        else { return nil }
        let p = String(argument[argument.index(after: eq)...])
        guard !p.isEmpty else { return nil }
        format = f
        path = p
    }

    static var defaultCompletionKind: CompletionKind { .file() }
}

enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    var severity: Severity { Severity(name: rawValue)! }
}
