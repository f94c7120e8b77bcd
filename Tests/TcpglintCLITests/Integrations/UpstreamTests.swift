import Foundation
import TcpglintCore
import TcpglintTestSupport
import Testing

/// The pack checked against the API's own definition and error list, read from the pinned
/// wheels (or, under `scripts/check-upstream`, the newest ones). Without the wheels the tests
/// are skipped on a developer's machine and fail in CI.
@Suite struct UpstreamTests {
    // MARK: The real wheels

    @Test(.enabled(if: Upstream.available))
    func theModelHasEveryMemberOfAPIJSONWithItsTypeAndRequiredFlag() throws {
        let api = try Upstream.read(Upstream.tccli)
        let differences = try UpstreamModel.differences(apiJSON: api, model: pack.model)
        for d in differences { Issue.record(Comment(rawValue: d)) }
        let structures = UpstreamModel.structures(of: pack.model)
        let counts = ["CreateInstancesRequest", "DBNode", "Tag"].map { name in
            structures[name]?.members.filter { !$0.common }.count ?? 0
        }
        if Upstream.overrideDirectory == nil { #expect(counts == [33, 3, 2]) }
    }

    @Test(.enabled(if: Upstream.available))
    func everyCodeIsInErrorcodesPyOrTheCommonCodes() throws {
        let service = UpstreamCodes.codes(errorcodesPy: try Upstream.read(Upstream.sdk))
        #expect(service.count > 100)
        #expect(service.contains("InvalidParameterValue.InvalidCharset"))
        let used =
            pack.rules.map { (who: "rule \($0.id)", code: $0.code) }
            + Diagnostic.all.map { (who: "diagnostic \($0.id)", code: $0.code) }
        for u in UpstreamCodes.unknown(used, service: service, common: pack.model.commonCodes) {
            Issue.record(Comment(rawValue: u))
        }
    }

    // MARK: What the checks report

    /// api.json with the request's members given, and DBNode and Tag as the model has them.
    static func apiJSON(request: String) -> String {
        """
        {"objects": {
          "CreateInstancesRequest": {"members": [\(request)]},
          "DBNode": {"members": [
            {"name": "Role", "type": "string", "member": "string", "required": true},
            {"name": "Zone", "type": "string", "member": "string", "required": true},
            {"name": "DedicatedClusterId", "type": "string", "member": "string", "required": false}]},
          "Tag": {"members": [
            {"name": "TagKey", "type": "string", "member": "string", "required": true},
            {"name": "TagValue", "type": "string", "member": "string", "required": true}]}
        }}
        """
    }

    /// The model's own request members written as api.json would write them.
    static let requestMembers: [String] = {
        let request = UpstreamModel.structures(of: pack.model)["CreateInstancesRequest"]?.members ?? []
        return request.filter { !$0.common }.map { m in
            let (type, member): (String, String)
            switch m.type {
            case .string: (type, member) = ("string", "string")
            case .integer(let w): (type, member) = ("int", w.rawValue)
            case .boolean: (type, member) = ("bool", "bool")
            case .array(let item): (type, member) = ("list", item.structure?.name ?? "string")
            case .structure(let s): (type, member) = ("object", s.name)
            }
            return #"{"name": "\#(m.name)", "type": "\#(type)", "member": "\#(member)", "required": \#(m.required)}"#
        }
    }()

    @Test func theModelAsAPIJSONWritesItHasNoDifference() throws {
        #expect(Self.requestMembers.count == 33)
        let api = Self.apiJSON(request: Self.requestMembers.joined(separator: ","))
        #expect(try UpstreamModel.differences(apiJSON: api, model: pack.model) == [])
    }

    @Test func aNewMemberIsNamedWithItsDocumentation() throws {
        let new =
            #"{"name": "ReadOnlyGroupId", "type": "string", "member": "string", "required": false, "#
            + #""document": "<p>只读组ID。</p><li>形如&quot;pgrogrp-xxx&quot;</li>"}"#
        let api = Self.apiJSON(request: (Self.requestMembers + [new]).joined(separator: ","))
        #expect(
            try UpstreamModel.differences(apiJSON: api, model: pack.model) == [
                #"CreateInstancesRequest.ReadOnlyGroupId is new in api.json (String, optional), not in rules/model.yaml: 只读组ID。 形如"pgrogrp-xxx""#
            ])
    }

    @Test func aChangedTypeOrFlagAndARemovedMemberAreNamed() throws {
        var members = Self.requestMembers.filter { !$0.contains(#""SyncMode""#) }
        members = members.map {
            $0.contains(#""Storage""#)
                ? #"{"name": "Storage", "type": "int", "member": "int64", "required": true}"#
                : $0.contains(#""VpcId""#)
                    ? #"{"name": "VpcId", "type": "string", "member": "string", "required": true}"# : $0
        }
        members.append(#"{"name": "Labels", "type": "list", "member": "Label", "required": false, "document": "x"}"#)
        let api = Self.apiJSON(request: members.joined(separator: ","))
        #expect(
            try UpstreamModel.differences(apiJSON: api, model: pack.model) == [
                "CreateInstancesRequest.Storage is Integer(int64), required in api.json but Integer(uint64), required in rules/model.yaml",
                "CreateInstancesRequest.VpcId is String, required in api.json but String, optional in rules/model.yaml",
                "CreateInstancesRequest.Labels is new in api.json (Array of Label, optional), not in rules/model.yaml: x",
                "CreateInstancesRequest.SyncMode is in rules/model.yaml but no longer in api.json",
            ])
    }

    @Test func aStructureMissingUpstreamIsNamed() throws {
        let api =
            #"{"objects": {"CreateInstancesRequest": {"members": [\#(Self.requestMembers.joined(separator: ","))]}}}"#
        #expect(
            try UpstreamModel.differences(apiJSON: api, model: pack.model) == [
                "DBNode is in rules/model.yaml but not in api.json",
                "Tag is in rules/model.yaml but not in api.json",
            ])
    }

    @Test func errorcodesPyIsReadAsItsAssignments() {
        let py = """
            # -*- coding: utf8 -*-
            # CAM签名/鉴权错误。
            AUTHFAILURE = 'AuthFailure'

            # 字符集错误。
            INVALIDPARAMETERVALUE_INVALIDCHARSET = "InvalidParameterValue.InvalidCharset"
            not_a_code = 'x'
            """
        #expect(UpstreamCodes.codes(errorcodesPy: py) == ["AuthFailure", "InvalidParameterValue.InvalidCharset"])
    }

    @Test func aCodeNeitherUpstreamNorCommonIsNamed() {
        let used = [
            (who: "rule charset", code: "InvalidParameterValue.InvalidCharset"),
            (who: "rule gone", code: "InvalidParameterValue.Removed"),
            (who: "rule common", code: "MissingParameter"),
            (who: "diagnostic syntax-error", code: "Tcpglint.SyntaxError"),
        ]
        #expect(
            UpstreamCodes.unknown(used, service: ["InvalidParameterValue.InvalidCharset"], common: ["MissingParameter"])
                == [
                    "rule gone has the code InvalidParameterValue.Removed, which is neither in errorcodes.py nor in the model's common-codes"
                ])
    }

    // MARK: scripts/test downloads the pinned wheels

    /// A copy of scripts/test run with stubs: the Debian packages present, a venv whose pip
    /// installs but cannot download (PyPI unreachable), and a `swift` that prints its arguments.
    /// `wheels` are file names already in `.build/upstream`.
    static func runTestScript(wheels: [String]) throws -> EndToEndTests.Result {
        let dir = try TempDir()
        for name in ["scripts/test", "scripts/test-constraints.txt"] {
            try dir.write(name, try #require(readText(name)))
        }
        for name in wheels { try dir.write(".build/upstream/" + name, "") }
        let venvPython = """
            case "$3" in download) echo "ERROR: No matching distribution found for $*" >&2; exit 1;; esac
            """
        let stubs = [
            "id": "echo 1000", "dpkg": "exit 0", "git": "exit 0", "vim": "exit 0", "shellcheck": "exit 0",
            "swift": "echo \"swift $*\"",
            "python3": """
            [ "$2" = venv ] || exit 1
            mkdir -p "$3/bin" && printf '#!/bin/sh\\n%s\\n' '\(venvPython)' > "$3/bin/python3" && chmod +x "$3/bin/python3"
            """,
        ]
        for (name, body) in stubs {
            try dir.write("stubs/" + name, "#!/bin/sh\n" + body + "\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/stubs/" + name)
        }
        return try EndToEndTests.run(
            ["PATH=\(dir.path)/stubs:/usr/bin:/bin", "bash", dir.path + "/scripts/test"], executable: "/usr/bin/env",
            cwd: dir.path)
    }

    @Test func withoutPyPIScriptsTestWarnsAndStillRunsTheTests() throws {
        let r = try Self.runTestScript(wheels: [])
        #expect(r.status == 0)
        #expect(r.out == "swift build\nswift test\n")
        let lines = r.err.split(separator: "\n").filter { $0.hasPrefix("scripts/test: ") }
        #expect(
            lines == [
                "scripts/test: installing check-jsonschema junitparser pre-commit tccli into .build/test-venv (pinned in scripts/test-constraints.txt)",
                "scripts/test: downloading tccli==3.1.155.1 into .build/upstream (not installed)",
                "scripts/test: warning: tccli==3.1.155.1 could not be downloaded; the upstream tests are skipped (in CI they fail)",
                "scripts/test: downloading tencentcloud-sdk-python-postgres==3.1.155 into .build/upstream (not installed)",
                "scripts/test: warning: tencentcloud-sdk-python-postgres==3.1.155 could not be downloaded; the upstream tests are skipped (in CI they fail)",
            ], "\(r.err)")
        #expect(r.err.contains("No matching distribution found for -m pip download -q --disable-pip-version-check"))
        #expect(r.err.contains("--no-deps -c scripts/test-constraints.txt -d .build/upstream tccli\n"), "\(r.err)")
    }

    @Test func scriptsTestDownloadsNothingWhenThePinnedWheelsAreThere() throws {
        let r = try Self.runTestScript(wheels: [
            "tccli-3.1.155.1-py2.py3-none-any.whl", "tencentcloud_sdk_python_postgres-3.1.155-py2.py3-none-any.whl",
        ])
        #expect(r.status == 0)
        #expect(!r.err.contains("download"), "\(r.err)")
        #expect(r.out == "swift build\nswift test\n")
    }
}
