"""Soak the real server; print req/s, p99, errors and memory over time, and /healthz under heavy load.

    python benchmarks/bench_soak.py [--workers 2] [--seconds 20] [--concurrency 16] [--redis URL]
    python benchmarks/bench_soak.py --worst          # in-process: the worst cases at the limits

Printed, never asserted (a benchmark is not a test). It starts ``mingbai serve`` on a free
loopback port with a throwaway data directory and the rate limit off, then:

1. **soak** — ``--concurrency`` clients for ``--seconds`` over a mix (calculations, explained
   years, chat conversations, the chat page, the policy list); every two seconds a line with
   req/s, p50/p99 latency, 5xx and 503 counts and the server's resident memory (all workers);
2. **heavy** — clients sending only the largest requests the limits allow (a 366-visit, 1000-item
   explanation; a 5000-line budget roster; chat turns on a 100-visit session) while a probe asks
   ``/healthz`` every 50 ms: the probe's p50/p99/max (target: p99 ≤ 500 ms);
3. **overload** — ``--overload-concurrency`` clients (more than workers × ``MINGBAI_MAX_IN_FLIGHT``)
   sending explained years: the excess gets 503 with ``Retry-After`` at once, latency stays bounded;
4. **sizes** — bytes of ``/``, an explanation and the OpenAPI document, plain, gzip and br.

``--worst`` times the named worst cases in-process instead: the issue's (a 940 KB budget roster,
an explanation of 366 visits × 20 items, a chat session grown to 366 visits) and the same at the
limits the web layer sets (:mod:`assistant.web.body`, :data:`assistant.web.chat.MAX_VISITS`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

SINGLE = {"policy": "pingliang-employee", "insured": {"category": "employee"}, "account_balance": "300.00",
          "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                      "items": [{"category": "in_scope", "amount": "800.00"},
                                {"category": "class_b_drug", "amount": "200.00"},
                                {"category": "self_pay", "amount": "50.00"}]}]}
YEAR = {**SINGLE, "visits": [{"date": f"2026-{m:02d}-15", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                              "items": [{"category": "in_scope", "amount": f"{300 + 37 * m}.50"}]}
                             for m in range(1, 13)]}
CHAT = [["南昌在职，一级医院100元，今年第一次，5月10日", "又看了一次，二级医院300元", "不对，是三级医院"],
        ["你好"], ["平凉退休，三甲医院1200元", "今年第一次"]]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def explain_body(visits: int, items: int) -> dict[str, Any]:
    """``visits`` visits in 2024 (one a day), ``items`` items spread over them."""
    start = dt.date(2024, 1, 1)
    per, extra = divmod(items, visits)
    cats = ["in_scope", "class_b_drug", "self_pay", "class_b_service"]
    out = []
    for k in range(visits):
        n = max(1, per + (1 if k < extra else 0))
        out.append({"date": (start + dt.timedelta(days=k)).isoformat(),
                    "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                    "items": [{"category": cats[j % 4], "amount": f"{10 + j}.50"} for j in range(n)]})
    return {"policy": "pingliang-employee", "insured": {"category": "employee"}, "account_balance": "3000",
            "visits": out}


def roster_body(lines: int) -> dict[str, Any]:
    return {"year": 2024, "roster": [{"birth_year": 1940 + i % 80, **({"signed_month": 1 + i % 12} if i % 3 else {})}
                                     for i in range(lines)]}


# -- in-process worst cases ------------------------------------------------------------------------

def worst() -> None:
    import calculator
    from assistant.chat.dialogue import new_state, turn
    from assistant.web import render
    from assistant.web.body import MAX_ITEMS, MAX_ROSTER, MAX_VISITS
    from assistant.web.chat import MAX_VISITS as CHAT_VISITS
    from calculator import budget
    from explanations import explain_budget

    def timed(fn: Any) -> tuple[float, Any]:  # CPU time of this process: not inflated by a busy machine
        t = time.process_time()
        out = fn()
        return (time.process_time() - t) * 1000, out

    print("worst cases, in-process (ms of CPU for one request: decode + calculate + explain + encode)")
    for label, lines in (("budget roster, the issue's 940 KB", 27_000), (f"budget roster at the limit ({MAX_ROSTER})", MAX_ROSTER)):
        raw = json.dumps(roster_body(lines)).encode()
        ms_d, req = timed(lambda raw=raw: budget.decode_budget_request(raw))
        ms_c, res = timed(lambda req=req: budget.resident_budget(req))
        ms_e, text = timed(lambda res=res: explain_budget(res, locale="zh-CN"))
        ms_j, enc = timed(lambda res=res, text=text: calculator.encode(res))
        print(f"  {label:<42} {len(raw) / 1024:7.0f} KB in  {ms_d + ms_c + ms_e + ms_j:7.0f} ms  "
              f"{len(enc) / 1024:8.0f} KB out")
    for label, (visits, items) in (("explain, the issue's 366 visits × 20 items", (366, 7320)),
                                   (f"explain at the limit ({MAX_VISITS} visits, {MAX_ITEMS} items)",
                                    (MAX_VISITS, MAX_ITEMS))):
        raw = json.dumps(explain_body(visits, items)).encode()
        ms_d, req = timed(lambda raw=raw: calculator.decode_request(raw))
        ms_c, res = timed(lambda req=req: calculator.calculate(req))
        ms_t, text = timed(lambda res=res, req=req: render.explain_text(res, req, "zh-CN"))
        ms_h, html = timed(lambda res=res, req=req: render.explain_html(res, req, "zh-CN"))
        ms_j, enc = timed(lambda res=res: calculator.encode(res))
        out = len(enc) + len(text.encode()) + len(html.encode())
        print(f"  {label:<42} {len(raw) / 1024:7.0f} KB in  {ms_d + ms_c + ms_t + ms_h + ms_j:7.0f} ms  "
              f"{out / 1024:8.0f} KB out")
    state = new_state()
    state, _ = turn(state, "南昌在职，一级医院100元，今年第一次，1月2日")
    marks = {CHAT_VISITS, 366}
    for n in range(2, 367):
        ms, (state, _) = timed(lambda state=state: turn(state, "又看了一次，一级医院100元"))
        if n in marks:
            label = f"chat turn, session of {n} visits" + (" (the limit)" if n == CHAT_VISITS else " (the issue's)")
            print(f"  {label:<42} {'':>10}  {ms:7.0f} ms")


# -- the real server -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(root: int) -> float:
    """Resident memory of ``root`` and its children (the uvicorn workers), MiB."""
    pids, total = [root], 0
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{root}/task").iterdir():
            with contextlib.suppress(OSError):
                pids += [int(p) for p in (task / "children").read_text().split()]
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


@contextlib.contextmanager
def server(workers: int, redis: str | None) -> Iterator[tuple[str, int]]:
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "MINGBAI_RATE_LIMIT": "0", "MINGBAI_DATA_DIR": data, "MINGBAI_WORKERS": str(workers)}
        if redis:
            env["MINGBAI_REDIS_URL"] = redis
        mingbai = Path(sys.executable).with_name("mingbai")
        proc = subprocess.Popen([str(mingbai), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                time.sleep(0.2)
            else:
                raise SystemExit("mingbai serve did not start")
            time.sleep(1.0)  # let every worker come up
            yield base, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class Stats:
    def __init__(self) -> None:
        self.lat: list[float] = []
        self.codes: dict[int, int] = {}

    def add(self, status: int, ms: float) -> None:
        self.lat.append(ms)
        self.codes[status] = self.codes.get(status, 0) + 1


async def _one(client: httpx.AsyncClient, stats: Stats, method: str, path: str, body: Any = None) -> httpx.Response | None:
    t = time.perf_counter()
    try:
        r = await client.request(method, path, json=body)
    except httpx.HTTPError:
        stats.add(0, (time.perf_counter() - t) * 1000)
        return None
    stats.add(r.status_code, (time.perf_counter() - t) * 1000)
    return r


async def _mixed_client(client: httpx.AsyncClient, stats: Stats, until: float, rng: random.Random) -> None:
    while time.monotonic() < until:
        pick = rng.random()
        if pick < 0.45:
            await _one(client, stats, "POST", "/api/v1/calculate", SINGLE)
        elif pick < 0.55:
            await _one(client, stats, "POST", "/api/v1/explain", YEAR)
        elif pick < 0.80:
            sid = None
            for message in rng.choice(CHAT):
                r = await _one(client, stats, "POST", "/api/v1/chat",
                               {"message": message, **({"session_id": sid} if sid else {})})
                if r is not None and r.status_code == 200:
                    sid = r.json().get("session_id") or sid
        elif pick < 0.90:
            await _one(client, stats, "GET", "/")
        else:
            await _one(client, stats, "GET", "/api/v1/policies")


async def soak(base: str, pid: int, seconds: float, concurrency: int) -> None:
    print(f"soak: {concurrency} clients for {seconds:.0f} s (calculate 45%, explain a year 10%, chat 25%, page 10%, "
          "policies 10%)")
    print(f"  {'t (s)':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'5xx':>4} {'503':>4} {'RSS MiB':>8}")
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        start = time.monotonic()
        until = start + seconds
        total = Stats()
        stats = Stats()
        rng = random.Random(11)
        tasks = [asyncio.create_task(_mixed_client(client, stats, until, random.Random(rng.random())))
                 for _ in range(concurrency)]
        tick = start
        while time.monotonic() < until:
            await asyncio.sleep(2.0)
            now = time.monotonic()
            window, stats.lat, codes = stats.lat, [], stats.codes
            stats.codes = {}
            total.lat += window
            for k, v in codes.items():
                total.codes[k] = total.codes.get(k, 0) + v
            five = sum(v for k, v in codes.items() if k >= 500 and k != 503)
            print(f"  {now - start:5.0f} {len(window) / (now - tick):7.0f} {pct(window, 50):7.1f} {pct(window, 99):7.1f} "
                  f"{five:4d} {codes.get(503, 0):4d} {rss_mib(pid):8.0f}")
            tick = now
        await asyncio.gather(*tasks)
        total.lat += stats.lat
        for k, v in stats.codes.items():
            total.codes[k] = total.codes.get(k, 0) + v
        five = sum(v for k, v in total.codes.items() if k >= 500 and k != 503)
        print(f"  all: {len(total.lat)} requests, {len(total.lat) / seconds:.0f} req/s, p50 {pct(total.lat, 50):.1f} ms, "
              f"p99 {pct(total.lat, 99):.1f} ms, 5xx {five}, 503 {total.codes.get(503, 0)}, statuses {sorted(total.codes.items())}")


async def heavy(base: str, pid: int, seconds: float, concurrency: int) -> None:
    from assistant.web.body import MAX_ITEMS, MAX_ROSTER, MAX_VISITS

    big = explain_body(MAX_VISITS, MAX_ITEMS)
    roster = roster_body(MAX_ROSTER)
    print(f"heavy: {concurrency} clients sending explain {MAX_VISITS} visits/{MAX_ITEMS} items, a {MAX_ROSTER}-line roster "
          f"and chat turns on a long session, for {seconds:.0f} s; /healthz probed every 50 ms")
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=concurrency + 2)) as client:
        # a long chat session (grown to 100 visits, the limit)
        sid = (await client.post("/api/v1/chat", json={"message": "南昌在职，一级医院100元，今年第一次，1月2日"})).json()["session_id"]
        for _ in range(98):
            await client.post("/api/v1/chat", json={"message": "又看了一次，一级医院100元", "session_id": sid})
        stats = {"explain": Stats(), "budget": Stats(), "chat": Stats()}
        probe = Stats()
        until = time.monotonic() + seconds

        async def loader(kind: str) -> None:
            while time.monotonic() < until:
                if kind == "explain":
                    await _one(client, stats[kind], "POST", "/api/v1/explain", big)
                elif kind == "budget":
                    await _one(client, stats[kind], "POST", "/api/v1/resident-budget", roster)
                else:  # a correction re-settles the whole session without growing it
                    await _one(client, stats[kind], "POST", "/api/v1/chat",
                               {"message": random.choice(["不对，是二级医院", "不对，是一级医院"]), "session_id": sid})

        kinds = ["explain", "budget", "chat"]
        # the probe runs in its own process: the load generator's event loop (receiving megabytes)
        # must not delay it
        ctx = multiprocessing.get_context("spawn")
        results = ctx.Queue()
        probe_proc = ctx.Process(target=_probe, args=(base, until, results))
        probe_proc.start()
        await asyncio.gather(*(loader(kinds[i % 3]) for i in range(concurrency)))
        probe.lat = results.get(timeout=60)
        probe_proc.join(timeout=30)
    for kind, s in stats.items():
        five = sum(v for k, v in s.codes.items() if k >= 500 and k != 503)
        print(f"  {kind:<8} {len(s.lat):5d} requests  p50 {pct(s.lat, 50):7.0f} ms  p99 {pct(s.lat, 99):7.0f} ms  "
              f"5xx {five}  503 {s.codes.get(503, 0)}  statuses {sorted(s.codes.items())}")
    print(f"  /healthz {len(probe.lat):5d} probes    p50 {pct(probe.lat, 50):7.1f} ms  p99 {pct(probe.lat, 99):7.1f} ms  "
          f"max {max(probe.lat, default=0):7.1f} ms  (target p99 ≤ 500 ms)   server RSS {rss_mib(pid):.0f} MiB")


async def overload(base: str, seconds: float, concurrency: int) -> None:
    """More clients than the workers may hold in flight: 503 at once, never a growing queue."""
    print(f"overload: {concurrency} clients sending explained years for {seconds:.0f} s "
          "(more than workers × MINGBAI_MAX_IN_FLIGHT)")
    stats = Stats()
    until = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def one_client() -> None:
            while time.monotonic() < until:
                r = await _one(client, stats, "POST", "/api/v1/explain", YEAR)
                if r is not None and r.status_code == 503:
                    await asyncio.sleep(float(r.headers.get("retry-after", "1")))

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
    ok = [ms for ms in stats.lat]
    five = sum(v for k, v in stats.codes.items() if k >= 500 and k != 503)
    print(f"  {len(ok)} requests, {len(ok) / seconds:.0f} req/s, p50 {pct(ok, 50):.0f} ms, p99 {pct(ok, 99):.0f} ms, "
          f"max {max(ok, default=0):.0f} ms, 5xx {five}, statuses {sorted(stats.codes.items())}")


def _probe(base: str, until: float, results: Any) -> None:
    """``GET /healthz`` every 50 ms until ``until`` (a monotonic time); the latencies in ms."""
    host, port = base.removeprefix("http://").split(":")
    lat: list[float] = []
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    while time.monotonic() < until:
        t = time.perf_counter()
        try:
            conn.request("GET", "/healthz")
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
        lat.append((time.perf_counter() - t) * 1000)
        time.sleep(0.05)
    conn.close()
    results.put(lat)


def sizes(base: str) -> None:
    print("sizes (bytes): plain / gzip / br")
    for label, method, path, body in (("GET /", "GET", "/", None), ("POST /api/v1/explain (a year)", "POST", "/api/v1/explain", YEAR),
                                      ("GET /schema/openapi.json", "GET", "/schema/openapi.json", None),
                                      ("GET /static/chat.js", "GET", "/static/chat.js", None)):
        out = []
        for enc in ("identity", "gzip", "br"):
            with httpx.Client(base_url=base, timeout=30) as c:
                r = c.request(method, path, json=body, headers={"Accept-Encoding": enc})
                out.append(f"{r.num_bytes_downloaded:>8}{'' if enc == 'identity' else ' (' + r.headers.get('content-encoding', '-') + ')'}")
        print(f"  {label:<34} {' / '.join(out)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--heavy-seconds", type=float, default=15)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--heavy-concurrency", type=int, default=6)
    ap.add_argument("--overload-concurrency", type=int, default=160, help="0: skip the overload phase")
    ap.add_argument("--redis", default=None, help="MINGBAI_REDIS_URL for the server (sessions and limits)")
    ap.add_argument("--worst", action="store_true", help="time the worst cases in-process and stop")
    args = ap.parse_args()
    if args.worst:
        worst()
        return
    with server(args.workers, args.redis) as (base, pid):
        print(f"server: {args.workers} workers, sessions in {'Redis' if args.redis else 'the file store'}, "
              f"RSS at start {rss_mib(pid):.0f} MiB")
        asyncio.run(soak(base, pid, args.seconds, args.concurrency))
        asyncio.run(heavy(base, pid, args.heavy_seconds, args.heavy_concurrency))
        if args.overload_concurrency:
            asyncio.run(overload(base, args.heavy_seconds, args.overload_concurrency))
        sizes(base)


if __name__ == "__main__":
    main()
