"""The dialogue: facts gathered across turns, one question at a time, answers from the calculator.

A turn is pure: ``turn(state, message, locale) -> (state, reply)``. The web layer loads and saves
the state (msgspec-encoded, version-tagged) in a Litestar store; ``ask_once`` runs one turn on a
fresh state for ``mingbai ask``.

Dialogue policy (``CONTRACT.md``): ask — never assume — the city, the category, the provider
level (with the grade of a 平凉 level-3 hospital, the prescribing level for a pharmacy in 南昌 or
平凉), the amount, and for the employee schemes this year's position. Assume and say so: the whole
bill is in scope, the provider is designated, the visit is not during an inpatient stay and is in
the city, a resident has no family-doctor contract and is not registered poor. When a message gives
everything, answer in the same turn.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import msgspec

from calculator import CalculatorError, calculate, convert_request, get_pack
from calculator.errors import MissingFact, MissingParameter, OutOfForce

from .understand import Facts, understand

__all__ = ["STATE_VERSION", "ChatReply", "Reply", "SessionState", "ask_once", "new_state", "turn"]

STATE_VERSION = 1

CITY_POLICY = {"南充": "nanchong-employee", "西安": "xian-employee", "平凉": "pingliang-employee"}
CITIES = ["南充", "西安", "南昌", "平凉"]
PERSON_FIELDS = ("city", "scheme", "category", "policy", "family_doctor", "poverty_registered",
                 "account_balance", "first_visit_this_year", "deductible_met", "deductible_used",
                 "fund_paid", "claimed_before", "retired_on")
VISIT_FIELDS = ("provider_kind", "provider_level", "provider_grade", "prescribed_at_level",
                "prescribed_at_grade", "signed", "referral", "designated", "inpatient", "offsite",
                "offsite_filed", "amount", "self_pay", "class_b_drug", "year", "month", "day")


class Known(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What the person has told us (None: not said)."""

    city: str | None = None
    scheme: str | None = None
    category: str | None = None
    policy: str | None = None
    family_doctor: bool | None = None
    poverty_registered: bool | None = None
    account_balance: Decimal | None = None
    first_visit_this_year: bool | None = None
    deductible_met: bool | None = None
    deductible_used: Decimal | None = None
    fund_paid: Decimal | None = None
    #: said the fund has paid something this year, not yet how much
    claimed_before: bool | None = None
    retired_on: dt.date | None = None
    provider_kind: str | None = None
    provider_level: int | None = None
    provider_grade: str | None = None
    prescribed_at_level: int | None = None
    prescribed_at_grade: str | None = None
    signed: bool | None = None
    referral: str | None = None
    designated: bool | None = None
    inpatient: bool | None = None
    offsite: bool | None = None
    offsite_filed: bool | None = None
    amount: Decimal | None = None
    self_pay: Decimal | None = None
    class_b_drug: Decimal | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None


class SessionState(msgspec.Struct, kw_only=True):
    version: int = STATE_VERSION
    known: Known = msgspec.field(default_factory=Known)
    ledger: list[Known] = []  # earlier visits this year, settled together with the current one
    asking: str | None = None
    turns: int = 0
    #: an account question waiting for the fact we asked for: intent, account_use, beneficiary
    pending: dict[str, str] = {}


class Reply(msgspec.Struct, kw_only=True):
    text: str
    asking: str | None = None
    quick_replies: list[str] = []
    result: Any = None
    html: str | None = None
    intent: str | None = None


class ChatReply(msgspec.Struct, kw_only=True):
    session_id: str | None
    reply: Reply


def new_state() -> SessionState:
    return SessionState()


# -- wording --------------------------------------------------------------------------------------

def _t(locale: str, zh: str, en: str) -> str:
    return en if locale == "en" else zh


QUESTIONS: dict[str, tuple[str, str, list[str], list[str]]] = {
    "city": ("您是在哪个城市参保的？目前支持南充、西安、南昌、平凉。",
             "Which city are you insured in? 南充, 西安, 南昌 and 平凉 are supported.",
             ["南充", "西安", "南昌", "平凉"], ["南充", "西安", "南昌", "平凉"]),
    "category": ("您是在职职工、退休人员，还是灵活就业人员？",
                 "Are you an employee, a retiree, or a flexible worker?",
                 ["在职", "退休", "灵活就业"], ["在职", "退休", "灵活就业"]),
    "scheme": ("您参加的是职工医保，还是城乡居民医保？",
               "Is your insurance the employee scheme or the urban-rural resident scheme?",
               ["在职职工", "退休职工", "灵活就业", "城乡居民医保"], ["在职职工", "退休职工", "灵活就业", "城乡居民医保"]),
    "provider_level": ("您是在哪一级医疗机构看的？社区卫生服务中心、乡镇卫生院、诊所都算一级及以下。",
                       "What level was the provider? Community and township health centres and clinics count as level 1.",
                       ["一级及以下", "二级", "三级", "药店"], ["一级及以下", "二级", "三级", "药店"]),
    "provider_grade": ("这家三级医院是甲等、乙等还是丙等？平凉对三级甲等和三级乙等、丙等的比例不同。",
                       "Is this level-3 hospital grade A, B or C? 平凉 sets different ratios for them.",
                       ["三级甲等", "三级乙等", "三级丙等"], ["三级甲等", "三级乙等", "三级丙等"]),
    "prescribed_at_level": ("在药店凭处方买药，按开处方医院的等级报销。处方是哪一级医院开的？",
                            "A pharmacy purchase is settled at the level of the hospital that wrote the prescription. Which level was it?",
                            ["一级及以下开的处方", "二级医院开的处方", "三级医院开的处方"],
                            ["一级及以下开的处方", "二级医院开的处方", "三级医院开的处方"]),
    "prescribed_at_grade": ("开处方的三级医院是甲等、乙等还是丙等？",
                            "Was the prescribing level-3 hospital grade A, B or C?",
                            ["三级甲等开的处方", "三级乙等开的处方", "三级丙等开的处方"],
                            ["三级甲等开的处方", "三级乙等开的处方", "三级丙等开的处方"]),
    "provider_kind": ("您是在签约的门诊统筹机构（社区卫生服务中心、乡镇卫生院）看的吗？",
                      "Was the visit at your signed institution (community or township health centre)?",
                      ["在签约机构看的", "转诊到县中医院", "在别的医院看的"],
                      ["在签约机构看的", "转诊到县中医院", "在别的医院看的"]),
    "amount": ("这次看病一共花了多少钱？", "How much was the bill in total?", [], []),
    "year_start": ("今年您的门诊费用报销过吗？这决定起付线还要不要扣。",
                   "Have you claimed outpatient costs this year? It decides whether the deductible still applies.",
                   ["今年第一次", "起付线已经扣完了", "统筹已经报过一些"],
                   ["今年第一次", "起付线已经扣完了", "统筹已经报过一些"]),
    "fund_paid": ("今年统筹基金已经给您报了多少钱？（看以往的结算单）",
                  "How much has the fund paid you this year so far?", [], []),
}


# -- the turn -------------------------------------------------------------------------------------

def _merge(known: Known, facts: Facts, fields: tuple[str, ...] | None = None) -> Known:
    changes = {}
    for name in (fields or PERSON_FIELDS + VISIT_FIELDS):
        value = getattr(facts, name, None)
        if value is not None:
            changes[name] = value
    if facts.provider_kind == "pharmacy" and facts.provider_level is None:
        changes.setdefault("provider_level", None)
    if changes.get("provider_level") is not None and "provider_kind" not in changes:
        changes["provider_kind"] = "hospital"
    if changes.get("provider_level") is not None and "provider_grade" not in changes:
        changes["provider_grade"] = None
    if changes.get("fund_paid") is not None and changes.get("fund_paid") > 0:
        changes.setdefault("deductible_met", True)
    return msgspec.structs.replace(known, **changes) if changes else known


def _policy(known: Known) -> str | None:
    if known.policy:
        return known.policy
    if known.city in CITY_POLICY:
        return CITY_POLICY[known.city]
    if known.city == "南昌":
        if known.scheme == "resident" or known.category == "resident":
            return "nanchang-resident"
        if known.category in ("employee", "retiree", "flexible") or known.scheme == "employee":
            return "nanchang-employee"
    return None


def _missing(known: Known) -> str | None:
    """The one fact that matters most and is still unknown."""
    if known.city is None and known.policy is None:
        return "city"
    policy = _policy(known)
    if policy is None:
        return "scheme"
    pack = get_pack(policy)
    if known.city and known.city != "南昌" and known.scheme == "resident":
        return None  # answered by _unsupported
    if pack.meta.scheme == "employee" and known.category not in ("employee", "retiree", "flexible"):
        return "category"
    if pack.meta.scheme == "resident":
        if known.signed is None and known.referral is None and known.provider_kind != "signed":
            return "provider_kind"
    elif (known.provider_kind is None and known.provider_level is None) or (known.provider_kind != "pharmacy" and known.provider_level is None):
        return "provider_level"
    if pack.meta.scheme == "employee":
        rule = pack.pharmacy.rule if pack.pharmacy else "tier"
        pharmacy = known.provider_kind == "pharmacy"
        if pharmacy and rule == "prescribing_level" and known.prescribed_at_level is None:
            return "prescribed_at_level"
        level, grade = ((known.prescribed_at_level, known.prescribed_at_grade) if pharmacy
                        else (known.provider_level, known.provider_grade))
        keys = {k for table in pack.ratio.values() for k in table}
        if (level is not None and grade is None and str(level) not in keys
                and any(k[:1] == str(level) and len(k) == 2 for k in keys)
                and not (pharmacy and rule == "tier")):
            return "prescribed_at_grade" if pharmacy else "provider_grade"
    if known.amount is None:
        return "amount"
    if pack.meta.scheme == "employee" and pack.supplied is None:
        if known.fund_paid is None and known.deductible_used is None:
            if known.claimed_before:
                return "fund_paid"
            if not (known.first_visit_this_year or known.deductible_met):
                return "year_start"
    return None


def _visit(known: Known, today: dt.date) -> dict[str, Any]:
    date = today
    if known.month:
        year = known.year or today.year
        try:
            date = dt.date(year, known.month, known.day or 1)
        except ValueError:
            date = today
    provider: dict[str, Any] = {"kind": "pharmacy" if known.provider_kind == "pharmacy" else "hospital"}
    if known.provider_kind != "pharmacy":
        if known.provider_level is not None:
            provider["level"] = known.provider_level
        if known.provider_grade and known.provider_level and known.provider_level > 1:
            provider["grade"] = known.provider_grade
    else:
        if known.prescribed_at_level is not None:
            provider["prescribed_at_level"] = known.prescribed_at_level
        if known.prescribed_at_grade and known.prescribed_at_level and known.prescribed_at_level > 1:
            provider["prescribed_at_grade"] = known.prescribed_at_grade
    for name in ("designated", "signed", "referral", "offsite", "offsite_filed"):
        value = getattr(known, name)
        if value is not None:
            provider[name] = value
    if known.referral:
        provider["signed"] = False
    visit: dict[str, Any] = {"date": date.isoformat(), "provider": provider}
    if known.inpatient:
        visit["inpatient"] = True
    amount = known.amount or Decimal("0")
    self_pay = known.self_pay or Decimal("0")
    class_b = known.class_b_drug or Decimal("0")
    if self_pay or class_b:
        rest = amount - self_pay - class_b
        items = [{"category": "in_scope", "amount": str(max(rest, Decimal("0")))}]
        if class_b:
            items.append({"category": "class_b_drug", "amount": str(class_b)})
        if self_pay:
            items.append({"category": "self_pay", "amount": str(self_pay)})
        visit["items"] = items
    else:
        visit["amount"] = str(amount)
    return visit


def _request(known: Known, ledger: list[Known], today: dt.date) -> dict[str, Any]:
    policy = _policy(known)
    pack = get_pack(policy)
    if pack.meta.scheme == "resident":
        insured: dict[str, Any] = {"category": "resident", "resident": {
            "family_doctor": bool(known.family_doctor), "poverty_registered": bool(known.poverty_registered)}}
    else:
        insured = {"category": known.category}
        if known.retired_on:
            insured["retired_on"] = known.retired_on.isoformat()
    year_start: dict[str, str] = {}
    if pack.meta.scheme == "employee" and pack.deductible:
        settled = pack.settled_category(known.category or "employee")
        full = pack.deductible[settled].value if settled in pack.deductible else Decimal("0")
        if known.deductible_used is not None:
            year_start["deductible_used"] = str(known.deductible_used)
        elif known.deductible_met or (known.fund_paid or 0) > 0:
            year_start["deductible_used"] = str(full)
        if known.fund_paid is not None:
            year_start["fund_paid"] = str(known.fund_paid)
    req: dict[str, Any] = {"policy": policy, "insured": insured, "year_start": year_start,
                           "visits": [_visit(k, today) for k in [*ledger, known]]}
    if known.account_balance is not None and pack.account.available:
        req["account_balance"] = str(known.account_balance)
    return req


def _dialogue_assumptions(known: Known, pack, locale: str) -> list[str]:
    out = []  # the whole-bill-in-scope default is stated by the calculator's own input assumption
    if known.designated is None:
        out.append(_t(locale, "按在本市定点医药机构就诊、不在住院期间计算。",
                      "The provider is taken as designated and in the city, not during an inpatient stay."))
    if pack.meta.scheme == "resident":
        if known.family_doctor is None and known.poverty_registered is None:
            out.append(_t(locale, "按未签家庭医生、非建档立卡贫困人口计算。",
                          "No family-doctor contract and not registered poor."))
    if known.month is None:
        out.append(_t(locale, "就诊日期按今天计算。", "The visit is dated today."))
    if pack.meta.scheme == "employee" and known.deductible_met and known.fund_paid is None \
            and known.deductible_used is None:
        out.append(_t(locale, "起付线按已扣满、今年统筹尚未支付计算年度限额。",
                      "The deductible is taken as met and nothing paid toward the cap yet."))
    return out


#: questions whose fact has another name in the contract's ``asking`` vocabulary
_ASKING = {"scheme": "category", "fund_paid": "year_start"}


def _ask(state: SessionState, fact: str, locale: str, prefix: str = "", known: Known | None = None) -> Reply:
    # 南昌 has two schemes: its category question also asks which scheme
    question = "scheme" if fact == "category" and known is not None and known.city == "南昌" else fact
    zh, en, qr_zh, qr_en = QUESTIONS[question]
    state.asking = _ASKING.get(fact, fact)
    return Reply(text=prefix + _t(locale, zh, en), asking=state.asking,
                 quick_replies=qr_en if locale == "en" else qr_zh)


def _settle(state: SessionState, locale: str, today: dt.date, prefix: str = "") -> Reply:
    from explanations import explain, explain_error, explain_formats

    known = state.known
    req_dict = _request(known, state.ledger, today)
    pack = get_pack(req_dict["policy"])
    try:
        req = convert_request(req_dict)
        result = calculate(req)
    except MissingFact as exc:
        if exc.fact in QUESTIONS:
            return _ask(state, exc.fact, locale, prefix)
        return Reply(text=prefix + exc.message, intent="calculate")
    except (MissingParameter, OutOfForce) as exc:
        state.asking = None
        return Reply(text=prefix + explain_error(exc, format="text", locale=locale), intent="calculate")
    except CalculatorError as exc:
        state.asking = None
        return Reply(text=prefix + exc.message, intent="calculate")
    state.asking = None
    try:  # one rendering pass: the text as always without the request, the HTML with it (and the chart)
        both = explain_formats(result, ("text", "html"), locale=locale, request=req, request_for={"text": None})
        text, html = both["text"], both["html"]
    except Exception:  # noqa: BLE001 - the text answer stands even if the rich view fails  # pragma: no cover
        text, html = explain(result, format="text", locale=locale), None
    notes = _dialogue_assumptions(known, pack, locale)
    if notes:
        text += "\n" + _t(locale, "另外：", "Also assumed: ") + "；".join(n.rstrip("。；") for n in notes) + "。"
    quick = [_t(locale, "有自费项目", "Some items were self-pay")] if known.self_pay is None else []
    quick += [_t(locale, "又看了一次", "Another visit"), _t(locale, "重新开始", "Start over")]
    return Reply(text=prefix + text, result=msgspec.to_builtins(result), html=html, quick_replies=quick,
                 intent="calculate")


def _policy_fact(known: Known, locale: str) -> Reply:
    policy = _policy(known)
    if policy is None:
        return Reply(text=_t(locale, "想了解哪个城市的政策？", "Which city?"), asking="city",
                     quick_replies=CITIES)
    pack = get_pack(policy)
    if pack.supplied is not None:
        s = pack.supplied
        return Reply(text=_t(
            locale,
            f"{pack.meta.name}（{pack.meta.document_number}）没有写具体的起付标准、支付比例和最高支付限额："
            f"〔{s.article}〕“{s.quote}”。文件只规定“{s.min_ratio.quote if s.min_ratio else ''}”"
            f"〔{s.min_ratio.article if s.min_ratio else ''}〕。具体数字以市医疗保障局公布的为准。",
            f"The {pack.meta.name_en} plan sets no deductible, ratios or cap: the municipal bureau sets them "
            f"({s.article}). It only fixes a floor: {s.min_ratio.quote if s.min_ratio else ''}."),
            intent="policy_fact")
    cats = [known.category] if known.category in pack.categories else list(pack.categories)
    lines = []
    for cat in cats:
        settled = pack.settled_category(cat)
        label = pack.categories[cat].label
        parts = []
        if settled in pack.deductible:
            d = pack.deductible[settled]
            parts.append(f"起付标准{d.value}元〔{d.article}〕")
        ratios = pack.ratio.get(settled, {})
        if ratios:
            from calculator.engine import TIER_LABELS

            parts.append("支付比例" + "、".join(
                f"{TIER_LABELS.get(k, k).replace('定点医疗机构', '')}{(c.value * 100).normalize():f}%"
                for k, c in ratios.items()) + f"〔{next(iter(ratios.values())).article}〕")
        if settled in pack.cap:
            c = pack.cap[settled]
            parts.append(f"年度最高支付限额{c.value}元〔{c.article}〕")
        if pack.no_deductible:
            parts.append(pack.reading(pack.no_deductible).text.rstrip("。"))
        lines.append(f"{label}：" + "；".join(parts) + "。")
    head = f"{pack.meta.name}（{pack.meta.document_number}）：\n"
    return Reply(text=head + "\n".join(lines), intent="policy_fact",
                 quick_replies=["帮我算一笔", "重新开始"])


HELP_ZH = ("我是明白账，帮您把门诊医保账单算明白：统筹基金报多少、自己付多少、个人账户付多少，每一步都引用政策原文。"
           "目前支持南充、西安、南昌（职工和城乡居民）、平凉的普通门诊。\n"
           "可以这样说：“我是南昌退休职工，三级医院花了一千二，今年第一次”。")
HELP_EN = ("I am 明白账: I work out what the pooled fund pays on an outpatient bill, what you pay and what your "
           "personal account covers, citing the policy text at every step. Supported: 南充, 西安, 南昌 (employees "
           "and residents), 平凉. Try: “我是南昌退休职工，三级医院花了一千二，今年第一次”.")
_WANTS_CALCULATION = re.compile(r"算|报销|报多少|能报")
OUT_OF_SCOPE_ZH = "这个问题我还答不了。明白账只讲普通门诊医保账单：统筹报多少、自己付多少、个人账户怎么用。"
OUT_OF_SCOPE_EN = "I can't answer that. 明白账 explains ordinary outpatient insurance bills only."


def turn(state: SessionState, message: str, locale: str = "zh-CN",
         today: dt.date | None = None) -> tuple[SessionState, Reply]:
    """One chat turn: understand, merge, ask or answer."""
    today = today or dt.date.today()
    u = understand(message)
    state.turns += 1
    intent = u.intent
    facts = u.facts
    if intent == "reset":
        fresh = new_state()
        fresh.turns = state.turns
        return fresh, Reply(text=_t(locale, "好的，已清除，我们重新开始。", "Cleared. Let's start again.") + "\n"
                            + _t(locale, HELP_ZH, HELP_EN), intent="reset",
                            quick_replies=["我是南昌退休职工，三级医院花了一千二"])
    has_facts = any(getattr(facts, n, None) is not None for n in PERSON_FIELDS + VISIT_FIELDS)
    if intent in ("help", "greeting") and not has_facts:
        return state, Reply(text=_t(locale, HELP_ZH, HELP_EN), intent=intent,
                            quick_replies=["我是南昌退休职工，三级医院花了一千二", "平凉在职，三甲医院1200元"])
    if intent == "out_of_scope" and _WANTS_CALCULATION.search(u.text) and u.facts.inpatient is None \
            and "住院" not in u.text:
        intent = "calculate"  # “帮我算一笔”, “我想算一下门诊报销”: start gathering the facts
    if intent == "out_of_scope" and not has_facts and state.asking is None:
        return state, Reply(text=_t(locale, OUT_OF_SCOPE_ZH, OUT_OF_SCOPE_EN), intent=intent,
                            quick_replies=["你能做什么"])
    if state.pending and intent in ("inform", "calculate") and facts.amount is None:
        pending = state.pending
        u = msgspec.structs.replace(u, intent=pending["intent"], facts=msgspec.structs.replace(
            facts, account_use=facts.account_use or pending.get("account_use") or None,
            beneficiary=facts.beneficiary or pending.get("beneficiary") or None))
        intent, facts = u.intent, u.facts
    state.pending = {}
    if intent in ("account_use", "account_credit"):
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        reply = _account_answer(state, u, locale, today)
        if reply.asking:
            state.pending = {"intent": intent, "account_use": facts.account_use or "",
                             "beneficiary": facts.beneficiary or ""}
        return state, reply
    if intent == "policy_fact":
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _policy_fact(state.known, locale)
    if intent == "compare":
        return state, _compare(state, u, locale)
    if intent == "what_if" and _policy(state.known) and state.known.amount is not None:
        hypo = SessionState(known=_merge(state.known, facts), ledger=state.ledger)
        reply = _settle(hypo, locale, today, prefix=_t(locale, "如果这样：\n", "If so:\n"))
        reply.intent = "what_if"
        return state, reply
    if intent == "add_visit" and state.known.amount is not None and _missing(state.known) is None:
        person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
        state.ledger = [*state.ledger, state.known]
        state.known = _merge(Known(**person), facts)
    else:
        state = _fill(state, facts, u, message)
    if state.known.city and state.known.city != "南昌" and state.known.scheme == "resident":
        state.asking = None
        return state, Reply(text=_t(locale, f"目前只支持南昌的城乡居民医保普通门诊；{state.known.city}支持的是职工医保。",
                                    "Only 南昌's resident scheme is supported."), intent="calculate")
    missing = _missing(state.known)
    if missing:
        return state, _ask(state, missing, locale, known=state.known)
    return state, _settle(state, locale, today)


def _fill(state: SessionState, facts: Facts, u, message: str) -> SessionState:
    """Merge what the message says; an answer to our question fills that fact."""
    known = _merge(state.known, facts)
    asking = state.asking
    if asking == "year_start":
        if facts.fund_paid is None and facts.deductible_used is None and not facts.first_visit_this_year \
                and not facts.deductible_met and facts.amount is not None:
            known = msgspec.structs.replace(known, amount=state.known.amount, fund_paid=facts.amount,
                                            deductible_met=True)
        elif "报过" in message and facts.fund_paid is None:
            known = msgspec.structs.replace(known, claimed_before=True)
    if asking in ("provider_grade", "prescribed_at_grade") and getattr(facts, asking) is None:
        for word, grade in (("甲", "A"), ("乙", "B"), ("丙", "C")):
            if word in message:
                known = msgspec.structs.replace(known, **{asking: grade})
                break
    if asking == "prescribed_at_level" and facts.prescribed_at_level is None and facts.provider_level:
        known = msgspec.structs.replace(known, prescribed_at_level=facts.provider_level,
                                        prescribed_at_grade=facts.provider_grade, provider_level=None,
                                        provider_kind="pharmacy", provider_grade=None)
    if asking == "provider_kind" and facts.signed is None and facts.referral is None:
        if "别的" in message or "其他" in message:
            known = msgspec.structs.replace(known, signed=False)
        elif "签约" in message:
            known = msgspec.structs.replace(known, signed=True)
    state.known = known
    return state


def _compare(state: SessionState, u, locale: str) -> Reply:
    named = list(u.alternatives.get("city", ())) or ([u.facts.city] if u.facts.city else [])
    cities = [c for c in CITIES if c in named]
    texts = []
    for city in cities or CITIES:
        known = msgspec.structs.replace(state.known, city=city, policy=None)
        if _policy(known) is None:
            known = msgspec.structs.replace(known, category=known.category or "employee")
        texts.append(_policy_fact(known, locale).text)
    return Reply(text="\n\n".join(texts), intent="compare", quick_replies=["帮我算一笔"])


def _account_answer(state: SessionState, u, locale: str, today: dt.date) -> Reply:
    try:
        from assistant.chat.account import answer_account
    except ImportError:  # pragma: no cover - until the account features land
        return Reply(text=_t(locale, "个人账户的问题稍后支持。", "Account questions are coming soon."),
                     intent=u.intent)
    return answer_account(state, u, locale, today)


def ask_once(message: str, locale: str = "zh-CN") -> ChatReply:
    """``mingbai ask``: one turn on a fresh state, no session kept."""
    _, reply = turn(new_state(), message, locale)
    return ChatReply(session_id=None, reply=reply)
