"""Names of the calculator's codes, as messages (msgids in Chinese, translated in the catalogs).

The trace carries codes (``employee``, ``class_b_drug``, tier ``3A``, eligibility ``reason``…) and
a few Chinese labels made by the engine (``provider_label``). Everything the explanation says
about them comes from here, through the catalog of the active locale; the codes' words are
:mod:`calculator.vocabulary`'s (the msgids), the English in ``locales/en``. ``tests/explanations``
checks that every code the calculator can emit has an entry.
"""

from __future__ import annotations

from calculator import vocabulary

from .i18n import N_, gettext

__all__ = [
    "CATEGORIES",
    "FACTS",
    "ITEM_CATEGORIES",
    "LEVELS",
    "PROVIDER_LABELS",
    "STEP_TITLES",
    "TIERS",
    "category",
    "item_category",
    "level",
    "provider_label",
    "step_title",
    "tier",
]

#: ``insured.category`` / a visit's settled category.
CATEGORIES = vocabulary.CATEGORIES

#: ``items[].category``.
ITEM_CATEGORIES = vocabulary.ITEM_CATEGORIES

#: An in-scope item that a referral's narrower scope leaves out (南昌居民 第十二条).
OTHER_COSTS = N_("其他费用")

#: The ratio table's keys (``RatioStep.tier``): where the visit is settled.
TIERS = vocabulary.TIERS

#: ``VisitResult.provider_label`` of a visit the fund does not pay for (no ratio step to name it).
PROVIDER_LABELS = {
    label: label
    for label in (
        N_("医疗机构"), N_("一级医疗机构"), N_("二级医疗机构"), N_("三级医疗机构"),
        N_("二级甲等医疗机构"), N_("二级乙等医疗机构"), N_("二级丙等医疗机构"),
        N_("三级甲等医疗机构"), N_("三级乙等医疗机构"), N_("三级丙等医疗机构"),
        N_("定点零售药店"), N_("零售药店"), N_("县级中医医院（转诊）"),
    )
}

#: The heading of each step kind in the numbered list.
STEP_TITLES = {
    "eligibility": N_("能否报销"),
    "category": N_("按哪类人员结算"),
    "scope": N_("支付范围"),
    "first_self_pay": N_("乙类先行自付"),
    "deductible": N_("起付线"),
    "ratio": N_("支付比例"),
    "cap": N_("年度限额"),
    "account": N_("个人账户"),
}

#: Provider levels, for questions about a grade (“这家三级医院是甲等、乙等还是丙等？”).
LEVELS = vocabulary.LEVELS

#: ``MissingFact.fact``: the fact to ask for, and the choices to offer.
FACTS = {
    "provider_level": (N_("就诊医疗机构的等级"), (N_("一级及以下"), N_("二级"), N_("三级"))),
    "provider_grade": (N_("医院的等次"), (N_("甲等"), N_("乙等"), N_("丙等"))),
    "prescribed_at_level": (N_("开处方医院的等级"), (N_("一级及以下"), N_("二级"), N_("三级"))),
    "prescribed_at_grade": (N_("开处方医院的等次"), (N_("甲等"), N_("乙等"), N_("丙等"))),
}


def _t(table: dict[str, str], code: str) -> str:
    msgid = table.get(code)
    return gettext(msgid) if msgid is not None else code


def category(code: str) -> str:
    return _t(CATEGORIES, code)


def item_category(code: str) -> str:
    return _t(ITEM_CATEGORIES, code)


def tier(code: str) -> str:
    return _t(TIERS, code)


def level(n: int | None) -> str:
    return gettext(LEVELS[n]) if n in LEVELS else ""


def step_title(kind: str) -> str:
    return _t(STEP_TITLES, kind)


def provider_label(label: str) -> str:
    """A provider label of the engine in the active locale (unknown labels pass through)."""
    return gettext(label) if label in PROVIDER_LABELS else label
