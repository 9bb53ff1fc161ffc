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
from explanations import explain_bill_check, formatting, headline

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
            text = (headline(result) + "\n" + _spoken(result) + "\n\n" + "（以下是逐步计算，供核对）\n"
                    + steps_text)
        check_html = explain_bill_check(check, format="html", steps=False) if check is not None else None
        ctx = _context(
            form, request, field_errors=field_errors, result=result, visit=result.visits[-1], check=check,
            check_html=check_html, explanation=explanation,
            chart=render.chart_unless_in(explanation, req, result, "zh-CN"), text=text, submitted=True)
        return html_response(render_template("console.html", **ctx), 422 if slip_errors else 200)


def _spoken(result: Any) -> str:
    """How the figure came about, in words to read aloud: no formulas, every amount a field of the
    result's trace (the steps), nothing computed here."""
    many = len(result.visits) > 1
    out = []
    for n, visit in enumerate(result.visits, 1):
        steps = {step.kind: step for step in visit.steps}
        said: list[str] = []
        elig = steps.get("eligibility")
        if elig is not None and not elig.eligible:
            said.append(f"这次不在普通门诊统筹报销的范围内，{_say(visit.total)}都由您自己付")
        else:
            scope = steps.get("scope")
            if scope is not None and scope.excluded:
                said.append(f"其中{_say(scope.excluded)}统筹不报，由您自己付")
            first = steps.get("first_self_pay")
            if first is not None and first.amount:
                said.append(f"乙类项目先由您自己付{_say(first.amount)}")
            ded = steps.get("deductible")
            if ded is not None and ded.applied and not ded.above:
                said.append(f"这次的{_say(ded.base)}全部用来扣起付线，统筹基金这次不付")
            ratio = steps.get("ratio")
            if ratio is not None and ratio.share and ratio.ratio is not None:
                if ded is not None and ded.applied:
                    lead = f"先扣起付线{_say(ded.applied)}，超过起付线的{_say(ratio.base)}"
                elif ded is not None:
                    lead = f"起付线已经扣满，{_say(ratio.base)}"
                else:
                    lead = f"{_say(ratio.base)}"
                said.append(f"{lead}按{formatting.percent_in(ratio.ratio, 'zh-CN')}报销")
            cap = steps.get("cap")
            if cap is not None and cap.reduced and cap.remaining_before is not None:
                said.append(f"今年的年度限额只剩{_say(cap.remaining_before)}")
            if visit.fund_pays or not (ded is not None and ded.applied and not ded.above):
                said.append(f"统筹基金付{_say(visit.fund_pays)}")
            said.append(f"您自己付{_say(visit.personal_pays)}")
        lead = f"第{n}次：" if many else ""
        out.append(lead + "，".join(said) + "。")
    return "\n".join(out)


def _say(value: Any) -> str:
    """An amount as it is said: ``1,000元``, ``1,000.50元`` (the figure itself, only formatted)."""
    return formatting.number_in(value, "zh-CN").removesuffix(".00") + "元"

