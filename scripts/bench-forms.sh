#!/usr/bin/env bash
# Benchmark of the reporting loop (docs/reporting.md, BENCHMARKS.md): forms
# for N generated school plans, each filled in (openpyxl, not timed), then
# read back. Whole processes of the release build; nothing asserts a time.
#
#   scripts/bench-forms.sh          # 1,000 plans
#   PLANS=100 scripts/bench-forms.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PLANS=${PLANS:-1000}
DATA=${BENCH_DATA:-target/bench-data}/forms-$PLANS
cargo build --release --quiet --bin roadmap --example roadmap-generate
ROADMAP=$PWD/target/release/roadmap
GENERATE=$PWD/target/release/examples/roadmap-generate

rm -rf "$DATA" && mkdir -p "$DATA"
"$GENERATE" region "$DATA/region" --schools "$PLANS" >/dev/null
cd "$DATA"

seconds() { # command… → wall seconds on standard output
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

echo "== $PLANS plans: roadmap form"
form=$(seconds "$ROADMAP" form region --as-of 2022-06-30 --out forms)
echo "   ${form}s, $(ls forms | wc -l) forms, $(du -sh forms | cut -f1)"

echo "== filling every form's first row (openpyxl, not timed)"
python3 - forms <<'PY'
import datetime, pathlib, sys
import openpyxl
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    book = openpyxl.load_workbook(path)
    sheet = book["Отметки"]
    sheet["F6"] = "выполнено"
    sheet["G6"] = datetime.datetime(2022, 6, 1)
    sheet["H6"] = "протокол"
    book.save(path)
PY

echo "== $PLANS filled forms: roadmap marks import"
import=$(seconds "$ROADMAP" marks import forms/*.xlsx)
echo "   ${import}s, $(find region -name '*.status' | wc -l) status files written"
echo "== round trip (form + import): $(echo "$form + $import" | bc)s"
