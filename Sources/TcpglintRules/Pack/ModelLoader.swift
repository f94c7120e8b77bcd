import TcpglintCore

// MARK: - The `model` section

/// Decodes the `model:` section of a rule file into an `APIModel`.
///
/// ```yaml
/// model:
///   service: postgres
///   version: "2017-03-12"
///   action: CreateInstances
///   parameters:
///     Storage: {type: Integer, member: uint64, required: true, doc: "…"}
///     DBNodeSet: {type: Array, items: DBNode}
///     DBEngineConfig: {type: String, embedded: EngineConfig}
///   structures:
///     DBNode:
///       Role: {type: String, required: true}
///   common-codes:
///     source: COMMON
///     codes: [MissingParameter, UnknownParameter]
///   catalogue-key:                 # the parameters a catalogue lookup is keyed by
///     region: Region
///     zones: [Zone, "DBNodeSet[*].Zone"]
///     engine: DBEngine
///     major: DBMajorVersion
///     storage-type: StorageType
///     spec: SpecCode
/// ```
enum ModelLoader {
    static let modelKeys = [
        "service", "version", "action", "request", "parameters", "structures", "code-namespaces", "common-codes",
        "catalogue-key",
    ]
    static let catalogueKeyKeys = ["region", "zones", "engine", "major", "storage-type", "spec", "version", "kernel"]
    static let commonCodesKeys = ["source", "codes"]
    static let paramKeys = ["type", "member", "items", "required", "secret", "common", "doc", "embedded", "default"]

    /// The model, and the `common-codes:` `source` value, whose reference the pack checks once
    /// every file's `references:` is read.
    static func load(_ v: Value) -> (model: APIModel, commonCodesSource: Value?)? {
        guard let o = v.object("model", allowed: modelKeys) else { return nil }
        let namespaces = o["code-namespaces"]?.strings("code-namespaces") ?? []
        let common = o["common-codes"]?.object("common-codes", allowed: commonCodesKeys)
        let commonCodes = common?.require("codes")?.strings("common-codes codes") ?? []
        let commonSource = common?.require("source")
        let service = o.require("service")?.string("service") ?? ""
        let version = o.require("version")?.string("version") ?? ""
        let action = o.require("action")?.string("action") ?? ""
        let requestName = o["request"]?.string("request") ?? "\(action)Request"

        // Structures first (by name), so parameters can refer to them in any order.
        var structures = ModelStructures(o["structures"])
        guard let params = structures.parameters(o.require("parameters")) else { return nil }
        // Structures never referenced are still checked.
        structures.buildAll()
        let request = ParamSpec(name: requestName, type: .structure(StructSpec(name: requestName, members: params)))
        let bare = APIModel(service: service, version: version, action: action, request: request)
        let model = APIModel(
            service: service, version: version, action: action, request: request, codeNamespaces: namespaces,
            commonCodes: commonCodes, commonCodesSource: commonSource?.string("common-codes source"),
            catalogueKey: o["catalogue-key"].flatMap { catalogueKey($0, in: bare) })
        return (model, commonSource)
    }

    /// The `catalogue-key:` mapping: each role a parameter path of the model.
    static func catalogueKey(_ v: Value, in model: APIModel) -> CatalogueKeyParams? {
        guard let o = v.object("catalogue-key", allowed: catalogueKeyKeys) else { return nil }
        func path(_ site: Value?, _ what: String) -> [PatternComponent]? {
            guard let site, let text = site.string(what) else { return nil }
            guard let p = PatternComponent.parse(path: text), model.spec(at: p) != nil else {
                site.error("catalogue-key \(what): \"\(text)\" is not a parameter of the model")
                return nil
            }
            return p
        }
        let zoneSites = o.require("zones")?.list("catalogue-key zones") ?? []
        let zones = zoneSites.compactMap { path($0, "zones") }
        guard let region = path(o.require("region"), "region"), let engine = path(o.require("engine"), "engine"),
            let major = path(o.require("major"), "major"),
            let storage = path(o.require("storage-type"), "storage-type"), let spec = path(o.require("spec"), "spec"),
            !zones.isEmpty, zones.count == zoneSites.count
        else { return nil }
        // The minor and kernel versions are optional roles: without them the version facts are silent.
        let version = o["version"].flatMap { path($0, "version") }
        let kernel = o["kernel"].flatMap { path($0, "kernel") }
        if (o["version"] != nil && version == nil) || (o["kernel"] != nil && kernel == nil) { return nil }
        return CatalogueKeyParams(
            region: region, zones: zones, engine: engine, major: major, storageType: storage, spec: spec,
            version: version, kernel: kernel,
            defaultEngine: model.spec(at: engine)?.defaultValue,
            defaultStorageType: model.spec(at: storage)?.defaultValue)
    }
}

/// The `structures:` of a model, each built the first time a parameter (or another structure)
/// names it, and the parameters that refer to them.
struct ModelStructures {
    /// The structures as written, in file order.
    private let definitions: [(name: String, value: Value)]
    private var built: [String: StructSpec] = [:]
    /// The structures being built, to report one that contains itself.
    private var building: Set<String> = []

    init(_ section: Value?) {
        var definitions: [(name: String, value: Value)] = []
        if let s = section,
            let so = s.object("structures", allowed: s.doc.entries(of: s.id).map { s.doc[$0.key].value })
        {
            for (k, val) in so.entries { definitions.append((k.node.value, val)) }
        }
        self.definitions = definitions
    }

    /// The `parameters:` mapping: its parameters, or nil when it is not a mapping (none when
    /// it is missing, which `require` has reported).
    mutating func parameters(_ section: Value?) -> [ParamSpec]? {
        guard let p = section else { return [] }
        guard p.isMapping else {
            p.error("parameters must be a mapping of names to definitions")
            return nil
        }
        var params: [ParamSpec] = []
        for (k, val) in p.doc.entries(of: p.id) {
            if let spec = param(p.doc[k].value, Value(doc: p.doc, id: val, diags: p.diags)) { params.append(spec) }
        }
        return params
    }

    /// Builds every structure, so that faults in one no parameter names are reported too.
    mutating func buildAll() {
        for def in definitions { _ = structure(def.name, at: def.value) }
    }

    /// The structure `name`, built on first use; `site` is where it is named, for errors.
    mutating func structure(_ name: String, at site: Value) -> StructSpec? {
        if let s = built[name] { return s }
        guard let def = definitions.first(where: { $0.name == name }) else {
            let hint =
                Suggest.closest(to: name, in: definitions.map { $0.name }).map { "; did you mean \"\($0)\"?" } ?? ""
            site.error("unknown structure \"\(name)\"\(hint)")
            return nil
        }
        guard !building.contains(name) else {
            site.error("structure \"\(name)\" contains itself")
            return nil
        }
        building.insert(name)
        defer { building.remove(name) }
        guard def.value.isMapping else {
            def.value.error("structure \(name) must be a mapping of members")
            return nil
        }
        var members: [ParamSpec] = []
        for (k, val) in def.value.doc.entries(of: def.value.id) {
            let key = def.value.doc[k].value
            if let p = param(key, Value(doc: def.value.doc, id: val, diags: def.value.diags)) { members.append(p) }
        }
        let s = StructSpec(name: name, members: members)
        built[name] = s
        return s
    }

    /// One parameter or structure member: `{type: …, required: …, …}`.
    mutating func param(_ name: String, _ v: Value) -> ParamSpec? {
        guard let po = v.object("parameter \(name)", allowed: ModelLoader.paramKeys) else { return nil }
        guard let typeValue = po.require("type"), let typeName = typeValue.string("type") else { return nil }
        guard let type = paramType(typeName, at: typeValue, of: po) else { return nil }
        var embedded: StructSpec?
        if let e = po["embedded"], let en = e.string("embedded") {
            guard case .string = type else {
                e.error("only a String parameter can hold an embedded document")
                return nil
            }
            embedded = structure(en, at: e)
        }
        return ParamSpec(
            name: name, type: type,
            required: po["required"]?.bool("required") ?? false,
            secret: po["secret"]?.bool("secret") ?? false,
            common: po["common"]?.bool("common") ?? false,
            doc: po["doc"]?.string("doc") ?? "",
            embedded: embedded, defaultValue: po["default"]?.string("default"))
    }

    /// The type named by a parameter's `type:` (at `site`), with its `member:` or `items:`.
    mutating func paramType(_ typeName: String, at site: Value, of po: Object) -> ParamType? {
        switch typeName {
        case "String": return .string
        case "Boolean": return .boolean
        case "Integer":
            let member = po["member"]?.string("member") ?? "int64"
            guard let w = IntegerWidth(rawValue: member) else {
                po["member"]?.error("member must be int64 or uint64, not \"\(member)\"")
                return nil
            }
            return .integer(w)
        case "Array":
            guard let itemsValue = po.require("items"), let itemName = itemsValue.string("items") else { return nil }
            let item: ParamSpec
            switch itemName {
            case "String": item = ParamSpec(name: itemName, type: .string)
            case "Integer": item = ParamSpec(name: itemName, type: .integer(.int64))
            case "Boolean": item = ParamSpec(name: itemName, type: .boolean)
            default:
                guard let s = structure(itemName, at: itemsValue) else { return nil }
                item = ParamSpec(name: itemName, type: .structure(s))
            }
            return .array(item)
        default:
            guard let s = structure(typeName, at: site) else { return nil }
            return .structure(s)
        }
    }
}
