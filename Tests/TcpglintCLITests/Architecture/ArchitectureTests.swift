import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The layout's rules, read from the source tree: file and function sizes, who touches the file
/// system, who imports whom, and a documented folder for every library. A failure names the file
/// and line.
@Suite struct ArchitectureTests {
    /// Every Swift file under Sources, relative to the package root, sorted.
    static let sources: [SwiftSource] = {
        _ = packageRoot
        var out: [SwiftSource] = []
        func walk(_ dir: String) {
            for name in ((try? FileSystem.listDirectory(dir)) ?? []).sorted() where !name.hasPrefix(".") {
                let path = dir + "/" + name
                switch FileSystem.kind(path) {
                case .directory: walk(path)
                case .regular where name.hasSuffix(".swift"):
                    out.append(SwiftSource(path: path, text: readText(path) ?? ""))
                default: break
                }
            }
        }
        walk("Sources")
        return out
    }()

    /// The folder of Sources a file is in: its target.
    static func target(of file: SwiftSource) -> String {
        String(file.path.split(separator: "/")[1])
    }

    @Test func theSourcesAreFound() {
        #expect(Self.sources.count > 50)
        #expect(Self.sources.contains { $0.path == "Sources/TcpglintCore/Engine/Plan.swift" })
    }

    // MARK: (a) File length

    static let maxLines = 600

    @Test func noSourceFileIsOver600Lines() {
        for file in Self.sources where file.lineCount > Self.maxLines {
            Issue.record(
                "\(file.path):\(Self.maxLines + 1): the file has \(file.lineCount) lines, over the limit of \(Self.maxLines); split it"
            )
        }
    }

    /// The longest a function, initializer or subscript may be, from its declaration to its
    /// closing brace (the issue said "about 80": a longer one is to be split).
    static let maxFunctionLines = 80

    @Test func noFunctionIsOverEightyLines() {
        #expect(Self.sources.map { $0.functionLengths().count }.reduce(0, +) > 500, "the functions were not found")
        for file in Self.sources {
            for (line, length) in file.functionLengths() where length > Self.maxFunctionLines {
                Issue.record(
                    "\(file.path):\(line): the function is \(length) lines, over \(Self.maxFunctionLines); split it")
            }
        }
    }

    @Test func functionLengthsCountFromTheDeclarationToTheClosingBrace() {
        let source = SwiftSource(
            path: "x.swift",
            text: """
                struct S {
                    func a() {
                        let s = "{ not a brace"
                    }
                    public static func b(
                        x: Int
                    ) -> Int { x }
                    init() {}
                }
                protocol P {
                    func c() -> Int
                    mutating func d()
                }
                extension P {
                    func e() {
                    }
                }
                """)
        #expect(source.functionLengths().map { "\($0.line):\($0.length)" } == ["2:3", "5:3", "8:1", "15:2"])
    }

    // MARK: (b) The file system is TcpglintSystem's

    /// POSIX calls that touch the file system.
    static let fileSystemCalls: Set<String> = [
        "open", "opendir", "readdir", "fopen", "stat", "lstat", "realpath", "unlink", "rename", "fsync", "mkdir",
        "getcwd",
        "rmdir", "mkdtemp", "chdir", "access", "readlink",
    ]

    /// The targets that may make them: TcpglintSystem, and the build tool (which runs at build
    /// time, with Foundation).
    static let fileSystemTargets: Set<String> = ["TcpglintSystem", "EmbedRulePackTool"]

    @Test func onlyTcpglintSystemCallsTheFileSystem() {
        for file in Self.sources where !Self.fileSystemTargets.contains(Self.target(of: file)) {
            for call in file.calls(of: Self.fileSystemCalls) {
                Issue.record(
                    "\(file.path):\(call.line): calls \(call.name)(); go through TcpglintSystem (FileSystem, AtomicFile, Paths)"
                )
            }
        }
    }

    // MARK: (c) Imports

    /// What each target may import of the package's modules and its dependencies'.
    static let allowedImports: [String: Set<String>] = [
        "TcpglintSystem": [],
        "TcpglintCore": ["CPCRE2"],
        "TcpglintInput": ["TcpglintCore", "CYAML"],
        "TcpglintRules": ["TcpglintSystem", "TcpglintCore", "TcpglintInput"],
        "TcpglintReport": ["TcpglintCore"],
        "TcpglintCLI": [
            "TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport", "ArgumentParser",
        ],
        "tcpglint": ["TcpglintCLI"],
        "TcpglintTestSupport": ["TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintCLI"],
    ]

    /// Targets under Sources with no import rule: the C modules (no Swift), the fuzzing harness
    /// and the build tool.
    static let unruled: Set<String> = ["CPCRE2", "CYAML", "TcpglintFuzz", "EmbedRulePackTool"]

    /// The modules the rule speaks of: every target under Sources, and ArgumentParser. System
    /// and toolchain modules (Glibc, Dispatch, Synchronization, Foundation, Testing) are not.
    static var packageModules: Set<String> {
        Set(((try? FileSystem.listDirectory("Sources")) ?? []) + ["ArgumentParser"])
    }

    @Test func importsStayWithinEachTargetsAllowedSet() {
        let modules = Self.packageModules
        #expect(modules.count >= 12)
        for target in modules.sorted() where target != "ArgumentParser" && !Self.unruled.contains(target) {
            if Self.allowedImports[target] == nil {
                Issue.record(
                    "Sources/\(target): no import rule for this target; add it to ArchitectureTests.allowedImports")
            }
        }
        for file in Self.sources {
            guard let allowed = Self.allowedImports[Self.target(of: file)] else { continue }
            for i in file.imports where modules.contains(i.module) && !allowed.contains(i.module) {
                let may = allowed.isEmpty ? "no module of the package" : allowed.sorted().joined(separator: ", ")
                Issue.record("\(file.path):\(i.line): imports \(i.module); \(Self.target(of: file)) may import \(may)")
            }
        }
    }

    // MARK: Goldens are written in one place

    /// No test reads the update switch or truncates files itself: TcpglintTestSupport's
    /// `expectGolden` is the only golden logic (and recording fails the run).
    @Test func goldensAreWrittenByTestSupportOnly() {
        var tests: [SwiftSource] = []
        func walk(_ dir: String) {
            for name in ((try? FileSystem.listDirectory(dir)) ?? []).sorted() where !name.hasPrefix(".") {
                let path = dir + "/" + name
                if FileSystem.kind(path) == .directory {
                    walk(path)
                } else if name.hasSuffix(".swift") {
                    tests.append(SwiftSource(path: path, text: readText(path) ?? ""))
                }
            }
        }
        walk("Tests")
        #expect(tests.count > 30)
        for file in tests {
            for (n, line) in file.codeLines.enumerated()
            where line.contains("updatingGoldens") || line.contains("O_TRUNC") {
                Issue.record("\(file.path):\(n + 1): writes goldens itself; use expectGolden")
            }
            for (n, line) in file.lines.enumerated() where line.contains("\"TCPGLINT_UPDATE_GOLDENS\"") {
                Issue.record("\(file.path):\(n + 1): reads TCPGLINT_UPDATE_GOLDENS itself; use expectGolden")
            }
        }
    }

    // MARK: (d) Every library says what it holds

    static let documentedTargets = [
        "TcpglintSystem", "TcpglintCore", "TcpglintInput", "TcpglintRules", "TcpglintReport", "TcpglintCLI",
        "TcpglintTestSupport",
    ]

    /// Each library's About.swift is a comment and nothing else, and names what it may import.
    @Test(arguments: documentedTargets)
    func everyLibraryHasAnAboutFile(_ target: String) throws {
        let path = "Sources/\(target)/About.swift"
        let about = try #require(
            Self.sources.first { $0.path == path }, "\(path):1: missing; say what the target holds and may import")
        #expect(about.lines.first?.hasPrefix("//") == true, "\(path):1: must start with a // comment")
        for (n, line) in about.codeLines.enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            Issue.record("\(path):\(n + 1): holds code; an About.swift is a comment only")
        }
        let text = about.lines.joined(separator: "\n")
        #expect(text.contains(target), "\(path):1: does not name its target")
        for module in (Self.allowedImports[target] ?? []).sorted() {
            #expect(text.contains(module), "\(path):1: does not say that it may import \(module)")
        }
    }
}

/// The architecture checks' reading of Swift: comments and strings are not code.
@Suite struct SwiftSourceTests {
    @Test func commentsAndStringsAreNotCode() {
        let text = """
            let a = open(path, O_RDONLY) // stat(x) in a comment
            /* rename(a, b) /* nested */ unlink(c) */ let b = "mkdir(\\"x\\")"
            let c = #"fopen("raw")"# + \"""
                getcwd(buf)
                \""" + "\\(stat(p, &st)) after"
            x.open(isObject: true); open(isObject: false); func open(_ p: String) {}; Glibc.unlink(p); fstat(fd, &st)
            """
        let source = SwiftSource(path: "t.swift", text: text)
        #expect(source.codeLines.count == 6)
        #expect(
            source.calls(of: ArchitectureTests.fileSystemCalls).map { "\($0.name):\($0.line)" } == [
                "open:1", "stat:5", "unlink:6",
            ])
    }

    @Test func importsAreFoundInEveryForm() {
        let text = """
            import TcpglintCore
            @testable import TcpglintInput
            public import struct TcpglintRules.RuleSet
            #if canImport(Glibc)
            import Glibc
            #endif
            // import TcpglintCLI
            let s = "import TcpglintReport"
            """
        let source = SwiftSource(path: "t.swift", text: text)
        #expect(
            source.imports.map { "\($0.module):\($0.line)" } == [
                "TcpglintCore:1", "TcpglintInput:2", "TcpglintRules:3", "Glibc:5",
            ])
        #expect(source.lineCount == 8)
    }
}
