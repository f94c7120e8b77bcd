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
    /// The first write to standard output that failed (a closed pipe, a full disk), if any;
    /// `out` writes nothing after it, a lint run stops, and the exit status is 3.
    public var outFailure: () -> FileSystemError?
    /// The environment (`GITHUB_ACTIONS`, `NO_COLOR`, `SOURCE_DATE_EPOCH`).
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour in `--color auto`).
    public var isTerminal: Bool
    /// Writes bytes to standard output as they are (`--fix -`: a file that is not UTF-8 is given
    /// back unchanged); nil writes them through `out`, decoded.
    public var outBytes: (([UInt8]) -> Void)? = nil

    /// Writes bytes to standard output.
    public func out(bytes: [UInt8]) {
        if let outBytes { outBytes(bytes) } else { out(String(decoding: bytes, as: UTF8.self)) }
    }

    public init(
        readStandardInput: @escaping (Int) throws -> [UInt8], out: @escaping (String) -> Void,
        err: @escaping (String) -> Void, outFailure: @escaping () -> FileSystemError? = { nil },
        environment: [String: String] = [:], isTerminal: Bool = false
    ) {
        self.readStandardInput = readStandardInput
        self.out = out
        self.err = err
        self.outFailure = outFailure
        self.environment = environment
        self.isTerminal = isTerminal
    }

    /// The process's own standard input, output and error, and the variables the CLI reads.
    public static func standard() -> Console {
        var environment: [String: String] = [:]
        for name in ["GITHUB_ACTIONS", "NO_COLOR", "SOURCE_DATE_EPOCH"] {
            if let v = getenv(name) { environment[name] = String(cString: v) }
        }
        var console = Console(
            readStandardInput: { try FileSystem.readStandardInput(maxBytes: $0) },
            out: { StandardStream.output.write($0) },
            // A message that cannot be written has nowhere else to go.
            err: { StandardStream.error.write($0) },
            outFailure: { StandardStream.output.failure },
            environment: environment,
            isTerminal: isatty(1) == 1)
        console.outBytes = { StandardStream.output.write($0) }
        return console
    }
}
