import ArgumentParser
import TcpglintCore
import TcpglintSystem
import TcpglintTestSupport
import Testing

@testable import TcpglintCLI

#if canImport(Glibc)
    import Glibc
#endif

/// The lint session's promises (README, "Determinism" and "Performance"), held by its stages:
/// output in file order and written as files finish, memory bounded, and findings gathered only
/// when a baseline or a config's suppressions need it.
@Suite struct PipelineTests {
    /// A folder of `n` requests, every third one invalid, named so that their order is not the
    /// order they are written in.
    static func corpus(_ n: Int) throws -> TempDir {
        let dir = try TempDir()
        let valid = readText("testdata/valid/minimal.json")!
        for i in 0..<n {
            let text =
                i % 3 == 0
                ? valid.split(separator: "\n").map { $0.contains("Charset") ? "  \"Charset\": \"utf8\"," : $0 }
                    .joined(separator: "\n") : valid
            try dir.write("r\((i * 7919) % n).json", text)
        }
        return dir
    }

    static func plan(_ args: [String]) throws -> (Lint, RunPlan) {
        let options = try Lint.parse(args)
        let console = Console(readStandardInput: { _ in [] }, out: { _ in }, err: { _ in })
        let inputs = try #require(RunInputs.load(options, console: console))
        return (options, try #require(RunPlan.make(options, inputs: inputs, console: console)))
    }

    /// Files come back from the workers in name order whatever the number of threads, and each
    /// is ready for the report as soon as it comes (nothing is held back when nothing gathers).
    @Test(arguments: [1, 2, 5])
    func filesReachTheReportInNameOrderAsTheyFinish(jobs: Int) throws {
        let dir = try Self.corpus(300)
        let (options, plan) = try Self.plan(["--jobs", "\(jobs)", dir.path])
        #expect(!plan.gathers)
        var post = PostProcessing(options, plan: plan, baseline: nil)
        var names: [String] = []
        var withFindings = 0
        FileLinting.run(plan, options: options) { piece in
            let chunks = post.take(piece)
            #expect(chunks.count == 1, "a piece waited for later files")
            names += chunks.map(\.name)
            withFindings += chunks.filter { $0.findings.contains { $0.severity == .error } }.count
        }
        #expect(try post.finish(console: Console(readStandardInput: { _ in [] }, out: { _ in }, err: { _ in })).isEmpty)
        #expect(names.count == 300)
        #expect(names == names.sorted { $0.utf8Precedes($1) })
        #expect(withFindings == 100)
    }

    /// A baseline (read or written) or a config's suppressions match findings across files:
    /// only then is every file gathered before anything is reported.
    @Test func findingsAreGatheredOnlyWhenABaselineOrConfigSuppressionsNeedIt() throws {
        let dir = try Self.corpus(6)
        let elsewhere = try TempDir()
        try elsewhere.write("baseline.json", "{\"version\": 1, \"entries\": []}\n")
        let plain = try Self.plan([dir.path]).1
        #expect(!plain.gathers)
        #expect(try Self.plan(["--baseline", elsewhere.path + "/baseline.json", dir.path]).1.gathers)
        #expect(try Self.plan(["--write-baseline", elsewhere.path + "/new.json", dir.path]).1.gathers)
        let config = try Self.plan(["testdata/org/dev"]).1
        #expect(config.gathers, "testdata/org's config has suppressions for dev/")
        let (options, gathered) = try Self.plan(["--baseline", elsewhere.path + "/baseline.json", dir.path])
        var post = PostProcessing(options, plan: gathered, baseline: nil)
        FileLinting.run(gathered, options: options) { piece in #expect(post.take(piece).isEmpty) }
        let chunks = try post.finish(console: Console(readStandardInput: { _ in [] }, out: { _ in }, err: { _ in }))
        #expect(chunks.map(\.name) == chunks.map(\.name).sorted { $0.utf8Precedes($1) })
        #expect(chunks.count == 6)
        #expect(chunks.filter { $0.findings.contains { $0.severity == .error } }.count == 2)
    }

    /// The ordered pipeline keeps at most its window of results between the workers and the
    /// report, however many files there are: memory does not grow with the run.
    @Test func resultsInFlightStayWithinTheWindow() {
        final class Counter: @unchecked Sendable {
            let lock = Mutex()
            var produced = 0, consumed = 0, most = 0
        }
        let c = Counter()
        Parallel.forEachOrdered(
            count: 5000, threads: 4, window: 64,
            produce: { i, _ -> Int in
                c.lock.locked {
                    c.produced += 1
                    c.most = max(c.most, c.produced - c.consumed)
                }
                return i
            },
            consume: { i, v in
                #expect(i == v)
                c.lock.locked { c.consumed += 1 }
            })
        #expect(c.consumed == 5000)
        #expect(c.most <= 64 + 4, "\(c.most) results were in flight")
    }

    /// An --output that cannot be opened and one that cannot be committed are each named by
    /// their own path (the second was once named by the first's).
    @Test func aFailedOutputIsNamedByItsOwnTarget() throws {
        let dir = try TempDir()
        try dir.write("taken/x", "a folder where a file is to be written\n")
        let r = runCLI([
            "lint", "--output", "json=\(dir.path)/missing/out.json", "--output", "sarif=\(dir.path)/taken",
            "testdata/valid/minimal.json",
        ])
        #expect(r.status == 3)
        #expect(r.err.contains("cannot write json output to \(dir.path)/missing/out.json"), "\(r.err)")
        #expect(r.err.contains("cannot write sarif output to \(dir.path)/taken:"), "\(r.err)")
    }
}

/// A lock for the tests' counters.
final class Mutex: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&m)
        defer { pthread_mutex_unlock(&m) }
        return body()
    }
}
