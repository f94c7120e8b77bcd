import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The built binary as a real process: exit statuses, stdout and stderr.
@Suite struct EndToEndTests {
    /// `tcpglint`, built beside the test bundle.
    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("tcpglint").path
    }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ args: [String], executable: String = binary, cwd: String? = nil, stdin: String? = nil) throws
        -> Result
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? packageRoot)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
            err: String(decoding: e, as: UTF8.self))
    }

    @Test func theBinaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "\(Self.binary) was not built")
    }

    @Test func findingsExitWith1AndPrintTheGolden() throws {
        let r = try Self.run(["testdata/invalid/reference-example3-multi-az.json"])
        #expect(r.status == 1)
        #expect(r.err == "")
        #expect(r.out == readText("testdata/invalid/reference-example3-multi-az.out"))
    }

    @Test func cleanFilesExitWith0() throws {
        let r = try Self.run(["lint", "testdata/valid"])
        #expect(r.status == 0)
        #expect(
            r.out.hasSuffix(
                "infos in \(testdataFiles("testdata/valid").count) of \(testdataFiles("testdata/valid").count) files\n"),
            "only the placeholder notes")
    }

    @Test func usageErrorsExitWith2() throws {
        let r = try Self.run(["lint", "--fail-level", "fatal", "x.json"])
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err.contains("--fail-level"))
    }

    @Test func unreadablePathsExitWith3() throws {
        let r = try Self.run(["lint", "testdata/does-not-exist.yaml", "testdata/valid"])
        #expect(r.status == 3)
        #expect(
            r.out.hasPrefix(
                "testdata/does-not-exist.yaml:1:1: error: no such file or directory [Tcpglint.IOError] (io-error)\n"),
            "\(r.out)")
    }

    @Test func standardInputIsRead() throws {
        let text = readText("testdata/cli/mixed.yaml") ?? ""
        let r = try Self.run(["lint", "--stdin-filename", "orders.yaml", "-"], stdin: text)
        #expect(r.status == 1)
        #expect(r.out.hasPrefix("orders.yaml:8:10: error: Charset \"utf8\" is not supported"))
    }

    /// The built-in pack is embedded: a copy of the binary run from another folder still has it.
    @Test func aCopiedBinaryCarriesTheBuiltInPack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tcpglint-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("tcpglint").path
        try FileManager.default.copyItem(atPath: Self.binary, toPath: copy)
        try "{\"Charset\": \"utf8\"}".write(
            toFile: dir.appendingPathComponent("r.json").path, atomically: true, encoding: .utf8)
        let r = try Self.run(["lint", "r.json"], executable: copy, cwd: dir.path)
        #expect(r.status == 1)
        #expect(
            r.out.contains(
                "r.json:1:13: error: Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"? [InvalidParameterValue.InvalidCharset] (charset)\n"
            ))
        let rules = try Self.run(["rules"], executable: copy, cwd: dir.path)
        #expect(rules.status == 0 && rules.out.contains("charset "))
    }
}
