import Foundation
import TcpglintCore
import TcpglintTestSupport
import Testing

/// The API's own artefacts on PyPI, which no one here wrote: tccli's wheel holds the API
/// definition (`api.json`), the Python SDK's postgres wheel its error codes (`errorcodes.py`).
/// `scripts/test` downloads the versions pinned in `scripts/test-constraints.txt` into
/// `.build/upstream` (never installing them); `scripts/check-upstream` downloads the newest ones
/// and points `TCPGLINT_UPSTREAM_DIR` at them. The wheels are read as zip files, with Python's
/// `zipfile` (the venv's python3, which `scripts/test` makes).
enum Upstream {
    /// A wheel and the file the tests read from it.
    struct Artefact {
        let project: String
        let member: String
    }

    static let tccli = Artefact(project: "tccli", member: "tccli/services/postgres/v20170312/api.json")
    static let sdk = Artefact(
        project: "tencentcloud-sdk-python-postgres", member: "tencentcloud/postgres/v20170312/errorcodes.py")

    /// Set by `scripts/check-upstream`: a folder holding one wheel of each project, of any version.
    static let overrideDirectory = ProcessInfo.processInfo.environment["TCPGLINT_UPSTREAM_DIR"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The version `scripts/test-constraints.txt` pins for a project.
    static func pin(_ project: String) -> String? {
        guard let text = readText("scripts/test-constraints.txt") else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", omittingEmptySubsequences: true)
            if parts.count == 2, line.contains("=="), parts[0].lowercased() == project { return String(parts[1]) }
        }
        return nil
    }

    /// The wheel's path: the pinned version in `.build/upstream`, or the one wheel of the project
    /// in `TCPGLINT_UPSTREAM_DIR`.
    static func wheel(_ a: Artefact) -> String? {
        let prefix = a.project.replacingOccurrences(of: "-", with: "_") + "-"
        let dir = overrideDirectory ?? packageRoot + "/.build/upstream"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        let wheels = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".whl") }
        if overrideDirectory != nil { return wheels.count == 1 ? dir + "/" + wheels[0] : nil }
        guard let version = pin(a.project) else { return nil }
        return wheels.first { $0.hasPrefix(prefix + version + "-") }.map { dir + "/" + $0 }
    }

    /// Whether the upstream tests run: the wheels are there, or this is CI, where they must be.
    static var available: Bool {
        (wheel(tccli) != nil && wheel(sdk) != nil && Tools.find("python3") != nil) || TinyFileSystem.isCI
    }

    /// The text of the artefact's file, read from its wheel as a zip file.
    static func read(_ a: Artefact) throws -> String {
        let pinned = pin(a.project).map { "==\($0)" } ?? ""
        let missing =
            overrideDirectory.map { "not exactly one \(a.project) wheel in \($0)" }
            ?? "no \(a.project)\(pinned) wheel; scripts/test downloads it (is PyPI reachable?)"
        let whl = try #require(wheel(a), Comment(rawValue: missing))
        let script = "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"
        let r = try Tools.run("python3", ["-c", script, whl, a.member])
        try #require(r.status == 0, "\(a.member) cannot be read from \(whl): \(r.err)")
        return r.out
    }
}

// MARK: - The model against api.json

/// Compares the model's structures with api.json's objects of the same names.
enum UpstreamModel {
    /// A type as a comparable phrase: `String`, `Integer(uint64)`, `Boolean`, `Array of DBNode`.
    static func describe(_ type: ParamType) -> String {
        switch type {
        case .string: return "String"
        case .integer(let width): return "Integer(\(width.rawValue))"
        case .boolean: return "Boolean"
        case .array(let item): return "Array of " + describe(item.type)
        case .structure(let s): return s.name
        }
    }

    /// An api.json member's type in the same words: `string` → String, `int` with its member →
    /// Integer(member), `bool` → Boolean, `list` of X → Array of X; anything else by its member.
    static func describe(apiType type: String, member: String) -> String {
        func scalar(_ m: String) -> String {
            switch m {
            case "string": return "String"
            case "int64", "uint64": return "Integer(\(m))"
            case "bool": return "Boolean"
            default: return m
            }
        }
        switch type {
        case "string": return "String"
        case "bool": return "Boolean"
        case "int": return "Integer(\(member))"
        case "list": return "Array of " + scalar(member)
        default: return scalar(member)
        }
    }

    /// The structures of the model, by name, the request among them.
    static func structures(of model: APIModel) -> [String: StructSpec] {
        var out: [String: StructSpec] = [:]
        func visit(_ type: ParamType) {
            switch type {
            case .structure(let s):
                guard out[s.name] == nil else { return }
                out[s.name] = s
                for m in s.members { visit(m.type) }
            case .array(let item): visit(item.type)
            case .string, .integer, .boolean: break
            }
        }
        visit(model.request.type)
        return out
    }

    /// An api.json document as one line of text: markup left out, entities decoded.
    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" {
                inTag = true
            } else if ch == ">" && inTag {
                inTag = false
                out.append(" ")
            } else if !inTag {
                out.append(ch)
            }
        }
        for (entity, ch) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: ch)
        }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Every difference between the model and api.json, one sentence each, starting from the
    /// request and following the structures api.json's members name. Empty when they agree.
    static func differences(apiJSON: String, model: APIModel) throws -> [String] {
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(apiJSON.utf8)) as? [String: Any], "api.json is not an object")
        let objects = try #require(root["objects"] as? [String: Any], "api.json has no objects")
        let ours = structures(of: model)
        var out: [String] = []
        var queue = [model.request.name]
        var seen: Set<String> = []
        while let name = queue.first {
            queue.removeFirst()
            guard seen.insert(name).inserted else { continue }
            for spec in ours[name]?.members ?? [] {
                if case .array(let item) = spec.type, let s = item.structure { queue.append(s.name) }
                if let s = spec.structure { queue.append(s.name) }
            }
            guard let object = objects[name] as? [String: Any], let members = object["members"] as? [[String: Any]]
            else {
                out.append("\(name) is in rules/model.yaml but not in api.json")
                continue
            }
            let mine = ours[name]
            if mine == nil { out.append("\(name) is in api.json but not in rules/model.yaml") }
            var names: Set<String> = []
            for m in members {
                let member = m["name"] as? String ?? "?"
                names.insert(member)
                let type = describe(apiType: m["type"] as? String ?? "", member: m["member"] as? String ?? "")
                let required = (m["required"] as? Bool) == true ? "required" : "optional"
                if let t = m["member"] as? String, objects[t] != nil { queue.append(t) }
                guard let mine else { continue }
                guard let spec = mine.member(member), !spec.common else {
                    let doc = plain(m["document"] as? String ?? "")
                    out.append(
                        "\(name).\(member) is new in api.json (\(type), \(required)), not in rules/model.yaml: \(doc)")
                    continue
                }
                let ourType = describe(spec.type)
                let ourRequired = spec.required ? "required" : "optional"
                if ourType != type || ourRequired != required {
                    out.append(
                        "\(name).\(member) is \(type), \(required) in api.json but \(ourType), \(ourRequired) in rules/model.yaml"
                    )
                }
            }
            for spec in mine?.members ?? [] where !spec.common && !names.contains(spec.name) {
                out.append("\(name).\(spec.name) is in rules/model.yaml but no longer in api.json")
            }
        }
        return out
    }
}

// MARK: - The codes against errorcodes.py and the common codes

enum UpstreamCodes {
    /// The codes `errorcodes.py` defines: the string of each `NAME = 'Code'` line.
    static func codes(errorcodesPy: String) -> Set<String> {
        var out: Set<String> = []
        for line in errorcodesPy.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let q = parts[1].first, q == "'" || q == "\"", parts[1].last == q,
                parts[0].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
            else { continue }
            out.insert(String(parts[1].dropFirst().dropLast()))
        }
        return out
    }

    /// Each code (with who uses it) that is neither the service's nor a common one, and not in
    /// tcpglint's own namespace.
    static func unknown(_ used: [(who: String, code: String)], service: Set<String>, common: [String]) -> [String] {
        used.filter { !$0.code.hasPrefix("Tcpglint.") && !service.contains($0.code) && !common.contains($0.code) }
            .map {
                "\($0.who) has the code \($0.code), which is neither in errorcodes.py nor in the model's common-codes"
            }
    }
}
