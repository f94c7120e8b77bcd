import Foundation
import PackagePlugin

/// Embeds the rule pack in `rules/` into the target as Swift source, so the built-in pack works
/// from any working directory and from a binary copied elsewhere.
@main
struct EmbedRulePack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: rules.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
        let inputs = names.map { rules.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulePack.swift")
        return [
            .buildCommand(
                displayName: "Embedding the rule pack (\(names.count) files)",
                executable: try context.tool(named: "EmbedRulePackTool").url,
                arguments: [output.path] + inputs.map { $0.path },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
