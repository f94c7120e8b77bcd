import Foundation
import TcpglintCore
import TcpglintRules
import Testing

/// `CheckKind` is the one list of check kinds: the compiler accepts exactly its kinds, with the
/// options it lists, and each kind is documented.
@Suite struct CheckKindTests {
    /// A check of each kind, with every option the kind accepts where that makes sense, on a
    /// target it can judge. A kind missing here fails `everyKindCompiles`.
    static let checks: [CheckKind: (target: String, check: String)] = [
        .required: ("Name", "{required: true}"),
        .unknown: ("$", "{unknown: ~}"),
        .absent: ("Name", "{absent: true}"),
        .type: ("Storage", "{type: {report: [quoted-literal, wrong-scalar]}}"),
        .enumeration: ("Charset", "{enum: {values: [UTF8], case-sensitive: false, only-case-mismatch: false}}"),
        .pattern: ("Name", "{pattern: {regex: '^a', case-insensitive: true, negate: false, description: an a}}"),
        .length: ("Name", "{length: {min: 1, max: 60}}"),
        .integer: ("Storage", "{integer: {min: 10, max: 100, values: [10, 20], step: 10}}"),
        .charClasses: ("Name", "{char-classes: {classes: [{name: a digit, chars: '0123456789'}], minimum: 1}}"),
        .allowedChars: ("Name", "{allowed-chars: {classes: [{name: a letter, pattern: '[a-z]'}]}}"),
        .forbid: ("Name", "{forbid: {values: [x], prefixes: [y], case-sensitive: false}}"),
        .size: ("DBNodeSet", "{size: {min: 1, max: 2}}"),
        .count: (
            "DBNodeSet", "{count: {where: {param: Role, equals: Primary}, min: 1, max: 1, description: one Primary}}"
        ),
        .relation: ("DBNodeSet[*].Zone", "{relation: {equals: Zone, other-extract: '^(.+)$'}}"),
        .json: ("DBEngineConfig", "{json: {shape: object-of-strings}}"),
        .catalogue: ("SpecCode", "{catalogue: {fact: spec-code}}"),
    ]

    static func ruleFile(_ kinds: [CheckKind]) -> String {
        var out = "rules:\n"
        for kind in kinds {
            guard let c = checks[kind] else { continue }
            out += """
                  - id: check-kind-\(kind.rawValue)
                    code: InvalidParameterValue.CheckKind
                    severity: error
                    summary: A check of kind \(kind.rawValue)
                    message: "{param}"
                    target: "\(c.target)"
                    check: \(c.check)
                    source: {ref: PAGE, quote: "x"}
                    examples:
                      valid: [{Name: a}]
                      invalid: [{Name: b}]

                """
        }
        return out
    }

    @Test func everyKindCompiles() throws {
        let file = Self.ruleFile(CheckKind.allCases)
        let result = RulePackLoader.load(
            files: RulePackLoader.builtInFiles + [(name: "kinds.yaml", bytes: Array(file.utf8))])
        guard case .success(let set) = result else {
            if case .failure(let errors) = result { Issue.record("the rule file does not compile: \(errors.errors)") }
            return
        }
        let compiled = set.rules.filter { $0.id.hasPrefix("check-kind-") }
        #expect(compiled.map { $0.check.kind } == CheckKind.allCases)
        for rule in compiled {
            #expect(rule.id == "check-kind-" + rule.check.kind.rawValue)
        }
    }

    /// The compiler refuses any other kind, and names the kinds in `CheckKind`'s order.
    @Test func anotherKindIsRefusedWithTheList() throws {
        let file = Self.ruleFile([.size]).replacingOccurrences(of: "{size: ", with: "{items: ")
        let result = RulePackLoader.load(
            files: RulePackLoader.builtInFiles + [(name: "kinds.yaml", bytes: Array(file.utf8))])
        guard case .failure(let errors) = result else {
            Issue.record("a check of kind items compiled")
            return
        }
        let messages = errors.errors.map(\.message)
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0.hasPrefix("unknown check \"items\"") }, "\(messages)")
        #expect(
            messages.allSatisfy {
                $0.hasSuffix("; the checks are \(CheckKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }, "\(messages)")
    }

    /// The compiler accepts a kind's options and refuses any other key, listing the options.
    @Test(arguments: CheckKind.allCases)
    func aKindRefusesAnOptionItDoesNotList(_ kind: CheckKind) throws {
        guard let check = Self.checks[kind]?.check else {
            Issue.record("no check of kind \(kind.rawValue) in CheckKindTests.checks")
            return
        }
        let extra =
            check.contains(": {")
            ? check.replacingOccurrences(of: ": {", with: ": {bogus: 1, ", options: [], range: check.range(of: ": {"))
            : "{\(kind.rawValue): {bogus: 1}}"
        let file = Self.ruleFile([kind]).replacingOccurrences(of: "check: \(check)", with: "check: \(extra)")
        let result = RulePackLoader.load(
            files: RulePackLoader.builtInFiles + [(name: "kinds.yaml", bytes: Array(file.utf8))])
        guard case .failure(let errors) = result else {
            Issue.record("\(kind.rawValue) accepted the option bogus")
            return
        }
        let allowed = kind.options.joined(separator: ", ")
        #expect(
            errors.errors.contains {
                $0.message.hasPrefix("unknown key \"bogus\" in the options of \(kind.rawValue)")
                    && $0.message.hasSuffix("; allowed: \(allowed)")
            },
            "\(errors.errors.map(\.message))")
    }

    @Test func everyKindIsDocumented() {
        for kind in CheckKind.allCases {
            #expect(!kind.summary.isEmpty, "\(kind.rawValue) has no summary")
            #expect(!kind.optionsSummary.isEmpty, "\(kind.rawValue) has no options summary")
            for option in kind.options {
                #expect(
                    kind.optionsSummary.contains("`\(option)"),
                    "\(kind.rawValue)'s options summary does not name \(option)")
            }
        }
        #expect(Set(CheckKind.names).count == CheckKind.allCases.count)
        #expect(CheckKind.names == CheckKind.allCases.map(\.rawValue))
    }
}
