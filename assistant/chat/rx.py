"""Patterns that skip a search the text cannot satisfy.

Understanding a message runs a few hundred searches, and most of them fail: a message about a
bill in 南昌 has none of the words of a what-if, a correction or an inpatient stay. A failing search
over a long alternation still costs microseconds, because the engine tries the pattern at every
position. :func:`compile` works out, from the parsed pattern, sets of characters of which every
match must contain one (``为什么|为啥|怎么`` needs one of 为 and 怎; ``第(\\d+)次`` needs 第 and 次), and
the pattern it returns answers "no match" at once when the text has none of a set — exactly what
the search would have answered. Otherwise it searches as before. Matches, groups and substitutions
are the compiled pattern's own.

The sets are read from the pattern, never written by hand, so a pattern edited later keeps a
correct gate. Where no set can be proved (a pattern that may match digits only, or anything at
all), the plain compiled pattern is returned. Which of several provable sets a gate uses is
steered by how common each character is in chat messages (:data:`_COMMON`); that only changes how
often the gate helps, never an answer. ``tests/chat/test_rx.py`` compares every gated pattern of
the chat with its plain search over the corpora's texts.
"""

from __future__ import annotations

import re
import re._constants as _sc  # the parser re.compile itself uses (Python ≥ 3.11)
import re._parser as _sp
import sys
from collections.abc import Callable, Iterator
from typing import Any, cast

__all__ = ["compile", "needs"]

#: the characters most chat messages contain, with the share of messages holding each (rounded,
#: from the blind corpora): a gate on 医 or 院 would almost never skip, so rarer ones are chosen.
_COMMON: dict[str, float] = {
    **dict.fromkeys("0123456789", 0.5), " ": 0.6, "，": 0.4, ",": 0.15, ".": 0.15, "。": 0.15,
    "医": 0.6, "院": 0.6, "年": 0.55, "南": 0.55, "今": 0.55, "一": 0.5, "了": 0.5, "级": 0.45,
    "在": 0.45, "次": 0.4, "职": 0.4, "第": 0.35, "昌": 0.35, "退": 0.33, "休": 0.33, "花": 0.3,
    "的": 0.27, "三": 0.27, "看": 0.26, "二": 0.26, "诊": 0.24, "报": 0.23, "门": 0.21, "付": 0.2,
    "充": 0.2, "平": 0.19, "凉": 0.19, "起": 0.18, "保": 0.17, "线": 0.16, "是": 0.16, "我": 0.16,
    "统": 0.15, "筹": 0.15, "药": 0.15, "民": 0.14, "多": 0.14, "工": 0.13, "不": 0.13, "区": 0.13,
    "病": 0.13, "少": 0.12, "天": 0.12, "个": 0.12, "人": 0.11, "生": 0.11, "居": 0.11,
}
_RARE = 0.02  # any other character
_MAX_SET = 64  # a larger set gates almost nothing and costs more to hold
_WORTH = 0.7  # a gate whose sets are this likely to be met is not worth its call

_Set = frozenset[str]
_END = sys.maxsize


def _chars(code: int, ignorecase: bool) -> set[str] | None:
    ch = chr(code)
    if ignorecase and (ch.lower() != ch or ch.upper() != ch):
        return None  # case folding has equivalents beyond lower/upper (K and the Kelvin sign)
    return {ch}


def _in(items: list[tuple[Any, Any]], ignorecase: bool) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _sc.LITERAL:
            one = _chars(av, ignorecase)
        elif op is _sc.RANGE and av[1] - av[0] <= _MAX_SET:
            one = set()
            for code in range(av[0], av[1] + 1):
                got = _chars(code, ignorecase)
                if got is None:
                    return None
                one |= got
        else:  # a negated class, a category (\d, \w), a wide range
            return None
        if one is None:
            return None
        out |= one
    return out if len(out) <= _MAX_SET else None


def _score(s: _Set) -> float:
    """How likely a message holds one of ``s`` (roughly; lower gates more often)."""
    miss = 1.0
    for c in s:
        miss *= 1.0 - _COMMON.get(c, _RARE)
    return 1.0 - miss


def _seq(items: Any, ignorecase: bool) -> list[_Set]:
    """Sets every match of the sequence ``items`` meets (each: one of its characters is matched)."""
    out: list[_Set] = []
    for op, av in items:
        out.extend(_node(op, av, ignorecase))
    return out


def _one(items: Any, ignorecase: bool) -> _Set | None:
    """The single most selective set of a sequence, or None."""
    sets = _seq(items, ignorecase)
    return min(sets, key=_score) if sets else None


def _node(op: Any, av: Any, ignorecase: bool) -> list[_Set]:
    if op is _sc.LITERAL:
        got = _chars(av, ignorecase)
        return [frozenset(got)] if got else []
    if op is _sc.IN:
        got = _in(av, ignorecase)
        return [frozenset(got)] if got else []
    if op is _sc.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            best = _one(branch, ignorecase)
            if best is None:
                return []
            union |= best
        return [frozenset(union)] if len(union) <= _MAX_SET else []
    if op is _sc.SUBPATTERN:
        _group, add, drop, body = av
        ic = (ignorecase or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
        return _seq(body, ic)
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _seq(body, ignorecase) if low >= 1 else []
    if op is getattr(_sc, "ATOMIC_GROUP", None):
        return _seq(av, ignorecase)
    # anchors, lookarounds, back-references, conditionals, any character: no set proved
    return []


def needs(pattern: re.Pattern[str]) -> tuple[_Set, ...]:
    """Up to two character sets every match of ``pattern`` must meet, the most selective first;
    empty when none is worth a gate."""
    if not isinstance(pattern.pattern, str):
        return ()
    tree = _sp.parse(pattern.pattern, pattern.flags)
    sets = sorted(set(_seq(list(tree), bool(pattern.flags & re.IGNORECASE))), key=_score)
    sets = [s for s in sets if _score(s) < _WORTH]
    return tuple(sets[:2])


def _class(chars: _Set) -> re.Pattern[str]:
    """A one-character-class pattern finding any of ``chars`` (a C-speed scan, no set built)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


class _Gated:
    """A compiled pattern behind a character gate; the methods the chat calls, same answers."""

    __slots__ = ("_a", "_b", "_p", "flags", "groupindex", "groups", "pattern")

    def __init__(self, p: re.Pattern[str], sets: tuple[_Set, ...]) -> None:
        self._p = p
        self._a = _class(sets[0]).search
        self._b = _class(sets[1]).search if len(sets) > 1 else None
        self.pattern = p.pattern
        self.flags = p.flags
        self.groups = p.groups
        self.groupindex = p.groupindex

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return None
        return self._p.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return None
        return self._p.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return None
        return self._p.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return iter(())
        return self._p.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return []
        return self._p.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return string
        return self._p.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return (string, 0)
        return self._p.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        if self._a(string) is None or (self._b is not None and self._b(string) is None):
            return [string]
        return self._p.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, gated when a set of needed characters can be proved."""
    p = re.compile(pattern, flags)
    sets = needs(p)
    if not sets:
        return p
    # _Gated answers every method the chat calls on a pattern exactly as the pattern would; typed
    # as the pattern so the modules keep one annotation for both
    return cast("re.Pattern[str]", _Gated(p, sets))


def plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled pattern behind a gate (for tests and for code that needs the real object)."""
    inner = getattr(pattern, "_p", None)
    return inner if isinstance(inner, re.Pattern) else pattern
