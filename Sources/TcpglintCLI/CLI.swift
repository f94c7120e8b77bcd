import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules
import TcpglintSystem

// MARK: - Entry point

/// The command-line interface as a library: arguments in, exit status out.
public enum CLI {
    /// Runs tcpglint with `arguments` (without the program name). Standard output that could not
    /// be written makes the status 3, with a message, but none for a closed pipe (its reader,
    /// `head` say, wanted no more).
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        let status = runCommand(arguments, console: console)
        guard let failure = console.outFailure() else { return status }
        if !failure.isBrokenPipe { console.err("tcpglint: cannot write standard output: \(failure)\n") }
        return ExitStatus.failure.rawValue
    }

    private static func runCommand(_ arguments: [String], console: Console) -> Int32 {
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
        switch command {
        case let lint as Lint:
            return LintSession.run(lint, console: console)
        case let list as ListRules:
            return list.run(console: console)
        case let test as TestRules:
            return test.run(console: console)
        case let explain as Explain:
            return explain.run(console: console)
        case let schema as Schema:
            return schema.run(console: console)
        case let build as CatalogueBuild:
            return build.run(console: console)
        case let status as CatalogueStatus:
            return status.run(console: console)
        case let diff as CatalogueDiff:
            return diff.run(console: console)
        case let script as CatalogueScript:
            return script.run(console: console)
        case let zones as CatalogueZones:
            return zones.run(console: console)
        case let majors as CatalogueMajors:
            return majors.run(console: console)
        case let keys as CatalogueKeys:
            return keys.run(console: console)
        default:
            // `--help`, `-h` and `help [SUBCOMMAND]` parse into ArgumentParser's own help command,
            // which would print straight to stdout; print the same text through the console.
            let subcommands: [String: ParsableCommand.Type] = [
                "lint": Lint.self, "rules": Rules.self, "explain": Explain.self, "list": ListRules.self,
                "test": TestRules.self,
                "schema": Schema.self, "catalogue": CatalogueCommand.self, "build": CatalogueBuild.self,
                "status": CatalogueStatus.self, "diff": CatalogueDiff.self, "script": CatalogueScript.self,
                "zones": CatalogueZones.self, "majors": CatalogueMajors.self, "keys": CatalogueKeys.self,
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
