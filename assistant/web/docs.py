"""OpenAPI at ``/schema``: ``openapi.json`` and a reference page that needs no internet.

Litestar's bundled UIs (Swagger, Scalar, Redoc…) load their JavaScript from a CDN, which kiosks and
hospital intranets cannot reach; the one PyPI package shipping Swagger UI's assets that could be
served locally (``swagger-ui-bundle``) carries Swagger UI 4, which cannot read OpenAPI 3.1. So
``/schema`` is a page rendered on the server from the same document: every operation with its
parameters, request body, responses and a ``curl`` line, and every schema with its fields. It needs
no script at all.

Money and ratios are ``Decimal``: the calculator encodes them as strings (``"429.00"``) and accepts
a string or a JSON number. The published document says so (:func:`decimal_types`), instead of
Litestar's default ``number``.

:func:`published` then makes the document say what the validation checks (issue 11), so that a
fuzzer working from it reaches the calculator: the loaded policy ids as an enum, amounts as
non-negative decimals with at most two places and the calculator's maximum, the size limits of
:mod:`assistant.web.body` (visits, items, roster lines), years, months and levels as bounded
integers; every operation's error responses (problem details; 429 and 503 everywhere they can
happen); and a worked example body for each JSON endpoint. The document is self-contained: it
names no file the reader would need.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import msgspec.inspect as mi
from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin

from .pages import nav, render

__all__ = ["EXAMPLES", "JsonPlugin", "ReferencePlugin", "decimal_types", "published"]

_MONEY_OUT = {"type": "string", "format": "decimal", "pattern": r"^-?\d+(\.\d+)?$",
              "description": "十进制数，字符串（金额两位小数，如 \"429.00\"；比例如 \"0.55\"）"}
_MONEY_IN = {"oneOf": [{"type": "string", "format": "decimal", "pattern": r"^\d{1,8}(\.\d{1,2})?$"},
                       {"type": "number", "minimum": 0, "maximum": 10_000_000}],
             "description": "金额，十进制数：字符串（推荐，如 \"1200.50\"）或 JSON 数字，按十进制精确读取；"
                            "不小于 0，最多两位小数"}


def _has_decimal(t: Any) -> bool:
    if isinstance(t, mi.DecimalType):
        return True
    if isinstance(t, mi.UnionType):
        return any(_has_decimal(x) for x in t.types)
    if isinstance(t, mi.DictType):
        return _has_decimal(t.value_type)
    return False


@lru_cache(maxsize=1)
def _decimal_fields() -> dict[str, tuple[set[str], bool]]:
    """Struct name → (its Decimal fields, is it part of the request)."""
    from calculator import CalculationRequest, CalculationResult

    from .schemas import ExplainResponse, PolicyDetail

    out: dict[str, tuple[set[str], bool]] = {}

    def walk(t: Any, request: bool) -> None:
        if isinstance(t, mi.StructType):
            name = t.cls.__name__
            if name in out:
                return
            out[name] = ({f.name for f in t.fields if _has_decimal(f.type)}, request)
            for f in t.fields:
                walk(f.type, request)
        elif isinstance(t, mi.UnionType):
            for x in t.types:
                walk(x, request)
        elif isinstance(t, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
            walk(t.item_type, request)
        elif isinstance(t, mi.DictType):
            walk(t.value_type, request)

    from calculator import BudgetRequest, BudgetResult, CreditsRequest, CreditsResult, UsageRequest, UsageResult

    requests: tuple[type, ...] = (CalculationRequest, CreditsRequest, UsageRequest, BudgetRequest)
    results: tuple[type, ...] = (CalculationResult, ExplainResponse, PolicyDetail, CreditsResult, UsageResult,
                                 BudgetResult)
    for root in requests:
        walk(mi.type_info(root), True)
    for root in results:
        walk(mi.type_info(root), False)
    return out


def _money(node: Any, money: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if node.get("type") == "string" and set(node) <= {"type", "description", "title", "default"}:
            return {**money, **({"default": node["default"]} if "default" in node else {})}
        return {k: _money(v, money) for k, v in node.items()}
    if isinstance(node, list):
        return [_money(v, money) for v in node]
    return node


def decimal_types(schema: dict[str, Any]) -> dict[str, Any]:
    """Document every ``Decimal`` field as a decimal string (responses) or string-or-number (requests)."""
    out = dict(schema)
    components = dict(out.get("components") or {})
    schemas = dict(components.get("schemas") or {})
    known = _decimal_fields()
    for name, comp in schemas.items():
        fields, request = known.get(name, (set(), False))
        if not fields or not isinstance(comp, dict):
            continue
        props = dict(comp.get("properties") or {})
        for field in fields:
            if field in props:
                props[field] = _money(props[field], _MONEY_IN if request else _MONEY_OUT)
        schemas[name] = {**comp, "properties": props}
    components["schemas"] = schemas
    out["components"] = components
    return out


# -- what the validation checks, said in the document ------------------------------------------------

_VISIT_EXAMPLE = {"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A", "designated": True},
                  "items": [{"category": "in_scope", "amount": "800.00"}, {"category": "class_b_drug", "amount": "200.00"},
                            {"category": "self_pay", "amount": "50.00"}]}
#: one worked body per JSON endpoint (each reaches the calculator and answers 200)
EXAMPLES: dict[str, dict[str, Any]] = {
    "/api/v1/calculate": {"policy": "pingliang-employee", "insured": {"category": "employee"},
                          "year_start": {"deductible_used": "0", "fund_paid": "0"}, "account_balance": "300.00",
                          "visits": [_VISIT_EXAMPLE]},
    "/api/v1/chat": {"message": "我是南昌退休职工，三级医院花了一千二，今年第一次"},
    "/api/v1/account/credits": {"policy": "nanchang-employee", "year": 2024, "category": "employee",
                                "contribution_base": "6000.00"},
    "/api/v1/account/usage": {"policy": "nanchang-employee", "beneficiary": "spouse", "purpose": "designated_hospital"},
    "/api/v1/resident-budget": {"year": 2024, "roster": [{"birth_year": 1950}, {"birth_year": 2024, "signed_month": 5}],
                                "monthly_actual": ["1000.00", "800.00"]},
}
EXAMPLES["/api/v1/explain"] = EXAMPLES["/api/v1/calculate"]

_YEAR = {"type": "integer", "minimum": 2000, "maximum": 2100}
_MONTH = {"type": "integer", "minimum": 1, "maximum": 12}
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
_HTML = {"text/html": {"schema": {"type": "string"}}}
#: routes answering with pages (HTML), errors included
_PAGES = ("/embed/",)
_COMMON_ERRORS = {"429": "请求过于频繁（Retry-After 给出等待秒数）", "503": "服务器正忙，请求没有被处理（Retry-After）"}


def _nullable(node: dict[str, Any]) -> dict[str, Any] | None:
    """The non-null branch of ``oneOf: [X, null]`` (or the node itself)."""
    for branch in node.get("oneOf", []):
        if branch.get("type") != "null":
            found: dict[str, Any] = branch
            return found
    return node


def _props(schemas: dict[str, Any], name: str) -> dict[str, Any]:
    props: dict[str, Any] = schemas.get(name, {}).get("properties", {})
    return props


def published(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document as published: money as decimals, and the bounds the validation checks."""
    import calculator

    from .body import MAX_ITEMS, MAX_ROSTER, MAX_VISITS

    out = copy.deepcopy(decimal_types(schema))
    schemas = out.get("components", {}).get("schemas", {})
    policies = sorted(calculator.load_packs())
    calc = _props(schemas, "CalculationRequest")
    if "policy" in calc:
        calc["policy"] = {"type": "string", "enum": policies, "description": "政策 id（见 GET /api/v1/policies）"}
    if isinstance(calc.get("visits"), dict):
        calc["visits"].update(minItems=1, maxItems=MAX_VISITS, description=(
            f"同一自然年度内按日期先后排列的就诊，最多 {MAX_VISITS} 次；所有就诊的费用项合计最多 {MAX_ITEMS} 项（超过返回 413；"
            "更多的就诊请分次计算，后一次的 year_start 用前一次的 year_end）"))
    visit = _props(schemas, "Visit")
    if isinstance(visit.get("items"), dict) and (items := _nullable(visit["items"])) is not None:
        items.update(minItems=1, maxItems=MAX_ITEMS)
    for name in ("CreditsRequest", "UsageRequest", "BudgetRequest"):
        props = _props(schemas, name)
        if "policy" in props:
            props["policy"] = {**props["policy"], "type": "string", "enum": policies}
        if "year" in props:
            props["year"] = dict(_YEAR)
    credits = _props(schemas, "CreditsRequest")
    if "lump_sum_month" in credits:
        credits["lump_sum_month"] = {"oneOf": [dict(_MONTH), {"type": "null"}]}
    budget = _props(schemas, "BudgetRequest")
    if isinstance(budget.get("roster"), dict) and (roster := _nullable(budget["roster"])) is not None:
        roster.update(maxItems=MAX_ROSTER, description=f"最多 {MAX_ROSTER} 行；相同情形的居民用 count 合并")
    if isinstance(budget.get("monthly_actual"), dict) and (months := _nullable(budget["monthly_actual"])) is not None:
        months.update(minItems=1, maxItems=12)
    if isinstance(budget.get("groups"), dict) and (groups := _nullable(budget["groups"])) is not None:
        groups["propertyNames"] = {"enum": ["1", "2", "3", "4", "5"]}
        groups["additionalProperties"] = {"type": "integer", "minimum": 0, "maximum": 1_000_000}
    entry = _props(schemas, "RosterEntry")
    if "signed_month" in entry:
        entry["signed_month"] = {"oneOf": [dict(_MONTH), {"type": "null"}]}
    if "count" in entry:
        entry["count"] = {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1}
    if "birth_year" in entry:
        entry["birth_year"] = {"type": "integer", "minimum": 1900, "maximum": 2100}
    change = _props(schemas, "Change")
    if "month" in change:
        change["month"] = dict(_MONTH)
    chat = _props(schemas, "ChatRequest")
    if isinstance(chat.get("session_id"), dict):
        node = chat["session_id"]
        pattern = node.pop("pattern", None)
        if pattern:
            node["oneOf"] = [{"type": "string", "pattern": pattern}, {"type": "null"}]
    for path, item in out.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or method not in ("get", "post", "head"):
                continue
            responses = op.setdefault("responses", {})
            if op.get("parameters") or op.get("requestBody"):
                responses.setdefault("400", {"description": "参数或请求体格式有误"})
            if "{" in path:
                responses.setdefault("404", {"description": "找不到"})
            html = "text/html" in (responses.get("200", {}).get("content") or {}) or path.startswith(_PAGES)
            if html:
                responses.setdefault("200", {"description": "HTML"})["content"] = copy.deepcopy(_HTML)  # a page shows its errors as a page
                responses.setdefault("422", {"description": "无法计算：页面列出每个有问题的字段"})
                responses.setdefault("413", {"description": "请求体过大"})
            for status, response in responses.items():
                if str(status)[:1] in "45" and isinstance(response, dict):  # errors are problem details
                    response["content"] = copy.deepcopy(_HTML if html and status in ("400", "413", "422")
                                                        else _PROBLEM)
            if path != "/healthz":
                for status, text in _COMMON_ERRORS.items():
                    responses.setdefault(status, {"description": text, "content": copy.deepcopy(_PROBLEM)})
            if method == "post" and path in EXAMPLES:
                media = op.get("requestBody", {}).get("content", {}).get("application/json")
                if media is not None:
                    media["examples"] = {"example": {"summary": "示例", "value": EXAMPLES[path]}}
    return out


class JsonPlugin(JsonRenderPlugin):
    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, published(openapi_schema))


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_text(schema: dict[str, Any]) -> str:
    if not isinstance(schema, dict):
        return ""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return " | ".join(_type_text(s) for s in schema[key])
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return " | ".join(repr(v) if not isinstance(v, str) else f'"{v}"' for v in schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(kind)
    if kind == "array":
        return f"{_type_text(schema.get('items', {}))}[]"
    if kind == "object" and "additionalProperties" in schema:
        return f"{{string: {_type_text(schema['additionalProperties'])}}}"
    fmt = schema.get("format")
    return f"{kind}{f' ({fmt})' if fmt else ''}" if kind else "any"


def _links(schema: Any) -> list[str]:
    """Schema names a type text refers to (for anchors)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                found.append(_ref_name(node["$ref"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    return found


class ReferencePlugin(OpenAPIRenderPlugin):
    """The API reference page, rendered on the server (no CDN, no script)."""

    def __init__(self, path: str = "/") -> None:
        super().__init__(path=path)

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        schema = published(openapi_schema)
        base = f"{request.url.scheme}://{request.url.netloc}"
        operations: list[dict[str, Any]] = []
        for path, item in schema.get("paths", {}).items():
            for method, op in item.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                body = (op.get("requestBody") or {}).get("content", {})
                responses = []
                for status, resp in (op.get("responses") or {}).items():
                    content = resp.get("content") or {}
                    media, spec = next(iter(content.items()), ("", dict[str, Any]()))
                    responses.append({"status": status, "description": resp.get("description", ""),
                                      "media": media, "type": _type_text(spec.get("schema", {})),
                                      "links": _links(spec.get("schema", {}))})
                params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                           "type": _type_text(p.get("schema", {})), "description": p.get("description", "")}
                          for p in op.get("parameters", [])]
                bodies = [{"media": m, "type": _type_text(s.get("schema", {})), "links": _links(s.get("schema", {}))}
                          for m, s in body.items()]
                curl = f"curl -sS {'-X ' + method.upper() + ' ' if method != 'get' else ''}{base}{path}"
                if bodies and bodies[0]["media"] == "application/json":
                    curl += " -H 'Content-Type: application/json' --data-binary @request.json"
                operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                                   "description": op.get("description", ""), "tags": op.get("tags", []),
                                   "params": params, "bodies": bodies, "responses": responses, "curl": curl,
                                   "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "")})
        components = []
        for name, comp in sorted(schema.get("components", {}).get("schemas", {}).items()):
            required = set(comp.get("required", []))
            fields = [{"name": fname, "type": _type_text(fs), "required": fname in required,
                       "description": fs.get("description", "") if isinstance(fs, dict) else "",
                       "links": _links(fs)}
                      for fname, fs in (comp.get("properties") or {}).items()]
            components.append({"name": name, "type": _type_text({k: v for k, v in comp.items() if k != "properties"}),
                               "description": comp.get("description", ""), "fields": fields,
                               "variants": _links(comp.get("oneOf", [])) if "oneOf" in comp else []})
        info = schema.get("info", {})
        html = render("api_reference.html", info=info, operations=operations, components=components,
                      json_url=self.get_openapi_json_route(request), nav=nav("/schema"), page_title="接口文档")
        return html.encode("utf-8")
