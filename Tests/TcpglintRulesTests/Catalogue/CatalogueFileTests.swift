import TcpglintCore
import TcpglintSystem
import TcpglintTestSupport
import Testing

@testable import TcpglintRules

/// The built file read two ways: whole (`catalogue status`, the fuzz target) and lazily, each
/// list when a lint first asks for it (`lint --catalogue`). Both must say the same things, and a
/// file changed after it was built is refused by both.
@Suite struct CatalogueFileTests {
    static let built = "testdata/catalogue/goldens/intl.catalogue.json"

    func bytes(_ path: String) throws -> [UInt8] { Array(try #require(readText(path)).utf8) }

    /// The errors of reading `text` lazily and whole, in that order (an issue when one reads).
    func refusals(_ text: String) -> [[String]] {
        let b = Array(text.utf8)
        return [true, false].map { lazily in
            let result =
                lazily ? CatalogueFile.open(name: "c.json", bytes: b) : CatalogueFile.decode(name: "c.json", bytes: b)
            guard case .failure(let e) = result else {
                Issue.record("a changed catalogue was read (lazily: \(lazily))")
                return []
            }
            return e.errors.map(\.description)
        }
    }

    @Test(arguments: [
        "testdata/catalogue/goldens/intl.catalogue.json", "testdata/catalogue/goldens/china.catalogue.json",
        "rules/example-catalogue.json",
    ])
    func lazyAndWholeReadsAgree(_ path: String) throws {
        let b = try bytes(path)
        let whole = try CatalogueFile.decode(name: path, bytes: b).get().catalogue
        let lazy = try CatalogueFile.open(name: path, bytes: b).get().catalogue
        #expect(lazy == whole)
        #expect(lazy.classes.count == whole.classes.count)
        #expect(lazy.zones.count == whole.zones.count)
        // And the rendering of either is the file itself.
        #expect(CatalogueFile.render(lazy) == String(decoding: b, as: UTF8.self))
    }

    @Test func aLazyLookupFindsItsListAndNoOther() throws {
        let c = try CatalogueFile.open(name: Self.built, bytes: try bytes(Self.built)).get().catalogue
        let key = Catalogue.ClassKey(
            zone: "ap-guangzhou-3", engine: "postgresql", major: "15", storageType: "PHYSICAL_LOCAL_SSD")
        #expect(
            c.classes[key]?.map(\.code) == [
                "cdb.pg.z1.2g", "pg.it.2xlarge16", "pg.it.large8", "pg.it.medium4", "pg.it.small2",
            ])
        #expect(c.classes[key]?.first { $0.code == "pg.it.small2" }?.maxStorageGB == 3000)
        var other = key
        other.major = "14"
        #expect(c.classes[other] == nil)
        let zones = c.zones[Catalogue.RegionKey(region: "ap-guangzhou", storageType: "PHYSICAL_LOCAL_SSD")]
        #expect(zones?.map(\.state) == ["UNAVAILABLE", "AVAILABLE", "AVAILABLE", "SELLOUT", "SUPPORTMODIFYONLY"])
        #expect(zones?.first?.standbyZones == nil)
        #expect(c.zones[Catalogue.RegionKey(region: "ap-tokyo", storageType: "PHYSICAL_LOCAL_SSD")] == nil)
    }

    /// One changed character of a class line, which a lazy read would never look at, is caught
    /// by the checksum, at the checksum's place, by both reads.
    @Test func aChangedFileIsRefused() throws {
        var text = String(decoding: try bytes(Self.built), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"pg.it.large8\", 4, 8192, 100", with: "\"pg.it.large8\", 4, 8192, 200")
        for errors in refusals(text) {
            #expect(
                errors == [
                    "c.json:1:91: error: the catalogue was changed after it was built (its checksum does not match); rebuild it with tcpglint catalogue build"
                ])
        }
    }

    /// The first line is covered too: moving `captured` forward (which would silence
    /// `catalogue-stale`) is refused; so is a file whose line ends became CR LF, with a hint.
    @Test func theHeaderAndTheLineEndsAreCovered() throws {
        let text = String(decoding: try bytes(Self.built), as: UTF8.self)
        let later = text.replacingOccurrences(of: "2026-11-28T09:14:00Z", with: "2026-12-28T09:14:00Z")
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        for (changed, hint) in [(later, false), (crlf, true)] {
            for errors in refusals(changed) {
                let message = errors.first ?? ""
                #expect(
                    message.hasPrefix("c.json:1:91: error: the catalogue was changed after it was built"), "\(message)")
                #expect(message.contains("CR LF") == hint, "\(message)")
            }
        }
    }

    /// A catalogue of format 1 (no checksum) is refused as a format this tcpglint does not read.
    @Test func formatOneIsRefused() throws {
        let text = String(decoding: try bytes(Self.built), as: UTF8.self)
            .replacingOccurrences(of: "\"tcpglint-catalogue\": 3", with: "\"tcpglint-catalogue\": 1")
        for errors in refusals(text) {
            #expect(
                errors == [
                    "c.json:1:24: error: catalogue format 1 is not supported (this tcpglint reads formats 2 and 3); rebuild it"
                ])
        }
    }

    /// A catalogue of format 2 (the previous release's, without `last-seen`) is still read, both
    /// ways, and says what a build of the same folder says now.
    @Test func formatTwoIsRead() throws {
        let old = "testdata/catalogue/goldens/example.format2.catalogue.json"
        let b = try bytes(old)
        let built = try CatalogueBuilder.build(directory: "testdata/catalogue/example").get().catalogue
        let now = try CatalogueFile.decode(name: "c.json", bytes: Array(CatalogueFile.render(built).utf8)).get()
        for loaded in [
            try CatalogueFile.open(name: old, bytes: b).get(), try CatalogueFile.decode(name: old, bytes: b).get(),
        ] {
            #expect(loaded.format == 2)
            #expect(loaded.catalogue == now.catalogue)
        }
        #expect(now.format == 3)
    }

    /// The checksum says the file is unchanged, not who wrote it. A file with two lines for one
    /// key and its checksum worked out again is read lazily; the key counts as not covered, and
    /// the listing holds only what a lookup finds. Text after the classes is decoded whole, and
    /// refused at its place.
    @Test func aRewrittenFileIsNeverTrustedBeyondItsLayout() throws {
        func resum(_ text: String) -> [UInt8] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let field = CatalogueFile.checksumField(
                String(lines[0].split(separator: "\"")[lines[0].split(separator: "\"").count - 2]))
            lines[0] = String(lines[0].dropLast(field.count))
            let rest = "\n" + lines.dropFirst().joined(separator: "\n")
            let sum = CatalogueFile.checksum(ArraySlice(lines[0].utf8), ArraySlice(rest.utf8))
            lines[0] += CatalogueFile.checksumField(sum)
            return Array(lines.joined(separator: "\n").utf8)
        }
        let text = String(decoding: try bytes(Self.built), as: UTF8.self)
        // Resumming an unchanged file gives the file itself.
        #expect(resum(text) == Array(text.utf8))
        let line = try #require(
            text.split(separator: "\n").first {
                $0.hasPrefix(
                    "{\"zone\": \"ap-guangzhou-3\", \"engine\": \"postgresql\", \"major\": \"15\", \"storage-type\": \"PHYSICAL_LOCAL_SSD\""
                )
            })
        let twice = text.replacingOccurrences(
            of: line + "\n", with: line + "\n" + line.replacingOccurrences(of: "3000", with: "4000") + "\n")
        let c = try CatalogueFile.open(name: "c.json", bytes: resum(twice)).get().catalogue
        let key = Catalogue.ClassKey(
            zone: "ap-guangzhou-3", engine: "postgresql", major: "15", storageType: "PHYSICAL_LOCAL_SSD")
        #expect(c.classes[key] == nil)
        #expect(!c.classes.keys.contains(key))
        _ = CatalogueFile.render(c)
        let trailing = text + "{}\n"
        guard case .failure(let e) = CatalogueFile.open(name: "c.json", bytes: resum(trailing)) else {
            Issue.record("text after the classes was read")
            return
        }
        #expect(e.errors.first?.location.line == text.split(separator: "\n").count + 1, "\(e.errors)")
    }

    /// A file cut short (its last class lines lost, the list closed again) is refused by the
    /// checksum too: the lazy read never decodes those lines, so only the checksum can tell.
    @Test func aTruncatedFileIsRefused() throws {
        var lines = String(decoding: try bytes(Self.built), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        lines.removeLast()
        var last = String(lines.removeLast())
        last.removeLast() // the comma after the entry
        lines.append(Substring(last + "]}"))
        let b = Array((lines.joined(separator: "\n") + "\n").utf8)
        guard case .failure(let e) = CatalogueFile.open(name: "c.json", bytes: b) else {
            Issue.record("a truncated catalogue was read")
            return
        }
        #expect(
            e.errors.map(\.description).first?.hasPrefix(
                "c.json:1:91: error: the catalogue was changed after it was built") == true, "\(e.errors)")
    }

    /// Keys whose rendered lines are not in byte order (`"a-1"` sorts before `"a-1!"`, but its
    /// closing quote is after `!`): the binary search cannot be trusted, so the file is decoded
    /// whole, and says the same.
    @Test func linesOutOfByteOrderAreReadWhole() throws {
        func key(_ zone: String) -> Catalogue.ClassKey {
            Catalogue.ClassKey(zone: zone, engine: "postgresql", major: "15", storageType: "CLOUD_SSD")
        }
        let spec = { (code: String) in
            Catalogue.Spec(code: code, cpu: 1, memoryMB: 2048, minStorageGB: 10, maxStorageGB: 100, qps: 0)
        }
        let c = Catalogue(
            site: .intl, captured: "2026-11-28T09:14:00Z", capturedEpoch: 1_795_857_240, regions: nil, zones: [:],
            versions: [:], classes: [key("ap-x-1"): [spec("pg.a")], key("ap-x-1!"): [spec("pg.b")]])
        let text = CatalogueFile.render(c)
        let lazy = try CatalogueFile.open(name: "c.json", bytes: Array(text.utf8)).get().catalogue
        #expect(lazy == c)
        #expect(lazy.classes[key("ap-x-1")]?.map(\.code) == ["pg.a"])
        #expect(lazy.classes[key("ap-x-1!")]?.map(\.code) == ["pg.b"])
        #expect(lazy.classes[key("ap-x-2")] == nil)
    }

    /// A file laid out otherwise than `render` writes (one line) is read whole, and its faults
    /// are placed.
    @Test func anotherLayoutIsReadWhole() throws {
        let one = String(decoding: try bytes(Self.built), as: UTF8.self).split(separator: "\n").joined(separator: " ")
        guard case .failure(let e) = CatalogueFile.open(name: "c.json", bytes: Array(one.utf8)) else {
            Issue.record("a one-line catalogue passed its checksum")
            return
        }
        #expect(e.errors.first?.message.contains("no checksum") == false)
        #expect(e.errors.first?.location.line == 1)
    }
}
