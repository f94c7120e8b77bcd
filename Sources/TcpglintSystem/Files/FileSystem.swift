#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Files, with POSIX calls only (no Foundation at start-up)

/// A file system fault, with the path and the system's reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// The file was refused for its size (a limit), not for a fault of the system.
    public let tooLarge: Bool
    /// The system's error number (`errno`); 0 when the fault is not the system's.
    public let code: Int32
    public init(path: String, reason: String, tooLarge: Bool = false, code: Int32 = 0) {
        self.path = path
        self.reason = reason
        self.tooLarge = tooLarge
        self.code = code
    }
    public var description: String { reason }

    /// A write to a pipe whose reader has gone (`EPIPE`): the reader wants no more, which is
    /// not worth a message.
    public var isBrokenPipe: Bool { code == EPIPE }

    static func errno(_ path: String, _ code: Int32 = Glibc.errno) -> FileSystemError {
        FileSystemError(path: path, reason: String(cString: strerror(code)), code: code)
    }
}

/// What a path is.
public enum FileKind: Sendable {
    case regular, directory, other, missing
}

public enum FileSystem {
    /// Reads a whole regular file; one larger than `maxBytes` is refused unread.
    public static func readFile(_ path: String, maxBytes: Int = Int.max) throws(FileSystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .errno(path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .errno(path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw FileSystemError(
                path: path, reason: (st.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        if Int(st.st_size) > maxBytes {
            throw FileSystemError(
                path: path,
                reason:
                    "the file is \(st.st_size) bytes, over the --max-file-bytes limit of \(maxBytes); it was not read",
                tooLarge: true)
        }
        // Straight into a buffer of the file's size (plus one byte, to see the end in the same
        // read); a file that grows while it is read goes on in larger buffers.
        var capacity = Int(st.st_size) + 1
        var out: [UInt8] = []
        while true {
            var failed: Int32 = 0
            var more = true
            let previous = out
            out = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
                if !previous.isEmpty {
                    _ = UnsafeMutableBufferPointer(rebasing: buf[0..<previous.count]).initialize(from: previous)
                }
                count = previous.count
                while count < capacity {
                    let n = read(fd, buf.baseAddress! + count, capacity - count)
                    if n < 0 {
                        if Glibc.errno == EINTR { continue }
                        failed = Glibc.errno
                        return
                    }
                    if n == 0 {
                        more = false
                        return
                    }
                    count += n
                }
            }
            if failed != 0 {
                Glibc.errno = failed
                throw .errno(path)
            }
            if out.count > maxBytes {
                throw FileSystemError(
                    path: path,
                    reason: "the file grew over the --max-file-bytes limit of \(maxBytes) while it was read",
                    tooLarge: true)
            }
            if !more { return out }
            capacity = max(capacity * 2, 1 << 16)
        }
    }

    /// Reads standard input to its end, or to just past `maxBytes`.
    public static func readStandardInput(maxBytes: Int = Int.max) throws(FileSystemError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw .errno("-")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > maxBytes {
                throw FileSystemError(
                    path: "-", reason: "standard input is over the --max-file-bytes limit of \(maxBytes)",
                    tooLarge: true)
            }
        }
        return out
    }

    /// What a path is, following symbolic links, and why it could not be looked at.
    public static func status(_ path: String) -> (kind: FileKind, reason: String?) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let e = Glibc.errno
            var lst = stat()
            if e == ENOENT, lstat(path, &lst) == 0 {
                return (.missing, "a symbolic link to a file that does not exist")
            }
            if e == ELOOP { return (.missing, "a loop of symbolic links") }
            let reason = String(cString: strerror(e))
            return (.missing, reason.prefix(1).lowercased() + reason.dropFirst())
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return (.regular, nil)
        case S_IFDIR: return (.directory, nil)
        case S_IFIFO: return (.other, "a FIFO, not a regular file")
        case S_IFSOCK: return (.other, "a socket, not a regular file")
        case S_IFCHR, S_IFBLK: return (.other, "a device, not a regular file")
        default: return (.other, "not a regular file")
        }
    }

    /// What a path is, following symbolic links.
    public static func kind(_ path: String) -> FileKind { status(path).kind }

    /// The names in a directory (without `.` and `..`), unsorted.
    public static func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw .errno(path) }
        defer { closedir(dir) }
        var names: [String] = []
        // `readdir` allocates each entry only as long as its name (`d_reclen`), so the name is
        // read in place, up to its NUL: copying `d_name` as a 256-byte tuple reads past the end.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let start = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let name = String(cString: start)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The device and inode of a directory, to detect symbolic-link loops while walking.
    public static func identity(_ path: String) -> (UInt64, UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }
}

extension FileSystem {
    /// Writes all of `text` to a file descriptor (1 for standard output, 2 for standard error),
    /// going on after a short write, an interruption (`EINTR`) or a full non-blocking descriptor
    /// (`EAGAIN`, waited out with `poll`). Any other error is thrown, with `name` as its path.
    public static func write(_ text: String, to fd: Int32, name: String) throws(FileSystemError) {
        var copy = text
        let failed = copy.withUTF8 { writeAll($0, to: fd) }
        if failed != 0 { throw .errno(name, failed) }
    }

    /// Writes all of `bytes` to a file descriptor, as `write(_:to:name:)` writes text.
    public static func write(_ bytes: [UInt8], to fd: Int32, name: String) throws(FileSystemError) {
        let failed = bytes.withUnsafeBufferPointer { writeAll($0, to: fd) }
        if failed != 0 { throw .errno(name, failed) }
    }

    /// Writes the whole buffer; 0, or the `errno` of the write that failed.
    static func writeAll(_ buf: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32 {
        guard buf.count > 0 else { return 0 }
        var done = 0
        while done < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 {
                let e = Glibc.errno
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                return e
            }
            done += n
        }
        return 0
    }
}

extension FileSystem {
    /// Makes a new, empty folder `PREFIX` plus six random characters (`mkdtemp`), and gives its path.
    public static func makeTemporaryDirectory(prefix: String) throws(FileSystemError) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw .errno(prefix) }
        return String(cString: p)
    }

    /// Makes a folder and the folders above it, as `mkdir -p` does; an error is left to the
    /// write that needs the folder.
    public static func makeDirectories(_ path: String) {
        guard path != "." && path != "/" && kind(path) != .directory else { return }
        makeDirectories(Paths.directory(of: path))
        mkdir(path, 0o755)
    }

    /// Removes a path and, for a folder, everything below it; symbolic links are removed, not
    /// followed. What cannot be removed is left.
    public static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            for name in (try? listDirectory(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Makes `path` the working directory; false when it cannot be.
    @discardableResult
    public static func changeDirectory(_ path: String) -> Bool { chdir(path) == 0 }
}
