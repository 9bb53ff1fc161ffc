"""Exact decoding of calculation bodies, documented in OpenAPI.

Litestar decodes an undeclared JSON body untyped, so ``1200.1`` would pass through a float.
:class:`CalculationRequestBody` is a DTO whose only job is to hand the raw bytes to
:func:`calculator.decode_request` (a typed msgspec decoder: every amount arrives as an exact
``Decimal``, and every offending field is reported with its path), while OpenAPI documents the
body as the calculator's ``CalculationRequest`` schema.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar.dto import DTOConfig, MsgspecDTO
from litestar.typing import FieldDefinition

from calculator import CalculationRequest, FieldError, InvalidRequest, decode_request

__all__ = ["CalculationRequestBody", "decode_body"]


def decode_body(raw: bytes) -> CalculationRequest:
    """Decode a calculation request; an empty or non-JSON body says where it breaks, in Chinese."""
    if not raw.strip():
        raise InvalidRequest.of([FieldError(path="", code="empty_body",
                                            message="请求体为空：请发送 JSON 格式的计算请求。")])
    try:
        return decode_request(raw)
    except InvalidRequest as exc:
        if exc.code != "invalid_json":
            raise
        try:
            msgspec.json.decode(raw)
        except msgspec.DecodeError as syntax:
            where = str(syntax).rsplit("(byte ", 1)
            if len(where) == 2 and where[1].rstrip(")").isdigit():
                byte = int(where[1].rstrip(")")) + 1  # msgspec counts from 0
                raise InvalidRequest.of([FieldError(
                    path="", code="invalid_json",
                    message=f"请求不是有效的 JSON（第 {byte} 个字节附近），请检查括号、引号和逗号。")]) from None
            if "truncated" in str(syntax).lower():
                raise InvalidRequest.of([FieldError(
                    path="", code="invalid_json", message="请求不是有效的 JSON：内容不完整（可能被截断）。")]) from None
        raise


class CalculationRequestBody(MsgspecDTO[CalculationRequest]):
    """A calculation request decoded from the raw body by the calculator's typed decoder."""

    config = DTOConfig(experimental_codegen_backend=False)

    def decode_bytes(self, value: bytes) -> Any:
        return decode_body(value)

    def decode_builtins(self, value: dict[str, Any]) -> Any:  # pragma: no cover - JSON bodies only
        raise InvalidRequest.of([FieldError(path="", code="invalid_json",
                                            message="请以 application/json 发送计算请求。")])

    @classmethod
    def create_openapi_schema(cls, field_definition: FieldDefinition, handler_id: str, schema_creator: Any) -> Any:
        return schema_creator.for_field_definition(
            FieldDefinition.from_annotation(cls.model_type, kwarg_definition=field_definition.kwarg_definition))
