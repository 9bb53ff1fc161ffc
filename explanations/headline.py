"""The answer in one sentence, read first: the result's own figures, nothing computed.

Used where a person reads or hears the answer before the steps: the chat's text reply (a WeChat-style
client shows only text), the hotline console's copy. The widget builds the same sentence from the
result's fields on the page.
"""

from __future__ import annotations

from typing import Any

from .formatting import money_in

__all__ = ["headline"]


def headline(result: Any, locale: str = "zh-CN") -> str:
    """统筹基金报¥330.00，您自己付¥870.00（个人账户¥0.00，现金¥870.00）。 — for one visit, or the year's
    totals when the result holds several."""
    many = len(result.visits) > 1
    t = result.totals if many else result.visits[-1]
    tag = "en" if locale.startswith("en") else "zh-CN"

    def money(value: Any) -> str:
        return money_in(value, tag)

    if locale.startswith("en"):
        lead = f"All {len(result.visits)} visits this year: the fund pays" if many else "The fund pays"
        return (f"{lead} {money(t.fund_pays)}, you pay {money(t.personal_pays)} "
                f"(account {money(t.account_pays)}, cash {money(t.cash_pays)}).")
    lead = f"今年{len(result.visits)}次门诊合计：" if many else ""
    return (f"{lead}统筹基金报{money(t.fund_pays)}，您自己付{money(t.personal_pays)}"
            f"（个人账户{money(t.account_pays)}，现金{money(t.cash_pays)}）。")
