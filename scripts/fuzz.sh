#!/usr/bin/env bash
# Fuzzes tcpglint with libFuzzer, seeded from testdata.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
#
# TARGET is json (the JSON scanner), yaml (the YAML loader and suppression comments), rules (the
# rule-file loader), lint (a whole lint of one file, every output format rendered), catalogue-raw
# (a saved API response, as `catalogue build` reads one) or catalogue-file (a built catalogue,
# which must render and decode again to itself) or fix (every fix applied in verified rounds:
# a round that does not verify is a crash); by default all seven, for SECONDS each (default 30). The corpus grows in .build-fuzz/corpus/TARGET between
# runs; a crash is saved in .build-fuzz/artifacts/TARGET/ and makes the script fail. Replay one
# with: TCPGLINT_FUZZ=TARGET .build/debug/TcpglintFuzz FILE (a normal build is a replay tool).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(json yaml rules lint catalogue-raw catalogue-file fix)

runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-$(uname -m).a"
[ -f "$runtime" ] || { echo "fuzz.sh: libFuzzer ($runtime) is not in this toolchain" >&2; exit 2; }

# The fuzzer instruments every target (the frontend's -sanitize=fuzzer) and links libFuzzer's
# driver without its main: the harness's own main calls it, and build tools keep theirs.
swift build --product TcpglintFuzz --scratch-path .build-fuzz --sanitize=address \
    -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
    -Xlinker "$runtime" -Xlinker -lstdc++ >/dev/null
bin=.build-fuzz/debug/TcpglintFuzz
# The catalogue-file seeds are built catalogues; tcpglint builds them (a plain debug build).
# If that build fails, the example catalogue alone seeds the target.
tcpglint=""
if [[ " ${targets[*]} " == *" catalogue-file "* ]]; then
    if swift build --product tcpglint >/dev/null; then tcpglint=.build/debug/tcpglint; fi
fi

seed() {
    local target=$1 dir=$2
    mkdir -p "$dir"
    case "$target" in
        json)  find testdata -name '*.json' -size -64k ;;
        yaml)  find testdata rules -name '*.y*ml' -size -64k ;;
        rules) find rules testdata/rulefiles testdata/policies testdata/org/policies -name '*.yaml' -size -64k ;;
        lint|fix)  find testdata -\( -name '*.json' -o -name '*.y*ml' \) -size -64k ;;
        catalogue-raw) find testdata/catalogue -name '*.json' -size -64k ;;
        # The built catalogues: the example, and one built from each good raw folder (by the
        # fuzz binary's own build of tcpglint, so the seeds follow the current file format).
        catalogue-file)
            echo rules/example-catalogue.json
            for d in testdata/catalogue/*/; do
                [ -f "$d/manifest.yaml" ] || continue
                local built=.build-fuzz/catalogue-seeds/$(basename "$d").json
                mkdir -p .build-fuzz/catalogue-seeds
                if [ -n "$tcpglint" ] && "$tcpglint" catalogue build "$d" -o "$built" >/dev/null 2>&1; then
                    echo "$built"
                fi
            done ;;
    esac | while read -r f; do cp "$f" "$dir/seed-$(printf '%s' "$f" | tr '/' '_')"; done
}

status=0
printf '%-14s %8s %10s %9s %7s %7s\n' target seconds executions "execs/s" corpus crashes
for t in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$t
    artifacts=.build-fuzz/artifacts/$t/
    mkdir -p "$artifacts"
    seed "$t" "$corpus"
    log=.build-fuzz/fuzz-$t.log
    # Leak checks are off: the harness keeps the compiled rule set for the whole run.
    if ! TCPGLINT_FUZZ=$t ASAN_OPTIONS=detect_leaks=0 "$bin" "$corpus" -max_total_time="$seconds" -max_len=8192 \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1; then
        status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "$artifacts" -type f | wc -l)
    size=$(find "$corpus" -type f | wc -l)
    printf '%-14s %8s %10s %9s %7s %7s\n' "$t" "$seconds" "${runs:-0}" "$(( ${runs:-0} / seconds ))" "$size" "$crashes"
    if ((crashes)); then
        status=1
        echo "fuzz.sh: $t found a crash; see $log and $artifacts" >&2
        tail -30 "$log" >&2
    fi
done
exit $status
