import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - The built catalogue file

/// The file `tcpglint catalogue build` writes and `lint --catalogue` reads: compact, sorted JSON
/// with one entry per line, so it diffs well, and rows written as arrays under the header's
/// `columns`, so it stays small; `lint` reads an entry's line only when it needs it
/// (CatalogueFileLazy.swift), which the checksum makes safe:
///
/// ```json
/// {"tcpglint-catalogue": 2, "site": "intl", "captured": "2026-11-28T09:14:00Z", "checksum": "fnv1a64:…",
/// "columns": {"regions": ["region", "state", "international"], …},
/// "has-regions": true,
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
    /// 3: zones, versions and classes end with `last-seen`, the day a REMOVED entry was last
    /// listed (null for the others). 2 had no such column, and is still read; 1 had no checksum.
    public static let formatVersion = 3
    static let readableFormats = [2, 3]
    static let columns: [(String, [String])] = [
        ("regions", ["region", "state", "international"]),
        ("zones", ["zone", "state", "ipv6", "standby-zones", "last-seen"]),
        ("versions", ["engine", "version", "major", "kernel", "status", "features", "last-seen"]),
        ("classes", ["spec-code", "cpu", "memory-mb", "min-storage-gb", "max-storage-gb", "qps", "last-seen"]),
    ]

    /// The columns of a format: format 2 had no `last-seen`.
    static func columns(format: Int) -> [(String, [String])] {
        format >= 3 ? columns : columns.map { ($0.0, $0.1.filter { $0 != "last-seen" }) }
    }
    static let topKeys = [
        "tcpglint-catalogue", "site", "captured", "checksum", "columns", "has-regions", "regions", "zones", "versions",
        "classes",
    ]

    /// A catalogue read from disk, with the place its `captured` was written (for the stale finding).
    public struct Loaded: Sendable {
        public let catalogue: Catalogue
        public let capturedAt: RuleLocation
        /// The file's format (`tcpglint-catalogue`).
        public let format: Int
    }

    // MARK: Writing

    public static func render(_ c: Catalogue) -> String {
        var out = "\"columns\": {"
        out += columns.map { "\(JSON.string($0.0)): [\($0.1.map(JSON.string).joined(separator: ", "))]" }
            .joined(separator: ", ")
        out += "},\n"
        func strings(_ s: [String]) -> String { "[" + s.map(JSON.string).joined(separator: ", ") + "]" }
        func day(_ d: String?) -> String { d.map(JSON.string) ?? "null" }
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
            c.zones.keys.map { k in
                let zones = c.zones[k]!.sorted { $0.name.utf8Precedes($1.name) }.map { z in
                    "[\(JSON.string(z.name)), \(JSON.string(z.state)), \(z.ipv6 ? 1 : 0), \(z.standbyZones.map(strings) ?? "null"), \(day(z.lastSeen))]"
                }
                return "{\"region\": \(JSON.string(k.region)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"zones\": [\(zones.joined(separator: ", "))]}"
            })
        section(
            "versions",
            c.versions.keys.map { k in
                let versions = c.versions[k]!.sorted(by: versionOrder).map { v in
                    "[\([v.engine, v.version, v.major, v.kernel, v.status].map(JSON.string).joined(separator: ", ")), \(strings(v.features)), \(day(v.lastSeen))]"
                }
                return "{\"region\": \(JSON.string(k.region)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"versions\": [\(versions.joined(separator: ", "))]}"
            })
        section(
            "classes",
            c.classes.keys.map { k in
                let specs = c.classes[k]!.sorted { $0.code.utf8Precedes($1.code) }.map { s in
                    "[\(JSON.string(s.code)), \(s.cpu), \(s.memoryMB), \(s.minStorageGB), \(s.maxStorageGB), \(s.qps), \(day(s.lastSeen))]"
                }
                return "{\"zone\": \(JSON.string(k.zone)), \"engine\": \(JSON.string(k.engine)), "
                    + "\"major\": \(JSON.string(k.major)), \"storage-type\": \(JSON.string(k.storageType)), "
                    + "\"classes\": [\(specs.joined(separator: ", "))]}"
            }, last: true)
        let header =
            "{\"tcpglint-catalogue\": \(formatVersion), \"site\": \(JSON.string(c.site.rawValue)), "
            + "\"captured\": \(JSON.string(c.captured)),"
        let sum = checksum(ArraySlice(header.utf8), ArraySlice(("\n" + out).utf8))
        return header + checksumField(sum) + "\n" + out
    }

    /// How the checksum ends the first line.
    static func checksumField(_ sum: String) -> String { " \"checksum\": \(JSON.string(sum))," }

    /// The checksum of the whole file but the checksum field itself (`fnv1a64:` and 16 hex
    /// digits): a file changed after `build` wrote it, its site and capture time included, is
    /// refused, so that reading only the lists a run needs never meets a fault unseen.
    static func checksum(_ head: ArraySlice<UInt8>, _ rest: ArraySlice<UInt8>) -> String {
        let h = wordHash(rest, from: wordHash(head))
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a over 8-byte words, little-endian (and the last bytes one by one), from `seed`.
    static func wordHash(_ bytes: ArraySlice<UInt8>, from seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var h = seed
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x100_0000_01b3
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
                i += 1
            }
            return h
        }
    }

    static func versionOrder(_ a: Catalogue.Version, _ b: Catalogue.Version) -> Bool {
        for (x, y) in [(a.engine, b.engine), (a.major, b.major), (a.kernel, b.kernel), (a.version, b.version)]
        where x != y {
            return x.utf8Precedes(y)
        }
        return a.status.utf8Precedes(b.status)
    }

    // MARK: Reading

    /// Reads a built catalogue; every fault is an error at its place. `lazily`, the zones,
    /// versions and classes of each key are decoded the first time a lint asks for them (the
    /// file's checksum vouches for them); otherwise all of it is decoded now.
    public static func read(_ path: String, lazily: Bool = true, limits: InputLimits = .default) -> Result<
        Loaded, RuleFileErrors
    > {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path, maxBytes: limits.maxFileBytes) } catch {
            return .failure(
                RuleFileErrors([
                    RuleFileError(RuleLocation(file: path, line: 1, column: 1), "cannot read the catalogue: \(error)")
                ]))
        }
        return lazily
            ? open(name: path, bytes: bytes, limits: limits) : decode(name: path, bytes: bytes, limits: limits)
    }

    /// Decodes all of a built catalogue's bytes; `verify` checks its checksum (the fuzz target
    /// does not, so that its mutations reach the decoder).
    public static func decode(name: String, bytes: [UInt8], limits: InputLimits = .default, verify: Bool = true)
        -> Result<Loaded, RuleFileErrors>
    {
        decode(name: name, bytes: bytes, limits: limits, checksumOf: verify ? bytes : nil)
    }

    /// Decodes the bytes; with `checksumOf`, the header's checksum must be that of that file
    /// (the bytes themselves, or the whole file they are the head of).
    static func decode(name: String, bytes: [UInt8], limits: InputLimits, checksumOf file: [UInt8]?)
        -> Result<Loaded, RuleFileErrors>
    {
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
        if let file, result != nil { verifyChecksum(doc, file, diags) }
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        guard let result else {
            return .failure(
                RuleFileErrors([RuleFileError(RuleLocation(file: name, line: 1, column: 1), "not a tcpglint catalogue")]
                ))
        }
        return .success(result)
    }

    /// Refuses a file whose checksum is not that of its text without the checksum field.
    static func verifyChecksum(_ doc: Document, _ file: [UInt8], _ diags: Diagnostics) {
        guard let entry = doc.lookup("checksum", in: doc.root) else {
            Value(doc: doc, id: doc.root, diags: diags).error(
                "the catalogue has no checksum; rebuild it with tcpglint catalogue build")
            return
        }
        let site = Value(doc: doc, id: entry.value, diags: diags)
        if site.kind != .scalar || site.text != expectedChecksum(file, written: site.text) {
            let crlf =
                file.contains(0x0D)
                ? " (its line ends were changed to CR LF: keep them as written, e.g. with -text in .gitattributes)" : ""
            site.error(
                "the catalogue was changed after it was built (its checksum does not match\(crlf)); rebuild it with tcpglint catalogue build"
            )
        }
    }

    /// The checksum of a file whose first line ends with `checksumField(written)`, as `render`
    /// made it; nil when the first line does not end so.
    static func expectedChecksum(_ file: [UInt8], written: String) -> String? {
        let newline = file.firstIndex(of: 0x0A) ?? file.count
        let field = Array(checksumField(written).utf8)
        guard file[..<newline].reversed().starts(with: field.reversed()) else { return nil }
        return checksum(file[..<(newline - field.count)], file[newline...])
    }

    /// Decodes the rows. Rows are read in place from the document's nodes; faults go through
    /// `Value`, which places them.
    struct Decoder {
        let diags: Diagnostics
        /// The file's format: from 3, rows end with `last-seen`.
        var format = formatVersion
        /// The cells a row has beyond its fields: `last-seen` from format 3.
        var extra: Int { format >= 3 ? 1 : 0 }

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
            guard let o = root.object("the catalogue", allowed: topKeys) else { return nil }
            guard let v = o.require("tcpglint-catalogue"), let format = v.int("tcpglint-catalogue") else { return nil }
            guard readableFormats.contains(format) else {
                v.error(
                    "catalogue format \(format) is not supported (this tcpglint reads formats \(readableFormats.map(String.init).joined(separator: " and "))); rebuild it"
                )
                return nil
            }
            let decoder = Decoder(diags: diags, format: format)
            let site = CatalogueBuilder.site(o)
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
                for (name, expected) in columns(format: format) {
                    if let got = co.require(name)?.strings("columns \(name)"), got != expected {
                        co[name]?.error("columns \(name) must be \(expected), not \(got); rebuild the catalogue")
                    }
                }
            }
            let hasRegions = o["has-regions"]?.bool("has-regions") ?? true
            let regions = decoder.regions(o)
            let zones = decoder.zones(o)
            let versions = decoder.versions(o)
            let classes = decoder.classes(o)
            let catalogue = Catalogue(
                site: site, captured: captured, capturedEpoch: epoch, regions: hasRegions ? regions : nil,
                zones: zones, versions: versions, classes: classes)
            return Loaded(catalogue: catalogue, capturedAt: capturedSite.location, format: format)
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
                guard let (key, list) = zoneEntry(entry) else { continue }
                if zones[key] != nil { entry.error("the zones of \(key) are listed twice") }
                zones[key] = list
            }
            return zones
        }

        func versions(_ o: Object) -> [Catalogue.RegionKey: [Catalogue.Version]] {
            var versions: [Catalogue.RegionKey: [Catalogue.Version]] = [:]
            for entry in o.require("versions")?.list("versions") ?? [] {
                guard let (key, list) = versionEntry(entry) else { continue }
                if versions[key] != nil { entry.error("the versions of \(key) are listed twice") }
                versions[key] = list
            }
            return versions
        }

        func classes(_ o: Object) -> [Catalogue.ClassKey: [Catalogue.Spec]] {
            var classes: [Catalogue.ClassKey: [Catalogue.Spec]] = [:]
            for entry in o.require("classes")?.list("classes") ?? [] {
                guard let (key, list) = classEntry(entry) else { continue }
                if classes[key] != nil { entry.error("the classes of \(key) are listed twice") }
                classes[key] = list
            }
            return classes
        }

        // Each entry's list is kept in the order `render` writes, so that a decoded catalogue
        // equals its rebuild.

        func zoneEntry(_ entry: Value) -> (Catalogue.RegionKey, [Catalogue.Zone])? {
            guard let (key, rows) = regionEntry(entry, list: "zones") else { return nil }
            var list: [Catalogue.Zone] = []
            for row in rows {
                guard let r = cells(row, 4 + extra, "a zone"), let name = r[0].string("zone"),
                    let state = r[1].string("state"), let ipv6 = flag(r[2]), let seen = lastSeen(r, 4)
                else { continue }
                let standby = r[3].type == .null && r[3].kind == .scalar ? nil : r[3].strings("standby-zones")
                list.append(
                    Catalogue.Zone(name: name, state: state, ipv6: ipv6, standbyZones: standby, lastSeen: seen))
            }
            return (key, list.sorted { $0.name.utf8Precedes($1.name) })
        }

        func versionEntry(_ entry: Value) -> (Catalogue.RegionKey, [Catalogue.Version])? {
            guard let (key, rows) = regionEntry(entry, list: "versions") else { return nil }
            var list: [Catalogue.Version] = []
            for row in rows {
                guard let r = cells(row, 6 + extra, "a version") else { continue }
                let texts = r[0..<5].compactMap { $0.string("a version's field") }
                guard texts.count == 5, let features = r[5].strings("features"), let seen = lastSeen(r, 6) else {
                    continue
                }
                list.append(
                    Catalogue.Version(
                        engine: texts[0], version: texts[1], major: texts[2], kernel: texts[3], status: texts[4],
                        features: features, lastSeen: seen))
            }
            return (key, list.sorted(by: versionOrder))
        }

        func classEntry(_ entry: Value) -> (Catalogue.ClassKey, [Catalogue.Spec])? {
            guard
                let e = entry.object(
                    "a classes entry", allowed: ["zone", "engine", "major", "storage-type", "classes"]),
                let zone = e.require("zone")?.string("zone"), let engine = e.require("engine")?.string("engine"),
                let major = e.require("major")?.string("major"),
                let storage = e.require("storage-type")?.string("storage-type"),
                let rows = e.require("classes")?.list("classes")
            else { return nil }
            var list: [Catalogue.Spec] = []
            for row in rows {
                guard let r = cells(row, 6 + extra, "a class"), let code = r[0].string("spec-code"),
                    let seen = lastSeen(r, 6)
                else { continue }
                let n = r[1..<6].compactMap { count($0) }
                guard n.count == 5 else { continue }
                list.append(
                    Catalogue.Spec(
                        code: code, cpu: n[0], memoryMB: n[1], minStorageGB: n[2], maxStorageGB: n[3], qps: n[4],
                        lastSeen: seen))
            }
            let key = Catalogue.ClassKey(zone: zone, engine: engine, major: major, storageType: storage)
            return (key, list.sorted { $0.code.utf8Precedes($1.code) })
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

        /// The `last-seen` cell at `i`: `.some(nil)` for null, and for format 2, which has no
        /// such cell; `.some(day)` for a day (`2026-11-28`); nil, with an error, for anything else.
        func lastSeen(_ r: [Value], _ i: Int) -> String?? {
            guard format >= 3 else { return .some(nil) }
            let v = r[i]
            if v.kind == .scalar, v.type == .null { return .some(nil) }
            guard let text = v.string("last-seen") else { return nil }
            guard Timestamp.parse(text + "T00:00:00Z") != nil, text.utf8.count == 10 else {
                v.error("last-seen must be a day such as 2026-11-28, not \(ValueText.quote(text))")
                return nil
            }
            return .some(text)
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
