import TcpglintSystem

/// A scratch folder under /tmp, made with `mkdtemp` and removed, with everything in it, when the
/// value goes away.
public final class TempDir {
    public let path: String

    public init() throws {
        path = try FileSystem.makeTemporaryDirectory(prefix: "/tmp/tcpglint-test-")
    }

    /// Writes `text` to `name` (which may hold folders, made as needed) inside the folder.
    public func write(_ name: String, _ text: String) throws {
        let full = path + "/" + name
        FileSystem.makeDirectories(Paths.directory(of: full))
        try FileSystem.writeAtomically(text, to: full)
    }

    deinit { FileSystem.removeTree(path) }
}
