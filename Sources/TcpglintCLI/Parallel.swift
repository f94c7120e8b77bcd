#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// A parallel map over an array: `threads` workers take the next index from a shared counter,
/// and each result is stored at its own index, so the order of the results is the order of the
/// input whatever the timing.
enum Parallel {
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func map<T: Sendable, R: Sendable>(_ items: [T], threads: Int, _ body: @Sendable (T) -> R) -> [R] {
        let n = items.count
        let workers = max(1, min(threads, n))
        if workers <= 1 { return items.map(body) }
        let results = Results<R>(count: n)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= n { break }
                results.store(body(items[i]), at: i)
            }
        }
        return results.values()
    }

    /// Slots written by distinct indices from many threads, read once all writers are done. The
    /// storage is allocated once: threads write through the pointer, never touching a Swift
    /// array (whose mutation is an exclusive access of the whole array).
    private final class Results<R>: @unchecked Sendable {
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
