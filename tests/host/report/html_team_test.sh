#!/usr/bin/env bash
# The HTML report at a real team's size in headless Chromium with Chinese fonts: the generated
# 30-agent, 16-shop, 3-month dataset (scripts/make-team-data), November by shop and by agent,
# opened 1400 px wide. The page's own script compares the bounding boxes of every text in every
# chart (getBoundingClientRect) and the test fails on any overlap or any text outside its chart.
# Screenshots are kept for a person to look at; the page prints on A4 landscape.
# Usage: html_team_test.sh KEFU_BIN REPO_DIR SCREENSHOT_DIR
set -euo pipefail
kefu=$1 repo=$2 shots=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed (scripts/setup installs it)" >&2
  exit 1
fi
if [ -z "$(fc-list :lang=zh family)" ]; then
  echo "FAIL: no Chinese font installed (scripts/setup installs fonts-noto-cjk); text widths would be wrong" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$shots"

python3 "$repo/scripts/make-team-data" "$work/data" >/dev/null
"$kefu" ingest "$work"/data/chat-*.csv --store "$work/kefu.db" >/dev/null

run_chromium() {  # as root Chromium needs --no-sandbox; a private profile; bounded by timeout
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@"
}

status=0
for by in shop agent; do
  page="$work/team-$by.html"
  "$kefu" report --month 2026-11 --by "$by" --store "$work/kefu.db" --config "$work/data/kefu.json" \
    --format html --out "$page" 2>/dev/null
  run_chromium --window-size=1400,1000 --dump-dom "file://$page" >"$work/dom-$by.html" 2>"$work/console-$by.log"
  if grep -F 'CONSOLE' "$work/console-$by.log"; then
    echo "FAIL ($by): the page wrote to the console (above)" >&2
    status=1
  fi
  texts=$(sed -n 's/.*<body[^>]* data-texts="\([0-9]*\)".*/\1/p' "$work/dom-$by.html")
  overlaps=$(sed -n 's/.*<body[^>]* data-overlaps="\([0-9]*\)".*/\1/p' "$work/dom-$by.html")
  list=$(sed -n 's/.*<body[^>]* data-overlap-list="\([^"]*\)".*/\1/p' "$work/dom-$by.html")
  bars=$(grep -o '<rect class="bar' "$page" | wc -l)
  echo "by $by: $texts chart texts checked, $overlaps overlapping or outside, $bars bars"
  if [ -z "$texts" ] || [ "$texts" -lt 300 ]; then
    echo "FAIL ($by): the page's script checked ${texts:-no} texts; expected the charts of 16 shops" >&2
    status=1
  fi
  if [ "${overlaps:-1}" != 0 ]; then
    echo "FAIL ($by): texts overlap: $list" >&2
    status=1
  fi
  run_chromium --window-size=1400,2400 --screenshot="$shots/team-$by-1400.png" "file://$page" >/dev/null 2>&1
  stats=$(python3 "$repo/tests/host/report/inspect.py" png "$shots/team-$by-1400.png")
  echo "screenshot $shots/team-$by-1400.png: $stats"
  python3 - "$stats" <<'PY' || status=1
import json, sys
s = json.loads(sys.argv[1])
assert s["width"] == 1400, f"screenshot {s['width']} px wide, expected 1400"
assert s["non_background"] > 0.10, "the screenshot is (nearly) blank"
assert s["bar_blue"] > 2000, "no bar colour: the bar charts did not render"
PY
done

# Printed: A4 landscape (842 x 595 pt) from the page's @page rule.
run_chromium --no-pdf-header-footer --print-to-pdf="$work/team-shop.pdf" "file://$work/team-shop.html" >/dev/null 2>&1
python3 - "$work/team-shop.pdf" <<'PY' || status=1
import re, sys
pdf = open(sys.argv[1], "rb").read()
boxes = {tuple(round(float(v)) for v in b.split()) for b in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)}
pages = len(re.findall(rb"/Type /Page\b", pdf))
print(f"printed: {pages} pages, media boxes {boxes}")
assert boxes == {(0, 0, 842, 595)}, f"not A4 landscape: {boxes}"
PY
[ "$status" = 0 ] && echo "PASS: no overlapping text at 30 agents and 16 shops, 1400 px wide"
exit "$status"
