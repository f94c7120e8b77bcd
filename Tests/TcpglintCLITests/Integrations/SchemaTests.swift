import Foundation
import TcpglintTestSupport
import Testing

/// `tcpglint schema`, and a real JSON Schema validator run on testdata with it.
@Suite struct SchemaTests {
    static func export() -> String {
        let path = temporaryFile("request.schema.json")
        let r = runCLI(["schema"])
        try? r.out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theSchemaGolden() {
        let r = runCLI(["schema"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/cli/schema.out")
    }

    /// Two `count` rules on one array (the company policy's owner and cost-center tags): each
    /// rule's `contains` keeps its `minContains`, the second in `allOf`, the same in every run
    /// (they were once split apart in an order that changed from run to run).
    @Test func twoCountsOnOneArrayStayWhole() {
        let r = runCLI(["schema", "--policy", "testdata/org/policies/company.yaml"])
        #expect(r.status == 0)
        expectGolden(r.out, path: "testdata/cli/schema-company.out")
    }

    /// Splits a stream into single documents and strips a BOM: what check-jsonschema can read.
    static func instances(_ path: String) -> [String] {
        var text = readText(path) ?? ""
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let docs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n---\n")
            .map { $0.hasPrefix("---\n") ? String($0.dropFirst(4)) : $0 }
            .filter {
                !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    && $0.trimmingCharacters(in: .whitespacesAndNewlines) != "---"
            }
        let ext = path.hasSuffix(".json") ? "json" : "yaml"
        return docs.enumerated().map { i, doc in
            let p = temporaryFile((path as NSString).lastPathComponent + ".\(i).\(ext)")
            try? doc.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
    }

    @Test(.enabled(if: Tools.available("check-jsonschema")))
    func validRequestsPassTheExportedSchema() throws {
        let schema = Self.export()
        let files = testdataFiles("testdata/valid").flatMap(Self.instances)
        #expect(files.count >= 13)
        let r = try Tools.run("check-jsonschema", ["--schemafile", schema] + files)
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }

    /// The cases whose faults a schema cannot express: relations between fields, embedded
    /// JSON, case-insensitive enums, Unicode classes and duplicate keys (a YAML loader keeps
    /// the last one).
    static let beyondSchema: Set<String> = [
        "charge-type.json", "duplicate-key.json", "engine-config-duplicate-key.json", "engine-config-json-shape.json",
        "engine-config-json.json", "engine-config-key.json", "engine-config-locale.json", "engine-config-unclosed.json",
        "kernel-version-community.json", "name-characters.json", "node-zone-region.json", "primary-zone.json",
        "zone-region.json", "engine-config-block.yaml", "engine-config-collation.yaml", "engine-config-json-yaml.yaml",
        "engine-config-key-yaml.yaml", "engine-config-locale-yaml.yaml", "engine-config-migration-mode.yaml",
        "kernel-version-major.yaml", "version-major.yaml", "zone-in-region-node.yaml", "zone-in-region.yaml",
        "zone-in-region-zone-unsupported.yaml", "name-script-with-space.yaml",
        // A release before 10 is found through `extract`, which a schema cannot express.
        "major-version-known.json", "version-before-10.yaml",
        // Files check-jsonschema's readers cannot load (a traceback on `!!int orders`, Python's
        // tags, a float of 1e400): not a schema fault.
        "yaml-int-tag.yaml", "yaml-python-tag.yaml", "huge-numbers.json",
        // The password's rules: a secret is usually a placeholder in the file, so the schema
        // leaves its value to tcpglint.
        "admin-password-chars.yaml", "admin-password-classes.yaml", "admin-password-length-long.yaml",
        "admin-password-length.json", "admin-password-short.json", "admin-password-slash.json",
        "admin-password-chars-backslash.yaml", "admin-password-chars-quote.json",
        "secret-comment.yaml",
        // Duplicate keys only: no schema speaks of them (ruamel.yaml refuses the file, others keep the last).
        "duplicate-key-yaml.yaml", "secret-duplicate.yaml",
    ]

    @Test(.enabled(if: Tools.available("check-jsonschema")))
    func invalidRequestsWithSchemaFaultsFailIt() throws {
        let schema = Self.export()
        // One run over every instance; the validator names each file that fails.
        var instances: [String: [String]] = [:]
        for path in testdataFiles("testdata/invalid") {
            let name = (path as NSString).lastPathComponent
            guard !Self.beyondSchema.contains(name) else { continue }
            instances[name] = Self.instances(path)
        }
        #expect(instances.count >= 65)
        let r = try Tools.run("check-jsonschema", ["--schemafile", schema] + instances.values.flatMap { $0 })
        #expect(r.status == 1)
        let report = r.out + r.err
        let unexpected = instances.filter { _, files in !files.contains { report.contains($0 + "::") } }.keys.sorted()
        #expect(unexpected == [], "these invalid cases passed the schema")
    }
}
