#!/usr/bin/env python3
"""Times two commands in alternate runs, the order swapped each time, to the microsecond.

Usage: pairs.py REPEAT COMMAND_A... -- COMMAND_B...
Prints: the median wall seconds of A, of B, the median of the pairs' ratios B/A, and B's largest
peak RSS in KiB. The ratio of each pair comes from two runs a moment apart, so a drift of a
shared machine's load spoils it far less than it spoils two measurements made one after the
other. Each command is spawned directly (no shell, no /usr/bin/time) and its own resource use is
read with wait4.
"""
import os
import statistics
import subprocess
import sys
import time

repeat, *rest = sys.argv[1:]
split = rest.index("--")
runs = {"a": rest[:split], "b": rest[split + 1 :]}
walls = {"a": [], "b": []}
ratios, rss = [], 0
for i in range(int(repeat)):
    t = {}
    for side in ("a", "b") if i % 2 else ("b", "a"):
        start = time.perf_counter()
        child = subprocess.Popen(runs[side], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        t[side] = time.perf_counter() - start
        child.returncode = 0  # reaped here: keep Popen from waiting again
        walls[side].append(t[side])
        if side == "b":
            rss = max(rss, usage.ru_maxrss)
    ratios.append(t["b"] / t["a"])
med = statistics.median
print(f"{med(walls['a']):.4f} {med(walls['b']):.4f} {med(ratios):.3f} {rss}")
