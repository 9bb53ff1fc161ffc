"""明白账's explanations: a calculation result (its trace) turned into words a caller can follow.

Public API::

    explain(result, *, format="text", locale="zh-CN", request=None) -> str
    explain_formats(result, formats=("text", "html"), *, locale="zh-CN", request=None,
                    request_for=None, warm_only=False) -> dict[str, str]   # NotWarm
    explain_request(request, *, format="text", locale="zh-CN") -> str
    explain_error(error, *, format="text", locale="zh-CN", request=None) -> str
    chart_svg(request, result, *, locale="zh-CN", visit=-1) -> str
    locales_available() -> list[str]
    explain_credits(result, *, format="text", locale="zh-CN") -> str   # calculator.credits
    explain_usage(result, *, format="text", locale="zh-CN") -> str     # calculator.usage
    explain_budget(result, *, format="text", locale="zh-CN") -> str    # calculator.budget
    explain_bill_check(check, *, locale="zh-CN", format="text", request=None) -> str
    bill_check_payload(check, *, locale="zh-CN", request=None) -> dict  # the bill-check response

Formats: ``text`` (plain: SMS, WeChat, hotline read-out), ``markdown``, ``html`` (a fragment, no
``<html>``/``<body>``; every citation expandable to the document's words; the SVG chart when the
request is given). Locales: ``zh-CN`` (the source language) and ``en``.

The explanation never computes money: every amount it shows is a field of the trace, formatted by
Babel after a half-up quantise; the chart's curve is computed by :mod:`calculator.curve`.
Wording is in the gettext catalogs under ``locales/`` (see :mod:`explanations.i18n`); templates
are under ``explanations/templates`` (one per step kind in ``steps/``; see
:mod:`explanations.render`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from calculator import (
    CalculationRequest,
    CalculationResult,
    CalculatorError,
    InvalidRequest,
    ItemNotNamed,
    MissingFact,
    MissingParameter,
    OutOfForce,
    PackError,
    UnknownPolicy,
    calculate,
    get_pack,
)

from . import formatting, labels
from .account import explain_budget, explain_credits, explain_usage
from .chart import chart_in_locale, chart_svg
from .headline import headline
from .i18n import activated, gettext, locales_available
from .render import (
    FORMATS,
    WARM_ONLY,
    Doc,
    NotWarm,
    page,
    precompile,
    render,
    same_steps,
    shared_page_parts,
    shared_step_bodies,
    visit_views,
)
from .skeleton import answer_build, answer_fill, answer_key

__all__ = [
    "Doc",
    "NotWarm",
    "activated",
    "bill_check_payload",
    "chart_svg",
    "explain",
    "explain_bill_check",
    "explain_budget",
    "explain_credits",
    "explain_error",
    "explain_formats",
    "explain_request",
    "explain_usage",
    "formatting",
    "headline",
    "labels",
    "locales_available",
    "precompile",
    "visit_views",
]


def _format(format: str) -> str:
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return format


def _plain_readings(policy: str, readings: list[Any]) -> dict[str, str]:
    """Each reading's plain-language sentence from its pack (shown above the precise reading)."""
    try:
        pack = get_pack(policy)
    except CalculatorError:  # pragma: no cover - a result always names a loaded pack
        return {}
    out = {}
    for a in readings:
        try:
            plain = pack.reading(a.id).plain
        except KeyError:
            continue
        if plain:
            out[a.id] = plain
    return out


def explain(result: CalculationResult, *, format: str = "text", locale: str = "zh-CN",
            request: CalculationRequest | None = None) -> str:
    """The whole step-by-step explanation of a result, in ``text``, ``markdown`` or ``html``."""
    return explain_formats(result, (format,), locale=locale, request=request)[format]


def explain_formats(result: CalculationResult, formats: tuple[str, ...] = ("text", "html"), *,
                    locale: str = "zh-CN", request: CalculationRequest | None = None,
                    request_for: Mapping[str, CalculationRequest | None] | None = None,
                    warm_only: bool = False) -> dict[str, str]:
    """One explanation in several formats (the API answers with text and HTML): the locale is
    made current once, the view of the visits and the chart are built once, the steps are
    rendered once for text and HTML, then each format's page is rendered from them. Each output
    is the one :func:`explain` gives for its format.

    ``request_for`` gives one format another request than ``request`` (``{"text": None}``: the
    text as ``explain(result, format="text")`` gives it without the request, as the chat answers
    in text, while its HTML has the request and the chart) — still one pass.

    ``warm_only``: fill every part from its skeleton or raise :class:`NotWarm` at the first part
    that would need a template rendered (a caller on an event loop tries this first, and hands
    the work to a thread when it is raised: a filled explanation takes a few hundred µs)."""
    if warm_only:
        token = WARM_ONLY.set(True)
        try:
            return explain_formats(result, formats, locale=locale, request=request, request_for=request_for)
        finally:
            WARM_ONLY.reset(token)
    fmts = [_format(f) for f in formats]
    requests = {fmt: (request_for[fmt] if request_for is not None and fmt in request_for else request)
                for fmt in fmts}
    p = result.policy
    readings = [a for a in result.assumptions if a.kind == "reading"]
    inputs = [a for a in result.assumptions if a.kind != "reading"]
    notes = {a.id: i for i, a in enumerate(readings, 1)}
    with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title), notes=notes) as state:
        zh = state.tag.startswith("zh")
        views_of: dict[int, list[Any]] = {}
        for fmt in fmts:
            if id(requests[fmt]) not in views_of:
                views_of[id(requests[fmt])] = visit_views(result, requests[fmt])
        shared = False
        if "text" in fmts and "html" in fmts:
            text_views, html_views = views_of[id(requests["text"])], views_of[id(requests["html"])]
            shared = text_views is html_views or same_steps(text_views, html_views)
        context = dict(result=result, policy=p, multi=len(result.visits) > 1,
                       readings=readings, plain=_plain_readings(p.id, readings) if zh else {},
                       inputs=inputs, zh=zh, lang=state.tag,
                       city=p.city if zh else p.city_en,
                       all_steps=[s for v in result.visits for s in v.steps], page_memo={})
        # the contexts of the opening and position: one for both pages when they share a
        # request, else each page's own (the chat's text has none), so that both pages are
        # filled from their skeletons (:func:`page`)
        parts_contexts: dict[str, dict[str, Any]] = {}
        if shared and requests["text"] is requests["html"]:
            parts_contexts["text"] = parts_contexts["html"] = dict(context, request=request,
                                                                    views=views_of[id(requests["html"])])
        elif shared:
            parts_contexts = {fmt: dict(context, request=requests[fmt], views=views_of[id(requests[fmt])])
                              for fmt in ("text", "html")}
        has_chart = "html" in fmts and requests["html"] is not None

        def draw() -> Any:
            return chart_in_locale(requests["html"], result, state.tag)  # type: ignore[arg-type]

        keyed = None
        if shared and fmts == ["text", "html"] and not context["multi"]:
            # the whole answer from one template per page, when this kind of answer has them
            keyed = answer_key(parts_contexts, has_chart)
            if keyed is not None:
                whole = answer_fill(keyed, result.totals, draw)
                if whole is not None:
                    return whole
        if shared:
            shared_step_bodies(html_views)
            for t, h in zip(text_views, html_views, strict=True):
                t.bodies.update(h.bodies)
        pre: dict[str, dict[str, str]] = {}
        if parts_contexts and parts_contexts["text"] is parts_contexts["html"]:
            pre = shared_page_parts(parts_contexts["text"])
        elif parts_contexts:
            pre = {ext: shared_page_parts(parts_contexts[fmt])[ext] for fmt, ext in (("text", "txt"), ("html", "html"))}
        chart = None  # drawn after the words (a warm_only call that cannot fill them stops sooner)
        if has_chart:
            chart = draw()
        out = {fmt: page(fmt, dict(context, chart=chart if fmt == "html" else None, request=requests[fmt],
                                   views=views_of[id(requests[fmt])], pre=pre.get(FORMATS[fmt])))
               for fmt in fmts}
        if keyed is not None:
            answer_build(keyed, parts_contexts, out, result.totals, chart)
        return out


def explain_request(request: CalculationRequest, *, format: str = "text", locale: str = "zh-CN") -> str:
    """Calculate and explain; a fact, parameter or document the calculation lacks is explained too.

    ``MissingFact``, ``MissingParameter``, ``OutOfForce`` (and any other calculation the document
    does not cover) become an explanation of what to ask and why; ``InvalidRequest``,
    ``UnknownPolicy`` and ``PackError`` are raised for the caller to report.
    """
    _format(format)
    try:
        result = calculate(request)
    except (InvalidRequest, UnknownPolicy, PackError):
        raise
    except CalculatorError as error:
        return explain_error(error, format=format, locale=locale, request=request)
    return explain(result, format=format, locale=locale, request=request)


# -- errors -----------------------------------------------------------------------------------------

@dataclass
class ErrorView:
    """What an error explanation needs, read from the error (and the request and pack, if known)."""

    kind: str
    message: str
    path: str
    citations: list[dict[str, Any]]
    policy: str = ""
    fact: str = ""
    fact_label: str = ""
    choices: list[str] = field(default_factory=list)
    level: str = ""
    parameter: str = ""
    parameter_name: str = ""
    category_label: str = ""
    place: str = ""
    visit_date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    #: an item the document does not name: the figures both ways (treatment, fund, personal)
    alternatives: list[dict[str, Any]] = field(default_factory=list)


_VISIT = re.compile(r"^visits\[(\d+)\]")


def _visit_of(path: str, request: CalculationRequest | None) -> Any:
    m = _VISIT.match(path or "")
    if request is None or m is None or int(m.group(1)) >= len(request.visits):
        return None
    return request.visits[int(m.group(1))]


def _error_meta(error: CalculatorError, request: CalculationRequest | None) -> Any:
    """The metadata of the document the error concerns (from the request or the citations)."""
    policy_id = request.policy if request is not None else next(
        (c.get("policy") for c in error.citations if c.get("policy")), None)
    if not policy_id:
        return None
    try:
        return get_pack(policy_id).meta
    except CalculatorError:
        return None


def _error_view(error: CalculatorError, request: CalculationRequest | None, meta: Any,
                zh: bool) -> ErrorView:
    view = ErrorView(kind="other", message=error.message, path=error.path, citations=list(error.citations))
    if meta is not None:
        # zh: the document's title; en: “Xi'an document” (the English wording puts “the” before it)
        view.policy = f"《{meta.title}》" if zh else gettext("%(city)s文件") % {"city": meta.city_en}
    else:
        view.policy = gettext("这份文件")
    visit = _visit_of(error.path, request)
    if isinstance(error, ItemNotNamed):
        view.alternatives = [{"treatment": a["treatment"], "fund": Decimal(a["fund_pays"]),
                              "personal": Decimal(a["personal_pays"])} for a in error.alternatives]
    if isinstance(error, MissingFact):
        view.kind = "missing_fact"
        view.fact = error.fact
        label, choices = labels.FACTS.get(error.fact, ("", ()))
        view.fact_label = gettext(label) if label else error.fact
        view.choices = [gettext(c) for c in choices]
        if visit is not None and error.fact == "provider_grade":
            view.level = labels.level(visit.provider.level)
        elif visit is not None and error.fact == "prescribed_at_grade":
            view.level = labels.level(visit.provider.prescribed_at_level)
    elif isinstance(error, MissingParameter):
        view.kind = "missing_parameter"
        view.parameter = error.parameter
        parts = error.parameter.split(".")
        view.parameter_name = parts[0] if len(parts) > 1 else ""
        if len(parts) > 1:
            view.category_label = labels.category(parts[1])
        if len(parts) > 2:
            view.place = labels.tier(parts[2])
    elif isinstance(error, OutOfForce):
        view.kind = "out_of_force"
        if meta is not None:
            view.start, view.end = meta.in_force.start, meta.in_force.end
        if visit is not None:
            view.visit_date = visit.date
    return view


def explain_error(error: CalculatorError, *, format: str = "text", locale: str = "zh-CN",
                  request: CalculationRequest | None = None) -> str:
    """What a calculation lacks, explained: the question to ask, why the document needs it, the
    articles' own words. ``request`` (optional) lets it name the visit's date and level."""
    fmt = _format(format)
    meta = _error_meta(error, request)
    doc = Doc(city=meta.city, city_en=meta.city_en, title=meta.title) if meta else Doc("", "", "")
    with activated(locale, doc=doc) as state:
        zh = state.tag.startswith("zh")
        view = _error_view(error, request, meta, zh)
        return render(fmt, "error", e=view, zh=zh, lang=state.tag)


from .billcheck import bill_check_payload, explain_bill_check  # noqa: E402 - it renders with explain()
