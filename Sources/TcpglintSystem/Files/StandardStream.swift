import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output or standard error, written in pieces. The first write that fails (a closed
/// pipe, a full disk) is kept and every later write is dropped, so a reader that has gone costs
/// one error, not one a write; the CLI asks for it at the end and exits with status 3.
public final class StandardStream: Sendable {
    public let fd: Int32
    /// The stream's name in a message ("standard output").
    public let name: String
    private let state = Mutex<FileSystemError?>(nil)

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public static let output = StandardStream(fd: 1, name: "standard output")
    public static let error = StandardStream(fd: 2, name: "standard error")

    /// Writes all of `text`, unless a write has failed before.
    public func write(_ text: String) {
        state.withLock { failure in
            guard failure == nil else { return }
            do throws(FileSystemError) { try FileSystem.write(text, to: fd, name: name) } catch { failure = error }
        }
    }

    /// Writes all of `bytes`, unless a write has failed before.
    public func write(_ bytes: [UInt8]) {
        state.withLock { failure in
            guard failure == nil else { return }
            do throws(FileSystemError) { try FileSystem.write(bytes, to: fd, name: name) } catch { failure = error }
        }
    }

    /// The first write that failed, if one has.
    public var failure: FileSystemError? { state.withLock { $0 } }
}
