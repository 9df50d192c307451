#!/usr/bin/env python3
"""Two kefu builds side by side, end to end as a user runs them, interleaved so both see the same
machine: `kefu metrics compute`, `kefu scan` and `kefu ingest` on generated files; wall seconds
and peak memory per run, and whether both builds wrote the same bytes.

  bench/compare_e2e.py OLD/bin/kefu NEW/bin/kefu [--runs 3] [--dir DIR]

Build each with `cmake -B DIR -DCMAKE_BUILD_TYPE=Release -DKEFU_BUILD_TESTS=OFF` (an old commit
in a `git worktree`). The data (about 270 MB) is generated once into DIR (default: a temporary
directory) with a fixed seed."""
import argparse, filecmp, os, random, subprocess, tempfile, time


def generate(d):
    chat, text = os.path.join(d, "chat.csv"), os.path.join(d, "scan.txt")
    if not os.path.exists(chat):
        rnd = random.Random(7)
        with open(chat, "w", encoding="utf-8") as f:
            f.write("platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n")
            for shop in range(40):
                plat = ["tmall", "jd", "douyin", "kuaishou"][shop % 4]
                for s in range(6000):
                    day, h, m, t = 16 + s % 7, 9 + s % 12, s % 60, 0
                    for _ in range(4):
                        t += rnd.randint(5, 200)
                        f.write(f"{plat},shop{shop},s{shop}-{s},c{s},2026-11-{day:02d}T{h:02d}:{m:02d}:{t % 60:02d}+08:00,"
                                "customer,,msg,亲在吗 请问这个有货吗\n")
                        t += rnd.randint(3, 90)
                        f.write(f"{plat},shop{shop},s{shop}-{s},c{s},2026-11-{day:02d}T{h:02d}:{(m + t // 60) % 60:02d}:"
                                f"{t % 60:02d}+08:00,agent,a{shop}-{s % 5},msg,有的亲 加我微信吧 最好的价格\n")
    if not os.path.exists(text):
        rnd = random.Random(3)
        lines = ["亲，加我微信吧，最好的价格", "您好，请问有什么可以帮您", "这款是全网最低价哦", "好的谢谢", "收到好评返现3元", "第一时间为您处理"]
        with open(text, "w", encoding="utf-8") as f:
            n = 0
            while n < 64 << 20:
                line = rnd.choice(lines) + str(rnd.randint(0, 99999)) + "\n"
                f.write(line)
                n += len(line.encode())
    return chat, text


def run(argv, out):
    start = time.monotonic()
    with open(out, "wb") as f:
        p = subprocess.Popen(argv, stdout=f, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(p.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--new-args", default="",
                    help="extra arguments for NEW's compute and ingest, e.g. '--definitions kefu/1' to compare "
                         "the kept definitions byte for byte with a build that predates them")
    a = ap.parse_args()
    d = a.dir or tempfile.mkdtemp(prefix="kefu-e2e-")
    chat, text = generate(d)
    results, outputs = {}, {}
    for _ in range(a.runs):
        for side, kefu in (("old", a.old), ("new", a.new)):
            extra = a.new_args.split() if side == "new" else []
            store = os.path.join(d, f"{side}.db")
            for f in (store, chat + ".rejects.csv"):
                if os.path.exists(f):
                    os.remove(f)
            for name, argv in (("metrics compute (1.92 M rows)", [kefu, "metrics", "compute", chat] + extra),
                               ("scan 64 MiB (tmall)", [kefu, "scan", "--platform", "tmall", "--format", "csv", text]),
                               ("ingest (1.92 M rows)", [kefu, "ingest", "--store", store, chat] + extra)):
                out = os.path.join(d, f"{side}-{name.split()[0]}.out")
                results.setdefault(name, {}).setdefault(side, []).append(run(argv, out))
                outputs.setdefault(name, {})[side] = out
    for name, sides in results.items():
        # ingest's summary names its own store file, so only compute's and scan's bytes compare.
        same = filecmp.cmp(outputs[name]["old"], outputs[name]["new"], shallow=False) if "ingest" not in name else None
        for side, runs in sides.items():
            print(f"{name:30s} {side}: " + "  ".join(f"{s:.2f} s/{mb:.0f} MB" for s, mb in runs) +
                  f"   best {min(s for s, _ in runs):.2f} s")
        if same is not None:
            print(f"{'':30s} same output: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
