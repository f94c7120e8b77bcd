#!/usr/bin/env python3
"""Generates the benchmark corpora deterministically (a fixed seed) under OUT:
   small/   N small request files, JSON and YAML, about 20% of them invalid;
   stream.yaml  one multi-document YAML stream of about SIZE MB;
   one.json     a single request;
   wide.json    one request with 80,000 DBNodeSet items (about 5 MB): rules bound to an item
                must stay linear in the number of items;
   policy.yaml  a policy with RULES rules: value checks, conditions (plain and bound to the
                same DBNodeSet item), forbidden values and lengths.
Usage: corpus.py OUT N SIZE_MB RULES"""
import json, os, random, sys

out, n, size_mb, rules = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(20261129)
ZONES = ["ap-guangzhou-3", "ap-guangzhou-4", "ap-shanghai-2", "ap-beijing-4", "ap-chengdu-1"]

def request(i, invalid):
    zone = rng.choice(ZONES)
    r = {
        "Region": zone.rsplit("-", 1)[0], "Zone": zone, "SpecCode": rng.choice(["pg.it.small2", "pg.it.2xlarge16", "cdb.pg.z1.2g"]),
        "Storage": rng.choice([10, 20, 100, 250, 500]), "InstanceCount": 1, "Period": rng.choice([1, 3, 12, 36]),
        "Charset": rng.choice(["UTF8", "LATIN1"]), "AdminName": f"admin_{i % 1000}", "AdminPassword": "${PG_ADMIN_PASSWORD}",
        "DBMajorVersion": rng.choice(["14", "15", "16", "17"]), "VpcId": "vpc-8e0ypm3z", "SubnetId": "subnet-bthucmmy",
        "Name": f"svc-{i}-pg", "TagList": [{"TagKey": "owner", "TagValue": f"team{i % 50}@example.com"}],
    }
    if rng.random() < 0.3:
        r["DBNodeSet"] = [{"Role": "Primary", "Zone": zone}, {"Role": "Standby", "Zone": zone[:-1] + "9"}]
    if invalid:
        fault = rng.randrange(6)
        if fault == 0: r["Charset"] = "utf8"
        elif fault == 1: r["Storage"] = 25
        elif fault == 2: r["InstanceName"] = r.pop("Name")
        elif fault == 3: r["Period"] = 13
        elif fault == 4: del r["VpcId"]
        else: r["Zone"] = "ap-mars-1"
    return r

def yaml_of(r):
    lines = []
    for k, v in r.items():
        if isinstance(v, list):
            lines.append(f"{k}:")
            for item in v:
                lines.append("  - {" + ", ".join(f"{a}: {json.dumps(b)}" for a, b in item.items()) + "}")
        else:
            lines.append(f"{k}: {json.dumps(v)}")
    return "\n".join(lines) + "\n"

os.makedirs(os.path.join(out, "small"), exist_ok=True)
for i in range(n):
    d = os.path.join(out, "small", f"d{i // 1000:03d}")
    os.makedirs(d, exist_ok=True)
    r = request(i, rng.random() < 0.2)
    if i % 2:
        open(os.path.join(d, f"r{i:06d}.json"), "w").write(json.dumps(r, indent=2) + "\n")
    else:
        open(os.path.join(d, f"r{i:06d}.yaml"), "w").write(yaml_of(r))

with open(os.path.join(out, "stream.yaml"), "w") as f:
    written, i = 0, 0
    while written < size_mb * 1024 * 1024:
        doc = "---\n" + yaml_of(request(i, rng.random() < 0.2))
        f.write(doc)
        written += len(doc)
        i += 1

open(os.path.join(out, "one.json"), "w").write(json.dumps(request(0, False), indent=2) + "\n")

wide = request(0, False)
wide["DBNodeSet"] = [{"Role": "Primary" if k == 0 else "Standby", "Zone": ZONES[k % 2]} for k in range(80000)]
open(os.path.join(out, "wide.json"), "w").write(json.dumps(wide) + "\n")

with open(os.path.join(out, "policy.yaml"), "w") as f:
    f.write("namespace: Bench\nrules:\n")
    targets = ["Name", "AdminName", "Zone", "SpecCode", "VpcId", "SubnetId", "TagList[*].TagValue", "DBNodeSet[*].Zone"]
    for k in range(rules):
        t = targets[k % len(targets)]
        kind = k % 4
        if kind == 0:
            check, when = f"{{pattern: {{regex: 'zz{k}q', negate: true}}}}", ""
        elif kind == 1:
            check = f"{{forbid: {{values: [zz{k}q], prefixes: [yy{k}]}}}}"
            when = f"\n    when: {{any: [{{param: Region, in: [ap-guangzhou, ap-shanghai, ap-beijing]}}, {{param: Period, check: {{integer: {{min: {k % 36}}}}}}}]}}"
        elif kind == 2:
            t = "DBNodeSet[*].Zone"
            check = f"{{pattern: {{regex: '^ap-[a-z]+-[0-9]+$'}}}}"
            when = f"\n    when: {{param: \"DBNodeSet[*].Role\", equals: {'Primary' if k % 8 == 2 else 'Standby'}}}"
        else:
            check, when = f"{{length: {{max: {64 + k % 7}}}}}", f"\n    when: {{not: {{param: Charset, equals: zz{k}q}}}}"
        f.write(f"""  - id: bench-rule-{k}
    code: Bench.Rule{k}
    severity: warning
    summary: a generated rule
    message: "{{param}} {{value}} matched generated rule {k}"
    target: "{t}"{when}
    check: {check}
    source: {{ref: PAGE, quote: "generated"}}
    examples: {{valid: [{{Name: a}}], invalid: [{{Name: zz{k}q}}]}}
""")
