import TcpglintCore
import TcpglintInput
import TcpglintSystem

/// Reads a baseline written by `--write-baseline`:
///
/// ```json
/// {
///   "version": 1,
///   "entries": [
///     {"file": "requests/a.json", "parameter": "Storage", "rule": "quoted-literal", "count": 1}
///   ]
/// }
/// ```
public enum BaselineFile {
    public static func read(_ path: String) -> Result<Baseline, RuleFileErrors> {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            return .failure(
                RuleFileErrors([
                    RuleFileError(RuleLocation(file: path, line: 1, column: 1), "cannot read the baseline: \(error)")
                ]))
        }
        let diags = Diagnostics()
        let loaded = InputReader.load(name: path, bytes: bytes, format: .json)
        for p in loaded.problems {
            diags.add(RuleLocation(file: path, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        var entries: [Baseline.Entry] = []
        var seen: [Baseline.Key: RuleLocation] = [:]
        if let doc = loaded.documents.first, loaded.problems.isEmpty,
            let o = Value(doc: doc, id: doc.root, diags: diags).object("the baseline", allowed: ["version", "entries"])
        {
            if let v = o.require("version"), let n = v.int("version"), n != 1 {
                v.error("baseline version \(n) is not supported (this tcpglint writes version 1)")
            }
            for item in o.require("entries")?.list("entries") ?? [] {
                guard let e = item.object("an entry", allowed: ["file", "parameter", "rule", "count"]),
                    let file = e.require("file")?.string("file"),
                    let parameter = e.require("parameter")?.string("parameter"),
                    let rule = e.require("rule")?.string("rule")
                else { continue }
                let count = e["count"]?.int("count") ?? 1
                if count < 1 || count > 1_000_000 {
                    e["count"]?.error("count must be from 1 to 1000000, not \(count)")
                    continue
                }
                let key = Baseline.Key(file: file, parameter: parameter, rule: rule)
                if let first = seen[key] {
                    item.error(
                        "a second entry for \(rule) at \(parameter) in \(file); the first is at line \(first.line), column \(first.column)"
                    )
                    continue
                }
                seen[key] = item.location
                entries.append(Baseline.Entry(key: key, count: count, range: item.node.range))
            }
        }
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return .success(Baseline(name: path, entries: entries))
    }
}
/// Writes a baseline: one entry per line, sorted, so that it diffs well and shrinks visibly.
public enum BaselineWriter {
    public static func render(_ entries: [Baseline.Entry]) -> String {
        var out = "{\n  \"version\": 1,\n  \"entries\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"file\": \(JSON.string(e.key.file)), \"parameter\": \(JSON.string(e.key.parameter)), "
            out += "\"rule\": \(JSON.string(e.key.rule)), \"count\": \(e.count)}"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
