#!/usr/bin/env bash
# The HTML report in a real headless browser (Debian's chromium): the page loads without a
# console message of any kind, its script ran over drawn charts, and a screenshot is not blank
# and shows the bar colours. Usage: html_browser_test.sh KEFU_BIN REPO_DIR
set -euo pipefail
kefu=$1 repo=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed (scripts/setup installs it)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$kefu" ingest "$repo"/config/samples/demo/chat-*.csv --store "$work/kefu.db" >/dev/null
"$kefu" report --week 2026-W47 --store "$work/kefu.db" --config "$repo/config/kefu.json" --format html --out "$work/report.html" 2>/dev/null

# Chromium as root needs --no-sandbox; a private profile keeps runs apart; bounded by timeout.
run_chromium() {
  timeout 90 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" "file://$work/report.html"
}

run_chromium --dump-dom >"$work/dom.html" 2>"$work/console.log"
if grep -F 'CONSOLE' "$work/console.log"; then
  echo "FAIL: the page wrote to the console (above)" >&2
  exit 1
fi
charts=$(sed -n 's/.*<body[^>]* data-charts="\([0-9]*\)".*/\1/p' "$work/dom.html")
if [ -z "$charts" ] || [ "$charts" -lt 50 ]; then
  echo "FAIL: the page's script saw ${charts:-no} chart marks (bars and lines); expected at least 50" >&2
  exit 1
fi

run_chromium --window-size=1366,2000 --screenshot="$work/shot.png" >/dev/null 2>&1
stats=$(python3 "$repo/tests/host/report/inspect.py" png "$work/shot.png")
echo "screenshot: $stats"
python3 - "$stats" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
assert s["non_background"] > 0.10, "the screenshot is (nearly) blank"
assert s["colours"] > 50, "too few colours for a page of charts"
assert s["bar_blue"] > 2000, "no bar colour: the bar charts did not render"
assert s["miss_red"] > 200, "no KPI-miss colour: missed bars did not render"
PY
echo "PASS: $charts chart marks, no console messages, screenshot not blank"
