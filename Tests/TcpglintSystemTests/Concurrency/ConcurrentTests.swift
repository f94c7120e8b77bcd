import TcpglintSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The parallel map over indices: results in input order whatever the timing.
@Suite struct ConcurrentTests {
    @Test(arguments: [1, 2, 3, 8])
    func resultsAreInInputOrder(_ threads: Int) {
        let runs = Shared([Int](repeating: 0, count: 500))
        let out = Concurrent.map(count: 500, threads: threads) { i -> String in
            runs.withLock { $0[i] += 1 }
            // Uneven work, so that tasks finish out of order.
            var x = 0
            for k in 0..<((i * 7919) % 2000) { x &+= k }
            return "\(i):\(x & 0)"
        }
        #expect(out == (0..<500).map { "\($0):0" })
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 500), "each index runs exactly once")
    }

    /// Tasks may be taken in another order (largest first); results are still stored by index.
    @Test func aGivenOrderChangesTheScheduleNotTheResult() {
        let order = Array((0..<100).reversed())
        let taken = Shared([Int]())
        let out = Concurrent.map(count: 100, threads: 1, order: order) { i -> Int in
            taken.withLock { $0.append(i) }
            return i * i
        }
        #expect(out == (0..<100).map { $0 * $0 })
        #expect(Concurrent.map(count: 100, threads: 4, order: order) { $0 * $0 } == out)
        // One thread runs the indices in input order: `order` is for the threads' benefit.
        #expect(taken.withLock { $0 } == Array(0..<100))
    }

    @Test func anEmptyCountGivesNoResult() {
        #expect(Concurrent.map(count: 0, threads: 4) { (i: Int) -> Int in i }.isEmpty)
        #expect(Concurrent.map(count: 1, threads: 4) { $0 + 41 } == [41])
        #expect(Concurrent.processorCount >= 1)
    }
}

/// A value behind a pthread mutex, shared with worker threads. (Synchronization's `Mutex` waits
/// on a futex, which ThreadSanitizer does not see as a lock: it reported the guarded writes as
/// races.)
final class Shared<T>: @unchecked Sendable {
    private var value: T
    private var mutex = pthread_mutex_t()
    init(_ value: T) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
    }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<R>(_ body: (inout T) -> R) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body(&value)
    }
}
