import TcpglintSystem
import TcpglintTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files through POSIX calls: reading whole files, their faults and limits, listing folders,
/// what a path is.
@Suite struct FileSystemTests {
    @Test func readsARegularFileWhole() throws {
        let dir = try TempDir()
        let text = "{\"Name\": \"订单\"}\n" + String(repeating: "x", count: 200_000)
        try dir.write("a.json", text)
        #expect(try FileSystem.readFile(dir.path + "/a.json") == Array(text.utf8))
        try dir.write("empty.json", "")
        #expect(try FileSystem.readFile(dir.path + "/empty.json") == [])
    }

    @Test func aDirectoryIsRefusedWithItsReason() throws {
        let dir = try TempDir()
        let error = try #require(throws: FileSystemError.self) { try FileSystem.readFile(dir.path) }
        #expect(error.reason == "is a directory")
        #expect(error.path == dir.path)
        #expect(!error.tooLarge)
    }

    @Test func aMissingFileGivesTheSystemsReason() throws {
        let dir = try TempDir()
        let error = try #require(throws: FileSystemError.self) { try FileSystem.readFile(dir.path + "/missing.json") }
        #expect(error.reason == "No such file or directory")
        #expect(error.description == error.reason)
        #expect(error.path == dir.path + "/missing.json")
        #expect(!error.tooLarge)
    }

    @Test func aFileOverMaxBytesIsRefusedUnread() throws {
        let dir = try TempDir()
        try dir.write("ten.json", "0123456789")
        let error = try #require(throws: FileSystemError.self) {
            try FileSystem.readFile(dir.path + "/ten.json", maxBytes: 9)
        }
        #expect(error.tooLarge)
        #expect(error.reason == "the file is 10 bytes, over the --max-file-bytes limit of 9; it was not read")
        #expect(try FileSystem.readFile(dir.path + "/ten.json", maxBytes: 10) == Array("0123456789".utf8))
    }

    @Test func listDirectoryGivesEveryNameButDotAndDotDot() throws {
        let dir = try TempDir()
        try dir.write("b.yaml", "")
        try dir.write(".hidden", "")
        try dir.write("sub/c.json", "")
        #expect(try FileSystem.listDirectory(dir.path).sorted() == [".hidden", "b.yaml", "sub"])
        #expect(try FileSystem.listDirectory(dir.path + "/sub") == ["c.json"])
        let error = try #require(throws: FileSystemError.self) { try FileSystem.listDirectory(dir.path + "/none") }
        #expect(error.reason == "No such file or directory")
    }

    /// `readdir` sizes each entry to its name: a short name's entry is far shorter than
    /// `struct dirent`. Reading the name as a 256-byte field overran readdir's buffer at its
    /// end (AddressSanitizer saw it in a walk of 2,000 files). Thousands of short names, one of
    /// 225 bytes and a multi-byte one come back whole.
    @Test func listDirectoryReadsShortAndLongNamesInPlace() throws {
        let dir = try TempDir()
        let long = String(repeating: "n", count: 220) + ".yaml"
        var expected = [long, "ж.json"]
        for i in 0..<3_000 { expected.append(String(i)) }
        for name in expected { try dir.write(name, "") }
        #expect(try FileSystem.listDirectory(dir.path).sorted() == expected.sorted())
    }

    @Test func statusSaysWhatAPathIsAndWhyItCannotBeRead() throws {
        let dir = try TempDir()
        try dir.write("a.json", "{}")
        symlink("a.json", dir.path + "/link.json")
        symlink("gone.json", dir.path + "/dangling.json")
        symlink("loop-b", dir.path + "/loop-a")
        symlink("loop-a", dir.path + "/loop-b")
        mkfifo(dir.path + "/fifo", 0o644)
        #expect(FileSystem.status(dir.path + "/a.json") == (.regular, nil))
        #expect(FileSystem.status(dir.path + "/link.json") == (.regular, nil))
        #expect(FileSystem.status(dir.path) == (.directory, nil))
        #expect(FileSystem.status(dir.path + "/none") == (.missing, "no such file or directory"))
        #expect(
            FileSystem.status(dir.path + "/dangling.json") == (
                .missing, "a symbolic link to a file that does not exist"
            ))
        #expect(FileSystem.status(dir.path + "/loop-a") == (.missing, "a loop of symbolic links"))
        #expect(FileSystem.status(dir.path + "/fifo") == (.other, "a FIFO, not a regular file"))
        #expect(FileSystem.status("/dev/null") == (.other, "a device, not a regular file"))
        #expect(FileSystem.kind(dir.path + "/a.json") == .regular && FileSystem.kind(dir.path + "/none") == .missing)
        let error = try #require(throws: FileSystemError.self) { try FileSystem.readFile(dir.path + "/fifo") }
        #expect(error.reason == "is not a regular file")
    }

    @Test func identityIsTheSameThroughALink() throws {
        let dir = try TempDir()
        try dir.write("sub/a.json", "")
        symlink("sub", dir.path + "/link")
        let a = try #require(FileSystem.identity(dir.path + "/sub"))
        let b = try #require(FileSystem.identity(dir.path + "/link"))
        #expect(a == b)
        #expect(FileSystem.identity(dir.path) != nil && FileSystem.identity(dir.path)! != a)
        #expect(FileSystem.identity(dir.path + "/none") == nil)
    }

    @Test func writeToADescriptorWritesEverything() throws {
        let dir = try TempDir()
        let path = dir.path + "/out.txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        let text = String(repeating: "línea ✓\n", count: 50_000)
        try FileSystem.write(text, to: fd, name: path)
        close(fd)
        #expect(try FileSystem.readFile(path) == Array(text.utf8))
    }
}
