#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// Writes a file atomically: to a temporary file beside it, then renamed over it, so a reader
    /// never sees half a file and a failed write leaves the old one (and no temporary file).
    public static func writeAtomically(_ text: String, to path: String) throws(FileSystemError) {
        let file = try AtomicFile(path)
        do { try file.write(text) } catch {
            file.abandon()
            throw error
        }
        try file.commit()
    }
}

extension FileSystem {
    /// Replaces the contents of an existing file, atomically, keeping its mode and owner: through
    /// a symbolic link to its target (the link stays a link). The bytes must be UTF-8 (a linted
    /// file is). A failure leaves the file as it was.
    public static func rewrite(_ path: String, with bytes: [UInt8]) throws(FileSystemError) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard Array(text.utf8) == bytes else { throw FileSystemError(path: path, reason: "not UTF-8 text") }
        guard let resolved = realpath(path, nil) else { throw .errno(path) }
        let target = String(cString: resolved)
        free(resolved)
        var st = stat()
        guard stat(target, &st) == 0 else { throw .errno(path) }
        let file = try AtomicFile(target)
        do {
            try file.keep(mode: st.st_mode & 0o7777, owner: st.st_uid, group: st.st_gid)
            try file.write(text)
        } catch {
            file.abandon()
            throw error
        }
        try file.commit()
    }
}

/// A file written in pieces that appears at its path only when complete: the text goes to a
/// temporary file beside it, renamed over the path by `commit`. Until then, and if it is never
/// committed, the path keeps what it had. The first failed write is kept: later writes throw it
/// without writing, and `commit` throws it, removes the temporary file and leaves the path as it
/// was.
public final class AtomicFile {
    public let path: String
    private let tmp: String
    private var fd: Int32
    /// The first write that failed; the file is never committed after it.
    public private(set) var failure: FileSystemError?

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

    /// Appends `text`; throws the system's error (a full disk, say), then and at every later
    /// write and at `commit`.
    public func write(_ text: String) throws(FileSystemError) {
        if let failure { throw failure }
        guard fd >= 0 else { throw FileSystemError(path: path, reason: "already closed") }
        do { try FileSystem.write(text, to: fd, name: path) } catch {
            failure = error
            throw error
        }
    }

    /// Flushes the file to the disk (`fsync`), closes it and renames it over the path; a failed
    /// write before, or a failure of any of the three, removes the temporary file, leaves the
    /// path as it was and is thrown.
    public func commit() throws(FileSystemError) {
        if let failure {
            abandon()
            throw failure
        }
        guard fd >= 0 else { throw FileSystemError(path: path, reason: "already closed") }
        var code: Int32 = fsync(fd) == 0 ? 0 : errno
        if close(fd) != 0, code == 0 { code = errno }
        fd = -1
        if code == 0, rename(tmp, path) != 0 { code = errno }
        guard code == 0 else {
            unlink(tmp)
            let error = FileSystemError.errno(path, code)
            failure = error
            throw error
        }
    }

    /// Gives the file, before it is committed, this mode and owner (of the file it replaces).
    public func keep(mode: mode_t, owner: uid_t, group: gid_t) throws(FileSystemError) {
        guard fd >= 0 else { throw FileSystemError(path: path, reason: "already closed") }
        if fchown(fd, owner, group) != 0 || fchmod(fd, mode) != 0 {
            let error = FileSystemError.errno(path)
            failure = error
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
