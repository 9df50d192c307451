#!/usr/bin/env bash
# The period views and the hour profile on the team dataset (scripts/make-team-data: 30 agents,
# 16 shops, 2026-09-01 to 2026-11-30, a jd03 outage on 11-19 from 14:00 to 17:00, 小鹿 moving from
# Douyin to Tmall on 10-16), through the real kefu binary as a supervisor runs it.
# Usage: periods_team_test.sh KEFU_BIN REPO_DIR
set -euo pipefail
kefu=$1 repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 "$repo/scripts/make-team-data" "$work/data" >/dev/null
k=(--store "$work/kefu.db" --config "$work/data/kefu.json")
"$kefu" ingest "$work"/data/chat-*.csv "${k[@]}" >/dev/null

# --month: the month's weeks side by side, and last year said empty.
"$kefu" report --month 2026-11 "${k[@]}" >"$work/month.txt" 2>/dev/null
grep -q '八、本月各周与去年同月' "$work/month.txt" || fail "no month-weeks section"
grep -q '2026-W45 (11-02–11-08)' "$work/month.txt" || fail "no week column W45"
grep -q '去年同月（2025-11）没有数据' "$work/month.txt" || fail "last year's missing data not said"
grep -q '十、个人异常日' "$work/month.txt" || fail "no per-person unusual days"

# The weeks add numerators and denominators: the month column equals the month report's own figure.
"$kefu" report --month 2026-11 --format json "${k[@]}" >"$work/month.json" 2>/dev/null
python3 - "$work/month.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = [x for x in r["period_views"] if x["kind"] == "month_weeks"][0]
assert [c["label"] for c in v["columns"]] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49", "2026-11", "2025-11"], v["columns"]
assert v["columns"][-1]["periods_with_data"] == 0
total = [l for l in v["lines"] if l["total"]][0]
grid_total = [row for row in r["rows"] if row["total"]][0]
m = v["metrics"].index("reply_rate")
g = r["metrics"].index("reply_rate")
assert abs(total["values"][m][6] - grid_total["cells"][g]["value"]) < 1e-12, (total["values"][m][6], grid_total["cells"][g]["value"])
# Σnum/Σden over the weeks: the denominators of the weeks add up to the month's.
assert abs(sum(total["denominators"][m][:6]) - total["denominators"][m][6]) < 1e-9
# The outage: jd03's agents have unusual days on 11-19.
days = {(a["label"], a["day"]) for a in r["person_anomalies"]}
assert any(day == "2026-11-19" and label.startswith("jd_kf0") for label, day in days), sorted(days)[:20]
PY

# The rotation: 小鹿's weeks before and after the move, in October's report.
"$kefu" report --month 2026-10 --format json "${k[@]}" >"$work/october.json" 2>/dev/null
python3 - "$work/october.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = [x for x in r["period_views"] if x["kind"] == "rotation"]
assert len(v) == 1 and v[0]["subject"] == "小鹿" and v[0]["moved_on"] == "2026-10-16", v
assert (v[0]["from_platform"], v[0]["to_platform"]) == ("douyin", "tmall")
line = v[0]["lines"][0]
m = v[0]["metrics"].index("avg_response_s")
before, after = line["values"][m][8], line["values"][m][9]
assert before is not None and after is not None
PY

# --day: the daily check, and the jd03 hour profile shows when and who.
"$kefu" report --day 2026-11-19 "${k[@]}" >"$work/day.txt" 2>/dev/null
grep -q '九、当日核对' "$work/day.txt" || fail "no day check"
grep -q '上周同日 2026-11-12' "$work/day.txt" || fail "no same-weekday column"
"$kefu" report --day 2026-11-19 --hours --shops jd03 "${k[@]}" >"$work/hours.txt"
grep -q '^14:00' "$work/hours.txt" || fail "no 14:00 line"
grep -q 'jd_kf05' "$work/hours.txt" || fail "who was on is not shown"
"$kefu" report --day 2026-11-19 --hours --shops jd03 --format json "${k[@]}" >"$work/hours.json"
python3 - "$work/hours.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert p["schema"] == "kefu.hours/1" and p["shop_id"] == "jd03"
mean = {h["hour"]: h["avg_response_s"] for h in p["hours"] if h["avg_response_s"] is not None}
slow = sorted(mean, key=lambda h: -mean[h])[:3]
assert sorted(slow) == [14, 15, 16], mean
assert all(h["on"] for h in p["hours"] if h["hour"] in (14, 15, 16))
PY
"$kefu" report --day 2026-11-19 --hours --person 老陈 "${k[@]}" >"$work/chen.txt"
grep -q '老陈' "$work/chen.txt" || fail "no person profile"

# No data: said, exit 1.
set +e
"$kefu" report --day 2025-11-19 "${k[@]}" >/dev/null 2>"$work/none.err"; rc=$?
set -e
[ "$rc" = 1 ] || fail "a day with no data exited $rc"
grep -q '没有可报告的内容' "$work/none.err" || fail "no reason given for the empty day"
set +e
"$kefu" report --day 2026-11-19 --hours --shops zz99 "${k[@]}" >/dev/null 2>"$work/nohours.err"; rc=$?
set -e
[ "$rc" = 1 ] || fail "an hour profile of no shop exited $rc"

# Excel: a sheet per period view; HTML: a section per period view.
"$kefu" report --month 2026-10 "${k[@]}" --format xlsx --out "$work/m.xlsx" 2>/dev/null
python3 - "$work/m.xlsx" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
for sheet in ("本月各周", "个人异常日", "轮岗-小鹿"):
    assert sheet in names, (sheet, names)
PY
"$kefu" report --day 2026-11-19 "${k[@]}" --format html --out "$work/d.html" 2>/dev/null
grep -q 'id="day_check"' "$work/d.html" || fail "no day-check section in the HTML"
grep -q 'id="person_anomalies"' "$work/d.html" || fail "no person section in the HTML"
echo "ok"
