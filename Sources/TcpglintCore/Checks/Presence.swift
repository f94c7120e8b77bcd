// MARK: - The presence checks: required, unknown, absent

extension Evaluation {
    /// At an absent slot (the only ones a `required` rule is run at): the finding is at the
    /// start of the parent object.
    @inline(__always)
    func requiredHits(target: Target, slot: Slot) -> [Hit] {
        guard slot.node == nil, let parent = slot.parent else { return [] }
        return [
            Hit(loc: parent, innerRange: nil, atStart: true, path: path(slot), vars: ["expected": target.spec.typeName])
        ]
    }

    @inline(__always)
    func absentHits(slot: Slot) -> [Hit] {
        guard let loc = slot.node else { return [] }
        return [Hit(loc: slot.key ?? loc, innerRange: nil, path: path(slot), vars: valueVars(loc, slot.pattern))]
    }

    /// Every key of the object that its model structure lacks, with "did you mean".
    func unknownHits(slot: Slot, spec: ParamSpec) -> [Hit] {
        guard let loc = slot.node, node(loc).kind == .mapping, let s = spec.structure else { return [] }
        var hits: [Hit] = []
        let d = docs[loc.doc]
        let entries = d.entries(of: loc.node)
        for (key, _) in entries {
            let k = d[key]
            guard s.member(k.value) == nil else { continue }
            if isSecretNode(Loc(doc: loc.doc, node: key)) {
                // A secret's value used as a key (through an alias): neither name nor path shows it.
                hits.append(
                    Hit(
                        loc: Loc(doc: loc.doc, node: key), innerRange: nil, path: path(slot),
                        vars: ["name": ValueText.redacted, "hint": "", "expected": s.name]))
                continue
            }
            // A common parameter (Region, Version) is suggested only for a case-only difference:
            // `EngineVersion` means DBVersion, not the API's Version.
            let lower = k.value.lowercased()
            let names = s.members.filter { !$0.common || $0.name.lowercased() == lower }.map(\.name)
            let closest = Suggest.closest(to: k.value, in: names, sharedAffix: true)
            let keyLoc = Loc(doc: loc.doc, node: key)
            hits.append(
                Hit(
                    loc: keyLoc, innerRange: nil, path: path(slot).appending(.key(k.value)),
                    vars: [
                        "name": ValueText.quote(k.value), "hint": closest.map { "; did you mean \"\($0)\"?" } ?? "",
                        "expected": s.name,
                    ],
                    fix: closest.flatMap { keyFix(keyLoc, to: $0, siblings: entries.map { d[$0.key].value }) }))
        }
        return hits
    }
}
