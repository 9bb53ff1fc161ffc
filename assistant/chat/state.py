"""The chat's state and reply shapes, shared by the dialogue and the account answers.

Kept apart from :mod:`assistant.chat.dialogue` so that :mod:`assistant.chat.account` can use them
without importing the dialogue (no import circle). ``SessionState`` is what the web layer stores
(msgspec-encoded, version-tagged); ``Reply`` is the CONTRACT "Chat reply" with the second-round
fields ``understood``, ``alternatives`` and ``bill_check``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import msgspec

from .gazetteer import per_registry

__all__ = [
    "CITIES",
    "CITY_POLICY",
    "CITY_SCHEMES",
    "ITEM_FIELDS",
    "PERSON_FIELDS",
    "STATE_VERSION",
    "VISIT_FIELDS",
    "Alternative",
    "ChatReply",
    "Known",
    "Reply",
    "SessionState",
    "Understood",
    "new_state",
    "policy_of",
    "cities",
    "schemes_of",
    "t",
]

STATE_VERSION = 1

def _city_schemes() -> dict[str, dict[str, str]]:
    """City → scheme → policy id, from the rule packs' ``[chat]`` tables (a new pack needs no code)."""
    from calculator import load_packs

    out: dict[str, dict[str, str]] = {}
    for pack_id, pack in sorted(load_packs().items()):
        if pack.chat is not None:
            out.setdefault(pack.chat.city, {})[pack.meta.scheme] = pack_id
    return out


CITY_SCHEMES = _city_schemes()
#: cities with one scheme → its policy id
CITY_POLICY = {city: next(iter(schemes.values())) for city, schemes in CITY_SCHEMES.items() if len(schemes) == 1}
#: the covered cities, in the order the packs' ids sort in reverse (南充, 西安, 南昌, 平凉 stay recognisable)
CITIES = sorted(CITY_SCHEMES, key=lambda c: ["南充", "西安", "南昌", "平凉"].index(c)
                if c in ("南充", "西安", "南昌", "平凉") else 99)


def cities() -> list[str]:
    """The covered cities of the registry in use, in :data:`CITIES`' order (for quick replies)."""
    schemes: dict[str, dict[str, str]] = per_registry("schemes", _city_schemes)
    return sorted(schemes, key=lambda c: ["南充", "西安", "南昌", "平凉"].index(c)
                  if c in ("南充", "西安", "南昌", "平凉") else 99)


def schemes_of(city: str | None) -> dict[str, str]:
    """The schemes (employee, resident) a city's packs cover, with their policy ids (the registry in use's)."""
    schemes: dict[str, dict[str, str]] = per_registry("schemes", _city_schemes)
    return schemes.get(city or "", {})
PERSON_FIELDS: tuple[str, ...] = ("city", "scheme", "category", "policy", "family_doctor", "poverty_registered",
                 "account_balance", "first_visit_this_year", "deductible_met", "deductible_used",
                 "fund_paid", "claimed_before", "retired_on")
VISIT_FIELDS: tuple[str, ...] = ("provider_kind", "provider_level", "provider_grade", "prescribed_at_level",
                "prescribed_at_grade", "signed", "referral", "designated", "inpatient", "offsite",
                "offsite_filed", "amount", "self_pay", "class_b_drug", "class_b_service", "consultation", "tcm",
                "dual_channel", "prenatal", "slip_fund", "slip_personal", "slip_cash", "slip_account", "slip_first_self_pay", "slip_excluded", "slip_deductible", "provider_assumed", "year", "month", "day",
                "amount_of_parts")
PERSON_FIELDS += ("fund_at_least", "fund_up_to", "fund_around", "prior_at_least", "balance_at_least", "balance_around", "cap_share", "cap_left", "deductible_remaining", "prior_unreimbursed", "stated_deductible", "stated_cap", "stated_ratio",
                  "stated_ratio_level", "stated_ratios")
ITEM_FIELDS = ("self_pay", "class_b_drug", "class_b_service", "consultation", "tcm", "dual_channel", "prenatal")


class Known(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What the person has told us (None: not said)."""

    city: str | None = None
    scheme: str | None = None
    category: str | None = None
    policy: str | None = None
    family_doctor: bool | None = None
    poverty_registered: bool | None = None
    account_balance: Decimal | None = None
    balance_at_least: bool | None = None
    balance_around: bool | None = None
    fund_at_least: bool | None = None
    #: the top of a fund figure said as a span (统筹报了几百: 100 up to 999.99), with fund_at_least
    fund_up_to: Decimal | None = None
    fund_around: bool | None = None
    prior_at_least: bool | None = None
    cap_share: Decimal | None = None
    cap_left: Decimal | None = None
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
    #: the provider was named as a primary-care centre (社区卫生服务中心, 乡镇卫生院, 村卫生室) — for a
    #: resident, taken as the signed institution and said so (not a fact the person stated)
    primary_care: bool | None = None
    #: the bill is the sum of the parts named (乙类药品三百 甲类两百): a part named later adds to it
    amount_of_parts: bool | None = None
    provider_assumed: bool | None = None
    #: named as a large hospital (三甲, 三级, 省人民医院…) — for a resident, not a signed institution
    #: (those are primary-care centres): settled as not signed, said so, correctable
    big_hospital: bool | None = None
    designated: bool | None = None
    inpatient: bool | None = None
    offsite: bool | None = None
    offsite_filed: bool | None = None
    amount: Decimal | None = None
    self_pay: Decimal | None = None
    class_b_drug: Decimal | None = None
    class_b_service: Decimal | None = None
    consultation: Decimal | None = None
    tcm: Decimal | None = None
    dual_channel: Decimal | None = None
    prenatal: Decimal | None = None
    deductible_remaining: Decimal | None = None
    prior_unreimbursed: Decimal | None = None
    slip_fund: Decimal | None = None
    slip_personal: Decimal | None = None
    slip_cash: Decimal | None = None
    slip_account: Decimal | None = None
    slip_first_self_pay: Decimal | None = None
    slip_excluded: Decimal | None = None
    slip_deductible: Decimal | None = None
    stated_deductible: Decimal | None = None
    stated_cap: Decimal | None = None
    stated_ratio: Decimal | None = None
    stated_ratio_level: int | None = None
    stated_ratios: dict[int, Decimal] | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None


class Person(msgspec.Struct, kw_only=True):
    """What was told of one member of the household while the conversation was about another."""

    known: Known
    ledger: list[Known] = []


class SessionState(msgspec.Struct, kw_only=True):
    version: int = STATE_VERSION
    known: Known = msgspec.field(default_factory=Known)
    ledger: list[Known] = []  # earlier visits this year, settled together with the current one
    asking: str | None = None
    #: after 那我老伴的呢 / 我女儿是…: the person's own facts (their scheme and account), and who the other
    #: person is to them (spouse, parent, child) — 我账户的钱能给她付吗 is asked of the person's own account
    owner: Known | None = None
    owner_relation: str | None = None
    #: whose bill is known, when a message named them (我爸…花了1100 → "爸"): another one named with a
    #: bill of their own (我妈在社区医院拿药260) is another person, never settled on this one's facts
    person: str | None = None
    #: the other people of this conversation, each as told when the talk moved on from them ("我" for the
    #: person writing, else the household word: 妈, 爸, 老伴…): 回到我 / 那我妈下个月… picks them up again
    people: dict[str, Person] = {}
    #: 帮我爸妈问一下，都是南充退休职工: the category said of both parents at once — each one's bill keeps it
    parents_category: str | None = None
    turns: int = 0
    #: an account question waiting for the fact we asked for: intent, account_use, beneficiary
    pending: dict[str, str] = {}
    #: the question texts already asked in this session (none is asked twice word for word)
    asked: list[str] = []
    #: the number an ``amount_role`` question is about, as written
    pending_amount: str | None = None
    #: that number is a named part of the bill (其中检查费300): the answer says its kind, not the bill
    pending_part: bool = False
    #: the fund figure said for this year is above the document's cap: asked what it is
    pending_over_cap: bool = False
    #: the person said one visit came before this one this year (之前在药店刷过一次)
    one_visit_before: bool = False
    #: the person confirmed that figure as the fund's: settle with it (the cap is reached)
    over_cap_confirmed: bool = False
    #: a fact the person said they do not know, and the values still possible
    unknown: str | None = None
    unknown_options: list[Any] = []
    english: bool = False
    #: yes/no facts the person does not know (family_doctor, poverty_registered, signed)
    unknown_flags: list[str] = []
    #: this year's position (first bill or not) was said not to be known, while another unknown fact
    #: (the level) was still open: never asked again — each case is shown once the rest is known
    position_unknown: bool = False
    #: a part asked about: inside the bill or on top of it (its field, its value)
    pending_placement: tuple[str, Decimal] | None = None
    #: the named in-scope parts of the bill being settled, as told (挂号 5, 检查 120): a part said
    #: later to be self-pay (挂号费医院说不报) moves with its own figure
    bill_parts: list[tuple[str, Decimal]] = []
    #: the question asked was the retirement date (the next date said is that, not the visit's)
    asking_retired: bool = False
    #: the retirement was said to be this year and its month is still not told (asked until it is,
    #: or said not to be known)
    retired_month_open: bool = False
    #: a what-if held while a figure asked about was placed (answered once it is)
    pending_what_if: str | None = None
    #: the last answer was a bill check (a corrected bare figure is the slip's)
    checked: bool = False
    #: the slip's fund figure was read as this bill's from its place alone (Understanding.slip_inferred)
    slip_inferred: str | None = None
    #: the year's fund figure was said with no word of the fund (之前报过两千): at the cap, it is asked too
    fund_unnamed: bool = False
    #: the account balance was said after earlier visits were told (现在还有300): it is this visit's
    balance_now: bool = False
    #: hospitals named with their level (矿医院（一级） / 县医院是二级): name → the level's words, so that the
    #: same name said again later (明天再去矿医院) is at that level, not asked
    place_levels: dict[str, str] = {}
    #: the level was said with a doubt (县医院好像是二级吧，我也说不准) and is still not known: asked once, a
    #: reply that passes over it shows each level side by side (never the same question again)
    level_doubted: bool = False
    #: the bill was told as lines that add up to the total said with them (西药费320.50，检查费180，自费45，
    #: 合计545.50): a line corrected after (自费是54不是45) no longer adds up — the total is asked
    parts_listed: bool = False
    #: the account was said to hold money with no figure (个人账户有余额): its balance is asked once
    balance_untold: bool = False
    #: a class-B part told without whether it is a drug or a test, service or supply (其中120是乙类): its
    #: figure as written, asked where the document sets the two apart; ``class_b_unknown``: the person
    #: does not know — both are shown side by side
    #: 处方…开的 with no place of purchase: asked once — after that, a pharmacy and that hospital side by side
    where_asks: int = 0
    #: the self-pay (or class-B) part was asked and not known: the answer is the most the fund can pay
    part_unknown: bool = False
    #: a self-pay (or class-B) part said beside a number asked about (单子上写着一千零八十，其中有两百多是自费的 /
    #: 有些是自费的): its words ("" when no figure was said), asked once that number is placed as the bill
    part_untold: str | None = None
    class_b_open: str | None = None
    #: the class-B part's kind said before its figure (有乙类药 → 乙类300): "drug" or "service"
    class_b_kind_said: str | None = None
    class_b_unknown: bool = False
    #: the scenario of the last what-if (那要是三甲呢 right after builds on it); cleared by any other turn
    what_if_base: Known | None = None
    #: the earlier visits of that scenario, when it was one more visit (下个月再看一次呢 → 要是三级呢:
    #: the visit of the scenario changed, the visit told still before it); None: the year's ledger
    what_if_ledger: list[Known] | None = None
    #: visits told of another year than this visit's (去年12月那次): set aside, never in this year's
    #: settlement; each as its year and month, for the answer to say so
    other_year: list[tuple[int, int | None]] = []
    #: what the last conflict question was about (year_start, provider_level, category, person…)
    conflict_slot: str = ""
    #: the two statements quoted by a conflict question (its quick replies)
    conflict_options: list[str] = []
    #: the last answer was about the personal account (那能用来买健身卡吗 next is about it too)
    last_account: bool = False
    #: the spending before this visit, said roughly in answer to the year's question (好像150块): to confirm
    pending_prior: str | None = None
    #: the yes/no fact last shown both ways (family_doctor, poverty_registered, signed…): a bare 签了 / 没有
    #: in answer settles it
    shown_flag: str = ""
    #: the word of the part of the bill asked about (自费 unless the person named another: 产前检查)
    part_word: str = ""
    #: the level asked for is that of the earlier visit at this index of the ledger
    ledger_level_index: int | None = None
    #: the date asked for is that of the earlier visit at this index of the ledger (told without one)
    ledger_date_index: int | None = None
    #: the amount asked for is that of the earlier visit at this index of the ledger (said roughly)
    ledger_amount_index: int | None = None
    #: the last question asked what each of two visits (two places) cost, told as one total: the
    #: answer's figures are those visits, in the order said (药店300 医院600)
    each_visit_asked: bool = False


class Understood(msgspec.Struct, kw_only=True):
    """One fact an answer rests on, in the person's terms (CONTRACT ``reply.understood``)."""

    slot: str
    value: Any
    text: str
    source: str  # message | earlier | assumed
    #: for an assumed fact: the quick reply that corrects it
    correct: str | None = None


class Alternative(msgspec.Struct, kw_only=True):
    """The figures for one possibility of a fact the person does not know (``reply.alternatives``)."""

    label: str
    fund_pays: str
    personal_pays: str
    #: of the personal share, what the personal account pays and what is paid in cash (a balance told)
    account_pays: str | None = None
    cash_pays: str | None = None


class Reply(msgspec.Struct, kw_only=True):
    text: str
    asking: str | None = None
    quick_replies: list[str] = []
    result: Any = None
    html: str | None = None
    intent: str | None = None
    understood: list[Understood] = []
    alternatives: list[Alternative] | None = None
    bill_check: Any = None
    #: whose share the personal figures are, as the answer names them (您爱人 for a relative's visit:
    #: 您爱人自己付); absent when they are the writer's own
    payer: str | None = None


class ChatReply(msgspec.Struct, kw_only=True):
    session_id: str | None
    reply: Reply


def new_state() -> SessionState:
    return SessionState()


def t(locale: str, zh: str, en: str) -> str:
    """The Chinese or the English wording, by locale."""
    return en if locale == "en" else zh


def policy_of(known: Known) -> str | None:
    """The policy id the known facts determine (a city with two schemes needs the scheme), or None."""
    if known.policy:
        return known.policy
    schemes = schemes_of(known.city)
    if len(schemes) == 1:
        return next(iter(schemes.values()))
    if schemes:
        if known.scheme == "resident" or known.category == "resident":
            return schemes.get("resident")
        if known.category in ("employee", "retiree", "flexible") or known.scheme == "employee":
            return schemes.get("employee")
    return None
