"""Settlements per second, printed (not asserted): single visits and 12-visit years.

    python benchmarks/bench_calc.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import copy
import json
import time
import tracemalloc

from calculator import calculate, decode_request

SINGLE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee"},
    "account_balance": "300.00",
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
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


def rate(label: str, raw: bytes, seconds: float, decode: bool) -> None:
    req = decode_request(raw)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        calculate(decode_request(raw) if decode else req)
        n += 1
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {n / elapsed:>10,.0f} /s   {elapsed / n * 1e6:>8.1f} µs each")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    cases = [("single visit, 平凉 (engine only)", SINGLE, False),
             ("single visit, 平凉 (decode + validate + engine)", SINGLE, True),
             ("12-visit year, 南昌职工 (engine only)", year_of("nanchang-employee", "employee"), False),
             ("12-visit year, 南充退休 (decode + validate + engine)", year_of("nanchong-employee", "retiree"), True)]
    for label, req, decode in cases:
        rate(label, json.dumps(req).encode(), args.seconds, decode)
    tracemalloc.start()
    calculate(decode_request(json.dumps(year_of("nanchang-employee", "employee")).encode()))
    _, peak = tracemalloc.get_traced_memory()
    print(f"{'peak memory of one 12-visit settlement':<52} {peak / 1024:>10,.1f} KiB")


if __name__ == "__main__":
    main()
