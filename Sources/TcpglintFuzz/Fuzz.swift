import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules
import TcpglintSystem

// Fuzzing harnesses for tcpglint, for libFuzzer (`scripts/fuzz.sh`). One binary, seven targets,
// chosen by TCPGLINT_FUZZ: json (the JSON scanner), yaml (the YAML loader), rules (the rule-file
// and model loader), lint (a whole lint of one file, every output format rendered), catalogue-raw
// (a saved API response, read as each of the four actions `catalogue build` takes) and
// catalogue-file (a built catalogue; one that decodes must render and decode again to itself)
// and fix (every fix, unsafe ones too, applied in rounds: a round that does not verify, which
// `--fix` reports as `fix-failed`, is a crash; so is a fixed text that does not parse as the
// original did, or still has a fix of a rule it fixed at the same parameter).
// Built without the FUZZING flag, it is a replay tool: `TcpglintFuzz FILE...` runs the target
// on each file, to reproduce a crash the fuzzer found.
#if canImport(Glibc)
    import Glibc
#endif

enum Harness {
    static let target: String = getenv("TCPGLINT_FUZZ").map { String(cString: $0) } ?? "lint"
    static let model = RulePackLoader.builtInFiles.filter { $0.name.hasSuffix("/model.yaml") }
    static let linter: Linter = {
        guard case .success(let set) = RulePackLoader.builtIn() else { fatalError("the built-in pack does not load") }
        return Linter(
            ruleSet: set, embeddedParser: JSONEmbeddedParser(), placeholders: [ConfigResolver.defaultPlaceholder])
    }()
    static let limits = InputLimits(
        maxDepth: 128, maxScalarBytes: 1 << 16, maxAliasExpansion: 10_000, maxDocuments: 100)

    static func run(_ bytes: [UInt8]) {
        switch target {
        case "json":
            _ = InputReader.load(name: "f.json", bytes: bytes, format: .json, limits: limits)
        case "yaml":
            let loaded = InputReader.load(name: "f.yaml", bytes: bytes, format: .yaml, limits: limits)
            _ = SuppressionComments.scan(loaded)
        case "rules":
            _ = RulePackLoader.load(files: model + [(name: "fuzz.yaml", bytes: bytes)])
        case "catalogue-raw":
            CatalogueBuilder.fuzzRawResponse(bytes, limits: limits)
        case "catalogue-file":
            // The lazy reader, on the input as it is (its checksum rarely holds) …
            if case .success(let lazy) = CatalogueFile.open(name: "f.json", bytes: bytes, limits: limits) {
                _ = lazy.catalogue.classes.values
            }
            guard
                case .success(let loaded) = CatalogueFile.decode(
                    name: "f.json", bytes: bytes, limits: limits, verify: false)
            else { return }
            // … and both readers on its rendering, which must give the same catalogue back.
            let rendered = Array(CatalogueFile.render(loaded.catalogue).utf8)
            for lazily in [false, true] {
                let again =
                    lazily
                    ? CatalogueFile.open(name: "rendered.json", bytes: rendered, limits: limits)
                    : CatalogueFile.decode(name: "rendered.json", bytes: rendered, limits: limits)
                switch again {
                case .success(let again):
                    guard again.catalogue == loaded.catalogue else {
                        fatalError("the rendered catalogue reads (lazily: \(lazily)) as a different one")
                    }
                case .failure(let errors):
                    fatalError("the rendered catalogue does not read (lazily: \(lazily)): \(errors.errors)")
                }
            }
        case "fix":
            let name = bytes.first == UInt8(ascii: "{") ? "f.json" : "f.yaml"
            let fixing = Fixing(linter: linter, limits: limits, level: .unsafe)
            let outcome = fixing.fix(bytes, name: name)
            if let failure = outcome.failure { fatalError("fix-failed: \(failure.message)") }
            guard outcome.changed else { return }
            // The same oracle, once more from outside: the fixed text parses as the original
            // did, and a rule whose fix was applied reports at none of the paths it fixed.
            let before = InputReader.load(name: name, bytes: bytes, limits: limits)
            let after = InputReader.load(name: name, bytes: outcome.bytes, limits: limits)
            if let problem = fixing.verify(before, after, fixed: outcome.fixed) {
                fatalError("after --fix: \(problem)")
            }
        default:
            let name = bytes.first == UInt8(ascii: "{") ? "f.json" : "f.yaml"
            let loaded = InputReader.load(name: name, bytes: bytes, limits: limits)
            let findings = linter.lint(loaded)
            let report = Report(
                findings: findings, fileCount: 1, files: [LintedFile(name: name, documents: loaded.documentCount)])
            let reporters: [Reporter] = [
                TextReporter(color: true), JSONReporter(), SARIFReporter(version: "fuzz"), JUnitReporter(),
                GitHubReporter(), GitLabReporter(),
            ]
            for r in reporters { _ = r.render(report) }
        }
    }
}

/// libFuzzer's entry point for one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Harness.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // (the C function keeps its C name)
    /// libFuzzer's driver, from clang's `libclang_rt.fuzzer_no_main` (scripts/fuzz.sh links it).
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32
#endif

/// With FUZZING, hands the command line to libFuzzer; without, replays the files it names.
@main
struct Main {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzOne($0, $1) }))
        #else
            var count = 0
            for path in CommandLine.arguments.dropFirst() {
                guard let bytes = try? FileSystem.readFile(path) else {
                    StandardStream.error.write("cannot read \(path)\n")
                    exit(2)
                }
                Harness.run(bytes)
                count += 1
            }
            StandardStream.output.write(
                "replayed \(count) input\(count == 1 ? "" : "s") through the \(Harness.target) target\n")
        #endif
    }
}
