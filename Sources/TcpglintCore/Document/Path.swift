/// One step of a parameter path.
public enum PathComponent: Hashable, Sendable {
    /// A key of a mapping.
    case key(String)
    /// A 0-based index into a sequence.
    case index(Int)
    /// Into the JSON document held by a string parameter (`DBEngineConfig::defaultLocale`).
    case embedded
    /// A value the catalogue joins to the parameter's (`SpecCode@cpu`).
    case joined(String)
}

/// The parameter path of a node as the API names it: `DBNodeSet[1].Zone`, with 0-based indices
/// (as in the form-encoded `DBNodeSet.1.Zone`), and `::` for a step into an embedded JSON document.
public struct ParamPath: Hashable, Sendable, CustomStringConvertible {
    public var components: [PathComponent]

    public init(_ components: [PathComponent] = []) { self.components = components }

    public static let root = ParamPath()

    public func appending(_ c: PathComponent) -> ParamPath {
        var p = self
        p.components.append(c)
        return p
    }

    /// The last key of the path, or an empty string.
    public var lastKey: String {
        for c in components.reversed() { if case .key(let k) = c { return k } }
        return ""
    }

    public var description: String {
        var out = ""
        for c in components {
            switch c {
            case .key(let k):
                if !out.isEmpty && !out.hasSuffix("::") { out += "." }
                out += k
            case .index(let i):
                out += "[\(i)]"
            case .embedded:
                out += "::"
            case .joined(let a):
                out += "@" + a
            }
        }
        return out.isEmpty ? "$" : out
    }
}
