import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The built binary writing to standard output that fails: `/dev/full`, and a pipe closed by its
/// reader (`| head -1`). Run through bash, with SIGPIPE back to its default (`env
/// --default-signal`), as a shell runs it: the binary must ignore it itself.
@Suite struct FailedWriteEndToEndTests {
    static func bash(_ script: String) throws -> EndToEndTests.Result {
        try EndToEndTests.run(["-c", script], executable: "/bin/bash")
    }

    static let tcpglint = "env --default-signal=PIPE '\(EndToEndTests.binary)'"

    @Test func standardOutputOnAFullDiskIsStatus3() throws {
        let r = try Self.bash("\(Self.tcpglint) lint testdata/invalid > /dev/full")
        #expect(r.status == 3)
        #expect(r.err == "tcpglint: cannot write standard output: No space left on device\n")
    }

    /// `| head -1` on far more than a pipe holds: one line out, status 3, nothing on standard
    /// error, no death by SIGPIPE (bash would give 141), and the run stops soon.
    @Test func aClosedPipeEndsTheRunQuietlyWithStatus3() throws {
        let dir = try TempDir()
        let request = try #require(readText("testdata/invalid/action.yaml"))
        for i in 0..<2000 { try dir.write("f\(i).yaml", request) }
        let r = try Self.bash(
            "\(Self.tcpglint) lint --jobs 2 '\(dir.path)' | head -1; echo \"status ${PIPESTATUS[0]}\"")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2, "\(r.out)")
        #expect(lines.last == "status 3")
        #expect(r.err == "")
    }

    /// The same with a single long YAML stream (linted in pieces as it is read).
    @Test func aClosedPipeStopsALongStream() throws {
        let dir = try TempDir()
        let request = try #require(readText("testdata/invalid/action.yaml"))
        let stream = Array(repeating: request, count: 3000).joined(separator: "\n---\n")
        try dir.write("stream.yaml", stream)
        let r = try Self.bash(
            "\(Self.tcpglint) lint '\(dir.path)/stream.yaml' | head -1; echo \"status ${PIPESTATUS[0]}\"")
        #expect(r.out.split(separator: "\n").last == "status 3", "\(r.out)")
        #expect(r.err == "")
    }
}
