"""Errors over HTTP: every error becomes an RFC 9457 problem (``application/problem+json``).

The one place mapping the calculator's error tree and Litestar's HTTP exceptions to statuses:

======  =====================================================================================
status  when
======  =====================================================================================
400     the body is not JSON (or empty); a query or path parameter of the wrong type
404     no such route; no such policy (``GET /api/v1/policies/{id}``)
405     the route exists but not for this method (``Allow`` lists the methods)
413     the body is larger than ``MINGBAI_MAX_BODY``
422     the JSON is well-formed but cannot be calculated: a field of the wrong type or value,
        an unknown field or enum, a missing field, an unknown policy, a missing fact or
        parameter the document needs, a visit outside the document's dates
429     more than ``MINGBAI_RATE_LIMIT`` requests a minute from one client (``Retry-After``)
500     a bug on our side only; logged by exception type, never with the request's content
503     more than ``MINGBAI_MAX_IN_FLIGHT`` requests in flight, or a chat turn that waited too
        long for the turns before it on its session (``Retry-After``; nothing was applied)
======  =====================================================================================

Members: ``type`` (a page under ``/problems/`` describing the problem), ``title``, ``status``,
``detail`` (a Chinese sentence), ``instance`` (the request path, never the query), ``code``,
``errors`` (``[{"path", "code", "message"}]``, one per offending field), and where it applies
``missing`` (the fact or parameter to ask for) and ``citations`` (the articles concerned).
Browsers asking for HTML on a page route get the same problem as a page.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    ValidationException,
)

from calculator import CalculatorError, FieldError, InvalidRequest, PackError, UnknownPolicy

__all__ = ["PROBLEM_TYPES", "Problem", "ProblemField", "exception_handlers", "problem_for", "responses"]

log = logging.getLogger("mingbai.web")
PROBLEM_JSON = "application/problem+json"


class ProblemField(msgspec.Struct, kw_only=True):
    path: str
    code: str
    message: str


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An RFC 9457 problem with 明白账's extension members."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    errors: list[ProblemField] = []
    missing: str | None = None
    citations: list[dict[str, Any]] = []
    #: for ``POST /api/v1/explain``: the explanation of what is missing, as text and HTML
    text: str | None = None
    html: str | None = None
    #: an item the document does not name: the figures both ways, side by side (never one of them)
    alternatives: list[dict[str, Any]] = []


#: slug → (status, Chinese title, what it means and what to do): the pages at /problems/{slug}
PROBLEM_TYPES: dict[str, tuple[int, str, str]] = {
    "invalid-json": (400, "请求不是有效的 JSON",
                     "请求体为空，或不是合法的 JSON（括号、引号、逗号不配对）。请按接口文档发送 JSON 格式的计算请求。"),
    "bad-parameter": (400, "参数格式有误", "查询参数或路径参数的类型不对，例如应为数字却给了文字。"),
    "invalid-request": (422, "请求内容有误",
                        "JSON 格式正确，但有字段类型、取值或格式不对（如金额为负数、日期不存在、多了未知字段）。"
                        "errors 列出每个有问题的字段路径和中文说明。"),
    "unknown-policy": (422, "未知的政策", "请求中的 policy 不是已加载的规则包。可用的政策见 GET /api/v1/policies。"),
    "missing-fact": (422, "还缺少一项信息",
                     "文件规定的计算需要一项请求中没有的信息（如医院等级、开处方医院的等级）。missing 给出缺少的信息，"
                     "citations 给出需要它的条款。补充后重新请求。"),
    "missing-parameter": (422, "缺少经办机构参数",
                          "文件把起付标准、支付比例或限额交由医疗保障部门确定，文件本身没有数字。请在 parameters 中提供经办机构公布的参数及来源。"),
    "out-of-force": (422, "不在文件施行期内", "就诊日期不在该政策文件的施行期内，不能按该文件计算。"),
    "not-covered": (422, "文件没有规定", "文件没有规定这种情况如何结算，无法给出有依据的数字。"),
    "not-found": (404, "找不到", "没有这个地址，或没有这个政策。"),
    "method-not-allowed": (405, "不支持该请求方法", "这个地址存在，但不接受这种请求方法；Allow 响应头列出可用的方法。"),
    "body-too-large": (413, "请求内容过大", "请求体超过了服务器允许的大小（MINGBAI_MAX_BODY），或一次要算的就诊、费用项、名单行数"
                                         "超过了上限（errors[].path 指出是哪一项）。一次门诊计算请求通常只有几 KB。"),
    "unsupported-media-type": (415, "不支持的内容类型", "请以 application/json 或表单格式发送请求。"),
    "rate-limited": (429, "请求过于频繁", "同一客户端每分钟的请求数超过了限制（MINGBAI_RATE_LIMIT）。请稍后再试，Retry-After 给出等待秒数。"),
    "overloaded": (503, "服务器正忙", "服务器同时处理的请求已达上限（MINGBAI_MAX_IN_FLIGHT），或同一会话的上一条消息还在处理中。"
                                      "请求没有被处理，请按 Retry-After 给出的秒数后重试。"),
    "http-error": (400, "请求有误", "请求无法处理。"),
    "server-error": (500, "服务器内部错误", "服务器出现了意外错误，已记录。这不是您的请求造成的，请稍后再试。"),
}

#: the detail of the exception Litestar raises when the client disconnects while its body is read
_CLIENT_GONE = "client disconnected prematurely"

_STATUS_SLUG = {404: "not-found", 405: "method-not-allowed", 413: "body-too-large",
                415: "unsupported-media-type", 429: "rate-limited", 503: "overloaded"}


def _problem(slug: str, *, detail: str | None = None, status: int | None = None, request: Request | None = None,
             code: str | None = None, **extra: Any) -> Problem:
    default_status, title, description = PROBLEM_TYPES[slug]
    return Problem(type=f"/problems/{slug}", title=title, status=status or default_status,
                   detail=detail or description, code=code or slug.replace("-", "_"),
                   instance=request.url.path if request is not None else None, **extra)


def _fields(errors: list[FieldError]) -> list[ProblemField]:
    return [ProblemField(path=e.path, code=e.code, message=e.message) for e in errors]


def problem_for_calculator(error: CalculatorError, request: Request | None = None) -> Problem:
    """The problem for one of the calculator's errors (status 400, 422 or 500)."""
    if isinstance(error, PackError):
        return _problem("server-error", request=request)
    if isinstance(error, InvalidRequest):
        errors = error.errors or [FieldError(error.path, error.code, error.message)]
        if error.code in ("invalid_json", "empty_body", "invalid_utf8"):
            return _problem("invalid-json", detail=error.message, request=request, code=error.code,
                            errors=_fields(errors))
        detail = error.message if len(errors) == 1 else f"请求中有{len(errors)}处错误：{errors[0].message}等。"
        return _problem("invalid-request", detail=detail, request=request, code=error.code, errors=_fields(errors))
    fields = [ProblemField(path=error.path, code=error.code, message=error.message)]
    data = error.to_dict()
    slug = {"unknown_policy": "unknown-policy", "missing_fact": "missing-fact",
            "missing_parameter": "missing-parameter", "out_of_force": "out-of-force"}.get(error.code, "not-covered")
    if isinstance(error, UnknownPolicy):
        slug = "unknown-policy"
    return _problem(slug, detail=error.message, request=request, code=error.code, errors=fields,
                    missing=data.get("missing") or None, citations=list(error.citations),
                    alternatives=data.get("alternatives") or [])


def _validation_fields(exc: ValidationException) -> list[ProblemField]:
    out: list[ProblemField] = []
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        if isinstance(item, dict):
            key = str(item.get("key") or "")
            source = str(item.get("source") or "")
            where = {"query": "查询参数", "path": "路径参数", "header": "请求头", "body": "请求体"}.get(source, "参数")
            out.append(ProblemField(path=key, code="invalid_parameter",
                                    message=f"{where} {key} 的格式不对。" if key else "参数格式不对。"))
    return out or [ProblemField(path="", code="invalid_parameter", message="请求参数格式不对。")]


def problem_for(exc: Exception, request: Request) -> tuple[Problem, dict[str, str]]:
    """Any exception → (problem, extra headers)."""
    if isinstance(exc, CalculatorError):
        if isinstance(exc, PackError):
            log.error("rule pack error: %s", type(exc).__name__)
        return problem_for_calculator(exc, request), {}
    if isinstance(exc, ValidationException):
        extra = exc.extra if isinstance(exc.extra, list) else []
        if any(isinstance(i, dict) and i.get("key") == "data" for i in extra):
            # a required body that is absent: Litestar refuses it before our decoder sees it
            message = "请求体为空：请发送 JSON 格式的计算请求。"
            return _problem("invalid-json", detail=message, request=request, code="empty_body",
                            errors=[ProblemField(path="", code="empty_body", message=message)]), {}
        fields = _validation_fields(exc)
        return _problem("bad-parameter", detail=fields[0].message, request=request, errors=fields), {}
    if isinstance(exc, UnicodeDecodeError):  # a decoder met bytes that are not UTF-8
        message = f"请求第 {exc.start + 1} 个字节不是有效的 UTF-8 编码：请以 UTF-8 发送 JSON。"
        return _problem("invalid-json", detail=message, request=request, code="invalid_utf8",
                        errors=[ProblemField(path="", code="invalid_utf8", message=message)]), {}
    if isinstance(exc, HTTPException):
        from .body import TooLarge

        headers = dict(exc.headers or {})
        status = exc.status_code
        if isinstance(exc, TooLarge):
            return _problem("body-too-large", detail=exc.message, request=request, code="too_large",
                            errors=[ProblemField(path=exc.path, code="too_large", message=exc.message)]), headers
        if status == 503:
            headers.setdefault("Retry-After", "1")
            detail = exc.detail if _is_chinese(exc.detail) else None
            return _problem("overloaded", detail=detail, request=request), headers
        if status == 500 and exc.detail == _CLIENT_GONE:
            # Litestar's word for a body the client stopped sending (it closed the connection): no fault
            # of the server and no one to answer — logged as what it is, never as a server error
            log.info("client disconnected before its request was read")
            return _problem("http-error", detail="客户端在请求发送完之前断开了连接，请求没有被处理。",
                            request=request, code="client_disconnected"), {}
        if status >= 500:
            log.error("server error: %s", type(exc).__name__)
            return _problem("server-error", request=request), {}
        slug = _STATUS_SLUG.get(status, "http-error")
        if isinstance(exc, NotFoundException):
            slug = "not-found"
        if isinstance(exc, MethodNotAllowedException):
            slug = "method-not-allowed"
        detail = None
        if slug == "not-found":
            detail = exc.detail if _is_chinese(exc.detail) else f"没有这个地址：{request.url.path}"
        elif slug == "method-not-allowed":
            allowed = ", ".join(m.strip() for m in (headers.pop("allow", "") or headers.get("Allow", "")).split(",")
                                if m.strip() and m.strip() not in ("OPTIONS", "HEAD"))
            if allowed:
                headers["Allow"] = allowed
            detail = f"{request.url.path} 不接受 {request.method} 请求" + (f"，可用：{allowed}。" if allowed else "。")
        elif slug == "rate-limited":
            reset = headers.get("RateLimit-Reset")
            if reset:
                headers["Retry-After"] = reset
            detail = f"请求过于频繁，请 {reset or '稍后'} 秒后再试。" if reset else None
        elif slug == "http-error" and _is_chinese(exc.detail):
            detail = exc.detail
        errors = [ProblemField(path="", code="body_too_large", message="请求体过大。")] if slug == "body-too-large" else []
        return _problem(slug, status=status, detail=detail, request=request, errors=errors), headers
    log.error("unhandled exception: %s", type(exc).__name__)
    return _problem("server-error", request=request), {}


def _is_chinese(text: str | None) -> bool:
    return bool(text) and any("\u4e00" <= ch <= "\u9fff" for ch in text or "")


_ENCODER = msgspec.json.Encoder(decimal_format="string")

_RESPONSES = {
    400: "请求体不是有效的 JSON 或不是 UTF-8（problem details，`errors[].path` 为空表示整个请求体）",
    404: "找不到",
    413: "请求体超过 MINGBAI_MAX_BODY，或就诊、费用项、名单行数超过上限（`errors[].path` 指出是哪一项）",
    422: "请求无法计算：字段有误（`errors[].path` 指出字段）、未知政策、缺少事实或参数（`missing`、`citations`）",
    429: "请求过于频繁（Retry-After）",
    503: "服务器正忙，请求没有被处理（Retry-After）",
}


def responses(*statuses: int) -> dict[int, Any]:
    """OpenAPI error responses (``application/problem+json``) for a route handler."""
    from litestar.openapi.datastructures import ResponseSpec

    return {s: ResponseSpec(data_container=Problem, media_type=PROBLEM_JSON, generate_examples=False,
                            description=_RESPONSES.get(s, PROBLEM_TYPES["http-error"][1]))
            for s in statuses}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response:
    return Response(content=_ENCODER.encode(problem), status_code=problem.status, media_type=PROBLEM_JSON,
                    headers=headers or {})


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/schema/openapi", "/healthz", "/static/")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def handle(request: Request, exc: Exception) -> Response:
    problem, headers = problem_for(exc, request)
    if _wants_html(request):
        from .pages import render_problem_page

        return render_problem_page(request, problem, headers)
    return problem_response(problem, headers)


exception_handlers: dict[type[Exception] | int, Any] = {Exception: handle, HTTPException: handle,
                                                        CalculatorError: handle}
