#if canImport(Glibc)
import Glibc
#endif
import TcpglintCLI
import TcpglintInput

let console = Console(
    readStandardInput: { try FileSystem.readStandardInput() },
    out: { FileSystem.write($0, to: 1) },
    err: { FileSystem.write($0, to: 2) })
exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: console))
