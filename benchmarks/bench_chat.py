"""Time of one chat turn in-process (understand + dialogue + calculate + explain), printed.

    python benchmarks/bench_chat.py [--rounds 30]

Target from issue 5: p99 ≤ 10 ms. Prints p50 / p95 / p99 / max per kind of turn and overall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from assistant.chat.dialogue import new_state, turn

TODAY = dt.date(2026, 11, 22)
CONVERSATIONS = [
    ["我是南昌退休职工，三级医院花了一千二，今年第一次"],
    ["看病花了800", "平凉", "退休", "三级", "乙等", "起付线已经扣完了"],
    ["南充在职，二级医院300元，今年第一次", "又看了一次，三级医院400", "如果去一级医院呢"],
    ["南昌居民，卫生院看病300块", "在签约机构看的"],
    ["南昌职工，个人账户能给我妈买药吗"],
    ["南昌退休的起付线是多少"],
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    for conv in CONVERSATIONS:  # warm caches (packs, catalogs, templates)
        state = new_state()
        for m in conv:
            state, _ = turn(state, m, today=TODAY)
    asking, answering = [], []
    for _ in range(args.rounds):
        for conv in CONVERSATIONS:
            state = new_state()
            for m in conv:
                t0 = time.perf_counter()
                state, reply = turn(state, m, today=TODAY)
                ms = (time.perf_counter() - t0) * 1000
                (answering if reply.result or reply.asking is None else asking).append(ms)
    for label, values in (("turns that ask a question", asking), ("turns that answer", answering),
                          ("all turns", asking + answering)):
        print(f"{label:<28} n={len(values):>5}  p50={statistics.median(values):6.2f} ms  "
              f"p95={pct(values, 95):6.2f} ms  p99={pct(values, 99):6.2f} ms  max={max(values):6.2f} ms")


if __name__ == "__main__":
    main()
