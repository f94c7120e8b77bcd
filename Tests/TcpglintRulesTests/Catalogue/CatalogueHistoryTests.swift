import TcpglintCore
import TcpglintTestSupport
import Testing

@testable import TcpglintRules

/// `catalogue build --previous`: what an older snapshot had and the new one lacks is kept,
/// REMOVED, for 180 days after it was last listed.
@Suite struct CatalogueHistoryTests {
    typealias Zone = Catalogue.Zone
    typealias Spec = Catalogue.Spec
    typealias Version = Catalogue.Version
    static let key = Catalogue.RegionKey(region: "ap-guangzhou", storageType: "PHYSICAL_LOCAL_SSD")
    static let class3 = Catalogue.ClassKey(
        zone: "ap-guangzhou-3", engine: "postgresql", major: "15", storageType: "PHYSICAL_LOCAL_SSD")
    static let class4 = Catalogue.ClassKey(
        zone: "ap-guangzhou-4", engine: "postgresql", major: "15", storageType: "PHYSICAL_LOCAL_SSD")

    static func zone(_ name: String, _ state: String = "AVAILABLE", seen: String? = nil) -> Zone {
        Zone(name: name, state: state, ipv6: false, standbyZones: nil, lastSeen: seen)
    }
    static func spec(_ code: String, cpu: Int = 2, seen: String? = nil) -> Spec {
        Spec(code: code, cpu: cpu, memoryMB: 4096, minStorageGB: 10, maxStorageGB: 6000, qps: 4500, lastSeen: seen)
    }
    static func version(_ v: String, kernel: String? = nil, seen: String? = nil) -> Version {
        Version(
            engine: "postgresql", version: v, major: String(v.prefix(2)), kernel: kernel ?? "v\(v)_r1.0",
            status: "AVAILABLE", features: [], lastSeen: seen)
    }

    static func snapshot(
        _ captured: String, site: Catalogue.Site = .intl, zones: [Zone] = [], versions: [Version] = [],
        classes: [Catalogue.ClassKey: [Spec]] = [:], regions: [String: Catalogue.Region]? = nil
    ) -> Catalogue {
        Catalogue(
            site: site, captured: captured, capturedEpoch: Timestamp.parse(captured)!, regions: regions,
            zones: zones.isEmpty ? [:] : [key: zones], versions: versions.isEmpty ? [:] : [key: versions],
            classes: classes)
    }

    @Test func aSpecThatDisappearedIsKeptWithTheDayItWasLastListed() throws {
        let old = Self.snapshot("2026-11-28T09:14:00Z", classes: [Self.class3: [Self.spec("a"), Self.spec("b")]])
        let new = Self.snapshot("2026-12-05T09:00:00Z", classes: [Self.class3: [Self.spec("b", cpu: 4)]])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.classes[Self.class3] == [Self.spec("a", seen: "2026-11-28"), Self.spec("b", cpu: 4)])
        #expect((c.kept, c.expired, c.returned) == (1, 0, 0))
        #expect(c.catalogue.captured == new.captured && c.catalogue.site == .intl)
    }

    @Test func anEntryListedAgainIsLive() throws {
        let old = Self.snapshot(
            "2026-12-05T09:00:00Z",
            zones: [Self.zone("ap-guangzhou-3"), Self.zone("ap-guangzhou-7", seen: "2026-11-28")])
        let new = Self.snapshot(
            "2026-12-12T09:00:00Z", zones: [Self.zone("ap-guangzhou-3"), Self.zone("ap-guangzhou-7")])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.zones[Self.key] == [Self.zone("ap-guangzhou-3"), Self.zone("ap-guangzhou-7")])
        #expect((c.kept, c.expired, c.returned) == (0, 0, 1))
    }

    @Test func twiceRemovedKeepsTheFirstDay() throws {
        let old = Self.snapshot(
            "2026-12-05T09:00:00Z", versions: [Self.version("15.8"), Self.version("15.1", seen: "2026-11-28")])
        let new = Self.snapshot("2026-12-12T09:00:00Z", versions: [Self.version("16.4")])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(
            c.catalogue.versions[Self.key] == [
                Self.version("15.1", seen: "2026-11-28"), Self.version("15.8", seen: "2026-12-05"),
                Self.version("16.4"),
            ])
        #expect(c.kept == 2)
    }

    @Test func aVersionIsKnownByItsKernelToo() throws {
        let old = Self.snapshot("2026-11-28T09:14:00Z", versions: [Self.version("15.8", kernel: "v15.8_r1.1")])
        let new = Self.snapshot("2026-12-05T09:00:00Z", versions: [Self.version("15.8", kernel: "v15.8_r1.2")])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.versions[Self.key]?.map(\.lastSeen) == ["2026-11-28", nil])
    }

    @Test func aKeyNoLongerFetchedIsKeptWhole() throws {
        let old = Self.snapshot(
            "2026-11-28T09:14:00Z",
            classes: [Self.class3: [Self.spec("a")], Self.class4: [Self.spec("a"), Self.spec("b")]])
        let new = Self.snapshot("2026-12-05T09:00:00Z", classes: [Self.class3: [Self.spec("a")]])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.classes.keys == [Self.class3, Self.class4])
        #expect(
            c.catalogue.classes[Self.class4] == [
                Self.spec("a", seen: "2026-11-28"), Self.spec("b", seen: "2026-11-28"),
            ])
        #expect(c.kept == 2)
    }

    /// Last seen 2026-06-08: kept on 2026-12-05 (180 days), dropped on 2026-12-06 (181), and a
    /// key left with nothing is not written.
    @Test(arguments: [("2026-12-05T23:59:59Z", true), ("2026-12-06T00:00:00Z", false)])
    func aRemovedEntryIsKeptFor180Days(_ captured: String, _ kept: Bool) throws {
        let old = Self.snapshot(
            "2026-11-28T09:14:00Z", classes: [Self.class4: [Self.spec("a", seen: "2026-06-08")]],
            regions: ["ap-guangzhou": .init(name: "ap-guangzhou", state: "AVAILABLE", international: true)])
        let new = Self.snapshot(captured, classes: [Self.class3: [Self.spec("a")]])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.classes[Self.class4] == (kept ? [Self.spec("a", seen: "2026-06-08")] : nil))
        #expect(c.catalogue.classes.keys == (kept ? [Self.class3, Self.class4] : [Self.class3]))
        #expect((c.kept, c.expired) == (kept ? (1, 0) : (0, 1)))
        #expect(c.catalogue.regions == nil, "regions are not carried")
    }

    @Test func anEmptyListTheNewSnapshotHasIsKept() throws {
        let old = Self.snapshot("2026-11-28T09:14:00Z")
        let new = Self.snapshot("2026-12-05T09:00:00Z", classes: [Self.class3: []])
        let c = try CatalogueHistory.carry(from: old, into: new)
        #expect(c.catalogue.classes[Self.class3] == [])
    }

    @Test func anotherSiteOrALaterSnapshotIsRefused() {
        let new = Self.snapshot("2026-12-05T09:00:00Z")
        #expect(throws: CatalogueHistory.Refusal.otherSite(old: .china, new: .intl)) {
            try CatalogueHistory.carry(from: Self.snapshot("2026-11-28T09:14:00Z", site: .china), into: new)
        }
        #expect(throws: CatalogueHistory.Refusal.later(old: "2026-12-05T09:00:01Z", new: "2026-12-05T09:00:00Z")) {
            try CatalogueHistory.carry(from: Self.snapshot("2026-12-05T09:00:01Z"), into: new)
        }
        #expect(throws: Never.self) { try CatalogueHistory.carry(from: new, into: new) }
    }

    @Test func theSummaryCountsWhatWasKept() throws {
        let old = Self.snapshot("2026-11-28T09:14:00Z", classes: [Self.class3: [Self.spec("a")]])
        let c = try CatalogueHistory.carry(from: old, into: Self.snapshot("2026-12-05T09:00:00Z"))
        #expect(
            c.summary(previous: "old.json")
                == "kept 1 REMOVED entry from old.json, dropped 0 last seen over 180 days ago")
    }
}
