import Foundation
import TcpglintTestSupport
import Testing

/// The shipped editor integrations (VS Code, Vim) and shell completions, on real output.
@Suite struct EditorTests {
    /// The VS Code problem matcher's pattern, read from the shipped tasks.json, matches real output.
    @Test func theVSCodeProblemMatcherMatchesRealOutput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/editors/vscode/tasks.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let task = (json?["tasks"] as? [[String: Any]])?.first
        let pattern = ((task?["problemMatcher"] as? [String: Any])?["pattern"] as? [String: Any])?["regexp"] as? String
        let regex = try NSRegularExpression(pattern: try #require(pattern))
        let out = runCLI([
            "lint", "--color", "never", "testdata/cli/mixed.yaml", "testdata/invalid/multi-document-second-bad.yaml",
        ]).out
        // (The summary, and the line that counts the fixable findings, are not findings.)
        let lines = out.split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" fixable with --fix") }
            .dropLast()
        #expect(lines.count >= 4)
        for line in lines {
            let m = try #require(
                regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), "no match: \(line)")
            func group(_ i: Int) -> String { (line as NSString).substring(with: m.range(at: i)) }
            #expect(line.hasPrefix("\(group(1)):\(group(2)):\(group(3)): \(group(4)): \(group(5)) ["))
            #expect(["error", "warning", "info"].contains(group(4)))
        }
        let first = lines.first!
        let m = regex.firstMatch(in: first, range: NSRange(first.startIndex..., in: first))!
        #expect((first as NSString).substring(with: m.range(at: 7)) == "charset")
    }

    /// The shipped Vim errorformat, loaded by a real Vim, turns output into quickfix entries.
    @Test(.enabled(if: Tools.available("vim")))
    func theVimErrorformatParsesRealOutput() throws {
        let out = temporaryFile("vim-input.txt")
        try runCLI(["lint", "--color", "never", "testdata/cli/mixed.yaml"]).out.write(
            toFile: out, atomically: true, encoding: .utf8)
        let result = temporaryFile("vim-qf.txt")
        let script =
            "source \(packageRoot)/editors/vim/tcpglint.vim | cgetfile \(out) | "
            + "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.type . '|' . e.text}), '\(result)') | qa!"
        let r = try Tools.run("vim", ["-Nu", "NONE", "-es", "-c", script], cwd: packageRoot)
        #expect(r.status == 0, "\(r.err)")
        let lines = readText(result)?.split(separator: "\n").map(String.init) ?? []
        #expect(
            lines == [
                "testdata/cli/mixed.yaml|8|10|e|Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"? [InvalidParameterValue.InvalidCharset] (charset)",
                "testdata/cli/mixed.yaml|10|16|i|AdminPassword has 11 characters; the page recommends more than 12 [InvalidParameterValue.InvalidPasswordValueError] (admin-password-short)",
                "testdata/cli/mixed.yaml|10|16|w|AdminPassword is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent [Tcpglint.PlaintextSecret] (plaintext-secret)",
                "testdata/cli/mixed.yaml|14|21|w|InstanceChargeType \"prepaid\" differs from the documented value only in case; use \"PREPAID\" [InvalidParameterValue.IllegalInstanceChargeType] (charge-type-case)",
            ])
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletions(_ shell: String) {
        let r = runCLI(["--generate-completion-script", shell])
        #expect(r.status == 0)
        #expect(r.out.contains("tcpglint"))
        #expect(r.out.contains("fail-level"))
    }
}
