// TcpglintRules: rule files in, compiled rule sets out. It loads the rule pack (built in, or a
// rules directory), organisation policies on top of it, configuration files and baselines, and
// reports every fault in them at its file:line:col; nothing is skipped in silence.
//
// Folders:
//   Pack/      RulePackLoader (rule files or a rules directory to a RuleSet), the model, examples
//   Reading/   rule-file nodes decoded with their positions, and the errors they give
//   Compile/   one rule mapping compiled to a Rule: targets, paths, checks, patterns, examples
//   Policy/    organisation policies: namespaces, extends, overrides of loaded rules
//   Settings/  .tcpglint.yaml configuration, path globs, baselines read and written
//   BuiltIn/   the built-in pack at start-up, loaded on another thread while arguments are parsed
//   Fixes/     fixes applied to a file's bytes in verified rounds (--fix, --diff, the fuzzer's oracle)
//
// Imports: TcpglintSystem (to read rule, policy, config and baseline files), TcpglintCore and
// TcpglintInput (to parse them); not TcpglintReport or TcpglintCLI.
