import TcpglintCore
import TcpglintInput
import TcpglintRules

/// The built-in pack, loaded once.
public let pack: RuleSet = {
    switch RulePackLoader.builtIn() {
    case .success(let set): return set
    case .failure(let errors):
        fatalError("the built-in pack does not load:\n" + errors.errors.map(\.description).joined(separator: "\n"))
    }
}()

/// A linter over `set`, with the JSON parser for embedded documents the CLI uses.
public func linter(_ set: RuleSet, reportSecrets: Bool = true, catalogue: Catalogue? = nil) -> Linter {
    Linter(
        ruleSet: set, embeddedParser: JSONEmbeddedParser(), reportSecrets: reportSecrets,
        catalogue: catalogue.map { CatalogueInUse(catalogue: $0, name: "catalogue.json", stale: false) })
}

/// The built-in pack's model with one more rule file (its text, named `name`), and no other rule.
public func ruleSet(modelAnd rules: String, name: String = "extra.yaml") throws -> RuleSet {
    let model = RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") }
    return try RulePackLoader.load(files: model + [(name: name, bytes: Array(rules.utf8))]).get()
}

/// The findings of a request's text (JSON, or YAML by its name) under `set`.
public func lint(_ set: RuleSet, _ text: String, name: String = "r.json") -> [Finding] {
    linter(set).lint(InputReader.load(name: name, bytes: Array(text.utf8)))
}
