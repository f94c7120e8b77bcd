import TcpglintCore
import TcpglintInput

// MARK: - Loading a rule pack

/// Loads rule files into a compiled `RuleSet`. A fault anywhere is an error with its
/// file:line:col; nothing is skipped in silence.
public enum RulePackLoader {
    /// The keys a rule file may have at its top level.
    static let fileKeys = ["references", "model", "example-base", "rules", "definitions"]
    /// The keys a rule may have.
    static let ruleKeys = [
        "id", "code", "severity", "summary", "description", "message", "target", "extract", "when", "check",
        "source", "examples", "note",
    ]

    /// The files of the pack compiled into the binary from `rules/`, named `rules/NAME`.
    public static var builtInFiles: [(name: String, bytes: [UInt8])] {
        EmbeddedRulePack.files.map { (name: "rules/" + $0.name, bytes: Array($0.text.utf8)) }
    }

    /// The pack compiled into the binary from `rules/`.
    public static func builtIn(limits: Regex.Limits = .default) -> Result<RuleSet, RuleFileErrors> {
        load(files: builtInFiles, limits: limits)
    }

    /// Loads the `*.yaml` and `*.yml` files of a directory, in name order.
    public static func load(directory: String, limits: Regex.Limits = .default) -> Result<RuleSet, RuleFileErrors> {
        let names: [String]
        do {
            names = try FileSystem.listDirectory(directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            return .failure(RuleFileErrors([RuleFileError(RuleLocation(file: directory, line: 1, column: 1), "cannot read the rule directory: \(error)")]))
        }
        var files: [(name: String, bytes: [UInt8])] = []
        var errors: [RuleFileError] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for n in names {
            do { files.append((prefix + n, try FileSystem.readFile(prefix + n))) } catch {
                errors.append(RuleFileError(RuleLocation(file: prefix + n, line: 1, column: 1), "cannot read the rule file: \(error)"))
            }
        }
        if files.isEmpty && errors.isEmpty {
            errors.append(RuleFileError(RuleLocation(file: directory, line: 1, column: 1), "the rule directory holds no .yaml file"))
        }
        if !errors.isEmpty { return .failure(RuleFileErrors(errors)) }
        return load(files: files, limits: limits)
    }

    /// Loads rule files given as names and bytes.
    public static func load(files: [(name: String, bytes: [UInt8])], limits: Regex.Limits = .default) -> Result<RuleSet, RuleFileErrors> {
        let diags = Diagnostics()
        var roots: [Object] = []
        for f in files {
            let loaded = InputReader.load(name: f.name, bytes: f.bytes, format: .yaml)
            for p in loaded.problems where p.diagnostic != .yaml11 {
                diags.add(RuleLocation(file: f.name, line: p.range.start.line, column: p.range.start.column), p.message)
            }
            guard loaded.problems.allSatisfy({ $0.diagnostic == .yaml11 }) else { continue }
            if loaded.documents.count > 1 {
                let d = loaded.documents[1]
                diags.add(RuleLocation(file: f.name, line: d[d.root].range.start.line, column: 1), "a rule file holds one YAML document")
            }
            guard let doc = loaded.documents.first else { continue }
            let v = Value(doc: doc, id: doc.root, diags: diags)
            if let o = v.object("a rule file", allowed: fileKeys) { roots.append(o) }
        }

        // References, the model and the example base.
        var references: [String: SourceReference] = [:]
        var model: APIModel?
        var modelSite: Value?
        var base: Value?
        for o in roots {
            if let r = o["references"], let ro = r.object("references", allowed: r.doc.entries(of: r.id).map { r.doc[$0.key].value }) {
                for (k, val) in ro.entries {
                    let key = k.node.value
                    if references[key] != nil { k.error("reference \(key) is defined twice") }
                    let title: String?
                    if val.isMapping {
                        title = val.object("reference \(key)", allowed: ["title"])?.require("title")?.string("title")
                    } else {
                        title = val.string("reference \(key)")
                    }
                    references[key] = SourceReference(key: key, title: title ?? "")
                }
            }
            if let m = o["model"] {
                if let first = modelSite {
                    m.error("a second model; the pack's model is at \(first.location)")
                } else {
                    modelSite = m
                    model = ModelLoader.load(m)
                }
            }
            if let b = o["example-base"] {
                if base != nil { b.error("a second example-base") } else if b.isMapping { base = b } else { b.error("example-base must be a mapping") }
            }
        }
        guard let model else {
            if modelSite == nil {
                diags.add(RuleLocation(file: files.first?.name ?? "rules", line: 1, column: 1), "the rule pack has no model section")
            }
            return .failure(RuleFileErrors(diags.errors))
        }

        // Rules.
        let compiler = RuleCompiler(model: model, references: references, base: base, limits: limits, diags: diags)
        var rules: [Rule] = []
        var ids: [String: RuleLocation] = [:]
        for d in Diagnostic.all { ids[d.id] = RuleLocation(file: "tcpglint", line: 0, column: 0) }
        for o in roots {
            guard let list = o["rules"]?.list("rules") else { continue }
            for item in list {
                guard let rule = compiler.compile(item) else { continue }
                if let first = ids[rule.id] {
                    let whereFirst = first.line == 0 ? "a built-in diagnostic" : "\(first)"
                    item.error("duplicate rule id \"\(rule.id)\"; already used by \(whereFirst)")
                    continue
                }
                ids[rule.id] = rule.location
                rules.append(rule)
            }
        }
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return .success(RuleSet(model: model, rules: rules, references: references, limits: limits))
    }
}
