import TcpglintCore
import TcpglintInput
import TcpglintRules
import TcpglintTestSupport
import Testing

// `pack` (the built-in pack) and `linter` are TcpglintTestSupport's.

/// Rule examples are tests: each valid example leaves its rule silent, each invalid one makes it speak.
@Suite struct RuleExampleTests {
    static let ruleIDs = pack.rules.map(\.id)

    @Test(arguments: ruleIDs)
    func examples(_ id: String) throws {
        let rule = try #require(pack.rule(id: id))
        #expect(RuleExamples.check(rule, in: pack).map(\.description) == [])
        let only = linter(pack.restricted(to: [id]), reportSecrets: false, catalogue: rule.exampleCatalogue)
        for e in rule.valid {
            let found = only.lint(e.document)
            #expect(found.isEmpty, "valid example at \(e.location) of \(id) produced: \(found.map(\.message))")
        }
        for e in rule.invalid {
            let found = only.lint(e.document).filter { $0.rule == id }
            #expect(!found.isEmpty, "invalid example at \(e.location) of \(id) produced no finding")
            for f in found {
                #expect(f.severity == rule.severity && f.code == rule.code)
                for name in MessageTemplate.placeholders {
                    #expect(!f.message.contains("{\(name)}"), "unfilled placeholder in \(f.message)")
                }
            }
        }
    }

    /// The pack's example base (a copy of `example-base` in rules/model.yaml) passes every rule.
    @Test func theExampleBaseIsClean() {
        let loaded = InputReader.load(name: "base.yaml", bytes: Array(Self.baseText.utf8))
        let found = linter(pack, reportSecrets: false).lint(loaded)
        #expect(found.map(\.message) == [])
    }

    static let baseText = """
        Region: ap-guangzhou
        Zone: ap-guangzhou-3
        SpecCode: pg.it.small2
        Storage: 100
        InstanceCount: 1
        Period: 1
        Charset: UTF8
        AdminName: pgadmin1
        AdminPassword: "Aa1!example-pass"
        DBMajorVersion: "15"
        VpcId: vpc-8e0ypm3z
        SubnetId: subnet-bthucmmy

        """
}

/// Self-tests over the catalogue.
@Suite struct CatalogueTests {
    @Test func idsAreUniqueAndWellFormed() {
        let ids = pack.rules.map(\.id) + Diagnostic.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
        }
    }

    @Test func everyRuleHasSourceSummaryAndExamples() {
        for r in pack.rules {
            #expect(!r.source.ref.isEmpty && !r.source.quote.isEmpty, "\(r.id) has no source")
            #expect(pack.references[r.source.ref] != nil, "\(r.id) cites an unknown reference")
            #expect(!r.summary.isEmpty, "\(r.id) has no summary")
            #expect(!r.valid.isEmpty && !r.invalid.isEmpty, "\(r.id) lacks examples")
            #expect(!r.targets.isEmpty, "\(r.id) has no target")
        }
    }

    /// A message about a captured part shows the whole value too: "DBVersion "14.7" is for
    /// major version "14"", not only "14" (issue 12); and so for the other side of a relation.
    @Test func aMessageAboutAPartShowsTheWholeValue() {
        for r in pack.rules {
            let placeholders = Set(
                r.message.pieces.compactMap { p -> String? in
                    if case .placeholder(let name) = p { return name }
                    return nil
                })
            if r.extract != nil, placeholders.contains("value") {
                #expect(placeholders.contains("written"), "\(r.id): \(r.message.source)")
            }
            if case .relation(_, _, let otherExtract) = r.check, otherExtract != nil,
                placeholders.contains("other-value")
            {
                #expect(placeholders.contains("other-written"), "\(r.id): \(r.message.source)")
            }
        }
    }

    /// Every reference of the pack is a document anyone can open: a page of tencentcloud.com, or
    /// api.json or examples.json of one tccli release on PyPI.
    @Test func everyReferenceIsAPublicDocument() {
        #expect(pack.references.count >= 5)
        var releases: Set<String> = []
        for (key, r) in pack.references.sorted(by: { $0.key < $1.key }) {
            #expect(!r.title.isEmpty, "\(key) has no title")
            switch r.location {
            case .url(let url):
                #expect(Self.isTencentCloudPage(url), "\(key): \(url) is not a page of tencentcloud.com")
            case .pypi(let package, let file):
                // tccli's definition and examples, or the Python SDK's error codes (SDK).
                if package.hasPrefix("tencentcloud-sdk-python-postgres==") {
                    #expect(file == "tencentcloud/postgres/v20170312/errorcodes.py", "\(key): \(file)")
                    #expect(package == "tencentcloud-sdk-python-postgres==3.1.155", "\(key): \(package)")
                    continue
                }
                #expect(package.hasPrefix("tccli=="), "\(key): \(package) is not a release of tccli")
                #expect(
                    Self.tccliFiles.contains(file),
                    "\(key): \(file) is not api.json or examples.json of postgres 2017-03-12")
                releases.insert(package)
            case nil:
                Issue.record("\(key) says nowhere a reader can open it")
            }
        }
        #expect(releases.count == 1, "the pack cites more than one tccli release: \(releases.sorted())")
        #expect(pack.references["API"]?.link == "https://pypi.org/project/tccli/3.1.155.1/")
        #expect(pack.references["PAGE"]?.link == "https://www.tencentcloud.com/document/product/409/40583")
    }

    static let tccliFiles: Set<String> = [
        "tccli/services/postgres/v20170312/api.json", "tccli/services/postgres/v20170312/examples.json",
    ]

    /// An https address whose host is tencentcloud.com or one of its subdomains.
    static func isTencentCloudPage(_ url: String) -> Bool {
        guard url.hasPrefix("https://") else { return false }
        let host = url.dropFirst(8).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host == "tencentcloud.com" || host.hasSuffix(".tencentcloud.com")
    }

    @Test func tencentCloudPagesAreTheirHosts() {
        #expect(Self.isTencentCloudPage("https://www-sg.tencentcloud.com/document/product/409/40583"))
        #expect(!Self.isTencentCloudPage("http://www.tencentcloud.com/document/product/409/40583"))
        #expect(!Self.isTencentCloudPage("https://www.tencentcloud.com.example.org/document"))
        #expect(!Self.isTencentCloudPage("https://example.org/www.tencentcloud.com/document"))
        #expect(!Self.isTencentCloudPage("https://nottencentcloud.com/document"))
    }

    @Test func everyTargetExistsInTheModel() {
        for r in pack.rules {
            for t in r.targets {
                #expect(pack.model.spec(at: t.pattern) != nil, "\(r.id) targets \(t.display), which the model lacks")
            }
        }
    }

    @Test func everyRequiredParameterHasARequiredRule() {
        var required: Set<String> = []
        for r in pack.rules {
            if case .required = r.check { for t in r.targets { required.insert(t.display) } }
        }
        for p in pack.model.allPatterns() {
            guard let spec = pack.model.spec(at: p), spec.required else { continue }
            #expect(
                required.contains(p.display), "\(p.display) is required in the model but no rule reports it missing")
        }
    }

    @Test func everyObjectHasAnUnknownParameterRule() {
        var covered: Set<String> = []
        for r in pack.rules {
            if case .unknown = r.check { for t in r.targets { covered.insert(t.display) } }
        }
        var objects: [String] = ["$"]
        for p in pack.model.allPatterns() where pack.model.spec(at: p)?.structure != nil { objects.append(p.display) }
        for p in pack.model.allPatterns() where pack.model.spec(at: p)?.embedded != nil {
            objects.append(p.display + "::")
        }
        for o in objects { #expect(covered.contains(o), "\(o) has no unknown-parameter rule") }
    }

    @Test func theModelHasAll33Parameters() {
        let members = pack.model.request.structure?.members ?? []
        #expect(members.filter { !$0.common }.count == 33)
        #expect(members.filter(\.secret).map(\.name) == ["AdminPassword"])
    }

    /// The code and severity decided for each rule (README, Decisions), as (rule id, code, severity).
    static let decisions: [(String, String, Severity)] = [
        ("quoted-literal", "InvalidParameter", .warning),
        ("number-for-string", "InvalidParameter", .warning),
        ("type-mismatch", "InvalidParameter", .error),
        ("integer-out-of-range", "InvalidParameter", .error),
        ("missing-parameter", "MissingParameter", .error),
        ("currently-required", "MissingParameter", .error),
        ("unknown-parameter", "UnknownParameter", .error),
        ("action", "InvalidAction", .error),
        ("version", "NoSuchVersion", .error),
        ("region", "InvalidParameterValue.IllegalRegion", .error),
        ("zone-format", "InvalidParameterValue.IllegalZone", .error),
        ("zone-region", "InvalidParameterValue.IllegalZone", .error),
        ("zone-in-region", "InvalidParameterValue.IllegalZone", .error),
        ("spec-code-empty", "InvalidParameterValue.SpecNotRecognizedError", .error),
        ("spec-code-known", "InvalidParameterValue.SpecNotRecognizedError", .warning),
        ("storage", "InvalidParameterValue.ParameterOutRangeError", .error),
        ("instance-count", "InvalidParameterValue.InvalidInstanceNum", .error),
        ("period-prepaid", "InvalidParameterValue.ParameterOutRangeError", .error),
        ("period-postpaid", "InvalidParameterValue.ParameterOutRangeError", .error),
        ("charset", "InvalidParameterValue.InvalidCharset", .error),
        ("admin-name", "InvalidParameterValue.InvalidAccountError", .error),
        ("admin-name-reserved", "InvalidParameterValue.InvalidAccountError", .error),
        ("admin-password-length", "InvalidParameterValue.InvalidPasswordLengthError", .error),
        ("admin-password-classes", "InvalidParameterValue.InvalidPasswordValueError", .error),
        ("admin-password-slash", "InvalidParameterValue.InvalidPasswordValueError", .error),
        ("admin-password-chars", "InvalidParameterValue.InvalidPasswordValueError", .warning),
        ("admin-password-short", "InvalidParameterValue.InvalidPasswordValueError", .info),
        ("major-version-format", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("major-version-known", "InvalidParameterValue.InvalidParameterValueError", .warning),
        ("version-format", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("version-before-10", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("version-major", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("kernel-version-format", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("kernel-version-major", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("kernel-version-community", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("version-not-recommended", "InvalidParameterValue.InvalidParameterValueError", .info),
        ("charge-type", "InvalidParameterValue.IllegalInstanceChargeType", .error),
        ("charge-type-case", "InvalidParameterValue.IllegalInstanceChargeType", .warning),
        ("vpc-id", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("subnet-id", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("one-primary", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("primary-zone", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("node-role", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("zero-or-one", "InvalidParameterValue.ParameterOutRangeError", .error),
        ("voucher-ids", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("project-id", "InvalidParameterValue.IllegalProjectId", .error),
        ("name-length", "InvalidParameterValue.ParameterLengthLimitError", .error),
        ("name-characters", "InvalidParameterValue.ParameterCharacterError", .error),
        ("name-script", "InvalidParameterValue.ParameterCharacterError", .warning),
        ("security-group-id", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("kms-without-tde", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("kms-region", "InvalidParameterValue.IllegalRegion", .error),
        ("engine", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("engine-config-engine", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("engine-config-json", "InvalidParameterValue.StructParseFailed", .error),
        ("engine-config-key", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("engine-config-migration-mode", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("engine-config-locale", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("engine-config-collation", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("sync-mode", "InvalidParameterValue.InvalidParameterValueError", .error),
        ("storage-type", "InvalidParameterValue.InvalidParameterValueError", .error),
    ]

    @Test func everyDecisionIsInThePack() {
        for (id, code, severity) in Self.decisions {
            let rule = pack.rule(id: id)
            #expect(rule != nil, "no rule \(id)")
            #expect(rule?.code == code, "\(id) has code \(rule?.code ?? "-"), decided \(code)")
            #expect(
                rule?.severity == severity,
                "\(id) has severity \(rule.map { "\($0.severity)" } ?? "-"), decided \(severity)")
        }
    }

    @Test func theLocaleAndCollationListsAreComplete() throws {
        func count(_ id: String) throws -> Int {
            let r = try #require(pack.rule(id: id))
            guard case .enumeration(let values, _, _) = r.check else { return 0 }
            return Set(values).count
        }
        #expect(try count("engine-config-locale") == 130)
        #expect(try count("engine-config-collation") == 34)
        #expect(try count("region") == 18)
    }
}
