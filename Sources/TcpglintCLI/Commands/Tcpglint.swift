import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

// MARK: - Arguments

// Every command names itself in its configuration: without a name, ArgumentParser derives one
// from the type with String(describing:), a runtime lookup that costs at every start.

struct Tcpglint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcpglint",
        abstract: "Lint TencentDB for PostgreSQL CreateInstances requests (JSON and YAML).",
        discussion:
            "Exit status: 0 nothing at or above the fail level, 1 findings, 2 usage, rule-file, policy or config error, 3 I/O or internal failure.",
        version: "0.1.0",
        subcommands: [Lint.self, Rules.self, Explain.self, Schema.self, CatalogueCommand.self],
        defaultSubcommand: Lint.self
    )
}

/// Where the rules come from: the pack and the policies on top of it.
