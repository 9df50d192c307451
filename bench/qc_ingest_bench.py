#!/usr/bin/env python3
"""What the QC scan of agent messages costs an ingest (issue 21 item 6), end to end as a user runs it.

Generates demo-style chat logs at team scale (bench/explain_store_gen.py --agents 5: SHOPS shops x
5 agents x DAYS days, deterministic, kept in the work directory), then, each a whole process with
its wall time, CPU time (user + system) and peak RSS, the runs interleaved:
  - `kefu metrics compute` on the files: the anchor (reading and computing, no store);
  - `kefu ingest --no-qc` into a new store: the ingest without the scan;
  - `kefu ingest` into a new store: with the scan (every agent message against its shop's
    platform list, the hits and counts stored).
The scan's cost is the difference of the last two; the target is that it stays well under the
anchor's compute time.

Usage: bench/qc_ingest_bench.py [--kefu build/bin/kefu] [--work build/qc-bench] [--shops 200]
                                [--days 30] [--runs 3]
"""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, ok=(0, 1)):
    """Wall, CPU seconds (user + system) and peak RSS (MB) of one run through /usr/bin/time -v."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    took = time.perf_counter() - start
    if p.returncode not in ok:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    field = lambda name: next((float(l.split(": ")[1]) for l in p.stderr.splitlines() if name in l), 0.0)
    return took, field("User time (seconds)") + field("System time (seconds)"), field(
        "Maximum resident set size") / 1024, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kefu", default="build/bin/kefu")
    ap.add_argument("--work", default="build/qc-bench")
    ap.add_argument("--shops", type=int, default=200)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    data = os.path.join(a.work, f"logs-{a.shops}x{a.days}")
    if not os.path.isdir(data):
        subprocess.run([sys.executable, os.path.join(HERE, "explain_store_gen.py"), data, "--shops", str(a.shops),
                        "--days", str(a.days), "--agents", "5"], check=True, stdout=subprocess.DEVNULL)
    files = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".csv"))
    rows = sum(sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in files)
    size = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"{len(files)} files, {rows:,} rows, {size:.1f} MB; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    store = os.path.join(a.work, "kefu.db")
    results = {"compute": [], "ingest --no-qc": [], "ingest": []}
    out = ""
    for _ in range(a.runs):  # interleaved, so the machine's load falls on all three alike
        results["compute"].append(measure([a.kefu, "metrics", "compute", *files, "--out", os.path.join(a.work, "metrics.csv")]))
        for name, flag in (("ingest --no-qc", ["--no-qc"]), ("ingest", [])):
            for f in (store, store + "-wal", store + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
            r = measure([a.kefu, "ingest", *files, "--store", store, *flag])
            results[name].append(r)
            out = r[3]
    qc_lines = [l for l in out.splitlines() if "质检" in l or "QC" in l]
    con = sqlite3.connect(store)
    hits = con.execute("SELECT count(*) FROM qc_hits").fetchone()[0]
    days = con.execute("SELECT count(*) FROM qc_days").fetchone()[0]
    con.close()
    print("\n".join(qc_lines) or "(no QC line)")
    print(f"qc_hits rows {hits:,}, qc_days rows {days:,}")
    print(f"{'':16} {'wall s (median)':>16} {'CPU s (median)':>15} {'peak MB':>8}")
    for name, rs in results.items():
        print(f"{name:16} {statistics.median(r[0] for r in rs):16.2f} {statistics.median(r[1] for r in rs):15.2f} "
              f"{max(r[2] for r in rs):8.0f}   (runs: " + ", ".join(f"{r[0]:.2f}/{r[1]:.2f}" for r in rs) + ")")
    wall = [b[0] - a_[0] for a_, b in zip(results["ingest --no-qc"], results["ingest"])]
    cpu = [b[1] - a_[1] for a_, b in zip(results["ingest --no-qc"], results["ingest"])]
    anchor = statistics.median(r[1] for r in results["compute"])
    print(f"QC scan: +{statistics.median(wall):.2f} s wall, +{statistics.median(cpu):.2f} s CPU (median of the "
          f"paired runs) = {statistics.median(cpu) / anchor:.0%} of the compute anchor's CPU")


if __name__ == "__main__":
    main()
