import TcpglintCore
import TcpglintSystem

// MARK: - Discovery and precedence

/// What applies to one linted file, from its configs and the command line.
public struct FileSettings: Sendable {
    /// Policy paths, in the order they apply (later ones override earlier ones).
    public var policies: [String]
    /// The fail level, when a config or the command line sets one.
    public var failLevel: Severity?
    public var placeholders: [Regex]
    /// Config suppressions that match the file, with the config that holds each.
    public var suppressions: [(config: String, suppression: Config.ConfigSuppression)]
    /// Whether a walked file is left out by `include`/`exclude`.
    public var excluded: Bool
    /// The catalogue snapshot for the file: the command line's, else the nearest config's.
    public var catalogue: String? = nil
    /// Its maximum age in days: the command line's, else the nearest config's that sets one.
    public var catalogueMaxAge: Int? = nil
    /// Whether `--fix` applies unsafe fixes: the nearest config's `unsafe-fixes` that says.
    public var unsafeFixes: Bool = false
}

/// Finds the `.tcpglint.yaml` files that apply to a file: the nearest one in its folder or
/// above, and those above it up to one with `root: true`. With `--config`, only that one.
///
/// Not `Sendable`: it caches what it has found (configs by folder, canonical folders, errors)
/// in plain mutable state without a lock, and is meant for one thread. The CLI resolves the
/// settings of every file on the main thread, before the files are linted in parallel, and
/// hands the linting threads only the resulting `FileSettings` (which are `Sendable`).
public final class ConfigResolver {
    public static let fileName = ".tcpglint.yaml"
    /// The placeholder every config has: `${NAME}`, as shells and most pipelines write it.
    public static let defaultPlaceholder = try! Regex("^\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}$")
    static let defaultPlaceholders = [defaultPlaceholder]
    /// Whether a path ends in `.json`, `.yaml` or `.yml` in any case (what `defaultInclude`
    /// matches), looked at byte by byte.
    static func hasDefaultExtension(_ path: String) -> Bool {
        let u = Array(path.utf8.suffix(5)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func ends(_ s: String) -> Bool { u.count >= s.utf8.count && u.suffix(s.utf8.count).elementsEqual(s.utf8) }
        return ends(".json") || ends(".yaml") || ends(".yml")
    }

    /// The default files a walked folder yields.
    public static let defaultInclude = [Glob("*.json"), Glob("*.yaml"), Glob("*.yml")]

    private let explicit: Config?
    private let cwd = Paths.current
    private var cache: [String: [Config]] = [:]
    /// A directory as written → its canonical path (one `realpath` per directory, not per file).
    private var directories: [String: String] = [:]
    public private(set) var errors: [RuleFileError] = []

    /// `configPath` is `--config`; nil for discovery.
    public init(configPath: String?) throws(RuleFileErrors) {
        if let configPath {
            switch Config.load(configPath) {
            case .success(let c): explicit = c
            case .failure(let e): throw e
            }
        } else {
            explicit = nil
        }
    }

    /// The configs for a file, nearest first. Errors in a config are collected in `errors`.
    public func chain(forFile path: String) -> [Config] {
        if let explicit { return [explicit] }
        let written = Paths.directory(of: path)
        if let known = directories[written] { return chain(forDirectory: known) }
        let dir = Paths.real(written) ?? Paths.normalize(Paths.join(cwd, written))
        directories[written] = dir
        return chain(forDirectory: dir)
    }

    private func chain(forDirectory dir: String) -> [Config] {
        if let cached = cache[dir] { return cached }
        var result: [Config] = []
        let candidate = dir == "/" ? "/" + ConfigResolver.fileName : dir + "/" + ConfigResolver.fileName
        var stop = false
        if FileSystem.kind(candidate) == .regular {
            let shown = Paths.display(candidate, from: cwd)
            switch Config.load(candidate, shownAs: shown) {
            case .success(let c):
                result.append(c)
                stop = c.root
            case .failure(let e):
                errors += e.errors
                stop = true
            }
        }
        if !stop, dir != "/" {
            result += chain(forDirectory: Paths.directory(of: dir))
        }
        cache[dir] = result
        return result
    }

    /// The settings for a file: see the README's precedence rules.
    public func settings(
        forFile path: String, cliPolicies: [String], cliFailLevel: Severity?, cliCatalogue: String? = nil,
        cliCatalogueMaxAge: Int? = nil
    ) -> FileSettings {
        let configs = chain(forFile: path)
        // Resolved only when a config's globs need it (a system call per file otherwise).
        let canonical = configs.isEmpty ? path : Paths.real(path) ?? Paths.join(cwd, path)
        var policies: [String] = []
        var placeholders = ConfigResolver.defaultPlaceholders // shared until a config adds one
        var suppressions: [(String, Config.ConfigSuppression)] = []
        var excluded = false
        var includeDecided = false
        var failLevel = cliFailLevel
        for c in configs.reversed() {
            let rel = c.relative(canonical)
            policies += c.policies
            for o in c.overrides where rel.map({ r in o.files.contains { $0.matches(r) } }) ?? false {
                policies += o.policies
            }
            placeholders += c.placeholders
            if let rel {
                for s in c.suppressions where s.files.contains(where: { $0.matches(rel) }) {
                    suppressions.append((c.path, s))
                }
                if c.exclude.contains(where: { $0.matches(rel) }) { excluded = true }
            }
        }
        for c in configs {
            let rel = c.relative(canonical)
            if failLevel == nil {
                let matching = c.overrides.filter { o in rel.map { r in o.files.contains { $0.matches(r) } } ?? false }
                failLevel = matching.last(where: { $0.failLevel != nil })?.failLevel ?? c.failLevel
            }
            if !includeDecided, let include = c.include {
                includeDecided = true
                if let rel, !include.contains(where: { $0.matches(rel) }) { excluded = true }
            }
        }
        if !includeDecided, !ConfigResolver.hasDefaultExtension(path) {
            let name = Paths.baseName(path)
            if !ConfigResolver.defaultInclude.contains(where: { $0.matches(name.lowercased()) }) { excluded = true }
        }
        return FileSettings(
            policies: policies.isEmpty ? cliPolicies : policies + cliPolicies, failLevel: failLevel,
            placeholders: placeholders,
            suppressions: suppressions, excluded: excluded,
            catalogue: cliCatalogue ?? configs.first(where: { $0.catalogue != nil })?.catalogue,
            catalogueMaxAge: cliCatalogueMaxAge ?? configs.first(where: { $0.catalogueMaxAge != nil })?.catalogueMaxAge,
            unsafeFixes: configs.first(where: { $0.unsafeFixes != nil })?.unsafeFixes ?? false)
    }
}
