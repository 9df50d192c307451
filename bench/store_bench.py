#!/usr/bin/env python3
"""The store at team scale, end to end as a user runs it (issue 18 §1): ingest, size, reports, anchors.

Generates 200 shops x 5 agents x DAYS days of chat logs (bench/explain_store_gen.py --agents,
deterministic, kept in the work directory), then in one run, each a whole process:
  - `kefu metrics compute` on the files: the anchor for ingest (reading and computing, no store);
  - `kefu ingest` of the files into a new store: wall and peak RSS;
  - the store: bytes per stored value (the whole file, and the values' own tables), and the
    explain part (findings, messages, kept conversations) per conversation;
  - `kefu report --month` of the last whole month, by shop and by agent, and (--days 365) the
    oldest whole month of the year-long store: wall, CPU and peak RSS, median of --runs;
  - the anchors: the same month's figures (sum(numerator) / sum(denominator) per shop and metric,
    and per agent) queried by DuckDB (@duckdb/node-api, installed with npm into the work
    directory; the values loaded from the store into DuckDB first, the query alone timed) and by
    the sqlite3 CLI with one GROUP BY on the store itself.

With --postgres URL (a server kefu may create a schema in, e.g. scripts/pg-test-server's), the
same ingests and month reports again into a new schema there (docs/scale.md), and its bytes per
value (pg_total_relation_size of the values' tables), beside SQLite's.

Peak RSS comes from getrusage of each child (ru_maxrss), as /usr/bin/time -v reports it.

Usage: bench/store_bench.py [--kefu build/bin/kefu] [--work build/store-bench] [--days 90]
                            [--shops 200] [--agents 5] [--runs 3] [--seed 17] [--postgres URL]
       (--days 365: the full year of issue 18, ~10 M rows)
"""
import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from runner import median_run, peak_of, run, sqlite_table_sizes  # noqa: E402
LAST_DAY = dt.date(2026, 11, 22)  # explain_store_gen.py's last day


def month_before(day):
    first = day.replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def flat_values_sql(con):
    """SQL giving (platform, shop_id, agent_id, day, metric, origin, numerator, denominator) for any schema."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if "metric_values" in tables:
        return ("SELECT platform, shop_id, agent_id, day, metric, origin, numerator, denominator "
                "FROM metric_values")
    return ("SELECT s.platform, s.shop_id, a.agent_id, date(v.day * 86400, 'unixepoch') AS day, f.metric, f.origin, "
            "v.numerator, v.denominator FROM figure_values v JOIN shops s ON s.id = v.shop "
            "JOIN agents a ON a.id = v.agent JOIN figures f ON f.id = v.figure")


def store_stats(db):
    sizes, counts = sqlite_table_sizes(db, ("metric_values", "figure_values", "chat_sessions", "explain_findings",
                                            "explain_messages"))
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    flat = flat_values_sql(con)
    con.close()
    return counts, sizes, flat


def group_by_sql(flat, first, last, by_agent):
    who = "platform, shop_id, agent_id" if by_agent else "platform, shop_id"
    level = "coalesce(agent_id, '') <> ''" if by_agent else "coalesce(agent_id, '') = ''"
    return (f"SELECT {who}, metric, sum(numerator) / sum(denominator) AS value, count(*) AS days FROM ({flat}) "
            f"WHERE origin = 'recomputed' AND {level} AND day BETWEEN '{first}' AND '{last}' "
            f"GROUP BY {who}, metric")


# load CSV DB: makes the DuckDB file; query DB SQL: opens it and runs SQL once, printing the
# query's own milliseconds (the process around it is timed by the caller).
DUCK = r"""
import { DuckDBInstance } from '@duckdb/node-api';
const [mode, db, arg] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db);
const con = await inst.connect();
const t = performance.now();
if (mode === 'load') {
  await con.run(`CREATE TABLE metric_values AS SELECT * FROM read_csv('${arg}', header = true, auto_detect = true)`);
} else {
  const r = await con.runAndReadAll(arg);
  if (r.getRows().length === 0) throw new Error('no rows');
}
console.log(JSON.stringify({ ms: performance.now() - t }));
"""


def duckdb_anchor(work, db, flat, queries, runs):
    """For each query: (whole process wall, query ms, peak MB) in DuckDB over the store's values; None when
    DuckDB cannot be had."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        print("DuckDB anchor skipped: node/npm not installed (the sqlite3 CLI anchor stands)")
        return None
    duck = os.path.join(work, "duckdb")
    if not os.path.isdir(os.path.join(duck, "node_modules", "@duckdb", "node-api")):
        os.makedirs(duck, exist_ok=True)
        p = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", duck, "@duckdb/node-api"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print(f"DuckDB anchor skipped: npm install @duckdb/node-api failed (the sqlite3 CLI anchor stands):\n"
                  f"{p.stderr[-2000:]}")
            return None
    script = os.path.join(duck, "anchor.mjs")
    with open(script, "w") as f:
        f.write(DUCK)
    csv, ddb = os.path.join(work, "values.csv"), os.path.join(work, "values.duckdb")
    for f in (ddb, ddb + ".wal"):
        if os.path.exists(f):
            os.remove(f)
    with open(csv, "w") as f:
        subprocess.run(["sqlite3", "-readonly", "-csv", "-header", db, flat], stdout=f, check=True)
    _, loaded = run([node, script, "load", ddb, csv], ok=(0,))
    os.remove(csv)
    load = json.loads(loaded.stdout)["ms"]
    timings = []
    for q in queries:
        results = [peak_of([node, script, "query", ddb, q], ok=(0,)) for _ in range(runs)]
        ms = statistics.median(json.loads(r[2].stdout)["ms"] for r in results)
        timings.append((statistics.median(r[0] for r in results), ms, max(r[1] for r in results),
                        statistics.median(r[2].cpu for r in results)))
    return load, timings


def psql(url, sql):
    """One SQL statement on the PostgreSQL server at url, through psql; its single value."""
    psql = shutil.which("psql") or max((os.path.join("/usr/lib/postgresql", v, "bin", "psql")
                                        for v in os.listdir("/usr/lib/postgresql")), default="psql")
    p = subprocess.run([psql, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"psql failed: {p.stderr}")
    return p.stdout.strip()


def postgres_side(url, kefu, logs, base, work, month, runs, line, sqlite_ingest):
    """The ingests and month reports again on PostgreSQL, in a new schema; and its bytes per value."""
    schema = f"bench_{int(time.time())}"
    psql(url, f"CREATE SCHEMA {schema}")
    store = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    wall, rss, p = peak_of([kefu, "ingest", *logs, "--store", store, *base, "--rejects-dir", work])
    line("PostgreSQL: kefu ingest (new schema)", wall, rss, f"{wall / sqlite_ingest:.1f} x SQLite's ingest wall", p.cpu)
    wall, rss, p = peak_of([kefu, "ingest", *logs, "--store", store, *base, "--rejects-dir", work])
    line("PostgreSQL: kefu ingest again (nothing changes)", wall, rss, cpu=p.cpu)
    psql(url, f"VACUUM ANALYZE {schema}.figure_values")
    values = int(psql(url, f"SELECT count(*) FROM {schema}.figure_values"))
    value_bytes = int(psql(url, f"SELECT pg_total_relation_size('{schema}.figure_values')"))
    heap = int(psql(url, f"SELECT pg_relation_size('{schema}.figure_values')"))
    print(f"PostgreSQL: {values:,} values; figure_values with its key {value_bytes / 1e6:.1f} MB = "
          f"{value_bytes / max(values, 1):.0f} bytes per value ({heap / max(values, 1):.0f} in the table, the rest "
          f"its primary key)")
    report = [kefu, "report", "--store", store, *base, "--format", "json"]
    for by in ([], ["--by", "agent"]):
        wall, rss, p = median_run(report + ["--month", month, *by], runs)
        line(f"PostgreSQL: kefu report --month {month} {' '.join(by) or '(shops)'}", wall, rss, cpu=p.cpu)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kefu", default=os.path.join(HERE, "..", "build", "bin", "kefu"))
    ap.add_argument("--work", default=os.path.join(HERE, "..", "build", "store-bench"))
    ap.add_argument("--shops", type=int, default=200)
    ap.add_argument("--agents", type=int, default=5)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--postgres", help="also a PostgreSQL store: the server's URL (a new schema is made in it)")
    a = ap.parse_args()
    kefu = os.path.abspath(a.kefu)
    os.makedirs(a.work, exist_ok=True)
    data = os.path.join(a.work, f"logs-{a.shops}x{a.days}x{a.agents}-seed{a.seed}")
    if not os.path.exists(os.path.join(data, "chat-kuaishou.csv")):
        took, gen = run([sys.executable, os.path.join(HERE, "explain_store_gen.py"), data, "--shops",
                         str(a.shops), "--days", str(a.days), "--agents", str(a.agents), "--seed", str(a.seed)])
        print(gen.stdout.strip())
        print(f"generated in {took:.1f} s")
    logs = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".csv"))
    log_bytes = sum(os.path.getsize(f) for f in logs)
    rows = 0
    for f in logs:
        with open(f, "rb") as fh:
            rows += sum(1 for _ in fh) - 1
    print(f"machine: {os.cpu_count()} cores; kefu: {kefu}")
    print(f"logs: {a.shops} shops x {a.agents} agents x {a.days} days, {rows:,} rows, {log_bytes / 1e6:.1f} MB")

    config = os.path.join(a.work, "kefu.json")
    with open(config, "w") as f:
        json.dump({}, f)
    os.chmod(config, 0o600)
    base = ["--config", config]

    results = []

    def line(what, wall, rss, note="", cpu=None):
        results.append((what, wall, rss, note))
        used = f"{cpu:6.2f} s cpu" if cpu is not None else " " * 12
        print(f"{what:50s} {wall:7.2f} s wall {used} {rss:6.0f} MB  {note}", flush=True)

    wall, rss, p = peak_of([kefu, "metrics", "compute", *logs, "--format", "json"])
    compute, compute_cpu = wall, p.cpu
    line("kefu metrics compute (the anchor for ingest)", wall, rss, cpu=p.cpu)

    store = os.path.join(a.work, "kefu.db")
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    wall, rss, p = peak_of([kefu, "ingest", *logs, "--store", store, *base, "--rejects-dir", a.work])
    sqlite_ingest = wall
    line("kefu ingest (new store)", wall, rss,
         f"{wall / compute:.1f} x compute wall, {p.cpu / compute_cpu:.1f} x cpu (target <= 2)", p.cpu)
    wall, rss, p = peak_of([kefu, "ingest", *logs, "--store", store, *base, "--rejects-dir", a.work])
    line("kefu ingest again (nothing changes)", wall, rss, cpu=p.cpu)

    counts, sizes, flat = store_stats(store)
    values = counts.get("figure_values", counts.get("metric_values", 0))
    file_bytes = os.path.getsize(store)
    sessions = counts.get("chat_sessions", 0)
    print(f"store {file_bytes / 1e6:.1f} MB; {values:,} values, {sessions:,} conversations")
    if sizes:
        explain = sum(v for k, v in sizes.items() if k.startswith("explain_") or k.startswith("chat_sessions"))
        value_bytes = file_bytes - explain
        print(f"  values and everything else: {value_bytes / 1e6:.1f} MB = {value_bytes / max(values, 1):.0f} bytes"
              f" per value (target <= 60)")
        print(f"  explain part (explain_*, chat_sessions): {explain / 1e6:.1f} MB = "
              f"{explain / max(sessions, 1):.0f} bytes per conversation")
        for k in sorted(sizes, key=lambda k: -sizes[k])[:12]:
            print(f"    {k:32s} {sizes[k] / 1e6:8.1f} MB")
    print(f"  whole file: {file_bytes / max(values, 1):.0f} bytes per value")

    month = month_before(LAST_DAY)  # the last whole month of the logs
    first = month
    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    label = f"{month:%Y-%m}"
    report = [kefu, "report", "--store", store, *base, "--format", "json"]
    wall_shop, rss, p = median_run(report + ["--month", label], a.runs)
    line(f"kefu report --month {label} (shops)", wall_shop, rss, "target <= 0.5 s, 200 MB", p.cpu)
    wall_agent, rss, p = median_run(report + ["--month", label, "--by", "agent"], a.runs)
    line(f"kefu report --month {label} --by agent", wall_agent, rss, "target <= 0.5 s, 200 MB", p.cpu)
    # `kefu report` compares with the period just before (--compare previous | none), not with
    # the same month a year earlier; what a year-long store costs is timed on its oldest whole
    # month instead (the store then holds a year after it).
    first_day = LAST_DAY - dt.timedelta(days=a.days - 1)
    oldest = first_day if first_day.day == 1 else (first_day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if a.days >= 365:
        wall, rss, p = median_run(report + ["--month", f"{oldest:%Y-%m}"], a.runs)
        line(f"kefu report --month {oldest:%Y-%m} (oldest month)", wall, rss, "year-old data: target <= 1 s", p.cpu)
    else:
        print("(a month of a year-long store: --days 365)")

    if a.postgres:
        postgres_side(a.postgres, kefu, logs, base, a.work, label, a.runs, line, sqlite_ingest)

    queries = [group_by_sql(flat, f"{first}", f"{last}", False), group_by_sql(flat, f"{first}", f"{last}", True)]
    for q, what in zip(queries, ("shops", "agents")):
        wall, rss, p = median_run(["sqlite3", "-readonly", store, q], a.runs)
        line(f"sqlite3 CLI: one GROUP BY, the month by {what}", wall, rss, cpu=p.cpu)
    duck_flat = "SELECT platform, shop_id, agent_id, day, metric, origin, numerator, denominator FROM metric_values"
    duck = duckdb_anchor(a.work, store, flat, [group_by_sql(duck_flat, f"{first}", f"{last}", False),
                                               group_by_sql(duck_flat, f"{first}", f"{last}", True)], a.runs)
    if duck:
        load, timings = duck
        print(f"DuckDB (@duckdb/node-api): the {values:,} values loaded into a DuckDB file in {load:.0f} ms")
        for (wall, ms, rss, cpu), what, kefu_wall in zip(timings, ("shops", "agents"), (wall_shop, wall_agent)):
            line(f"DuckDB: the month by {what}, whole process", wall, rss,
                 f"query alone {ms:.0f} ms; kefu report / DuckDB process = {kefu_wall / wall:.1f} x (target <= 2)",
                 cpu)


if __name__ == "__main__":
    main()
