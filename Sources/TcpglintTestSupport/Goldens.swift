// Goldens need Swift Testing. The static SDK that `--static-swift-stdlib` builds against has
// none, so without it this file is left out and `swift build -c release --static-swift-stdlib`
// (the README's first command) still builds every target.
#if canImport(Testing)

    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    /// Whether goldens are being rewritten (`TCPGLINT_UPDATE_GOLDENS=1 swift test`).
    public let updatingGoldens = getenv("TCPGLINT_UPDATE_GOLDENS").map { String(cString: $0) == "1" } ?? false

    /// Compares `actual` with the golden file (a path relative to the package root); in update mode
    /// rewrites it and fails the test, so a golden is never accepted silently.
    public func expectGolden(
        _ actual: String, path: String, updating: Bool = updatingGoldens,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = readText(path)
        checkGolden(actual, expected: expected, path: path, updating: updating, sourceLocation: sourceLocation) {
            writeText(path, actual)
        }
    }

    /// Compares `actual` with the part of a file between two marker lines (the README's generated
    /// rule table is such a golden); in update mode rewrites that part only, and fails the test.
    public func expectGolden(
        _ actual: String, path: String, between begin: String, and end: String, updating: Bool = updatingGoldens,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let text = readText(path), let start = text.firstRange(of: begin),
            let stop = text[start.upperBound...].firstRange(of: end)
        else {
            Issue.record(
                "\(path) has no \(begin.debugDescription) … \(end.debugDescription) section",
                sourceLocation: sourceLocation
            )
            return
        }
        let expected = String(text[start.upperBound..<stop.lowerBound])
        checkGolden(actual, expected: expected, path: path, updating: updating, sourceLocation: sourceLocation) {
            writeText(path, String(text[..<start.upperBound]) + actual + String(text[stop.lowerBound...]))
        }
    }

    /// The one golden rule: equal passes; in update mode a difference is written and fails the
    /// test; otherwise a difference or a missing golden fails it.
    private func checkGolden(
        _ actual: String, expected: String?, path: String, updating: Bool, sourceLocation: SourceLocation,
        record: () -> Bool
    ) {
        if updating {
            if expected != actual {
                if record() {
                    Issue.record(
                        "Recorded a new golden at \(path); review it and run the tests again",
                        sourceLocation: sourceLocation)
                } else {
                    Issue.record("Could not write the golden \(path)", sourceLocation: sourceLocation)
                }
            }
            return
        }
        guard let expected else {
            Issue.record(
                "Missing golden \(path); run with TCPGLINT_UPDATE_GOLDENS=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        #expect(
            actual == expected, "golden \(path) differs; TCPGLINT_UPDATE_GOLDENS=1 swift test records it",
            sourceLocation: sourceLocation)
    }

#endif
