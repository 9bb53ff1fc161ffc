"""Bill checks: milliseconds per check, printed (not asserted). A check settles the request once,
then again under each documented cause (positions solved by bisection, about 20 settlements each).

    python benchmarks/bench_billcheck.py [--seconds 1]

The aim is under ~50 ms per check on a shared core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import calculator.billcheck as billcheck
from calculator import decode_bill_check
from calculator.billcheck import check

CASES = Path(__file__).resolve().parents[1] / "tests" / "billcheck" / "cases"


def settlements(request, slip) -> int:
    """How many times one check settles a request again (the load does not change this number)."""
    original, count = billcheck._settle, [0]

    def counted(*args, **kwargs):
        count[0] += 1
        return original(*args, **kwargs)

    billcheck._settle = counted
    try:
        check(request, slip)
    finally:
        billcheck._settle = original
    return count[0]


def time_case(path: Path, seconds: float) -> tuple[float, float, int]:
    case = json.loads(path.read_text(encoding="utf-8"))
    request, slip = decode_bill_check(json.dumps({"request": case["request"], "slip": case["slip"]}))
    n = settlements(request, slip)
    runs, worst, start = 0, 0.0, time.perf_counter()
    while time.perf_counter() - start < seconds or runs < 3:
        t = time.perf_counter()
        check(request, slip)
        worst = max(worst, time.perf_counter() - t)
        runs += 1
    return (time.perf_counter() - start) / runs * 1000, worst * 1000, n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=0.3, help="time per case")
    args = parser.parse_args()
    rows = [(p, *time_case(p, args.seconds)) for p in sorted(CASES.rglob("*.json"))]
    rows.sort(key=lambda r: -r[1])
    for path, mean, worst, n in rows[:10]:
        print(f"{mean:7.2f} ms mean {worst:7.2f} ms worst {n:4d} settlements  {path.parent.name}/{path.stem}")
    means = [r[1] for r in rows]
    print(f"most settlements in one check: {max(r[3] for r in rows)}")
    print(f"{len(rows)} cases: mean {sum(means) / len(means):.2f} ms, slowest {max(means):.2f} ms"
          f" (aim: < 50 ms){'' if max(means) < 50 else '  ← over the aim'}")


if __name__ == "__main__":
    main()
