#!/usr/bin/env bash
# The benchmark: generates its corpora deterministically, runs tcpglint beside the floor (reading
# the bytes plus a libyaml event scan, floor.c) and check-jsonschema with the schema tcpglint
# exports, and prints one table with the ratios. Usage: benchmarks/run.sh [SMALL_FILES]
#   TCPGLINT_BIN=/path  measure that binary instead of building one (to compare two builds on the
#                       same corpora, as benchmarks/callgrind.sh --compare does for instructions)
set -euo pipefail
cd "$(dirname "$0")/.."
# check-jsonschema from the environment scripts/test makes, when there is one.
[ -d .build/test-venv/bin ] && PATH="$PWD/.build/test-venv/bin:$PATH"
n="${1:-10000}"
work=benchmarks/out
mkdir -p "$work"

# --static-swift-stdlib, as the README builds it: the one-file run is mostly start-up.
if [ -n "${TCPGLINT_BIN:-}" ]; then
    bin=$(realpath "$TCPGLINT_BIN")
else
    swift build -c release --static-swift-stdlib --product tcpglint >/dev/null
    bin=.build/release/tcpglint
fi
cc -O2 -o "$work/floor" benchmarks/floor.c -lyaml

# The corpora are generated once per size and corpus version (benchmarks/corpus.sh).
. benchmarks/corpus.sh
ensure_corpus "$work" "$n"
small="$work/corpus/small"
big="$work/corpus-100k/small"
find "$small" -type f | sort > "$work/small.list"
find "$big" -type f | sort > "$work/big.list"
bytes=$(cat "$work/small.list" | xargs cat | wc -c)
cores=$(nproc)

# measure NAME COMMAND...: the median wall seconds of $REPEAT runs (default 3; timings on a
# shared machine vary by 10-20%) and the largest peak RSS (KiB), into $wall and $rss
measure() {
    local name=$1; shift
    local walls=() rsses=() w r
    for _ in $(seq "${REPEAT:-3}"); do
        /usr/bin/time -f "%e %M" -o "$work/time.$name" "$@" >"$work/out.$name" 2>&1 || true
        read -r w r < <(tail -1 "$work/time.$name")
        walls+=("$w"); rsses+=("$r")
    done
    wall=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (${#walls[@]} + 1) / 2 ))p")
    rss=$(printf '%s\n' "${rsses[@]}" | sort -g | tail -1)
}

printf '%-44s %9s %9s %9s %10s\n' "run" "wall s" "files/s" "MB/s" "peak RSS"
row() { printf '%-44s %9s %9s %9s %8s MB\n' "$1" "$2" "$(python3 -c "print(int($3/max($2,0.001)))")" \
    "$(python3 -c "print(round($4/1048576/max($2,0.001),1))")" "$(( $5 / 1024 ))"; }

measure floor sh -c "'$work/floor' - < '$work/small.list'"; floor=$wall; row "(b) floor: read + libyaml scan, 1 thread" "$wall" "$n" "$bytes" "$rss"
measure one "$bin" lint --jobs 1 --format json "$small"; t1=$wall; row "(c) tcpglint, 1 thread" "$wall" "$n" "$bytes" "$rss"
measure all "$bin" lint --jobs "$cores" --format json "$small"; tn=$wall; row "(c) tcpglint, $cores threads" "$wall" "$n" "$bytes" "$rss"
found_tcpg=$(python3 -c "import json;d=json.load(open('$work/out.all'));print(len({f['file'] for f in d['findings'] if f['severity']=='error'}))")
# A catalogue snapshot covering the corpus (benchmarks/catalogue.py), built once. Its captured
# date is fixed, so --catalogue-max-age keeps the staleness warning out of the timed runs.
rm -rf "$work/catalogue-raw"
python3 benchmarks/catalogue.py "$work/catalogue-raw" 2>/dev/null
"$bin" catalogue build "$work/catalogue-raw" -o "$work/catalogue.json" >/dev/null
cat_args=(--catalogue "$work/catalogue.json" --catalogue-max-age 100000)
# With and without the catalogue in alternate runs (benchmarks/pairs.py, $PAIR_REPEAT pairs,
# default 15): the median of the pairs' ratios.
read -r tpn tc pair_ratio cat_rss < <(python3 benchmarks/pairs.py "${PAIR_REPEAT:-15}" \
    "$bin" lint --jobs "$cores" --format json "$small" -- \
    "$bin" lint --jobs "$cores" "${cat_args[@]}" --format json "$small")
row "(c) tcpglint --catalogue, $cores threads" "$(printf %.2f "$tc")" "$n" "$bytes" "$cat_rss"
measure policy "$bin" lint --jobs "$cores" --policy "$work/corpus/policy.yaml" --format json "$small"; tp=$wall
row "tcpglint + a 1,000-rule policy, $cores threads" "$wall" "$n" "$bytes" "$rss"

if command -v check-jsonschema >/dev/null; then
    "$bin" schema > "$work/schema.json"
    REPEAT=1 measure cj sh -c "cat '$work/small.list' | xargs check-jsonschema --schemafile '$work/schema.json'"
    cj=$wall; row "(a) check-jsonschema with tcpglint's schema" "$wall" "$n" "$bytes" "$rss"
    found_cj=$(grep -o '^  [^:]*::' "$work/out.cj" | sed 's/::$//' | sort -u | wc -l)
else
    cj=0; found_cj="n/a"
fi

bigbytes=$(cat "$work/big.list" | xargs cat | wc -c)
bign=$(wc -l < "$work/big.list")
measure big "$bin" lint --jobs "$cores" --format json "$big"; row "tcpglint, $bign files, $cores threads" "$wall" "$bign" "$bigbytes" "$rss"; bigrss=$rss
streambytes=$(wc -c < "$work/corpus/stream.yaml")
measure stream "$bin" lint --jobs "$cores" --format json "$work/corpus/stream.yaml"; row "tcpglint, one $((streambytes/1048576)) MB YAML stream" "$wall" 1 "$streambytes" "$rss"; streamrss=$rss
widebytes=$(wc -c < "$work/corpus/wide.json")
measure wide "$bin" lint --jobs "$cores" --format json "$work/corpus/wide.json"; row "tcpglint, one request of 80,000 DBNodeSet items" "$wall" 1 "$widebytes" "$rss"
REPEAT=1 measure single "$bin" lint "$work/corpus/one.json"
# Start to exit of a one-file run: hyperfine when installed (it spawns without a shell), else a
# Python loop (which adds its own spawn time, about a millisecond).
if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 5 -r 50 --export-json "$work/single.json" "$bin lint $work/corpus/one.json" >/dev/null 2>&1
    start=$(python3 -c "import json,statistics;r=json.load(open('$work/single.json'))['results'][0]['times'];print(f'{statistics.median(r)*1000:.1f}')")
    how="hyperfine, median of 50"
else
    start=$(python3 - "$bin" "$work/corpus/one.json" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(50):
    t = time.perf_counter(); subprocess.run([sys.argv[1], "lint", sys.argv[2]], stdout=subprocess.DEVNULL); runs.append(time.perf_counter() - t)
runs.sort(); print(f"{runs[len(runs)//2]*1000:.1f}")
PY
)
    how="Python subprocess, median of 50"
fi
# The same one-file run with and without the catalogue, in 100 alternate pairs: what loading it
# adds to start-up.
read -r one_no one_cat one_ratio one_rss < <(python3 benchmarks/pairs.py 100 \
    "$bin" lint "$work/corpus/one.json" -- "$bin" lint "${cat_args[@]}" "$work/corpus/one.json")
startcat=$(python3 -c "print(f'{$one_cat*1000:.1f}')")
row "tcpglint --catalogue, one file (start to exit)" "$(printf %.4f "$one_cat")" 1 \
    "$(wc -c < "$work/corpus/one.json")" "$one_rss"
echo
echo "one-file run, start to exit ($how): ${start} ms"
echo "one-file run with --catalogue, start to exit (Python, median of 100 alternate pairs): ${startcat} ms"
echo "broken files found: tcpglint $found_tcpg, check-jsonschema $found_cj"
python3 - "$floor" "$t1" "$tn" "$tp" "$cj" "$bigrss" "$streamrss" "$streambytes" "$tc" "$start" "$startcat" "$tpn" "$pair_ratio" "${PAIR_REPEAT:-15}" "$one_ratio" <<'PY'
import sys
floor, t1, tn, tp, cj, bigrss, streamrss, streambytes, tc, start, startcat, tpn, pair_ratio, pair_n, one_ratio = map(float, sys.argv[1:])
print(f"tcpglint (all cores) vs check-jsonschema: {cj/tn:.1f}x faster" if cj else "check-jsonschema: not installed")
print(f"tcpglint (all cores) vs the floor: {tn/floor:.2f}x the floor's time; one thread: {t1/floor:.2f}x")
print(f"1,000-rule policy vs the built-in pack: {tp/tn:.2f}x")
print(f"--catalogue vs without: {pair_ratio:.3f}x on the small corpus, all cores (median of {pair_n:.0f} alternate pairs; medians {tc} s and {tpn} s); {one_ratio:.3f}x on one file (100 pairs)")
print(f"peak RSS, 100,000 files: {bigrss/1024:.0f} MB; 50 MB stream: {streamrss/1024:.0f} MB ({streamrss*1024/streambytes:.1f}x its size)")
PY
