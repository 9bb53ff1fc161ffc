"""Flat forms → calculation requests: the kiosk's query string and the hotline console's form.

Both build the JSON calculation request as text and hand it to :func:`calculator.decode_request`,
so amounts stay exact and every check is the calculator's own. Each built field remembers the
form field it came from, so an error at ``visits[0].items[2].amount`` is shown next to the form's
third amount box (or names the query parameter ``class_b_drug``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec

from calculator import (
    CalculationRequest,
    CalculatorError,
    FieldError,
    InvalidRequest,
    decode_request,
    vocabulary,
)

__all__ = [
    "EMBED_PARAMS",
    "ITEM_CATEGORIES",
    "Built",
    "ConsoleForm",
    "build_console",
    "build_embed",
    "parse_slip_fields",
    "today",
]

ITEM_CATEGORIES: dict[str, str] = vocabulary.ITEM_CATEGORIES_FORM

#: The kiosk's flat query form (``GET /embed/explain?…``, or the same names in a POSTed form):
#: name → (type, description). The table is the documentation (OpenAPI and docs/embed.md).
EMBED_PARAMS: dict[str, tuple[str, str]] = {
    "policy": ("string", "政策 id（必填），如 pingliang-employee；见 GET /api/v1/policies"),
    "category": ("string", "参保类别：employee 在职、retiree 退休、flexible 灵活就业、resident 城乡居民（必填）"),
    "retired_on": ("date", "办理退休手续的日期 YYYY-MM-DD（年内退休时填）"),
    "family_doctor": ("boolean", "居民：是否签约家庭医生（true/false）"),
    "poverty_registered": ("boolean", "居民：是否建档立卡（true/false）"),
    "date": ("date", "就诊日期 YYYY-MM-DD；不填为服务器当天"),
    "kind": ("string", "hospital 医疗机构（默认）或 pharmacy 定点零售药店"),
    "level": ("integer", "医疗机构等级 1、2、3（1 表示一级及以下）"),
    "grade": ("string", "医疗机构等次 A 甲等、B 乙等、C 丙等"),
    "designated": ("boolean", "是否定点（默认 true）"),
    "signed": ("boolean", "居民：是否在签约机构就诊（默认 true）"),
    "referral": ("string", "居民：county_tcm 表示经同意转诊到县级中医医院"),
    "prescribed_at_level": ("integer", "药店购药：开处方医院的等级 1、2、3"),
    "prescribed_at_grade": ("string", "药店购药：开处方医院的等次 A、B、C"),
    "offsite": ("boolean", "是否异地就医"),
    "offsite_filed": ("boolean", "异地就医是否已备案"),
    "inpatient": ("boolean", "是否住院期间的门诊费用"),
    "amount": ("money", "总金额（元），表示全部为政策范围内费用；与下面的分类金额二选一"),
    **{name: ("money", f"{label}金额（元）") for name, label in ITEM_CATEGORIES.items()},
    "deductible_used": ("money", "本次之前今年已累计的起付线（元），默认 0"),
    "fund_paid": ("money", "本次之前今年统筹基金已支付（元），默认 0"),
    "account_balance": ("money", "个人账户余额（元）；不填表示不使用个人账户"),
    "lang": ("string", "说明的语言：zh-CN（默认）或 en（自助机浏览器的 Accept-Language 不起作用）"),
}

_TRUE = {"true", "1", "on", "yes", "y", "是", "有"}
_FALSE = {"false", "0", "off", "no", "n", "否", "无"}
_INT = re.compile(r"^\s*[+]?\d{1,3}\s*$")
_JSON_PATH = re.compile(r"（[A-Za-z_][\w.\[\]]*）")


def today() -> dt.date:
    return dt.date.today()


@dataclass
class Built:
    """A request built from a form: the request (or the error) and where each field came from."""

    request: CalculationRequest | None = None
    error: CalculatorError | None = None
    #: JSON path → form field name
    fields: dict[str, str] = field(default_factory=dict)
    #: form field name → Chinese message, for the errors that map to a field
    field_errors: dict[str, str] = field(default_factory=dict)
    #: errors that map to no field
    general_errors: list[str] = field(default_factory=list)

    def fail(self, error: CalculatorError) -> Built:
        self.error = error
        errors = error.errors if isinstance(error, InvalidRequest) and error.errors else [
            FieldError(error.path, error.code, error.message)]
        for e in errors:
            name = self.form_field(e.path)
            if name:
                # next to its box the field needs no JSON path: "金额（visits[0].items[1].amount）不能为负数。"
                self.field_errors.setdefault(name, _JSON_PATH.sub("", e.message))
            else:
                self.general_errors.append(e.message)
        return self

    def form_field(self, path: str) -> str | None:
        if path in self.fields:
            return self.fields[path]
        # the deepest known prefix: visits[0].items[1] → the row's amount box
        probe = path
        while probe:
            cut = max(probe.rfind("."), probe.rfind("["))
            if cut <= 0:
                break
            probe = probe[:cut]
            if probe in self.fields:
                return self.fields[probe]
        return None


def _value(raw: str, kind: str) -> Any:
    """A form string as the JSON value the request wants; an unusable value is passed on as a
    string so that the calculator's decoder reports it with its path."""
    text = raw.strip()
    if kind == "boolean":
        low = text.lower()
        return True if low in _TRUE else False if low in _FALSE else text
    if kind == "integer":
        return int(text) if _INT.match(text) else text
    if kind == "money":
        return text.replace(",", "").replace("，", "").replace("¥", "").replace("元", "").strip()
    if kind == "ratio":  # “60%” as on a slip, or “0.60”
        t = text.replace("％", "%").replace(" ", "")
        if t.endswith("%"):
            try:
                return format((Decimal(t[:-1]) / 100).normalize(), "f")
            except InvalidOperation:
                return text
        return t
    return text


class _Builder:
    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def put(self, target: dict[str, Any], key: str, path: str, form_name: str, raw: str | None,
            kind: str = "string") -> None:
        if raw is None or not raw.strip():
            return
        target[key] = _value(raw, kind)
        self.fields[path] = form_name


def _decode(body: dict[str, Any], built: Built) -> Built:
    try:
        built.request = decode_request(msgspec.json.encode(body))
    except CalculatorError as exc:
        built.fail(exc)
    return built


def build_embed(params: Mapping[str, str]) -> Built:
    """A one-visit calculation request from the kiosk's flat parameters (see :data:`EMBED_PARAMS`)."""
    b = _Builder()
    built = Built(fields=b.fields)
    unknown = sorted(k for k in params if k not in EMBED_PARAMS)
    if unknown:
        return built.fail(InvalidRequest.of([FieldError(
            path=unknown[0], code="unknown_field", message=f"参数 {unknown[0]} 不是可识别的参数，请检查拼写。")]))
    body: dict[str, Any] = {}
    b.put(body, "policy", "policy", "policy", params.get("policy"))
    insured: dict[str, Any] = {}
    b.put(insured, "category", "insured.category", "category", params.get("category"))
    b.put(insured, "retired_on", "insured.retired_on", "retired_on", params.get("retired_on"))
    resident: dict[str, Any] = {}
    for name in ("family_doctor", "poverty_registered"):
        b.put(resident, name, f"insured.resident.{name}", name, params.get(name), "boolean")
    if resident:
        insured["resident"] = resident
    body["insured"] = insured
    year: dict[str, Any] = {}
    for name in ("deductible_used", "fund_paid"):
        b.put(year, name, f"year_start.{name}", name, params.get(name), "money")
    if year:
        body["year_start"] = year
    b.put(body, "account_balance", "account_balance", "account_balance", params.get("account_balance"), "money")
    visit: dict[str, Any] = {}
    b.put(visit, "date", "visits[0].date", "date", params.get("date"))
    visit.setdefault("date", today().isoformat())
    provider: dict[str, Any] = {}
    for name in ("kind", "level", "grade", "designated", "signed", "referral", "prescribed_at_level",
                 "prescribed_at_grade", "offsite", "offsite_filed"):
        b.put(provider, name, f"visits[0].provider.{name}", name, params.get(name), EMBED_PARAMS[name][0])
    if provider:
        visit["provider"] = provider
    b.put(visit, "inpatient", "visits[0].inpatient", "inpatient", params.get("inpatient"), "boolean")
    items: list[dict[str, Any]] = []
    for name in ITEM_CATEGORIES:
        raw = params.get(name)
        if raw is not None and raw.strip():
            b.fields[f"visits[0].items[{len(items)}].amount"] = name
            b.fields[f"visits[0].items[{len(items)}]"] = name
            items.append({"category": name, "amount": _value(raw, "money")})
    if items:
        visit["items"] = items
    b.put(visit, "amount", "visits[0].amount", "amount", params.get("amount"), "money")
    if "items" not in visit and "amount" not in visit:
        b.fields["visits[0].items"] = "amount"
    body["visits"] = [visit]
    return _decode(body, built)


# -- the hotline console ----------------------------------------------------------------------------

ROWS = 5


@dataclass
class ConsoleForm:
    """What the operator typed, kept as typed (strings) so that a re-rendered form loses nothing."""

    values: dict[str, str]
    rows: list[tuple[str, str]]

    @classmethod
    def blank(cls, policy: str = "") -> ConsoleForm:
        values = {"policy": policy, "category": "employee", "kind": "hospital", "designated": "on",
                  "signed": "on", "date": today().isoformat(), "deductible_used": "0", "fund_paid": "0"}
        return cls(values=values, rows=[("in_scope", "")] + [("class_b_drug", ""), ("self_pay", "")]
                   + [("in_scope", "")] * (ROWS - 3))

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> ConsoleForm:
        values = {k: str(v) for k, v in form.items() if not k.startswith("items-") and len(str(v)) <= 200}
        count = 0
        while f"items-{count}-category" in form and count < 50:
            count += 1
        rows = [(str(form.get(f"items-{i}-category", "in_scope")), str(form.get(f"items-{i}-amount", ""))[:40])
                for i in range(count)]
        if values.get("action") == "add_row":
            rows.append(("in_scope", ""))
        while len(rows) < ROWS:
            rows.append(("in_scope", ""))
        return cls(values=values, rows=rows)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def checked(self, name: str) -> bool:
        return self.values.get(name, "").lower() in _TRUE

    @property
    def slip_fund(self) -> str:
        return self.get("slip_fund").strip()

    def slip_value(self, name: str) -> str:
        return self.get(name).strip()


def build_console(form: ConsoleForm) -> Built:
    """The console's calculation request: one visit with item rows."""
    b = _Builder()
    built = Built(fields=b.fields)
    v = form.values
    body: dict[str, Any] = {}
    b.put(body, "policy", "policy", "policy", v.get("policy"))
    if "policy" not in body:
        b.fields["policy"] = "policy"
    insured: dict[str, Any] = {}
    b.put(insured, "category", "insured.category", "category", v.get("category"))
    b.fields.setdefault("insured.category", "category")
    b.fields.setdefault("insured", "category")
    b.put(insured, "retired_on", "insured.retired_on", "retired_on", v.get("retired_on"))
    if insured.get("category") == "resident":
        insured["resident"] = {"family_doctor": form.checked("family_doctor"),
                               "poverty_registered": form.checked("poverty_registered")}
        b.fields["insured.resident.family_doctor"] = "family_doctor"
        b.fields["insured.resident.poverty_registered"] = "poverty_registered"
    body["insured"] = insured
    year: dict[str, Any] = {}
    for name in ("deductible_used", "fund_paid"):
        b.put(year, name, f"year_start.{name}", name, v.get(name), "money")
    if year:
        body["year_start"] = year
    b.put(body, "account_balance", "account_balance", "account_balance", v.get("account_balance"), "money")
    parameters, parameter_errors = _console_parameters(v, str(insured.get("category") or "employee"), b)
    if parameters is not None:
        body["parameters"] = parameters
    visit: dict[str, Any] = {}
    b.put(visit, "date", "visits[0].date", "date", v.get("date"))
    b.fields.setdefault("visits[0].date", "date")
    kind = (v.get("kind") or "hospital").strip()
    provider: dict[str, Any] = {"kind": kind, "designated": form.checked("designated")}
    b.fields["visits[0].provider.kind"] = "kind"
    b.fields["visits[0].provider.designated"] = "designated"
    if kind == "pharmacy":
        b.put(provider, "prescribed_at_level", "visits[0].provider.prescribed_at_level", "prescribed_at_level",
              v.get("prescribed_at_level"), "integer")
        b.fields.setdefault("visits[0].provider.prescribed_at_level", "prescribed_at_level")
        b.fields.setdefault("visits[0].provider.prescribed_at_grade", "prescribed_at_level")
    else:
        b.put(provider, "level", "visits[0].provider.level", "level", v.get("level"), "integer")
        b.put(provider, "grade", "visits[0].provider.grade", "grade", v.get("grade"))
        b.fields.setdefault("visits[0].provider.level", "level")
        b.fields.setdefault("visits[0].provider.grade", "grade")
    if insured.get("category") == "resident":
        provider["signed"] = form.checked("signed")
        b.fields["visits[0].provider.signed"] = "signed"
        b.put(provider, "referral", "visits[0].provider.referral", "referral", v.get("referral"))
    visit["provider"] = provider
    if form.checked("inpatient"):
        visit["inpatient"] = True
    items: list[dict[str, Any]] = []
    for row, (category, amount) in enumerate(form.rows):
        if not amount.strip():
            continue
        j = len(items)
        b.fields[f"visits[0].items[{j}].amount"] = f"items-{row}-amount"
        b.fields[f"visits[0].items[{j}].category"] = f"items-{row}-category"
        b.fields[f"visits[0].items[{j}]"] = f"items-{row}-amount"
        items.append({"category": category, "amount": _value(amount, "money")})
    visit["items"] = items
    b.fields["visits[0].items"] = "items-0-amount"
    b.fields["visits[0].amount"] = "items-0-amount"
    body["visits"] = [visit]
    if not items:
        return built.fail(InvalidRequest.of([FieldError(
            path="visits[0].items", code="missing_field", message="请至少填写一项费用金额。")]))
    if parameter_errors:
        return built.fail(InvalidRequest.of(parameter_errors))
    return _decode(body, built)


#: the console's fields for figures a document leaves to the bureau (西安), read off a slip or notice
PARAMETER_RATIOS = ("1", "2", "3", "pharmacy")


def _console_parameters(v: Mapping[str, str], category: str,
                        b: _Builder) -> tuple[dict[str, Any] | None, list[FieldError]]:
    """``parameters`` for the insured's own category from what the operator read off the slip; the
    calculator checks them (the plan's floor) and cites them as supplied, with the source."""
    names = ["param_deductible", "param_cap", *(f"param_ratio_{k}" for k in PARAMETER_RATIOS)]
    if not any((v.get(n) or "").strip() for n in names):
        return None, []
    errors: list[FieldError] = []
    params: dict[str, Any] = {"source": (v.get("param_source") or "").strip()[:200]}
    b.fields["parameters.source"] = "param_source"
    b.fields["parameters"] = "param_source"
    for name in ("deductible", "cap"):
        table: dict[str, Any] = {}
        b.put(table, category, f"parameters.{name}.{category}", f"param_{name}", v.get(f"param_{name}"), "money")
        if table and not _is_decimal(table[category]):
            errors.append(FieldError(f"parameters.{name}.{category}", "invalid_value", "请写成数字，如 800 或 800.00。"))
        elif table:
            params[name] = table
    ratios: dict[str, Any] = {}
    for key in PARAMETER_RATIOS:
        b.put(ratios, key, f"parameters.ratio.{category}.{key}", f"param_ratio_{key}", v.get(f"param_ratio_{key}"),
              "ratio")
        if key in ratios and not _is_decimal(ratios[key]):
            errors.append(FieldError(f"parameters.ratio.{category}.{key}", "invalid_value",
                                     "支付比例请写成 60% 或 0.60。"))
            del ratios[key]
    if ratios:
        params["ratio"] = {category: ratios}
        b.fields[f"parameters.ratio.{category}"] = f"param_ratio_{next(iter(ratios))}"
    return params, errors


def _is_decimal(text: Any) -> bool:
    try:
        return Decimal(str(text)).is_finite()
    except InvalidOperation:
        return False


def parse_slip(raw: str, label: str = "统筹基金支付") -> tuple[Decimal | None, str | None]:
    """One slip figure as typed by the operator → (amount, Chinese error naming the figure)."""
    text = _value(raw, "money")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"结算单{label}金额应为数字，如 429.00。"
    if not value.is_finite():
        return None, f"结算单{label}金额应为数字，如 429.00。"
    if value < 0:
        return None, f"结算单{label}金额不能为负数。"
    if value > Decimal("10000000"):
        return None, f"结算单{label}金额过大，请核对。"
    if value != value.quantize(Decimal("0.01")):
        return None, f"结算单{label}金额最多两位小数（精确到分）。"
    return value, None


#: the bill check's slip boxes: form field → (the slip's figure name, its Chinese name)
SLIP_FIELDS: dict[str, tuple[str, str]] = {
    f"slip_{box}": (name, vocabulary.SLIP_FIELDS[name]) for box, name in (
        ("total", "total"), ("excluded", "excluded"), ("first_self_pay", "first_self_pay"),
        ("deductible", "deductible_applied"), ("fund", "fund_pays"), ("account", "account_pays"), ("cash", "cash_pays"))
}


def parse_slip_fields(form: ConsoleForm) -> tuple[dict[str, Decimal], dict[str, str]]:
    """The slip's figures the operator typed → ({figure name: amount}, {form field: Chinese error})."""
    slip: dict[str, Decimal] = {}
    errors: dict[str, str] = {}
    for name, (figure, label) in SLIP_FIELDS.items():
        value, error = parse_slip(form.slip_value(name), label)
        if error:
            errors[name] = error
        elif value is not None:
            slip[figure] = value
    return slip, errors
