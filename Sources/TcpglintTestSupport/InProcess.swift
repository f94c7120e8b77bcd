import TcpglintCLI

/// The result of one in-process run of the CLI.
public struct RunResult {
    public var status: Int32
    public var out: String
    public var err: String
}

/// Runs the CLI in-process, from the package root, with standard input `stdin`, an environment
/// and a terminal or not.
public func runCLI(_ args: [String], stdin: String = "", environment: [String: String] = [:], terminal: Bool = false)
    -> RunResult
{
    _ = packageRoot
    final class Box {
        var out = ""
        var err = ""
    }
    let box = Box()
    let console = Console(
        readStandardInput: { _ in Array(stdin.utf8) }, out: { box.out += $0 }, err: { box.err += $0 },
        environment: environment, isTerminal: terminal)
    let status = CLI.run(args, console: console)
    return RunResult(status: status, out: box.out, err: box.err)
}
