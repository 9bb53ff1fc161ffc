"""The kiosk embed: ``/embed/explain`` (a whole page) and ``/embed/explain/fragment`` (HTML only).

A kiosk passes a one-visit calculation request as flat query parameters (:data:`forms.EMBED_PARAMS`)
or POSTs the same names as a form, or a full JSON calculation request. The page shows the fund's
payment in large type, the chart and the step-by-step explanation with its citations, and prints
as a slip. It may be framed by the origins in ``MINGBAI_FRAME_ANCESTORS`` and sets no cookies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get, head, post
from litestar.openapi.spec import OpenAPIMediaType, Operation, Reference, RequestBody, Schema
from litestar.openapi.spec import Parameter as ParameterSpec
from litestar.openapi.spec.enums import OpenAPIType
from markupsafe import Markup

import calculator
from calculator import CalculationRequest, CalculationResult, CalculatorError, InvalidRequest, MissingFact
from explanations import Doc, activated, formatting, labels, visit_views

from . import render
from .body import decode_body
from .forms import EMBED_PARAMS, Built, build_embed
from .pages import html_response
from .pages import render as render_template

__all__ = ["EMBED_LABELS", "EmbedController"]

_TYPES = {
    "string": Schema(type=OpenAPIType.STRING),
    "date": Schema(type=OpenAPIType.STRING, format="date"),  # type: ignore[arg-type]
    "boolean": Schema(type=OpenAPIType.BOOLEAN),
    "integer": Schema(type=OpenAPIType.INTEGER, enum=[1, 2, 3]),
    "money": Schema(type=OpenAPIType.STRING, pattern=r"^\d+(\.\d{1,2})?$"),
}


@dataclass
class _QueryOperation(Operation):
    """Documents the flat query parameters, which the handler reads itself (to report every
    malformed value on the page instead of failing before it)."""

    def __post_init__(self) -> None:
        self.parameters = [ParameterSpec(name=name, param_in="query", description=desc, required=name == "policy",
                                         schema=_TYPES[kind]) for name, (kind, desc) in EMBED_PARAMS.items()]


@dataclass
class _BodyOperation(Operation):
    def __post_init__(self) -> None:
        props: dict[str, Reference | Schema] = {name: _TYPES[kind] for name, (kind, _) in EMBED_PARAMS.items()}
        self.request_body = RequestBody(
            required=True,
            description="与 GET 相同的参数（表单），或完整的 JSON 计算请求（Content-Type: application/json）。",
            content={
                "application/x-www-form-urlencoded": OpenAPIMediaType(schema=Schema(type=OpenAPIType.OBJECT,
                                                                                    properties=props)),
                "application/json": OpenAPIMediaType(schema=Schema(type=OpenAPIType.OBJECT,
                                                                   description="CalculationRequest")),
            })


EMBED_LABELS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "title": "医保报销明细", "fund": "统筹基金支付", "personal": "个人负担", "account": "个人账户",
        "cash": "现金", "total": "费用合计", "ratio": "支付比例", "print": "打印", "steps": "逐步说明",
        "disclaimer": "按政策文件原文计算，供核对参考；实际以医保经办机构结算为准。",
        "cannot": "暂时无法计算", "usage": "自助机说明页", "document": "依据", "choose": "请选择",
        "ask": "还需要您告诉我一件事", "colon": "：", "brand": "明白账",
        "usage_lead": "在地址后加上一次就诊的信息，即显示大字的报销说明，可打印成小票。例如：",
        "usage_more": "全部参数和 iframe 嵌入方法见 ", "usage_docs": "嵌入说明", "usage_end": "。",
    },
    "en": {
        "title": "Outpatient reimbursement", "fund": "Paid by the fund", "personal": "Paid by you",
        "account": "Personal account", "cash": "Cash", "total": "Total", "ratio": "Ratio", "print": "Print",
        "steps": "Step by step",
        "disclaimer": "Calculated from the policy document's own words, for checking; the insurance office's "
                      "settlement is authoritative.",
        "cannot": "Cannot calculate yet", "usage": "Kiosk page", "document": "Source", "choose": "Choose",
        "ask": "One more thing, please", "colon": ": ", "brand": "Mingbai",
        "usage_lead": "Add one visit's details to the address to show the reimbursement in large type, printable "
                      "as a slip. For example:",
        "usage_more": "All parameters and how to embed it in an iframe: ", "usage_docs": "embedding guide (Chinese)",
        "usage_end": ".",
    },
}


@dataclass
class _Outcome:
    locale: str
    request: CalculationRequest | None = None
    result: CalculationResult | None = None
    error: CalculatorError | None = None
    built: Built | None = None
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> int:
        if self.error is None:
            return 200
        if isinstance(self.error, InvalidRequest) and self.error.code in ("invalid_json", "empty_body"):
            return 400
        return 422


def _outcome(request: CalculationRequest | None, error: CalculatorError | None, locale: str,
             built: Built | None = None) -> _Outcome:
    out = _Outcome(locale=locale, request=request, error=error, built=built)
    if request is not None and error is None:
        try:
            out.result = calculator.calculate(request)
        except CalculatorError as exc:
            out.error = exc
    labels = EMBED_LABELS[locale]
    ctx: dict[str, Any] = {"labels": labels, "locale": locale, "lang": "en" if locale == "en" else "zh-CN",
                           "choices": []}
    if out.result is not None and out.request is not None:
        visit = out.result.visits[-1]
        explanation = str(render.explain_html(out.result, out.request, locale))
        # the chart stands by the figures it illustrates, not after the steps
        figure = _CHART_FIGURE.search(explanation)
        chart = Markup(figure.group(1)) if figure else render.chart_unless_in(explanation, out.request, out.result,
                                                                               locale)
        explanation = Markup(_CHART_FIGURE.sub("", explanation))
        ctx.update(result=out.result, visit=visit, policy=out.result.policy, explanation=explanation,
                   meta=_meta(out.result, out.request, locale), asking=False, chart=chart, error_html=None,
                   errors=[])
    else:
        assert out.error is not None
        messages = []
        if built is not None:
            for name, message in built.field_errors.items():
                messages.append(f"{name}：{message}")
            messages += built.general_errors
        elif isinstance(out.error, InvalidRequest):
            messages = [e.message for e in out.error.errors]
        error_html = None
        if not isinstance(out.error, InvalidRequest):
            # patients see the question, not the request's field path (that is for the API and staff)
            error_html = Markup(_FIELD_PATH.sub("", str(render.explain_error_html(out.error, locale, out.request))))
        ctx.update(result=None, visit=None, policy=None, explanation=None, chart=None, meta="",
                   asking=isinstance(out.error, MissingFact), error_html=error_html,
                   errors=messages or [out.error.message])
    out.context = ctx
    return out


_CHART_FIGURE = re.compile(r'<figure class="mb-chart">\s*(<svg.*?</svg>)\s*</figure>\n?', re.S)
_FIELD_PATH = re.compile(r'<p class="mb-path">.*?</p>\n?', re.S)
_CHOICE_LIST = re.compile(r'<ul class="mb-choices">.*?</ul>\n?', re.S)


def _meta(result: CalculationResult, request: CalculationRequest, locale: str) -> str:
    """The slip's meta line (date · provider · category) in the page's language, in the
    explanation's own words for them."""
    p = result.policy
    with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title)):
        view = visit_views(result, request)[-1]
        return " · ".join(part for part in (formatting.date(view.visit.date), view.provider,
                                            labels.category(view.visit.category)) if part)


def _kiosk_locale(lang: str | None) -> str:
    """Kiosks show Chinese unless the embedding page asks for ``lang=en``: a kiosk browser's own
    Accept-Language (often en-US on an embedded Linux image) says nothing about its users."""
    return render.negotiate_locale(None, lang)


#: a fact the kiosk page can ask for with one tap: missing fact → (query parameter, [(value, label)])
_CHOICES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "provider_level": ("level", [("1", "一级及以下"), ("2", "二级"), ("3", "三级")]),
    "provider_grade": ("grade", [("A", "甲等"), ("B", "乙等"), ("C", "丙等")]),
    "prescribed_at_level": ("prescribed_at_level", [("1", "一级及以下"), ("2", "二级"), ("3", "三级")]),
    "prescribed_at_grade": ("prescribed_at_grade", [("A", "甲等"), ("B", "乙等"), ("C", "丙等")]),
}
_CHOICES_EN = {"一级及以下": "Level 1 or below", "二级": "Level 2", "三级": "Level 3", "甲等": "Grade A",
               "乙等": "Grade B", "丙等": "Grade C"}


def _from_params(params: dict[str, str], path: str | None = None) -> _Outcome:
    """``path`` given (a GET page): a missing fact becomes one-tap links that add it to the query."""
    locale = _kiosk_locale(params.get("lang"))
    built = build_embed(params)
    out = _outcome(built.request, built.error, locale, built)
    choices: list[tuple[str, str]] = []
    if path is not None and isinstance(out.error, MissingFact) and out.error.fact in _CHOICES:
        name, values = _CHOICES[out.error.fact]
        for value, label in values:
            shown = _CHOICES_EN.get(label, label) if locale == "en" else label
            choices.append((shown, f"{path}?{urlencode({**params, name: value})}"))
    if choices and out.context.get("error_html"):
        # the choices are the buttons: the question does not list them a second time
        out.context["error_html"] = Markup(_CHOICE_LIST.sub("", str(out.context["error_html"])))
    out.context["choices"] = choices
    return out


async def _from_body(request: Request) -> _Outcome:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        locale = _kiosk_locale(request.query_params.get("lang"))
        try:
            req = decode_body(await request.body())
        except CalculatorError as exc:
            return _outcome(None, exc, locale)
        return _outcome(req, None, locale)
    form = await request.form()
    params = {k: str(v) for k, v in form.items()}
    params.update({k: v for k, v in request.query_params.items() if k == "lang"})
    return _from_params(params)


def _page(out: _Outcome, fragment: bool) -> Response:
    body = render_template("embed_fragment.html" if fragment else "embed.html", **out.context)
    return html_response(body, out.status, {"Content-Language": out.locale})


def _get_page(request: Request) -> Response:
    params = dict(request.query_params.items())
    if not params or set(params) == {"lang"}:
        locale = _kiosk_locale(params.get("lang"))
        body = render_template("embed_usage.html", labels=EMBED_LABELS[locale], locale=locale,
                               lang="en" if locale == "en" else "zh-CN", params=EMBED_PARAMS)
        return html_response(body)
    return _page(_from_params(params, request.url.path), fragment=False)


def _headers_only(response: Response) -> Response[None]:
    content = response.content if isinstance(response.content, bytes) else str(response.content).encode("utf-8")
    headers = {**response.headers, "Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(content))}
    return Response(content=None, status_code=response.status_code, headers=headers)


_HTML = "HTML 页面（出错时 400/422，同样是 HTML）"


class EmbedController(Controller):
    path = "/embed/explain"
    tags = ["自助机嵌入"]
    opt = {"frameable": True}

    @get("/", operation_class=_QueryOperation, summary="自助机说明页（整页，可嵌入 iframe、可打印）",
         response_description=_HTML,
         description="参数为一次就诊的平铺形式（见参数表；金额单位为元）。返回整页 HTML：统筹支付金额（大字）、"
                     "图表、逐步说明和条款原文，带打印样式。可被 MINGBAI_FRAME_ANCESTORS 中的来源嵌入，不设置 Cookie。"
                     "没有任何参数时返回使用说明页。")
    async def page(self, request: Request) -> Response:
        return _get_page(request)

    @head("/", include_in_schema=False)
    async def page_head(self, request: Request) -> Response[None]:
        """``HEAD``: the GET page's status and headers (a kiosk's health check), without the body."""
        return _headers_only(_get_page(request))

    @post("/", operation_class=_BodyOperation, status_code=200, summary="自助机说明页（POST 表单或 JSON）",
          response_description=_HTML)
    async def page_post(self, request: Request) -> Response:
        return _page(await _from_body(request), fragment=False)

    @get("/fragment", operation_class=_QueryOperation, summary="自助机说明（仅 HTML 片段）",
         response_description=_HTML,
         description="与整页相同的参数，只返回 `<section class=\"mingbai-embed\">…</section>` 片段，"
                     "供自行排版页面的自助机插入；样式可引用 /static/mingbai.css。")
    async def fragment(self, request: Request) -> Response:
        return _page(_from_params(dict(request.query_params.items())), fragment=True)

    @head("/fragment", include_in_schema=False)
    async def fragment_head(self, request: Request) -> Response[None]:
        return _headers_only(_page(_from_params(dict(request.query_params.items())), fragment=True))

    @post("/fragment", operation_class=_BodyOperation, status_code=200, summary="自助机说明片段（POST）",
          response_description=_HTML)
    async def fragment_post(self, request: Request) -> Response:
        return _page(await _from_body(request), fragment=True)
