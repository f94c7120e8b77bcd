import TcpglintCLI
import TcpglintSystem

/// The result of one in-process run of the CLI.
public struct RunResult {
    public var status: Int32
    public var out: String
    public var err: String
}

/// Runs the CLI in-process, from the package root, with standard input `stdin`, an environment
/// and a terminal or not. With `outFails`, standard output takes `afterBytes` bytes and then
/// fails with `error`, as a full disk or a closed pipe does: what it took is in `out`.
public func runCLI(
    _ args: [String], stdin: String = "", environment: [String: String] = [:], terminal: Bool = false,
    outFails: (afterBytes: Int, error: FileSystemError)? = nil
)
    -> RunResult
{
    _ = packageRoot
    final class Box {
        var out = ""
        var err = ""
        var outFailure: FileSystemError?
    }
    let box = Box()
    let console = Console(
        readStandardInput: { _ in Array(stdin.utf8) },
        out: { text in
            guard box.outFailure == nil else { return }
            if let outFails, box.out.utf8.count + text.utf8.count > outFails.afterBytes {
                box.out += String(
                    decoding: Array(text.utf8).prefix(outFails.afterBytes - box.out.utf8.count), as: UTF8.self)
                box.outFailure = outFails.error
                return
            }
            box.out += text
        },
        err: { box.err += $0 }, outFailure: { box.outFailure },
        environment: environment, isTerminal: terminal)
    let status = CLI.run(args, console: console)
    return RunResult(status: status, out: box.out, err: box.err)
}
