"""Display formatting: money, percentages, dates and article numbers, for the active locale.

Formatting only — no arithmetic on money. Babel rounds half-even, so every amount is first
quantised to the fen *half-up* (the trace's amounts already have two places; this is belt and
braces) and every ratio to four places half-up, then handed to Babel with the locale spelled out.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from .i18n import babel_locale, current, gettext

__all__ = [
    "Figure",
    "Unfixed",
    "article_label",
    "article_numbers",
    "cn_number",
    "count",
    "date",
    "money",
    "number",
    "number_in",
    "ordinal",
    "percent",
    "percent_in",
    "to_chinese_numeral",
]

FEN = Decimal("0.01")
RATIO_PLACES = Decimal("0.0001")


class Unfixed(Exception):
    """A :class:`Figure` was used in a way its slot cannot stand for (see :class:`Figure`)."""


class Figure:
    """A stand-in for one of a trace's amounts while a step's words are compiled into a skeleton
    (:mod:`explanations.skeleton`): it formats as a slot (``money``, ``number``, ``percent``)
    and answers only the questions the skeleton's key settles — equal to another figure (the
    key numbers equal amounts alike), to zero, above or below zero (the key holds each sign),
    true when not zero. Anything else (its text, arithmetic, a comparison with another number)
    raises :class:`Unfixed`, and that step is rendered in full every time."""

    __slots__ = ("number", "sign")

    def __init__(self, number: int, sign: int) -> None:
        self.number, self.sign = number, sign

    def slot(self, kind: str) -> str:
        return f"\ue002{self.number}{kind}\ue003"

    def _zero(self, other: object) -> bool:
        if type(other) in (int, Decimal) and other == 0:
            return True
        raise Unfixed

    def __eq__(self, other: object) -> bool:
        if type(other) is Figure:
            return self.number == other.number
        if other is None:
            return False
        return self._zero(other) and self.sign == 0

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __gt__(self, other: object) -> bool:
        if type(other) is Figure and other.number == self.number:
            return False
        return self._zero(other) and self.sign > 0

    def __lt__(self, other: object) -> bool:
        if type(other) is Figure and other.number == self.number:
            return False
        return self._zero(other) and self.sign < 0

    def __ge__(self, other: object) -> bool:
        return self.__eq__(other) or self.__gt__(other)

    def __le__(self, other: object) -> bool:
        return self.__eq__(other) or self.__lt__(other)

    def __bool__(self) -> bool:
        return self.sign != 0

    def __hash__(self) -> int:
        return hash(self.number)

    def __str__(self) -> str:
        raise Unfixed

    def __html__(self) -> str:
        raise Unfixed


def _fen(value: Decimal) -> Decimal:
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


# Babel's formatting is the hot spot of rendering; amounts repeat across steps, visits and turns,
# so the formatted strings are memoised per (value, locale). Pure functions: caching is safe.
# The cache is keyed by the locale's tag (a str hashes at once; a Babel Locale hashes its fields).
@lru_cache(maxsize=8192)
def _money(value: Decimal, tag: str) -> str:
    return format_currency(_fen(value), "CNY", locale=babel_locale(tag))


@lru_cache(maxsize=8192)
def _number(value: Decimal, tag: str) -> str:
    return format_decimal(_fen(value), format="#,##0.00", locale=babel_locale(tag))


@lru_cache(maxsize=1024)
def _percent(ratio: Decimal, tag: str) -> str:
    q = Decimal(ratio).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)
    return format_percent(q, format="#,##0.##%", locale=babel_locale(tag))


#: (value, locale tag) → the formatted string, looked up before any quantising: a figure is
#: formatted once, then found in one dict look-up (equal Decimals, 450.5 and 450.50, quantise
#: to the same fen, so they share an entry). Cleared when full.
_MONEY: dict[tuple[Decimal, str], str] = {}
_NUMBER: dict[tuple[Decimal, str], str] = {}
_PERCENT: dict[tuple[Decimal, str], str] = {}
_MEMO_LIMIT = 16384


def _remember(memo: dict[tuple[Decimal, str], str], key: tuple[Decimal, str], out: str) -> str:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = out
    return out


def money(value: Decimal) -> str:
    """``¥1,234.50`` (zh-CN) / ``CN¥1,234.50`` (en)."""
    if type(value) is Figure:
        return value.slot("m")
    key = (value, current().tag)
    out = _MONEY.get(key)
    return out if out is not None else _remember(_MONEY, key, _money(_fen(value), key[1]))


def money_in(value: Decimal, tag: str) -> str:
    """An amount with its currency in the locale ``tag``, for a caller outside an activated locale."""
    return _money(_fen(value), tag)


def number_in(value: Decimal, tag: str) -> str:
    """An amount in the locale ``tag`` (``zh-CN``, ``en``), for a caller outside an activated locale."""
    return _number(value, tag)


def percent_in(ratio: Decimal, tag: str) -> str:
    """A ratio in the locale ``tag``, for a caller outside an activated locale."""
    return _percent(Decimal(ratio), tag)


def number(value: Decimal) -> str:
    """An amount without the currency sign, for formulas: ``1,234.50``."""
    if type(value) is Figure:
        return value.slot("n")
    key = (value, current().tag)
    out = _NUMBER.get(key)
    return out if out is not None else _remember(_NUMBER, key, _number(_fen(value), key[1]))


def percent(ratio: Decimal) -> str:
    """``0.55`` → ``55%``; ``0.555`` → ``55.5%``."""
    if type(ratio) is Figure:
        return ratio.slot("p")
    key = (ratio, current().tag)
    out = _PERCENT.get(key)
    return out if out is not None else _remember(_PERCENT, key, _percent(Decimal(ratio), key[1]))


def date(value: dt.date) -> str:
    """``2026年5月10日`` / ``May 10, 2026``."""
    return _date(value, current().tag)


@lru_cache(maxsize=4096)
def _date(value: dt.date, tag: str) -> str:
    return format_date(value, format="long", locale=babel_locale(tag))


# -- Chinese numerals -----------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
_CN_DIGIT = {c: i for i, c in enumerate(_DIGITS)} | {"两": 2, "〇": 0}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    """``七`` → 7, ``十七`` → 17, ``二十五`` → 25, ``一百零三`` → 103 (small article numbers)."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def to_chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (counts and ordinals up to 9999)."""
    if n < 0 or n > 9999:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d:
            if zero and out:
                out += "零"
            out += ("" if (unit == "十" and d == 1 and n < 20) else _DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def count(n: int) -> str:
    """A count of visits in the locale's words: 两 / 三 (zh), 2 / 3 (en)."""
    if not current().tag.startswith("zh"):
        return str(n)
    return "两" if n == 2 else to_chinese_numeral(n)


def ordinal(n: int) -> str:
    """The number in “第一次” (zh: 一, 二 …; en: 1, 2 …)."""
    return to_chinese_numeral(n) if current().tag.startswith("zh") else str(n)


# -- article numbers ------------------------------------------------------------------------------

_NUMERAL = "零一二三四五六七八九十百千两〇"
_ARTICLE = re.compile(rf"^第([{_NUMERAL}]+)条(.*)$")
_SECTION_SUB = re.compile(rf"^([{_NUMERAL}]+)[（(]([{_NUMERAL}]+)[)）]$")
_SECTION = re.compile(rf"^([{_NUMERAL}]+)、(.*)$")
_CLAUSE = re.compile(rf"[（(]([{_NUMERAL}]+)[)）]")


def article_numbers(article: str) -> list[int]:
    """The numbers an article id holds: ``第二十五条（四）`` → [25, 4]; ``四（三）`` → [4, 3]."""
    return [cn_number(m) for m in re.findall(rf"[{_NUMERAL}]+", article) if _is_numeral(m)]


def _is_numeral(text: str) -> bool:
    try:
        cn_number(text)
    except ValueError:
        return False
    return True


def article_label(article: str, *, city: str, city_en: str, title: str) -> str:
    """How an article is named inside 〔〕 in the active locale.

    A numbered article (``第七条``) stands alone; a plan numbered by sections (西安: ``四（三）``)
    gets the document's short name (``西安方案 四（三）``). In English: ``Art. 7``,
    ``Xi'an plan §4(3)``.
    """
    english = not current().tag.startswith("zh")
    if m := _ARTICLE.match(article):
        if not english:
            return article
        rest = _CLAUSE.sub(lambda c: f"({cn_number(c.group(1))})", m.group(2))
        return gettext("第%(n)s条") % {"n": f"{cn_number(m.group(1))}{rest}"}
    doc = (gettext("%(city)s方案") if title.endswith("方案") else gettext("%(city)s文件")) % {
        "city": city_en if english else city}
    if not english:
        return f"{doc} {article}"
    if m := _SECTION_SUB.match(article):
        section = f"§{cn_number(m.group(1))}({cn_number(m.group(2))})"
    elif m := _SECTION.match(article):
        section = f"§{cn_number(m.group(1))}"
    elif article == "前言":
        section = gettext("前言")
    else:
        section = article
    return f"{doc} {section}"
