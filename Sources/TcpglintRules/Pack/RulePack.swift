import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - Loading a rule pack

/// A compiled pack: its rule set and the request its examples are merged over.
public struct RulePack: Sendable {
    public let ruleSet: RuleSet
    /// The pack's `example-base` mapping, which policies' examples are merged over too.
    let exampleBase: (document: Document, node: NodeID)?
    /// The pack's `example-catalogue`, which policies' catalogue rules use unless they name one.
    var exampleCatalogue: (@Sendable () -> Catalogue?)? = nil
}

/// Loads rule files into a compiled `RuleSet`. A fault anywhere is an error with its
/// file:line:col; nothing is skipped in silence. The pack built into the binary is in
/// BuiltIn/ (`builtIn()`, `builtInFiles`, the prefetch and the documents parsed at build time).
public enum RulePackLoader {
    /// The keys a pack file may have at its top level.
    static let fileKeys = ["references", "model", "example-base", "example-catalogue", "rules", "definitions"]
    /// The keys a rule may have.
    static let ruleKeys = [
        "id", "code", "severity", "summary", "description", "message", "target", "extract", "when", "check",
        "source", "examples", "note", "suppressible", "yields-to-catalogue", "requires", "fixable",
    ]

    /// Loads rule files given as names and bytes.
    public static func load(files: [(name: String, bytes: [UInt8])], limits: Regex.Limits = .default) -> Result<
        RuleSet, RuleFileErrors
    > {
        loadPack(files: files, limits: limits).map(\.ruleSet)
    }

    /// The built-in pack, or the pack in `directory` (its `*.yaml` and `*.yml` files in name
    /// order), with its example base for policies.
    public static func loadPack(directory: String?, limits: Regex.Limits = .default) -> Result<RulePack, RuleFileErrors>
    {
        guard let directory else { return loadBuiltIn(limits: limits) }
        let names: [String]
        do {
            names = try FileSystem.listDirectory(directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
        } catch {
            return .failure(
                RuleFileErrors([
                    RuleFileError(
                        RuleLocation(file: directory, line: 1, column: 1), "cannot read the rule directory: \(error)")
                ]))
        }
        var files: [(name: String, bytes: [UInt8])] = []
        var errors: [RuleFileError] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for n in names {
            do { files.append((prefix + n, try FileSystem.readFile(prefix + n))) } catch {
                errors.append(
                    RuleFileError(
                        RuleLocation(file: prefix + n, line: 1, column: 1), "cannot read the rule file: \(error)"))
            }
        }
        if files.isEmpty && errors.isEmpty {
            errors.append(
                RuleFileError(
                    RuleLocation(file: directory, line: 1, column: 1), "the rule directory holds no .yaml file"))
        }
        if !errors.isEmpty { return .failure(RuleFileErrors(errors)) }
        return loadPack(files: files, limits: limits)
    }

    static func loadPack(
        files: [(name: String, bytes: [UInt8])], limits: Regex.Limits, resources: [String: [UInt8]] = [:]
    ) -> Result<RulePack, RuleFileErrors> {
        let diags = Diagnostics()
        // Files are parsed, and their rules compiled, at once: each file reports to its own
        // Diagnostics (its values carry it), and the errors are gathered, in file order, at the end.
        let fileDiags = files.map { _ in Diagnostics() }
        let largestFirst = files.indices.sorted { files[$0].bytes.count > files[$1].bytes.count }
        let parsed = Concurrent.map(count: files.count, order: largestFirst) { i in
            parseFile(name: files[i].name, bytes: files[i].bytes, allowed: fileKeys, diags: fileDiags[i])
        }
        let roots = parsed.compactMap { $0 }
        func errors() -> [RuleFileError] { fileDiags.flatMap(\.errors) + diags.errors }

        // References, the model and the example base.
        var references: [String: SourceReference] = [:]
        var model: APIModel?
        var modelSite: Value?
        var commonCodesSource: Value?
        var base: Value?
        let exampleCatalogue = packExampleCatalogue(roots, resources: resources)
        for o in roots {
            readReferences(o, into: &references, inPack: true)
            if let m = o["model"] {
                if let first = modelSite {
                    m.error("a second model; the pack's model is at \(first.location)")
                } else {
                    modelSite = m
                    if let loaded = ModelLoader.load(m) {
                        model = loaded.model
                        commonCodesSource = loaded.commonCodesSource
                    }
                }
            }
            if let b = o["example-base"] {
                if base != nil {
                    b.error("a second example-base")
                } else if b.isMapping {
                    base = b
                } else {
                    b.error("example-base must be a mapping")
                }
            }
        }
        if let site = commonCodesSource, let ref = model?.commonCodesSource {
            checkReference(ref, at: site, in: references)
        }
        guard let model else {
            if modelSite == nil {
                diags.add(
                    RuleLocation(file: files.first?.name ?? "rules", line: 1, column: 1),
                    "the rule pack has no model section")
            }
            return .failure(RuleFileErrors(errors()))
        }

        let rootOrder = roots.indices.sorted {
            roots[$0].value.doc.source.bytes.count > roots[$1].value.doc.source.bytes.count
        }
        let compiled = Concurrent.map(count: roots.count, order: rootOrder) { i in
            let compiler = RuleCompiler(
                model: model, references: references, base: base, limits: limits, namespace: nil,
                diags: roots[i].value.diags)
            return compileFile(roots[i], compiler: compiler)
        }
        var ids: [String: RuleLocation] = [:]
        var rules = register(compiled, ids: &ids)
        for i in rules.indices where rules[i].usesCatalogue { rules[i].exampleCatalogueSource = exampleCatalogue }
        let all = errors()
        if !all.isEmpty { return .failure(RuleFileErrors(all)) }
        let set = RuleSet(model: model, rules: rules, references: references, limits: limits)
        return .success(
            RulePack(ruleSet: set, exampleBase: base.map { ($0.doc, $0.id) }, exampleCatalogue: exampleCatalogue))
    }

    // MARK: Shared by packs and policies

    /// The pack's one `example-catalogue:`, in whichever file names it.
    static func packExampleCatalogue(_ roots: [Object], resources: [String: [UInt8]]) -> (
        @Sendable () -> Catalogue?
    )? {
        var site: Value?
        var catalogue: (@Sendable () -> Catalogue?)?
        for o in roots {
            guard let c = o["example-catalogue"] else { continue }
            if let first = site {
                c.error("a second example-catalogue; the pack's is at \(first.location)")
            } else {
                site = c
                catalogue = readExampleCatalogue(c, resources: resources)
            }
        }
        return catalogue
    }

    /// The built catalogue an `example-catalogue:` names, relative to its rule file (looked up
    /// first among `resources`, the files embedded beside the built-in pack).
    static func readExampleCatalogue(_ v: Value, resources: [String: [UInt8]] = [:]) -> (
        @Sendable () -> Catalogue?
    )? {
        guard let text = v.string("example-catalogue") else { return nil }
        let path = text.hasPrefix("/") ? text : Paths.join(Paths.directory(of: v.doc.source.name), text)
        // The built-in pack's is embedded and tested: it is read when its examples run. Any
        // other is checked now, so that a fault is the pack's error.
        if let embedded = resources[path] {
            return { try? CatalogueFile.open(name: path, bytes: embedded).get().catalogue }
        }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            v.error("cannot read the example catalogue \(path): \(error)")
            return nil
        }
        switch CatalogueFile.open(name: path, bytes: bytes) {
        case .success(let loaded):
            let catalogue = loaded.catalogue
            return { catalogue }
        case .failure(let e):
            v.diags.errors += e.errors
            return nil
        }
    }

    /// Parses a rule or policy file into its top-level mapping.
    static func parseFile(name: String, bytes: [UInt8], allowed: [String], diags: Diagnostics) -> Object? {
        if let doc = prebuilt(name: name, bytes: bytes) {
            return Value(doc: doc, id: doc.root, diags: diags).object("a rule file", allowed: allowed)
        }
        let loaded = InputReader.load(name: name, bytes: bytes, format: .yaml)
        for p in loaded.problems where p.diagnostic != .yaml11 {
            diags.add(RuleLocation(file: name, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        guard loaded.problems.allSatisfy({ $0.diagnostic == .yaml11 }) else { return nil }
        if loaded.documents.count > 1 {
            let d = loaded.documents[1]
            diags.add(
                RuleLocation(file: name, line: d[d.root].range.start.line, column: 1),
                "a rule file holds one YAML document")
        }
        guard let doc = loaded.documents.first else { return nil }
        return Value(doc: doc, id: doc.root, diags: diags).object("a rule file", allowed: allowed)
    }

    /// Compiles the `rules:` of each file, rejecting an id used before.
    static func compileRules(_ roots: [Object], compiler: RuleCompiler, ids: inout [String: RuleLocation]) -> [Rule] {
        register(roots.map { compileFile($0, compiler: compiler) }, ids: &ids)
    }

    /// Compiles the `rules:` of one file: each item with its rule, nil where it has a fault.
    static func compileFile(_ o: Object, compiler: RuleCompiler) -> [(item: Value, rule: Rule?)] {
        guard let list = o["rules"]?.list("rules") else { return [] }
        return list.map { ($0, compiler.compile($0)) }
    }

    /// Takes compiled rules in file order, rejecting an id used before.
    static func register(_ compiled: [[(item: Value, rule: Rule?)]], ids: inout [String: RuleLocation]) -> [Rule] {
        for d in Diagnostic.all where ids[d.id] == nil {
            ids[d.id] = RuleLocation(file: "tcpglint", line: 0, column: 0)
        }
        var rules: [Rule] = []
        for file in compiled {
            for (item, compiledRule) in file {
                guard let rule = compiledRule else { continue }
                if let first = ids[rule.id] {
                    let whereFirst = first.line == 0 ? "a built-in diagnostic" : "\(first)"
                    item.error("duplicate rule id \"\(rule.id)\"; already used by \(whereFirst)")
                    continue
                }
                ids[rule.id] = rule.location
                rules.append(rule)
            }
        }
        return rules
    }
}
