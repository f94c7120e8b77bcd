import ArgumentParser
import TcpglintCore
import TcpglintRules

// MARK: - tcpglint catalogue diff

struct CatalogueDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print what appeared, disappeared and changed between two catalogues; exit 1 when they differ.")

    @Argument(help: ArgumentHelp("The older built catalogue.", valueName: "OLD"))
    var old: String

    @Argument(help: ArgumentHelp("The newer built catalogue.", valueName: "NEW"))
    var new: String

    @Option(help: "Output format.")
    var format: ListFormat = .text

    func run(console: Console) -> Int32 {
        var sides: [CatalogueChanges.Side] = []
        for path in [old, new] {
            switch CatalogueFile.read(path, lazily: false) {
            case .failure(let e): for x in e.errors { console.err("\(x)\n") }
            case .success(let l): sides.append(CatalogueChanges.Side(file: path, catalogue: l.catalogue))
            }
        }
        guard sides.count == 2 else { return ExitStatus.usage.rawValue }
        let report = CatalogueChanges.between(sides[0].catalogue, sides[1].catalogue)
        switch format {
        case .text: console.out(CatalogueChanges.text(report, old: sides[0], new: sides[1]))
        case .json: console.out(CatalogueChanges.json(report, old: sides[0], new: sides[1]))
        }
        // A failed write of standard output makes the status 3 (CLI.run).
        return report.isEmpty ? ExitStatus.clean.rawValue : ExitStatus.findings.rawValue
    }
}
