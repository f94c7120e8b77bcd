#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Work on the files of a rule pack at once, one file per task: tasks are taken in the order
/// given (largest first works best) by as many threads as there are processors, and each result
/// is stored at its own index, so the results are in input order whatever the timing.
///
/// The values handed between threads (documents, `Value`s, `Diagnostics`) are not `Sendable`:
/// each task touches only its own file's values and `Diagnostics`, and reads what is shared
/// (the model, the references, the example base) without changing it.
enum Concurrent {
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func map<R>(count: Int, order: [Int]? = nil, _ body: (Int) -> R) -> [R] {
        let order = order ?? Array(0..<count)
        let workers = min(processorCount, count)
        if workers <= 1 { return (0..<count).map(body) }
        let slots = Slots<R>(count: count)
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let task = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if k >= count { break }
                    let i = order[k]
                    slots.store(task.value(i), at: i)
                }
            }
        }
        return slots.values()
    }

    /// A value shared with the worker threads, under the rules above.
    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    private final class Slots<R>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<R?>
        private let count: Int
        init(count: Int) {
            self.count = count
            slots = UnsafeMutablePointer<R?>.allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }
        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        func store(_ value: R, at i: Int) { slots[i] = value }
        func values() -> [R] { (0..<count).map { slots[$0]! } }
    }
}

/// The built-in pack, loaded ahead on another thread while the command line is parsed: most
/// commands need it, and the CLI knows which it runs only once ArgumentParser is done.
/// `RulePackLoader.loadPack(directory: nil, limits: .default)` takes the result, waiting for it
/// if need be; a load with other limits or from a directory does not use it.
final class BuiltInPrefetch: Sendable {
    static let shared = BuiltInPrefetch()

    private struct State {
        /// A load has been started and not taken yet.
        var started = false
        /// Someone is waiting for that load.
        var claimed = false
        var result: Result<RulePack, RuleFileErrors>?
    }
    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)

    /// Starts the load unless one has started already.
    func start() {
        let begin = state.withLock { s -> Bool in
            if s.started { return false }
            s.started = true
            return true
        }
        guard begin else { return }
        DispatchQueue.global().async {
            let result = RulePackLoader.loadPack(files: RulePackLoader.builtInFiles, limits: .default)
            self.state.withLock { $0.result = result }
            self.done.signal()
        }
    }

    /// The prefetched pack, once loaded, or nil when no load was started; the next `start()`
    /// loads anew.
    func take() -> Result<RulePack, RuleFileErrors>? {
        // One caller only takes a given load; the others load for themselves.
        let claimed = state.withLock { s -> Bool in
            guard s.started, !s.claimed else { return false }
            s.claimed = true
            return true
        }
        guard claimed else { return nil }
        done.wait()
        return state.withLock { s in
            let r = s.result
            s = State()
            return r
        }
    }
}
