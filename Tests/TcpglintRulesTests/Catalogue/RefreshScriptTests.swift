import Foundation
import TcpglintCore
import TcpglintTestSupport
import Testing

@testable import TcpglintRules

/// The refresh script's value formats and its shell quoting.
@Suite struct RefreshScriptTests {
    @Test(arguments: [
        ("", "''"), ("ap-guangzhou", "'ap-guangzhou'"), ("it's", "'it'\\''s'"), ("''", "''\\'''\\'''"),
        ("$(id) `id` \"x\"\n", "'$(id) `id` \"x\"\n'"),
    ])
    func shellQuote(_ value: String, _ quoted: String) {
        #expect(RefreshScript.shellQuote(value) == quoted)
    }

    /// What sh makes of a quoted word is the value, whatever it holds.
    @Test func shellQuoteRoundTripsThroughSh() throws {
        for value in ["it's", "a b\tc", "$HOME", "`id`", "$(id)", "\\", "'\"'", "x\ny", "*", "-n", "--", "é 广州"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "printf '%s' " + RefreshScript.shellQuote(value)]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(String(decoding: data, as: UTF8.self) == value)
        }
    }

    @Test(arguments: [
        (RefreshScript.Kind.region, ["ap-guangzhou", "ap-shanghai-fsi", "na-siliconvalley", "eu-frankfurt", "ap-x1"]),
        (.zone, ["ap-guangzhou-3", "ap-shanghai-fsi-2", "na-siliconvalley-10"]),
        (.major, ["15", "9", "017"]),
        (.engine, ["postgresql", "mssql_compatible", "a-b"]),
        (.storageType, ["PHYSICAL_LOCAL_SSD", "CLOUD_SSD", "X1"]),
    ])
    func validValues(_ kind: RefreshScript.Kind, _ values: [String]) {
        for v in values { #expect(RefreshScript.isValid(v, as: kind), "\(v)") }
    }

    @Test(arguments: [
        (
            RefreshScript.Kind.region,
            [
                "", "ap", "ap-", "-ap", "ap--guangzhou", "ap-Guangzhou", "ap guangzhou", "ap-guangzhou'", "1p-x",
                "ap-x;y",
            ]
        ),
        (
            .zone,
            ["ap-guangzhou", "ap-guangzhou-", "ap-guangzhou-3a", "ap-guangzhou-3;id", "ap-3", "ap-guangzhou-$(id)"]
        ),
        (.major, ["", "15.2", "v15", "15 ", "1e3", String(repeating: "1", count: 65)]),
        (.engine, ["", "PostgreSQL", "_pg", "1pg", "pg sql", "pg;"]),
        (.storageType, ["", "ssd", "_SSD", "CLOUD-SSD", "SSD'"]),
    ])
    func invalidValues(_ kind: RefreshScript.Kind, _ values: [String]) {
        for v in values {
            #expect(!RefreshScript.isValid(v, as: kind), "\(v)")
            #expect(RefreshScript.problem(v, as: kind)?.contains(kind.format) == true)
        }
    }

    /// The script holds no clock reading and no credential: the same options give the same text.
    @Test func renderingIsPure() throws {
        let o = RefreshScript.Options(regions: ["ap-guangzhou"], majors: ["15"])
        let a = try RefreshScript.render(o)
        #expect(a == (try RefreshScript.render(o)))
        #expect(a.contains("captured=$(date -u +%Y-%m-%dT%H:%M:%SZ)"))
        for word in ["secretId", "secretKey", "SecretId", "TENCENTCLOUD_SECRET"] { #expect(!a.contains(word)) }
    }
}
