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

Trust (issue 9): every number is placed (an item, a position, a slip figure, an age…) or asked about
(``asking: "amount_role"``, quoting it); statements that disagree ask ``"conflict"``, quoting both;
hedged amounts are confirmed; ``reply.understood`` reads back every fact with its source
(message / earlier / assumed, the assumed ones with a correcting quick reply); 不知道 about a fact
the figure depends on gives ``reply.alternatives`` (each computed by the calculator, none picked);
no question is asked twice word for word. The facts still missing come from
:func:`calculator.missing_facts`, bill arithmetic from :mod:`calculator.bill`, city and district
words from the packs' ``[chat]`` tables. 住院 gets no outpatient figure; an uncovered city is named;
English messages get English replies; questions of fact are answered by quoting the best articles
(:mod:`assistant.chat.retrieve`); “医院给我报了300，对吗” runs the bill check (``reply.bill_check``);
西安 without the bureau's figures says what the plan fixes and settles with the slip's figures when
the person gives them, cited as supplied by the person.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import re
from decimal import Decimal
from itertools import pairwise
from typing import Any, cast

import msgspec

from calculator import (
    BillError,
    CalculatorError,
    InvalidRequest,
    ItemNotNamed,
    MissingFact,
    MissingParameter,
    OutOfForce,
    Partial,
    calculate,
    convert_request,
    deductible_for,
    deductible_used,
    default_registry,
    fund_paid_from_cap_left,
    fund_paid_share,
    get_pack,
    load_packs,
    missing_facts,
    most_fund_paid,
    settled_alike,
    settled_as_in_scope,
    split_items,
    vocabulary,
)

from . import rx
from .account import answer_account
from .amounts import (
    ILLEGIBLE_FIGURE,
    ILLEGIBLE_LINE,
    KIND_SWAP_VERBS,
    extract_amounts,
    parse_amount,
    parse_number,
    role_of_word,
)
from .intents import AFTER_DISCHARGE as _AFTER_DISCHARGE
from .intents import FIGURE_WAS_A_STAY, mentions_account, topic_of, without_relatives_stay
from .intents import PAST_STAY as _PAST_STAY
from .normalise import normalise
from .state import (
    CITIES,
    ITEM_FIELDS,
    PERSON_FIELDS,
    STATE_VERSION,
    VISIT_FIELDS,
    Alternative,
    ChatReply,
    Known,
    Person,
    Reply,
    SessionState,
    Understood,
    cities,
    new_state,
    schemes_of,
)
from .state import policy_of as _policy
from .state import t as _t
from .understand import (
    CHECK_QUESTION,
    CLASS_B_DRUG_WORDS,
    CLASS_B_SERVICE_WORDS,
    FIRST_RETRACTED,
    NEVER_LEVEL_ONE,
    PARTIAL_DEDUCTIBLE,
    TEST_WORDS,
    WHAT_IF_WORD,
    Facts,
    Understanding,
    clause_at,
    own_visit_after,
    understand,
)

_log = logging.getLogger("mingbai.chat")

__all__ = ["STATE_VERSION", "Alternative", "ChatReply", "Known", "Reply", "SessionState", "Understood", "ask_once",
           "new_state", "turn", "warm_up"]

QUESTIONS: dict[str, tuple[str, str, list[str], list[str]]] = {
    "offsite_filed": ("这次是在外地看的，您办了异地就医备案吗？",
                      "Outside the city the fund pays only if the visit was filed (异地就医备案). Had you filed it?",
                      ["办了备案", "没办备案"], ["Filed", "Not filed"]),
    "referral_part": ("转诊到县级中医医院，只报上面这几类费用。这次其中中成药、中药饮片和甲类中医诊疗项目一共多少钱？",
                      "On a referral to the county TCM hospital the document pays only Chinese-medicine costs (patent "
                      "medicines, decoction pieces, class-A TCM treatments). How much of this bill was that?",
                      ["全部都是中药"], ["All of it was Chinese medicine"]),
    "city": ("您是在哪个城市参保的？目前支持南充、西安、南昌、平凉。",
             "Which city are you insured in? 南充, 西安, 南昌 and 平凉 are supported.",
             ["南充", "西安", "南昌", "平凉"], ["南充", "西安", "南昌", "平凉"]),
    "category": ("您是在职职工、退休人员，还是灵活就业人员？",
                 "Are you an employee, a retiree, or a flexible worker?",
                 ["在职", "退休", "灵活就业"], ["Employee", "Retiree", "Flexible worker"]),
    "scheme": ("您参加的是职工医保，还是城乡居民医保？",
               "Is your insurance the employee scheme or the urban-rural resident scheme?",
               ["在职职工", "退休职工", "灵活就业", "城乡居民医保"],
               ["Employee", "Retiree", "Flexible worker", "Resident scheme"]),
    "provider_level": ("您是在哪一级医疗机构看的？社区卫生服务中心、乡镇卫生院、诊所都算一级及以下。",
                       "What level was the provider? Community and township health centres and clinics count as level 1.",
                       ["一级及以下", "二级", "三级", "药店"], ["Level 1 or below", "Level 2", "Level 3", "Pharmacy"]),
    "provider_grade": ("这家三级医院是甲等、乙等还是丙等？平凉对三级甲等和三级乙等、丙等的比例不同。",
                       "Is this level-3 hospital grade A, B or C? 平凉 sets different ratios for them.",
                       ["三级甲等", "三级乙等", "三级丙等"], ["Level 3 grade A", "Level 3 grade B", "Level 3 grade C"]),
    "prescribed_at_level": ("在药店凭处方买药，按开处方医院的等级报销。处方是哪一级医院开的？",
                            "A pharmacy purchase is settled at the level of the hospital that wrote the prescription. Which level was it?",
                            ["一级及以下开的处方", "二级医院开的处方", "三级医院开的处方"],
                            ["Prescribed at level 1", "Prescribed at level 2", "Prescribed at level 3"]),
    "prescribed_at_grade": ("开处方的三级医院是甲等、乙等还是丙等？",
                            "Was the prescribing level-3 hospital grade A, B or C?",
                            ["三级甲等开的处方", "三级乙等开的处方", "三级丙等开的处方"],
                            ["Prescribed at level 3 grade A", "Prescribed at level 3 grade B",
                             "Prescribed at level 3 grade C"]),
    "where_bought": ("处方是医院开的：这次是拿着处方在药店买的药，还是就在开处方的医院看病拿的药？两种报销方式不同。",
                     "The prescription came from a hospital: were the drugs bought at a pharmacy with it, or at the "
                     "hospital that wrote it? They are settled differently.",
                     ["在药店买的", "在开处方的医院拿的"], ["At a pharmacy", "At the hospital that wrote it"]),
    "provider_kind": ("您是在签约的门诊统筹机构（社区卫生服务中心、乡镇卫生院）看的吗？",
                      "Was the visit at your signed institution (community or township health centre)?",
                      ["在签约机构看的", "转诊到县中医院", "在别的医院看的"],
                      ["At my signed institution", "Referred to the county TCM hospital", "At another provider"]),
    "amount": ("这次看病一共花了多少钱？", "How much was the bill in total?", [], []),
    "year_start": ("今年您的门诊费用报销过吗？这决定起付线还要不要扣。",
                   "Have you claimed outpatient costs this year? It decides whether the deductible still applies.",
                   ["今年第一次", "起付线已经扣完了", "统筹已经报过一些"],
                   ["First visit this year", "Deductible already met", "The fund has paid some"]),
    "fund_paid": ("今年统筹基金已经给您报了多少钱？（看以往的结算单）",
                  "How much has the fund paid you this year so far?", [], []),
}


#: Chinese quick reply → its English label. An English turn gets the English labels (``turn``), and a
#: tapped English label is read as the Chinese words it stands for, so the dialogue understands its own
#: English quick replies; the widget keeps a copy of this table (assistant/static/chat.js QR_EN) for
#: replies sent before it was complete.
_EN_CHIP: dict[str, str] = {zh: en for _q, (_zh, _en, zhs, ens) in QUESTIONS.items()
                            for zh, en in zip(zhs, ens, strict=True)}
_EN_CHIP.update({
    "有自费项目": "Some items were self-pay", "又看了一次": "Another visit", "重新开始": "Start over",
    "帮我算一笔": "Calculate a bill", "不知道": "Don't know", "你能做什么": "What can you do?",
    "本次总费用": "Total of this bill", "其中自费": "Self-pay part", "其中乙类药": "Class-B drugs part",
    "今年统筹已报销": "Fund already paid this year", "结算单上统筹支付": "Fund figure on the slip",
    "结算单上个人负担": "My share on the slip", "医保范围内": "Within scope", "自费": "Self-pay",
    "乙类药": "Class-B drugs", "乙类检查或耗材": "Class-B tests or supplies",
    "是统筹报销的钱": "What the fund paid", "是一共花的钱": "What I spent in all",
    "全部都是中药": "All of it was Chinese medicine", "是定点机构": "Designated",
    "办了备案": "Filed", "没办备案": "Not filed", "今天": "Today", "昨天": "Yesterday",
    "没有自费": "No self-pay", "自费100": "Self-pay 100", "起付线已扣满": "Deductible already met",
    "按我结算单上的数字算": "Use the figures on my slip",
    "日期不是今天": "Not today", "不是定点机构": "Not designated", "在住院期间": "During an inpatient stay",
    "未经转诊": "Not referred", "经签约机构转诊": "Referred by the signed institution", "医院": "Hospital",
    "定点药店": "Pharmacy", "未签家庭医生": "No family-doctor contract", "签了家庭医生": "Family-doctor contract",
    "非建档立卡": "Not registered poor", "建档立卡贫困人口": "Registered poor",
    "不是签约机构": "Not the signed institution", "是签约机构": "The signed institution",
    "能给我爸妈买药吗": "Can my account buy medicine for my parents?",
    "能用来体检吗": "Can my account pay for a check-up?", "每月划多少": "How much goes into my account each month?",
    "个人账户能给我妈买药吗": "Can my account buy medicine for my mother?",
    "我是南昌退休职工，三级医院花了一千二": "Nanchang, retired employee, level-3 hospital, ¥1,200",
    "平凉在职，三甲医院1200元": "Pingliang, employee, level-3 grade-A hospital, ¥1,200",
})
_EN_CHIP.update({city: get_pack(next(iter(schemes_of(city).values()))).meta.city_en for city in CITIES})
#: English quick reply (case-folded) → the Chinese words it stands for
_ZH_CHIP: dict[str, str] = {}
for _zh, _en in _EN_CHIP.items():
    _ZH_CHIP.setdefault(_en.casefold(), _zh)  # the questions' own words first (Pharmacy → 药店)
_ZH_CHIP.update({"first visit this year": "今年第一次", "first bill this year": "今年第一次",
                 "some self-pay items": "有自费项目"})


def _chips_en(quick: list[str]) -> list[str]:
    """The English labels of a reply's quick replies (a Chinese one without a label stays as it is)."""
    return [_EN_CHIP.get(q, q) for q in quick]


def _tapped(message: str) -> str | None:
    """The Chinese words of one of our English quick replies (one label, or several joined by commas)."""
    key = message.strip().casefold()
    if key in _ZH_CHIP:
        return _ZH_CHIP[key]
    parts = [p.strip() for p in key.split(",")]
    if len(parts) > 1 and all(p in _ZH_CHIP for p in parts):
        return "，".join(_ZH_CHIP[p] for p in parts)
    return None


# -- the turn -------------------------------------------------------------------------------------

def _merge(known: Known, facts: Facts, fields: tuple[str, ...] | None = None) -> Known:
    changes = {}
    for name in (fields or PERSON_FIELDS + VISIT_FIELDS):
        value = getattr(facts, name, None)
        if value is not None:
            changes[name] = value
    if "provider_grade" in changes and facts.provider_kind is None and facts.provider_level is None \
            and known.provider_kind == "pharmacy" and known.prescribed_at_level == 3 and facts.prescribed_at_grade is None:
        # 是甲等 about a pharmacy's purchase on a level-3 prescription: the prescribing hospital's grade
        changes["prescribed_at_grade"] = changes.pop("provider_grade")
    if facts.provider_kind == "pharmacy" and facts.provider_level is None and (fields is None or "provider_kind" in fields):
        changes.setdefault("provider_level", None)
    if changes.get("fund_paid") and "deductible_used" not in changes and known.deductible_used is not None \
            and (fields is None or "deductible_used" in fields):
        # 起付线扣了300 → 说错了，是统筹已经报了300: the fund pays only once the deductible is used up —
        # the part of it said before no longer holds
        changes["deductible_used"] = None
    if "amount" in changes and "amount_of_parts" not in changes:
        changes["amount_of_parts"] = None  # a bill said as a whole
    elif "amount" not in changes and known.amount_of_parts and known.amount is not None and not facts.all_item:
        # 乙类药品三百 甲类两百 还有点自费的 → 自费的50: a part named after a bill added up from parts is one
        # more part of it — the bill grows by it (never counted inside parts it cannot belong to)
        added = [n for n in ITEM_FIELDS if n in changes and getattr(known, n) is None]
        grown = sum((changes[n] for n in added if changes[n] is not None), Decimal(0))
        # (乙类药400，乙类药300 → 不对，乙类药是200，还有100是自费的: a part split in two — what one part loses
        # the new one holds, and the bill stays what it was)
        shrunk = sum((getattr(known, n) - changes[n] for n in ITEM_FIELDS if n in changes and n not in added
                      and changes[n] is not None and getattr(known, n) is not None), Decimal(0))
        if added and shrunk != grown:
            changes["amount"] = known.amount + grown
    if changes.get("stated_ratio") is not None and changes.get("stated_ratio_level") is not None \
            and known.stated_ratio is not None and known.stated_ratio_level is not None \
            and known.stated_ratio_level != changes["stated_ratio_level"] and "stated_ratios" not in changes:
        # (西安, 二级55% told → 下个月还要去三级医院…三级是50%): the slip's line of another level — both kept,
        # each visit at its own level's ratio (never the first visit left without one)
        changes["stated_ratios"] = {**(known.stated_ratios or {}), known.stated_ratio_level: known.stated_ratio,
                                    changes["stated_ratio_level"]: changes["stated_ratio"]}
    if facts.new_place and (fields is None or "provider_level" in fields):
        # 在县医院花咧六百 after a 乡镇卫生院: another place, its level not said — asked, not carried over
        changes.setdefault("provider_level", None)
        changes.setdefault("provider_grade", None)
    if ("provider_level" in changes or "provider_kind" in changes) and "signed" not in changes and "referral" not in changes \
            and known.signed is False and facts.provider_level is not None:
        changes["signed"] = None  # 那我回社区看同样花500呢 after a 三甲: the new place is judged anew
    if "signed" in changes and "referral" not in changes:
        # 要是在签约卫生院看呢: at the signed institution, no longer a referral; 如果没转诊，自己直接去的呢:
        # not at it and no referral said — a plain visit outside the signed institution
        changes["referral"] = None
    if changes.get("category") is not None and known.category is not None and changes["category"] != known.category \
            and not facts.stated_same:
        # 如果是退休人员呢 after figures read off an employee's slip: the slip's parameters were that
        # category's — never carried to another (the document sets each category's own)
        for name in ("stated_deductible", "stated_cap", "stated_ratio", "stated_ratio_level", "stated_ratios"):
            if getattr(known, name, None) is not None:
                changes.setdefault(name, None)
    if "policy" not in changes and known.policy is not None and (
            (changes.get("scheme") is not None and changes["scheme"] != known.scheme)
            or (changes.get("category") is not None and changes["category"] != known.category)):
        # 那我老公是职工医保，在职: another scheme (or category) of the same city is another document
        from .understand import policy_for
        changes["policy"] = policy_for(changes.get("city") or known.city, changes.get("scheme") or known.scheme,
                                       changes.get("category") or known.category)
    if changes.get("city") is not None and changes["city"] != known.city and "policy" not in changes:
        # 不是南充，是南昌: another city is another document — the policy follows the city said
        from .understand import policy_for
        changes["policy"] = policy_for(changes["city"], changes.get("scheme") or known.scheme,
                                       changes.get("category") or known.category)
    if facts.all_item and "amount" not in changes and known.amount is not None:
        changes[facts.all_item] = known.amount  # …开的中药: the bill already told is that item
    if "account_balance" in changes and "balance_at_least" not in changes:
        changes["balance_at_least"] = None  # an exact balance said after a hedged one replaces it
    if "account_balance" in changes and "balance_around" not in changes:
        changes["balance_around"] = None
    if "prior_unreimbursed" in changes and "prior_at_least" not in changes:
        changes["prior_at_least"] = None  # an exact spending said after a hedged one replaces it
    if "fund_paid" in changes and "fund_at_least" not in changes:
        changes["fund_at_least"] = None  # an exact fund figure said after a hedged one replaces it
    if "fund_paid" in changes and "fund_up_to" not in changes:
        changes["fund_up_to"] = None
    if "fund_paid" in changes and "fund_around" not in changes:
        changes["fund_around"] = None
    if changes.get("provider_level") is not None and "provider_kind" not in changes:
        changes["provider_kind"] = "hospital"
    if changes.get("provider_level") is not None and "provider_grade" not in changes:
        changes["provider_grade"] = None
    if changes.get("fund_paid") is not None and changes["fund_paid"] > 0:
        changes.setdefault("deductible_met", True)
        changes.setdefault("first_visit_this_year", None)
    if changes.get("deductible_met") or changes.get("deductible_used") or changes.get("deductible_remaining"):
        changes.setdefault("first_visit_this_year", None)
    if changes.get("first_visit_this_year"):
        # 今年第一次 (said now) replaces any position said before
        for name in ("deductible_met", "deductible_used", "fund_paid", "deductible_remaining", "prior_unreimbursed",
                     "claimed_before"):
            changes.setdefault(name, None)
    return msgspec.structs.replace(known, **changes) if changes else known


_YES_ANSWER = rx.compile(r"签了|签过|签的|是的|是|有的|有|对|yes|signed", re.IGNORECASE)
_NO_ANSWER = rx.compile(r"没签|没有|不是|没|未签|否|\bno\b|not", re.IGNORECASE)
#: 这是去年12月看的: the date said of this visit itself (not of an earlier claim told beside it)
_THIS_ONE_WHEN = rx.compile(r"这(?:是|次|回|个|张|单)[^,，。]{0,8}?(?:看的|去的|拿的|买的|开的|就诊的)")
#: 帮我看看单子对不对 with no figure yet: a slip to check, its figures asked
_CHECK_MY_SLIP = rx.compile(r"(?:单子|结算单|发票|票据|报销单|报的)[^,，。]{0,8}(?:对不对|对吗|对不|有没有问题|算错)|(?:帮我|帮忙)(?:看看|看下|核对|核一下|查查)")
_UNCLAIMED_SAID = rx.compile(r"没报|未报|没有报|统筹未支付|统筹没(?:有)?(?:支付|付|给)|没走统筹|起付线(?:里|内|以内)|未达起付|没(?:过|到|达到)起付")
_PAID_QUESTION = rx.compile(r"报不|给报|能报|报吗|报销吗|报销不|管不管|给不给|covered|pay for"
                            r"|(?<=[用行能可])不[?？。!！]*$")  # 明年能接着用不: a question ending in 不
_RETRACTED = rx.compile(r"(?:可能|也许|好像|怕是)(?:是)?(?:记错|说错|搞错|弄错)|不一定(?:对|准)|记不准")
_POSITION_WORDS = rx.compile(r"起付|报销过|报过|第一次|头一回|统筹(?:付|报)")
_BOTH_FROM_ACCOUNT = rx.compile(r"两次都|都刷|两次一起|一起算|都用账户|都从账户|全年|总共")
_SLIP_FIELDS = ("slip_fund", "slip_cash", "slip_personal", "slip_account", "slip_first_self_pay", "slip_excluded", "slip_deductible")
#: what a person says of the year's position (each of the year the visit falls in)
#: 限额用完了个人账户还能付吗 / 起付线满了以后医保卡还能刷吗: a position of the year said as the condition of a
#: question about the account (no figure), not as a fact of this year
_IF_USED_UP_THEN_ACCOUNT = rx.compile(
    r"(?:限额|封顶线|额度|起付线|统筹)[^,，。0-9]{0,4}?(?:用完|用光|花完|报完|到顶|封顶|满|扣完|够)了?(?:以后|之后|的话|后)?[,， ]*"
    r"(?:那|那么)?(?:个人账户|账户|个账|医保卡|卡里的钱)[^,，。0-9]{0,4}?(?:还)?(?:能|可以|可不可以|能不能)(?:再)?(?:付|用|刷|支付|报)")
_YEAR_POSITION = ("first_visit_this_year", "deductible_met", "deductible_used", "fund_paid", "deductible_remaining",
                  "prior_unreimbursed", "prior_at_least", "claimed_before", "fund_at_least", "fund_up_to", "fund_around", "cap_share",
                  "cap_left")
#: where a visit was: carried to another visit told without a place of its own (又去了一次，150)
_PLACE_FIELDS = ("provider_kind", "provider_level", "provider_grade", "prescribed_at_level", "prescribed_at_grade", "primary_care",
                 "signed", "referral")


def _another_visit(before: Known, facts: Facts, text: str = "") -> Known:
    """The next visit of the same person's year: what the message says of it, at the same place as the
    visit before unless the message names a place (同一家医院 / the same hospital: that place)."""
    person = {n: getattr(before, n) for n in PERSON_FIELDS}
    if facts.first_visit_this_year is False:
        # 后来上个月又在三级医院看了一次: not the year's first — which the visit before it already says
        # (the year's position is that of its first visit, told before)
        facts = msgspec.structs.replace(facts, first_visit_this_year=None)
    if _SAME_PLACE.search(text) and facts.provider_level is None and facts.signed is None and facts.referral is None:
        facts = msgspec.structs.replace(facts, provider_kind=None)
    if not any(getattr(facts, n) is not None for n in ("provider_kind", "provider_level", "signed", "referral")):
        person.update({n: getattr(before, n) for n in _PLACE_FIELDS})  # 今天又去了一次，150: the same place
    return _merge(Known(**person), facts)


_SAME_PLACE = rx.compile(r"同一家|同一个(?:医院|地方|诊所|药店)|同一(?:医院|诊所|药店)|还是那家|还是那个(?:医院|诊所|药店)|还是这家|原来那家"
                         r"|same (?:hospital|clinic|pharmacy|place)")


def _ahead(facts: Facts) -> bool:
    """下周 / 下个月: the visit is dated after today (a visit still to come)."""
    return (facts.days_ago or 0) < 0 or (facts.months_ago or 0) < 0


def _ledger_index(named: re.Match[str], ledger: list[Known]) -> int:
    """The visit of the year's ledger an earlier visit named stands for (第一次 / 上次 / 3月那次 /
    社区那次: its ``month`` or ``place`` group; its ``which`` group, when the pattern has one, is the words
    naming the visit), or -1 when the ledger holds no single one."""
    index = 0 if _FIRST_VISIT_OF_LEDGER.match(named.groupdict().get("which") or named.group(0)) else len(ledger) - 1
    month, place = named.groupdict().get("month"), named.groupdict().get("place")
    if month:
        month_n = parse_number(month)
        at = [i for i, v in enumerate(ledger) if month_n is not None and v.month == month_n]
    elif place in ("药店", "药房"):
        at = [i for i, v in enumerate(ledger) if v.provider_kind == "pharmacy"]
    elif place in ("社区", "诊所", "卫生院", "卫生室"):
        at = [i for i, v in enumerate(ledger) if v.provider_kind == "hospital" and v.provider_level == 1]
    else:
        return index
    return at[0] if len(at) == 1 else -1


#: (单子报了100 对吧 为什么这么少: the slip named, or its figure put to check — a bill check, the steps in it)
_SLIP_OR_CHECK = rx.compile(r"单子|结算单|发票|小票|收据|票据|对吗|对吧|对不对|对么|对不|没错吧|算错|slip|receipt|right\?")


def _fund_of(state: SessionState, today: dt.date) -> Decimal | None:
    """What the fund pays of the visit told, as the calculator settles it (None when it cannot)."""
    try:
        return calculate(convert_request(_request(state.known, state.ledger, today))).visits[-1].fund_pays
    except CalculatorError:
        return None


def _later_visit(state: SessionState, facts: Facts, u: Understanding, today: dt.date) -> bool:
    """3月份又去二级医院花了500 → 今天在三级医院花了1000: a new bill dated after the visit told, with a
    place of its own, is one more visit of the year (not this one changed) — unless it corrects."""
    if facts.amount is None or u.correction or (facts.provider_kind is None and facts.provider_level is None):
        return False
    if _ahead(facts):
        # 那下周我去社区医院开药花300 (after today's bill): a visit still to come — one more of the year
        return state.known.year is None or state.known.year == today.year
    dated = _dated(facts, today)
    if state.known.month is None:
        # (南昌退休 三级医院 1200 → 12月3日计划去二级医院复查 800: the visit told is today's; a visit dated
        # after today, with a place of its own, is one more of the year still to come)
        return dated.month is not None and (state.known.year or today.year) == today.year \
            and (dated.year or today.year) == today.year and _by_date(today)(dated) > (today.year, today.month, today.day)
    if dated.month is None:
        # 今年3月…花费500 → 本次在中医医院门诊花费800: “this time”, with a place of its own, after a visit
        # dated months before — today's visit, one more of the year
        return bool(_THIS_TIME_SAID.search(u.text)) and (state.known.year or today.year) == today.year \
            and state.known.month < today.month
    return _by_date(today)(dated) > _by_date(today)(state.known)


def _spent_before(known: Known, ledger: list[Known], today: dt.date) -> Known:
    """What was spent before this visit this year (今年之前门诊花了1200 / 花过一千多), as the year's position.

    Past the deductible, the deductible is met and the fund may have paid anything from nothing up
    to the calculator's ``most_fund_paid`` (the spending past the deductible at the document's
    highest ratio): settled when this bill's figure is the same at both ends (the calculator settles
    both), else the year's fund figure is asked. Said as a floor (花过一千多) it is asked in any case."""
    spent = known.prior_unreimbursed
    policy = _policy(known)
    if spent is None or policy is None:
        return known
    deductible = deductible_for(get_pack(policy), known.category or "employee")
    if deductible is None:
        return known
    if known.prior_at_least:
        # 今年门诊花过一千多了: blind writers split evenly between settling it (past the deductible) and
        # asking (part of it may have been self-pay, so even the deductible is not sure) — asked: below
        # the deductible how much of it went, past it what the fund paid of it
        return msgspec.structs.replace(known, prior_unreimbursed=None, prior_at_least=None, **(
            {"deductible_met": None, "claimed_before": True} if spent >= deductible else {}))
    if spent < deductible:
        return known
    low = msgspec.structs.replace(known, prior_unreimbursed=None, prior_at_least=None, deductible_met=True,
                                  fund_paid=None)
    most = most_fund_paid(get_pack(policy), known.category or "employee", spent)
    high = msgspec.structs.replace(low, fund_paid=most if most is not None else max(spent - deductible, Decimal(0)))
    try:
        lo_visit, hi_visit = (calculate(convert_request(_request(k, ledger, today))).visits[-1] for k in (low, high))
        same = (lo_visit.fund_pays, lo_visit.personal_pays) == (hi_visit.fund_pays, hi_visit.personal_pays)
    except CalculatorError:
        same = False
    # (今年门诊已累计花过2000多（起付线肯定过了）: the deductible met, but what the fund paid decides — asked)
    return low if same else msgspec.structs.replace(known, prior_unreimbursed=None, prior_at_least=None,
                                                    deductible_met=None, claimed_before=True)


def _place_of(figure: Decimal) -> Decimal:
    """The unit of a figure's last non-zero digit (80 → 10, 1000 → 1000, 1200 → 100): how far “about” or “多” it
    reaches."""
    return Decimal(1).scaleb(max(int(figure.normalize().as_tuple().exponent), 0))


def _fund_span_said(known: Known) -> str | None:
    """A fund figure said as two neighbouring digits (三四百: 300 up to below 500), as “300到400多”; None for
    any other figure (几百 is said as such)."""
    if not known.fund_at_least or known.fund_paid is None or known.fund_up_to is None \
            or (known.fund_paid, known.fund_up_to) == (Decimal("100.00"), Decimal("999.99")):
        return None
    return f"{known.fund_paid:.0f}到{known.fund_up_to + Decimal('0.01') - _place_of(known.fund_paid):.0f}多"


def _hedge_matters(known: Known, ledger: list[Known], today: dt.date, result: Any) -> bool:
    """Whether a fund figure said as a floor (八十多: 80 up to below 90) changes this bill: the request
    settled again by the calculator at the top of the range, the last visit's figures compared."""
    said = known.fund_paid or Decimal(0)
    place = _place_of(said)  # 80 → 10, 400 → 100, 1000 → 1000
    ends = [known.fund_up_to if known.fund_up_to is not None else said + place - Decimal("0.01")]
    if known.fund_around:  # 大概400: below it as well as above
        ends.append(max(said - place, Decimal(0)))
    a = result.visits[-1]
    for end in ends:
        other_known = msgspec.structs.replace(known, fund_paid=end, fund_at_least=None, fund_around=None, fund_up_to=None)
        try:
            other = calculate(convert_request(_request(other_known, ledger, today)))
        except CalculatorError:
            return True
        b = other.visits[-1]
        if (a.fund_pays, a.personal_pays) != (b.fund_pays, b.personal_pays):
            return True
    return False


def _place_words(known: Known, facts: Facts, u: Understanding) -> Known:
    """Where this visit was, in words the facts do not hold: a primary-care centre (a resident's signed
    institution is one) or a big hospital. Not when signing itself is talked of — 算不算签约的那家？ is
    a doubt, asked or shown both ways."""
    if facts.provider_kind is None and facts.provider_level is None:
        return known
    # (签约在社区，今天在那看的 / 在乡卫生院签的约: signing said plainly is no doubt; only a doubt about it is)
    signing = _SIGNING.search(_FAMILY_DOCTOR_SIGNED.sub("", u.text)) is not None and _SIGNING_DOUBT.search(u.text) is not None
    big = bool(_BIG_HOSPITAL.search(u.text)) and not signing and not _REFERRAL_WORDS.search(u.text)
    primary = (bool(_PRIMARY_CARE.search(u.text)) and not signing) or None
    if big and not primary and known.signed and facts.signed is None:
        # 那俺老伴去县人民医院看能报不, after a visit at the signed 卫生院: the new place is not the signed
        # institution it was (a hospital never is) — judged anew, not carried over
        known = msgspec.structs.replace(known, signed=None, family_doctor=known.family_doctor)
    return msgspec.structs.replace(known, primary_care=primary, big_hospital=big or None)


def _note_place(state: SessionState, facts: Facts, u: Understanding) -> None:
    """:func:`_place_words` of this turn, kept in the state."""
    state.known = _place_words(state.known, facts, u)


def _where_unknown(visit: Known) -> bool:
    """A prescription's visit not said to be filled at a pharmacy or at the hospital that wrote it."""
    return visit.provider_kind is None and visit.provider_level is None and visit.prescribed_at_level is not None


def _filled_at_hospital(visit: Known) -> Known:
    """A prescription filled at the hospital that wrote it: that hospital's visit, at its level."""
    return msgspec.structs.replace(visit, provider_kind="hospital", provider_level=visit.prescribed_at_level,
                                   provider_grade=visit.prescribed_at_grade, prescribed_at_level=None,
                                   prescribed_at_grade=None)


def _place_earlier_visit(state: SessionState, index: int, facts: Facts) -> Facts:
    """The place ``facts`` tell set on the earlier visit ``index`` of the ledger; the facts without it
    (it is not this visit's)."""
    if index < len(state.ledger):
        state.ledger[index] = msgspec.structs.replace(
            state.ledger[index], provider_kind=facts.provider_kind or "hospital", provider_level=facts.provider_level,
            provider_grade=facts.provider_grade, provider_assumed=None)
    return msgspec.structs.replace(facts, provider_kind=None, provider_level=None, provider_grade=None)


def _by_date(today: dt.date) -> Any:
    """Sort key: a visit's date, today's where the message left a part of it out."""
    return lambda k: (k.year or today.year, k.month or today.month, k.day or today.day)


def _missing(known: Known) -> str | None:
    """The one fact that matters most and is still unknown: the calculator says which (one source of rules)."""
    if known.city is None and known.policy is None:
        return "city"
    policy = _policy(known)
    if policy is None:
        return "scheme"
    if known.city and known.scheme == "resident" and "resident" not in schemes_of(known.city):
        return None  # answered by _unsupported
    still = missing_facts(_partial(known, policy))
    if not still:
        if known.claimed_before and known.fund_paid is None and known.deductible_used is None:
            return "fund_paid"  # 今年统筹报了不少了: how much the fund paid decides what the cap leaves
        return None
    fact = still[0].fact
    if fact in ("provider_level", "provider_kind") and known.provider_kind is None and known.prescribed_at_level is not None:
        return "where_bought"  # 处方二级医院开的，药费480: a pharmacy's purchase, or that hospital's own? asked
    if fact == "year_start" and known.stated_deductible is None and known.stated_cap is None:
        pack = get_pack(policy)
        category = known.category or "employee"
        if deductible_for(pack, category) is None and pack.cap.get(pack.settled_category(category)) is None:
            # the year's position decides only what is left of the deductible and the cap: where the
            # document sets neither (西安, its bureau's figures not supplied) it is not asked — the
            # figures the answer lacks are what is said
            rest = [f.fact for f in still[1:] if f.fact != "year_start"]
            return rest[0] if rest else None
    if fact == "year_start" and known.claimed_before:
        return "fund_paid"
    return fact


def _partial(known: Known, policy: str) -> Partial:
    """What the calculator needs to know of the request so far, in its own terms."""
    position = any(v is not None and v is not False for v in (
        known.fund_paid, known.deductible_used, known.deductible_remaining, known.prior_unreimbursed,
        known.first_visit_this_year or None, known.deductible_met or None))
    return Partial(
        policy=policy, category=known.category,
        provider_kind=known.provider_kind if known.provider_kind in ("hospital", "pharmacy") else None,
        provider_level=known.provider_level, provider_grade=known.provider_grade,
        prescribed_at_level=known.prescribed_at_level, prescribed_at_grade=known.prescribed_at_grade,
        signed=True if known.provider_kind == "signed" or _signed_assumed(known)
        else False if _not_signed_assumed(known) else known.signed,
        referral=known.referral,
        designated=known.designated, amount=known.amount, year_position=position,
        items=tuple(name for name in ITEM_FIELDS if getattr(known, name) is not None),
        offsite=known.offsite, offsite_filed=known.offsite_filed,
        parameters_supplied=known.stated_ratio is not None)


#: a primary-care centre's words: for a resident, the place a signed institution is (DOMAIN: 签约机构)
_PRIMARY_CARE = rx.compile(r"卫生院|卫生室|卫生所|卫生服务中心|卫生服务站|社区医院|社区(?!医保)|村医|村里|乡里的?诊|township|community|village"
                           # 养老院里的医务室: a care home's own clinic may be one (第十七条)
                           r"|(?:养老院|养老机构|敬老院|福利院)[^,，。]{0,4}(?:医务室|诊所|卫生室|医疗室)")


_SIGNING = rx.compile(r"签|sign")
_FAMILY_DOCTOR_SIGNED = rx.compile(r"签(?:了|过|约了?|没签(?:约)?)?(?:的)?(?:家庭医生|家医)|家庭医生签约|家庭医生(?:也)?签(?:了|过)|signed (?:up )?(?:with )?(?:a )?family doctor")


_BIG_HOSPITAL = rx.compile(r"三甲|三级|二甲|二级|省[^,，。]{0,6}医院|附属|附一|一附院|二附院|儿童医院|大医院"
                           # 县人民医院, 市第一医院: hospitals, never a resident's signed institution (第十七条:
                           # 乡镇卫生院 or 社区卫生服务机构)
                           r"|人民医院|县医院|市医院|区医院|中心医院|第[一二三四五六七八九十]+(?:人民)?医院|[市县区][一二三四五六七八九]院"
                           # a level-3 hospital / tertiary / county hospital (English)
                           r"|level[- ]?[23]|tier[- ]?[23]|tertiary|secondary hospital|grade[- ]?[23]|county hospital|provincial hospital")
_SIGNING_DOUBT = rx.compile(r"算不算|是不是|是否|不知道|不清楚|不记得|记不得|记不清|签没签|有没有签|[吗么][?？]?$|[吗么][,，。?？]"
                            r"|不是(?:签约|那家|这家|他们)|没签|未签|not sure|whether|\?")
_REFERRAL_WORDS = rx.compile(r"中医|转诊|转到|转去|转过|referr")


def _not_signed_assumed(known: Known) -> bool:
    """A resident seen at a large hospital, nothing said of signing or a referral: not the signed
    institution (signed institutions are primary-care centres) — said so in the answer, correctable."""
    if known.provider_kind == "pharmacy" and known.signed is None and known.referral is None \
            and (policy := _policy(known)) is not None and get_pack(policy).meta.scheme == "resident":
        return True  # 南昌居民 在药店买药: a pharmacy is neither a signed institution nor the referral's hospital
    return bool(known.big_hospital) and not known.primary_care and known.signed is None \
        and known.referral is None and known.provider_kind in (None, "hospital")


def _signed_assumed(known: Known) -> bool:
    """A resident seen at a primary-care centre, with nothing said of signing: read as the signed
    institution (the request's default), stated in the answer with a way to correct it."""
    return bool(known.primary_care) and known.signed is None and known.referral is None \
        and known.provider_kind in (None, "hospital") and known.provider_level in (None, 1) \
        and (policy := _policy(known)) is not None and get_pack(policy).meta.scheme == "resident"


def _first_self_pay_rule(known: Known) -> bool:
    """Whether the person's document has class-B items paid first (平凉 第六条): only then does a slip's
    first self-pay line need the class-B amount to be checked (南充 sets none — the line is checked as
    it stands, against none)."""
    policy = _policy(known)
    return policy is None or bool(get_pack(policy).first_self_pay)


def _exact_of_rough(figure: Decimal, rough: Decimal) -> bool:
    """Whether ``figure`` is one that “``rough``多” can mean: as many digits, the same leading digits
    down to the last non-zero one (1000多: 1,001–1,999; 四百多: 401–499; 1200多: 1,201–1,299)."""
    whole, said = int(figure), int(rough)
    if whole <= said or len(str(whole)) != len(str(said)):
        return False
    head = str(said).rstrip("0")
    return str(whole).startswith(head)


def _named_place_levels(state: SessionState, message: str) -> str:
    """Hospitals named with their level are kept (矿医院（一级）, 华亭市医院是二级); a name kept, said again
    with no level in the message (那我明天再去矿医院看一回), has its level put back beside it — the
    person's own words of before, never a level guessed from a name."""
    if "医院" not in message and "卫生院" not in message and "诊所" not in message:
        return message
    for m in _PLACE_WITH_LEVEL.finditer(message):
        name = _BEFORE_THE_NAME.sub("", m.group("name"))
        if len(name) >= 3 and not _NOT_A_NAME.search(name):
            state.place_levels = {**state.place_levels, name: m.group("level")}
    if state.place_levels and not _LEVEL_SAID.search(message):
        for name, level in state.place_levels.items():
            at = message.find(name)
            if at >= 0:
                return message[:at + len(name)] + f"（{level}）" + message[at + len(name):]
    return message


def _hospital_name(text: str) -> str | None:
    """The name of a hospital the message says (去了南大二附院 / 是在高坪区人民医院 / 今天在南充市中心医院 →
    南充市中心医院), or None: what a match holds before the name (今天在, 我爸在) is cut off, and the
    words before 医院 in 今天在医院, 那医院 or 几级医院 name no hospital."""
    found = None
    for m in _HOSPITAL_NAMED.finditer(text):
        name = _BEFORE_THE_NAME.sub("", m.group("name"))
        if len(name) > 2 and not _NOT_A_NAME.search(name):
            found = name  # (去过社区医院两次…今天又去一附院: the last one named is this visit's)
    return found


def _level_matters(state: SessionState, index: int, today: dt.date) -> bool:
    """Whether the earlier visit's level (taken as the next one's) changes the last visit's figure — or,
    for a prescription not said to be filled at a pharmacy or at the hospital that wrote it, its place."""
    figures = set()
    earlier = state.ledger[index]
    trials = ([msgspec.structs.replace(earlier, provider_kind="pharmacy"), _filled_at_hospital(earlier)]
              if _where_unknown(earlier) else
              [msgspec.structs.replace(earlier, provider_kind="hospital", provider_level=level,
                                       provider_grade=None if level < 3 else "A") for level in (1, 2, 3)])
    for trial in trials:
        ledger = [trial if i == index else v for i, v in enumerate(state.ledger)]
        try:
            visit = calculate(convert_request(_request(state.known, ledger, today))).visits[-1]
        except CalculatorError:
            return True
        figures.add((visit.fund_pays, visit.personal_pays))
    return len(figures) > 1


def _cited(known: Known, fact: str) -> str:
    """〔article〕“quote” of the rule that makes ``fact`` missing — the calculator's own citation."""
    policy = _policy(known)
    found = next((m for m in missing_facts(_partial(known, policy)) if m.fact == fact), None) if policy else None
    return f"〔{found.article}〕“{found.quote}”\n" if found is not None and found.quote else ""


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
    if known.referral or (_not_signed_assumed(known) and _policy(known) and get_pack(
            cast(str, _policy(known))).meta.scheme == "resident"):
        provider["signed"] = False  # a referral, or a large hospital (not where residents sign)
    visit: dict[str, Any] = {"date": date.isoformat(), "provider": provider}
    if known.inpatient:
        visit["inpatient"] = True
    amount = known.amount or Decimal("0")
    items = {name: getattr(known, name) for name in ITEM_FIELDS if getattr(known, name)}
    if items:
        visit["items"] = split_items(amount, items)
    else:
        visit["amount"] = str(amount)
    return visit


def _request(known: Known, ledger: list[Known], today: dt.date) -> dict[str, Any]:
    policy = cast(str, _policy(known))  # a request is built once the policy is known
    pack = get_pack(policy)
    if pack.meta.scheme == "resident":
        insured: dict[str, Any] = {"category": "resident", "resident": {
            "family_doctor": bool(known.family_doctor), "poverty_registered": bool(known.poverty_registered)}}
    else:
        insured = {"category": known.category}
        if known.retired_on:
            insured["retired_on"] = known.retired_on.isoformat()
    year_start: dict[str, str] = {}
    if pack.meta.scheme == "employee" and (pack.deductible or known.stated_deductible is not None):
        used = known.deductible_used
        if used is None:
            # (retired this year: a visit before the switch is an employee's — “met” must be met for either)
            met = bool(known.deductible_met) or bool(known.fund_paid and known.fund_paid > 0)
            categories = {known.category or "employee", *(("employee",) if known.retired_on and met else ())}
            figures = [deductible_used(pack, c, met=bool(known.deductible_met), remaining=known.deductible_remaining,
                                       unreimbursed=known.prior_unreimbursed, fund_paid=known.fund_paid,
                                       deductible=known.stated_deductible) for c in sorted(categories)]
            used = max((f for f in figures if f is not None), default=None)
        if used is not None:
            year_start["deductible_used"] = str(used)
        fund_paid = known.fund_paid
        if fund_paid is None and known.cap_share is not None:
            fund_paid = fund_paid_share(pack, known.category or "employee", known.cap_share)  # 额度用了一半
        if fund_paid is None and known.cap_left is not None:
            fund_paid = fund_paid_from_cap_left(pack, known.category or "employee", known.cap_left)  # 还差100就封顶
        if fund_paid is not None:
            year_start["fund_paid"] = str(fund_paid)
    if pack.supplied is not None and known.stated_ratio is None and known.stated_ratios \
            and not (known.provider_kind == "pharmacy" and (pack.pharmacy is None or pack.pharmacy.rule == "tier")):
        # 一级60%，二级55%，三级50% said before, a visit at one of them now: that level's line
        level_now = known.prescribed_at_level if known.provider_kind == "pharmacy" else known.provider_level
        if level_now in known.stated_ratios:
            known = msgspec.structs.replace(known, stated_ratio=known.stated_ratios[level_now], stated_ratio_level=level_now)
    if pack.supplied is not None and known.stated_ratio is not None:
        # figures read off the person's own slip: cited as supplied by the person, checked by the calculator
        settled = pack.settled_category(known.category or "employee")
        tier_pharmacy = known.provider_kind == "pharmacy" and (pack.pharmacy is None or pack.pharmacy.rule == "tier")
        level: int | str | None = "pharmacy" if tier_pharmacy else (
            known.stated_ratio_level or (known.prescribed_at_level if known.provider_kind == "pharmacy"
                                         else known.provider_level))
        params: dict[str, Any] = {"source": "您本人结算单上的数字（由您提供，非文件规定）"}
        if level is not None:
            params["ratio"] = {settled: {**{str(lvl): str(r) for lvl, r in (known.stated_ratios or {}).items()},
                                         str(level): str(known.stated_ratio)}}
        if known.stated_deductible is not None:
            params["deductible"] = {settled: str(known.stated_deductible)}
        if known.stated_cap is not None:
            params["cap"] = {settled: str(known.stated_cap)}
        req_params: dict[str, Any] | None = params
    else:
        req_params = None
    req: dict[str, Any] = {"policy": policy, "insured": insured, "year_start": year_start,
                           "visits": [_visit(k, today) for k in [*ledger, known]]}
    if req_params is not None:
        req["parameters"] = req_params
    if known.account_balance is not None and pack.account.available:
        req["account_balance"] = str(known.account_balance)
    return req


def _dialogue_assumptions(known: Known, pack, locale: str) -> list[str]:
    out = []  # the whole-bill-in-scope default is stated by the calculator's own input assumption
    if known.designated is None and known.offsite:
        # (深圳社区医院 … 办了异地安置备案: out of the city, said — only the rest is assumed)
        out.append(_t(locale, "按定点医药机构就诊、不在住院期间计算。",
                      "The provider is taken as designated, not during an inpatient stay."))
    elif known.designated is None:
        out.append(_t(locale, "按在本市定点医药机构就诊、不在住院期间计算。",
                      "The provider is taken as designated and in the city, not during an inpatient stay."))
    if pack.meta.scheme == "resident":
        if _signed_assumed(known):
            out.append(_t(locale, "按在您签约的门诊统筹机构就诊计算（不是签约机构的话，统筹不支付，请告诉我）。",
                          "Taken as your signed institution (if it was not, the fund pays nothing — tell me)."))
        if _not_signed_assumed(known) and known.provider_kind != "pharmacy":  # (a pharmacy's step says why)
            out.append(_t(locale, "这家医院按不是您的门诊统筹签约机构计算（签约机构是社区卫生服务中心、乡镇卫生院等；"
                                  "经签约机构转诊到县级中医医院的，请告诉我）。",
                          "This hospital is taken as not your signed institution (those are community and township "
                          "health centres; if you were referred to the county TCM hospital, tell me)."))
        if known.family_doctor is None and known.poverty_registered is None:
            out.append(_t(locale, "按未签家庭医生、非建档立卡贫困人口计算。",
                          "No family-doctor contract and not registered poor."))
    if known.cap_share is not None and known.fund_paid is None:
        out.append(_t(locale, "今年统筹已支付的钱按年度最高支付限额乘以您说的比例计算（您说额度用了"
                              + ("一半" if known.cap_share == Decimal(1) / 2 else f"{known.cap_share:.2%}") + "）。",
                      "What the fund has paid this year is taken as that share of the annual cap, as you said."))
    if known.cap_left is not None and known.fund_paid is None and known.cap_left == 0:
        out.append(_t(locale, "今年统筹已支付的钱按年度最高支付限额计算（您说今年的额度已经用完）。",
                      "What the fund has paid this year is taken as the whole annual cap, as you said it is used up."))
    elif known.cap_left is not None and known.fund_paid is None:
        out.append(_t(locale, f"今年统筹已支付的钱按年度最高支付限额减去您说的“还差{known.cap_left:.2f}”计算。",
                      f"What the fund has paid this year is taken as the annual cap less the {known.cap_left:.2f} "
                      "you said is left."))
    if known.fund_around and known.fund_paid is not None:
        out.append(_t(locale, f"今年统筹已支付的钱按您说的“大约{known.fund_paid:.0f}”计算；"
                              "在这个数上下，这次的结果都一样。",
                      f"The fund's payments this year are taken as about {known.fund_paid:.0f}, as you said; "
                      "a little above or below, this bill's figure is the same."))
    elif known.fund_at_least and known.fund_paid is not None and known.fund_up_to is not None \
            and (known.fund_paid, known.fund_up_to) != (Decimal("100.00"), Decimal("999.99")):  # (几百: below)
        out.append(_t(locale, f"今年统筹已支付的钱按您说的范围里最少的{known.fund_paid:.0f}元计算；"
                              f"从{known.fund_paid:.0f}到{known.fund_up_to:.2f}，这次的结果都一样。",
                      f"The fund's payments this year are taken as {known.fund_paid:.0f}, the low end of what you said; "
                      "anywhere in that range this bill's figure is the same."))
    elif known.fund_at_least and known.fund_paid is not None and known.fund_up_to is not None:
        out.append(_t(locale, f"今年统筹已支付的钱按您说的“几百”里的{known.fund_paid:.0f}元计算；"
                              f"从{known.fund_paid:.0f}到{known.fund_up_to:.2f}，这次的结果都一样。",
                      f"The fund's payments this year are taken as {known.fund_paid:.0f} (you said some hundreds); "
                      "anywhere in that range this bill's figure is the same."))
    elif known.fund_at_least and known.fund_paid is not None:
        out.append(_t(locale, f"今年统筹已支付的钱按您说的“{known.fund_paid:.0f}多”里的{known.fund_paid:.0f}元计算；"
                              "在这个范围内，这次的结果都一样。",
                      f"The fund's payments this year are taken as {known.fund_paid:.0f} (you said over that); "
                      "anywhere in that range this bill's figure is the same."))
    if known.balance_around and known.account_balance is not None:
        out.append(_t(locale, f"个人账户余额按您说的“大概{known.account_balance:.0f}”计算，够付个人负担，结果不受影响"
                              "（账户还剩多少以实际余额为准）。",
                      f"The account balance is taken as about {known.account_balance:.0f}, as you said; it covers "
                      "the share, so the result stands (what is left depends on the exact balance)."))
    if known.balance_at_least and known.account_balance is not None:
        out.append(_t(locale, f"个人账户余额按您说的“{known.account_balance:.0f}多”里的{known.account_balance:.0f}元计算，"
                              "够付这次的个人负担，结果不受影响（账户还剩多少以实际余额为准）。",
                      f"The account balance is taken as {known.account_balance:.0f} (you said over that); it covers "
                      "this share, so the result stands (what is left depends on the exact balance)."))
    if known.month is None:
        out.append(_t(locale, "就诊日期按今天计算。", "The visit is dated today."))
    if pack.meta.scheme == "employee" and known.deductible_met and known.fund_paid is None \
            and known.deductible_used is None:
        out.append(_t(locale, "起付线按已扣满、今年统筹尚未支付计算年度限额。",
                      "The deductible is taken as met and nothing paid toward the cap yet."))
    return out


def _days_not_said(ledger: list[Known], known: Known, locale: str) -> list[str]:
    """A visit dated by its month alone (三月份看过一次) is entered on the 1st: said as a reading, so
    that the working's “3月1日” is never taken for a day the person named."""
    out = []
    for visit in [*ledger, known]:
        if visit.month and not visit.day:
            this = visit is known
            out.append(_t(locale, f"这次就诊只说了{visit.month}月，按{visit.month}月1日记" if this
                          else f"之前{visit.month}月那次没说是哪一天，按{visit.month}月1日记",
                          f"The {'' if this else 'earlier '}visit in month {visit.month} had no day said; "
                          f"it is entered on the 1st"))
    return out


_NONE_OTHER = rx.compile(r"^(?:没有|没了|没|无|没看过|没有了|没有别的|就这些|no|none)[。.!！,，]*$", re.IGNORECASE)
_NTH_VISIT = rx.compile(r"^(?:那|还有|然后|接着)?(?:今年)?第([二三四五六七八九])(?:次|回|趟)")


def _nth_visit(text: str) -> int | None:
    """The visit's place in the year a message opens with (第三回是… → 3), if it does."""
    nth = _NTH_VISIT.match(text)
    return "一二三四五六七八九".index(nth.group(1)) + 1 if nth is not None else None
_IF_WORDS = rx.compile(r"^(?:那么|那|要是|如果|假如|换成)+")
#: 那能用来买健身卡吗 / 那给我妈买药呢: a short follow-up question with no subject of its own
_FOLLOW_UP_QUESTION = rx.compile(r"^(?:那|那么)(?P<rest>(?:还)?(?:能|可以|可不可以|能不能|能否|给)[^。]{1,20}?(?:吗|么|呢|不)?[?？]?)$")
_ACCOUNT_OR_FIGURE = rx.compile(r"账户|个账|医保卡|account|统筹|报|[0-9０-９]|[一二两三四五六七八九十百千]+[块元]")
#: the person a message is about, said first (她今年第一次 / 我老伴…)
_SUBJECT_START = rx.compile(r"我老伴|我老公|我老婆|我爱人|我爸|我妈|老伴|她|他|我")
#: questions whose fact has another name in the contract's ``asking`` vocabulary
_ASKING = {"scheme": "category", "fund_paid": "year_start", "referral_part": "amount", "where_bought": "provider_kind"}
#: questions that quote the rule making the fact matter (the calculator's citation of it)
_QUOTED_QUESTIONS = ("offsite_filed", "referral_part")


def _rough_said(u: Understanding, slot: str | None = None) -> str:
    """A hedged amount in the person's words with its hedge (“一千多”, “大概一千”), to quote back; ``slot``: the
    first hedged amount in that role (``part``: 两百多 of 其中有两百多是自费的)."""
    span = next((sp for sp in u.spans if sp.note == "approximate" and slot in (None, sp.slot)), None)
    if span is None:
        return str(u.approximate_amount)
    m = re.search(r"(?:大概|大约|约|差不多|将近|小|around |about |maybe )?(?:[一二两三四五六七八九]?[百千万]?几)?" + re.escape(span.text)
                  + r"(?:多块|多元|多|左右|来块|出头|上下|(?:还是|或者)[0-9一二两三四五六七八九十百千万]+(?:块|元)?(?:来着)?)?", u.text)
    return m.group(0) if m else span.text


def _ask(state: SessionState, fact: str, locale: str, prefix: str = "", known: Known | None = None) -> Reply:
    # 南昌 has two schemes: its category question also asks which scheme
    question = "scheme" if fact == "category" and known is not None and len(schemes_of(known.city)) > 1 \
        and known.scheme is None else fact
    if fact == "where_bought":
        state.where_asks += 1  # (asked once and passed over: each place side by side, in turn())
    zh, en, qr_zh, qr_en = QUESTIONS[question]
    if fact == "year_start" and known is not None and known.first_visit_this_year is False:
        # 今年第二回看了: not the first — how far the year has gone is what decides the deductible
        zh, en = ("这不是今年第一次：今年起付线已经扣完了吗？如果没扣完，之前几次一共花了多少、统筹报了多少？",
                  "Not the first bill this year: is the deductible already met? If not, how much did the "
                  "earlier visits cost, and how much did the fund pay?")
        qr_zh, qr_en = ["起付线已经扣完了", "统筹已经报过一些"], ["Deductible already met", "The fund has paid some"]
        if state.one_visit_before and not state.ledger:
            # 今年看过一次了: the one visit before is what decides the deductible — asked about by itself
            zh, en = ("今年之前看过一次：那次在哪级医院（或药店）、花了多少？如果起付线已经扣完了，直接告诉我也行。",
                      "One visit before this one this year: where was it (hospital level or pharmacy) and what did "
                      "it cost? Or, if the deductible is already met, just say so.")
    if fact == "year_start" and state.ledger and all(v.month is not None for v in state.ledger) \
            and (known is None or known.first_visit_this_year is not False):
        # (…哦对了今年三月份在社区还看过一次，花了三百二): the earlier visit told is kept — the question is
        # whether there was any before it, in those words (not as if nothing had been said)
        told = "、".join(f"{v.month}月" for v in state.ledger)
        n = len(state.ledger) + 1
        count = "两" if n == 2 else "三" if n == 3 else str(n)
        zh, en = (f"除了{told}那次，今年还看过别的门诊吗？如果没有，回复“就这{count}次”。",
                  "Apart from the visit you told me about, were there other outpatient visits this year? "
                  f"If not, reply “just these {n}”.")
        qr_zh, qr_en = [f"就这{count}次", "之前还看过"], [f"Just these {n}", "There were others"]
    if state.person is not None and fact in ("category", "scheme", "year_start", "provider_level", "prescribed_at_level") \
            and "您" in zh:
        # (我爸…花了1,100 → 我妈在社区医院拿药260) the question is about the one whose bill it is: 您妈是…？
        zh = zh.replace("您", "您" + _PERSON_ADDRESSED.get(state.person, state.person), 1)
    elif state.person is not None and fact == "amount" and zh.startswith("这次看病") and not prefix:
        # (我奶奶是南昌的居民医保，能帮她算下吗) 您奶奶这次看病一共花了多少钱？: whose bill is asked, named
        zh = "您" + _PERSON_ADDRESSED.get(state.person, state.person) + zh
    state.asking = _ASKING.get(fact, fact)
    cited = _cited(state.known, fact) if fact in _QUOTED_QUESTIONS else ""
    if fact == "referral_part":
        state.asking = _REFERRAL_PART  # a bare number in answer is that part, never the bill's total
    if fact == "where_bought":
        state.asking = _WHERE_BOUGHT  # 药店 / 医院: where the prescription was filled
    return Reply(text=prefix + cited + _t(locale, zh, en), asking=_ASKING.get(fact, fact),
                 quick_replies=qr_en if locale == "en" else qr_zh)


def _fund_pays_nothing_anyway(known: Known, today: dt.date) -> bool:
    """Whether the fund pays nothing for this bill even in the year's most favourable position (the
    deductible met, nothing paid toward the cap): then no position pays anything, and the calculator's
    figure does not depend on the one fact still missing."""
    best = msgspec.structs.replace(known, deductible_met=True, fund_paid=Decimal(0), first_visit_this_year=None,
                                   deductible_used=None, deductible_remaining=None, prior_unreimbursed=None)
    try:
        return calculate(convert_request(_request(best, [], today))).visits[-1].fund_pays == 0
    except CalculatorError:
        return False


def _settle(state: SessionState, locale: str, today: dt.date, prefix: str = "",
            message_facts: Facts | None = None) -> Reply:
    from explanations import explain, explain_error, explain_formats, headline

    known, ledger = state.known, state.ledger
    try:
        if ledger and known.account_balance is not None and not known.balance_at_least and state.balance_now:
            # 医保卡余额现在还有300 after earlier visits: the balance read today is before this visit, not
            # before the year's first — the earlier visits give this one's year position (calculator),
            # and the balance pays this visit alone
            before = calculate(convert_request(_request(msgspec.structs.replace(ledger[-1], account_balance=None),
                                                        [msgspec.structs.replace(v, account_balance=None)
                                                         for v in ledger[:-1]], today)))
            known = msgspec.structs.replace(known, deductible_used=before.year_end.deductible_used,
                                            fund_paid=before.year_end.fund_paid, first_visit_this_year=None,
                                            deductible_met=None, deductible_remaining=None, prior_unreimbursed=None,
                                            cap_share=None, fund_at_least=None, fund_around=None, fund_up_to=None,
                                            claimed_before=None)
            ledger = []
        if known.prior_at_least:  # (花过一千多 said before the city): resolved, or the position asked
            floor = known.prior_unreimbursed
            policy_now = _policy(known)
            below = deductible_for(get_pack(policy_now), known.category or "employee") if policy_now else None
            if floor is not None and below is not None and floor < below:
                # 之前在诊所花过100多块没报 (a deductible of 200): how much of the deductible went decides this
                # bill — the exact figure is asked, never the floor taken (nor the spending dropped)
                state.known = msgspec.structs.replace(known, prior_unreimbursed=None, prior_at_least=None,
                                                      first_visit_this_year=None, deductible_met=None)
                state.asking, state.pending_prior = _PRIOR_CONFIRM, f"{floor:.0f}"  # (a bare figure: that spending)
                said_floor = f"{floor:.0f}多"
                return Reply(text=prefix + _t(
                    locale, f"您说之前还花过{said_floor}没报，准确是多少？（看那次的结算单）那笔钱算进起付线，决定这次先扣多少。",
                    f"You said you spent over {floor:.0f} before, unclaimed. Exactly how much? (See that slip.) "
                    "It counts toward the deductible, which decides this visit."),
                    asking="year_start", intent="calculate")
            known = state.known = _spent_before(known, ledger, today)
            if known.claimed_before and all(getattr(known, n) is None for n in (
                    "fund_paid", "deductible_used", "deductible_met", "first_visit_this_year", "cap_share", "cap_left")):
                return _ask(state, "fund_paid", locale, prefix, known=known)  # never settled on no position
        if known.cap_left is not None and known.fund_paid is None and (policy := _policy(known)) is not None \
                and fund_paid_from_cap_left(get_pack(policy), known.category or "employee", known.cap_left) is None:
            # 额度还剩3000 where the cap is lower (or the document sets none): the year's fund figure is asked
            state.known = msgspec.structs.replace(known, cap_left=None, deductible_met=None)
            state.asking = "year_start"
            return Reply(text=prefix + _t(
                locale, f"您说额度还剩{known.cap_left:.0f}，这比这份文件的年度最高支付限额还多（或文件没有定限额）。"
                        "今年统筹已经给您报了多少钱？（看以往的结算单）",
                f"You said {known.cap_left:.0f} of the cap is left; that is more than the document's annual cap "
                "(or it sets none). How much has the fund paid this year?"), asking="year_start", intent="calculate")
        req_dict = _request(known, ledger, today)
        pack = get_pack(req_dict["policy"])
        req = convert_request(req_dict)
        result = calculate(req)
        if state.class_b_open is not None and known.class_b_drug is not None \
                and parse_amount(state.class_b_open) == known.class_b_drug \
                and not settled_alike(pack, "class_b_drug", "class_b_service"):
            return _class_b_kind(state, known, ledger, result, locale, today, prefix, message_facts)
    except MissingFact as exc:
        if exc.fact in QUESTIONS:
            return _ask(state, exc.fact, locale, prefix)
        return Reply(text=prefix + exc.message, intent="calculate")
    except (MissingParameter, OutOfForce) as exc:
        state.asking = None
        text = explain_error(exc, format="text", locale=locale)
        if isinstance(exc, MissingParameter):
            text += "\n" + _t(locale, _SLIP_OFFER_ZH, _SLIP_OFFER_EN)
        return Reply(text=prefix + text, intent="calculate",
                     quick_replies=_t_list(locale, ["按我结算单上的数字算", "重新开始"],
                                           ["Start over"]))
    except ItemNotNamed as exc:  # the document names no such item: both figures, never one of them
        state.asking = None
        alts = [Alternative(label=_t(locale, a["label"], _BOTH_WAYS_EN[a["treatment"]]),
                            fund_pays=a["fund_pays"], personal_pays=a["personal_pays"]) for a in exc.alternatives]
        return Reply(text=prefix + explain_error(exc, format="text", locale=locale), alternatives=alts or None,
                     intent="calculate", quick_replies=_t_list(locale, ["重新开始"], ["Start over"]))
    except BillError as exc:
        # the parts said add up to more than the bill said (检查费是260 read as the bill): never a dead
        # end — the parts are kept, the bill's total is asked, quoting the calculator's words
        state.known = msgspec.structs.replace(state.known, amount=None, amount_of_parts=None)
        state.asking = "amount"
        return Reply(text=prefix + exc.message + _t(locale, "这次看病一共花了多少钱？（结算单上的总金额）",
                                                    " How much was the bill in total?"),
                     asking="amount", intent="calculate")
    except InvalidRequest as exc:
        if exc.errors and all(e.code == "parameter_out_of_range" and e.path.startswith("parameters.ratio")
                              for e in exc.errors) and known.stated_ratio is not None:
            # 单子上写支付比例45% where the document sets a floor of 50%: the slip's figure and the document
            # disagree — the calculator's words (its field path left out), and the ratio asked again
            state.known = msgspec.structs.replace(state.known, stated_ratio=None, stated_ratio_level=None)
            state.asking = "conflict"
            said = re.sub(r"（parameters\.[^）]*）", "", exc.errors[0].message)
            # (where the document leaves the figures to the bureau, 西安 五（二）: who sets them, quoted)
            sup = get_pack(policy_said).supplied if (policy_said := _policy(known)) is not None else None
            who = _t(locale, f"\n谁定数字：〔{sup.article}〕“{sup.quote}”——由市医疗保障局确定。",
                     f"\nWho sets the figures: 〔{sup.article}〕“{sup.quote}” — the municipal medical security bureau.") \
                if sup is not None and sup.quote else ""
            return Reply(text=prefix + _t(
                locale, f"您说的{said}请再看一下结算单上的支付比例是多少；如果单子上确实是这个比例，"
                        "建议拨打12393医保服务热线核实。",
                f"The ratio you gave is below the floor the document sets ({exc.errors[0].message}). Please check "
                "the ratio on the slip again; if it really says so, call the 12393 hotline.") + who,
                asking="conflict", intent="calculate")
        state.asking = None
        return Reply(text=prefix + exc.message, intent="calculate")
    except CalculatorError as exc:
        state.asking = None
        return Reply(text=prefix + exc.message, intent="calculate")
    if (known.fund_at_least or known.fund_around) and known.fund_paid is not None \
            and _hedge_matters(known, state.ledger, today, result):
        # 统筹报了八十多 / 1500左右 near the cap: where in that range it is changes this bill's figure — asked
        state.asking = "year_start"
        said_as = f"大约{known.fund_paid:.0f}" if known.fund_around else "几百" if (known.fund_paid, known.fund_up_to) == (Decimal("100.00"), Decimal("999.99")) \
            else _fund_span_said(known) if known.fund_up_to is not None \
            else f"{known.fund_paid:.0f}多"
        return Reply(text=prefix + _t(
            locale, f"您说今年统筹已经报了“{said_as}”，这个数离年度限额很近，准确数会改变这次的结果。"
                    "今年统筹准确报了多少钱？（看以往的结算单）",
            f"You said the fund has paid over {known.fund_paid:.0f} this year; that is close to the cap, so the exact "
            "figure changes this bill. Exactly how much has the fund paid this year?"),
            asking="year_start", intent="calculate")
    if (known.balance_around or known.balance_at_least) and known.account_balance is not None \
            and sum((v.account_pays for v in result.visits), Decimal(0)) >= known.account_balance - (
                _place_of(known.account_balance) if known.balance_around else 0):
        # 账户有1000多 and the account would pay all 1000 / 账户年初大概有八百 and it would pay about that much: the
        # exact balance decides how much the account pays — asked (the answer is the balance: 就是三百二 / 年初是820
        # is never taken as the bill)
        state.asking = _BALANCE_FIGURE
        balance = known.account_balance
        return Reply(text=prefix + (_t(
            locale, f"个人账户余额说的是“大概{balance:.0f}”，这个数会改变账户付多少、现金付多少。"
                    "账户里准确有多少钱？（不知道就回复“不知道”）",
            f"You said the account holds about {balance:.0f}; the exact balance decides the account's "
            "share and the cash. What exactly is the balance? (Reply “don't know” if you don't.)") if known.balance_around else _t(
            locale, f"个人账户余额说的是“{balance:.0f}多”，这次个人负担会把账户用完，余额的准确数会改变"
                    "账户付多少、现金付多少。账户里准确还有多少钱？",
            f"You said the account holds over {balance:.0f}; this bill would use it all, so the exact "
            "balance decides the account's share. What exactly is the balance?")),
            asking="amount", intent="calculate")
    # (统筹报了一千多 where the cap is 1000: the figure said runs past the cap — the same question)
    over = _over_cap(result, at_cap=state.fund_unnamed or bool(known.fund_at_least)) \
        if known.fund_paid is not None and not state.over_cap_confirmed else None
    if over is not None:
        # 之前报过两千 where the document caps the fund at 1200 a year: the fund's figure, or the year's spending?
        paid, cap, cited = over
        if known.fund_at_least:
            paid = f"{known.fund_paid:.0f}多"
        state.asking, state.pending_over_cap = "amount_role", True
        return Reply(text=prefix + _t(
            locale,
            f"您说今年统筹已经报了{paid}，这份文件规定统筹一年最多支付{cap}〔{cited.article}〕“{cited.quote}”。"
            f"这{paid}是统筹已经报销的钱，还是今年看病一共花的钱？",
            f"You said the fund has paid {paid} this year; the document caps the fund at {cap} a year "
            f"({cited.article}). Is {paid} what the fund paid, or what you spent this year in all?"),
            asking="amount_role", intent="calculate",
            quick_replies=_t_list(locale, ["是统筹报销的钱", "是一共花的钱"], ["What the fund paid", "What I spent in all"]))
    account_untold = result.visits[-1].balance_untold  # (the share counted as cash for want of a balance)
    state.asking = None
    try:  # one rendering pass: the text as always without the request, the HTML with it (and the chart)
        both = explain_formats(result, ("text", "html"), locale=locale, request=req, request_for={"text": None})
        text, html = both["text"], both["html"]
    except Exception:  # noqa: BLE001 - the text answer stands even if the rich view fails  # pragma: no cover
        text, html = explain(result, format="text", locale=locale), None
    notes = _dialogue_assumptions(known, pack, locale)
    notes += _days_not_said(state.ledger, known, locale)
    this_year = known.year or today.year
    for year, month in state.other_year:
        when = f"{year}年{month}月" if month else f"{year}年"
        notes.append(_t(locale, f"{when}那次不算在{this_year}年里：起付线和年度限额都按自然年度计算",
                        f"The visit of {when} is not counted in {this_year}: the deductible and cap run by calendar year"))
    if any(v.provider_assumed and v.provider_kind == "pharmacy" and v.prescribed_at_level for v in state.ledger):
        notes.append(_t(locale, "之前那次您没说是在药店买的还是在开处方的医院拿的，按在药店买的计算；这次的结果不受影响，"
                                "今年合计里那次的数字以那次的结算单为准。",
                        "Where the earlier prescription was filled was not said; it is taken as a pharmacy. This "
                        "visit's figure does not depend on it; for the earlier purchase's own figure, its slip is what counts."))
    elif any(v.provider_assumed for v in state.ledger):
        notes.append(_t(locale, "之前那次您没说医院等级，按和这次同一等级计算；这次的结果不受那次等级的影响，"
                                "今年合计里那次的数字以那次的结算单为准。",
                        "The earlier visit's level was not said; it is taken as this one's. This visit's figure does "
                        "not depend on it; for the earlier visit's own figure, its slip is what counts."))
    if notes:
        if locale.startswith("en"):
            text += "\nAlso assumed: " + " ".join(n.rstrip("。；") for n in notes)
        else:
            text += "\n另外：" + "；".join(n.rstrip("。；") for n in notes) + "。"
    if state.balance_untold and account_untold:
        # 个人账户有余额 with no figure: the figures stand (the fund's share does not depend on it), the
        # share counted as cash; the balance is asked once, a bare figure next is it (不记得 → as it is)
        state.asking, state.balance_untold = _BALANCE_FIGURE, False
        text += _t(locale, "\n\n您说个人账户里有钱，但没说余额，上面个人负担先全部按现金计。告诉我账户现在的余额，"
                           "我再算账户付多少、现金付多少。",
                   "\n\nYou said your account holds money but not how much, so your share is counted as cash above. "
                   "Tell me the balance and I will split it between the account and cash.")
    quick = [_t(locale, "有自费项目", "Some items were self-pay")] if known.self_pay is None else []
    if _signed_assumed(known):
        quick.insert(0, _t(locale, "不是签约机构", "Not my signed institution"))
    if _not_signed_assumed(known) and pack.meta.scheme == "resident" and known.provider_kind != "pharmacy":
        quick.insert(0, _t(locale, "是签约机构转诊的", "I was referred by my signed institution"))
    quick += [_t(locale, "又看了一次", "Another visit"), _t(locale, "重新开始", "Start over")]
    # the answer first, in one sentence (a text-only client shows the text alone), then the steps
    # (the visit of someone else in the household: 您妈自己付…, never 您自己付 of the person writing)
    payer = _payer(state, locale)
    text = headline(result, locale, payer or "您") + "\n\n" + text
    return Reply(text=prefix + text, result=msgspec.to_builtins(result), html=html, quick_replies=quick,
                 intent="calculate", understood=_understood(known, message_facts, locale, len(ledger),
                                                            account_untold=account_untold),
                 payer=payer)


#: the kind a part asked inside-or-beside is named by (a cost of no kind of its own, "rest", by none)
_PLACED_KIND: dict[str, tuple[str, str]] = {"self_pay": ("自费", "self-pay"), "consultation": ("诊察费", "consultation fee")}


def _placement_asked(state: SessionState, part_field: str, part_value: Decimal, part_text: str, bill_text: str,
                     locale: str) -> Reply:
    """一千二百 … 还有二百是自费的 / (“一百五”是哪一笔钱？) 一百五是挂号和诊察的: is the part inside the bill or
    paid on top of it? Asked, quoting both (the answer is read by ``pending_placement``)."""
    state.asking, state.pending_placement = "amount_role", (part_field, part_value)
    kind = _PLACED_KIND.get(part_field)
    part_en, bill_en = (f"{kind[1]} of “{part_text}”", f"“{bill_text}”") if kind else (part_text, bill_text)
    return Reply(text=_t(locale, f"您说的{kind[0] if kind else ''}“{part_text}”，是包含在“{bill_text}”里面，"
                                 f"还是在“{bill_text}”之外另交的？两种算法结果不同。",
                         f"Is the {part_en} included in the {bill_en}, or paid on top of it? The two give different figures."),
                 asking="amount_role", intent="calculate",
                 quick_replies=_t_list(locale, [f"包含在{bill_text}里面" if kind else "包含在里面", "另外交的"],
                                       ["Included", "On top of it"]))


def _payer(state: SessionState, locale: str) -> str | None:
    """Whose share the personal figures are when the visit is someone else's in the household (您妈:
    您妈自己付…, never 您自己付 of the person writing); None for the writer's own (and in English)."""
    if locale == "en" or not state.person or state.person == "我":
        return None
    return "您" + _PERSON_ADDRESSED.get(state.person, state.person)


_BOTH_WAYS_EN = {"in_scope": "If the item is settled as in scope",
                 "self_pay": "If the item is left out of outpatient pooling"}

_SLIP_OFFER_ZH = ("方案只定了两条：〔四（三）〕支付比例不低于50%，退休人员适当倾斜；〔五（二）〕起付标准、支付比例和最高支付限额"
                  "由市医疗保障局确定。如果您手上有结算单，可以把单子上的支付比例、起付线和年度限额告诉我，"
                  "我按您提供的数字计算，并注明这些数字来自您的结算单（会检查比例不低于50%）。")
_SLIP_OFFER_EN = ("The plan fixes only this: 四（三） the ratio is at least 50%, retirees favoured; 五（二） the municipal "
                  "medical security bureau sets the deductible, ratios and cap. If you have a settlement slip, tell me "
                  "the ratio, deductible and cap on it and I will calculate with them, cited as supplied by you "
                  "(checked against the 50% floor).")

#: internal: the self-pay part was asked (the reply's ``asking`` says "amount")
_SELF_PAY_PART = "self_pay_part"
#: a part of the bill named by a word of its own (产前检查, 诊察费, 中成药…) with no number beside it
_PART_FIELD = {"产前检查": "prenatal", "产检": "prenatal", "孕检": "prenatal", "孕期检查": "prenatal", "诊察费": "consultation", "中成药": "tcm", "中药饮片": "tcm",
               "饮片": "tcm", "双通道": "dual_channel", "谈判药": "dual_channel"}
#: 自费的不包含在856.7里面 / 是另外的: the item said lies outside the figure said
_ITEM_OUTSIDE = rx.compile(r"(?:不包含|不包括|不含|不算|没(?:有)?(?:包含|包括|算)|不在)(?:在)?[^,，。]{0,8}?(?:里|内|中)"
                           r"|另外(?:的|算|付|交|收)|额外|not (?:included|part of)|on top of")
_NAMED_PART = rx.compile(r"产前检查|产检|孕检|孕期检查|诊察费|中成药|中药饮片|饮片|双通道|谈判药|耗材|甲类中医诊疗(?:项目)?")
#: internal: the spending before this visit, said roughly, was asked to be confirmed
_PRIOR_CONFIRM = "prior_confirm"
_PRIOR_SAID = rx.compile(r"(?:之前|以前|前面|前)(?:的)?(?:两|几|三|一)?(?:次|回)?[^,，。]{0,4}?(?:加起来|一共|总共|合计|花了|花的)"
                         # (头一回是五月份在乡卫生院，花了两百出头: the one earlier visit, what it cost)
                         r"|(?:头一回|头一次|第一回|第一次|上一回|上一次|上回|上次)[^。]{0,16}?(?:花了|花的|一共)")
_CONFIRMED = rx.compile(r"^(?:是的|是|对|对的|对头|没错|确定|嗯|嗯嗯|yes)[。!！.，,~]*$|确定就是|就是这个数", re.IGNORECASE)
#: internal: a cost named with no figure was asked (药费650，还有个检查费): a bare number answers it
_MORE_COST_PART = "more_cost_part"
#: 还有个检查费 (at the clause's end, no figure): a cost of the same visit, its amount not said
_COST_UNSAID = rx.compile(r"(?:(?:另外)?还有(?:个|一个|一项|一笔|点|些)?(?P<w>检查费|化验费|挂号费|治疗费|诊察费|材料费|西药费|药费|检查|化验|ct|b超|彩超|心电图)"
                          r"(?:费)?(?:没算|没加|没说|不知道多少|忘了多少|记不清)?"
                          # 药费800，检查费也有，好像两三百: a cost named, its figure not said exactly
                          r"|(?P<w2>检查费|化验费|挂号费|治疗费|诊察费|材料费|西药费|检查|化验)(?:也有|也花了|另外有)(?:[,，]?(?:好像|大概|可能|估计)?[^,，。;；!！?？]{0,4})?)"
                          r"(?=$|[,，。;；!！?？])")
#: 单子上有两样 / 一共三项 / 先说诊察费: more costs than the one said are to come
_MORE_TO_COME = rx.compile(r"先说|(?:有|共)(?:两|三|四|几|好几)(?:样|项|笔)(?:费用|钱)?(?!都|全)")
#: internal: the slip's fund line was asked (the reply's ``asking`` says "amount")
_SLIP_FUND_FIGURE = "slip_fund_figure"
#: internal: a referral's covered part (Chinese medicine) was asked (the reply's ``asking`` says "amount")
_REFERRAL_PART = "referral_part"
#: internal: the account's exact balance was asked (the reply's ``asking`` says "amount")
_BALANCE_FIGURE = "balance_figure"
#: 其中120是乙类 where the document sets class-B drugs and services apart: which of the two it is
_CLASS_B_KIND = "class_b_kind"
#: 处方二级医院开的 with no place of purchase: at a pharmacy, or at that hospital
_WHERE_BOUGHT = "where_bought"
#: 那一百 / 那个300: a figure told before, pointed back at
_THAT_FIGURE_BEFORE = rx.compile(r"(?:那|这)(?:个|笔)?[0-9一二两三四五六七八九十百千]+(?:块|元)?(?:钱)?(?:没|不|也没|要是没)")
#: 县医院一般是几级啊 / 卫生院算几级: what level such a place usually is, asked
_LEVEL_OF_PLACE_ASKED = rx.compile(r"(?:医院|卫生院|诊所|社区|卫生室|中心)[^,，。0-9]{0,4}?(?:一般|通常|大概|一般来说|大多)?(?:是|算|属于)"
                                   r"(?:几级|哪一级|什么级别|啥级别)(?:医院)?(?:啊|呀|呢|吗|哦|嘛)?[?？]?$"
                                   r"|(?:what|which) level (?:is|are) (?:a |the )?(?:county|township|community)")
#: 要是那200不是自费 / 那200也能报呢: a self-pay part told, supposed in scope
_SELF_PAY_COVERED_INSTEAD = rx.compile(r"不是自费|不算自费|不用自费|也能报|也可以报|都能报|也给报|也报销|也在报销范围|算(?:进)?(?:政策)?范围内")
#: (internal) the place an earlier visit's prescription was filled, asked where it changes this visit's figure
_EARLIER_WHERE = "earlier_where"
_AT_PHARMACY_SAID = rx.compile(r"药店|药房|店里|店买|pharmacy|drugstore")
_AT_HOSPITAL_SAID = rx.compile(r"医院|卫生院|诊所|社区|看病|就诊|hospital|clinic")
_CLASS_B_DRUG_SAID = rx.compile(CLASS_B_DRUG_WORDS, re.IGNORECASE)
_CLASS_B_SERVICE_SAID = rx.compile(CLASS_B_SERVICE_WORDS, re.IGNORECASE)
#: the account said empty, or said to hold money, in words with no figure (no digit, no numeral)
_ACCOUNT_WORD = r"(?:个人账户|医保账户|个账|账户|医保卡|卡)(?:里|上|中)?(?:面)?(?:的钱|的余额)?"
_ACCOUNT_EMPTY = rx.compile(_ACCOUNT_WORD + r"(?:没钱|没有钱|没得钱|没余额|没有余额|余额为零|余额是零|空了|(?:的钱)?(?:已经)?用完|(?:的钱)?用光)"
                            r"(?:了|啦)?|(?:no|nothing) (?:money )?(?:left )?(?:in|on) (?:my|the) (?:personal )?account"
                            r"|(?:my|the) (?:personal )?account is empty")
_ACCOUNT_HAS_MONEY = rx.compile(_ACCOUNT_WORD + r"(?:还|也)?(?:有|剩|剩下|剩了)(?:点|些|一些|一点|不少)?(?:余额|钱|余钱)(?![吗么？?])"
                                r"|(?:some )?money (?:left )?(?:in|on) (?:my|the) (?:personal )?account"
                                r"|(?:my|the) (?:personal )?account has (?:some )?money")
_NOT_KNOWN_AFTER = rx.compile(r"[，,、 ]?(?:但|但是|可是)?(?:具体)?(?:不知道|不清楚|不晓得|不记得|记不清|忘了|多少不知道|don't know|not sure)")
_ASKED_AFTER = rx.compile(r"怎么|咋|能不能|还能|能否|可以|可不可以|会不会|吗|么|[？?]|what|can ")  # (没钱了怎么办: a question)
_EARLIER_VISIT_NAMED = rx.compile(r"(?P<first>第一次|第一回|头一次|头一回|头回)|上次|上回|上一次|那次|那回|前一次|前一回")
_EARLIER_ONE_EN = rx.compile(r"the first (?:one|visit|time|bill) (?:was|cost)|(?:an |the )?earlier (?:one|visit|bill) (?:was|cost)")
_TWO_LATIN_WORDS = rx.compile(r"[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}")
_ONLY_LEFT = rx.compile(r"[，,、 ]?(?:(?:只|就|还|仅)?剩下?了?|(?:只|就|仅)有)")  # (账户没钱了，只剩20: not nothing)
#: words that make a figure another one than the balance asked for (这次花了900 / 统筹报了300)
_OTHER_FIGURE_WORD = rx.compile(r"花|费|报|统筹|一共|总共|合计|自费|乙类")
#: 200 / ¥200 / 两百 / 三百二十块五: a figure alone (the answer to a question about one part)
_BARE_AMOUNT = rx.compile(r"[¥￥]?\s*(?:[0-9０-９][0-9０-９,，.．]*|[零一二两三四五六七八九十百千万]+(?:点[零一二三四五六七八九]+)?)"
                          r"\s*(?:元|块钱?|yuan|rmb)?(?:[一二三四五六七八九]毛?)?", re.IGNORECASE)
_SLIP_CHIP = "按我结算单上的数字算"
_SLIP_ASK_ZH = ("请照着结算单告诉我这三个数：支付比例（百分之几）、起付线（多少元）、年度最高支付限额（多少元），"
                "写成“比例…%，起付线…元，限额…元”就行。我按您提供的数字计算，并注明这些数字来自您的结算单。")
_SLIP_ASK_EN = ("Tell me the three figures on your slip: the ratio (a percentage), the deductible (yuan) and the "
                "annual cap (yuan), e.g. “ratio …%, deductible … yuan, cap … yuan”. I will calculate with them, cited "
                "as supplied by you.")

_LEVEL_TEXT = {n: (zh, vocabulary.LEVELS_OR_BELOW_EN[n]) for n, zh in vocabulary.LEVELS_OR_BELOW.items()}
_GRADE_TEXT = {g: (zh, f" {vocabulary.GRADES_EN[g]}") for g, zh in vocabulary.GRADES.items()}
_CATEGORY_TEXT = {c: (zh, vocabulary.CATEGORIES_EN[c]) for c, zh in vocabulary.CATEGORIES.items()}
_ITEM_TEXT = {c: (zh, vocabulary.ITEM_CATEGORIES_CHAT_EN[c]) for c, zh in vocabulary.ITEM_CATEGORIES_CHAT.items()}


def _in_future(known: Known, today: dt.date) -> bool:
    if known.month is None:
        return False
    try:
        return dt.date(known.year or today.year, known.month, known.day or 1) > today
    except ValueError:
        return False


def _over_cap(result: Any, *, at_cap: bool = False) -> tuple[str, str, Any] | None:
    """The year's fund figure before the first visit, the cap and its citation, when the figure is above
    the cap — or at it, when no word named the fund (read off the calculator's cap step; nothing computed here)."""
    from explanations import formatting

    for step in result.visits[0].steps:
        if getattr(step, "kind", None) == "cap" and step.cap is not None and step.paid_before is not None \
                and (step.paid_before > step.cap or (at_cap and step.paid_before == step.cap)):
            tag = "zh-CN"
            return (formatting.money_in(step.paid_before, tag), formatting.money_in(step.cap, tag), step.citations[0])
    return None


#: words that name the fund (or its cap) beside a year's figure: 统筹已经报满1800 is the fund's own figure
_FUND_NAMED = rx.compile(r"统筹|基金|医保|报满|满了|到顶|封顶|顶了|额度|限额|fund")
_OVER_CAP_FUND = rx.compile(r"统筹|报销|报的|报了|fund")
_FUND_NOT_KNOWN = rx.compile(r"(?:统筹|医保|基金)?(?:报销|报|给|付)(?:了|过)?(?:多少|几多|好多)(?:钱)?(?:我|也)?"
                             r"(?:不清楚|不知道|不晓得|不记得|记不清|忘了|搞不清)")
_OVER_CAP_SPENT = rx.compile(r"花|一共|总共|费用|spent|in all|total")


def _understood(known: Known, said: Facts | None, locale: str, earlier_visits: int = 0, *,
                account_untold: bool = False, class_b_open: bool = False) -> list[Understood]:
    """Every fact the answer rests on, in the person's terms: said now, said earlier, or assumed.
    ``earlier_visits``: the visits of the year settled before this one (this one is not the year's first);
    ``account_untold``: the personal share was counted as cash for want of the account's balance;
    ``class_b_open``: the class-B part's kind (a drug, or a test or supply) is not known — said so."""
    out: list[Understood] = []

    def add(slot: str, value: Any, zh: str, en: str, *fields: str) -> None:
        now = said is not None and any(getattr(said, f, None) is not None for f in (fields or (slot,)))
        out.append(Understood(slot=slot, value=value, text=_t(locale, zh, en), source="message" if now else "earlier"))

    if known.city:
        policy = _policy(known)
        city_en = get_pack(policy).meta.city_en if policy else known.city
        add("city", known.city, known.city, city_en, "city")
    if known.category in _CATEGORY_TEXT:
        zh, en = _CATEGORY_TEXT[known.category]
        add("category", known.category, zh, en, "category", "scheme")
    if known.retired_on:
        add("retired_on", known.retired_on.isoformat(), f"{known.retired_on:%Y-%m-%d}办完退休",
            f"retired on {known.retired_on:%Y-%m-%d}", "retired_month")
    if known.provider_kind == "pharmacy":
        add("provider_kind", "pharmacy", "定点药店", "pharmacy")
        if known.prescribed_at_level:
            zh, en = _LEVEL_TEXT[known.prescribed_at_level]
            gz, ge = _GRADE_TEXT.get(known.prescribed_at_grade or "", ("", ""))
            add("prescribed_at_level", known.prescribed_at_level, f"{zh}{gz}医院开的处方", f"prescribed at {en}{ge}")
    elif known.provider_level:
        zh, en = _LEVEL_TEXT[known.provider_level]
        gz, ge = _GRADE_TEXT.get(known.provider_grade or "", ("", ""))
        add("provider_level", known.provider_level, f"{zh}{gz}医疗机构", f"{en}{ge} provider", "provider_level")
    if known.amount is not None:
        add("amount", f"{known.amount:.2f}", f"总费用{known.amount:,.2f}元", f"bill total ¥{known.amount:,.2f}")
    items = False
    for name, (zh, en) in _ITEM_TEXT.items():
        value = getattr(known, name)
        if value:
            items = True
            if name == "class_b_drug" and class_b_open:  # (其中120是乙类, 不知道是药还是检查: shown both ways)
                add(name, f"{value:.2f}", f"其中乙类{value:,.2f}元（药品还是项目、耗材不清楚）",
                    f"of which class B ¥{value:,.2f} (drugs or tests/supplies: not known)")
                continue
            add(name, f"{value:.2f}", f"其中{zh}{value:,.2f}元", f"of which {en} ¥{value:,.2f}")
    # a resident's standing and status: what sets the ratio (签约机构 60%, 转诊 40%, +5 / 65%)
    if known.referral == "county_tcm":
        add("referral", "county_tcm", "签约机构转诊到县级中医医院", "referred to the county TCM hospital", "referral")
    elif known.signed is True or known.provider_kind == "signed":
        add("signed", True, "在签约的门诊统筹机构看的", "at your signed institution", "signed", "provider_kind")
    elif known.signed is False:
        add("signed", False, "不是签约的门诊统筹机构", "not your signed institution", "signed")
    if known.family_doctor is not None:
        add("family_doctor", known.family_doctor, "签了家庭医生" if known.family_doctor else "没签家庭医生",
            "family-doctor contract" if known.family_doctor else "no family-doctor contract", "family_doctor")
    if known.poverty_registered is not None:
        add("poverty_registered", known.poverty_registered, "建档立卡贫困人口" if known.poverty_registered else "不是建档立卡",
            "registered poor" if known.poverty_registered else "not registered poor", "poverty_registered")
    if known.first_visit_this_year and earlier_visits:
        # (又看了一次 after the year's first: nothing before the visits told — this one is the year's n-th)
        n = earlier_visits + 1
        add("year_start", "first_visit", f"今年第{n}次门诊（之前的都已算进来）",
            f"visit {n} this year (the earlier ones counted)", "first_visit_this_year")
    elif known.first_visit_this_year:
        add("year_start", "first_visit", "今年第一次", "first bill this year", "first_visit_this_year")
    if known.deductible_met:
        add("year_start", "deductible_met", "起付线已扣完", "deductible already met", "deductible_met")
    if known.deductible_remaining is not None:
        add("year_start", f"{known.deductible_remaining:.2f}", f"起付线还差{known.deductible_remaining:.2f}元",
            f"¥{known.deductible_remaining:.2f} of the deductible left", "deductible_remaining")
    if known.prior_unreimbursed is not None:
        add("year_start", f"{known.prior_unreimbursed:.2f}", f"之前花了{known.prior_unreimbursed:.2f}元没报",
            f"an earlier bill of ¥{known.prior_unreimbursed:.2f} not reimbursed", "prior_unreimbursed")
    if known.fund_paid is not None and (span := _fund_span_said(known)) is not None:
        add("fund_paid", f"{known.fund_paid:.2f}", f"今年统筹已支付{span}元（结果在这个范围里都一样）",
            f"fund paid {span} this year (the same figure anywhere in that range)", "fund_paid")
    elif known.fund_paid is not None:
        add("fund_paid", f"{known.fund_paid:.2f}", f"今年统筹已支付{known.fund_paid:,.2f}元",
            f"fund paid ¥{known.fund_paid:,.2f} this year", "fund_paid")
    if known.account_balance is not None:
        add("account_balance", f"{known.account_balance:.2f}", f"个人账户余额{known.account_balance:,.2f}元",
            f"account balance ¥{known.account_balance:,.2f}", "account_balance")
    if known.month:
        add("date", f"{known.year or ''}-{known.month}-{known.day or ''}", f"{known.month}月{known.day or ''}"
            + ("日" if known.day else ""), f"visit {known.month}/{known.day or ''}", "month", "days_ago", "months_ago")
    assumed = [
        ("date", "today", "就诊日期按今天", "visit dated today", "日期不是今天") if not known.month else None,
        ("items", "in_scope", "全部为政策范围内费用", "whole bill in scope", "有自费项目") if not items else None,
        ("designated", True, "定点医药机构", "designated provider", "不是定点机构") if known.designated is None else None,
        ("inpatient", False, "不在住院期间", "not during an inpatient stay", "在住院期间") if not known.inpatient else None,
        ("signed", True, "在签约的门诊统筹机构看的", "at your signed institution", "不是签约机构")
        if _signed_assumed(known) else None,
        # (a resident, neither status said: the answer's note says so — here with its correction)
        ("family_doctor", False, "未签家庭医生、非建档立卡", "no family-doctor contract, not registered poor", "签了家庭医生")
        if known.category == "resident" and known.family_doctor is None and known.poverty_registered is None
        and known.referral is None and known.provider_kind != "pharmacy" and known.signed is not False else None,
        ("account_balance", None, "没说个人账户余额，个人负担按现金计", "no account balance given: your share counted as cash",
         "个人账户有余额") if account_untold else None,
    ]
    for entry in assumed:
        if entry is not None:
            slot, value, zh, en, fix = entry
            out.append(Understood(slot=slot, value=value, text=_t(locale, zh, en), source="assumed",
                                  correct=_t(locale, fix, {"日期不是今天": "Not today", "有自费项目": "Some self-pay items",
                                                           "不是定点机构": "Not designated",
                                                           "在住院期间": "During an inpatient stay",
                                                           "不是签约机构": "Not my signed institution",
                                                           "签了家庭医生": "I have a family-doctor contract",
                                                           "个人账户有余额": "My account holds money"}[fix])))
    return out


def _policy_fact(known: Known, locale: str, u: Understanding | None = None) -> Reply:
    policy = _policy(known)
    if policy is None and known.city is None and (known.scheme == "resident" or known.category == "resident"):
        residents = [p for p in sorted(load_packs()) if get_pack(p).meta.scheme == "resident"]
        policy = residents[0] if len(residents) == 1 else None  # 城乡居民医保有起付线没有: the one resident plan
    if policy is None and schemes_of(known.city):
        # 南昌的门诊报销比例是多少: both of the city's schemes, each with its own document
        texts = [_policy_fact(msgspec.structs.replace(known, policy=pid), locale).text
                 for pid in schemes_of(known.city).values()]
        return Reply(text="\n\n".join(texts), intent="policy_fact", quick_replies=["帮我算一笔", "重新开始"])
    if policy is None:
        return Reply(text=_t(locale, "想了解哪个城市的政策？", "Which city?"), asking="city",
                     quick_replies=cities())
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
    return _policy_figures(pack, cats, locale)


def _policy_figures(pack: Any, cats: list[str], locale: str) -> Reply:
    """The document's figures for each category, each with its article — in Chinese, or in English (In
    Nanchong, what percentage does a retiree get back at a level 3 hospital?) with the tiers' names from
    the explanations' English catalog; the same figures and articles either way."""
    from explanations import activated, labels

    en = locale.startswith("en")
    lines = []
    for cat in cats:
        settled = pack.settled_category(cat)
        parts = []
        if settled in pack.deductible:
            d = pack.deductible[settled]
            parts.append(f"deductible {d.value} yuan ({d.article})" if en else f"起付标准{d.value}元〔{d.article}〕")
        ratios = pack.ratio.get(settled, {})
        if ratios:
            if en:
                with activated("en"):  # (the tiers' names from the explanations' English catalog)
                    tiers = [labels.tier(k) for k in ratios]
            else:
                tiers = [vocabulary.label(vocabulary.TIERS, k).replace("定点医疗机构", "") for k in ratios]
            poor, pct = (" (registered poor)", " ") if en else ("（建档立卡贫困人口）", "")
            article = next(iter(ratios.values())).article
            shares = (", " if en else "、").join(
                f"{name}{poor if k.endswith('_poor') else ''}{pct}{(c.value * 100).normalize():f}%"
                for name, (k, c) in zip(tiers, ratios.items(), strict=True))
            parts.append(f"ratio {shares} ({article})" if en else f"支付比例{shares}〔{article}〕")
        if settled in pack.cap:
            c = pack.cap[settled]
            parts.append(f"annual cap {c.value} yuan ({c.article})" if en else f"年度最高支付限额{c.value}元〔{c.article}〕")
        if pack.no_deductible and not en:
            parts.append(pack.reading(pack.no_deductible).text.rstrip("。"))
        label = pack.categories[cat].label_en.capitalize() if en else pack.categories[cat].label
        lines.append(f"{label}: " + "; ".join(parts) + "." if en else f"{label}：" + "；".join(parts) + "。")
    head = (f"{pack.meta.name_en or pack.meta.name} ({pack.meta.document_number}):\n" if en
            else f"{pack.meta.name}（{pack.meta.document_number}）：\n")
    return Reply(text=head + "\n".join(lines), intent="policy_fact", quick_replies=["帮我算一笔", "重新开始"])


HELP_ZH = ("我是明白账，帮您把门诊医保账单算明白：统筹基金报多少、自己付多少、个人账户付多少，每一步都引用政策原文。"
           "目前支持南充、西安、南昌（职工和城乡居民）、平凉的普通门诊。\n"
           "可以这样说：“我是南昌退休职工，三级医院花了一千二，今年第一次”。")
HELP_EN = ("I am 明白账: I work out what the pooled fund pays on an outpatient bill, what you pay and what your "
           "personal account covers, citing the policy text at every step. Supported: 南充, 西安, 南昌 (employees "
           "and residents), 平凉. Try: “我是南昌退休职工，三级医院花了一千二，今年第一次”.")
_WANTS_CALCULATION = rx.compile(r"算|报销|报多少|能报"
                                # 帮我爸问下 / 替我妈问问: asking for someone — their bill is what to gather
                                r"|(?:帮|替|给)(?:我|俺)?(?:家)?(?:爸爸?|妈妈?|老爸|老妈|老伴|老公|老婆|爱人|父亲|母亲|爷爷|奶奶|外婆|外公|姥姥|姥爷|婆婆|公公|岳父|岳母|丈母娘|老人|家里人|亲戚)"
                                r"(?:问|咨询|看|查)(?:一)?(?:下|问|看|查)?")
#: a question about what the document pays (能报多少, 怎么报, 报几成), asked before any amount is told
_RULE_ASKED = rx.compile(r"(?:能|可以|可)?报(?:销)?[,，]?(?:多少|好多|几成|百分之几|几个点)|怎么报|咋报|咋个报|如何报销|报销比例|能报吗|能报不|能不能报|可以报不|报得了不|报不报")
#: how is an outpatient bill reimbursed / 门诊咋个报: how it works in general, asked with nothing more
#: specific — the document's figures, then what this bill needs (the dialogue asks it)
_GENERAL_HOW = rx.compile(r"(?:门诊|看门诊|看病)?(?:咋个报|咋报|怎么报(?:销)?|如何报销|怎样报销)(?:的|呢|啊|哦)?(?:[?？。,，]|$)"
                          r"|门诊[,，]?报(?:销)?[,，]?(?:多少|几成)[?？]?$"
                          r"|(?:^|[,，。 ])(?:看病|看门诊|门诊)(?:能|可以)报(?:销)?(?:不|吗|么)[?？]?$"  # only who, then this
                          # 那南充呢 我妈在南充退休 (after another city): the same question, for a covered city
                          r"|^那(?:么)?(?:[^,，。]{0,3})?(?:南充|南昌|平凉|西安)(?:呢|的话呢)"
                          r"|(?:can|could) you (?:estimate|calculate|work out|tell me)[^?]{0,40}(?:reimburs\w*|refund|coverage)\??$"
                          r"|how (?:does|do|is|are|will|would) [^?]{0,40}(?:reimburs\w*|work|get paid|covered)"
                          r"(?: for (?:me|us|him|her|them|my \w+))?\??$")
OUT_OF_SCOPE_ZH = "这个问题我还答不了。明白账只讲普通门诊医保账单：统筹报多少、自己付多少、个人账户怎么用。"
OUT_OF_SCOPE_EN = "I can't answer that. 明白账 explains ordinary outpatient insurance bills only."


_CJK = rx.compile(r"[\u4e00-\u9fff]")
#: 那四百七十五对不对: a figure asked about again
_CHECK_AGAIN = rx.compile(r"对不对|对吗|对么|对不|是不是对的|没错吧|right\?|correct\?")
#: what another member of the household shares with the person asked about before
_HOUSEHOLD_FIELDS = ("city", *_PLACE_FIELDS, "designated", "offsite", "offsite_filed", "stated_deductible", "stated_cap",
                     "stated_ratio", "stated_ratio_level", "stated_ratios")
#: after a city's name, a place of that city: 南充市中心医院 / 平凉市第二人民医院 / 南昌县人民医院
_IN_CITY_PLACE = (r"(?:市|县)?(?:第[一二三四五六七八九十]|中心|人民|中医|妇幼保健|妇幼|儿童|大学附属|医学院附属)*"
                  r"(?:医院|卫生院|诊所)")

#: 同样情况 / 情况一样: another person's visit told as the same as the one just worked out
_SAME_CASE = rx.compile(r"同样(?:的)?情况|一样的情况|情况(?:也)?一样|情况相同|也是这样|同样的账|一模一样|same (?:situation|case|bill)")
_SAME_BILL_FIELDS = tuple(n for n in ("amount", "amount_of_parts", *ITEM_FIELDS, *_YEAR_POSITION, "year", "month", "day",
                                      "account_balance", "balance_at_least", "balance_around")
                          if n in Known.__struct_fields__)
#: 第二个是李阿姨 / 另一位刘大姐 / 下一个病人 / the next patient: someone else than the person just worked out,
#: not of the household (a hospital social worker or cashier asking for several patients)
_NEXT_PATIENT = (r"^(?:[^,，。!！?？]{0,8}[。.,，!！:：])?(?:那|还有|另外)?(?:第[二三四五六七八九十2-9]|另|另外|下|再)(?:一)?[个位]"
                 r"(?:是)?(?:个|位)?[^,，。!！?？]{0,3}?"
                 r"(?:病人|患者|病友|老人|老太太|老太|老爷子|老头|阿姨|大爷|大妈|大姐|大哥|叔叔|奶奶|爷爷|师傅|小伙子|小伙"
                 r"|姑娘|先生|女士|同事|邻居)"
                 r"|^(?:and |now |ok,? )?(?:the )?(?:next|another|second|third|fourth) (?:patient|person|one|client)\b")
_NEXT_PATIENT_RX = rx.compile(_NEXT_PATIENT)
#: 那我老伴在职 / 我老婆呢，退休的: another member of the household, named at the start of a message
#: 帮我爸妈问 / 我父母都是…: both parents named together, a fact said of them both
_BOTH_PARENTS = rx.compile(r"(?:爸妈|父母|我爸我妈|我妈我爸|爸爸妈妈|老两口)[^。]{0,12}?都")
_PARENT_WORD = rx.compile(r"妈|爸|母亲|父亲")
_OTHER_PERSON = rx.compile(r"^(?:[^,，。!！?？]{0,6}[。.,，!！:：])?(?:那|那么|还有|另外|再问一下|再加一个|再算一个|顺便问一下|顺便)?[,，:：]?(?:我|俺|帮我)?(?:家)?"
                           r"(?:老伴|老婆|老公|爱人|媳妇|丈夫|妻子|婆娘|堂客|婆姨|老婆子|老头子|母亲|父亲|妈妈|爸爸|妈|爸|老妈|老爸|儿子|女儿|闺女"
                           r"|奶奶|爷爷|外婆|外公|姥姥|姥爷|婆婆|公公|岳母|岳父|丈母娘|孙子|孙女|外孙女|外孙)"
                           # (我爱人南充在职: the person's city said between)
                           # (那我老伴的呢，她也是南充的 / 我爸的呢？他退休了: theirs asked after the person's own)
                           r"(?:(?:南充|南昌|平凉|西安)(?:市|的)?)?[,，\s]?(?:今天|昨天|前天|上周|这周|刚才|刚刚)?"
                           r"(?:的呢|的话|呢|也|她|他|是|在职|退休|还在|已经|在(?=[^,，。]{0,6}签约)"
                           # (西安退休… →) 那我女儿在南昌上班 职工医保 二级医院 900: where they work and are insured
                           # (not 我女儿在南充上班 我自己是退休的: the writer's own visit after it)
                           r"|在(?:南充|南昌|平凉|西安)(?:市)?(?:上班|工作)(?![^。]{0,16}(?:我自己|我本人|我是))"
                           # (…双通道 →) 我老婆灵活就业 在一级医院做产检四百: her own category, her own visit
                           r"|灵活就业|城乡居民|居民医保"
                           # 我女儿6岁，南昌居民医保: their age said first
                           r"|[0-9一二三四五六七八九十]{1,3}岁(?:了|多)?(?=[,，\s])"
                           # (南充在职…300 →) 我妈住院了 南充退休: their own stay, their own category
                           r"|住(?:了|着)?院)"
                           # Mum went to a level-2 hospital today… / My wife also…: the same, in English
                           r"|^(?:and |now |what about |ok,? )?(?:my )?(?:mum|mom|mother|dad|father|wife|husband|son|daughter)"
                           r"(?: also| too| then| today| yesterday)? (?:went|saw|visited|paid|spent|had|is|was|also|too)\b"
                           # (a social worker, a cashier asking for several) 第二个是李阿姨 / 另一位刘大姐 / 第三个是个小伙子
                           r"|" + _NEXT_PATIENT)
_OWN_YEAR_SAID = rx.compile(r"今年(?:也|还)?(?:是)?(?:第一次|头一回|头回)|今年统筹|他今年|她今年|统筹(?:已经)?报(?:过|了)"
                            r"|\b(?:her|his) (?:deductible|first visit|first bill)|\b(?:she|he) (?:had|has) (?:already )?(?:used|met|paid)")
_RESET_FIRST = rx.compile(r"(?:重新开始|重新算|重来|从头开始|换个人|再算一个|start over|reset)")
_WHOLE_WORD = rx.compile(r"花|一共|总共|合计|费用")
_BARE_UNKNOWN = rx.compile(r"^(?:我|俺)?(?:也)?(?:不清楚|不知道|不晓得|不太清楚|不确定|记不清了?|忘了|搞不清|说不清|不懂"
                           r"|(?:咋|哪|哪个|哪里|哪儿)(?:晓得|知道)[吗嘛呢啊？?!！。]*$)"
                           # (您是在哪一级…？→) 二附院是几级？我也不知道: the level asked back, and not known
                           r"|^[^,，。?？]{0,12}?是几级(?:的|啊|呀|呢)?[?？,，。\s]*(?:我|俺)?(?:也)?(?:不清楚|不知道|不晓得|不太清楚|不确定|搞不清|说不清)"
                           r"|^(?:i )?(?:don'?t know|not sure|no idea|unsure)")
#: 另外还做了个CT 300: one more test of the same visit, said after it was settled
_ALSO_DID_TEST = rx.compile(r"(?:哦|对了)?[,，]?(?:另外|而且|然后)?(?:还|也)(?:给我)?(?:做了|拍了|查了|照了)(?:个|一个|一次)?"
                            rf"(?:{TEST_WORDS})")
#: 第一次那150能报吗 / 上次那个报多少: what an earlier visit of the year gets, asked after the year was told
_EARLIER_VISIT_ASKED = rx.compile(r"(?:第一次|头一次|第一回|头一回|上次|上一次|前一次|前面那次"
                                  # 那上周那次报了多少: the latest earlier visit, named by when it was
                                  r"|(?:上周|上礼拜|上个?星期|上个月|昨天|前天|前几天)(?:的)?(?:那|那一)(?:次|回)"
                                  r"|(?P<month>[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月(?:份)?(?:的)?(?:那|那一)(?:次|回))"
                                  r"(?:那|的)?(?:个|次)?(?:[0-9]+(?:\.[0-9]+)?(?:块|元)?)?"
                                  r"[^,，。]{0,4}?(?:能报吗|能报多少|报多少|能不能报|能报不|怎么算|算多少|能报些|报了多少|报了几多|报了好多|给报了多少)")
#: 第二次呢 / 第三回报了多少: a visit of the year asked by its place in it
_NTH_VISIT_ASKED = rx.compile(r"第(?P<n>[二三四五六七八九两2-9])(?:次|回)(?:的|那次|那回)?(?:呢|报了多少|能报多少|报多少|报了几多|怎么算)")
#: the retiree's benefits said to have begun (开始享受退休待遇了 / 退休待遇已经算上了)
_BENEFITS_BEGUN = rx.compile(r"(?:开始|已经|已)?享受(?:上)?(?:了)?退休待遇|退休待遇(?:已经|已)?(?:开始|算上|生效|批下来|下来)(?:了)?")
#: 那我8月10号看的那次呢 / 那次能报多少: the figure of the visit just told is asked
_THAT_ONE_ASKED = rx.compile(r"那次(?:呢|能报多少|报多少|报了多少|怎么算|算多少)|那次[^,，。]{0,12}?(?:能报多少|报多少|呢)[?？]?$")
#: 那今天这次呢 / 那这次呢: this visit's figure asked again (after another visit's was given)
_THIS_ONE_AGAIN = rx.compile(r"^(?:那|那么)?(?:今天(?:这次|这回|的)?|这次|这回|今天看的这次)(?:呢|报多少|能报多少)[?？。]?$")
#: 第一次是在社区… / 头一回在卫生院…: the year's first visit told by its order, with its place
_FIRST_ONE_TOLD = rx.compile(r"(?:第一次|第一回|头一次|头一回|头回)(?:是|呢)?(?:在|去的|去了)")
#: 他又改口说 / 更正一下: what was said before is taken back in so many words
_CHANGED_STORY = rx.compile(r"改口|更正|纠正")
#: 我在西安和南昌都交过医保 / 两边都有医保: insured in more than one place
_INSURED_IN_BOTH = rx.compile(r"都(?:交|缴|参|买|办)(?:过|了)?(?:职工|居民)?(?:医保|保险|社保)|两边都有(?:医保|社保)|都有(?:医保|社保)")
#: 6月那次 / 3月份的那回: an earlier visit named by its month
_MONTH_VISIT_NAMED = rx.compile(r"(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:的)?(?:那|那一)(?:次|回|趟)")
#: (9月那次)是按在职算的吗: the category a visit was settled under, asked
_CATEGORY_OF_VISIT_ASKED = rx.compile(r"按(?:在职|退休|职工|居民)(?:人员|职工)?(?:的)?(?:标准|待遇)?算(?:的)?(?:吗|么|嘛|不|没|呢|[?？])")
#: 只有诊察费20 / 光是药费300: the part named is all of the bill
_ONLY_THAT_PART = rx.compile(r"(?:只有|只是|光是|就只有?|仅有|仅仅)(?:一个|一项|一笔)?(?=诊察费|挂号费|药费|检查|化验|乙类|自费|中成药|中药|治疗)")
#: 是我自己掏的 / 我自己付的: what the person paid
_PAID_BY_ME_SAID = rx.compile(r"(?:是)?(?:我|俺)?自己(?:掏|付|出|交)的|我(?:付|掏|交)的")
#: 这次花了九百 / 不对，这次一共花了900: this visit's bill said (again)
_THIS_BILL_SAID = rx.compile(r"(?:^|[,，。])(?:那|那么)?(?:本次|这次|这回|今天)(?:看病|看门诊)?(?:一共|总共)?花(?:了)?")
#: a slip's own line named by its label (统筹支付 / 基金支付 / 个人支付 / 个人负担 / 个人自付)
_SLIP_LINE_SAID = rx.compile(r"(?P<fund>统筹(?:基金)?支付|基金支付|医保支付)|个人(?:支付|负担|承担|自付)")
_SLIP_SAID = rx.compile(r"单子|结算单|发票|小票|收据|票据|单据|slip|receipt")
_NOT_SURE_SAID = rx.compile(r"不太确定|不确定|不清楚|不知道|不晓得|记不清|拿不准|说不准|not sure|don'?t know")
_LEVEL_HINT_ZH = ("通常：社区卫生服务中心、乡镇卫生院、诊所是一级及以下；县医院、县人民医院多为二级；"
                  "市级、省级大医院多为三级，“三甲”就是三级甲等。医院等级一般写在挂号单或医院门口的牌子上。")
_LEVEL_HINT_EN = ("Usually community and township health centres and clinics are level 1; county hospitals are often "
                  "level 2; large city and provincial hospitals are level 3 (三甲 = level 3 grade A). The level is on "
                  "the registration slip or the hospital's sign.")


def _same_day(a: Known, b: Known, today: dt.date) -> bool:
    """Whether two visits told are of one day (a visit with no date said is today's; a month without its day
    is no day)."""
    def day(k: Known) -> tuple[int, int, int] | None:
        if k.month is None:
            return (today.year, today.month, today.day) if k.day is None else None
        return None if k.day is None else (k.year or today.year, k.month, k.day)
    return day(a) is not None and day(a) == day(b)


def _dated(facts: Facts, today: dt.date) -> Facts:
    """Relative dates (昨天, 上周, 上个月) and a retirement date as the calendar dates they mean."""
    changes: dict[str, Any] = {}
    if facts.month is None and facts.days_ago is not None:
        day = today - dt.timedelta(days=facts.days_ago)
        changes.update(year=day.year, month=day.month, day=day.day)
    elif facts.month is None and facts.months_ago == -1:
        # 下个月: the same day of next month (or its last day)
        nxt = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = (nxt.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        changes.update(year=nxt.year, month=nxt.month, day=min(today.day, last.day))
    elif facts.month is None and facts.months_ago:
        first = today.replace(day=1) - dt.timedelta(days=1)
        changes.update(year=first.year, month=first.month, day=min(today.day, first.day))
    return msgspec.structs.replace(facts, **changes) if changes else facts


def _retired_on(facts: Facts, today: dt.date) -> dt.date | None:
    if facts.retired_month is None:
        return None
    year = facts.retired_year or today.year
    try:
        return dt.date(year, facts.retired_month, facts.retired_day or 1)
    except ValueError:
        return None


def turn(state: SessionState, message: str, locale: str = "zh-CN",
         today: dt.date | None = None) -> tuple[SessionState, Reply]:
    """One chat turn: understand, merge, ask or answer. ``today`` is injectable (tests, benchmarks)."""
    today = today or dt.date.today()
    if state.asking is None and state.known.amount is None and not state.ledger \
            and (cut := _SUPPOSED_AFTER_TOLD.search(message)) is not None and cut.start() >= 8 \
            and not _HOW_MUCH_MORE.search(message, cut.start() + 1):
        # 小票：合计1100 统筹540 个人560。问下要是按退休人员算，同样这笔能报多少 / …过两天还要去复查 花400:
        # the visit told (or its slip), then a what-if or a visit to come, in one message — the first
        # answered as told, then the supposition on it (never the two read as facts that disagree)
        told, supposed = message[:cut.start() + 1], message[cut.start() + 1:]
        first_state, first = _one_turn(copy.deepcopy(state), told, locale, today)
        if first.result is not None and first.asking is None:
            if first_state.checked and _HOW_MUCH.search(supposed) and not CHECK_QUESTION.search(supposed):
                # (the slip checked, then 要是按退休人员算 同样这笔能报多少: a figure asked of another case — the
                # slip is this visit's, never checked against the supposition)
                first_state.known = msgspec.structs.replace(first_state.known, **{n: None for n in _SLIP_FIELDS})
                first_state.checked = False
            then_state, then = _one_turn(first_state, supposed, locale, today)
            if then.result is not None and then.asking is None:
                head = first.text.split("\n\n", 1)[0]
                then.text = head + "\n\n" + then.text
                return then_state, then
    return _one_turn(state, message, locale, today)


#: 个体户 / 个体工商户: self-employed — a flexible worker where the scheme is the employees'
_SELF_EMPLOYED = rx.compile(r"个体工商户|个体户|个体经营")
#: 能多报多少 / 差多少: the difference asked — answered as the visit told, the supposition beside it
_HOW_MUCH_MORE = rx.compile(r"多报|少报|差多少|差几|多少差别|区别|差别")
#: 。问下要是… / ，如果去一级医院看… / 。过两天还要去复查 花400: a supposition or a visit to come, after the told
_SUPPOSED_AFTER_TOLD = rx.compile(r"[。.!！;；,，\s](?=(?:问下|问一下|想问|想问下|请问|那|那么)?(?:要是|如果|假如|假设|若是)"
                                  r"|(?:过两天|过几天|下周|下礼拜|下星期|下个月|下次)(?:还要|还得|要|再|去|还去)"
                                  # Receipt: …(first visit this year). If I go to a township centre next week…
                                  r"|\s?(?i:(?:and |so |but )?(?:what if|if (?:i|she|he|we|they|my [a-z]+) (?:go|went|visit|see|saw|get|spend))\b))")


def _one_turn(state: SessionState, message: str, locale: str, today: dt.date) -> tuple[SessionState, Reply]:
    tapped = _tapped(message)
    typed = message  # (the words as typed: the rewrites below add Chinese words to a bare answer)
    if tapped is not None:
        message = tapped  # one of our English quick replies: read as the Chinese words it labels
    if state.last_account and (follow_up := _FOLLOW_UP_QUESTION.match(message.strip())) is not None \
            and not _ACCOUNT_OR_FIGURE.search(message):
        # (个人账户能给我爸看病用吗 → …) 那能用来买健身卡吗: the same account, asked of something else
        message = "个人账户" + follow_up.group("rest")
    message = _named_place_levels(state, message)
    if (self_employed := _SELF_EMPLOYED.search(message)) is not None and "灵活" not in message \
            and (state.known.scheme == "employee" or ((policy := _policy(state.known)) is not None
                                                      and get_pack(policy).meta.scheme == "employee")):
        # 我是个体户 自己交的, in the employee scheme: a flexible worker (in 南昌, where a self-employed person
        # may be in either scheme, the scheme is asked first — never the employee scheme supposed)
        message = message[:self_employed.start()] + "灵活就业" + message[self_employed.end():]
    if state.asking == _SLIP_FUND_FIGURE and _BARE_AMOUNT.fullmatch(message.strip()):
        message = "结算单上统筹支付" + message.strip() + "，对吗"  # the slip line asked for
    if state.asking == _REFERRAL_PART and _BARE_AMOUNT.fullmatch(message.strip()):
        message = "其中中成药" + message.strip()  # the answer to “how much was Chinese medicine?”
    if state.asking == _BALANCE_FIGURE and (balance := parse_amount(message)) is not None \
            and not _OTHER_FIGURE_WORD.search(message):
        # the answer to “exactly how much is in the account?” (320 / 就是三百二): the balance, never the bill — of
        # the same time as the one asked about (年初大概有八百 → 年初是820: before the year's visits, not today's)
        message = f"个人账户{'' if state.balance_now or not state.ledger else '原来'}余额{balance}"
    elif state.asking == _BALANCE_FIGURE:
        state.balance_untold = False  # (不记得了) asked once: the answer stands with the bill in cash
    if (empty := _ACCOUNT_EMPTY.search(message)) is not None and not _ASKED_AFTER.search(message, empty.end()):
        # 个人账户没钱了 / 账户里的钱用完了: a balance of nothing, said in words (a fact, never out of scope);
        # 没钱了，只剩20: what is left is the balance (never a new bill)
        left = _ONLY_LEFT.match(message, empty.end())
        message = message[:empty.start()] + ("个人账户只剩" + message[left.end():] if left is not None
                                             else "个人账户余额0" + message[empty.end():])
    elif (has := _ACCOUNT_HAS_MONEY.search(message)) is not None and not _NOT_KNOWN_AFTER.match(message, has.end()):
        state.balance_untold = True  # 个人账户有余额: how much is asked (if no figure is said) before cash is assumed
    if state.asking == _WHERE_BOUGHT and state.known.prescribed_at_level is not None and state.known.provider_kind is None:
        # (这次是拿着处方在药店买的药，还是就在开处方的医院…？) 在药店买的 / 就在医院拿的
        pharmacy, hospital = _AT_PHARMACY_SAID.search(message), _AT_HOSPITAL_SAID.search(message)
        if len(message.strip()) > 16 or parse_amount(message) is not None or "处方" in message:
            pharmacy = hospital = None  # (他老伴也来了…处方二级医院开的 药210: no answer — a message of its own)
        if pharmacy and not hospital:
            state.known = msgspec.structs.replace(state.known, provider_kind="pharmacy")
        elif hospital and not pharmacy:
            # at the hospital that wrote it: the visit's level is the prescription's
            state.known = msgspec.structs.replace(
                state.known, provider_kind="hospital", provider_level=state.known.prescribed_at_level,
                provider_grade=state.known.prescribed_at_grade, prescribed_at_level=None, prescribed_at_grade=None)
        state.asking = None
    if state.asking == _CLASS_B_KIND and state.class_b_open:
        # (这120元乙类是药品，还是检查、治疗项目或耗材？) 是药 / 检查 / 不知道: that part, said with its kind
        drug, service = _CLASS_B_DRUG_SAID.search(message), _CLASS_B_SERVICE_SAID.search(message)
        state.asking = None
        if len(message.strip()) <= 40 and parse_amount(message) is None:
            if service and not drug:
                state.known = msgspec.structs.replace(state.known, class_b_drug=None)
                message = f"其中乙类检查{state.class_b_open}"
            elif drug and not service:
                message = f"其中乙类药{state.class_b_open}"
            else:  # 不知道 / 都有 / 说不清: each kind, side by side
                state.class_b_unknown = True
                message = f"其中乙类{state.class_b_open}"
    if state.asking == _PRIOR_CONFIRM and state.pending_prior:
        figure = parse_amount(message)
        if figure is not None or _CONFIRMED.search(message.strip()):
            # the spending before, confirmed (确定是150 / 对): said as the year's question asked it
            message = "之前几次一共花了" + (f"{figure}" if figure is not None else state.pending_prior)
        state.pending_prior = None
    if state.asking == _MORE_COST_PART and _BARE_AMOUNT.fullmatch(message.strip()):
        message = "另外还有" + (state.part_word or "检查费") + message.strip()  # the cost asked for: added
    elif state.asking == _MORE_COST_PART and len(message.strip()) <= 16 and parse_amount(message) is not None \
            and not _WHOLE_BILL_SAID.search(message) and not _EXTRA_PART.match(message.strip()):
        # (您说还有检查费：检查费是多少钱？) 检查费三百: that cost, added — never a bill of 300 alone
        message = "另外还有" + message.strip()
    if state.what_if_base is not None and (still := _STILL_AS_TOLD.match(message)) is not None \
            and message[still.end():].strip(" ,，。"):
        # (如果我是十一月才办完手续呢 →) 还是按十月的。下个月再去…: the supposition dropped (as any other message
        # drops it) — 十月 there names the case, never the date of what follows
        message = message[still.end():].lstrip(" ,，。")
    if state.asking == _SELF_PAY_PART and _BARE_UNKNOWN.search(message.strip()) and state.part_word in (None, "自费"):
        state.part_unknown = True  # 不知道 (how much was self-pay): the answer is the most the fund can pay
    if state.asking == _SELF_PAY_PART and _BARE_AMOUNT.fullmatch(message.strip()):
        # the answer to “how much was self-pay (产前检查…)?”: that part, not the total (no total told: 开了中药饮片
        # 三百多 → 三百二十 — the part, the only cost said, stands for the bill as a part said alone does)
        message = ("其中" if state.known.amount is not None or state.part_word in ("", "自费") else "") \
            + (state.part_word or "自费") + message.strip()
    if state.each_visit_asked:
        state.each_visit_asked = False
        if state.asking == "amount":
            message = _each_visit(message)
    try:
        u = understand(message, today=today)
    except Exception as exc:  # noqa: BLE001 - as in the turn below: nothing lost, never a 5xx
        _log.error("chat understanding failed: %s", type(exc).__name__)  # the type only (PIPL)
        return state, Reply(text=_t(locale, "抱歉，这句话我没能处理好。您之前说的都还记着，请换个说法再说一遍，或者点“重新开始”。",
                                    "Sorry, I could not handle that message. Everything you told me before is kept; "
                                    "please say it another way, or start over."),
                            intent="error", quick_replies=_t_list(locale, ["重新开始"], ["Start over"]))
    # the person writes English (or writes no Chinese on a page in English): reply in English with
    # English quick replies. A page in English (Accept-Language) whose person writes Chinese gets
    # English text and the dialogue's Chinese quick replies, which the widget labels in English
    # (assistant/static/chat.js QR_EN).
    if u.class_b_kind_open is not None and state.class_b_kind_said is not None:
        # (平凉…有乙类药 还有甲类 → 一共多少？→) 乙类300 甲类500: the kind was said before the figure — a drug
        # (or a test, service or supply) as said, never asked again
        if state.class_b_kind_said == "service" and u.facts.class_b_drug is not None:
            u = msgspec.structs.replace(u, facts=msgspec.structs.replace(
                u.facts, class_b_service=u.facts.class_b_drug, class_b_drug=None))
        u = msgspec.structs.replace(u, class_b_kind_open=None)
        state.class_b_kind_said = None  # (used once: a later bill's class-B part is its own)
    elif u.class_b_kind_open is None and u.facts.class_b_drug is None and u.facts.class_b_service is None \
            and (kind_said := _CLASS_B_KIND_SAID.search(u.text)) is not None:
        state.class_b_kind_said = "drug" if kind_said.group("w") in ("药", "药品") else "service"
    if u.class_b_kind_open is not None:
        if u.class_b_kind_open != state.class_b_open:
            state.class_b_open, state.class_b_unknown = u.class_b_kind_open, False
    elif u.facts.class_b_drug is not None or u.facts.class_b_service is not None:
        state.class_b_open, state.class_b_unknown = None, False  # its kind said (乙类药300)
    if state.asking == _SELF_PAY_PART and state.part_word in (None, "自费") and u.facts.said() \
            and u.facts.amount is None and not u.unplaced and not _NO_PART_SAID.search(u.text) \
            and not any(getattr(u.facts, f) is not None for f in ITEM_FIELDS):
        # (…其中自费的部分是多少钱？→ 三级): the part asked and passed over for another fact — as not known: the
        # figure is the most the fund can pay, said so, never the bill settled as all in scope without a word
        state.part_unknown = True
    english_messages = tapped is not None or u.english or (
        # (an English conversation goes on in English when a message mixes in Chinese words: ok 结算单上写
        # 起付线 1000, 三级 50%, cap 2400)
        (state.english or locale == "en") and (not _CJK.search(typed) or _TWO_LATIN_WORDS.search(typed) is not None))
    if english_messages:
        locale = "en"
    state.english = english_messages
    state.turns += 1
    before = msgspec.msgpack.encode(state)
    amount_before = state.known.amount
    if _one_before(u.text):
        state.one_visit_before = True  # what the person had told us, kept if this turn fails
    try:
        answered = _bill_then_what_if(state, message, locale, today) or _that_visit_then_another(state, message, locale, today) \
            or _back_to_told_then(state, message, locale, today)
        if answered is not None:
            state, out = answered
        else:
            state, out = _turn(state, u, message, locale, today)
    except Exception as exc:  # noqa: BLE001 - a turn that fails must lose nothing and never be a 5xx
        # the exception's type only: never the message, amounts or identifiers (PIPL)
        _log.error("chat turn failed: %s", type(exc).__name__)
        state = msgspec.msgpack.decode(before, type=SessionState)
        out = Reply(text=_t(locale, "抱歉，这句话我没能处理好。您之前说的都还记着，请换个说法再说一遍，或者点“重新开始”。",
                            "Sorry, I could not handle that message. Everything you told me before is kept; "
                            "please say it another way, or start over."),
                    intent="error", quick_replies=_t_list(locale, ["重新开始"], ["Start over"]))
    if out.asking == "provider_kind" and state.asking == _WHERE_BOUGHT and state.where_asks >= 2 \
            and (both := _where_alternatives(state, locale, today)) is not None:
        out = both  # (处方…开的 asked once and passed over: never the same question again)
    if out.asking != "provider_kind":
        state.where_asks = 0  # (the question left behind: a later prescription is asked about afresh)
    if state.part_unknown and (state.known.amount != amount_before or any(getattr(state.known, f) for f in _ITEM_TEXT)):
        state.part_unknown = False  # a new bill, or its parts told after all
    if state.part_unknown and (out.result is not None or out.alternatives):
        # (有些是自费的 → 其中自费的部分是多少钱？→ 不知道): the figure with no self-pay part is the most the
        # fund can pay — said so first on every answer about this bill (and on its read-back), never as the answer
        understood = [msgspec.structs.replace(f, text=_t(locale, "自费部分不清楚，按没有算（统筹最多能报的数）",
                                                         "self-pay part not known: counted as none (the most the fund pays)"))
                      if f.slot == "items" and f.source == "assumed" else f for f in out.understood]
        out = msgspec.structs.replace(out, understood=understood, text=_t(
            locale, "自费（或乙类）的部分不清楚：下面是按没有这部分算的，也就是统筹最多能报的数；有自费或要先自付的乙类"
                    "费用的话，统筹报得更少、自己付得更多，以结算单为准。\n\n",
            "The self-pay (or class-B) part is not known: below is the figure with none, the most the fund can pay; "
            "with self-pay items (or class-B items paid first in part) the fund pays less — the slip is what counts.\n\n") + out.text)
    if state.pending_what_if and out.asking is None and out.result is not None and out.intent != "what_if" \
            and state.pending_amount is None:
        # the figure asked about is placed and the bill settled: now the what-if held for it
        held, state.pending_what_if = state.pending_what_if, None
        try:
            state, replayed = _turn(state, understand(held, today=today), held, locale, today)
        except Exception as exc:  # noqa: BLE001 - as above: the settlement given stands
            _log.error("chat turn failed: %s", type(exc).__name__)
        else:
            if replayed.result is not None:
                out = msgspec.structs.replace(replayed, text=_t(locale, f"您前面问的“{held}”：\n",
                                                                f"Your earlier question, “{held}”:\n") + replayed.text)
    elif state.pending_what_if and out.asking != "amount_role":
        state.pending_what_if = None  # the conversation moved on: the held what-if is not answered unasked
    if state.known.amount != amount_before:
        # the bill changed: its named parts are this message's (挂号5 检查120), or none are known
        state.bill_parts = _named_parts(u) if state.known.amount is not None else []
        state.parts_listed = state.known.amount is not None and _lines_add_up(u, state.known.amount)
    state.last_account = out.intent in ("account_use", "account_credit") and out.asking is None
    if out.asking is not None:
        out = _not_twice(state, out, locale)
        state.asked = [*state.asked, out.text][-20:]
    if out.quick_replies:
        if english_messages:
            out = msgspec.structs.replace(out, quick_replies=_chips_en(out.quick_replies))
        elif locale == "en":
            out = msgspec.structs.replace(out, quick_replies=[_ZH_CHIP.get(q.casefold(), q)
                                                              for q in out.quick_replies])
    return state, out


#: the words naming an in-scope part of a bill (挂号5 / 检查费120 / 药180), just before its figure
_PART_NAME = r"挂号|检查|化验|西药|中成药|药|治疗|输液|打针|针剂|材料|ct|b超|心电图|血常规|彩超|核磁|胃镜|拍片|片子"
_PART_NAMED_BEFORE = rx.compile(rf"(?P<word>{_PART_NAME})(?:费)?(?:是|花了|共|一共)?$")
#: 哦挂号费医院说不报 算自费的 / 检查费不能报: a part told before, now said to be outside the fund's scope
_PART_NOT_COVERED = rx.compile(rf"(?P<word>{_PART_NAME})(?:费)?[^,，。0-9]{{0,8}}?"
                               r"(?:不报|不能报|不给报|报不了|不让报|不在报销|不在医保|算自费|是自费|属于自费|要自费|自费的)")


def _lines_add_up(u: Understanding, total: Decimal) -> bool:
    """Whether the message listed two or more figures of the bill and then its total, the lines adding
    up to it exactly (a slip read out line by line)."""
    said = [Decimal(sp.value) for sp in u.spans
            if sp.slot in ("amount", "rest", *ITEM_FIELDS) and sp.value and sp.note is None]
    return len(said) >= 3 and said[-1] == total and sum(said[:-1], Decimal(0)) == total


def _named_parts(u: Understanding) -> list[tuple[str, Decimal]]:
    """The parts of the bill a message names with their figures (药180 检查120 挂号5), in-scope as told."""
    out = []
    for sp in u.spans:
        if sp.slot == "amount" and sp.note is None and sp.value \
                and (m := _PART_NAMED_BEFORE.search(u.text, max(0, sp.start - 5), sp.start)) is not None:
            out.append((m.group("word"), Decimal(sp.value)))
    return out if len(out) >= 2 else []


#: 也在我们医院 / 同一家 / 在这看: the place told before, named back (it carries to the new bill)
_PLACE_BACK = rx.compile(r"也在|也去|同样在|同一家|同一个医院|这家|那家|我们医院|我们这|在这|一样的医院|same (?:hospital|place|clinic)")
#: a word of a place of care: the clause it is in tells one visit (in answer to “each visit's cost?”)
_PLACE_WORD = rx.compile(r"医院|卫生院|社区|诊所|门诊部|药店|药房|[一二三1-3]级|三甲|二甲|hospital|clinic|pharmacy")
#: a visit already set apart by the person's own words (又 / 第二次 / 然后…): the answer is read as said
_VISITS_APART = rx.compile(r"又|第[二三2-3](?:次|回)|然后|后来|another|then")


def _each_visit(message: str) -> str:
    """The answer to “how much was each visit?” (asked of one total of two places), with each
    figure after the first set apart as a visit of its own (药店300，医院600 → 药店300，又在医院600):
    read so, its figures are the visits, in the order said — never two figures for one bill that
    disagree. An answer that sets its visits apart itself, or that names no second place, is
    read as it is."""
    text = normalise(message)
    if _VISITS_APART.search(text):
        return message
    figures = [a for a in extract_amounts(text, normalised=True) if a.role in (None, "total") and not a.negated]
    if len(figures) < 2:
        return message
    cuts = []
    for before, after in pairwise(figures):
        lo = before.end
        while lo < after.start and text[lo] in ",，、;； ":
            lo += 1
        # the words between the two figures name the second visit's place (医院600 / 在药店花了200)
        if lo >= after.start and not _PLACE_WORD.search(text, after.end, after.end + 4):
            return message
        if not _PLACE_WORD.search(text, lo, after.start) and not _PLACE_WORD.search(text, after.end, after.end + 4):
            return message
        cuts.append(lo)
    for at in reversed(cuts):
        text = text[:at] + ("又" if text.startswith(("在", "去"), at) else "又在") + text[at:]
    return text


def _trial_copy(state: SessionState) -> SessionState:
    """A deep copy of the session to run turns on, kept only if they read the message as hoped."""
    return msgspec.msgpack.decode(msgspec.msgpack.encode(state), type=SessionState)


#: 其实那次就是在二级医院，11月10号。今天又去那个二级医院花了300: the visit told before set right, then
#: another visit — two messages in one
_THAT_VISIT_THEN_ANOTHER = rx.compile(r"^(?P<head>(?:其实|不对|哦|对了|噢)?[,，]?(?:那次|上次|那一次|前面那次|之前那次)[^。；;]*?)"
                                      r"[。；;，,]\s*(?P<tail>(?:今天|这次|这回|后来|然后|昨天)?[^。；;，,]{0,4}?又(?:去|在|看|到)[^。]*)$")


def _that_visit_then_another(state: SessionState, message: str, locale: str,
                             today: dt.date) -> tuple[SessionState, Reply] | None:
    """The visit told before set right and another visit told, in one message (其实那次就是在二级医院，11月10号。
    今天又去那个二级医院花了300): the first part read as a message of its own (that visit's place and date),
    then the second (one more visit) — never the date and place of the one given to the other. None when
    the message is not so, or when the first part does not read as said of that visit."""
    split = _THAT_VISIT_THEN_ANOTHER.match(normalise(message)) \
        if state.known.amount is not None and state.asking is None and not state.ledger else None
    if split is None:
        return None
    head, tail = split.group("head"), split.group("tail")
    told_head, told_tail = understand(head, today=today), understand(tail, today=today)
    said_of_that = (told_head.facts.provider_level, told_head.facts.provider_kind, told_head.facts.month)
    if told_head.facts.amount is not None or told_tail.facts.amount is None or all(v is None for v in said_of_that):
        return None
    trial = _trial_copy(state)  # (the state untouched unless it is so)
    # (after 那要是在二级医院呢: 那次 names the visit told, not the what-if's — what is said of it is so)
    trial.what_if_base = trial.what_if_ledger = None
    return _head_then_tail(trial, (head, told_head), (tail, told_tail), locale, today)


def _head_then_tail(trial: SessionState, head: tuple[str, Understanding], tail: tuple[str, Understanding],
                    locale: str, today: dt.date) -> tuple[SessionState, Reply] | None:
    """One message read as two in turn, on a trial copy of the state: the head first, then the tail on what the
    head left — None (the message read whole instead) unless the head answers with figures and asks nothing."""
    told, first = _turn(trial, head[1], head[0], locale, today)
    if first.asking is not None or first.result is None:
        return None
    return _turn(told, tail[1], tail[0], locale, today)


#: (五百 → 那如果是一千呢 →) 算了 就按五百 下个月还要去三级医院复查…: back to the bill told, then something more
_BACK_TO_TOLD_THEN = rx.compile(r"^(?P<head>(?:算了|好吧|行|那)?[,，\s]*(?:就|还是)按(?:原来的?|之前的?)?"
                                r"(?P<fig>[0-9一二两三四五六七八九十百千万.]+)(?:元|块)?(?:的)?(?:来)?(?:算)?(?:吧)?)"
                                r"[,，。；;！!\s]+(?P<tail>\S.*)$")


def _back_to_told_then(state: SessionState, message: str, locale: str,
                       today: dt.date) -> tuple[SessionState, Reply] | None:
    """Back to the bill told after a what-if, and something more in the same message (算了 就按五百 下个月还要去
    三级医院复查 大概一千): the way back read first, as a message of its own, then the rest — the figure of the
    way back is never the next visit's. None when the message is not so, or the figure is not the bill told."""
    split = _BACK_TO_TOLD_THEN.match(normalise(message)) \
        if state.what_if_base is not None and state.known.amount is not None and state.asking is None else None
    if split is None or parse_number(split.group("fig")) != state.known.amount:
        return None
    head, tail = split.group("head"), split.group("tail")
    trial = _trial_copy(state)  # (the state untouched unless it is so)
    return _head_then_tail(trial, (head, understand(head, today=today)), (tail, understand(tail, today=today)),
                           locale, today)


#: 南昌居民 签约社区 看病花了150，如果我签了家庭医生能多报多少: a bill told, then a what-if asked of it
_BILL_THEN_WHAT_IF = rx.compile(r"^(?P<head>.+?)[，,。；;！!\s]+(?P<tail>(?:那|那么)?(?:如果|要是|假如|假设)[^。]*?"
                                r"(?:呢|多少|会怎样|怎么样|怎么算|\?|？)[。？?！!]*)$")


#: (如果我签了家庭医生)能多报多少 / 呢 / 报多少？: the question's own ending, off the case it asks about
_WHAT_IF_ASKED_END = rx.compile(r"(?:的话)?(?:能|可以|会|又)?(?:多报|报|给|付|省)?(?:多少(?:钱)?|几成|怎么样|会怎样|怎么算)?(?:呢|吗|啊)?[。？?！!]*$")


def _bill_then_what_if(state: SessionState, message: str, locale: str,
                       today: dt.date) -> tuple[SessionState, Reply] | None:
    """A bill told in full and a what-if asked of it in one message (…看病花了150，如果我签了家庭医生能多报
    多少): the bill as it is first (the what-if's fact is not the person's: 如果我签了 says they have not),
    then the what-if on it, both in one answer whose figures are the bill's. None when the message is
    not so, or when the bill alone does not settle (the message is then read whole, as before)."""
    # (a bill told before: 我下个月退休，要是12月再看一次呢 is a what-if of that bill, read whole as before)
    split = _BILL_THEN_WHAT_IF.match(message) \
        if state.asking is None and not state.pending_what_if and state.known.amount is None and not state.ledger else None
    if split is None:
        return None
    head, tail = split.group("head"), split.group("tail")
    told_head = understand(head, today=today)
    if told_head.facts.amount is None:
        return None
    trial = _trial_copy(state)  # (the state untouched unless it is so)
    told, first = _turn(trial, told_head, head, locale, today)
    if first.result is not None and first.asking is None and first.bill_check is None and first.intent != "what_if":
        after, then = _turn(told, understand(tail, today=today), tail, locale, today)
        if then.result is not None and then.intent == "what_if":
            text = first.text + "\n\n" + _t(locale, f"您问的“{tail}”：\n", f"Your question, “{tail}”:\n") + then.text
            # both figures side by side under the answer, so the what-if asked is answered where it is seen
            # (the steps are folded away on a phone): the bill as told, then the case asked about
            case = _WHAT_IF_ASKED_END.sub("", tail).strip(" ，,")
            label = case if 0 < len(case) <= 14 else _t(locale, "如果那样", "If so")
            told_visit, asked_visit = first.result["visits"][-1], then.result["visits"][-1]
            both = [Alternative(label=_t(locale, "按您说的", "As you told it"), fund_pays=told_visit["fund_pays"],
                                personal_pays=told_visit["personal_pays"]),
                    Alternative(label=label, fund_pays=asked_visit["fund_pays"], personal_pays=asked_visit["personal_pays"])]
            return after, msgspec.structs.replace(first, text=text, alternatives=both)
    return None


_PERSON_AT_START = rx.compile(r"^(?:(?:南充|西安|南昌|平凉)(?:的)?[,， ]*)?(?:那|那么|还有|另外|再问一下|顺便问一下|顺便)?[,，]?(?:帮)?(?:我|俺)(?:家)?(?:的)?"
                              r"(?P<who>老伴儿?|老婆子|老婆|老公|爱人|媳妇|丈夫|妻子|婆娘|堂客|婆姨|老头子|母亲|父亲|妈妈|爸爸|老妈|老爸|妈|爸|儿子|女儿|闺女"
                              r"|奶奶|爷爷|外婆|姥姥|外公|姥爷|婆婆|公公)(?!妈|爸)")
_PERSON_KEY = {"妈妈": "妈", "老妈": "妈", "母亲": "妈", "爸爸": "爸", "老爸": "爸", "父亲": "爸", "老伴儿": "老伴",
               "媳妇": "老婆", "妻子": "老婆", "婆娘": "老婆", "堂客": "老婆", "婆姨": "老婆", "老婆子": "老伴", "老头子": "老伴", "丈夫": "老公", "闺女": "女儿", "姥姥": "外婆", "姥爷": "外公"}


#: how a household member is named back to the person (您妈, 您爱人)
_PERSON_ADDRESSED = {"老婆": "爱人", "老公": "爱人"}


_PERSON_ANYWHERE = rx.compile(_PERSON_AT_START.pattern.replace("^(?:(?:南充|西安|南昌|平凉)(?:的)?[,， ]*)?", "", 1))


def _person_named(text: str) -> str | None:
    """The household member a message opens with (我爸…, 那我妈…, 帮我老伴…), one word for each (妈妈 = 妈),
    or None (the person, or no one, named)."""
    m = _PERSON_AT_START.search(text)
    if m is not None and own_visit_after(text, m.end()):
        return None  # 南昌的，我老公在职，我在家没工作，我看病花了300: the writer's own visit, after the husband's category
    return None if m is None else _PERSON_KEY.get(m.group("who"), m.group("who"))


#: 还有上周…忘说了 / 漏说了: something of the year left out before, told now
_EARLIER_FORGOTTEN = rx.compile(r"^(?:哦|噢|对了|另外)?[,， ]*还有|忘(?:了)?(?:说|讲|告诉)|漏(?:了|说|讲)")
#: 挂号 / 诊察 / 检查 / 药费: a cost of a visit named (not the bill, not a part of a kind the documents set apart)
_COST_NAMED = rx.compile(r"挂号|诊察|诊查|检查|化验|治疗|药费|材料|拍片|ct|b超|彩超|心电图")
#: 我在职，我妈看病 / 我是退休的，帮我爸问: the writer's own category first, then a relative's visit
_THEIR_VISIT_AFTER_MINE = rx.compile(r"^(?:我|俺)(?:自己|本人)?(?:是)?(?:在职|退休|灵活就业|上班)[^,，。 ]{0,6}[,，。 ]+(?:帮|给|替)?(?:我|俺)(?:家)?(?:的)?"
                                     r"(?P<who>老伴儿?|老婆|老公|爱人|媳妇|丈夫|妻子|母亲|父亲|妈妈|爸爸|老妈|老爸|妈|爸|儿子|女儿|闺女)"
                                     r"(?!妈|爸)[^,，。]{0,6}?(?:看病|看门诊|去看|看了|住院|拿药|买药|花了)")
#: 我女儿在南充上班 / 我儿子在西安读书: where a relative works or lives — their city, not the writer's
_RELATIVE_LIVES_IN = rx.compile(r"(?:女儿|儿子|闺女|孩子|老公|老婆|爱人|妈|爸|哥|姐|弟|妹)(?:在|去了)(?P<place>[^,，。 ]{2,8}?)"
                                r"(?:上班|工作|打工|读书|上学|定居|生活)")
#: 我自己是… / 我的… at a message's start: the person writing, after someone else's bill
_SELF_AT_START = rx.compile(r"^(?:那|那么|好|好的|行)?[,，。 ]*(?:我|俺)(?:自己|本人)")
#: 回到我 / 说回我自己 / 再回到我自己 / 回到我这边 / back to me: the person writing, picked up again
_BACK_TO_SELF = rx.compile(r"(?:^|(?<=[,，。!！?？\s]))(?:好吧|好的|好|行|嗯|ok|okay)?[,，。 ]*(?:那|再|那再|那就)?(?:说回|回到|回来说|再说)"
                           # (哦她还没到起付线啊，那再说回我自己 / 好吧，回到我: back to the writer, at a clause's start)
                           r"(?:我|俺)(?:自己|这边|本人|这儿)?(?!也|都|就|又|不|没)"
                           r"|^(?:ok|okay)?[,，. ]*(?:back to|now back to) (?:me|myself)\b")
_BACK_TO_OTHER_EN = rx.compile(r"^(?:ok|okay)?[,，. ]*(?:back to|now back to) my (?P<who>dad|father|mum|mom|mother|wife|husband)\b")
_EN_PERSON_KEY = {"dad": "爸", "father": "爸", "mum": "妈", "mom": "妈", "mother": "妈", "wife": "老婆", "husband": "老公"}


def _people_kept(state: SessionState) -> dict[str, Person]:
    """The people of the conversation with the one talked about now kept too, as told so far (under their
    household word, "我" for the person writing) — before the talk moves to someone else."""
    return {**state.people, state.person or "我": Person(known=state.known, ledger=state.ledger)}


def _person_back(text: str) -> str | None:
    """The person a message returns to (回到我 → "我", back to my dad → "爸"), or None."""
    if _BACK_TO_SELF.search(text):
        return "我"
    m = _BACK_TO_OTHER_EN.match(text)
    return _EN_PERSON_KEY[m.group("who")] if m is not None else None


def _afresh(state: SessionState) -> SessionState:
    """A session started over: nothing told is kept but the count of turns and the language spoken."""
    fresh = new_state()
    fresh.turns, fresh.english = state.turns, state.english
    return fresh


def _not_twice(state: SessionState, reply: Reply, locale: str) -> Reply:
    """Never the same question word for word: the second time, say why and offer a way out."""
    if reply.text not in state.asked:
        return reply
    ways = {
        "provider_level": _t(locale, "如果不清楚，回复“不知道”，我把各级医院的结果并排列出来。",
                             "If you don't know, answer “don't know” and I'll show every level side by side."),
        "prescribed_at_level": _t(locale, "如果不清楚，回复“不知道”，我把各级处方的结果并排列出来。",
                                  "If you don't know, answer “don't know” and I'll show each level side by side."),
        "provider_grade": _t(locale, "如果不清楚，回复“不知道”，我把甲等和乙等的结果并排列出来。",
                             "If you don't know, answer “don't know” and I'll show both grades."),
    }
    extra = ways.get(reply.asking or "", _t(locale, "这一项会改变结果，所以需要再确认一下。",
                                            "This changes the figure, so I need to check it once more."))
    text = _t(locale, "还差这一项：", "One more thing: ") + reply.text + "\n" + extra
    n = 2
    while text in state.asked:
        text = _t(locale, f"（第{n}次确认）", f"(check {n}) ") + reply.text + "\n" + extra
        n += 1
    quick = reply.quick_replies
    if reply.asking in ways:
        quick = [*quick, _t(locale, "不知道", "Don't know")]
    return msgspec.structs.replace(reply, text=text, quick_replies=quick)


def _turn(state: SessionState, u: Understanding, message: str, locale: str,
          today: dt.date) -> tuple[SessionState, Reply]:
    intent = u.intent
    if intent != "what_if" and _WHAT_IF_CLAUSE.search(u.text) and _all_in_scope_supposed(u, state.known):
        # (乙类药1000 →) 那要是都是甲类药呢: a what-if of the bill told (never a question out of scope)
        intent = "what_if"
        u = msgspec.structs.replace(u, intent="what_if")
    facts = _dated(u.facts, today)
    if state.known.amount is not None and facts.amount is not None and facts.slip_fund is not None \
            and (facts.slip_personal is not None or facts.slip_cash is not None) \
            and not any(sp.slot == "amount" for sp in u.spans) \
            and facts.amount == facts.slip_fund + (facts.slip_personal if facts.slip_personal is not None
                                                   else (facts.slip_cash or 0) + (facts.slip_account or 0)):
        # (花了1450，账户余额120 →) 单子上统筹写的750 现金580 对吗: the slip's lines of the bill told, checked —
        # their sum is no bill of its own (the account's 120 is the rest of it), never 1330 put for the 1450
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    slip_of = _slip_visit_named(state, u.text, facts, today)
    if slip_of is not None:
        # 九月那次医院报了150 对不对 / 社区那次单子上写统筹报了65: the slip of an earlier visit named by its month or
        # place — that month or place names the visit, it is no new fact of this one
        facts = msgspec.structs.replace(facts, **{n: None for n in ("year", "month", "day", "days_ago", "months_ago",
                                                                     "provider_kind", "provider_level", "provider_grade")})
        u = msgspec.structs.replace(u, facts=facts)
    if facts.amount is None and facts.provider_level is None and _LEVEL_OF_PLACE_ASKED.search(u.text):
        # 县医院一般是几级啊: what level a kind of place usually is — no document says; the usual answer and
        # where the level is written, and the conversation stays where it was (never figures again)
        return state, Reply(text=_t(locale, "这几份文件都没有写哪家医院是几级。", "None of these documents says which hospital is "
                                                                           "which level. ") + _t(locale, _LEVEL_HINT_ZH, _LEVEL_HINT_EN),
                            intent="fact", quick_replies=_t_list(locale, ["一级及以下", "二级", "三级"],
                                                                 ["Level 1 or below", "Level 2", "Level 3"])
                            if state.asking in ("provider_level", None) and state.known.amount is not None else [])
    if any(getattr(facts, n) is not None for n in ("stated_deductible", "stated_cap")) and facts.amount is None \
            and facts.city is None and (policy := _policy(state.known)) is not None and get_pack(policy).supplied is None \
            and intent in ("policy_fact", "what_if") and WHAT_IF_WORD.search(u.text) and not _SLIP_SAID.search(u.text):
        # (南充 …) 如果年度限额是4000元呢 / 换成限额4000呢: the document sets its own figure — quoted, never a scenario
        # settled as if the figure supposed were taken (where the document leaves it to the bureau, 西安, it is a
        # scenario); the words of a supposition are understanding's own, which made the figure a stated one
        # (not read off a slip: 单子上还有一行 起付标准:200)
        supposed_topic = "cap" if facts.stated_cap is not None else "deductible"
        facts = msgspec.structs.replace(facts, stated_deductible=None, stated_cap=None)
        intent = "policy_fact"
        u = msgspec.structs.replace(u, intent="policy_fact", facts=facts, topic=u.topic or supposed_topic,
                                    spans=[sp for sp in u.spans if sp.slot not in ("stated_deductible", "stated_cap")])
    if facts.slip_deductible is not None and facts.stated_deductible is None and facts.city is None \
            and (policy := _policy(state.known)) is not None and get_pack(policy).supplied is not None:
        # (西安 … → 结算单上写着起付线800，三级报销55%): where the document leaves the figures to the bureau,
        # a slip's 起付线 line is how the person supplies the bureau's deductible (as in one message)
        facts = msgspec.structs.replace(facts, stated_deductible=facts.slip_deductible, slip_deductible=None)
    if state.conflict_options and state.conflict_slot == "person" and facts.category is None \
            and (state.asking == "conflict" or intent == "what_if") \
            and (subject := _SUBJECT_START.match(_IF_WORDS.sub("", u.text))) is not None:
        # (… 那我要是花一样的钱呢: the what-if is the other person's — their category)
        # (我退休，她在职。她今天…560 → 这次看病是谁的？) 她今年第一次: the visit is hers — the category said of
        # her is the one settled (the quick reply that starts with the same person)
        mine = [o for o in state.conflict_options if o.startswith(subject.group(0))]
        if len(mine) == 1:
            facts = msgspec.structs.replace(facts, category=understand(mine[0], today=today).facts.category)
    if state.known.fund_at_least and state.known.fund_paid is not None and facts.fund_paid is None:
        if len(u.visits) == 1 and u.visits[0].month is None and u.visits[0].amount is not None \
                and _exact_of_rough(u.visits[0].amount, state.known.fund_paid) and _BARE_FIGURE_FIRST.match(u.text):
            # (今年门诊统筹已经报了1000多了 → the bill asked) 1080，今天又在二级医院花了500: the figure said
            # first, bare, is the exact one of the 1000多 — what the fund has paid, never a visit of 1,080
            facts = msgspec.structs.replace(facts, fund_paid=u.visits[0].amount)
            u = msgspec.structs.replace(u, visits=())
        elif not u.visits and facts.amount is not None and state.known.amount is not None \
                and _exact_of_rough(facts.amount, state.known.fund_paid) and _BARE_FIGURE_ONLY.fullmatch(u.text.strip()):
            # (…医保报了大概一百多 → answered) 就是一百二: the figure alone, one the 一百多 can mean — the fund's,
            # never a bill of 120
            facts = msgspec.structs.replace(facts, fund_paid=facts.amount, amount=None)
    if state.asking == "year_start" and state.ledger and facts.first_visit_this_year is None \
            and (_ONLY_THESE.search(u.text) or _NONE_OTHER.match(u.text.strip())):
        # (除了3月那次，今年还看过别的门诊吗？) 就这两次 / 没有: the visits told are the year's — nothing before them
        facts = msgspec.structs.replace(facts, first_visit_this_year=True)
    if intent == "add_visit" and state.ledger and state.known.amount is not None and facts.amount is None \
            and not u.visits and _nth_visit(u.text) == len(state.ledger) + 1:
        # (签约卫生院 400 → 后来又去了一次 150 →) 第二次其实没去签约那家，去的别的卫生院: the visit named by its place in
        # the year is this one — what is said of it is said of this visit, never one more visit asked for
        intent = "correct" if u.correction else "calculate"
        u = msgspec.structs.replace(u, intent=intent)
    if intent != "add_visit" and state.known.amount is not None and facts.amount is not None \
            and facts.amount != state.known.amount and _nth_visit(u.text) == len(state.ledger) + 2:
        # (100 → 后来又去三级医院花了500 →) 第三回是去药店买药，200: the next visit, counted — one more
        intent = "add_visit"
        u = msgspec.structs.replace(u, intent="add_visit")
    if intent == "calculate" and state.known.amount is not None and state.known.provider_kind == "hospital" \
            and facts.provider_kind == "pharmacy" and facts.amount is not None and not u.correction \
            and _BOUGHT_AFTER_VISIT.search(u.text):
        # (复查 二级医院 350 →) 复查开的药在定点药店买的 200: the prescription of that visit bought at a
        # pharmacy — one more purchase of the year, never that visit replaced
        intent = "add_visit"
        if facts.prescribed_at_level is None and state.known.provider_level is not None:
            # (the prescription is that visit's: its level is the prescribing level, where a document asks it)
            facts = msgspec.structs.replace(facts, prescribed_at_level=state.known.provider_level,
                                            prescribed_at_grade=state.known.provider_grade)
        u = msgspec.structs.replace(u, intent="add_visit", facts=facts)
    if facts.provider_kind == "pharmacy" and facts.prescribed_at_level is None and state.known.amount is not None \
            and _SAME_PRESCRIPTION.search(u.text):
        # 又拿那家医院的处方去药店买了300的药 / 后来又拿同一张方子去药店: the prescription of the visit told
        # before — its prescribing level is that visit's (or that purchase's prescribing level)
        level, grade = ((state.known.provider_level, state.known.provider_grade) if state.known.provider_kind == "hospital"
                        else (state.known.prescribed_at_level, state.known.prescribed_at_grade))
        if level is not None:
            facts = msgspec.structs.replace(facts, prescribed_at_level=level, prescribed_at_grade=grade)
            u = msgspec.structs.replace(u, facts=facts)
    if intent == "add_visit" and facts.amount is None and state.known.amount is not None \
            and _nth_visit(u.text) == len(state.ledger) + 1 and any(getattr(facts, n) is not None for n in ITEM_FIELDS):
        # (…今天又去了二级医院花了500 →) 第二次里面有100是自费的: a part of the visit told last (the second),
        # never one more visit
        intent = "inform"
        u = msgspec.structs.replace(u, intent="inform")
    if intent == "what_if" and facts.amount is not None and state.known.amount is not None \
            and _ALSO_PRESCRIBED.match(u.text) and not u.visits:
        # (产检420 →) 那同一次还看了感冒，甲类药费130呢: one more cost of the visit told, asked with 呢 — added to
        # that bill (below), never a bill of its own in a scenario
        intent = "inform"
        u = msgspec.structs.replace(u, intent="inform")
    if intent == "what_if" and facts.amount is not None and state.known.amount is not None and not u.visits \
            and state.known.self_pay == facts.amount and facts.amount != state.known.amount \
            and _SELF_PAY_COVERED_INSTEAD.search(u.text) \
            and all(getattr(facts, n) is None for n in ("provider_kind", "provider_level", "month", "days_ago", "city")):
        # (1300，其中200是自费 →) 要是那200不是自费 也能报呢: that part supposed in scope — the bill stays 1300
        # (never a bill of 200)
        facts = msgspec.structs.replace(facts, amount=None, self_pay=Decimal(0))
        u = msgspec.structs.replace(u, facts=facts, spans=[sp for sp in u.spans if sp.slot != "amount"])
    if intent == "what_if" and facts.prior_unreimbursed is not None and facts.prior_unreimbursed == state.known.fund_paid \
            and facts.first_visit_this_year and _THAT_FIGURE_BEFORE.search(u.text):
        # (统筹报过一百 →) 如果那一百没报过 就是今年第一次呢: that fund figure supposed away — the year's first, never
        # 100 spent and not reimbursed on top
        facts = msgspec.structs.replace(facts, prior_unreimbursed=None)
        u = msgspec.structs.replace(u, facts=facts)
    if intent == "what_if" and facts.amount is None and u.approximate_amount is not None and state.known.amount is not None \
            and _ANOTHER_VISIT.search(u.text) and not any(getattr(facts, n) is not None for n in _SLIP_FIELDS):
        # 要是再去第三次 再花个一千多呢: one more visit supposed, its bill said roughly — as 再去一次 花个一千多: its
        # exact figure is asked (never the last visit's bill taken for it)
        intent = "add_visit"
        facts = msgspec.structs.replace(facts, first_visit_this_year=None if facts.first_visit_this_year is False
                                        else facts.first_visit_this_year)
        u = msgspec.structs.replace(u, intent="add_visit", facts=facts)
    if intent == "add_visit" and facts.amount is None and state.known.amount is not None \
            and any(getattr(facts, n) is not None for n in _SLIP_FIELDS):
        # 单子上第二次统筹报了360: a slip of a visit already told (第二次 names it), not one more visit
        intent = "inform"
        u = msgspec.structs.replace(u, intent="inform")
    if state.known.amount is not None and facts.amount is not None and _EARLIER_ONE_EN.search(u.text) \
            and (earlier_cost := next((sp.text for sp in u.spans if sp.slot == "amount" and sp.value), None)) is not None:
        # (a bill told →) it's his second visit; the first one was 120 yuan at a level 3 hospital in March: the
        # figure is an earlier visit's, not this bill's — asked about, never settled as the bill (nor its place
        # and month given to this visit)
        facts = msgspec.structs.replace(facts, amount=None, provider_kind=None, provider_level=None,
                                        provider_grade=None, month=None, day=None)
        u = msgspec.structs.replace(u, facts=facts, unplaced=(earlier_cost,))
    changed_line = next((n for n in ITEM_FIELDS if getattr(facts, n) is not None and getattr(state.known, n) is not None
                         and getattr(facts, n) != getattr(state.known, n)), None)
    if u.correction and state.parts_listed and changed_line is not None and state.known.amount is not None \
            and not _WHOLE_BILL_SAID.search(u.text):
        # (西药费320.50，检查费180，自费45，合计545.50 →) 不对，自费是54不是45: the lines told added up to the
        # total; with one corrected they do not — which total holds is asked, never one of them kept silently
        old, new = getattr(state.known, changed_line), getattr(facts, changed_line)
        lines_now = state.known.amount - old + new
        state.known = msgspec.structs.replace(state.known, **{changed_line: new})
        state.parts_listed = False
        state.asking = "amount"
        return state, Reply(text=_t(
            locale, f"改成{new:,.2f}以后，各项加起来是{lines_now:,.2f}元，和您说的合计{state.known.amount:,.2f}元对不上。"
                    "这次看病一共花了多少钱？（看单子上的合计）",
            f"With {new:,.2f} the lines add up to {lines_now:,.2f}, not the total of {state.known.amount:,.2f} you "
            "gave. What is the bill's total? (the slip's total line)"),
            asking="amount", intent="correct",
            quick_replies=[f"{lines_now:.2f}", f"{state.known.amount:.2f}"])
    known_before, visits_before = state.known, len(state.ledger)
    # a number asked about (“what is the 150?”) and not answered yet: no figure leaves it out
    unplaced_before = state.pending_amount if state.asking == "amount_role" else None
    if unplaced_before is not None and state.known.amount is not None and facts.amount is not None \
            and parse_amount(unplaced_before) == facts.amount != state.known.amount \
            and all(getattr(facts, n) is None for n in ITEM_FIELDS) and _COST_NAMED.search(u.text) \
            and not _WHOLE_BILL_SAID.search(u.text) and not _INSIDE_WORD.search(u.text) and not _EXTRA_PART.search(u.text):
        # (花了九百 还有个一百五 → “一百五”是哪一笔钱？) 一百五是挂号和诊察的: a cost of the same visit — inside the 900
        # or paid beside it is asked (it was settled as a bill of 150 alone)
        state.pending_amount = None
        return state, _placement_asked(state, "rest", facts.amount, unplaced_before, f"{state.known.amount:.0f}", locale)
    if facts.amount is not None and state.known.amount is not None and facts.amount in (
            state.known.prior_unreimbursed, state.known.fund_paid, state.known.deductible_used) \
            and re.search(r"那(?:个|笔)?[\s，,]*[0-9]", u.text) and not _WHOLE_WORD.search(u.text.split("那", 1)[0]):
        # 那之前那400要是在另一家医院花的，也算吗: the earlier spending named again, not a new bill
        inside = {n: getattr(facts, n) for n in ("self_pay",) if getattr(facts, n) is not None}
        if facts.amount == state.known.prior_unreimbursed and inside and _INSIDE_WORD.search(u.text) \
                and intent != "what_if" and sum(inside.values(), Decimal(0)) < facts.amount:
            # 等下 之前那350里有50是自费: what did not count toward the deductible comes out of the earlier
            # spending — never put into this bill
            state.known = msgspec.structs.replace(
                state.known, prior_unreimbursed=facts.amount - sum(inside.values(), Decimal(0)))
            facts = msgspec.structs.replace(facts, **{n: None for n in inside})
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    line_added = False  # (a line of this bill told, added once: never again below as one more cost)
    if facts.amount is not None and state.known.amount is not None and not u.correction and not u.visits \
            and _MISSED_LINE.search(u.text) and not _ANOTHER_VISIT_WORD.search(u.text) \
            and not any(getattr(facts, n) is not None for n in ITEM_FIELDS) \
            and sum(1 for sp in u.spans if sp.slot in ("amount", "rest", *ITEM_FIELDS) and sp.value) == 1:
        # (西药费356.40、检查费280、治疗费64 →) 还漏了一行 材料费45.5: one more line of this bill — added to
        # it, never a bill of its own
        facts = msgspec.structs.replace(facts, amount=state.known.amount + facts.amount, amount_of_parts=None)
        u = msgspec.structs.replace(u, facts=facts)
        line_added = True
    if state.known.amount is None and state.asking is None and u.parts_only and (
            (facts.consultation is not None and facts.amount == facts.consultation)
            # (今年起付线已过，自费300，能报多少: only the self-pay part said — the bill is asked, as above)
            or (facts.self_pay is not None and facts.amount == facts.self_pay
                and not re.search(r"全|都是|都算|只有|就是", u.text))) and not _ONLY_OR_SPENT.search(u.text):
        # 今年第一次，二级医院，诊察费50 — a new bill of which only the consultation fee is said: a visit
        # seldom costs only that, so the whole bill is asked (只有诊察费40 / 诊察费花了40 is the bill)
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=msgspec.structs.replace(u.facts, amount=None))
    if _RETRACTED.search(u.text) and _POSITION_WORDS.search(u.text) and not any(
            getattr(facts, n) is not None for n in _YEAR_POSITION) and any(
            getattr(state.known, n) is not None for n in _YEAR_POSITION):
        # 她又说可能记错了，一月份那次可能没扣完起付线: what was said of the year is taken back and the new
        # word is a doubt — the year's position is asked again, never kept on a word withdrawn
        state.known = msgspec.structs.replace(state.known, **{n: None for n in _YEAR_POSITION})
    if facts.account_balance is not None:
        # (said after earlier visits: the balance before this one — unless both visits are to be paid
        # from it: 两次都刷卡的话)
        # (我个人账户里原来有300: the balance before the year's visits, not today's)
        # (今年1月…3月…今天…他账户里现在还剩135: the earlier visits told in the same message — a balance
        # said as now is today's too)
        # (今年3月…首次门诊 → 本次…门诊花费800，个人账户余额200: said with the next visit — its balance)
        # (下次再买420，账户就剩90了: said with a visit added — that visit's balance, even for the same amount)
        state.balance_now = (bool(state.ledger) or (bool(u.visits) and re.search(r"现在|目前|还剩|剩下", u.text) is not None)
                             or (u.intent == "add_visit" and state.known.amount is not None and facts.amount is not None)
                             or (state.known.amount is not None and facts.amount is not None
                                 and facts.amount != state.known.amount and _NEXT_VISIT_SAID.search(u.text) is not None)) \
            and not _BOTH_FROM_ACCOUNT.search(u.text) and not re.search(r"原来|本来|原先|年初|一开始", u.text) \
            and not (len(state.ledger) == 1 and _BEFORE_THE_EARLIER_VISIT.search(u.text)) \
            and not (_BEFORE_THE_DAYS_VISITS.search(u.text)  # (早上看病之前…有150: before the day's first visit)
                     and all(v.month is None or (v.year in (None, today.year) and v.month == today.month
                                                 and v.day in (None, today.day)) for v in state.ledger))
    if state.known.amount is not None and facts.amount is None and facts.month is not None and u.approximate_amount is None \
            and _EARLIER_CLAIM.search(u.text) and _by_date(today)(_dated(facts, today)) < _by_date(today)(state.known) \
            and not _THIS_ONE_WHEN.search(u.text):
        # 哦不对，三月份在社区报过一回，统筹给了我五十几块: of an earlier visit — its place and date are not
        # this visit's; what it says of the year (the fund's figure) is kept
        facts = msgspec.structs.replace(facts, **{n: None for n in _EARLIER_VISIT_FIELDS})
    elif state.known.amount is not None and facts.amount is None and state.asking != "date" \
            and _EARLIER_ONE_TOLD.search(u.text) and not (state.ledger and _EARLIER_LEVEL_SET.search(u.text)) \
            and any(getattr(facts, n) is not None for n in _EARLIER_VISIT_FIELDS):
        # (第一次是在三级医院 with that visit in the year's ledger: its level set right, below)
        # (…一千一百八十 → 今年第几次？) 今年是第二回了，头一回是五月份在乡卫生院，花了两百出头: the place and
        # the date are the first visit's, never this one's (第一次是上个月5号, answering which day that visit
        # was, is that visit's date: asked for it)
        facts = msgspec.structs.replace(facts, **{n: None for n in _EARLIER_VISIT_FIELDS})
    if facts.new_place and (state.asking in ("provider_grade", "provider_level") or _SAME_ONE.match(u.text)):
        facts = msgspec.structs.replace(facts, new_place=None)  # 就是平凉市人民医院: the place told, named
    if (state.asking_retired or (state.unknown == "category" and _PAPERS_WORD.search(u.text))) \
            and facts.month is not None and facts.retired_month is None \
            and not (facts.amount is not None and facts.month == today.month
                     and (facts.day == today.day or facts.days_ago == 0)):
        # (三级医院，今天看的，800 in answer: the visit told, dated today — not the papers' date)
        # (手续不知道办完没 → 10月20号就办完了: the date the papers were done, not a visit's)
        facts = msgspec.structs.replace(facts, retired_year=facts.year, retired_month=facts.month,
                                        retired_day=facts.day, year=None, month=None, day=None)
    state.asking_retired = False
    if _NEXT_YEAR.search(u.text) and facts.amount is None and (_QUESTION.search(u.text) or _PAID_QUESTION.search(u.text)) \
            and not state.asking and not (facts.month is not None and u.intent == "what_if"):
        # 明年再去看，还要再扣起付线吗 / 额度明年能接着用吗: next year is a year of its own — the articles that
        # say what a year holds answer it (this year's bill is not settled again as next year's)
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 一个自然年度 年度 结转"), locale)
    if _SIGN_CHANGE.search(u.text) and facts.amount is None and (_QUESTION.search(u.text) or _PAID_QUESTION.search(u.text)) \
            and not state.asking:
        # 那我下次能不能换到这家签约: changing the signed institution is the document's rule (when, how)
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 变更 签约机构 自然年度 选定"), locale)
    if _PRENATAL_ASKED.search(u.text) and facts.amount is None and state.known.amount is None \
            and (_QUESTION.search(u.text) or _PAID_QUESTION.search(u.text)) and not state.asking:
        # 平凉 产前检查 门诊能报不: with no bill, what the document says of prenatal care answers it
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 产前门诊检查 产前检查"), locale)
    if facts.designated is False and facts.amount is None and state.known.amount is None \
            and (_QUESTION.search(u.text) or _PAID_QUESTION.search(u.text)) and not state.asking:
        # 在没定点的私人诊所看病，门诊统筹给报不: no bill, a question whether a non-designated place is paid —
        # the document's own article answers it (the figure would be nothing, whatever else is said)
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 在非定点医药机构发生的医疗费用 统筹基金不予支付 医保基金不予支付"), locale)
    named_person = _person_named(u.text)
    if named_person is None and (theirs := _THEIR_VISIT_AFTER_MINE.match(u.text)) is not None:
        # 我在职，我妈看病，南昌二级医院，700: the writer's own category, then the mother's visit — hers is asked,
        # never the writer's lent to her
        named_person = _PERSON_KEY.get(theirs.group("who"), theirs.group("who"))
        facts = msgspec.structs.replace(facts, category=None, scheme=None, policy=None)
        u = msgspec.structs.replace(u, facts=facts, spans=[sp for sp in u.spans if sp.slot not in ("category", "scheme", "policy")])
    if named_person is None and facts.city is not None \
            and (lives := _RELATIVE_LIVES_IN.search(u.text)) is not None and facts.city in lives.group("place") \
            and u.text.count(facts.city) == 1 and own_visit_after(u.text, lives.end()):
        # 我女儿在南充上班 我自己是退休的 我今天去一级医院花了200: the daughter's city, the writer's own visit —
        # whose insurance city it is is asked, never the daughter's taken as the writer's
        facts = msgspec.structs.replace(facts, city=None, policy=None)
        u = msgspec.structs.replace(u, facts=facts, spans=[sp for sp in u.spans if sp.slot not in ("city", "policy")])
    back_to = _person_back(u.text)
    if back_to is None and named_person is not None and named_person in state.people:
        back_to = named_person
    switched = False
    if back_to is not None and back_to in state.people and back_to != (state.person or "我") \
            and state.known.amount is not None and not u.correction:
        # (我妈…210 → 我自己…1000 →) 那我妈下个月再去签约卫生院看一次 花三百 / 说回我自己 年初我账户里有两千: the
        # person told before, picked up again as they were left — never the one talked about last
        saved = state.people[back_to]
        fresh = _afresh(state)
        fresh.people = {k: v for k, v in _people_kept(state).items() if k != back_to}
        fresh.known, fresh.ledger, fresh.person = saved.known, saved.ledger, None if back_to == "我" else back_to
        state, switched = fresh, True
        back = _BACK_TO_SELF.search(u.text) if back_to == "我" else None
        if back is not None and back.start() > 0:
            # 哦她还没到起付线啊，那再说回我自己，如果…: what was said before the turn back is of the one left —
            # only what follows it is the writer's
            u = understand(u.text[back.start():], today=today)
            facts = u.facts
            intent = u.intent
    if switched:
        pass
    elif state.known.amount is not None and state.person is not None and _SELF_AT_START.match(u.text) \
            and facts.amount is not None and not _WHAT_IF_CLAUSE.search(u.text) and not u.correction:
        # (我爸…1080 →) 我自己在职 上个月在仪陇县人民医院看的 九百: the person writing, with a bill of their own —
        # the father's is kept to come back to, never overwritten (only the city carries over)
        fresh = _afresh(state)
        fresh.people = _people_kept(state)
        fresh.known = Known(city=state.known.city)
        state = fresh
    elif state.known.amount is not None and named_person is not None and state.person is not None \
            and named_person != state.person \
            and facts.amount is not None and not _WHAT_IF_CLAUSE.search(u.text):
        # (我爸…花了1,100 →) 我妈在社区医院拿药260 / 那我妈今年统筹报了900，也是三级医院400: another person of the
        # household with a bill of their own — as below, whatever else is said with it
        fresh = _afresh(state)
        fresh.people = _people_kept(state)
        fresh.known = Known(**{n: getattr(state.known, n) for n in _HOUSEHOLD_FIELDS})
        state = fresh
    elif state.known.amount is not None and _OTHER_PERSON.search(u.text) and not _WHAT_IF_CLAUSE.search(u.text) \
            and ((facts.category is not None and state.known.category is not None and facts.category != state.known.category)
                 # 我老伴也是南充退休的，今年统筹报了1150了，今天去社区花了200: the same kind of insured,
                 # another person — their own bill and their own year
                 or (facts.amount is not None and (facts.category is not None or facts.city is not None
                                                   or _OWN_YEAR_SAID.search(u.text)))
                 # 我妈在她签约的社区中心看病花了200 (after an employee's own bill): a signed institution is
                 # the resident scheme's — another person's visit, never settled on the employee's year or account
                 or (facts.amount is not None and facts.signed is True and state.known.scheme == "employee")):
        # 晓得了。那我老伴在职，同样二级五百: another person — the first one's category, retirement date,
        # year and bill are not theirs; the city, the place (我爸也去看了 / 同样在这看) and the figures read
        # off a slip stay, the rest is what this message says
        fresh = _afresh(state)
        fresh.people = _people_kept(state)
        fresh.parents_category = state.parents_category
        kept = _HOUSEHOLD_FIELDS + (_SAME_BILL_FIELDS if _SAME_CASE.search(u.text) and facts.amount is None else ())
        # (那我老婆是在职的，同样情况呢: the same bill, place and year — only the person differs)
        fresh.known = Known(**{n: getattr(state.known, n) for n in kept})
        named = _OTHER_PERSON.search(u.text)
        person_word = named.group(0) if named is not None else ""
        if state.parents_category is not None and facts.category is None and _PARENT_WORD.search(person_word) \
                and _NEXT_PATIENT_RX.search(u.text) is None:
            # (帮我爸妈问一下，都是南充退休职工 … 我妈也是今天去的…320): the category said of both is hers too
            fresh.known = msgspec.structs.replace(fresh.known, category=state.parents_category,
                                                  scheme="resident" if state.parents_category == "resident" else "employee")
        if _NEXT_PATIENT_RX.search(u.text) is None:
            fresh.owner = state.owner or state.known
            fresh.owner_relation = "parent" if re.search(r"妈|爸|母亲|父亲|mum|mom|mother|dad|father", person_word) else \
                "spouse" if re.search(r"老伴|老婆|老公|爱人|媳妇|丈夫|妻子|婆娘|堂客|婆姨|老头子|wife|husband", person_word) else "child"
        # (another patient: no one's own account is theirs to use — no owner)
        state = fresh
    elif state.known.amount is not None and facts.city is not None and state.known.city is not None \
            and (facts.city != state.known.city
                 # (南昌居民…社区 150 → 南昌在职 今年第一次 花了800: the same city, another scheme or category)
                 or (facts.scheme is not None and state.known.scheme is not None and facts.scheme != state.known.scheme)
                 or (facts.category is not None and state.known.category is not None and facts.category != state.known.category)) \
            and facts.amount is not None and facts.amount != state.known.amount and not u.correction \
            and intent not in ("what_if", "correct") and not _WHAT_IF_CLAUSE.search(u.text) \
            and (facts.category is not None or facts.scheme is not None) and not _PLACE_BACK.search(u.text):
        # (南昌居民…签约社区…150 → answered) 西安在职 … 花了1500: a new bill told in full, in another city —
        # nothing of the bill before (its place, its year) is this one's; never the 社区 carried to 西安
        people = _people_kept(state) \
            if (state.person is not None and _SELF_AT_START.match(u.text)) or named_person is not None else {}
        state = _afresh(state)
        state.people = people  # (我妈… → 我自己是南昌职工…: the mother's bill kept, to come back to)
    if facts.category is not None and _BOTH_PARENTS.search(u.text):
        state.parents_category = facts.category
    if named_person is not None and (facts.amount is not None or state.known.amount is None):
        state.person = named_person  # whose bill this is, named
    if state.owner is not None and _MY_ACCOUNT.search(u.text) and _QUESTION.search(u.text) \
            and (intent == "account_use" or ((facts.amount is None or _REST_OF_BILL.search(u.text)) and _USE_FOR_THEM.search(u.text))):
        # (我女儿是南昌城乡居民医保…150 →) 我个人账户能帮她付剩下那60吗: the person's own account, for the
        # person named since — the owner's document answers, for that relation
        asked_for = msgspec.structs.replace(u, facts=msgspec.structs.replace(
            facts, beneficiary=facts.beneficiary if facts.beneficiary not in (None, "self") else state.owner_relation))
        return state, _account_answer(SessionState(known=state.owner), asked_for, locale, today)
    if state.known.offsite and facts.offsite is None and state.known.city and facts.other_city is None \
            and re.search(rf"{re.escape(state.known.city)}{_IN_CITY_PLACE}", u.text):
        # 南充市中心医院三甲，花了900 (after 我在成都上班，医保是在南充交的): a place of the insured city itself
        # — the visit was in it, not out of town
        state.known = msgspec.structs.replace(state.known, offsite=None, offsite_filed=None)
    retired_on = _retired_on(facts, today)
    if retired_on is not None and intent not in ("what_if",) and not _WHAT_IF_CLAUSE.search(u.text):
        # 今年8月办的退休，问门诊报销比例变没变: kept even when the turn is a question of the rules
        state.known = msgspec.structs.replace(state.known, retired_on=retired_on, category="retiree", scheme="employee")
    if intent != "reset" and _RESET_FIRST.match(u.text):
        # 重新开始，帮我妈算……: start again, then read the rest (换个人问 帮我女儿问…: the one asked about before is
        # kept, to come back to: 再回到我自己)
        member = _PERSON_ANYWHERE.search(u.text) if state.known.amount is not None else None
        people = _people_kept(state) \
            if member is not None else {}
        state = _afresh(state)
        if member is not None:
            state.people, state.person = people, _PERSON_KEY.get(member.group("who"), member.group("who"))
    if intent == "reset":
        fresh = _afresh(state)
        fresh.asking = "city"
        return fresh, Reply(text=_t(locale, "好的，已清除，我们重新开始。", "Cleared. Let's start again.") + "\n"
                            + _t(locale, HELP_ZH, HELP_EN) + "\n" + _t(locale, QUESTIONS["city"][0], QUESTIONS["city"][1]),
                            intent="reset", asking="city", quick_replies=cities())
    if state.shown_flag and getattr(facts, state.shown_flag, None) is None and state.shown_flag in Facts.__struct_fields__:
        # both ways shown for 家庭医生签没签 → 查了一下，签了 / 没有: that fact, answered
        said_yes = _YES_SAID.search(u.text) is not None
        said_no = _NO_SAID.search(u.text) is not None
        if said_yes != said_no:
            facts = msgspec.structs.replace(facts, **{state.shown_flag: said_yes})
            u = msgspec.structs.replace(u, facts=facts, intent="inform")
            intent = "inform"
    state.shown_flag = ""
    if facts.amount is not None and state.known.amount is not None and _WHY.search(u.text) \
            and re.search(r"(?:只有|只报了?|才报了?|才|就)\s*[¥￥]?\s*[0-9一二两三四五六七八九十百千]", u.text):
        # 为啥只有200 after an answer: a question about the figure just given, not a new bill of 200
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    if facts.slip_fund is not None and facts.amount is None and state.known.amount is not None and _WHY.search(u.text) \
            and state.known.slip_fund is None and not _SLIP_OR_CHECK.search(u.text) and _missing(state.known) is None \
            and _fund_of(state, today) == facts.slip_fund:
        # (…700 → 统筹基金报¥50.00) 为啥只报了50: why the figure just given is so — its steps answer,
        # never a slip checked against itself (“一致”)
        facts = msgspec.structs.replace(facts, slip_fund=None)
        u = msgspec.structs.replace(u, facts=facts)
    slip_figures = {v for v in (state.known.slip_fund, state.known.slip_cash, state.known.slip_personal) if v is not None}
    if facts.amount is not None and slip_figures and state.known.amount is not None and facts.amount != state.known.amount \
            and any(sp.slot == "amount" and sp.value is not None and Decimal(sp.value) in slip_figures for sp in u.spans) \
            and _CHECK_AGAIN.search(u.text):
        # 哦单子上有一项自费一百五，我漏了，那四百七十五对不对: the slip's figure said again — still the slip's,
        # not a new bill
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    if facts.amount is not None and not u.correction and not u.parts_only and state.known.amount is not None \
            and not any(getattr(facts, n) for n in ITEM_FIELDS) and _ANOTHER_BILL.search(u.text) \
            and sum((getattr(state.known, n) or Decimal(0) for n in ITEM_FIELDS), Decimal(0)) > facts.amount:
        # 产检600 → 那我感冒看病呢？花了300: parts said of another bill cannot be inside this smaller one
        state.known = msgspec.structs.replace(state.known, **{n: None for n in ITEM_FIELDS})
    if state.known.amount is not None and (moved := _reclassed(u.text, state.known, facts)) is not None:
        # 那个营养药其实是乙类药，不是自费 / 那180不是自费，是乙类药: a part told before, put in another class —
        # the same money moved, the bill unchanged (never the part asked again, nor settled as it was)
        old_field, new_field = moved
        part = getattr(state.known, old_field)
        changes: dict[str, Any] = {old_field: None}
        if new_field != "rest":
            changes[new_field] = (getattr(state.known, new_field) or Decimal(0)) + part
        state.known = msgspec.structs.replace(state.known, **changes)
        facts = msgspec.structs.replace(facts, amount=None, **{f: None for f in ITEM_FIELDS})
        intent = "correct"
        u = msgspec.structs.replace(u, facts=facts, items_unquantified=False, intent="correct", correction=True)
    if state.known.amount is not None and facts.amount is not None and state.known.amount_of_parts:
        known_parts = {n: getattr(state.known, n) for n in ITEM_FIELDS if getattr(state.known, n)}
        rest = state.known.amount - sum(known_parts.values(), Decimal(0))
        part_figures = [Decimal(sp.value) for sp in u.spans if sp.slot in ("amount", "rest") and sp.value]
        part_word = _PART_WORD.search(u.text)
        money_spans = [sp for sp in u.spans if sp.slot in ("amount", "rest", *ITEM_FIELDS) and sp.value]
        if u.correction and len(part_figures) == 1 and len(money_spans) == 1 and part_word is not None and not _WHOLE_BILL_SAID.search(u.text):
            # 不对，检查费是260，刚看错了 — after a bill told as its parts: that part corrected, the bill re-added
            part_field = next((f for w, f in _PART_CORRECTED if re.search(w, part_word.group(0)) and (f == "rest" or f in known_parts)), None)
            if part_field is not None:
                old_part = rest if part_field == "rest" else known_parts[part_field]
                part_changes: dict[str, Any] = {"amount": state.known.amount - old_part + part_figures[0]}
                if part_field != "rest":
                    part_changes[part_field] = part_figures[0]
                state.known = msgspec.structs.replace(state.known, **part_changes)
                facts = msgspec.structs.replace(facts, amount=None, **{f: None for f in ITEM_FIELDS})
                u = msgspec.structs.replace(u, facts=facts, items_unquantified=False)
        elif part_figures and part_figures[0] in (rest, *known_parts.values()) and _INSIDE_WORD.search(u.text):
            # 检查那300里头有100是乙类的检查: the 300 is a part part_figures before — what is inside it is placed,
            # the bill stays the bill (part_figures again, so the part is not added on top of it)
            facts = msgspec.structs.replace(facts, amount=state.known.amount)
            u = msgspec.structs.replace(u, facts=facts)
    elif state.known.amount is not None and facts.amount is not None and facts.amount != state.known.amount \
            and _INSIDE_WORD.search(u.text) and _REST_NAMED.search(u.text):
        # (1300 → 药费里有500是乙类药 →) 那剩下的800里面有60是乙类耗材: the rest of the bill named by its
        # figure — what is inside it is placed, the bill stays the bill
        known_parts = {n: getattr(state.known, n) for n in ITEM_FIELDS if getattr(state.known, n)}
        if facts.amount == state.known.amount - sum(known_parts.values(), Decimal(0)):
            facts = msgspec.structs.replace(facts, amount=state.known.amount, amount_of_parts=None)
            u = msgspec.structs.replace(u, facts=facts)
    elif state.known.amount is not None and facts.amount is not None and facts.amount != state.known.amount \
            and _POINTED_PART.search(u.text) and any(getattr(state.known, n) == facts.amount for n in ITEM_FIELDS) \
            and any(getattr(facts, n) is not None for n in ITEM_FIELDS):
        # (1500是总共花的 500是里面自费的 →) 哦不对 那500里有200是乙类药 真正自费的是300: the part told before,
        # pointed back to and split — the bill stays the bill, never a new bill of 500
        facts = msgspec.structs.replace(facts, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    has_facts = any(getattr(facts, n, None) is not None for n in PERSON_FIELDS + VISIT_FIELDS)
    if not has_facts and state.known.city is None and state.known.policy is None and state.asking is None \
            and intent in ("policy_fact", "out_of_scope") and u.topic not in ("inpatient_bill", "chronic_disease") \
            and facts.other_city is None \
            and (u.topic in ("ratio", "deductible", "cap") or _OUTPATIENT_WORDS.search(u.text)):
        # 起付线是多少 / 请问门诊报销比例是多少 / how much does outpatient insurance cover? — and no city:
        # each city's document sets its own figures; which one is asked, never one picked
        if u.topic in ("ratio", "deductible", "cap"):
            # the rule is answered once the city is known (and, for 能报多少, what the bill needs is asked after it)
            state.pending = {"intent": "policy_fact", "how_much": "1" if _HOW_MUCH.search(u.text) else ""}
        return state, _ask(state, "city", locale, prefix=_t(locale, "每个城市的文件规定不一样。",
                                                             "Each city's document sets its own figures. "))
    if not has_facts and state.known.city is None and state.known.amount is None and state.asking is None \
            and (_COMPLAINT.search(u.text) or _SLIP_SHOWN.search(u.text)):
        # (还有个问题 帮我看看这张单子: a slip to look at, nothing of it told yet — the same start)
        # 为啥才报这么点，是不是算错了 — and nothing told yet: the check starts by asking what is needed
        return state, _ask(state, "city", locale, prefix=_t(locale, "我来帮您核对这次的报销。",
                                                             "Let me check that bill with you. "))
    stay_said = without_relatives_stay(_PAST_STAY.sub("", u.text) if (facts.amount is not None and (
        facts.provider_kind is not None or facts.provider_level is not None)) or FIGURE_WAS_A_STAY.search(u.text) else u.text)
    if u.topic == "inpatient_bill" or (_INPATIENT.search(_NOT_INPATIENT.sub("", stay_said)) and not _AFTER_DISCHARGE.search(u.text)):
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _inpatient(state.known, locale, u.text)
    if facts.other_city and facts.city is None and facts.policy is None and state.known.offsite \
            and state.known.city is not None and any(getattr(facts, n) is not None for n in (
                "amount", "provider_level", "provider_kind")):
        # (南充退休 办了异地安置备案 住在成都 →) 他在成都的二级医院看的 700: where the visit away from home was,
        # not where one is insured — the visit is settled under the home city's document
        facts = msgspec.structs.replace(facts, other_city=None)
        u = msgspec.structs.replace(u, facts=facts)
    if facts.other_city and facts.city is None and facts.policy is None:
        state.asking = None
        # (我在绵阳，职工医保，二级医院花了600 → 哦不对，我是南充参保的: the visit told stays, for the city
        # set right; the city itself is never carried)
        state.known = _merge(state.known, msgspec.structs.replace(facts, other_city=None, offsite=None))
        return state, _other_city(facts.other_city, locale)
    if (u.text.strip() == "有自费项目" or _SELF_PAY_SAID_BARE.fullmatch(u.text.strip(" ，,。.!！"))) \
            and state.known.amount is not None and state.known.self_pay is None:
        # (the chip, or 有自费的 typed after an answer: how much is asked)
        u = msgspec.structs.replace(u, items_unquantified=True, intent="inform")  # the chip: ask how much
        intent = "inform"
    if u.text.strip() == _SLIP_CHIP:
        # the chip offers the slip's figures: ask for them (the chip carries no figure of its own)
        state.asking = None
        return state, Reply(text=_t(locale, _SLIP_ASK_ZH, _SLIP_ASK_EN), intent="calculate")
    if intent in ("help", "greeting") and not has_facts:
        if state.known.city is None and intent == "greeting" and not u.text.startswith(("谢", "再见", "拜")):
            state.asking = "city"
            return state, Reply(text=_t(locale, HELP_ZH, HELP_EN) + "\n" + _t(locale, *QUESTIONS["city"][:2]),
                                intent=intent, asking="city", quick_replies=cities())
        return state, Reply(text=_t(locale, HELP_ZH, HELP_EN), intent=intent,
                            quick_replies=["我是南昌退休职工，三级医院花了一千二", "平凉在职，三甲医院1200元"])
    if facts.stated_ratio is None and u.ratio_said is not None and state.known.stated_ratio is not None:
        # 二级的话比例是60%: another figure off the same slip
        # (And if it had been a level 3 hospital at 65%?: the level said with it is the ratio's)
        facts = msgspec.structs.replace(facts, stated_ratio=u.ratio_said[0],
                                        stated_ratio_level=u.ratio_said[1] or facts.provider_level)
    if facts.stated_ratio is not None and intent in ("policy_fact", "inform", "out_of_scope") \
            and not (facts.amount is None and _COMPLIANT_ASKED.search(u.text)):
        intent = "calculate"  # figures read off the slip: settle with them
    elif facts.stated_ratio is not None and facts.amount is None and _COMPLIANT_ASKED.search(u.text) \
            and state.known.amount is None:
        # 我西安单子上统筹支付比例写的45%，这合规吗: whether the figure may be so — the document's article on it
        state.known = _merge(state.known, facts, ("city", "policy", "scheme", "category"))
        state.asking = None
        return state, _fact_answer(state.known, u, locale)
    if _THIS_ONE_AGAIN.match(u.text.strip()) and state.known.amount is not None and _missing(state.known) is None:
        # (an earlier visit's figure just given →) 那今天这次呢: this visit again, with the year as now known
        state.asking = None
        return state, _settle(state, locale, today)
    if _REMAINING.search(u.text) and state.known.amount is not None and _missing(state.known) is None \
            and facts.amount is None:
        # 这次完了以后今年还剩多少额度: the same settlement; its year_end says what is left
        # (with what this message adds: 在职的时候统筹报了1800了，现在还能报多少)
        if state.what_if_base is not None and (_SO_SETTLED.search(u.text) or _AT_THAT_TIME.search(u.text)) \
                and not facts.said():
            # (下个月再去看一次…呢 →) 那到时候起付线还剩多少: at the time of the what-if's visit
            # (如果我已经退休了呢 →) 那这样算限额还剩多少: what is left in the what-if just answered
            scenario = SessionState(known=state.what_if_base, ledger=list(state.what_if_ledger or []))
            reply = _settle(scenario, locale, today)
            reply.intent = "what_if"
        else:
            state.known = _merge(state.known, facts)
            reply = _settle(state, locale, today, message_facts=facts)
        if "起付" in u.text or _ACCOUNT_ASKED.search(u.text):
            # 那起付线还剩多少 / 那付完账户还剩多少: what is left of the deductible or in the account — the
            # explanation's own line of the year's position (本年度情况…), not the cap's
            line = next((ln for ln in reply.text.splitlines() if ln.startswith(("本年度情况", "Your year so far"))), None)
        else:
            line = _remaining_line(reply.result, locale) if reply.result is not None else None
        if line is not None:
            reply.text = line + "\n" + reply.text  # the figure asked for first, the settlement it comes from below
        return state, reply
    if state.asking is None and state.known.amount is not None and facts.amount is not None \
            and intent not in ("what_if", "correct") and not u.correction and not u.unplaced and not u.visits \
            and state.ledger and _EARLIER_FORGOTTEN.search(u.text) and facts.provider_kind is not None \
            and ((facts.days_ago or 0) > 0 or (facts.months_ago or 0) > 0 or facts.month is not None) \
            and _policy(state.known):
        # (三月一百 → 今天三甲七百 →) 还有上周在药店买了二百的药 忘说了: one more visit of the year, before the one
        # told — it goes into the year by its date, and this visit is answered again (it was replaced by it)
        earlier = _another_visit(state.known, _dated(facts, today), u.text)
        if _by_date(today)(earlier) < _by_date(today)(state.known) and _missing(earlier) is None:
            state.ledger = sorted([*state.ledger, earlier], key=_by_date(today))
            return state, _settle(state, locale, today, message_facts=facts)
    if state.asking is None and state.known.amount is not None and facts.amount is not None and intent != "what_if" \
            and state.known.first_visit_this_year is not True and not u.correction and not u.unplaced \
            and _EARLIER_ALSO_SEEN.search(u.text) and _THAT_VISIT_ASKED.search(u.text) and _policy(state.known) \
            and ((facts.days_ago or 0) > 0 or (facts.months_ago or 0) > 0 or facts.month is not None):
        # (王奶奶今天在签约卫生院花了260 →) 她上周还经签约卫生院同意转诊到县中医院，开了中药饮片180，那次报多少:
        # one more visit, before the one told — it goes first in the year, and that visit is the one answered
        earlier = _another_visit(state.known, _dated(facts, today), u.text)
        if _by_date(today)(earlier) < _by_date(today)(state.known):
            ahead_of_it = [v for v in state.ledger if _by_date(today)(v) <= _by_date(today)(earlier)]
            state.ledger = sorted([*state.ledger, earlier], key=_by_date(today))
            state.asking = None
            if (still := _missing(earlier)) is not None:
                return state, _ask(state, still, locale, known=earlier)
            reply = _settle(SessionState(known=earlier, ledger=ahead_of_it), locale, today,
                            prefix=_t(locale, "那一次：\n", "That visit:\n"))
            return state, reply
    if _RELATIVE_ON_MINE.search(u.text) and state.asking is None and intent not in ("account_use", "account_credit"):
        # 娃娃生病在二级医院花了300 能走我的医保报吗: a family member's bill on the writer's insurance — the
        # document's words on whose benefits the pooling pays and what the account may pay for family
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        return state, _fact_answer(state.known, msgspec.structs.replace(
            u, text=u.text + " 待遇仅限参保人员本人享受 配偶 父母 子女 个人负担"), locale)
    if _OUTPATIENT_THEN.match(u.text) and state.known.amount is None and facts.amount is None and locale != "en" \
            and _policy(_merge(state.known, facts, PERSON_FIELDS)) is not None:
        # (南充 退休 住院报销比例多少 → not settled here →) 那门诊呢 二级医院: the document's outpatient figures,
        # then what this bill needs (never articles picked for the words 那门诊呢)
        state.known = _merge(state.known, facts, PERSON_FIELDS + _PLACE_FIELDS)
        _note_place(state, facts, u)
        head = _policy_fact(state.known, locale).text
        missing = _missing(state.known)
        if missing is not None:
            return state, _ask(state, missing, locale, known=state.known, prefix=head + "\n要算出这次具体报多少，")
    month_named = _MONTH_VISIT_NAMED.search(u.text) if state.ledger and state.known.amount is not None \
        and _CATEGORY_OF_VISIT_ASKED.search(u.text) else None
    if month_named is not None and not u.visits and not u.correction and facts.amount is None \
            and not any(getattr(facts, n) is not None for n in ("provider_kind", "provider_level", "provider_grade")):
        # (9月二级500，今天二级800，10月起退休 →) 那9月那次是按在职算的吗: the category that visit was settled
        # under, read from the settlement itself (never a rule of the chat), then the figures again
        reply = _settle(state, locale, today)
        named_month = int(parse_number(month_named.group("m")) or 0)
        labels = {v["category_label"] for v in (reply.result or {}).get("visits", [])
                  if int(v["date"][5:7]) == named_month}
        if len(labels) == 1 and locale != "en":
            reply.text = f"{named_month}月那次按{labels.pop()}算。\n" + reply.text
        reply.intent = "calculate"
        return state, reply
    if _is_fact_question(u, facts, state) and intent not in ("account_use", "account_credit"):
        # (the place said with the question is kept too: 村卫生室看病能报几成 → 今天花了七十六 is that visit;
        # not once a bill is settled: 拿医院的处方在外面药店买药能报吗 after it asks, it does not move it)
        bill_settled = state.known.amount is not None
        if bill_settled:
            # (起付线扣200是哪条规定的: a figure of the answer or the document quoted back — not a fact of
            # the year to keep; a figure the person reads off the bureau's notice, stated_*, is kept)
            facts = msgspec.structs.replace(facts, **{k: None for k, v in facts.said().items()
                                                      if isinstance(v, Decimal) and not k.startswith("stated_")})
        state.known = _merge(state.known, facts, PERSON_FIELDS + (() if bill_settled else _PLACE_FIELDS))
        if not bill_settled:
            _note_place(state, facts, u)
        asked_before = state.asking
        state.asking = None
        why = _why_answer(state, u, locale, today)
        fact_reply = why if why is not None else _fact_answer(state.known, u, locale)
        slot_left = _missing(state.known) if asked_before is not None else None
        if slot_left is not None and _ASKING.get(slot_left, slot_left) == asked_before and fact_reply.asking is None \
                and fact_reply.result is None:
            # (今年您的门诊费用报销过吗？→) 啥意思 什么叫今年的起付线用了多少 / 你先说比例是多少: a question of the
            # rules asked back in the middle of a bill — answered, then the bill's question again, so the
            # conversation goes on where it was (never left without a question)
            re_asked = _ask(state, slot_left, locale, known=state.known)
            fact_reply.text += _t(locale, "\n\n回到您这次的账：", "\n\nBack to your bill: ") + re_asked.text
            fact_reply.asking, fact_reply.quick_replies = re_asked.asking, re_asked.quick_replies
        return state, fact_reply
    if intent == "policy_fact" and (_HOW_MUCH.search(u.text) or _GENERAL_HOW.search(u.text)) \
            and not _BEYOND_RATES.search(u.text) and not _RULE_WORD.search(_POSITION_SAID.sub("", u.text)) and u.topic != "cap" \
            and not (facts.amount is None and _WHERE_USABLE.search(u.text)):  # (今年一共能报多少: the cap)
        intent = "calculate"  # 南昌居民医保，看门诊能报多少: a bill to work out; ask what it needs
    if intent == "policy_fact" and facts.amount is not None and u.approximate_amount is None \
            and _SPENT.search(u.text) and _CAN_CLAIM.search(u.text) and not _RULE_WORD.search(_POSITION_SAID.sub("", u.text)):
        intent = "calculate"  # 开中药饮片花了300，也能报吗: a bill said with its question — its figure answers it
    if u.split_total and state.asking != "amount":
        state = _fill(state, msgspec.structs.replace(facts, amount=None), u, message, today)
        state.asking = "amount"
        state.each_visit_asked = True
        return state, Reply(text=_t(locale, "您说的是两次（两家）的合计。每一次分别花了多少钱？报销按每次就诊分别结算。",
                                    "That is the total of two visits. How much was each? Each visit is settled on its own."),
                            asking="amount", intent="calculate")
    merged = _merge(state.known, facts, PERSON_FIELDS)
    xian = _policy(merged)
    if xian and get_pack(xian).supplied is not None and not default_registry().supplements(xian) \
            and intent not in ("account_use", "account_credit") \
            and (has_facts or intent in ("calculate", "policy_fact")) and merged.stated_ratio is None and not merged.stated_ratios:
        # 西安: the plan leaves the figures to the bureau; say what it fixes, offer the slip's figures
        state.known = _merge(state.known, facts)
        state.asking = None
        return state, _xian(get_pack(xian), locale)
    if state.pending_over_cap and state.asking == "amount_role":
        state.pending_over_cap = False
        # (一共花了两千，统筹报了多少不清楚: the fund's figure named as not known is no claim of it)
        fund_words = _FUND_NOT_KNOWN.sub("", u.text.replace("报销的钱", ""))
        if _OVER_CAP_SPENT.search(u.text) and not _OVER_CAP_FUND.search(fund_words):
            # the year's spending, not the fund's figure: this year's position is asked again
            # (是看病一共花了两千: the figure said again is that spending, never this visit's bill)
            if facts.amount is not None and facts.amount == state.known.fund_paid:
                facts = msgspec.structs.replace(facts, amount=None)
                u = msgspec.structs.replace(u, facts=msgspec.structs.replace(u.facts, amount=None))
            state.known = msgspec.structs.replace(state.known, fund_paid=None, deductible_met=None, claimed_before=None)
            state.asking, intent = None, "inform"
        elif _OVER_CAP_FUND.search(fund_words):
            state.over_cap_confirmed = True
            state.asking, intent = None, "inform"
    if unplaced_before is not None and _LEAVE_OUT.search(u.text):
        # 那个80不用管 / 不算这笔: the number asked about is not part of this bill, as the person says
        state.pending_amount, state.pending_part, state.asking = None, False, None
        left = tuple(a for a in u.unplaced if a != unplaced_before)
        again = {sp.slot for sp in u.spans if sp.text == unplaced_before and sp.slot in Facts.__struct_fields__}
        if again:  # (80不用管: the 80 said again is the one left out, not a bill of 80)
            facts = msgspec.structs.replace(facts, **{n: None for n in again})
            u = msgspec.structs.replace(u, facts=msgspec.structs.replace(u.facts, **{n: None for n in again}))
        u = msgspec.structs.replace(u, unplaced=left, unplaced_quote=u.unplaced_quote if left else None,
                                    unplaced_part=u.unplaced_part if left else None)
        if intent in ("out_of_scope", "policy_fact") or (not left and intent != "calculate"):
            intent = "inform"
    # an answer to “what is this number?”: the number, with the role the answer names
    own_amount = any(isinstance(v, Decimal) for v in u.facts.said().values())
    pointed = _POINTS_BACK.match(message.strip()) if state.asking == "amount_role" and state.pending_amount else None
    if pointed and state.pending_amount:
        # (这是统筹报的，总共花了500: “this” is the number asked about, said in its place — if that places it)
        u2 = understand(state.pending_amount + message.strip()[pointed.end():])
        if state.pending_amount in u2.unplaced or not u2.facts.said():
            pointed = None
    if state.asking == "amount_role" and state.pending_amount and not u.unplaced and (not own_amount or pointed):
        if not pointed:
            u2 = understand(message.rstrip("。.!！") + state.pending_amount)
        placed = {k: v for k, v in u2.facts.said().items() if isinstance(v, Decimal)}
        if _RULE_FIGURE.search(u.text) and not placed.keys() - {"amount"}:
            # 600是起付线: the number was a rule's figure, not money of this bill — nothing to place
            placed = {}
            state.pending_amount, state.pending_part = None, False
            intent = "inform"
            u = msgspec.structs.replace(u, intent="inform", topic=None)
        elif state.known.amount is not None and "amount" in placed and not _WHOLE_BILL_SAID.search(u.text):
            placed.pop("amount")  # the bill said before stays the bill unless the answer says this is it
        if state.pending_part:
            # 其中检查费300 → “乙类”: the part's kind; the bill stays the bill said before
            placed = {k: v for k, v in placed.items() if k in ITEM_FIELDS}
            if not placed and _IN_SCOPE_PART.search(u.text):
                state.pending_amount, state.pending_part = None, False  # in scope: the figure is unchanged
                intent = "inform"
        if placed:
            facts = msgspec.structs.replace(facts, **placed)
            state.pending_amount, state.pending_part = None, False
            intent = "inform"
    if intent == "out_of_scope" and _WANTS_CALCULATION.search(u.text) and u.facts.inpatient is None \
            and "住院" not in u.text:
        intent = "calculate"  # “帮我算一笔”, “我想算一下门诊报销”: start gathering the facts
    if intent == "out_of_scope" and state.known.amount is not None and _HOW_MUCH.search(u.text) and "住院" not in u.text:
        intent = "calculate"  # 那这次看完个人负担多少、账户扣了多少: the bill told, its figures asked again
    if intent == "out_of_scope" and state.balance_untold and _ACCOUNT_HAS_MONEY.search(u.text):
        if state.known.amount is not None and state.known.account_balance is None:
            # (the answer given →) 个人账户有余额, and nothing else: how much, asked once
            state.asking, state.balance_untold = _BALANCE_FIGURE, False
            return state, Reply(text=_t(
                locale, "个人账户里现在还有多少钱？告诉我余额，我算出这次账户付多少、现金付多少。",
                "How much is in your personal account now? With the balance I can split your share between the "
                "account and cash."), asking="amount", intent="inform",
                quick_replies=_t_list(locale, ["不记得了"], ["I don't remember"]))
        intent = "inform"  # 个人账户有余额: a fact of the bill (its figure is asked when the answer needs it)
    if intent == "out_of_scope" and u.unplaced and "住院" not in u.text and u.facts.inpatient is None:
        intent = "inform"  # 那次单子上有个数是60，不知道是啥: a number is asked about, never dropped
    bare_unknown = _BARE_UNKNOWN.search(u.text) is not None or (
        # (您是在哪一级…？→) 好像是二级吧，我也不太确定: the level asked, doubted and said not known — as 不知道
        # (never the same question again)
        state.asking in ("provider_level", "prescribed_at_level") and _NOT_SURE_SAID.search(u.text) is not None
        and any(sp.note == "doubted" and sp.slot in ("provider_level", "prescribed_at_level") for sp in u.spans)) or (
        # (县医院好像是二级吧，我也说不准。花了560 → 几级？→) 今年起付线早扣完了…: the doubted level asked once
        # and passed over — not known: each level side by side, never the question again
        state.asking == "provider_level" and state.level_doubted and has_facts
        and facts.provider_level is None and facts.provider_kind is None and facts.provider_grade is None)
    state.level_doubted = facts.provider_level is None and (state.level_doubted or (
        _NOT_SURE_SAID.search(u.text) is not None
        and any(sp.note == "doubted" and sp.slot == "provider_level" for sp in u.spans)))
    if (u.correction or intent == "correct") and _NO_SELF_PAY_NOW.search(u.text) and state.known.self_pay is not None \
            and not any(getattr(facts, n) is not None for n in ITEM_FIELDS):
        # (…300是自费的 →) 不对 300是我卡里的余额 没有自费: the self-pay part told before is taken back — the
        # whole bill in scope again (never kept beside the balance the 300 now is)
        state.known = msgspec.structs.replace(state.known, self_pay=None)
    doubted_level = next((sp for sp in u.spans if sp.slot == "provider_level" and sp.note == "doubted"
                          and sp.value is not None), None)
    if doubted_level is not None and facts.provider_level is None and facts.amount is None \
            and state.known.slip_fund is not None and state.known.amount is not None and not state.ledger \
            and _NOT_SURE_SAID.search(u.text) is None:
        # (…医院给我报了480，对吗 → 可能的原因：按二级… →) 哦那家可能是二级医院: the slip checked, the level the
        # person now thinks it was — the check again at that level (never the same check repeated)
        facts = msgspec.structs.replace(facts, provider_level=int(doubted_level.value), provider_kind="hospital")
        u = msgspec.structs.replace(u, facts=facts)
        has_facts = True
    if intent == "out_of_scope" and not has_facts and state.asking is None and not _is_fact_question(u, facts, state):
        return state, Reply(text=_t(locale, OUT_OF_SCOPE_ZH, OUT_OF_SCOPE_EN), intent=intent,
                            quick_replies=["你能做什么"])
    if state.pending and intent in ("inform", "calculate") and facts.amount is None:
        pending = state.pending
        u = msgspec.structs.replace(u, intent=pending["intent"], facts=msgspec.structs.replace(
            facts, account_use=facts.account_use or pending.get("account_use") or None,
            beneficiary=facts.beneficiary or pending.get("beneficiary") or None))
        intent, facts = u.intent, u.facts
        if intent == "policy_fact":
            state.asking = None  # 起付线是多少 → 平凉: the city asked for, now the rule
            if pending.get("how_much") and locale != "en":
                # 门诊报销能报多少 → 南昌的，她退休了: the document's figures, then what this bill needs
                state.known = _merge(state.known, facts, PERSON_FIELDS + _PLACE_FIELDS)
                missing = _missing(state.known)
                if missing is not None and _policy(state.known):
                    return state, _ask(state, missing, locale, known=state.known,
                                       prefix=_policy_fact(state.known, locale).text + "\n要算出这次具体报多少，")
    state.pending = {}
    if state.pending_amount is not None and facts.amount is not None and state.known.amount is not None \
            and parse_amount(state.pending_amount) == facts.amount \
            and re.search(rf"(?:那|这)(?:个|笔)?{re.escape(state.pending_amount)}", u.text):
        # (…一共花了六百八，其中挂号15 → 15是哪一笔？) 那个15块挂号费能报不: the number asked about, pointed
        # back to — not a new bill of 15 (the 680 told stays; what the 15 is, is still asked)
        facts = msgspec.structs.replace(facts, amount=None, amount_of_parts=None)
        u = msgspec.structs.replace(u, facts=facts)
    if u.correction and u.approximate_amount is not None and facts.amount is None and state.known.amount is not None \
            and _WHOLE_BILL_SAID.search(u.text) and locale != "en":
        # 哦 总费用应该是六百多 我记错了: the bill told is taken back and the new one is rough — the exact
        # figure is asked (the bill settled before is not kept, nor the rough one settled)
        state.known = msgspec.structs.replace(state.known, amount=None, amount_of_parts=None)
        state.checked = False
        state.asking = "amount"
        return state, Reply(text=f"您说总费用是“{_rough_said(u)}”，这是大概的数。结算单上的总金额准确是多少？",
                            asking="amount", intent="calculate")
    if intent == "inform" and re.search(r"个人账户|账户|个账|account", u.text) and _QUESTION.search(u.text) \
            and ((_IF_USED_UP_THEN_ACCOUNT.search(u.text) and facts.amount is None)
                 # 我个人账户能帮她付剩下那60吗 (after her bill): the rest of that bill, asked of the account — no new bill
                 or (facts.amount is not None and state.known.amount is not None and facts.amount < state.known.amount
                     and _REST_OF_BILL.search(u.text) is not None and _ACCOUNT_PAY_ASKED.search(u.text) is not None)
                 or (not any(isinstance(v, Decimal) for v in facts.said().values())
                     and not any(getattr(facts, n) is not None for n in _YEAR_POSITION))):
        # 灵活就业是不是没有个人账户 (asked mid-way): a question about the account — answered, not taken as
        # the answer to the question asked before (限额用完了个人账户还能付吗: the cap used up is the
        # question's condition, not the year's position)
        intent = "account_use"
    if intent in ("account_use", "account_credit") and facts.amount is not None and (
            facts.slip_fund is not None or facts.slip_cash is not None):
        intent = "calculate"  # 结算单：…个人账户支付500…卡里原来有500，对不对: a slip to check, not a rule
    if intent == "account_use" and facts.amount is not None and facts.account_balance is not None \
            and facts.balance_at_least and _SETTLE_FIRST.search(u.text):
        # 他卡里账户有200多我也不清楚具体多少 先算报销吧: the bill first — the balance not known is left out
        facts = msgspec.structs.replace(facts, account_balance=None, balance_at_least=None)
        u = msgspec.structs.replace(u, facts=facts)
        intent = "calculate"
    if intent == "account_use" and facts.amount is not None and facts.account_balance is not None \
            and (facts.provider_kind is not None or facts.provider_level is not None) \
            and (facts.beneficiary in (None, "self") or _OWN_ACCOUNT.search(u.text)):
        # 一级卫生院看病花了300，今年第一次，个人账户有200能用吗: this bill settled with the balance — the
        # calculator's account step says what the account pays (or that this category has none)
        intent = "calculate"
    if intent == "account_use" and facts.amount is not None and facts.account_balance is None \
            and (facts.provider_kind is not None or facts.provider_level is not None) \
            and (facts.first_visit_this_year is not None or facts.deductible_met is not None or _SETTLE_FIRST.search(u.text)) \
            and (facts.beneficiary in (None, "self") or _OWN_ACCOUNT.search(u.text) or _SETTLE_FIRST.search(u.text)):
        # 平凉灵活就业，我个人账户里应该有几百块吧，今天二级医院看病500，今年起付线过了 / 他卡里账户有200多
        # 我也不清楚 先算报销吧: a whole bill told beside a balance not known — the bill is settled (the
        # account, with no balance said, is not used; the calculator says if this category has none)
        intent = "calculate"
    if intent == "account_use" and facts.amount is not None and facts.account_balance is not None \
            and state.known.amount is not None and facts.amount < state.known.amount and _REST_OF_BILL.search(u.text):
        facts = msgspec.structs.replace(facts, amount=None, amount_of_parts=None)  # 剩下的1270: the share, not a bill
        u = msgspec.structs.replace(u, facts=facts)
    if intent == "account_use" and facts.amount is None and facts.account_balance is not None \
            and state.known.amount is not None and (_HOW_MUCH_PAID.search(u.text) or _REST_OF_BILL.search(u.text)) \
            and facts.beneficiary in (None, "self"):
        # 那按你算我自己该付多少，账户里有300 (after a bill): the same bill, settled with the balance said
        intent = "inform"
    if intent in ("account_use", "account_credit") and facts.amount is None and _INHERITANCE.search(u.text):
        # 个人账户的钱我走了以后能留给孩子吗: who inherits the account — the document's article, quoted
        # (not what the account may pay for)
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 继承"), locale)
    if intent in ("account_use", "account_credit") and facts.amount is None and _TOP_UP.search(u.text) \
            and _policy(_merge(state.known, facts, PERSON_FIELDS)) is not None:
        # 一次性补缴医保费，个人账户会划钱吗: what the document says of a top-up — its article, quoted
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _fact_answer(state.known, u, locale)
    if intent in ("account_use", "account_credit"):
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        reply = _account_answer(state, u, locale, today)
        if reply.asking:
            state.pending = {"intent": intent, "account_use": facts.account_use or "",
                             "beneficiary": facts.beneficiary or ""}
        return state, reply
    if _is_fact_question(u, facts, state):
        # (the place said with the question is kept too: 村卫生室看病能报几成 → 今天花了七十六 is that visit)
        state.known = _merge(state.known, facts, PERSON_FIELDS + _PLACE_FIELDS)
        _note_place(state, facts, u)
        state.asking = None
        why = _why_answer(state, u, locale, today)
        return state, why if why is not None else _fact_answer(state.known, u, locale)
    if u.topic == "chronic_disease" and facts.amount is None and _QUESTION.search(u.text):
        # 有高血压糖尿病的，在签约卫生院看两病怎么报: the 两病/慢特病 rules, quoted from the document
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _fact_answer(state.known, u, locale)
    if intent == "what_if" and state.known.amount is None and facts.amount is None and _RULE_WORD.search(u.text) \
            and not _WHAT_IF_CLAUSE.search(u.text):
        intent = "policy_fact"  # 南充的门诊统筹一年最多报多少？退休的呢: the rule, for each category asked
    if intent == "policy_fact" and u.approximate_amount is not None and has_facts:
        intent = "calculate"  # 起付线用了，800还是900记不清了: a bill whose amount is not sure, not a rule question
    if intent == "policy_fact" and has_facts and _BILL_NOT_REMEMBERED.search(u.text):
        # 南充在职 今天看病 二级 起付线已过 不记得花了多少: a bill whose amount is not at hand — it is asked
        # (the slip's total), not a rule
        intent = "calculate"
        u = msgspec.structs.replace(u, intent="calculate")
    if intent in ("policy_fact", "compare", "what_if") and _SWITCH_MONTH.search(u.text) and facts.amount is None \
            and (facts.policy or facts.city or _policy(state.known)):
        # 在职转退休，从哪个月开始按退休比例报: the article on when a retiree's rules start, quoted
        state.known = _merge(state.known, msgspec.structs.replace(facts, category=None), ("city", "policy", "scheme"))
        state.asking = None
        return state, _fact_answer(state.known, u, locale)
    if intent == "what_if" and facts.amount is None and _policy(state.known) is not None \
            and _PARAMETER_ASKED.search(u.text) and (topic := topic_of(u.text)) is not None \
            and not any(getattr(facts, n) is not None for n in _YEAR_POSITION):
        # (after an answer) 我要是退休了，限额是多少: the figure the document sets for that case — the
        # person's own facts untouched, no bill settled again
        as_if = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _policy_fact(as_if, locale, msgspec.structs.replace(u, intent="policy_fact", topic=topic))
    if intent == "policy_fact" and (_CARRY_OVER.search(u.text) or _BEYOND_RATES.search(u.text)
                                    # 药店和医院的起付线是分开算还是一起算: how the rule counts, not a bill
                                    or _HOW_COUNTED.search(u.text)) \
            and (facts.amount is None or _RULE_ABOUT.search(u.text)):
        # 限额今年用不完明年还能接着用不: what becomes of the cap at the year's end — the article, quoted
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        state.asking = None
        return state, _fact_answer(state.known, u, locale)
    if intent == "policy_fact" and not _QUESTION.search(u.text) and facts.amount is None and any(
            getattr(facts, n) is not None for n in ("stated_deductible", "stated_cap", "stated_ratios", "stated_ratio")):
        # 西安退休的，通知上写着退休人员：起付线700…年度限额2500: the bureau's figures supplied, no question — a
        # bill to work out with them (its amount is asked), never the document's silence quoted back
        intent = "inform"
    if intent == "policy_fact" and not _QUESTION.search(u.text) and facts.amount is None and state.known.amount is not None \
            and facts.city is not None and facts.city != state.known.city:
        # (西安 … 500 →) 单子上看不到比例 算了 我医保关系其实已经转到南昌了 南昌退休: the bill told, now in another
        # city's scheme — settled there, never that city's rules quoted instead
        intent = "inform"
    if intent == "policy_fact" and not (state.asking and (has_facts or u.unknown or bare_unknown)):
        # (the place said with the question is kept too: 村卫生室看病能报几成 → 今天花了七十六 is that visit)
        state.known = _merge(state.known, facts, PERSON_FIELDS + _PLACE_FIELDS)
        _note_place(state, facts, u)
        if _policy(state.known) is None and state.known.city is not None:
            only = list(schemes_of(state.known.city).values())
            if len(only) == 1 and (_RULE_WORD.search(u.text) or re.search(r"报多少|报几|能报|how much", u.text)) \
                    and _QUESTION.search(u.text):
                # 南充门诊统筹能不能在药店用 药店报多少: a rule asked of the city's one document — its lines for
                # each category, side by side (the document named), never the category asked first
                return state, _policy_fact(msgspec.structs.replace(state.known, policy=only[0]), locale, u)
            # 我是进贤的，门诊可以报销么: the city is known, its scheme is not — ask that, not the city again
            return state, _ask(state, "category", locale, known=state.known)
        return state, _policy_fact(state.known, locale, u)
    if intent == "compare" and (u.unknown or facts.amount is not None or u.approximate_amount is not None):
        intent = "calculate"  # 不晓得是二级还是三级: not a comparison of cities, an unknown level
    if intent == "compare":
        return state, _compare(state, u, locale)
    if intent in ("what_if", "calculate", "add_visit", "inform") and _policy(state.known) and state.known.amount is not None \
            and _NEXT_YEAR.search(u.text) and facts.city is None and facts.policy is None \
            and (facts.amount is not None or (facts.month is not None and _SAME_BILL_AGAIN.search(u.text)
                                              # (那明年1月再看还有额度不: the year's rule asked — quoted below)
                                              and not (_QUESTION.search(u.text) and re.search(r"额度|限额|起付|封顶", u.text)))) \
            and not u.unplaced:
        # 那明年1月再去看 600 呢: a visit in the next year — its own year, nothing of this one carried over
        # (the deductible and the cap start again); the day, when not said, is the month's first, and said
        month, day = facts.month or 1, facts.day or 1
        fresh_year: dict[str, Any] = {n: None for n in (*_YEAR_POSITION, *_SLIP_FIELDS, "account_balance",
                                                        "balance_at_least", "balance_around")}
        fresh_year["first_visit_this_year"] = True
        hypo_known = msgspec.structs.replace(
            _merge(state.known, msgspec.structs.replace(facts, month=None, day=None, year=None,
                                                         first_visit_this_year=None)),
            year=today.year + 1, month=month, day=day, **fresh_year)
        still = _missing(hypo_known)
        if still is None:
            state.asking = None
            next_year_said = _t(locale, f"如果明年{month}月{'' if facts.day else '（按' + str(month) + '月' + str(day) + '日算）'}"
                              f"{'' if not facts.day else str(day) + '日'}看：新的年度，起付线和年度限额重新算。\n",
                      f"If the visit is next year ({today.year + 1}-{month:02d}-{day:02d}): a new year, the deductible "
                      "and the cap start again.\n")
            reply = _settle(SessionState(known=hypo_known, ledger=[]), locale, today, prefix=next_year_said)
            reply.intent = "what_if"
            # (→ 要是在社区医院呢: the next what-if builds on this one — next year's visit, at another place)
            state.what_if_base, state.what_if_ledger = hypo_known, []
            return state, reply
    if state.what_if_base is not None and state.what_if_base.year == today.year + 1 and _THIS_YEAR_AGAIN.search(u.text):
        # (那要是明年一月份再看…呢 →) 不说明年了 今年这回要是只花了一百呢: this year again — next year's scenario is over
        state.what_if_base = state.what_if_ledger = None
    if (intent == "what_if" or (intent == "add_visit" and facts.amount is None and _QUESTION.search(u.text))) \
            and _policy(state.known) and state.known.amount is not None and _NEXT_YEAR.search(u.text):
        # 那明年一月看呢 / 那明年1月再看还有额度不: another year starts afresh — what the document says of its
        # year, quoted (never this bill settled again in January, a figure no one told)
        state.asking = None
        return state, _fact_answer(state.known, msgspec.structs.replace(u, text=u.text + " 年度 起付线 一个自然年度"),
                                   locale)
    if state.what_if_base is not None and (_BACK_TO_REAL.search(u.text) or (any(
            getattr(facts, n) is not None for n in _SLIP_FIELDS) and not _WHAT_IF_CLAUSE.search(u.text))):
        # (算了，反正已经看完了。医院给我的单子上统筹支付是330: a slip is only ever of the visit told)
        # Back to the tertiary visit: the slip shows… / 还是按原来那次: the what-if is over — what follows
        # is of the visit told, as it was
        state.what_if_base = state.what_if_ledger = None
        facts = msgspec.structs.replace(facts, **{n: None for n in ("provider_kind", "provider_level", "provider_grade")
                                                  if getattr(facts, n) == getattr(state.known, n)})
        u = msgspec.structs.replace(u, facts=facts)
    if state.what_if_base is not None and intent in ("inform", "correct", "calculate") and has_facts \
            and facts.city is None and facts.policy is None and not u.conflict and not u.unplaced \
            and (facts.amount is None or u.parts_only) and not _RESET_FIRST.search(u.text):
        # 要是我在签约卫生院直接拿这药呢 → 哦对了，我签了家庭医生的: a fact told right after a what-if
        # goes on in that scenario (and, being about the person, into what is known too)
        state.known = _merge(state.known, facts, PERSON_FIELDS)
        intent = "what_if"
        if u.parts_only and facts.amount is not None and not _EXTRA_PART.search(u.text):
            u = msgspec.structs.replace(u, text=u.text + " 另外")
    if intent == "what_if" and state.what_if_base is None and state.known.amount is not None and facts.amount is not None \
            and _ALSO_HAD.match(u.text) and not u.visits and all(getattr(facts, n) is None for n in (
                "provider_kind", "provider_level", "month", "day", "days_ago", "city", "category")):
        # 还有西药 100 呢 (after the visit was settled): one more cost of the same visit, not a new bill asked about
        intent = "inform"
        facts = msgspec.structs.replace(facts, amount_of_parts=True)
        u = msgspec.structs.replace(u, facts=facts)
    if intent != "what_if":
        state.what_if_base = state.what_if_ledger = None  # a what-if builds on the one just before it, never on an older one
    if intent == "what_if" and unplaced_before is not None and state.pending_amount == unplaced_before \
            and facts.amount is None and not any(sp.text == unplaced_before and sp.slot not in ("date", "slip_unknown") and sp.note is None
                        for sp in u.spans):
        # (您前面说的“120”是哪一笔钱？→) 如果其中诊察费有20呢: the figure asked about still holds every figure,
        # a what-if's too — never dropped to answer the what-if; the what-if is answered once it is placed
        state.asking = "amount_role"
        state.pending_what_if = message
        return state, Reply(
            text=_t(locale, f"先要弄清您前面说的“{unplaced_before}”是哪一笔钱，才能按您说的情况算：它是这次的总费用、"
                            "其中自费或乙类的部分、今年统筹已报销的钱，还是结算单上的数？和这次的账无关的话，请点“不算这笔”。",
                    f"First, the “{unplaced_before}” you mentioned: which figure is it? Then I can work out your "
                    "what-if. If it has nothing to do with this bill, tap “Leave it out”."),
            asking="amount_role", intent="calculate",
            quick_replies=_t_list(locale, ["本次总费用", "其中自费", "其中乙类药", "今年统筹已报销", "结算单上统筹支付", "不算这笔"],
                                  ["Total of this bill", "Self-pay part", "Class-B drugs part",
                                   "Fund already paid this year", "Fund figure on the slip", "Leave it out"]))
    if intent == "what_if" and facts.amount is not None and state.known.amount is not None \
            and state.known.prior_unreimbursed is not None and not state.ledger and _THAT_EARLIER_VISIT.search(u.text) \
            and not _THIS_TIME_SAID.search(u.text):
        # (…3月份在社区看过一次，花了50没报 →) 那假如3月那次在社区花的是250呢: the earlier spending changed in the
        # what-if, this visit as it was — never this visit redated to March with a bill of 250
        facts = msgspec.structs.replace(facts, prior_unreimbursed=facts.amount, amount=None,
                                        **{n: None for n in _EARLIER_VISIT_FIELDS})
        u = msgspec.structs.replace(u, facts=facts)
    if intent == "what_if" and _policy(state.known) and state.known.amount is not None and not u.unplaced:
        # 那要是起付线之前用过了呢 … 如果是三甲呢: a what-if right after another builds on it
        base = state.what_if_base or state.known
        if any(getattr(base, n) is not None for n in _SLIP_FIELDS) and any(
                getattr(facts, n) is not None for n in ("provider_kind", "provider_level", "provider_grade", "amount")):
            # (…医院只报了467.5，对吗 →) 那如果在二级医院看呢: another visit's figures — the slip checked before is
            # that visit's, not the scenario's (那要是起付线之前已经扣了100呢 checks the same slip again)
            base = msgspec.structs.replace(base, **{n: None for n in _SLIP_FIELDS})
        base_ledger = state.what_if_ledger if state.what_if_base is not None and state.what_if_ledger is not None \
            else state.ledger
        if retired_on is None and base.retired_on is not None and facts.month is not None \
                and _PAPERS_DONE.search(u.text):
            # (要是我12月才开始领呢, after a retirement whose benefits began in August: the month is when
            # the benefits begin in the what-if, not the visit's)
            # 那我要是这个月3号办的呢 (asked about the retirement): the date is the retirement's
            said = _dated(facts, today)
            retired_on = dt.date(said.year or today.year, said.month or today.month, said.day or 1)
            facts = msgspec.structs.replace(facts, year=None, month=None, day=None, days_ago=None, months_ago=None)
        elif retired_on is None and u.facts.months_ago == -1 and u.facts.month is None and _RETIREMENT_STARTS.search(u.text):
            # 如果我下个月才开始享受退休待遇呢: the retirement starts next month — this visit stays today's
            nxt = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            retired_on = nxt
            facts = msgspec.structs.replace(facts, year=None, month=None, day=None, days_ago=None, months_ago=None)
        earlier_named = _EARLIER_IN_WHAT_IF.search(u.text) if base_ledger \
            and (facts.provider_level is not None or facts.provider_kind is not None) else None
        if earlier_named is not None:
            # (第一次一级700，第二次今天三级1000 →) 要是第一次是二级呢: the earlier visit supposed otherwise —
            # that visit changes in the scenario, this one stays as told
            named_index = _ledger_index(earlier_named, base_ledger)
            if named_index >= 0 and (facts.amount is None or facts.amount == base_ledger[named_index].amount):
                # (如果1月那次是在定点药店买的药呢，也是200: the same bill, at another kind of place)
                hypo_ledger = list(base_ledger)
                hypo_ledger[named_index] = msgspec.structs.replace(
                    hypo_ledger[named_index], provider_kind=facts.provider_kind or "hospital", provider_level=facts.provider_level,
                    provider_grade=facts.provider_grade, prescribed_at_level=facts.prescribed_at_level,
                    prescribed_at_grade=facts.prescribed_at_grade, provider_assumed=None)
                state.what_if_base, state.what_if_ledger = base, hypo_ledger
                reply = _settle(SessionState(known=base, ledger=hypo_ledger), locale, today,
                                prefix=_t(locale, "如果这样：\n", "If so:\n"))
                reply.intent = "what_if"
                return state, reply
        spent_named = _EARLIER_SPENT_IN_WHAT_IF.search(u.text) if base_ledger and facts.amount is not None \
            and facts.provider_level is None and facts.provider_kind is None and not u.parts_only else None
        if spent_named is not None and (named_index := _ledger_index(spent_named, base_ledger)) >= 0:
            # (3月8号在一级医院看过一次门诊，花了800 …) 如果三月那次只花了300呢: the earlier visit's bill supposed
            # otherwise — that visit changes in the scenario (its date kept), this one stays as told
            hypo_ledger = list(base_ledger)
            hypo_ledger[named_index] = msgspec.structs.replace(hypo_ledger[named_index], amount=facts.amount,
                                                               **{n: None for n in ITEM_FIELDS})
            state.what_if_base, state.what_if_ledger = base, hypo_ledger
            reply = _settle(SessionState(known=base, ledger=hypo_ledger), locale, today,
                            prefix=_t(locale, "如果这样：\n", "If so:\n"))
            reply.intent = "what_if"
            return state, reply
        if facts.referral is None and state.known.referral is not None and _REFERRAL_AGAIN.search(u.text) \
                and not _NO_REFERRAL_SAID.search(u.text):
            # (如果没有转诊直接去的呢 →) 若为建档立卡贫困人口且有转诊呢: the referral told at first, back in the scenario
            facts = msgspec.structs.replace(facts, referral=state.known.referral)
        changed = [n for n in ITEM_FIELDS if getattr(facts, n) is not None]
        # 那下个月要是只看个门诊，诊察费20呢: a visit still to come, or one more supposed — its parts are its
        # own bill, never the told bill's parts said again
        to_come = _ANOTHER_VISIT.search(u.text) is not None or (facts.months_ago is not None and facts.months_ago < 0)
        if u.parts_only and facts.amount is not None and base.amount is not None and changed and not to_come \
                and all(getattr(base, n) is not None for n in changed) and not _EXTRA_PART.search(u.text) \
                and not _ONLY_THAT_PART.search(u.text) \
                and not _KIND_SWAPPED.search(u.text):  # (只有诊察费20呢: that part is the whole bill)
            # 如果诊察费是40呢，药费不变: a part of the scenario's bill said again with another figure — the
            # bill changes by the difference, the other parts stay (a bill told as a whole, its part inside it,
            # and nothing said of the rest: the bill stays — 诊察费二十 包含在那一千里 → 如果诊察费是五十呢)
            keep_bill = not base.amount_of_parts and not _REST_UNCHANGED.search(u.text)
            facts = msgspec.structs.replace(facts, amount=base.amount if keep_bill else base.amount + sum(
                (getattr(facts, n) - getattr(base, n) for n in changed), Decimal(0)),
                **{n: getattr(base, n) for n in ITEM_FIELDS if n not in changed and getattr(base, n) is not None})
        elif u.parts_only and facts.amount is not None and not _EXTRA_PART.search(u.text) and base.amount is not None \
                and _INSIDE_WORD.search(u.text):
            # 如果这次费用里有¥120是自费呢: a part inside the bill of the scenario — the bill stays what it was
            facts = msgspec.structs.replace(facts, amount=None)
        if (facts.provider_kind is not None or facts.provider_level is not None) and facts.referral is None \
                and base.referral is not None:
            # 那要是就在卫生院看呢 after a referral to the county TCM hospital: another place, no referral
            base = msgspec.structs.replace(base, referral=None, signed=None)
        if (facts.provider_kind is not None or facts.provider_level is not None) and facts.designated is None \
                and base.designated is False:
            # (那个诊所不是医保定点的 →) 那我要是去卫生院看呢 一样四百: another place — not the one said not designated
            base = msgspec.structs.replace(base, designated=None)
        if u.parts_only and facts.amount is not None and base.amount is not None and facts.amount < base.amount:
            retyped = [n for n in ITEM_FIELDS if getattr(base, n) == facts.amount and getattr(facts, n) is None]
            if retyped:
                # 如果120是乙类药呢 (the 120 was the self-pay part): that part's kind changes, the bill stays
                # (五百乙类药换成自费的 beside a self-pay part of 300: the self-pay part is both, 800)
                joined = {n: getattr(base, n) + getattr(facts, n) for n in ITEM_FIELDS
                          if n not in retyped and getattr(facts, n) is not None and getattr(base, n) is not None}
                base = msgspec.structs.replace(base, **{n: None for n in retyped})
                facts = msgspec.structs.replace(facts, amount=None, **joined)
        if facts.amount is None and _ALL_IN_SCOPE_IF.search(u.text) and any(getattr(base, n) for n in ITEM_FIELDS):
            # (乙类药1000 →) 那要是都是甲类药呢: every part in scope — the bill stays, its parts' kinds go
            base = msgspec.structs.replace(base, **{n: None for n in ITEM_FIELDS})
        now_in_scope = _PART_IN_SCOPE_IF.search(u.text)
        if now_in_scope is not None and base.amount is not None:
            # 那要是这300都是甲类的呢: that part in scope — the bill stays, the part's kind goes
            said_value = Decimal(now_in_scope.group(1))
            facts = msgspec.structs.replace(facts, amount=None, **{n: None for n in ITEM_FIELDS})
            base = msgspec.structs.replace(base, **{n: None for n in ITEM_FIELDS if getattr(base, n) == said_value})
        if any(getattr(facts, n) is not None for n in _YEAR_POSITION):
            # (…起付线扣了两百 →) 如果起付线已经扣完了 统筹还没报过呢: the year's position supposed anew — none of
            # the told one's stays beside it (the 200 used would still be counted)
            base = msgspec.structs.replace(base, **{n: None for n in _YEAR_POSITION})
        hypo_known = _place_words(_merge(base, facts), facts, u)  # (那我回社区看呢: the new place's words)
        if u.parts_only and facts.amount is not None and _EXTRA_PART.search(u.text) and base.amount is not None:
            # 那另外还有诊察费20块呢: a part added to the bill of the scenario, not a new bill of 20
            added = {n: (getattr(base, n) or 0) + getattr(facts, n) for n in ITEM_FIELDS if getattr(facts, n)}
            hypo_known = msgspec.structs.replace(base, amount=base.amount + facts.amount, **added)
            facts = msgspec.structs.replace(facts, amount=None)
        if facts.category in ("employee", "flexible") and hypo_known.retired_on is not None:
            hypo_known = msgspec.structs.replace(hypo_known, retired_on=None)  # 要是按在职算: no retirement in it
        if retired_on is not None:  # 如果我是这个月才办完的退休呢: the retirement date of the what-if
            hypo_known = msgspec.structs.replace(hypo_known, retired_on=retired_on, category="retiree",
                                                 scheme="employee")
        if facts.amount is not None and any(getattr(facts, n) == 0 for n in ITEM_FIELDS):
            # 要是没有自费那100呢，就800: the same bill with that part gone — the other parts stay
            hypo_known = msgspec.structs.replace(hypo_known, **{
                n: getattr(facts, n) if getattr(facts, n) is not None else getattr(base, n) for n in ITEM_FIELDS})
        elif facts.amount is not None:
            # 要是甲类药呢，同样600: a new bill in the what-if — the parts said before do not carry over
            hypo_known = msgspec.structs.replace(hypo_known, **{n: getattr(facts, n) for n in ITEM_FIELDS})
        hypo_ledger = base_ledger
        if facts.first_visit_this_year is True and base_ledger:
            # 要是今年第一次呢 / 要是之前那次没看 (after the visits before this one were told): those visits
            # supposed away — this visit settled as the year's first, never the same figures again
            hypo_ledger = []
        # (下周还要去市中心医院做个CT，要460，那次能报多少: a visit still to come, after the one told)
        later = (facts.month is not None or _ahead(facts)) and _by_date(today)(_dated(facts, today)) > _by_date(today)(state.known) \
            and not _THIS_VISIT_REDATED.search(u.text)  # (那如果是10月份去看的呢？同样三级1600: this visit, another date)
        if facts.amount is not None and not later and not _ANOTHER_VISIT.search(u.text) \
                and (facts.month is not None or (facts.months_ago or 0) > 0 or (facts.days_ago or 0) > 0) \
                and _SEEN_BEFORE_SUPPOSED.search(u.text) and not _THIS_VISIT_REDATED.search(u.text) \
                and (base.first_visit_this_year is True or base_ledger) \
                and not any(getattr(facts, n) is not None for n in _YEAR_POSITION) \
                and _by_date(today)(_dated(facts, today)) < _by_date(today)(base):
            # (今天三级1500 今年第一次 →) 那我要是8月份在二级医院看过一次花了700呢: a visit before this one
            # supposed — one more of the year, before it; this visit stays as told (never redated to August)
            earlier = _merge(Known(**{n: getattr(base, n) for n in PERSON_FIELDS}), _dated(facts, today))
            hypo_ledger = sorted([*base_ledger, earlier], key=_by_date(today))
            state.what_if_base, state.what_if_ledger = base, hypo_ledger
            reply = _settle(SessionState(known=base, ledger=hypo_ledger), locale, today,
                            prefix=_t(locale, "如果这样：\n", "If so:\n"))
            reply.intent = "what_if"
            return state, reply
        if _ANOTHER_VISIT.search(u.text) and facts.amount is None and _SAME_BILL_AGAIN.search(u.text) \
                and state.known.amount is not None and u.approximate_amount is None:  # (再花个一千多: its own, roughly)
            # 要是12月再看一次一样的: one more visit with the same bill as the one told (its parts too)
            facts = msgspec.structs.replace(facts, amount=state.known.amount,
                                            **{n: getattr(state.known, n) for n in ITEM_FIELDS})
        if (_ANOTHER_VISIT.search(u.text) or later) and facts.amount is not None:
            # 下个月再看一次500呢: one more visit this year, after the one told — not this one changed
            hypo_ledger = [*state.ledger, state.known]
            hypo_known = _another_visit(state.known, _dated(facts, today), u.text)
            if retired_on is not None:  # 手续11月20号已经办完了 12月10号再去二级看2000呢: retired in between
                hypo_known = msgspec.structs.replace(hypo_known, retired_on=retired_on, category="retiree",
                                                     scheme="employee")
            # (the slip checked was the first visit's: the visit of the what-if has none)
            hypo_known = msgspec.structs.replace(hypo_known, **{n: None for n in _SLIP_FIELDS})
            state.what_if_base, state.what_if_ledger = hypo_known, hypo_ledger
        else:
            state.what_if_base, state.what_if_ledger = hypo_known, base_ledger
        hypo = SessionState(known=hypo_known, ledger=hypo_ledger)
        still = _missing(hypo_known)
        if still is not None:
            # what if it had been a community clinic? — before anything is settled, what is still missing
            # (要是三级医院呢 → 甲等还是乙等？→ 甲等: the answer goes on in the scenario, kept meanwhile)
            state.what_if_base, state.what_if_ledger = hypo_known, hypo_ledger
            return state, _ask(state, still, locale, known=hypo_known)
        if state.checked and any(getattr(hypo_known, n) is not None for n in _SLIP_FIELDS):
            # 那要是起付线之前已经扣了100呢, right after a slip was checked: the same slip checked again
            # in that scenario (does the slip agree if that were so?)
            reply = _bill_check(hypo, locale, today, facts)
            if reply.bill_check is not None:
                reply.text = _t(locale, "如果这样：\n", "If so:\n") + reply.text
                reply.intent = "what_if"
                return state, reply
        visit_asked = _VISIT_ASKED_IN_WHAT_IF.search(u.text) if hypo_ledger is base_ledger and hypo_ledger \
            and facts.amount is None else None
        asked_index = _ledger_index(visit_asked, hypo_ledger) if visit_asked is not None else -1
        if asked_index >= 0:
            # (…昨天社区208.5，今天儿童医院460 →) 那我们要是签了家庭医生，昨天社区那次能报多少: the figure asked
            # is that visit's, in the scenario — settled with the visits before it (never today's told again)
            person = {n: getattr(facts, n) for n in PERSON_FIELDS if getattr(facts, n, None) is not None}
            asked_visit = msgspec.structs.replace(hypo_ledger[asked_index], **person)
            if asked_index == 0:
                asked_visit = msgspec.structs.replace(asked_visit, **{n: getattr(hypo_known, n) for n in _YEAR_POSITION
                                                            if n in Known.__struct_fields__})
            ledger_before = [msgspec.structs.replace(v, **person) for v in hypo_ledger[:asked_index]]
            reply = _settle(SessionState(known=asked_visit, ledger=ledger_before), locale, today,
                            prefix=_t(locale, "如果这样：\n", "If so:\n"))
            reply.intent = "what_if"
            return state, reply
        reply = _settle(hypo, locale, today, prefix=_t(locale, "如果这样：\n", "If so:\n"))
        reply.intent = "what_if"
        return state, reply
    if u.correction and facts.amount is not None and state.known.deductible_used is not None \
            and facts.deductible_used is None and _USED_SAID_AGAIN.search(u.text):
        # (起付线今年用了400了 →) 不对，是用了500: the deductible used, set right — not a new bill
        facts = msgspec.structs.replace(facts, deductible_used=facts.amount, amount=None)
        u = msgspec.structs.replace(u, facts=facts)
    if facts.amount is not None and not line_added and (facts.amount_of_parts or _ALSO_DID_TEST.match(u.text) or (
            # 还有检查费150 (one figure, nothing said of the bill it is in): one more cost of the same visit
            (_ALSO_HAD.match(u.text) or _ALSO_PRESCRIBED.match(u.text))
            and not re.search(r"里面|里头|总共|一共|合计|包括|包含|在内|其中", u.text)
            and sum(1 for sp in u.spans if sp.slot == "amount" or sp.slot in ITEM_FIELDS) == 1)) \
            and not u.parts_only \
            and state.known.amount is not None \
            and intent != "add_visit" and _ALSO_PRESCRIBED.match(u.text) and not u.visits \
            and all(getattr(facts, n) is None for n in ("month", "day", "days_ago", "city", "category")) \
            and all(getattr(facts, n) is None or getattr(facts, n) == getattr(state.known, n)
                    for n in ("provider_kind", "provider_level", "referral")):  # (也是那次在县中医院开的: the same place)
        # 还开了一点西药 90 (after 开了中药饮片 280): one more part of the same visit — the bill is both
        facts = msgspec.structs.replace(facts, amount=state.known.amount + facts.amount, amount_of_parts=None)
    elif facts.amount is not None and state.known.amount is None and not u.parts_only and intent != "what_if" \
            and not line_added and not u.visits and _EXTRA_PART.search(u.text) and not _WHOLE_BILL_SAID.search(u.text) \
            and not _INSIDE_WORD.search(u.text) \
            and (told := sum((getattr(state.known, n) or Decimal(0) for n in ITEM_FIELDS), Decimal(0))) > 0 \
            and all(getattr(facts, n) is None for n in ITEM_FIELDS) \
            and sum(1 for sp in u.spans if sp.slot == "amount" or sp.slot in ITEM_FIELDS) == 1:
        # (诊察费二十, the part alone standing for the bill →) 药费还有两百 / 另外还有药费两百: one more cost of
        # the same visit — the bill is the part told and it (220), never 200 with the 20 inside it
        facts = msgspec.structs.replace(facts, amount=told + facts.amount, amount_of_parts=True)
    elif u.parts_only and state.known.amount is not None and facts.amount is not None and _FORGOT_EXTRA.search(u.text):
        # 哦还有自费的50块没说: a part left out of the bill told — the bill is both (what was said, added),
        # and a part of a kind told before adds to it (中药饮片400 → 还做了个针灸…80，是同一次: 480 of TCM)
        facts = msgspec.structs.replace(facts, amount=state.known.amount + facts.amount, **{
            n: getattr(facts, n) + getattr(state.known, n) for n in ITEM_FIELDS
            if getattr(facts, n) is not None and getattr(state.known, n) is not None})
    elif facts.amount is None and state.bill_parts and state.known.amount is not None and not u.unplaced \
            and not any(getattr(facts, n) is not None for n in ITEM_FIELDS) and intent != "what_if" \
            and (moved_part := _PART_NOT_COVERED.search(u.text)) is not None \
            and (part := next((p for p in state.bill_parts if p[0] == moved_part.group("word")), None)) is not None:
        # (药180 检查120 挂号5 …) 哦挂号费医院说不报 算自费的: that part, with its own figure, is self-pay now
        state.bill_parts = [p for p in state.bill_parts if p is not part]
        facts = msgspec.structs.replace(facts, self_pay=(state.known.self_pay or Decimal(0)) + part[1])
        u = msgspec.structs.replace(u, facts=facts)
    elif u.parts_only and state.known.amount is not None and not u.correction and intent != "what_if" \
            and not _WHAT_IF_CLAUSE.search(u.text) \
            and (kinds := [n for n in ITEM_FIELDS if getattr(facts, n) is not None and getattr(state.known, n) is not None]) \
            and (_PART_ALSO_SAID.search(u.text) or (_NAMED_PART_SELF_PAY.match(u.text) and kinds == ["self_pay"]
                                                     and facts.self_pay != state.known.self_pay)) \
            and all(getattr(facts, n) + getattr(state.known, n) <= state.known.amount for n in kinds):
        # 还有50是自费的 / 挂号5块也是自费的 (after 其中自费30): one more part of the bill of a kind told
        # before — the kind adds up (30 + 50) and the bill stands; never the 30 silently replaced
        facts = msgspec.structs.replace(facts, amount=None, **{
            n: getattr(facts, n) + getattr(state.known, n) for n in kinds})
    elif u.parts_only and state.known.amount is not None and not (_SPENT.search(u.text) and (
            (facts.referral is not None and facts.referral != state.known.referral)
            or (facts.provider_level is not None and facts.provider_level != state.known.provider_level))):
        # 里面有乙类药300: a part of the bill already told (转诊到县中医院，开中药饮片花了300: another visit's)
        facts = msgspec.structs.replace(facts, amount=None)
    if facts.amount is not None and state.known.amount is not None and facts.amount in (
            state.known.slip_fund, state.known.slip_cash, state.known.slip_personal) and not _WHOLE_WORD.search(u.text):
        facts = msgspec.structs.replace(facts, amount=None)  # 那480对了吧: the slip's figure again, not a new bill
    if facts.slip_fund is not None and facts.amount is not None and state.known.amount is not None \
            and facts.slip_personal is None and facts.amount + facts.slip_fund == state.known.amount:
        # The slip shows the fund paid 877.50 and I paid 622.50: the two add up to the bill told — the
        # second is the slip's personal share, not a new bill
        facts = msgspec.structs.replace(facts, slip_personal=facts.amount, amount=None)
    slip_known = [n for n in ("slip_fund", "slip_personal", "slip_cash", "slip_account") if getattr(state.known, n) is not None]
    if state.checked and u.correction and facts.amount is None and len(u.unplaced) == 1 and len(slip_known) == 1 \
            and _SLIP_SAID.search(u.text) and (value := parse_amount(u.unplaced[0])) is not None:
        # (医院只给我报了300，对吗 →) 哦我看错了，单子上是330: the slip's figure checked, set right
        facts = msgspec.structs.replace(facts, **{slip_known[0]: value})
        u = msgspec.structs.replace(u, unplaced=(), unplaced_quote=None, facts=facts)
    slip_line = _SLIP_LINE_SAID.search(u.text)
    said_lines = [sp for sp in u.spans if sp.slot in ("slip_fund", "slip_personal", "slip_cash", "fund_paid", "slip_unknown")
                  and sp.note is None]
    if state.checked and facts.amount is None and slip_line is not None and len(said_lines) == 1 \
            and (u.correction or said_lines[0].slot == "slip_unknown") \
            and (value := parse_amount(said_lines[0].text)) is not None:
        # (那个人支付呢？单子上写480 after a check: the slip's other line, named — checked with the first)
        # (540是我自己出的钱，对不对 →) 哦我看错了，个人支付是760 / 统筹支付是240: a line of the slip
        # checked, named by its own label and set right — checked again, never a year's figure
        line = "slip_fund" if slip_line.group("fund") else "slip_personal"
        facts = msgspec.structs.replace(facts, **{line: value, "fund_paid": None})
        u = msgspec.structs.replace(u, unplaced=(), unplaced_quote=None, facts=facts)
        if u.correction:  # (看错了: the line read before is set right, not kept beside the new one)
            state.known = msgspec.structs.replace(state.known, **{n: None for n in slip_known})
    # after a bill check, “看错了，是720” corrects the slip figure
    if state.checked and u.correction and facts.amount is not None and facts.slip_fund is None \
            and not any(sp.slot == "amount" and sp.note is None and sp.text and _WHOLE_WORD.search(
                u.text[max(0, sp.start - 4):sp.start]) for sp in u.spans):
        facts = msgspec.structs.replace(facts, slip_fund=facts.amount, amount=None)
    if state.known.amount is not None and u.approximate_amount is None \
            and ((facts.amount is None and _EARLIER_VISIT_TOLD.search(u.text))
                 or (state.asking == "year_start" and _FIRST_ONE_TOLD.search(u.text))) and not u.correction \
            and (facts.provider_kind is not None or facts.provider_level is not None):
        # (今年之前报过吗？→) 今年第二次，第一次是在社区花了400: the figure is the earlier spending, the
        # place the first visit's
        # 她上个月在三级医院看过一次，统筹那次报了220，今天这次报多少: the place is the earlier visit's —
        # this visit stays where it was told (what the fund paid then is the year's position)
        facts = msgspec.structs.replace(facts, **{n: None for n in _EARLIER_VISIT_FIELDS if n != "amount"
                                                  and n in Facts.__struct_fields__})
        u = msgspec.structs.replace(u, facts=facts)
    changed_kind = [n for n in ITEM_FIELDS if getattr(facts, n) is not None]
    if u.correction and len(changed_kind) == 1 and facts.amount is None:
        # 150是自费的 → 不对，150是乙类药: the figure moves from one kind to the other, never counted twice
        value = getattr(facts, changed_kind[0])
        stale = {n: None for n in ITEM_FIELDS if n != changed_kind[0] and getattr(state.known, n) == value}
        if stale:
            state.known = msgspec.structs.replace(state.known, **stale)
    slip_cleared: dict[str, Any] | None = None
    if state.checked and u.correction and facts.amount is not None and facts.city is None and not u.visits \
            and any(sp.slot == "amount" and sp.note is None for sp in u.spans):
        # (…医保给报了240 对吗 → checked →) 我看错了 单子上总费用是600 不是700: the same slip, its bill set right —
        # checked again (never the slip dropped as an old bill's)
        pass
    elif state.checked and (facts.amount is not None or facts.city is not None):
        # a new bill: the slip checked before was the old bill's (kept aside: an earlier visit told now
        # leaves this bill and its slip as they were)
        slip_cleared = {n: getattr(state.known, n) for n in _SLIP_FIELDS}
        state.known = msgspec.structs.replace(state.known, **{n: None for n in _SLIP_FIELDS})
        state.checked = False
    if state.ledger_level_index is not None and state.asking == _EARLIER_WHERE \
            and state.ledger_level_index < len(state.ledger) \
            and bool(_AT_PHARMACY_SAID.search(u.text)) != bool(_AT_HOSPITAL_SAID.search(u.text)):
        # (您之前那次…是在药店买的，还是在开处方的医院拿的？) 在药店买的: the earlier purchase's place
        index, state.ledger_level_index, state.asking = state.ledger_level_index, None, None
        earlier = state.ledger[index]
        state.ledger[index] = msgspec.structs.replace(
            msgspec.structs.replace(earlier, provider_kind="pharmacy") if _AT_PHARMACY_SAID.search(u.text)
            else _filled_at_hospital(earlier), provider_assumed=None)
        facts = msgspec.structs.replace(facts, provider_kind=None, provider_level=None, provider_grade=None)
        u = msgspec.structs.replace(u, facts=facts)
    elif state.ledger_level_index is not None and state.asking == "provider_level" and facts.provider_level is not None:
        # the level asked for is the earlier visit's (3月份那次是社区): not this one's
        index, state.ledger_level_index = state.ledger_level_index, None
        facts = _place_earlier_visit(state, index, facts)
        state.asking = None
    elif state.ledger and state.ledger_level_index is None and facts.amount is None and u.intent != "what_if" \
            and (facts.provider_level is not None or facts.provider_kind is not None) \
            and not _WHAT_IF_CLAUSE.search(u.text) and _THAT_EARLIER_AT.search(u.text):
        # 前天那次是在三级医院: the place of the visit told before this one (never this visit's)
        facts = _place_earlier_visit(state, len(state.ledger) - 1, facts)
        u = msgspec.structs.replace(u, facts=facts)
    if state.ledger_amount_index is not None and state.asking == "year_start" and facts.amount is not None \
            and state.ledger_amount_index < len(state.ledger):
        # 3月份看过一次花了300多 → 查到了，那次是320，在社区卫生服务中心: the earlier visit's amount (and place)
        index, state.ledger_amount_index = state.ledger_amount_index, None
        told = {n: getattr(facts, n) for n in ("amount", *_EARLIER_VISIT_FIELDS) if getattr(facts, n, None) is not None}
        state.ledger[index] = msgspec.structs.replace(state.ledger[index], **told)
        facts = msgspec.structs.replace(facts, **{n: None for n in told})
        u = msgspec.structs.replace(u, facts=facts)
        state.asking = None
    elif state.ledger_amount_index is not None:
        # the question about the earlier visit's amount was not answered: that visit is not settled on a guess
        state.ledger = [v for i, v in enumerate(state.ledger) if i != state.ledger_amount_index]
        state.ledger_amount_index = None
    if state.ledger_date_index is not None and state.asking == "date" and re.search(r"今天|今日|today", u.text) \
            and facts.month is None and not facts.days_ago and not facts.months_ago:
        facts = msgspec.structs.replace(facts, days_ago=0)  # 今天: the earlier visit was today after all
    if state.ledger_date_index is not None and state.asking == "date" and (
            facts.month is not None or facts.days_ago is not None or facts.months_ago):
        # the date asked for is the earlier visit's (第一次是上个月5号), not this one's
        index, state.ledger_date_index = state.ledger_date_index, None
        dated = _dated(facts, today)
        when = {n: getattr(dated, n) for n in ("year", "month", "day")}
        if index < len(state.ledger):
            state.ledger[index] = msgspec.structs.replace(state.ledger[index], **when)
            state.ledger = sorted(state.ledger, key=_by_date(today))
        facts = msgspec.structs.replace(facts, year=None, month=None, day=None, days_ago=None, months_ago=None)
        state.asking = None
    if state.asking == "conflict" and state.conflict_slot in ("family_doctor", "poverty_registered") \
            and getattr(facts, state.conflict_slot) is None:
        # 家庭医生签没签？ → 问到了，签了 / 没有: the answer is about the fact asked (not the institution)
        denied, affirmed = _NO_ANSWER.search(u.text) is not None, _YES_ANSWER.search(u.text) is not None
        if denied != affirmed:
            facts = msgspec.structs.replace(facts, **{state.conflict_slot: affirmed},
                                            signed=None if state.conflict_slot == "family_doctor" else facts.signed)
    if state.asking == "conflict" and state.conflict_slot == "year_start" and re.search(r"去年|上一年|last year", u.text) \
            and facts.fund_paid is None and facts.first_visit_this_year is None and facts.deductible_met is None:
        # 今年第一次 / 统筹报了200 → 哦那个200是去年报的: the year's first bill holds
        facts = msgspec.structs.replace(facts, first_visit_this_year=True)
    if facts.fund_paid is not None:
        state.fund_unnamed = not _FUND_NAMED.search(u.text)
    # a year position that contradicts what was said earlier (今年第一次 … 统筹已经报过300)
    if state.known.first_visit_this_year and ((facts.fund_paid or 0) > 0 or facts.deductible_met) \
            and intent != "what_if" and not _WHAT_IF_CLAUSE.search(u.text) and not re.search(r"^(?:and |so )?if ", u.text) \
            and not u.conflict and state.asking != "conflict" and facts.city is None and facts.amount is None \
            and not _NOT_FIRST.search(u.text) and not (u.correction and (_REMEMBERED.search(u.text)
                                                                        or _CORRECTION_FIRST.match(u.text)
                                                                        or _CHANGED_STORY.search(u.text))):
        # (哦不对，我想起来了，三月份报过一回: the person takes the first bill back — no conflict, the new position holds)
        # (他起付线其实已经过了 / 其实今年统筹已经报过300了: writers split — one took it as set right, one
        # asked; asking is the safe side, so 其实 alone is no correction here)
        later = u.text.strip("，,。.!！?？ ")[:40]  # the person's own words, as said
        u = msgspec.structs.replace(u, conflict=(_t(locale, "今年第一次", "first bill this year"), later))
        state.known = msgspec.structs.replace(state.known, first_visit_this_year=None)
    if facts.deductible_met is not None and facts.prior_unreimbursed is not None and not u.conflict \
            and (pack_id := facts.policy or _policy(state.known)):
        deductible = deductible_for(get_pack(pack_id), facts.category or state.known.category or "employee")
        if deductible is not None and (
                (facts.deductible_met is False and facts.prior_unreimbursed >= deductible)
                or (facts.deductible_met is True and facts.prior_unreimbursed < deductible and not facts.prior_at_least)):
            # 起付线还没到 … 之前门诊花了八百都是医保范围内的 (a deductible of 600): in-scope spending past the
            # deductible has met it; 起付线已经扣完了 … 之前门诊花了300: spending short of it has not — which
            # of the two holds is asked (the deductible: the calculator's)
            spoken = {sp.slot: sp.start for sp in u.spans if sp.slot in ("deductible_met", "prior_unreimbursed")}
            if len(spoken) == 2:
                u = msgspec.structs.replace(u, conflict=(clause_at(u.text, spoken["deductible_met"]),
                                                         clause_at(u.text, spoken["prior_unreimbursed"])),
                                            conflict_slot="year_start")
    if u.met_with_visits and u.visits and not u.conflict \
            and (pack_id := facts.policy or _policy(_merge(state.known, facts, PERSON_FIELDS))):
        deductible = deductible_for(get_pack(pack_id), facts.category or state.known.category or "employee")
        spent_before = sum((v.amount for v in u.visits if v.amount is not None), Decimal(0))
        if deductible is not None and spent_before < deductible:
            # 起付线已经扣完了 … 前面就看过一次花了300 (a deductible of 600): which holds is asked
            u = msgspec.structs.replace(u, conflict=u.met_with_visits, conflict_slot="year_start", visits=())
    if facts.deductible_used is not None and not u.conflict and facts.stated_deductible is None \
            and state.known.stated_deductible is None \
            and (pack_id := facts.policy or _policy(_merge(state.known, facts, PERSON_FIELDS))):
        # (the largest of the document's deductibles: one used as an employee may pass a retiree's)
        pack = get_pack(pack_id)
        merged = _merge(state.known, facts, PERSON_FIELDS)
        retired_this_year = (merged.retired_on is not None and merged.retired_on.year == today.year) \
            or _retired_on(facts, today) is not None
        # (a category told, no retirement this year: that category's own deductible — 南充退休 起付线扣了二百,
        # where a retiree's is 150, is asked; one retired this year may have used more as an employee)
        categories = (merged.category,) if merged.category is not None and not retired_this_year \
            else ("employee", "retiree", "flexible", "resident")
        deductibles = [d for c in categories if (d := deductible_for(pack, c)) is not None]
        deductible = max(deductibles) if deductibles else None
        if deductible is not None and facts.deductible_used > deductible:
            # 起付线扣了七百 (a deductible of 600, the calculator's): more than the document's whole
            # deductible — what the person means is asked, quoting both, never settled as 'met'
            from explanations import formatting

            used_said, whole_doc = (formatting.money_in(facts.deductible_used, locale), formatting.money_in(deductible, locale))
            state = _fill(state, msgspec.structs.replace(facts, deductible_used=None, deductible_met=None), u, message, today)
            state.asking = "year_start"
            return state, Reply(
                text=_t(locale, f"您说起付线扣了{used_said}，但文件规定一年的起付线是{whole_doc}，扣不到{used_said}。"
                                "是起付线已经扣完、统筹还报过一些吗？今年统筹一共报了多少？",
                        f"You said {used_said} of the deductible was used, but the document's deductible is {whole_doc} a year. "
                        "Is the deductible used up, with the fund having paid some too? How much has the fund paid this year?"),
                asking="year_start", intent="calculate",
                quick_replies=_t_list(locale, ["今年第一次", "起付线已经扣完了", "统筹已经报过一些"],
                                      ["First bill this year", "Deductible already met", "The fund has paid some"]))
    two_cities = [c for c in cities() if c in u.alternatives.get("city", ())]
    if len(two_cities) >= 2 and facts.amount is not None and _INSURED_IN_BOTH.search(u.text) \
            and not re.search(r"(?:现在|目前|如今)[^,，。]{0,4}?(?:" + "|".join(two_cities) + ")", u.text):
        # (… 现在在南昌上班交的职工医保: the city insured in now is said — that one)
        # 我在西安和南昌都交过医保…花了1300: insured in two covered cities — which one settles this bill
        # is asked (never the last one named taken)
        state = _fill(state, msgspec.structs.replace(facts, city=None, policy=None, scheme=None), u, message, today)
        state.known = msgspec.structs.replace(state.known, city=None, policy=None)
        state.asking = "city"
        both_named = "和".join(two_cities)
        return state, Reply(text=_t(locale, f"您说在{both_named}都交过医保：这次看病是用哪个城市的医保结算的？",
                                    f"You said you were insured in {' and '.join(two_cities)}: which city's insurance "
                                    "settled this visit?"),
                            asking="city", intent="calculate", quick_replies=two_cities)
    # two statements that disagree: ask which holds, quoting both; keep everything else spoken
    if u.conflict:
        slot = u.conflict_slot or "year_start"
        fields = {"year_start": ("first_visit_this_year", "deductible_met", "deductible_used", "fund_paid",
                                 "deductible_remaining", "prior_unreimbursed"),
                  "provider_level": ("provider_level", "provider_grade"),
                  "category": ("category",), "person": ("category",)}.get(slot, (slot,))
        drop = {f: None for f in fields if f in Facts.__struct_fields__}
        state = _fill(state, msgspec.structs.replace(facts, **drop), u, message, today)
        if slot == "amount" and state.known.amount is not None:
            # (合计1100 → 打错了，检查费是240，合计920: which bill holds is asked — the bill told before is no
            # longer one to settle on while the question is open)
            state.known = msgspec.structs.replace(state.known, amount=None, amount_of_parts=None)
        a, b = u.conflict[0], u.conflict[1]
        state.asking, state.conflict_slot, state.conflict_options = "conflict", slot, [a, b]
        if slot == "person":  # 我在职她退休了: two people — whose visit is it?
            return state, Reply(text=_t(locale, f"您说了“{a}”，也说了“{b}”。这次看病是谁的？按那个人的身份算。",
                                        f"You said “{a}” and “{b}”. Whose visit is this? It is settled by that person's category."),
                                asking="conflict", quick_replies=[a, b], intent="calculate")
        return state, Reply(text=_t(locale, f"您说了“{a}”，又说了“{b}”，这两句对不上。以哪一句为准？",
                                    f"You said “{a}” and also “{b}”; they disagree. Which one holds?"),
                            asking="conflict", quick_replies=[a, b], intent="calculate")
    relevelled = _EARLIER_LEVEL_SET.search(u.text) \
        if state.ledger and facts.amount is None and facts.provider_level is not None and state.known.amount is not None else None
    if relevelled is not None:
        # (…今年第一次…一级医院花了700…第二次今天在三级医院… →) 第一次不是一级，是二级: the earlier visit's
        # level set right — that visit changes, this one stays (never this visit's level changed)
        index = _ledger_index(relevelled, state.ledger)
        if index >= 0:
            state.ledger[index] = msgspec.structs.replace(state.ledger[index], provider_kind="hospital",
                                                          provider_level=facts.provider_level,
                                                          provider_grade=facts.provider_grade, provider_assumed=None)
            state.asking = None
            return state, _settle(state, locale, today)
    nth_relevelled = _NTH_LEVEL_SET.search(u.text) if state.ledger and facts.amount is None \
        and facts.provider_level is not None and state.known.amount is not None else None
    if nth_relevelled is not None and parse_number(nth_relevelled.group("n")) == len(state.ledger) + 1:
        # (一级600 那是今年第一次 → 今天又去了二级医院 900 →) 等等 第二次那个不是二级 是三级甲等: the visit named
        # by its place in the year is this one — its level set right (never a third visit)
        state.known = msgspec.structs.replace(state.known, provider_kind="hospital", provider_level=facts.provider_level,
                                              provider_grade=facts.provider_grade, provider_assumed=None)
        state.asking = None
        if (slot_left := _missing(state.known)) is not None:
            return state, _ask(state, slot_left, locale, known=state.known)
        return state, _settle(state, locale, today)
    redated = _VISIT_REDATED.search(u.text) if state.ledger and facts.amount is None and state.known.amount is not None else None
    if redated is not None:
        # (3月份在一级医院看了600，今天又在二级医院看了800 →) 搞错了，一级医院那次是5月不是3月: the earlier
        # visit's month set right — that visit moves, this one stays (never this visit redated or moved)
        old_month = parse_number(redated.group("old") or redated.group("old2") or "")
        new_month = parse_number(redated.group("new"))
        level = {"一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3}.get((redated.group("place") or "")[:1])
        at = [i for i, v in enumerate(state.ledger)
              if (old_month is None or v.month == old_month)
              and (level is None or (v.provider_kind == "hospital" and v.provider_level == level))
              and (redated.group("place") not in ("社区", "诊所", "卫生院", "卫生室")
                   or (v.provider_kind == "hospital" and v.provider_level == 1))
              and (redated.group("place") not in ("药店", "药房") or v.provider_kind == "pharmacy")]
        this_month = state.known.month if state.known.month is not None else today.month
        if len(at) == 1 and new_month is not None and 1 <= new_month <= this_month \
                and all(v.month is None or v.month <= new_month for v in state.ledger[:at[0]]) \
                and all(v.month is None or v.month >= new_month for v in state.ledger[at[0] + 1:]):
            state.ledger[at[0]] = msgspec.structs.replace(state.ledger[at[0]], month=int(new_month), day=None)
            state.asking = None
            return state, _settle(state, locale, today)
    corrected_of = _EARLIER_VISIT_CORRECTED.search(u.text) \
        if (state.ledger or state.known.prior_unreimbursed is not None) and u.correction and facts.amount is not None \
        and not u.visits else None
    if corrected_of is not None and not state.ledger and corrected_of.group("place"):
        # (…今年之前在社区看过一次花了180 →) 不对，社区那次是280: the earlier spending told, corrected
        state.known = msgspec.structs.replace(state.known, prior_unreimbursed=facts.amount)
        facts = msgspec.structs.replace(facts, amount=None, provider_kind=None, provider_level=None, provider_grade=None,
                                        year=None, month=None, day=None, **{n: None for n in ITEM_FIELDS})
        u = msgspec.structs.replace(u, facts=facts)
        corrected_of = None
    if corrected_of is not None and state.ledger:
        # (3月份社区300，今天二级医院600 →) 不对，3月份那次是500 / 不对，第一次是500: the earlier visit's figure
        # corrected — that visit changes, this one stays (never a third visit, never this one's bill)
        index = _ledger_index(corrected_of, state.ledger)
        if index >= 0 and facts.amount is not None:
            state.ledger[index] = msgspec.structs.replace(state.ledger[index], amount=facts.amount,
                                                          **{n: None for n in ITEM_FIELDS})
            facts = msgspec.structs.replace(facts, amount=None, year=None, month=None, day=None)
            u = msgspec.structs.replace(u, facts=facts)
    that_month = _MONTH_VISIT_NAMED.search(u.text) if state.ledger and facts.month is not None else None
    if that_month is not None and facts.amount is None \
            and any(v.month == parse_number(that_month.group("m")) for v in state.ledger):
        # 6月那次是今年第一次: that visit named by its month — the month is not this visit's new date
        facts = msgspec.structs.replace(facts, year=None, month=None, day=None)
        u = msgspec.structs.replace(u, facts=facts)
    if state.ledger and state.known.amount is not None and not u.visits and not u.correction \
            and (nth := _NTH_VISIT_ASKED.search(u.text)) is not None \
            and parse_number(nth.group("n")) == len(state.ledger) + 1 \
            and not any(getattr(facts, n, None) is not None for n in (*VISIT_FIELDS, *PERSON_FIELDS)):
        # (上个月一级五百 → 今天三级一千 →) 那两次一共报了多少？第二次呢: the visit just told, asked by its
        # place in the year — answered again (this visit and the year), never a new visit's bill asked for
        reply = _settle(state, locale, today)
        reply.intent = "calculate"
        return state, reply
    asked_of = _EARLIER_VISIT_ASKED.search(u.text) if state.ledger and state.known.amount is not None else None
    target: Known | None = None
    index = -1
    if asked_of is not None and not u.correction and not u.visits:
        # (第一次150，第二次今天600 →) 第一次那150能报吗: the figure of an earlier visit of the year — that visit
        # settled with the visits before it, the year told left as it is (never this visit changed to 150)
        # (那3月那次当时报了多少: the visit of that month, when the year's ledger holds exactly one)
        index = _ledger_index(asked_of, state.ledger)
        target = state.ledger[index] if index >= 0 else None
    if target is not None:
        if facts.amount is None or facts.amount == target.amount:
            reply = _settle(SessionState(known=target, ledger=state.ledger[:index]), locale, today)
            reply.intent = "calculate"
            return state, reply
    if u.visits and state.known.amount is not None and facts.amount is not None and facts.month is not None \
            and not facts.days_ago and not _THIS_TIME_SAID.search(u.text) and not u.correction \
            and (state.known.month is None or state.known.month > max(facts.month, *(v.month or 0 for v in u.visits))) \
            and all(v.month is not None and v.amount is not None for v in u.visits) \
            and max(facts.month, *(v.month or 0 for v in u.visits)) < today.month:
        # (今天在三级医院花了1000 →) 今年还在1月份在诊所看过一次，花了90，4月在二级医院花了300: the visits
        # told are all of earlier months — the year's ledger before this one; this visit stays as told
        said_of_person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
        told_visits = [*(_merge(Known(**said_of_person), _dated(v, today)) for v in u.visits),
                       _merge(Known(**said_of_person), _dated(facts, today))]
        state.ledger = sorted([*state.ledger, *told_visits], key=_by_date(today))
        # the visits told in answer to the year's question (or said to be all) are the year's before this
        # one: nothing was used before the first of them
        state.known = msgspec.structs.replace(state.known, first_visit_this_year=True if (
            _ONLY_THESE.search(u.text) or state.asking == "year_start") else None)
    elif u.visits:
        # several visits in one message: the earlier ones go to the year's ledger, in date order
        state = _fill(state, facts, u, message, today)
        person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
        person_known = state.known
        visits = [*(_merge(Known(**person), _dated(v, today)) for v in u.visits), state.known]
        # 昨天…185块 … 前两次一共花了两百二: an earlier visit told with no date of its own came before
        # this one (the sort is stable: it keeps the order told, never puts an undated one last)
        latest = _by_date(today)(state.known)
        visits.sort(key=lambda k: latest if k is not state.known and k.month is None and k.day is None
                    and k.year is None else _by_date(today)(k))
        state.ledger, state.known = visits[:-1], visits[-1]
        year = state.known.year or today.year
        if any((k.year or today.year) != year for k in state.ledger):
            # 去年12月在三级医院看过…今年3月又…: a visit of another year counts toward nothing of this
            # one (the deductible and cap are a calendar year's) — set aside, and said
            state.other_year = [*state.other_year, *((k.year or today.year, k.month) for k in state.ledger
                                                     if (k.year or today.year) != year)]
            state.ledger = [k for k in state.ledger if (k.year or today.year) == year]
        if state.ledger:
            state.known = msgspec.structs.replace(state.known, **{n: getattr(person_known, n) for n in PERSON_FIELDS})
        if state.ledger and _ONLY_THESE.search(u.text) and state.known.first_visit_this_year is None \
                and not any(getattr(state.known, n) for n in ("deductible_met", "fund_paid", "deductible_used")):
            # 2月…150，5月…400，9月…600，今天…200。今年就这些: the visits listed are the year's — nothing
            # was used before the first of them
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=True)
    elif (state.asking == "year_start" or _EARLIER_ONE.search(u.text)
          # 上周三还去了一次社区，花了120，忘了说: one more visit, dated before this one
          or (_ANOTHER_TRIP.search(u.text) and ((facts.days_ago or 0) > 0 or facts.months_ago
                                                # (上个月20号也在那看过: a month of this year, its year said by 上个月)
                                                or (facts.month is not None and facts.year in (None, today.year)
                                                    and facts.month < (state.known.month or today.month)))
              and not u.correction and facts.amount is not None and facts.amount != state.known.amount)
          # (after an answer) 哦对了，我3月份看过一次病，花了250 / I did see a doctor in March and paid 250: a visit
          # of a month before this one's, told now — one more of the year, before it (never this visit redated)
          or (_SEEN_THEN.search(u.text) and facts.month is not None and facts.year is None
              and facts.month < (state.known.month or today.month)
              and not u.correction and facts.amount is not None and facts.amount != state.known.amount)
          or ((_REMEMBERED.search(u.text) or (u.correction and _EARLIER_CLAIM.search(u.text)))
              and (facts.month is not None or facts.months_ago or (facts.days_ago or 0) > 0)
              and (_SPENT.search(u.text) or _MONEY_SAID.search(u.text))
              and state.known.deductible_met is None and state.known.fund_paid is None)) and facts.amount is not None \
            and (_SPENT.search(u.text) or _EARLIER_ONE.search(u.text) or (_MONEY_SAID.search(u.text) and facts.month is not None)
                 # (今年之前已经报过两次 → asked →) 第一次3月三级医院1000: the earlier visits told one by one
                 or (state.asking == "year_start" and _NTH_TOLD_START.match(u.text) is not None)) \
            and (facts.month is not None or facts.months_ago or (facts.days_ago or 0) > 0
                 or (state.asking == "year_start" and _EARLIER_ONE.search(u.text) and _SPENT.search(u.text)
                     and facts.fund_paid is None)) \
            and state.known.amount is not None and facts.amount != state.known.amount \
            and not _ahead(facts) \
            and not (state.known.month is not None and facts.month is not None
                     and _by_date(today)(_dated(facts, today)) > _by_date(today)(state.known)):
        # (下周还要去…做个CT，要460，那次能报多少: a visit still to come is never an earlier one)
        # (…5月二级医院500 → 今日三级医院960元: dated after the visit told — a later one, never an earlier)
        # asked about the year, the person describes the earlier visit (药店那次上个月 花了300 / 上一回花了
        # 一百 就这两回): it is a visit of the year before this one, not this bill and not a fund figure
        person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
        earlier = _merge(Known(**person), _dated(facts, today))
        if earlier.provider_kind is None and earlier.provider_level is None:
            # its place not said: taken as this one's only where that cannot change the figure (checked)
            earlier = msgspec.structs.replace(earlier, provider_kind=state.known.provider_kind,
                                              provider_level=state.known.provider_level,
                                              provider_grade=state.known.provider_grade,
                                              provider_assumed=True if state.known.provider_level else None)
        state.ledger = sorted([*state.ledger, earlier], key=_by_date(today))
        if state.known.first_visit_this_year is False and state.asking == "year_start" \
                and _NTH_TOLD_START.match(u.text) is not None:
            # (今年之前已经报过两次 → 第一次3月…1000): "not the first" is what the visits told now show — the
            # year is read from them (asked whether there were others, until 就这两次)
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=None)
        if _ONLY_THESE.search(u.text) and state.known.first_visit_this_year is None \
                and not any(getattr(state.known, n) for n in ("deductible_met", "fund_paid", "deductible_used")):
            # 第二次7月二级医院1000 就这两次: the visits told are the year's — nothing was used before the first
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=True)
        if slip_cleared is not None and facts.city is None:
            # (…统筹报了275 我算着应该是220 → checked →) 哦 我想起来了 今年3月份在社区看过一次 花了100: the
            # slip is this bill's still — checked again with the visit before it
            state.known = msgspec.structs.replace(state.known, **slip_cleared)
        if len(state.ledger) == 1 and (state.one_visit_before or _one_before(u.text) or (
                u.correction and state.known.first_visit_this_year and _ONE_SEEN.search(u.text))):
            # (今年第一次 → 不对，3月份在社区看过一次，花了320: that one was the year's first)
            # the one visit said to come before is the year's first: nothing was used before it
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=True)
        if state.ledger[0] is earlier and facts.first_visit_this_year:
            # (起付线早过了 for today →) 8月10号看的那次…那是今年第一次看门诊: the year starts at that visit —
            # what was said of today's position (起付线过了) is what that visit used, not a start of its own
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=True, **{
                n: None for n in ("deductible_met", "deductible_used", "deductible_remaining", "fund_paid",
                                  "claimed_before", "prior_unreimbursed")})
        if _THAT_ONE_ASKED.search(u.text):
            # 那我8月10号看的那次呢: the figure asked is that visit's, settled with the visits before it
            index = state.ledger.index(earlier)
            reply = _settle(SessionState(known=msgspec.structs.replace(
                earlier, **{n: getattr(state.known, n) for n in _YEAR_POSITION if n in Known.__struct_fields__})
                if index == 0 else earlier, ledger=state.ledger[:index]), locale, today)
            reply.intent = "calculate"
            return state, reply
    elif state.known.amount is not None and facts.amount is None and u.approximate_amount is not None \
            and (facts.month is not None or facts.months_ago) and _EARLIER_CLAIM.search(u.text) \
            and (u.correction or _REMEMBERED.search(u.text)) and _SPENT.search(u.text):
        # 今年第一次 → 不对，她说3月份在社区看过一次花了300多: a visit before this one, its amount said
        # roughly — kept in the year (where and when), and its exact amount asked, never guessed
        person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
        earlier = _merge(Known(**person), _dated(facts, today))
        state.ledger = sorted([*state.ledger, earlier], key=_by_date(today))
        state.ledger_amount_index = state.ledger.index(earlier)
        if not (len(state.ledger) == 1 and state.known.first_visit_this_year and _ONE_SEEN.search(u.text)):
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=None)
        state.asking = "year_start"
        said_when = f"{earlier.month}月" if earlier.month else _t(locale, "之前", "earlier")
        return state, Reply(text=_t(locale, f"您说{said_when}那次花了{u.approximate_amount:.0f}多，那次准确花了多少钱？"
                                            "（看那次的结算单）那次花了多少，会影响这次能报多少。",
                                    f"You said the earlier visit cost over {u.approximate_amount:.0f}. Exactly how much? "
                                    "It changes what this visit pays."),
                            asking="year_start", intent="calculate")
    elif not state.ledger and state.known.prior_unreimbursed is not None and state.known.amount is not None \
            and facts.amount is not None and facts.amount != state.known.amount and (u.correction or _SET_RIGHT.search(u.text)) \
            and _THAT_VISIT.search(u.text) and not _THIS_BILL_SAID.search(u.text) \
            and all(getattr(facts, n) is None for n in ("provider_kind", "provider_level", "month", "days_ago", "city")):
        # (今年之前看过一次 那次花了300 统筹没报 →) 我又想起来 那次其实是400: the spending before this visit set
        # right — this bill stays what it was (never a bill of 400)
        state.known = msgspec.structs.replace(state.known, prior_unreimbursed=facts.amount)
    elif state.ledger and (u.correction or _SET_RIGHT.search(u.text)) and _EARLIER_VISIT.search(u.text):
        # 第一次那个社区其实花的是600: a correction of a visit told before, not of this one
        index = 0 if _FIRST_VISIT_OF_LEDGER.search(u.text) else len(state.ledger) - 1
        visit_facts = {n: getattr(facts, n) for n in VISIT_FIELDS if getattr(facts, n, None) is not None}
        state.ledger = [_merge(v, msgspec.structs.replace(Facts(), **visit_facts)) if i == index else v
                        for i, v in enumerate(state.ledger)]
    elif (intent == "add_visit" or _later_visit(state, facts, u, today)) \
            and state.known.amount is not None and ((known_missing := _missing(state.known)) is None or (
                # (2月…350，5月…500 → 除了2月那次…？→ 今日三级医院960元: a later visit told while the year's
                # start is still asked — one more visit; the question of the year's start stays open)
                known_missing == "year_start" and state.known.month is not None
                and (state.known.year or today.year) == (_dated(facts, today).year or today.year)
                and _later_visit(state, facts, u, today)) or (
                # (上个月在县医院花了八百 → 它是几级？→) 今天又去了三级医院 1000: one more visit, its place said —
                # the one before keeps its bill; its level, not said, is asked only where it changes a figure
                known_missing in ("provider_level", "provider_kind", "where_bought") and intent == "add_visit"
                and facts.amount is not None and (facts.provider_level is not None or facts.provider_kind is not None
                                                  or facts.prescribed_at_level is not None)
                and not u.correction)):
        # (处方二级医院开的 药480, where it was filled not said → 后来又…买了药 200: that purchase is kept, its
        # place asked only where it changes this figure)
        told_before = state.known if state.known.provider_level is not None or state.known.provider_kind == "pharmacy" \
            else msgspec.structs.replace(state.known, provider_assumed=True)
        state.where_asks = 0
        state.ledger = [*state.ledger, told_before]
        state.known = _another_visit(state.ledger[-1], facts, u.text)
        if _MORNING_BEFORE.search(u.text) and not _LATER_IN_DAY.search(u.text) \
                and _same_day(state.known, told_before, today):
            # (药店买药350 …) 我上午还在卫生院看病 花了一百二: a visit earlier the same day, told after — it comes
            # first in the year, and the visit told first is still the one answered
            state.ledger, state.known = [*state.ledger[:-1], state.known], told_before
    else:
        state = _fill(state, facts, u, message, today)
    _note_place(state, facts, u)
    if facts.prior_unreimbursed is not None and state.known.prior_unreimbursed is not None \
            and not _UNCLAIMED_SAID.search(u.text) and _policy(state.known):
        state.known = _spent_before(state.known, state.ledger, today)
    if any(sp.slot in ("provider_level", "provider_grade") and sp.note == "doubted" for sp in u.spans) \
            and (u.correction or re.search(r"记错|说错|搞错|弄错|不是", u.text)):
        # 哦 我可能记错了 那家好像是三甲: the level told before is withdrawn, the new one doubted — asked
        # (三级医院…应该是甲等吧不太确定: the level said plainly in the message stays; only the grade is asked)
        level_kept = facts.provider_level is not None and not any(
            sp.slot == "provider_level" and sp.note == "doubted" for sp in u.spans)
        state.known = msgspec.structs.replace(state.known, provider_grade=None,
                                              provider_level=state.known.provider_level if level_kept else None)
        state.checked = False
    if state.known.scheme == "employee" and state.known.referral is not None:
        # 县中医院 for an employee: a referral is the resident scheme's (南昌居民 第十二条), not this one's
        state.known = msgspec.structs.replace(state.known, referral=None)
    if retired_on is not None:
        state.known = msgspec.structs.replace(state.known, retired_on=retired_on, category="retiree",
                                              scheme="employee")
    if state.known.category is None and state.known.scheme is None and "resident" in schemes_of(state.known.city) and (
            state.known.poverty_registered or (state.known.family_doctor and _NO_EMPLOYER.search(u.text))):
        # (冇得单位，签了家庭医生: no employer and a family doctor — the resident scheme)
        # 贫困户 exists only in the resident scheme's document; a signed clinic, a family doctor or a
        # referral does not say the scheme (employees sign family doctors and clinics too): it is asked
        state.known = msgspec.structs.replace(state.known, category="resident", scheme="resident")
    # a number no word places: ask what it is, quoting it (never dropped, never guessed)
    if _BARE_CORRECTION_END.search(u.text) and not ((_CORRECTION_FIRST.match(u.text) or _EARLIER_WRONG.search(u.text)
                                                     or sum(isinstance(v, Decimal) for v in u.facts.said().values()) >= 2
                                                     # (统筹今年其实已经报过两百了，我说错了: 其实 names the right fact)
                                                     or re.search(r"其实|实际上|实际是", u.text)
                                                     # (我是灵活就业不是退休，说错了: the right one named beside the wrong)
                                                     or re.search(r"是[^,，。]{1,10}?不是|不是[^,，。]{1,10}?是", u.text)
                                                     # (刚才说今年第一次说错了: what was wrong is named)
                                                     or FIRST_RETRACTED.search(u.text))
                                                    and has_facts):
        # (乙类药是400，其他600，说错了: the right figures, said in full, then that the earlier ones were wrong)
        # (不对不对 是二级 说错了 / 在签约社区卫生服务中心，之前说错了: the right fact is in the message)
        # 1200，哦不对 — and nothing after: something said is wrong, but not what; ask, never settle
        state = _fill(state, facts, u, message, today)
        state.asking = "amount"
        return state, Reply(text=_t(locale, "您说“不对”——是哪一项不对？比如金额、医院等级或今年的情况，告诉我正确的就行。",
                                    "You said something is not right — which one? Tell me the right amount, level or position."),
                            asking="amount", intent="correct")
    if facts.slip_field_empty and state.known.slip_fund is None:
        state.asking = _SLIP_FUND_FIGURE  # a bare number in answer is that line's figure
        return state, Reply(text=_t(locale, "结算单上“统筹支付”那一栏是多少钱？告诉我，我来核对。",
                                    "What does the slip's fund line (统筹支付) say? Tell me and I will check it."),
                            asking="amount", intent="bill_check")
    if u.placement is not None and facts.amount is not None:
        # 一千二百 … 还有二百是自费的: inside the bill or on top of it? Asked, the rest of the message kept
        part_text, part_field, bill_text, part_value = u.placement
        state = _fill(state, facts, u, message, today)
        return state, _placement_asked(state, part_field, part_value, part_text, bill_text, locale)
    if state.pending_placement is not None:
        part_field, part_value = state.pending_placement
        state.pending_placement = None
        said_inside = _PLACED_INSIDE.search(u.text) is not None or u.text.strip() in ("Included", "included")
        on_top = _PLACED_ON_TOP.search(u.text) is not None or u.text.strip().lower() in ("on top of it", "on top")
        if state.asking == "amount_role" and state.known.amount is not None and said_inside != on_top:
            # (…是包含在里面，还是另外交的？) 包含在里面 / 另外交的: the part placed as said
            bill = state.known.amount + (part_value if on_top else Decimal(0))
            # (a cost of no kind of its own, 挂号和诊察: in scope — only the bill changes)
            state.known = msgspec.structs.replace(state.known, amount=bill,
                                                  **({part_field: part_value} if part_field != "rest" else {}))
            state.asking = None
            facts = msgspec.structs.replace(facts, amount=None)
            u = msgspec.structs.replace(u, facts=facts)
    if u.grouped is not None and facts.amount is not None:
        # 一级，200，300 — a full-width comma between digit groups: one number (200300) or two? Asked,
        # never read either way (an input method types 1，200 for 1,200; a list types 200，300)
        state = _fill(state, msgspec.structs.replace(facts, amount=None), u, message, today)
        state.asking = "amount"
        if "." in u.grouped:  # (1.200: a decimal point, or a thousands dot; 1.2: yuan, or thousands)
            figure = u.grouped.strip()
            small = figure.rstrip("0").rstrip(".")
            large = figure.replace(".", "") if len(figure.split(".")[1]) == 3 else f"{Decimal(figure) * 1000:.0f}"
            u = msgspec.structs.replace(u, grouped=figure)
            return state, Reply(text=_t(locale, f"您写的“{u.grouped}”是{small}元，还是{large}元？这次看病一共花了多少钱？",
                                        f"Is “{u.grouped}” {small} yuan or {large} yuan? What was the total of this bill?"),
                                asking="amount", intent="calculate")
        return state, Reply(text=_t(locale, f"您写的“{u.grouped}”是一个数，还是两个数？这次看病一共花了多少钱？",
                                    f"Is “{u.grouped}” one number or two? What was the total of this bill?"),
                            asking="amount", intent="calculate")
    slip_said = [sp for sp in u.spans if sp.slot == "slip_unknown" and sp.note is None]
    if state.asking == "amount_role" and state.pending_amount and len(u.unplaced) == 1 \
            and u.unplaced[0] == state.pending_amount and _PAID_BY_ME_SAID.search(u.text) \
            and (value := parse_amount(state.pending_amount)) is not None:
        # (您提到的“260”是哪一笔钱？→) 260是我自己掏的，总共花了400: what the person paid of the bill —
        # the slip's personal share, checked against the bill told
        facts = msgspec.structs.replace(facts, slip_personal=value)
        state.known = _merge(state.known, facts)
        state.pending_amount, state.pending_part, state.asking = None, False, None
        u = msgspec.structs.replace(u, unplaced=(), unplaced_quote=None, facts=facts)
    if state.asking == "amount" and facts.amount is None and len(u.unplaced) == 1 and len(slip_said) == 1 \
            and state.known.slip_fund is None and not _QUESTION.search(u.text):
        # 总金额准确是多少？→ 单子上是896.4: the bill asked for, read off the slip
        facts = msgspec.structs.replace(facts, amount=Decimal(slip_said[0].value))
        u = msgspec.structs.replace(u, unplaced=(), unplaced_quote=None)
        state.known = _merge(state.known, facts, ("amount",))
        state.asking = None  # (what is still missing is asked below, as after any answer)
    if u.unplaced_part:
        state.pending_amount, state.pending_part = u.unplaced[0], True
        state.asking = "amount_role"
        return state, Reply(
            text=_t(locale, f"您说的“{u.unplaced_part}”，这部分是医保范围内的，还是自费或乙类？自费和乙类会改变结果。",
                    f"The “{u.unplaced_part}” you mentioned: is it within the scheme's scope, self-pay or class B? "
                    "Self-pay and class-B parts change the figure."),
            asking="amount_role", intent="calculate",
            quick_replies=_t_list(locale, ["医保范围内", "自费", "乙类药", "乙类检查或耗材"],
                                  ["Within scope", "Self-pay", "Class-B drugs", "Class-B tests or supplies"]))
    if u.unplaced:
        state.pending_amount, state.pending_part = u.unplaced[0], False
        state.asking = "amount_role"
        _keep_beside_unplaced(state, u)
        return state, Reply(
            text=_t(locale, f"您提到的“{u.unplaced_quote or u.unplaced[0]}”是哪一笔钱？",
                    f"What is the “{u.unplaced_quote or u.unplaced[0]}” you mentioned?"),
            asking="amount_role", intent="calculate",
            quick_replies=_t_list(locale, ["本次总费用", "其中自费", "其中乙类药", "今年统筹已报销", "结算单上统筹支付",
                                           "结算单上个人负担"],
                                  ["Total of this bill", "Self-pay part", "Class-B drugs part",
                                   "Fund already paid this year", "Fund figure on the slip", "My share on the slip"]))
    carried_part = None
    if state.part_untold is not None and state.known.amount is not None:
        # (单子上写着一千零八十，其中有两百多是自费的 → 是哪一笔钱？→ 本次总费用): the part said beside the number,
        # asked now the bill is placed — never the whole bill settled as in scope
        carried_part, state.part_untold = state.part_untold, None
        if any(getattr(state.known, f) is not None for f in ITEM_FIELDS) or state.part_unknown:
            carried_part = None
        else:
            u = msgspec.structs.replace(u, items_unquantified=True)
    # (拿了点中药，一共二百六 for an employee: Chinese medicine is settled like any in-scope cost there)
    nothing_to_ask = not _NON_TCM_ITEM.search(u.text) and state.known.scheme == "employee" and carried_part is None
    named_parts = {m.group(0) for m in _NAMED_PART.finditer(u.text)}
    loose_fields = {_PART_FIELD.get(w) for w in named_parts} | (
        {"class_b_drug"} if re.search(r"乙类(?!检查|项目|耗材|诊疗)", u.text) else set()) | (
        {"class_b_service"} if re.search(r"乙类(?:的)?(?:检查|项目|耗材|诊疗)", u.text) else set())
    if u.items_unquantified and loose_fields and "自费" not in u.text \
            and (policy := _policy(state.known)) is not None \
            and all(f is not None and settled_as_in_scope(get_pack(policy), f) for f in loose_fields):
        # 诊察费加药费共计780 / 好像有乙类药，不知道多少 in 南充: settled like any in-scope cost there (the
        # calculator says so) — its share cannot change the figure, so it is not asked
        nothing_to_ask = True
    if u.items_unquantified and not named_parts and state.known.self_pay is not None \
            and "自费" in u.text and not re.search(r"乙类|class[- ]b", u.text, re.IGNORECASE):
        nothing_to_ask = True  # 自费的包含在856.7里面: the self-pay part told before, said of again — not asked anew
        if facts.amount is not None and _ITEM_OUTSIDE.search(u.text):
            # 自费的不包含在856.7里面: the figure said is the rest of the bill — the bill is it and the
            # self-pay part together
            state.known = msgspec.structs.replace(state.known, amount=facts.amount + state.known.self_pay)
    if u.items_unquantified and not nothing_to_ask:
        state.asking = _SELF_PAY_PART  # a bare number in answer is this part, never the bill's total
        named = _NAMED_PART.search(u.text)
        word = named.group(0) if named and not re.search(r"自费|乙类", u.text) else ""
        field = _PART_FIELD.get(word)
        if word and field and facts.amount is not None and getattr(state.known, field, None) is None \
                and (re.search(rf"{word}(?:的)?(?:费用?)?[^,，。]{{0,16}}(?:花了|一共|共花|总共)", u.text)
                     or re.match(rf"{word}(?:费)?[,，]", u.text)
                     # 平凉 在职 产检 二级医院 600: the word a clause of its own beside one figure names what the
                     # visit was for
                     or (re.search(rf"[,，]{word}[,，]", u.text)
                         and sum(1 for sp in u.spans if sp.slot in ("amount", "part", "rest", *ITEM_FIELDS)) == 1)
                     # 怀孕了在二级医院做产检，门诊花了600 / 双通道的谈判药在三甲医院门诊开的，3000块: the visit was
                     # for that part, its one bill all of it
                     or re.search(rf"(?:做|去做|来做)(?:了)?{word}|{word}(?:的)?(?:谈判药|药品|药)?[^,，。]{{0,12}}(?:开的|买的|拿的)",
                                  u.text)) \
                and not re.search(r"其中|里面|里头|含|包括|另外|还有|西药|(?<!产前)检查|化验|治疗", u.text) \
                and not re.search(rf"{word}(?:和|跟|加|及|、)", u.text):
            # 产前检查在二级医院花了600: the bill is that part, all of it — settled as such, not asked
            state.known = msgspec.structs.replace(state.known, **{field: state.known.amount})
            missing = _missing(state.known)
            if missing:
                return state, _ask(state, missing, locale, known=state.known)
            return state, _settle(state, locale, today, message_facts=facts)
        state.part_word = word or "自费"
        if word:  # 产前检查 二级医院 400: how much of it was that part — the word is the person's own
            return state, Reply(text=_t(locale, f"其中“{word}”的部分是多少钱？（如果全部都是，就回复总金额）这部分怎么报和其他费用不一样，会改变结果。",
                                        f"How much of the bill was “{word}”? (If all of it, reply with the total.) "
                                        "It is settled differently and changes the figure."),
                                asking="amount", intent="calculate")
        rough = carried_part or (_rough_said(u, "part") if any(sp.slot == "part" and sp.note == "approximate"
                                                               for sp in u.spans) else "")
        return state, Reply(text=_t(locale, (f"您说的“{rough}”是大概的数。" if rough else "")
                                    + "其中自费（或乙类）的部分是多少钱？这部分统筹不报或先自付，会改变结果。",
                                    (f"“{rough}” is approximate. " if rough else "")
                                    + "How much of the bill was self-pay (or class B)? It changes the figure."),
                            asking="amount", intent="calculate",
                            # (never a figure the person did not say offered to tap: 不知道 gives the most the
                            # fund can pay, said as such)
                            quick_replies=_t_list(locale, ["没有自费", "不知道"], ["No self-pay", "I don't know"]))
    if facts.amount is not None and known_before.amount is None and state.asking in (None, "amount") \
            and _MORE_TO_COME.search(u.text) and not _WHOLE_BILL_SAID.search(u.text) \
            and sum(1 for sp in u.spans if sp.slot == "amount" or sp.slot in ITEM_FIELDS) == 1:
        # 单子上有两样 先说诊察费二十: the first of the costs announced — the others are asked (a bare number in
        # answer is added to the same visit), never a bill of the 20 alone
        state = _fill(state, facts, u, message, today)
        state.asking, state.part_word = _MORE_COST_PART, ""
        return state, Reply(text=_t(locale, "您说还有别的费用：其他的是多少钱？（或者告诉我这次一共花了多少）",
                                    "You said there were other costs: how much were they? (Or tell me the bill's total.)"),
                            asking="amount", intent="calculate")
    if facts.amount is not None and known_before.amount is None and state.asking is None \
            and (unsaid := _COST_UNSAID.search(u.text)) is not None and not _WHOLE_WORD.search(u.text) \
            and sum(1 for sp in u.spans if sp.slot == "amount") == 1:
        # 药费650，还有个检查费: one more cost named with no figure — the bill is not the 650 alone; how much
        # that cost was is asked (a bare number in answer is added to the same visit, never the bill)
        word = unsaid.group("w") or unsaid.group("w2")
        state = _fill(state, facts, u, message, today)
        state.asking, state.part_word = _MORE_COST_PART, word
        return state, Reply(text=_t(locale, f"您说还有{word}：{word}是多少钱？（或者告诉我这次一共花了多少）",
                                    f"You said there was also {word}: how much was it? (Or tell me the bill's total.)"),
                            asking="amount", intent="calculate")
    if state.asking == "year_start" and u.approximate_amount is not None and facts.amount is None \
            and facts.prior_unreimbursed is None and _PRIOR_SAID.search(u.text):
        # (之前几次一共花了多少？→) 前两次加起来好像150块吧: the spending before, said roughly — the figure is
        # confirmed (a bare 是150 / 对 next is that spending), never the question asked again
        rough = f"{u.approximate_amount:.0f}"
        state.asking, state.pending_prior = _PRIOR_CONFIRM, rough
        return state, Reply(text=_t(locale, f"您说之前几次加起来大约{rough}元。准确是多少？（看以往的结算单；就是{rough}的话，回复“是{rough}”）",
                                    f"You said the earlier visits came to about {rough}. Exactly how much? "
                                    f"(If it is {rough}, reply “{rough}”.)"),
                            asking="year_start", intent="calculate", quick_replies=[f"是{rough}"])
    # a hedged amount (大概一千, 一千多): confirm it, never settle on it
    if u.approximate_amount is not None and facts.amount is None and state.known.amount is None:
        rough = _rough_said(u)
        state.asking = "amount"
        # (平凉退休 今年第一次 医院不知道几级 一千多: the level said not known is kept for the exact figure)
        _keep_unknown(state, u)
        if _ahead(facts) or _PLANNED.search(u.text) or (
                facts.month is not None and _by_date(today)(_dated(facts, today)) > (today.year, today.month, today.day)):
            # 11月30日预计再于三级医院就诊，费用约800元: a visit still to come has no slip yet — the figure to
            # work it out with is asked
            return state, Reply(text=_t(locale, f"您说的“{rough}”是大概的数。按多少元算？给一个准确的金额，我就按它算。",
                                        f"“{rough}” is approximate. What amount should I work it out with?"),
                                asking="amount", intent="calculate")
        return state, Reply(text=_t(locale, f"您说的“{rough}”是大概的数。结算单上的总金额准确是多少？",
                                    f"“{rough}” is approximate. What exactly is the total on the bill?"),
                            asking="amount", intent="calculate")
    if state.known.city and state.known.scheme == "resident" and "resident" not in schemes_of(state.known.city):
        state.asking = None
        return state, Reply(text=_t(locale, f"目前只支持南昌的城乡居民医保普通门诊；{state.known.city}支持的是职工医保。",
                                    "Only 南昌's resident scheme is supported."), intent="calculate")
    # “不知道” about the fact just asked, or said in the message: show each possibility
    if state.known.retired_on is not None or state.known.category not in ("retiree", None) or u.unknown \
            or _BENEFITS_BEGUN.search(u.text):
        # (这个月开始享受退休待遇了: the benefits said to have begun — settled as a retiree's, no month asked)
        state.retired_month_open = False
    if "retired_on" in u.unknown and state.known.retired_on is None and _policy(state.known) != "xian-employee":
        state.asking = "date"
        state.asking_retired = state.retired_month_open = True
        return state, Reply(text=_t(locale, "您今年办的退休：退休手续是几月几号办完的？从哪个月起按退休人员结算，要看这个日期。",
                                    "You retired this year: on what date was the retirement completed? It decides "
                                    "from which month you are settled as a retiree."),
                            asking="date", intent="calculate")
    if state.retired_month_open and bare_unknown and state.known.retired_on is None:
        # (还差退休手续办完的月份 → 记不清): this month or an earlier one is what can change the figure — the
        # calculator settles each (the month before stands for every earlier one: the switch is behind it)
        state.retired_month_open = False
        before = dt.date(today.year, today.month - 1, 1) if today.month > 1 else None
        state.unknown = "category"
        state.unknown_options = [*([f"{_RETIRED_OPTION}{before.isoformat()}:before"] if before else []),
                                 f"{_RETIRED_OPTION}{dt.date(today.year, today.month, 1).isoformat()}"]
        alt = _alternatives(state, locale, today, facts) if _missing(state.known) is None else None
        if alt is not None:
            return state, alt
    if state.retired_month_open and state.known.retired_on is None and _missing(state.known) is None:
        # (您今年办的退休：……几月几号办完的？→) 三级医院，今天看的，800: the visit told, the month still not —
        # asked again in other words (never settled as a retiree of the whole year on a guess)
        state.asking = "date"
        state.asking_retired = True
        return state, Reply(text=_t(locale, "还差退休手续办完的月份：是几月办完的？记不清的话，回复“记不清”，我按可能的月份分别算。",
                                    "One more thing: in which month was the retirement completed? If you don't "
                                    "remember, reply “not sure” and I will show each month."),
                            asking="date", intent="calculate", quick_replies=_t_list(locale, ["记不清"], ["Not sure"]))
    if "date" in u.unknown and state.known.retired_on is not None and facts.month is None:
        state.asking = "date"
        return state, Reply(text=_t(locale, "今年办了退休，看病的日期会决定按在职还是退休结算。大概是几月几号看的？",
                                    "You retired this year, so the visit date decides the category. When was the visit?"),
                            asking="date", intent="calculate")
    if state.unknown == "provider_level" and facts.provider_level is not None and not u.unknown:
        # (不知道医院几级 → each level →) 问了下 是三级的: the level is known now — what is still open (平凉's
        # grade) is asked, never every level shown again
        state.unknown, state.unknown_options = None, []
    wondered = next((sp for sp in u.spans if sp.slot == "provider_level" and sp.note == "doubted" and sp.value), None) \
        if not u.unknown and facts.provider_level is None and state.known.provider_level is not None \
        and state.known.provider_kind == "hospital" else None
    if wondered is not None and int(wondered.value or 0) != state.known.provider_level and _NOT_SURE_SAID.search(u.text):
        # (…二级医院…836 →) 不过医院会不会是三级我也拿不准: the level told, and another wondered about — both side
        # by side, never the one told kept as if the doubt were not said
        state.unknown, state.unknown_options = "provider_level", [str(state.known.provider_level), str(wondered.value)]
        state.known = msgspec.structs.replace(state.known, provider_level=None, provider_grade=None)
    flags = [f for f in u.unknown if f in _FLAG_LABELS]
    if flags:
        state.unknown_flags = flags
    if u.unknown and u.unknown[0] not in _FLAG_LABELS:
        if state.unknown == "year_start" and u.unknown[0] in _LEVEL_SLOTS:
            state.position_unknown = True  # (不知道今年是不是第一次 → 几级？→ 也不知道: both open)
        state.unknown, state.unknown_options = u.unknown[0], list(u.unknown_options)
        if state.unknown in _LEVEL_SLOTS and getattr(facts, state.unknown, None) is None \
                and getattr(state.known, state.unknown, None) is not None:
            # 等下 我也不确定是二级还是三级 (after an answer at 二级): the level told before is in doubt now —
            # each possibility side by side, never the old one kept
            cleared = {"provider_level": ("provider_level", "provider_grade"),
                       "prescribed_at_level": ("prescribed_at_level", "prescribed_at_grade")}.get(state.unknown, (state.unknown,))
            state.known = msgspec.structs.replace(state.known, **{n: None for n in cleared})
    elif bare_unknown and state.asking in ("provider_level", "prescribed_at_level", "provider_grade",
                                           "prescribed_at_grade"):
        if state.unknown == "year_start":
            state.position_unknown = True  # (不知道今年是不是第一次 → 几级？→ 不知道: both open)
        state.unknown, state.unknown_options = state.asking, []
    elif bare_unknown and state.asking == "category" and state.known.scheme == "employee" and state.known.category is None:
        # (您是在职职工、退休人员，还是灵活就业人员？) 不知道: in work and retired side by side — never the same
        # question again (a flexible worker knows they pay their own contributions)
        state.unknown, state.unknown_options = "category", ["employee", "retiree"]
    elif bare_unknown and state.asking == "year_start" and state.unknown in _LEVEL_SLOTS \
            and _missing(_filled_for_trial(state.known, state.unknown)) == "year_start":
        # (不知道几级 → 今年报过吗？→ 不知道: neither known — every level, both ways; never asked again)
        state.position_unknown = True
        alt = _level_position_alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    elif bare_unknown and state.asking == _DEDUCTIBLE_USED_Q:
        # 统筹还没报过 → 起付线扣了多少？→ 不知道: both ends side by side
        alt = _position_alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    elif bare_unknown and state.asking == "year_start" and _missing(state.known) == "year_start":
        alt = _position_alternatives(state, locale, today, facts, asked_again=True)
        if alt is not None:
            return state, alt
    elif bare_unknown and state.asking == "amount" and state.known.amount is None and facts.amount is None:
        # 这次花了多少？→ 不清楚，单子找不到了: the bill cannot be shown both ways — say where to find it,
        # then ask again (never a figure on a guess, never the same words as if nothing was heard)
        return state, _ask(state, "amount", locale, known=state.known, prefix=_t(
            locale, "没有总金额就算不出来。单子找不到的话，医保App（或国家医保服务平台）的结算记录、医院收费处都能查到这次的总费用。\n",
            "Without the bill's total there is nothing to settle. If the slip is lost, the insurance app's settlement "
            "record or the hospital's cashier can tell you the total.\n"))
    if state.unknown == "category" and state.known.retired_on is not None \
            and (u.facts.retired_month is not None or u.facts.retired_day is not None):
        # 手续不知道办完没 → 刚打电话问了，10月20号就办完了: the date told settles which rules apply (the
        # calculator's reading of when retiree rules start), nothing is left unknown
        state.unknown, state.unknown_options = None, []
        state.known = msgspec.structs.replace(state.known, category="retiree")
    if state.known.category is None and state.unknown_options and "retiree" in state.unknown_options \
            and _NOT_RETIRED_SAID.search(u.text):
        # (灵活就业还是退休不清楚 → the figures side by side →) 他55岁，还没退休，自己交的社保: the one category
        # left of those shown
        others = [str(o) for o in state.unknown_options if o != "retiree"]
        if len(others) == 1 and not others[0].startswith(_RETIRED_OPTION):
            state.known = msgspec.structs.replace(state.known, category=others[0])
    if state.unknown == "category" and state.unknown_options and state.known.category is None \
            and not str(state.unknown_options[0]).startswith(_RETIRED_OPTION):
        policy = _policy(msgspec.structs.replace(state.known, category=str(state.unknown_options[0])))
        if policy:
            pack = get_pack(policy)
            settled = {pack.settled_category(str(c)) for c in state.unknown_options}
            first = msgspec.structs.replace(state.known, category=str(state.unknown_options[0]))
            if len(settled) == 1 and _missing(first) is not None:
                # 在职还是灵活就业搞不清: both are settled alike in this document, so it does not matter (with
                # nothing else missing, the answer names both: 在职、灵活就业，这次结果相同)
                state.known = first
                state.unknown, state.unknown_options = None, []
    missing = _missing(state.known)
    if state.position_unknown and state.unknown in _LEVEL_SLOTS and getattr(state.known, state.unknown) is None \
            and missing in (*_LEVEL_SLOTS, "year_start") \
            and _missing(_filled_for_trial(state.known, state.unknown)) == "year_start" \
            and _missing(msgspec.structs.replace(_filled_for_trial(state.known, state.unknown),
                                                 first_visit_this_year=True)) is None:
        alt = _level_position_alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    if state.position_unknown and missing == "year_start":
        # (…两样都不知道 → 三级: the level told, the position still not known: both ways, not asked again)
        alt = _position_alternatives(state, locale, today, facts)
        if alt is not None:
            state.unknown = None
            return state, alt
    if state.unknown == "category" and state.unknown_options and missing is None \
            and all(str(o).startswith(_RETIRED_OPTION) for o in state.unknown_options):
        # (几月办完的？→) 好像是上个月办完的，也可能是这个月初: the retiree known, the month not — each month
        alt = _alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    if missing == "year_start" and state.unknown == "year_start" and "year_start" in u.unknown \
            and _WILL_FIND_OUT.search(u.text) and locale != "en":
        # 不知道今年是不是第一次 是我老公的卡 我问问他: the person goes to find out — the question left open for the
        # answer (in other words: never the same question twice); 不知道 again shows each case
        state.asking = "year_start"
        return state, Reply(text="好的，问清楚了告诉我：今年门诊统筹报销过没有，起付线扣了多少。问不到的话，回复“不知道”，"
                                 "我按今年第一次和起付线已扣满两种情况分别算给您。",
                            asking="year_start", intent="calculate",
                            quick_replies=["今年第一次", "起付线已经扣完了", "统筹已经报过一些", "不知道"])
    if missing == "year_start" and state.unknown == "year_start" and not _SMALL_BEFORE.search(u.text):
        # (上一次如果有的话也是小钱: the deductible cannot be met — “deductible met” is no case to show;
        # how much the earlier visit cost is asked)
        alt = _position_alternatives(state, locale, today, facts)  # 不知道今年起付线扣没扣过
        if alt is not None:
            state.unknown = None
            return state, alt
    if missing and state.unknown and missing in (state.unknown, "prescribed_at_grade", "provider_grade"):
        other = _missing(_filled_for_trial(state.known, missing))
        if other and other != missing:
            return state, _ask(state, other, locale, known=state.known)  # ask what else is missing first
        # (几级医院我不晓得 → the levels side by side →) 是在高坪区人民医院: the hospital named now — its
        # level is asked naming it (the name says no level), never the same figures shown again
        named_now = missing == "provider_level" and facts.provider_level is None and not u.unknown \
            and facts.amount is None and _hospital_name(u.text) is not None
        alt = None if named_now else _alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    if state.unknown_flags and (missing is None or (missing == "provider_kind" and (
            "signed" in state.unknown_flags or "referral" in state.unknown_flags))
                                or (missing == "provider_level" and "pharmacy" in state.unknown_flags)):
        alt = _flag_alternatives(state, locale, today, facts)
        if alt is not None:
            return state, alt
    if missing is None and _in_future(state.known, today) and not _PLANNED.search(u.text) \
            and not (u.facts.month is None and u.facts.days_ago is None and not u.facts.months_ago):
        # (下周三我再去一次…估计还要花500 → 就按500算吧: the visit planned before keeps its day)
        # 12月3号 said on 11月25日: a visit that has not happened yet — which day was it?
        state.known = msgspec.structs.replace(state.known, year=None, month=None, day=None)
        state.asking = "date"
        return state, Reply(text=_t(locale, "您说的日期还没到。这次是哪天看的？（比如“11月3号”或“昨天”）",
                                    "That date has not come yet. On which day was the visit? (e.g. 3 November, yesterday)"),
                            asking="date", intent="calculate", quick_replies=_t_list(locale, ["今天", "昨天"],
                                                                                     ["Today", "Yesterday"]))
    if missing is None and state.ledger:
        undated = next((i for i, v in enumerate(state.ledger)
                        if v.month is None and _by_date(today)(v) > _by_date(today)(state.known)), None)
        if undated is not None:
            # 后来上周又去了一次: this visit is dated before one told without a date — which came first
            # decides where the deductible falls, so the earlier visit's date is asked, never guessed
            state.asking, state.ledger_date_index = "date", undated
            from explanations import formatting

            earlier = state.ledger[undated]
            spent = formatting.money_in(earlier.amount, "zh-CN") if earlier.amount is not None else None
            what = _t(locale, f"花了{spent}的那次" if spent else "那次", f"the visit of {spent}" if spent else "the earlier visit")
            return state, Reply(text=_t(locale, f"您前面说的{what}是哪天看的？就诊先后决定起付线扣在哪一次。（比如“上个月5号”）",
                                        f"On which day was {what}? The order of the visits decides where the "
                                        "deductible falls. (e.g. 5 October)"),
                                asking="date", intent="calculate")
        if any(_by_date(today)(v) > _by_date(today)(state.known) for v in state.ledger):
            # a visit told later but dated earlier: the year is settled in date order (the person's facts kept)
            person = {n: getattr(state.known, n) for n in PERSON_FIELDS}
            visits = sorted([*state.ledger, state.known], key=_by_date(today))
            state.ledger, state.known = visits[:-1], msgspec.structs.replace(visits[-1], **person)
    if state.unknown_flags and missing is None:
        # the possibilities could not be settled side by side (one needs a fact the other does not):
        # the unknown fact is asked — never settled as if it were known
        flag = state.unknown_flags[0]
        zh, en = _FLAG_QUESTIONS[flag]
        state.asking = "provider_kind"
        return state, Reply(text=_t(locale, zh, en), asking="provider_kind", intent="calculate",
                            quick_replies=[_t(locale, *label) for label in _FLAG_LABELS[flag]])
    if missing in (None, "year_start") and facts.fund_paid == 0 and _NOTHING_CLAIMED.search(u.text) \
            and state.known.fund_paid == 0 and state.known.deductible_met is None \
            and state.known.deductible_used is None and state.known.first_visit_this_year is None \
            and state.known.prior_unreimbursed is None and state.known.deductible_remaining is None \
            and state.known.amount is not None and not state.ledger and _policy(state.known) is not None \
            and get_pack(str(_policy(state.known))).deductible:
        # 统筹今年还没报过: nothing paid by the fund, the deductible used anywhere from none to all of it —
        # settled when both ends give this bill the same figure, else how much of it went is asked
        ends = []
        for change in ({"first_visit_this_year": True}, {"deductible_met": True}):
            try:
                ends.append(calculate(convert_request(_request(msgspec.structs.replace(state.known, **change),
                                                               state.ledger, today))).visits[-1])
            except CalculatorError:
                ends = []
                break
        if len(ends) == 2 and (ends[0].fund_pays, ends[0].personal_pays) == (ends[1].fund_pays, ends[1].personal_pays):
            state.known = msgspec.structs.replace(state.known, first_visit_this_year=True, fund_paid=None)
            return state, _settle(state, locale, today, prefix=_t(
                locale, "统筹今年还没报过：起付线之前用了多少，这次的结果都一样。\n",
                "The fund has paid nothing yet this year: however much of the deductible was used, this bill's "
                "figure is the same.\n"), message_facts=facts)
        state.asking = _DEDUCTIBLE_USED_Q  # (a bare number in answer is what of the deductible was used)
        return state, Reply(text=_t(locale, "统筹今年还没报过，说明之前的门诊费用都在起付线以内。今年起付线已经扣了多少？"
                                            "（之前几次在起付线以内自己付的钱一共多少；没看过就说“没有”）",
                                    "The fund has paid nothing yet this year, so earlier bills stayed within the "
                                    "deductible. How much of the deductible is used? (Say “none” if there were no "
                                    "earlier bills.)"),
                            asking="year_start", intent="calculate",
                            quick_replies=_t_list(locale, ["没有，今年第一次", "起付线已经扣完了"],
                                                  ["None, first bill this year", "Deductible already met"]))
    if missing in ("amount", "year_start") and PARTIAL_DEDUCTIBLE.search(u.text) and state.known.deductible_used is None \
            and state.known.fund_paid is None and not u.approximate_amount:
        # 今年起付线用了一部分 (with or without the bill): how much of it went is asked first — the next bare
        # figure is that, never taken as the bill
        state.asking = _DEDUCTIBLE_USED_Q
        return state, Reply(text=_t(locale, "您说今年起付线已经用了一部分：用了多少钱？（之前在起付线以内自己付的钱一共多少）",
                                    "You said part of this year's deductible is used: how much? (What you paid within "
                                    "the deductible before.)"),
                            asking="year_start", intent="calculate")
    if missing == "year_start" and not state.ledger and state.known.amount is not None \
            and _fund_pays_nothing_anyway(state.known, today):
        # 媳妇也是灵活就业…做产检花了300 (平凉): even with the deductible met and the cap untouched the fund pays
        # nothing for this bill — the year's position changes nothing, so it is not asked (said so)
        scenario = SessionState(known=msgspec.structs.replace(state.known, first_visit_this_year=True))
        reply = _settle(scenario, locale, today, prefix=_t(
            locale, "今年之前报没报过都不影响：这次统筹基金都不支付。\n",
            "Whatever was claimed earlier this year, the fund pays nothing for this bill.\n"), message_facts=facts)
        # (the year's first visit is how it was settled, not a fact the person told: not read back as one)
        reply.understood = [x for x in reply.understood or [] if x.slot != "year_start"]
        state.asking = None
        return state, reply
    if missing:
        prefix = _t(locale, f"“{u.weak_place}”不止一个城市有。", f"More than one city has a “{u.weak_place}”. ") \
            if missing == "city" and u.weak_place else ""
        if missing in ("category", "scheme", "city") and u.for_child:
            prefix = _t(locale, f"您说这次是“{u.for_child}”：按孩子自己的医保算，", "You said the visit was the child's: it is "
                        "settled by the child's own insurance. ")
        if missing == "amount" and locale != "en" and state.known.amount is None and _RULE_ASKED.search(u.text) \
                and _policy(state.known) is not None:
            # 南昌居民在县中医院看门诊能报多少: the document's figures first (quoted from the pack), then
            # the bill's amount is asked to work out the figure of this bill
            prefix = _policy_fact(state.known, locale).text + "\n要算出这次具体报多少，"
        illegible = (ILLEGIBLE_FIGURE.search(u.text) or ILLEGIBLE_LINE.search(u.text)) if missing == "amount" else None
        if illegible is not None:
            # 总金额 1?00.00: the figure is not guessed — said, then asked
            prefix = _t(locale, f"“{illegible.group(0)}”有数字看不清，我不猜。", f"“{illegible.group(0)}” has a digit that cannot be read. ")
        named_at = _hospital_name(u.text) if missing == "provider_level" and not prefix and locale != "en" else None
        if named_at is not None and not re.search(r"[一二三123]级|[一二三]甲|[二三]乙", u.text):
            # 然后她就去了南大二附院…一共860: the hospital said by name — named back, its level asked, not guessed
            prefix = f"“{named_at}”是几级医院，我不按名字猜。"
        never_one = NEVER_LEVEL_ONE.search(u.text) if missing == "provider_level" else None
        if never_one is not None and any(sp.slot == "provider_level" and sp.note == "not_level_one" for sp in u.spans):
            # 在一级医院看的，就是平凉市人民医院: the two words disagree — said, then asked
            prefix = _t(locale, f"您说是一级，可“{never_one.group(0)}”一般不是一级医院，所以再确认一下：",
                        f"You said level 1, but a “{never_one.group(0)}” is usually not a level-1 hospital. ")
        asked = _ask(state, missing, locale, prefix=prefix, known=state.known)
        if missing in ("category", "scheme", "city") and u.for_child and locale != "en":
            asked.text = asked.text.replace("您参加的", "孩子参加的", 1).replace("您是", "孩子是", 1)
        return state, asked
    if (state.known.slip_first_self_pay or 0) > 0 and state.known.class_b_drug is None \
            and state.known.class_b_service is None and _first_self_pay_rule(state.known):
        # 结算单：先行自付40 — a class-B part was on this bill; without its amount the slip cannot be checked
        state.asking, state.part_word = _SELF_PAY_PART, "乙类药"
        return state, Reply(text=_t(locale, f"结算单上有先行自付{state.known.slip_first_self_pay}元，说明这次有乙类药品或乙类检查。"
                                            "乙类的部分一共是多少钱？",
                                    f"The slip shows a first self-pay of {state.known.slip_first_self_pay}: the bill had "
                                    "class-B items. How much were they?"),
                            asking="amount", intent="bill_check")
    assumed = next((i for i, v in enumerate(state.ledger) if v.provider_assumed), None)
    matters = assumed is not None and _level_matters(state, assumed, today)
    if assumed is not None and not matters and _where_unknown(state.ledger[assumed]):
        # (the place a prescription was filled does not change this visit's figure: taken as a pharmacy, said so)
        state.ledger[assumed] = msgspec.structs.replace(state.ledger[assumed], provider_kind="pharmacy")
    elif assumed is not None and not matters and state.ledger[assumed].provider_level is None \
            and state.known.provider_level is not None:
        # (…省中医院…665；这个月20号复诊又花了410 → 三级: the level of the visit before, not said, does
        # not change this one's figure — taken as this one's, and the answer says so)
        state.ledger[assumed] = msgspec.structs.replace(
            state.ledger[assumed], provider_kind=state.known.provider_kind, provider_level=state.known.provider_level,
            provider_grade=state.known.provider_grade)
    if matters and assumed is not None and _where_unknown(state.ledger[assumed]):
        # 处方…药480 (where filled not said) → 后来又…200: that purchase's place changes this one's figure — asked
        state.asking, state.ledger_level_index = _EARLIER_WHERE, assumed
        earlier = state.ledger[assumed]
        return state, Reply(text=_t(locale, f"您之前那次（{earlier.amount}元）是拿着处方在药店买的药，还是就在开处方的医院拿的药？"
                                            "那次报了多少，会影响这次能报多少。",
                                    f"Was the earlier purchase ({earlier.amount}) made at a pharmacy with the prescription, or "
                                    "at the hospital that wrote it? It changes what this one pays."),
                            asking="provider_kind", intent="calculate",
                            quick_replies=_t_list(locale, ["在药店买的", "在开处方的医院拿的"],
                                                  ["At a pharmacy", "At the hospital that wrote it"]))
    if matters and assumed is not None:
        # 3月份看过一次花了400: that visit's level changes this one's figure — asked, never assumed
        state.asking, state.ledger_level_index = "provider_level", assumed
        earlier = state.ledger[assumed]
        said_when = f"{earlier.month}月" if earlier.month else _t(locale, "之前", "earlier")
        return state, Reply(text=_t(locale, f"您{said_when}那次（{earlier.amount}元）是在哪一级医院看的？那次报了多少，会影响这次能报多少。",
                                    f"What level was the provider of the earlier visit ({earlier.amount})? It changes "
                                    "what this one pays."),
                            asking="provider_level", intent="calculate",
                            quick_replies=_t_list(locale, ["一级及以下", "二级", "三级"], ["Level 1 or below", "Level 2", "Level 3"]))
    if unplaced_before is not None and state.pending_amount == unplaced_before:
        pending_value = parse_amount(unplaced_before)
        if (any((sp.text == unplaced_before or (u.visits and sp.slot == "amount" and pending_value is not None
                                                 and sp.value == f"{pending_value:.2f}"))
                and sp.slot not in ("date", "slip_unknown") and sp.note is None
               for sp in u.spans) and unplaced_before not in u.unplaced) or _held_in(state.known, unplaced_before):
            # 900是总费用，150是里面自费的 / 这是统筹报的: placed now (or by an earlier answer)
            # (一百五 → 第一次去花了120 后来复诊又花了150: the figure written another way, placed as a visit's bill)
            state.pending_amount, state.pending_part = None, False
        elif _LEAVE_OUT.search(u.text):
            state.pending_amount, state.pending_part = None, False  # 那个150不用管: left out, as the person says
        else:
            return state, _ask_unplaced_again(state, unplaced_before, locale)
    if unplaced_before is not None and state.pending_amount is None and state.asking == "amount_role":
        state.asking = None
    if any(getattr(state.known, n) is not None for n in ("slip_fund", "slip_cash", "slip_personal", "slip_account",
                                                         "slip_first_self_pay")):
        if facts.slip_fund is not None:
            state.slip_inferred = u.slip_inferred  # the slip's fund figure said now: read from its words or its place
        earlier_slip = _EARLIER_SLIP.search(u.text) if state.ledger else None
        if earlier_slip is not None or slip_of is not None:
            # 第一次那个单子统筹报了97块5对吗: the slip of an earlier visit of the year — checked against that
            # visit (with the visits before it), the year told so far left as it is
            index = slip_of if slip_of is not None else 0 if earlier_slip is not None \
                and earlier_slip.group(0).startswith(("第一", "头一")) else len(state.ledger) - 1
            slip = {n: getattr(state.known, n) for n in _SLIP_FIELDS}
            # (the person's facts as they stand now: 我是退休的 said since is that visit's person too)
            person = {n: getattr(state.known, n) for n in ("city", "scheme", "category", "policy", "family_doctor",
                                                             "poverty_registered", "retired_on")
                      if getattr(state.known, n) is not None}
            earlier = msgspec.structs.replace(state.ledger[index], **person, **slip)
            state.known = msgspec.structs.replace(state.known, **{n: None for n in _SLIP_FIELDS})
            return state, _bill_check(SessionState(known=earlier, ledger=state.ledger[:index]), locale, today, facts)
        return state, _bill_check(state, locale, today, facts)
    if state.known == known_before and len(state.ledger) == visits_before and known_before.amount is not None \
            and (_QUESTION.search(u.text) or _PAID_QUESTION.search(u.text)) and not _HOW_MUCH.search(u.text) \
            and not _ALL_MINE_ASKED.search(u.text):  # (那我这次的1000全部自己出了？: the figure asked back)
        # 我单位同事说三级是60%？/ 那我应该去哪看才能报: a question that changes nothing of the bill just
        # answered — the document answers it; the same figure told again would answer nothing
        return state, _fact_answer(state.known, u, locale)
    reply = _settle(state, locale, today, message_facts=facts)
    if facts.account_balance is not None and _ACCOUNT_USABLE_ASKED.search(u.text) and reply.result is not None \
            and locale != "en":
        # 我卡里个人账户还有500能用吗: the account's step answers it first — its own words and article
        step = next((st for st in reversed(reply.result["visits"][-1].get("steps") or []) if st.get("kind") == "account"), None)
        if step is not None and step.get("available") is False:
            cited = "、".join(c["article"] for c in step.get("citations") or [])
            reply.text = f"个人账户：{step['text']}〔{cited}〕\n\n" + reply.text
    return state, reply


_INPATIENT = rx.compile(r"住院(?!号|部)|住了.{0,4}院|住着院|出院(?!以后|之后|后)|日间病房|日间手术|hospitali[sz]|inpatient|admitted to|hospital stay"
                        r"|day surgery|(?:stayed|stay|staying|night|nights) (?:overnight )?in (?:the |a )?ward"
                        # is in hospital right now, 6 days so far / admitted last week
                        r"|(?:is|are|was|been|still|'s) in (?:the )?hospital\b(?! for (?:an? )?(?:outpatient|check))"
                        r"|admitted (?:last|this|yesterday|on|a |two|three|\d)"
                        # stayed 3 nights in the township hospital ward / two nights on the ward
                        r"|(?:stayed|stay|staying|spent) (?:\w+ ){0,2}nights?\b|nights? (?:in|on) (?:the |a )?[\w ]{0,30}ward"
                        r"|(?:was|were|got|been|is) admitted"
                        r"|discharged|stayed in (?:the )?hospital"
                        # stayed in a Pingliang hospital for two weeks / in the county hospital for 5 days
                        r"|(?:stayed|staying|spent [\w ]{0,15}) in (?:a |the |my )?(?:[\w'-]+ ){0,3}hospital\b(?! for (?:an? )?(?:outpatient|check))"
                        r"|in (?:a |the )?(?:[\w'-]+ ){0,3}hospital for (?:\w+ ){0,2}(?:days?|weeks?|nights?|months?)\b")

_RULE_FIGURE = rx.compile(r"起付线|起付标准|比例|限额|封顶|deductible|ratio|cap")
_WHOLE_BILL_SAID = rx.compile(r"总费用|一共|总共|合计|总额|这次花|本次|total|the bill")
_IN_SCOPE_PART = rx.compile(r"范围内|甲类|都能报|正常报|医保内|目录内|可以报|能报|within scope|in scope")

_PART_IN_SCOPE_IF = rx.compile(r"[这那](\d+(?:\.\d+)?)(?:块|元)?(?:的)?(?:[^,，。\d]{0,6}?)(?:也|都|全|全部)?(?:都)?"
                               r"(?:是|算|按|换成|变成|改成|换为|在|属于)(?:甲类|医保范围内|医保内|政策内|政策范围内|报销范围内|医保报销范围内)")
#: 我上午还在卫生院看病: a visit of the morning, told after one of the same day
_MORNING_BEFORE = rx.compile(r"(?:上午|早上|早晨|一早)(?:还|先|也)?(?:在|去|到)")
_LATER_IN_DAY = rx.compile(r"下午|晚上|傍晚|中午|后来|然后|之后")
_EARLIER_VISIT_TOLD = rx.compile(r"(?:上个月|上月|上周|上次|之前|前几天|前几个月|[0-9一二三四五六七八九十]{1,2}月)[^,，。]{0,10}(?:看过|去过)"
                                 # (之前在社区看过 — said alone, in answer: the place is that visit's)
                                 r"(?:一次|一回|(?:病|了)?(?=$|[,，。!！?？]))")
_EARLIER_VISIT = rx.compile(r"(?:第一次|头一次|第一回|头一回)(?:那个|那次|那回|的那|那家|去的那)|上一次|上次那|前一次|前面那次|之前那次")
_SAME_PRESCRIPTION = rx.compile(r"(?:那|这|同一)(?:家|个)(?:医院)?(?:开)?(?:的)?(?:处方|方子)|那边(?:医院)?(?:开)?(?:的)?(?:处方|方子)|同一(?:张|个)(?:处方|方子)"
                                r"|(?:原来|上次|刚才|那次)(?:的|那张|那个)(?:处方|方子)|same prescription"
                                # (a hospital's social worker) 在我们这开的处方 / 本院开的方子: the hospital talked about
                                r"|(?:我们|咱们|俺们)(?:这|这里|这儿|医院|院)(?:里)?开(?:的)?(?:处方|方子)"
                                r"|本院(?:开)?(?:的)?(?:处方|方子)|在这(?:里|儿)?开(?:的)?(?:处方|方子)")
_THAT_VISIT = rx.compile(r"那次|那一次|上次|那回|前一次|之前那次")
#: 前天那次是在三级医院 / 上次是在社区: where the visit told before this one was
_THAT_EARLIER_AT = rx.compile(r"(?:前天|昨天|大前天|上次|上回|之前|前一次|头一次|[0-9一二三四五六七八九十]{1,2}月(?:份)?|[0-9一二三四五六七八九十]{1,2}号)"
                              r"(?:那次|那回|那一次|那趟)(?:是|也是)?(?:在|去的)|^(?:那次|那回|那一次|上次|上回)(?:是|也是)?(?:在|去的)"
                              # the first one in March was at a community clinic: in English
                              r"|\bthe (?:first|earlier|previous|other|last|january|february|march|april|may|june|july|august"
                              r"|september|october|november) (?:one|visit|time)(?: in [a-z]+)? (?:was|had been) (?:at|in)\b")
_SETTLED_AS = rx.compile(r"按[^,，。]{0,6}算|算[^,，。]{0,3}(?:在职|退休)|按什么|怎么算的")
#: 还开了一点西药 90 / 另外还拿了点药60: more of the same visit, said after it was settled
#: the costs of a visit that 还有… names after it was settled (还有西药 / 还有检查费 / 还有诊察费)
_MORE_COST_WORDS = r"西药|挂号|药费|治疗费|诊察费|输液|打针|针剂|" + TEST_WORDS  # (还有个血常规30块: one more cost)
_ALSO_PRESCRIBED = rx.compile(r"(?:另外|而且|然后)?(?:同一天|当天|同一次|那天|那次)?(?:还|也)(?:给我)?(?:开了|拿了|配了|做了|买了)"
                              # (产检420 →) 那同一次还看了感冒，甲类药费130呢: one more cost of that visit
                              r"|(?:那|哦|对了)?[,，]?(?:同一天|当天|同一次)(?:还|也)(?:顺便)?看了"
                              rf"|(?:那|哦|对了)?[,，]?(?:另外)?还有(?:个|一个|一项|一笔|点)?(?={_MORE_COST_WORDS})")
#: 有自费的 (after an answer): some self-pay, how much not said
_SELF_PAY_SAID_BARE = rx.compile(r"(?:哦|对了|其实|另外)?[,，]?(?:里面|这里面|单子上)?(?:也|还)?有(?:一些|些|点|一点)?自费(?:的|项目|药|的药|部分)?(?:呢|啊|哦)?")
#: 还有西药 100 呢 / 还有检查费100呢: one more cost of the visit just settled
_ALSO_HAD = rx.compile(rf"(?:那|哦|对了)?[,，]?(?:另外)?还有(?:个|一个|一项|一笔|点)?(?:{TEST_WORDS}|{_MORE_COST_WORDS})"
                       r"(?:费)?[^,，。]{0,3}?[0-9零一二两三四五六七八九十百千]")
#: 还有50是自费的 / 另外自费的还有50 / 挂号费5块也是自费的: one more part of a kind already told (added to it)
_PART_ALSO_SAID = rx.compile(r"^(?:哦|噢|对了|那|还有|另外)?[,，]?(?:还有|另外|另有|也有|再有)[^,，。]{0,6}?[0-9零一二两三四五六七八九十百千]"
                             r"[^,，。]{0,4}?(?:是|算|属于)|(?:自费|乙类)[^,，。]{0,3}还有|也(?:是|算|属于)(?:个人)?自费")
#: 挂号5块是自费 (after 其中自费30): a part of the bill named by its cost, moved to self-pay — another part
_NAMED_PART_SELF_PAY = rx.compile(rf"(?:哦|噢|对了|那)?[,，]?(?:{_MORE_COST_WORDS}|{TEST_WORDS})(?:费)?[^,，。]{{0,3}}?"
                                  r"[0-9零一二两三四五六七八九十百千][^,，。]{0,4}?(?:也|都)?(?:是|算|属于)(?:个人)?自费")
_FORGOT_EXTRA = rx.compile(r"没说|忘了说|忘记说|漏了|漏说|(?:刚才|刚刚|前面|之前)没(?:有)?算(?:的)?(?=$|[,，。!！?？\s])|没(?:有)?(?:算|加|包括|包含)(?:进去|进来|上|在里面|在里头|在里边|在内)|另外还有|还另外|另外(?:还)?(?:开了|拿了|买了|加了|做了|收了)|还要收|另收|不在[^,，。]{0,4}里"
                           # 还做了个针灸，甲类中医诊疗项目，80块，是同一次: one more part of the same visit
                           r"|还(?:做了|开了|拿了|加了)[^,，。]{0,8}[^。]{0,20}?(?:是)?同一次|同一次(?:的|看的|开的)")
_BARE_CORRECTION_END = rx.compile(r"(?<!觉得)(?<!感觉)(?<!好像)(?<!是不是)(?<!对)(?:哦|噢|啊)?(?:不对|说错了|搞错了)(?:[,， ]?(?:我)?(?:说错了|搞错了|写错了|打错了))?[。.!！?？ ]*$")
_EARLIER_WRONG = rx.compile(r"(?:之前|刚才|刚刚|前面|上面|先前)(?:我)?(?:说|写|讲)错了")
_CORRECTION_FIRST = rx.compile(r"(?:哦|噢|啊|哎)?(?:不对|说错了|搞错了|错了|更正)"
                               # Oh wait, I had already met the deductible: the English 哦不对
                               r"|(?:oh,? )?(?:no,? )?wait[,.!，]|sorry,? (?:i|my) (?:was wrong|mistake|misspoke)|my mistake")
_NEXT_YEAR = rx.compile(r"(?<!不说)(?<!不提)(?<!不管)(?<!不算)明年|下一年|下年|next year")
#: 拖到明年1月10号再去呢 / 同样的病: this bill again, in another month (那明年一月看呢 alone asks the rule)
_SAME_BILL_AGAIN = rx.compile(r"再(?:去|看|买|拿|开)|同样|一样|还是那|same|again")
_SIGN_CHANGE = rx.compile(r"(?:换|变更|改签|改)[^,，。]{0,6}签约|签约[^,，。]{0,6}(?:换|变更|改)|换(?:个|一家|家)?(?:签约)?(?:卫生院|社区|机构)签")
_PRENATAL_ASKED = rx.compile(r"产检|产前检查|孕检|孕期检查|产前门诊|prenatal")
_ANOTHER_VISIT = rx.compile(r"再去[^,，。]{0,6}?(?:社区|医院|药店|卫生院|诊所|卫生室)(?=$|[,，。 ]|看|买|拿|开|花)"
                            # 再加上今天出来在定点药店买的200呢: one more purchase, at another place
                            r"|(?:再|另外)加上[^,，。]{0,10}?(?:社区|医院|药店|卫生院|诊所|卫生室)[^,，。]{0,4}?(?:看|买|拿|开|花)|再看一次|再去一次|再去一趟|再去一回|再跑一趟|再来一趟|再去看|再去[^,，。]{1,8}?(?:买|拿|开|看|花)|再(?:去|来)?(?:同样|一样|照样|原样)(?:地|的)?(?:看|去)(?:了)?一(?:次|趟|回)|又看一次|又去一次|再来一次|再看一回|再花|再买|再拿|再开|去复查|复查时|复诊"
                            # 那今天我又在二级医院花了300呢: one more visit, today, after the one told
                            r"|又(?:在|去|到|跑)[^,，。]{1,10}?(?:看|花|买|拿|开)|又(?:看|花|买|拿|开)了"
                            # 11月30日预计再于三级医院就诊: one more visit, written formally
                            r"|再(?:于|到|在)[^,，。]{1,10}?(?:就诊|就医|看|买|拿|开)"
                            # 再加一次三级1000呢 / 再多看一回 / 要是再去第三次 二级 花1200呢: one more visit supposed
                            r"|再加一(?:次|回|趟)|再多(?:看|去)?一(?:次|回|趟)|再(?:去|看)(?:了)?第[二三四五六七八九十2-9](?:次|回|趟)"
                            # 下次去二级医院花500呢 / 下次再去，药费100诊察费20呢: the next visit, after the one told
                            r"|下次|下一次|下回|下一回|next time"
                            r"|another(?:[ ，][^,.?!。？]{1,14}?)?[ ，]visit|go back|went back|come back|go again|went again|spend another|another ?\d"
                            r"|one more(?:[ ，][^,.?!。？]{1,14}?)?[ ，]visit")
#: (这不是今年第一次：……之前几次一共花了多少？→) 第一回是130块: what the year's first visit cost
_FIRST_ONE_COST = rx.compile(r"(?:那)?(?:第一回|第一次|头一回|头一次|头回)(?:是|花了|花的|花|那次|的时候)(?:花了|花的)?"
                             r"[0-9０-９一二两三四五六七八九十百]")
_EARLIER_ONE = rx.compile(r"上次|上一次|前一次|之前那次|前面那次|上回|上一回|前一回|那一次|那次(?!看|去)|那回"
                          # 今年之前有过一次门诊 … 花了400: one visit before this one, told
                          r"|(?:今年)?(?:之前|此前|以前|前面)[^,，。]{0,10}?(?:有过|看过|去过)(?:一次|一回)"
                          # I only went once before / one earlier visit: in English
                          r"|(?:went|been|gone|visited)(?: there)? (?:once|one time) (?:before|earlier)|(?:an?|one) (?:earlier|previous) visit"
                          # 还有上个月在社区医院看病花了五百 那才是第一次: a visit before this one, told as the year's first
                          r"|那(?:次|回)?才是(?:今年)?(?:的)?(?:第一次|头一次|第一回|头一回)")
_SPENT = rx.compile(r"花了|花费|花|买了|拿了|买过|拿过|配过|spent|paid|cost")
_SETTLE_FIRST = rx.compile(r"先算|先帮我算|先说报销|先看报销|先算报销")
_OWN_ACCOUNT = rx.compile(r"(?:他|她)(?:的)?(?:卡里|卡上|账户|个人账户|医保卡)")
_FUND_WORD = rx.compile(r"统筹|报|医保给|医保付|基金|fund|reimburs|paid by")
_ONLY_ONE_BEFORE = rx.compile(r"那(?:次)?(?:是|才是)今年(?:的)?(?:第一次|第一回|头一次|头一回)|之前[^,，。]{0,8}?(?:一次|一回)|就那一次|就一次|就这两(?:次|回)|就两(?:次|回)|只有这两(?:次|回)|只看了两(?:次|回)"
                              # 今年3月份在社区医院看过一次，花了120，别的没有了: that one, and no other
                              r"|(?:一次|一回)[^。]{0,16}?(?:别的|其他|其它|另外)(?:的)?(?:都)?(?:没有|没)(?:了|看过|去过)?"
                              # (asked about the year) 今年看过一次了: one visit before this one this year
                              r"|今年(?:之前|以前|前面)?(?:已经|只|就|才)?(?:看过|去过)(?:一次|一回)(?![0-9一二三四五六七八九十]|了?(?:吗|没|么|以上|多))"
                              # I only went once before / only one other visit: in English
                              r"|only (?:went|been|gone|visited)(?: there| to (?:the |a )?(?:doctor|hospital|clinic))? once"
                              r"|only (?:one|once) (?:earlier |other |previous )?(?:visit|time|bill)")


def _one_before(text: str) -> bool:
    """_ONLY_ONE_BEFORE found in ``text``; every match of it holds 一次, 一回, once or only one, so only then searched."""
    return ("一次" in text or "一回" in text or "once" in text or "only one" in text) \
        and _ONLY_ONE_BEFORE.search(text) is not None


_USED_SAID_AGAIN = rx.compile(r"(?:是|应该是|其实是)?(?:用了|用掉了?|扣了|扣掉了?|交了|攒了)(?:有)?[0-9零一二两三四五六七八九十百千]")
_ONLY_THESE = rx.compile(r"就(?:这|那)?(?:两|几|三|四|五|六|[2-6])(?:次|回|天)|只有(?:这|那)?(?:两|几|三|四|五|[2-5])(?:次|回)|别的(?:都)?没|其他(?:都)?没"
                         # 今年就这仨 / 今年就上个月那一次和今天这次: the visits told, counted or named, and no more
                         r"|就(?:这|那)(?:俩|仨)|(?:今年)?就[^,，。]{1,10}?那(?:一)?(?:次|回)和(?:今天|这次|这回)"
                         r"|没有别的|(?:今年)?就这些(?:了)?(?=$|[,，。!！?？]|今天|这次)|只有这些|就这么几次"
                         # 前面那次没别的了 / 再没看过别的: nothing else this year
                         r"|没(?:有)?(?:别的|其他|其它)(?:的)?(?:了|门诊)|再(?:也)?没(?:有)?看过(?:别的|其他)")
_SET_RIGHT = rx.compile(r"其实|记错|说错|搞错|弄错|不对|不是[0-9一二两三四五六七八九]")
_EARLIER_VISIT_CORRECTED = rx.compile(r"(?:第一次|头一次|第一回|头一回|上次|上一次|前一次|前面那次"
                                      r"|(?P<month>[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月(?:份)?(?:的)?(?:那|那一)(?:次|回)"
                                      r"|(?P<place>社区|药店|药房|诊所|卫生院|卫生室|之前|以前)(?:的|看的|买药的)?(?:那|那一)(?:次|回))"
                                      r"(?:的|那个)?(?:其实|应该|实际)?(?:是|花了|花的是|花的|才是)")
#: 要是第一次是二级呢 / 如果3月那次在三级医院呢: an earlier visit of the year named in a what-if
_EARLIER_NAMED = (r"(?:第一次|头一次|第一回|头一回|上次|上一次|前一次|前面那次"
                  r"|(?P<month>[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月(?:份)?(?:的)?那(?:一)?(?:次|回))")
_EARLIER_IN_WHAT_IF = rx.compile(_EARLIER_NAMED + r"(?:的|那次|那家)?(?:也)?(?:是|在|去)")
#: 如果三月那次只花了300呢 / 要是第一次花的是500: an earlier visit named, given another bill
_EARLIER_SPENT_IN_WHAT_IF = rx.compile(_EARLIER_NAMED + r"(?:看病|门诊)?(?:只|才|就)?(?:花了|花的是|花的|是)")
#: 第一次不是一级，是二级 / 3月那次其实是三级: an earlier visit, named by its order or its month, given another level
_EARLIER_LEVEL_SET = rx.compile(r"^(?:(?:我|刚才|刚刚|前面)*(?:不对|搞错了|说错了|记错了|弄错了)(?:了)?|哦|噢|啊)?[,，。!！\s]*"
                                r"(?P<which>第一次|头一次|第一回|头一回|上次|上一次|前一次|前面那次|(?P<month>[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月(?:份)?(?:的)?那(?:一)?(?:次|回))"
                                r"(?:的|那次|那家)?(?:医院)?[,，\s]*(?:(?:我)?(?:记错了|说错了|搞错了|弄错了|不对|错了)[,，。\s]*)?"  # 五月那次记错了 是二级医院
                                r"(?:不是[一二三123]级(?:的|医院)?[,，\s]*)?(?:其实|应该|实际)?是(?:在)?[一二三123]级")
#: 药费不变 / 其他的一样: the rest of the bill stays as it was (a part supposed anew adds to the bill)
_REST_UNCHANGED = rx.compile(r"(?:药费|检查费|其他|其余|其它|别的|剩下的|其他的)(?:的)?(?:都)?(?:不变|一样|照旧|还是那么多|没变)")
#: 要是都是甲类药呢 / 全部是政策范围内的呢: every part of the bill supposed in scope
_ALL_IN_SCOPE_IF = rx.compile(r"(?:都|全|全部|全都)(?:是|算)?(?:甲类|政策范围内|医保范围内|医保目录内|能报的)(?:的)?(?:药|药品|项目)?(?:的话)?(?:呢|[?？])")
#: 能帮她算下吗 / 帮我算算: a bill to work out, asked for
_WORK_IT_OUT_ASKED = rx.compile(r"帮(?:我|她|他|俺|我们|咱)?(?:妈|爸|奶奶|爷爷|外婆|外公)?(?:算|计算|核算)(?:下|一下|算|个|一算)")
#: 第一次3月三级医院1000 / 第二次7月…: an earlier visit told by its place in the year, at a message's start
_NTH_TOLD_START = rx.compile(r"^(?:哦|嗯|好的?|那)?[,，\s]*第[一二三四五1-5](?:次|回)(?!是今天|就是今天|是这次|就是这次)")
#: 第二次那个不是二级 是三级甲等: a visit named by its place in the year, its level set right
_NTH_LEVEL_SET = rx.compile(r"第(?P<n>[二三四五2-5])(?:次|回)(?:那个|那次|那回|那家|的)?(?:医院)?[,，\s]*"
                            r"(?:不是(?:[一二三123]级|三甲|二甲)(?:的|医院)?[,，\s]*)?(?:其实|应该|实际)?是(?:在)?"
                            r"(?:[一二三123]级|三甲|二甲|三乙|二乙)")
#: 一级医院那次是5月不是3月 / 3月那次其实是5月: an earlier visit, named by its place or its month, redated
_VISIT_REDATED = rx.compile(r"(?:(?P<place>[一二三123]级(?:医院)?|社区|药店|药房|诊所|卫生院|卫生室)(?:的|看的|买药的)?那(?:一)?(?:次|回)"
                            r"|(?P<old>[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月(?:份)?(?:的)?那(?:一)?(?:次|回))"
                            r"(?:其实|应该|实际)?是(?P<new>[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月(?:份)?(?:的)?"
                            r"(?:[,，]?(?:不是|而不是)(?P<old2>[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月)?")
_FIRST_VISIT_OF_LEDGER = rx.compile(r"第一次|头一次|第一回|头一回")
_DURING_STAY = rx.compile(r"住院期间|住院的时候|住院时|住着院|住院那几天|在住院|during (?:an? |the |my )?(?:inpatient|hospital) stay")

# “不是住院，是门诊”, “没住院”: a denial, not a stay
_NOT_INPATIENT = rx.compile(r"(?:不是|没有|没|不|并非|非)(?:在)?住(?:过|了)?院|not (?:an? )?(?:inpatient|hospital stay)"
                            # 门诊是住院之前看的 不是住院期间: outside the stay, said so
                            r"|(?:不是|不在|并非|没在)住院(?:期间|的时候|时)|住院(?:之前|以前|前)(?:看|去|开|拿)|出院(?:之后|以后|后)(?:看|去|开|拿)"
                            r"|not during (?:an? |the |my )?(?:inpatient|hospital) stay|before (?:the|my|her|his) (?:hospital )?stay")


def _xian(pack: Any, locale: str) -> Reply:
    sup = pack.supplied
    floor = f"〔四（三）〕“{sup.min_ratio.quote}”" if sup.min_ratio else "〔四（三）〕"
    who = f"〔{sup.article}〕“{sup.quote}”"
    return Reply(text=_t(
        locale,
        f"《{pack.meta.name}》没有写起付线、支付比例和年度最高支付限额的具体数字，所以我不能给出金额，也不会猜。\n"
        f"方案定了的：{floor}，退休人员适当倾斜。\n谁定数字：{who}——由市医疗保障局确定。\n" + _SLIP_OFFER_ZH,
        f"The Xi'an plan sets no deductible, ratio or cap figures, so I cannot give an amount and will not guess.\n"
        f"What the plan fixes: {floor} (at least 50%, retirees favoured).\nWho sets the figures: {who} — the "
        f"municipal medical security bureau (五（二）).\n" + _SLIP_OFFER_EN),
        intent="calculate",
        quick_replies=_t_list(locale, ["按我结算单上的数字算", "重新开始"],
                              ["Use the figures on my slip", "Start over"]))


_QUESTION = rx.compile(
    r"(?<!不)([\u4e00-\u9fff])[不没]\1|啥时候|啥|吗|么|能不能|可不可以|可以不|算不算|有没有|是不是|什么时候|怎么|为什么|为啥|多少|是否|谁|哪个部门|几成|(?<!好)几次|(?<!好)几回|多久|哪些|哪种|哪类|哪几种|哪几类|什么样|哪年|哪天|哪一年|哪个月|(?<!好)几年(?!了)|还是[^,，。]{1,8}[?？]|呢|\?"
    # 能报不 / 能走普通门诊报销不 / 能否报销: yes-or-no asked in the dialects' and the hotline's words
    r"|(?:能|可以|可|会|算|给|有|要)[^,，。]{0,10}?不(?=[?？。,，]|$)|能否|可否"
    # 那一年最多给我报好多 (西南官话: 好多 = 多少), asked at the end
    r"|(?:报|给|付|出|掏|要)好多(?:钱)?(?=[?？。]|$)"
    r"|(?:^|[.?!,;:]\s*)(?:does|do|is|are|can|could|will|would|should)\s|\b(?:what|how|when|why|which|who)\b"
)


_DOMAIN = rx.compile(
    r"医保|报销|报|门诊|统筹|账户|起付|限额|比例|药|医院|看病|诊察|签约|贫困|家庭医生|退休|缴|交费|卫生院|社区|诊所|转诊|异地|备案|细则|办法|政策|文件|有效期|实行|执行|施行"
    r"|产检|双通道|自费|乙类|甲类|检查|慢特病|两病|额度|(?:具体|这些|那些|这个|那个)?数字|标准|谁定|谁来定|谁规定|谁说了算|哪个部门"
    r"|insurance|reimburs|claim|account|deductible|cap|ratio|pharmacy|hospital|outpatient|fund"
    r"|numbers|figures|who (?:decides|sets|fixes|determines)|rules?\b"
)
#: the person revises the first-visit statement in so many words (今天不是第一次, 之前还看过一次)
_NOT_FIRST = rx.compile(r"不是(?:今年)?(?:的)?第一次|(?:并非|并不是|不是)(?:今年)?(?:的)?(?:首次|头一次|头一回|第一回)|还看过|之前(?:还)?看过|看过一次|已经看过(?:了)?|早就看过"
                        r"|not (?:my |the )?first")
#: 为啥按退休算了，我才退几个月: the category's step (and its switch month) answers why
_ABOUT_CATEGORY = rx.compile(r"退休|在职|灵活就业|retire")
#: a rules question about something beyond the rates (诊察费也算进限额吗): the articles, quoted
#: 那我感冒看病呢 / 另外一次: a bill of another visit or illness, not this one's total corrected
_ANOTHER_BILL = rx.compile(r"^那(?:我|他|她)?[^,，。]{0,6}(?:看病|看)?呢|另外(?:一次|那次)|another (?:visit|bill)")
#: a part of a bill named by its word, and the field that holds it (the in-scope rest has none)
_PART_WORD = rx.compile(r"乙类检查|乙类耗材|乙类材料|检查费?|化验费?|诊察费|挂号费|自费|乙类药|乙类|中成药|中药饮片|中药|甲类西药|甲类药|西药|甲类|药费")
_CLASS_WORD = r"自费|乙类药品?|乙类检查|乙类耗材|乙类项目|乙类|甲类药品?|甲类|中成药|中药饮片|中药|诊察费"
#: 不是自费，是乙类药 / 其实是乙类药，不是自费: a part of the bill put in another class
_RECLASS = rx.compile(rf"(?:不是|并非|不算|不属于)(?P<old>{_CLASS_WORD})(?:的|药|项目)?[,，]?\s?(?:其实|而|应该|实际上|实际)?(?:是|算|属于)(?P<new>{_CLASS_WORD})"
                      rf"|(?:其实|应该|实际上|实际)?(?:是|算|属于)(?P<new2>{_CLASS_WORD})(?:的|药)?[,，]?\s?(?:不是|并非|不算|不属于)(?P<old2>{_CLASS_WORD})")


def _reclassed(text: str, known: Known, facts: Facts) -> tuple[str, str] | None:
    """(the field a part of the bill was in, the field it is said to belong to), when the message
    moves a part told before to another class and names no other figure (or that part's own)."""
    m = _RECLASS.search(text)
    if m is None:
        return None
    old_word, new_word = m.group("old") or m.group("old2"), m.group("new") or m.group("new2")
    old, new = role_of_word(old_word), role_of_word(new_word)  # (the amounts' own vocabulary of parts)
    if old is None or new is None or old == new or old == "rest" or getattr(known, old) is None:
        return None
    said = {facts.amount, *(getattr(facts, n) for n in ITEM_FIELDS)} - {None}
    if said and said != {getattr(known, old)}:
        return None  # (不是自费，是乙类药，200: a figure of its own — read as said)
    return old, new


#: (inside the bill, or on top?) 包含在里面 / 算在里面 / 在1200里: inside
_PLACED_INSIDE = rx.compile(r"(?<![不没])(?:包含|包括|含在|算在)|(?<![不没])在[^,，。]{0,6}里|里面的|里头的|之内|是其中")
#: 另外交的 / 额外 / 不包括 / 加上: on top of the bill
_PLACED_ON_TOP = rx.compile(r"另外|另交|另付|额外|单独|外加|不包括|不包含|不含|不在[^,，。]{0,6}里|之外|加上|on top"
                            # 150没算在里头 / 没包括在内 / 没有算进去: left out of the bill said
                            r"|(?:没|没有)(?:算|包括|包含|含)(?:在)?[^,，。]{0,6}(?:里|内)|没(?:有)?算进")
#: 开的药在药店买的 / 拿处方去药房拿的药: the prescription of a visit, bought at a pharmacy
_BOUGHT_AFTER_VISIT = rx.compile(r"(?:开的药|开的处方|开的方子|处方|方子)[^,，。]{0,10}?(?:在|去|到)[^,，。]{0,6}?(?:药店|药房)"
                                 r"[^,，。]{0,2}(?:买|拿|购|配|抓)")
#: 3月那次 / 上次 / 之前那回: the earlier visit named
_THAT_EARLIER_VISIT = rx.compile(r"那次|那回|上次|上回|之前那|前面那")
#: 还漏了一行 / 漏掉一项 / 少算了一笔: a line of the bill told late
_MISSED_LINE = rx.compile(r"漏(?:了|掉|写|说|算)(?:了)?(?:一(?:行|项|笔|个))?|少(?:算|说|写)了(?:一(?:行|项|笔|个))?|还有一(?:行|项)")
#: 又去 / 再去 / 另外一次 / 第二次: another visit, not a line of this one
_ANOTHER_VISIT_WORD = rx.compile(r"又(?:去|看|买|拿|开)|再(?:去|看)|另外一次|另一次|第[二三四2-4](?:次|回)|下次|上次|之前")
_PART_CORRECTED = (("检查|化验", "class_b_service"), ("诊察|挂号", "consultation"), ("自费", "self_pay"), ("乙类药|乙类", "class_b_drug"),
               ("中成药|中药饮片|中药", "tcm"), ("甲类|西药|药费", "rest"), ("检查|化验", "rest"))
#: 剩下的800 / 其余的 / 另外那800: the rest of the bill, named
_REST_NAMED = rx.compile(r"剩下|剩余|其余|其他|其它|余下")
_INSIDE_WORD = rx.compile(r"里(?:面|头)?(?:有|是)|其中|当中|包含|包括|of (?:it|which|that|the bill)|单子上有\d+(?:块|元)?是")
_VISIT_TOLD = rx.compile(r"(?:今天|今日|刚才|刚刚|昨天|上午|下午)[^,，。?？]{0,10}?(?:看了|看病|拿药了|开药了|买药了|拿了药|开了药|买了药|看的病|去看了)"
                         r"|(?:去|到)(?:医院|卫生院|社区|诊所)看了(?:下|一下|看)")
_GREETING_ASKED = rx.compile(r"^(?:在吗|在不在|在么|你好|您好|hi|hello|hey)[,，!！?？~ ]*", re.IGNORECASE)
_NO_EMPLOYER = rx.compile(r"(?:没有|没|冇得|冇|莫得|无)(?:得)?(?:单位|工作单位)|种地|务农|农民|农村户口")
_NOT_MEDICAL = rx.compile(r"保健品|营养品|化妆品|生活用品|日用品|健身|美容|health (?:products?|supplements?)|supplements|cosmetics")
_ACCOUNT_Q = rx.compile(r"账户|个账|account|乙类|甲类|自费|先自付|先行|药店|药房|家庭医生|签约|转诊|异地|中医|中药|诊察|慢|两病|贫困|产检|双通道|谈判"
                        r"|体检|class[- ]?[ab]|pharmac|family doctor|referr|self[- ]pay")
#: 能多报吗 / 也能加5%吗 / 会报得多点吗: whether a fact just told pays more
_MORE_PAID_ASKED = rx.compile(r"多报|多给|报得多|报多点|多点|加5|加百分之五|提高|能加|也加|也能加|更多|more")
_BEYOND_RATES = rx.compile(r"异地安置|安置地|诊察费|双通道|谈判药|产检|产前|体检|健身|保健品|营养品|化妆品|生活用品|日用品|继承|每次都扣|一年扣一次|扣几次|按次|按年")
_RULE_ABOUT = rx.compile(r"算进|计入|算不算|算在|占不占|受不受|影响限额|包括在")
_MONEY_SAID = rx.compile(r"[0-9一二两三四五六七八九十百千]+(?:块|元)|[0-9] ?(?:yuan|rmb)")
_ONE_SEEN = rx.compile(r"(?:看|去|报)过一(?:次|回|趟)")
_REMEMBERED = rx.compile(r"想起来|记起来|记错了|说错了|搞错了|忘了说|给忘了|忘记说了?|忘了讲|漏说了?|我忘了$"
                         r"|i forgot|i just remembered|now i remember|i misremembered|i was wrong")
_ONLY_OR_SPENT = rx.compile(r"只|就|光|仅|单单|花|交了|付了|一共|总共|合计|only|spent|paid")
_THIS_TIME_SAID = rx.compile(r"^(?:那|那么)?(?:本次|这次|这回|今天)")
#: (要是8月份在二级医院)看过一次(花了700呢): a visit supposed to have been, before this one
_SEEN_BEFORE_SUPPOSED = rx.compile(r"(?:看|去|买|拿|刷|开)过(?:一次|一回|一趟|药)?")
_THIS_VISIT_REDATED = rx.compile(r"(?:如果|要是|假如|若)(?:是)?[^,，。再又]{0,8}看的|(?:如果|要是|假如|若)(?:是)?[^,，。再又]{0,8}的话")
_REFERRAL_AGAIN = rx.compile(r"有转诊|经(?:过)?转诊|转诊了|(?:办|开)了转诊|with (?:a )?referral|referred")
_NO_REFERRAL_SAID = rx.compile(r"(?:没有|没|未|无|不)(?:经过?|办|开)?转诊|without (?:a )?referral|not referred")
_ANOTHER_TRIP = rx.compile(r"(?:还|也|另外)(?:(?:在|去)[^,，。]{1,10}?)?(?:去|看|跑)(?:了|过)(?:一次|一回|一趟|(?=[,，]?(?:花|拿|开|买)))"
                           # 上周还拿一张三甲医院的方子买过一次 两百: one more purchase, with a prescription, before
                           r"|(?:还|也|另外)(?:拿|用|凭)[^,，。]{0,12}?(?:方子|处方)[^,，。]{0,4}?(?:买|拿|配)(?:过|了)(?:一次|一回)")
_EARLIER_CLAIM = rx.compile(r"报过|看过|去过|报销过")
_SEEN_THEN = rx.compile(r"(?:[0-9一二三四五六七八九十]{1,2}月|上个月|上月)(?:份)?[^,，。]{0,8}?(?:看过|去过)"
                        r"|\b(?:did|also) (?:see|visit|go to)\b|\b(?:saw|visited) (?:a|the) (?:doctor|clinic|hospital)"
                        r"|\bwent to (?:a|the) (?:doctor|clinic|hospital)")
#: 头一回是五月份在乡卫生院 / 上次是在社区: an earlier visit told by its order, with its place or date
_EARLIER_ONE_TOLD = rx.compile(r"(?:头一回|头一次|第一回|第一次|上一回|上一次|上回|上次|前一次|前一回)(?:是|呢|那次|的时候)?(?:在|去的|去了)?"
                               r"[^,，。]{0,8}?(?:月|号|卫生院|社区|诊所|医院|药店|药房)")
_EARLIER_VISIT_FIELDS = ("provider_kind", "provider_level", "provider_grade", "prescribed_at_level", "prescribed_at_grade",
                         "signed", "referral", "year", "month", "day", "days_ago", "months_ago", "new_place")
_SAME_ONE = rx.compile(r"(?:就是|是在|就在|那家是|那个是)")
_CARRY_OVER = rx.compile(r"明年|下一年|下年|结转|接着用|带过去|带到|用不完|没用完|清零|作废|carry|next year")
def _remaining_line(result: dict[str, Any], locale: str) -> str | None:
    """What the fund can still pay this year after the visits settled in ``result`` (its
    ``year_end``), with the article of the year's cap quoted from the trace; None when the
    document sets no cap (the settlement below says so)."""
    from explanations import formatting

    end = result.get("year_end") or {}
    if end.get("cap_remaining") is None or not result.get("visits"):
        return None
    cited = next((c for st in result["visits"][-1].get("steps", []) if st.get("kind") == "cap"
                  for c in st.get("citations", []) if c.get("quote")), None)
    quote = f"〔{cited['article']}〕“{cited['quote']}”" if cited is not None else ""
    tag = "en" if locale == "en" else "zh-CN"
    paid, cap, left = (formatting.money_in(Decimal(end[k]), tag) for k in ("fund_paid", "cap", "cap_remaining"))
    return _t(locale, f"今年统筹基金已支付{paid}，年度最高支付限额{cap}，这次结算后今年还能支付{left}。{quote}",
              f"The fund has paid {paid} this year against a cap of {cap}; after this visit it can still pay "
              f"{left} this year. {quote}")


_REMAINING = rx.compile(r"还剩多少(?:额度|限额)?|剩多少额度|还能报多少|剩下多少额度|剩下的(?:额度|限额)(?:是|有|还有)?多少"
                        r"|(?:额度|限额)还(?:剩|有)多少|how much (?:is )?left")
_WHY = rx.compile(r"为什么|为啥|凭什么|怎么不|咋不|咋才|怎么才|咋就|怎么就|才报这么|只报这么|(?:咋个|怎么|咋)[^,，。]{0,12}不一样|\bwhy\b"
                  # 那我这回一分钱没报？ (after an answer of ¥0.00): the steps say why
                  r"|一分(?:钱)?(?:都|也)?(?:没|不)(?:给)?报(?:销)?(?:吗|么|啊|呀)?[?？]"
                  # 那这400算进起付线了吗: how the bill told went toward the deductible — its steps answer
                  r"|算(?:进|在|到)(?:了)?(?:今年的?)?起付(?:线|标准)(?:里|里面|里头)?(?:了)?(?:吗|么|没有?)|计入(?:了)?起付(?:线|标准)(?:了)?(?:吗|么|没有?)"
                  # 那自费那150到底报不报 (after an answer): whether a part told was paid — the steps answer
                  r"|(?:自费|乙类)[^,，。]{0,8}?(?:到底|究竟)(?:报不报|能不能报|能报吗|给不给报|报了没)")
#: 这个70%是哪条规定的 / 依据是哪一条 / 出处在哪: which article a figure or step comes from
_SOURCE_ASKED = rx.compile(r"哪(?:一)?条|哪个条款|哪(?:里|儿)(?:规定|写)|(?:什么|啥)(?:规定|文件)|依据(?:是|在)?(?:哪|什么|啥)|出处|出自"
                           r"|根据(?:是)?(?:什么|哪|啥)|哪(?:个|份|一个)文件|(?:which|what) (?:article|rule|document)|where does it say")
#: the step a source question is about, by its words (none: every step that decided the figure)
_SOURCE_TOPICS = (("ratio", rx.compile(r"%|％|比例|几成|百分之|贫困|家庭医生|签约|转诊|ratio|percent")),
                  ("deductible", rx.compile(r"起付|扣|deductible")),
                  ("cap", rx.compile(r"限额|封顶|最高|上限|\bcap\b")),
                  ("account", rx.compile(r"账户|个账|卡里|余额|account")),
                  ("scope", rx.compile(r"自费|乙类|范围|目录")),
                  # 为何按退休比例？依据哪一条: the category the bill was settled as (a retirement's month, 第十四条)
                  ("category", rx.compile(r"退休|在职|灵活就业|职工|retire|employee")))
#: a year position said (起付线扣完了): not a question about the deductible rule
_WHICH_KINDS = rx.compile(r"哪种|哪类|哪几种|哪几类|什么样的|有哪些|都是哪|都包括哪|包括哪些")
_RULE_DOUBTED = rx.compile(r"(?:不是|难道不是|不是说)(?:每次|每回|每一次|每年|一年)?[^,，。]{0,6}?(?:都|就)?(?:要|得|会)?扣")
_NEW_BILL_WORD = rx.compile(r"花|费用|总共|一共|合计|看病|买药|拿药|开药|药费|检查|诊察|挂号|自费|乙类|如果|要是|假如|假设|万一"
                            r"|spent|cost|bill|paid (?:for|at)|\bif\b")
_THIS_FIGURE = rx.compile(r"(?:这|那)(?:个|笔)?[0-9]")
_POSITION_SAID = rx.compile(r"(?:起付线|起付标准|起付)[^,，。?？]{0,6}?(?:扣完|扣满|满了|已满|过了|早过|已过|够了|扣了|扣过|没扣|还差|还剩)")
_UNKNOWN_SAID = rx.compile(r"不清楚|不知道|不晓得|不记得|忘了")
_ASKS_A_RULE = rx.compile(r"能不能|可不可以|可以不|吗|么|哪些|哪个|什么|是否|有没有|几次|多久|为什么|为啥|咋办|垫付|当场|先交|先付|流程|手续|怎么办理|去哪")
_HOW_MUCH = rx.compile(r"报多少|能报多少|负担多少|扣了多少|扣多少|报销多少|给报多少|怎么报|怎么算|报了多少|掏多少|付多少|出多少|给多少|咋个算|咋算|报好多|能报好多"
                       r"|how much|what will i get")
_WHAT_IF_CLAUSE = rx.compile(r"如果|要是|假如|假设|万一|换成|若是|倘若|(?:^|(?<=[，,：:。\s]))若(?=[^,，。]{1,16}(?:呢|[?？]))|what if|suppose")
#: a visit still to come, said as one (下个月15号再去看一次): settled as planned, not asked again
_PLANNED = rx.compile(r"下个月|下月|下周|下星期|下礼拜|明天|后天|再去|打算|准备|要去|计划|预计|预约|约了|届时|到时候?|将要"
                      r"|next (?:month|week)|tomorrow|plan|going to|will|scheduled|booked")
#: (after a what-if) 还是按十月的 / 好 还是按原来的: the case as told, said before what follows
_STILL_AS_TOLD = rx.compile(r"^(?:好|好的|行|嗯)?[,，。 ]*还是按[^,，。;；]{1,8}?的(?=[,，。;； ])")
_BACK_TO_REAL = rx.compile(r"^(?:ok[.,，!！。]*\s*|好的?[,，\s]?)?(?:那|那么)?(?:还是)?(?:back to|going back to|回到|说回|回头说|还是说)(?: the)?|还是按(?:原来|之前|刚才|最开始)"
                           r"|^算了|已经看完了"
                           # OK, the real one was the township centre: the what-if over, the visit as it was
                           r"|^(?:ok|okay|right|fine)?[.,，!！。 ]*(?:but |so )?(?:the real one|the actual one|the actual visit|"
                           r"in reality|in real life|really,? it) (?:was|is|it was)\b"
                           # (如果药店那次的处方是社区开的呢 →) 不是 就是九院开的: the supposition denied, the visit as told
                           r"|^(?:不是|不|没有)[,，。 ]*(?:就是|还是|确实是|其实就是|真的是)"

                           # 今天这次能用个人账户吗 (after a what-if): the visit told, named as today's
                           r"|^(?:那|那么|哦)?[,，]?(?:今天|刚才|实际)(?:的)?(?:这|那)(?:一)?(?:次|趟|回)(?!如果|要是|假如)")
_PAPERS_WORD = rx.compile(r"办完|办好|办下来|办的|手续|批下来|批了")
_RETIREMENT_STARTS = rx.compile(r"(?:才|再)(?:开始)?(?:享受|领|拿|算|办|按)[^,，。]{0,4}退休|退休(?:待遇|金)?[^,，。]{0,4}(?:才|再)(?:开始|生效|算)")
#: 那我要是这个月3号办的呢 / 要是我12月才开始领呢: a month of the retirement's papers or benefits, no visit in it
_PAPERS_DONE = rx.compile(r"^(?!.*(?:看|花|买药|拿药)).*(?:办|手续|开始领|才领|再领|开始享受|开始拿)")
_OUTPATIENT_WORDS = rx.compile(r"门诊|报销|医保|统筹|outpatient|insurance|reimburse")
#: 帮我看看这张单子 / 看下我这个结算单: a slip brought to be looked at
_SLIP_SHOWN = rx.compile(r"(?:帮我|帮忙|麻烦|请)?(?:看看|看下|看一下|瞧瞧|核对一下|核一下|对一下)(?:我)?(?:这|这张|这个|我的|我这)?(?:张)?"
                         r"(?:单子|结算单|发票|票据|报销单|收费单)")
#: 上周看病之前 (我个人账户里有一千): the balance before the earlier visit — both visits paid from it
_BEFORE_THE_EARLIER_VISIT = rx.compile(r"(?:上周|上个?月|第一次|头一次|上次|上回|前一次|[0-9]{1,2}号|[0-9一二三四五六七八九十]{1,2}月(?:份)?)"
                                       r"[^,，。]{0,4}(?:看病|看门诊|就诊|去医院)?(?:之前|以前)")
#: 五百乙类药换成自费的: a part of the bill given another kind (the bill stays)
_KIND_SWAPPED = rx.compile(KIND_SWAP_VERBS)
#: 那门诊呢 / 门诊怎么报 (after an inpatient question): the outpatient rule asked, nothing more
_OUTPATIENT_THEN = rx.compile(r"(?:那|那么)?(?:普通)?门诊(?:的话)?(?:呢|怎么算|怎么报|咋报|报多少|能报多少)")
#: 没有自费 (said as a correction): no self-pay part after all
_NO_SELF_PAY_NOW = rx.compile(r"没有自费|没自费|无自费|没有自费的")
#: 有乙类药 / 还做了乙类检查 (no figure yet): the class-B part's kind, said before its figure
_CLASS_B_KIND_SAID = rx.compile(r"乙类(?:的)?(?P<w>药品|药|检查|治疗|项目|耗材|材料)")
#: 我问问他 / 我去查一下 / 回头问问: the person goes to find out what was asked
_WILL_FIND_OUT = rx.compile(r"(?:我|等我|回头|待会|等会|晚点)(?:再)?(?:去|先)?(?:问问|问一下|问下|查查|查一下|查下|看看单子|找找单子)"
                            r"|(?:问问|问一下)(?:他|她|我(?:老公|老婆|爸|妈|儿子|女儿|家里))")
#: 没有自费 / 都在医保范围内: no self-pay (or class-B) part, said
_NO_PART_SAID = rx.compile(r"没有?(?:什么)?(?:自费|乙类)|无自费|不是自费|都能报|都(?:是|在)?(?:医保)?(?:报销)?范围(?:内|里)"
                           r"|no self|none")
_NON_TCM_ITEM = rx.compile(r"自费|乙类|双通道|谈判药|耗材|诊察费|产检|产前检查|孕检|孕期检查")
_COMPLAINT = rx.compile(r"算错|报少|少报|才报|只报|报这么少|报得这么少|报这么点|不对吧|有问题|搞错|wrong|too little")
_YES_SAID = rx.compile(r"(?<![没不未])(?:签了|签过|签约了|是的|是(?!不)|有(?!没)|对|算|yes|signed)")
_NO_SAID = rx.compile(r"没签|没有|没|不是|不算|未|no\b|not")
_EXTRA_PART = rx.compile(r"另外|还有|加上|再加|外加|多了|also|plus|extra")
#: 她上周还…看了 / 前天还去…拿了药: one more visit, before the one told
_EARLIER_ALSO_SEEN = rx.compile(r"(?:上周|上个?礼拜|上个?星期|前几天|前天|昨天|上个?月)[^,，。]{0,3}还")
#: 那次报多少 / 那回能报多少: the visit just told is the one asked about
_THAT_VISIT_ASKED = rx.compile(r"(?:那次|那回|那一次|那趟)(?:能|可以)?(?:报|报销)(?:多少|几多|好多)")
#: 那500里 / 这300当中: a figure said before, pointed back to
_POINTED_PART = rx.compile(r"(?:那|这)(?:个)?[0-9]+(?:\.[0-9]+)?(?:块|元)?(?:钱)?(?:里|里面|里头|当中|中间)")
#: 门诊统筹能不能在药店用 药店报多少: where the pooling may be used, asked as a rule (no bill)
_WHERE_USABLE = rx.compile(r"(?:能不能|能否|可不可以|可以)在[^,，。]{1,6}?(?:用|报|刷|使用)")
_RULE_WORD = rx.compile(r"乙类|先自|先行|比例|限额|起付|最高|封顶|几成|百分之|上限|最多|多报|额外|一年|几个点|多几|ratio|percentage|percent|reimbursement rate|cap|deductible|limit|extra|maximum"
                        r"|pay (?:myself |it )?(?:first|before)|self-pay first|pre-self-pay")


#: 不太记得 / 不清楚 / 搞不清: the person does not know it (not a question of the rule)
_NOT_REMEMBERED = rx.compile(r"不(?:太|大)?(?:记得|清楚|确定|知道)|记不(?:太|大)?清|忘了|搞不清|not sure|don'?t (?:remember|know)")


def _rule_figures(known: Known, policy: str) -> set[Decimal | None]:
    """The deductible and the cap the document sets for this person (a figure of theirs quoted back in a
    question is the rule's, never a bill or a position); None where it sets no deductible."""
    pack = get_pack(policy)
    figures: set[Decimal | None] = {deductible_for(pack, known.category or "employee")}
    if (cap := pack.cap.get(pack.settled_category(known.category or "employee"))) is not None:
        figures.add(cap.value)
    return figures


def _all_in_scope_supposed(u: Understanding, known: Known) -> bool:
    """(乙类药1000 →) 那要是都是甲类药呢: every part of the bill told supposed in scope."""
    return known.amount is not None and _ALL_IN_SCOPE_IF.search(u.text) is not None \
        and any(getattr(known, n) for n in ITEM_FIELDS)


def _is_fact_question(u: Understanding, facts: Facts, state: SessionState) -> bool:
    if state.known.amount is not None and u.intent == "what_if" and _WHAT_IF_CLAUSE.search(u.text) \
            and any(getattr(facts, n) is not None for n in ("provider_kind", "provider_level", "amount", "category")):
        # 怎么才报这么点？…要是我也去二级医院能报多少: the what-if is what to settle — in its own scenario,
        # never written over the visit told (a slip checked next is that visit's)
        return False
    """A question about the rules, not a bill: no amount in it, a question word, not an answer to ours."""
    if u.intent == "what_if" and _all_in_scope_supposed(u, state.known):
        return False  # (乙类药1000 →) 那要是都是甲类药呢: the bill told, supposed all in scope — settled
    if _WORK_IT_OUT_ASKED.search(u.text) and not _WHY.search(u.text) and not _SOURCE_ASKED.search(u.text):
        return False  # 我奶奶是南昌的居民医保，能帮她算下吗: a bill to work out — what it needs is asked
    if state.asking is not None and state.asking in u.unknown:
        # (Which level wrote the prescription? →) He doesn't remember what level the prescribing hospital was:
        # the answer to the question asked (not known) — never a question of the rules
        return False
    if state.known.amount is not None and any(slot in _FLAG_LABELS for slot in u.unknown) and _NOT_REMEMBERED.search(u.text):
        # 我不太记得有没有签家庭医生 (after an answer): a fact of the person not known — both cases shown,
        # never the article on family doctors quoted as if asked about
        return False
    if state.known.amount is not None and u.intent != "what_if" and not _WHAT_IF_CLAUSE.search(u.text) \
            and not _WHY.search(u.text) and _MORE_PAID_ASKED.search(u.text) \
            and any(getattr(facts, f) is True and getattr(state.known, f) is not True
                for f in ("family_doctor", "poverty_registered")):
        # 我也签了家庭医生，能多报吗 (after an answer): a fact of the person's, told with the question
        # whether it pays more — the bill settled again with it answers (¥65.00 for ¥60.00), not an
        # article on family doctors quoted
        return False
    if any(getattr(facts, k, None) is not None and getattr(state.known, k, None) not in (None, getattr(facts, k))
           for k in u.held_back if k in ("category", "provider_level", "provider_kind", "designated", "signed")):
        return False  # 在职… → 我不是已经退休了吗: the person's own fact put back as a question — it is set right
    if facts.city is None and facts.policy is None and state.known.city is None and state.known.policy is None \
            and _RULE_ASKED.search(u.text) and not _BEYOND_RATES.search(u.text) and not _ACCOUNT_Q.search(u.text):
        return False  # 我卖猪肉的，看门诊能报不: no city — the city is asked, never one document's articles quoted
    if _GREETING_ASKED.match(u.text) and not _QUESTION.search(_GREETING_ASKED.sub("", u.text)):
        return False  # 在吗 我爸看病的事: a greeting and a topic — the bill is started, not an article quoted
    # 为什么只给100 / 为啥是70 / 为什么起付线也变成150了 (after an answer): a figure of the answer quoted
    # back in a why-question, with no word of a bill — never a new bill of 100 settled
    quoted_back = _WHY.search(u.text) is not None and state.known.amount is not None \
        and _NEW_BILL_WORD.search(u.text) is None and u.intent != "what_if" \
        and not any(getattr(facts, n) is not None for n in _SLIP_FIELDS)  # (统筹实际报了300 怎么…不一样: a slip, checked)
    if not quoted_back and state.known.amount is not None and facts.amount is not None and _QUESTION.search(u.text) \
            and _RULE_DOUBTED.search(u.text) and (policy := _policy(state.known)) is not None:
        # 不是每次看病都要扣600吗 (after an answer): the document's deductible, asked about as a rule — never a
        # new bill of 600 (the figure is the deductible the document sets for this person)
        quoted_back = facts.amount == deductible_for(get_pack(policy), state.known.category or "employee")
    if not quoted_back and state.known.amount is not None and facts.amount is not None \
            and facts.amount != state.known.amount and _QUESTION.search(u.text) and _THIS_FIGURE.search(u.text) \
            and (policy := _policy(state.known)) is not None:
        # 那门诊慢特病的费用会占这个2500吗 (after an answer): the document's cap (or deductible), pointed at —
        # never a new bill of 2,500
        quoted_back = facts.amount in _rule_figures(state.known, policy)
    if not quoted_back and state.known.amount is not None and facts.amount is None and _SOURCE_ASKED.search(u.text) \
            and (policy := _policy(state.known)) is not None:
        # 起付线扣200是哪条规定的 (after an answer): the document's figure, asked where it is written — never
        # the year's position changed to 200 used (the figure is one the document sets for this person)
        rule_figures = _rule_figures(state.known, policy)
        said = [v for v in facts.said().values() if isinstance(v, Decimal)]
        quoted_back = bool(said) and all(v in rule_figures for v in said)
    said_money = [k for k, v in facts.said().items() if isinstance(v, Decimal) and not quoted_back
                  # (那这400算进起付线了吗: the bill told, quoted back in a why-question — no new figure)
                  and not (_WHY.search(u.text) and _THIS_FIGURE.search(u.text) and v in (
                      state.known.amount, *(getattr(state.known, n) for n in ITEM_FIELDS)))]
    source_asked = state.known.amount is not None and _SOURCE_ASKED.search(u.text) is not None
    if (said_money and not ((_WHY.search(u.text) or source_asked) and all(k.startswith("stated_") for k in said_money))) \
            or u.approximate_amount is not None:
        return False  # (为啥要先扣600啊: the rule's figure in a why-question is no bill)
    if _WHY.search(u.text) or source_asked:
        return True  # 双通道的为什么不算 / 这个70%是哪条规定的: a question about the rule, never a new bill
    if _THAT_VISIT.search(u.text) and _SETTLED_AS.search(u.text) and _QUESTION.search(u.text):
        return True  # 那7月那次是按在职算的吧？: how an earlier visit was settled — the rule, quoted
    if u.intent == "what_if" and _NOT_MEDICAL.search(u.text) and facts.amount is None:
        return True  # 那在药店买保健品呢: not a medical bill — what the document says of it
    if u.intent == "what_if" and not any(k not in ("city", "policy", "scheme", "district") for k in facts.said()):
        return bool(_DOMAIN.search(u.text))  # 那产检呢: the rule for something else
    if u.intent in ("account_use", "account_credit", "compare", "reset", "help", "greeting", "what_if", "add_visit"):
        return False
    if _GENERAL_HOW.search(u.text) and not _BEYOND_RATES.search(u.text) and u.topic in (None, "ratio") \
            and (facts.city or facts.policy or state.known.city) and not _ACCOUNT_Q.search(u.text):
        return False  # 南充退休的看门诊咋个报 / how is an outpatient bill reimbursed: a bill to work out
    if _VISIT_TOLD.search(u.text) and not _WHY.search(u.text) and state.known.amount is None \
            and not _BEYOND_RATES.search(u.text) and not _ACCOUNT_Q.search(u.text):
        return False  # 能报门诊吗？我今天在乡镇卫生院拿药了: a visit of today's — its bill is what to work out
    if _CHECK_MY_SLIP.search(u.text) and state.known.amount is None:
        return False  # 帮我看看单子对不对: a slip to check — its figures are asked, it is not a rule question
    if state.asking is not None and u.intent in ("inform", "correct") and not _WHICH_KINDS.search(u.text):
        return False  # (签约机构都是哪种医院: a question back, not the answer to ours)
    if state.known.amount is not None and _ALL_MINE_ASKED.search(u.text) and not _WHY.search(u.text):
        return False  # 那我这次的1000全部自己出了？: the figure given, asked back — it is said again, with its steps
    if facts.city and _THAT_CITY_THEN.match(u.text) and not _RULE_WORD.search(u.text) and not _WHY.search(u.text):
        return False  # (绵阳…能报多少 →) 那南充的呢，我社保在南充交的，退休: the person's own case, to work out
    if state.asking == "amount_role" and state.pending_amount:
        return False  # 600是起付线，我就想问统筹能报多少: the answer to what the number was
    if not _QUESTION.search(u.text) or not (_DOMAIN.search(u.text) or facts.city or facts.policy):
        return False  # 今天天气怎么样: not about insurance at all
    if _HOW_MUCH.search(u.text) and not _RULE_WORD.search(_POSITION_SAID.sub("", u.text)):
        return False  # 能报多少 / 怎么算: a bill to work out; what is missing is asked
    if u.intent == "calculate" and facts.category and (facts.provider_level is not None or facts.provider_kind) \
            and not _RULE_WORD.search(_POSITION_SAID.sub("", u.text)) and not _WHY.search(u.text) \
            and not _ASKS_A_RULE.search(u.text):
        return False  # 在职，县中医院（二级），起付线已经过了？: a bill being described; its amount is asked
    if _UNKNOWN_SAID.search(u.text) and "?" not in u.text and "？" not in u.text:
        return False  # 具体多少不清楚: a statement of what the person does not know, not a question  # 南昌退休，二级医院，能报多少: a bill still being described, not a rule asked about
    return u.intent in ("policy_fact", "out_of_scope", "inform", "calculate")


_BILL_NOT_REMEMBERED = rx.compile(r"(?:不记得|记不清|忘了|不知道|想不起来)(?:了)?(?:一共|总共)?(?:花了|花的|花)多少|(?:花了|花的)多少(?:钱)?(?:不记得|记不清|忘了|不知道|想不起来)")
_ACCOUNT_USABLE_ASKED = rx.compile(r"(?:能|可以|可不可以|能不能)(?:用|刷|付|抵|支付)(?:吗|么|嘛|不|[?？])|能用上")
_BEFORE_THE_DAYS_VISITS = rx.compile(r"(?:早上|上午|第一次)(?:去)?(?:看病|看|就诊|去医院|去社区)?(?:之前|以前|前)"
                                     # 我个人账户今天早上一共就30块: the balance as the day began
                                     r"|(?:今天早上|今早|今天早晨|早上起来|一早)")
_NEXT_VISIT_SAID = rx.compile(r"本次|这次|这回|今天又|又去|再去")
_THIS_YEAR_AGAIN = rx.compile(r"今年|不说明年|这回|这次|this year|this visit")
#: 去了南大二附院 / 在川北医学院附属医院: a hospital said by its name, after the verb that takes the person there
_HOSPITAL_NAMED = rx.compile(r"(?:(?<=^)|(?<=[,，。;；\s])|去了?|在|到|是)(?P<name>(?![去在到是了])[\u4e00-\u9fff]{2,10}?(?:医院|附院))")
_AT_THAT_TIME = rx.compile(r"到时候|到那时|那时候|那个时候|到那会儿|by then|at that point")
_SO_SETTLED = rx.compile(r"这样(?:算|的话|子)|那样(?:算|的话)|按(?:这个|这样|那样|刚才那样)(?:算)?|照这样")
_ALL_MINE_ASKED = rx.compile(r"(?:全部|全都|都|全)(?:要|得)?(?:我)?(?:自己|个人)(?:出|付|掏|承担|负担)(?:了|啊|呀)?(?:吗|么|嘛|[?？])")
_THAT_CITY_THEN = rx.compile(r"(?:那|那么)(?:要是|如果)?(?:在)?[\u4e00-\u9fff]{2,4}?(?:的|这边|那边)?(?:呢|咋样|怎么样)")
_INHERITANCE = rx.compile(r"继承|遗产|(?:人|我|他|她|老人)(?:要是|如果)?(?:走了|没了|不在了|去世|过世|死了)|(?:走|去世|过世|死)(?:了)?(?:以后|之后|后)"
                          r"|身故|死后|留给(?:孩子|子女|儿子|女儿|家里人|家人|老伴)|inherit|passes away|after (?:i|he|she) die")
_ACCOUNT_ASKED = rx.compile(r"账户|个账|卡里|卡上|余额|account")


def _quoted(citations: Any) -> str:
    """Each article a step cites with its words, once each (a step may cite one passage twice, or a
    passage and a part of it: the part is left out)."""
    pairs = list(dict.fromkeys((c.article, c.quote) for c in citations))
    return "".join(f"〔{article}〕“{quote}”" for article, quote in pairs
                   if not any(a == article and q != quote and quote in q for a, q in pairs))


def _why_answer(state: SessionState, u: Understanding, locale: str, today: dt.date) -> Reply | None:
    """为啥只报这么多？ after an answer: the steps that made the figure, each in the trace's own words with
    its article quoted (the calculator's trace, nothing computed here)."""
    payer = _payer(state, locale) or "您"  # (a relative's visit: 您妈自己付)
    # (不是每次看病都要扣600吗: the rule doubted — the step that applies it, with its article, answers)
    source = (_SOURCE_ASKED.search(u.text) is not None or _RULE_DOUBTED.search(u.text) is not None) \
        and _WHY.search(u.text) is None
    if not (_WHY.search(u.text) or source) or state.known.amount is None \
            or _missing(state.known) is not None or (u.intent == "compare" and not source):
        return None  # (起付线为什么退休是150，在职是200: the two categories' rule, not this bill's steps)
    try:
        result = calculate(convert_request(_request(state.known, state.ledger, today)))
    except CalculatorError:
        return None
    if locale == "en":
        if source or _ACCOUNT_ASKED.search(u.text) is not None:
            return None
        # Why only 100? (after an answer): the steps that made it, in English — the whole explanation, each
        # step with its article (the trace's step texts are Chinese)
        from explanations import explain, headline

        return Reply(text=headline(result, locale, payer) + "\nHow it was worked out:\n"
                     + explain(result, format="text", locale=locale), intent="policy_fact",
                     quick_replies=["Start over"])
    # (为啥2月份那回一分没报 / 上次为什么没报: an earlier visit of the year, named — its own steps answer)
    index = len(result.visits) - 1
    if index and u.facts.month is not None:
        index = next((i for i, v in enumerate(result.visits[:-1]) if v.date.month == u.facts.month), index)
    elif index and (earlier := _EARLIER_VISIT_NAMED.search(u.text)) is not None:
        index = 0 if earlier.group("first") else index - 1
    visit = result.visits[index]
    lines = []
    about_account = _ACCOUNT_ASKED.search(u.text) is not None  # 为什么账户没扣钱: the account's step answers
    if source:
        # 这个70%是哪条规定的: the step the question names (every step that decided the figure when it names
        # none), each with every article it cites, quoted — the trace's words, nothing computed here
        kinds = {k for k, words in _SOURCE_TOPICS if words.search(u.text)} or {
            "eligibility", "category", "scope", "first_self_pay", "deductible", "ratio", "cap", "account"}
        if "deductible" in kinds:
            kinds.add("first_self_pay")
        if "category" in kinds:
            kinds.add("ratio")  # (在职和退休差几个点: what the category changes is the ratio — its article too)
        readings = {a.id: a.text for a in result.assumptions if a.kind == "reading"}
        for step in visit.steps:
            if getattr(step, "kind", "") in kinds and step.citations:
                # a step resting on a reading of the document says so, in the reading's words (never as a quote)
                read = [readings[r] for r in getattr(step, "readings", ()) or () if r in readings]
                lines.append(f"· {step.text}" + _quoted(step.citations)
                             + (f"（这一步是本计算的理解：{'；'.join(read)}）" if read else ""))
        if not lines:
            return None
        from explanations import headline

        return Reply(text=headline(result, locale, payer) + f"\n依据的条文（《{result.policy.title}》，{result.policy.document_number}）：\n"
                     + "\n".join(lines), intent="policy_fact",
                     quick_replies=["重新开始"])
    for step in visit.steps:
        kind = getattr(step, "kind", "")
        if about_account:
            if kind == "account" and step.citations:
                lines.append(f"· {step.text}" + _quoted(step.citations))
            continue
        deciding = (kind == "eligibility" and not getattr(step, "eligible", True)) \
            or (kind == "category" and _ABOUT_CATEGORY.search(u.text) is not None) \
            or (kind == "scope" and getattr(step, "excluded", 0)) \
            or (kind in ("first_self_pay", "deductible") and step.amount) \
            or (kind == "cap" and getattr(step, "reduced", 0)) or kind == "ratio"
        if deciding and step.citations:
            # (诊察费为什么还能按比例报，不是到限额了吗: the cap step cites the article that pays the
            # consultation fee outside the cap too — every article a step cites, each quoted once)
            lines.append(f"· {step.text}" + _quoted(step.citations))
        if kind == "eligibility" and not getattr(step, "eligible", True):
            break  # nothing after it is paid
    if not lines:
        return None
    from explanations import formatting, headline

    head = headline(result, locale, payer) if index == len(result.visits) - 1 else (
        f"今年第{index + 1}次门诊（{visit.date.month}月那次）：统筹基金报{formatting.money_in(visit.fund_pays, 'zh-CN')}，"
        f"{payer}自己付{formatting.money_in(visit.personal_pays, 'zh-CN')}。")
    return Reply(text=head + "\n是这样算出来的：\n" + "\n".join(lines), intent="policy_fact",
                 quick_replies=["重新开始"])  # (no result: the figure stands as given; this answers why)


def _fact_answer(known: Known, u: Understanding, locale: str) -> Reply:
    """Quote the articles that best answer the question; the document's words, no figure of ours."""
    from .retrieve import best_articles, excerpt

    if known.category == "flexible" and mentions_account(u.text):
        # (平凉 灵活就业 … 我个人账户能用吗: what the document says of a flexible worker's account first)
        u = msgspec.structs.replace(u, text=u.text + " 灵活就业人员 个人账户 不划拨 不建立")

    resident_said = known.scheme == "resident" or known.category == "resident" \
        or bool(_RESIDENT_ONLY_WORD.search(u.text) or _SIGNED_RESIDENT_EN.search(u.text))
    city_schemes = schemes_of(known.city) if known.city else {}
    policy = _policy(known) or (resident_said and known.scheme is None and city_schemes.get("resident")) \
        or city_schemes.get("employee")
    policies = [policy] if policy else sorted(load_packs())
    if policy is None and resident_said:
        # 居民门诊统筹有起付线吗 (no city): the resident schemes' documents only
        policies = [p for p in policies if get_pack(p).meta.scheme == "resident"]
        if len(policies) == 1:
            policy = policies[0]
            known = msgspec.structs.replace(known, policy=policy)
    found = sorted(((p, *a) for p in policies for a in best_articles(p, u.text, 3)), key=lambda x: -x[3])[:3]
    head = ""
    if u.topic in ("deductible", "ratio", "cap") and policy and _RULE_WORD.search(u.text):
        head = _policy_fact(known, locale).text + "\n"
    if not found and head:
        # 那一年最多给我报好多: the document's figures for this person answer it, each with its article —
        # never followed by "the document does not say"
        return Reply(text=head.rstrip("\n"), intent="policy_fact",
                     quick_replies=_t_list(locale, ["帮我算一笔", "重新开始"], ["Calculate a bill", "Start over"]))
    if not found:
        return Reply(text=head + _t(locale, "文件里没有找到回答这个问题的条文：文件没有规定这一点。",
                                    "The document does not say: no article answers this."), intent="policy_fact")
    lines = []
    for pid, aid, text, _score in found:
        pack = get_pack(pid)
        # (in English, the document named in English; its article numbers and words are its own)
        where = f"({pack.meta.name_en}, {aid}) " if locale == "en" and pack.meta.name_en else f"〔{pack.meta.name} {aid}〕"
        lines.append(f"{where}“{excerpt(text, u.text)}”")
    intro = _t(locale, "文件原文是这样写的：\n", "The document says (quoted in the original):\n")
    tail = _t(locale, "\n以上是原文；文件没有写到的地方，我不替它回答。", "\nWhere the document is silent, I do not answer for it.")
    return Reply(text=head + intro + "\n".join(lines) + tail, intent="policy_fact",
                 quick_replies=_t_list(locale, ["帮我算一笔", "重新开始"], ["Calculate a bill", "Start over"]))


#: 这合规吗 / 符合规定吗 / 合法吗: whether a figure is allowed — a question of the rule
_COMPLIANT_ASKED = rx.compile(r"合规|符合规定|符合政策|合法|违规|允许|能这样|可以这样|is (?:this|that|it) (?:allowed|legal|compliant)")
#: words only the resident scheme's document uses (签约卫生院, 门诊统筹预算): a question of it, no city said
#: 娃娃…能走我的医保报吗 / 我妈看病能用我的医保卡报销吗: a family member's bill on the writer's insurance
_RELATIVE_ON_MINE = rx.compile(r"(?:娃娃|孩子|小孩|儿子|女儿|我妈|我爸|老妈|老爸|老伴|爱人|老婆|老公|父母|爸妈)[^。？?]{0,24}?"
                               r"(?:走|用|报|刷|拿)(?:我的?|俺的?)(?:职工)?(?:医保|医保卡|卡|保险)(?:卡)?(?:报|来报|报销|给报)?(?:吗|不|没|么|嘛)")
_RESIDENT_ONLY_WORD = rx.compile(r"签约(?:的)?(?:卫生院|机构|社区|卫生室)|签约的是|门诊统筹预算|统筹预算|建档立卡|家庭医生|村(?:里的)?卫生室")
_SIGNED_RESIDENT_EN = rx.compile(r"signed (?:clinic|institution|centre|center|township)|resident (?:outpatient )?insurance")
#: an option of the category question that is a retirement date (9月还是10月办的退休记不清了)
_RETIRED_OPTION = "retired:"
#: 今天在医院 / 这家医院 / 大医院 / 药店和医院 / 我们医院: words before 医院 that name no hospital
#: 今天在 / 我爸在 / 上周三去了 / 今天 before a hospital's name: the words up to the verb, or a time word
_PLACE_WITH_LEVEL = rx.compile(r"(?P<name>[\u4e00-\u9fff]{1,14}?(?:医院|卫生院|诊所|附院))"
                               r"(?:[（(](?:是)?|是|就是|属于)(?P<level>[一二三123]级(?:[甲乙丙]等)?|[二三][甲乙丙])(?:医院)?[)）]?")
_LEVEL_SAID = rx.compile(r"[一二三123]级|[二三][甲乙丙]|社区|卫生院|诊所|卫生室|药店|药房")
_BEFORE_THE_NAME = rx.compile(r"^(?:.*(?:在职|退休|转诊|[在去到是]|拿着?))?(?:了|的|过)?(?:今天|昨天|前天|今日|今儿个?|上午|下午|这次|这回|本次)?")
_NOT_A_NAME = rx.compile(r"[在去到了的看花不几那这个哪啥和没趟么换能过]|今天|昨天|前天|大医院|小医院|处方|同一|[一两三几]家|我们|就诊|单子"
                         r"|^社区医院$")
#: (in a what-if) 昨天社区那次能报多少 / 第一次那次报多少: the figure asked is an earlier visit's of the year
_VISIT_ASKED_IN_WHAT_IF = rx.compile(r"(?P<which>第一次|头一次|第一回|头一回|上次|上一次|上回"
                                     r"|(?:上周|上礼拜|上个月|昨天|前天|前几天)(?:在)?(?P<place>社区|诊所|卫生院|卫生室|药店|药房)?"
                                     r"(?:医院|中心)?(?:的)?(?:那|那一)(?:次|回))(?:那次)?[^,，。]{0,4}?"
                                     r"(?:能报吗|能报多少|报多少|能报些|能不能报|怎么算|算多少)")
_BARE_FIGURE_ONLY = rx.compile(r"(?:(?:我)?(?:刚|又)?(?:查|看|问|翻)(?:了)?(?:一)?下(?:单子|结算单)?[,，\s]*)?"  # 查了下 是一百二十六块五
                               r"(?:就是|是|应该是|准确是|具体是|其实是)?[0-9一二两三四五六七八九十百千万.,]+(?:元|块)?"
                               r"(?:[0-9一二三四五六七八九](?:毛|角)?)?(?:钱)?"
                               r"(?:吧|啊|呀|的)?[。.!！]?")
_BARE_FIGURE_FIRST = rx.compile(r"\s*(?:大概|大约|应该是|是)?\s*[0-9][0-9,.]*(?:元|块)?\s*(?:[,，。;；]|$)")
_NOT_RETIRED_SAID = rx.compile(r"(?<!退)(?:还)?没(?:有)?退(?:休)?(?!没)|未退休|不是退休|还不到退休|还在上班|not (?:yet )?retired")


def _category_alternatives(state: SessionState, locale: str, today: dt.date, said: Facts | None) -> Reply | None:
    """在职还是退休我搞不清: the figure for each category the person names, side by side (none picked);
    9月还是10月办的退休记不清了: the figure for each retirement month — one answer when the calculator
    settles both alike (the month then decides nothing this visit)."""
    alts: list[Alternative] = []
    trials: list[Known] = []
    for option in state.unknown_options:
        if str(option).startswith(_RETIRED_OPTION):
            date_said, _, before = str(option)[len(_RETIRED_OPTION):].partition(":")
            retired_on = dt.date.fromisoformat(date_said)
            trial = msgspec.structs.replace(state.known, category="retiree", scheme="employee", retired_on=retired_on)
            zh, en = f"{retired_on.month}月办完退休", f"Retired in {retired_on:%B}"
            if before:  # (a month not remembered: any month before this one is settled alike — the last of them)
                zh, en = f"{today.month}月之前办完退休", f"Retired before {today:%B}"
        else:
            trial = msgspec.structs.replace(state.known, category=str(option))
            zh, en = _CATEGORY_TEXT.get(str(option), (str(option), str(option)))
            en = en[:1].upper() + en[1:]  # (a label of its own: Employee, Retiree)
        if _missing(trial) is not None:
            return None  # other facts are missing too: ask them first
        try:
            visit = calculate(convert_request(_request(trial, state.ledger, today))).visits[-1]
        except CalculatorError:
            return None
        trials.append(trial)
        alts.append(_alt_of(_t(locale, zh, en), visit))
    if len(alts) < 2:
        return None
    state.asking, state.unknown = None, None
    if len({(a.fund_pays, a.personal_pays) for a in alts}) == 1:
        # either month gives this visit the same figure: answered, and why the month did not matter (as a
        # retiree with no date of its own, when that too is the same figure: no day is shown as said)
        state.unknown_options = []
        undated = msgspec.structs.replace(trials[0], retired_on=None)
        try:
            plain = calculate(convert_request(_request(undated, state.ledger, today))).visits[-1]
            if (f"{plain.fund_pays:.2f}", f"{plain.personal_pays:.2f}") == (alts[0].fund_pays, alts[0].personal_pays):
                trials[0] = undated
        except CalculatorError:
            pass
        reply = _settle(SessionState(known=trials[0], ledger=state.ledger), locale, today, prefix=_t(
            locale, f"{'、'.join(a.label for a in alts)}，这次结果相同，不影响计算：\n",
            f"{', '.join(a.label for a in alts)} give this visit the same figure:\n"))
        if reply.result is not None:
            reply.alternatives = _merged(alts, locale)  # the possibilities stay named: none was picked
        return reply
    by_month = all(str(o).startswith(_RETIRED_OPTION) for o in state.unknown_options)
    head = _t(locale, "不清楚也没关系，按每个月份分别算给您（我不替您选）：\n",
              "No problem: here is the figure for each month (I won't pick one):\n") if by_month else _t(
        locale, "不清楚也没关系，按每种身份分别算给您（我不替您选）：\n",
        "No problem: here is the figure for each category (I won't pick one):\n")
    hint = _t(locale, "从哪个月起按退休人员结算，看退休手续是哪个月办完的；单位人事或社保窗口可以查到。",
              "The month the retirement was registered decides from when you are settled as a retiree; your "
              "employer or the social-security office can tell you.") if by_month else _t(
        locale, "按在职还是退休结算，看社保登记的退休手续是否办完；单位人事或社保窗口可以查到。",
        "Whether you are settled as a retiree depends on whether the retirement was registered; your "
        "employer or the social-security office can tell you.")
    return _side_by_side(state, alts, head, hint, locale, said)


def _alt_of(label: str, visit: Any) -> Alternative:
    """One possibility's figures from its settled visit (with the account's part where it pays one)."""
    account = visit.account_pays > 0
    return Alternative(label=label, fund_pays=f"{visit.fund_pays:.2f}", personal_pays=f"{visit.personal_pays:.2f}",
                       account_pays=f"{visit.account_pays:.2f}" if account else None,
                       cash_pays=f"{visit.cash_pays:.2f}" if account else None)


def _side_by_side(state: SessionState, alts: list[Alternative], head: str, hint: str, locale: str,
                  said: Facts | None, quick: list[str] | None = None) -> Reply:
    """The figures of each possibility, one line each, between a head and a hint of what decides it
    (the possibilities are the quick replies unless others are given)."""
    from explanations import formatting

    quick = quick if quick is not None else [a.label for a in alts]
    alts = _merged(alts, locale)
    # (each amount as the answers write money: ¥1,010.00, never ¥1010.00 beside them)
    lines = []
    for a in alts:
        fund, paid = formatting.money_in(Decimal(a.fund_pays), locale), formatting.money_in(Decimal(a.personal_pays), locale)
        line = f"· {a.label}" + _t(locale, f"：统筹基金支付{fund}，个人负担{paid}", f": fund pays {fund}, you pay {paid}")
        if a.account_pays is not None and a.cash_pays is not None:
            account, cash = formatting.money_in(Decimal(a.account_pays), locale), formatting.money_in(Decimal(a.cash_pays), locale)
            line += _t(locale, f"（个人账户付{account}，现金{cash}）", f" ({account} from your account, {cash} in cash)")
        lines.append(line)
    return Reply(text=head + "\n".join(lines) + "\n" + hint, alternatives=alts, intent="calculate",
                 quick_replies=quick, payer=_payer(state, locale),
                 understood=_understood(state.known, said, locale,
                                        class_b_open=state.class_b_open is not None and state.class_b_unknown))


#: how a possibility's label joins its facts (二级，今年第一次) and how possibilities with the same
#: figures are named together (二级、三级乙等，今年第一次)
_LABEL_FACTS = ("，", ", ")
_LABEL_JOINED = ("、", " / ")


def _merged(alts: list[Alternative], locale: str) -> list[Alternative]:
    """The possibilities whose figures are all the same and whose labels differ in one fact only,
    as one, named together (平凉's 二级、三级乙等、三级丙等 settle alike: one card, not three, on a
    phone). Every possibility stays named; none is dropped or picked."""
    sep, join = _t(locale, *_LABEL_FACTS), _t(locale, *_LABEL_JOINED)
    groups: list[tuple[list[list[str]], Alternative]] = []
    for alt in alts:
        facts = alt.label.split(sep)
        figures = (alt.fund_pays, alt.personal_pays, alt.account_pays, alt.cash_pays)
        for named, first in groups:
            if (first.fund_pays, first.personal_pays, first.account_pays, first.cash_pays) != figures \
                    or len(named) != len(facts):
                continue
            differ = [i for i, fact in enumerate(facts) if fact not in named[i]]
            if len(differ) == 1 and all(len(named[i]) == 1 for i in range(len(facts)) if i != differ[0]):
                named[differ[0]].append(facts[differ[0]])
                break
        else:
            groups.append(([[fact] for fact in facts], alt))
    return [msgspec.structs.replace(first, label=sep.join(join.join(said) for said in named))
            if any(len(said) > 1 for said in named) else first for named, first in groups]


def _class_b_kind(state: SessionState, known: Known, ledger: list[Known], result: Any, locale: str,
                  today: dt.date, prefix: str, said: Facts | None) -> Reply:
    """A class-B part told without its kind (其中120是乙类) where the document sets drugs and services
    apart (平凉 第六条: 10% and 15% first self-pay): asked, quoting the article; when the person does not
    know, the figure for each kind side by side (never a drug assumed)."""
    pack = get_pack(result.policy.id)
    figure = f"{known.class_b_drug:.2f}"
    drug, service = pack.first_self_pay["class_b_drug"], pack.first_self_pay["class_b_service"]
    said_rule = (f"〔{drug.article}〕“{drug.quote}”" if drug.quote == service.quote
                 else f"〔{drug.article}〕“{drug.quote}”；〔{service.article}〕“{service.quote}”")
    labels = [_t(locale, "乙类药品", "Class-B drugs"), _t(locale, "乙类检查、治疗项目或耗材", "Class-B tests, services or supplies")]
    state.asking = _CLASS_B_KIND  # (a tapped kind, even after both are shown, settles it)
    if not state.class_b_unknown:
        return Reply(text=prefix + _t(
            locale, f"这{figure}元乙类，是乙类药品，还是乙类检查、治疗项目或耗材？文件规定两者个人先自付的比例不同：{said_rule}",
            f"Is the {figure} of class B for drugs, or for tests, services or supplies? The document sets a "
            f"different first self-pay for each: {said_rule}"),
            asking="amount_role", intent="calculate", quick_replies=[*labels, _t(locale, "不知道", "I don't know")])
    other = msgspec.structs.replace(known, class_b_drug=None, class_b_service=known.class_b_drug)
    service_visit = calculate(convert_request(_request(other, ledger, today))).visits[-1]
    drug_visit = result.visits[-1]
    alts = [_alt_of(label, v)
            for label, v in zip(labels, (drug_visit, service_visit), strict=True)]
    head = prefix + _t(locale, f"不知道也没关系，这{figure}元乙类按两种情况分别算给您（我不替您选）：\n",
                       f"No problem: here is the figure for the {figure} of class B either way (I won't pick one):\n")
    hint = _t(locale, f"结算单或收费明细上每一项写着是药品还是诊疗项目、耗材。{said_rule}",
              f"The slip or itemised receipt says whether each item is a drug, a service or a supply. {said_rule}")
    return _side_by_side(state, alts, head, hint, locale, said)


def _settled_as(state: SessionState, trial: Known, label: str, today: dt.date) -> Alternative | None:
    """One possibility of a fact not known, settled by the calculator with the year's earlier visits;
    None when it still lacks a fact or cannot be settled."""
    if _missing(trial) is not None:
        return None
    try:
        visit = calculate(convert_request(_request(trial, state.ledger, today))).visits[-1]
    except CalculatorError:
        return None
    return _alt_of(label, visit)


def _where_alternatives(state: SessionState, locale: str, today: dt.date) -> Reply | None:
    """A prescription's purchase not said to be at a pharmacy or at the hospital that wrote it, asked once
    and passed over: both settled by the calculator, side by side (one answer when they agree)."""
    known = state.known
    trials = [(_t(locale, "在药店凭处方买的", "At a pharmacy, with the prescription"),
               msgspec.structs.replace(known, provider_kind="pharmacy")),
              (_t(locale, "在开处方的医院拿的", "At the hospital that wrote it"),
               msgspec.structs.replace(known, provider_kind="hospital", provider_level=known.prescribed_at_level,
                                       provider_grade=known.prescribed_at_grade, prescribed_at_level=None,
                                       prescribed_at_grade=None))]
    alts = []
    for label, trial in trials:
        alt = _settled_as(state, trial, label, today)
        if alt is None:
            return None
        alts.append(alt)
    if len({(a.fund_pays, a.personal_pays) for a in alts}) == 1:
        # both places give the same figure: answered (as a pharmacy's purchase), saying it did not matter
        reply = _settle(SessionState(known=trials[0][1], ledger=state.ledger), locale, today, prefix=_t(
            locale, "在药店凭处方买还是在开处方的医院拿，结果相同：\n", "A pharmacy or the hospital that wrote it give the same figure:\n"))
        if reply.result is not None:
            reply.alternatives = _merged(alts, locale)
            state.known = trials[0][1]  # (what follows — a slip to check — is of this purchase)
        state.asking = None
        return reply
    state.asking = _WHERE_BOUGHT  # (a tapped place settles it)
    head = _t(locale, "在哪里拿的药没说清楚，两种情况分别算给您（我不替您选）：\n",
                       "Where the drugs were bought was not said: here is the figure either way (I won't pick one):\n")
    hint = _t(locale, "发票或结算单上写着是药店还是医院。", "The receipt or slip says whether it was a pharmacy or a hospital.")
    return _side_by_side(state, alts, head, hint, locale, None)


def _filled_for_trial(known: Known, slot: str) -> Known:
    """The known facts with a placeholder for ``slot`` (to see what else is missing)."""
    if slot in ("provider_level", "provider_grade"):
        return msgspec.structs.replace(known, provider_kind="hospital", provider_level=known.provider_level or 2,
                                       provider_grade=known.provider_grade or "B")
    if slot in ("prescribed_at_level", "prescribed_at_grade"):
        return msgspec.structs.replace(known, prescribed_at_level=known.prescribed_at_level or 2,
                                       prescribed_at_grade=known.prescribed_at_grade or "B")
    if slot == "category":
        return msgspec.structs.replace(known, category=known.category or "employee")
    return known


def _t_list(locale: str, zh: list[str], en: list[str]) -> list[str]:
    return en if locale == "en" else zh


def _in_stay_rule(policy: str, locale: str) -> str:
    """What the document says of an outpatient bill run up during an inpatient stay: the calculator's
    eligibility step for such a visit, its article and words (a reading is said to be one)."""
    pack = get_pack(policy)
    category = "resident" if pack.meta.scheme == "resident" else "employee"
    request = {"policy": policy, "insured": {"category": category}, "year_start": {"deductible_used": "0", "fund_paid": "0"},
               "visits": [{"date": pack.meta.in_force.start.isoformat(), "provider": {"kind": "hospital", "level": 1, "signed": True},
                           "amount": "100", "inpatient": True}]}
    try:
        step = calculate(convert_request(request)).visits[0].steps[0]
    except CalculatorError:
        return ""
    if getattr(step, "eligible", True) or not step.citations:
        return ""
    cited = step.citations[0]
    reading = bool(step.readings)
    return _t(locale,
              f"\n住院期间在门诊看病、拿药：〔{cited.article}〕“{cited.quote}”——普通门诊统筹不支付"
              + ("（这一条是明白账对文件的理解，文件没有逐字这样写）。" if reading else "。"),
              f"\nOutpatient bills during an inpatient stay: ({cited.article}) “{cited.quote}” — outpatient pooling "
              "does not pay them" + (" (our reading: the document does not say it "
                                                                       "in these words)." if reading else "."))


def _inpatient(known: Known, locale: str, text: str = "") -> Reply:
    policy = _policy(known)
    name = get_pack(policy).meta.name if policy else ""
    doc = f"《{name}》" if name else _t(locale, "这些文件", "these documents")
    during = _in_stay_rule(policy, locale) if policy and _DURING_STAY.search(text) else ""
    return Reply(text=during.lstrip("\n") + ("\n" if during else "") + _t(
        locale,
        f"住院费用不在这里算：{doc}规定的是普通门诊费用的报销（门诊统筹），住院费用按住院的起付线、比例和限额另行结算，"
        "由医院在出院时直接结算，具体以参保地医保经办机构（12393医保服务热线）为准。明白账不会用门诊的规则估算住院费用。",
        "Inpatient bills are not settled here: these documents cover ordinary outpatient bills only. An inpatient "
        "stay is settled by the hospital at discharge under the inpatient rules; ask the local medical insurance "
        "office (hotline 12393). 明白账 will not estimate an inpatient bill with outpatient rules."),
        intent="out_of_scope")


def _other_city(city: str, locale: str) -> Reply:
    from .gazetteer import OTHER_CITIES_EN

    if locale == "en" and city in OTHER_CITIES_EN:
        city = f"{OTHER_CITIES_EN[city].capitalize()} ({city})"
    return Reply(text=_t(
        locale,
        f"{city}的政策明白账还没有收录，算不了{city}的账。目前支持：南充、西安、南昌（职工和城乡居民）、平凉的普通门诊。"
        f"{city}的报销请咨询当地医保经办机构或拨打12393。",
        f"明白账 does not cover {city} ({city} is not covered). Covered: 南充 (Nanchong), 西安 (Xi'an), "
        f"南昌 (Nanchang, employees and residents), 平凉 (Pingliang). For {city}, ask the local insurance office "
        "or call 12393."),
        intent="out_of_scope", quick_replies=cities())


def _alternatives(state: SessionState, locale: str, today: dt.date, said: Facts | None = None) -> Reply | None:
    """Each possibility of the unknown fact, settled by the calculator, side by side; never one picked."""
    known = state.known
    policy = _policy(known)
    if policy is None:
        return None
    pack = get_pack(policy)
    slot = state.unknown or ""
    if slot == "category" and state.unknown_options:
        return _category_alternatives(state, locale, today, said)
    pharmacy = known.provider_kind == "pharmacy"
    settled = pack.settled_category(known.category or "employee")
    keys = [k for k in pack.ratio.get(settled, {}) if k not in ("pharmacy",)]
    if not keys and pack.supplied is not None and known.stated_ratios and slot in ("provider_level", "prescribed_at_level"):
        # 西安, the slip's 一级70% 二级60% 三级55% and the level not known: each level the slip gives a ratio for
        keys = [str(level) for level in sorted(known.stated_ratios)]
    if slot in ("provider_grade", "prescribed_at_grade"):
        level = known.prescribed_at_level if pharmacy else known.provider_level
        keys = [k for k in keys if k[:1] == str(level) and len(k) == 2]
    options = [str(o) for o in state.unknown_options]
    if options and slot in ("provider_level", "prescribed_at_level"):
        # (an option with its grade, 3B, is that key alone — or the level's one key where the document sets
        # no grades, as 南昌 does; a bare level, every key of it)
        wanted = {o for o in options if o in keys} | {o[:1] for o in options if len(o) == 2 and o not in keys and o[:1] in keys}
        keys = [k for k in keys if k in wanted or (k[:1] in options and not any(o[:1] == k[:1] and len(o) == 2
                                                                              for o in options))]
    if options and slot in ("provider_grade", "prescribed_at_grade"):
        keys = [k for k in keys if k[1:] in options]
    if not keys:
        return None
    labels = {f"{n}{g}": (_LEVEL_TEXT[n][0] + _GRADE_TEXT.get(g, ("", ""))[0],
                          _LEVEL_TEXT[n][1].capitalize() + _GRADE_TEXT.get(g, ("", ""))[1])
              for n in (1, 2, 3) for g in ("", "A", "B", "C") if not g or n == 3}
    alts: list[Alternative] = []
    for key in keys:
        level, grade = int(key[0]), (key[1] if len(key) == 2 else None)
        change: dict[str, Any] = ({"prescribed_at_level": level, "prescribed_at_grade": grade} if pharmacy
                                  else {"provider_level": level, "provider_grade": grade, "provider_kind": "hospital"})
        trial = msgspec.structs.replace(known, **change)
        if _missing(trial) is not None:
            return None  # other facts are missing too: ask them first
        try:
            result = calculate(convert_request(_request(trial, state.ledger, today)))
        except CalculatorError:
            return None
        visit = result.visits[-1]
        zh, en = labels.get(key, (key, key))
        alts.append(_alt_of(_t(locale, zh, en), visit))
    state.asking = None
    if len({(a.fund_pays, a.personal_pays) for a in alts}) == 1:
        # every possibility gives the same figure: answer it, and say why the level did not matter
        level, grade = int(keys[0][0]), (keys[0][1] if len(keys[0]) == 2 else None)
        change = ({"prescribed_at_level": level, "prescribed_at_grade": grade} if pharmacy
                  else {"provider_level": level, "provider_grade": grade, "provider_kind": "hospital"})
        hypo = SessionState(known=msgspec.structs.replace(known, **change), ledger=state.ledger)
        reply = _settle(hypo, locale, today, prefix=_t(
            locale, f"{'、'.join(a.label for a in alts)}结果相同，不影响计算：\n",
            f"{', '.join(a.label for a in alts)} give the same figure:\n"))
        if reply.result is not None:
            reply.alternatives = _merged(alts, locale)  # the possibilities stay named: none was picked
        return reply
    head = _t(locale, "不知道也没关系，按每种可能分别算给您（结果取决于医疗机构等级，我不替您选）：\n",
              "No problem: here is the figure for each possibility (it depends on the level; I won't pick one):\n")
    hint = _t(locale, _LEVEL_HINT_ZH, _LEVEL_HINT_EN)
    return _side_by_side(state, alts, head, hint, locale, said)


_FLAG_LABELS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "referral": (("未经转诊", "Not referred"), ("经签约机构转诊", "Referred by the signed institution")),
    "pharmacy": (("医院", "Hospital"), ("定点药店", "Pharmacy")),
    "family_doctor": (("未签家庭医生", "No family-doctor contract"), ("签了家庭医生", "Family-doctor contract")),
    "poverty_registered": (("非建档立卡", "Not registered poor"), ("建档立卡贫困人口", "Registered poor")),
    "signed": (("不是签约机构", "Not the signed institution"), ("是签约机构", "The signed institution")),
    "designated": (("不是定点机构", "Not designated"), ("是定点机构", "Designated")),
}


_FLAG_QUESTIONS: dict[str, tuple[str, str]] = {
    "pharmacy": ("这次是在医院（诊所、卫生院）看的，还是在药店买的药？两种报销方式不同。",
                 "Was this at a hospital (clinic) or a pharmacy? They are settled differently."),
    "designated": ("这家机构是医保定点的吗？不是定点的，统筹不支付。可以问收费处或拨打12393查询。",
                   "Is it a designated provider? The fund pays nothing at one that is not. The cashier or 12393 can tell you."),
    "signed": ("是在您签约的门诊统筹机构看的吗？", "Was it at your signed institution?"),
    "referral": ("是经签约机构转诊过去的吗？", "Were you referred by your signed institution?"),
    "family_doctor": ("签了家庭医生吗？", "Do you have a family-doctor contract?"),
    "poverty_registered": ("是建档立卡贫困人口吗？", "Are you registered as poor (建档立卡)?"),
}
_FLAG_HINTS: dict[str, tuple[str, str]] = {
    "pharmacy": ("结算单或发票上写着是医院还是药店。", "The slip or receipt says whether it was a hospital or a pharmacy."),
    "designated": ("是不是医保定点，可以问收费处或拨打12393查询。",
                   "The cashier or the 12393 hotline can tell you whether it is designated."),
}


def _flag_alternatives(state: SessionState, locale: str, today: dt.date, said: Facts | None = None) -> Reply | None:
    """Each combination of the yes/no facts the person does not know, settled side by side."""
    import itertools

    flags = state.unknown_flags
    alts: list[Alternative] = []
    for combo in itertools.product((False, True), repeat=len(flags)):
        change: dict[str, Any] = dict(zip(flags, combo, strict=True))
        label = _t(locale, "，", ", ").join(_t(locale, *_FLAG_LABELS[f][int(v)]) for f, v in change.items())
        if "referral" in change:
            change.update(referral="county_tcm", signed=False) if change["referral"] else change.update(
                referral=None, signed=False)
        if "pharmacy" in change:
            change.update(provider_kind="pharmacy" if change.pop("pharmacy") else "hospital")
        if change.get("signed") is False and "referral" not in flags:
            change["referral"] = None
        alt = _settled_as(state, msgspec.structs.replace(state.known, **change), label, today)
        if alt is None:
            return None
        alts.append(alt)
    state.asking = None
    flags = list(flags)
    state.unknown_flags = []
    state.shown_flag = flags[0] if len(flags) == 1 else ""
    head = _t(locale, "不清楚也没关系，按每种情况分别算给您（我不替您选）：\n",
              "No problem: here is the figure for each case (I won't pick one):\n")
    hint = _t(locale, *_FLAG_HINTS[flags[0]]) if flags and flags[0] in _FLAG_HINTS else _t(
        locale, "家庭医生签约和建档立卡身份可以问签约的卫生院（社区）或村委会；签约机构写在签约协议上。",
        "Your signed clinic or village committee can tell you about the family-doctor contract and poverty "
        "registration.")
    return _side_by_side(state, alts, head, hint, locale, said)


def _position_alternatives(state: SessionState, locale: str, today: dt.date, said: Facts | None,
                           asked_again: bool = False) -> Reply | None:
    """This year's position not known: the figure if it is the first bill and if the deductible is met.

    ``asked_again``: the person, told it is not the year's first bill, was asked how much of the
    deductible went and does not know — both ends then (none of it yet, all of it), never the same
    question again."""
    known = state.known
    if known.claimed_before or (known.first_visit_this_year is False and not (
            asked_again and not state.ledger and known.deductible_met is None and known.fund_paid is None
            and known.deductible_used is None and known.prior_unreimbursed is None)):
        return None  # 今年第二回，第一回花了多少忘了: not the first — what is left of the deductible is asked
    lowest = (("起付线还一点没扣", "None of the deductible used yet") if known.first_visit_this_year is False
              else ("今年第一次", "First bill this year"))
    cases = [(lowest, {"first_visit_this_year": True}),
             (("起付线已扣满", "Deductible already met"), {"deductible_met": True})]
    alts: list[Alternative] = []
    for (zh, en), change in cases:
        trial = msgspec.structs.replace(state.known, **change)
        try:
            visit = calculate(convert_request(_request(trial, state.ledger, today))).visits[-1]
        except CalculatorError:
            return None
        alts.append(_alt_of(_t(locale, zh, en), visit))
    state.asking = None
    head = _t(locale, "不清楚也没关系，按两种情况分别算给您（起付线今年扣了多少，决定这次先扣多少）：\n",
              "No problem: here are both cases (how much of the deductible is used decides this visit):\n")
    hint = _t(locale, "今年之前的门诊结算单上有“起付标准累计”，或问医院收费处、拨打12393可以查到。",
              "Earlier settlement slips, the hospital cashier or the 12393 hotline can tell you.")
    return _side_by_side(state, alts, head, hint, locale, said)


_LEVEL_SLOTS = ("provider_level", "prescribed_at_level")


def _level_position_alternatives(state: SessionState, locale: str, today: dt.date,
                                 said: Facts | None) -> Reply | None:
    """Neither the level nor this year's position known: each level, as the year's first bill and
    with the deductible met, side by side (the calculator settles each; none is picked)."""
    if state.known.first_visit_this_year is False or state.known.claimed_before:
        return None
    cases = [(("今年第一次", "first bill this year"), {"first_visit_this_year": True}),
             (("起付线已扣满", "deductible already met"), {"deductible_met": True})]
    alts: list[Alternative] = []
    for (zh, en), change in cases:
        trial = msgspec.structs.replace(state, known=msgspec.structs.replace(state.known, **change), asking=None)
        reply = _alternatives(trial, locale, today, said)
        if reply is None or not reply.alternatives:
            return None
        alts += [msgspec.structs.replace(a, label=_t(locale, f"{a.label}，{zh}", f"{a.label}, {en}"))
                 for a in reply.alternatives]
    state.asking = None
    head = _t(locale, "医院等级和今年起付线的情况都不清楚也没关系，按每种可能分别算给您（我不替您选）：\n",
              "No problem: here is each possibility, by level and by how much of the deductible is used "
              "(I won't pick one):\n")
    hint = _t(locale, _LEVEL_HINT_ZH + "今年之前的门诊结算单上有“起付标准累计”，或问医院收费处、拨打12393可以查到。",
              _LEVEL_HINT_EN + " Earlier slips, the cashier or the 12393 hotline can tell you the deductible used.")
    levels = list(dict.fromkeys(level for a in alts for level in a.label.split(_t(locale, *_LABEL_FACTS))[0]
                                .split(_t(locale, *_LABEL_JOINED))))
    return _side_by_side(state, alts, head, hint, locale, said,
                         quick=levels + _t_list(locale, ["今年第一次", "起付线已扣满"],
                                                ["First bill this year", "Deductible already met"]))


#: 上一次也是小钱 / 之前花得不多: earlier spending said to be small
#: 分开算还是一起算 / 合并计算吗 / 单独算: how a rule counts two things
_HOW_COUNTED = rx.compile(r"分开算|一起算|合并(?:计算|算)|单独(?:算|计算)|分别(?:算|计算)|共用|各算各的")
#: 限额是多少 / 起付线多少 / 比例是几: one of the document's figures asked for
_PARAMETER_ASKED = rx.compile(r"(?:如果|要是|假如|假设|万一|若是)[^?？。]{0,16}?(?:限额|封顶线?|起付线|起付标准|门槛费?|报销比例|支付比例|比例)"
                              r"(?:是|为|有|会是|变成|就是)?(?:多少|几|啥|什么)")
_SMALL_BEFORE = rx.compile(r"小钱|没多少|没几个钱|不多|几十块|一点点|没花多少|花得不多|花的不多")

#: 在职转退休，从哪个月开始按退休比例报: when the retiree's rules start — the article that says it
_SWITCH_MONTH = rx.compile(r"(?:转|办|办了|办完|刚)?退休[^。？?]{0,14}(?:从哪个?月|哪个月|几月份?|什么时候|啥时候|何时|从什么时候|从哪天|哪一天)"
                           r"(?:开始|起)?|(?:from|in) which month|when does (?:the )?retir")

#: 剩下的1270能用个人账户吗: the person's share of the bill just worked out
_USE_FOR_THEM = rx.compile(r"(?:给|帮|替)(?:她|他|我妈|我爸|孩子|老伴|老婆|老公)|\bfor (?:her|him|them)\b")
_MY_ACCOUNT = rx.compile(r"我(?:的)?(?:个人)?账户|我(?:的)?个账|我(?:的)?(?:医保)?卡里|我(?:的)?医保卡|\bmy (?:personal )?account")
_ACCOUNT_PAY_ASKED = rx.compile(r"(?:个人账户|账户|个账|医保卡)[^,，。0-9]{0,6}?(?:能|可以|可不可以|能不能)(?:帮|给|替)?[^,，。0-9]{0,3}?(?:付|支付|刷|用)")
_REST_OF_BILL = rx.compile(r"剩下|其余|余下|剩余|自己(?:掏|付|出)的(?:部分|钱)?|个人(?:负担|自付)的(?:部分|钱)?|the rest|remaining")

_NOTHING_CLAIMED = rx.compile(r"没(?:有)?报|未报|尚未报")
#: 第一次那个单子 / 上次的结算单: the slip of an earlier visit of the year
#: 九月那次 / 三月份那次 / 上个月那次 / 社区那次 / 三级医院那次 / 药店那次 / 第二次的单子: an earlier visit named
_VISIT_NAMED = rx.compile(r"(?:(?P<month>[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月份?|(?P<rel>这个月|本月|上个月|上月)"
                          r"|(?P<place>社区|卫生院|卫生室|诊所|药店|药房|[一二三]级医院|三甲|二甲))(?:的)?(?:那次|那回|那一次)"
                          r"|第(?P<nth>[一二三四1-4])(?:次|回)(?:的|那次的|那张|那个)?(?:单子|结算单|发票)")


def _slip_visit_named(state: SessionState, text: str, facts: Facts, today: dt.date) -> int | None:
    """The index in the ledger of the earlier visit a slip figure of this message is said of (九月那次医院报了150,
    社区那次单子…65, 第二次的单子): exactly one visit of the ledger fits its month, place or place in order; None
    when the message names none, or the visit it names is this one, or more than one fits."""
    if not state.ledger or not any(getattr(facts, n) is not None for n in _SLIP_FIELDS):
        return None
    m = _VISIT_NAMED.search(text)
    if m is None:
        return None
    if m.group("nth"):
        n = int(parse_number(m.group("nth")) or 0)
        return n - 1 if 0 < n <= len(state.ledger) else None
    if m.group("month") or m.group("rel"):
        word = m.group("month")
        month = int(parse_number(word) or 0) if word else \
            today.month if m.group("rel") in ("这个月", "本月") else (today.month - 2) % 12 + 1
        fits = [i for i, v in enumerate(state.ledger) if (v.month or today.month) == month]  # (no month: today's)
        if (state.known.month or today.month) == month:
            return None  # this visit is of that month too (or it is this one): checked as this one's, as before
    else:
        place = m.group("place")
        level = 1 if place in ("社区", "卫生院", "卫生室", "诊所") else int("一二三".index(place[0]) + 1) \
            if place[0] in "一二三" else 3 if place == "三甲" else 2 if place == "二甲" else None
        pharmacy = place in ("药店", "药房")
        fits = [i for i, v in enumerate(state.ledger)
                if (v.provider_kind == "pharmacy") == pharmacy and (pharmacy or v.provider_level == level)]
        if (state.known.provider_kind == "pharmacy") == pharmacy and (pharmacy or state.known.provider_level == level):
            return None  # this visit is of that place too: which one is not said (checked as this one's, as before)
    return fits[0] if len(fits) == 1 else None


_EARLIER_SLIP = rx.compile(r"(?:第一次|头一次|第一回|头一回|上次|上一次|前一次|上回)(?:看病)?(?:那个|那张|的|那次的)?(?:单子|结算单|发票|票)")
#: the question after 统筹还没报过: how much of the deductible is used (a bare number answers it)
_DEDUCTIBLE_USED_Q = "deductible_used"

#: 一次性补缴 / 补缴保费: a lump-sum back payment of contributions
_TOP_UP = rx.compile(r"补缴|补交|一次性缴|一次性交|back[- ]?pay")

#: 我自己该付多少 / 现金要付多少 / 要掏多少: the person's share of the bill asked
_HOW_MUCH_PAID = rx.compile(r"(?:该|要|得|需要|还要|还得)?(?:付|掏|出|交|给)(?:多少|几多|好多)|自己(?:付|掏|出)多少|how much (?:do|will|would) i pay")

#: 也能报吗 / 能不能报 / 可以报销不: whether a bill is paid at all
_CAN_CLAIM = rx.compile(r"(?:能|可以|可|给)(?:不能|不可以)?报(?:销)?(?:吗|么|嘛|不|没)|能不能报|可不可以报|报不报|给不给报")

#: 这是统筹报的 / 那个是自费的: the answer to “what is the 150?” naming it by a pointing word
_POINTS_BACK = rx.compile(r"(?P<this>这|那|它)(?:个|笔|一笔|个数)?(?=是|为|算)")

#: 那个150不用管 / 不算这笔: a number asked about, which the person says is not part of this bill
_LEAVE_OUT = rx.compile(r"不用(?:管|算|理)|不要算|别算|别管|不算(?:这笔|那笔|它|进去|在内)|忽略|无关|没关系|不相干"
                        r"|leave (?:it|that) out|ignore (?:it|that)|not part of|doesn't matter|does not matter")


def _held_in(known: Known, figure: str) -> bool:
    """Whether a field of ``known`` other than the bill's total holds the number ``figure`` said."""
    from .amounts import extract_amounts

    values = {a.value for a in extract_amounts(figure)}
    return any(isinstance(v := getattr(known, k), Decimal) and v in values
               for k in known.__struct_fields__ if k != "amount")


def _ask_unplaced_again(state: SessionState, figure: str, locale: str) -> Reply:
    """The number asked about before is still not placed: asked once more, in other words, with a
    way out — a figure that silently left it out could be wrong."""
    state.asking = "amount_role"
    return Reply(
        text=_t(locale, f"算之前还要先弄清您前面说的“{figure}”：它是这次的总费用、其中自费或乙类的部分、今年统筹已报销的钱，"
                        "还是结算单上的数？如果它和这次的账无关，请点“不算这笔”。",
                f"Before working it out: the “{figure}” you mentioned — is it this bill's total, a self-pay or "
                "class-B part, what the fund paid earlier this year, or a figure on the slip? If it has nothing to "
                "do with this bill, tap “Leave it out”."),
        asking="amount_role", intent="calculate",
        quick_replies=_t_list(locale, ["本次总费用", "其中自费", "其中乙类药", "今年统筹已报销", "结算单上统筹支付", "不算这笔"],
                              ["Total of this bill", "Self-pay part", "Class-B drugs part", "Fund already paid this year",
                               "Fund figure on the slip", "Leave it out"]))


def _bill_check(state: SessionState, locale: str, today: dt.date, said: Facts | None = None) -> Reply:
    from .slipcheck import check_slip

    known = state.known
    state.asking = None
    slip: dict[str, Decimal] = {"fund_pays": known.slip_fund} if known.slip_fund is not None else {}
    if known.slip_personal is not None:
        slip["personal_pays"] = known.slip_personal
    if known.slip_cash is not None:
        slip["cash_pays"] = known.slip_cash
    if known.slip_account is not None:
        slip["account_pays"] = known.slip_account
    if known.slip_first_self_pay is not None:
        slip["first_self_pay"] = known.slip_first_self_pay
    if known.slip_deductible is not None and slip:
        slip["deductible_applied"] = known.slip_deductible
    if known.slip_excluded is not None and slip:
        slip["excluded"] = known.slip_excluded  # (with a line of what was paid: alone, it checks nothing the person asked)
    try:
        current = msgspec.structs.replace(known, **{n: None for n in _SLIP_FIELDS})
        if known.account_balance is None and known.slip_account:
            # 个人账户扣了200 with no balance said: the account held at least what it paid — checked so
            current = msgspec.structs.replace(current, account_balance=known.slip_account)
        if state.ledger:
            # the slip is this visit's: the earlier visits this year give its year position (calculator)
            before = calculate(convert_request(_request(state.ledger[-1], state.ledger[:-1], today)))
            current = msgspec.structs.replace(current, deductible_used=before.year_end.deductible_used,
                                              fund_paid=before.year_end.fund_paid, first_visit_this_year=None,
                                              deductible_met=None, deductible_remaining=None, prior_unreimbursed=None)
            if known.account_balance is not None and not state.balance_now and not known.balance_at_least \
                    and before.year_end.account_balance is not None:
                # 个人账户有五百 said with the year's first visit: what the earlier visits left of it is this
                # visit's balance (calculator), as the answer settled it
                current = msgspec.structs.replace(current, account_balance=before.year_end.account_balance)
        req = convert_request(_request(current, [], today))
        # 今年第一次 said: the year's position is the person's own — a cause "had the fund paid 800
        # earlier this year" would contradict them, and is not offered
        held = frozenset(("deductible_position", "fund_paid_position")) \
            if known.first_visit_this_year is True and not state.ledger else frozenset()
        body, text = check_slip(req, slip, locale, held)
    except CalculatorError as exc:
        return Reply(text=exc.message, intent="bill_check")
    except (ValueError, KeyError):  # pragma: no cover - a slip the check cannot read
        state.asking = _SLIP_FUND_FIGURE  # (the figure in answer is the slip's fund line, never the bill)
        return Reply(text=_t(locale, "请告诉我结算单上“统筹基金支付”是多少钱，我来核对。",
                             "What does the slip show the fund paid? I will check it."),
                     asking="amount", intent="bill_check")
    inferred, state.slip_inferred = state.slip_inferred, None
    pack = get_pack(req.policy)
    # (南昌居民 签约卫生院500，报了300: no deductible, no cap — a fund figure can mean no year's position)
    year_matters = bool(pack.cap or pack.deductible) or not re.search(r"报|统筹|医保|基金", inferred or "")
    if inferred and year_matters and body.get("verdict") != "matches" and set(slip) == {"fund_pays"}:
        # 两千五 起付线扣了 统筹报了三百: read as this bill's slip figure from its place alone, and the
        # document does not give it — it may as well be what the fund paid earlier this year (one blind
        # writer in six read it so). Which one is asked; a check that disagrees is never given on a guess.
        figure = f"{known.slip_fund:.2f}".removesuffix(".00")
        state.known = msgspec.structs.replace(known, slip_fund=None)
        state.pending_amount, state.pending_part = figure, False
        state.asking = "amount_role"
        return Reply(
            text=_t(locale, f"您说的“{inferred}”，是这次结算单上统筹支付的钱，还是今年之前统筹已经报销的钱？两种算法结果不同。",
                    f"The “{inferred}” you mentioned: is it what the fund paid on this bill's slip, or what the "
                    "fund had paid earlier this year? The two give different figures."),
            asking="amount_role", intent="calculate",
            quick_replies=_t_list(locale, ["结算单上统筹支付", "今年统筹已报销"],
                                  ["Fund figure on the slip", "Fund already paid this year"]))
    state.checked = True
    # the settlement the slip was checked against is the reply's result too (a follow-up such as
    # 那账户扣多少 or a corrected level answers from it, and a client reads one place for figures)
    return Reply(text=text, bill_check=body, intent="bill_check", result=body.get("result"),
                 understood=_understood(known, said, locale),
                 quick_replies=_t_list(locale, ["重新开始"], ["Start over"]))


def _keep_unknown(state: SessionState, u: Understanding) -> None:
    """A fact the message says is not known, kept in the state while another question is asked first."""
    if u.unknown and u.unknown[0] not in _FLAG_LABELS and state.unknown is None:
        state.unknown, state.unknown_options = u.unknown[0], list(u.unknown_options)
    if flags := [f for f in u.unknown if f in _FLAG_LABELS]:
        state.unknown_flags = flags


def _keep_beside_unplaced(state: SessionState, u: Understanding) -> None:
    """What a message says beside a number it leaves unplaced, kept while that number is asked about: the year's
    position (or a flag) said not known, and a self-pay part said without a sure figure — never lost to the
    question (单子上写着一千零八十，其中有两百多是自费的，今年是不是第一次我也不清楚)."""
    _keep_unknown(state, u)
    rough_part = any(sp.slot == "part" and sp.note == "approximate" for sp in u.spans)
    if (rough_part or u.items_unquantified) and not any(getattr(u.facts, f) is not None for f in ITEM_FIELDS):
        state.part_untold = _rough_said(u, "part") if rough_part else ""


def _fill(state: SessionState, facts: Facts, u, message: str, today: dt.date | None = None) -> SessionState:
    """Merge what the message says; an answer to our question fills that fact."""
    known = _merge(state.known, facts)
    if facts.year is not None and today is not None and facts.year != (state.known.year or today.year) \
            and not any(getattr(facts, n) is not None for n in _YEAR_POSITION):
        # 这是去年12月看的: the visit moved to another year — what was said of this year's position
        # (今年第一次, 统筹今年报了…) is not that year's; asked again, never carried across
        known = msgspec.structs.replace(known, **{n: None for n in _YEAR_POSITION})
    asking = state.asking
    if asking == _DEDUCTIBLE_USED_Q and facts.amount is not None and not any(
            getattr(facts, n) is not None for n in _YEAR_POSITION):
        # 统筹还没报过 → 起付线扣了多少？→ 150: what of the deductible was used; the bill stays the bill
        known = msgspec.structs.replace(known, amount=state.known.amount, deductible_used=facts.amount,
                                        first_visit_this_year=False)
        asking = "year_start"
    elif asking == _DEDUCTIBLE_USED_Q:
        asking = "year_start"
    if asking == "year_start":
        # (结算单显示统筹支付162.50，个人现金687.50 — the slip's lines, adding up to the bill: no figure of
        # the year; the bill said again is the bill)
        slip_said = any(getattr(facts, n) is not None for n in _SLIP_FIELDS)
        if facts.fund_paid is None and facts.deductible_used is None and not facts.first_visit_this_year \
                and not facts.deductible_met and facts.amount is not None and not slip_said \
                and facts.amount != state.known.amount:
            if _THIS_BILL_SAID.search(message.strip()) and not _FUND_WORD.search(message):
                # (今年报销过吗？→) 这次花了二百五: this bill said again (set right) — not the spending before it
                known = msgspec.structs.replace(known, amount=facts.amount)
            elif (_SPENT.search(message) or _FIRST_ONE_COST.match(message.strip())) and not _FUND_WORD.search(message):
                # 看过，花了400: what the earlier visits cost, not what the fund paid (as 之前花了400 is);
                # 第一回是130块: what the year's first visit cost
                known = msgspec.structs.replace(known, amount=state.known.amount, prior_unreimbursed=facts.amount,
                                                first_visit_this_year=False)
            else:
                known = msgspec.structs.replace(known, amount=state.known.amount, fund_paid=facts.amount,
                                                deductible_met=True)
        elif facts.deductible_met is None and not facts.first_visit_this_year and _BARE_MET.search(message):
            # 确定扣过了: the answer to the year's-position question names the deductible by its verb only
            known = msgspec.structs.replace(known, deductible_met=True)
        elif ("报过" in message or "has paid" in message.lower() or "claimed" in message.lower()) \
                and "year_start" not in u.unknown and not re.search(r"报(?:销)?(?:没|过没)|有没有报|是否报", message) \
                and facts.fund_paid is None and not facts.first_visit_this_year and not facts.deductible_met:
            # (报没报过不清楚: whether it was claimed is what is not known — never taken as claimed)
            known = msgspec.structs.replace(known, claimed_before=True)
    if asking in ("provider_grade", "prescribed_at_grade") and getattr(facts, asking) is None and not u.unknown \
            and not any(sp.note == "doubted" for sp in u.spans):  # (好像是三级乙等吧？不太确定: a doubt, not an answer)
        named = [grade for word, grade in (("甲", "A"), ("乙", "B"), ("丙", "C")) if word in message]
        if len(named) == 1:  # (三级还分甲乙？: two grades named — a question back, not an answer)
            known = msgspec.structs.replace(known, **{asking: named[0]})
    if (asking == "prescribed_at_level" or (state.known.provider_kind == "pharmacy" and facts.provider_kind is None
                                            and re.search(r"处方|方子|prescri", message))) \
            and facts.prescribed_at_level is None and facts.provider_level:
        # (在药店买药 → 处方是平凉市第二人民医院开的，三级甲等: the level is the prescription's)
        known = msgspec.structs.replace(known, prescribed_at_level=facts.provider_level,
                                        prescribed_at_grade=facts.provider_grade, provider_level=None,
                                        provider_kind="pharmacy", provider_grade=None)
    if asking in ("prescribed_at_level", "prescribed_at_grade") and state.known.provider_kind == "pharmacy" \
            and facts.provider_kind == "hospital" and facts.provider_level is None and not u.unknown:
        # (处方是三级的 → 开处方的是甲等还是乙等？ → 甲等的 平凉市人民医院: the hospital named is the
        # prescription's — the visit is still the pharmacy's, and the name sets no level of its own)
        known = msgspec.structs.replace(known, provider_kind="pharmacy", provider_grade=None, big_hospital=None,
                                        prescribed_at_grade=known.prescribed_at_grade or facts.provider_grade)
    if asking == "provider_kind" and facts.signed is None and facts.referral is None:
        if "别的" in message or "其他" in message or "another" in message.lower():
            known = msgspec.structs.replace(known, signed=False)
        elif "签约" in message:
            known = msgspec.structs.replace(known, signed=True)
    state.known = known
    return state


#: (过了 / 早过了 alone, in answer to that question: the deductible, passed)
_BARE_MET = rx.compile(r"^(?:确定|肯定|是的?|对|嗯|已经)?[,， ]*(?:已经|早就|早)?(?:扣(?:过|完|满)(?:了)?(?![^,， ]{0,3}(?:吗|没|\?))"
                       r"|(?:过|够|满)了[。.!！~ ]*$)")


def _compare(state: SessionState, u, locale: str) -> Reply:
    named = list(u.alternatives.get("city", ())) or ([u.facts.city] if u.facts.city else [])
    covered = cities()
    named_covered = [c for c in covered if c in named]
    texts = []
    for city in named_covered or covered:
        known = msgspec.structs.replace(state.known, city=city, policy=None)
        if _policy(known) is None:
            known = msgspec.structs.replace(known, category=known.category or "employee")
        texts.append(_policy_fact(known, locale).text)
    return Reply(text="\n\n".join(texts), intent="compare", quick_replies=["帮我算一笔"])


def _account_answer(state: SessionState, u, locale: str, today: dt.date) -> Reply:
    return answer_account(state, u, locale, today)


def ask_once(message: str, locale: str = "zh-CN") -> ChatReply:
    """``mingbai ask``: one turn on a fresh state, no session kept."""
    _, reply = turn(new_state(), message, locale)
    return ChatReply(session_id=None, reply=reply)


#: one made-up visit per pack and reply kind: run once at server start-up
_WARM_UP = ("南昌退休 三级医院 1200 今年第一次", "南充在职 二级 800 起付线过了 统筹报了300", "平凉退休 三甲 900 今年第一次",
            "南昌居民 签约卫生院 300", "西安在职 社区 600 今年第一次", "南昌在职 药店 500 三级医院开的处方 今年第一次",
            "Nanchang retiree, level 3 hospital, 1200 yuan, first visit this year", "南昌退休 三级 1200 今年第一次 医院报了330 对吗",
            "起付线是多少")


def warm_up(today: dt.date | None = None) -> None:
    """Run a few made-up turns so the first person's answer does not pay for compiling and loading
    (patterns, packs, templates: ~250 ms once). Nothing is stored or logged."""
    when = today or dt.date.today()
    for message in _WARM_UP:
        turn(new_state(), message, "en" if message.isascii() else "zh-CN", today=when)


# Warmed when the module is first imported, so that any process answering turns — the server, a
# kiosk's embedding, a benchmark — answers its first people at the speed of its later ones (a cold
# first answer took 50–130 ms against ~1–3 ms warm). One-shot commands (``mingbai ask``) set
# MINGBAI_NO_WARMUP=1: they answer one turn and exit.
if os.environ.get("MINGBAI_NO_WARMUP") != "1":
    warm_up()

