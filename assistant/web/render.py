"""The web layer's bridge to :mod:`explanations`: explanation text and HTML, the chart, locales.

The web layer never words a calculation itself: it calls ``explanations.explain``,
``explain_error`` and ``chart_svg``. Only while that package is not installed yet (a checkout
without it) does a plain fallback render the calculator's own step sentences, so the pages still
work; the fallback is marked ``fallback`` in its HTML.
"""

from __future__ import annotations

import html
import importlib
from decimal import Decimal
from functools import cache
from types import ModuleType
from typing import Any

from calculator import CalculationRequest, CalculationResult, CalculatorError

__all__ = ["LOCALES", "chart", "explain_error_html", "explain_error_text", "explain_html",
           "explain_text", "explain_text_html", "explain_text_html_warm", "negotiate_locale", "precompile"]

LOCALES = ("zh-CN", "en")


def negotiate_locale(accept_language: str | None, override: str | None = None) -> str:
    """``zh-CN`` or ``en`` from an explicit choice or the ``Accept-Language`` header (q-values honoured)."""
    if override:
        low = override.strip().lower()
        if low.startswith("en"):
            return "en"
        if low.startswith("zh"):
            return "zh-CN"
    if not accept_language:
        return "zh-CN"
    best, best_q = "zh-CN", -1.0
    for _position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        tag = tag.strip().lower()
        locale = "en" if tag.startswith("en") else "zh-CN" if tag.startswith("zh") else None
        # ties keep the earlier tag; position breaks equal q in header order
        if locale and q > 0 and q > best_q:
            best, best_q = locale, q
    return best


@cache
def _module() -> ModuleType | None:
    """The explanations package (imported once; None while a checkout lacks it)."""
    try:
        module = importlib.import_module("explanations")
    except ImportError:  # pragma: no cover - the package ships with the distribution
        return None
    return module if hasattr(module, "explain") else None


def precompile() -> None:
    """Compile every explanation template now (the app calls this at start-up), so that no
    request pays for it."""
    module = _module()
    if module is not None and hasattr(module, "precompile"):
        module.precompile()


def explain_text_html(result: CalculationResult, request: CalculationRequest, locale: str) -> tuple[str, str]:
    """The explanation's text and HTML, rendered in one go (``/api/v1/explain`` answers with both)."""
    module = _module()
    if module is not None and hasattr(module, "explain_formats"):
        out = module.explain_formats(result, ("text", "html"), locale=locale, request=request)
        return out["text"], out["html"]
    return explain_text(result, request, locale), explain_html(result, request, locale)


def explain_text_html_warm(result: CalculationResult, request: CalculationRequest,
                           locale: str) -> tuple[str, str] | None:
    """:func:`explain_text_html` when every part of it can be filled from a skeleton (a few
    hundred µs: fit for the event loop), else None — nothing rendered."""
    module = _module()
    if module is None or not hasattr(module, "NotWarm"):
        return None
    try:
        out = module.explain_formats(result, ("text", "html"), locale=locale, request=request, warm_only=True)
    except module.NotWarm:
        return None
    return out["text"], out["html"]


def explain_text(result: CalculationResult, request: CalculationRequest, locale: str) -> str:
    module = _module()
    if module is not None:
        return module.explain(result, format="text", locale=locale, request=request)
    return _fallback_text(result)


def explain_html(result: CalculationResult, request: CalculationRequest, locale: str) -> str:
    module = _module()
    if module is not None:
        return module.explain(result, format="html", locale=locale, request=request)
    return _fallback_html(result)


def explain_error_text(error: CalculatorError, locale: str, request: CalculationRequest | None = None) -> str:
    module = _module()
    if module is not None and hasattr(module, "explain_error"):
        return _error(module, error, "text", locale, request)
    return error.message


def explain_error_html(error: CalculatorError, locale: str, request: CalculationRequest | None = None) -> str:
    module = _module()
    if module is not None and hasattr(module, "explain_error"):
        return _error(module, error, "html", locale, request)
    return _fallback_error_html(error)


def _error(module: ModuleType, error: CalculatorError, fmt: str, locale: str,
           request: CalculationRequest | None) -> str:
    if request is not None:
        try:
            return module.explain_error(error, format=fmt, locale=locale, request=request)
        except TypeError:  # an explanations without the ``request`` keyword
            pass
    return module.explain_error(error, format=fmt, locale=locale)


def chart(request: CalculationRequest, result: CalculationResult, locale: str) -> str:
    module = _module()
    if module is not None and hasattr(module, "chart_svg"):
        return module.chart_svg(request, result, locale=locale)
    return _fallback_chart(result, locale)


def chart_unless_in(explanation_html: str, request: CalculationRequest, result: CalculationResult,
                    locale: str) -> str | None:
    """The chart, unless the explanation's HTML already carries it (``explain(..., request=…)`` does)."""
    if "<svg" in explanation_html:
        return None
    return chart(request, result, locale)


# -- fallback (only while explanations/ is absent) ------------------------------------------------

def _fallback_text(result: CalculationResult) -> str:
    lines = [f"{result.policy.name}（{result.policy.document_number}）"]
    for visit in result.visits:
        lines.append(f"{visit.date.isoformat()} {visit.provider_label}，费用{visit.total}元：")
        for n, step in enumerate(visit.steps, 1):
            cites = "；".join(f"{c.article}“{c.quote}”" for c in step.citations if c.article)
            lines.append(f"{n}. {step.text}" + (f"（依据：{cites}）" if cites else ""))
        lines.append(f"统筹基金支付{visit.fund_pays}元，个人负担{visit.personal_pays}元"
                     f"（个人账户{visit.account_pays}元，现金{visit.cash_pays}元）。")
    for a in result.assumptions:
        lines.append(f"说明：{a.text}")
    return "\n".join(lines)


def _fallback_html(result: CalculationResult) -> str:
    e = html.escape
    out = ['<div class="explanation fallback">']
    for visit in result.visits:
        out.append(f"<p>{e(visit.date.isoformat())} {e(visit.provider_label)}，费用{e(str(visit.total))}元</p><ol>")
        for step in visit.steps:
            out.append(f"<li>{e(step.text)}")
            for c in step.citations:
                if c.article:
                    out.append(f'<blockquote><cite>{e(c.article)}</cite>“{e(c.quote or "")}”</blockquote>')
            out.append("</li>")
        out.append(f"</ol><p><strong>统筹基金支付{e(str(visit.fund_pays))}元</strong>，"
                   f"个人负担{e(str(visit.personal_pays))}元。</p>")
    for a in result.assumptions:
        out.append(f'<p class="assumption">说明：{e(a.text)}</p>')
    out.append("</div>")
    return "".join(out)


def _fallback_error_html(error: CalculatorError) -> str:
    e = html.escape
    out = [f'<div class="explanation fallback"><p>{e(error.message)}</p>']
    for c in error.citations:
        if c.get("article"):
            out.append(f'<blockquote><cite>{e(str(c["article"]))}</cite>“{e(str(c.get("quote") or ""))}”</blockquote>')
    out.append("</div>")
    return "".join(out)


def _fallback_chart(result: CalculationResult, locale: str) -> str:
    visit = result.visits[-1]
    total = visit.total or Decimal("1")
    parts: list[tuple[str, Decimal, str]] = [
        ("统筹基金" if locale != "en" else "Fund", visit.fund_pays, "#2f7d5b"),
        ("个人账户" if locale != "en" else "Account", visit.account_pays, "#6b9bd1"),
        ("现金" if locale != "en" else "Cash", visit.cash_pays, "#d9822b"),
    ]
    x = Decimal(0)
    rects: list[str] = []
    for label, value, colour in parts:
        if value <= 0:
            continue
        width = (value / total * 600).quantize(Decimal("0.1"))
        rects.append(f'<rect x="{x}" y="0" width="{width}" height="40" fill="{colour}"><title>'
                     f'{html.escape(label)} {value}</title></rect>')
        x += width
    return ('<svg class="chart fallback" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 40" '
            f'role="img" aria-label="{html.escape(parts[0][0])} {visit.fund_pays}">' + "".join(rects) + "</svg>")


def result_summary(result: CalculationResult) -> dict[str, Any]:
    """The figures a page shows big, for the last visit."""
    visit = result.visits[-1]
    return {"fund": visit.fund_pays, "personal": visit.personal_pays, "account": visit.account_pays,
            "cash": visit.cash_pays, "total": visit.total, "ratio": visit.ratio,
            "provider": visit.provider_label, "category": visit.category_label}
