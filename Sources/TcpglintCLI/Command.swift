import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

// MARK: - Exit statuses

/// The exit statuses, documented in the README.
public enum ExitStatus: Int32 {
    /// Nothing at or above the fail level.
    case clean = 0
    /// Findings at or above the fail level.
    case findings = 1
    /// A usage error or a rule-file error.
    case usage = 2
    /// An internal or I/O failure (a path that cannot be read); the other files are still linted.
    case failure = 3
}

// MARK: - Injected I/O

/// Where the CLI reads and writes, so the whole CLI can run in-process in tests.
public struct Console {
    /// Reads standard input, failing past the given number of bytes.
    public var readStandardInput: (Int) throws -> [UInt8]
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// The environment (`GITHUB_ACTIONS`, `NO_COLOR`).
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour in `--color auto`).
    public var isTerminal: Bool

    public init(
        readStandardInput: @escaping (Int) throws -> [UInt8], out: @escaping (String) -> Void, err: @escaping (String) -> Void,
        environment: [String: String] = [:], isTerminal: Bool = false
    ) {
        self.readStandardInput = readStandardInput
        self.out = out
        self.err = err
        self.environment = environment
        self.isTerminal = isTerminal
    }
}

// MARK: - Arguments

// Every command names itself in its configuration: without a name, ArgumentParser derives one
// from the type with String(describing:), a runtime lookup that costs at every start.

struct Tcpglint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcpglint",
        abstract: "Lint TencentDB for PostgreSQL CreateInstances requests (JSON and YAML).",
        discussion: "Exit status: 0 nothing at or above the fail level, 1 findings, 2 usage, rule-file, policy or config error, 3 I/O or internal failure.",
        version: "0.1.0",
        subcommands: [Lint.self, Rules.self, Explain.self, Schema.self],
        defaultSubcommand: Lint.self
    )
}

/// Where the rules come from: the pack and the policies on top of it.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Use the rule pack in DIR instead of the built-in one.", valueName: "DIR"))
    var directory: String?

    @Option(name: .customLong("policy"), help: ArgumentHelp("Apply a policy file on top of the pack and the config's policies (repeatable).", valueName: "FILE"))
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
        guard let eq = argument.firstIndex(of: "="), let f = OutputFormat(rawValue: String(argument[..<eq])), f != .auto else { return nil }
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

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint request files (the default command).",
        discussion: "Directories are walked recursively for *.json, *.yaml and *.yml (or the config's include globs), skipping hidden files and folders. '-' reads standard input.")

    @Argument(help: ArgumentHelp("Files and directories to lint; '-' for standard input.", valueName: "PATH"))
    var paths: [String] = ["."]

    @Option(help: "Output format; auto is github when GITHUB_ACTIONS=true, else text.")
    var format: OutputFormat = .auto

    @Option(name: .customLong("output"), help: ArgumentHelp("Also write FORMAT to PATH, e.g. sarif=results.sarif (repeatable).", valueName: "FORMAT=PATH"))
    var outputs: [OutputTarget] = []

    @Option(help: "Colour in the text format: auto (when standard output is a terminal and NO_COLOR is unset), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("fail-level"), help: "The lowest severity that makes the exit status 1 (default: the config's, else error).")
    var failLevel: FailLevel?

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("config"), help: ArgumentHelp("Use this config file instead of discovering .tcpglint.yaml files.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("baseline"), help: ArgumentHelp("Do not report the findings listed in this baseline; report its stale entries.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write every current finding to this baseline file.", valueName: "FILE"))
    var writeBaseline: String?

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The name to report for '-' (its extension picks the format; its folder finds the config).", valueName: "NAME"))
    var stdinFilename: String?

    @Option(name: .customLong("max-depth"), help: ArgumentHelp("The deepest nesting of objects and lists.", valueName: "N"))
    var maxDepth: Int = InputLimits.default.maxDepth

    @Option(name: .customLong("max-scalar-bytes"), help: ArgumentHelp("The longest scalar, in bytes.", valueName: "N"))
    var maxScalarBytes: Int = InputLimits.default.maxScalarBytes

    @Option(name: .customLong("max-alias-expansion"), help: ArgumentHelp("The most nodes a YAML document may expand to through aliases.", valueName: "N"))
    var maxAliasExpansion: Int = InputLimits.default.maxAliasExpansion

    @Option(name: .customLong("max-documents"), help: ArgumentHelp("The most documents in one YAML stream.", valueName: "N"))
    var maxDocuments: Int = InputLimits.default.maxDocuments

    @Option(name: .customLong("max-request-bytes"), help: ArgumentHelp("The largest request (a JSON file, a YAML document); the API refuses more than 10 MB.", valueName: "N"))
    var maxRequestBytes: Int = InputLimits.default.maxRequestBytes

    @Option(name: .customLong("max-file-bytes"), help: ArgumentHelp("The largest file read at all; a larger one is refused unread.", valueName: "N"))
    var maxFileBytes: Int = InputLimits.default.maxFileBytes

    @Option(name: .customLong("max-findings-per-file"), help: ArgumentHelp("The most findings shown for one file.", valueName: "N"))
    var maxFindingsPerFile: Int = 1000

    @Option(name: .customLong("regex-match-limit"), help: ArgumentHelp("PCRE2's match limit for rule patterns.", valueName: "N"))
    var regexMatchLimit: Int = Int(Regex.Limits.default.match)

    @Option(name: .customLong("regex-depth-limit"), help: ArgumentHelp("PCRE2's depth limit for rule patterns.", valueName: "N"))
    var regexDepthLimit: Int = Int(Regex.Limits.default.depth)

    @Option(name: .customLong("regex-heap-limit"), help: ArgumentHelp("PCRE2's heap limit for rule patterns, in KiB.", valueName: "N"))
    var regexHeapLimit: Int = Int(Regex.Limits.default.heapKiB)

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Files linted at once (default: the number of processors).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        for (name, v) in [("--max-depth", maxDepth), ("--max-scalar-bytes", maxScalarBytes),
                          ("--max-alias-expansion", maxAliasExpansion), ("--max-documents", maxDocuments),
                          ("--max-request-bytes", maxRequestBytes), ("--max-file-bytes", maxFileBytes),
                          ("--max-findings-per-file", maxFindingsPerFile), ("--regex-match-limit", regexMatchLimit),
                          ("--regex-depth-limit", regexDepthLimit), ("--regex-heap-limit", regexHeapLimit), ("--jobs", jobs ?? 1)] where v < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        for (name, v) in [("--regex-match-limit", regexMatchLimit), ("--regex-depth-limit", regexDepthLimit),
                          ("--regex-heap-limit", regexHeapLimit)] where v > Int(UInt32.max) {
            throw ValidationError("\(name) must be at most \(UInt32.max)")
        }
        if stdinFilename != nil, !paths.contains("-") {
            throw ValidationError("--stdin-filename names standard input, so it needs '-' among the paths")
        }
    }

    var limits: InputLimits {
        InputLimits(maxDepth: maxDepth, maxScalarBytes: maxScalarBytes, maxAliasExpansion: maxAliasExpansion,
                    maxDocuments: maxDocuments, maxRequestBytes: maxRequestBytes, maxFileBytes: maxFileBytes)
    }

    var regexLimits: Regex.Limits {
        Regex.Limits(match: UInt32(regexMatchLimit), depth: UInt32(regexDepthLimit), heapKiB: UInt32(regexHeapLimit))
    }
}

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

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema (draft 2020-12) of the request, generated from the rule pack and policies.",
        discussion: "Attach it to request files in an editor for completion and hover; see the README.")
    @OptionGroup var rules: RuleOptions
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a rule's documentation and examples, by rule id or API code.")
    @Argument(help: ArgumentHelp("A rule id (charset) or an API code (InvalidParameterValue.InvalidCharset).", valueName: "ID-OR-CODE"))
    var name: String
    @OptionGroup var rules: RuleOptions
}

// MARK: - Entry point

/// The command-line interface as a library: arguments in, exit status out.
public enum CLI {
    /// Runs tcpglint with `arguments` (without the program name).
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        // Most runs load the built-in pack: start on it while ArgumentParser does its work.
        if mayLoadBuiltInPack(arguments) { RulePackLoader.prefetchBuiltIn() }
        let command: ParsableCommand
        do {
            command = try Tcpglint.parseAsRoot(arguments)
        } catch {
            let code = Tcpglint.exitCode(for: error)
            let message = Tcpglint.fullMessage(for: error)
            if code == .success {
                console.out(message + "\n")
                return ExitStatus.clean.rawValue
            }
            console.err(message + "\n")
            return ExitStatus.usage.rawValue
        }
        let runner = Runner(console: console)
        switch command {
        case let lint as Lint:
            return runner.lint(lint)
        case let list as ListRules:
            return runner.listRules(list.rules, format: list.format)
        case let test as TestRules:
            return runner.testRules(test.policyFiles, options: test.rules)
        case let explain as Explain:
            return runner.explain(explain.name, options: explain.rules)
        case let schema as Schema:
            return runner.schema(schema.rules)
        default:
            // `--help`, `-h` and `help [SUBCOMMAND]` parse into ArgumentParser's own help command,
            // which would print straight to stdout; print the same text through the console.
            let subcommands: [String: ParsableCommand.Type] = [
                "lint": Lint.self, "rules": Rules.self, "explain": Explain.self, "list": ListRules.self, "test": TestRules.self,
                "schema": Schema.self,
            ]
            let named = arguments.last { subcommands[$0] != nil }.flatMap { subcommands[$0] }
            console.out(Tcpglint.helpMessage(for: named ?? Tcpglint.self, columns: 100) + "\n")
            return ExitStatus.clean.rawValue
        }
    }

    /// Whether the arguments may lead to loading the built-in pack with the default regex limits
    /// (a guess made before parsing: a wrong one costs time only, never a different result).
    static func mayLoadBuiltInPack(_ arguments: [String]) -> Bool {
        !arguments.contains { a in
            a == "--version" || a == "-h" || a == "--help" || a == "help" || a.hasPrefix("--rules")
                || a.hasPrefix("--regex-") || a.hasPrefix("--generate-completion") || a.hasPrefix("--experimental")
        }
    }
}
