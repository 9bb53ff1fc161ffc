"""Supplements: the figures a document leaves to a bureau, from the bureau's own published text.

``CONTRACT.md``, "Figures a document leaves to a bureau". A deployment puts a supplement beside
the packs — a file ``*.supplement.toml`` in a pack directory, or any ``*.toml`` in a
``supplements`` folder of one — filling a policy's deductible, ratios or cap for a date range::

    schema = 1
    policy = "xian-employee"

    [source]                      # the published source: title, number, issuer, date
    title = "…"
    document_number = "…"
    issuer = "…"
    issued = 2025-01-10

    [in_force]                    # the visits it applies to
    start = 2025-01-01
    end = 2025-12-31              # optional: open-ended

    [deductible.employee]         # any of deductible / cap / ratio, per category (and tier)
    value = "500.00"
    article = "一"
    quote = "在职职工500元"       # the source's own words, found in the article's text below

    [ratio.retiree]
    "1" = { value = "0.65", article = "二", quote = "…退休人员65%" }

    [[articles]]                  # the source's text, article by article, for the quote check
    id = "一"
    text = "…"

It is loaded and checked like a pack: every quote is in its article's text, every figure is one of
the numbers its own quote states, categories and tiers are the policy's, and the document's floor
holds (pack ``[supplied]``: every ratio ≥ ``min_ratio``, retirees not below employees at any
tier). The trace cites the supplement's article and quote (the article named with the source's
document number, ``source`` naming the source); a request's own ``parameters`` still win, cited
as supplied.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Literal

import msgspec

from .errors import PackError
from .figures import figure_in_quote
from .packs import TIER_KEYS, Article, Cited, Pack
from .result import CitationOut
from .structs import Base as _Base
from .text import normalise

__all__ = ["Source", "Supplement", "SupplementSpan", "check_supplement", "load_supplement", "supplement_files"]


class Source(_Base, kw_only=True, frozen=True):
    title: str
    document_number: str
    issuer: str
    issued: dt.date


class SupplementSpan(_Base, kw_only=True, frozen=True):
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Supplement(_Base, kw_only=True, frozen=True):
    schema: int
    policy: str
    source: Source
    in_force: SupplementSpan
    articles: list[Article]
    deductible: dict[str, Cited] = {}
    cap: dict[str, Cited] = {}
    ratio: dict[str, dict[str, Cited]] = {}

    @property
    def name(self) -> str:
        return f"{self.source.title}（{self.source.document_number}）"

    def cite(self, policy: str, cited: Cited) -> CitationOut:
        """How the trace cites one of its figures: the source's article and its words."""
        return CitationOut(policy=policy, article=f"{self.source.document_number}{cited.article}",
                           quote=cited.quote, source=self.name)


def _figures(sup: Supplement) -> Iterable[tuple[str, Cited, Literal["amount", "rate"]]]:
    for name in ("deductible", "cap"):
        for cat, cited in getattr(sup, name).items():
            yield f"{name}.{cat}", cited, "amount"
    for cat, table in sup.ratio.items():
        for key, cited in table.items():
            yield f"ratio.{cat}.{key}", cited, "rate"


def check_supplement(sup: Supplement, pack: Pack) -> list[str]:
    """Every problem of a supplement for ``pack``, as sentences; empty when it is sound."""
    problems: list[str] = []
    if sup.policy != pack.id:
        problems.append(f"policy: {sup.policy} is not {pack.id}")
    if sup.in_force.end is not None and sup.in_force.end < sup.in_force.start:
        problems.append("in_force: ends before it starts")
    texts = {a.id: normalise(a.text) for a in sup.articles}
    if not (sup.deductible or sup.cap or sup.ratio):
        problems.append("a supplement fills at least one deductible, cap or ratio")
    for where, cited, kind in _figures(sup):
        if cited.article not in texts:
            problems.append(f"{where}: cites {cited.article}, which the supplement does not carry")
        elif normalise(cited.quote) not in texts[cited.article]:
            problems.append(f"{where}: quote {cited.quote!r} is not in the text of {cited.article}")
        if not figure_in_quote(cited.value, kind, cited.quote):
            shown = f"{(cited.value * 100).normalize():f}%" if kind == "rate" else f"{cited.value.normalize():f}元"
            problems.append(f"{where}: the figure {shown} is not in its quote {cited.quote!r}")
    for name in ("deductible", "cap", "ratio"):
        for cat in getattr(sup, name):
            if cat not in pack.categories:
                problems.append(f"{name}.{cat}: {pack.id} has no category {cat}")
    floor = pack.supplied.min_ratio if pack.supplied else None
    for cat, table in sup.ratio.items():
        for key, cited in table.items():
            if key not in TIER_KEYS:
                problems.append(f"ratio.{cat}.{key}: unknown tier key")
            if cited.value > 1:
                problems.append(f"ratio.{cat}.{key}: a ratio above 1")
            if floor is not None and cited.value < floor.value:
                problems.append(f"ratio.{cat}.{key}: {cited.value} is below the document's floor {floor.value} "
                                f"({floor.article}“{floor.quote}”)")
    if pack.supplied is not None and pack.supplied.retiree_not_below_employee is not None:
        emp, ret = sup.ratio.get("employee", {}), sup.ratio.get("retiree", {})
        for key in sorted(set(emp) & set(ret)):
            if ret[key].value < emp[key].value:
                problems.append(f"ratio.retiree.{key}: {ret[key].value} is below the employees' {emp[key].value} "
                                f"({pack.supplied.retiree_not_below_employee.article}"
                                f"“{pack.supplied.retiree_not_below_employee.quote}”)")
    return problems


def _no_float(text: str) -> Decimal:
    raise ValueError(f"数字 {text} 必须写成带引号的字符串（如 \"0.55\"），金额和比例不得经过浮点数")


def load_supplement(path: Path) -> Supplement:
    """Decode one supplement file (checked against its pack by the registry)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=_no_float)
        return msgspec.convert(raw, type=Supplement)
    except (msgspec.ValidationError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise PackError(code="supplement_invalid", message=f"补充规定 {path.name} 格式错误：{exc}",
                        path=str(path)) from exc


def supplement_files(directory: Path) -> list[Path]:
    """The supplement files of a pack directory: ``*.supplement.toml`` and ``supplements/*.toml``."""
    found = sorted(directory.glob("*.supplement.toml"))
    sub = directory / "supplements"
    if sub.is_dir():
        found += sorted(sub.glob("*.toml"))
    return found
