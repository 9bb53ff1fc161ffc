"""Explicit dates in a normalised message: ``2026年5月10日``, ``2026-05-10``, ``5月10号``, ``五月``.

Only what the message spells out: a month, a day of a month, a year (2000–2099). Relative
expressions (上个月, 昨天) give nothing. ``3个月`` is a duration, not a month.

:func:`anchor_dates` then places what is said relative to a day the caller gives (the dialogue's
today): 去年12月 (the year counted back), 这个月8号 and 上个月5号 (a day of this or last month), and
这个月刚办完退休 (this month, the day not said).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import cn2an
import msgspec

from . import rx

__all__ = ["DateMention", "anchor_dates", "find_dates"]


class DateMention(msgspec.Struct, frozen=True, kw_only=True):
    """One date (or partial date) written in the message; ``start``/``end`` index the text."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    #: 去年12月 (1), 前年 (2): the year counted back from the visit's year; None when not said
    years_ago: int | None = None


_CN = "零一二两三四五六七八九十"
_YEAR = rf"(?P<y>20\d{{2}}|二[零〇][{_CN}]{{2}})年"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?:日|号)"
_DATE = rx.compile(
    rf"(?P<iy>20\d{{2}})[-/.](?P<im>1[0-2]|0?[1-9])[-/.](?P<id>3[01]|[12]\d|0?[1-9])(?!\d)"
    rf"|(?:{_YEAR})?(?<![0-9{_CN}个]){_MONTH}(?:{_DAY})?"
    rf"|(?<!\d)(?P<yo>20\d{{2}})年"
)


@lru_cache(maxsize=512)
def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("二") and len(text) == 4 and "十" not in text:  # 二〇二六 → 2026
        digits = {c: str(i) for i, c in enumerate("零一二三四五六七八九")}
        return int("".join(digits.get(c, c) for c in text))
    return int(cn2an.cn2an(text, "smart"))


_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_MONTH = r"(?P<{0}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_EN = rx.compile(
    r"(?<![0-9])(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)? ?(?:of )?" + _EN_MONTH.format("m1")
    + r"|(?<![a-z])" + _EN_MONTH.format("m2") + r" ?(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
    # in March / back in June / early October: a month named in full, no day
    + r"|(?:(?<![a-z])(?:in|since|during|early|late|mid-?|back in|around) |(?<=\())(?P<m3>january|february|march|april|june|july"
      r"|august|september|october|november|december|may)(?![a-z])(?:,? ?(?P<y3>20[0-9]{2})(?![0-9]))?"
)


#: 11.18: month and day with a dot and a two-digit day, no unit after (¥11.18 or 11.18元 is money)
_DOTTED = rx.compile(r"(?<![\d.¥])(?P<m>1[0-2]|0?[1-9])\.(?P<d>3[01]|[12]\d|0[1-9])(?![\d.元块万千百kK]|\s?(?:yuan|rmb))")


#: 9/18办完的退休 / 11/3看的: month and day with a slash (never 1/3的钱 or 300/400: a date word or a break after)
_SLASHED = rx.compile(r"(?<![\d./])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?=号|日|办|看|去|那|在|买|拿|,|，|\s|$)")


_YEARS_AGO = rx.compile(r"(去年|上一年|上年|前年|明年|下一年|下年)(?:的)?$")
_YEARS_BACK = {"去年": 1, "上一年": 1, "上年": 1, "前年": 2, "明年": -1, "下一年": -1, "下年": -1}  # (明年: one forward)


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in ``text`` (already normalised), in order."""
    return list(_find_dates(text))


#: a pure function of the text, asked twice a message (the understanding, then the amounts' masking);
#: kept for the message being read only (a few entries), so no other message finds it warm
@lru_cache(maxsize=4)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    out: list[DateMention] = []
    year: int | None
    month: int | None
    day: int | None
    # each pattern is skipped only when the text lacks a character every match of it holds
    for m in _DOTTED.finditer(text) if "." in text else ():
        out.append(DateMention(start=m.start(), end=m.end(), text=m.group(0), month=int(m.group("m")),
                               day=int(m.group("d"))))
    for m in _SLASHED.finditer(text) if "/" in text else ():
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(DateMention(start=m.start(), end=m.end(), text=m.group(0), month=int(m.group("m")),
                                   day=int(m.group("d"))))
    for m in _DATE_EN.finditer(text) if _LATIN.search(text) else ():  # (an English month's name)
        month = _MONTHS_EN.index((m.group("m1") or m.group("m2") or m.group("m3"))[:3]) + 1
        said_day = m.group("d1") or m.group("d2")
        out.append(DateMention(start=m.start(), end=m.end(), text=m.group(0), month=month,
                               day=int(said_day) if said_day else None,
                               year=int(m.group("y3")) if m.group("y3") else None))
    for m in _DATE.finditer(text) if _DATE_CHARS.search(text) else ():
        if m.group("iy"):
            year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("yo"):
            year, month, day = int(m.group("yo")), None, None
        else:
            year = _number(m.group("y").replace("〇", "零")) if m.group("y") else None
            month = _number(m.group("m"))
            day = _number(m.group("d")) if m.group("d") else None
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= 31:
            continue
        back = _YEARS_AGO.search(text, max(0, m.start() - 4), m.start()) if year is None else None
        out.append(DateMention(start=m.start(), end=m.end(), text=m.group(0), year=year, month=month, day=day,
                               years_ago=_YEARS_BACK[back.group(1)] if back else None))
    out.sort(key=lambda d: d.start)
    return tuple(out)


_LATIN = rx.compile(r"[a-z]")
#: every match of _DATE holds 月 or 年, or a 20xx year followed by - / or .
_DATE_CHARS = rx.compile(r"[月年\-/.]")
_MONTH_RETIRED_RELATIVE = rx.compile(r"(这个月|本月|这月|上个月|上月)(?:月?初|月?底|月?中|中旬|上旬|下旬)?(?:刚|才|已经|刚刚)?(?:办|退"
                                     # (这个月开始领退休待遇了 / 上个月起拿退休金: the month the pension began)
                                     r"|(?:开始|起)(?:领|拿|享受|按)(?:了|的)?退休)"
                                     # (retired this month / retired last month: the English order)
                                     r"|(?<=retired )(this month|last month)")
_MONTH_DAY_RELATIVE = rx.compile(r"(这个月|本月|这月|上个月|上月|下个月|下月)(\d{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)")
_THIS_MONTH = ("这个月", "本月", "这月", "this month")
_NEXT_MONTH = ("下个月", "下月")


def _month_start(word: str, today: dt.date) -> dt.date:
    """The first day of the month ``word`` names (这个月, 上个月 or 下个月), counted from ``today``."""
    this_month = today.replace(day=1)
    if word in _NEXT_MONTH:  # 下个月10号再去看呢: a what-if of a visit still to come
        return (this_month + dt.timedelta(days=32)).replace(day=1)
    return this_month if word in _THIS_MONTH else (this_month - dt.timedelta(days=1)).replace(day=1)


def anchor_dates(text: str, dates: list[DateMention], today: dt.date) -> list[DateMention]:
    """``dates`` (from :func:`find_dates`) with the ones said relative to ``today`` placed, in order."""
    out = list(dates)
    for m in _MONTH_RETIRED_RELATIVE.finditer(text) if "月" in text or "retired " in text else ():
        word = m.group(1) or m.group(2)
        if not any(d.start < m.end() and m.start() < d.end for d in out):
            start = _month_start(word, today)
            # (retired this month (November): the month named beside it is the same one, said once)
            out = [d for d in out if not (d.month == start.month and d.day is None and 0 <= d.start - m.end() <= 2)]
            out.append(DateMention(start=m.start(), end=m.start() + len(word), text=word,
                                   year=start.year, month=start.month))
    for m in _MONTH_DAY_RELATIVE.finditer(text):
        try:
            day = _number(m.group(2))
        except ValueError:  # 十十号: not a day
            continue
        if 1 <= day <= 31:
            start = _month_start(m.group(1), today)
            out = [d for d in out if not (d.start < m.end() and m.start() < d.end)]
            out.append(DateMention(start=m.start(), end=m.end(), text=m.group(0), year=start.year,
                                   month=start.month, day=day))
    out.sort(key=lambda d: d.start)
    return [msgspec.structs.replace(d, year=today.year - d.years_ago) if d.years_ago else d for d in out]
