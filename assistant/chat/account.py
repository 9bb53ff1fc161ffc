"""Account questions in the chat: may the account pay for X, and what is credited each month.

Every answer comes from :mod:`calculator.usage` or :mod:`calculator.credits` — the rule packs'
cited tables — never from wording here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

from calculator import (
    Beneficiary,
    CalculatorError,
    CreditsRequest,
    InvalidRequest,
    Purpose,
    UsageRequest,
    account_credits,
    account_usage,
    get_pack,
    validate_credits,
    vocabulary,
)

from .state import Reply, SessionState, cities, schemes_of
from .state import policy_of as _policy
from .state import t as _t

__all__ = ["answer_account"]

#: the understanding layer's words for a use → the use table's purposes
PURPOSE: dict[str, list[Purpose]] = {
    "medicine": ["designated_pharmacy"], "hospital": ["designated_hospital"], "checkup": ["checkup"],
    "fitness": ["fitness"], "wellness": ["wellness"], "daily_goods": ["wellness"], "cash": ["cash_withdrawal"],
    "resident_contribution": ["resident_contribution"],
    "serious_illness_contribution": ["serious_illness_contribution"],
    "large_medical_contribution": ["serious_illness_contribution"], "public_health": ["public_health"],
    "abroad": ["abroad"], "work_injury": ["work_injury"], "third_party": ["third_party"],
}
BENEFICIARY: dict[str, list[Beneficiary]] = {"self": ["self"], "spouse": ["spouse"], "parent": ["parent"], "child": ["child"],
               "family": ["spouse", "parent", "child"], "other": ["other"]}


def _account_policy(state: SessionState) -> str | None:
    known = state.known
    if len(schemes_of(known.city)) > 1 and known.category in (None, "employee", "retiree", "flexible") \
            and known.scheme != "resident":
        return schemes_of(known.city).get("employee")
    return _policy(known)


def _cite(c) -> str:
    return f"〔{c.article}〕“{c.quote}”" if c.article else ""


def answer_account(state: SessionState, u, locale: str, today: dt.date) -> Reply:
    policy = _account_policy(state)
    if policy is None:
        state.asking = "city"
        return Reply(text=_t(locale, "您是在哪个城市参保的？个人账户的规定各地不同。", "Which city are you insured in?"),
                     asking="city", quick_replies=cities(), intent=u.intent)
    if u.intent == "account_credit":
        return _credits(state, policy, u, locale, today)
    facts = u.facts
    purposes = PURPOSE.get(facts.account_use or "", ["designated_hospital", "designated_pharmacy"])
    beneficiaries = BENEFICIARY.get(facts.beneficiary or "self", ["self"])
    lines: list[str] = []
    try:
        for b in beneficiaries:
            for p in purposes:
                res = account_usage(UsageRequest(policy=policy, beneficiary=b, purpose=p,
                                                 category=cast(Any, state.known.category)))  # validated there
                if not res.account:
                    why = "；".join(_cite(c) for c in res.citations)
                    if locale == "en":
                        return Reply(text=f"{get_pack(policy).meta.name_en}: this category has no personal account, "
                                          "so the account pays for nothing." + (f"\nThe document: {why}" if why else ""),
                                     intent=u.intent)
                    return Reply(text=res.text + (f"\n依据：{why}" if why else ""), intent=u.intent)
                row = res.answer
                assert row is not None  # an account answers every use
                cites = "".join(_cite(c) for c in row.citations)
                if locale == "en":
                    # the document's answer in English; its words quoted as written
                    lines.append(f"{vocabulary.label(vocabulary.BENEFICIARIES_EN, row.beneficiary)} · "
                                 f"{vocabulary.label(vocabulary.PURPOSES_EN, row.purpose)}: "
                                 f"{vocabulary.label(vocabulary.ANSWERS_EN, row.answer)}. {cites}")
                    continue
                lines.append(f"{row.beneficiary_label}·{row.purpose_label}：{row.text}{cites}")
                for rid in row.readings:
                    reading = next((a for a in res.assumptions if a.id == rid), None)
                    if reading:
                        lines.append(f"说明：本回答按“{reading.text.rstrip('。')}”理解，这是对文件的理解，不是原文。")
    except CalculatorError as exc:
        return Reply(text=exc.message, intent=u.intent)
    pack = get_pack(policy)
    if locale == "en":
        return Reply(text=f"{pack.meta.name_en} ({pack.meta.document_number}), the personal account:\n" + "\n".join(lines),
                     intent=u.intent, quick_replies=["Can it pay for my parents' medicine?", "Can it pay for a check-up?"])
    head = f"{pack.meta.name}（{pack.meta.document_number}）关于个人账户的规定：\n"
    return Reply(text=head + "\n".join(lines), intent=u.intent,
                 quick_replies=["能给我爸妈买药吗", "能用来体检吗", "每月划多少"])


def _credits(state: SessionState, policy: str, u, locale: str, today: dt.date) -> Reply:
    known = state.known
    category = known.category if known.category in ("employee", "retiree", "flexible") else None
    if category is None:
        state.asking = "category"
        return Reply(text=_t(locale, "您是在职职工、退休人员，还是灵活就业人员？每月划入的标准不同。",
                             "Are you an employee, a retiree or a flexible worker?"),
                     asking="category", quick_replies=["在职", "退休", "灵活就业"], intent=u.intent)
    base = None
    if category != "retiree":
        base = u.facts.amount or next((s.value for s in u.spans if s.slot in ("other", "amount")
                                       and s.value is not None and "基数" in u.text), None)
        base = Decimal(str(base)) if base is not None else None
    pack = get_pack(policy)
    year = today.year
    try:
        req = CreditsRequest(policy=policy, year=year, category=cast(Any, category), contribution_base=base)
        errors = validate_credits(req)
        if errors:
            raise InvalidRequest.of(errors)
        res = account_credits(req)
    except CalculatorError as exc:
        cites = "；".join(f"〔{c.get('article')}〕“{c.get('quote')}”" for c in exc.citations if c.get("article"))
        ask = ("\n告诉我您每月的缴费基数（如“缴费基数5000”），我可以算出每月划入多少。"
               if category != "retiree" and base is None else "")
        return Reply(text=f"{pack.meta.name}：{exc.message}" + (f"\n依据：{cites}" if cites else "") + ask,
                     intent=u.intent)
    lines = [res.text]
    previous = None
    for month in res.months:
        if (month.category, month.amount) != previous:
            previous = (month.category, month.amount)
            body = re.sub(r"^\d+月：", "", month.text)
            lines.append(f"{month.month}月起：{body}" + "".join(_cite(c) for c in month.citations))
    for a in res.assumptions:
        lines.append(f"说明：本计算按“{a.text.rstrip('。')}”理解。")
    return Reply(text="\n".join(lines[:6]), intent=u.intent, result=None,
                 quick_replies=["个人账户能给我妈买药吗", "重新开始"])
