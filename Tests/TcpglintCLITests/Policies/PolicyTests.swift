import TcpglintInput
import TcpglintSystem
import TcpglintTestSupport
import Testing

/// Organisation policies, configuration, suppressions and baselines, on testdata/org.
@Suite struct PolicyTests {
    // MARK: The company repository

    @Test func theOrgRepositoryGolden() {
        let r = runCLI(["lint", "testdata/org"])
        #expect(r.status == 1)
        #expect(r.err == "")
        expectGolden(r.out, path: "testdata/org/lint.out")
    }

    /// Policies on catalogue facts (dev's cores and zone state, production's IPv6) run with a snapshot; without
    /// one, each says once that it did not run, at the severity its `requires:` gives.
    @Test func theOrgRepositoryWithACatalogue() {
        let r = runCLI(
            ["lint", "--catalogue", "rules/example-catalogue.json", "testdata/org"],
            environment: ["SOURCE_DATE_EPOCH": "1796083200"])
        #expect(r.status == 1)
        #expect(r.err == "")
        expectGolden(r.out, path: "testdata/org/lint-catalogue.out")
        for rule in ["acme-dev-cores", "acme-dev-zone-on-sale", "acme-prod-ipv6"] {
            #expect(r.out.contains("(\(rule))"), "\(rule)")
        }
        #expect(!r.out.contains("(catalogue-required)"))
        let without = runCLI(["lint", "testdata/org"]).out
        #expect(!without.contains("(acme-dev-") && !without.contains("(acme-prod-ipv6)"))
        #expect(without.contains("dev.yaml:10:5: info: rule acme-dev-cores requires a catalogue"))
        #expect(without.contains("prod.yaml:157:5: warning: rule acme-prod-ipv6 requires a catalogue"))
    }

    @Test func rulesTestPassesOnTheOrgPolicies() {
        let r = runCLI(
            [
                "rules", "test", "testdata/org/policies/prod.yaml", "testdata/org/policies/team-payments.yaml",
                "testdata/org/policies/dev.yaml",
            ])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/org/rules-test.out")
    }

    @Test func rulesTestFailsOnABrokenPolicy() {
        let r = runCLI(["rules", "test", "testdata/policies/failing-examples.yaml"])
        #expect(r.status == 1)
        #expect(
            r.out.contains(
                """
                FAIL  acme-small-storage (1 valid, 1 invalid)
                      testdata/policies/failing-examples.yaml:14:15: valid example produced a finding: acme-small-storage: Storage 2000 needs approval
                      testdata/policies/failing-examples.yaml:15:17: invalid example produced no finding

                """))
        #expect(r.out.hasSuffix("11 passed, 1 failed\n"))
    }

    @Test func rulesTestWithoutPoliciesTestsThePack() {
        let r = runCLI(["rules", "test"])
        #expect(r.status == 0)
        #expect(r.out.hasSuffix("76 passed, 0 failed\n"))
    }

    @Test(arguments: [
        "api-namespace", "bad-namespace", "bad-reference", "unknown-check", "cycle-a", "unsuppressible-override",
        "bad-join",
    ])
    func badPoliciesAreRejectedWithPositions(_ name: String) {
        let r = runCLI(["lint", "--policy", "testdata/policies/\(name).yaml", "testdata/org/prod/orders.yaml"])
        #expect(r.status == 2)
        #expect(r.out == "")
        expectGolden(r.err, path: "testdata/policies/\(name).out")
    }

    @Test func theRegistryIsMachineReadable() {
        let r = runCLI(["rules", "--format", "json", "--policy", "testdata/org/policies/company.yaml"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/org/rules.json.out")
    }

    // MARK: Precedence

    @Test func configPoliciesApplyByPathAndCliPoliciesAddToThem() {
        // prod/** gets prod.yaml from the config; dev/ does not.
        let prod = runCLI(["lint", "testdata/org/prod/payments-ledger.yaml"]).out
        #expect(prod.contains("(acme-prod-storage)"))
        let dev = runCLI(["lint", "testdata/org/dev/placeholder.yaml"]).out
        #expect(!dev.contains("(acme-prod-"))
        // --policy adds to the config's policies: the company rules still run.
        let both = runCLI(["lint", "--policy", "testdata/org/policies/prod.yaml", "testdata/org/dev/placeholder.yaml"])
            .out
        #expect(both.contains("(acme-prod-tde-required)"))
        #expect(both.contains("(charge-type-case)") && both.contains("error: InstanceChargeType \"prepaid\""))
    }

    @Test func failLevelComesFromTheCliThenTheConfig() {
        let r = runCLI(["lint", "--fail-level", "info", "testdata/org/prod/orders.yaml"])
        #expect(r.status == 1, "--fail-level info counts the placeholder info finding")
        #expect(
            runCLI(["lint", "testdata/org/prod/orders.yaml"]).status == 0, "the org config sets no fail level: error")
    }

    @Test func theNearestConfigsFailLevelApplies() throws {
        let dir = try TempDir()
        try dir.write(".tcpglint.yaml", "root: true\nfail-level: warning\n")
        try dir.write("sub/.tcpglint.yaml", "fail-level: info\n")
        try dir.write("a.json", readText("testdata/cli/warning-only.json")!)
        try dir.write("b.json", readText("testdata/valid/minimal.json")!)
        try dir.write("sub/b.json", readText("testdata/valid/minimal.json")!)
        #expect(
            runCLI(["lint", dir.path + "/a.json"]).status == 1, "the root config's warning level fails on a warning")
        #expect(
            runCLI(["lint", "--fail-level", "error", dir.path + "/a.json"]).status == 0, "the CLI wins over the config")
        #expect(
            runCLI(["lint", dir.path + "/b.json"]).status == 0, "an info finding (the placeholder) passes at warning")
        #expect(runCLI(["lint", dir.path + "/sub/b.json"]).status == 1, "the nearest config's info level fails on it")
        try dir.write(
            "sub/c.yaml",
            "# tcpglint-ignore charset -- nothing to silence\n" + (readText("testdata/valid/prepaid-full.yaml") ?? ""))
        let c = runCLI(["lint", dir.path + "/sub/c.yaml"])
        #expect(c.status == 1, "the nearest config's info level: an unused suppression (warning) fails")
    }

    @Test func anExplicitConfigTurnsDiscoveryOff() throws {
        let dir = try TempDir()
        try dir.write("empty.yaml", "fail-level: error\n")
        let r = runCLI(["lint", "--config", dir.path + "/empty.yaml", "testdata/org/prod/payments-ledger.yaml"])
        #expect(!r.out.contains("(acme-"), "the org config's policies are not used")
        #expect(r.out.contains("(secret-placeholder)"), "the built-in ${NAME} placeholder still applies")
    }

    @Test func rulesReplacesThePackButPoliciesStillApply() {
        let r = runCLI(["lint", "--rules", "rules", "testdata/org/prod/payments-ledger.yaml"])
        #expect(r.out.contains("(acme-prod-storage)"))
        #expect(r.status == 1)
    }

    @Test func includeAndExcludeApplyToWalkedFilesOnly() {
        let walked = runCLI(["lint", "--format", "json", "testdata/org"]).out
        #expect(!walked.contains("drafts/wip.yaml") && !walked.contains("policies/company.yaml"))
        let named = runCLI(["lint", "testdata/org/dev/drafts/wip.yaml"])
        #expect(named.out.contains("testdata/org/dev/drafts/wip.yaml:2:10: error: Charset \"nonsense\""))
    }

    // MARK: Suppressions

    @Test func inlineSuppressionsSilenceTheirLineOnly() {
        let r = runCLI(["lint", "testdata/org/dev/sandbox.yaml"]).out
        #expect(!r.contains("(admin-password-classes)"), "the comment above AdminPassword silences it")
        #expect(
            r.contains(
                "testdata/org/dev/sandbox.yaml:2:21: error: rule acme-region may not be suppressed (its policy says so) [Tcpglint.InvalidSuppression] (invalid-suppression)"
            ))
        #expect(r.contains("testdata/org/dev/sandbox.yaml:3:21: error: suppression of acme-zone gives no reason"))
        #expect(
            r.contains(
                "testdata/org/dev/sandbox.yaml:16:1: warning: suppression of acme-name matched no finding; remove it"))
        #expect(
            r.contains(
                "testdata/org/dev/sandbox.yaml:18:18: error: suppression names unknown rule \"sync-mod\"; did you mean \"sync-mode\"?"
            ))
    }

    @Test func configSuppressionsCoverJSONFiles() {
        let r = runCLI(["lint", "testdata/org/dev/legacy-billing.json"]).out
        #expect(!r.contains("(acme-name)") && !r.contains("(spec-code-known)"))
        #expect(
            r.contains("testdata/org/.tcpglint.yaml:24:5: error: suppression of acme-major-version gives no reason"))
        #expect(r.contains("(acme-major-version)"), "a suppression without a reason silences nothing")
    }

    @Test func aPlaceholderPasswordIsNotChecked() {
        let r = runCLI(["lint", "testdata/org/dev/placeholder.yaml"]).out
        #expect(
            r.contains(
                "testdata/org/dev/placeholder.yaml:10:16: info: AdminPassword is a placeholder, filled in outside the file; its value is not checked here [Tcpglint.SecretPlaceholder] (secret-placeholder)"
            ))
        #expect(!r.contains("(admin-password"))
    }

    // MARK: Baselines

    @Test func baselinesAreWrittenReadAndShrink() throws {
        let dir = try TempDir()
        try dir.write("a.json", readText("testdata/invalid/charset-gbk.json")!)
        try dir.write("b.yaml", readText("testdata/invalid/reference-example1-pg12.json")!)
        let out = try TempDir()
        let baseline = out.path + "/baseline.json"
        let write = runCLI(["lint", "--write-baseline", baseline, dir.path])
        #expect(write.status == 0)
        #expect(write.err.hasPrefix("tcpglint: wrote "))
        let text = try #require(readText(baseline))
        #expect(text.hasPrefix("{\n  \"version\": 1,\n  \"entries\": [\n"))
        #expect(!text.contains("xxxxxxx"), "no value in a baseline")

        // Read: nothing new is reported.
        let read = runCLI(["lint", "--baseline", baseline, dir.path])
        #expect(read.status == 0)
        #expect(read.out.hasPrefix("no problems in 2 files ("), "\(read.out)")

        // Edit lines above the findings: the baseline is keyed by path, so it still holds.
        try dir.write("a.json", "\n\n" + readText("testdata/invalid/charset-gbk.json")!)
        #expect(runCLI(["lint", "--baseline", baseline, dir.path]).status == 0)

        // Fix a.json: its entry is stale and reported, so the baseline shrinks.
        try dir.write("a.json", readText("testdata/valid/minimal.json")!)
        let shrunk = runCLI(["lint", "--baseline", baseline, dir.path])
        #expect(
            shrunk.out.contains(
                "warning: the entry for charset at Charset in \(dir.path)/a.json no longer matches; write the baseline again with --write-baseline [Tcpglint.StaleBaseline] (stale-baseline)"
            ))
        #expect(shrunk.status == 0)

        // A new finding in a baselined file is reported.
        try dir.write("a.json", readText("testdata/invalid/charset.yaml")!)
        let fresh = runCLI(["lint", "--baseline", baseline, dir.path + "/a.json"])
        #expect(fresh.status == 1)
    }

    @Test func aBrokenBaselineIsAUsageError() throws {
        let dir = try TempDir()
        try dir.write("baseline.json", "{\"version\": 2, \"entries\": [{\"file\": 1}]}")
        let r = runCLI(["lint", "--baseline", dir.path + "/baseline.json", "testdata/valid"])
        #expect(r.status == 2)
        #expect(r.err.contains("baseline.json:1:13: error: baseline version 2 is not supported"))
    }
}

/// Regression tests for the review: overrides of diagnostics, baseline validation, config paths.
@Suite struct PolicyReviewTests {
    @Test func policiesOverrideEveryDiagnostic() throws {
        let dir = try TempDir()
        try dir.write(
            "policy.yaml",
            """
            namespace: Acme
            overrides:
              - {rule: unused-suppression, enabled: false, reason: "x"}
              - {rule: not-a-request, enabled: false, reason: "x"}
              - {rule: secret-placeholder, enabled: false, reason: "x"}
              - {rule: stale-baseline, severity: error, reason: "x"}
            """)
        try dir.write("list.json", "[1]")
        try dir.write(
            "a.yaml", "# tcpglint-ignore charset -- nothing here\n" + readText("testdata/valid/prepaid-full.yaml")!)
        let r = runCLI(["lint", "--policy", dir.path + "/policy.yaml", dir.path + "/list.json", dir.path + "/a.yaml"])
        #expect(r.out.hasPrefix("no problems in 2 files"), "\(r.out)")
        let out = try TempDir()
        try out.write(
            "b.json",
            "{\"version\": 1, \"entries\": [{\"file\": \"\(dir.path)/a.yaml\", \"parameter\": \"Charset\", \"rule\": \"charset\", \"count\": 1}]}"
        )
        let stale = runCLI([
            "lint", "--policy", dir.path + "/policy.yaml", "--baseline", out.path + "/b.json", dir.path + "/a.yaml",
        ])
        #expect(stale.out.contains("error: the entry for charset at Charset"))
        #expect(stale.status == 1)
    }

    @Test func baselineCountsAndDuplicatesAreChecked() throws {
        let dir = try TempDir()
        let entry =
            "{\"file\": \"a.yaml\", \"parameter\": \"Storage\", \"rule\": \"x\", \"count\": 9223372036854775807}"
        try dir.write("b.json", "{\"version\": 1, \"entries\": [\(entry),\n\(entry)]}")
        let r = runCLI(["lint", "--baseline", dir.path + "/b.json", "testdata/valid/minimal.json"])
        #expect(r.status == 2)
        #expect(r.err.contains("b.json:1:93: error: count must be from 1 to 1000000, not 9223372036854775807"))
        try dir.write(
            "c.json",
            "{\"version\": 1, \"entries\": [{\"file\": \"a\", \"parameter\": \"P\", \"rule\": \"x\"},\n{\"file\": \"a\", \"parameter\": \"P\", \"rule\": \"x\"}]}"
        )
        let d = runCLI(["lint", "--baseline", dir.path + "/c.json", "testdata/valid/minimal.json"])
        #expect(d.err.contains("c.json:2:1: error: a second entry for x at P in a; the first is at line 1, column 28"))
    }

    @Test func configsAboveTheWorkingDirectoryAreShownRelative() {
        let r = runCLI(["lint", "testdata/org/dev/legacy-billing.json"])
        #expect(r.out.contains("testdata/org/.tcpglint.yaml:24:5"))
        #expect(!r.out.contains(packageRoot))
    }
}

/// An editor lints an unsaved buffer through standard input: the name it gives finds the config.
@Suite struct StdinConfigTests {
    @Test func theConfigIsFoundFromTheStdinFilename() {
        let text = readText("testdata/org/prod/payments-ledger.yaml")!
        let r = runCLI(["lint", "--stdin-filename", "testdata/org/prod/unsaved.yaml", "-"], stdin: text)
        #expect(
            r.out.contains("testdata/org/prod/unsaved.yaml:5:10: error: Storage 50 is too small for production"),
            "\(r.out)")
        let elsewhere = runCLI(["lint", "--stdin-filename", "unsaved.yaml", "-"], stdin: text)
        #expect(!elsewhere.out.contains("(acme-"))
    }
}
