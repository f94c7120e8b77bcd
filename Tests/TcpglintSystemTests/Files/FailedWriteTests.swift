import TcpglintSystem
import TcpglintTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Writes that fail: on a real full file system (a tiny tmpfs, mounted as root; skipped where
/// that cannot be done, never in CI), on `/dev/full`, on a pipe whose reader has gone. Every
/// write throws, and an atomic file that failed is never committed.
@Suite struct FailedWriteTests {
    /// More than the file system holds: the write throws ENOSPC with the target's path, the
    /// commit throws it again, the old file is untouched and the temporary file is gone.
    @Test(.enabled(if: TinyFileSystem.usable)) func anAtomicFileThatCannotBeWrittenIsNeverCommitted() throws {
        let fs = try #require(TinyFileSystem(kilobytes: 64), "cannot mount a tmpfs (root is needed)")
        let path = fs.path + "/base.yaml"
        try FileSystem.writeAtomically("old baseline\n", to: path)
        let file = try AtomicFile(path)
        let big = String(repeating: "x", count: 100_000)
        let error = #expect(throws: FileSystemError.self) { try file.write(big) }
        #expect(error?.path == path)
        #expect(error?.reason == "No space left on device")
        #expect(file.failure?.code == ENOSPC)
        // Later writes fail too, without writing, even small ones.
        #expect(throws: FileSystemError.self) { try file.write("y") }
        let committed = #expect(throws: FileSystemError.self) { try file.commit() }
        #expect(committed?.reason == "No space left on device")
        #expect(readText(path) == "old baseline\n", "the previous file is untouched")
        #expect(try fs.names() == ["base.yaml"], "the temporary file is removed")
    }

    /// A full disk, twice: neither run replaces the old file (the second one used to leave an
    /// empty file where the old one was).
    @Test(.enabled(if: TinyFileSystem.usable)) func writeAtomicallyOnAFullDiskLeavesTheOldFile() throws {
        let fs = try #require(TinyFileSystem(kilobytes: 64), "cannot mount a tmpfs (root is needed)")
        let path = fs.path + "/out.sarif"
        try FileSystem.writeAtomically("old", to: path)
        fs.fill()
        for _ in 0..<2 {
            let error = #expect(throws: FileSystemError.self) {
                try FileSystem.writeAtomically(String(repeating: "new ", count: 5000), to: path)
            }
            #expect(error?.path == path)
            #expect(error?.code == ENOSPC)
            #expect(readText(path) == "old")
        }
        #expect(try fs.names() == ["out.sarif"])
    }

    @Test func aWriteToDevFullThrows() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let error = #expect(throws: FileSystemError.self) { try FileSystem.write("text", to: fd, name: "/dev/full") }
        #expect(error?.path == "/dev/full")
        #expect(error?.reason == "No space left on device")
    }

    /// A pipe whose reader has gone: EPIPE (with SIGPIPE ignored, as the binary does), said to
    /// be a broken pipe.
    @Test func aWriteToAClosedPipeThrowsEPIPE() throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let error = #expect(throws: FileSystemError.self) { try FileSystem.write("text", to: fds[1], name: "pipe") }
        #expect(error?.isBrokenPipe == true)
    }

    /// A non-blocking descriptor that is full (EAGAIN) is waited for, not given up on.
    @Test func aFullNonBlockingPipeIsWaitedFor() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        let reader = fds[0]
        let total = Counter()
        let thread = Parallel.Thread {
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buf.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                total.add(n)
                usleep(100)
            }
        }
        let text = String(repeating: "0123456789", count: 100_000)
        try FileSystem.write(text, to: fds[1], name: "pipe")
        close(fds[1])
        thread.join()
        close(reader)
        #expect(total.current == text.utf8.count)
    }

    /// Standard output keeps its first failure and writes nothing after it.
    @Test func aStandardStreamKeepsItsFirstFailure() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let stream = StandardStream(fd: fd, name: "standard output")
        #expect(stream.failure == nil)
        stream.write("one")
        #expect(stream.failure?.path == "standard output")
        #expect(stream.failure?.code == ENOSPC)
        stream.write("two")
        #expect(stream.failure?.code == ENOSPC)
    }
}
