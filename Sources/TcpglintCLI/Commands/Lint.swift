import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint request files (the default command).",
        discussion:
            "Directories are walked recursively for *.json, *.yaml and *.yml (or the config's include globs), skipping hidden files and folders. '-' reads standard input."
    )

    @Argument(help: ArgumentHelp("Files and directories to lint; '-' for standard input.", valueName: "PATH"))
    var paths: [String] = ["."]

    @Option(help: "Output format; auto is github when GITHUB_ACTIONS=true, else text.")
    var format: OutputFormat = .auto

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Also write FORMAT to PATH, e.g. sarif=results.sarif (repeatable).", valueName: "FORMAT=PATH"))
    var outputs: [OutputTarget] = []

    @Option(
        help:
            "Colour in the text format: auto (when standard output is a terminal and NO_COLOR is unset), always or never."
    )
    var color: ColorChoice = .auto

    @Option(
        name: .customLong("fail-level"),
        help: "The lowest severity that makes the exit status 1 (default: the config's, else error).")
    var failLevel: FailLevel?

    @OptionGroup var rules: RuleOptions

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Use this config file instead of discovering .tcpglint.yaml files.", valueName: "FILE"))
    var config: String?

    @Option(
        name: .customLong("baseline"),
        help: ArgumentHelp(
            "Do not report the findings listed in this baseline; report its stale entries.", valueName: "FILE"))
    var baseline: String?

    @Option(
        name: .customLong("write-baseline"),
        help: ArgumentHelp("Write every current finding to this baseline file.", valueName: "FILE"))
    var writeBaseline: String?

    @Option(
        name: .customLong("catalogue"),
        help: ArgumentHelp(
            "Check against this catalogue snapshot (built by 'tcpglint catalogue build'); wins over every config's.",
            valueName: "FILE"))
    var catalogue: String?

    @Option(
        name: .customLong("catalogue-max-age"),
        help: ArgumentHelp(
            "The age in days after which a catalogue is stale (default: the config's, else 30).", valueName: "DAYS"))
    var catalogueMaxAge: Int?

    @Option(
        name: .customLong("stdin-filename"),
        help: ArgumentHelp(
            "The name to report for '-' (its extension picks the format; its folder finds the config).",
            valueName: "NAME"))
    var stdinFilename: String?

    @Option(
        name: .customLong("max-depth"), help: ArgumentHelp("The deepest nesting of objects and lists.", valueName: "N"))
    var maxDepth: Int = InputLimits.default.maxDepth

    @Option(name: .customLong("max-scalar-bytes"), help: ArgumentHelp("The longest scalar, in bytes.", valueName: "N"))
    var maxScalarBytes: Int = InputLimits.default.maxScalarBytes

    @Option(
        name: .customLong("max-alias-expansion"),
        help: ArgumentHelp("The most nodes a YAML document may expand to through aliases.", valueName: "N"))
    var maxAliasExpansion: Int = InputLimits.default.maxAliasExpansion

    @Option(
        name: .customLong("max-documents"), help: ArgumentHelp("The most documents in one YAML stream.", valueName: "N")
    )
    var maxDocuments: Int = InputLimits.default.maxDocuments

    @Option(
        name: .customLong("max-request-bytes"),
        help: ArgumentHelp(
            "The largest request (a JSON file, a YAML document); the API refuses more than 10 MB.", valueName: "N"))
    var maxRequestBytes: Int = InputLimits.default.maxRequestBytes

    @Option(
        name: .customLong("max-file-bytes"),
        help: ArgumentHelp("The largest file read at all; a larger one is refused unread.", valueName: "N"))
    var maxFileBytes: Int = InputLimits.default.maxFileBytes

    @Option(
        name: .customLong("max-findings-per-file"),
        help: ArgumentHelp("The most findings shown for one file.", valueName: "N"))
    var maxFindingsPerFile: Int = 1000

    @Option(
        name: .customLong("regex-match-limit"),
        help: ArgumentHelp("PCRE2's match limit for rule patterns.", valueName: "N"))
    var regexMatchLimit: Int = Int(Regex.Limits.default.match)

    @Option(
        name: .customLong("regex-depth-limit"),
        help: ArgumentHelp("PCRE2's depth limit for rule patterns.", valueName: "N"))
    var regexDepthLimit: Int = Int(Regex.Limits.default.depth)

    @Option(
        name: .customLong("regex-heap-limit"),
        help: ArgumentHelp("PCRE2's heap limit for rule patterns, in KiB.", valueName: "N"))
    var regexHeapLimit: Int = Int(Regex.Limits.default.heapKiB)

    @Flag(help: "Apply the safe fixes to the files, then lint and report what remains.")
    var fix = false

    @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff, apply the unsafe fixes too.")
    var unsafeFixes = false

    @Flag(help: "Write nothing: print the unified diffs of the fixes only; exit 1 when there is one.")
    var diff = false

    @Flag(name: .customLong("fix-only"), help: "Apply the fixes and report nothing else; exit 0 unless a write fails.")
    var fixOnly = false

    @Flag(name: .customLong("exit-non-zero-on-fix"), help: "With --fix or --fix-only, exit 1 when anything was fixed.")
    var exitNonZeroOnFix = false

    @Flag(name: .customLong("show-fixes"), help: "With --fix, --fix-only or --diff, list the fixes on standard error.")
    var showFixes = false

    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp("Files linted at once (default: the number of processors).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        for (name, v) in [
            ("--max-depth", maxDepth), ("--max-scalar-bytes", maxScalarBytes),
            ("--max-alias-expansion", maxAliasExpansion), ("--max-documents", maxDocuments),
            ("--max-request-bytes", maxRequestBytes), ("--max-file-bytes", maxFileBytes),
            ("--max-findings-per-file", maxFindingsPerFile), ("--regex-match-limit", regexMatchLimit),
            ("--regex-depth-limit", regexDepthLimit), ("--regex-heap-limit", regexHeapLimit), ("--jobs", jobs ?? 1),
        ] where v < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        for (name, v) in [
            ("--regex-match-limit", regexMatchLimit), ("--regex-depth-limit", regexDepthLimit),
            ("--regex-heap-limit", regexHeapLimit),
        ] where v > Int(UInt32.max) {
            throw ValidationError("\(name) must be at most \(UInt32.max)")
        }
        if fix || fixOnly, diff {
            throw ValidationError("--fix writes the fixes and --diff shows them without writing: give one")
        }
        if fix || fixOnly, paths.contains("-"), paths.count > 1 {
            throw ValidationError(
                "with --fix, '-' writes the fixed text to standard output, so it must be the only path")
        }
        if fix || fixOnly, paths == ["-"], ![.auto, .text].contains(format) {
            throw ValidationError(
                "with --fix, '-' writes the fixed text to standard output and the findings to standard error as text; use --output for \(format.rawValue)"
            )
        }
        if exitNonZeroOnFix, !fix, !fixOnly {
            throw ValidationError("--exit-non-zero-on-fix needs --fix or --fix-only")
        }
        if showFixes, !fix, !fixOnly, !diff { throw ValidationError("--show-fixes needs --fix, --fix-only or --diff") }
        if let a = catalogueMaxAge, a < 0 { throw ValidationError("--catalogue-max-age must be at least 0") }
        if stdinFilename != nil, !paths.contains("-") {
            throw ValidationError("--stdin-filename names standard input, so it needs '-' among the paths")
        }
    }

    /// What is done with fixes: nothing, written (`--fix`, `--fix-only`), or shown (`--diff`).
    var fixMode: FixMode? {
        let level: FixApplicability = unsafeFixes ? .unsafe : .safe
        return fix || fixOnly ? .write(level) : diff ? .diff(level) : nil
    }

    var limits: InputLimits {
        InputLimits(
            maxDepth: maxDepth, maxScalarBytes: maxScalarBytes, maxAliasExpansion: maxAliasExpansion,
            maxDocuments: maxDocuments, maxRequestBytes: maxRequestBytes, maxFileBytes: maxFileBytes)
    }

    var regexLimits: Regex.Limits {
        Regex.Limits(match: UInt32(regexMatchLimit), depth: UInt32(regexDepthLimit), heapKiB: UInt32(regexHeapLimit))
    }
}

/// `--fix` and `--diff`, with the least applicability applied (a file whose config says
/// `unsafe-fixes: true` gets the unsafe ones too).
enum FixMode: Sendable {
    case write(FixApplicability)
    case diff(FixApplicability)

    var level: FixApplicability {
        switch self {
        case .write(let l), .diff(let l): return l
        }
    }
}
