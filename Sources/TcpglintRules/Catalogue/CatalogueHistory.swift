import TcpglintCore

// MARK: - What disappeared since an older snapshot

/// `catalogue build --previous OLD`: the zones, versions and specs OLD lists that the new
/// snapshot does not are kept in it, marked REMOVED with the day they were last listed, so that
/// a refresh turns a value that vanished into a warning naming that day instead of a new error.
/// A REMOVED entry is kept for `keepDays` days after that day, then dropped.
///
/// An entry is known by its zone name within its region and storage type, its engine, version
/// and kernel within them, or its spec code within its zone, engine, major version and storage
/// type. An entry the new snapshot lists is live, even when OLD had it REMOVED (it came back).
/// A key the new snapshot lacks altogether has its whole list kept (the refresh script asks for
/// classes only in zones that sell, and `--keys` only for what requests use). Regions are not
/// carried: DescribeRegions' few facts are about what is sold now.
public enum CatalogueHistory {
    /// How long a REMOVED entry is kept after the day it was last listed.
    public static let keepDays = 180

    /// The new snapshot with what OLD had and it lacks, and how many entries that was.
    public struct Carried: Sendable {
        public let catalogue: Catalogue
        /// REMOVED entries written: those OLD listed and the new snapshot does not, and those OLD
        /// had REMOVED, within `keepDays` of their last day.
        public let kept: Int
        /// REMOVED entries dropped: last listed more than `keepDays` days before the new capture.
        public let expired: Int
        /// Entries OLD had REMOVED that the new snapshot lists again.
        public let returned: Int

        /// What the build's summary line adds: `kept 3 REMOVED entries from OLD, dropped 1 last
        /// seen over 180 days ago`.
        public func summary(previous: String) -> String {
            var s = "kept \(kept) REMOVED \(kept == 1 ? "entry" : "entries") from \(previous)"
            s += ", dropped \(expired) last seen over \(keepDays) days ago"
            if returned > 0 { s += ", \(returned) listed again" }
            return s
        }
    }

    /// Why OLD cannot be the previous snapshot of the new one.
    public enum Refusal: Error, Equatable {
        /// OLD is of another site.
        case otherSite(old: Catalogue.Site, new: Catalogue.Site)
        /// OLD was captured later than the new snapshot.
        case later(old: String, new: String)
    }

    /// The new snapshot with OLD's vanished entries kept (lists sorted as `render` writes them).
    public static func carry(from old: Catalogue, into new: Catalogue) throws(Refusal) -> Carried {
        guard old.site == new.site else { throw .otherSite(old: old.site, new: new.site) }
        guard old.capturedEpoch <= new.capturedEpoch else { throw .later(old: old.captured, new: new.captured) }
        var counts = Counts(oldDay: old.capturedDay, newDay: new.capturedEpoch / 86_400)
        let zones = counts.merge(old.zones, new.zones, id: { [$0.name] }, by: { $0.name.utf8Precedes($1.name) })
        let versions = counts.merge(
            old.versions, new.versions, id: { [$0.engine, $0.version, $0.kernel] }, by: CatalogueFile.versionOrder)
        let classes = counts.merge(old.classes, new.classes, id: { [$0.code] }, by: { $0.code.utf8Precedes($1.code) })
        let catalogue = Catalogue(
            site: new.site, captured: new.captured, capturedEpoch: new.capturedEpoch, regions: new.regions,
            zones: zones, versions: versions, classes: classes)
        return Carried(catalogue: catalogue, kept: counts.kept, expired: counts.expired, returned: counts.returned)
    }

    /// Reads OLD (format 2 or 3) and carries it into `new`, the build of `directory`; OLD that
    /// cannot be read, or is refused, is an error naming both.
    public static func carry(previous path: String, into new: Catalogue, directory: String) -> Result<
        Carried, RuleFileErrors
    > {
        let loaded: CatalogueFile.Loaded
        switch CatalogueFile.read(path, lazily: false) {
        case .failure(let e): return .failure(e)
        case .success(let l): loaded = l
        }
        do { return .success(try carry(from: loaded.catalogue, into: new)) } catch {
            let message: String
            let at: RuleLocation
            switch error {
            case .otherSite(let o, let n):
                at = RuleLocation(file: path, line: 1, column: 1)
                message =
                    "the previous catalogue is of site \(o.rawValue), but \(directory) is of site \(n.rawValue); --previous takes an older catalogue of the same site"
            case .later(let o, let n):
                at = loaded.capturedAt
                message =
                    "the previous catalogue was captured \(o), later than \(directory) (\(n)); --previous takes an older catalogue"
            }
            return .failure(RuleFileErrors([RuleFileError(at, message)]))
        }
    }

    /// Whether a REMOVED entry last listed on `lastSeen` is kept in a snapshot taken on the day
    /// `newDay` (days since 1970): at most `keepDays` days later.
    static func keeps(lastSeen: String, newDay: Int) -> Bool {
        guard let seen = Timestamp.parse(lastSeen + "T00:00:00Z") else { return true }
        return newDay - seen / 86_400 <= keepDays
    }

    /// The counts of one carry, and the merge of one table.
    struct Counts {
        let oldDay: String
        let newDay: Int
        var kept = 0
        var expired = 0
        var returned = 0

        mutating func merge<K: CatalogueTableKey, E: LastSeen>(
            _ old: CatalogueTable<K, [E]>, _ new: CatalogueTable<K, [E]>, id identity: (E) -> [String],
            by order: (E, E) -> Bool
        ) -> [K: [E]] {
            var out: [K: [E]] = [:]
            for k in new.keys { out[k] = (new[k] ?? []).sorted(by: order) }
            for k in old.keys {
                let listed = new[k] ?? []
                let ids = Set(listed.map(identity))
                var list = listed
                for var e in old[k] ?? [] {
                    if ids.contains(identity(e)) {
                        if e.lastSeen != nil { returned += 1 }
                        continue
                    }
                    let day = e.lastSeen ?? oldDay
                    guard keeps(lastSeen: day, newDay: newDay) else {
                        expired += 1
                        continue
                    }
                    e.lastSeen = day
                    list.append(e)
                    kept += 1
                }
                if !list.isEmpty || new[k] != nil { out[k] = list.sorted(by: order) }
            }
            return out
        }
    }
}

/// An entry that may be REMOVED: a zone, a version or a spec.
protocol LastSeen {
    var lastSeen: String? { get set }
}

extension Catalogue.Zone: LastSeen {}
extension Catalogue.Version: LastSeen {}
extension Catalogue.Spec: LastSeen {}
