import Foundation
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The generated script against the real tccli (pinned in scripts/test-constraints.txt, in
/// `.build/test-venv`): each action and parameter the script passes is one tccli knows, and the
/// script runs end to end against a loopback stub of the API, then `catalogue build` and
/// `lint --catalogue` read what it saved. Skipped without tccli, failed in CI (`CI` set).
///
/// The one change to tccli: `sitecustomize.py` makes its SDK speak plain HTTP (https is fixed
/// in it); the endpoint is the profile's, as `tccli configure` writes it, and the credentials
/// are dummies in the environment (the stub checks none).
@Suite(.serialized) struct TccliTests {
    static let stub = "testdata/catalogue/script/tccli-stub"
    static let goldens = "testdata/catalogue/goldens/script"

    /// Every `--Param` of each tccli call in a golden is in the action's skeleton.
    @Test(.enabled(if: Tools.available("tccli")))
    func everyParameterIsOneTccliKnows() throws {
        let script = try #require(readText("\(Self.goldens)/keys.sh"))
        // The calls, with their continuation lines joined.
        let text = script.replacingOccurrences(of: "\\\n", with: " ")
        let calls = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("tccli ") }
        #expect(calls.count == 4)
        let home = try TempDir()
        for call in calls {
            let words = call.split(separator: " ").map(String.init)
            let action = words[2]
            let params = words.filter { $0.hasPrefix("--") && $0.dropFirst(2).first?.isUppercase == true }
            let r = try ShellTools.run(
                Tools.find("tccli")!,
                [
                    "postgres", action, "--region", "ap-guangzhou", "--cli-unfold-argument", "--output", "json",
                    "--generate-cli-skeleton",
                ],
                environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"])
            #expect(r.status == 0, "\(action): \(r.err)")
            let skeleton = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] ?? [:]
            for p in params { #expect(skeleton[String(p.dropFirst(2))] != nil, "\(action) takes no \(p)") }
        }
    }

    /// A fetch of the intl fixtures: a script of keys, and one that reads zones back; both saved
    /// folders build, and lint with them.
    @Test(.enabled(if: Tools.available("tccli") && Tools.available("python3")), .timeLimit(.minutes(5)))
    func theScriptRunsEndToEnd() throws {
        let env = try StubbedTccli()
        defer { env.stop() }
        for (name, args) in [
            ("keys", ["--keys", "testdata/catalogue/script/intl.keys"]),
            ("regions", ["--regions", "ap-guangzhou", "--majors", "15"]),
        ] {
            let raw = env.dir.path + "/\(name)/raw"
            let script = runCLI(["catalogue", "script", "--dir", raw] + args)
            #expect(script.status == 0, "\(script.err)")
            try env.dir.write("\(name).sh", script.out)
            try? FileManager.default.removeItem(atPath: env.log)
            let run = try env.run(env.dir.path + "/\(name).sh")
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out == "tcpglint catalogue build '\(raw)'\n")
            let requests = (readText(env.log) ?? "")
            expectGolden(requests, path: "\(Self.goldens)/e2e-\(name).requests")
            let built = env.dir.path + "/\(name)/c.json"
            let build = runCLI(["catalogue", "build", raw, "-o", built], environment: CatalogueTests.fresh)
            #expect(build.status == 0, "\(build.err)")
            expectGolden(try #require(readText(built)), path: "\(Self.goldens)/e2e-\(name).catalogue.json")
            let sold = runCLI(
                ["lint", "--catalogue", built, "testdata/catalogue/requests/spec-sold.yaml"],
                environment: CatalogueTests.fresh)
            #expect(sold.status == 0, "\(sold.out)\(sold.err)")
            let notSold = runCLI(
                ["lint", "--catalogue", built, "testdata/catalogue/requests/spec-not-sold.yaml"],
                environment: CatalogueTests.fresh)
            #expect(notSold.status == 1 && notSold.out.contains("(catalogue-spec-code)"), "\(notSold.out)")
        }
    }

    /// A call the API refuses stops the script, naming the call, and the old folder is kept.
    @Test(.enabled(if: Tools.available("tccli") && Tools.available("python3")), .timeLimit(.minutes(5)))
    func aFailedCallLeavesTheFolder() throws {
        let env = try StubbedTccli()
        defer { env.stop() }
        let raw = env.dir.path + "/raw"
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        try env.dir.write("raw/kept", "")
        // ap-guangzhou-4 has no classes of 16 in the fixtures.
        let script = runCLI(["catalogue", "script", "--dir", raw, "--regions", "ap-guangzhou", "--majors", "15,16"])
        try env.dir.write("s.sh", script.out)
        let run = try env.run(env.dir.path + "/s.sh")
        #expect(run.status == 1)
        #expect(
            run.err.contains(
                "tccli postgres DescribeClasses --region ap-guangzhou --Zone ap-guangzhou-4 --DBEngine postgresql --DBMajorVersion 16 --StorageType PHYSICAL_LOCAL_SSD failed (exit 255); stopped, \(raw) is unchanged"
            ), "\(run.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: raw) == ["kept"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: env.dir.path).sorted() == [
                "bin", "home", "raw", "requests.log", "s.sh",
            ])
    }
}

/// tccli with a profile whose endpoint is a loopback stub serving testdata/catalogue/intl, a
/// `date` that says the fixtures' capture time, and tcpglint on PATH.
final class StubbedTccli {
    let dir: TempDir
    let log: String
    private let server: Process
    private let input = Pipe()

    init() throws {
        dir = try TempDir()
        log = dir.path + "/requests.log"
        let python = Tools.find("python3")!
        server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["\(packageRoot)/\(TccliTests.stub)/stub.py", "\(packageRoot)/testdata/catalogue/intl", log]
        let out = Pipe()
        server.standardOutput = out
        server.standardInput = input
        try server.run()
        var port = Data()
        while !port.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            port += chunk
        }
        let p = String(decoding: port, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try dir.write(
            "home/.tccli/default.configure",
            "{\"_sys_param\": {\"region\": \"ap-guangzhou\", \"output\": \"table\"}, \"postgres\": {\"endpoint\": \"127.0.0.1:\(p)\", \"version\": \"2017-03-12\"}}\n"
        )
        try dir.write("bin/date", "#!/bin/sh\nprintf '%s\\n' 2026-11-28T09:14:00Z\n")
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/bin/date")
        try fm.createSymbolicLink(atPath: dir.path + "/bin/tcpglint", withDestinationPath: EndToEndTests.binary)
        try fm.createSymbolicLink(atPath: dir.path + "/bin/tccli", withDestinationPath: Tools.find("tccli")!)
    }

    func run(_ script: String) throws -> EndToEndTests.Result {
        try ShellTools.run(
            "/bin/sh", [script], cwd: dir.path,
            environment: [
                "HOME": dir.path + "/home", "PATH": dir.path + "/bin:/usr/bin:/bin",
                "PYTHONPATH": "\(packageRoot)/\(TccliTests.stub)", "PYTHONDONTWRITEBYTECODE": "1",
                "TENCENTCLOUD_SECRET_ID": "dummy-id",
                "TENCENTCLOUD_SECRET_KEY": "dummy-key",
            ])
    }

    /// Closing its standard input ends the stub (and SIGTERM, in case).
    func stop() {
        try? input.fileHandleForWriting.close()
        server.terminate()
        server.waitUntilExit()
    }
}
