"""Personal-account credits and uses, and the 南昌 resident budget: the API and the clinic page.

==============================  ===============================================================
``POST /api/v1/account/credits``  credits request (:mod:`calculator.credits`) → credits result
``POST /api/v1/account/usage``    usage request (:mod:`calculator.usage`) → usage result
``POST /api/v1/resident-budget``  budget request (:mod:`calculator.budget`) → budget result
``GET|POST /console/budget``      the budget page for a signed clinic's staff (no script needed)
==============================  ===============================================================

Bodies are decoded from the raw bytes by each module's typed decoder (amounts arrive as exact
``Decimal``, never through a float); a bad field is a 422 problem with its ``errors[].path``, a
missing figure (a pension average) a 422 with ``missing`` and ``citations``
(:mod:`assistant.web.problems`). Each result's ``text`` is the rendered explanation
(:func:`explanations.explain_credits` …) in the language of ``Accept-Language``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody
from markupsafe import Markup

import calculator
from calculator import (
    BudgetRequest,
    BudgetResult,
    CalculatorError,
    CreditsRequest,
    CreditsResult,
    FieldError,
    InvalidRequest,
    UsageRequest,
    UsageResult,
)
from explanations import explain_budget, explain_credits, explain_usage

from . import render
from .body import exact_body
from .pages import html_response, nav
from .pages import render as render_template
from .problems import responses as _responses
from .work import run_cpu

__all__ = ["AccountController", "BudgetConsoleController"]

JSON = "application/json"


CreditsBody = exact_body(CreditsRequest, calculator.decode_credits_request)
UsageBody = exact_body(UsageRequest, calculator.decode_usage_request)
BudgetBody = exact_body(BudgetRequest, calculator.decode_budget_request)


async def _explained(request: Request, work: Callable[[], Any], explain: Callable[..., str]) -> Response[Any]:
    """``work()`` and its explanation, off the event loop."""
    locale = render.negotiate_locale(request.headers.get("accept-language"))

    def run() -> bytes:
        result = work()
        return calculator.encode(msgspec.structs.replace(result, text=explain(result, locale=locale)))

    return Response(await run_cpu(run), media_type=JSON, headers={"Content-Language": locale})


_TEXT = "`text` 为逐条说明（纯文本，语言按 Accept-Language 选 zh-CN 或 en）；金额为十进制字符串。"


class AccountController(Controller):
    path = "/api/v1"
    tags = ["计算接口"]

    @post("/account/credits", dto=CreditsBody, return_dto=None, status_code=200,
          summary="个人账户每月划入多少",
          description="一个参保人一年中每月计入个人账户的金额：在职按缴费基数的比例，退休按养老金平均水平的比例"
                      "或定额，年内退休的转换月份，南昌一次性补缴的划入，南充先按2021年平均水平划入后补划的差额。"
                      "文件没有给出的平均水平须在请求中提供（数值和来源），缺少时返回 422（`missing`、`citations`）。"
                      + _TEXT,
          response_description="每月划入明细与合计", responses=_responses(400, 413, 422, 429, 503))
    async def credits(self, request: Request, data: JSONBody[CreditsRequest]) -> Response[CreditsResult]:
        return await _explained(request, lambda: calculator.account_credits(data), explain_credits)

    @post("/account/usage", dto=UsageBody, return_dto=None, status_code=200,
          summary="个人账户能不能支付这项费用",
          description="按政策文件的个人账户使用范围回答：给谁（本人、配偶、父母、子女、他人）用于什么"
                      "（就医、购药、缴费、体检、健身……）可以、不可以、还是要等经办机构出台办法，并给出条款原文。"
                      "只给 beneficiary 或 purpose 时返回相应的各行，都不给时返回整张表。" + _TEXT,
          response_description="回答与所依据的条款", responses=_responses(400, 413, 422, 429, 503))
    async def usage(self, request: Request, data: JSONBody[UsageRequest]) -> Response[UsageResult]:
        return await _explained(request, lambda: calculator.account_usage(data), explain_usage)

    @post("/resident-budget", dto=BudgetBody, return_dto=None, status_code=200,
          summary="南昌居民门诊统筹签约机构的预算与结算",
          description="按签约居民名单（出生年份、首次签约月份、变更签约机构）或各组人数，计算年度预算额度、"
                      "每月预结算额度与结算，以及按80%/90%规则的年度决算（洪府厅发〔2019〕102号 第二十三—二十九条）。"
                      + _TEXT,
          response_description="预算、月预结算与年度决算", responses=_responses(400, 413, 422, 429, 503))
    async def resident_budget(self, request: Request, data: JSONBody[BudgetRequest]) -> Response[BudgetResult]:
        return await _explained(request, lambda: calculator.resident_budget(data), explain_budget)


# -- the clinic page -------------------------------------------------------------------------------

ROSTER_ROWS = 8
GROUPS = ("1", "2", "3", "4", "5")


class BudgetForm:
    """The submitted form, and the budget request built from it (with each field's own error)."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}
        self.general: list[str] = []
        self.paths: dict[str, str] = {}  # request path → form field

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def _int(self, name: str, path: str, label: str) -> int | None:
        self.paths[path] = name
        text = self.get(name)
        if not text:
            return None
        if not text.isdigit():
            self.errors[name] = f"{label}应为整数，收到的是“{text[:20]}”。"
            return None
        return int(text)

    def _money(self, name: str, path: str) -> str | None:
        self.paths[path] = name
        text = self.get(name).replace(",", "").replace("，", "")
        return text or None

    def request(self) -> dict[str, Any]:
        body: dict[str, Any] = {"year": self._int("year", "year", "年度")}
        if self.get("mode") == "groups":
            groups = {g: n for g in GROUPS if (n := self._int(f"groups-{g}", f"groups.{g}", "人数")) is not None}
            body["groups"] = groups
            self.paths["roster"] = "groups-1"
        else:
            roster: list[dict[str, Any]] = []
            for i in range(ROSTER_ROWS):
                path = f"roster[{len(roster)}]"
                birth = self._int(f"roster-{i}-birth_year", f"{path}.birth_year", "出生年份")
                count = self._int(f"roster-{i}-count", f"{path}.count", "人数")
                signed = self._int(f"roster-{i}-signed_month", f"{path}.signed_month", "首次签约月份")
                if birth is None:
                    continue
                row: dict[str, Any] = {"birth_year": birth}
                if count is not None:
                    row["count"] = count
                if signed is not None:
                    row["signed_month"] = signed
                roster.append(row)
            body["roster"] = roster
            self.paths["roster"] = "roster-0-birth_year"
        months = [self._money(f"monthly-{k}", f"monthly_actual[{k}]") for k in range(12)]
        while months and months[-1] is None:
            months.pop()
        if months:
            if None in months:
                self.errors["monthly-" + str(months.index(None))] = "请按月份顺序从1月起连续填写。"
            body["monthly_actual"] = [m or "0" for m in months]
        if (annual := self._money("annual_actual", "annual_actual")) is not None:
            body["annual_actual"] = annual
        return body

    def fail(self, error: CalculatorError) -> None:
        errors = error.errors if isinstance(error, InvalidRequest) and error.errors else [
            FieldError(error.path, error.code, error.message)]
        for e in errors:
            name = self.paths.get(e.path) or self.paths.get(e.path.split(".")[0])
            if name:
                self.errors.setdefault(name, e.message)
            else:
                self.general.append(e.message)


def _page(request: Request, form: BudgetForm, status: int = 200, explanation: str | None = None) -> Response:
    body = render_template("budget.html", form=form, groups=GROUPS, rows=range(ROSTER_ROWS),
                           nav=nav("/console"), page_title="签约机构预算",
                           explanation=Markup(explanation) if explanation else None)
    return html_response(body, status)


class BudgetConsoleController(Controller):
    path = "/console/budget"
    include_in_schema = False

    @get("/")
    async def show(self, request: Request) -> Response:
        return _page(request, BudgetForm({"year": "2024", "mode": "roster"}))

    @post("/", status_code=200)
    async def submit(self, request: Request) -> Response:
        raw = await request.form()
        form = BudgetForm({k: str(v) for k, v in raw.items()})
        return await run_cpu(_submit, request, form)


def _submit(request: Request, form: BudgetForm) -> Response:
    body = form.request()
    if form.errors:
        return _page(request, form, 422)
    try:
        result = calculator.budget_run_json(json.dumps(body, ensure_ascii=False))
    except CalculatorError as exc:
        form.fail(exc)
        return _page(request, form, 422)
    return _page(request, form, explanation=explain_budget(result, format="html"))
