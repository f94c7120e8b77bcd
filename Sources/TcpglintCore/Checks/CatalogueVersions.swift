// MARK: - Catalogue facts about versions, TDE, IPv6 and what a snapshot keeps as REMOVED
//
// DescribeDBVersions is asked per region and storage type: the request's versions are looked
// up in the list of its Region (or its primary zone's region) for its StorageType. A version
// kept from an older snapshot (`lastSeen`, REMOVED) still counts as a version for the error
// facts: it is reported once, as a warning that names the day it was last seen.

extension Evaluation {
    /// Which version parameter of the catalogue key a slot is: DBMajorVersion, DBVersion or
    /// DBKernelVersion (nil for another target).
    enum VersionRole { case major, version, kernel }

    func versionRole(_ slot: Slot) -> VersionRole? {
        guard let ids = plan.catalogueKey else { return nil }
        switch slot.pattern {
        case ids.major: return .major
        case ids.version: return .version
        case ids.kernel: return .kernel
        default: return nil
        }
    }

    /// The request's region's versions of its engine (nil when the snapshot has no
    /// DescribeDBVersions for that region and storage type, or the request no engine).
    func engineVersions(_ c: Catalogue, _ q: CatalogueQuery) -> (key: Catalogue.RegionKey, list: [Catalogue.Version])? {
        guard let region = q.versionRegion, let st = q.storageType, let engine = q.engine else { return nil }
        let key = Catalogue.RegionKey(region: region, storageType: st)
        guard let all = c.versions[key] else { return nil }
        return (key, all.filter { $0.engine == engine })
    }

    /// The versions a role's value names: of a major, a minor version or a kernel (for a minor
    /// version or a kernel, of the request's major version when it has one).
    private func named(_ role: VersionRole, _ v: String, _ list: [Catalogue.Version], _ q: CatalogueQuery)
        -> [Catalogue.Version]
    {
        switch role {
        case .major: return list.filter { $0.major == v }
        case .version: return list.filter { $0.version == v }
        case .kernel: return list.filter { $0.kernel == v }
        }
    }

    /// `version`: the major version, DBVersion or DBKernelVersion is one DescribeDBVersions lists
    /// for the engine, and a DBVersion or kernel is not UPGRADE_ONLY (an instance cannot be made
    /// on it). Whether a kernel is DBVersion's is the static kernel-version-community rule's.
    func versionFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let role = versionRole(slot), let v = text(slot), let (key, list) = engineVersions(c, q) else {
            return nil
        }
        let shownMajor = role == .major ? nil : q.major
        let scope = "for \(q.engine ?? "")\(shownMajor.map { " \($0)" } ?? "") in \(key.region) on \(key.storageType)"
        let found = named(role, v, list, q)
        let creatable = list.filter { $0.status == "AVAILABLE" && $0.lastSeen == nil }
        func expected(_ values: [String]) -> String {
            let shown = Self.distinctNewestLast(values)
            if shown.isEmpty { return "an AVAILABLE one, and there is none \(scope)" }
            return shown.count == 1 ? shown[0] : "one of " + ValueText.list(shown)
        }
        switch role {
        case .major:
            guard found.isEmpty else { return nil }
            let majors = creatable.map(\.major)
            return [
                "detail": "is not a major version DescribeDBVersions lists \(scope)", "expected": expected(majors),
                "hint": hint(v, majors),
            ]
        case .version, .kernel:
            let isOfMajor = { (x: Catalogue.Version) in q.major == nil || x.major == q.major }
            let field: (Catalogue.Version) -> String = role == .version ? { $0.version } : { $0.kernel }
            let sold = creatable.filter(isOfMajor).map(field)
            guard !found.isEmpty else {
                return [
                    "detail": "is not a version DescribeDBVersions lists \(scope)",
                    "expected": expected(sold), "hint": hint(v, sold),
                ]
            }
            if found.allSatisfy({ $0.status == "UPGRADE_ONLY" }) {
                return [
                    "detail": "is UPGRADE_ONLY \(scope): an instance cannot be created on it",
                    "expected": expected(sold), "hint": "",
                ]
            }
            return nil
        }
    }

    /// `version-status`: what the request names is not DEPRECATED, nor only kept as REMOVED
    /// (for a major version: every one of its versions is).
    func versionStatusFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let role = versionRole(slot), let v = text(slot), let (key, list) = engineVersions(c, q) else {
            return nil
        }
        let found = named(role, v, list, q)
        guard !found.isEmpty else { return nil }
        let sold = list.filter { $0.status == "AVAILABLE" && $0.lastSeen == nil }
        let field: (Catalogue.Version) -> String =
            switch role {
            case .major: { $0.major }
            case .version: { $0.version }
            case .kernel: { $0.kernel }
            }
        let expected =
            sold.isEmpty ? "none is AVAILABLE" : "one of " + ValueText.list(Self.distinctNewestLast(sold.map(field)))
        let place = "\(key.region) on \(key.storageType)"
        if found.allSatisfy({ $0.lastSeen != nil }) {
            let last = found.compactMap(\.lastSeen).max() ?? ""
            return [
                "detail": "is REMOVED: DescribeDBVersions of \(place) last listed it on \(last)",
                "expected": expected, "last-seen": last,
            ]
        }
        let live = found.filter { $0.lastSeen == nil }
        if live.allSatisfy({ $0.status == "DEPRECATED" }) {
            return ["detail": "is DEPRECATED in \(place)", "expected": expected, "last-seen": ""]
        }
        return nil
    }

    /// `tde`: with NeedSupportTDE = 1, the kernel the instance gets lists the `TDE` feature: the
    /// DBKernelVersion written, or else the newest AVAILABLE kernel of DBVersion, or of the major
    /// version.
    func tdeFact(_ c: Catalogue, _ q: CatalogueQuery, _ loc: Loc) -> [String: String]? {
        guard integerValue(loc) == 1, let (key, list) = engineVersions(c, q) else { return nil }
        let kernel: Catalogue.Version?
        let chosen: String
        if let k = q.kernel {
            kernel = list.first { $0.kernel == k }
            chosen = "DBKernelVersion \(k)"
        } else {
            let candidates = list.filter {
                $0.status == "AVAILABLE" && $0.lastSeen == nil && (q.version == nil || $0.version == q.version)
                    && (q.major == nil || $0.major == q.major)
            }
            kernel = candidates.max { Self.versionPrecedes($0.kernel, $1.kernel) }
            chosen =
                "the newest AVAILABLE kernel of \(q.version.map { "DBVersion \($0)" } ?? "major \(q.major ?? "")"), \(kernel?.kernel ?? "")"
        }
        guard let kernel, !kernel.features.contains("TDE") else { return nil }
        let withTDE = list.filter {
            $0.features.contains("TDE") && $0.status == "AVAILABLE" && $0.lastSeen == nil
                && (q.major == nil || $0.major == q.major)
        }.map(\.kernel)
        return [
            "kernel": chosen, "region": key.region, "storage-type": key.storageType,
            "features": kernel.features.isEmpty ? "no features" : ValueText.list(kernel.features, conjunction: "and"),
            "expected": withTDE.isEmpty
                ? "none of major \(q.major ?? "")" : ValueText.list(Self.distinctNewestLast(withTDE)),
        ]
    }

    /// `ipv6`: with NeedSupportIpv6 = 1, every zone of the request supports IPv6
    /// (ZoneSupportIpv6 = 1).
    func ipv6Fact(_ c: Catalogue, _ q: CatalogueQuery, _ loc: Loc) -> [String: String]? {
        guard integerValue(loc) == 1 else { return nil }
        let without = q.zones.filter { $0.info.map { !$0.ipv6 } ?? false }
        guard let first = without.first, let list = first.list else { return nil }
        let with = list.filter { $0.ipv6 && $0.lastSeen == nil && $0.state == "AVAILABLE" }.map(\.name)
        return [
            "zones": ValueText.list(without.map(\.name), conjunction: "and"),
            "region": first.regionKey?.region ?? "",
            "expected": with.isEmpty ? "none" : ValueText.list(with, conjunction: "and"),
        ]
    }

    /// `zone-removed`: the zone is not one the snapshot keeps only as REMOVED.
    func zoneRemovedFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let z = text(slot) else { return nil }
        let f = q.facts(z, in: c)
        guard let rk = f.regionKey, let list = f.list, let last = f.info?.lastSeen else { return nil }
        let open = list.filter { $0.state == "AVAILABLE" && $0.lastSeen == nil }.map(\.name)
        return [
            "region": rk.region, "last-seen": last,
            "expected": open.isEmpty ? "none" : ValueText.list(open, conjunction: "and"),
        ]
    }

    /// `spec-removed`: SpecCode is not one the snapshot keeps only as REMOVED in a zone of the
    /// request.
    func specRemovedFact(_ c: Catalogue, _ q: CatalogueQuery, _ slot: Slot) -> [String: String]? {
        guard let s = text(slot) else { return nil }
        var zones: [String] = []
        var last = ""
        var sold: [String] = []
        for f in q.zones {
            guard let spec = f.specs?.first(where: { $0.code == s }), let seen = spec.lastSeen else { continue }
            zones.append(f.name)
            last = max(last, seen)
            if sold.isEmpty { sold = f.specs?.filter { $0.lastSeen == nil }.map(\.code) ?? [] }
        }
        guard !zones.isEmpty else { return nil }
        return [
            "zones": ValueText.list(zones, conjunction: "and"), "last-seen": last,
            "expected": sold.isEmpty ? "none" : "one of " + ValueText.list(sold),
        ]
    }

    // MARK: Version order

    /// Whether version text `a` is older than `b`: digit runs compare as numbers, the rest as
    /// bytes (`v15.10_r1.0` is newer than `v15.8_r1.2`).
    static func versionPrecedes(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> [(Int?, Substring)] {
            var out: [(Int?, Substring)] = []
            var rest = Substring(s)
            while let c = rest.first {
                let isDigit = c.isASCII && c.isNumber
                let run = rest.prefix { ($0.isASCII && $0.isNumber) == isDigit }
                out.append((isDigit ? Int(run) : nil, run))
                rest = rest.dropFirst(run.count)
            }
            return out
        }
        for (x, y) in zip(parts(a), parts(b)) {
            if let m = x.0, let n = y.0, m != n { return m < n }
            if x.1 != y.1 { return String(x.1).utf8Precedes(String(y.1)) }
        }
        return parts(a).count < parts(b).count
    }

    /// Values without repeats, oldest first (as messages list what is allowed).
    static func distinctNewestLast(_ values: [String]) -> [String] {
        Array(Set(values)).sorted(by: versionPrecedes)
    }
}
