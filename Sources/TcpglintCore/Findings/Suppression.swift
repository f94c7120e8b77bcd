
// MARK: - Suppressions

/// A request, written in a file or a config, to silence named rules at one place.
public struct Suppression: Sendable {
    public enum Scope: Sendable, Equatable {
        /// Findings that start on this line (an inline YAML comment).
        case line(Int)
        /// Findings at this parameter path or below it (`DBNodeSet` covers `DBNodeSet[1].Zone`);
        /// `*` covers the whole file (a config entry).
        case parameter(String)
    }

    /// The linted file it applies to (its display name).
    public let file: String
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

    func covers(_ f: Finding) -> Bool {
        guard f.file == file, rules.contains(f.rule) else { return false }
        switch scope {
        case .line(let l): return f.range.start.line == l
        case .parameter(let p): return Suppression.path(f.path, isWithin: p)
        }
    }

    /// `DBNodeSet[1].Zone` is within `DBNodeSet`, `DBNodeSet[1]` and `DBNodeSet[*].Zone`.
    static func path(_ path: String, isWithin scope: String) -> Bool {
        if scope == "*" || scope == path { return true }
        let a = Array(path.utf8), b = Array(scope.utf8)
        var i = 0, j = 0
        while j < b.count {
            guard i < a.count else { return false }
            if b[j] == UInt8(ascii: "["), j + 2 < b.count, b[j + 1] == UInt8(ascii: "*"), b[j + 2] == UInt8(ascii: "]") {
                guard a[i] == UInt8(ascii: "[") else { return false }
                while i < a.count, a[i] != UInt8(ascii: "]") { i += 1 }
                i += 1
                j += 3
                continue
            }
            guard a[i] == b[j] else { return false }
            i += 1
            j += 1
        }
        return i == a.count || a[i] == UInt8(ascii: ".") || a[i] == UInt8(ascii: "[") || a[i] == UInt8(ascii: ":")
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
        struct Origin: Hashable { let file: String; let range: SourceRange }
        var problems: [Origin: [Finding]] = [:]
        var usable: [Int] = []
        for (i, s) in suppressions.enumerated() {
            let origin = Origin(file: s.originFile, range: s.origin)
            var found: [Finding] = []
            if s.reason?.isEmpty ?? true {
                found.append(problem(.suppressionReason, s, "suppression of \(s.rules.joined(separator: ", ")) gives no reason; write it after ' -- ' (or as reason:)"))
            }
            for r in s.rules where !known.contains(r) {
                let hint = Suggest.closest(to: r, in: Array(known)).map { "; did you mean \"\($0)\"?" } ?? ""
                found.append(problem(.invalidSuppression, s, "suppression names unknown rule \"\(r)\"\(hint)"))
            }
            for r in s.rules where unsuppressible.contains(r) {
                found.append(problem(.invalidSuppression, s, "rule \(r) may not be suppressed (its policy says so)"))
            }
            if s.rules.isEmpty {
                found.append(problem(.invalidSuppression, s, "suppression names no rule; write the rule ids to silence"))
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
            out.append(problem(.unusedSuppression, s, "suppression of \(s.rules.joined(separator: ", ")) matched no finding; remove it"))
        }
        for (_, found) in problems { out += found }
        return out
    }

    static func problem(_ d: Diagnostic, _ s: Suppression, _ message: String) -> Finding {
        Finding(file: s.originFile, range: s.origin, severity: d.severity, code: d.code, rule: d.id, path: "$", message: message)
    }
}
