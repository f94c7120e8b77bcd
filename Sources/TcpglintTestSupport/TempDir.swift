#if canImport(Glibc)
import Glibc
#endif
import TcpglintSystem

/// A scratch folder under /tmp, made with `mkdtemp` and removed, with everything in it, when the
/// value goes away.
public final class TempDir {
    public let path: String

    public init() throws {
        var template = Array("/tmp/tcpglint-test-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw FileSystemError(path: "/tmp", reason: "mkdtemp failed") }
        path = String(cString: p)
    }

    /// Writes `text` to `name` (which may hold folders, made as needed) inside the folder.
    public func write(_ name: String, _ text: String) throws {
        let full = path + "/" + name
        makeFolders(Paths.directory(of: full))
        try FileSystem.writeAtomically(text, to: full)
    }

    deinit { TempDir.remove(path) }

    /// Removes a path and, for a folder, what it holds; symbolic links are removed, not followed.
    static func remove(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            for name in (try? FileSystem.listDirectory(path)) ?? [] { remove(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

/// Makes a folder and the folders above it, as `mkdir -p` does.
public func makeFolders(_ path: String) {
    guard path != "." && path != "/" && FileSystem.kind(path) != .directory else { return }
    makeFolders(Paths.directory(of: path))
    mkdir(path, 0o755)
}
