#!/usr/bin/env bash
# Instruction counts: runs tcpglint under valgrind's callgrind on a fixed set of inputs and prints
# the total instructions of each run, which vary far less between runs than wall times on a shared
# machine. The rows: the first 1,000 files of the benchmark's small corpus (sorted, copied to
# benchmarks/out/callgrind-1000 so the linted set is stable) on one thread, with the built-in
# pack, with it and the benchmark's catalogue, and with the 1,000-rule policy; and a one-file
# lint (start-up), without and with the catalogue. The corpora are the ones
# benchmarks/run.sh uses (benchmarks/corpus.sh, generated once and shared).
# Usage: benchmarks/callgrind.sh [--compare BASE_BIN] [SMALL_FILES]
#   TCPGLINT_BIN=/path  measure that binary instead of building one (the default builds it with
#                       swift build -c release --static-swift-stdlib --product tcpglint)
#   --compare BASE_BIN  also run the rows with BASE_BIN and print new/base per row, "ok" within
#                       +3%, "SLOWER" beyond. A measurement, not a test: the exit status is 0.
# The callgrind files stay in benchmarks/out/callgrind/ for callgrind_annotate.
set -euo pipefail
here=$PWD
cd "$(dirname "$0")/.."
# Binaries may be given relative to where the script was started.
abs() { case $1 in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }

base=""
while [ $# -gt 0 ]; do
    case $1 in
        --compare) base=$(abs "${2:?--compare needs a binary}"); shift 2 ;;
        -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
n="${1:-10000}"
work=benchmarks/out
out="$work/callgrind"
mkdir -p "$work" "$out"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 2; }

if [ -n "${TCPGLINT_BIN:-}" ]; then
    bin=$(abs "$TCPGLINT_BIN")
else
    # --static-swift-stdlib, as the README builds it: the one-file run is mostly start-up.
    swift build -c release --static-swift-stdlib --product tcpglint >/dev/null
    bin=.build/release/tcpglint
fi
for b in "$bin" ${base:+"$base"}; do
    [ -x "$b" ] || { echo "callgrind.sh: $b is not an executable" >&2; exit 2; }
done

. benchmarks/corpus.sh
ensure_corpus "$work" "$n"

# The first 1,000 files of the small corpus, copied afresh each time (cheap, and a copy cannot
# follow the corpus if it is regenerated under a run).
subset="$work/callgrind-1000"
rm -rf "$subset"
mkdir -p "$subset"
find "$work/corpus/small" -type f | LC_ALL=C sort | awk 'NR <= 1000' > "$work/callgrind-1000.list"
xargs -d '\n' cp -t "$subset" < "$work/callgrind-1000.list"
count=$(find "$subset" -type f | wc -l)
[ "$count" -eq "$(sort -u < <(xargs -d '\n' -n1 basename < "$work/callgrind-1000.list") | wc -l)" ] ||
    { echo "callgrind.sh: file names in the corpus collide when copied flat" >&2; exit 2; }

# 402123456 -> 402,123,456
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# The benchmark's catalogue snapshot (benchmarks/catalogue.py: 20 regions, 2,000 classes,
# covering the corpus), built as run.sh builds it; its date is fixed, so a large maximum age
# keeps the staleness warning out.
rm -rf "$work/catalogue-raw"
python3 benchmarks/catalogue.py "$work/catalogue-raw" 2>/dev/null
"$bin" catalogue build "$work/catalogue-raw" -o "$work/catalogue.json" >/dev/null
cat_args=(--catalogue "$work/catalogue.json" --catalogue-max-age 100000)

# The rows: a name (for the callgrind files), a label and the tcpglint arguments.
names=(builtin catalogue policy one onecat)
labels=("built-in pack, $(commas "$count") files, --jobs 1"
        "... with --catalogue"
        "1,000-rule policy, $(commas "$count") files, --jobs 1"
        "one-file lint (one.json)"
        "... with --catalogue")
args_builtin=(lint --jobs 1 --format json "$subset")
args_catalogue=(lint --jobs 1 --format json "${cat_args[@]}" "$subset")
args_policy=(lint --jobs 1 --format json --policy "$work/corpus/policy.yaml" "$subset")
args_one=(lint "$work/corpus/one.json")
args_onecat=(lint "${cat_args[@]}" "$work/corpus/one.json")

# instructions BIN NAME TAG: runs row NAME under callgrind, prints its total instructions (Ir)
instructions() {
    local b=$1 name=$2 tag=$3 status=0
    local file="$out/$name.$tag.out" log="$out/$name.$tag.log"
    local -n args="args_$name"
    rm -f "$file"
    # tcpglint exits 1 when it finds problems: expected here.
    valgrind --tool=callgrind --callgrind-out-file="$file" "$b" "${args[@]}" >/dev/null 2>"$log" || status=$?
    if [ "$status" -gt 1 ] || [ ! -s "$file" ]; then
        echo "callgrind.sh: $b ${args[*]} failed (status $status); see $log" >&2
        tail -5 "$log" >&2
        exit 2
    fi
    # "summary: Ir" (or "totals:" in older versions): the first event is Ir.
    awk '/^(summary|totals):/ { print $2; exit }' "$file"
}

if [ -z "$base" ]; then
    declare -A irs
    printf '%-44s %16s\n' "run" "instructions"
    for i in "${!names[@]}"; do
        ir=$(instructions "$bin" "${names[$i]}" new)
        irs[${names[$i]}]=$ir
        printf '%-44s %16s\n' "${labels[$i]}" "$(commas "$ir")"
    done
    awk -v a="${irs[catalogue]}" -v b="${irs[builtin]}" -v c="${irs[onecat]}" -v d="${irs[one]}" \
        'BEGIN { printf "--catalogue vs without: %.3fx on the files, %.3fx on one file\n", a / b, c / d }'
else
    printf '%-44s %16s %16s %8s\n' "run" "new" "base" "new/base"
    for i in "${!names[@]}"; do
        ir=$(instructions "$bin" "${names[$i]}" new)
        irb=$(instructions "$base" "${names[$i]}" base)
        read -r ratio verdict < <(awk -v a="$ir" -v b="$irb" \
            'BEGIN { r = a / b; printf "%.3f %s\n", r, (r <= 1.03 ? "ok" : "SLOWER") }')
        printf '%-44s %16s %16s %8s  %s\n' "${labels[$i]}" "$(commas "$ir")" "$(commas "$irb")" "$ratio" "$verdict"
    done
fi
exit 0
