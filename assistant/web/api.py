"""``/api/v1``: calculate, explain, policies (``CONTRACT.md``, "HTTP"); ``/healthz``."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import JSONBody, Parameter

import calculator
from calculator import CalculationRequest, CalculationResult, CalculatorError, MissingFact, MissingParameter, OutOfForce

from . import render
from .body import CalculationRequestBody
from .problems import problem_for_calculator, problem_response, responses
from .schemas import ExplainResponse, Health, PolicyDetail, PolicySummary, policy_detail, policy_summary
from .work import INLINE_MICROSECONDS, run_cpu

__all__ = ["ApiController", "HealthController"]

JSON = "application/json"


def _responses(*statuses: int) -> dict[int, Any]:
    return responses(*statuses)


#: µs of work a visit and an item add (quiet machine; ``benchmarks/bench_compare.py --only b``):
#: a calculation's, an explanation's (text, HTML and the chart); small requests run inline. An
#: explanation is counted at its worst (a kind of visit not seen yet is rendered in full and its
#: skeleton built, about 2 ms), so it goes to the CPU thread — except one small visit, which is
#: calculated on the loop and explained there when every part comes from a skeleton (about
#: 300 µs; ``warm_only`` stops before rendering anything otherwise).
CALCULATE_VISIT_US, CALCULATE_ITEM_US = 40.0, 4.0
EXPLAIN_VISIT_US, EXPLAIN_ITEM_US = 2000.0, 20.0


def _estimate(data: CalculationRequest, per_visit: float, per_item: float) -> float:
    return sum(per_visit + per_item * len(v.items or ()) for v in data.visits)


class ApiController(Controller):
    path = "/api/v1"
    tags = ["计算接口"]

    @post("/calculate", dto=CalculationRequestBody, return_dto=None, status_code=200,
          summary="计算一次或多次门诊的统筹支付",
          description="请求体为计算请求（见下方 CalculationRequest）；金额可为字符串或 JSON 数字，按十进制精确解码。"
                      "返回计算结果：每一步的金额、文字说明和所依据的条款原文。",
          response_description="计算结果", responses=_responses(400, 413, 422, 429, 503))
    async def calculate(self, data: JSONBody[CalculationRequest]) -> Response[CalculationResult]:
        raw: Any = await run_cpu(_calculate, data,  # encoded bytes; the annotation documents the schema
                                 estimate=_estimate(data, CALCULATE_VISIT_US, CALCULATE_ITEM_US))
        return Response(raw, media_type=JSON)

    @post("/explain", dto=CalculationRequestBody, return_dto=None, status_code=200,
          summary="计算并给出逐步说明",
          description="返回 `text`（逐步的中文说明）、`html`（同一说明的 HTML 片段）和 `result`（计算结果）。"
                      "语言按 Accept-Language 选择 zh-CN（默认）或 en。缺少事实（如医院等级）时返回 422，"
                      "problem 中的 `text`、`html` 是对缺少什么、为什么需要的说明。",
          response_description="说明与计算结果", responses=_responses(400, 413, 422, 429, 503))
    async def explain(self, request: Request, data: JSONBody[CalculationRequest]) -> Response[ExplainResponse]:
        locale = render.negotiate_locale(request.headers.get("accept-language"))
        if len(data.visits) == 1 and _estimate(data, CALCULATE_VISIT_US, CALCULATE_ITEM_US) <= INLINE_MICROSECONDS:
            # one small visit: calculated here; its explanation too when every part of it comes
            # from a skeleton (a few hundred µs), else the rendering goes to the CPU thread
            try:
                result = calculator.calculate(data)
            except (MissingFact, MissingParameter, OutOfForce) as exc:
                return await run_cpu(_explained_problem, request, exc, locale, data)
            pair = render.explain_text_html_warm(result, data, locale)
            if pair is not None:
                return _explained(result, pair, locale)
            return await run_cpu(_render_explained, result, data, locale)
        return await run_cpu(_explain, request, data, locale,
                             estimate=_estimate(data, EXPLAIN_VISIT_US, EXPLAIN_ITEM_US))

    @get("/policies", summary="所有政策文件", response_description="政策列表", description="每个已加载规则包的 id、标题、文号、发文机关、日期、城市和险种。")
    async def policies(self) -> list[PolicySummary]:
        return [policy_summary(p) for p in sorted(calculator.load_packs().values(), key=lambda p: p.id)]

    @get("/policies/{policy_id:str}", summary="一个政策文件的全部参数、规则、解读和条文",
         description="每个参数（起付标准、限额、比例、先行自付比例……）都带所依据的条款和原文；"
                     "`readings` 是文件没有写明之处的解读；`articles` 是文件全文（按条）。",
         response_description="政策文件详情", responses=_responses(404))
    async def policy(self, policy_id: Annotated[str, Parameter(description="政策 id，如 pingliang-employee",
                                                               max_length=100)]) -> PolicyDetail:
        packs = calculator.load_packs()
        if policy_id not in packs:
            known = "、".join(sorted(packs))
            raise NotFoundException(detail=f"没有政策“{policy_id[:60]}”。可选：{known}。")
        return policy_detail(packs[policy_id])


def _calculate(data: CalculationRequest) -> bytes:
    return calculator.encode(calculator.calculate(data))


def _explain(request: Request, data: CalculationRequest, locale: str) -> Response[ExplainResponse]:
    try:
        result = calculator.calculate(data)
    except (MissingFact, MissingParameter, OutOfForce) as exc:
        return _explained_problem(request, exc, locale, data)
    return _render_explained(result, data, locale)


def _render_explained(result: CalculationResult, data: CalculationRequest, locale: str) -> Response[ExplainResponse]:
    return _explained(result, render.explain_text_html(result, data, locale), locale)  # one pass for both


def _explained(result: CalculationResult, text_html: tuple[str, str], locale: str) -> Response[ExplainResponse]:
    text, html = text_html
    body = ExplainResponse(text=text, html=html, result=result, locale=locale)
    raw: Any = calculator.encode(body)  # encoded bytes; the annotation documents the schema
    return Response(raw, media_type=JSON, headers={"Content-Language": locale})


def _explained_problem(request: Request, exc: CalculatorError, locale: str, data: CalculationRequest) -> Response:
    import msgspec

    problem = problem_for_calculator(exc, request)
    problem = msgspec.structs.replace(problem, text=render.explain_error_text(exc, locale, data),
                                      html=render.explain_error_html(exc, locale, data))
    return problem_response(problem, {"Content-Language": locale})


class HealthController(Controller):
    path = "/healthz"
    tags = ["运行状态"]

    @get("/", summary="运行状态", response_description="运行正常", description='服务在运行时返回 `{"status": "ok"}`。')
    async def health(self) -> Health:
        return Health()
