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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import msgspec.inspect as mi
from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin

from .pages import nav, render

__all__ = ["JsonPlugin", "ReferencePlugin", "decimal_types"]

_MONEY_OUT = {"type": "string", "format": "decimal", "pattern": r"^-?\d+(\.\d+)?$",
              "description": "十进制数，字符串（金额两位小数，如 \"429.00\"；比例如 \"0.55\"）"}
_MONEY_IN = {"oneOf": [{"type": "string", "format": "decimal", "pattern": r"^-?\d+(\.\d+)?$"}, {"type": "number"}],
             "description": "十进制数：字符串（推荐，如 \"1200.50\"）或 JSON 数字，按十进制精确读取"}


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

    walk(mi.type_info(CalculationRequest), True)
    for root in (CalculationResult, ExplainResponse, PolicyDetail):
        walk(mi.type_info(root), False)
    return out


def _money(node: Any, money: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if node.get("type") == "string" and set(node) <= {"type", "description", "title"}:
            return dict(money)
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


class JsonPlugin(JsonRenderPlugin):
    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, decimal_types(openapi_schema))


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
        schema = decimal_types(openapi_schema)
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
                    media, spec = next(iter(content.items()), ("", {}))
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
