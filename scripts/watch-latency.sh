#!/usr/bin/env bash
# How long `roadmap watch` takes from a save to the re-rendered output, in a
# tree of generated school plans (1,000 by default) that extend one template:
#
#   scripts/watch-latency.sh [SCHOOLS] [SAVES] [DEBOUNCE_MS]
#
# Builds the release binary and the generator, writes the tree into a
# temporary folder, starts `roadmap watch TREE --out OUT` (HTML), waits for
# the first full render, then saves SAVES different plans one after another
# (a new school name, written to a temporary file and renamed over the plan,
# as editors save) and times each save until the plan's page in OUT carries
# the new name. Prints the median, the 90th percentile and the slowest, and
# the time the first full render took. The debounce (100 ms by default, as
# `roadmap watch`) is part of every number.
set -euo pipefail
cd "$(dirname "$0")/.."

schools=${1:-1000}
saves=${2:-20}
debounce=${3:-100}

cargo build --release --quiet --bin roadmap --example roadmap-generate
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

target/release/examples/roadmap-generate region "$work/tree" --schools "$schools" >/dev/null
started=$(date +%s.%N)
target/release/roadmap watch "$work/tree" --out "$work/out" --lang en --debounce "$debounce" 2>"$work/log" &
pid=$!

python3 - "$work" "$saves" "$started" "$schools" "$debounce" <<'EOF'
import os, pathlib, statistics, sys, time

work, saves, started, schools, debounce = sys.argv[1:6]
work = pathlib.Path(work)
saves = int(saves)
log = work / "log"

deadline = time.time() + 600
while "wrote" not in log.read_text(encoding="utf-8", errors="replace"):
    if time.time() > deadline:
        sys.exit("no first render after 10 minutes:\n" + log.read_text())
    time.sleep(0.05)
first = time.time() - float(started)

plans = sorted((work / "tree" / "schools").rglob("*.roadmap"))
step = max(1, len(plans) // saves)
times = []
for i in range(saves):
    plan = plans[(i * step) % len(plans)]
    page = work / "out" / plan.relative_to(work / "tree")
    page = page.with_suffix(".html")
    marker = f"Школа замера {i}"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"параметр школа: {marker}\n" if l.startswith("параметр школа:") else l for l in lines]
    temp = plan.with_name(plan.name + ".saving")
    temp.write_text("".join(lines), encoding="utf-8")
    start = time.perf_counter()
    os.replace(temp, plan)
    while True:
        try:
            if marker in page.read_text(encoding="utf-8"):
                break
        except FileNotFoundError:
            pass
        if time.perf_counter() - start > 60:
            sys.exit(f"{page} not re-rendered after 60 s:\n" + log.read_text())
        time.sleep(0.002)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.2)  # the next save is another save, not part of this one

times.sort()
p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
print(f"{len(plans) + 1} files ({schools} plans and their template), debounce {debounce} ms")
print(f"first check and render of every page: {first:.1f} s")
print(f"save -> re-rendered page, {len(times)} saves: median {statistics.median(times):.0f} ms, "
      f"p90 {p90:.0f} ms, slowest {times[-1]:.0f} ms")
EOF
