import Synchronization
import TcpglintSystem
import Testing

/// A counter the worker threads share (escaping closures cannot capture an `Atomic` itself).
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    @discardableResult
    func add(_ n: Int = 1) -> Int { value.add(n, ordering: .sequentiallyConsistent).newValue }
    func store(_ n: Int) { value.store(n, ordering: .sequentiallyConsistent) }
    var current: Int { value.load(ordering: .sequentiallyConsistent) }
}

/// The CLI's parallel work: ordered results, threads, channels, per-worker state.
@Suite struct ParallelTests {
    /// Results reach the consumer in index order, each once, for several thread counts and
    /// windows; the workers never run further ahead of the consumer than the window allows.
    @Test(arguments: [1, 2, 3, 8], [1, 2, 5, 64])
    func forEachOrderedConsumesInIndexOrder(_ threads: Int, _ window: Int) {
        for count in [1, 2, 7, 300] {
            let consumedSoFar = Counter()
            let tooFarAhead = Counter()
            let badWorker = Counter()
            // The ring holds max(window, workers) results; the consumer's count here lags the
            // ring's by at most one, hence the + 1.
            let room = max(window, min(threads, count)) + 1
            var consumed: [Int] = []
            Parallel.forEachOrdered(
                count: count, threads: threads, window: window,
                produce: { i, worker in
                    if i >= consumedSoFar.current + room { tooFarAhead.add() }
                    if worker < 0 || worker >= max(1, threads) { badWorker.add() }
                    var x = 0
                    for k in 0..<((i * 31) % 500) { x &+= k }
                    return i * 10 + (x & 0)
                },
                consume: { i, value in
                    #expect(value == i * 10)
                    consumed.append(i)
                    consumedSoFar.store(consumed.count)
                })
            #expect(consumed == Array(0..<count), "threads \(threads), window \(window), count \(count)")
            #expect(tooFarAhead.current == 0, "a worker ran past the window")
            #expect(badWorker.current == 0, "a worker number outside 0..<threads")
        }
    }

    /// `stop` ends the run: nothing is consumed after it says so, and the workers stop
    /// claiming (they produce at most a window and a block each beyond it).
    @Test(arguments: [1, 2, 4])
    func stopEndsTheRunEarly(_ threads: Int) {
        let produced = Counter()
        var consumed: [Int] = []
        Parallel.forEachOrdered(
            count: 100_000, threads: threads, window: 8, stop: { consumed.count == 10 },
            produce: { i, _ in
                produced.add()
                return i
            }, consume: { i, _ in consumed.append(i) })
        #expect(consumed == Array(0..<10))
        #expect(produced.current <= 10 + 8 + 4 * threads + 1)
    }

    @Test(arguments: [1, 4])
    func anEmptyCountRunsNothing(_ threads: Int) {
        let produced = Counter()
        var consumed = 0
        Parallel.forEachOrdered(
            count: 0, threads: threads, window: 8,
            produce: { i, _ in
                produced.add()
                return i
            }, consume: { _, _ in consumed += 1 })
        #expect(produced.current == 0)
        #expect(consumed == 0)
    }

    @Test func mapKeepsTheOrderOfItsItems() {
        let items = (0..<200).map { "item \($0)" }
        #expect(Parallel.map(items, threads: 3) { $0.uppercased() } == items.map { $0.uppercased() })
        #expect(Parallel.map([Int](), threads: 3) { $0 }.isEmpty)
    }

    /// One producer, one consumer: every item arrives, in order, then nil once closed; the
    /// producer is never more than the capacity ahead.
    @Test(arguments: [0, 1, 3, 100])
    func aChannelPassesEveryItemInOrder(_ capacity: Int) {
        let channel = Parallel.Channel<Int>(capacity: capacity)
        let sent = Counter()
        let received = Counter()
        let overfull = Counter()
        let bound = max(1, capacity)
        let producer = Parallel.Thread {
            for i in 0..<1000 {
                channel.send(i)
                let s = sent.add()
                // The consumer's count lags by at most the item it is taking.
                if s - received.current > bound + 1 { overfull.add() }
            }
            channel.close()
        }
        var got: [Int] = []
        while let i = channel.receive() {
            got.append(i)
            received.add()
        }
        producer.join()
        #expect(got == Array(0..<1000))
        #expect(overfull.current == 0, "the channel held more than its capacity")
        #expect(channel.receive() == nil, "a closed, empty channel gives nil at once")
    }

    @Test func aThreadRunsItsBodyAndJoinWaitsForIt() {
        let done = Counter()
        let t = Parallel.Thread { done.add() }
        t.join()
        #expect(done.current == 1)
        t.join() // a second join does nothing
    }

    @Test func perWorkerValuesAreMadeOncePerWorker() {
        let made = Counter()
        let values = Parallel.PerWorker<String>(count: 3) { w in
            made.add()
            return "worker \(w)"
        }
        #expect(values[0] == "worker 0" && values[2] == "worker 2" && values[0] == "worker 0")
        #expect(made.current == 2)
        let perThread = Parallel.PerWorker<Int>(count: 4) { $0 * 100 }
        Parallel.forEachOrdered(
            count: 50, threads: 4, window: 8, produce: { _, w in (w, perThread[w]) },
            consume: { _, r in
                #expect(r.1 == r.0 * 100)
            })
    }
}
