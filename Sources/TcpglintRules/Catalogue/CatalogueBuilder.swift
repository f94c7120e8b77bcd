import TcpglintCore
import TcpglintInput
import TcpglintSystem

// MARK: - From saved responses to a catalogue

/// Reads a raw catalogue folder: the responses the user saved with tccli and its
/// `manifest.yaml`, which says what each file answered:
///
/// ```yaml
/// version: 1
/// site: intl                      # intl or china
/// captured: 2026-11-28T09:14:00Z  # when the responses were saved (RFC 3339, UTC)
/// files:
///   - path: regions.json
///     action: DescribeRegions
///   - path: ap-guangzhou/zones.PHYSICAL_LOCAL_SSD.json
///     action: DescribeZones
///     region: ap-guangzhou
///     params: {StorageType: PHYSICAL_LOCAL_SSD}
/// ```
///
/// Every file is checked on its own against its entry: its shape (from the postgres API
/// definition), no credential key at any depth, no API error body. Then the whole is checked
/// against the sanity floors (no region without zones, no empty class list beside full ones).
public enum CatalogueBuilder {
    public static let manifestName = "manifest.yaml"
    /// Where `catalogue build` reads by default, and where `lint` finds nothing to lint.
    public static let defaultDirectory = ".tcpglint/catalogue"
    public static let defaultOutput = ".tcpglint/catalogue.json"
    static let manifestKeys = ["version", "site", "captured", "files"]
    static let entryKeys = ["path", "action", "region", "params"]
    /// Keys that hold credentials: refused anywhere in a manifest or a response.
    static let credentialKeys: Set<String> = ["secretid", "secretkey", "token", "sessiontoken"]
    /// The API's default storage type for DescribeZones, DescribeDBVersions and DescribeClasses.
    public static let defaultStorageType = "PHYSICAL_LOCAL_SSD"

    /// A built catalogue and the build's warnings (what it kept but doubts).
    public struct Built: Sendable {
        public let catalogue: Catalogue
        public let warnings: [RuleFileError]
    }

    /// The actions a raw file may answer, with the list each response holds and its members.
    enum Action: String, CaseIterable {
        case regions = "DescribeRegions"
        case zones = "DescribeZones"
        case versions = "DescribeDBVersions"
        case classes = "DescribeClasses"

        var setKey: String {
            switch self {
            case .regions: return "RegionSet"
            case .zones: return "ZoneSet"
            case .versions: return "VersionSet"
            case .classes: return "ClassInfoSet"
            }
        }

        /// The request parameters the action takes (the manifest's `params`), the required first.
        var params: (required: [String], optional: [String]) {
            switch self {
            case .regions: return ([], [])
            case .zones, .versions: return ([], ["StorageType"])
            case .classes: return (["Zone", "DBEngine", "DBMajorVersion"], ["StorageType"])
            }
        }

        /// Each member of an item: its type, and whether tcpglint needs it (a missing optional
        /// member is accepted; a present one must have its type).
        var members: [(name: String, type: Member, needed: Bool)] {
            switch self {
            case .regions:
                return [
                    ("Region", .string, true), ("RegionState", .string, true), ("SupportInternational", .integer, true),
                    ("RegionName", .string, false), ("RegionId", .integer, false),
                ]
            case .zones:
                return [
                    ("Zone", .string, true), ("ZoneState", .string, true), ("ZoneSupportIpv6", .integer, true),
                    ("StandbyZoneSet", .strings, true), ("ZoneName", .string, false), ("ZoneId", .integer, false),
                ]
            case .versions:
                return [
                    ("DBEngine", .string, true), ("DBVersion", .string, true), ("DBMajorVersion", .string, true),
                    ("DBKernelVersion", .string, true), ("Status", .string, true),
                    ("SupportedFeatureNames", .strings, true), ("AvailableUpgradeTarget", .strings, false),
                ]
            case .classes:
                return [
                    ("SpecCode", .string, true), ("CPU", .integer, true), ("Memory", .integer, true),
                    ("MinStorage", .integer, true), ("MaxStorage", .integer, true), ("QPS", .integer, true),
                ]
            }
        }
    }

    enum Member {
        case string, integer
        /// A list of strings, or null.
        case strings
    }

    /// One file entry of the manifest, checked.
    struct Entry {
        let site: Value
        let path: String
        let action: Action
        let region: String?
        let params: [String: String]
    }

    // MARK: Building

    /// `now` (seconds since 1970) refuses a `captured` later than it.
    public static func build(directory: String, now: Int? = nil, limits: InputLimits = .default) -> Result<
        Built, RuleFileErrors
    > {
        let diags = Diagnostics()
        var warnings: [RuleFileError] = []
        let shownDir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let manifestPath = shownDir + "/" + manifestName
        func fail(_ message: String, _ at: String = manifestPath) -> Result<Built, RuleFileErrors> {
            .failure(RuleFileErrors([RuleFileError(RuleLocation(file: at, line: 1, column: 1), message)]))
        }
        guard FileSystem.kind(directory) == .directory else {
            return fail("cannot read the raw catalogue folder \(directory): it is not a folder", directory)
        }
        let manifestBytes: [UInt8]
        do { manifestBytes = try FileSystem.readFile(manifestPath, maxBytes: limits.maxFileBytes) } catch {
            return fail("cannot read the manifest: \(error)")
        }
        let loaded = InputReader.load(name: manifestPath, bytes: manifestBytes, format: .yaml, limits: limits)
        for p in loaded.problems where p.diagnostic != .yaml11 {
            diags.add(
                RuleLocation(file: manifestPath, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        guard let doc = loaded.documents.first, diags.errors.isEmpty else {
            if diags.errors.isEmpty { return fail("the manifest is empty") }
            return .failure(RuleFileErrors(diags.errors))
        }
        refuseCredentials(in: doc, diags: diags)
        let root = Value(doc: doc, id: doc.root, diags: diags)
        guard let o = root.object("the manifest", allowed: manifestKeys) else {
            return .failure(RuleFileErrors(diags.errors))
        }
        let (site, captured, epoch) = header(o, now: now)
        var entries: [Entry] = []
        var listed: [String: Value] = [:]
        for item in o.require("files")?.list("files") ?? [] {
            guard let e = entry(item, directory: shownDir) else { continue }
            if let first = listed[e.path] {
                item.error("\(e.path) is listed twice; the first entry is at line \(first.location.line)")
                continue
            }
            listed[e.path] = item
            entries.append(e)
        }
        // Every file of the folder is in the manifest: a response saved and not listed would be
        // dropped in silence.
        for path in files(under: directory) where path != manifestName && listed[path] == nil {
            diags.add(
                RuleLocation(file: shownDir + "/" + path, line: 1, column: 1),
                "\(path) is not listed in \(manifestName); list it with its action, or remove it")
        }
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }

        var merge = Merge(site: site, captured: captured, epoch: epoch)
        for e in entries {
            let name = shownDir + "/" + e.path
            let bytes: [UInt8]
            do { bytes = try FileSystem.readFile(name, maxBytes: limits.maxFileBytes) } catch {
                e.site.error("cannot read \(e.path): \(error)")
                continue
            }
            let fileDiags = Diagnostics()
            if let response = response(name: name, bytes: bytes, action: e.action, limits: limits, diags: fileDiags) {
                merge.add(response, entry: e, file: name, diags: fileDiags, warnings: &warnings)
            }
            diags.errors += fileDiags.errors
        }
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }
        merge.checkFloors(diags: diags, warnings: &warnings)
        guard diags.errors.isEmpty else { return .failure(RuleFileErrors(diags.errors)) }
        return .success(Built(catalogue: merge.catalogue, warnings: RuleFileErrors(warnings).errors))
    }

    /// The `site` of a manifest or a built catalogue (intl when it is wrong: the error says so).
    static func site(_ o: Object) -> Catalogue.Site {
        guard let s = o.require("site"), let text = s.string("site") else { return .intl }
        guard let parsed = Catalogue.Site(rawValue: text) else {
            s.error("site must be intl or china, not \(ValueText.quote(text))")
            return .intl
        }
        return parsed
    }

    /// The manifest's version, site and capture time, checked.
    static func header(_ o: Object, now: Int?) -> (Catalogue.Site, String, Int) {
        if let v = o.require("version"), let n = v.int("version"), n != 1 {
            v.error("manifest version \(n) is not supported (this tcpglint reads version 1)")
        }
        let site = CatalogueBuilder.site(o)
        var captured = ""
        var epoch = 0
        if let c = o.require("captured"), let text = c.string("captured") {
            if let e = Timestamp.parse(text) {
                captured = text
                epoch = e
                if let now, e > now {
                    c.error(
                        "captured \(text) is later than the clock (\(Timestamp.day(now))); the responses cannot come from the future"
                    )
                }
            } else {
                c.error(
                    "captured must be an RFC 3339 time in UTC, such as 2026-11-28T09:14:00Z, not \(ValueText.quote(text))"
                )
            }
        }
        return (site, captured, epoch)
    }

    /// The relative paths of every regular file under a folder, hidden ones too.
    static func files(under directory: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, _ rel: String) {
            guard let names = try? FileSystem.listDirectory(dir) else { return }
            for n in names.sorted(by: { $0.utf8Precedes($1) }) {
                let path = dir + "/" + n
                let r = rel.isEmpty ? n : rel + "/" + n
                switch FileSystem.kind(path) {
                case .directory: walk(path, r)
                case .regular, .other, .missing: out.append(r)
                }
            }
        }
        walk(directory.hasSuffix("/") ? String(directory.dropLast()) : directory, "")
        return out
    }

    /// A manifest entry, checked: a relative path inside the folder to a file there, a known
    /// action, its region and params.
    static func entry(_ item: Value, directory: String) -> Entry? {
        guard let e = item.object("a file entry", allowed: entryKeys),
            let pathSite = e.require("path"), let path = pathSite.string("path"),
            let actionSite = e.require("action"), let actionName = actionSite.string("action")
        else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(".."), !parts.contains(""), path != manifestName else {
            pathSite.error("path \(ValueText.quote(path)) must name a file inside the folder, relative to it")
            return nil
        }
        guard let action = Action(rawValue: actionName) else {
            let names = Action.allCases.map(\.rawValue)
            let hint = Suggest.closest(to: actionName, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
            actionSite.error(
                "action \(ValueText.quote(actionName)) is not one a catalogue reads\(hint); expected one of \(names.joined(separator: ", "))"
            )
            return nil
        }
        if FileSystem.kind(directory + "/" + path) != .regular {
            pathSite.error("\(path) is not a file in \(directory)")
            return nil
        }
        var region: String?
        if action != .regions {
            guard let r = e.require("region")?.string("region") else { return nil }
            region = r
        } else if let r = e["region"] {
            region = r.string("region")
        }
        var params: [String: String] = [:]
        let allowed = action.params.required + action.params.optional
        if let p = e["params"] {
            // A credential key is refused once (refuseCredentials), not again as an unknown param.
            let credentials =
                p.isMapping
                ? p.doc.entries(of: p.id).map { p.doc[$0.key].value }.filter {
                    credentialKeys.contains($0.lowercased())
                }
                : []
            guard let po = p.object("params of \(action.rawValue)", allowed: allowed + credentials) else { return nil }
            for (k, v) in po.entries {
                guard let text = v.string(k.text) else { return nil }
                params[k.text] = text
            }
        }
        for name in action.params.required where params[name] == nil {
            (e["params"] ?? item).error("\(action.rawValue) needs params \(name) (the value it was called with)")
            return nil
        }
        if action == .classes, let zone = params["Zone"], let region, Catalogue.region(ofZone: zone) != region {
            (e["region"] ?? item).error("zone \(zone) is not in region \(region)")
            return nil
        }
        return Entry(site: item, path: path, action: action, region: region, params: params)
    }

    /// Refuses every credential key of a document, at its place; its value is never shown.
    static func refuseCredentials(in doc: Document, diags: Diagnostics) {
        for (i, n) in doc.nodes.enumerated() where n.kind == .mapping {
            for (k, _) in doc.entries(of: NodeID(i)) where credentialKeys.contains(doc[k].value.lowercased()) {
                Value(doc: doc, id: k, diags: diags).error(
                    "\(doc[k].value) is a credential; a catalogue never holds one (remove the key; its value is not read)"
                )
            }
        }
    }

    /// A raw file's response: the object inside `Response` (the API's form), or the file's own
    /// object (tccli's), checked against the action's shape.
    static func response(name: String, bytes: [UInt8], action: Action, limits: InputLimits, diags: Diagnostics)
        -> Value?
    {
        var big = limits
        big.maxRequestBytes = max(big.maxRequestBytes, bytes.count + 1)
        let loaded = InputReader.load(name: name, bytes: bytes, format: .json, limits: big)
        for p in loaded.problems {
            diags.add(RuleLocation(file: name, line: p.range.start.line, column: p.range.start.column), p.message)
        }
        guard let doc = loaded.documents.first, loaded.problems.isEmpty else {
            if diags.errors.isEmpty {
                diags.add(RuleLocation(file: name, line: 1, column: 1), "the file holds no JSON text")
            }
            return nil
        }
        refuseCredentials(in: doc, diags: diags)
        var v = Value(doc: doc, id: doc.root, diags: diags)
        guard v.isMapping else {
            v.error("a saved \(action.rawValue) response is a JSON object, not \(v.kindName)")
            return nil
        }
        if let r = doc.lookup("Response", in: doc.root) {
            v = Value(doc: doc, id: r.value, diags: diags)
            guard v.isMapping else {
                v.error("Response must be an object, not \(v.kindName)")
                return nil
            }
        }
        if let e = doc.lookup("Error", in: v.id) {
            let code = doc.lookup("Code", in: e.value).map { doc[$0.value].value } ?? "no code"
            Value(doc: doc, id: e.key, diags: diags).error(
                "the response is an API error (\(code)), not a \(action.rawValue) answer; call it again and save the answer"
            )
            return nil
        }
        guard doc.lookup(action.setKey, in: v.id) != nil else {
            if let other = Action.allCases.first(where: { doc.lookup($0.setKey, in: v.id) != nil }) {
                v.error(
                    "this is a \(other.rawValue) response (it holds \(other.setKey)), but the manifest files it as \(action.rawValue)"
                )
            } else {
                v.error("a \(action.rawValue) response holds \(action.setKey), which this one lacks")
            }
            return nil
        }
        return diags.errors.isEmpty ? v : nil
    }

    /// The items of a response's list, each checked against the action's members.
    static func items(_ response: Value, _ action: Action) -> [[String: Value]] {
        let doc = response.doc
        guard let set = doc.lookup(action.setKey, in: response.id) else { return [] }
        let list = Value(doc: doc, id: set.value, diags: response.diags)
        if list.kind == .scalar, list.type == .null { return [] }
        var out: [[String: Value]] = []
        for item in list.list(action.setKey) ?? [] {
            guard item.isMapping else {
                item.error("each item of \(action.setKey) must be an object, not \(item.kindName)")
                continue
            }
            var fields: [String: Value] = [:]
            var ok = true
            for (name, type, needed) in action.members {
                guard let m = doc.lookup(name, in: item.id) else {
                    if needed {
                        item.error("an item of \(action.setKey) lacks \(name)")
                        ok = false
                    }
                    continue
                }
                let value = Value(doc: doc, id: m.value, diags: response.diags)
                let isNull = value.kind == .scalar && value.type == .null
                switch type {
                case .string:
                    guard value.kind == .scalar, value.type == .string else {
                        value.error("\(name) must be a string, not \(value.kindName)")
                        ok = false
                        continue
                    }
                case .integer:
                    guard value.kind == .scalar, value.type == .integer,
                        let n = IntegerLiteral.parse(value.text, yaml: false),
                        n >= 0
                    else {
                        value.error("\(name) must be an integer from 0 up, not \(value.kindName)")
                        ok = false
                        continue
                    }
                case .strings:
                    if !isNull {
                        guard let items = value.list(name),
                            items.allSatisfy({ $0.kind == .scalar && $0.type == .string })
                        else {
                            if value.isSequence { value.error("each item of \(name) must be a string") }
                            ok = false
                            continue
                        }
                    }
                }
                fields[name] = value
            }
            if ok { out.append(fields) }
        }
        return out
    }

    // MARK: Merging the files

    struct Merge {
        let site: Catalogue.Site
        let captured: String
        let epoch: Int
        var regions: [String: Catalogue.Region]?
        var regionsFile: String?
        var zones: [Catalogue.RegionKey: [Catalogue.Zone]] = [:]
        var versions: [Catalogue.RegionKey: [Catalogue.Version]] = [:]
        var classes: [Catalogue.ClassKey: [Catalogue.Spec]] = [:]
        /// Where each list came from (for the floors' messages and repeats).
        var zonesFrom: [Catalogue.RegionKey: String] = [:]
        var versionsFrom: [Catalogue.RegionKey: String] = [:]
        var classesFrom: [Catalogue.ClassKey: String] = [:]

        init(site: Catalogue.Site, captured: String, epoch: Int) {
            self.site = site
            self.captured = captured
            self.epoch = epoch
        }

        var catalogue: Catalogue {
            Catalogue(
                site: site, captured: captured, capturedEpoch: epoch, regions: regions, zones: zones,
                versions: versions, classes: classes)
        }

        static func text(_ v: Value?) -> String { v?.text ?? "" }
        static func int(_ v: Value?) -> Int { v.flatMap { IntegerLiteral.parse($0.text, yaml: false) } ?? 0 }
        static func strings(_ v: Value?) -> [String]? {
            guard let v, v.isSequence else { return nil }
            return v.doc.items(of: v.id).map { v.doc[$0].value }
        }

        mutating func add(
            _ response: Value, entry e: Entry, file: String, diags: Diagnostics, warnings: inout [RuleFileError]
        ) {
            let rows = CatalogueBuilder.items(response, e.action)
            guard diags.errors.isEmpty else { return }
            let storage = e.params["StorageType"] ?? CatalogueBuilder.defaultStorageType
            func repeated(_ first: String?, _ what: String) -> Bool {
                guard let first else { return false }
                e.site.error("a second \(what); the first is \(first)")
                return true
            }
            func warn(_ at: Value, _ message: String) {
                let p = at.location
                warnings.append(RuleFileError(p, message))
            }
            switch e.action {
            case .regions:
                if repeated(regionsFile, "DescribeRegions") { return }
                regionsFile = file
                var out: [String: Catalogue.Region] = [:]
                for r in rows {
                    let name = Self.text(r["Region"])
                    let state = Self.text(r["RegionState"])
                    if !["AVAILABLE", "UNAVAILABLE"].contains(state), let at = r["RegionState"] {
                        warn(
                            at,
                            "region \(name) has RegionState \(state), which tcpglint does not know; it is kept, and taken as not sold"
                        )
                    }
                    out[name] = Catalogue.Region(
                        name: name, state: state, international: Self.int(r["SupportInternational"]) == 1)
                }
                regions = out
            case .zones:
                addZones(rows, entry: e, storage: storage, file: file, warn: warn)
            case .versions:
                let key = Catalogue.RegionKey(region: e.region ?? "", storageType: storage)
                if repeated(versionsFrom[key], "DescribeDBVersions of \(key.region) for \(storage)") { return }
                versionsFrom[key] = file
                versions[key] = rows.map { v in
                    Catalogue.Version(
                        engine: Self.text(v["DBEngine"]), version: Self.text(v["DBVersion"]),
                        major: Self.text(v["DBMajorVersion"]), kernel: Self.text(v["DBKernelVersion"]),
                        status: Self.text(v["Status"]), features: Self.strings(v["SupportedFeatureNames"]) ?? [])
                }
            case .classes:
                let key = Catalogue.ClassKey(
                    zone: e.params["Zone"] ?? "", engine: e.params["DBEngine"] ?? "",
                    major: e.params["DBMajorVersion"] ?? "", storageType: storage)
                if repeated(classesFrom[key], "DescribeClasses of \(key)") { return }
                classesFrom[key] = file
                classes[key] = rows.map { c in
                    Catalogue.Spec(
                        code: Self.text(c["SpecCode"]), cpu: Self.int(c["CPU"]), memoryMB: Self.int(c["Memory"]),
                        minStorageGB: Self.int(c["MinStorage"]), maxStorageGB: Self.int(c["MaxStorage"]),
                        qps: Self.int(c["QPS"]))
                }
            }
        }

        mutating func addZones(
            _ rows: [[String: Value]], entry e: Entry, storage: String, file: String, warn: (Value, String) -> Void
        ) {
            let key = Catalogue.RegionKey(region: e.region ?? "", storageType: storage)
            if let first = zonesFrom[key] {
                e.site.error("a second DescribeZones of \(key.region) for \(storage); the first is \(first)")
                return
            }
            zonesFrom[key] = file
            var list: [Catalogue.Zone] = []
            for z in rows {
                let name = Self.text(z["Zone"])
                if Catalogue.region(ofZone: name) != key.region, let at = z["Zone"] {
                    at.error(
                        "zone \(name) is not in region \(key.region), which the manifest says this file answers for"
                    )
                    continue
                }
                let state = Self.text(z["ZoneState"])
                if !["AVAILABLE", "UNAVAILABLE", "SELLOUT", "SUPPORTMODIFYONLY"].contains(state),
                    let at = z["ZoneState"]
                {
                    warn(at, "zone \(name) has ZoneState \(state), which tcpglint does not know; it is kept")
                }
                list.append(
                    Catalogue.Zone(
                        name: name, state: state, ipv6: Self.int(z["ZoneSupportIpv6"]) == 1,
                        standbyZones: Self.strings(z["StandbyZoneSet"])))
            }
            zones[key] = list
        }

        /// The sanity floors: a refresh that lost data must not pass as a smaller catalogue.
        func checkFloors(diags: Diagnostics, warnings: inout [RuleFileError]) {
            func at(_ file: String?) -> RuleLocation { RuleLocation(file: file ?? "", line: 1, column: 1) }
            for (key, list) in zones where list.isEmpty {
                diags.add(
                    at(zonesFrom[key]),
                    "region \(key.region) has no zones for \(key.storageType); a region with no zones is a failed refresh, not a catalogue"
                )
            }
            for (key, specs) in classes {
                let rk = Catalogue.RegionKey(
                    region: Catalogue.region(ofZone: key.zone) ?? "", storageType: key.storageType)
                let zone = zones[rk]?.first { $0.name == key.zone }
                if zones[rk] != nil, zone == nil {
                    warnings.append(
                        RuleFileError(
                            at(classesFrom[key]),
                            "DescribeClasses answers for zone \(key.zone), which DescribeZones of \(rk.region) for \(key.storageType) does not list; kept"
                        ))
                }
                guard specs.isEmpty, zone?.state == "AVAILABLE" || zone == nil else { continue }
                let fuller = classes.first { other in
                    !other.value.isEmpty && other.key.engine == key.engine && other.key.major == key.major
                        && other.key.storageType == key.storageType && other.key.zone != key.zone
                        && Catalogue.region(ofZone: other.key.zone) == rk.region
                }
                if let fuller, zone?.state == "AVAILABLE" {
                    diags.add(
                        at(classesFrom[key]),
                        "DescribeClasses of \(key) is empty, but zone \(key.zone) is AVAILABLE and \(fuller.key.zone) has \(fuller.value.count) classes for the same engine, major and storage type; refresh it"
                    )
                }
            }
            for (key, list) in versions where list.isEmpty {
                warnings.append(
                    RuleFileError(
                        at(versionsFrom[key]),
                        "DescribeDBVersions of \(key.region) for \(key.storageType) is empty; kept"))
            }
        }
    }
}
