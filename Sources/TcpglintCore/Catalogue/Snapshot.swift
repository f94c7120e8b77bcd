// MARK: - A snapshot of what the cloud sells

/// What DescribeRegions, DescribeZones, DescribeDBVersions and DescribeClasses answered when the
/// user saved them (`tcpglint catalogue build` makes one from the saved responses). Immutable
/// and `Sendable`: one snapshot serves every file of a run, on any thread (a class, so that the
/// checks pass it around without retaining each of its parts).
///
/// It covers what was saved and nothing more: a region without its DescribeZones answer, or a
/// zone, engine, major version and storage type without their DescribeClasses answer, is not
/// covered, and the checks fall back to the pack's static lists for it.
public final class Catalogue: Sendable, Equatable {
    public typealias Zones = CatalogueTable<RegionKey, [Zone]>
    public typealias Versions = CatalogueTable<RegionKey, [Version]>
    public typealias Classes = CatalogueTable<ClassKey, [Spec]>

    /// The two sites sell different catalogues.
    public enum Site: String, Sendable, CaseIterable {
        case intl, china
    }

    public struct Region: Sendable, Equatable {
        public var name: String
        /// `RegionState`: AVAILABLE or UNAVAILABLE.
        public var state: String
        /// `SupportInternational` = 1: sold on the international site.
        public var international: Bool
        public init(name: String, state: String, international: Bool) {
            self.name = name
            self.state = state
            self.international = international
        }
    }

    public struct Zone: Sendable, Equatable {
        public var name: String
        /// `ZoneState`: AVAILABLE, UNAVAILABLE, SELLOUT or SUPPORTMODIFYONLY.
        public var state: String
        public var ipv6: Bool
        /// `StandbyZoneSet`; nil when the API answered null (no other zone may hold a standby).
        public var standbyZones: [String]?
        /// The day DescribeZones last listed it, for a zone kept from an older snapshot (REMOVED:
        /// `catalogue build --previous`); nil for a zone of this one.
        public var lastSeen: String?
        public init(name: String, state: String, ipv6: Bool, standbyZones: [String]?, lastSeen: String? = nil) {
            self.name = name
            self.state = state
            self.ipv6 = ipv6
            self.standbyZones = standbyZones
            self.lastSeen = lastSeen
        }
    }

    public struct Version: Sendable, Equatable {
        public var engine: String
        public var version: String
        public var major: String
        public var kernel: String
        /// AVAILABLE, UPGRADE_ONLY or DEPRECATED.
        public var status: String
        public var features: [String]
        /// The day DescribeDBVersions last listed it, for a version kept from an older snapshot
        /// (REMOVED); nil for a version of this one.
        public var lastSeen: String?
        public init(
            engine: String, version: String, major: String, kernel: String, status: String, features: [String],
            lastSeen: String? = nil
        ) {
            self.engine = engine
            self.version = version
            self.major = major
            self.kernel = kernel
            self.status = status
            self.features = features
            self.lastSeen = lastSeen
        }
    }

    /// A purchasable specification (`ClassInfo`).
    public struct Spec: Sendable, Equatable {
        public var code: String
        public var cpu: Int
        public var memoryMB: Int
        public var minStorageGB: Int
        public var maxStorageGB: Int
        public var qps: Int
        /// The day DescribeClasses last listed it, for a spec kept from an older snapshot
        /// (REMOVED); nil for a spec of this one.
        public var lastSeen: String?
        public init(
            code: String, cpu: Int, memoryMB: Int, minStorageGB: Int, maxStorageGB: Int, qps: Int,
            lastSeen: String? = nil
        ) {
            self.code = code
            self.cpu = cpu
            self.memoryMB = memoryMB
            self.minStorageGB = minStorageGB
            self.maxStorageGB = maxStorageGB
            self.qps = qps
            self.lastSeen = lastSeen
        }
    }

    /// What DescribeZones and DescribeDBVersions are asked for: a region and a storage type.
    public struct RegionKey: CatalogueTableKey, CustomStringConvertible {
        public var region: String
        public var storageType: String
        public init(region: String, storageType: String) {
            self.region = region
            self.storageType = storageType
        }
        public static func < (a: RegionKey, b: RegionKey) -> Bool {
            a.region != b.region ? a.region.utf8Precedes(b.region) : a.storageType.utf8Precedes(b.storageType)
        }
        public var description: String { "\(region) \(storageType)" }
    }

    /// What DescribeClasses is asked for.
    public struct ClassKey: CatalogueTableKey, CustomStringConvertible {
        public var zone: String
        public var engine: String
        public var major: String
        public var storageType: String
        public init(zone: String, engine: String, major: String, storageType: String) {
            self.zone = zone
            self.engine = engine
            self.major = major
            self.storageType = storageType
        }
        public static func < (a: ClassKey, b: ClassKey) -> Bool {
            for (x, y) in [(a.zone, b.zone), (a.engine, b.engine), (a.major, b.major), (a.storageType, b.storageType)]
            where x != y {
                return x.utf8Precedes(y)
            }
            return false
        }
        /// `zone engine major storage-type`, as `catalogue-key-missing` names a key.
        public var description: String { "\(zone) \(engine) \(major) \(storageType)" }
    }

    public let site: Site
    /// When the responses were saved, as written (RFC 3339, UTC).
    public let captured: String
    /// The same instant in seconds since 1970.
    public let capturedEpoch: Int
    /// DescribeRegions' answer, by name; nil when the snapshot has none.
    public let regions: [String: Region]?
    public let zones: Zones
    public let versions: Versions
    public let classes: Classes

    public init(
        site: Site, captured: String, capturedEpoch: Int, regions: [String: Region]?, zones: Zones,
        versions: Versions, classes: Classes
    ) {
        self.site = site
        self.captured = captured
        self.capturedEpoch = capturedEpoch
        self.regions = regions
        self.zones = zones
        self.versions = versions
        self.classes = classes
    }

    /// A snapshot held in memory.
    public convenience init(
        site: Site, captured: String, capturedEpoch: Int, regions: [String: Region]?, zones: [RegionKey: [Zone]],
        versions: [RegionKey: [Version]], classes: [ClassKey: [Spec]]
    ) {
        self.init(
            site: site, captured: captured, capturedEpoch: capturedEpoch, regions: regions, zones: Zones(zones),
            versions: Versions(versions), classes: Classes(classes))
    }

    /// Equal snapshots say the same things (however they are held).
    public static func == (a: Catalogue, b: Catalogue) -> Bool {
        func same<K: CatalogueTableKey, V: Equatable>(_ x: CatalogueTable<K, V>, _ y: CatalogueTable<K, V>) -> Bool {
            let keys = x.keys
            return keys == y.keys && keys.allSatisfy { x[$0] == y[$0] }
        }
        return a.site == b.site && a.captured == b.captured && a.capturedEpoch == b.capturedEpoch
            && a.regions == b.regions && same(a.zones, b.zones) && same(a.versions, b.versions)
            && same(a.classes, b.classes)
    }

    /// The day the snapshot was taken (`2026-11-28`), as every catalogue finding names it.
    public var capturedDay: String { String(captured.prefix(10)) }

    /// Whether a region is sold where the snapshot was taken: AVAILABLE, and on the international
    /// site when the snapshot is of it.
    public func sells(_ r: Region) -> Bool { r.state == "AVAILABLE" && (site == .china || r.international) }

    /// The regions sold, in name order (for messages: worked out when one is made).
    public var soldRegions: [String] {
        (regions ?? [:]).values.filter(sells).map(\.name).sorted { $0.utf8Precedes($1) }
    }

    /// The region a zone is in: its name without the last `-<number>` (`ap-shanghai-fsi-1` is in
    /// `ap-shanghai-fsi`); nil for a name not written that way.
    public static func region(ofZone zone: String) -> String? {
        guard let dash = zone.utf8.lastIndex(of: UInt8(ascii: "-")) else { return nil }
        let digits = zone.utf8[zone.utf8.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let prefix = String(zone[..<dash])
        return prefix.isEmpty ? nil : prefix
    }

    /// Whether the snapshot is older than `maxAgeDays` at `now` (seconds since 1970).
    public func isStale(now: Int, maxAgeDays: Int) -> Bool {
        now - capturedEpoch > maxAgeDays * 86_400
    }
}

/// A snapshot as a run uses it: where it was read from and whether it is stale.
public struct CatalogueInUse: Sendable {
    public let catalogue: Catalogue
    /// The file's name as findings show it.
    public let name: String
    /// Older than the maximum age: its errors are reported as warnings.
    public let stale: Bool
    public init(catalogue: Catalogue, name: String, stale: Bool) {
        self.catalogue = catalogue
        self.name = name
        self.stale = stale
    }
}
