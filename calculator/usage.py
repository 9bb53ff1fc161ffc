"""May the personal account pay for this? The use table of each policy, with its articles.

``DOMAIN.md``, "What the account may and may not pay". Each employee pack has ``[[account_uses]]``:
for every beneficiary (``self``, ``spouse``, ``parent``, ``child``, ``other``) and purpose
(``designated_hospital``, ``designated_pharmacy``, ``resident_contribution``,
``serious_illness_contribution`` (大病/大额), ``checkup``, ``fitness``, ``wellness``,
``public_health``, ``abroad``, ``work_injury``, ``third_party``, ``cash_withdrawal``) one answer:

``allowed`` / ``not_allowed``
    the document says so; the row cites the article and quotes it.
``pending_rules``
    the document allows it once the bureau's operating rules exist or conditions are met
    (南昌 第十一条（四）（五）（六）, 平凉 第十六条, 西安 四（二）“推进落实”); the row says what it waits for.
``not_stated``
    the document is silent; the row carries the reading applied and ``read_as``
    (``allowed``, ``not_allowed`` or ``unknown`` — ask the insurance office).

Request (JSON)::

    {"policy": "nanchang-employee",
     "beneficiary": "parent",              # optional: self, spouse, parent, child, other
     "purpose": "designated_pharmacy",     # optional: one of the purposes above
     "category": "flexible"}               # optional: 平凉 flexible workers have no account

With both ``beneficiary`` and ``purpose`` the result's ``answer`` is that one row; with either
alone, ``rows`` are filtered by it; with neither, ``rows`` is the whole table (5 × 12 = 60 rows,
beneficiaries then purposes in the order above). The resident scheme (and 平凉 flexible workers)
has no personal account: ``account`` is false, ``rows`` is empty and ``text`` says why.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from . import vocabulary
from .errors import CalculatorError
from .packs import BENEFICIARIES, PURPOSES, AccountUse, Beneficiary, Pack, Purpose, get_pack
from .result import Assumption, CitationOut, PolicyRef
from .structs import Base, Out
from .wire import Citer, choices, decode, policy_ref

__all__ = [
    "UsageRequest",
    "UsageResult",
    "UseRow",
    "account_usage",
    "decode_usage_request",
    "run_json",
]

#: What the account would pay, with ``{who}`` for the beneficiary.
_PHRASES = {
    "designated_hospital": "{who}在定点医疗机构就医发生的由个人负担的医疗费用",
    "designated_pharmacy": "{who}在定点零售药店购买药品、医疗器械、医用耗材发生的由个人负担的费用",
    "resident_contribution": "{who}参加城乡居民基本医疗保险的个人缴费",
    "serious_illness_contribution": "{who}参加职工大病保险（大额医疗费用补助）的个人缴费",
    "checkup": "{who}的健康体检费用",
    "fitness": "{who}的体育健身费用",
    "wellness": "{who}的养生保健消费",
    "public_health": "{who}应当由公共卫生负担的费用",
    "abroad": "{who}在境外就医的费用",
    "work_injury": "{who}应当从工伤保险基金中支付的医疗费用",
    "third_party": "{who}应当由第三人负担的医疗费用",
    "cash_withdrawal": "提取现金（把个人账户余额以现金或转入银行账户的方式取出）",
}
_WHO = {"self": "参保人员本人", "spouse": "配偶", "parent": "父母", "child": "子女",
        "other": "配偶、父母、子女以外的人"}
_READ_AS = {"allowed": "按此解读可以支付", "not_allowed": "按此解读不能支付",
            "unknown": "计算不作判断，请向当地医保经办机构确认"}

LABELS = {"policy": "政策", "beneficiary": "使用人", "purpose": "用途", "category": "类别"}


class UsageRequest(Base, kw_only=True, frozen=True):
    policy: str
    beneficiary: Beneficiary | None = None
    purpose: Purpose | None = None
    category: Literal["employee", "retiree", "flexible", "resident"] | None = None


class UseRow(Out, kw_only=True):
    beneficiary: str
    beneficiary_label: str
    purpose: str
    purpose_label: str
    #: allowed, not_allowed, pending_rules, not_stated
    answer: str
    answer_label: str
    #: for not_stated: what the reading concludes (allowed, not_allowed, unknown)
    read_as: str | None = None
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class UsageResult(Out, kw_only=True):
    policy: PolicyRef
    account: bool
    beneficiary: str | None
    purpose: str | None
    answer: UseRow | None  # the one row asked about (beneficiary and purpose both given)
    rows: list[UseRow]
    text: str
    citations: list[CitationOut]  # why there is no account, when there is none
    assumptions: list[Assumption]


_DECODER = msgspec.json.Decoder(UsageRequest)


OPTIONS = {"beneficiary": choices(vocabulary.BENEFICIARIES), "purpose": choices(vocabulary.PURPOSES),
           "category": choices(vocabulary.CATEGORIES)}


def decode_usage_request(raw: bytes | str) -> UsageRequest:
    """Decode a JSON usage request (values outside the table's lists are refused, with the choices);
    raise :class:`InvalidRequest`."""
    return decode(_DECODER, raw, LABELS, OPTIONS)


def _row(pack: Pack, citer: Citer, use: AccountUse, beneficiary: str, purpose: str) -> UseRow:
    name = pack.meta.name
    what = _PHRASES[purpose].format(who=_WHO[beneficiary])
    readings = citer.use(use.reading)
    cites = citer.of(use)
    if use.answer == "allowed":
        text = f"可以。{name}规定个人账户可以支付{what}（{use.article}）。"
    elif use.answer == "not_allowed":
        text = f"不可以。{name}规定个人账户不得用于{what}（{use.article}）。"
    elif use.answer == "pending_rules":
        text = f"文件规定个人账户可以用于{what}（{use.article}），但还要等具体办法或条件。"
    else:
        reading = pack.reading(use.reading)
        text = (f"{name}没有明确规定个人账户能否用于{what}。解读：{reading.text}"
                f"（{_READ_AS[use.read_as or 'unknown']}。）")
        cites = citer.with_readings(cites, readings)
    if use.note:
        text += use.note
    return UseRow(beneficiary=beneficiary, beneficiary_label=vocabulary.BENEFICIARIES[beneficiary], purpose=purpose,
                  purpose_label=vocabulary.PURPOSES[purpose], answer=use.answer, answer_label=vocabulary.ANSWERS[use.answer],
                  read_as=use.read_as, text=text, citations=cites, readings=readings)


def use_table(pack: Pack) -> dict[tuple[str, str], AccountUse]:
    """The pack's ``[[account_uses]]`` expanded to one entry per (beneficiary, purpose)."""
    return {(b, p): use for use in pack.account_uses for b in use.beneficiaries for p in use.purposes}


def account_usage(req: UsageRequest) -> UsageResult:
    """The answers of the policy's use table that the request asks about (pure)."""
    pack = get_pack(req.policy)
    citer = Citer(pack)
    acc = pack.account
    none_for = next((n for n in acc.none_for if n.category == req.category), None)
    if not acc.available or pack.meta.scheme == "resident" or none_for is not None:
        rule = none_for if none_for is not None else acc
        readings = citer.use(rule.reading)
        who = vocabulary.CATEGORIES.get(req.category or "", "") if none_for is not None else "城乡居民医保"
        text = (f"{pack.meta.name}：{who}不设个人账户，没有个人账户可以支付任何费用；"
                "个人负担的医疗费用由本人以现金等方式支付。")
        return UsageResult(policy=policy_ref(pack), account=False, beneficiary=req.beneficiary,
                           purpose=req.purpose, answer=None, rows=[], text=text,
                           citations=citer.with_readings(citer.of(rule), readings),
                           assumptions=citer.assumptions())
    if not pack.account_uses:
        raise CalculatorError(code="not_covered_by_document", path="policy",
                              message=f"{pack.meta.name}的规则包没有个人账户使用范围的规定，无法回答。")
    table = use_table(pack)
    rows = [_row(pack, citer, table[(b, p)], b, p)
            for b in BENEFICIARIES if req.beneficiary in (None, b)
            for p in PURPOSES if req.purpose in (None, p)]
    answer = rows[0] if req.beneficiary is not None and req.purpose is not None else None
    if answer is not None:
        text = answer.text
    else:
        counts = {k: sum(1 for r in rows if r.answer == k) for k in vocabulary.ANSWERS}
        text = (f"{pack.meta.name}个人账户使用范围：{len(rows)}项中，可以{counts['allowed']}项，"
                f"不可以{counts['not_allowed']}项，待办法出台或条件具备{counts['pending_rules']}项，"
                f"文件未规定（按解读）{counts['not_stated']}项。")
    return UsageResult(policy=policy_ref(pack), account=True, beneficiary=req.beneficiary, purpose=req.purpose,
                       answer=answer, rows=rows, text=text, citations=[], assumptions=citer.assumptions())


def run_json(raw: bytes | str) -> UsageResult:
    """Decode, validate and answer: JSON request in, :class:`UsageResult` out."""
    return account_usage(decode_usage_request(raw))
