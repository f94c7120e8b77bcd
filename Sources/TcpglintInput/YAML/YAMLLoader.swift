import CYAML
import TcpglintCore

// MARK: - YAML through libyaml's event API

/// Loads a YAML stream with libyaml's event parser and the YAML 1.2 core schema.
///
/// - Each document of a stream is one request (`Document.index` counts from 1).
/// - Anchors and aliases are resolved by sharing the anchored subtree; the expanded size is
///   bounded by `InputLimits.maxAliasExpansion` ("billion laughs").
/// - Merge keys (`<<`) are resolved; keys written in the mapping win over merged ones.
/// - Duplicate keys, and plain scalars that a YAML 1.1 loader would read as another type or
///   value (`no`, `on`, `012`, `1_000`), are reported as problems; parsing goes on.
/// - Tags are kept as data and never acted on; the standard `!!str`, `!!int`, `!!float`,
///   `!!bool` and `!!null` tags set the type.
public enum YAMLLoader {
    public static func load(_ source: SourceFile, limits: InputLimits = .default) -> LoadedFile {
        var state = LoaderState(source: source, limits: limits)
        source.bytes.withUnsafeBufferPointer { buf in
            state.run(buf)
        }
        // Empty documents are dropped, so the count is that of the last document that holds
        // something (a request or a problem); later documents keep their place in the stream.
        let count = max(state.documents.last?.index ?? 0, state.problems.map(\.document).max() ?? 0)
        return LoadedFile(source: source, documents: state.documents, problems: state.problems, documentCount: count)
    }

    /// Loads a stream document by document: each one is handed to `body` as soon as it ends,
    /// with the problems found so far, and then dropped, so memory holds one document whatever
    /// the length of the stream. Returns the problems found after the last document and the
    /// number of documents (as `load` counts them).
    public static func stream(
        _ source: SourceFile, limits: InputLimits = .default, _ body: (Document, [InputProblem]) -> Void
    ) -> (problems: [InputProblem], documentCount: Int) {
        var state = LoaderState(source: source, limits: limits)
        var last = 0
        var maxProblem = 0
        withoutActuallyEscaping(body) { body in
            state.sink = { doc, problems in
                last = doc.index
                for p in problems { maxProblem = max(maxProblem, p.document) }
                body(doc, problems)
            }
            source.bytes.withUnsafeBufferPointer { buf in
                state.run(buf)
            }
            state.sink = nil
        }
        let count = max(last, max(maxProblem, state.problems.map(\.document).max() ?? 0))
        return (state.problems, count)
    }
}

private struct OpenCollection {
    var kind: NodeKind
    var anchor: String?
    /// For mappings: true when the next scalar is a key.
    var expectKey = true
    var items = 0
    var key: String?
    var component: PathComponent?
    /// Explicit keys seen, with the key node's position: a list while the mapping is small (no
    /// hashing; most mappings have a few keys), a dictionary from `KeysSeen.listLimit` keys on.
    var seen = KeysSeen()
    var hasMerge = false
}

struct KeysSeen {
    static let listLimit = 16
    private var list: [(key: String, position: SourcePosition)] = []
    private var table: [String: SourcePosition] = [:]

    /// The position of `key` if it was seen before; else records it at `position`.
    mutating func first(_ key: String, at position: SourcePosition) -> SourcePosition? {
        if table.isEmpty {
            for entry in list where entry.key == key { return entry.position }
            list.append((key, position))
            if list.count >= KeysSeen.listLimit {
                for entry in list { table[entry.key] = entry.position }
                list = []
            }
            return nil
        }
        if let first = table[key] { return first }
        table[key] = position
        return nil
    }
}

private struct LoaderState {
    let source: SourceFile
    let limits: InputLimits
    var offsets: CharOffsets
    var documents: [Document] = []
    var problems: [InputProblem] = []
    var documentCount = 0
    /// When set, each document goes here as it ends (with the problems so far) instead of
    /// into `documents`.
    var sink: ((Document, [InputProblem]) -> Void)?

    var builder: DocumentBuilder?
    var stack: [OpenCollection] = []
    var anchors: [String: NodeID] = [:]
    var expanded = 0
    var root: NodeID?
    var aborted = false
    /// The byte offset where the current document starts.
    var documentStart = 0

    init(source: SourceFile, limits: InputLimits) {
        self.source = source
        self.limits = limits
        self.offsets = CharOffsets(source.bytes)
    }

    mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(
            line: Int(mark.line) + 1, column: Int(mark.column) + 1,
            offset: offsets.byteOffset(ofChar: Int(mark.index)))
    }

    mutating func run(_ buf: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                syntaxError(&parser)
                return
            }
            defer { yaml_event_delete(&event) }
            let type = event.type
            if type == YAML_STREAM_END_EVENT { return }
            if aborted {
                // Skip to the next document after a fatal problem in this one.
                if type == YAML_DOCUMENT_END_EVENT {
                    aborted = false
                    builder = nil
                }
                continue
            }
            if builder != nil,
                offsets.byteOffset(ofChar: Int(event.end_mark.index)) - documentStart > limits.maxRequestBytes
            {
                // In bytes, as the API measures a body (libyaml's marks count characters).
                let start = position(event.start_mark)
                problems.append(
                    InputProblem(
                        .requestTooLarge, document: documentCount, range: SourceRange(at: start),
                        message:
                            "the document is over \(limits.maxRequestBytes) bytes, the API's limit for a request; it was not checked further (raise --max-request-bytes to check it anyway)"
                    ))
                abandonDocument()
                continue
            }
            handle(&event)
            if documentCount > limits.maxDocuments {
                problems.append(
                    InputProblem(
                        .limitExceeded, document: documentCount, range: SourceRange(at: position(event.start_mark)),
                        message:
                            "the stream holds more than \(limits.maxDocuments) documents; raise it with --max-documents"
                    ))
                documentCount -= 1
                documents.removeLast(max(0, documents.count - limits.maxDocuments))
                return
            }
        }
    }

    mutating func syntaxError(_ parser: inout yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        var message = problem
        if let context { message = "\(problem) \(context)" }
        var pos = position(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a mark.
            pos = source.advance(.start, to: Int(parser.problem_offset))
            if parser.problem_value >= 0, parser.problem_value < 0x20 || parser.problem_value == 0x7F {
                // Not named: libyaml decodes ahead of its parse, so where the character is does
                // not say whose value holds it, and it may be a password's.
                message = "a control character is not allowed in YAML; escape it in a double-quoted string"
            }
        }
        if builder == nil { documentCount += 1 } // the fault is in a document not started yet
        problems.append(
            // One character, not a word: libyaml does not say whose value holds the fault, and
            // the length of a word inside a password would tell something of it.
            InputProblem(
                .syntaxError, document: max(1, documentCount), range: source.characterSpan(at: pos), message: message))
        builder = nil
    }

    /// Builds on the current document from one event: each kind of event has its method below.
    mutating func handle(_ event: inout yaml_event_t) {
        let start = position(event.start_mark)
        let end = position(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT: documentStart(&event)
        case YAML_DOCUMENT_END_EVENT: documentEnd()
        case YAML_SCALAR_EVENT: scalar(&event, start: start, end: end)
        case YAML_SEQUENCE_START_EVENT: collectionStart(&event, isMapping: false, start: start)
        case YAML_MAPPING_START_EVENT: collectionStart(&event, isMapping: true, start: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: collectionEnd(end: end)
        case YAML_ALIAS_EVENT: alias(&event, start: start)
        default: break
        }
    }

    @inline(__always)
    mutating func documentStart(_ event: inout yaml_event_t) {
        documentCount += 1
        documentStart = offsets.byteOffset(ofChar: Int(event.start_mark.index))
        builder = DocumentBuilder(source: source, format: .yaml, index: documentCount)
        stack = []
        anchors = [:]
        expanded = 0
        root = nil
    }

    /// Keeps the document just ended (or hands it to `sink`) unless it is empty.
    @inline(__always)
    mutating func documentEnd() {
        if var b = builder, let root {
            let r = b.node(root)
            // An empty document (a bare `---`, or a trailing one) holds no request.
            if !(r.kind == .scalar && r.type == .null && r.value.isEmpty && r.tag == nil) {
                if let sink {
                    let drained = problems
                    problems = []
                    sink(b.finish(root: root), drained)
                } else {
                    documents.append(b.finish(root: root))
                }
            }
        }
        builder = nil
    }

    /// A scalar: its type by the core schema, with problems for a tag that does not fit and for
    /// a plain value that a YAML 1.1 loader reads otherwise.
    @inline(__always)
    mutating func scalar(_ event: inout yaml_event_t, start: SourcePosition, end: SourcePosition) {
        let s = event.data.scalar
        let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
        if s.length > limits.maxScalarBytes {
            fatal(
                .limitExceeded, at: start,
                "a scalar longer than \(limits.maxScalarBytes) bytes; raise it with --max-scalar-bytes")
            return
        }
        let tag = s.tag.map { String(cString: $0) }
        let anchor = s.anchor.map { String(cString: $0) }
        let style: NodeStyle
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let type = YAMLTypes.resolve(value, style: style, tag: tag)
        if let tag, let expected = YAMLTypes.standardType(tag), expected != type, expected != .string {
            problems.append(
                InputProblem(
                    .syntaxError, document: documentCount, range: SourceRange(start: start, end: end),
                    path: childPath(),
                    message:
                        "\(ValueText.quote(value)) is not \(expected.noun), but it is tagged \(YAMLTypes.shortTag(tag)); it is read as a string",
                    redactedMessage:
                        "the value is not \(expected.noun), but it is tagged \(YAMLTypes.shortTag(tag)); it is read as a string"
                ))
        }
        let isKey = expectsKey
        if !isKey, style == .plain, tag == nil, let note = YAMLTypes.yaml11Difference(value, type: type) {
            problems.append(
                InputProblem(
                    .yaml11, document: documentCount, range: SourceRange(start: start, end: end), path: childPath(),
                    message:
                        "YAML 1.2 reads \(value) as \(note.yaml12), YAML 1.1 as \(note.yaml11); \(type == .string ? "quote it" : "quote it if you mean a string, or write the number so that both read it alike")",
                    redactedMessage: "a YAML 1.1 loader reads this value as \(note.yaml11Type); quote it"))
        }
        addNode(anchor: anchor, isKey: isKey, keyText: value, keyPosition: start) { b in
            b.scalar(value, type: type, style: style, range: SourceRange(start: start, end: end), tag: tag)
        }
    }

    /// The start of a sequence or a mapping: checks the depth limit and that it is not a key.
    @inline(__always)
    mutating func collectionStart(_ event: inout yaml_event_t, isMapping: Bool, start: SourcePosition) {
        let tagPtr = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
        let anchorPtr = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
        let flow =
            isMapping
            ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
        if stack.count >= limits.maxDepth {
            fatal(.limitExceeded, at: start, limits.depthMessage)
            return
        }
        if expectsKey {
            fatal(.syntaxError, at: start, "a mapping key must be a scalar; requests have only named parameters")
            return
        }
        let component = stack.last.map { childComponent($0) }
        builder!.begin(
            isMapping ? .mapping : .sequence, style: flow ? .flow : .block, start: start,
            tag: tagPtr.map { String(cString: $0) })
        stack.append(
            OpenCollection(
                kind: isMapping ? .mapping : .sequence,
                anchor: anchorPtr.map { String(cString: $0) }, component: component))
    }

    /// The end of a sequence or a mapping, with a mapping's merge keys applied.
    @inline(__always)
    mutating func collectionEnd(end: SourcePosition) {
        let open = stack.removeLast()
        if open.kind == .mapping, open.hasMerge, !applyMerges() { return }
        let id = builder!.end(at: end)
        countNode()
        if let a = open.anchor {
            anchors[a] = id
            builder!.pin(from: id)
        }
        finishChild(id)
    }

    /// An alias: the anchored node is shared, counted towards the alias-expansion limit.
    @inline(__always)
    mutating func alias(_ event: inout yaml_event_t, start: SourcePosition) {
        let name = String(cString: event.data.alias.anchor)
        guard let target = anchors[name] else {
            // An unquoted value that starts with '*' (a password, say) reads as an alias:
            // the name is shown only where the value is not secret.
            problems.append(
                InputProblem(
                    .syntaxError, document: max(1, documentCount), range: source.span(at: start), path: childPath(),
                    message:
                        "alias *\(name) refers to no anchor defined before it; quote the value if it is not an alias",
                    redactedMessage: "this value reads as an alias that refers to no anchor; quote it"))
            abandonDocument()
            return
        }
        let isKey = expectsKey
        let targetNode = builder!.node(target)
        if isKey, targetNode.kind != .scalar {
            fatal(.syntaxError, at: start, "a mapping key must be a scalar; requests have only named parameters")
            return
        }
        expanded += builder!.expandedSize[Int(target.index)]
        if expanded > limits.maxAliasExpansion {
            fatal(
                .limitExceeded, at: start,
                "aliases expand to more than \(limits.maxAliasExpansion) nodes; raise it with --max-alias-expansion")
            return
        }
        if stack.isEmpty {
            root = target
        } else {
            if isKey { noteKey(targetNode.value, at: start) }
            builder!.reuse(target)
            advance()
        }
    }

    /// Whether the next node is a key of the open mapping.
    @inline(__always)
    var expectsKey: Bool {
        stack.last.map { $0.kind == .mapping && $0.expectKey } ?? false
    }

    /// The parameter path of the next node (for problems only: it is built when one is reported).
    func childPath() -> ParamPath {
        ParamPath(stack.compactMap { $0.component } + (stack.last.map { [childComponent($0)] } ?? []))
    }

    func childComponent(_ open: OpenCollection) -> PathComponent {
        open.kind == .sequence ? .index(open.items) : .key(open.key ?? "")
    }

    mutating func addNode(
        anchor: String?, isKey: Bool, keyText: String, keyPosition: SourcePosition,
        _ make: (inout DocumentBuilder) -> NodeID
    ) {
        guard builder != nil else { return }
        let id = make(&builder!)
        countNode()
        if let anchor {
            anchors[anchor] = id
            builder!.pin(from: id)
        }
        if stack.isEmpty {
            root = id
            return
        }
        if isKey { noteKey(keyText, at: keyPosition) }
        advance()
    }

    mutating func finishChild(_ id: NodeID) {
        if stack.isEmpty { root = id } else { advance() }
    }

    /// Counts a node made, towards the alias-expansion limit.
    mutating func countNode() {
        expanded += 1
    }

    /// Records a key of the open mapping, reporting a repeated one.
    mutating func noteKey(_ key: String, at position: SourcePosition) {
        // In place: a copy of the top entry would copy its `seen` keys at every key.
        let top = stack.count - 1
        stack[top].key = key
        if key == "<<" {
            stack[top].hasMerge = true
        } else if let first = stack[top].seen.first(key, at: position) {
            let path = ParamPath(stack.compactMap { $0.component } + [.key(key)])
            problems.append(
                InputProblem(
                    .duplicateKey, document: documentCount,
                    range: SourceRange(
                        start: position, end: source.advance(position, to: position.offset + key.utf8.count)),
                    path: path,
                    message:
                        "duplicate key \(ValueText.quote(key)); the first is at line \(first.line), column \(first.column)"
                ))
        }
    }

    /// Moves the open collection past one child.
    mutating func advance() {
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].kind == .mapping {
            stack[stack.count - 1].expectKey.toggle()
        } else {
            stack[stack.count - 1].items += 1
        }
    }

    /// Replaces `<<` entries of the mapping being closed by the entries they merge in.
    mutating func applyMerges() -> Bool {
        guard let b = builder else { return false }
        let kids = b.openChildren
        var explicit: [(NodeID, NodeID)] = []
        var sources: [NodeID] = []
        var i = 0
        while i + 1 < kids.count {
            let k = b.node(kids[i])
            if k.kind == .scalar, k.style == .plain, k.value == "<<" {
                let v = b.node(kids[i + 1])
                if v.kind == .mapping {
                    sources.append(kids[i + 1])
                } else if v.kind == .sequence, b.items(of: kids[i + 1]).allSatisfy({ b.node($0).kind == .mapping }) {
                    sources += b.items(of: kids[i + 1])
                } else {
                    fatal(.syntaxError, at: v.range.start, "a merge key (<<) takes a mapping or a list of mappings")
                    return false
                }
            } else {
                explicit.append((kids[i], kids[i + 1]))
            }
            i += 2
        }
        var present = Set(explicit.map { b.node($0.0).value })
        var merged: [NodeID] = []
        for (k, v) in explicit { merged += [k, v] }
        for s in sources {
            for (k, v) in b.entries(of: s) where !present.contains(b.node(k).value) {
                present.insert(b.node(k).value)
                merged += [k, v]
            }
        }
        builder!.setOpenChildren(merged)
        return true
    }

    /// Stops building the current document after a problem that leaves no usable tree.
    mutating func fatal(_ diagnostic: Diagnostic, at position: SourcePosition, _ message: String) {
        problems.append(
            InputProblem(
                diagnostic, document: max(1, documentCount), range: source.characterSpan(at: position),
                message: message))
        abandonDocument()
    }

    mutating func abandonDocument() {
        builder = nil
        stack = []
        aborted = true
    }
}
