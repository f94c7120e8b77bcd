import TcpglintCLI

#if canImport(Glibc)
    import Glibc
#endif

/// The executable: the real console, the CLI, the exit status. Everything else is the library's.
@main
struct Main {
    static func main() {
        // A closed pipe (`tcpglint lint … | head -1`) is a write error, not a SIGPIPE death.
        signal(SIGPIPE, SIG_IGN)
        exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: .standard()))
    }
}
