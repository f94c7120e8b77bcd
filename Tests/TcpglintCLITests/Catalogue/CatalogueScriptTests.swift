import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// `catalogue script`, `zones`, `majors` and `keys`: goldens of what each prints, the script
/// checked by `sh -n` and shellcheck, and every bad value refused before anything is printed.
@Suite struct CatalogueScriptTests {
    static let goldens = "testdata/catalogue/goldens/script"
    static let inputs = "testdata/catalogue/script"
    static let intl = "testdata/catalogue/intl-tccli/ap-guangzhou"

    /// The goldens of the script, by the arguments that print them.
    static let scripts: [(String, [String])] = [
        ("two-regions", ["--regions", "ap-guangzhou,ap-shanghai", "--majors", "15,16"]),
        (
            "read-majors",
            [
                "--regions", "ap-shanghai-fsi", "--site", "china", "--engines", "postgresql,mssql_compatible",
                "--storage-types", "PHYSICAL_LOCAL_SSD,CLOUD_SSD", "--dir", "raw folder/refresh here/",
            ]
        ),
        ("keys", ["--keys", "\(inputs)/intl.keys"]),
        ("keys-json", ["--keys", "\(inputs)/intl.keys.json", "--regions", "na-siliconvalley"]),
    ]

    @Test(arguments: scripts.map(\.0))
    func scriptGoldens(_ name: String) throws {
        let args = Self.scripts.first { $0.0 == name }!.1
        let r = runCLI(["catalogue", "script"] + args)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "")
        expectGolden(r.out, path: "\(Self.goldens)/\(name).sh")
        #expect(!r.out.contains("SecretId") && !r.out.contains("secretKey"))
        let syntax = try ShellTools.run("/bin/sh", ["-n", "\(packageRoot)/\(Self.goldens)/\(name).sh"])
        #expect(syntax.status == 0, "sh -n: \(syntax.err)")
    }

    /// shellcheck (Debian's, which scripts/test installs) finds nothing in any golden script.
    @Test(.enabled(if: Tools.available("shellcheck")), arguments: scripts.map(\.0))
    func shellcheckFindsNothing(_ name: String) throws {
        let r = try Tools.run("shellcheck", ["-s", "sh", "-S", "style", "\(Self.goldens)/\(name).sh"])
        #expect(r.status == 0, "shellcheck:\n\(r.out)\(r.err)")
    }

    /// The JSON form of keys reads back to the same script as the text form.
    @Test func keysReadBackInBothForms() throws {
        let tmp = try TempDir()
        let text = runCLI(["catalogue", "keys", "testdata/catalogue/requests"])
        let json = runCLI(["catalogue", "keys", "--format", "json", "testdata/catalogue/requests"])
        #expect(text.status == 0 && json.status == 0, "\(text.err)\(json.err)")
        try tmp.write("k.txt", text.out)
        try tmp.write("k.json", json.out)
        let a = runCLI(["catalogue", "script", "--keys", tmp.path + "/k.txt"])
        let b = runCLI(["catalogue", "script", "--keys", tmp.path + "/k.json"])
        #expect(a.status == 0, "\(a.err)")
        #expect(a.out == b.out)
        #expect(a.out.contains("classes 'ap-guangzhou' 'ap-guangzhou-3' 'postgresql' '15' 'PHYSICAL_LOCAL_SSD'"))
    }

    /// A folder with quotes, `$(…)`, a backtick and a line break reaches the script as it was
    /// written, in `dir=` and in the build command the script prints.
    @Test func anyFolderNameIsQuoted() throws {
        let dir = "it's \"$(id)\" `id`\nhere"
        let r = runCLI(["catalogue", "script", "--regions", "ap-guangzhou", "--dir", dir])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("dir=") })
        let assignment = lines[start...start + 1].joined(separator: "\n")
        let echoed = try ShellTools.run("/bin/sh", ["-c", assignment + "\nprintf '%s' \"$dir\""])
        #expect(echoed.out == dir)
        let next = try #require(lines.lastIndex { $0.hasPrefix("printf '%s\\n' ") })
        let command = try ShellTools.run("/bin/sh", ["-c", lines[next...].joined(separator: "\n")])
        #expect(command.out.hasPrefix("tcpglint catalogue build "))
        let word = try ShellTools.run(
            "/bin/sh", ["-c", "printf '%s' " + String(command.out.dropFirst(25).dropLast())])
        #expect(word.out == dir)
        let tmp = try TempDir()
        try tmp.write("s.sh", r.out)
        #expect(try ShellTools.run("/bin/sh", ["-n", tmp.path + "/s.sh"]).status == 0)
    }

    // MARK: zones and majors

    static let reads: [(String, [String])] = [
        ("zones", ["zones", "\(intl)/zones.PHYSICAL_LOCAL_SSD.json"]),
        ("zones-all", ["zones", "--all", "--region", "ap-guangzhou", "\(intl)/zones.PHYSICAL_LOCAL_SSD.json"]),
        ("zones-api-form", ["zones", "testdata/catalogue/intl/ap-shanghai/zones.PHYSICAL_LOCAL_SSD.json"]),
        ("majors", ["majors", "\(intl)/versions.PHYSICAL_LOCAL_SSD.json"]),
        ("majors-engine", ["majors", "--engine", "postgresql", "\(intl)/versions.PHYSICAL_LOCAL_SSD.json"]),
        ("keys", ["keys", "testdata/catalogue/requests"]),
        ("keys-json", ["keys", "--format", "json", "testdata/catalogue/requests"]),
    ]

    @Test(arguments: reads.map(\.0))
    func readGoldens(_ name: String) throws {
        let args = Self.reads.first { $0.0 == name }!.1
        let r = runCLI(["catalogue"] + args)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "")
        expectGolden(r.out, path: "\(Self.goldens)/\(name).out")
    }

    // MARK: Bad values

    /// Each refused with status 2, nothing on standard output, and its message (at its place
    /// for a file) on standard error.
    static let refusals: [(String, [String])] = [
        ("zones-bad-zone", ["zones", "--all", "\(inputs)/zones.bad-zone.json"]),
        ("zones-other-region", ["zones", "--region", "ap-shanghai", "\(intl)/zones.PHYSICAL_LOCAL_SSD.json"]),
        ("zones-wrong-action", ["zones", "\(intl)/versions.PHYSICAL_LOCAL_SSD.json"]),
        ("majors-bad-major", ["majors", "\(inputs)/versions.bad-major.json"]),
        ("majors-bad-engine", ["majors", "--engine", "pg;sh", "\(intl)/versions.PHYSICAL_LOCAL_SSD.json"]),
        ("script-bad-keys", ["script", "--keys", "\(inputs)/bad.keys"]),
        ("script-bad-keys-json", ["script", "--keys", "\(inputs)/bad.keys.json"]),
        ("script-bad-regions", ["script", "--regions", "ap-guangzhou, ap-shanghai,ap-'x',,AP-TOKYO"]),
        (
            "script-bad-values",
            [
                "script", "--regions", "ap-guangzhou", "--engines", "postgresql;", "--majors", "15,$(id)",
                "--storage-types", "ssd", "--dir", "x/..",
            ]
        ),
        ("script-no-regions", ["script"]),
    ]

    @Test(arguments: refusals.map(\.0))
    func refusalGoldens(_ name: String) throws {
        let args = Self.refusals.first { $0.0 == name }!.1
        let r = runCLI(["catalogue"] + args)
        #expect(r.status == 2)
        #expect(r.out == "")
        expectGolden(r.err, path: "\(Self.goldens)/\(name).err")
    }

    /// A file that cannot be parsed is reported and counted (status 2); the others are read.
    @Test func keysOfAFolderWithAFaultyFile() throws {
        let tmp = try TempDir()
        try tmp.write("a.yaml", readText("testdata/catalogue/requests/spec-sold.yaml")!)
        try tmp.write("b.json", "{\"Zone\": ")
        try tmp.write("c.yaml", "Region: ap-guangzhou\nZone: 'ap-guangzhou-3; id'\nDBMajorVersion: '15'\n")
        let r = runCLI(["catalogue", "keys", tmp.path])
        #expect(r.status == 2)
        #expect(r.out == "ap-guangzhou-3 postgresql 15 PHYSICAL_LOCAL_SSD\nap-guangzhou PHYSICAL_LOCAL_SSD\n")
        #expect(r.err.hasPrefix("\(tmp.path)/b.json:1:10: error: "), "\(r.err)")
        #expect(r.err.contains("\(tmp.path)/c.yaml: warning: the key \"ap-guangzhou-3; id postgresql 15"), "\(r.err)")
        let stdin = runCLI(["catalogue", "keys", "-"], stdin: "Zone: ap-tokyo-2\nDBMajorVersion: '16'\n")
        #expect(stdin.status == 0, "\(stdin.err)")
        #expect(stdin.out == "ap-tokyo-2 postgresql 16 PHYSICAL_LOCAL_SSD\nap-tokyo PHYSICAL_LOCAL_SSD\n")
    }
}

/// Runs a program with an environment of its own (and the sanitizers' options of this one, so
/// that a tcpglint it runs, built with a sanitizer, is run as the suite is).
enum ShellTools {
    static let sanitizerOptions = ["ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"]

    static func run(
        _ executable: String, _ args: [String], cwd: String? = nil, environment: [String: String]? = nil
    ) throws -> EndToEndTests.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? packageRoot)
        if var environment {
            let own = ProcessInfo.processInfo.environment
            for k in sanitizerOptions { if let v = own[k] { environment[k] = v } }
            p.environment = environment
        }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Both pipes are read at once, so a program that fills one is never blocked on it.
        final class Box: @unchecked Sendable { var data = Data() }
        let e = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { e.data = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return EndToEndTests.Result(
            status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
            err: String(decoding: e.data, as: UTF8.self))
    }
}
