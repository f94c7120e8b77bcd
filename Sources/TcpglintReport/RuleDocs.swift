import TcpglintCore

/// A rule's documentation as `explain` prints it, generated from the rule itself.
public enum RuleDocs {
    public static func text(for rule: Rule, in set: RuleSet) -> String {
        var out = "\(rule.id): \(rule.summary)\n\n"
        out += "  code:      \(rule.code)\n"
        out += "  severity:  \(rule.severity)\n"
        out += "  target:    \(targets(rule))\n"
        out += "  check:     \(rule.check.kind.rawValue)\n"
        out += "  defined:   \(rule.location)\n"
        if !rule.description.isEmpty {
            out += "\n" + wrap(rule.description, indent: "  ") + "\n"
        }
        out += "\n" + source(rule.source, set.references[rule.source.ref])
        out += "\nValid examples (merged over the pack's example base):\n"
        for e in rule.valid { out += "  " + e.text + "\n" }
        out += "\nInvalid examples:\n"
        for e in rule.invalid { out += "  " + e.text + "\n" }
        return out
    }

    public static func text(for d: Diagnostic) -> String {
        var out = "\(d.id): \(d.summary)\n\n"
        out += "  code:      \(d.code)\n"
        out += "  severity:  \(d.severity)\n"
        out += "  source:    tcpglint (a problem with the file itself, not with the request)\n"
        out += "\n" + wrap(d.description, indent: "  ") + "\n"
        return out
    }

    /// The source block of `explain`: the reference's key, its title, where to read it, the quote.
    static func source(_ source: RuleSource, _ reference: SourceReference?) -> String {
        var out = "Source (\(source.ref)):\n"
        if let title = reference?.title, !title.isEmpty { out += wrap(title, indent: "  ") + "\n" }
        if let place = reference?.whereToRead { out += wrap(place, indent: "  ") + "\n" }
        return out + wrap("\"\(source.quote)\"", indent: "  ") + "\n"
    }

    static func targets(_ rule: Rule) -> String {
        var seen: [String] = []
        for t in rule.targets where !seen.contains(t.display) { seen.append(t.display) }
        if seen.count > 8 { return "every parameter (\(seen.count) paths)" }
        return seen.joined(separator: ", ")
    }

    /// Wraps text at 96 columns.
    static func wrap(_ text: String, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + word.count + 1 > 96, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension RuleDocs {
    /// The README's rule table: one row per rule and per built-in diagnostic.
    public static func markdownTable(_ set: RuleSet) -> String {
        var out = "| id | severity | code | summary |\n|---|---|---|---|\n"
        func cell(_ s: String) -> String { s.replacingPipes() }
        for r in set.rules.sorted(by: { $0.id < $1.id }) {
            out += "| `\(r.id)` | \(r.severity) | `\(r.code)` | \(cell(r.summary)) |\n"
        }
        for d in Diagnostic.all {
            out += "| `\(d.id)` | \(d.severity) | `\(d.code)` | \(cell(d.summary)) |\n"
        }
        return out
    }
}

extension RuleDocs {
    /// The README's check table: one row per check kind, from `CheckKind`.
    public static func checkTable() -> String {
        var out = "| check | options | reports |\n|---|---|---|\n"
        for kind in CheckKind.allCases {
            out +=
                "| `\(kind.rawValue)` | \(kind.optionsSummary.replacingPipes()) | \(kind.summary.replacingPipes()) |\n"
        }
        return out
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}

extension RuleDocs {
    /// `tcpglint rules --format json`: every rule and diagnostic, a stable, machine-readable registry.
    public static func registry(_ set: RuleSet) -> String {
        var items: [String] = []
        func entry(
            id: String, code: String, severity: String, enabled: Bool, summary: String, description: String,
            source: String, suppressible: Bool, origin: String, override: RuleOverride?
        ) -> String {
            var s =
                "    {\"id\": \(JSON.string(id)), \"code\": \(JSON.string(code)), \"severity\": \(JSON.string(severity)), "
            s +=
                "\"enabled\": \(enabled), \"summary\": \(JSON.string(summary)), \"description\": \(JSON.string(description)), "
            s += "\"source\": \(source), \"suppressible\": \(suppressible), \"origin\": \(JSON.string(origin))"
            if let o = override {
                s += ", \"override\": {\"severity\": \(JSON.string(o.severity?.description ?? "off")), "
                s += "\"reason\": \(JSON.string(o.reason)), \"origin\": \(JSON.string(o.location.description))}"
            }
            return s + "}"
        }
        let rules = (set.rules.map { ($0, true) } + set.disabled.map { ($0, false) }).sorted { $0.0.id < $1.0.id }
        for (r, enabled) in rules {
            let source = registrySource(r.source, set.references[r.source.ref])
            items.append(
                entry(
                    id: r.id, code: r.code, severity: enabled ? r.severity.description : "off", enabled: enabled,
                    summary: r.summary, description: r.description, source: source, suppressible: r.suppressible,
                    origin: r.location.description, override: set.overrides[r.id]))
        }
        for d in Diagnostic.all {
            let o = set.overrides[d.id]
            let severity = o.map { $0.severity?.description ?? "off" } ?? d.severity.description
            items.append(
                entry(
                    id: d.id, code: d.code, severity: severity, enabled: severity != "off", summary: d.summary,
                    description: d.description,
                    source: "{\"ref\": \"tcpglint\", \"title\": \"tcpglint\", \"quote\": \"\"}",
                    suppressible: true, origin: "tcpglint", override: o))
        }
        return "{\n  \"version\": 1,\n  \"rules\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}

extension RuleDocs {
    /// A rule's `source` in the registry: `ref`, `title`, where to read it (`url`, or `pypi`
    /// and `file`) when the reference says, and `quote`.
    static func registrySource(_ source: RuleSource, _ reference: SourceReference?) -> String {
        var s = "{\"ref\": \(JSON.string(source.ref)), \"title\": \(JSON.string(reference?.title ?? ""))"
        switch reference?.location {
        case .url(let url): s += ", \"url\": \(JSON.string(url))"
        case .pypi(let package, let file): s += ", \"pypi\": \(JSON.string(package)), \"file\": \(JSON.string(file))"
        case nil: break
        }
        return s + ", \"quote\": \(JSON.string(source.quote))}"
    }
}

extension RuleDocs {
    /// What SARIF says about each rule of the rule sets used, and each diagnostic.
    /// Without a catalogue in use (`catalogue: false`), the catalogue rules and diagnostics are
    /// left out: they cannot report, and so is catalogue-required unless a rule requires one.
    public static func summaries(_ sets: [RuleSet], catalogue: Bool = true) -> [RuleSummary] {
        var seen = Set<String>()
        if !catalogue {
            seen = [Diagnostic.catalogueKeyMissing.id, Diagnostic.catalogueStale.id]
            // Said only of a rule that requires a snapshot.
            if !sets.contains(where: { $0.rules.contains { $0.requiresCatalogue != nil } }) {
                seen.insert(Diagnostic.catalogueRequired.id)
            }
        }
        var out: [RuleSummary] = []
        for set in sets {
            for r in set.rules where (catalogue || !r.needsCatalogue) && seen.insert(r.id).inserted {
                let reference = set.references[r.source.ref]
                let title = reference?.title ?? r.source.ref
                var help = r.description.isEmpty ? r.summary + "." : r.description
                help += " Source (\(title)\(reference?.whereToRead.map { ", " + $0 } ?? "")): \"\(r.source.quote)\""
                out.append(
                    RuleSummary(
                        id: r.id, code: r.code, severity: r.severity, summary: r.summary, help: help,
                        helpURI: reference?.link))
            }
        }
        for d in Diagnostic.all where seen.insert(d.id).inserted {
            out.append(
                RuleSummary(id: d.id, code: d.code, severity: d.severity, summary: d.summary, help: d.description))
        }
        return out
    }
}
