#!/usr/bin/env bash
# The same flat project of N activities scheduled by `roadmap schedule
# --format json` and by TaskJuggler (`tj3 --no-reports`), both as whole
# processes: wall time and peak memory of each, and the ratio (BENCHMARKS.md).
#
#   scripts/tj3-compare.sh                 # N = 100, 1000, 5000, 20000
#   TJ_TIMEOUT=120 scripts/tj3-compare.sh  # cap each tj3 run (default 600 s)
#   SIZES="100 1000" scripts/tj3-compare.sh
#
# Both files come from `roadmap-generate` (benches/generate.rs): `flat` writes
# the roadmap, `tjp` the same tasks, dates, dependencies, lags and durations
# for TaskJuggler. Results: target/bench-results/tj3.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${BENCH_DATA:-target/bench-data}
OUT=${BENCH_RESULTS:-target/bench-results}
ROADMAP=target/release/roadmap
GENERATE=target/release/examples/roadmap-generate
TJ_TIMEOUT=${TJ_TIMEOUT:-600}
read -r -a SIZES <<<"${SIZES:-100 1000 5000 20000}"

install() { # Debian package
    echo "== installing $1" >&2
    if [[ $(id -u) == 0 ]]; then apt-get update -qq && apt-get install -y -qq "$1" >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq "$1" >/dev/null; fi
}
command -v tj3 >/dev/null 2>&1 || install tj3
command -v hyperfine >/dev/null 2>&1 || install hyperfine
[[ -x /usr/bin/time ]] || install time

echo "== cargo build --release (roadmap, roadmap-generate)" >&2
cargo build --release --quiet --bin roadmap --example roadmap-generate
mkdir -p "$DATA" "$OUT"

if "$ROADMAP" schedule --help >/dev/null 2>&1; then
    OURS=(schedule --format json)
else
    OURS=(check --color never)
fi

# measure NAME LIMIT CMD…: one run under /usr/bin/time, killed after LIMIT
# seconds, gives PEAK (KB) and STATUS (ok, timeout, or "exit N"); if it took
# over 10 s it is the measurement (RUNS=1), else hyperfine times 5 more runs
# and WALL is their median (raw runs in $OUT/NAME.json).
measure() {
    local name=$1 limit=$2; shift 2
    local tmp code
    tmp=$(mktemp)
    /usr/bin/time -o "$tmp" -f '%e %M %x' timeout "$limit" "$@" >/dev/null 2>&1 || true
    read -r WALL PEAK code < <(tail -1 "$tmp")
    rm -f "$tmp"
    RUNS=1 STATUS=ok
    if [[ $code == 124 ]]; then STATUS=timeout; return; fi
    if [[ $code != 0 ]]; then STATUS="exit $code"; return; fi
    awk -v w="$WALL" 'BEGIN { exit !(w > 10) }' && return
    hyperfine --style none --shell=none --warmup 1 --runs 5 \
        --export-json "$OUT/$name.json" -- "$(printf '%q ' "$@")" >/dev/null
    WALL=$(grep -o '"median": *[0-9.e+-]*' "$OUT/$name.json" | head -1 | sed 's/.*: *//')
    RUNS=5
}

fmt_s() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.0f ms", s * 1000; else printf "%.1f s", s }'; }

REPORT=$OUT/tj3.md
{
    echo "| activities | roadmap ${OURS[*]}: wall | peak RSS | tj3 --silent --no-reports: wall | peak RSS | tj3 / roadmap (time) | tj3 / roadmap (memory) | commands |"
    echo "|---|---|---|---|---|---|---|---|"
} >"$REPORT"
for n in "${SIZES[@]}"; do
    roadmap=$DATA/flat-$n.roadmap
    tjp=$DATA/flat-$n.tjp
    [[ -f $roadmap ]] || "$GENERATE" flat "$roadmap" --activities "$n"
    "$GENERATE" tjp "$tjp" --activities "$n"
    measure "roadmap-flat-$n" 600 "$ROADMAP" "${OURS[@]}" "$roadmap"
    ours_wall=$WALL ours_peak=$PEAK
    echo "   $n: roadmap $(fmt_s "$ours_wall") ($RUNS runs)" >&2
    # tj3 must read the project without errors, or the comparison is void.
    if [[ $n == "${SIZES[0]}" ]] && ! tj3 --silent --no-reports "$tjp" >/dev/null 2>"$OUT/tj3-$n.err"; then
        echo "tj3 rejects $tjp:" >&2; tail -5 "$OUT/tj3-$n.err" >&2; exit 1
    fi
    measure "tj3-flat-$n" "$TJ_TIMEOUT" tj3 --silent --no-reports "$tjp"
    if [[ $STATUS != ok && $STATUS != timeout ]]; then
        echo "tj3 failed ($STATUS) on $tjp" >&2; exit 1
    fi
    if [[ $STATUS == timeout ]]; then
        tj_wall="> $TJ_TIMEOUT s (timeout)"; ratio="> $(awk -v a="$TJ_TIMEOUT" -v b="$ours_wall" 'BEGIN { printf "%.0f", a / b }')×"
        mem="–"; tj_peak="–"
    else
        tj_wall=$(fmt_s "$WALL")
        ratio="$(awk -v a="$WALL" -v b="$ours_wall" 'BEGIN { printf "%.0f", a / b }')×"
        mem="$(awk -v a="$PEAK" -v b="$ours_peak" 'BEGIN { printf "%.1f", a / b }')×"
        tj_peak="$((PEAK / 1024)) MB"
    fi
    echo "   $n: tj3 $tj_wall ($RUNS runs)" >&2
    printf '| %s | %s | %s MB | %s | %s | %s | %s | `roadmap %s %s`; `tj3 --silent --no-reports %s` |\n' \
        "$n" "$(fmt_s "$ours_wall")" "$((ours_peak / 1024))" "$tj_wall" "$tj_peak" "$ratio" "$mem" \
        "${OURS[*]}" "$roadmap" "$tjp" >>"$REPORT"
done
echo "== done: $REPORT" >&2
cat "$REPORT"
