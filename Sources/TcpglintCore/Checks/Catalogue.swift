// MARK: - The catalogue check: the request against a snapshot of the cloud's catalogue
//
// Every fact reads the request's lookup key (the model's `catalogue-key:`: Region, the zones,
// DBEngine, DBMajorVersion, StorageType, SpecCode), worked out once per document, and the value
// at the rule's target. Without a snapshot, or without the model's key, nothing is reported.

/// The request's catalogue lookup key, as written (the engine and storage type with their
/// defaults when absent). A class: every catalogue check of a document reads the one made for it.
final class CatalogueQuery {
    var region: String?
    /// The distinct zones of the request, the primary zone (`Zone`) first.
    var zones: [String]
    var primaryZone: String?
    var engine: String?
    var major: String?
    var storageType: String?
    var spec: String?
    /// For each of `zones`, looked up once per document: its region's zone list for the
    /// storage type, and its classes.
    var zoneLists: [[Catalogue.Zone]?] = []
    var specs: [[Catalogue.Spec]?] = []
    var regionKeys: [Catalogue.RegionKey?] = []

    init(
        region: String?, zones: [String], primaryZone: String?, engine: String?, major: String?,
        storageType: String?, spec: String?
    ) {
        self.region = region
        self.zones = zones
        self.primaryZone = primaryZone
        self.engine = engine
        self.major = major
        self.storageType = storageType
        self.spec = spec
        regionKeys = zones.map { z in
            storageType.flatMap { st in
                Catalogue.region(ofZone: z).map { Catalogue.RegionKey(region: $0, storageType: st) }
            }
        }
    }

    /// The zone list of a zone's region (nil when the snapshot has none).
    func zoneList(_ zone: String, in c: Catalogue) -> [Catalogue.Zone]? {
        if let i = zones.firstIndex(of: zone) { return zoneLists[i] }
        return regionKey(ofZone: zone).flatMap { c.zones[$0] }
    }

    /// A zone's classes for the request's engine, major version and storage type.
    func specs(_ zone: String, in c: Catalogue) -> [Catalogue.Spec]? {
        if let i = zones.firstIndex(of: zone) { return specs[i] }
        return classKey(zone).flatMap { c.classes[$0] }
    }

    /// The DescribeClasses key of a zone; nil without an engine, major version or storage type.
    func classKey(_ zone: String) -> Catalogue.ClassKey? {
        guard let engine, let major, let storageType else { return nil }
        return Catalogue.ClassKey(zone: zone, engine: engine, major: major, storageType: storageType)
    }

    /// The DescribeZones key of a zone's region.
    func regionKey(ofZone zone: String) -> Catalogue.RegionKey? {
        if let i = zones.firstIndex(of: zone) { return regionKeys[i] }
        guard let storageType, let region = Catalogue.region(ofZone: zone) else { return nil }
        return Catalogue.RegionKey(region: region, storageType: storageType)
    }
}

extension Evaluation {
    /// The request's lookup key, read on first use, with what the snapshot has for each zone.
    func query(_ key: CatalogueKeyParams, _ c: Catalogue) -> CatalogueQuery {
        if let q = catalogueQuery { return q }
        func first(_ p: [PatternComponent]) -> String? { scalarTexts(at: p).first }
        var zones: [String] = []
        for p in key.zones {
            for z in scalarTexts(at: p) where !zones.contains(z) { zones.append(z) }
        }
        let q = CatalogueQuery(
            region: first(key.region), zones: zones, primaryZone: key.zones.first.flatMap(first),
            engine: first(key.engine) ?? key.defaultEngine, major: first(key.major),
            storageType: first(key.storageType) ?? key.defaultStorageType, spec: first(key.spec))
        q.zoneLists = q.regionKeys.map { k in k.flatMap { c.zones[$0] } }
        q.specs = zones.map { z in q.classKey(z).flatMap { c.classes[$0] } }
        catalogueQuery = q
        return q
    }

    /// The texts of the scalars a pattern reaches in the main document (none for null, a mapping
    /// or a list).
    func scalarTexts(at pattern: [PatternComponent]) -> [String] {
        let d = main
        func text(_ id: NodeID) -> String? {
            let n = d[id]
            return n.kind == .scalar && n.type != .null && !isSecretNode(Loc(doc: 0, node: id)) ? n.value : nil
        }
        // Most key parameters are top-level names: looked up directly.
        if pattern.count == 1, case .key(let k) = pattern[0] {
            return d.lookup(k, in: d.root).flatMap { text($0.value) }.map { [$0] } ?? []
        }
        var at = [d.root]
        for c in pattern {
            var next: [NodeID] = []
            for id in at {
                switch c {
                case .key(let k):
                    if d[id].kind == .mapping, let e = d.lookup(k, in: id) { next.append(e.value) }
                case .anyIndex:
                    if d[id].kind == .sequence { next += d.items(of: id) }
                case .index(let n):
                    let items = d.items(of: id)
                    if d[id].kind == .sequence, n < items.count { next.append(items[items.startIndex + n]) }
                case .embedded:
                    break
                }
            }
            at = next
        }
        return at.compactMap(text)
    }

    /// The text of a slot's scalar value (nil for null, a mapping, a list or a secret).
    private func text(_ slot: Slot) -> String? {
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
            guard let key = linter.ruleSet.model.catalogueKey else { return false }
            return query(key, c).specs.contains { $0 != nil }
        }
    }

    // MARK: Facts

    func catalogueHits(_ fact: CatalogueFact, slot: Slot) -> [Hit] {
        guard let use = linter.catalogue, let key = linter.ruleSet.model.catalogueKey, let loc = slot.node else {
            return []
        }
        let c = use.catalogue
        let q = query(key, c)
        let extra: [String: String]?
        switch fact {
        case .region: extra = regionFact(c, slot)
        case .zone: extra = zoneFact(c, q, slot)
        case .zoneState, .zoneSellout: extra = zoneStateFact(fact, c, q, slot)
        case .standbyZone: extra = standbyFact(c, q, slot)
        case .specCode: extra = specFact(c, q, slot)
        case .storageRange: extra = storageFact(c, q, loc)
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

    private func hint(_ v: String, _ among: [String]) -> String {
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
        guard let z = text(slot), let rk = q.regionKey(ofZone: z) else { return nil }
        guard let zones = q.zoneList(z, in: c) else {
            // Zones not saved: a zone of a region DescribeRegions does not sell is still wrong
            // (when Region is written, the region fact reports it, once, at Region).
            guard q.region == nil, let regions = c.regions, regions[rk.region].map(c.sells) != true else { return nil }
            return [
                "region": rk.region, "detail": "is in region \(rk.region), which the catalogue does not sell",
                "expected": "a zone of \(ValueText.list(c.soldRegions))", "hint": "",
            ]
        }
        guard zones.contains(where: { $0.name == z }) else {
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
        guard let z = text(slot), let rk = q.regionKey(ofZone: z), let list = q.zoneList(z, in: c),
            let info = list.first(where: { $0.name == z })
        else { return nil }
        let refused = fact == .zoneState ? ["UNAVAILABLE", "SUPPORTMODIFYONLY"] : ["SELLOUT"]
        guard refused.contains(info.state) else { return nil }
        let open = list.filter { $0.state == "AVAILABLE" }.map(\.name)
        return [
            "state": info.state, "region": rk.region,
            "expected": open.isEmpty ? "none" : ValueText.list(open, conjunction: "and"),
        ]
    }

    private func standbyFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let z = text(slot), let primary = q.primaryZone, z != primary, let rk = q.regionKey(ofZone: primary),
            let info = q.zoneList(primary, in: c)?.first(where: { $0.name == primary })
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
        for z in q.zones {
            guard let specs = q.specs(z, in: c), !specs.contains(where: { $0.code == s }) else {
                continue
            }
            missing.append(z)
            if sold == nil { sold = specs.map(\.code) }
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
        for z in q.zones {
            guard let spec = q.specs(z, in: c)?.first(where: { $0.code == s }) else { continue }
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
        guard let use = linter.catalogue, let key = linter.ruleSet.model.catalogueKey else { return }
        let c = use.catalogue
        let q = query(key, c)
        var missing: [String] = []
        for z in q.zones {
            guard let rk = q.regionKey(ofZone: z) else { continue }
            if let regions = c.regions, regions[rk.region].map(c.sells) != true { continue }
            guard let zones = q.zoneList(z, in: c) else {
                missing.append(q.classKey(z).map(\.description) ?? "the zones of \(rk.region) for \(rk.storageType)")
                continue
            }
            // A zone that is not listed, or sells nothing new, is an error of its own, not a gap.
            guard let info = zones.first(where: { $0.name == z }), ["AVAILABLE", "SELLOUT"].contains(info.state),
                let k = q.classKey(z), q.specs(z, in: c) == nil
            else { continue }
            missing.append(k.description)
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
