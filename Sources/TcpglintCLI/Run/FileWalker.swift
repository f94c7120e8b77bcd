import TcpglintCore
import TcpglintInput
import TcpglintRules
import TcpglintSystem

/// One input to lint.
struct InputEntry {
    /// The path to open.
    let path: String
    /// The name findings show: the path as given, joined with the names found under it.
    let name: String
    let isStandardInput: Bool
    /// Found by walking a folder (config include/exclude apply), not named on the command line.
    var walked = false
}

/// Turns the command line's paths into files: directories are walked recursively in name order,
/// skipping hidden entries (which files of a folder are linted is the config's include/exclude,
/// by default `*.json`, `*.yaml` and `*.yml`); a file given by name is linted whatever its
/// extension; `-` is standard input. Paths that cannot be read become findings.
enum FileWalker {
    static func collect(_ paths: [String]) -> (files: [InputEntry], problems: [Finding]) {
        var files: [InputEntry] = []
        var problems: [Finding] = []
        var seen = Set<String>()
        for p in paths {
            if p == "-" {
                if seen.insert("-").inserted { files.append(InputEntry(path: "-", name: "-", isStandardInput: true)) }
                continue
            }
            let (kind, reason) = FileSystem.status(p)
            switch kind {
            case .regular:
                if seen.insert(p).inserted { files.append(InputEntry(path: p, name: p, isStandardInput: false)) }
            case .directory:
                var visited = Set<String>()
                walk(p, display: p, files: &files, problems: &problems, seen: &seen, visited: &visited)
            case .other, .missing:
                problems.append(ioFinding(p, reason ?? "cannot be read"))
            }
        }
        return (files, problems)
    }

    static func walk(
        _ dir: String, display: String, files: inout [InputEntry], problems: inout [Finding],
        seen: inout Set<String>, visited: inout Set<String>
    ) {
        if let (dev, ino) = FileSystem.identity(dir), !visited.insert("\(dev):\(ino)").inserted { return }
        let names: [String]
        do { names = try FileSystem.listDirectory(dir).sorted { $0.utf8Precedes($1) } } catch {
            problems.append(ioFinding(display, "cannot read the directory: \(error)"))
            return
        }
        // A raw catalogue (saved responses and their manifest) holds no requests.
        if names.contains(CatalogueBuilder.manifestName), isCatalogueManifest(join(dir, CatalogueBuilder.manifestName))
        {
            return
        }
        for n in names where !n.hasPrefix(".") {
            let path = join(dir, n)
            let shown = display == dir ? path : join(display, n)
            let (kind, reason) = FileSystem.status(path)
            switch kind {
            case .directory:
                walk(path, display: shown, files: &files, problems: &problems, seen: &seen, visited: &visited)
            case .regular:
                if seen.insert(path).inserted {
                    files.append(InputEntry(path: path, name: shown, isStandardInput: false, walked: true))
                }
            case .other, .missing:
                // A request-looking name that cannot be read (a FIFO, a dangling link, a link
                // loop, a file gone since the listing) is reported, never opened or skipped unseen.
                let lower = n.lowercased()
                if [".json", ".yaml", ".yml"].contains(where: { lower.hasSuffix($0) }) {
                    problems.append(ioFinding(shown, reason ?? "cannot be read"))
                }
            }
        }
    }

    /// Whether a `manifest.yaml` is a raw catalogue's: a mapping with `files` and `captured`.
    static func isCatalogueManifest(_ path: String) -> Bool {
        guard let bytes = try? FileSystem.readFile(path, maxBytes: 1 << 24) else { return false }
        let loaded = InputReader.load(name: path, bytes: bytes, format: .yaml)
        guard let d = loaded.documents.first, d[d.root].kind == .mapping else { return false }
        return d.lookup("files", in: d.root) != nil && d.lookup("captured", in: d.root) != nil
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }

    static func ioFinding(_ name: String, _ message: String) -> Finding {
        let d = Diagnostic.ioError
        return Finding(
            file: name, range: SourceRange(at: .start), severity: d.severity, code: d.code, rule: d.id,
            path: .root, message: message)
    }
}
