import Dispatch

/// The built-in pack, loaded ahead on another thread while the command line is parsed: most
/// commands need it, and the CLI knows which it runs only once ArgumentParser is done.
/// `RulePackLoader.loadPack(directory: nil, limits: .default)` takes the result, waiting for it
/// if need be; a load with other limits or from a directory does not use it.
/// The state is guarded by a serial queue, not a `Mutex`: ThreadSanitizer does not see the
/// Synchronization module's locking and reported its fields as raced.
final class BuiltInPrefetch: @unchecked Sendable {
    static let shared = BuiltInPrefetch()

    private struct State {
        /// A load has been started and not taken yet.
        var started = false
        /// Someone is waiting for that load.
        var claimed = false
        var result: Result<RulePack, RuleFileErrors>?
    }
    private var current = State()
    private let queue = DispatchQueue(label: "tcpglint.builtin-prefetch")
    private let done = DispatchSemaphore(value: 0)

    /// Starts the load unless one has started already.
    func start() {
        let begin = withState { s -> Bool in
            if s.started { return false }
            s.started = true
            return true
        }
        guard begin else { return }
        DispatchQueue.global().async {
            let result = RulePackLoader.loadPack(
                files: RulePackLoader.builtInFiles, limits: .default, resources: RulePackLoader.builtInResources)
            self.withState { $0.result = result }
            self.done.signal()
        }
    }

    /// The prefetched pack, once loaded, or nil when no load was started; the next `start()`
    /// loads anew.
    func take() -> Result<RulePack, RuleFileErrors>? {
        // One caller only takes a given load; the others load for themselves.
        let claimed = withState { s -> Bool in
            guard s.started, !s.claimed else { return false }
            s.claimed = true
            return true
        }
        guard claimed else { return nil }
        done.wait()
        return withState { s in
            let r = s.result
            s = State()
            return r
        }
    }

    private func withState<T>(_ body: (inout State) -> T) -> T { queue.sync { body(&current) } }
}
