"""The calculation request (``CONTRACT.md``, "Calculation request"): wire Structs and validation.

Decoding is typed (``msgspec.json.decode(raw, type=CalculationRequest)``) so that a JSON number
arrives as an exact ``Decimal``, never a float. Then :func:`validate` checks what types cannot say
(negative, non-finite, absurd or over-precise amounts; a grade on a level-1 provider; visits out of
order or across two years; too many visits or items) and reports *every* offending field, each with
its path (``visits[0].items[1].amount``) and a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Literal

import msgspec

from .errors import FieldError, InvalidRequest
from .money import FEN, MAX_AMOUNT, is_fen_exact
from .structs import Base

__all__ = [
    "FIELD_LABELS",
    "CalculationRequest",
    "Insured",
    "Item",
    "Parameters",
    "Provider",
    "ResidentStatus",
    "Visit",
    "YearStart",
    "decode_request",
    "validate",
]

MAX_VISITS = 366
MAX_ITEMS = 500

Category = Literal["employee", "retiree", "flexible", "resident"]
ItemCategory = Literal[
    "in_scope", "class_b_drug", "class_b_service", "self_pay", "consultation", "dual_channel",
    "prenatal", "tcm",
]


class ResidentStatus(Base, kw_only=True, frozen=True):
    family_doctor: bool = False
    poverty_registered: bool = False


class Insured(Base, kw_only=True, frozen=True):
    category: Category
    retired_on: dt.date | None = None
    resident: ResidentStatus | None = None


class YearStart(Base, kw_only=True, frozen=True):
    deductible_used: Decimal = Decimal("0.00")
    fund_paid: Decimal = Decimal("0.00")


class Provider(Base, kw_only=True, frozen=True):
    kind: Literal["hospital", "pharmacy"] = "hospital"
    level: Literal[1, 2, 3] | None = None
    grade: Literal["A", "B", "C"] | None = None
    designated: bool = True
    signed: bool = True
    referral: Literal["county_tcm"] | None = None
    prescribed_at_level: Literal[1, 2, 3] | None = None
    prescribed_at_grade: Literal["A", "B", "C"] | None = None
    offsite: bool = False
    offsite_filed: bool = False
    name: str | None = None


class Item(Base, kw_only=True, frozen=True):
    category: ItemCategory
    amount: Decimal
    name: str | None = None


class Visit(Base, kw_only=True, frozen=True):
    date: dt.date
    provider: Provider = Provider()
    items: list[Item] | None = None
    amount: Decimal | None = None
    inpatient: bool = False
    benefits_suspended: bool = False
    #: a visit for a disease of the person's 门诊特殊慢性病 (门特) programme, within its validity
    chronic_programme: bool = False
    #: outpatient emergency care already settled by the inpatient fund
    emergency_settled_inpatient: bool = False

    @property
    def bill(self) -> list[Item]:
        """The visit's items; a bare ``amount`` is one in-scope item."""
        if self.items is not None:
            return self.items
        return [Item(category="in_scope", amount=self.amount or Decimal("0.00"))]


class Parameters(Base, kw_only=True, frozen=True):
    source: str
    deductible: dict[str, Decimal] | None = None
    cap: dict[str, Decimal] | None = None
    ratio: dict[str, dict[str, Decimal]] | None = None


class CalculationRequest(Base, kw_only=True, frozen=True):
    policy: str
    insured: Insured
    year_start: YearStart = YearStart()
    account_balance: Decimal | None = None
    parameters: Parameters | None = None
    visits: list[Visit]


# -- decoding ------------------------------------------------------------------------------------

#: Chinese names of fields, for messages ("金额（visits[0].amount）不能为负数").
FIELD_LABELS = {
    "policy": "政策", "insured": "参保人信息", "category": "类别", "retired_on": "退休日期",
    "resident": "居民身份信息", "family_doctor": "家庭医生签约", "poverty_registered": "建档立卡",
    "year_start": "年初已用情况", "deductible_used": "已累计起付线", "fund_paid": "统筹已支付",
    "account_balance": "个人账户余额", "parameters": "参数", "source": "参数来源",
    "deductible": "起付线", "cap": "年度最高支付限额", "ratio": "支付比例", "visits": "就诊记录",
    "date": "日期", "provider": "医疗机构", "kind": "机构类型", "level": "医院等级",
    "grade": "医院等次", "designated": "是否定点", "signed": "是否签约机构", "referral": "转诊",
    "prescribed_at_level": "开处方医院等级", "prescribed_at_grade": "开处方医院等次",
    "offsite": "异地就医", "offsite_filed": "异地备案", "items": "费用明细", "amount": "金额",
    "inpatient": "住院期间", "benefits_suspended": "待遇暂停", "name": "名称",
    "chronic_programme": "门诊特殊慢性病有效期内因该病种就诊",
    "emergency_settled_inpatient": "已纳入住院统筹结算的门诊抢救",
}

_TYPE_NAMES = {
    "str": "文字", "int": "整数", "float": "数字", "bool": "是或否（true/false）", "object": "对象",
    "array": "列表", "null": "空值", "decimal": "金额（字符串或数字）", "date": "日期（YYYY-MM-DD）",
}
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)


def label(path: str) -> str:
    last = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1]) if path else ""
    return FIELD_LABELS.get(last, last or "请求")


def _field(path: str, code: str, message: str) -> FieldError:
    return FieldError(path=path, code=code, message=f"{label(path)}（{path or '请求'}）{message}")


def from_msgspec(exc: Exception) -> FieldError:
    """Turn msgspec's English error into a Chinese one that keeps the field path."""
    if not isinstance(exc, msgspec.ValidationError):
        return FieldError(path="", code="invalid_json",
                          message="请求不是有效的 JSON，请检查括号、引号和逗号。")
    m = _AT.match(str(exc))
    assert m is not None
    msg, path = m.group("msg"), (m.group("path") or "").lstrip(".")
    if found := re.match(r"Object missing required field `(\w+)`", msg):
        path = f"{path}.{found.group(1)}" if path else found.group(1)
        return _field(path, "missing_field", "缺少此项，必须填写。")
    if found := re.match(r"Object contains unknown field `(\w+)`", msg):
        path = f"{path}.{found.group(1)}" if path else found.group(1)
        return _field(path, "unknown_field", "不是可识别的字段，请检查拼写。")
    if found := re.match(r"Expected `(\w+)(?: \| (\w+))*`, got `(\w+)`", msg):
        want = _TYPE_NAMES.get(found.group(1), found.group(1))
        got = _TYPE_NAMES.get(found.group(3), found.group(3))
        return _field(path, "invalid_type", f"应为{want}，收到的是{got}。")
    if msg.startswith("Invalid enum value"):
        value = msg.removeprefix("Invalid enum value").strip()
        return _field(path, "invalid_value", f"的取值 {value} 无效。")
    if "date" in msg.lower():
        return _field(path, "invalid_date", "不是有效日期，应为 YYYY-MM-DD 格式的真实日期。")
    if "decimal" in msg.lower():
        return _field(path, "not_a_number", "不是有效金额。")
    return _field(path, "invalid_value", f"无效：{msg}")


_DECODER = msgspec.json.Decoder(CalculationRequest)


def decode_request(raw: bytes | str) -> CalculationRequest:
    """Decode and validate a JSON calculation request; raise :class:`InvalidRequest`."""
    try:
        req = _DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise InvalidRequest.of([from_msgspec(exc)]) from None
    errors = validate(req)
    if errors:
        raise InvalidRequest.of(errors)
    return req


def convert_request(obj: object) -> CalculationRequest:
    """Like :func:`decode_request` for an already-decoded object (no floats inside, please)."""
    try:
        req = msgspec.convert(obj, type=CalculationRequest)
    except msgspec.ValidationError as exc:
        raise InvalidRequest.of([from_msgspec(exc)]) from None
    errors = validate(req)
    if errors:
        raise InvalidRequest.of(errors)
    return req


# -- validation ----------------------------------------------------------------------------------

def check_amount(value: Decimal, path: str) -> FieldError | None:
    if not value.is_finite():
        return _field(path, "not_a_number", "不是有效金额（不能是 NaN 或无穷大）。")
    if value < 0:
        return _field(path, "negative_amount", "不能为负数。")
    if value.is_zero() and value.is_signed():  # "-0" would come back as "-0.00"
        return _field(path, "invalid_value", "不能写成 -0，请写 0。")
    if value > MAX_AMOUNT:
        return _field(path, "amount_too_large", "超过 10,000,000 元，不像一张门诊账单，请核对。")
    if not is_fen_exact(value):
        return _field(path, "too_many_places", "最多两位小数（精确到分）。")
    return None


def check_ratio(value: Decimal, path: str) -> FieldError | None:
    if not value.is_finite():
        return _field(path, "not_a_number", "不是有效比例。")
    if value < 0 or value > 1 or (value.is_zero() and value.is_signed()):
        return _field(path, "invalid_value", "应在 0 到 1 之间（如 0.55 表示 55%）。")
    if value != value.quantize(Decimal("0.0001")):
        return _field(path, "too_many_places", "最多四位小数。")
    return None


_PARAM_CATEGORIES = ("employee", "retiree", "flexible", "resident")
_TIER = re.compile(r"^(?:[123][ABC]?|pharmacy|signed|county_tcm|signed_poor|county_tcm_poor)$")


_UNIT = Decimal(1)


def _ordinary(value: Decimal | None) -> bool:
    """None, or an amount written with exactly two places or none (so finite and fen-exact),
    neither negative nor ``-0``, and not above the maximum: the common case, in one pass. Any
    other amount goes to :func:`check_amount`, which says what is wrong with it, if anything
    (``0.5`` is fine)."""
    return value is None or ((value.same_quantum(FEN) or value.same_quantum(_UNIT)) and not value.is_signed()
                             and value <= MAX_AMOUNT)


def _amount(errors: list[FieldError], value: Decimal | None, path: str) -> None:
    """What is wrong with an amount, if anything, added to ``errors``."""
    if not _ordinary(value) and (err := check_amount(value, path)):  # type: ignore[arg-type]
        errors.append(err)


def validate(req: CalculationRequest) -> list[FieldError]:
    """Every semantic problem of a typed request, each with its field path.

    A field's path is written only for a field that is wrong (the common request has none).
    """
    errors: list[FieldError] = []
    amount = _amount

    # _ordinary() written out for the three amounts every request has (a call each costs as much)
    value = req.account_balance
    if value is not None and not ((value.same_quantum(FEN) or value.same_quantum(_UNIT)) and not value.is_signed()
                                  and value <= MAX_AMOUNT):
        amount(errors, value, "account_balance")
    ys = req.year_start
    used, paid = ys.deductible_used, ys.fund_paid
    # a year's start is most often nothing used yet: a zero (of any places) other than "-0" is
    # ordinary without looking at its places
    if not ((used.is_zero() or ((used.same_quantum(FEN) or used.same_quantum(_UNIT)) and used <= MAX_AMOUNT))
            and not used.is_signed()
            and (paid.is_zero() or ((paid.same_quantum(FEN) or paid.same_quantum(_UNIT)) and paid <= MAX_AMOUNT))
            and not paid.is_signed()):
        amount(errors, used, "year_start.deductible_used")
        amount(errors, paid, "year_start.fund_paid")

    ins = req.insured
    if ins.resident is not None and ins.category != "resident":
        errors.append(_field("insured.resident", "invalid_value", "只适用于城乡居民（category 为 resident）。"))
    if ins.retired_on is not None and ins.category == "resident":
        errors.append(_field("insured.retired_on", "invalid_value", "城乡居民医保没有在职转退休。"))

    if (p := req.parameters) is not None:
        if not p.source.strip():
            errors.append(_field("parameters.source", "missing_field", "请写明参数来源（如经办机构文件文号）。"))
        for name in ("deductible", "cap"):
            for cat, value in (getattr(p, name) or {}).items():
                path = f"parameters.{name}.{cat}"
                if cat not in _PARAM_CATEGORIES:
                    errors.append(_field(path, "invalid_value", "类别应为 employee、retiree、flexible 或 resident。"))
                amount(errors, value, path)
        for cat, table in (p.ratio or {}).items():
            if cat not in _PARAM_CATEGORIES:
                errors.append(_field(f"parameters.ratio.{cat}", "invalid_value",
                                     "类别应为 employee、retiree、flexible 或 resident。"))
            for key, value in table.items():
                path = f"parameters.ratio.{cat}.{key}"
                if not _TIER.match(key):
                    errors.append(_field(path, "invalid_value", "等级应为 1、2、3（可带等次 A/B/C）或 pharmacy。"))
                elif err := check_ratio(value, path):
                    errors.append(err)

    if not req.visits:
        errors.append(_field("visits", "missing_field", "至少要有一次就诊。"))
    if len(req.visits) > MAX_VISITS:
        errors.append(_field("visits", "too_many_visits", f"一年最多 {MAX_VISITS} 次就诊。"))
        return errors
    previous: dt.date | None = None
    for i, visit in enumerate(req.visits):
        items = visit.items
        if items is not None and visit.amount is not None:
            errors.append(_field(f"visits[{i}].amount", "invalid_value", "与 items 只能二选一。"))
        if items is None and visit.amount is None:
            errors.append(_field(f"visits[{i}].items", "missing_field", "请提供费用明细 items 或总金额 amount。"))
        if visit.amount is not None and not _ordinary(visit.amount):
            amount(errors, visit.amount, f"visits[{i}].amount")
        if items is not None:
            if len(items) > MAX_ITEMS:
                errors.append(_field(f"visits[{i}].items", "too_many_items", f"一次就诊最多 {MAX_ITEMS} 项费用。"))
            else:
                for j, item in enumerate(items):
                    value = item.amount  # _ordinary(value), written out: a year may hold thousands of items
                    if not ((value.same_quantum(FEN) or value.same_quantum(_UNIT)) and not value.is_signed()
                            and value <= MAX_AMOUNT):
                        amount(errors, value, f"visits[{i}].items[{j}].amount")
        prov = visit.provider
        if prov.grade is not None and prov.level == 1:
            errors.append(_field(f"visits[{i}].provider.grade", "invalid_value", "一级及以下机构不分甲、乙、丙等。"))
        if prov.prescribed_at_grade is not None and prov.prescribed_at_level == 1:
            errors.append(_field(f"visits[{i}].provider.prescribed_at_grade", "invalid_value",
                                 "一级及以下机构不分甲、乙、丙等。"))
        if prov.kind == "pharmacy" and prov.grade is not None:
            errors.append(_field(f"visits[{i}].provider.grade", "invalid_value",
                                 "药店没有等次；开处方医院的等次请填 prescribed_at_grade。"))
        if previous is not None and visit.date < previous:
            errors.append(_field(f"visits[{i}].date", "visits_out_of_order", "就诊记录须按日期先后排列。"))
        elif visit.date.year != req.visits[0].date.year:
            errors.append(_field(f"visits[{i}].date", "visits_span_years",
                                 "一次计算只能包含同一自然年度的就诊（起付线和限额按自然年度计算）。"))
        previous = max(previous, visit.date) if previous else visit.date
    return errors
