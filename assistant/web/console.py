"""The hotline console: ``GET/POST /console``.

A server-rendered form for what is on a settlement slip. On submit it shows the explanation, the
chart and a plain-text answer to read out or paste; when the operator enters figures from the slip
(fund, account, cash, …), the bill check (:func:`calculator.billcheck.check`) says whether they
match and lists only the documented causes that reproduce every figure entered — or, when none
does, says so and where to ask. Everything works without JavaScript; a small script adds a copy
button.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post

import calculator
from calculator import CalculatorError, InvalidRequest, check_bill
from explanations import explain_bill_check

from . import render
from .forms import ITEM_CATEGORIES, SLIP_FIELDS, ConsoleForm, build_console, parse_slip_fields
from .pages import html_response, nav
from .pages import render as render_template

__all__ = ["ConsoleController"]

CATEGORIES = {"employee": "在职职工", "retiree": "退休人员", "flexible": "灵活就业人员", "resident": "城乡居民"}
LEVELS = {"": "请选择", "1": "一级及以下", "2": "二级", "3": "三级"}
GRADES = {"": "不分等次 / 不清楚", "A": "甲等", "B": "乙等", "C": "丙等"}


def _policies() -> list[dict[str, str]]:
    packs = sorted(calculator.load_packs().values(), key=lambda p: (p.meta.city, p.id))
    return [{"id": p.id, "label": f"{p.meta.name}（{p.meta.document_number}）", "scheme": p.meta.scheme}
            for p in packs]


def _context(form: ConsoleForm, request: Request, **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "form": form, "policies": _policies(), "categories": CATEGORIES, "levels": LEVELS, "grades": GRADES,
        "item_categories": ITEM_CATEGORIES, "nav": nav(request.url.path), "page_title": "坐席台",
        "field_errors": {}, "general_errors": [], "result": None, "visit": None, "explanation": None,
        "chart": None, "text": None, "check": None, "check_html": None, "slip_fields": SLIP_FIELDS,
        "error_html": None, "submitted": False,
    }
    ctx.update(extra)
    return ctx


class ConsoleController(Controller):
    path = "/console"
    include_in_schema = False

    @get("/")
    async def show(self, request: Request) -> Response:
        policy = request.query_params.get("policy", "")
        ids = [p["id"] for p in _policies()]
        form = ConsoleForm.blank(policy if policy in ids else (ids[0] if ids else ""))
        return html_response(render_template("console.html", **_context(form, request)))

    @post("/", status_code=200)
    async def submit(self, request: Request) -> Response:
        raw = await request.form()
        form = ConsoleForm.from_form({k: str(v) for k, v in raw.items()})
        if form.get("action") == "add_row":
            return html_response(render_template("console.html", **_context(form, request)))
        built = build_console(form)
        slip, slip_errors = parse_slip_fields(form)
        field_errors = dict(built.field_errors)
        field_errors.update(slip_errors)
        if built.request is None:
            assert built.error is not None
            error_html = None if isinstance(built.error, InvalidRequest) else render.explain_error_html(
                built.error, "zh-CN")
            ctx = _context(form, request, field_errors=field_errors, general_errors=built.general_errors,
                           error_html=error_html, submitted=True)
            return html_response(render_template("console.html", **ctx), 422)
        req = built.request
        try:
            check = check_bill(req, slip) if slip else None
            result = check.result if check is not None else calculator.calculate(req)
        except CalculatorError as exc:
            built.fail(exc)
            field_errors.update(built.field_errors)
            error_html = None if isinstance(exc, InvalidRequest) else render.explain_error_html(exc, "zh-CN", req)
            ctx = _context(form, request, field_errors=field_errors, general_errors=built.general_errors,
                           error_html=error_html, submitted=True)
            return html_response(render_template("console.html", **ctx), 422)
        # the answer to read out: the bill check's verdict first, then the steps
        # (without a slip: the figures in one sentence first, then the steps; text and HTML in one pass)
        if check is not None:
            explanation = render.explain_html(result, req, "zh-CN")
            text = explain_bill_check(check, request=req)
        else:
            steps_text, explanation = render.explain_text_html(result, req, "zh-CN")
            text = _headline(result) + "\n\n" + steps_text
        check_html = explain_bill_check(check, format="html", steps=False) if check is not None else None
        ctx = _context(
            form, request, field_errors=field_errors, result=result, visit=result.visits[-1], check=check,
            check_html=check_html, explanation=explanation,
            chart=render.chart_unless_in(explanation, req, result, "zh-CN"), text=text, submitted=True)
        return html_response(render_template("console.html", **ctx), 422 if slip_errors else 200)


def _headline(result: Any) -> str:
    """The answer to read out first: the result's own figures in one sentence (nothing computed)."""
    many = len(result.visits) > 1
    t = result.totals if many else result.visits[-1]
    lead = f"今年{len(result.visits)}次门诊合计：" if many else ""
    return (f"{lead}统筹基金报{_yuan(t.fund_pays)}，您自己付{_yuan(t.personal_pays)}"
            f"（个人账户{_yuan(t.account_pays)}，现金{_yuan(t.cash_pays)}）。")


def _yuan(value: Any) -> str:
    return f"¥{value:,.2f}"
