"""Explanations of the account and budget answers: credits, uses, a signed institution's budget.

Each result Struct of :mod:`calculator.credits`, :mod:`calculator.usage` and :mod:`calculator.budget`
is rendered by ``templates/account/<kind>.<ext>.j2`` (``text`` or ``html``). The views below only
*group* what the result already holds (consecutive months alike, the rows of one answer); every
amount shown is a field of the result, formatted by :mod:`.formatting`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from calculator import BudgetResult, CreditsResult, MonthCredit, MonthQuota, UsageResult, UseRow, get_pack

from .i18n import N_, activated, gettext
from .render import Doc, render

__all__ = ["explain_budget", "explain_credits", "explain_usage"]

FORMATS = ("text", "html")

BENEFICIARIES = {"self": N_("本人"), "spouse": N_("配偶"), "parent": N_("父母"), "child": N_("子女"),
                 "other": N_("其他亲属或他人")}
PURPOSES = {
    "designated_hospital": N_("在定点医疗机构就医"), "designated_pharmacy": N_("在定点零售药店购药"),
    "resident_contribution": N_("缴纳城乡居民医保个人缴费"),
    "serious_illness_contribution": N_("缴纳大病保险（大额医疗费用补助）个人缴费"),
    "checkup": N_("健康体检"), "fitness": N_("体育健身"), "wellness": N_("养生保健"),
    "public_health": N_("公共卫生费用"), "abroad": N_("境外就医"), "work_injury": N_("工伤医疗费用"),
    "third_party": N_("应由第三人负担的费用"), "cash_withdrawal": N_("提取现金"),
}
ANSWERS = {"allowed": N_("可以"), "not_allowed": N_("不可以"),
           "pending_rules": N_("文件允许，但要等具体办法出台或条件具备"), "not_stated": N_("文件没有规定")}
READ_AS = {"allowed": N_("按本计算的理解可以"), "not_allowed": N_("按本计算的理解不可以"),
           "unknown": N_("请向当地医保经办机构确认")}


def _t(table: dict[str, str], code: str | None) -> str:
    return gettext(table[code]) if code in table else (code or "")


def span(first: int, last: int) -> str:
    """``3月`` / ``1—6月`` (zh); ``month 3`` / ``months 1–6`` (en)."""
    if first == last:
        return gettext("%(m)s月") % {"m": first}
    return gettext("%(first)s—%(last)s月") % {"first": first, "last": last}


@dataclass
class Run:
    """Consecutive months alike: the first one's row stands for all of them."""

    first: int
    last: int
    row: Any
    citations: list[Any] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)

    @property
    def span(self) -> str:
        return span(self.first, self.last)

    @property
    def count(self) -> int:
        return self.last - self.first + 1


def _runs(rows: list[Any], key: Any) -> list[Run]:
    runs: list[Run] = []
    for row in rows:
        if runs and key(runs[-1].row) is not None and key(runs[-1].row) == key(row) and runs[-1].last == row.month - 1:
            runs[-1].last = row.month
        else:
            runs.append(Run(row.month, row.month, row))
        run = runs[-1]
        run.citations += [c for c in row.citations if c not in run.citations]
        run.readings += [r for r in row.readings if r not in run.readings]
    return runs


def _credit_key(m: MonthCredit) -> Any:
    return (m.category, m.rule, m.base, m.rate, m.amount, m.provisional)


def _quota_key(m: MonthQuota) -> Any:
    return (tuple(m.signed.items()), m.quota, m.actual, m.settled)


def _check(format: str) -> str:
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return format


def _render(name: str, result: Any, format: str, locale: str, **extra: Any) -> str:
    fmt = _check(format)
    p = result.policy
    readings = [a for a in result.assumptions if a.kind == "reading"]
    inputs = [a for a in result.assumptions if a.kind != "reading"]
    notes = {a.id: i for i, a in enumerate(readings, 1)}
    with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title), notes=notes) as state:
        zh = state.tag.startswith("zh")
        return render(fmt, f"account/{name}", result=result, policy=p, readings=readings, plain={}, inputs=inputs,
                      zh=zh, lang=state.tag, city=p.city if zh else p.city_en, span=span,
                      **extra)


def explain_credits(result: CreditsResult, *, format: str = "text", locale: str = "zh-CN") -> str:
    """A year's personal-account credits: the months (alike ones together), retirement, lump sum,
    back-payment and totals, each with its articles."""
    return _render("credits", result, format, locale, runs=_runs(result.months, _credit_key))


def explain_usage(result: UsageResult, *, format: str = "text", locale: str = "zh-CN") -> str:
    """May the account pay for this: the one answer asked about, or the rows grouped by answer."""
    groups: list[tuple[str, list[UseRow]]] = [
        (k, rows) for k in ANSWERS if (rows := [r for r in result.rows if r.answer == k])]
    return _render("usage", result, format, locale, groups=groups,
                   who=lambda code: _t(BENEFICIARIES, code), what=lambda code: _t(PURPOSES, code),
                   answer_label=lambda code: _t(ANSWERS, code),
                   read_as=lambda code: _t(READ_AS, code or "unknown"))


def explain_budget(result: BudgetResult, *, format: str = "text", locale: str = "zh-CN") -> str:
    """A signed institution's year: residents and groups, the annual budget, the monthly quotas and
    settlements, and the year-end settlement under the 80% / 90% rule."""
    rules = get_pack(result.policy.id).budget
    assert rules is not None
    return _render("budget", result, format, locale, runs=_runs(result.months, _quota_key),
                   groups=[g for g in result.groups if g.residents], lower=rules.lower.value,
                   upper=rules.upper.value, share=rules.unused_share.value)
