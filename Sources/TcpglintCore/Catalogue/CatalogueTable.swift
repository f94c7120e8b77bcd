#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - One section of a snapshot, read when first asked for

/// The lists of one section of a catalogue (the zones, versions or classes) by key. A snapshot
/// built in memory holds them all; one read from a file holds where each list is written and
/// decodes it the first time a lint asks for it, once for every thread: a run needs the lists
/// of a few keys, and decoding all 2,000 classes of a large catalogue doubled a one-file run.
///
/// The cache is guarded by a pthread mutex (which ThreadSanitizer understands).
public final class CatalogueTable<Key: Hashable & Comparable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let eager: [Key: Value]
    private let locate: (@Sendable (Key) -> Range<Int>?)?
    private let allKeys: (@Sendable () -> [Key])?
    private let total: Int
    private let decode: (@Sendable (Range<Int>) -> Value?)?
    private var cache: [Key: Value?] = [:]
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Lists held in memory.
    public init(_ values: [Key: Value]) {
        eager = values
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

    public subscript(key: Key) -> Value? {
        guard let decode, let locate else { return eager[key] }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let known = cache[key] { return known }
        let value = locate(key).flatMap(decode)
        cache[key] = value
        return value
    }

    /// Every key, in order.
    public var keys: [Key] { (allKeys?() ?? Array(eager.keys)).sorted() }

    public var count: Int { total }

    /// Every list, in key order (decoding them all).
    public var values: [Value] { keys.compactMap { self[$0] } }
}
