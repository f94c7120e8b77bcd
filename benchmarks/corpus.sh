# Sourced by run.sh and callgrind.sh (from the package root): ensure_corpus WORK N generates the
# benchmark corpora under WORK once per size and corpus version (bump the marker's version when
# corpus.py changes), so both scripts share them: WORK/corpus (N small files, the stream, one.json,
# wide.json and the 1,000-rule policy) and WORK/corpus-100k.
ensure_corpus() {
    local work=$1 n=$2
    if [ ! -f "$work/.done-v2-$n" ]; then
        rm -rf "$work/corpus" "$work/corpus-100k" "$work"/.done-*
        python3 benchmarks/corpus.py "$work/corpus" "$n" 50 1000
        python3 benchmarks/corpus.py "$work/corpus-100k" 100000 1 1 >/dev/null 2>&1 || true
        touch "$work/.done-v2-$n"
    fi
}
