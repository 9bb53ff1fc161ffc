"""The bill check in words: the verdict first, then each cause that reproduces the slip, then the steps.

    explain_bill_check(check, *, locale="zh-CN", format="text", request=None) -> str
    bill_check_payload(check, *, locale="zh-CN", request=None) -> dict   # CONTRACT "Bill check"

The verdict reads “医院报了¥300.00，按文件应报¥330.00，少报¥30.00。” and goes on with “可能的原因：…”
(every cause listed reproduces every figure on the slip — none is ranked above another), or, when
none does, with the causes tried, the words “the documents' rules do not give this figure” and
where to ask (the hospital's 医保办, 12393). Then the calculation's own step-by-step explanation.

Nothing here computes: every amount is a field of :class:`calculator.billcheck.BillCheck`. Wording
is in ``templates/billcheck/`` and the catalogs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec
from markupsafe import Markup

from calculator import BillCheck, CalculationRequest, Cause, get_pack

from .formatting import percent
from .i18n import N_, activated, gettext
from .render import Doc, render

__all__ = ["CAUSE_NAMES", "FIELD_NAMES", "bill_check_payload", "explain_bill_check"]

#: the slip's figures, as a slip names them
FIELD_NAMES = {
    "total": N_("医疗费总额"),
    "excluded": N_("全自费（不属于统筹支付范围的费用）"),
    "first_self_pay": N_("先行自付金额"),
    "deductible_applied": N_("本次扣起付线"),
    "fund_pays": N_("统筹基金支付额"),
    "personal_pays": N_("个人负担金额"),
    "account_pays": N_("个人账户支付"),
    "cash_pays": N_("个人现金支付"),
}
#: the cause kinds, as the “tried” list names them
CAUSE_NAMES = {
    "deductible_position": N_("今年之前已扣的起付线"),
    "fund_paid_position": N_("今年之前统筹已支付的金额（年度限额）"),
    "category": N_("人员类别（在职/退休）"),
    "retirement_switch": N_("退休待遇从哪个月开始"),
    "provider_level": N_("医疗机构等级"),
    "out_of_scope_items": N_("各项费用按自费还是按政策范围内结算"),
    "first_self_pay": N_("乙类先行自付"),
    "rounding": N_("尾数处理（分以下）"),
}
#: 南昌居民: what the category and provider causes try (the resident's status, the visit's standing)
RESIDENT_CAUSE_NAMES = {
    "category": N_("参保人身份（建档立卡贫困人口、家庭医生签约）"),
    "provider_level": N_("就诊机构（门诊统筹签约机构、经同意转诊到县级中医医院）"),
}
ROUNDING_NAMES = {"down": N_("舍去分以下"), "half_even": N_("四舍六入五成双")}
#: 南昌居民: a visit's standing (``Cause.standing``), and what would have to be true for it
STANDING_NAMES = {
    "signed": N_("在门诊统筹签约机构就诊"),
    "county_tcm": N_("经同意转诊到县级中医医院，只有中成药、中药饮片和甲类中医诊疗项目属于支付范围"),
    "not_signed": N_("不在门诊统筹签约机构就诊，也没有经同意转诊，统筹基金不支付"),
}
STANDING_CONDITIONS = {
    "signed": N_("这家机构确实是参保人的门诊统筹签约机构"),
    "county_tcm": N_("这次确实是经同意转诊到县级中医医院"),
    "not_signed": N_("这家机构不是参保人的门诊统筹签约机构，也没有办转诊手续"),
}


def _field(name: str) -> str:
    return gettext(FIELD_NAMES.get(name, name))


def _cause_name(kind: str, resident: bool) -> str:
    return gettext(RESIDENT_CAUSE_NAMES[kind] if resident and kind in RESIDENT_CAUSE_NAMES else CAUSE_NAMES[kind])


def _ratio_part(cause: Cause) -> str:
    """“，支付比例65%” for a standing the fund pays at; nothing for one it does not."""
    if cause.ratio is None or cause.standing == "not_signed":
        return ""
    return gettext("，支付比例%(ratio)s") % {"ratio": percent(cause.ratio)}


def _context(check: BillCheck, request: CalculationRequest | None, zh: bool, lang: str) -> dict[str, Any]:
    resident = get_pack(check.result.policy.id).meta.scheme == "resident"
    diffs = {d.field: d for d in check.differences}
    head = "fund_pays" if "fund_pays" in check.slip else (
        check.differences[0].field if check.differences else next(iter(check.slip)))
    return {
        "check": check, "request": request, "diffs": diffs, "head": head,
        "visit": check.result.visits[-1], "zh": zh, "lang": lang, "field_name": _field,
        "field_list": lambda names, sep: sep.join(_field(n) for n in names),
        "cause_list": lambda kinds, sep: sep.join(_cause_name(k, resident) for k in kinds),
        "rounding_name": lambda k: gettext(ROUNDING_NAMES[k]),
        "standing_name": lambda k: gettext(STANDING_NAMES[k]),
        "standing_condition": lambda k: gettext(STANDING_CONDITIONS[k]),
        "ratio_part": _ratio_part,
        "others": [d for d in check.differences if d.field != head],
        # the request's own values (strings in ``was``), shown as they were given
        "amount": Decimal,
    }


def _doc(check: BillCheck) -> Doc:
    p = check.result.policy
    return Doc(city=p.city, city_en=p.city_en, title=p.title)


def explain_bill_check(check: BillCheck, *, locale: str = "zh-CN", format: str = "text",
                       request: CalculationRequest | None = None, steps: bool = True) -> str:
    """The verdict, the causes (or why none), where to ask; then (``steps``) the step-by-step
    explanation of the calculation."""
    from . import explain

    text = explain(check.result, format=format, locale=locale, request=request) if steps else ""
    with activated(locale, doc=_doc(check)) as state:
        zh = state.tag.startswith("zh")
        return render(format, "billcheck/check", steps=Markup(text) if format == "html" else text,
                      **_context(check, request, zh, state.tag))


def cause_text(cause: Cause, check: BillCheck, *, locale: str = "zh-CN") -> str:
    """One cause in one paragraph of plain text, with its articles."""
    with activated(locale, doc=_doc(check)) as state:
        zh = state.tag.startswith("zh")
        return render("text", "billcheck/cause", cause=cause, **_context(check, None, zh, state.tag)).strip()


def bill_check_payload(check: BillCheck, *, locale: str = "zh-CN",
                       request: CalculationRequest | None = None) -> dict[str, Any]:
    """The ``CONTRACT.md`` "Bill check" response as JSON-ready builtins: the check, each cause with
    its ``text``, and ``text`` (the whole explanation, plain text)."""
    out: dict[str, Any] = msgspec.to_builtins(check)
    for built, cause in zip(out["causes"], check.causes, strict=True):
        built["text"] = cause_text(cause, check, locale=locale)
    out["text"] = explain_bill_check(check, locale=locale, format="text", request=request)
    return out
