"""Wire Structs of the HTTP API that are the web layer's own (policies, explain, health).

The calculation request and result are the calculator's (:mod:`calculator.request`,
:mod:`calculator.result`); these wrap or describe them. Money and ratios are ``Decimal`` and
encode as strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import msgspec

from calculator import CalculationResult, Pack

__all__ = ["Article", "ChatRequest", "Citation", "ExplainResponse", "Health", "InForce", "Parameter", "PolicyDetail",
           "PolicySummary", "Reading", "Rule", "policy_detail", "policy_summary"]


class Wire(msgspec.Struct, kw_only=True):
    pass


class Health(Wire):
    status: str = "ok"


class ChatRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``POST /api/v1/chat``: one message, and the session id from the previous reply."""

    message: Annotated[str, msgspec.Meta(
        min_length=1, max_length=500, pattern=r"\S",
        description="这一轮说的话（不超过500个字）", examples=["我是南昌退休职工，三级医院花了一千二，今年第一次"])]
    session_id: Annotated[str, msgspec.Meta(
        pattern=r"^[A-Za-z0-9_-]{16,64}$",
        description="上一轮回复中的 session_id；首轮不填。只接受服务器发出的编号。",
        examples=["q3Yf2nV0c8JtZ1rW4bXk9aLm"])] | None = None


class ExplainResponse(Wire):
    """``POST /api/v1/explain``: the explanation (text and HTML) and the result it explains."""

    text: str
    html: str
    result: CalculationResult
    locale: str


class InForce(Wire):
    start: dt.date
    end: dt.date | None


class PolicySummary(Wire):
    id: str
    title: str
    document_number: str
    issuer: str
    issued: dt.date
    in_force: InForce
    city: str
    scheme: str
    name: str
    name_en: str
    #: the document leaves figures to the bureau: requests must supply ``parameters``
    parameters_required: bool


class Citation(Wire):
    article: str
    quote: str


class Parameter(Wire):
    """One figure of the document: a deductible, cap, ratio, first self-pay rate or bonus."""

    #: dotted name, as in the rule pack: ``deductible.employee``, ``ratio.retiree.3A``
    name: str
    kind: str  # deductible, cap, ratio, first_self_pay, family_doctor_bonus, min_ratio
    category: str | None
    tier: str | None
    value: Decimal
    unit: str  # yuan or ratio
    label: str  # Chinese description
    citation: Citation
    #: id of the reading (``readings``) this figure relies on, when the quote alone does not say it
    reading: str | None = None


class Rule(Wire):
    """A rule that moves no figure of its own (an exclusion, an eligibility condition …)."""

    name: str
    label: str
    citation: Citation | None
    reading: str | None = None


class Reading(Wire):
    id: str
    text: str
    text_en: str
    reason: str
    citations: list[Citation]


class Article(Wire):
    id: str
    text: str
    note: str | None = None


class PolicyDetail(PolicySummary, kw_only=True):
    categories: dict[str, str]
    parameters: list[Parameter]
    rules: list[Rule]
    readings: list[Reading]
    articles: list[Article]


# -- from rule packs --------------------------------------------------------------------------------

_CATEGORY = {"employee": "在职职工", "retiree": "退休人员", "flexible": "灵活就业人员", "resident": "城乡居民"}
_TIER = {"pharmacy": "定点零售药店", "signed": "签约机构", "county_tcm": "县级中医医院（转诊）",
         "signed_poor": "签约机构（建档立卡）", "county_tcm_poor": "县级中医医院（转诊，建档立卡）"}
_LEVEL = {"1": "一级及以下", "2": "二级", "3": "三级"}
_GRADE = {"A": "甲等", "B": "乙等", "C": "丙等"}
_ITEM = {"class_b_drug": "乙类药品", "class_b_service": "乙类诊疗项目和医用耗材", "dual_channel": "“双通道”谈判药品",
         "prenatal": "产前检查", "self_pay": "自费项目", "consultation": "诊察费", "tcm": "中医药费用",
         "in_scope": "政策范围内费用"}
_WHEN = {"non_designated": "非定点医药机构", "inpatient": "住院期间的门诊费用", "suspended": "待遇暂停期间",
         "offsite_unfiled": "未备案的异地就医", "not_signed": "非签约机构"}


def _tier_label(key: str) -> str:
    if key in _TIER:
        return _TIER[key]
    return _LEVEL.get(key[0], key[0]) + _GRADE.get(key[1:], "") + "医疗机构"


def policy_summary(pack: Pack) -> PolicySummary:
    m = pack.meta
    return PolicySummary(
        id=m.id, title=m.title, document_number=m.document_number, issuer=m.issuer, issued=m.issued,
        in_force=InForce(start=m.in_force.start, end=m.in_force.end), city=m.city, scheme=m.scheme,
        name=m.name, name_en=m.name_en, parameters_required=bool(pack.supplied and pack.supplied.required))


def _cite(obj: Any) -> Citation | None:
    article, quote = getattr(obj, "article", ""), getattr(obj, "quote", "")
    return Citation(article=article, quote=quote) if article and quote else None


def policy_detail(pack: Pack) -> PolicyDetail:
    params: list[Parameter] = []

    def add(name: str, kind: str, cited: Any, label: str, unit: str, category: str | None = None,
            tier: str | None = None) -> None:
        params.append(Parameter(name=name, kind=kind, category=category, tier=tier, value=cited.value, unit=unit,
                                label=label, citation=Citation(article=cited.article, quote=cited.quote),
                                reading=cited.reading or None))

    for cat, cited in pack.deductible.items():
        add(f"deductible.{cat}", "deductible", cited, f"{_CATEGORY.get(cat, cat)}年度起付标准", "yuan", cat)
    for cat, cited in pack.cap.items():
        add(f"cap.{cat}", "cap", cited, f"{_CATEGORY.get(cat, cat)}年度最高支付限额", "yuan", cat)
    for cat, table in pack.ratio.items():
        for key, cited in table.items():
            add(f"ratio.{cat}.{key}", "ratio", cited, f"{_CATEGORY.get(cat, cat)}在{_tier_label(key)}的支付比例",
                "ratio", cat, key)
    for item, cited in pack.first_self_pay.items():
        add(f"first_self_pay.{item}", "first_self_pay", cited, f"{_ITEM.get(item, item)}先行自付比例", "ratio")
    if pack.family_doctor is not None:
        add("family_doctor.bonus", "family_doctor_bonus", pack.family_doctor.bonus, "家庭医生签约提高的支付比例",
            "ratio")
    if pack.supplied is not None and pack.supplied.min_ratio is not None:
        add("supplied.min_ratio", "min_ratio", pack.supplied.min_ratio, "经办机构确定的支付比例不得低于", "ratio")

    rules: list[Rule] = []

    def rule(name: str, label: str, obj: Any) -> None:
        rules.append(Rule(name=name, label=label, citation=_cite(obj), reading=getattr(obj, "reading", "") or None))

    rule("in_force", "施行期", pack.meta.in_force)
    for i, ex in enumerate(pack.excluded):
        rule(f"excluded[{i}]", f"{_ITEM.get(ex.category, ex.category)}不纳入普通门诊统筹", ex)
    for i, inel in enumerate(pack.ineligible):
        rule(f"ineligible[{i}]", f"{_WHEN.get(inel.when, inel.when)}统筹不予支付", inel)
    for name, label in (("annual", "起付标准和限额按自然年度累计"), ("scope", "支付范围"),
                        ("pharmacy", "定点零售药店"), ("consultation", "诊察费"), ("retirement", "在职转退休"),
                        ("account", "个人账户支付")):
        obj: Any = getattr(pack, name)
        if obj is not None and (_cite(obj) or getattr(obj, "reading", None)):
            rule(name, label, obj)
    for key, ref in pack.referral.items():
        rule(f"referral.{key}", ref.label, ref)
    for key, category in pack.categories.items():
        if category.settled_as:
            rule(f"categories.{key}",
                 f"{category.label}按{_CATEGORY.get(category.settled_as, category.settled_as)}结算", category)
    if pack.supplied is not None:
        rule("supplied", "由医疗保障部门确定的参数", pack.supplied)

    s = policy_summary(pack)
    return PolicyDetail(
        **{f: getattr(s, f) for f in s.__struct_fields__},
        categories={k: v.label for k, v in pack.categories.items()},
        parameters=params,
        rules=rules,
        readings=[Reading(id=r.id, text=r.text, text_en=r.text_en, reason=r.reason,
                          citations=[Citation(article=c.article, quote=c.quote) for c in r.citations])
                  for r in pack.readings],
        articles=[Article(id=a.id, text=a.text, note=a.note or None) for a in pack.articles],
    )
