// MARK: - Path globs

/// A glob over `/`-separated relative paths, as config files write them.
///
/// `*` matches any characters but `/`; `?` one character but `/`; `[abc]`, `[a-z]` and `[!a]`
/// a set; `**` as a whole segment matches zero or more folders (`prod/**`, `**/*.json`). A
/// pattern without a `/` matches the file name in any folder, as in `.gitignore`.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [[UInt8]]
    private let anyFolder: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        anyFolder = !p.contains("/")
        segments = p.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public var description: String { pattern }

    /// Whether the relative path matches.
    public func matches(_ path: String) -> Bool {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        let parts = p.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if anyFolder, let last = parts.last, segments.count == 1 {
            return Glob.segment(segments[0][...], last[...])
        }
        return Glob.match(segments[...], parts[...])
    }

    /// Segments against path parts, by dynamic programming: linear in their product, whatever
    /// the number of `**` (a recursive match is exponential in it).
    private static func match(_ pat: ArraySlice<[UInt8]>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        let p = Array(pat)
        let s = Array(parts)
        let globstar = Array("**".utf8)
        // ok[j]: the first i segments match the first j parts.
        var ok = [Bool](repeating: false, count: s.count + 1)
        ok[0] = true
        for seg in p {
            var next = [Bool](repeating: false, count: s.count + 1)
            if seg == globstar {
                var reachable = false
                for j in 0...s.count {
                    reachable = reachable || ok[j]
                    next[j] = reachable
                }
            } else {
                for j in 1...max(1, s.count) where j <= s.count && ok[j - 1] && segment(seg[...], s[j - 1][...]) {
                    next[j] = true
                }
            }
            ok = next
        }
        return ok[s.count]
    }

    /// One segment: `*`, `?` and sets, iteratively with one backtrack point for `*`.
    private static func segment(_ pat: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var pi = pat.startIndex
        var si = s.startIndex
        var starP: Int? = nil
        var starS = 0
        while si < s.endIndex {
            if pi < pat.endIndex {
                let c = pat[pi]
                if c == UInt8(ascii: "*") {
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                if c == UInt8(ascii: "?") && s[si] != UInt8(ascii: "/") {
                    pi += 1
                    si += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (ok, next) = set(pat, pi, s[si]) {
                    if ok {
                        pi = next
                        si += 1
                        continue
                    }
                } else if c == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard let sp = starP else { return false }
            pi = sp + 1
            starS += 1
            si = starS
        }
        while pi < pat.endIndex, pat[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == pat.endIndex
    }

    /// Matches `c` against the set starting at `pat[i] == "["`: whether it matched and the index
    /// after `]`, or nil when the set is not closed (then `[` is literal).
    private static func set(_ pat: ArraySlice<UInt8>, _ i: Int, _ c: UInt8) -> (Bool, Int)? {
        var k = i + 1
        var negate = false
        if k < pat.endIndex, pat[k] == UInt8(ascii: "!") || pat[k] == UInt8(ascii: "^") {
            negate = true
            k += 1
        }
        var matched = false
        var first = true
        while k < pat.endIndex {
            let x = pat[k]
            if x == UInt8(ascii: "]"), !first { return (matched != negate, k + 1) }
            first = false
            if k + 2 < pat.endIndex, pat[k + 1] == UInt8(ascii: "-"), pat[k + 2] != UInt8(ascii: "]") {
                if c >= x && c <= pat[k + 2] { matched = true }
                k += 3
            } else {
                if c == x { matched = true }
                k += 1
            }
        }
        return nil
    }
}
