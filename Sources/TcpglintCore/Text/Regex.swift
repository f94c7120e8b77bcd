import CPCRE2

#if canImport(Glibc)
    import Glibc
#endif

/// A PCRE2 pattern compiled once (with JIT where the platform has it) and then shared, read-only,
/// by every thread. Patterns are compiled with `PCRE2_UTF` (so `\p{L}` and `.` see characters,
/// not bytes) and `PCRE2_DOLLAR_ENDONLY` (so `$` does not accept a trailing newline). `\d` and
/// `\w` stay ASCII. Matching runs under a match limit, a depth limit and a heap limit, so a
/// pattern with catastrophic backtracking fails with `.limitExceeded` instead of hanging.
public final class Regex: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    public let caseInsensitive: Bool
    private let code: OpaquePointer
    private let context: OpaquePointer?
    /// Whether the JIT compiler accepted the pattern.
    public let jitCompiled: Bool
    private let captures: Int

    /// Resource limits for one match.
    public struct Limits: Sendable {
        public var match: UInt32
        public var depth: UInt32
        public var heapKiB: UInt32
        public static let `default` = Limits(match: 1_000_000, depth: 10_000, heapKiB: 20_000)
        public init(match: UInt32, depth: UInt32, heapKiB: UInt32) {
            self.match = match
            self.depth = depth
            self.heapKiB = heapKiB
        }
    }

    /// Why a pattern did not compile: PCRE2's message and the 0-based offset in the pattern.
    public struct CompileError: Error, Sendable {
        public let message: String
        public let offset: Int
    }

    /// The outcome of a match that could not be decided.
    public enum MatchError: Error, Sendable {
        case limitExceeded(String)
        case failed(String)
    }

    public init(_ pattern: String, caseInsensitive: Bool = false, limits: Limits = .default) throws(CompileError) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_DOLLAR_ENDONLY)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        let compiled: OpaquePointer? = pattern.withCString { p in
            p.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) { bytes in
                pcre2_compile_8(bytes, pattern.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw CompileError(message: Regex.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        var n: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &n)
        captures = Int(n)
        jitCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        let ctx = pcre2_match_context_create_8(nil)
        if let ctx {
            pcre2_set_match_limit_8(ctx, limits.match)
            pcre2_set_depth_limit_8(ctx, limits.depth)
            pcre2_set_heap_limit_8(ctx, limits.heapKiB)
        }
        context = ctx
    }

    deinit {
        pcre2_code_free_8(code)
        if let context { pcre2_match_context_free_8(context) }
    }

    /// The number of capturing groups.
    public var captureCount: Int { captures }

    public func matches(_ text: String) throws(MatchError) -> Bool {
        try run(text) { _, _ in () } != nil
    }

    /// The ranges (in bytes) of the whole match and of each group, nil for a group that did not
    /// take part; nil when there is no match.
    public func firstMatch(in text: String) throws(MatchError) -> [Range<Int>?]? {
        try run(text) { md, rc in
            var out: [Range<Int>?] = []
            guard let ov = pcre2_get_ovector_pointer_8(md) else { return out }
            let set = rc == 0 ? Int(pcre2_get_ovector_count_8(md)) : Int(rc)
            for i in 0...captures {
                guard i < set else {
                    out.append(nil)
                    continue
                }
                let s = ov[2 * i]
                let e = ov[2 * i + 1]
                if s == Int.max || s == ~0 || e < s { out.append(nil) } else { out.append(Int(s)..<Int(e)) }
            }
            return out
        }
    }

    /// Matches with this thread's match data (one block per thread, made on first use, for
    /// patterns of up to 31 groups), and reads the result with `read` before another match on
    /// the thread can reuse it.
    private func run<T>(_ text: String, _ read: (OpaquePointer, Int32) -> T) throws(MatchError) -> T? {
        var own: OpaquePointer?
        let md: OpaquePointer
        if captures < Regex.scratchPairs, let shared = Regex.threadMatchData() {
            md = shared
        } else {
            guard let created = pcre2_match_data_create_from_pattern_8(code, nil) else {
                throw .failed("out of memory")
            }
            own = created
            md = created
        }
        defer { if let own { pcre2_match_data_free_8(own) } }
        var copy = text
        var empty: UInt8 = 0
        let rc: Int32 = copy.withUTF8 { buf in
            withUnsafePointer(to: &empty) { nothing in
                let subject = buf.baseAddress ?? nothing
                // A JIT-compiled pattern goes straight to the compiled code (the text is valid
                // UTF-8: it comes from a Swift string), skipping pcre2_match's checks.
                return jitCompiled
                    ? pcre2_jit_match_8(code, subject, buf.count, 0, 0, md, context)
                    : pcre2_match_8(code, subject, buf.count, 0, 0, md, context)
            }
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            let message = Regex.message(for: rc)
            switch rc {
            case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
                throw .limitExceeded(message)
            default:
                throw .failed(message)
            }
        }
        return read(md, rc)
    }

    static let scratchPairs = 32

    /// This thread's match data, freed when the thread ends.
    private static func threadMatchData() -> OpaquePointer? {
        let key = matchDataKey
        if let p = pthread_getspecific(key) { return OpaquePointer(p) }
        guard let md = pcre2_match_data_create_8(UInt32(scratchPairs), nil) else { return nil }
        pthread_setspecific(key, UnsafeRawPointer(md))
        return md
    }

    private static let matchDataKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { p in
            if let p { pcre2_match_data_free_8(OpaquePointer(p)) }
        }
        return key
    }()

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}
