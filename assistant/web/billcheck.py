"""``POST /api/v1/bill-check`` (``CONTRACT.md``, "Bill check"): is the settlement slip right?

The body is ``{"request": <calculation request for the visit>, "slip": {<figures>}}``, decoded
exactly (amounts never pass through float) by :func:`calculator.decode_bill_check`; the slip takes
the result's names or the national settlement record's. The response is the check — ``verdict``,
``differences``, ``causes`` (each reproducing every slip figure, with its ``text`` and articles),
``unexplained``, ``result`` — with ``text`` (the verdict first, then the steps) and ``html``.
Bad input is a 400/422 problem naming each field (``slip.hifp_pay``, ``request.visits[0].amount``).
"""

from __future__ import annotations

from typing import Any, cast

from litestar import Controller, Request, Response, post
from litestar.dto import DTOConfig, MsgspecDTO
from litestar.params import JSONBody
from litestar.typing import FieldDefinition

import calculator
from calculator import BillCheck, BillCheckRequest, Cause, FieldError, InvalidRequest
from calculator import check_bill_raw as check_raw
from explanations import bill_check_payload, explain_bill_check

from . import render
from .api import _responses
from .body import check_utf8
from .work import run_cpu

__all__ = ["BillCheckBody", "BillCheckController", "BillCheckResponse"]

JSON = "application/json"


class CauseOut(Cause, kw_only=True):
    """A documented cause that, settled again, reproduces every figure on the slip — the
    calculator's :class:`~calculator.Cause` with its ``text``."""

    text: str


class BillCheckResponse(BillCheck, kw_only=True):
    """``POST /api/v1/bill-check``: the calculator's :class:`~calculator.BillCheck` (the verdict,
    the differences, the causes, the result) with the texts."""

    causes: list[CauseOut]  # type: ignore[assignment]  # the schema: each cause as sent, with its text
    text: str
    html: str
    locale: str


class BillCheckBody(MsgspecDTO[BillCheckRequest]):
    """The bill-check body decoded from the raw bytes by the calculator's typed decoder."""

    config = DTOConfig(experimental_codegen_backend=False)

    def decode_bytes(self, value: bytes) -> Any:
        if not value.strip():
            raise InvalidRequest.of([FieldError(path="", code="empty_body",
                                                message="请求体为空：请发送 JSON 格式的 {\"request\": …, \"slip\": …}。")])
        check_utf8(value)  # a 400 naming the field, before the decoder meets the bytes
        return value  # decoded and checked by the handler (calculator.billcheck.check_raw)

    def decode_builtins(self, value: dict[str, Any]) -> Any:  # pragma: no cover - JSON bodies only
        raise InvalidRequest.of([FieldError(path="", code="invalid_json", message="请以 application/json 发送。")])

    @classmethod
    def create_openapi_schema(cls, field_definition: FieldDefinition, handler_id: str, schema_creator: Any) -> Any:
        return schema_creator.for_field_definition(
            FieldDefinition.from_annotation(cls.model_type, kwarg_definition=field_definition.kwarg_definition))


class BillCheckController(Controller):
    path = "/api/v1"
    tags = ["计算接口"]

    @post("/bill-check", dto=BillCheckBody, return_dto=None, status_code=200,
          summary="核对结算单：医院报得对不对，不对的话为什么",
          description="请求体为 `{\"request\": 计算请求, \"slip\": 结算单金额}`；`slip` 可用计算结果的字段名"
                      "（fund_pays、account_pays、cash_pays……）或国家医保结算清单的字段名（hifp_pay、acct_pay、"
                      "psn_cash_pay、medfee_sumamt、fulamt_ownpay_amt、preselfpay_amt、act_pay_dedc），至少一项。"
                      "返回逐项比对（`differences`）；只列出按文件重新结算后能得出结算单上全部数字的原因（`causes`），"
                      "都不能时 `unexplained` 为 true、不列原因。`text` 先给结论，再给逐步计算。",
          response_description="核对结论、原因与计算结果", responses=cast(Any, _responses(400, 413, 422, 429)))
    async def bill_check(self, request: Request, data: JSONBody[BillCheckRequest]) -> Response[BillCheckResponse]:
        # ``data`` is the raw body (BillCheckBody hands it over undecoded; OpenAPI shows its schema)
        locale = render.negotiate_locale(request.headers.get("accept-language"))

        def work() -> bytes:  # off the event loop (assistant.web.work)
            calc_request, result = check_raw(cast(bytes, data))
            body = bill_check_payload(result, locale=locale, request=calc_request)
            body["html"] = explain_bill_check(result, locale=locale, format="html", request=calc_request)
            body["locale"] = locale
            return calculator.encode(body)

        return Response(cast(Any, await run_cpu(work)), media_type=JSON, headers={"Content-Language": locale})
