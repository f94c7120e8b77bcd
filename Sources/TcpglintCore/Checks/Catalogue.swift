// MARK: - The catalogue check: the request against a snapshot of the cloud's catalogue
//
// Every fact reads the request's lookup key (the model's `catalogue-key:`: Region, the zones,
// DBEngine, DBMajorVersion, StorageType, SpecCode), worked out once per document, and the value
// at the rule's target. Without a snapshot, or without the model's key, nothing is reported.

/// The request's catalogue lookup key, as written (the engine and storage type with their
/// defaults when absent), with what the snapshot has for each of its zones. A class: every
/// catalogue check of a document reads the one made for it.
final class CatalogueQuery {
    /// One zone of the request and what the snapshot says of it, looked up once per document
    /// (a class, so that the facts that read it do not copy its lists).
    final class ZoneFacts {
        let name: String
        /// Its region and the request's storage type (nil for a zone not named `<region>-<n>`, or
        /// without a storage type).
        let regionKey: Catalogue.RegionKey?
        /// Its region's zone list for the storage type (nil when the snapshot has none).
        let list: [Catalogue.Zone]?
        /// Its own entry in that list.
        let info: Catalogue.Zone?
        /// Its classes for the request's engine, major version and storage type.
        let specs: [Catalogue.Spec]?

        init(
            name: String, regionKey: Catalogue.RegionKey?, list: [Catalogue.Zone]?, info: Catalogue.Zone?,
            specs: [Catalogue.Spec]?
        ) {
            self.name = name
            self.regionKey = regionKey
            self.list = list
            self.info = info
            self.specs = specs
        }
    }

    let region: String?
    let primaryZone: String?
    let engine: String?
    /// DBMajorVersion, or else the major version of DBVersion (`15` of `15.4`).
    let major: String?
    let storageType: String?
    let spec: String?
    let version: String?
    let kernel: String?
    /// The distinct zone names of the request, the primary zone (`Zone`) first.
    let zoneNames: [String]
    /// What the snapshot has for each of them (empty without a snapshot).
    private(set) var zones: [ZoneFacts] = []

    init(
        region: String?, zones: [String], primaryZone: String?, engine: String?, major: String?,
        storageType: String?, spec: String?, version: String? = nil, kernel: String? = nil, in c: Catalogue?
    ) {
        self.region = region
        self.primaryZone = primaryZone
        self.engine = engine
        self.major = major ?? version.flatMap(Self.major(of:))
        self.storageType = storageType
        self.spec = spec
        self.version = version
        self.kernel = kernel
        self.zoneNames = zones
        if let c { self.zones = zones.map { lookUp($0, in: c) } }
    }

    /// The major version of a community version from 10 on (`15` of `15.4`); nil for another
    /// form (before 10 the major is two numbers, and DBMajorVersion says which).
    static func major(of version: String) -> String? {
        let parts = version.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let major = Int(String(decoding: parts[0], as: UTF8.self)), major >= 10
        else { return nil }
        return String(major)
    }

    /// The region whose DescribeDBVersions the request's versions are looked up in: Region, or
    /// else the primary zone's.
    var versionRegion: String? { region ?? primaryZone.flatMap(Catalogue.region(ofZone:)) }

    /// The DescribeClasses keys of the request (one per zone), and the DescribeZones and
    /// DescribeDBVersions keys of their regions; what `catalogue keys` prints.
    var keys: (regions: [Catalogue.RegionKey], classes: [Catalogue.ClassKey]) {
        var regions: [Catalogue.RegionKey] = []
        if let st = storageType {
            for r in ([region] + zoneNames.map(Catalogue.region(ofZone:))).compactMap({ $0 }) {
                let k = Catalogue.RegionKey(region: r, storageType: st)
                if !regions.contains(k) { regions.append(k) }
            }
        }
        return (regions, zoneNames.compactMap(classKey))
    }

    /// What the snapshot says of a zone: the request's own, or looked up now.
    func facts(_ zone: String, in c: Catalogue) -> ZoneFacts {
        zones.first { $0.name == zone } ?? lookUp(zone, in: c)
    }

    private func lookUp(_ zone: String, in c: Catalogue) -> ZoneFacts {
        let rk = storageType.flatMap { st in
            Catalogue.region(ofZone: zone).map { Catalogue.RegionKey(region: $0, storageType: st) }
        }
        let list = rk.flatMap { c.zones[$0] }
        return ZoneFacts(
            name: zone, regionKey: rk, list: list, info: list?.first { $0.name == zone },
            specs: classKey(zone).flatMap { c.classes[$0] })
    }

    /// The DescribeClasses key of a zone; nil without an engine, major version or storage type.
    func classKey(_ zone: String) -> Catalogue.ClassKey? {
        guard let engine, let major, let storageType else { return nil }
        return Catalogue.ClassKey(zone: zone, engine: engine, major: major, storageType: storageType)
    }
}

extension Evaluation {
    /// The request's lookup key, read on first use from the slots of the plan's key patterns,
    /// with what the snapshot has for each zone.
    func query(_ c: Catalogue?) -> CatalogueQuery {
        if let q = catalogueQuery { return q }
        guard let ids = plan.catalogueKey else {
            return CatalogueQuery(
                region: nil, zones: [], primaryZone: nil, engine: nil, major: nil, storageType: nil, spec: nil,
                in: nil)
        }
        func first(_ p: Int?) -> String? {
            guard let p else { return nil }
            var found: String?
            forEachSlot(p, boundTo: nil) { s in
                found = text(s)
                return found == nil
            }
            return found
        }
        var zones: [String] = []
        for p in ids.zones {
            forEachSlot(p, boundTo: nil) { s in
                if let z = text(s), !zones.contains(z) { zones.append(z) }
                return true
            }
        }
        let q = CatalogueQuery(
            region: first(ids.region), zones: zones, primaryZone: ids.zones.first.flatMap(first),
            engine: first(ids.engine) ?? ids.defaultEngine, major: first(ids.major),
            storageType: first(ids.storageType) ?? ids.defaultStorageType, spec: first(ids.spec),
            version: first(ids.version), kernel: first(ids.kernel), in: c)
        catalogueQuery = q
        return q
    }

    /// The text of a slot's scalar value (nil for null, a mapping, a list or a secret).
    func text(_ slot: Slot) -> String? {
        guard let loc = slot.node else { return nil }
        let n = node(loc)
        guard n.kind == .scalar, n.type != .null, !isSecret(loc, slot.pattern) else { return nil }
        return n.value
    }

    // MARK: Decisions

    /// Whether the snapshot in use decides what a static rule checks at this slot.
    func catalogueDecides(_ decision: CatalogueDecision, _ slot: Slot) -> Bool {
        guard let c = linter.catalogue?.catalogue else { return false }
        switch decision {
        case .region, .zoneRegion: return c.regions != nil
        case .knownRegion:
            guard let v = text(slot) else { return false }
            return c.regions?[v] != nil
        case .specCode:
            return query(c).zones.contains { $0.specs != nil }
        case .major:
            return engineVersions(c, query(c)) != nil
        }
    }

    // MARK: Facts

    func catalogueHits(_ fact: CatalogueFact, slot: Slot) -> [Hit] {
        guard let c = linter.catalogue?.catalogue, plan.catalogueKey != nil, let loc = slot.node else { return [] }
        let q = query(c)
        let extra: [String: String]?
        switch fact {
        case .region: extra = regionFact(c, slot)
        case .zone: extra = zoneFact(c, q, slot)
        case .zoneState, .zoneSellout: extra = zoneStateFact(fact, c, q, slot)
        case .standbyZone: extra = standbyFact(c, q, slot)
        case .specCode: extra = specFact(c, q, slot)
        case .storageRange: extra = storageFact(c, q, loc)
        case .version: extra = versionFact(c, q, slot)
        case .versionStatus: extra = versionStatusFact(c, q, slot)
        case .tde: extra = tdeFact(c, q, loc)
        case .ipv6: extra = ipv6Fact(c, q, loc)
        case .zoneRemoved: extra = zoneRemovedFact(c, q, slot)
        case .specRemoved: extra = specRemovedFact(c, q, slot)
        }
        guard let extra else { return [] }
        var vars = valueVars(loc, slot.pattern)
        vars["captured"] = "catalogue captured \(c.capturedDay)"
        vars["storage-type"] = q.storageType ?? ""
        vars["engine"] = q.engine ?? ""
        vars["major"] = q.major ?? ""
        vars.merge(extra) { $1 }
        return [Hit(loc: loc, innerRange: nil, path: path(slot), vars: vars)]
    }

    func hint(_ v: String, _ among: [String]) -> String {
        Suggest.closest(to: v, in: among).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Each fact's message values when it fails at the slot; nil when it holds or cannot tell.
    private func regionFact(_ c: Catalogue, _ slot: Slot) -> [String: String]? {
        guard let regions = c.regions, let v = text(slot) else { return nil }
        let r = regions[v]
        if let r, c.sells(r) { return nil }
        let expected = "one of " + ValueText.list(c.soldRegions)
        guard let r else {
            return [
                "detail": "is not a region DescribeRegions lists", "expected": expected, "hint": hint(v, c.soldRegions),
            ]
        }
        if r.state != "AVAILABLE" { return ["detail": "is \(r.state)", "expected": expected, "hint": ""] }
        return ["detail": "is not sold on the international site", "expected": expected, "hint": ""]
    }

    private func zoneFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let z = text(slot) else { return nil }
        let f = q.facts(z, in: c)
        guard let rk = f.regionKey else { return nil }
        guard let zones = f.list else {
            // Zones not saved: a zone of a region DescribeRegions does not sell is still wrong
            // (when Region is written, the region fact reports it, once, at Region).
            guard q.region == nil, let regions = c.regions, regions[rk.region].map(c.sells) != true else { return nil }
            return [
                "region": rk.region, "detail": "is in region \(rk.region), which the catalogue does not sell",
                "expected": "a zone of \(ValueText.list(c.soldRegions))", "hint": "",
            ]
        }
        guard f.info != nil else {
            let names = zones.map(\.name)
            return [
                "region": rk.region, "detail": "is not a zone of \(rk.region) for \(rk.storageType)",
                "expected": "one of " + ValueText.list(names), "hint": hint(z, names),
            ]
        }
        return nil
    }

    private func zoneStateFact(_ fact: CatalogueFact, _ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot)
        -> [String: String]?
    {
        guard let z = text(slot) else { return nil }
        let f = q.facts(z, in: c)
        // A zone kept as REMOVED is zone-removed's to report.
        guard let rk = f.regionKey, let list = f.list, let info = f.info, info.lastSeen == nil else { return nil }
        let refused =
            switch info.state {
            case "UNAVAILABLE", "SUPPORTMODIFYONLY": fact == .zoneState
            case "SELLOUT": fact == .zoneSellout
            default: false
            }
        guard refused else { return nil }
        let open = list.filter { $0.state == "AVAILABLE" && $0.lastSeen == nil }.map(\.name)
        return [
            "state": info.state, "region": rk.region,
            "expected": open.isEmpty ? "none" : ValueText.list(open, conjunction: "and"),
        ]
    }

    private func standbyFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let z = text(slot), let primary = q.primaryZone, z != primary,
            let info = q.facts(primary, in: c).info
        else { return nil }
        let standby = info.standbyZones ?? []
        guard !standby.contains(z) else { return nil }
        return [
            "primary": primary,
            "expected": standby.isEmpty
                ? "\(primary) itself (its StandbyZoneSet is empty)"
                : "\(primary) itself or a zone of its StandbyZoneSet, \(ValueText.list(standby))",
        ]
    }

    private func specFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let s = text(slot) else { return nil }
        var missing: [String] = []
        var sold: [String]?
        for f in q.zones {
            guard let specs = f.specs, !specs.contains(where: { $0.code == s }) else { continue }
            missing.append(f.name)
            if sold == nil { sold = specs.filter { $0.lastSeen == nil }.map(\.code) }
        }
        guard let sold else { return nil }
        return [
            "zones": ValueText.list(missing, conjunction: "and"), "expected": ValueText.list(sold),
            "hint": hint(s, sold),
        ]
    }

    private func storageFact(_ c: Catalogue, _ q: CatalogueQuery, _ loc: Loc) -> [String: String]? {
        guard let n = integerValue(loc), let s = q.spec else { return nil }
        var lo = Int.min
        var hi = Int.max
        var found = false
        for f in q.zones {
            guard let spec = f.specs?.first(where: { $0.code == s }) else { continue }
            lo = max(lo, spec.minStorageGB)
            hi = min(hi, spec.maxStorageGB)
            found = true
        }
        guard found, n < lo || n > hi else { return nil }
        return ["spec": s, "expected": "\(lo) to \(hi)"]
    }

    // MARK: Coverage

    /// The `catalogue-key-missing` finding: once per request, at `$`, naming every key of the
    /// request the snapshot lacks (a zone of a region it does not sell is not missing: the zone
    /// fact reports it).
    func noteCatalogueCoverage() {
        guard let c = linter.catalogue?.catalogue, plan.catalogueKey != nil else { return }
        let q = query(c)
        var missing: [String] = []
        for f in q.zones {
            guard let rk = f.regionKey else { continue }
            if let regions = c.regions, regions[rk.region].map(c.sells) != true { continue }
            guard f.list != nil else {
                missing.append(
                    q.classKey(f.name).map(\.description) ?? "the zones of \(rk.region) for \(rk.storageType)")
                continue
            }
            // A zone that is not listed, or sells nothing new, is an error of its own, not a gap.
            guard let info = f.info, info.lastSeen == nil, ["AVAILABLE", "SELLOUT"].contains(info.state),
                let k = q.classKey(f.name), f.specs == nil
            else { continue }
            missing.append(k.description)
        }
        // The versions, when the snapshot saved some and the request names one.
        if c.versions.count > 0, q.major != nil || q.kernel != nil, let region = q.versionRegion,
            let st = q.storageType, c.versions[Catalogue.RegionKey(region: region, storageType: st)] == nil,
            c.regions.map({ $0[region].map(c.sells) == true }) ?? true
        {
            missing.append("the versions of \(region) for \(st)")
        }
        guard !missing.isEmpty else { return }
        let d = Diagnostic.catalogueKeyMissing
        let root = main[main.root]
        findings.append(
            Finding(
                file: main.source.name, document: main.index, range: SourceRange(at: root.range.start),
                severity: d.severity, code: d.code, rule: d.id, path: .root,
                message:
                    "the catalogue (captured \(c.capturedDay)) does not cover \(ValueText.list(missing, conjunction: "and")); the pack's static lists check it instead"
            ))
    }
}
