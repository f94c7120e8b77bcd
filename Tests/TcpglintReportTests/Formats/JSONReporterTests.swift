import TcpglintReport
import Testing

/// `{"version": 1, "findings": [...], "summary": {...}}`, the documented contract.
@Suite struct JSONReporterTests {
    @Test func aFindingIsOneObjectWithItsKeysInOrder() {
        var f = Fixture(files: [("s.yaml", 2)])
        f.add(
            "s.yaml", document: 2, at: (7, 9), to: (7, 12), .warning, code: "InvalidParameter", rule: "quoted-literal",
            parameter: "DBNodeSet[1].Zone", message: "Zone is \"x\"")
        #expect(
            JSONReporter().render(f.report()) == """
                {
                  "version": 1,
                  "findings": [
                    {"file": "s.yaml", "document": 2, "line": 7, "column": 9, "endLine": 7, "endColumn": 12, "severity": "warning", "code": "InvalidParameter", "rule": "quoted-literal", "parameter": "DBNodeSet[1].Zone", "message": "Zone is \\"x\\""}
                  ],
                  "summary": {"files": 1, "filesWithFindings": 1, "errors": 0, "warnings": 1, "infos": 0, "baselined": 0}
                }

                """)
    }
}
