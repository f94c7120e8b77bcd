import TcpglintSystem
import TcpglintTestSupport
import Testing

/// The CLI in-process: subcommands, flags, formats and exit statuses.
@Suite struct CLITests {
    @Test func lintIsTheDefaultSubcommand() {
        let a = runCLI(["testdata/cli/mixed.yaml"])
        let b = runCLI(["lint", "testdata/cli/mixed.yaml"])
        #expect(a.out == b.out && a.status == b.status && a.status == 1)
    }

    @Test func textOutputHasPositionsCodesAndASummary() {
        let r = runCLI(["lint", "testdata/cli/mixed.yaml"])
        expectGolden(r.out, path: "testdata/cli/mixed.text.out")
    }

    @Test func jsonOutputIsTheDocumentedContract() {
        let r = runCLI(["lint", "--format", "json", "testdata/cli/mixed.yaml", "testdata/cli/warning-only.json"])
        #expect(r.status == 1)
        expectGolden(r.out, path: "testdata/cli/mixed.json.out")
    }

    @Test func failLevelDecidesTheExitStatus() {
        #expect(runCLI(["lint", "testdata/cli/warning-only.json"]).status == 0)
        #expect(runCLI(["lint", "--fail-level", "warning", "testdata/cli/warning-only.json"]).status == 1)
        #expect(runCLI(["lint", "--fail-level", "info", "testdata/cli/warning-only.json"]).status == 1)
        #expect(runCLI(["lint", "--fail-level", "error", "testdata/cli/mixed.yaml"]).status == 1)
    }

    @Test func warningsAreShownEvenBelowTheFailLevel() {
        let r = runCLI(["lint", "testdata/cli/warning-only.json"])
        #expect(
            r.out == """
                testdata/cli/warning-only.json:4:14: warning: Storage is the string "100", but its type is an Integer (uint64); drop the quotes [InvalidParameter] (quoted-literal)
                testdata/cli/warning-only.json:9:20: warning: AdminPassword is written in plain text in a file meant for a repository; write a placeholder such as ${PG_ADMIN_PASSWORD} and fill it in from a secret store when the request is sent [Tcpglint.PlaintextSecret] (plaintext-secret)
                2 warnings in 1 of 1 file
                1 fixable with --fix

                """)
    }

    @Test func usageErrorsExitWith2() {
        let r = runCLI(["lint", "--no-such-flag", "x"])
        #expect(r.status == 2)
        #expect(r.err.contains("Unknown option '--no-such-flag'"))
        #expect(runCLI(["lint", "--format", "xml", "x"]).status == 2)
        #expect(runCLI(["lint", "--stdin-filename", "a.json", "x.json"]).status == 2)
    }

    @Test func helpExitsWith0() {
        let r = runCLI(["--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("USAGE: tcpglint <subcommand>"))
        #expect(r.out.contains("Exit status: 0 nothing at or above the fail level"))
    }

    @Test func subcommandHelpGoesToStandardOutput() {
        let r = runCLI(["lint", "--help"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("OVERVIEW: Lint request files (the default command)."))
        #expect(runCLI(["help", "explain"]).out.contains("USAGE: tcpglint explain <ID-OR-CODE>"))
    }

    @Test func missingPathsAreIOFailuresAndTheOtherFilesAreStillLinted() {
        let r = runCLI(["lint", "testdata/no-such-file.json", "testdata/cli/mixed.yaml"])
        #expect(r.status == 3)
        #expect(r.out.hasPrefix("testdata/cli/mixed.yaml:8:10: error: Charset \"utf8\" is not supported"))
        #expect(
            r.out.contains(
                "testdata/no-such-file.json:1:1: error: no such file or directory [Tcpglint.IOError] (io-error)"))
    }

    @Test func standardInputTakesItsNameAndFormatFromStdinFilename() {
        let text = readText("testdata/cli/mixed.yaml") ?? ""
        let r = runCLI(["lint", "--stdin-filename", "requests/prod/orders.yaml", "-"], stdin: text)
        #expect(r.status == 1)
        #expect(
            r.out.hasPrefix(
                "requests/prod/orders.yaml:8:10: error: Charset \"utf8\" is not supported; expected UTF8 or LATIN1; did you mean \"UTF8\"? [InvalidParameterValue.InvalidCharset] (charset)"
            ))
        let unnamed = runCLI(["lint", "-"], stdin: "{\"Charset\": 1}")
        #expect(
            unnamed.out.contains(
                "<stdin>:1:13: warning: Charset is the integer 1, but its type is a String; quote it [InvalidParameter] (number-for-string)\n"
            ))
    }

    /// No JSON text is empty: blank standard input named .json fails the run; named .yaml, or not
    /// named (its format sniffed), it is an empty YAML stream and only a warning.
    @Test func blankStandardInputIsAnErrorOnlyForJSON() {
        let json = runCLI(["lint", "--stdin-filename", "requests/a.json", "-"], stdin: " \n")
        #expect(json.status == 1)
        #expect(
            json.out == """
                requests/a.json:1:1: error: the file holds no JSON text [Tcpglint.SyntaxError] (syntax-error)
                1 error in 1 of 1 file

                """)
        for args in [["--stdin-filename", "requests/a.yaml", "-"], ["-"]] {
            let yaml = runCLI(["lint"] + args, stdin: " \n")
            #expect(yaml.status == 0)
            #expect(yaml.out.contains(": warning: the file holds no request"))
        }
    }

    @Test func directoriesAreWalkedInOrderSkippingHiddenEntries() {
        let r = runCLI(["lint", "--format", "json", "testdata/valid"])
        #expect(r.status == 0)
        #expect(r.out.contains("\"files\": \(testdataFiles("testdata/valid").count),"))
    }

    @Test func brokenRulePacksExitWith2AndSayWhere() {
        let r = runCLI(["lint", "--rules", "testdata/rulepacks/broken", "testdata/cli/mixed.yaml"])
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(
            r.err == """
                testdata/rulepacks/broken/bad-regex.yaml:10:35: error: invalid regular expression: missing closing parenthesis (at offset 18 of the pattern)
                testdata/rulepacks/broken/unknown-target.yaml:7:14: error: unknown target parameter "InstanceName" in the request; did you mean "Name"?
                testdata/rulepacks/broken/unknown-target.yaml:7:28: error: unknown target parameter "Zones" in DBNodeSet[*]; did you mean "Zone"?
                tcpglint: the rule pack has 3 errors; nothing was linted

                """)
        let noModel = runCLI(["lint", "--rules", "testdata/rulefiles", "testdata/cli/mixed.yaml"])
        #expect(noModel.status == 2)
        #expect(noModel.err.contains(": error: the rule pack has no model section\n"))
        #expect(runCLI(["lint", "--rules", "testdata/no-such-dir", "x"]).status == 2)
    }

    @Test func rulesListsEveryRuleAndDiagnostic() {
        let r = runCLI(["rules"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/cli/rules.out")
    }

    @Test func explainPrintsARulesDocsAndExamples() {
        let r = runCLI(["explain", "charset"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/cli/explain-charset.out")
        let byCode = runCLI(["explain", "InvalidParameterValue.IllegalZone"])
        #expect(
            byCode.out.contains("zone-format:") && byCode.out.contains("zone-region:")
                && byCode.out.contains("zone-in-region:"))
        let diagnostic = runCLI(["explain", "Tcpglint.DuplicateKey"])
        #expect(diagnostic.out.hasPrefix("duplicate-key: A key appears twice in one object"))
    }

    @Test func explainSuggestsANameForATypo() {
        let r = runCLI(["explain", "charsett"])
        #expect(r.status == 2)
        #expect(
            r.err == "tcpglint: no rule or code \"charsett\"; did you mean \"charset\"?; `tcpglint rules` lists them\n")
    }
}
