"""Exact decoding of JSON bodies, documented in OpenAPI, with limits that keep every request short.

Litestar decodes an undeclared JSON body untyped, so ``1200.1`` would pass through a float.
:func:`exact_body` makes a DTO whose only job is to hand the raw bytes to a typed msgspec decoder
(every amount arrives as an exact ``Decimal``, and every offending field is reported with its
path), while OpenAPI documents the body as the model's schema.

Before any decoder sees the bytes:

* an empty body is a 400 naming the whole body;
* bytes that are not UTF-8 (msgspec raises ``UnicodeDecodeError`` for them inside a string) are a
  400 naming the field whose string holds them (:func:`check_utf8`).

After decoding, :func:`check_size` bounds the work one request may ask for, so that no request
needs more than about a third of a second of CPU (``benchmarks/bench_soak.py --worst``, CPU time:
an explanation costs about 1.5 ms a visit plus 0.1 ms an item, a budget about 80 µs a roster line;
the issue's 366 visits × 20 items took 1.25 s, its 940 KB roster 2.3 s):

==========================  ============  =============================================
what                        limit         status
==========================  ============  =============================================
visits in one request       200           413, ``errors[].path`` ``visits`` (split the
                                          year: ``year_start`` from the first ``year_end``)
items over all visits       800           413, ``visits``
budget roster lines         3000          413, ``roster`` (alike residents: ``count``)
request body                1 MiB         413 (``MINGBAI_MAX_BODY``)
==========================  ============  =============================================
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from litestar.dto import DTOConfig, MsgspecDTO
from litestar.exceptions import HTTPException
from litestar.typing import FieldDefinition

from calculator import CalculationRequest, FieldError, InvalidRequest, decode_request

__all__ = ["MAX_ITEMS", "MAX_ROSTER", "MAX_VISITS", "CalculationRequestBody", "TooLarge", "check_size",
           "check_utf8", "decode_body", "exact_body"]

MAX_VISITS = 200
MAX_ITEMS = 800
MAX_ROSTER = 3000


class TooLarge(HTTPException):
    """A request asking for more work than one request may (413, with the field's path)."""

    status_code = 413

    def __init__(self, path: str, message: str) -> None:
        super().__init__(detail=message)
        self.path = path
        self.message = message


def _path_of_bad_bytes(raw: bytes) -> str:
    """The field whose string holds the first invalid byte (``visits[0].items[1].category``)."""
    try:
        tree = msgspec.json.decode(raw.decode("utf-8", "replace"))
    except (msgspec.DecodeError, UnicodeError):
        return ""
    found: list[str] = []

    def walk(node: Any, path: str) -> bool:
        if isinstance(node, str):
            if "\ufffd" in node:
                found.append(path)
                return True
        elif isinstance(node, dict):
            for key, value in node.items():
                here = f"{path}.{key}" if path else str(key)
                if "\ufffd" in str(key):
                    found.append(here)
                    return True
                if walk(value, here):
                    return True
        elif isinstance(node, list):
            return any(walk(value, f"{path}[{i}]") for i, value in enumerate(node))
        return False

    walk(tree, "")
    return found[0] if found else ""


def check_utf8(raw: bytes) -> None:
    """A 400 naming the field when the body is not UTF-8 (JSON must be, RFC 8259 §8.1)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        path = _path_of_bad_bytes(raw)
        where = f"字段 {path} 中" if path else ""
        raise InvalidRequest.of([FieldError(
            path=path, code="invalid_utf8",
            message=f"请求{where}第 {exc.start + 1} 个字节不是有效的 UTF-8 编码：请以 UTF-8 发送 JSON。")]) from None


def _too_large(path: str, message: str) -> TooLarge:
    return TooLarge(path, message)


def check_size(obj: Any) -> None:
    """Refuse (413) a request asking for more than one request's worth of work."""
    visits = getattr(obj, "visits", None)
    if isinstance(visits, list):
        if len(visits) > MAX_VISITS:
            raise _too_large("visits", f"一次最多计算 {MAX_VISITS} 次就诊，这次有 {len(visits)} 次：请分两次计算，"
                                       "第二次把第一次结果中 year_end 的已用起付线和统筹已付填入 year_start。")
        items = sum(len(getattr(v, "items", None) or ()) for v in visits)
        if items > MAX_ITEMS:
            raise _too_large("visits", f"一次最多计算 {MAX_ITEMS} 项费用，这次有 {items} 项："
                                       "同一类别的费用可以合并成一项，或分几次计算。")
    roster = getattr(obj, "roster", None)
    if isinstance(roster, list) and len(roster) > MAX_ROSTER:
        raise _too_large("roster", f"名单一次最多 {MAX_ROSTER} 行，这次有 {len(roster)} 行："
                                   "出生年份和签约情形相同的居民请用 count 合并成一行。")


def _empty() -> InvalidRequest:
    return InvalidRequest.of([FieldError(path="", code="empty_body", message="请求体为空：请发送 JSON 格式的请求。")])


def decode_body(raw: bytes) -> CalculationRequest:
    """Decode a calculation request; an empty or non-JSON body says where it breaks, in Chinese."""
    if not raw.strip():
        raise InvalidRequest.of([FieldError(path="", code="empty_body",
                                            message="请求体为空：请发送 JSON 格式的计算请求。")])
    check_utf8(raw)
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


def exact_body(model: type, decode: Callable[[bytes], Any], name: str | None = None) -> type[MsgspecDTO[Any]]:
    """A DTO handing the raw body to ``decode`` (after the UTF-8 and size checks) while OpenAPI
    documents ``model``'s schema."""

    class Body(MsgspecDTO[model]):  # type: ignore[valid-type]
        config = DTOConfig(experimental_codegen_backend=False)

        def decode_bytes(self, value: bytes) -> Any:
            if not value.strip():
                raise _empty()
            check_utf8(value)
            obj = decode(value)
            check_size(obj)
            return obj

        def decode_builtins(self, value: dict[str, Any]) -> Any:  # pragma: no cover - JSON bodies only
            raise InvalidRequest.of([FieldError(path="", code="invalid_json", message="请以 application/json 发送请求。")])

        @classmethod
        def create_openapi_schema(cls, field_definition: FieldDefinition, handler_id: str,
                                  schema_creator: Any) -> Any:
            return schema_creator.for_field_definition(
                FieldDefinition.from_annotation(cls.model_type, kwarg_definition=field_definition.kwarg_definition))

    Body.__name__ = Body.__qualname__ = name or f"{model.__name__}Body"
    return Body


#: the calculation request (``POST /api/v1/calculate``, ``/explain``)
CalculationRequestBody = exact_body(CalculationRequest, decode_body, "CalculationRequestBody")
