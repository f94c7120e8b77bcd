import TcpglintCore
import TcpglintInput

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - The pack built into the binary

/// The built-in pack: the files of `rules/` embedded by the EmbedRulePack build plugin
/// (`EmbeddedRulePack`), each with its document as parsed at build time (DocumentCoding, in
/// Base64), which is read back instead of parsing the text again; and the load of the whole
/// pack ahead of time (`BuiltInPrefetch`).
extension RulePackLoader {
    /// The files of the pack compiled into the binary from `rules/`, named `rules/NAME`.
    public static var builtInFiles: [(name: String, bytes: [UInt8])] {
        EmbeddedRulePack.files.filter { !$0.name.hasSuffix(".json") }.map {
            (name: "rules/" + $0.name, bytes: Array($0.text.utf8))
        }
    }

    /// The other files of `rules/` (the example catalogue), by name, for rule files to refer to.
    static var builtInResources: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for f in EmbeddedRulePack.files where f.name.hasSuffix(".json") { out["rules/" + f.name] = Array(f.text.utf8) }
        return out
    }

    /// The built-in files parsed at build time, by name, with the text they were parsed from.
    static let builtInParsed: [String: (text: String, parsed: String)] = {
        var out: [String: (text: String, parsed: String)] = [:]
        for f in EmbeddedRulePack.files where !f.parsed.isEmpty { out["rules/" + f.name] = (f.text, f.parsed) }
        return out
    }()

    /// The document of a built-in file as parsed at build time, when these bytes are that
    /// file's (a rules directory may hold files of the same name with other text).
    static func prebuilt(name: String, bytes: [UInt8]) -> Document? {
        guard let entry = builtInParsed[name], entry.text.utf8.count == bytes.count else { return nil }
        var text = entry.text
        let same = text.withUTF8 { t in
            bytes.withUnsafeBufferPointer { b in
                t.count == b.count && (t.isEmpty || memcmp(t.baseAddress!, b.baseAddress!, t.count) == 0)
            }
        }
        guard same, let raw = Base64.decode(entry.parsed) else { return nil }
        return DocumentCoding.decode(raw, source: SourceFile(name: name, bytes: bytes))
    }

    /// The pack compiled into the binary from `rules/`.
    public static func builtIn(limits: Regex.Limits = .default) -> Result<RuleSet, RuleFileErrors> {
        loadPack(files: builtInFiles, limits: limits, resources: builtInResources).map(\.ruleSet)
    }

    /// Starts loading the built-in pack (with the default regex limits) on another thread, for
    /// `loadPack(directory: nil)` to take when it is called.
    public static func prefetchBuiltIn() {
        BuiltInPrefetch.shared.start()
    }

    /// The built-in pack with its example base: the prefetched one when a prefetch was started
    /// and `limits` are the default ones, else loaded now.
    static func loadBuiltIn(limits: Regex.Limits) -> Result<RulePack, RuleFileErrors> {
        if limits.match == Regex.Limits.default.match, limits.depth == Regex.Limits.default.depth,
            limits.heapKiB == Regex.Limits.default.heapKiB, let prefetched = BuiltInPrefetch.shared.take()
        {
            return prefetched
        }
        return loadPack(files: builtInFiles, limits: limits, resources: builtInResources)
    }
}
