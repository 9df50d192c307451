"""Running a command as a user runs it, for the end-to-end benchmarks: wall time, peak memory, CPU.

One home for what bench/store_bench.py and bench/explain_store_bench.py both measure.
"""
import sqlite3
import statistics
import subprocess
import sys
import time


def run(cmd, ok=(0, 1)):
    """Wall seconds and the finished process; exits with its stderr when the exit code is not in `ok`
    (kefu exits 1 for a report with targets missed, which is a result, not a failure)."""
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if p.returncode not in ok:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return took, p


def peak_of(cmd, ok=(0, 1)):
    """Wall, peak RSS (MB) and the process (with .cpu: user + system seconds) of one run through
    /usr/bin/time -v. CPU is what to compare on a shared machine: wall grows with the load, CPU much less."""
    took, p = run(["/usr/bin/time", "-v", *cmd], ok)
    field = lambda name: next((float(l.split(": ")[1]) for l in p.stderr.splitlines() if name in l), 0.0)
    p.cpu = field("User time (seconds)") + field("System time (seconds)")
    return took, field("Maximum resident set size") / 1024, p


def median_run(cmd, runs, ok=(0, 1)):
    """Median wall, the highest peak RSS and the median CPU of `runs` runs."""
    results = [peak_of(cmd, ok) for _ in range(runs)]
    p = results[len(results) // 2][2]
    p.cpu = statistics.median(r[2].cpu for r in results)
    return statistics.median(r[0] for r in results), max(r[1] for r in results), p


def sqlite_table_sizes(db, tables):
    """(bytes per table and index from SQLite's dbstat, or {} without it; row counts of the `tables` that exist)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    counts = {}
    for t in tables:
        try:
            counts[t] = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        except sqlite3.Error:
            pass
    try:
        sizes = dict(con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
    except sqlite3.Error as e:
        print(f"(dbstat not available: {e})")
        sizes = {}
    con.close()
    return sizes, counts
