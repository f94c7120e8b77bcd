import TcpglintCore

// MARK: - The refresh script

/// The POSIX shell script `catalogue script` prints: the tccli calls that fill a raw catalogue
/// folder, and the `manifest.yaml` that `catalogue build` reads. Pure: options in, text out,
/// with no clock (the script takes its capture time when it runs).
///
/// Every value that goes into the script is checked against its documented format first and
/// single-quoted; the zones and major versions the script reads back at run time (from
/// `tcpglint catalogue zones` and `majors`) are checked again by a `case` pattern in the script
/// before use, and are only ever used double-quoted.
public enum RefreshScript {
    /// What a value names, with its documented format.
    public enum Kind: String, Sendable, CaseIterable {
        case region, zone, engine
        case major = "major version"
        case storageType = "storage type"

        /// The format, as the messages show it.
        public var format: String {
            switch self {
            case .region: return "^[a-z]+(-[a-z0-9]+)+$, such as ap-guangzhou"
            case .zone: return "its region and -N, such as ap-guangzhou-3"
            case .engine: return "^[a-z][a-z0-9_-]*$, such as postgresql"
            case .major: return "^[0-9]+$, such as 15"
            case .storageType: return "^[A-Z][A-Z0-9_]*$, such as PHYSICAL_LOCAL_SSD"
            }
        }
    }

    /// The longest value of any kind that is accepted.
    public static let maxValueLength = 64

    /// Whether `value` has the format of `kind`.
    public static func isValid(_ value: String, as kind: Kind) -> Bool {
        let b = Array(value.utf8)
        guard !b.isEmpty, b.count <= maxValueLength else { return false }
        func lower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        func upper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        let dash = UInt8(ascii: "-")
        let underscore = UInt8(ascii: "_")
        switch kind {
        case .major:
            return b.allSatisfy(digit)
        case .engine:
            return lower(b[0]) && b.allSatisfy { lower($0) || digit($0) || $0 == dash || $0 == underscore }
        case .storageType:
            return upper(b[0]) && b.allSatisfy { upper($0) || digit($0) || $0 == underscore }
        case .region:
            // ^[a-z]+(-[a-z0-9]+)+$: words split by single dashes, the first of letters, two at least.
            let words = b.split(separator: dash, omittingEmptySubsequences: false)
            return words.count >= 2 && words.allSatisfy { !$0.isEmpty && $0.allSatisfy { lower($0) || digit($0) } }
                && words[0].allSatisfy(lower)
        case .zone:
            guard let region = Catalogue.region(ofZone: value) else { return false }
            return isValid(region, as: .region)
        }
    }

    /// Nil when `value` has the format of `kind`, else the message that says so.
    public static func problem(_ value: String, as kind: Kind) -> String? {
        isValid(value, as: kind)
            ? nil : "\(kind.rawValue) \(ValueText.quote(value)) is not of the documented form (\(kind.format))"
    }

    /// `value` as one shell word: in single quotes, each `'` written `'\''`.
    public static func shellQuote(_ value: String) -> String {
        var out = "'"
        for c in value { out += c == "'" ? "'\\''" : String(c) }
        return out + "'"
    }

    // MARK: Options

    /// What the script fetches.
    public struct Options: Sendable {
        public var site: Catalogue.Site
        /// Regions to fetch in full (DescribeZones and DescribeDBVersions for each storage type,
        /// DescribeClasses for each sold zone); with `keys`, regions whose zones and versions are
        /// fetched too.
        public var regions: [String]
        public var engines: [String]
        /// The major versions; nil: each region's DescribeDBVersions, read at run time.
        public var majors: [String]?
        public var storageTypes: [String]
        /// The keys of a keys file: exactly these DescribeClasses calls, with DescribeZones and
        /// DescribeDBVersions for their regions and storage types.
        public var keys: Keys?
        /// The raw folder the script fills.
        public var directory: String

        public init(
            site: Catalogue.Site = .intl, regions: [String] = [], engines: [String] = ["postgresql"],
            majors: [String]? = nil, storageTypes: [String] = [CatalogueBuilder.defaultStorageType],
            keys: Keys? = nil, directory: String = CatalogueBuilder.defaultDirectory
        ) {
            self.site = site
            self.regions = regions
            self.engines = engines
            self.majors = majors
            self.storageTypes = storageTypes
            self.keys = keys
            self.directory = directory
        }
    }

    /// The keys requests need (`catalogue keys`), or a keys file holds.
    public struct Keys: Sendable, Equatable {
        public var classes: [Catalogue.ClassKey]
        public var regions: [Catalogue.RegionKey]
        public init(classes: [Catalogue.ClassKey], regions: [Catalogue.RegionKey]) {
            self.classes = classes
            self.regions = regions
        }

        /// Sorted and without repeats.
        public var normalized: Keys {
            Keys(classes: Array(Set(classes)).sorted(), regions: Array(Set(regions)).sorted())
        }
    }

    /// Options that cannot make a script: the messages, one per fault.
    public struct Invalid: Error, Sendable {
        public let messages: [String]
    }

    /// The folder as the script uses it: without trailing slashes; nil when it cannot be replaced
    /// as a whole (empty, `/`, or ending in `.` or `..`).
    static func folder(_ directory: String) -> String? {
        var d = Substring(directory)
        while d.count > 1, d.hasSuffix("/") { d = d.dropLast() }
        let last = d.split(separator: "/").last.map(String.init) ?? ""
        guard !d.isEmpty, d != "/", last != ".", last != ".." else { return nil }
        return String(d)
    }

    /// The options checked: every value has its format, the lists are not empty.
    static func check(_ o: Options) -> [String] {
        var out: [String] = []
        func each(_ values: [String], _ kind: Kind, _ flag: String) {
            for v in values { if let p = problem(v, as: kind) { out.append("\(flag): \(p)") } }
        }
        each(o.regions, .region, "--regions")
        each(o.engines, .engine, "--engines")
        each(o.majors ?? [], .major, "--majors")
        each(o.storageTypes, .storageType, "--storage-types")
        if o.keys == nil, o.regions.isEmpty { out.append("--regions is required without --keys") }
        if o.engines.isEmpty { out.append("--engines names no engine") }
        if o.majors?.isEmpty == true { out.append("--majors names no major version") }
        if o.storageTypes.isEmpty { out.append("--storage-types names no storage type") }
        if folder(o.directory) == nil {
            out.append("--dir \(ValueText.quote(o.directory)) cannot be replaced as a whole; name a folder")
        }
        for k in o.keys?.classes ?? [] {
            for (v, kind) in [
                (k.zone, Kind.zone), (k.engine, .engine), (k.major, .major), (k.storageType, .storageType),
            ] {
                if let p = problem(v, as: kind) { out.append("--keys: \(p)") }
            }
        }
        for k in o.keys?.regions ?? [] {
            for (v, kind) in [(k.region, Kind.region), (k.storageType, .storageType)] {
                if let p = problem(v, as: kind) { out.append("--keys: \(p)") }
            }
        }
        if let keys = o.keys, keys.classes.isEmpty, keys.regions.isEmpty, o.regions.isEmpty {
            out.append("--keys holds no key, and --regions names no region: there is nothing to fetch")
        }
        return out
    }

    // MARK: Rendering

    /// The script, or what is wrong with the options (nothing is rendered then).
    public static func render(_ o: Options) throws(Invalid) -> String {
        let faults = check(o)
        guard faults.isEmpty, let dir = folder(o.directory) else { throw Invalid(messages: faults) }
        let q = shellQuote
        var body: [String] = []
        var regionsOrder: [String] = []
        if let keys = o.keys?.normalized {
            var regionKeys = Set(keys.regions)
            for r in o.regions { for s in o.storageTypes { regionKeys.insert(.init(region: r, storageType: s)) } }
            for k in keys.classes {
                regionKeys.insert(.init(region: Catalogue.region(ofZone: k.zone)!, storageType: k.storageType))
            }
            let sorted = regionKeys.sorted()
            regionsOrder = unique(sorted.map(\.region))
            body.append("regions \(q(regionsOrder[0]))")
            for rk in sorted {
                body.append("")
                body.append("# \(rk.region), \(rk.storageType)")
                body.append("zones \(q(rk.region)) \(q(rk.storageType))")
                body.append("versions \(q(rk.region)) \(q(rk.storageType))")
                for k in keys.classes
                where Catalogue.region(ofZone: k.zone) == rk.region && k.storageType == rk.storageType {
                    body.append(
                        "classes \(q(rk.region)) \(q(k.zone)) \(q(k.engine)) \(q(k.major)) \(q(k.storageType))")
                }
            }
        } else {
            regionsOrder = unique(o.regions)
            body.append("regions \(q(regionsOrder[0]))")
            for r in regionsOrder {
                for s in unique(o.storageTypes) { body += regionBlock(r, s, o) }
            }
        }
        return header(o, regions: regionsOrder, reads: o.keys == nil) + "\n" + preamble(dir, o)
            + body.joined(separator: "\n") + "\n" + finish(dir)
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// A region and storage type fetched in full: its zones and versions, then the classes of
    /// every sold zone for each engine and major version.
    static func regionBlock(_ r: String, _ s: String, _ o: Options) -> [String] {
        let q = shellQuote
        let zonesFile = "\"$new/\(r)/zones.\(s).json\""
        let versionsFile = "\"$new/\(r)/versions.\(s).json\""
        var out = ["", "# \(r), \(s)", "zones \(q(r)) \(q(s))", "versions \(q(r)) \(q(s))"]
        out.append("zone_list=$(tcpglint catalogue zones --region \(q(r)) \(zonesFile)) ||")
        out.append("    die \(q("tcpglint catalogue zones could not read DescribeZones of \(r) for \(s)"))")
        for e in unique(o.engines) {
            let majors: String
            if let list = o.majors {
                majors = unique(list).map(q).joined(separator: " ")
            } else {
                out.append("major_list=$(tcpglint catalogue majors --engine \(q(e)) \(versionsFile)) ||")
                out.append(
                    "    die \(q("tcpglint catalogue majors could not read DescribeDBVersions of \(r) for \(s)"))")
                majors = "$major_list"
            }
            out.append("for zone in $zone_list; do")
            out.append("    check_zone \(q(r)) \"$zone\"")
            out.append("    for major in \(majors); do")
            if o.majors == nil { out.append("        check_major \"$major\"") }
            out.append("        classes \(q(r)) \"$zone\" \(q(e)) \"$major\" \(q(s))")
            out.append("    done")
            out.append("done")
        }
        return out
    }

    /// The comment that says what the script does.
    static func header(_ o: Options, regions: [String], reads: Bool) -> String {
        var lines = [
            "#!/bin/sh",
            "# Refreshes a raw tcpglint catalogue folder with tccli (generated by `tcpglint catalogue script`).",
            "#",
            "# Read it before you run it. It needs sh, tccli\(reads ? " and tcpglint" : "") on PATH; the tccli profile",
            "# supplies the credentials (this script holds none). Every call passes --region,",
            "# --cli-unfold-argument and --output json. The answers are saved into a new folder beside",
            "# the raw folder, manifest.yaml is written last, and only then does the new folder replace",
            "# the old one: a call that fails stops the script and leaves the old folder as it was.",
            "#",
            "#   site:          \(o.site.rawValue)",
            "#   regions:       \(regions.joined(separator: " "))",
        ]
        if let keys = o.keys {
            lines.append("#   classes:       the \(Set(keys.classes).count) keys of a keys file")
        } else {
            lines.append("#   engines:       \(unique(o.engines).joined(separator: " "))")
            lines.append(
                "#   majors:        \(o.majors.map { unique($0).joined(separator: " ") } ?? "each region's DescribeDBVersions")"
            )
            lines.append("#   storage types: \(unique(o.storageTypes).joined(separator: " "))")
            lines.append("#   zones:         those DescribeZones lists as AVAILABLE or SELLOUT")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

// MARK: - The script's fixed parts

extension RefreshScript {
    /// The settings, the helpers and one function per action, each spelling out its tccli call.
    static func preamble(_ dir: String, _ o: Options) -> String {
        let reads = o.keys == nil
        return """
            set -euf
            IFS='
            '

            dir=\(shellQuote(dir))
            site=\(shellQuote(o.site.rawValue))
            new="$dir.new.$$"
            manifest="$dir.manifest.$$"
            old="$dir.old.$$"

            say() { printf 'catalogue script: %s\\n' "$1" >&2; }
            die() {
                say "$1; stopped, $dir is unchanged"
                exit 1
            }
            trap 'rm -rf "$new" "$manifest"' EXIT
            trap 'exit 1' HUP INT TERM

            command -v tccli >/dev/null 2>&1 || die 'tccli is not on PATH'
            \(reads ? "command -v tcpglint >/dev/null 2>&1 || die 'tcpglint is not on PATH'\n" : "")\
            if [ -e "$dir" ] && [ ! -d "$dir" ]; then die "$dir is not a folder"; fi
            rm -rf "$new" "$manifest"
            mkdir -p "$new" || die "cannot make $new"
            captured=$(date -u +%Y-%m-%dT%H:%M:%SZ) || die 'date failed'
            printf 'version: 1\\nsite: %s\\ncaptured: %s\\nfiles:\\n' "$site" "$captured" >"$manifest"

            # entry PATH ACTION REGION PARAMS: a file entry of the manifest. Every value in it has
            # been checked (letters, digits, '-', '_', '.', '/'), so it needs no escape in YAML.
            entry() {
                printf '  - path: "%s"\\n    action: %s\\n    region: "%s"\\n    params: {%s}\\n' \\
                    "$1" "$2" "$3" "$4" >>"$manifest"
            }

            # check_zone REGION ZONE: ZONE, read back from DescribeZones, is REGION-N, or the script stops.
            check_zone() {
                case ${2#"$1"-} in
                "$2" | '' | *[!0-9]*) die "zone \\"$2\\" is not of the form $1-N" ;;
                esac
            }

            # check_major MAJOR: MAJOR, read back from DescribeDBVersions, is digits, or the script stops.
            check_major() {
                case $1 in
                '' | *[!0-9]*) die "major version \\"$1\\" is not digits" ;;
                esac
            }

            """ + "\n" + actions
    }

    /// One function per action, each spelling out its tccli call.
    static var actions: String {
        """
        # regions REGION: DescribeRegions (which takes a region too), saved as regions.json.
        regions() {
            say "DescribeRegions --region $1"
            tccli postgres DescribeRegions --region "$1" --cli-unfold-argument --output json \\
                >"$new/regions.json" || die "tccli postgres DescribeRegions --region $1 failed (exit $?)"
            printf '  - path: "regions.json"\\n    action: DescribeRegions\\n' >>"$manifest"
        }

        # zones REGION STORAGE-TYPE: DescribeZones, saved as REGION/zones.STORAGE-TYPE.json.
        zones() {
            say "DescribeZones --region $1 --StorageType $2"
            mkdir -p "$new/$1/classes" || die "cannot make $new/$1/classes"
            tccli postgres DescribeZones --region "$1" --cli-unfold-argument --output json --StorageType "$2" \\
                >"$new/$1/zones.$2.json" || die "tccli postgres DescribeZones --region $1 --StorageType $2 failed (exit $?)"
            entry "$1/zones.$2.json" DescribeZones "$1" "StorageType: \\"$2\\""
        }

        # versions REGION STORAGE-TYPE: DescribeDBVersions, saved as REGION/versions.STORAGE-TYPE.json.
        versions() {
            say "DescribeDBVersions --region $1 --StorageType $2"
            tccli postgres DescribeDBVersions --region "$1" --cli-unfold-argument --output json --StorageType "$2" \\
                >"$new/$1/versions.$2.json" ||
                die "tccli postgres DescribeDBVersions --region $1 --StorageType $2 failed (exit $?)"
            entry "$1/versions.$2.json" DescribeDBVersions "$1" "StorageType: \\"$2\\""
        }

        # classes REGION ZONE ENGINE MAJOR STORAGE-TYPE: DescribeClasses, saved as
        # REGION/classes/ZONE.ENGINE.MAJOR.STORAGE-TYPE.json.
        classes() {
            say "DescribeClasses --region $1 --Zone $2 --DBEngine $3 --DBMajorVersion $4 --StorageType $5"
            f="$1/classes/$2.$3.$4.$5.json"
            tccli postgres DescribeClasses --region "$1" --cli-unfold-argument --output json \\
                --Zone "$2" --DBEngine "$3" --DBMajorVersion "$4" --StorageType "$5" >"$new/$f" ||
                die "tccli postgres DescribeClasses --region $1 --Zone $2 --DBEngine $3 --DBMajorVersion $4 --StorageType $5 failed (exit $?)"
            entry "$f" DescribeClasses "$1" \\
                "Zone: \\"$2\\", DBEngine: \\"$3\\", DBMajorVersion: \\"$4\\", StorageType: \\"$5\\""
        }

        # The calls.

        """
    }

    /// The manifest moved in last, then the new folder in place of the old one.
    static func finish(_ dir: String) -> String {
        let next = "tcpglint catalogue build " + shellQuote(dir)
        return """

            mv "$manifest" "$new/manifest.yaml" || die "cannot write $new/manifest.yaml"
            if [ -d "$dir" ]; then mv "$dir" "$old" || die "cannot move $dir aside to $old"; fi
            if ! mv "$new" "$dir"; then
                if [ -d "$old" ]; then mv "$old" "$dir"; fi
                die "cannot move $new to $dir"
            fi
            rm -rf "$old"
            say "saved the answers and manifest.yaml in $dir; build the catalogue with:"
            printf '%s\\n' \(shellQuote(next))

            """
    }
}
