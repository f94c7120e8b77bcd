import TcpglintCore
import TcpglintInput

#if canImport(Glibc)
    import Glibc
#endif

extension CatalogueFile {
    // MARK: Reading lazily

    /// The zones, versions and classes entries are one per line, as `render` writes them: their
    /// keys are read from each line's start, and their lists when first asked for. A file not
    /// laid out that way is decoded whole, which reports its faults at their places.
    public static func open(name: String, bytes: [UInt8], limits: InputLimits = .default) -> Result<
        Loaded, RuleFileErrors
    > {
        var lines: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            while start < b.count {
                let found = memchr(base + start, 0x0A, b.count - start)
                let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? b.count
                lines.append(start..<end)
                start = end + 1
            }
        }
        func text(_ i: Int) -> String { String(decoding: bytes[lines[i]], as: UTF8.self) }
        let needle = Array("\"zones\": [".utf8)
        guard let zonesLine = lines.indices.first(where: { bytes[lines[$0]].starts(with: needle) })
        else { return decode(name: name, bytes: bytes, limits: limits) }
        // The header and regions, decoded now with their positions.
        let head =
            Array(bytes[..<lines[zonesLine].lowerBound])
            + Array("\"zones\": [], \"versions\": [], \"classes\": []}".utf8)
        guard case .success(let top) = decode(name: name, bytes: head, limits: limits, verify: false) else {
            return decode(name: name, bytes: bytes, limits: limits)
        }
        var sections: [String: [Range<Int>]] = [:]
        var i = zonesLine
        for section in ["zones", "versions", "classes"] {
            guard i < lines.count else { return decode(name: name, bytes: bytes, limits: limits) }
            let header = text(i)
            i += 1
            if header == "\"\(section)\": []," || header == "\"\(section)\": []}" {
                sections[section] = []
                continue
            }
            guard header == "\"\(section)\": [" else { return decode(name: name, bytes: bytes, limits: limits) }
            var entries: [Range<Int>] = []
            while i < lines.count {
                let line = lines[i]
                i += 1
                let t = bytes[line]
                let last = t.suffix(3).elementsEqual("}],".utf8) || t.suffix(3).elementsEqual("}]}".utf8)
                guard last || t.last == UInt8(ascii: ",") else {
                    return decode(name: name, bytes: bytes, limits: limits)
                }
                let entry = line.lowerBound..<(line.upperBound - (last ? 2 : 1))
                entries.append(entry)
                if last { break }
            }
            sections[section] = entries
        }
        let diags = Diagnostics()
        let loaded = InputReader.load(name: name, bytes: head, format: .json, limits: limits)
        if let doc = loaded.documents.first { verifyChecksum(doc, bytes, diags) }
        if !diags.errors.isEmpty { return .failure(RuleFileErrors(diags.errors)) }
        return lazyCatalogue(top, name: name, bytes: bytes, sections: sections)
            .map { .success($0) } ?? decode(name: name, bytes: bytes, limits: limits)
    }

    /// The catalogue over the indexed lines; nil when two lines have one key, or a line does not
    /// start as `render` writes it.
    static func lazyCatalogue(
        _ top: Loaded, name: String, bytes: [UInt8], sections: [String: [Range<Int>]]
    ) -> Loaded? {
        let regionFields = { (list: String) in ["region", "storage-type", list] }
        let classFields = ["zone", "engine", "major", "storage-type", "classes"]
        guard let zones = LineIndex(bytes, sections["zones"] ?? [], fields: regionFields("zones")),
            let versions = LineIndex(bytes, sections["versions"] ?? [], fields: regionFields("versions")),
            let classes = LineIndex(bytes, sections["classes"] ?? [], fields: classFields)
        else { return nil }
        let c = top.catalogue
        let catalogue = Catalogue(
            site: c.site, captured: c.captured, capturedEpoch: c.capturedEpoch, regions: c.regions,
            zones: Catalogue.Zones(
                count: zones.count, locate: { zones.find([$0.region, $0.storageType], in: bytes) },
                keys: { zones.lines.compactMap { r in entry(name, bytes, r) { $0.zoneEntry($1)?.0 } } },
                decode: { r in entry(name, bytes, r) { $0.zoneEntry($1)?.1 } }),
            versions: Catalogue.Versions(
                count: versions.count, locate: { versions.find([$0.region, $0.storageType], in: bytes) },
                keys: { versions.lines.compactMap { r in entry(name, bytes, r) { $0.versionEntry($1)?.0 } } },
                decode: { r in entry(name, bytes, r) { $0.versionEntry($1)?.1 } }),
            classes: Catalogue.Classes(
                count: classes.count,
                locate: { classes.find([$0.zone, $0.engine, $0.major, $0.storageType], in: bytes) },
                keys: { classes.lines.compactMap { r in entry(name, bytes, r) { $0.classEntry($1)?.0 } } },
                decode: { r in entry(name, bytes, r) { $0.classEntry($1)?.1 } }))
        return Loaded(catalogue: catalogue, capturedAt: top.capturedAt)
    }

    /// The entry lines of one section by the hash of their key: the start of the line up to its
    /// list, `{"zone": "…", …, "classes": [`, which a lookup writes out from the key as `render`
    /// does and compares byte for byte. No string is made while the index is built.
    struct LineIndex: Sendable {
        let fields: [String]
        let lines: [Range<Int>]
        /// Hash of a line's key bytes → its position in `lines` (others with the same hash in
        /// `overflow`).
        let byHash: [UInt64: Int]
        let overflow: [Int]
        /// Where each line's key bytes end.
        let keyEnds: [Int]
        var count: Int { lines.count }

        init?(_ bytes: [UInt8], _ lines: [Range<Int>], fields: [String]) {
            self.fields = fields
            self.lines = lines
            let open = Array("\"\(fields.last!)\": [".utf8)
            var byHash: [UInt64: Int] = [:]
            byHash.reserveCapacity(lines.count)
            var overflow: [Int] = []
            var ends: [Int] = []
            ends.reserveCapacity(lines.count)
            for (i, line) in lines.enumerated() {
                guard let end = LineIndex.end(of: open, in: bytes, line) else { return nil }
                ends.append(end)
                let h = LineIndex.hash(bytes[line.lowerBound..<end])
                if let other = byHash[h] {
                    // Two lines with one key: the whole decode reports it at its place.
                    if bytes[lines[other].lowerBound..<ends[other]].elementsEqual(bytes[line.lowerBound..<end]) {
                        return nil
                    }
                    overflow.append(i)
                } else {
                    byHash[h] = i
                }
            }
            self.byHash = byHash
            self.overflow = overflow
            keyEnds = ends
        }

        /// Where the first `needle` in a line ends.
        static func end(of needle: [UInt8], in bytes: [UInt8], _ line: Range<Int>) -> Int? {
            guard line.count >= needle.count else { return nil }
            // memchr finds each candidate last byte (the list's `[`); memcmp checks the rest.
            return bytes.withUnsafeBytes { b in
                needle.withUnsafeBytes { n in
                    let base = b.baseAddress!
                    var i = line.lowerBound + n.count - 1
                    while i < line.upperBound {
                        guard let hit = memchr(base + i, Int32(needle[n.count - 1]), line.upperBound - i) else {
                            return nil
                        }
                        let end = UnsafeRawPointer(hit) - base + 1
                        if memcmp(base + end - n.count, n.baseAddress!, n.count) == 0 { return end }
                        i = end
                    }
                    return nil
                }
            }
        }

        static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }

        /// The line of the key whose values are `values` (in the order of `fields`).
        func find(_ values: [String], in bytes: [UInt8]) -> Range<Int>? {
            var key = "{"
            for (f, v) in zip(fields, values) { key += "\(JSON.string(f)): \(JSON.string(v)), " }
            key += "\(JSON.string(fields.last!)): ["
            let k = Array(key.utf8)
            func matches(_ i: Int) -> Bool { bytes[lines[i].lowerBound..<keyEnds[i]].elementsEqual(k) }
            if let i = byHash[LineIndex.hash(k)], matches(i) { return lines[i] }
            return overflow.first(where: matches).map { lines[$0] }
        }
    }

    /// One entry's list, decoded from its line.
    static func entry<T>(_ name: String, _ bytes: [UInt8], _ range: Range<Int>, _ decode: (Decoder, Value) -> T?) -> T?
    {
        let loaded = InputReader.load(name: name, bytes: Array(bytes[range]), format: .json)
        guard let doc = loaded.documents.first, loaded.problems.isEmpty else { return nil }
        let diags = Diagnostics()
        let value = decode(Decoder(diags: diags), Value(doc: doc, id: doc.root, diags: diags))
        return diags.errors.isEmpty ? value : nil
    }
}
