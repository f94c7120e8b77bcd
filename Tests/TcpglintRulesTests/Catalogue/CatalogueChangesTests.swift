import TcpglintCore
import Testing

@testable import TcpglintRules

/// `catalogue diff`: what appeared, disappeared and changed, in kind and key order.
@Suite struct CatalogueChangesTests {
    typealias H = CatalogueHistoryTests

    @Test func theDiffSortsAppearedDisappearedAndChanged() throws {
        let old = H.snapshot(
            "2026-11-28T09:14:00Z", zones: [H.zone("z1"), H.zone("z2"), H.zone("z3", seen: "2026-11-01")],
            classes: [H.class3: [H.spec("a"), H.spec("gone", seen: "2026-05-01")]])
        let new = H.snapshot(
            "2026-12-05T09:00:00Z",
            zones: [H.zone("z1", "SELLOUT"), H.zone("z2", seen: "2026-11-28"), H.zone("z3")],
            classes: [H.class3: [H.spec("a")], H.class4: [H.spec("a")]])
        let r = CatalogueChanges.between(old, new)
        #expect(r.appeared.map(\.label) == ["zone z3 (ap-guangzhou, PHYSICAL_LOCAL_SSD)", "class a (\(H.class4))"])
        #expect(
            r.disappeared.map(\.label) == ["zone z2 (ap-guangzhou, PHYSICAL_LOCAL_SSD)", "class gone (\(H.class3))"])
        #expect(r.changed.map(\.fields) == [["state"]])
        let text = CatalogueChanges.text(
            r, old: .init(file: "old.json", catalogue: old), new: .init(file: "new.json", catalogue: new))
        #expect(
            text.split(separator: "\n").map(String.init) == [
                "--- old.json (site intl, captured 2026-11-28T09:14:00Z)",
                "+++ new.json (site intl, captured 2026-12-05T09:00:00Z)",
                "~ zone z1 (ap-guangzhou, PHYSICAL_LOCAL_SSD): state AVAILABLE -> SELLOUT",
                "- zone z2 (ap-guangzhou, PHYSICAL_LOCAL_SSD): now REMOVED, last seen 2026-11-28",
                "+ zone z3 (ap-guangzhou, PHYSICAL_LOCAL_SSD): AVAILABLE, ipv6 no, standby zones null (listed again; was REMOVED, last seen 2026-11-01)",
                "- class gone (\(H.class3)): dropped (was REMOVED, last seen 2026-05-01)",
                "+ class a (\(H.class4)): 2 CPU, 4096 MB, storage 10-6000 GB, 4500 QPS",
                "2 appeared, 2 disappeared, 1 changed",
            ])
        #expect(CatalogueChanges.between(new, new).isEmpty)
    }
}
