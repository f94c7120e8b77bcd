import TcpglintSystem
import TcpglintTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files and standard output that cannot be written (issue 12, section 1): the run says which
/// path and why, exits with status 3, leaves the previous file and no temporary file. The file
/// tests use a real full file system, a tiny tmpfs (root only; skipped elsewhere, never in CI).
@Suite struct FailedWriteTests {
    /// A baseline larger than the file system: no "wrote N baseline entries", status 3, and no
    /// file cut at the size of the disk.
    @Test(.enabled(if: TinyFileSystem.usable)) func aBaselineThatDoesNotFitIsNotWritten() throws {
        let fs = try #require(TinyFileSystem(kilobytes: 64), "cannot mount a tmpfs (root is needed)")
        let path = fs.path + "/base.yaml"
        let r = runCLI(["lint", "--write-baseline", path, "testdata/invalid"])
        #expect(r.status == 3)
        #expect(r.err.contains("tcpglint: cannot write the baseline \(path): No space left on device"), "\(r.err)")
        #expect(!r.err.contains("wrote"))
        #expect(FileSystem.kind(path) == .missing, "no baseline cut at the size of the disk")
        #expect(try FileSystem.listDirectory(fs.path) == [], "the temporary file is removed")
    }

    /// A full disk, and a baseline there already: two runs both fail and leave it as it was
    /// (the second run used to replace it with an empty file).
    @Test(.enabled(if: TinyFileSystem.usable)) func aFullDiskLeavesThePreviousBaseline() throws {
        let fs = try #require(TinyFileSystem(kilobytes: 64), "cannot mount a tmpfs (root is needed)")
        let path = fs.path + "/base.yaml"
        let old = runCLI(["lint", "--write-baseline", path, "testdata/invalid/action.yaml"])
        #expect(old.status == 0, "\(old.err)")
        let before = try #require(readText(path))
        fs.fill()
        for _ in 0..<2 {
            let r = runCLI(["lint", "--write-baseline", path, "testdata/invalid"])
            #expect(r.status == 3)
            #expect(r.err.contains("cannot write the baseline \(path): No space left on device"), "\(r.err)")
            #expect(readText(path) == before)
            #expect(try fs.names() == ["base.yaml"])
        }
    }

    /// An `--output` file that does not fit: status 3 (not 1, as if only findings were found),
    /// the old file kept, no temporary file; standard output is still written.
    @Test(.enabled(if: TinyFileSystem.usable)) func anOutputFileThatDoesNotFitIsAFailure() throws {
        let fs = try #require(TinyFileSystem(kilobytes: 64), "cannot mount a tmpfs (root is needed)")
        let path = fs.path + "/out.sarif"
        try FileSystem.writeAtomically("old sarif\n", to: path)
        let r = runCLI(["lint", "--output", "sarif=\(path)", "testdata/invalid"])
        #expect(r.status == 3)
        #expect(r.err.contains("tcpglint: cannot write sarif output to \(path): No space left on device"), "\(r.err)")
        #expect(readText(path) == "old sarif\n")
        #expect(try FileSystem.listDirectory(fs.path) == ["out.sarif"])
        #expect(r.out.contains("action.yaml"))
    }

    /// Standard output on a full disk: a message and status 3, whatever the command.
    @Test(arguments: [
        ["lint", "testdata/invalid"], ["lint", "testdata/valid"], ["rules", "list"], ["explain", "action"],
        ["--version"],
    ])
    func standardOutputThatCannotBeWrittenIsStatus3(_ args: [String]) {
        let full = FileSystemError(path: "standard output", reason: "No space left on device", code: ENOSPC)
        let r = runCLI(args, outFails: (afterBytes: 2, error: full))
        #expect(r.status == 3, "\(args)")
        #expect(r.err.hasSuffix("tcpglint: cannot write standard output: No space left on device\n"), "\(r.err)")
        #expect(r.out.utf8.count <= 2)
    }

    /// A closed pipe (`tcpglint lint … | head -1`): status 3, no message, and the run stops:
    /// an `--output` file is not written from part of the files.
    @Test func aClosedPipeEndsTheRunQuietly() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.json"
        try dir.write("out.json", "old")
        let closed = FileSystemError(path: "standard output", reason: "Broken pipe", code: EPIPE)
        let r = runCLI(
            ["lint", "--jobs", "2", "--output", "json=\(path)", "testdata/invalid"],
            outFails: (afterBytes: 100, error: closed))
        #expect(r.status == 3)
        #expect(r.err == "")
        #expect(readText(path) == "old", "the output of a stopped run is not committed")
        #expect(try FileSystem.listDirectory(dir.path) == ["out.json"])
    }
}
