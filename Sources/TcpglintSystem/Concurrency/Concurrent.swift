import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A parallel map over indices: tasks are taken in the order given (largest first works best
/// for uneven tasks) by up to `threads` threads, and each result is stored at its own index, so
/// the results are in input order whatever the timing. The rule-pack loader runs its files
/// through it, the CLI the documents of a long YAML stream.
///
/// `body` need not be `Sendable`: the callers hand values between threads that are not (rule
/// files' documents and diagnostics), with each task touching only its own and reading shared
/// ones without changing them.
public enum Concurrent {
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public static func map<R>(count: Int, threads: Int = processorCount, order: [Int]? = nil, _ body: (Int) -> R) -> [R]
    {
        let order = order ?? Array(0..<count)
        let workers = max(1, min(threads, count))
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
