// MARK: - What a catalogue check looks up

/// The facts a `catalogue` check judges (`check: {catalogue: {fact: …}}`). Each one reads the
/// request's lookup key (the model's `catalogue-key:`) and the value at the rule's target.
public enum CatalogueFact: String, CaseIterable, Sendable {
    /// Region is in DescribeRegions, AVAILABLE, and sold on the international site for an intl
    /// snapshot.
    case region
    /// A zone is in its region's DescribeZones for the storage type (and, without Region, its
    /// region is sold).
    case zone
    /// A zone's state is not UNAVAILABLE or SUPPORTMODIFYONLY.
    case zoneState = "zone-state"
    /// A zone's state is not SELLOUT.
    case zoneSellout = "zone-sellout"
    /// A standby node's zone is the primary zone or in its StandbyZoneSet.
    case standbyZone = "standby-zone"
    /// SpecCode is among DescribeClasses' answers for every zone of the request.
    case specCode = "spec-code"
    /// Storage is within the spec's MinStorage and MaxStorage.
    case storageRange = "storage-range"
    /// DBMajorVersion, DBVersion or DBKernelVersion (by the target's catalogue-key role) is in
    /// DescribeDBVersions for the engine, and a version or kernel is not UPGRADE_ONLY.
    case version
    /// What DBMajorVersion, DBVersion or DBKernelVersion names is not DEPRECATED, nor REMOVED.
    case versionStatus = "version-status"
    /// NeedSupportTDE = 1: the kernel the instance gets lists the TDE feature.
    case tde
    /// NeedSupportIpv6 = 1: every zone of the request supports IPv6.
    case ipv6
    /// A zone is not kept only as REMOVED (last seen in an older snapshot).
    case zoneRemoved = "zone-removed"
    /// SpecCode is not kept only as REMOVED in a zone of the request.
    case specRemoved = "spec-removed"

    public static let names: [String] = allCases.map(\.rawValue)

    /// What the README's check table says of each fact.
    public var summary: String {
        switch self {
        case .region: return "Region sold (DescribeRegions)"
        case .zone: return "zone listed for its region and storage type (DescribeZones)"
        case .zoneState: return "zone not UNAVAILABLE or SUPPORTMODIFYONLY"
        case .zoneSellout: return "zone not SELLOUT"
        case .standbyZone: return "standby zone in the primary zone's StandbyZoneSet"
        case .specCode: return "SpecCode sold for the key (DescribeClasses)"
        case .storageRange: return "Storage within the spec's MinStorage–MaxStorage"
        case .version: return "major version, DBVersion or kernel listed, not UPGRADE_ONLY (DescribeDBVersions)"
        case .versionStatus: return "major version, DBVersion or kernel not DEPRECATED or REMOVED"
        case .tde: return "NeedSupportTDE = 1: the kernel lists the TDE feature"
        case .ipv6: return "NeedSupportIpv6 = 1: every zone supports IPv6"
        case .zoneRemoved: return "zone not kept only as REMOVED (catalogue build --previous)"
        case .specRemoved: return "SpecCode not kept only as REMOVED"
        }
    }
}

/// A value the catalogue joins to the request, readable as a target (`SpecCode@cpu`,
/// `Zone@state`): of the spec a SpecCode names, or of a zone. Absent when the snapshot does not
/// cover the key.
public enum CatalogueJoin: String, CaseIterable, Sendable {
    case cpu, memoryMB, minStorageGB, maxStorageGB, qps
    case state, ipv6, standbyZones

    public static let names: [String] = allCases.map(\.rawValue)

    /// Whether it is a spec's (joined to the catalogue key's spec parameter) or a zone's.
    public var ofSpec: Bool {
        switch self {
        case .cpu, .memoryMB, .minStorageGB, .maxStorageGB, .qps: return true
        case .state, .ipv6, .standbyZones: return false
        }
    }

    /// The names joined to a spec, or to a zone.
    public static func names(ofSpec: Bool) -> [String] { allCases.filter { $0.ofSpec == ofSpec }.map(\.rawValue) }

    /// Its type: integers but for a zone's state (a string) and its standby zones (a list of
    /// strings); `ipv6` is 0 or 1, as DescribeZones' ZoneSupportIpv6.
    public var spec: ParamSpec {
        switch self {
        case .state: return ParamSpec(name: rawValue, type: .string)
        case .standbyZones: return ParamSpec(name: rawValue, type: .array(ParamSpec(name: rawValue, type: .string)))
        default: return ParamSpec(name: rawValue, type: .integer(.int64))
        }
    }
}

/// What a static rule leaves to the catalogue (`yields-to-catalogue: FACT`): where the snapshot
/// decides it, the rule stays quiet, so one fault gives one finding and a stale static list
/// never contradicts the snapshot.
public enum CatalogueDecision: String, CaseIterable, Sendable {
    /// Whether Region is sold: decided by any snapshot with DescribeRegions.
    case region
    /// Whether a zone's region is sold: decided by any snapshot with DescribeRegions.
    case zoneRegion = "zone-region"
    /// Whether a region name is a real region: decided for the names DescribeRegions lists.
    case knownRegion = "known-region"
    /// Whether SpecCode is sold: decided when DescribeClasses of one of the request's keys is in
    /// the snapshot.
    case specCode = "spec-code"
    /// Whether DBMajorVersion is a major version: decided when DescribeDBVersions of the
    /// request's region and storage type is in the snapshot.
    case major

    public static let names: [String] = allCases.map(\.rawValue)
}

/// The request parameters a catalogue lookup is keyed by, as the model's `catalogue-key:` names
/// them. A missing engine or storage type takes its parameter's documented default.
public struct CatalogueKeyParams: Sendable {
    public let region: [PatternComponent]
    /// The zones of the request: the primary zone first, then the nodes' zones.
    public let zones: [[PatternComponent]]
    public let engine: [PatternComponent]
    public let major: [PatternComponent]
    public let storageType: [PatternComponent]
    public let spec: [PatternComponent]
    /// DBVersion and DBKernelVersion, when the model names them.
    public let version: [PatternComponent]?
    public let kernel: [PatternComponent]?
    public let defaultEngine: String?
    public let defaultStorageType: String?

    public init(
        region: [PatternComponent], zones: [[PatternComponent]], engine: [PatternComponent],
        major: [PatternComponent], storageType: [PatternComponent], spec: [PatternComponent],
        version: [PatternComponent]? = nil, kernel: [PatternComponent]? = nil, defaultEngine: String?,
        defaultStorageType: String?
    ) {
        self.version = version
        self.kernel = kernel
        self.region = region
        self.zones = zones
        self.engine = engine
        self.major = major
        self.storageType = storageType
        self.spec = spec
        self.defaultEngine = defaultEngine
        self.defaultStorageType = defaultStorageType
    }
}
