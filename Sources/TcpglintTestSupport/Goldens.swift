#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Whether goldens are being rewritten (`TCPGLINT_UPDATE_GOLDENS=1 swift test`).
public let updatingGoldens = getenv("TCPGLINT_UPDATE_GOLDENS").map { String(cString: $0) == "1" } ?? false

/// Compares `actual` with the golden file (a path relative to the package root); in update mode
/// rewrites it and fails the test, so a golden is never accepted silently.
public func expectGolden(_ actual: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = readText(path)
    if updatingGoldens {
        if expected != actual {
            writeText(path, actual)
            Issue.record("Recorded a new golden at \(path); review it and run the tests again", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected else {
        Issue.record("Missing golden \(path); run with TCPGLINT_UPDATE_GOLDENS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "golden \(path) differs", sourceLocation: sourceLocation)
}
