import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - .tcpglint.yaml

/// One `.tcpglint.yaml`:
///
/// ```yaml
/// root: true                       # stop looking in parent folders
/// policies: [policies/company.yaml]
/// include: ["**/*.json", "**/*.yaml"]
/// exclude: ["**/fixtures/**"]
/// fail-level: warning
/// placeholders: ['^\$\{[A-Z0-9_]+\}$']
/// overrides:
///   - files: ["prod/**"]
///     policies: [policies/prod.yaml]
///     fail-level: info
/// suppressions:
///   - files: ["legacy/*.json"]
///     parameter: AdminPassword
///     rules: [admin-password-short]
///     reason: rotated by vault
/// ```
/// Paths and globs are relative to the folder of the config file.
public struct Config: Sendable {
    /// The config's path as shown in messages.
    public let path: String
    /// The canonical folder of the config: globs match paths relative to it.
    public let directory: String
    public let root: Bool
    /// Policy paths, resolved against the config's folder.
    public let policies: [String]
    public let include: [Glob]?
    public let exclude: [Glob]
    public let failLevel: Severity?
    public let placeholders: [Regex]
    public let overrides: [PathOverride]
    public let suppressions: [ConfigSuppression]

    /// Settings for the files that match some globs.
    public struct PathOverride: Sendable {
        public let files: [Glob]
        public let policies: [String]
        public let failLevel: Severity?
    }

    /// A suppression for JSON files, which have no comments.
    public struct ConfigSuppression: Sendable {
        public let files: [Glob]
        public let parameter: String
        public let rules: [String]
        public let reason: String?
        public let range: SourceRange
    }

    static let keys = ["root", "policies", "include", "exclude", "fail-level", "placeholders", "overrides", "suppressions"]

    /// Reads a config file; `shownAs` is how messages name it.
    public static func load(_ path: String, shownAs: String? = nil) -> Result<Config, RuleFileErrors> {
        let name = shownAs ?? path
        let diags = Diagnostics()
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            return .failure(RuleFileErrors([RuleFileError(RuleLocation(file: name, line: 1, column: 1), "cannot read the config: \(error)")]))
        }
        guard let real = Paths.real(path) else {
            return .failure(RuleFileErrors([RuleFileError(RuleLocation(file: name, line: 1, column: 1), "cannot resolve the config's folder")]))
        }
        let dir = Paths.directory(of: real)
        let shownDir = Paths.directory(of: name)
        let loaded = InputReader.load(name: name, bytes: bytes, format: .yaml)
        for p in loaded.problems where p.diagnostic != .yaml11 {
            diags.add(RuleLocation(file: name, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        var o: Object?
        if let doc = loaded.documents.first, loaded.problems.allSatisfy({ $0.diagnostic == .yaml11 }) {
            o = Value(doc: doc, id: doc.root, diags: diags).object("the config", allowed: keys)
        }
        func globs(_ v: Value?, _ what: String) -> [Glob]? {
            v.flatMap { $0.strings(what) }?.map(Glob.init)
        }
        func severity(_ v: Value?) -> Severity? {
            guard let v, let name = v.string("fail-level") else { return nil }
            guard let s = Severity(name: name) else {
                v.error("fail-level must be error, warning or info, not \"\(name)\"")
                return nil
            }
            return s
        }
        func policies(_ v: Value?) -> [String] {
            (v.flatMap { $0.strings("policies") } ?? []).map { Paths.join(shownDir, $0) }
        }
        var placeholders: [Regex] = []
        for p in o?["placeholders"]?.list("placeholders") ?? [] {
            guard let text = p.string("a placeholder pattern") else { continue }
            do { placeholders.append(try Regex(text)) } catch {
                diags.add(p.location(atValueOffset: min(error.offset, text.utf8.count)),
                          "invalid regular expression: \(error.message) (at offset \(error.offset) of the pattern)")
            }
        }
        var overrides: [PathOverride] = []
        for item in o?["overrides"]?.list("overrides") ?? [] {
            guard let io = item.object("an override", allowed: ["files", "policies", "fail-level"]) else { continue }
            guard let files = globs(io.require("files"), "files") else { continue }
            overrides.append(PathOverride(files: files, policies: policies(io["policies"]), failLevel: severity(io["fail-level"])))
        }
        var suppressions: [ConfigSuppression] = []
        for item in o?["suppressions"]?.list("suppressions") ?? [] {
            guard let so = item.object("a suppression", allowed: ["files", "parameter", "rules", "reason"]) else { continue }
            guard let files = globs(so.require("files"), "files"), let rules = so.require("rules")?.strings("rules") else { continue }
            let parameter = so["parameter"]?.string("parameter") ?? "*"
            let reason = so["reason"]?.string("reason")
            suppressions.append(ConfigSuppression(files: files, parameter: parameter, rules: rules, reason: reason, range: item.node.range))
        }
        let config = Config(
            path: name, directory: dir, root: o?["root"]?.bool("root") ?? false, policies: policies(o?["policies"]),
            include: globs(o?["include"], "include"), exclude: globs(o?["exclude"], "exclude") ?? [],
            failLevel: severity(o?["fail-level"]), placeholders: placeholders, overrides: overrides, suppressions: suppressions)
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return .success(config)
    }

    /// `path` (canonical) relative to this config's folder, or nil when it is outside it.
    public func relative(_ canonicalPath: String) -> String? {
        Paths.relative(canonicalPath, to: directory)
    }
}

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
}

/// Finds the `.tcpglint.yaml` files that apply to a file: the nearest one in its folder or
/// above, and those above it up to one with `root: true`. With `--config`, only that one.
public final class ConfigResolver: @unchecked Sendable {
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
    public func settings(forFile path: String, cliPolicies: [String], cliFailLevel: Severity?) -> FileSettings {
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
                for s in c.suppressions where s.files.contains(where: { $0.matches(rel) }) { suppressions.append((c.path, s)) }
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
        return FileSettings(policies: policies.isEmpty ? cliPolicies : policies + cliPolicies, failLevel: failLevel, placeholders: placeholders,
                            suppressions: suppressions, excluded: excluded)
    }
}
