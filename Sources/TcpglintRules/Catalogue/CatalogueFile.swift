import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - The built catalogue file

/// The file `tcpglint catalogue build` writes and `lint --catalogue` reads: compact, sorted JSON
/// with one entry per line, so it diffs well, and rows written as arrays under the header's
/// `columns`, so it stays small and is read in one pass:
///
/// ```json
/// {"tcpglint-catalogue": 1, "site": "intl", "captured": "2026-11-28T09:14:00Z",
/// "columns": {"regions": ["region", "state", "international"], …},
/// "regions": [
/// ["ap-guangzhou", "AVAILABLE", 1],
/// …],
/// "zones": [
/// {"region": "ap-guangzhou", "storage-type": "PHYSICAL_LOCAL_SSD", "zones": [["ap-guangzhou-3", "AVAILABLE", 1, ["ap-guangzhou-4"]], …]},
/// …],
/// "versions": [ {"region": …, "storage-type": …, "versions": [[engine, version, major, kernel, status, [features]], …]} ],
/// "classes": [ {"zone": …, "engine": …, "major": …, "storage-type": …, "classes": [[spec-code, cpu, memory-mb, min-storage-gb, max-storage-gb, qps], …]} ]}
/// ```
public enum CatalogueFile {
    public static let formatVersion = 1
    static let columns: [(String, [String])] = [
        ("regions", ["region", "state", "international"]),
        ("zones", ["zone", "state", "ipv6", "standby-zones"]),
        ("versions", ["engine", "version", "major", "kernel", "status", "features"]),
        ("classes", ["spec-code", "cpu", "memory-mb", "min-storage-gb", "max-storage-gb", "qps"]),
    ]
    static let topKeys = [
        "tcpglint-catalogue", "site", "captured", "columns", "regions", "zones", "versions", "classes",
    ]

    /// A catalogue read from disk, with the place its `captured` was written (for the stale finding).
    public struct Loaded: Sendable {
        public let catalogue: Catalogue
        public let capturedAt: RuleLocation
    }

    // MARK: Writing

    public static func render(_ c: Catalogue) -> String {
        var out = "{\"tcpglint-catalogue\": \(formatVersion), \"site\": \(JSON.string(c.site.rawValue)), "
        out += "\"captured\": \(JSON.string(c.captured)),\n\"columns\": {"
        out += columns.map { "\(JSON.string($0.0)): [\($0.1.map(JSON.string).joined(separator: ", "))]" }
            .joined(separator: ", ")
        out += "},\n"
        func strings(_ s: [String]) -> String { "[" + s.map(JSON.string).joined(separator: ", ") + "]" }
        func section(_ name: String, _ lines: [String], last: Bool = false) {
            out += "\(JSON.string(name)): ["
            out += lines.isEmpty ? "" : "\n" + lines.joined(separator: ",\n")
            out += last ? "]}\n" : "],\n"
        }
        let regions = (c.regions ?? [:]).values.sorted { $0.name.utf8Precedes($1.name) }
        out += "\"has-regions\": \(c.regions == nil ? "false" : "true"),\n"
        section(
            "regions",
            regions.map { "[\(JSON.string($0.name)), \(JSON.string($0.state)), \($0.international ? 1 : 0)]" })
        section(
            "zones",
            c.zones.keys.sorted().map { k in
                let zones = c.zones[k]!.sorted { $0.name.utf8Precedes($1.name) }.map { z in
                    "[\(JSON.string(z.name)), \(JSON.string(z.state)), \(z.ipv6 ? 1 : 0), \(z.standbyZones.map(strings) ?? "null")]"
                }
                return "{\"region\": \(JSON.string(k.region)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"zones\": [\(zones.joined(separator: ", "))]}"
            })
        section(
            "versions",
            c.versions.keys.sorted().map { k in
                let versions = c.versions[k]!.sorted(by: versionOrder).map { v in
                    "[\([v.engine, v.version, v.major, v.kernel, v.status].map(JSON.string).joined(separator: ", ")), \(strings(v.features))]"
                }
                return "{\"region\": \(JSON.string(k.region)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"versions\": [\(versions.joined(separator: ", "))]}"
            })
        section(
            "classes",
            c.classes.keys.sorted().map { k in
                let specs = c.classes[k]!.sorted { $0.code.utf8Precedes($1.code) }.map { s in
                    "[\(JSON.string(s.code)), \(s.cpu), \(s.memoryMB), \(s.minStorageGB), \(s.maxStorageGB), \(s.qps)]"
                }
                return "{\"zone\": \(JSON.string(k.zone)), \"engine\": \(JSON.string(k.engine)), "
                    + "\"major\": \(JSON.string(k.major)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"classes\": [\(specs.joined(separator: ", "))]}"
            }, last: true)
        return out
    }

    static func versionOrder(_ a: Catalogue.Version, _ b: Catalogue.Version) -> Bool {
        for (x, y) in [(a.engine, b.engine), (a.major, b.major), (a.kernel, b.kernel), (a.version, b.version)]
        where x != y {
            return x.utf8Precedes(y)
        }
        return a.status.utf8Precedes(b.status)
    }

    // MARK: Reading

    /// Reads a built catalogue; every fault is an error at its place.
    public static func read(_ path: String, limits: InputLimits = .default) -> Result<Loaded, RuleFileErrors> {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path, maxBytes: limits.maxFileBytes) } catch {
            return .failure(
                RuleFileErrors([
                    RuleFileError(RuleLocation(file: path, line: 1, column: 1), "cannot read the catalogue: \(error)")
                ]))
        }
        return decode(name: path, bytes: bytes, limits: limits)
    }

    /// Decodes a built catalogue's bytes (the fuzz target's entry).
    public static func decode(name: String, bytes: [UInt8], limits: InputLimits = .default) -> Result<
        Loaded, RuleFileErrors
    > {
        var big = limits
        // A catalogue is not a request: the request-size limit does not apply to it.
        big.maxRequestBytes = max(big.maxRequestBytes, bytes.count + 1)
        let loaded = InputReader.load(name: name, bytes: bytes, format: .json, limits: big)
        let diags = Diagnostics()
        for p in loaded.problems {
            diags.add(RuleLocation(file: name, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        guard let doc = loaded.documents.first, loaded.problems.isEmpty else {
            if diags.errors.isEmpty {
                diags.add(RuleLocation(file: name, line: 1, column: 1), "the catalogue is empty")
            }
            return .failure(RuleFileErrors(diags.errors))
        }
        let result = Decoder(diags: diags).catalogue(Value(doc: doc, id: doc.root, diags: diags))
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        guard let result else {
            return .failure(
                RuleFileErrors([RuleFileError(RuleLocation(file: name, line: 1, column: 1), "not a tcpglint catalogue")]
                ))
        }
        return .success(result)
    }

    /// Decodes the rows. Rows are read in place from the document's nodes; faults go through
    /// `Value`, which places them.
    struct Decoder {
        let diags: Diagnostics

        func catalogue(_ root: Value) -> Loaded? {
            guard root.isMapping else {
                root.error(
                    "a catalogue is a JSON object, not \(root.kindName); build one with tcpglint catalogue build")
                return nil
            }
            let keys = root.doc.entries(of: root.id).map { root.doc[$0.key].value }
            guard keys.contains("tcpglint-catalogue") else {
                root.error(
                    "not a tcpglint catalogue (no \"tcpglint-catalogue\" key); build one from the saved responses with tcpglint catalogue build"
                )
                return nil
            }
            guard let o = root.object("the catalogue", allowed: topKeys + ["has-regions"]) else { return nil }
            if let v = o.require("tcpglint-catalogue"), let n = v.int("tcpglint-catalogue"), n != formatVersion {
                v.error(
                    "catalogue format \(n) is not supported (this tcpglint reads format \(formatVersion)); rebuild it")
                return nil
            }
            var site = Catalogue.Site.intl
            if let s = o.require("site"), let text = s.string("site") {
                if let parsed = Catalogue.Site(rawValue: text) {
                    site = parsed
                } else {
                    s.error("site must be intl or china, not \(ValueText.quote(text))")
                }
            }
            guard let capturedSite = o.require("captured"), let captured = capturedSite.string("captured") else {
                return nil
            }
            guard let epoch = Timestamp.parse(captured) else {
                capturedSite.error(
                    "captured must be an RFC 3339 time in UTC, such as 2026-11-28T09:14:00Z, not \(ValueText.quote(captured))"
                )
                return nil
            }
            if let c = o.require("columns"), let co = c.object("columns", allowed: columns.map(\.0)) {
                for (name, expected) in columns {
                    if let got = co.require(name)?.strings("columns \(name)"), got != expected {
                        co[name]?.error("columns \(name) must be \(expected), not \(got); rebuild the catalogue")
                    }
                }
            }
            let hasRegions = o["has-regions"]?.bool("has-regions") ?? true
            let regions = self.regions(o)
            let zones = self.zones(o)
            let versions = self.versions(o)
            let classes = self.classes(o)
            let catalogue = Catalogue(
                site: site, captured: captured, capturedEpoch: epoch, regions: hasRegions ? regions : nil,
                zones: zones, versions: versions, classes: classes)
            return Loaded(catalogue: catalogue, capturedAt: capturedSite.location)
        }

        func regions(_ o: Object) -> [String: Catalogue.Region] {
            var regions: [String: Catalogue.Region] = [:]
            for row in o.require("regions")?.list("regions") ?? [] {
                guard let r = cells(row, 3, "a region") else { continue }
                guard let name = r[0].string("region"), let state = r[1].string("state"), let intl = flag(r[2]) else {
                    continue
                }
                if regions[name] != nil { row.error("region \(name) is listed twice") }
                regions[name] = Catalogue.Region(name: name, state: state, international: intl)
            }
            return regions
        }

        func zones(_ o: Object) -> [Catalogue.RegionKey: [Catalogue.Zone]] {
            var zones: [Catalogue.RegionKey: [Catalogue.Zone]] = [:]
            for entry in o.require("zones")?.list("zones") ?? [] {
                guard let (key, rows) = regionEntry(entry, list: "zones") else { continue }
                var list: [Catalogue.Zone] = []
                for row in rows {
                    guard let r = cells(row, 4, "a zone"), let name = r[0].string("zone"),
                        let state = r[1].string("state"), let ipv6 = flag(r[2])
                    else { continue }
                    let standby = r[3].type == .null && r[3].kind == .scalar ? nil : r[3].strings("standby-zones")
                    list.append(Catalogue.Zone(name: name, state: state, ipv6: ipv6, standbyZones: standby))
                }
                if zones[key] != nil { entry.error("the zones of \(key) are listed twice") }
                // In the order `render` writes, so that a decoded catalogue equals its rebuild.
                zones[key] = list.sorted { $0.name.utf8Precedes($1.name) }
            }
            return zones
        }

        func versions(_ o: Object) -> [Catalogue.RegionKey: [Catalogue.Version]] {
            var versions: [Catalogue.RegionKey: [Catalogue.Version]] = [:]
            for entry in o.require("versions")?.list("versions") ?? [] {
                guard let (key, rows) = regionEntry(entry, list: "versions") else { continue }
                var list: [Catalogue.Version] = []
                for row in rows {
                    guard let r = cells(row, 6, "a version") else { continue }
                    let texts = r[0..<5].compactMap { $0.string("a version's field") }
                    guard texts.count == 5, let features = r[5].strings("features") else { continue }
                    list.append(
                        Catalogue.Version(
                            engine: texts[0], version: texts[1], major: texts[2], kernel: texts[3], status: texts[4],
                            features: features))
                }
                if versions[key] != nil { entry.error("the versions of \(key) are listed twice") }
                versions[key] = list.sorted(by: versionOrder)
            }
            return versions
        }

        func classes(_ o: Object) -> [Catalogue.ClassKey: [Catalogue.Spec]] {
            var classes: [Catalogue.ClassKey: [Catalogue.Spec]] = [:]
            for entry in o.require("classes")?.list("classes") ?? [] {
                guard
                    let e = entry.object(
                        "a classes entry", allowed: ["zone", "engine", "major", "storage-type", "classes"]),
                    let zone = e.require("zone")?.string("zone"), let engine = e.require("engine")?.string("engine"),
                    let major = e.require("major")?.string("major"),
                    let storage = e.require("storage-type")?.string("storage-type"),
                    let rows = e.require("classes")?.list("classes")
                else { continue }
                var list: [Catalogue.Spec] = []
                for row in rows {
                    guard let r = cells(row, 6, "a class"), let code = r[0].string("spec-code") else { continue }
                    let n = r[1...].compactMap { count($0) }
                    guard n.count == 5 else { continue }
                    list.append(
                        Catalogue.Spec(
                            code: code, cpu: n[0], memoryMB: n[1], minStorageGB: n[2], maxStorageGB: n[3], qps: n[4]))
                }
                let key = Catalogue.ClassKey(zone: zone, engine: engine, major: major, storageType: storage)
                if classes[key] != nil { entry.error("the classes of \(key) are listed twice") }
                classes[key] = list.sorted { $0.code.utf8Precedes($1.code) }
            }
            return classes
        }

        func regionEntry(_ entry: Value, list: String) -> (Catalogue.RegionKey, [Value])? {
            guard let e = entry.object("a \(list) entry", allowed: ["region", "storage-type", list]),
                let region = e.require("region")?.string("region"),
                let storage = e.require("storage-type")?.string("storage-type"), let rows = e.require(list)?.list(list)
            else { return nil }
            return (Catalogue.RegionKey(region: region, storageType: storage), rows)
        }

        /// A row: a list of exactly `n` cells.
        func cells(_ row: Value, _ n: Int, _ what: String) -> [Value]? {
            guard let items = row.list(what) else { return nil }
            guard items.count == n else {
                row.error("\(what) has \(n) columns, not \(items.count)")
                return nil
            }
            return items
        }

        func flag(_ v: Value) -> Bool? {
            guard let n = v.int("a 0 or 1 column"), n == 0 || n == 1 else {
                if v.type == .integer { v.error("expected 0 or 1, not \(v.text)") }
                return nil
            }
            return n == 1
        }

        func count(_ v: Value) -> Int? {
            guard let n = v.int("a number column") else { return nil }
            guard n >= 0 else {
                v.error("expected a number from 0 up, not \(n)")
                return nil
            }
            return n
        }
    }
}

// MARK: - Times

/// RFC 3339 times in UTC (`2026-11-28T09:14:00Z`, seconds optional fractions), as seconds since 1970.
public enum Timestamp {
    public static func parse(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let y = digits(0..<4), let mo = digits(5..<7), let d = digits(8..<10), let h = digits(11..<13),
            let mi = digits(14..<16), let s = digits(17..<19)
        else { return nil }
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21, digits(20..<(b.count - 1)) != nil else { return nil }
        }
        guard (1970...9999).contains(y), (1...12).contains(mo), d >= 1, d <= daysIn(mo, y), h < 24, mi < 60, s < 60
        else { return nil }
        return days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s
    }

    static func leap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(_ m: Int, _ y: Int) -> Int {
        [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Days from 1970-01-01 to the date.
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        var n = 0
        for year in 1970..<y { n += leap(year) ? 366 : 365 }
        for month in 1..<m { n += daysIn(month, y) }
        return n + d - 1
    }

    /// The date of an instant, `YYYY-MM-DD`.
    public static func day(_ epoch: Int) -> String {
        var rest = epoch / 86_400
        var y = 1970
        while rest >= (leap(y) ? 366 : 365) {
            rest -= leap(y) ? 366 : 365
            y += 1
        }
        var m = 1
        while rest >= daysIn(m, y) {
            rest -= daysIn(m, y)
            m += 1
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(rest + 1))"
    }
}
