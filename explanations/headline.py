"""The answer in one sentence, read first: the result's own figures, nothing computed.

Used where a person reads or hears the answer before the steps: the chat's text reply (a WeChat-style
client shows only text), the hotline console's copy. The widget builds the same sentence from the
result's fields on the page.
"""

from __future__ import annotations

from typing import Any

from .formatting import money_in

__all__ = ["headline"]


def headline(result: Any, locale: str = "zh-CN", payer: str = "您") -> str:
    """统筹基金报¥330.00，您自己付¥870.00（个人账户¥0.00，现金¥870.00）。 — for the last visit; when the
    result holds several, marked 这次 and followed by the year's totals (今年2次门诊合计：…). When the
    visit's account step had no balance to use, the split says so instead of 个人账户¥0.00. ``payer``: who
    pays the personal share, as the person is addressed (您妈 when the visit is their mother's)."""
    many = len(result.visits) > 1
    this, year = result.visits[-1], result.totals
    tag = "en" if locale.startswith("en") else "zh-CN"

    def money(value: Any) -> str:
        return money_in(value, tag)

    # no balance given: the account's share is not known, not ¥0.00 (the step says so; so does this)
    unknown = this.balance_untold
    # this visit first (what the person asked about); with earlier visits, the year's totals after it
    if locale.startswith("en"):
        split = ("no account balance given, all counted as cash" if unknown
                 else f"account {money(this.account_pays)}, cash {money(this.cash_pays)}")
        out = (f"{'This visit: the fund pays' if many else 'The fund pays'} {money(this.fund_pays)}, "
               f"you pay {money(this.personal_pays)} ({split}).")
        if many:
            out += (f" All {len(result.visits)} visits this year: the fund pays {money(year.fund_pays)}, "
                    f"you pay {money(year.personal_pays)}.")
        return out
    split = ("没有提供个人账户余额，全部按现金计" if unknown
             else f"个人账户{money(this.account_pays)}，现金{money(this.cash_pays)}")
    out = (f"{'这次：' if many else ''}统筹基金报{money(this.fund_pays)}，{payer}自己付{money(this.personal_pays)}（{split}）。")
    if many:
        out += f"今年{len(result.visits)}次门诊合计：统筹基金报{money(year.fund_pays)}，{payer}自己付{money(year.personal_pays)}。"
    return out
