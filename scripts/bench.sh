#!/usr/bin/env bash
# Benchmarks of `roadmap` at national scale (see BENCHMARKS.md): whole
# processes of the release build, timed by hyperfine, peak memory from
# /usr/bin/time. Nothing here asserts a time.
#
#   scripts/bench.sh            # everything, ~10-15 minutes on 2 cores
#   QUICK=1 scripts/bench.sh    # the small sizes only, ~1 minute
#
# Data goes to target/bench-data/, results to target/bench-results/
# (report.md: the tables of BENCHMARKS.md; *.json: hyperfine's raw runs).
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${BENCH_DATA:-target/bench-data}
OUT=${BENCH_RESULTS:-target/bench-results}
# The curves of a full run are the ones BENCHMARKS.md shows.
if [[ ${QUICK:-0} == 1 ]]; then PLOTS=${PLOTS:-$OUT/plots}; else PLOTS=${PLOTS:-docs/bench}; fi
ROADMAP=target/release/roadmap
GENERATE=target/release/examples/roadmap-generate

if [[ ${QUICK:-0} == 1 ]]; then
    PLANS=(100 1000)
    INSTANTIATE=(100)
    STANDALONE=(100)
    FLAT=(100 1000 5000)
    ROLLUP=(100 1000)
    IMPORT=(5000)
else
    PLANS=(100 1000 10000 40000)
    # instantiate writes (and syncs) a file per plan: ~25 s per 10,000 here
    INSTANTIATE=(100 1000 10000)
    STANDALONE=(100 1000 10000)
    FLAT=(100 1000 5000 20000)
    ROLLUP=(100 1000 10000)
    # 1,000,000 rows make a workbook of ~47 MB, the largest a department sends
    IMPORT=(5000 50000 1000000)
fi

need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 && return
    echo "== installing $2" >&2
    if [[ $(id -u) == 0 ]]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
need hyperfine hyperfine
[[ ${TJ:-1} == 1 ]] && need tj3 tj3
TJ_TIMEOUT=${TJ_TIMEOUT:-600}
[[ -x /usr/bin/time ]] || need /usr/bin/time time

echo "== cargo build --release (roadmap, roadmap-generate)" >&2
cargo build --release --quiet --bin roadmap --example roadmap-generate
mkdir -p "$DATA" "$OUT"

# Runs for a command that takes about this long: enough for a median, and the
# whole benchmark stays well under 30 minutes on 2 cores.
runs_for() { # seconds of one run
    awk -v s="$1" 'BEGIN { r = (s < 0.2) ? 20 : (s < 2) ? 10 : (s < 10) ? 5 : 3; print r }'
}

# time_cmd NAME CMD… : one run under /usr/bin/time (peak memory into $PEAK_KB),
# then the median wall time (s) of hyperfine's runs into $MEDIAN (raw runs in
# $OUT/NAME.json) and the CPU time (user+sys, mean) into $CPU. A command that
# takes over 30 s is run once: that run is the measurement.
time_cmd() {
    local name=$1; shift
    local tmp wall user sys
    tmp=$(mktemp)
    /usr/bin/time -o "$tmp" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    read -r wall user sys PEAK_KB < <(tail -1 "$tmp")
    rm -f "$tmp"
    if awk -v w="$wall" 'BEGIN { exit !(w > 30) }'; then
        MEDIAN=$wall
        CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
        printf '{ "note": "one run of over 30 s", "median": %s, "user": %s, "system": %s }\n' \
            "$wall" "$user" "$sys" >"$OUT/$name.json"
        return
    fi
    hyperfine --style none --shell=none --ignore-failure --warmup 1 \
        --runs "$(runs_for "$wall")" --export-json "$OUT/$name.json" \
        -- "$(printf '%q ' "$@")" >/dev/null
    MEDIAN=$(json_field median "$OUT/$name.json")
    CPU=$(awk -v u="$(json_field user "$OUT/$name.json")" \
        -v s="$(json_field system "$OUT/$name.json")" 'BEGIN { printf "%.3f", u + s }')
}
# scaling SERIES N SECONDS PEAK_KB: one point of the growth curves
# (scripts/plot-bench.py draws them from $OUT/scaling.csv).
scaling() { printf '%s,%s,%s,%s\n' "$1" "$2" "$3" "$4" >>"$SCALING"; }
json_field() { grep -o "\"$1\": *[0-9.e+-]*" "$2" | head -1 | sed 's/.*: *//'; }

bytes_of() { # total size of the .roadmap files under a path
    find "$1" -name '*.roadmap' -printf '%s\n' | awk '{ s += $1 } END { print s }'
}
activities_of() { # from the summary line of `roadmap check --lang en`
    "$ROADMAP" check --lang en --color never "$1" 2>&1 >/dev/null | tail -1 |
        sed -n 's/.* \([0-9]*\) activities.*/\1/p'
}
fmt_s() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s }'; }
fmt_rate() { awk -v n="$1" -v s="$2" 'BEGIN { r = n / s; if (r >= 1e6) printf "%.2f M", r / 1e6; else if (r >= 1e3) printf "%.0f k", r / 1e3; else printf "%.0f", r }'; }

REPORT=$OUT/report.md
SCALING=$OUT/scaling.csv
echo "series,n,seconds,peak_kb" >"$SCALING"
{
    echo "## Machine"
    echo
    echo '```'
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    free -h | head -2
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$(rustc --version); $(hyperfine --version)"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' + uncommitted changes')"
    echo '```'
    echo
} >"$REPORT"

row_check() { # label path threads series n
    local label=$1 path=$2 threads=$3 series=$4 n=$5
    local bytes acts kb
    bytes=$(bytes_of "$path")
    acts=$(activities_of "$path")
    time_cmd "check-$(basename "$path")-t$threads" env ROADMAP_THREADS="$threads" "$ROADMAP" check --color never "$path"
    kb=$PEAK_KB
    scaling "$series-t$threads" "$n" "$MEDIAN" "$kb"
    printf '| %s | %s | %s | %s | %s MB/s | %s/s | %s | %s MB | %s | `ROADMAP_THREADS=%s roadmap check %s` |\n' \
        "$label" "$threads" "$(fmt_s "$MEDIAN")" "$(fmt_s "$CPU")" \
        "$(awk -v b="$bytes" -v s="$MEDIAN" 'BEGIN { printf "%.1f", b / 1e6 / s }')" \
        "$(fmt_rate "$acts" "$MEDIAN")" "$acts" "$((kb / 1024))" \
        "$(awk -v k="$kb" -v a="$acts" 'BEGIN { printf "%.0f", k * 1024 / a }')" "$threads" "$path" >>"$REPORT"
    echo "   $label, $threads thread(s): $(fmt_s "$MEDIAN")" >&2
}

HEADER='| data | threads | wall (median) | CPU (user+sys) | throughput | activities/s | activities | peak RSS | bytes/activity | command |
|---|---|---|---|---|---|---|---|---|---|'

echo "== school plans extending one template" >&2
{
    echo "## \`roadmap check\`: N school plans extending one template"
    echo
    echo "$HEADER"
} >>"$REPORT"
for n in "${PLANS[@]}"; do
    dir=$DATA/region-$n
    [[ -f $dir/.done ]] || { rm -rf "$dir"; "$GENERATE" region "$dir" --schools "$n"; touch "$dir/.done"; }
    for t in 1 2; do row_check "$n plans + template" "$dir" "$t" plans-check "$n"; done
done

echo "== standalone school plans (no template)" >&2
{
    echo
    echo "## \`roadmap check\`: N standalone plans (the template's text copied into each)"
    echo
    echo "$HEADER"
} >>"$REPORT"
for n in "${STANDALONE[@]}"; do
    dir=$DATA/standalone-$n
    [[ -f $dir/.done ]] || { rm -rf "$dir"; "$GENERATE" region "$dir" --schools "$n" --standalone; touch "$dir/.done"; }
    row_check "$n standalone plans" "$dir" 2 standalone-check "$n"
done

echo "== one flat roadmap, and TaskJuggler on the same project" >&2
{
    echo
    echo "## One flat roadmap of N activities: \`check\`, \`schedule\` (JSON, HTML), and TaskJuggler on the same project"
    echo
    echo "| activities | size | check | check peak RSS | bytes/activity | schedule json | json peak RSS | schedule html | html peak RSS | tj3 | tj3 peak RSS | tj3 / json (time) | tj3 / json (memory) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >>"$REPORT"
tj_row() { # n tjp: times tj3 into TJ_WALL / TJ_KB, or leaves them empty
    TJ_WALL="" TJ_KB=""
    [[ ${TJ:-1} == 1 ]] || return 0
    # tj3 must read the project without errors, or the comparison is void.
    if ! timeout "$TJ_TIMEOUT" tj3 --silent --no-reports "$2" >/dev/null 2>"$OUT/tj3-$1.err"; then
        echo "   tj3 fails or takes over $TJ_TIMEOUT s on $2 (see $OUT/tj3-$1.err)" >&2
        return 0
    fi
    time_cmd "tj3-flat-$1" tj3 --silent --no-reports "$2"
    TJ_WALL=$MEDIAN TJ_KB=$PEAK_KB
}
for n in "${FLAT[@]}"; do
    file=$DATA/flat-$n.roadmap
    tjp=$DATA/flat-$n.tjp
    [[ -f $file ]] || "$GENERATE" flat "$file" --activities "$n"
    [[ -f $tjp ]] || "$GENERATE" tjp "$tjp" --activities "$n"
    time_cmd "flat-check-$n" "$ROADMAP" check --color never "$file"
    check=$MEDIAN check_kb=$PEAK_KB
    time_cmd "flat-json-$n" "$ROADMAP" schedule --format json "$file"
    json=$MEDIAN json_kb=$PEAK_KB
    time_cmd "flat-html-$n" "$ROADMAP" schedule --format html "$file"
    html=$MEDIAN html_kb=$PEAK_KB
    tj_row "$n" "$tjp"
    scaling flat-check "$n" "$check" "$check_kb"
    scaling flat-json "$n" "$json" "$json_kb"
    scaling flat-html "$n" "$html" "$html_kb"
    if [[ -n $TJ_WALL ]]; then
        scaling flat-tj3 "$n" "$TJ_WALL" "$TJ_KB"
        tj="$(fmt_s "$TJ_WALL") | $((TJ_KB / 1024)) MB | $(awk -v a="$TJ_WALL" -v b="$json" 'BEGIN { printf "%.0f×", a / b }') | $(awk -v a="$TJ_KB" -v b="$json_kb" 'BEGIN { printf "%.1f×", a / b }')"
    else
        tj="– | – | – | –"
    fi
    printf '| %s | %s KB | %s | %s MB | %s | %s | %s MB | %s | %s MB | %s |\n' \
        "$n" "$(($(stat -c %s "$file") / 1024))" "$(fmt_s "$check")" "$((check_kb / 1024))" \
        "$(awk -v k="$check_kb" -v a="$n" 'BEGIN { printf "%.0f", k * 1024 / a }')" \
        "$(fmt_s "$json")" "$((json_kb / 1024))" "$(fmt_s "$html")" "$((html_kb / 1024))" \
        "$tj" >>"$REPORT"
    echo "   flat $n: check $(fmt_s "$check"), json $(fmt_s "$json"), html $(fmt_s "$html"), tj3 ${TJ_WALL:+$(fmt_s "$TJ_WALL")}" >&2
done
{
    echo
    echo "Commands, for N activities: \`roadmap check $DATA/flat-N.roadmap\`;"
    echo "\`roadmap schedule --format json $DATA/flat-N.roadmap\`;"
    echo "\`roadmap schedule --format html $DATA/flat-N.roadmap\`;"
    echo "\`tj3 --silent --no-reports $DATA/flat-N.tjp\` (the same tasks, dates,"
    echo "dependencies and lags, written by \`roadmap-generate tjp\`). Outputs go to"
    echo "/dev/null. A command over 30 s is run once."
} >>"$REPORT"

echo "== status: the roll-up of a region" >&2
{
    echo
    echo "## \`roadmap status DIR\`: the roll-up of N plans, judged on 2022-06-01"
    echo
    echo "| plans | format | wall (median) | CPU (user+sys) | plans/s | peak RSS | command |"
    echo "|---|---|---|---|---|---|---|"
} >>"$REPORT"
for n in "${ROLLUP[@]}"; do
    dir=$DATA/region-$n
    for format in json html; do
        time_cmd "rollup-$n-$format" "$ROADMAP" status "$dir" --as-of 2022-06-01 --format "$format"
        scaling "rollup-$format" "$n" "$MEDIAN" "$PEAK_KB"
        printf '| %s | %s | %s | %s | %s/s | %s MB | `roadmap status %s --as-of 2022-06-01 --format %s` |\n' \
            "$n" "$format" "$(fmt_s "$MEDIAN")" "$(fmt_s "$CPU")" "$(fmt_rate "$n" "$MEDIAN")" \
            "$((PEAK_KB / 1024))" "$dir" "$format" >>"$REPORT"
        echo "   status $n ($format): $(fmt_s "$MEDIAN")" >&2
    done
done

if "$ROADMAP" instantiate --help >/dev/null 2>&1; then
    echo "== instantiate" >&2
    {
        echo
        echo "## \`roadmap instantiate\`: N plans written from a template and a CSV"
        echo
        echo "| plans | wall (median) | CPU (user+sys) | plans/s | peak RSS | command |"
        echo "|---|---|---|---|---|---|"
    } >>"$REPORT"
    for n in "${INSTANTIATE[@]}"; do
        csv=$DATA/schools-$n.csv
        [[ -f $csv ]] || "$GENERATE" csv "$csv" --schools "$n"
        out=$DATA/instantiated-$n
        cmd=("$ROADMAP" instantiate "$DATA/region-$n/template.roadmap" --data "$csv" --out "$out" --force)
        time_cmd "instantiate-$n" "${cmd[@]}"
        kb=$PEAK_KB
        printf '| %s | %s | %s | %s/s | %s MB | `roadmap instantiate %s --data %s --out %s --force` |\n' \
            "$n" "$(fmt_s "$MEDIAN")" "$(fmt_s "$CPU")" "$(fmt_rate "$n" "$MEDIAN")" "$((kb / 1024))" \
            "$DATA/region-$n/template.roadmap" "$csv" "$out" >>"$REPORT"
        echo "   instantiate $n: $(fmt_s "$MEDIAN")" >&2
    done
else
    printf '\n- `instantiate`: the command is not in this build.\n' >>"$REPORT"
fi
echo "== import" >&2
{
    echo
    echo "## \`roadmap import\`: a workbook of N activity rows"
    echo
    echo "| rows | workbook | wall (median) | CPU (user+sys) | rows/s | peak RSS | command |"
    echo "|---|---|---|---|---|---|---|"
} >>"$REPORT"
for n in "${IMPORT[@]}"; do
    book=$DATA/import-$n.xlsx
    [[ -f $book ]] || "$GENERATE" xlsx "$book" --rows "$n"
    time_cmd "import-$n" "$ROADMAP" import "$book" -o "$DATA/import-$n.roadmap" --force
    kb=$PEAK_KB
    printf '| %s | %s MB | %s | %s | %s/s | %s MB | `roadmap import %s -o %s --force` |\n' \
        "$n" "$(awk -v b="$(stat -c %s "$book")" 'BEGIN { printf "%.1f", b / 1e6 }')" \
        "$(fmt_s "$MEDIAN")" "$(fmt_s "$CPU")" "$(fmt_rate "$n" "$MEDIAN")" "$((kb / 1024))" \
        "$book" "$DATA/import-$n.roadmap" >>"$REPORT"
    echo "   import $n: $(fmt_s "$MEDIAN")" >&2
done
printf '\n- `watch` and `serve` latencies: scripts/watch-latency.sh and the examples under benches/ (BENCHMARKS.md).\n' >>"$REPORT"

echo "== plots: $PLOTS" >&2
python3 -c 'import matplotlib' 2>/dev/null || python3 -m pip install --quiet matplotlib
python3 scripts/plot-bench.py "$SCALING" "$PLOTS"
echo "== done: $REPORT" >&2
cat "$REPORT"
