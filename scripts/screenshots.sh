#!/usr/bin/env bash
# The README's pictures, taken with headless Chromium:
#   docs/schedule.png — the Tomari schedule page with its status as of 15.03.2022;
#   docs/rollup.png   — the regional roll-up of roadmaps/500plus on the same date.
# Run from anywhere: scripts/screenshots.sh. ROADMAP=path/to/roadmap uses that
# binary instead of building the release one. Each picture stays under 300 KB.
set -euo pipefail
cd "$(dirname "$0")/.."

roadmap=${ROADMAP:-target/release/roadmap}
if [ -z "${ROADMAP:-}" ]; then
  cargo build --release --locked --quiet
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "Chromium is missing: apt-get install chromium fonts-dejavu-core" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$roadmap" schedule roadmaps/tomari-500plus-2022.roadmap --as-of 2022-03-15 \
  --format html --lang ru > "$work/schedule.html"
"$roadmap" status roadmaps/500plus --as-of 2022-03-15 --format html --lang ru \
  > "$work/rollup.html"

# shot PAGE PNG HEIGHT: the top HEIGHT pixels of PAGE, 1280 wide.
shot() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" --window-size="1280,$3" \
    --screenshot="$2" "file://$1" >/dev/null 2>&1
  local size
  size=$(stat -c %s "$2")
  if [ "$size" -ge 300000 ]; then
    echo "$2: $size bytes, over 300 KB" >&2
    exit 1
  fi
  echo "$2: $size bytes"
}

shot "$work/schedule.html" docs/schedule.png 1100
shot "$work/rollup.html" docs/rollup.png 1100
