#!/usr/bin/env python3
"""Writes demo-style canonical chat logs at scale, for the explain-from-the-store bench.

The shape of scripts/make-demo-data (bot greetings on Tmall and Douyin, 1-3 turns a session, a
second "在吗" in some turns, shops with their own speed and share of unanswered turns), scaled to
SHOPS shops (a quarter on each platform, two to four agents each) over DAYS days ending
2026-11-22, plus what gives `kefu explain` something to say: transfers, customers who only say
thanks at the end, sessions no agent ever takes. One file per platform, rows in time order.

Deterministic: the same --seed, --shops and --days write the same bytes.

With --agents N every shop has N agents and about five sessions a day per agent (the team-scale
store bench, bench/store_bench.py: 200 shops x 5 agents); without it, two to four agents and 9-14
sessions a day, as before (the same bytes for the same seed).

Usage: bench/explain_store_gen.py OUT_DIR [--shops 200] [--days 180] [--seed 17] [--agents N]
"""
import argparse
import datetime as dt
import os
import random

PLATFORMS = [("tmall", "tm"), ("jd", "jd"), ("douyin", "dy"), ("kuaishou", "ks")]
LAST_DAY = dt.date(2026, 11, 22)
QUESTIONS = ["这个什么时候发货", "有优惠券吗", "尺码偏大还是偏小", "能开发票吗", "地址写错了，能改吗",
             "这款有现货吗", "退货运费谁出", "质量怎么样", "能便宜点吗", "多久能到"]
ANSWERS = ["亲，下单后48小时内发货", "您好，店铺首页可以领券哦", "建议按平时尺码拍", "可以的，下单时备注抬头",
           "亲，还没发货可以帮您改", "有现货的，今天下单今天发", "七天无理由退货，运费险可以报销",
           "面料是纯棉的，很多顾客回购", "现在活动价已经很划算了", "一般2到3天送达"]
CLOSINGS = ["好的谢谢", "谢谢", "好的", "没有了，谢谢", "收到👍"]


def shops(count, rng, fixed_agents=0):
    out = []
    for i in range(count):
        platform, prefix = PLATFORMS[i % 4]
        n = i // 4 + 1
        agents = [f"{prefix}{n:03d}_kf{a}" for a in range(1, (fixed_agents or rng.randint(2, 4)) + 1)]
        base = rng.choice([12, 16, 20, 25, 30, 40, 50])  # typical reply seconds
        unanswered = rng.choice([0.01, 0.02, 0.03, 0.05])
        out.append((platform, f"{prefix}{n:03d}", agents, base, unanswered))
    return out


def session_rows(rng, platform, shop, agents, base, unanswered, day, s):
    sid = f"{shop}-{day:%y%m%d}-{s:02d}"
    customer = f"c{rng.randint(10000, 99999)}"
    t = dt.datetime(day.year, day.month, day.day, 9) + dt.timedelta(seconds=rng.randint(0, 12 * 3600))
    rows = []
    if platform in ("tmall", "douyin"):
        rows.append((t, sid, customer, "bot", "", "msg", "您好，欢迎光临，有什么可以帮您"))
        t += dt.timedelta(seconds=1)
    if rng.random() < 0.01:  # nobody ever takes it
        rows.append((t, sid, customer, "customer", "", "msg", rng.choice(QUESTIONS)))
        return rows
    agent = rng.choice(agents)
    for turn in range(rng.randint(1, 3)):
        q = rng.randrange(len(QUESTIONS))
        rows.append((t, sid, customer, "customer", "", "msg", QUESTIONS[q]))
        if rng.random() < 0.3:
            t += dt.timedelta(seconds=rng.randint(3, 20))
            rows.append((t, sid, customer, "customer", "", "msg", "在吗"))
        if len(agents) > 1 and rng.random() < 0.05:  # handed to a colleague
            t += dt.timedelta(seconds=rng.randint(2, 30))
            agent = rng.choice([a for a in agents if a != agent])
            rows.append((t, sid, customer, "system", agent, "transfer", ""))
        if rng.random() < unanswered:
            return rows
        t += dt.timedelta(seconds=max(2, int(rng.expovariate(1 / base))))
        rows.append((t, sid, customer, "agent", agent, "msg", ANSWERS[q]))
        t += dt.timedelta(seconds=rng.randint(20, 300))
    if rng.random() < 0.2:
        rows.append((t, sid, customer, "customer", "", "msg", rng.choice(CLOSINGS)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--shops", type=int, default=200)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--agents", type=int, default=0, help="agents per shop (0: two to four)")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = random.Random(a.seed)
    all_shops = shops(a.shops, rng, a.agents)
    first = LAST_DAY - dt.timedelta(days=a.days - 1)
    files, counts = {}, {}
    for platform, _ in PLATFORMS:
        path = os.path.join(a.out_dir, f"chat-{platform}.csv")
        files[platform] = open(path, "w", encoding="utf-8", newline="\n")
        files[platform].write("platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n")
        counts[platform] = 0
    for d in range(a.days):
        day = first + dt.timedelta(days=d)
        by_platform = {p: [] for p, _ in PLATFORMS}
        for platform, shop, agents, base, unanswered in all_shops:
            if a.agents:
                sessions = rng.randint(4 * a.agents, 6 * a.agents)
            else:
                sessions = rng.randint(9, 14) + (3 if day.weekday() >= 5 else 0)
            for s in range(sessions):
                for r in session_rows(rng, platform, shop, agents, base, unanswered, day, s):
                    by_platform[platform].append((r[0], r[1], shop) + r[2:])
        for platform, rows in by_platform.items():
            rows.sort(key=lambda r: (r[0], r[1]))
            f = files[platform]
            f.writelines(f"{platform},{shop},{sid},{c},{t:%Y-%m-%dT%H:%M:%S}+08:00,{sender},{agent},{event},{content}\n"
                         for t, sid, shop, c, sender, agent, event, content in rows)
            counts[platform] += len(rows)
    for platform, f in files.items():
        f.close()
        print(f"{f.name}: {counts[platform]} rows")


if __name__ == "__main__":
    main()
