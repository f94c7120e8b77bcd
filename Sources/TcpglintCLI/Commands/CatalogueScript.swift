import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintRules
import TcpglintSystem

// MARK: - tcpglint catalogue script

/// The site a catalogue's answers come from.
enum SiteChoice: String, ExpressibleByArgument, CaseIterable {
    case intl, china
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    var site: Catalogue.Site { Catalogue.Site(rawValue: rawValue)! }
}

struct CatalogueScript: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Print a POSIX shell script that saves a raw catalogue folder with tccli (never run by tcpglint).",
        discussion:
            "The script calls DescribeRegions once, DescribeZones and DescribeDBVersions once per region and storage type, and DescribeClasses once per zone (AVAILABLE or SELLOUT), engine, major version and storage type, each with --region, --cli-unfold-argument and --output json; then it writes manifest.yaml and replaces DIR. With --keys, the DescribeClasses calls are exactly the file's keys. Build the result with 'tcpglint catalogue build DIR'."
    )

    @Option(
        help: ArgumentHelp(
            "The regions, comma-separated (required unless --keys gives them).", valueName: "REGION,..."))
    var regions: String?

    @Option(help: "The site the tccli profile calls, written into the manifest.")
    var site: SiteChoice = .intl

    @Option(help: ArgumentHelp("The engines, comma-separated.", valueName: "ENGINE,..."))
    var engines: String = "postgresql"

    @Option(
        help: ArgumentHelp(
            "The major versions, comma-separated (default: each region's DescribeDBVersions, read by the script).",
            valueName: "MAJOR,..."))
    var majors: String?

    @Option(
        name: .customLong("storage-types"),
        help: ArgumentHelp("The storage types, comma-separated.", valueName: "TYPE,..."))
    var storageTypes: String = CatalogueBuilder.defaultStorageType

    @Option(
        help: ArgumentHelp(
            "Fetch exactly the keys of this file (as 'tcpglint catalogue keys' prints them, text or JSON).",
            valueName: "FILE"))
    var keys: String?

    @Option(help: ArgumentHelp("The raw folder the script fills (replaced as a whole).", valueName: "DIR"))
    var dir: String = CatalogueBuilder.defaultDirectory

    static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    func run(console: Console) -> Int32 {
        var keySet: RefreshScript.Keys?
        if let keys {
            switch RefreshScript.readKeys(file: keys) {
            case .failure(let e):
                for x in e.errors { console.err("\(x)\n") }
                console.err("tcpglint: the keys file \(keys) has errors; no script was printed\n")
                return ExitStatus.usage.rawValue
            case .success(let k): keySet = k
            }
        }
        let options = RefreshScript.Options(
            site: site.site, regions: regions.map(Self.list) ?? [], engines: Self.list(engines),
            majors: majors.map(Self.list), storageTypes: Self.list(storageTypes), keys: keySet, directory: dir)
        do {
            console.out(try RefreshScript.render(options))
            return ExitStatus.clean.rawValue
        } catch {
            for m in error.messages { console.err("tcpglint: \(m)\n") }
            return ExitStatus.usage.rawValue
        }
    }
}

// MARK: - tcpglint catalogue zones, majors

struct CatalogueZones: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Print the zones of a saved DescribeZones answer that are AVAILABLE or SELLOUT, one per line.",
        discussion:
            "The file is tccli's output or the API's {\"Response\": …}, checked as 'catalogue build' checks it. Each zone printed has the form REGION-N; one that has not is an error at its place (exit 2)."
    )

    @Argument(help: ArgumentHelp("A saved DescribeZones answer.", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("Refuse a zone that is not in this region.", valueName: "REGION"))
    var region: String?

    @Flag(help: "Print every zone, whatever its ZoneState.")
    var all = false

    func run(console: Console) -> Int32 {
        if let region, let p = RefreshScript.problem(region, as: .region) {
            console.err("tcpglint: --region: \(p)\n")
            return ExitStatus.usage.rawValue
        }
        return printValues(RefreshScript.zones(file: file, region: region, all: all), console: console)
    }
}

struct CatalogueMajors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "majors",
        abstract: "Print the major versions of a saved DescribeDBVersions answer, one per line, in numeric order.",
        discussion:
            "The file is tccli's output or the API's {\"Response\": …}, checked as 'catalogue build' checks it. Each DBMajorVersion printed is digits; one that is not is an error at its place (exit 2)."
    )

    @Argument(help: ArgumentHelp("A saved DescribeDBVersions answer.", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("Only the versions of this engine (DBEngine).", valueName: "ENGINE"))
    var engine: String?

    func run(console: Console) -> Int32 {
        if let engine, let p = RefreshScript.problem(engine, as: .engine) {
            console.err("tcpglint: --engine: \(p)\n")
            return ExitStatus.usage.rawValue
        }
        return printValues(RefreshScript.majors(file: file, engine: engine), console: console)
    }
}

/// One value a line on standard output; or the errors on standard error, nothing printed, 2.
private func printValues(_ result: Result<[String], RuleFileErrors>, console: Console) -> Int32 {
    switch result {
    case .failure(let e):
        for x in e.errors { console.err("\(x)\n") }
        return ExitStatus.usage.rawValue
    case .success(let values):
        console.out(values.map { $0 + "\n" }.joined())
        return ExitStatus.clean.rawValue
    }
}

// MARK: - tcpglint catalogue keys

struct CatalogueKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the catalogue keys the requests under PATH need, sorted, one per line.",
        discussion:
            "A line 'zone engine major storage-type' is a DescribeClasses key (one for every DBNodeSet zone too), a line 'region storage-type' a DescribeZones and DescribeDBVersions key. Folders are walked as 'lint' walks them, with the configs' include and exclude. 'catalogue script --keys FILE' reads either format back."
    )

    @Argument(help: ArgumentHelp("Files and directories of requests; '-' for standard input.", valueName: "PATH"))
    var paths: [String] = ["."]

    @Option(help: "Output format.")
    var format: ListFormat = .text

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Use this config file instead of discovering .tcpglint.yaml files.", valueName: "FILE"))
    var config: String?

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "Use the rule pack in DIR (its model names the keys) instead of the built-in one.", valueName: "DIR"))
    var rules: String?

    func run(console: Console) -> Int32 {
        let loading = RuleSetLoading(console: console)
        guard let pack = loading.loadPack(rules) else { return ExitStatus.usage.rawValue }
        let resolver: ConfigResolver
        do { resolver = try ConfigResolver(configPath: config) } catch {
            for e in error.errors { console.err("\(e)\n") }
            return ExitStatus.usage.rawValue
        }
        let walk = FileWalker.collect(paths)
        let entries = walk.files.filter { e in
            !(e.walked && resolver.settings(forFile: e.path, cliPolicies: [], cliFailLevel: nil).excluded)
        }
        if !resolver.errors.isEmpty {
            for e in resolver.errors { console.err("\(e)\n") }
            return ExitStatus.usage.rawValue
        }
        var faults = 0
        for f in walk.problems {
            console.err("\(f.file):\(f.range.start.line):\(f.range.start.column): error: \(f.message)\n")
            faults += 1
        }
        let linter = Linter(ruleSet: pack.ruleSet, embeddedParser: JSONEmbeddedParser())
        var keys = RefreshScript.Keys(classes: [], regions: [])
        for entry in entries {
            guard let found = Self.keys(of: entry, linter: linter, console: console) else {
                faults += 1
                continue
            }
            keys.classes += found.classes
            keys.regions += found.regions
        }
        console.out(format == .json ? RefreshScript.json(keys) : RefreshScript.text(keys))
        return faults == 0 ? ExitStatus.clean.rawValue : ExitStatus.usage.rawValue
    }

    /// The valid keys of one file's requests; nil, after the errors, when it cannot be read or
    /// parsed. A key with a value of the wrong form is left out with a warning (lint reports it).
    static func keys(of entry: InputEntry, linter: Linter, console: Console) -> RefreshScript.Keys? {
        let name = entry.isStandardInput ? "<stdin>" : entry.name
        let bytes: [UInt8]
        do {
            bytes =
                entry.isStandardInput
                ? try console.readStandardInput(InputLimits.default.maxFileBytes)
                : try FileSystem.readFile(entry.path, maxBytes: InputLimits.default.maxFileBytes)
        } catch {
            console.err("\(name):1:1: error: cannot read the file: \(error)\n")
            return nil
        }
        let loaded = InputReader.load(name: name, bytes: bytes)
        let errors = linter.findings(for: loaded.problems, in: name).filter { $0.severity == .error }
        guard errors.isEmpty else {
            for f in errors {
                console.err("\(name):\(f.range.start.line):\(f.range.start.column): error: \(f.message)\n")
            }
            return nil
        }
        var out = RefreshScript.Keys(classes: [], regions: [])
        func valid(_ values: [(String, RefreshScript.Kind)], _ key: String) -> Bool {
            guard let p = values.lazy.compactMap({ RefreshScript.problem($0.0, as: $0.1) }).first else { return true }
            console.err("\(name): warning: the key \(ValueText.quote(key)) is left out: \(p)\n")
            return false
        }
        for d in loaded.documents {
            let (regions, classes) = linter.catalogueKeys(d)
            out.classes += classes.filter {
                valid(
                    [($0.zone, .zone), ($0.engine, .engine), ($0.major, .major), ($0.storageType, .storageType)],
                    $0.description)
            }
            out.regions += regions.filter {
                valid([($0.region, .region), ($0.storageType, .storageType)], $0.description)
            }
        }
        return out
    }
}
