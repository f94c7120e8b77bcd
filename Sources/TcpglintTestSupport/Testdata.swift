import TcpglintSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The package root, found from this file's path; the working directory is set to it, so that
/// file names in the output are the short, relative ones.
public let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(3) // Sources/TcpglintTestSupport/Testdata.swift
    let root = parts.joined(separator: "/")
    FileSystem.changeDirectory(root)
    return root
}()

/// A file's text, relative to the package root, or nil when it cannot be read.
public func readText(_ path: String) -> String? {
    _ = packageRoot
    return (try? FileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) }
}

/// Writes a test file (a golden, a scratch request) atomically, replacing what was there and
/// making its folders; false when it cannot be written.
@discardableResult
public func writeText(_ path: String, _ text: String) -> Bool {
    _ = packageRoot
    FileSystem.makeDirectories(Paths.directory(of: path))
    return (try? FileSystem.writeAtomically(text, to: path)) != nil
}

/// The files of a testdata folder with one of the given extensions, sorted. Hidden files (a
/// folder's `.tcpglint.yaml`) are skipped, as a walk of the folder skips them.
public func testdataFiles(_ folder: String, extensions: [String] = [".json", ".yaml", ".yml"]) -> [String] {
    _ = packageRoot
    let names = (try? FileSystem.listDirectory(folder)) ?? []
    let files = names.filter { n in !n.hasPrefix(".") && extensions.contains { n.hasSuffix($0) } }
    return files.sorted().map { folder + "/" + $0 }
}

/// The path with its extension replaced by `.out`.
public func goldenPath(_ path: String) -> String {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + ".out" }
    return String(path[..<dot]) + ".out"
}
