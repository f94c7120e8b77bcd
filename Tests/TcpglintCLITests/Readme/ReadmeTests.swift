import Foundation
import TcpglintReport
import TcpglintRules
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The README's rule table and check table are generated (from the pack and from `CheckKind`);
/// these fail when one is stale (and rewrite it in update mode).
@Suite(.serialized) struct ReadmeTests {
    @Test func theRuleTableIsCurrent() throws {
        guard case .success(let set) = RulePackLoader.builtIn() else {
            Issue.record("the built-in pack does not load")
            return
        }
        expectGolden(
            RuleDocs.markdownTable(set), path: "README.md", between: "<!-- rules:begin -->\n", and: "<!-- rules:end -->"
        )
    }

    @Test func theCheckTableIsCurrent() {
        expectGolden(
            RuleDocs.checkTable(), path: "README.md", between: "<!-- checks:begin -->\n", and: "<!-- checks:end -->")
    }

    /// Every flag of `lint` is documented in the README.
    @Test func everyFlagIsDocumented() throws {
        let readme = try #require(readText("README.md"))
        let help = runCLI(["help", "lint"]).out
        var flags: [String] = []
        for word in help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "<" || $0 == ">" })
        where word.hasPrefix("--") {
            flags.append(String(word))
        }
        #expect(flags.count >= 8)
        for flag in Set(flags) where flag != "--help" && flag != "--version" {
            #expect(readme.contains("`\(flag)"), "README.md does not document \(flag)")
        }
    }
}

/// Every tcpglint command in the README's code blocks runs: paths under `requests/` become
/// testdata, files it would write go to a scratch folder, and no command is a usage error.
@Suite struct ReadmeCommandTests {
    static func commands() -> [[String]] {
        guard let readme = readText("README.md") else { return [] }
        var out: [[String]] = []
        var inBlock = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            for part in line.components(separatedBy: "&&") {
                guard let r = part.range(of: "tcpglint "),
                    r.lowerBound == part.startIndex || " /".contains(part[part.index(before: r.lowerBound)])
                else { continue }
                let before = part[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                guard
                    before.isEmpty || before.hasSuffix("/") || before == "- run:" || before == "-"
                        || before.hasSuffix("release/")
                else { continue }
                var rest = String(part[r.upperBound...])
                for stop in [" >", " |", " #"] {
                    if let s = rest.range(of: stop) { rest = String(rest[..<s.lowerBound]) }
                }
                let words = rest.split(separator: " ").map(String.init)
                if let first = words.first,
                    ["lint", "rules", "explain", "schema"].contains(first) || first.hasPrefix("--"),
                    !words.contains(where: { $0.contains("{") || $0.contains("[") || $0.contains("|") })
                {
                    out.append(words)
                }
            }
        }
        return out
    }

    @Test func theREADMEHasCommands() { #expect(Self.commands().count >= 6) }

    @Test(arguments: commands().indices)
    func aREADMECommandRuns(_ i: Int) throws {
        let scratch = try TempDir()
        var args = Self.commands()[i].map { $0.replacingOccurrences(of: "requests/", with: "testdata/valid/") }
        for (k, a) in args.enumerated() {
            if k > 0, ["--write-baseline", "--baseline"].contains(args[k - 1]) {
                args[k] = scratch.path + "/baseline.json"
            }
            if k > 0, args[k - 1] == "--output", let eq = a.firstIndex(of: "=") {
                args[k] = a[...eq] + scratch.path + "/out"
            }
        }
        // A command that writes fixes runs on a copy in the scratch folder, never on testdata/.
        let writes = args.contains("--fix") || args.contains("--fix-only")
        var copied: [(original: String, copy: String)] = []
        if writes {
            for (k, a) in args.enumerated() where k > 0 && a.hasPrefix("testdata/") {
                let copy = scratch.path + "/copy/" + a
                try FileManager.default.createDirectory(
                    atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: a.hasSuffix("/") ? String(a.dropLast()) : a, toPath: copy)
                args[k] = copy
                copied.append((a, copy))
            }
            #expect(!copied.isEmpty, "a README command with --fix names no path to copy: \(args)")
        }
        if args.contains("--baseline"), !args.contains("--write-baseline") {
            _ = runCLI(["lint", "--write-baseline", scratch.path + "/baseline.json", "testdata/valid/"])
        }
        let before = copied.map { Self.snapshot($0.original) }
        let r = runCLI(args)
        #expect(copied.map { Self.snapshot($0.original) } == before, "a README command changed testdata/")
        #expect(
            r.status != 2,
            "README command `tcpglint \(Self.commands()[i].joined(separator: " "))` is a usage error: \(r.err)")
        #expect(
            r.status != 3,
            "README command `tcpglint \(Self.commands()[i].joined(separator: " "))` failed: \(r.out)\(r.err)")
    }

    /// Every file under a path, with its bytes.
    static func snapshot(_ path: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let names = FileManager.default.subpaths(atPath: base) ?? []
        for n in names.isEmpty ? [""] : names {
            let p = n.isEmpty ? base : base + "/" + n
            if let d = FileManager.default.contents(atPath: p) { out[p] = d }
        }
        return out
    }

    @Test func theREADMERunsAFixOnACopy() {
        #expect(Self.commands().contains { $0.contains("--fix") })
    }
}
