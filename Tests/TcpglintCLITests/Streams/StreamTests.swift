import TcpglintInput
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// A YAML stream of a megabyte or more is linted document by document (parsed on one thread,
/// linted in batches on the others) and reported as it goes. What it reports must be what
/// linting the file whole reports: a baseline makes the lint session gather every finding first and
/// read each file whole, so the two paths can be compared on the same file.
@Suite struct StreamTests {
    /// A stream of the single-document requests under testdata (valid and invalid), repeated past
    /// the streaming threshold, ending in a document with a syntax error.
    static func stream() -> String {
        var pieces: [String] = []
        for dir in ["testdata/valid", "testdata/invalid"] {
            let names = (try? FileSystem.listDirectory(dir)) ?? []
            for n in names.sorted() where n.hasSuffix(".yaml") && !n.hasPrefix(".") {
                guard let text = readText(dir + "/" + n), !text.contains("---"), !text.contains("tcpglint-ignore"),
                    !text.contains("%YAML"), !text.hasPrefix("\u{FEFF}")
                else { continue }
                pieces.append(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
        var out = ""
        var i = 0
        while out.utf8.count < 1_100_000 {
            out += "---\n" + pieces[i % pieces.count]
            i += 1
        }
        return out + "---\nRegion: [ap-guangzhou\n"
    }

    /// Every format at once (standard output and --output files), streamed on three threads,
    /// on one thread, and read whole: the same bytes.
    @Test func aLongStreamReportsAsIfReadWhole() throws {
        let dir = try TempDir()
        try dir.write("stream.yaml", Self.stream())
        try dir.write("empty-baseline.json", "{\"version\": 1, \"entries\": []}\n")
        func run(_ tag: String, _ extra: [String]) -> (RunResult, [String]) {
            let outputs = ["text", "sarif", "junit"].map { "\($0)=\(dir.path)/\(tag).\($0)" }
            let r = runCLI(
                ["lint", "--format", "json", "--max-findings-per-file", "1000000", dir.path + "/stream.yaml"]
                    + outputs.flatMap { ["--output", $0] } + extra)
            return (r, ["text", "sarif", "junit"].map { readText("\(dir.path)/\(tag).\($0)") ?? "" })
        }
        let (streamed, streamedFiles) = run("streamed", ["--jobs", "3"])
        let (one, oneFiles) = run("one", ["--jobs", "1"])
        let (whole, wholeFiles) = run("whole", ["--baseline", dir.path + "/empty-baseline.json"])
        #expect(streamed.status == 1)
        #expect(streamed.status == whole.status)
        #expect(streamed.out.utf8.count > 100_000)
        #expect(streamed.out == whole.out, "the streamed report differs from the whole-file one")
        #expect(one.out == streamed.out)
        for (i, format) in ["text", "sarif", "junit"].enumerated() {
            #expect(streamedFiles[i].utf8.count > 1000, "\(format)")
            #expect(streamedFiles[i] == wholeFiles[i], "\(format) differs")
            #expect(oneFiles[i] == streamedFiles[i], "\(format) differs with one thread")
        }
    }

    /// Over --max-findings-per-file, a stream shows the first findings and one limit-exceeded
    /// finding at the place of the first one not shown, as a file read whole does.
    @Test func aLongStreamIsCappedLikeAFile() throws {
        let dir = try TempDir()
        try dir.write("stream.yaml", Self.stream())
        try dir.write("empty-baseline.json", "{\"version\": 1, \"entries\": []}\n")
        let args = ["lint", "--format", "json", "--max-findings-per-file", "250", dir.path + "/stream.yaml"]
        let streamed = runCLI(args)
        let whole = runCLI(args + ["--baseline", dir.path + "/empty-baseline.json"])
        #expect(streamed.out == whole.out)
        #expect(streamed.out.contains("more findings in this file are not shown"))
        #expect(streamed.out.components(separatedBy: "\"file\": ").count - 1 == 251)
    }
}
