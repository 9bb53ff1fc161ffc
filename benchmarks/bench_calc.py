"""The calculator's speed, printed (not asserted).

    python benchmarks/bench_calc.py [--years 100000] [--rounds 7]

Prints µs per decode + calculate of the CONTRACT example (the best and the median of rounds, the
figure issue 12 compares with OpenFisca country-template's ~390 µs one-person case: target ≤ 39 µs),
the traced and figures-only settlement of 12-visit years, and ``mingbai batch`` over a generated
JSON Lines file of ``--years`` insured × 12 visits on 1 and 2 workers (years/s and visits/s; target
100,000 years in ≤ 60 s on one core, ≤ 30 s on two).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from pathlib import Path

from calculator import calculate, decode_request, get_pack, settle

OPENFISCA_SINGLE_US = 390.0  # issue 12: OpenFisca country-template one-person case, measured on this machine

SINGLE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee", "retired_on": None, "resident": None},
    "year_start": {"deductible_used": "0", "fund_paid": "0"},
    "account_balance": "300.00",
    "parameters": None,
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A", "designated": True},
                "items": [{"category": "in_scope", "amount": "800.00"},
                          {"category": "class_b_drug", "amount": "200.00"},
                          {"category": "self_pay", "amount": "50.00"}]}],
}


def year_of(policy: str, category: str) -> dict:
    req = copy.deepcopy(SINGLE)
    req["policy"] = policy
    req["insured"] = {"category": category}
    req["visits"] = [{"date": f"2026-{m:02d}-15", "provider": {"kind": "hospital", "level": 1 + m % 3,
                                                               "grade": "A" if m % 3 == 2 else None},
                      "items": [{"category": "in_scope", "amount": f"{300 + 37 * m}.50"}]}
                     for m in range(1, 13)]
    return req


def per_call_us(fn, rounds: int, number: int) -> tuple[float, float]:
    times = [t / number * 1e6 for t in timeit.repeat(fn, number=number, repeat=rounds)]
    return min(times), statistics.median(times)


def write_years(path: Path, years: int) -> None:
    """``years`` insured, 12 visits each, over four packs, with one bad line in 10,000."""
    rng = random.Random(12)
    policies = ["nanchong-employee", "nanchang-employee", "pingliang-employee", "nanchang-resident"]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(years):
            policy = policies[k % 4]
            category = "resident" if policy == "nanchang-resident" else rng.choice(["employee", "retiree", "flexible"])
            visits = []
            for m in range(1, 13):
                level = rng.choice([1, 2, 3])
                provider: dict = {"kind": "hospital"} if policy == "nanchang-resident" else {"kind": "hospital", "level": level}
                if policy == "pingliang-employee" and level == 3:
                    provider["grade"] = rng.choice(["A", "B"])
                visits.append({"date": f"2026-{m:02d}-{rng.randint(1, 28):02d}", "provider": provider, "items": [
                    {"category": "in_scope", "amount": f"{rng.randint(20, 900)}.{rng.randint(0, 99):02d}"},
                    {"category": "class_b_drug", "amount": f"{rng.randint(0, 200)}.00"},
                    {"category": "self_pay", "amount": "12.50"}]})
            req = {"policy": policy, "insured": {"category": category}, "account_balance": "800.00", "visits": visits}
            if k % 10_000 == 9_999:
                req["insured"] = {"category": "student"}
            fh.write(json.dumps(req, ensure_ascii=False) + "\n")


def run_batch(path: Path, workers: int) -> float:
    exe = Path(sys.executable).with_name("mingbai")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant.cli"]
    start = time.perf_counter()
    subprocess.run([*cmd, "batch", str(path), "-o", os.devnull, "--workers", str(workers)], check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()

    raw = json.dumps(SINGLE).encode()
    best, median = per_call_us(lambda: calculate(decode_request(raw)), args.rounds, 5000)
    print(f"{'decode + calculate, CONTRACT example':<46} best {best:6.1f} µs   median {median:6.1f} µs"
          f"   = {median / OPENFISCA_SINGLE_US:.2f} × OpenFisca's ~{OPENFISCA_SINGLE_US:.0f} µs (target ≤ 0.10)")
    year = decode_request(json.dumps(year_of("nanchang-employee", "employee")).encode())
    pack = get_pack(year.policy)
    for label, trace in (("12-visit year, traced", True), ("12-visit year, figures only", False)):
        best, median = per_call_us(lambda t=trace: settle(year, pack, trace=t), args.rounds, 500)
        print(f"{label:<46} best {best:6.1f} µs   median {median:6.1f} µs   {12e6 / median:>9,.0f} visits/s")
    tracemalloc.start()
    calculate(year)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'peak memory of one traced 12-visit settlement':<46} {peak / 1024:,.1f} KiB")
    if args.skip_batch:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "years.jsonl"
        write_years(path, args.years)
        for workers in (1, 2):
            elapsed = run_batch(path, workers)
            print(f"{f'mingbai batch, {args.years:,} years × 12 visits, {workers} worker(s)':<46} {elapsed:6.1f} s"
                  f"   {args.years / elapsed:>9,.0f} years/s   {12 * args.years / elapsed:>10,.0f} visits/s")


if __name__ == "__main__":
    main()
