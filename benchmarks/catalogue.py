#!/usr/bin/env python3
"""Writes a raw catalogue folder (manifest.yaml plus saved API responses, API form, site intl)
for the benchmarks, deterministically (no randomness):
   20 regions, 100 zones (5 per region), PHYSICAL_LOCAL_SSD everywhere and CLOUD_SSD in 10 of
   the regions, DescribeDBVersions per region and storage type, and 2,000 classes over
   (zone, postgresql, major, storage type) keys.
It covers everything benchmarks/corpus.py generates: the zones ap-guangzhou-3, ap-guangzhou-4,
ap-shanghai-2, ap-beijing-4, ap-chengdu-1 and their standby zones (the zone with its last digit
replaced by 9: ap-guangzhou-9, ...), DBMajorVersion 14..17, the default storage type
(PHYSICAL_LOCAL_SSD: the corpus sends no StorageType) and the SpecCodes pg.it.small2,
pg.it.2xlarge16 and cdb.pg.z1.2g, with MinStorage 10 and MaxStorage >= 1000 so every corpus
Storage value (10, 20, 25, 100, 250, 500) is inside the range. The corpus's deliberate faults
(Zone ap-mars-1 and the like) stay faults.
Usage: catalogue.py OUT_DIR   (prints one summary line to stderr)"""
import json, os, sys

CAPTURED = "2026-11-28T09:14:00Z"
LOCAL, CLOUD = "PHYSICAL_LOCAL_SSD", "CLOUD_SSD"
MAJORS = ["14", "15", "16", "17"]  # the corpus's DBMajorVersion values

# (region, RegionName, RegionId, SupportInternational, zone numbers); the first four are the
# corpus's regions, with its zones and the "-9" standby zones it puts in DBNodeSet.
REGIONS = [
    ("ap-guangzhou", "South China(Guangzhou)", 1, 1, [3, 4, 6, 7, 9]),
    ("ap-shanghai", "East China(Shanghai)", 4, 1, [2, 3, 4, 5, 9]),
    ("ap-beijing", "North China(Beijing)", 8, 1, [3, 4, 5, 6, 9]),
    ("ap-chengdu", "Southwest China(Chengdu)", 16, 1, [1, 2, 3, 4, 9]),
    ("ap-nanjing", "East China(Nanjing)", 33, 1, [1, 2, 3, 4, 5]),
    ("ap-chongqing", "Southwest China(Chongqing)", 19, 1, [1, 2, 3, 4, 5]),
    ("ap-shanghai-fsi", "East China(Shanghai Finance)", 7, 0, [1, 2, 3, 4, 5]),
    ("ap-shenzhen-fsi", "South China(Shenzhen Finance)", 11, 0, [1, 2, 3, 4, 5]),
    ("ap-beijing-fsi", "North China(Beijing Finance)", 46, 0, [1, 2, 3, 4, 5]),
    ("ap-hongkong", "Hong Kong, Macau and Taiwan (China)(Hong Kong, China)", 5, 1, [1, 2, 3, 4, 5]),
    ("ap-singapore", "Southeast Asia(Singapore)", 9, 1, [1, 2, 3, 4, 5]),
    ("ap-bangkok", "Southeast Asia(Bangkok)", 23, 1, [1, 2, 3, 4, 5]),
    ("ap-jakarta", "Southeast Asia(Jakarta)", 72, 1, [1, 2, 3, 4, 5]),
    ("ap-mumbai", "South Asia(Mumbai)", 21, 1, [1, 2, 3, 4, 5]),
    ("ap-seoul", "Northeast Asia(Seoul)", 18, 1, [1, 2, 3, 4, 5]),
    ("ap-tokyo", "Northeast Asia(Tokyo)", 25, 1, [1, 2, 3, 4, 5]),
    ("na-siliconvalley", "West US(Silicon Valley)", 15, 1, [1, 2, 3, 4, 5]),
    ("na-ashburn", "East US(Virginia)", 22, 1, [1, 2, 3, 4, 5]),
    ("eu-frankfurt", "Europe(Frankfurt)", 17, 1, [1, 2, 3, 4, 5]),
    ("sa-saopaulo", "South America(Sao Paulo)", 74, 1, [1, 2, 3, 4, 5]),
]
CLOUD_REGIONS = {r[0] for r in REGIONS[:10]}  # CLOUD_SSD is sold in the first 10 regions

# SpecCode: (CPU, Memory MB, MinStorage GB, MaxStorage GB, QPS)
LOCAL_SPECS = {
    "pg.it.small2": (1, 2048, 10, 3000, 1800),
    "pg.it.medium4": (2, 4096, 10, 6000, 4500),
    "pg.it.2xlarge16": (8, 16384, 10, 6000, 20000),
    "cdb.pg.z1.2g": (1, 2048, 10, 1000, 1500),
}
CLOUD_SPECS = {
    "pg.cs.medium4": (2, 4096, 10, 32000, 4000),
    "pg.cs.large8": (4, 8192, 10, 32000, 8000),
}
VERSIONS = [("14.11", "v14.11_r1.14"), ("15.6", "v15.6_r1.10"), ("16.4", "v16.4_r1.3"), ("17.0", "v17.0_r1.0")]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    counter = [0]
    entries = []

    def request_id():
        counter[0] += 1
        return f"be7c0000-0000-4000-8000-{counter[0]:012x}"

    def write(path, action, inner, region=None, params=None):
        p = os.path.join(out, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        inner["RequestId"] = request_id()
        with open(p, "w", encoding="utf-8") as f:
            f.write(json.dumps({"Response": inner}, indent=4, ensure_ascii=False) + "\n")
        entries.append((path, action, region, params))

    write("regions.json", "DescribeRegions", {
        "TotalCount": len(REGIONS),
        "RegionSet": [{"Region": r, "RegionName": name, "RegionId": rid, "SupportInternational": intl, "RegionState": "AVAILABLE"}
                      for r, name, rid, intl, _ in REGIONS]})

    n_zones = n_classes = 0
    for ri, (region, name, rid, _, numbers) in enumerate(REGIONS):
        zones = [f"{region}-{k}" for k in numbers]
        for st in [LOCAL, CLOUD] if region in CLOUD_REGIONS else [LOCAL]:
            specs = LOCAL_SPECS if st == LOCAL else CLOUD_SPECS
            zone_set = []
            for zi, (z, k) in enumerate(zip(zones, numbers)):
                # every fourth region outside the corpus's has its first zone sold out (still listed)
                state = "SELLOUT" if ri >= 4 and ri % 4 == 0 and zi == 0 else "AVAILABLE"
                zone_set.append({"Zone": z, "ZoneName": f"{name.split('(')[-1].rstrip(')')} Zone {k}",
                                 "ZoneId": rid * 100000 + k, "ZoneState": state, "ZoneSupportIpv6": int(zi < 2),
                                 "StandbyZoneSet": [o for o in zones if o != z]})
            n_zones += len(zone_set) if st == LOCAL else 0
            write(f"{region}/zones.{st}.json", "DescribeZones", {"TotalCount": len(zone_set), "ZoneSet": zone_set},
                  region, {"StorageType": st})
            write(f"{region}/versions.{st}.json", "DescribeDBVersions", {"VersionSet": [
                {"DBEngine": "postgresql", "DBVersion": v, "DBMajorVersion": v.split(".")[0], "DBKernelVersion": kv,
                 "SupportedFeatureNames": ["TDE"] if st == LOCAL else [], "Status": "AVAILABLE", "AvailableUpgradeTarget": []}
                for v, kv in VERSIONS]}, region, {"StorageType": st})
            for z in zones:
                for major in MAJORS:
                    classes = [{"SpecCode": code, "CPU": c, "Memory": m, "MaxStorage": mx, "MinStorage": mn, "QPS": q}
                               for code, (c, m, mn, mx, q) in specs.items()]
                    n_classes += len(classes)
                    write(f"{region}/classes/{z}.postgresql.{major}.{st}.json", "DescribeClasses", {"ClassInfoSet": classes},
                          region, {"Zone": z, "DBEngine": "postgresql", "DBMajorVersion": major, "StorageType": st})

    lines = ["# benchmark catalogue, generated by benchmarks/catalogue.py (deterministic); do not edit by hand.",
             "version: 1", "site: intl", f"captured: {CAPTURED}", "files:"]
    for path, action, region, params in entries:
        lines.append(f"  - path: {path}")
        lines.append(f"    action: {action}")
        if region:
            lines.append(f"    region: {region}")
        if params:
            lines.append("    params: {" + ", ".join(f"{k}: {json.dumps(v) if k == 'DBMajorVersion' else v}"
                                               for k, v in params.items()) + "}")
    with open(os.path.join(out, "manifest.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    written = {os.path.normpath(e[0]) for e in entries} | {"manifest.yaml"}
    stray = sorted(os.path.relpath(os.path.join(d, n), out) for d, _, names in os.walk(out) for n in names
                   if os.path.relpath(os.path.join(d, n), out) not in written)
    if stray:
        sys.exit(f"catalogue.py: {out} holds files not in the manifest (use an empty OUT_DIR): {', '.join(stray[:5])}")
    print(f"catalogue.py: {len(REGIONS)} regions, {n_zones} zones, {n_classes} classes, {len(entries)} files in {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
