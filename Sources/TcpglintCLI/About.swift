// TcpglintCLI: the command line as a library, arguments in and exit status out, its input and
// output injected (Console) so that tests run it in-process. The tcpglint executable only
// calls it.
//
// Folders:
//   (top level)  CLI (the entry point), Console (the injected I/O), ExitStatus, RuleSetLoading
//   Commands/    the ArgumentParser commands, their options, and what rules, explain and schema do
//   Run/         the lint session (LintSession) as stages: RunPlan (plan and walk, with the
//                FileWalker), FileLinting and StreamLinting, PostProcessing, ReportStage
//
// Imports: TcpglintSystem, TcpglintCore, TcpglintInput, TcpglintRules, TcpglintReport and
// ArgumentParser: everything below it.
