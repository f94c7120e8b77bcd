// MARK: - Suppressions

/// A request, written in a file or a config, to silence named rules at one place.
public struct Suppression: Sendable {
    public enum Scope: Sendable, Equatable {
        /// Findings that start on this line (an inline YAML comment).
        case line(Int)
        /// Every finding in the file (a config entry whose parameter is `*`, or has none).
        case file
        /// Findings at a parameter matching this pattern or below it (`DBNodeSet` covers
        /// `DBNodeSet[1].Zone`, `DBNodeSet[*].Zone` covers every node's); the empty pattern,
        /// `$`, is the request itself: the findings about the whole request only.
        case parameter([PatternComponent])

        /// The scope of a config entry's `parameter`: `*` for the whole file, else the pattern
        /// it spells; text that spells none (an unknown key with other characters) is taken as
        /// one key of that name.
        public static func parameter(_ text: String) -> Scope {
            if text == "*" { return .file }
            return .parameter(PatternComponent.parse(path: text) ?? [.key(text)])
        }
    }

    /// The linted file it applies to (its display name).
    public let file: String
    /// The document of a YAML stream the comment is in (1 for a config entry): where findings
    /// about the suppression itself say they are.
    public var document = 1
    public let scope: Scope
    public let rules: [String]
    public let reason: String?
    /// Where it was written: the comment, or the config entry.
    public let originFile: String
    public let origin: SourceRange

    public init(file: String, scope: Scope, rules: [String], reason: String?, originFile: String, origin: SourceRange) {
        self.file = file
        self.scope = scope
        self.rules = rules
        self.reason = reason
        self.originFile = originFile
        self.origin = origin
    }

    public func covers(_ f: Finding) -> Bool {
        guard f.file == file, rules.contains(f.rule) else { return false }
        switch scope {
        case .line(let l): return f.range.start.line == l
        case .file: return true
        case .parameter(let p): return p.isEmpty ? f.path.components.isEmpty : Suppression.path(f.path, isWithin: p)
        }
    }

    /// `DBNodeSet[1].Zone` is within `DBNodeSet`, `DBNodeSet[1]` and `DBNodeSet[*].Zone`: the
    /// scope is a prefix of the path, component by component, `[*]` matching any index.
    static func path(_ path: ParamPath, isWithin scope: [PatternComponent]) -> Bool {
        guard scope.count <= path.components.count else { return false }
        for (c, p) in zip(path.components, scope) {
            switch (c, p) {
            case (.key(let a), .key(let b)): if a != b { return false }
            case (.index(let a), .index(let b)): if a != b { return false }
            case (.joined(let a), .joined(let b)): if a != b { return false }
            case (.index, .anyIndex), (.embedded, .embedded): continue
            case (.key, _), (.index, _), (.embedded, _), (.joined, _): return false
            }
        }
        return true
    }
}

/// Applies suppressions to findings and reports the suppressions that are wrong or unused.
public enum Suppressor {
    /// The findings that remain, plus a finding for every suppression without a reason, naming
    /// an unknown or unsuppressible rule, or silencing nothing. Suppressions written at the same
    /// place (one config entry applied to several files) are judged together: such an entry is
    /// unused only when it silenced nothing in any file.
    public static func apply(
        _ findings: [Finding], _ suppressions: [Suppression], known: Set<String>, unsuppressible: Set<String>
    ) -> [Finding] {
        guard !suppressions.isEmpty else { return findings }
        struct Origin: Hashable {
            let file: String
            let range: SourceRange
        }
        var problems: [Origin: [Finding]] = [:]
        var usable: [Int] = []
        for (i, s) in suppressions.enumerated() {
            let origin = Origin(file: s.originFile, range: s.origin)
            var found: [Finding] = []
            if s.reason?.isEmpty ?? true {
                found.append(
                    problem(
                        .suppressionReason, s,
                        "suppression of \(s.rules.joined(separator: ", ")) gives no reason; write it after ' -- ' (or as reason:)"
                    ))
            }
            for r in s.rules where !known.contains(r) {
                let hint = Suggest.closest(to: r, in: Array(known)).map { "; did you mean \"\($0)\"?" } ?? ""
                found.append(problem(.invalidSuppression, s, "suppression names unknown rule \"\(r)\"\(hint)"))
            }
            for r in s.rules where unsuppressible.contains(r) {
                found.append(problem(.invalidSuppression, s, "rule \(r) may not be suppressed (its policy says so)"))
            }
            if s.rules.isEmpty {
                found.append(
                    problem(.invalidSuppression, s, "suppression names no rule; write the rule ids to silence"))
            }
            if found.isEmpty { usable.append(i) } else { problems[origin] = found }
        }
        var out: [Finding] = []
        var used = Set<Origin>()
        for f in findings {
            if let i = usable.first(where: { suppressions[$0].covers(f) }) {
                used.insert(Origin(file: suppressions[i].originFile, range: suppressions[i].origin))
                continue
            }
            out.append(f)
        }
        var reported = Set<Origin>()
        for i in usable {
            let s = suppressions[i]
            let origin = Origin(file: s.originFile, range: s.origin)
            guard !used.contains(origin), reported.insert(origin).inserted else { continue }
            out.append(
                problem(
                    .unusedSuppression, s,
                    "suppression of \(s.rules.joined(separator: ", ")) matched no finding; remove it"))
        }
        for (_, found) in problems { out += found }
        return out
    }

    static func problem(_ d: Diagnostic, _ s: Suppression, _ message: String) -> Finding {
        Finding(
            file: s.originFile, document: s.document, range: s.origin, severity: d.severity, code: d.code, rule: d.id,
            path: .root, message: message)
    }
}
