#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// Writes a file atomically: to a temporary file beside it, then renamed over it, so a reader
    /// never sees half a file and a failed write leaves the old one.
    public static func writeAtomically(_ text: String, to path: String) throws(FileSystemError) {
        let file = try AtomicFile(path)
        file.write(text)
        try file.commit()
    }
}

/// A file written in pieces that appears at its path only when complete: the text goes to a
/// temporary file beside it, renamed over the path by `commit`. Until then, and if it is never
/// committed, the path keeps what it had.
public final class AtomicFile {
    public let path: String
    private let tmp: String
    private var fd: Int32

    public init(_ path: String) throws(FileSystemError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // A fresh name (two outputs of one run may name the same file; the last one wins).
        let base = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())"
        var k = 0
        var candidate = base
        fd = -1
        while true {
            fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || Glibc.errno != EEXIST || k >= 1000 { break }
            k += 1
            candidate = base + "-\(k)"
        }
        tmp = candidate
        guard fd >= 0 else { throw .errno(path) }
    }

    deinit { abandon() }

    public func write(_ text: String) {
        guard fd >= 0 else { return }
        FileSystem.write(text, to: fd)
    }

    public func commit() throws(FileSystemError) {
        guard fd >= 0 else { throw FileSystemError(path: path, reason: "already closed") }
        let synced = fsync(fd) == 0
        close(fd)
        fd = -1
        guard synced, rename(tmp, path) == 0 else {
            let error = FileSystemError.errno(path)
            unlink(tmp)
            throw error
        }
    }

    /// Drops the temporary file; the path is left as it was.
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(tmp)
    }
}
