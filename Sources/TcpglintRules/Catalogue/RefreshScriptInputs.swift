import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - What the refresh script reads back, and keys files

extension RefreshScript {
    /// The zone states `catalogue zones` prints without `all`: those a new instance may be
    /// asked for (DescribeClasses answers for them).
    public static let soldZoneStates: Set<String> = ["AVAILABLE", "SELLOUT"]

    /// The zones of a saved DescribeZones answer (tccli's form or the API's), sorted, without
    /// repeats: those in `soldZoneStates`, or every one with `all`. Each is checked against the
    /// zone format and, with `region`, to be in that region; a fault is at the zone's place.
    public static func zones(file: String, region: String?, all: Bool, limits: InputLimits = .default) -> Result<
        [String], RuleFileErrors
    > {
        let diags = Diagnostics()
        var out = Set<String>()
        for row in rows(file, .zones, limits: limits, diags: diags) {
            guard let zone = row["Zone"] else { continue }
            guard all || soldZoneStates.contains(row["ZoneState"]?.text ?? "") else { continue }
            if let p = problem(zone.text, as: .zone) {
                zone.error(p)
            } else if let region, Catalogue.region(ofZone: zone.text) != region {
                zone.error("zone \(ValueText.quote(zone.text)) is not in region \(region)")
            } else {
                out.insert(zone.text)
            }
        }
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }
        return .success(out.sorted { $0.utf8Precedes($1) })
    }

    /// The distinct `DBMajorVersion`s of a saved DescribeDBVersions answer, of `engine` only
    /// when it is given, in numeric order; each is checked against the major version format.
    public static func majors(file: String, engine: String?, limits: InputLimits = .default) -> Result<
        [String], RuleFileErrors
    > {
        let diags = Diagnostics()
        var out = Set<String>()
        for row in rows(file, .versions, limits: limits, diags: diags) {
            guard let major = row["DBMajorVersion"] else { continue }
            if let engine, row["DBEngine"]?.text != engine { continue }
            if let p = problem(major.text, as: .major) { major.error(p) } else { out.insert(major.text) }
        }
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }
        return .success(out.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0 < $1 })
    }

    /// The checked items of a saved answer, as `catalogue build` reads it; none after an error.
    static func rows(_ file: String, _ action: CatalogueBuilder.Action, limits: InputLimits, diags: Diagnostics)
        -> [[String: Value]]
    {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(file, maxBytes: limits.maxFileBytes) } catch {
            diags.add(RuleLocation(file: file, line: 1, column: 1), "cannot read \(file): \(error)")
            return []
        }
        guard let r = CatalogueBuilder.response(name: file, bytes: bytes, action: action, limits: limits, diags: diags)
        else { return [] }
        let rows = CatalogueBuilder.items(r, action)
        return diags.errors.isEmpty ? rows : []
    }

    // MARK: Keys files

    /// A keys file: the text form `catalogue keys` prints (a line `zone engine major
    /// storage-type` per DescribeClasses key, `region storage-type` per DescribeZones and
    /// DescribeDBVersions key; blank lines and `#` comments), or its JSON form (a file whose
    /// first character, after white space, is `{`). Every field is checked at its place.
    public static func readKeys(file: String, limits: InputLimits = .default) -> Result<Keys, RuleFileErrors> {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(file, maxBytes: limits.maxFileBytes) } catch {
            return .failure(
                RuleFileErrors([RuleFileError(RuleLocation(file: file, line: 1, column: 1), "cannot read \(error)")]))
        }
        let diags = Diagnostics()
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let keys =
            first == UInt8(ascii: "{")
            ? jsonKeys(name: file, bytes: bytes, limits: limits, diags: diags)
            : textKeys(name: file, text: String(decoding: bytes, as: UTF8.self), diags: diags)
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }
        return .success(keys.normalized)
    }

    static func textKeys(name: String, text: String, diags: Diagnostics) -> Keys {
        var keys = Keys(classes: [], regions: [])
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            // The fields and their 1-based columns (in code points), up to a `#` that starts one.
            var fields: [(text: String, column: Int)] = []
            var column = 0
            var current: String?
            for s in line.unicodeScalars {
                column += 1
                if s == " " || s == "\t" {
                    if let c = current { fields.append((c, column - c.unicodeScalars.count)) }
                    current = nil
                } else if current == nil, s == "#" {
                    break
                } else {
                    current = (current ?? "") + String(s)
                }
            }
            if let c = current { fields.append((c, column + 1 - c.unicodeScalars.count)) }
            func at(_ col: Int) -> RuleLocation { RuleLocation(file: name, line: n + 1, column: col) }
            guard fields.count == 4 || fields.count == 2 else {
                if !fields.isEmpty {
                    diags.add(
                        at(fields[0].column),
                        "a keys line is `zone engine major storage-type` or `region storage-type`, not \(fields.count) field\(fields.count == 1 ? "" : "s")"
                    )
                }
                continue
            }
            let kinds: [Kind] = fields.count == 4 ? [.zone, .engine, .major, .storageType] : [.region, .storageType]
            var ok = true
            for (f, kind) in zip(fields, kinds) {
                if let p = problem(f.text, as: kind) {
                    diags.add(at(f.column), p)
                    ok = false
                }
            }
            guard ok else { continue }
            let v = fields.map(\.text)
            if v.count == 4 {
                keys.classes.append(.init(zone: v[0], engine: v[1], major: v[2], storageType: v[3]))
            } else {
                keys.regions.append(.init(region: v[0], storageType: v[1]))
            }
        }
        return keys
    }

    /// The JSON form: `{"keys": [{"zone", "engine", "major", "storage-type"}…], "regions":
    /// [{"region", "storage-type"}…]}`, both lists optional.
    static func jsonKeys(name: String, bytes: [UInt8], limits: InputLimits, diags: Diagnostics) -> Keys {
        var keys = Keys(classes: [], regions: [])
        var big = limits
        big.maxRequestBytes = max(big.maxRequestBytes, bytes.count + 1)
        let loaded = InputReader.load(name: name, bytes: bytes, format: .json, limits: big)
        for p in loaded.problems {
            diags.add(RuleLocation(file: name, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        guard let doc = loaded.documents.first, loaded.problems.isEmpty,
            let root = Value(doc: doc, id: doc.root, diags: diags).object("a keys file", allowed: ["keys", "regions"])
        else { return keys }
        func fields(_ item: Value, _ names: [(String, Kind)]) -> [String]? {
            guard let o = item.object("a key", allowed: names.map(\.0)) else { return nil }
            var out: [String] = []
            for (field, kind) in names {
                guard let v = o.require(field), let text = v.string(field) else { return nil }
                guard v.type == .string else {
                    v.error("\(field) must be a string, not \(v.kindName)")
                    return nil
                }
                if let p = problem(text, as: kind) {
                    v.error(p)
                    return nil
                }
                out.append(text)
            }
            return out
        }
        let classFields: [(String, Kind)] = [
            ("zone", .zone), ("engine", .engine), ("major", .major), ("storage-type", .storageType),
        ]
        for item in root["keys"]?.list("keys") ?? [] {
            guard let v = fields(item, classFields) else { continue }
            keys.classes.append(.init(zone: v[0], engine: v[1], major: v[2], storageType: v[3]))
        }
        for item in root["regions"]?.list("regions") ?? [] {
            guard let v = fields(item, [("region", .region), ("storage-type", .storageType)]) else { continue }
            keys.regions.append(.init(region: v[0], storageType: v[1]))
        }
        return keys
    }

    /// Keys in the text form: the DescribeClasses keys, then the region keys, each sorted.
    public static func text(_ keys: Keys) -> String {
        let k = keys.normalized
        return (k.classes.map(\.description) + k.regions.map(\.description)).map { $0 + "\n" }.joined()
    }

    /// Keys in the JSON form `readKeys` reads.
    public static func json(_ keys: Keys) -> String {
        let k = keys.normalized
        let classes = k.classes.map {
            "\n    {\"zone\": \(JSON.string($0.zone)), \"engine\": \(JSON.string($0.engine)), \"major\": \(JSON.string($0.major)), \"storage-type\": \(JSON.string($0.storageType))}"
        }
        let regions = k.regions.map {
            "\n    {\"region\": \(JSON.string($0.region)), \"storage-type\": \(JSON.string($0.storageType))}"
        }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[" + items.joined(separator: ",") + "\n  ]" }
        return "{\n  \"keys\": \(list(classes)),\n  \"regions\": \(list(regions))\n}\n"
    }
}
