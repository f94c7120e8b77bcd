import TcpglintSystem
import TcpglintTestSupport
import Testing

/// A file that appears at its path only when complete.
@Suite struct AtomicFileTests {
    static func text(_ path: String) -> String? {
        (try? FileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theTargetAppearsOnlyOnCommit() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.sarif"
        let file = try AtomicFile(path)
        try file.write("half ")
        #expect(FileSystem.kind(path) == .missing, "nothing at the path before the commit")
        try file.write("and the rest")
        #expect(FileSystem.kind(path) == .missing)
        #expect(try FileSystem.listDirectory(dir.path).count == 1, "only the temporary file beside it")
        try file.commit()
        #expect(Self.text(path) == "half and the rest")
        #expect(try FileSystem.listDirectory(dir.path) == ["out.sarif"], "no temporary file is left")
        let again = #expect(throws: FileSystemError.self) { try file.commit() }
        #expect(again?.reason == "already closed")
    }

    @Test func aCommitReplacesTheOldFileWhole() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.json"
        try dir.write("out.json", "old text, longer than the new one")
        let file = try AtomicFile(path)
        try file.write("new")
        #expect(Self.text(path) == "old text, longer than the new one")
        try file.commit()
        #expect(Self.text(path) == "new")
    }

    @Test func abandonLeavesTheOldFile() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.json"
        try dir.write("out.json", "old")
        let file = try AtomicFile(path)
        try file.write("new")
        file.abandon()
        #expect(Self.text(path) == "old")
        #expect(try FileSystem.listDirectory(dir.path) == ["out.json"], "the temporary file is removed")
        #expect(throws: FileSystemError.self) { try file.commit() }
        #expect(Self.text(path) == "old")
    }

    @Test func aFileNeverCommittedIsAbandoned() throws {
        let dir = try TempDir()
        do {
            let file = try AtomicFile(dir.path + "/out.json")
            try file.write("lost")
        }
        #expect(try FileSystem.listDirectory(dir.path) == [])
    }

    /// Two outputs of one run may name one file: each writes its own temporary file, and the
    /// last commit wins.
    @Test func twoAtomicFilesOnOnePath() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.txt"
        let a = try AtomicFile(path)
        let b = try AtomicFile(path)
        try a.write("from a")
        try b.write("from b")
        #expect(try FileSystem.listDirectory(dir.path).count == 2, "two temporary files")
        try b.commit()
        #expect(Self.text(path) == "from b")
        try a.commit()
        #expect(Self.text(path) == "from a")
        #expect(try FileSystem.listDirectory(dir.path) == ["out.txt"])
    }

    @Test func aFileInAMissingFolderCannotBeMade() throws {
        let dir = try TempDir()
        let error = #expect(throws: FileSystemError.self) { try AtomicFile(dir.path + "/none/out.txt") }
        #expect(error?.path == dir.path + "/none/out.txt")
        #expect(error?.reason == "No such file or directory")
    }

    @Test func writeAtomicallyWritesTheWholeText() throws {
        let dir = try TempDir()
        try FileSystem.writeAtomically("one", to: dir.path + "/a.txt")
        try FileSystem.writeAtomically("two", to: dir.path + "/a.txt")
        #expect(Self.text(dir.path + "/a.txt") == "two")
        #expect(try FileSystem.listDirectory(dir.path) == ["a.txt"])
    }
}
