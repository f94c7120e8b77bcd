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
/// catalogue: .tcpglint/catalogue.json   # a catalogue snapshot (catalogue build)
/// catalogue-max-age: 30                 # days before it is stale
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
    /// The catalogue snapshot's path, resolved against the config's folder.
    public let catalogue: String?
    public let catalogueMaxAge: Int?
    /// `unsafe-fixes: true`: `--fix` and `--diff` apply the unsafe fixes too, as with `--unsafe-fixes`.
    public let unsafeFixes: Bool?

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

    static let keys = [
        "root", "policies", "include", "exclude", "fail-level", "placeholders", "overrides", "suppressions",
        "catalogue", "catalogue-max-age", "unsafe-fixes",
    ]

    /// Reads a config file; `shownAs` is how messages name it.
    public static func load(_ path: String, shownAs: String? = nil) -> Result<Config, RuleFileErrors> {
        let name = shownAs ?? path
        let diags = Diagnostics()
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            return .failure(
                RuleFileErrors([
                    RuleFileError(RuleLocation(file: name, line: 1, column: 1), "cannot read the config: \(error)")
                ]))
        }
        guard let real = Paths.real(path) else {
            return .failure(
                RuleFileErrors([
                    RuleFileError(RuleLocation(file: name, line: 1, column: 1), "cannot resolve the config's folder")
                ]))
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
                diags.add(
                    p.location(atValueOffset: min(error.offset, text.utf8.count)),
                    "invalid regular expression: \(error.message) (at offset \(error.offset) of the pattern)")
            }
        }
        var overrides: [PathOverride] = []
        for item in o?["overrides"]?.list("overrides") ?? [] {
            guard let io = item.object("an override", allowed: ["files", "policies", "fail-level"]) else { continue }
            guard let files = globs(io.require("files"), "files") else { continue }
            overrides.append(
                PathOverride(files: files, policies: policies(io["policies"]), failLevel: severity(io["fail-level"])))
        }
        var suppressions: [ConfigSuppression] = []
        for item in o?["suppressions"]?.list("suppressions") ?? [] {
            guard let so = item.object("a suppression", allowed: ["files", "parameter", "rules", "reason"]) else {
                continue
            }
            guard let files = globs(so.require("files"), "files"), let rules = so.require("rules")?.strings("rules")
            else { continue }
            let parameter = so["parameter"]?.string("parameter") ?? "*"
            let reason = so["reason"]?.string("reason")
            suppressions.append(
                ConfigSuppression(
                    files: files, parameter: parameter, rules: rules, reason: reason, range: item.node.range))
        }
        let config = Config(
            path: name, directory: dir, root: o?["root"]?.bool("root") ?? false, policies: policies(o?["policies"]),
            include: globs(o?["include"], "include"), exclude: globs(o?["exclude"], "exclude") ?? [],
            failLevel: severity(o?["fail-level"]), placeholders: placeholders, overrides: overrides,
            suppressions: suppressions,
            catalogue: o?["catalogue"]?.string("catalogue").map { Paths.join(shownDir, $0) },
            catalogueMaxAge: days(o?["catalogue-max-age"]), unsafeFixes: o?["unsafe-fixes"]?.bool("unsafe-fixes"))
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return .success(config)
    }

    /// `catalogue-max-age`: a number of days from 0 up.
    static func days(_ v: Value?) -> Int? {
        guard let v, let n = v.int("catalogue-max-age") else { return nil }
        guard n >= 0 else {
            v.error("catalogue-max-age must be a number of days from 0 up, not \(n)")
            return nil
        }
        return n
    }

    /// `path` (canonical) relative to this config's folder, or nil when it is outside it.
    public func relative(_ canonicalPath: String) -> String? {
        Paths.relative(canonicalPath, to: directory)
    }
}
