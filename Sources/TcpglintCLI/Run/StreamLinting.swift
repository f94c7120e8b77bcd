import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintSystem

/// Stage 3 for a long YAML stream: one thread reads the documents one at a time and passes them
/// on in batches; each batch is linted on `jobs` threads while the next one is read, and goes on
/// as one piece of the file. Memory holds a few batches, not the stream.
enum StreamLinting {
    /// A batch of documents read from the stream.
    private struct Batch: Sendable {
        var documents: [Document] = []
        var problems: [InputProblem] = []
        /// The documents read so far, this batch's included.
        var documentsSoFar = 0
        var last = false
    }

    static func run(
        _ bytes: [UInt8], file: PlannedFile, set: RuleSet, catalogue: CatalogueInUse?, context: FileContext, jobs: Int,
        stop: () -> Bool,
        deliver: (FilePiece) -> Void
    ) {
        let name = file.name
        let limits = context.limits
        let linter = Linter(
            ruleSet: set, embeddedParser: context.embedded, placeholders: file.settings.placeholders,
            catalogue: catalogue)
        let batchSize = 64 * max(2, jobs)
        let channel = Parallel.Channel<Batch>(capacity: 2)
        let reader = Parallel.Thread {
            var batch = Batch()
            var read = 0
            let loaded = InputReader.stream(name: name, bytes: bytes, limits: limits) { doc, found in
                batch.documents.append(doc)
                batch.problems += found
                read += 1
                if batch.documents.count >= batchSize {
                    batch.documentsSoFar = read
                    channel.send(batch)
                    batch = Batch()
                }
            }
            batch.problems += loaded.problems
            batch.documentsSoFar = loaded.documentCount
            batch.last = true
            channel.send(batch)
            channel.close()
        }
        while let batch = channel.receive() {
            // Stopped: the rest of the stream is read (and dropped) but not linted.
            if stop() { continue }
            var found = linter.findings(for: batch.problems, in: name, documents: batch.documents)
            for f in Parallel.map(batch.documents, threads: jobs, { linter.lint($0) }) { found += f }
            deliver(
                FilePiece(of: file, documents: batch.documentsSoFar, findings: found, last: batch.last)
                    .countingBOM(of: bytes))
        }
        reader.join()
    }
}
