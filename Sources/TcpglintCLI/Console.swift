import TcpglintSystem

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Injected I/O

/// Where the CLI reads and writes, so the whole CLI can run in-process in tests.
public struct Console {
    /// Reads standard input, failing past the given number of bytes.
    public var readStandardInput: (Int) throws -> [UInt8]
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// The environment (`GITHUB_ACTIONS`, `NO_COLOR`).
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour in `--color auto`).
    public var isTerminal: Bool

    public init(
        readStandardInput: @escaping (Int) throws -> [UInt8], out: @escaping (String) -> Void,
        err: @escaping (String) -> Void,
        environment: [String: String] = [:], isTerminal: Bool = false
    ) {
        self.readStandardInput = readStandardInput
        self.out = out
        self.err = err
        self.environment = environment
        self.isTerminal = isTerminal
    }

    /// The process's own standard input, output and error, and the variables the CLI reads.
    public static func standard() -> Console {
        var environment: [String: String] = [:]
        for name in ["GITHUB_ACTIONS", "NO_COLOR"] {
            if let v = getenv(name) { environment[name] = String(cString: v) }
        }
        return Console(
            readStandardInput: { try FileSystem.readStandardInput(maxBytes: $0) },
            out: { FileSystem.write($0, to: 1) },
            err: { FileSystem.write($0, to: 2) },
            environment: environment,
            isTerminal: isatty(1) == 1)
    }
}
