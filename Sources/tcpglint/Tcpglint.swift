#if canImport(Glibc)
import Glibc
#endif
import TcpglintCLI
import TcpglintInput

/// The executable: the real console, the CLI, the exit status.
@main
struct Main {
    static func main() {
        var environment: [String: String] = [:]
        for name in ["GITHUB_ACTIONS", "NO_COLOR"] {
            if let v = getenv(name) { environment[name] = String(cString: v) }
        }
        let console = Console(
            readStandardInput: { try FileSystem.readStandardInput(maxBytes: $0) },
            out: { FileSystem.write($0, to: 1) },
            err: { FileSystem.write($0, to: 2) },
            environment: environment,
            isTerminal: isatty(1) == 1)
        exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: console))
    }
}
