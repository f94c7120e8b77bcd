import TcpglintCore

// MARK: - References: the documents rules cite, and where to open them

extension RulePackLoader {
    /// The keys a reference written as a mapping may have.
    static let referenceKeys = ["title", "url", "pypi", "file"]
    /// What the error messages offer as examples.
    static let exampleURL = "https://www.tencentcloud.com/document/product/409/40583"
    static let exampleRelease = "tccli==3.1.155.1"
    static let exampleFile = "tccli/services/postgres/v20170312/api.json"

    /// Reads a file's `references:`. In a pack every reference says where a reader can open it
    /// (`url`, or `pypi` and `file`); a policy's may be a title alone.
    static func readReferences(_ o: Object, into references: inout [String: SourceReference], inPack: Bool) {
        guard let r = o["references"],
            let ro = r.object("references", allowed: r.doc.entries(of: r.id).map { r.doc[$0.key].value })
        else { return }
        for (k, val) in ro.entries {
            let key = k.node.value
            if references[key] != nil { k.error("reference \(key) is defined twice") }
            references[key] = readReference(key, val, inPack: inPack)
        }
    }

    /// Reports `ref`, written at `site`, when it names no reference of `references`.
    static func checkReference(_ ref: String, at site: Value, in references: [String: SourceReference]) {
        guard !ref.isEmpty, references[ref] == nil else { return }
        let hint = Suggest.closest(to: ref, in: Array(references.keys)).map { "; did you mean \"\($0)\"?" } ?? ""
        site.error("unknown reference \"\(ref)\"\(hint); define it under references")
    }

    static func readReference(_ key: String, _ val: Value, inPack: Bool) -> SourceReference {
        guard val.isMapping else {
            guard val.kind == .scalar, val.type != .null else {
                let example = "{title: \"…\", url: https://…}"
                val.error("reference \(key) must be a mapping such as \(example), not \(val.kindName)")
                return SourceReference(key: key, title: "")
            }
            if inPack {
                val.error(
                    "reference \(key) needs a url, or a pypi release and a file, where a reader can open it: "
                        + "write {title: \"…\", url: https://…}")
            }
            return SourceReference(key: key, title: val.text)
        }
        guard let ro = val.object("reference \(key)", allowed: referenceKeys) else {
            return SourceReference(key: key, title: "")
        }
        let title = ro.require("title")?.string("title") ?? ""
        return SourceReference(key: key, title: title, location: readLocation(key, ro, inPack: inPack))
    }

    /// A reference's `url`, or its `pypi` release and `file`; each checked for its form.
    static func readLocation(_ key: String, _ ro: Object, inPack: Bool) -> SourceReference.Location? {
        let (url, pypi, file) = (ro["url"], ro["pypi"], ro["file"])
        if let url {
            if pypi != nil || file != nil {
                ro.value.error("reference \(key) has both a url and a pypi file; give one of them")
                return nil
            }
            guard let text = url.string("url") else { return nil }
            guard isWebAddress(text) else {
                url.error("url \"\(text)\" is not an http:// or https:// address, such as \(exampleURL)")
                return nil
            }
            return .url(text)
        }
        guard pypi != nil || file != nil else {
            if inPack {
                ro.value.error("reference \(key) needs a url, or a pypi release and a file, where a reader can open it")
            }
            return nil
        }
        guard let pypi, let file else {
            if pypi == nil {
                ro.value.error(
                    "reference \(key) has a file but no pypi release; add one, such as pypi: \(exampleRelease)")
            } else {
                ro.value.error("reference \(key) has a pypi release but no file; add one, such as file: \(exampleFile)")
            }
            return nil
        }
        guard let release = pypi.string("pypi"), let path = file.string("file") else { return nil }
        var valid = true
        if !isRelease(release) {
            pypi.error("pypi \"\(release)\" is not a package name and version, such as \(exampleRelease)")
            valid = false
        }
        if !isPathInPackage(path) {
            file.error("file \"\(path)\" is not a relative path inside the package, such as \(exampleFile)")
            valid = false
        }
        return valid ? .pypi(package: release, file: path) : nil
    }

    /// `http://` or `https://`, a host, and no space or control character.
    static func isWebAddress(_ s: String) -> Bool {
        let rest: Substring
        if s.hasPrefix("https://") {
            rest = s.dropFirst(8)
        } else if s.hasPrefix("http://") {
            rest = s.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/" else { return false }
        return s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }

    /// `name==version`, as pip writes a pinned release: letters, digits and `._-` in the name
    /// (starting and ending with a letter or digit), and a version that starts with a digit.
    static func isRelease(_ s: String) -> Bool {
        let parts = s.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty else { return false }
        let (name, version) = (parts[0], parts[2])
        func alnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        guard let f = name.first, let l = name.last, alnum(f), alnum(l),
            name.allSatisfy({ alnum($0) || "._-".contains($0) })
        else { return false }
        guard let v = version.first, v.isASCII, v.isNumber else { return false }
        return version.allSatisfy { alnum($0) || ".+!_-".contains($0) }
    }

    /// A relative path of non-empty parts, none of them `.` or `..`, with no space or backslash.
    static func isPathInPackage(_ s: String) -> Bool {
        guard !s.isEmpty, !s.hasPrefix("/"), !s.contains("\\") else { return false }
        guard s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return false }
        return s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}
