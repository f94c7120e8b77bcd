import TcpglintCore
import TcpglintRules
import TcpglintSystem

/// Stage 1: what a run needs before it looks at any file. Nil after printing the errors (a
/// rule-file, config or baseline error is a usage error: nothing is linted).
struct RunInputs {
    let pack: RulePack
    let resolver: ConfigResolver
    let baseline: Baseline?
    /// The clock catalogue ages are measured against (`SOURCE_DATE_EPOCH`, else the system's).
    let clock: Int

    static func load(_ options: Lint, console: Console) -> RunInputs? {
        let loading = RuleSetLoading(console: console)
        let clock: Int
        do { clock = try Clock.now(console) } catch {
            console.err("tcpglint: \(error.message)\n")
            return nil
        }
        guard let pack = loading.loadPack(options.rules.directory, limits: options.regexLimits) else { return nil }
        let resolver: ConfigResolver
        do { resolver = try ConfigResolver(configPath: options.config) } catch {
            loading.printErrors(error.errors, what: "the config")
            return nil
        }
        var baseline: Baseline?
        if let path = options.baseline {
            switch BaselineFile.read(path) {
            case .success(let b): baseline = b
            case .failure(let errors):
                loading.printErrors(errors.errors, what: "the baseline")
                return nil
            }
        }
        return RunInputs(pack: pack, resolver: resolver, baseline: baseline, clock: clock)
    }
}

/// The files linted with one rule set: those whose configs and command line name the same
/// policies. One value per group, in the order of the files that first use it.
struct RuleSetGroup {
    let policies: [String]
    let set: RuleSet
    /// The catalogue snapshot the group's files are checked against.
    var catalogue: CatalogueInUse? = nil
}

/// A file to lint: where it is read from, the name findings show, its settings and its group.
struct PlannedFile {
    let entry: InputEntry
    let name: String
    let settings: FileSettings
    let group: Int
}

/// What a run goes through, in output order: a file to lint, or a path that could not be read
/// (an index into `RunPlan.files` or `RunPlan.unreadable`: a run over 100,000 files keeps
/// 100,000 of these, a few words each).
enum RunUnit {
    case lint(Int32)
    case unreadable(Int32)
}

/// Stage 2: the paths walked into files, each with its settings and rule-set group, in name order.
struct RunPlan {
    let files: [PlannedFile]
    /// Paths that could not be read, as `io-error` findings, and findings about files that are
    /// not linted (a stale catalogue's `catalogue-stale`).
    let unreadable: [Finding]
    let units: [RunUnit]
    let groups: [RuleSetGroup]
    /// Standard input, read once, when `-` is among the paths.
    let stdin: Result<[UInt8], FileSystemError>?
    /// Every rule and diagnostic id of every group (suppressions naming others are wrong), and
    /// those that may not be suppressed.
    let known: Set<String>
    let unsuppressible: Set<String>
    /// The rule set for findings about files that were not linted (an unreadable path, a config,
    /// a baseline): the first file's.
    let fallbackSet: RuleSet
    /// Whether post-processing needs every file's findings first: a baseline is read or written,
    /// or a config's suppressions are matched across files.
    let gathers: Bool

    /// The rule set of a group; for a file that was not linted (no group), the fallback.
    func set(ofGroup group: Int?) -> RuleSet { group.map { groups[$0].set } ?? fallbackSet }

    static func make(_ options: Lint, inputs: RunInputs, console: Console) -> RunPlan? {
        let loading = RuleSetLoading(console: console)
        let walk = FileWalker.collect(options.paths)
        var grouping = Grouping(pack: inputs.pack, clock: inputs.clock)
        var files: [PlannedFile] = []
        files.reserveCapacity(walk.files.count)
        for entry in walk.files {
            let shown = entry.isStandardInput ? (options.stdinFilename ?? "<stdin>") : entry.name
            let lookup = entry.isStandardInput ? shown : entry.path
            let settings = inputs.resolver.settings(
                forFile: lookup, cliPolicies: options.rules.policies, cliFailLevel: options.failLevel?.severity,
                cliCatalogue: options.catalogue, cliCatalogueMaxAge: options.catalogueMaxAge)
            if entry.walked && settings.excluded { continue }
            files.append(PlannedFile(entry: entry, name: shown, settings: settings, group: grouping.group(settings)))
        }
        if !inputs.resolver.errors.isEmpty {
            loading.printErrors(inputs.resolver.errors, what: "the config")
            return nil
        }
        if !grouping.errors.isEmpty {
            var seen = Set<String>()
            loading.printErrors(grouping.errors.filter { seen.insert($0.description).inserted }, what: "the policy")
            return nil
        }
        if !grouping.catalogueErrors.isEmpty {
            var seen = Set<String>()
            loading.printErrors(
                grouping.catalogueErrors.filter { seen.insert($0.description).inserted }, what: "the catalogue")
            return nil
        }
        let groups = grouping.groups
        var known = Set(Diagnostic.all.map(\.id))
        var unsuppressible = Set<String>()
        for g in groups {
            known.formUnion(g.set.allIDs)
            unsuppressible.formUnion((g.set.rules + g.set.disabled).filter { !$0.suppressible }.map(\.id))
        }
        let gathers =
            options.baseline != nil || options.writeBaseline != nil
            || files.contains { !$0.settings.suppressions.isEmpty }
        let notes = walk.problems + grouping.catalogueFindings
        return RunPlan(
            files: files, unreadable: notes, units: ordered(files, notes), groups: groups,
            stdin: files.contains { $0.entry.isStandardInput } ? readStandardInput(options, console) : nil,
            known: known, unsuppressible: unsuppressible, fallbackSet: groups.first?.set ?? inputs.pack.ruleSet,
            gathers: gathers)
    }

    /// One group per distinct list of policies and catalogue, in the order of the files that
    /// first name it (a run over 100,000 files plans them in one pass, with no second list of
    /// them). Each policy list is loaded once, and each catalogue file once.
    private struct Grouping {
        let pack: RulePack
        let clock: Int
        private(set) var groups: [RuleSetGroup] = []
        private(set) var errors: [RuleFileError] = []
        private(set) var catalogueErrors: [RuleFileError] = []
        /// One `catalogue-stale` warning per stale catalogue file used, at its `captured`, and one
        /// `catalogue-required` per rule that requires a catalogue, for a group without one.
        private(set) var catalogueFindings: [Finding] = []
        private var requiredNoted: Set<String> = []
        /// A group's key: its policies, and its catalogue with that catalogue's maximum age.
        private struct Key: Hashable {
            var policies: [String]
            var catalogue: String?
            var maxAge: Int
        }
        private var index: [Key: Int] = [:]
        private var sets: [[String]: RuleSet?] = [:]
        private var catalogues: [String: CatalogueFile.Loaded?] = [:]
        private var staleNoted: Set<String> = []

        init(pack: RulePack, clock: Int) {
            self.pack = pack
            self.clock = clock
        }

        /// The group of a file with these settings (-1 when its policies or catalogue do not
        /// load: `errors` and `catalogueErrors` say why).
        mutating func group(_ settings: FileSettings) -> Int {
            let policies = settings.policies
            let maxAge = settings.catalogueMaxAge ?? CatalogueLoading.defaultMaxAge
            let key = Key(
                policies: policies, catalogue: settings.catalogue, maxAge: settings.catalogue == nil ? 0 : maxAge)
            if let i = index[key] { return i }
            guard let set = ruleSet(policies) else {
                index[key] = -1
                return -1
            }
            var group = RuleSetGroup(policies: policies, set: set)
            if let path = settings.catalogue {
                guard let loaded = catalogue(path) else {
                    index[key] = -1
                    return -1
                }
                let stale = loaded.catalogue.isStale(now: clock, maxAgeDays: maxAge)
                group.catalogue = CatalogueInUse(catalogue: loaded.catalogue, name: path, stale: stale)
                if stale, staleNoted.insert(path).inserted {
                    let d = Diagnostic.catalogueStale
                    let at = loaded.capturedAt
                    catalogueFindings.append(
                        Finding(
                            file: path,
                            range: SourceRange(at: SourcePosition(line: at.line, column: at.column, offset: 0)),
                            severity: d.severity, code: d.code, rule: d.id, path: .root,
                            message:
                                "the catalogue was captured \(loaded.catalogue.captured), more than \(maxAge) days ago; its errors are reported as warnings until it is refreshed (tcpglint catalogue build)"
                        ))
                }
            }
            if settings.catalogue == nil { noteRequired(set) }
            index[key] = groups.count
            groups.append(group)
            return groups.count - 1
        }

        /// `catalogue-required` for each rule of a set run without a catalogue that requires one.
        private mutating func noteRequired(_ set: RuleSet) {
            let d = Diagnostic.catalogueRequired
            for r in set.rules {
                guard let severity = r.requiresCatalogue, requiredNoted.insert(r.id).inserted else { continue }
                let at = SourcePosition(line: r.location.line, column: r.location.column, offset: 0)
                catalogueFindings.append(
                    Finding(
                        file: r.location.file, range: SourceRange(at: at), severity: severity, code: d.code,
                        rule: d.id, path: .root,
                        message:
                            "rule \(r.id) requires a catalogue, and files were linted without one, so it did not run; give one with --catalogue or the config's catalogue:"
                    ))
            }
        }

        private mutating func ruleSet(_ policies: [String]) -> RuleSet? {
            if let known = sets[policies] { return known }
            var set: RuleSet?
            switch policies.isEmpty ? .success(pack.ruleSet) : PolicyLoader.load(policies, onto: pack) {
            case .success(let s): set = s
            case .failure(let e): errors += e.errors
            }
            sets[policies] = set
            return set
        }

        private mutating func catalogue(_ path: String) -> CatalogueFile.Loaded? {
            if let known = catalogues[path] { return known }
            var loaded: CatalogueFile.Loaded?
            switch CatalogueLoading.read(path, clock: clock) {
            case .success(let l): loaded = l
            case .failure(let e): catalogueErrors += e.errors
            }
            catalogues[path] = loaded
            return loaded
        }
    }

    /// Every file and unreadable path, in name (byte) order; equal names keep their order.
    private static func ordered(_ files: [PlannedFile], _ unreadable: [Finding]) -> [RunUnit] {
        var units: [RunUnit] = files.indices.map { .lint(Int32($0)) }
        units += unreadable.indices.map { .unreadable(Int32($0)) }
        func name(_ u: RunUnit) -> String {
            switch u {
            case .lint(let i): return files[Int(i)].name
            case .unreadable(let i): return unreadable[Int(i)].file
            }
        }
        let presorted = units.indices.dropFirst().allSatisfy { !name(units[$0]).utf8Precedes(name(units[$0 - 1])) }
        if presorted { return units }
        return units.enumerated().sorted { a, b in
            let x = name(a.element)
            let y = name(b.element)
            return x == y ? a.offset < b.offset : x.utf8Precedes(y)
        }.map(\.element)
    }

    private static func readStandardInput(_ options: Lint, _ console: Console) -> Result<[UInt8], FileSystemError> {
        do { return .success(try console.readStandardInput(options.limits.maxFileBytes)) } catch let e
            as FileSystemError
        {
            return .failure(e)
        } catch {
            return .failure(FileSystemError(path: "-", reason: "\(error)"))
        }
    }
}
