"""The numbers a quote states, so that a pack's figure can be checked against its own words.

A document writes a figure as ``2500``, ``2500元``, ``2,500`` or ``两千五百``; a rate as ``55%``,
``55％``, ``5个百分点`` or ``百分之五十五``. :func:`figure_in_quote` says whether the figure a pack
gives (an amount in yuan, or a rate as a fraction: ``0.55``) is one of the numbers its quote
states — a number token, not a run of digits inside another number (``250`` is not in ``2500``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from .text import normalise

__all__ = ["chinese_number", "figure_in_quote", "numbers_in"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千万"
_ARABIC = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%|％|个百分点)?")
_CN_PERCENT = re.compile(rf"百分之([{_CN}]+)")
_CN_NUMBER = re.compile(rf"[{_CN}]+")
_HUNDRED = Decimal(100)


def chinese_number(text: str) -> int | None:
    """``两千五百`` → 2500, ``五十五`` → 55, ``十二`` → 12; None when it is not a number."""
    total = section = 0
    num: int | None = None
    for ch in text:
        if ch in _DIGITS:
            num = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if num is None else num) * _UNITS[ch]
            num = None
        elif ch == "万":
            total += (section + (num or 0)) * 10000
            section, num = 0, None
        else:
            return None
    return total + section + (num or 0)


def numbers_in(quote: str) -> tuple[set[Decimal], set[Decimal]]:
    """(plain numbers, rates as fractions) stated in a quote."""
    # markup dropped, but white space kept as a separator: a table row "0,14-25    37" holds 37
    text = " ".join(normalise(part) for part in quote.split())
    plain: set[Decimal] = set()
    rates: set[Decimal] = set()
    for m in _ARABIC.finditer(text):
        try:
            value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        (rates.add(value / _HUNDRED) if m.group(3) else plain.add(value))
    for m in _CN_PERCENT.finditer(text):
        n = chinese_number(m.group(1))
        if n is not None:
            rates.add(Decimal(n) / _HUNDRED)
    for m in _CN_NUMBER.finditer(_CN_PERCENT.sub("", text)):
        n = chinese_number(m.group(0))
        if n is not None and m.group(0) not in ("十", "百", "千", "万"):
            plain.add(Decimal(n))
    return plain, rates


def figure_in_quote(value: Decimal, kind: Literal["amount", "rate"], quote: str) -> bool:
    """Is ``value`` (yuan, or a rate as a fraction) one of the numbers ``quote`` states?"""
    plain, rates = numbers_in(quote)
    return value in (rates if kind == "rate" else plain)
