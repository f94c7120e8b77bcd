#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - One section of a snapshot, read when first asked for

/// A key of a catalogue table.
public protocol CatalogueTableKey: Hashable, Comparable, Sendable {}

/// The lists of one section of a catalogue (the zones, versions or classes) by key. A snapshot
/// built in memory holds them all; one read from a file holds where each list is written and
/// decodes it the first time a lint asks for it, once for every thread: a run needs the lists
/// of a few keys, and decoding all 2,000 classes of a large catalogue doubled a one-file run.
///
/// The class itself puts no protocol on its key and keeps its lists by the key's hash value, so
/// that making its type at run time looks up no conformance: each such lookup scans all of the
/// program's conformances, and the three tables' lookups cost a one-file run 2%. The members that
/// need the key's protocol are in the extension below. The cache is guarded by a pthread mutex
/// (which ThreadSanitizer understands).
public final class CatalogueTable<Key: Sendable, Value: Sendable>: @unchecked Sendable {
    /// The lists by their key's hash value (keys with one hash value share a bucket).
    private let eager: [Int: [(key: Key, value: Value)]]
    private let locate: (@Sendable (Key) -> Range<Int>?)?
    private let allKeys: (@Sendable () -> [Key])?
    private let total: Int
    private let decode: (@Sendable (Range<Int>) -> Value?)?
    private var cache: [Int: [(key: Key, value: Value?)]] = [:]
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Lists held in memory.
    public init(_ values: [Key: Value]) where Key: CatalogueTableKey {
        var buckets: [Int: [(key: Key, value: Value)]] = [:]
        buckets.reserveCapacity(values.count)
        for (k, v) in values { buckets[k.hashValue, default: []].append((k, v)) }
        eager = buckets
        locate = nil
        allKeys = nil
        total = values.count
        decode = nil
        mutex = Self.makeMutex()
    }

    /// `count` lists written at byte ranges of a file: `locate` finds a key's range, `keys` reads
    /// every key (slowly: for listings and comparisons), and `decode` decodes a list on first use
    /// (nil when its bytes do not decode: the key is then not covered).
    public init(
        count: Int, locate: @escaping @Sendable (Key) -> Range<Int>?, keys: @escaping @Sendable () -> [Key],
        decode: @escaping @Sendable (Range<Int>) -> Value?
    ) {
        eager = [:]
        total = count
        self.locate = locate
        allKeys = keys
        self.decode = decode
        mutex = Self.makeMutex()
    }

    private static func makeMutex() -> UnsafeMutablePointer<pthread_mutex_t> {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
        return m
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    fileprivate var unsortedKeys: [Key] { allKeys?() ?? eager.values.flatMap { $0.map(\.key) } }

    /// How many lists the table holds (for a file, its lines: one that does not decode counts).
    public var count: Int { total }
}

extension CatalogueTable where Key: CatalogueTableKey {
    public subscript(key: Key) -> Value? {
        let h = key.hashValue
        guard let decode, let locate else { return eager[h]?.first { $0.key == key }?.value }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let known = cache[h]?.first(where: { $0.key == key }) { return known.value }
        let value = locate(key).flatMap(decode)
        cache[h, default: []].append((key, value))
        return value
    }

    /// Every key, in order.
    public var keys: [Key] { unsortedKeys.sorted() }

    /// Every list, in key order (decoding them all).
    public var values: [Value] { keys.compactMap { self[$0] } }
}
