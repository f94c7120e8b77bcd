#if canImport(Glibc)
import Glibc
#endif
import Testing
import TcpglintCLI
import TcpglintInput

/// The package root, found from this file's path; tests run with it as the working directory so
/// that file names in the output are the short, relative ones.
let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(3) // Tests/TcpglintCLITests/Support.swift
    let root = parts.joined(separator: "/")
    _ = chdir(root)
    return root
}()

/// Whether goldens are being rewritten (`TCPGLINT_UPDATE_GOLDENS=1 swift test`).
let updatingGoldens = getenv("TCPGLINT_UPDATE_GOLDENS").map { String(cString: $0) == "1" } ?? false

/// The result of one in-process run of the CLI.
struct RunResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs the CLI in-process with standard input `stdin`, an environment and a terminal or not.
func runCLI(_ args: [String], stdin: String = "", environment: [String: String] = [:], terminal: Bool = false) -> RunResult {
    _ = packageRoot
    final class Box: @unchecked Sendable { var out = ""; var err = "" }
    let box = Box()
    let console = Console(readStandardInput: { _ in Array(stdin.utf8) }, out: { box.out += $0 }, err: { box.err += $0 },
                          environment: environment, isTerminal: terminal)
    let status = CLI.run(args, console: console)
    return RunResult(status: status, out: box.out, err: box.err)
}

func readText(_ path: String) -> String? {
    _ = packageRoot
    return (try? FileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) }
}

func writeText(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    FileSystem.write(text, to: fd)
    close(fd)
}

/// Compares `actual` with the golden file; in update mode rewrites it and fails the test, so a
/// golden is never accepted silently.
func expectGolden(_ actual: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = readText(path)
    if updatingGoldens {
        if expected != actual {
            writeText(path, actual)
            Issue.record("Recorded a new golden at \(path); review it and run the tests again", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected else {
        Issue.record("Missing golden \(path); run with TCPGLINT_UPDATE_GOLDENS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "golden \(path) differs", sourceLocation: sourceLocation)
}

/// The files of a testdata folder with one of the given extensions, sorted.
func testdataFiles(_ folder: String, extensions: [String] = [".json", ".yaml", ".yml"]) -> [String] {
    _ = packageRoot
    let names = (try? FileSystem.listDirectory(folder)) ?? []
    return names.filter { n in extensions.contains { n.hasSuffix($0) } }.sorted().map { folder + "/" + $0 }
}

/// The path with its extension replaced by `.out`.
func goldenPath(_ path: String) -> String {
    guard let dot = path.lastIndex(of: ".") else { return path + ".out" }
    return String(path[..<dot]) + ".out"
}
