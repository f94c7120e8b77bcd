import TcpglintCore

/// A rule's documentation as `explain` prints it, generated from the rule itself.
enum RuleDocs {
    static func text(for rule: Rule, in set: RuleSet) -> String {
        var out = "\(rule.id): \(rule.summary)\n\n"
        out += "  code:      \(rule.code)\n"
        out += "  severity:  \(rule.severity)\n"
        out += "  target:    \(targets(rule))\n"
        out += "  check:     \(rule.check.kind)\n"
        out += "  defined:   \(rule.location)\n"
        if !rule.description.isEmpty {
            out += "\n" + wrap(rule.description, indent: "  ") + "\n"
        }
        let title = set.references[rule.source.ref]?.title ?? ""
        out += "\nSource (\(rule.source.ref)\(title.isEmpty ? "" : ": " + title)):\n"
        out += wrap("\"\(rule.source.quote)\"", indent: "  ") + "\n"
        out += "\nValid examples (merged over the pack's example base):\n"
        for e in rule.valid { out += "  " + e.text + "\n" }
        out += "\nInvalid examples:\n"
        for e in rule.invalid { out += "  " + e.text + "\n" }
        return out
    }

    static func text(for d: Diagnostic) -> String {
        var out = "\(d.id): \(d.summary)\n\n"
        out += "  code:      \(d.code)\n"
        out += "  severity:  \(d.severity)\n"
        out += "  source:    tcpglint (a problem with the file itself, not with the request)\n"
        out += "\n" + wrap(d.description, indent: "  ") + "\n"
        return out
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
    static func markdownTable(_ set: RuleSet) -> String {
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

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}
