#if canImport(Glibc)
    import Glibc
#endif

/// Path arithmetic for config and policy files, which name other files relative to themselves.
package enum Paths {
    /// The folder of a path (`.` for a bare name).
    package static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let d = String(path.utf8[..<slash])!
        return d.isEmpty ? "/" : d
    }

    /// The last component of a path.
    package static func baseName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path.utf8[path.utf8.index(after: slash)...])!
    }

    /// `base/relative`, normalised (`a/./b/../c` → `a/c`); an absolute `relative` stays as it is.
    package static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        return normalize(base == "." ? relative : base + "/" + relative)
    }

    package static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = out.last, last != ".." {
                out.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The canonical absolute path (symbolic links resolved), or nil when it does not exist.
    package static func real(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The working directory.
    package static var current: String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        let length = buf.firstIndex(of: 0) ?? buf.count
        return String(decoding: buf[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How messages show an absolute path: relative to the working directory, with `..` steps
    /// when it is outside it, so that output never holds an absolute path.
    package static func display(_ path: String, from cwd: String) -> String {
        guard path.hasPrefix("/"), cwd.hasPrefix("/") else { return path }
        let a = path.split(separator: "/")
        let b = cwd.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let up = Array(repeating: "..", count: b.count - common)
        let rest = a[common...].map(String.init)
        let joined = (up + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `base` when it is below it, else nil.
    package static func relative(_ path: String, to base: String) -> String? {
        if path == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }
}
