import TcpglintCore
import TcpglintInput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CatalogueFile {
    // MARK: Reading lazily

    /// The zones, versions and classes entries are one per line, as `render` writes them: their
    /// keys are read from each line's start, and their lists when first asked for. A file not
    /// laid out that way is decoded whole, which reports its faults at their places.
    ///
    /// The checksum says that the file is as it was written, not who wrote it: a file laid out
    /// as `render` lays it out but written otherwise, with its checksum worked out again (two
    /// lines with one key, say), is not decoded whole, and what it says twice counts as not
    /// covered.
    public static func open(name: String, bytes: [UInt8], limits: InputLimits = .default) -> Result<
        Loaded, RuleFileErrors
    > {
        guard let layout = Layout(bytes) else { return decode(name: name, bytes: bytes, limits: limits) }
        // The header and regions, decoded now with their positions; the checksum vouches for the rest.
        let head = Array(bytes[..<layout.headEnd]) + Array("\"zones\": [], \"versions\": [], \"classes\": []}".utf8)
        guard case .success(let top) = decode(name: name, bytes: head, limits: limits, checksumOf: bytes),
            let lazy = lazyCatalogue(top, name: name, bytes: bytes, sections: layout.sections, limits: limits)
        else { return decode(name: name, bytes: bytes, limits: limits) }
        return .success(lazy)
    }

    /// Where the sections of a file laid out as `render` writes it are: the head (the header and
    /// regions) ends where the `"zones": [` line starts, and each section is a header line, an
    /// entry per line (`{"<first key field>": …},`), the last one closing the list (`}],`, and
    /// `}]}` for the classes, which end the file). Found in one pass over the bytes.
    struct Layout {
        var headEnd = 0
        var sections: [String: [Range<Int>]] = [:]

        init?(_ bytes: [UInt8]) {
            let found: Bool = bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return false }
                var start = 0
                var line: Range<Int> {
                    let hit = memchr(base + start, 0x0A, b.count - start)
                    let end = hit.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? b.count
                    return start..<end
                }
                func next() -> Range<Int>? {
                    guard start < b.count else { return nil }
                    let l = line
                    start = l.upperBound + 1
                    return l
                }
                func equals(_ l: Range<Int>, _ text: String) -> Bool {
                    var t = text
                    return t.withUTF8 { u in
                        u.count == l.count && memcmp(base + l.lowerBound, u.baseAddress!, u.count) == 0
                    }
                }
                // The head: every line up to `"zones": [`.
                var found: Range<Int>?
                while let l = next() {
                    if equals(l, "\"zones\": [") || equals(l, "\"zones\": [],") {
                        found = l
                        break
                    }
                }
                guard let header = found else { return false }
                headEnd = header.lowerBound
                for (section, first, end) in [
                    ("zones", "region", "],"), ("versions", "region", "],"), ("classes", "zone", "]}"),
                ] {
                    let h = section == "zones" ? header : next()
                    guard let h else { return false }
                    if equals(h, "\"\(section)\": [\(end)") {
                        sections[section] = []
                        continue
                    }
                    guard equals(h, "\"\(section)\": [") else { return false }
                    var entries: [Range<Int>] = []
                    var closed = false
                    let open = Array("{\"\(first)\": ".utf8)
                    let close = Array("}\(end)".utf8)
                    while !closed, let l = next() {
                        guard l.count > open.count + close.count, memcmp(base + l.lowerBound, open, open.count) == 0
                        else { return false }
                        closed = memcmp(base + l.upperBound - close.count, close, close.count) == 0
                        guard
                            closed
                                || (base[l.upperBound - 2] == UInt8(ascii: "}")
                                    && base[l.upperBound - 1] == UInt8(ascii: ","))
                        else { return false }
                        entries.append(l.lowerBound..<(l.upperBound - (closed ? 2 : 1)))
                    }
                    guard closed else { return false }
                    sections[section] = entries
                }
                // Nothing after the classes.
                return next() == nil
            }
            guard found else { return nil }
        }
    }

    /// The catalogue over the indexed lines; nil when the lines of a section are not in byte
    /// order.
    static func lazyCatalogue(
        _ top: Loaded, name: String, bytes: [UInt8], sections: [String: [Range<Int>]], limits: InputLimits
    ) -> Loaded? {
        func table<K: CatalogueTableKey, V: Sendable>(
            _ section: String, _ fields: [String], values: @escaping @Sendable (K) -> [String],
            read: @escaping @Sendable (Decoder, Value) -> (K, V)?
        ) -> CatalogueTable<K, V>? {
            lazyTable(
                LineIndex(bytes, sections[section] ?? [], fields: fields + [section]), name: name, bytes: bytes,
                limits: limits, format: top.format, values: values, read: read)
        }
        let region = ["region", "storage-type"]
        guard
            let zones: Catalogue.Zones = table(
                "zones", region, values: { [$0.region, $0.storageType] }, read: { $0.zoneEntry($1) }),
            let versions: Catalogue.Versions = table(
                "versions", region, values: { [$0.region, $0.storageType] }, read: { $0.versionEntry($1) }),
            let classes: Catalogue.Classes = table(
                "classes", ["zone", "engine", "major", "storage-type"],
                values: { [$0.zone, $0.engine, $0.major, $0.storageType] }, read: { $0.classEntry($1) })
        else { return nil }
        let c = top.catalogue
        let catalogue = Catalogue(
            site: c.site, captured: c.captured, capturedEpoch: c.capturedEpoch, regions: c.regions, zones: zones,
            versions: versions, classes: classes)
        return Loaded(catalogue: catalogue, capturedAt: top.capturedAt, format: top.format)
    }

    /// A table over one section's lines: `values` are a key's values in the order of the
    /// index's fields, and `read` decodes a line into its key and list. A key is listed only
    /// when its line is the one a lookup of it finds.
    static func lazyTable<K: CatalogueTableKey, V: Sendable>(
        _ index: LineIndex?, name: String, bytes: [UInt8], limits: InputLimits, format: Int,
        values: @escaping @Sendable (K) -> [String], read: @escaping @Sendable (Decoder, Value) -> (K, V)?
    ) -> CatalogueTable<K, V>? {
        guard let index else { return nil }
        let locate: @Sendable (K) -> Range<Int>? = { index.find(values($0), in: bytes) }
        return CatalogueTable(
            count: index.count, locate: locate,
            keys: {
                index.lines.compactMap { r in
                    entry(name, bytes, r, limits, format) { read($0, $1)?.0 }.flatMap { locate($0) == r ? $0 : nil }
                }
            }, decode: { r in entry(name, bytes, r, limits, format) { read($0, $1)?.1 } })
    }

    /// The entry lines of one section, found by binary search on their key: the start of the
    /// line up to its list, `{"zone": "…", …, "classes": [`, which a lookup writes out from the
    /// key as `render` does. The keys are free of prefixes (each value ends with its closing
    /// quote), so lines in byte order are in key order. `render` writes them sorted by key,
    /// which is byte order for every key but those with a character below `"` after a common
    /// start: the order is checked once, line against line, and a file not in it is decoded
    /// whole. Nothing is hashed and no string is made while the index is built.
    struct LineIndex: Sendable {
        let fields: [String]
        let lines: [Range<Int>]
        var count: Int { lines.count }

        init?(_ bytes: [UInt8], _ lines: [Range<Int>], fields: [String]) {
            self.fields = fields
            self.lines = lines
            let sorted: Bool = bytes.withUnsafeBytes { b in
                guard let base = b.baseAddress else { return lines.isEmpty }
                for i in lines.indices.dropFirst()
                where LineIndex.compare(base, lines[i - 1], base + lines[i].lowerBound, lines[i].count) >= 0 {
                    return false
                }
                return true
            }
            guard sorted else { return nil }
        }

        /// How a line compares with `count` bytes at `other` in byte order (a prefix first).
        static func compare(_ base: UnsafeRawPointer, _ line: Range<Int>, _ other: UnsafeRawPointer, _ count: Int)
            -> Int
        {
            let c = memcmp(base + line.lowerBound, other, min(line.count, count))
            return c != 0 ? Int(c) : line.count - count
        }

        /// The line of the key whose values are `values` (in the order of `fields`); nil when no
        /// line, or more than one, starts with it.
        func find(_ values: [String], in bytes: [UInt8]) -> Range<Int>? {
            var key = "{"
            for (f, v) in zip(fields, values) { key += "\(JSON.string(f)): \(JSON.string(v)), " }
            key += "\(JSON.string(fields.last!)): ["
            let k = Array(key.utf8)
            return bytes.withUnsafeBytes { b in
                k.withUnsafeBytes { kb in
                    guard let base = b.baseAddress, let kp = kb.baseAddress else { return nil }
                    func starts(_ i: Int) -> Bool {
                        i < lines.count && lines[i].count >= k.count
                            && memcmp(base + lines[i].lowerBound, kp, k.count) == 0
                    }
                    // The first line not before the key.
                    var lo = 0
                    var hi = lines.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if LineIndex.compare(base, lines[mid], kp, k.count) < 0 { lo = mid + 1 } else { hi = mid }
                    }
                    return starts(lo) && !starts(lo + 1) ? lines[lo] : nil
                }
            }
        }
    }

    /// One entry's list, decoded from its line.
    static func entry<T>(
        _ name: String, _ bytes: [UInt8], _ range: Range<Int>, _ limits: InputLimits, _ format: Int,
        _ decode: (Decoder, Value) -> T?
    ) -> T? {
        var big = limits
        big.maxRequestBytes = max(big.maxRequestBytes, range.count + 1)
        let loaded = InputReader.load(name: name, bytes: Array(bytes[range]), format: .json, limits: big)
        guard let doc = loaded.documents.first, loaded.problems.isEmpty else { return nil }
        let diags = Diagnostics()
        let value = decode(Decoder(diags: diags, format: format), Value(doc: doc, id: doc.root, diags: diags))
        return diags.errors.isEmpty ? value : nil
    }
}
