import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The CLI's parallel work: ordered file results for the lint session, threads, channels and
/// per-worker state.
package enum Parallel {
    package static var processorCount: Int { Concurrent.processorCount }

    /// A parallel map over an array, in input order (see `Concurrent.map`).
    package static func map<T: Sendable, R: Sendable>(_ items: [T], threads: Int, _ body: @Sendable (T) -> R) -> [R] {
        Concurrent.map(count: items.count, threads: threads) { body(items[$0]) }
    }
}

extension Parallel {
    /// Runs `produce` for indices 0..<count on `threads` workers and hands the results to
    /// `consume` on the calling thread in index order, as soon as each one and all before it are
    /// done. Workers run at most `window` indices ahead of the consumer, so memory holds a
    /// bounded number of results whatever `count` is.
    /// `produce` is also told which worker (0..<threads) runs it, for per-worker state.
    /// `stop`, asked after each `consume`, ends the run early: the workers claim nothing more and
    /// finish what they hold.
    package static func forEachOrdered<R: Sendable>(
        count n: Int, threads: Int, window: Int, stop: () -> Bool = { false },
        produce: @escaping @Sendable (Int, Int) -> R, consume: (Int, R) -> Void
    ) {
        let workers = max(1, min(threads, n))
        if workers <= 1 {
            for i in 0..<n {
                consume(i, produce(i, 0))
                if stop() { return }
            }
            return
        }
        let ring = Ring<R>(count: n, window: max(window, workers))
        // Threads of our own: libdispatch's pool does not count the consumer as busy and may
        // run the workers one at a time.
        var threads: [pthread_t] = []
        for w in 0..<workers {
            let box = Unmanaged.passRetained(
                Work {
                    // Small blocks of consecutive files: fewer trips through the lock, and the
                    // consumer still gets the files in order soon.
                    while let r = ring.claim(block: 4) { for i in r { ring.put(produce(i, w), at: i) } }
                })
            var t = pthread_t()
            if pthread_create(
                &t, nil,
                { raw in
                    let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
                    work.body()
                    return nil
                }, box.toOpaque()) == 0
            {
                threads.append(t)
            } else {
                box.release()
            }
        }
        if threads.isEmpty {
            for i in 0..<n {
                consume(i, produce(i, 0))
                if stop() { return }
            }
            return
        }
        for i in 0..<n {
            consume(i, ring.take(i))
            if stop() {
                ring.cancel()
                break
            }
        }
        for t in threads { pthread_join(t, nil) }
    }

    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// The results between the consumer and the workers: a ring of `window` slots guarded by a
    /// mutex and a condition variable (workers wait for room, the consumer for its next result).
    private final class Ring<R>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<R?>
        private let window: Int
        private let count: Int
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private var nextClaim = 0
        private var consumed = 0

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
            slots = UnsafeMutablePointer<R?>.allocate(capacity: window)
            slots.initialize(repeating: nil, count: window)
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(changed, nil)
        }

        deinit {
            slots.deinitialize(count: window)
            slots.deallocate()
            pthread_mutex_destroy(mutex)
            pthread_cond_destroy(changed)
            mutex.deallocate()
            changed.deallocate()
        }

        /// Workers waiting for room, and the index the consumer waits for (-1: none): a signal
        /// is sent only to someone waiting, so a run costs few system calls, not several a file.
        private var workersWaiting = 0
        private var consumerWaitsFor = -1

        /// The next indices to produce (up to `block` of them, in order), once there is room for
        /// them; nil when all are claimed.
        func claim(block: Int) -> Range<Int>? {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while nextClaim < count && nextClaim >= consumed + window {
                workersWaiting += 1
                pthread_cond_wait(changed, mutex)
                workersWaiting -= 1
            }
            guard nextClaim < count else { return nil }
            let end = min(count, nextClaim + block, consumed + window)
            defer { nextClaim = end }
            return nextClaim..<end
        }

        /// No more claims: the workers end when they have put what they hold.
        func cancel() {
            pthread_mutex_lock(mutex)
            nextClaim = count
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }

        func put(_ value: R, at i: Int) {
            pthread_mutex_lock(mutex)
            slots[i % window] = value
            if consumerWaitsFor == i { pthread_cond_broadcast(changed) }
            pthread_mutex_unlock(mutex)
        }

        func take(_ i: Int) -> R {
            pthread_mutex_lock(mutex)
            while slots[i % window] == nil {
                consumerWaitsFor = i
                pthread_cond_wait(changed, mutex)
            }
            consumerWaitsFor = -1
            let value = slots[i % window].take()!
            consumed = i + 1
            if workersWaiting > 0 { pthread_cond_broadcast(changed) }
            pthread_mutex_unlock(mutex)
            return value
        }
    }
}

extension Parallel {
    /// Runs `body` on a thread of its own; `join` waits for it.
    package final class Thread: @unchecked Sendable {
        private var thread = pthread_t()
        private var started = false
        private let body: @Sendable () -> Void

        package init(_ body: @escaping @Sendable () -> Void) {
            self.body = body
            let box = Unmanaged.passRetained(Work(body))
            started =
                pthread_create(
                    &thread, nil,
                    { raw in
                        let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
                        work.body()
                        return nil
                    }, box.toOpaque()) == 0
            if !started {
                box.release()
                body() // no thread to be had: run it here
            }
        }

        package func join() {
            if started { pthread_join(thread, nil) }
            started = false
        }
    }

    /// A queue of at most `capacity` items between one producer thread and one consumer.
    package final class Channel<T>: @unchecked Sendable {
        private var items: [T] = []
        private var closed = false
        private let capacity: Int
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        package init(capacity: Int) {
            self.capacity = max(1, capacity)
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(changed, nil)
        }

        deinit {
            pthread_mutex_destroy(mutex)
            pthread_cond_destroy(changed)
            mutex.deallocate()
            changed.deallocate()
        }

        /// Waits for room, then adds an item.
        package func send(_ item: T) {
            pthread_mutex_lock(mutex)
            while items.count >= capacity { pthread_cond_wait(changed, mutex) }
            items.append(item)
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }

        /// No more items will come.
        package func close() {
            pthread_mutex_lock(mutex)
            closed = true
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }

        /// The next item, waiting for one; nil once the channel is closed and empty.
        package func receive() -> T? {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while items.isEmpty && !closed { pthread_cond_wait(changed, mutex) }
            guard !items.isEmpty else { return nil }
            let item = items.removeFirst()
            pthread_cond_broadcast(changed)
            return item
        }
    }
}

extension Parallel {
    /// One value per worker, made by the worker itself on first use. Each worker touches only
    /// its own slot, so no lock is needed.
    package final class PerWorker<T>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<T?>
        private let count: Int
        private let make: @Sendable (Int) -> T

        package init(count: Int, make: @escaping @Sendable (Int) -> T) {
            self.count = max(1, count)
            self.make = make
            slots = UnsafeMutablePointer<T?>.allocate(capacity: self.count)
            slots.initialize(repeating: nil, count: self.count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        package subscript(worker: Int) -> T {
            if let v = slots[worker] { return v }
            let v = make(worker)
            slots[worker] = v
            return v
        }
    }
}
