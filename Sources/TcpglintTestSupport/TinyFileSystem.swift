import TcpglintSystem

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny tmpfs mounted on a scratch folder for one test and unmounted when the value goes away:
/// a real file system that fills up, so a write to it fails with `ENOSPC` as on a full disk.
/// Mounting needs root (CI runs as root). Where it cannot be done a test is skipped
/// (`.enabled(if: TinyFileSystem.usable)`), but never in CI (`CI` set): there the test runs and
/// fails if the mount does.
public final class TinyFileSystem {
    public let path: String
    private let folder: TempDir

    /// Mounts a tmpfs of `kilobytes`; nil when it cannot be mounted.
    public init?(kilobytes: Int = 64) {
        guard let folder = try? TempDir() else { return nil }
        self.folder = folder
        path = folder.path
        let mounted = "size=\(kilobytes)k,mode=0755".withCString {
            mount("tmpfs", folder.path, "tmpfs", 0, $0) == 0
        }
        if !mounted { return nil }
    }

    deinit { umount2(path, Int32(MNT_DETACH)) }

    /// Whether a test of a full file system runs: a tmpfs can be mounted here, or it is CI.
    public static let usable: Bool = TinyFileSystem(kilobytes: 16) != nil || isCI

    /// Whether the tests run in CI (`CI` set and not empty).
    public static var isCI: Bool { getenv("CI").map { String(cString: $0) }.map { !$0.isEmpty } ?? false }

    /// Fills the file system with files of zeros (`filler-0`, `filler-1`, …) until not one more
    /// page can be written.
    public func fill() {
        var k = 0
        for size in [16384, 4096] {
            let zeros = String(repeating: "0", count: size)
            while (try? FileSystem.writeAtomically(zeros, to: path + "/filler-\(k)")) != nil { k += 1 }
        }
    }

    /// The names in the file system but the fillers, sorted.
    public func names() throws -> [String] {
        try FileSystem.listDirectory(path).filter { !$0.hasPrefix("filler-") }.sorted()
    }
}
