#!/usr/bin/env python3
"""`kefu explain` from the store, end to end, on demo-style data at scale (issue 17 §5).

Generates the logs (bench/explain_store_gen.py, deterministic), ingests them into a store with
explanations kept and into one with `explain.keep_days` 0 (nothing kept), then times
`kefu explain reply_rate --store ... --shop <one> --week <one>` (the whole process, as a user
waits for it) and reports the store sizes and the bytes the explain tables take (SQLite's dbstat
when the library has it, and the difference between the two stores either way).

Usage: bench/explain_store_bench.py [--kefu build/bin/kefu] [--work DIR] [--shops 200] [--days 180]
                                    [--runs 7] [--seed 17]
"""
import argparse
import json
import os
import shutil
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from runner import run, sqlite_table_sizes  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kefu", default=os.path.join(HERE, "..", "build", "bin", "kefu"))
    ap.add_argument("--work", default=os.path.join(HERE, "..", "build", "explain-bench"))
    ap.add_argument("--shops", type=int, default=200)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--shop", default="jd025")
    ap.add_argument("--week", default="2026-W47")
    a = ap.parse_args()
    kefu = os.path.abspath(a.kefu)
    data = os.path.join(a.work, f"logs-{a.shops}x{a.days}-seed{a.seed}")
    if not os.path.exists(os.path.join(data, "chat-kuaishou.csv")):
        took, p = run([sys.executable, os.path.join(HERE, "explain_store_gen.py"), data, "--shops", str(a.shops),
                       "--days", str(a.days), "--seed", str(a.seed)])
        print(p.stdout.strip())
        print(f"generated in {took:.1f} s")
    logs = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".csv"))
    log_bytes = sum(os.path.getsize(f) for f in logs)
    print(f"logs: {a.shops} shops x {a.days} days, {log_bytes / 1e6:.1f} MB")

    stores = {}
    for name, keep in (("kept", 36500), ("none", 0)):
        store = os.path.join(a.work, f"kefu-{name}.db")
        config = os.path.join(a.work, f"kefu-{name}.json")
        for f in (store, store + "-journal"):
            if os.path.exists(f):
                os.remove(f)
        with open(config, "w") as f:
            json.dump({"explain": {"keep_days": keep, "messages": 5}}, f)
        os.chmod(config, 0o600)
        took, _ = run([kefu, "ingest", *logs, "--store", store, "--config", config, "--rejects-dir", a.work])
        stores[name] = store
        print(f"ingest (explain.keep_days {keep}): {took:.1f} s, store {os.path.getsize(store) / 1e6:.1f} MB")

    explain = [kefu, "explain", "reply_rate", "--store", stores["kept"], "--shop", a.shop, "--week", a.week,
               "--config", os.path.join(a.work, "kefu-kept.json"), "--lang", "en"]
    times = []
    for _ in range(a.runs):
        took, p = run(explain)
        times.append(took)
    print(p.stdout.splitlines()[1] if len(p.stdout.splitlines()) > 1 else p.stdout)
    print(f"kefu explain reply_rate --store --shop {a.shop} --week {a.week}: median {statistics.median(times) * 1000:.0f} ms,"
          f" min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {a.runs} runs")
    json_took, stored_json = run(explain[:-2] + ["--format", "json"])
    print(f"  (--format json: {json_took * 1000:.0f} ms)")
    whole_took, _ = run([kefu, "explain", "reply_rate", "--store", stores["kept"], "--shop", a.shop, "--from",
                         "2026-01-01", "--to", "2026-12-31", "--config", os.path.join(a.work, "kefu-kept.json")])
    print(f"  (the whole of 2026 for the shop: {whole_took * 1000:.0f} ms)")
    files_took, files_json = run([kefu, "explain", "reply_rate", *logs, "--shop", a.shop, "--week", a.week,
                                  "--format", "json", "--config", os.path.join(a.work, "kefu-kept.json")])
    same = "the same JSON" if files_json.stdout == stored_json.stdout else "DIFFERENT JSON"
    print(f"  (from the {log_bytes / 1e6:.0f} MB of logs instead: {files_took:.1f} s, {same})")

    kept, none = os.path.getsize(stores["kept"]), os.path.getsize(stores["none"])
    print(f"store with explanations {kept / 1e6:.1f} MB, without {none / 1e6:.1f} MB:"
          f" the explain tables add {(kept - none) / 1e6:.1f} MB ({(kept - none) / none * 100:.0f} %)")
    sizes, counts = sqlite_table_sizes(stores["kept"], ("metric_values", "figure_values", "explain_days",
                                                        "explain_findings", "explain_messages", "chat_sessions"))
    if sizes:
        explain_bytes = sum(v for k, v in sizes.items() if k.startswith("explain_"))
        for k in sorted(sizes):
            print(f"  {k:24s} {sizes[k] / 1e6:8.1f} MB" + (f"  {counts[k]} rows" if k in counts else ""))
        print(f"  explain tables (dbstat): {explain_bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
