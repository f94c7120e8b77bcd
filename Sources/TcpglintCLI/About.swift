// TcpglintCLI: the command line as a library, arguments in and exit status out, its input and
// output injected (Console) so that tests run it in-process. The tcpglint executable only
// calls it.
//
// Folders:
//   (top level)  CLI (the entry point), Console (the injected I/O), ExitStatus
//   Commands/    the ArgumentParser commands and their options: lint, rules, explain, schema
//   Run/         carrying out a command: the Runner and its stages, the FileWalker (paths to files)
//
// Imports: TcpglintSystem, TcpglintCore, TcpglintInput, TcpglintRules, TcpglintReport and
// ArgumentParser: everything below it.
