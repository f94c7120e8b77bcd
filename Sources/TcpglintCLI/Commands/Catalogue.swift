import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintRules
import TcpglintSystem

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - tcpglint catalogue

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Build and inspect catalogue snapshots (what the cloud sells, saved with tccli).",
        discussion:
            "tcpglint never touches the network: save DescribeRegions, DescribeZones, DescribeDBVersions and DescribeClasses with tccli into a folder with a manifest.yaml, build it, and lint with --catalogue. See the README's Catalogue section.",
        subcommands: [
            CatalogueBuild.self, CatalogueStatus.self, CatalogueDiff.self, CatalogueScript.self, CatalogueZones.self,
            CatalogueMajors.self, CatalogueKeys.self,
        ]
    )
}

struct CatalogueBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a raw catalogue folder and write one normalized catalogue file.")

    @Argument(help: ArgumentHelp("The raw folder: saved responses and their manifest.yaml.", valueName: "DIR"))
    var directory: String = CatalogueBuilder.defaultDirectory

    @Option(
        name: [.customShort("o"), .customLong("write")],
        help: ArgumentHelp("The catalogue file to write (atomically).", valueName: "FILE"))
    var output: String = CatalogueBuilder.defaultOutput

    @Option(
        help: ArgumentHelp(
            "An older built catalogue: keep what disappeared since it, marked REMOVED, for 180 days.",
            valueName: "OLD"))
    var previous: String?

    func run(console: Console) -> Int32 {
        let clock: Int
        do { clock = try Clock.now(console) } catch {
            console.err("tcpglint: \(error.message)\n")
            return ExitStatus.usage.rawValue
        }
        switch CatalogueBuilder.build(directory: directory, now: clock) {
        case .failure(let e):
            for x in e.errors { console.err("\(x)\n") }
            let n = e.errors.count
            console.err("tcpglint: the raw catalogue has \(n) error\(n == 1 ? "" : "s"); nothing was written\n")
            return ExitStatus.usage.rawValue
        case .success(let built):
            for w in built.warnings { console.err("\(w.location): warning: \(w.message)\n") }
            var c = built.catalogue
            var history = ""
            if let previous {
                switch CatalogueHistory.carry(previous: previous, into: c, directory: directory) {
                case .failure(let e):
                    for x in e.errors { console.err("\(x)\n") }
                    console.err("tcpglint: --previous \(previous) cannot be used; nothing was written\n")
                    return ExitStatus.usage.rawValue
                case .success(let carried):
                    (c, history) = (carried.catalogue, ", " + carried.summary(previous: previous))
                }
            }
            let parent = Paths.directory(of: output)
            if parent != ".", FileSystem.kind(parent) == .missing { FileSystem.makeDirectories(parent) }
            do { try FileSystem.writeAtomically(CatalogueFile.render(c), to: output) } catch {
                console.err("tcpglint: cannot write the catalogue \(output): \(error)\n")
                return ExitStatus.failure.rawValue
            }
            let zones = c.zones.values.reduce(0) { $0 + $1.count }
            let classes = c.classes.values.reduce(0) { $0 + $1.count }
            console.err(
                "tcpglint: wrote \(output): site \(c.site.rawValue), captured \(c.captured), \(c.regions?.count ?? 0) regions, \(zones) zones, \(classes) classes\(history)\n"
            )
            return ExitStatus.clean.rawValue
        }
    }
}

struct CatalogueStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a catalogue's site, capture time, regions and counts; exit 1 when it is stale.")

    @Argument(help: ArgumentHelp("The built catalogue.", valueName: "FILE"))
    var file: String = CatalogueBuilder.defaultOutput

    @Option(help: "Output format.")
    var format: ListFormat = .text

    @Option(
        name: .customLong("catalogue-max-age"),
        help: ArgumentHelp("The age in days after which the snapshot is stale.", valueName: "DAYS"))
    var maxAge: Int = CatalogueLoading.defaultMaxAge

    func validate() throws {
        if maxAge < 0 { throw ValidationError("--catalogue-max-age must be at least 0") }
    }

    func run(console: Console) -> Int32 {
        let clock: Int
        do { clock = try Clock.now(console) } catch {
            console.err("tcpglint: \(error.message)\n")
            return ExitStatus.usage.rawValue
        }
        let loaded: CatalogueFile.Loaded
        switch CatalogueLoading.read(file, clock: clock, lazily: false) {
        case .failure(let e):
            for x in e.errors { console.err("\(x)\n") }
            return ExitStatus.usage.rawValue
        case .success(let l): loaded = l
        }
        let c = loaded.catalogue
        let stale = c.isStale(now: clock, maxAgeDays: maxAge)
        let staleAfter = Timestamp.day(c.capturedEpoch + maxAge * 86_400)
        var names = Set(c.regions.map { Array($0.keys) } ?? [])
        for k in c.zones.keys { names.insert(k.region) }
        for k in c.versions.keys { names.insert(k.region) }
        for k in c.classes.keys { names.insert(Catalogue.region(ofZone: k.zone) ?? k.zone) }
        let regions = names.sorted { $0.utf8Precedes($1) }
        struct Row {
            var name: String
            var state: String
            var zones: [(String, Int)]
            var classKeys: Int
            var classes: Int
        }
        let rows = regions.map { r -> Row in
            let zones = c.zones.keys.filter { $0.region == r }.sorted().map { ($0.storageType, c.zones[$0]!.count) }
            let keys = c.classes.keys.filter { Catalogue.region(ofZone: $0.zone) == r }
            let state: String
            if let info = c.regions?[r] {
                state =
                    c.sells(info)
                    ? "sold" : (info.state != "AVAILABLE" ? info.state : "not sold on the international site")
            } else {
                state = c.regions == nil ? "no DescribeRegions" : "not in DescribeRegions"
            }
            return Row(
                name: r, state: state, zones: zones, classKeys: keys.count,
                classes: keys.reduce(0) { $0 + c.classes[$1]!.count })
        }
        let counts: [(String, Int)] = [
            ("regions", c.regions?.count ?? 0), ("zone-lists", c.zones.count),
            ("zones", c.zones.values.reduce(0) { $0 + $1.count }), ("version-lists", c.versions.count),
            ("versions", c.versions.values.reduce(0) { $0 + $1.count }), ("class-keys", c.classes.count),
            ("classes", c.classes.values.reduce(0) { $0 + $1.count }),
        ]
        switch format {
        case .json:
            var out = "{\n  \"file\": \(JSON.string(file)),\n  \"site\": \(JSON.string(c.site.rawValue)),\n"
            out += "  \"captured\": \(JSON.string(c.captured)),\n  \"max-age-days\": \(maxAge),\n"
            out += "  \"stale-after\": \(JSON.string(staleAfter)),\n  \"stale\": \(stale),\n  \"regions\": ["
            out += rows.map { r in
                let zones = r.zones.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ")
                return
                    "\n    {\"region\": \(JSON.string(r.name)), \"state\": \(JSON.string(r.state)), \"zones\": {\(zones)}, \"class-keys\": \(r.classKeys), \"classes\": \(r.classes)}"
            }.joined(separator: ",")
            out += rows.isEmpty ? "],\n" : "\n  ],\n"
            out += "  \"counts\": {" + counts.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}\n}\n"
            console.out(out)
        case .text:
            var out = "catalogue \(file)\n  site: \(c.site.rawValue)\n  captured: \(c.captured)\n"
            out += "  status: \(stale ? "stale" : "fresh") (stale after \(staleAfter), \(maxAge) days)\n"
            out += "  regions:\n"
            let width = rows.map(\.name.count).max() ?? 0
            for r in rows {
                let zones =
                    r.zones.isEmpty ? "no zones" : r.zones.map { "\($0.1) zones (\($0.0))" }.joined(separator: ", ")
                let pad = String(repeating: " ", count: width - r.name.count)
                out += "    \(r.name)\(pad)  \(r.state); \(zones); \(r.classKeys) class keys, \(r.classes) classes\n"
            }
            out += "  counts: " + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + "\n"
            console.out(out)
        }
        return stale ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue
    }
}

// MARK: - The clock

/// The time the age of a snapshot is measured against: `SOURCE_DATE_EPOCH` when it is set (for
/// tests and reproducible builds), else the system's clock.
enum Clock {
    struct Invalid: Error {
        let message: String
    }

    static func now(_ console: Console) throws(Invalid) -> Int {
        guard let text = console.environment["SOURCE_DATE_EPOCH"] else { return Int(time(nil)) }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(text), n <= 253_402_300_799
        else {
            throw Invalid(
                message: "SOURCE_DATE_EPOCH must be a number of seconds since 1970, not \(ValueText.quote(text))")
        }
        return n
    }
}

// MARK: - Loading for a run

enum CatalogueLoading {
    static let defaultMaxAge = 30

    /// A built catalogue, refused when its capture time is later than the clock.
    static func read(_ path: String, clock: Int, lazily: Bool = true) -> Result<CatalogueFile.Loaded, RuleFileErrors> {
        switch CatalogueFile.read(path, lazily: lazily) {
        case .failure(let e): return .failure(e)
        case .success(let loaded):
            if loaded.catalogue.capturedEpoch > clock {
                return .failure(
                    RuleFileErrors([
                        RuleFileError(
                            loaded.capturedAt,
                            "captured \(loaded.catalogue.captured) is later than the clock (\(Timestamp.day(clock))); the snapshot cannot come from the future"
                        )
                    ]))
            }
            return .success(loaded)
        }
    }
}
