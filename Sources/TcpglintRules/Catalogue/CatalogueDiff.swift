import TcpglintCore

// MARK: - What changed between two snapshots

/// `catalogue diff OLD NEW`: the regions, zones, versions and specs that appeared, disappeared
/// or changed. An entry is live (listed), REMOVED (kept by `build --previous`, with the day it
/// was last listed) or absent. It appeared when NEW lists it and OLD did not (absent or
/// REMOVED); it disappeared when OLD listed it and NEW does not (REMOVED or dropped), or when
/// NEW has it REMOVED or drops it and OLD did not list it; it changed when both list it (or both
/// have it REMOVED) with other values. Entries are known as `CatalogueHistory` knows them,
/// regions by name.
public enum CatalogueChanges {
    public enum Kind: String, Sendable, CaseIterable {
        case region, zone, version, `class`
    }

    /// One value of an entry, as the catalogue file's column holds it.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        case flag(Bool)
        case list([String]?)

        var json: String {
            switch self {
            case .text(let s): return JSON.string(s)
            case .number(let n): return String(n)
            case .flag(let b): return b ? "true" : "false"
            case .list(let l): return l.map { "[" + $0.map(JSON.string).joined(separator: ", ") + "]" } ?? "null"
            }
        }

        var text: String {
            switch self {
            case .text(let s): return s
            case .number(let n): return String(n)
            case .flag(let b): return b ? "yes" : "no"
            case .list(let l): return l.map { "[" + $0.joined(separator: ", ") + "]" } ?? "null"
            }
        }
    }

    /// An entry as one file has it: its values by column (the file's column names), and the day
    /// it was last listed when it is REMOVED. Regions have no `last-seen`.
    public struct Entry: Sendable, Equatable {
        public var columns: [String]
        public var cells: [Cell]
        public var lastSeen: String?
        /// How a `+` or `-` line shows the values: `AVAILABLE, ipv6 yes, standby zones [ap-guangzhou-4]`.
        public var summary: String
        var removable: Bool

        public var live: Bool { lastSeen == nil }
    }

    /// One difference: the entry's kind and key (the fields that name it, in order), and what
    /// each file has (nil: absent).
    public struct Record: Sendable {
        public let kind: Kind
        public let key: [(name: String, value: String)]
        /// How a line names it: `zone ap-guangzhou-3 (ap-guangzhou, PHYSICAL_LOCAL_SSD)`.
        public let label: String
        public let old: Entry?
        public let new: Entry?

        /// The columns whose values differ (with `last-seen`), for a changed entry.
        public var fields: [String] {
            guard let old, let new else { return [] }
            var out = zip(old.columns, zip(old.cells, new.cells)).filter { $0.1.0 != $0.1.1 }.map(\.0)
            if old.lastSeen != new.lastSeen { out.append("last-seen") }
            return out
        }
    }

    public struct Report: Sendable {
        public let appeared: [Record]
        public let disappeared: [Record]
        public let changed: [Record]
        /// Every record, in kind and key order (as the text form lists them).
        public let all: [Record]
        public var isEmpty: Bool { all.isEmpty }
    }

    /// What changed from `old` to `new`.
    public static func between(_ old: Catalogue, _ new: Catalogue) -> Report {
        let before = items(old)
        let after = items(new)
        var ids = Array(Set(before.keys).union(after.keys))
        ids.sort { a, b in
            a.kind != b.kind
                ? a.kind.order < b.kind.order : a.values.lexicographicallyPrecedes(b.values) { $0.utf8Precedes($1) }
        }
        var appeared: [Record] = []
        var disappeared: [Record] = []
        var changed: [Record] = []
        var all: [Record] = []
        for id in ids {
            let o = before[id]
            let n = after[id]
            let source = (n ?? o)!
            let record = Record(kind: id.kind, key: source.key, label: source.label, old: o?.entry, new: n?.entry)
            let wasLive = o?.entry.live ?? false
            let isLive = n?.entry.live ?? false
            if isLive && !wasLive {
                appeared.append(record)
            } else if !isLive && (wasLive || (o == nil) != (n == nil)) {
                disappeared.append(record)
            } else if let o, let n, o.entry != n.entry {
                changed.append(record)
            } else {
                continue
            }
            all.append(record)
        }
        return Report(appeared: appeared, disappeared: disappeared, changed: changed, all: all)
    }

    // MARK: The entries of a snapshot

    struct ID: Hashable {
        let kind: Kind
        let values: [String]
    }

    struct Item {
        let key: [(name: String, value: String)]
        let label: String
        let entry: Entry
    }

    static func items(_ c: Catalogue) -> [ID: Item] {
        var out: [ID: Item] = [:]
        func add(_ kind: Kind, _ key: [(String, String)], _ label: String, _ entry: Entry) {
            out[ID(kind: kind, values: key.map(\.1))] = Item(
                key: key.map { (name: $0.0, value: $0.1) }, label: label, entry: entry)
        }
        for r in (c.regions ?? [:]).values {
            let summary = "\(r.state), \(r.international ? "international" : "not international")"
            add(
                .region, [("region", r.name)], "region \(r.name)",
                entry(
                    [("state", .text(r.state)), ("international", .flag(r.international))], summary, removable: false))
        }
        for k in c.zones.keys {
            for z in c.zones[k] ?? [] {
                let cells: [(String, Cell)] = [
                    ("state", .text(z.state)), ("ipv6", .flag(z.ipv6)), ("standby-zones", .list(z.standbyZones)),
                ]
                let summary =
                    "\(z.state), ipv6 \(Cell.flag(z.ipv6).text), standby zones \(Cell.list(z.standbyZones).text)"
                add(
                    .zone, [("region", k.region), ("storage-type", k.storageType), ("zone", z.name)],
                    "zone \(z.name) (\(k.region), \(k.storageType))", entry(cells, summary, lastSeen: z.lastSeen))
            }
        }
        for k in c.versions.keys {
            for v in c.versions[k] ?? [] {
                let cells: [(String, Cell)] = [
                    ("major", .text(v.major)), ("status", .text(v.status)), ("features", .list(v.features)),
                ]
                let summary = "major \(v.major), \(v.status), features \(Cell.list(v.features).text)"
                add(
                    .version,
                    [
                        ("region", k.region), ("storage-type", k.storageType), ("engine", v.engine),
                        ("version", v.version), ("kernel", v.kernel),
                    ], "version \(v.engine) \(v.version) \(v.kernel) (\(k.region), \(k.storageType))",
                    entry(cells, summary, lastSeen: v.lastSeen))
            }
        }
        for k in c.classes.keys {
            for s in c.classes[k] ?? [] {
                let cells: [(String, Cell)] = [
                    ("cpu", .number(s.cpu)), ("memory-mb", .number(s.memoryMB)),
                    ("min-storage-gb", .number(s.minStorageGB)), ("max-storage-gb", .number(s.maxStorageGB)),
                    ("qps", .number(s.qps)),
                ]
                let summary =
                    "\(s.cpu) CPU, \(s.memoryMB) MB, storage \(s.minStorageGB)-\(s.maxStorageGB) GB, \(s.qps) QPS"
                add(
                    .class,
                    [
                        ("zone", k.zone), ("engine", k.engine), ("major", k.major), ("storage-type", k.storageType),
                        ("spec-code", s.code),
                    ], "class \(s.code) (\(k))", entry(cells, summary, lastSeen: s.lastSeen))
            }
        }
        return out
    }

    static func entry(_ cells: [(String, Cell)], _ summary: String, lastSeen: String? = nil, removable: Bool = true)
        -> Entry
    {
        Entry(
            columns: cells.map(\.0), cells: cells.map(\.1), lastSeen: lastSeen, summary: summary, removable: removable)
    }
}

// MARK: The text and JSON forms

extension CatalogueChanges {
    /// A file as the header names it.
    public struct Side: Sendable {
        public let file: String
        public let catalogue: Catalogue
        public init(file: String, catalogue: Catalogue) {
            self.file = file
            self.catalogue = catalogue
        }
        var header: String { "\(file) (site \(catalogue.site.rawValue), captured \(catalogue.captured))" }
    }

    /// `--- OLD (…)`, `+++ NEW (…)`, a line per record (`+` appeared, `-` disappeared, `~`
    /// changed), in kind and key order, and the counts.
    public static func text(_ report: Report, old: Side, new: Side) -> String {
        var out = "--- \(old.header)\n+++ \(new.header)\n"
        for r in report.all { out += line(r) + "\n" }
        out += counts(report).map { "\($0.1) \($0.0)" }.joined(separator: ", ") + "\n"
        return out
    }

    static func counts(_ report: Report) -> [(String, Int)] {
        [
            ("appeared", report.appeared.count), ("disappeared", report.disappeared.count),
            ("changed", report.changed.count),
        ]
    }

    /// One record's line.
    static func line(_ r: Record) -> String {
        let isLive = r.new?.live ?? false
        let wasLive = r.old?.live ?? false
        if let n = r.new, isLive {
            guard let o = r.old else { return "+ \(r.label): \(n.summary)" }
            if !wasLive {
                return "+ \(r.label): \(n.summary) (listed again; was REMOVED, last seen \(o.lastSeen ?? ""))"
            }
        }
        guard let o = r.old else { return "- \(r.label): now REMOVED, last seen \(r.new?.lastSeen ?? "")" }
        guard let n = r.new else {
            return wasLive
                ? "- \(r.label): \(o.summary)" : "- \(r.label): dropped (was REMOVED, last seen \(o.lastSeen ?? ""))"
        }
        if wasLive && !isLive { return "- \(r.label): now REMOVED, last seen \(n.lastSeen ?? "")" }
        let changes = r.fields.map { f -> String in
            if f == "last-seen" { return "last seen \(o.lastSeen ?? "") -> \(n.lastSeen ?? "")" }
            let i = o.columns.firstIndex(of: f)!
            return "\(f) \(o.cells[i].text) -> \(n.cells[i].text)"
        }
        return "~ \(r.label): \(changes.joined(separator: ", "))\(isLive ? "" : " (REMOVED)")"
    }

    /// `{"old": {file, site, captured}, "new": …, "appeared": […], "disappeared": […],
    /// "changed": […], "counts": {…}}`; a record is `{"kind", its key fields, "old", "new"}`,
    /// each side an object of the entry's columns (with `last-seen`, but for a region) or null
    /// for absent, and a changed record's `fields`.
    public static func json(_ report: Report, old: Side, new: Side) -> String {
        func side(_ s: Side) -> String {
            "{\"file\": \(JSON.string(s.file)), \"site\": \(JSON.string(s.catalogue.site.rawValue)), \"captured\": \(JSON.string(s.catalogue.captured))}"
        }
        func entry(_ e: Entry?) -> String {
            guard let e else { return "null" }
            var fields = zip(e.columns, e.cells).map { "\(JSON.string($0.0)): \($0.1.json)" }
            if e.removable { fields.append("\"last-seen\": \(e.lastSeen.map(JSON.string) ?? "null")") }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        func records(_ name: String, _ list: [Record], changed: Bool = false) -> String {
            let lines = list.map { r in
                var fields = ["\"kind\": \(JSON.string(r.kind.rawValue))"]
                fields += r.key.map { "\(JSON.string($0.name)): \(JSON.string($0.value))" }
                if changed { fields.append("\"fields\": [\(r.fields.map(JSON.string).joined(separator: ", "))]") }
                fields += ["\"old\": \(entry(r.old))", "\"new\": \(entry(r.new))"]
                return "    {" + fields.joined(separator: ", ") + "}"
            }
            return "  \(JSON.string(name)): [" + (lines.isEmpty ? "]" : "\n" + lines.joined(separator: ",\n") + "\n  ]")
        }
        var out = "{\n  \"old\": \(side(old)),\n  \"new\": \(side(new)),\n"
        out += records("appeared", report.appeared) + ",\n"
        out += records("disappeared", report.disappeared) + ",\n"
        out += records("changed", report.changed, changed: true) + ",\n"
        out += "  \"counts\": {" + counts(report).map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ")
        return out + "}\n}\n"
    }
}

extension CatalogueChanges.Kind {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
