#!/usr/bin/env python3
"""What running each plugin in a process of its own costs (docs/plugin-guide.md, "Isolation").

  bench/isolation_cost.py [BUILD_DIR] [--runs 15]

1. Start: kefu-plugin-host started and the plugin loaded (the loader's checks, dlopen, info)
   until its first answer, per plugin.
2. Per call: one JSON round trip through the plugin host (info(), small; words(), the largest
   answer a bundled plugin gives), driven from Python over the same socket and frames kefu uses,
   so an upper bound (Python's own overhead is included).
3. End to end: `kefu plugins`, `kefu words --platform tmall` and `echo 加我微信 | kefu scan -`, with
   the four bundled plugins, in process (--plugins-in-process) and isolated (the default),
   interleaved. Medians of wall time."""
import argparse, os, socket, statistics, struct, subprocess, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frame(sock, kind, body=b""):
    sock.sendall(kind + struct.pack("<Q", len(body)) + body)


def read_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(min(n - len(data), 1 << 20))
        if not chunk:
            raise RuntimeError("plugin host closed the socket")
        data += chunk
    return bytes(data)


def read_frame(sock):
    head = read_exact(sock, 9)
    return head[:1], read_exact(sock, struct.unpack("<Q", head[1:])[0])


def start(helper, plugin):
    parent, child = socket.socketpair()
    t0 = time.perf_counter()
    proc = subprocess.Popen([helper, plugin], stdin=child, env={"PATH": os.environ.get("PATH", "")})
    child.close()
    frame(parent, b"L", b'{"config_json":"{}","log_level":2,"memory_bytes":4294967296,"answer_bytes":268435456}')
    kind, body = read_frame(parent)
    assert kind == b"A" and b'"refused":false' in body, body
    return proc, parent, time.perf_counter() - t0


def call(sock, name):
    frame(sock, b"C", name.encode())
    frame(sock, b"Q")
    frame(sock, b"P")
    sizes = []
    for want in (b"A", b"O", b"E"):
        kind, body = read_frame(sock)
        assert kind == want, (kind, body[:200])
        sizes.append(len(body))
    return sizes[1]


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    kefu = os.path.join(a.build, "bin", "kefu")
    helper = os.path.join(a.build, "libexec", "kefu", "kefu-plugin-host")
    plugins = os.path.join(a.build, "lib", "kefu", "plugins")
    print(f"machine: {os.cpu_count()} cores; {a.runs} runs each, medians")

    print("\n1. start + load, per plugin (until the load answer)")
    for p in sorted(f[len("libkefu_"):-len(".so")] for f in os.listdir(plugins) if f.startswith("libkefu_")):
        times = []
        for _ in range(a.runs):
            proc, sock, t = start(helper, os.path.join(plugins, f"libkefu_{p}.so"))
            times.append(t)
            sock.close()
            proc.wait()
        print(f"  {p:9} {ms(statistics.median(times))}")

    print("\n2. one call's round trip through the plugin host (tmall)")
    proc, sock, _ = start(helper, os.path.join(plugins, "libkefu_tmall.so"))
    for name, n in (("info", 200), ("words", 50), ("rules", 50)):
        call(sock, name)
        t0 = time.perf_counter()
        for _ in range(n):
            size = call(sock, name)
        print(f"  {name:6} {ms((time.perf_counter() - t0) / n)} per call, answer {size / 1024:.1f} KiB")
    sock.close()
    proc.wait()

    print("\n3. end to end, four bundled plugins: in process | isolated | difference")
    commands = {"kefu plugins": (["plugins"], None), "kefu words --platform tmall": (["words", "--platform", "tmall"], None),
                "echo 加我微信 | kefu scan -": (["scan", "-"], "加我微信\n".encode())}
    for label, (args, stdin) in commands.items():
        runs = {"in": [], "iso": []}
        for _ in range(a.runs):
            for mode in ("in", "iso"):
                extra = ["--plugins-in-process"] if mode == "in" else []
                t0 = time.perf_counter()
                subprocess.run([kefu, "--plugin-dir", plugins, *extra, *args], input=stdin, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                runs[mode].append(time.perf_counter() - t0)
        i, s = statistics.median(runs["in"]), statistics.median(runs["iso"])
        print(f"  {label:28} {ms(i):>10} | {ms(s):>10} | +{ms(s - i)}")


if __name__ == "__main__":
    main()
