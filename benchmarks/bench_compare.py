"""明白账 side by side with its anchors, in one run: figures and ratios, printed, never asserted.

    python benchmarks/bench_compare.py                 # everything (a few minutes)
    python benchmarks/bench_compare.py --only a,b      # parts: a settle, b explain/chat, c http, d batch

(a) decode + calculate of the CONTRACT example vs OpenFisca country-template's one-person case
    (its own virtual environment, benchmarks/.venv-openfisca, created on first use — never the
    project's) and vs a bare-Decimal floor (the same arithmetic, plain Decimals, no trace);
(b) one explain (the /api/v1/explain work in-process: decode, calculate, text, HTML with the
    chart, encode) and one answering chat turn, in "settlements" (÷ one decode + calculate);
(c) HTTP req/s of /api/v1/calculate and /api/v1/explain vs a bare Litestar handler returning a
    constant JSON, each under uvicorn with the same worker count on loopback, the load from a
    separate process (wrk when installed, else a small asyncio HTTP/1.1 keep-alive client);
(d) the batch rate of ``mingbai batch`` when the command exists (else a note).

The machine is shared and noisy: every comparison alternates its contenders round by round and
reports the median of the per-round figures and of the per-round ratios. Servers are started here,
on 127.0.0.1, bounded in connections and seconds, and stopped at the end. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OPENFISCA_VENV = HERE / ".venv-openfisca"
OPENFISCA_PACKAGE = "openfisca-country-template"

#: the calculation request of CONTRACT.md ("Calculation request")
CONTRACT_EXAMPLE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee", "retired_on": None, "resident": None},
    "year_start": {"deductible_used": "0", "fund_paid": "0"},
    "account_balance": "300.00",
    "parameters": None,
    "visits": [{
        "date": "2026-05-10",
        "provider": {"kind": "hospital", "level": 3, "grade": "A", "designated": True},
        "items": [{"category": "in_scope", "amount": "800.00"},
                  {"category": "class_b_drug", "amount": "200.00"},
                  {"category": "self_pay", "amount": "50.00"}],
    }],
}
CHAT_MESSAGE = "我是南昌退休职工，三级医院花了一千二，今年第一次"

#: OpenFisca's one-person case: a JSON situation decoded, the simulation built, one formula run
OPENFISCA_WORKER = textwrap.dedent('''
    import json, sys, time
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_country_template import CountryTaxBenefitSystem
    tbs = CountryTaxBenefitSystem()
    raw = json.dumps({"persons": {"Ari": {"salary": {"2026-05": 3000}}},
                      "households": {"_": {"adults": ["Ari"]}}})
    def case():
        simulation = SimulationBuilder().build_from_entities(tbs, json.loads(raw))
        return simulation.calculate("income_tax", "2026-05")
    print("ready", float(case()[0]), flush=True)
    for line in sys.stdin:
        n = int(line)
        t0 = time.perf_counter()
        for _ in range(n):
            case()
        print(time.perf_counter() - t0, flush=True)
''')


def median(values: list[float]) -> float:
    return statistics.median(values)


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<58} {value:>16}  {note}")


def per_call(fn: Callable[[], object], n: int) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n


def calibrate(fn: Callable[[], object], seconds: float) -> int:
    """How many calls fill about ``seconds`` (at least 3)."""
    fn()
    one = per_call(fn, 3)
    return max(3, int(seconds / max(one, 1e-7)))


# -- (a) settlement ---------------------------------------------------------------------------------

def bare_decimal_floor(raw: bytes) -> Decimal:
    """The CONTRACT example's arithmetic with plain Decimals: no pack, no trace, no validation.

    平凉职工, 三级甲等: self-pay out; class-B drug 10% first self-pay; deductible 200; ratio 0.55,
    half-up to the fen; cap 2,500; account first, cash the rest.
    """
    req = json.loads(raw)
    fen = Decimal("0.01")
    visit = req["visits"][0]
    total = excluded = first = ZERO = Decimal("0.00")
    in_scope = ZERO
    for item in visit["items"]:
        amount = Decimal(item["amount"])
        total += amount
        if item["category"] == "self_pay":
            excluded += amount
        else:
            in_scope += amount
            if item["category"] == "class_b_drug":
                first += (amount * Decimal("0.10")).quantize(fen, rounding=ROUND_HALF_UP)
    base = in_scope - first
    deductible = min(Decimal("200") - Decimal(req["year_start"]["deductible_used"]), base)
    share = ((base - deductible) * Decimal("0.55")).quantize(fen, rounding=ROUND_HALF_UP)
    fund = min(share, Decimal("2500") - Decimal(req["year_start"]["fund_paid"]))
    personal = total - fund
    account = min(Decimal(req["account_balance"]), personal)
    return personal - account


def ensure_openfisca(python: str) -> Path | None:
    """The benchmark's own environment with OpenFisca country-template (created on first use)."""
    py = OPENFISCA_VENV / "bin" / "python"
    if not py.exists():
        print(f"  creating {OPENFISCA_VENV.relative_to(ROOT)} and installing {OPENFISCA_PACKAGE} (first run only)…")
        try:
            subprocess.run([python, "-m", "venv", str(OPENFISCA_VENV)], check=True)
            subprocess.run([str(py), "-m", "pip", "install", "-q", OPENFISCA_PACKAGE], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"  OpenFisca could not be installed ({exc}); skipped")
            return None
    return py


def part_a(args: argparse.Namespace) -> float:
    from calculator import calculate, decode_request

    print("\n(a) decode + calculate, the CONTRACT example")
    raw = json.dumps(CONTRACT_EXAMPLE).encode()
    result = calculate(decode_request(raw))
    assert bare_decimal_floor(raw) == result.visits[0].cash_pays  # the floor does the same sum

    def project() -> object:
        return calculate(decode_request(raw))

    def floor() -> object:
        return bare_decimal_floor(raw)

    worker = None
    py = None if args.skip_openfisca else ensure_openfisca(sys.executable)
    if py is not None:
        worker = subprocess.Popen([str(py), "-c", OPENFISCA_WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)
        assert worker.stdin is not None and worker.stdout is not None
        ready = worker.stdout.readline().split()
        line("OpenFisca one-person case ready (its own venv): income_tax", ready[1], "(float32)")

    try:
        n_project = calibrate(project, args.round_seconds)
        n_floor = calibrate(floor, args.round_seconds)
        mine, bare, theirs, vs_of, vs_floor = [], [], [], [], []
        n_of = 0
        for _ in range(args.rounds):
            p = per_call(project, n_project)
            f = per_call(floor, n_floor)
            mine.append(p)
            bare.append(f)
            vs_floor.append(p / f)
            if worker is not None:
                assert worker.stdin is not None and worker.stdout is not None
                if not n_of:
                    worker.stdin.write("3\n")
                    worker.stdin.flush()
                    n_of = max(3, int(args.round_seconds / (float(worker.stdout.readline()) / 3)))
                worker.stdin.write(f"{n_of}\n")
                worker.stdin.flush()
                o = float(worker.stdout.readline()) / n_of
                theirs.append(o)
                vs_of.append(p / o)
    finally:
        if worker is not None:
            worker.stdin.close()  # type: ignore[union-attr]
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    line("明白账 decode + calculate (traced, cited)", f"{median(mine) * 1e6:9.1f} µs")
    line("bare-Decimal floor (same arithmetic, no trace)", f"{median(bare) * 1e6:9.1f} µs")
    if theirs:
        line("OpenFisca country-template, one person (decode+build+calc)", f"{median(theirs) * 1e6:9.1f} µs")
        line("ratio 明白账 / OpenFisca (target ≤ 0.10)", f"{median(vs_of):9.3f} ×")
    line("ratio 明白账 / bare-Decimal floor", f"{median(vs_floor):9.1f} ×")
    return median(mine)


# -- (b) explain and chat in settlements -------------------------------------------------------------

def _variants(k: int = 64) -> list[bytes]:
    """The CONTRACT example with k different amounts (so no formatting memo is always warm)."""
    out = []
    for i in range(k):
        req = json.loads(json.dumps(CONTRACT_EXAMPLE))
        req["visits"][0]["items"][0]["amount"] = f"{800 + 13 * i}.{i % 100:02d}"
        out.append(json.dumps(req).encode())
    return out


def part_b(args: argparse.Namespace) -> None:
    import datetime as dt

    from assistant.chat.dialogue import new_state, turn
    from assistant.web import render
    from assistant.web.schemas import ExplainResponse
    from calculator import calculate, decode_request, encode

    print("\n(b) explain and chat, in settlements (÷ one decode + calculate, same process, alternating)")
    raws = _variants()
    today = dt.date(2026, 11, 22)
    messages = [CHAT_MESSAGE.replace("一千二", f"{1000 + 7 * i}元") for i in range(32)]
    it = {"s": 0, "e": 0, "c": 0}

    def settle() -> object:
        it["s"] += 1
        return calculate(decode_request(raws[it["s"] % len(raws)]))

    def explain() -> object:
        it["e"] += 1
        request = decode_request(raws[it["e"] % len(raws)])
        result = calculate(request)
        if hasattr(render, "explain_text_html"):
            text, html = render.explain_text_html(result, request, "zh-CN")
        else:  # a checkout from before the one-pass rendering (for a before/after comparison)
            text, html = render.explain_text(result, request, "zh-CN"), render.explain_html(result, request, "zh-CN")
        return encode(ExplainResponse(text=text, html=html, result=result, locale="zh-CN"))

    def chat() -> object:
        it["c"] += 1
        _, reply = turn(new_state(), messages[it["c"] % len(messages)], "zh-CN", today=today)
        assert reply.result is not None
        return reply

    ns, ne, nc = (calibrate(f, args.round_seconds) for f in (settle, explain, chat))
    s_all, e_all, c_all, e_ratio, c_ratio = [], [], [], [], []
    for _ in range(args.rounds):
        s1 = per_call(settle, ns)
        e = per_call(explain, ne)
        c = per_call(chat, nc)
        s2 = per_call(settle, ns)
        s = (s1 + s2) / 2
        s_all.append(s)
        e_all.append(e)
        c_all.append(c)
        e_ratio.append(e / s)
        c_ratio.append(c / s)
    line("one settlement (decode + calculate), 64 amounts in turn", f"{median(s_all) * 1e6:9.1f} µs")
    line("one explain (decode, calculate, text + HTML + chart, encode)", f"{median(e_all) * 1e6:9.1f} µs")
    line("one answering chat turn (understand, settle, explain)", f"{median(c_all) * 1e6:9.1f} µs")
    line("explain in settlements (target ≤ 10)", f"{median(e_ratio):9.1f}")
    line("chat answer in settlements (target ≤ 15)", f"{median(c_ratio):9.1f}")


# -- (c) HTTP ----------------------------------------------------------------------------------------

BARE_APP = textwrap.dedent('''
    from litestar import Litestar, post

    @post("/bare", status_code=200, sync_to_thread=False)
    def bare() -> dict:
        return {"status": "ok", "fund_pays": "429.00"}

    app = Litestar(route_handlers=[bare])
''')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: uvicorn with several workers, Nagle's algorithm off on every connection, as ``mingbai serve``
#: runs it (assistant.server.NoDelayHTTPProtocol): uvicorn's own command line leaves it on when
#: it binds the socket for several workers, and every answer, the bare handler's too, then
#: waits up to 40 ms for the client's delayed acknowledgement (about 360 req/s whatever the app)
UVICORN_NO_DELAY = textwrap.dedent('''
    import sys, uvicorn
    from assistant.server import NoDelayHTTPProtocol
    target, port, workers, factory = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
    uvicorn.run(target, host="127.0.0.1", port=port, workers=workers, log_level="warning", access_log=False,
                factory=factory, http=NoDelayHTTPProtocol)
''')


def _start(target: str, port: int, workers: int, env: dict[str, str], cwd: Path, factory: bool) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port), "--workers",
           str(workers), "--log-level", "warning", "--no-access-log"]
    if factory:
        cmd.append("--factory")
    if workers > 1:  # both contenders under the server as mingbai serve runs it (see UVICORN_NO_DELAY)
        cmd = [sys.executable, "-c", UVICORN_NO_DELAY, target, str(port), str(workers), "1" if factory else "0"]
    log = (Path(env["MINGBAI_DATA_DIR"]) / f"server-{port}.log").open("wb")  # the app's access log
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    _stop(proc)
    raise RuntimeError(f"server {target} did not start on port {port}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


async def _load(host: str, port: int, path: str, body: bytes, seconds: float, connections: int) -> tuple[int, int]:
    """Keep-alive HTTP/1.1 POSTs from ``connections`` connections for ``seconds``: (2xx, other)."""
    request = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
               f"Accept-Language: zh-CN\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    ok = bad = 0
    stop = time.monotonic() + seconds

    async def one() -> None:
        nonlocal ok, bad
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.monotonic() < stop:
                writer.write(request)
                status = await reader.readline()
                length = 0
                chunked = False
                while True:
                    header = await reader.readline()
                    if header in (b"\r\n", b""):
                        break
                    name, _, value = header.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "transfer-encoding" and "chunked" in value:
                        chunked = True
                if chunked:
                    while True:
                        size = int((await reader.readline()).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                else:
                    await reader.readexactly(length)
                if status[9:10] == b"2":
                    ok += 1
                else:
                    bad += 1
        finally:
            writer.close()

    await asyncio.gather(*(one() for _ in range(connections)))
    return ok, bad


def _client_main(argv: list[str]) -> None:
    """``--load-client PORT PATH BODYFILE SECONDS CONNECTIONS``: run in a separate process."""
    port, path, body_file, seconds, connections = argv
    body = Path(body_file).read_bytes()
    t0 = time.perf_counter()
    ok, bad = asyncio.run(_load("127.0.0.1", int(port), path, body, float(seconds), int(connections)))
    print(json.dumps({"ok": ok, "bad": bad, "elapsed": time.perf_counter() - t0}))


def _wrk(port: int, path: str, body_file: Path, seconds: float, connections: int) -> tuple[float, int]:
    lua = body_file.with_suffix(".lua")
    lua.write_text(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                   f'wrk.headers["Accept-Language"] = "zh-CN"\n'
                   f'wrk.body = io.open("{body_file}", "rb"):read("*a")\n')
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", str(lua),
                          f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=seconds + 60, check=False)
    rate = next(float(ln.split()[1]) for ln in out.stdout.splitlines() if ln.startswith("Requests/sec"))
    bad = next((int(ln.split()[-1]) for ln in out.stdout.splitlines() if "Non-2xx" in ln), 0)
    return rate, bad


def _rate(port: int, path: str, body_file: Path, args: argparse.Namespace) -> float:
    if args.loader == "wrk":
        rate, bad = _wrk(port, path, body_file, args.http_seconds, args.connections)
    else:
        out = subprocess.run([sys.executable, __file__, "--load-client", str(port), path, str(body_file),
                              str(args.http_seconds), str(args.connections)], capture_output=True, text=True,
                             timeout=args.http_seconds + 60, cwd=ROOT, check=False)
        figures = json.loads(out.stdout)
        rate, bad = figures["ok"] / figures["elapsed"], figures["bad"]
    if bad:
        print(f"  warning: {bad} non-2xx answers from {path}")
    return rate


def part_c(args: argparse.Namespace) -> None:
    print(f"\n(c) HTTP req/s under uvicorn, {args.workers} worker(s) each, loopback, "
          f"{args.connections} keep-alive connections, {args.http_seconds:g} s a run, load from a separate process "
          f"({'wrk' if args.loader == 'wrk' else 'asyncio client'})")
    if args.workers > 1:
        print("  several workers: both servers with Nagle's algorithm off on each connection, as mingbai serve runs them")
    tmp = Path(tempfile.mkdtemp(prefix="mingbai-bench-"))
    (tmp / "bare_app.py").write_text(BARE_APP)
    body = tmp / "contract.json"
    body.write_bytes(json.dumps(CONTRACT_EXAMPLE).encode())
    env = dict(os.environ, MINGBAI_RATE_LIMIT="0", MINGBAI_SESSION_STORE="memory", MINGBAI_DATA_DIR=str(tmp),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(tmp)]))
    app_port, bare_port = _free_port(), _free_port()
    servers = []
    try:
        servers.append(_start("assistant.web.app:create_app", app_port, args.workers, env, ROOT, factory=True))
        servers.append(_start("bare_app:app", bare_port, args.workers, env, tmp, factory=False))
        for port, path in ((bare_port, "/bare"), (app_port, "/api/v1/calculate"), (app_port, "/api/v1/explain")):
            _rate(port, path, body, argparse.Namespace(**{**vars(args), "http_seconds": 1.0}))  # warm up
        bare, calc, expl, r_calc, r_expl = [], [], [], [], []
        for _ in range(args.http_rounds):
            b = _rate(bare_port, "/bare", body, args)
            c = _rate(app_port, "/api/v1/calculate", body, args)
            e = _rate(app_port, "/api/v1/explain", body, args)
            bare.append(b)
            calc.append(c)
            expl.append(e)
            r_calc.append(c / b)
            r_expl.append(e / b)
    finally:
        for proc in servers:
            _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    line("bare Litestar handler, constant JSON", f"{median(bare):9.0f} req/s")
    line("POST /api/v1/calculate (CONTRACT example)", f"{median(calc):9.0f} req/s")
    line("POST /api/v1/explain (CONTRACT example)", f"{median(expl):9.0f} req/s")
    line("ratio calculate / bare (target ≥ 0.5)", f"{median(r_calc):9.2f} ×")
    line("ratio explain / bare (target ≥ 0.2)", f"{median(r_expl):9.2f} ×")


# -- (d) batch ---------------------------------------------------------------------------------------

def part_d(args: argparse.Namespace) -> None:
    print(f"\n(d) mingbai batch: {args.batch_insured:,} insured × 12 visits")
    exe = shutil.which("mingbai", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if exe is None:
        print("  skipped: no `mingbai` command on PATH")
        return
    probe = subprocess.run([exe, "batch", "--help"], capture_output=True, text=True, timeout=60, check=False)
    if probe.returncode != 0:
        print("  skipped: `mingbai batch` is not there yet (built in parallel by the calculator engineer)")
        return
    sys.path.insert(0, str(HERE))
    from bench_calc import year_of

    policies = [("nanchang-employee", "employee"), ("nanchong-employee", "retiree"),
                ("pingliang-employee", "employee"), ("nanchang-employee", "retiree")]
    with tempfile.TemporaryDirectory(prefix="mingbai-batch-") as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w") as fh:
            for i in range(args.batch_insured):
                policy, category = policies[i % len(policies)]
                req = year_of(policy, category)
                req["visits"][i % 12]["items"][0]["amount"] = f"{100 + i % 997}.{i % 100:02d}"
                if policy == "pingliang-employee":
                    for v in req["visits"]:
                        v["provider"]["grade"] = v["provider"]["grade"] or "A"
                fh.write(json.dumps(req) + "\n")
        t0 = time.perf_counter()
        with src.open("rb") as fin, dst.open("wb") as fout:
            run = subprocess.run([exe, "batch"], stdin=fin, stdout=fout, stderr=subprocess.PIPE, timeout=1800, check=False)
        elapsed = time.perf_counter() - t0
        lines = sum(1 for _ in dst.open("rb"))
    if run.returncode != 0:
        print(f"  `mingbai batch` exited {run.returncode}: {run.stderr.decode(errors='replace')[-300:]}")
        return
    rate = args.batch_insured / elapsed
    line("insured-years settled", f"{lines:,}")
    line("insured / s (all cores)", f"{rate:9.0f}")
    line("visits / s", f"{rate * 12:9.0f}")
    line("projected: 100,000 insured × 12 visits (target ≤ 60 s on one core)", f"{100_000 / rate:9.1f} s")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--load-client":
        _client_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="a,b,c,d", help="parts to run, e.g. a,b")
    ap.add_argument("--rounds", type=int, default=9, help="alternating rounds for (a) and (b)")
    ap.add_argument("--round-seconds", type=float, default=0.25, help="time of one contender in one round")
    ap.add_argument("--skip-openfisca", action="store_true")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers, the same for every server")
    ap.add_argument("--connections", type=int, default=16, help="keep-alive connections of the load generator")
    ap.add_argument("--http-seconds", type=float, default=4.0, help="seconds of load per run (bounded)")
    ap.add_argument("--http-rounds", type=int, default=3)
    ap.add_argument("--loader", choices=["auto", "wrk", "asyncio"], default="auto")
    ap.add_argument("--install-wrk", action="store_true",
                    help="apt-get install wrk (Debian) when it is missing and we are root")
    ap.add_argument("--batch-insured", type=int, default=5000)
    args = ap.parse_args()
    if args.install_wrk and not shutil.which("wrk") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
    if args.loader == "auto":
        args.loader = "wrk" if shutil.which("wrk") else "asyncio"
    args.connections = max(1, min(args.connections, 64))
    args.http_seconds = max(1.0, min(args.http_seconds, 30.0))
    parts = set(args.only.split(","))
    print(f"明白账 benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; medians of {args.rounds} alternating rounds")
    if "a" in parts:
        part_a(args)
    if "b" in parts:
        part_b(args)
    if "c" in parts:
        part_c(args)
    if "d" in parts:
        part_d(args)


if __name__ == "__main__":
    main()
