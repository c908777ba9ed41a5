#!/usr/bin/env bash
# Benchmark of the reporting loop (docs/reporting.md, BENCHMARKS.md): forms
# for N generated school plans, as workbooks and as Word documents, each
# filled in (openpyxl, python-docx; not timed), then read back. Whole
# processes of the release build; nothing asserts a time.
#
#   scripts/bench-forms.sh                # 1,000 plans, xlsx then docx
#   PLANS=100 FORMATS=docx scripts/bench-forms.sh
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

for format in ${FORMATS:-xlsx docx}; do
rm -rf forms
find region -name '*.status' -delete
echo "== $PLANS plans: roadmap form --format $format"
form=$(seconds "$ROADMAP" form region --as-of 2022-06-30 --out forms --format "$format")
echo "   ${form}s, $(ls forms | wc -l) forms, $(du -sh forms | cut -f1)"

echo "== filling every form's first row (Python, not timed)"
python3 - forms "$format" <<'PY'
import datetime, pathlib, sys
folder, format = sys.argv[1], sys.argv[2]
if format == "xlsx":
    import openpyxl
    for path in sorted(pathlib.Path(folder).glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        sheet = book["Отметки"]
        sheet["F6"] = "выполнено"
        sheet["G6"] = datetime.datetime(2022, 6, 1)
        sheet["H6"] = "протокол"
        book.save(path)
else:
    import docx
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for path in sorted(pathlib.Path(folder).glob("*.docx")):
        document = docx.Document(path)
        row = document.tables[0].rows[1]
        for column, value in ((5, "выполнено"), (6, "01.06.2022"), (7, "протокол")):
            # Into the cell's content control, as Word puts a picked item.
            row.cells[column]._tc.findall(f".//{W}sdtContent//{W}t")[0].text = value
        document.save(path)
PY

echo "== $PLANS filled forms: roadmap marks import"
import=$(seconds "$ROADMAP" marks import forms/*."$format")
echo "   ${import}s, $(find region -name '*.status' | wc -l) status files written"
echo "== round trip ($format: form + import): $(echo "$form + $import" | bc)s"
done
