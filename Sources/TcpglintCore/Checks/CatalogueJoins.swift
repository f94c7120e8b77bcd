// MARK: - Catalogue values joined to the request: `SpecCode@cpu`, `Zone@state`
//
// A rule may target what the snapshot says of a value the request names: the spec's CPU,
// memory, storage range and QPS, or the zone's state, IPv6 support and standby zones. The walk
// notes the scalars with joins below them; once the slots are grouped (the catalogue key is
// then readable), each join becomes a small document of its own, hosted by the scalar: its
// findings are placed at the scalar. Without a snapshot, or where it does not cover the key,
// the joined value is absent.

/// The joins of one evaluation (a class, so that the walk appends to it in place).
final class Joins {
    /// The scalars with joins below them: the scalar, its trie node and its `[*]` indices.
    var pending: [(loc: Loc, trie: Int32, bindings: [Int])] = []
    /// The documents made for joined values (hosted by the scalar, in `hosts`).
    var docs: Set<Int> = []
}

extension Evaluation {
    /// Makes a slot for every join of the pending scalars, present or absent, and groups the
    /// slots again.
    func resolveJoins() {
        let pending = joins.pending
        joins.pending = []
        for (loc, t, bindings) in pending {
            for (name, child) in plan.trie[Int(t)].joined {
                let pattern = plan.trie[Int(child)].pattern
                guard let text = joinedValue(name, of: loc),
                    let doc = linter.embeddedParser.parseJSON(text).document
                else {
                    if let p = pattern {
                        slots.append(Slot(parent: loc, node: nil, key: nil, pattern: p, bindings: bindings))
                    }
                    continue
                }
                docs.append(doc)
                let index = docs.count - 1
                hosts[index] = loc
                joins.docs.insert(index)
                let inner = Loc(doc: index, node: doc.root)
                if let p = pattern {
                    slots.append(Slot(parent: loc, node: inner, key: nil, pattern: p, bindings: bindings))
                }
                if !plan.trie[Int(child)].isLeaf { walk(child, inner, bindings) }
            }
        }
        group()
    }

    /// `{host}`: the request's value a joined value belongs to (the spec code of `SpecCode@cpu`).
    func noteHost(_ loc: Loc, in vars: inout [String: String]) {
        guard joins.docs.contains(loc.doc), let host = hosts[loc.doc] else { return }
        let n = node(host)
        vars["host"] = ValueText.quote(n.value, type: n.type)
    }

    /// The joined value as JSON text (`8`, `"AVAILABLE"`, `["ap-guangzhou-4"]`); nil when there
    /// is no snapshot, the scalar is not text, or the snapshot does not cover it.
    func joinedValue(_ name: String, of loc: Loc) -> String? {
        guard let c = linter.catalogue?.catalogue, let join = CatalogueJoin(rawValue: name) else { return nil }
        let n = node(loc)
        guard n.kind == .scalar, n.type != .null, !isSecretNode(loc) else { return nil }
        let q = query(c)
        if join.ofSpec {
            // The spec of the first zone (the primary zone first) whose classes list it.
            let spec = q.zones.lazy.compactMap { $0.specs?.first { $0.code == n.value } }.first
            guard let spec else { return nil }
            switch join {
            case .cpu: return String(spec.cpu)
            case .memoryMB: return String(spec.memoryMB)
            case .minStorageGB: return String(spec.minStorageGB)
            case .maxStorageGB: return String(spec.maxStorageGB)
            default: return String(spec.qps)
            }
        }
        guard let zone = q.facts(n.value, in: c).info else { return nil }
        switch join {
        // A zone kept from an older snapshot has no state now: REMOVED.
        case .state: return JSON.string(zone.lastSeen == nil ? zone.state : "REMOVED")
        case .ipv6: return zone.ipv6 ? "1" : "0"
        default: return "[" + (zone.standbyZones ?? []).map(JSON.string).joined(separator: ", ") + "]"
        }
    }
}
