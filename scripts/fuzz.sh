#!/bin/sh
# Runs every fuzz target for a given time each and keeps what it finds.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The corpus grows in fuzz/corpus/TARGET (kept in git: it is the seed of the
# next run); a crash is written to fuzz/artifacts/TARGET and fails the
# script. Every crash found becomes a regression test before it is fixed.
# At the end, the executions of each target are printed.
set -eu

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"line timing indicator fmt check import"}
cd "$(dirname "$0")/.."

status=0
summary=""
for target in $targets; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    log=$(mktemp)
    # A roadmap's text is short; a Word or Excel file (the import target's
    # input) is a zip archive that mutations must be able to grow.
    max_len=4096
    [ "$target" = import ] && max_len=65536
    # -fork would hide the executions count; one process per target.
    if ! cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
        -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1; then
        status=1
        echo "== $target: a crash; see fuzz/artifacts/$target/" >&2
        tail -n 40 "$log" >&2
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    summary="$summary$target: ${runs:-?} executions in ${seconds}s
"
    rm -f "$log"
done
printf '%s' "$summary"
exit $status
