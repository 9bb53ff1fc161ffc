"""``understand(message)``: the intent of one chat message and the facts it states.

Deterministic: NFKC + a small traditional→simplified table, precompiled patterns and gazetteers,
cn2an only on numeral spans our own patterns extracted. No language model.

How facts are resolved when a message names a slot more than once:

* negated mentions set nothing (不是三级，是二级 → level 2); for yes/no facts a negation sets the
  opposite (非定点 → ``designated=False``, 没备案 → ``offsite_filed=False``);
* an explicit mention beats an implied one (二级的卫生院 → level 2, though 卫生院 implies level 1);
* otherwise the last mention wins (a correction follows what it corrects);
* amounts: an amount a money word labels beats an unlabelled one, the first wins unless a
  correction word (不对, 应该是…) stands between them; approximate amounts (一千多) are not facts.

Values: ``city`` is the Chinese name (南充, 西安, 南昌, 平凉; :data:`CITIES` maps it to the prefix
of its policy ids), ``district`` and ``other_city`` are Chinese names too; every other choice is an
English code (``employee``, ``retiree``, ``hospital``, ``pharmacy``, ``A``…); money is ``Decimal``
with two places.

Derived facts:

* ``scheme`` follows from the category (退休/在职/灵活就业 → employee, 居民 → resident);
* ``policy``: 西安/南充/平凉 → their employee policy (unless the resident scheme is named: those
  cities have no resident policy here, so None); 南昌 + resident → ``nanchang-resident``; 南昌 +
  employee scheme or an employee category → ``nanchang-employee``; 南昌 alone → None;
* a district sets its city; weak districts (高新区, 经开区, 曲江, 新城区, 西湖区) only when no other
  city is named;
* with a pharmacy (or in a clause about the prescription, 处方/方子), a level and grade are the
  prescribing institution's: ``prescribed_at_level``/``prescribed_at_grade``, and the hospital
  named there is not the provider;
* ``offsite_filed`` given (备案 / 没备案) implies ``offsite=True``;
* ``beneficiary`` and ``account_use`` are only filled for ``account_use`` and ``account_credit``
  messages;
* for ``compare``, a slot with two or more values (南充和南昌) is None in ``facts`` and listed in
  ``alternatives``; ``policy`` is then derived from what remains.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from typing import Any

import msgspec
from msgspec.structs import astuple

from . import rx
from .amounts import ILLEGIBLE_LINE, Amount, correction_between, extract_amounts, parse_number
from .dates import DateMention, anchor_dates, find_dates
from .gazetteer import Hit, _first_chars, find_account_uses, find_beneficiaries, find_places, find_slots, pack_words
from .intents import FIGURE_WAS_A_STAY, Evidence, classify, is_correction, mentions_account
from .normalise import normalise
from .state import schemes_of

__all__ = ["POLICIES", "Facts", "Span", "Understanding", "policy_for", "understand"]

POLICIES = ("nanchang-employee", "nanchang-resident", "nanchong-employee", "pingliang-employee", "xian-employee")


class Facts(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What a message says; every field None when the message does not say it."""

    policy: str | None = None
    #: the fund has paid something this year, how much not said (今年统筹报了不少了)
    claimed_before: bool | None = None
    #: a slip's fund line named with no figure (…统筹支付 at the end): the figure is asked
    slip_field_empty: bool | None = None
    #: the whole bill told before is this item (…开的中药呢): the field it fills
    all_item: str | None = None
    city: str | None = None  # 南充 | 西安 | 南昌 | 平凉
    district: str | None = None  # canonical name, e.g. 阆中市, 鄠邑区, 南昌县
    other_city: str | None = None  # a city 明白账 does not cover (成都, 杭州…)
    scheme: str | None = None  # employee | resident
    category: str | None = None  # employee | retiree | flexible | resident
    provider_kind: str | None = None  # hospital | pharmacy
    provider_level: int | None = None  # 1 | 2 | 3
    provider_grade: str | None = None  # A | B | C
    prescribed_at_level: int | None = None
    prescribed_at_grade: str | None = None
    signed: bool | None = None
    referral: str | None = None  # county_tcm
    family_doctor: bool | None = None
    poverty_registered: bool | None = None
    designated: bool | None = None
    inpatient: bool | None = None
    offsite: bool | None = None
    offsite_filed: bool | None = None
    amount: Decimal | None = None  # the bill's total
    self_pay: Decimal | None = None
    class_b_drug: Decimal | None = None
    first_visit_this_year: bool | None = None
    deductible_met: bool | None = None
    deductible_used: Decimal | None = None
    fund_paid: Decimal | None = None
    account_balance: Decimal | None = None
    #: the balance was said as “at least” (卡里有1000多): settled on its floor only where that cannot matter
    balance_at_least: bool | None = None
    #: the balance was said as about a figure (账户年初大概有八百): settled on it only where the exact one cannot matter
    balance_around: bool | None = None
    #: the fund figure said is a floor (统筹报了八十多: 80 up to below 90)
    fund_at_least: bool | None = None
    #: …and the top of its span, when said as a span of its own (统筹报了几百: 100 up to 999.99)
    fund_up_to: Decimal | None = None
    #: the year's fund figure said roughly both ways (大概400, 1500左右): settled where the range cannot matter
    fund_around: bool | None = None
    #: the spending before this visit was said as a floor (今年门诊花过一千多: 1000 up to below 2000)
    prior_at_least: bool | None = None
    #: the share of the year's cap already used, as said (额度用了一半: ½); the figure is the calculator's
    cap_share: Decimal | None = None
    #: what is left of the year's cap, as said (统筹还差100就封顶了); the fund's figure is the calculator's
    cap_left: Decimal | None = None
    #: an earlier visit's level was not said and is taken as the next visit's (checked not to matter)
    provider_assumed: bool | None = None
    #: a place named anew with no level of its own (在县医院花咧六百): a level said before is not this one's
    new_place: bool | None = None
    #: the bill was added up from the parts named (乙类药品三百 甲类两百 → 500), none of them a total
    amount_of_parts: bool | None = None
    #: items of the bill (inside its total), by the calculator's item category
    consultation: Decimal | None = None
    tcm: Decimal | None = None
    dual_channel: Decimal | None = None
    prenatal: Decimal | None = None
    class_b_service: Decimal | None = None
    #: how much of the year's deductible is still to be borne (起付线还差200)
    deductible_remaining: Decimal | None = None
    #: an earlier bill this year the fund paid nothing on (花了300没报)
    prior_unreimbursed: Decimal | None = None
    #: figures read off a settlement slip, to be checked (医院给我报了300，对吗)
    slip_fund: Decimal | None = None
    slip_personal: Decimal | None = None
    slip_cash: Decimal | None = None
    slip_account: Decimal | None = None
    #: the slip's 乙类先行自付 line (the class-B share paid first), checked against the calculator's
    slip_first_self_pay: Decimal | None = None
    #: the slip's 不予支付 line (what the fund pays none of), checked against the calculator's excluded
    slip_excluded: Decimal | None = None
    #: the slip's 起付线 line (what this bill paid towards the deductible), checked against the calculator's
    slip_deductible: Decimal | None = None
    #: figures the person reads off their own slip for a document that leaves them to the bureau (西安)
    stated_deductible: Decimal | None = None
    stated_cap: Decimal | None = None
    stated_ratio: Decimal | None = None
    stated_ratio_level: int | None = None
    #: every level's ratio read off the slip or notice (一级60%，二级55%，三级50%): a later visit at another
    #: level is settled on its own line, never asked again
    stated_ratios: dict[int, Decimal] | None = None
    #: 其他一样 / 起付线和限额一样: the figures read off the slip before hold for this case too
    stated_same: bool | None = None
    retired_year: int | None = None
    retired_month: int | None = None
    retired_day: int | None = None
    #: a visit dated relative to today (昨天 1, 前天 2, 上周 7) or last month
    days_ago: int | None = None
    months_ago: int | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    beneficiary: str | None = None  # self | spouse | parent | child | family | other
    account_use: str | None = None  # medicine | hospital | checkup | fitness | wellness | cash | …

    age: Decimal | None = None  # an age said (我68): placed, never money

    def said(self) -> dict[str, Any]:
        """The facts the message states, as a dict (fields that are None left out)."""
        return {f: v for f, v in zip(self.__struct_fields__, astuple(self), strict=True) if v is not None}


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """What text matched what (for debugging); positions index ``Understanding.text``."""

    start: int
    end: int
    text: str
    slot: str
    value: str
    note: str | None = None  # negated | approximate | weak | prescription | ignored | doubted | not_level_one


class Understanding(msgspec.Struct, frozen=True, kw_only=True):
    intent: str
    facts: Facts
    correction: bool = False
    #: policy_fact: deductible | ratio | cap; out_of_scope: inpatient_bill | chronic_disease
    topic: str | None = None
    #: a bill amount said only roughly (一千多, 大概一千二): not a fact, but worth asking about
    approximate_amount: Decimal | None = None
    #: slots named with two or more different values, in order of mention (南充和南昌 → city)
    alternatives: dict[str, tuple[str | int, ...]] = msgspec.field(default_factory=dict)
    spans: tuple[Span, ...] = ()
    text: str = ""  # the normalised message
    #: numbers the message holds whose role no word says (a second bare amount): asked about
    unplaced: tuple[str, ...] = ()
    #: the first unplaced number is a named part of this bill (其中检查费300), quoted with its words
    unplaced_part: str | None = None
    #: the first unplaced number is a slip's figure with no field named (单子上300), quoted with its words
    unplaced_quote: str | None = None
    #: a fund figure read as this bill's slip figure from its place alone (起付线过了 1千 统筹报了六百),
    #: quoted with its words: checked only if the slip then agrees; otherwise what it is gets asked
    slip_inferred: str | None = None
    #: two statements that disagree, each quoted as written (今年第一次 / 统筹已经报了300)
    conflict: tuple[str, ...] = ()
    #: what the two statements disagree about: year_start, provider_level, category, a bill field…
    conflict_slot: str = ""
    #: the deductible said met beside the year's visits listed in full (quotes of both): a conflict when
    #: the earlier visits fall short of the deductible
    met_with_visits: tuple[str, ...] = ()
    #: facts the person says they do not know (provider_level, prescribed_at_level, provider_grade…)
    unknown: tuple[str, ...] = ()
    #: values still possible for an unknown fact, when the message names some (二级还是三级)
    unknown_options: tuple[int | str, ...] = ()
    #: earlier visits the same message describes (their visit facts only), in the order said
    visits: tuple[Facts, ...] = ()
    #: the message is in English: reply in English
    english: bool = False
    #: the bill has self-pay or class-B items whose amount is not said (其中有些是自费的)
    items_unquantified: bool = False
    #: the message names only parts of a bill (中成药400): their sum stands for the total
    parts_only: bool = False
    #: a place name several cities share (西湖区), said with no city: the city is asked
    weak_place: str | None = None
    #: 给孩子看病 said with a category of the person writing: the child's scheme is asked (the words quoted)
    for_child: str | None = None
    #: digits grouped by a full-width comma as written (200，300): one number or two — asked
    grouped: str | None = None
    #: 一千二百 … 还有二百是自费的: a part said after the bill, inside it or on top not said —
    #: (the part as written, its field, the bill as written, the part's value); asked
    placement: tuple[str, str, str, Decimal] | None = None
    #: one total for two visits or two places (一共2000, 两家医院): each visit's amount is asked
    split_total: bool = False
    #: a percentage said (二级的话比例是60%): the ratio and the level it is for, if said
    ratio_said: tuple[Decimal, int | None] | None = None
    #: the facts a question put back holds (我不是退休吗: category) — the person's own, restated
    held_back: tuple[str, ...] = ()
    #: a class-B part said without whether it is a drug or a test, service or supply (其中120是乙类, and no
    #: word of medicine in the message): its figure as written — the dialogue asks where the two differ
    class_b_kind_open: str | None = None


def policy_for(city: str | None, scheme: str | None, category: str | None = None) -> str | None:
    """The policy id a city and scheme (or category) determine, or None."""
    if city is None:
        return None
    if scheme is None and category is not None:
        scheme = "resident" if category == "resident" else "employee"
    if city == "南昌":
        if scheme == "resident":
            return "nanchang-resident"
        if scheme == "employee":
            return "nanchang-employee"
        return None
    if scheme == "resident":
        return None
    prefix = pack_words()[0].get(city)
    return None if prefix is None else f"{prefix}-employee"


_CLAUSE = rx.compile(r"[,，。;；!！?？\n]|\.(?![0-9])|(?<![0-9])~(?![0-9])")  # (看门诊～不过: a pause; 800~900 a range)
_PRESCRIPTION = rx.compile(r"处方|方子|药方|(?:开的|开了|开)单子|单子(?:是|由)[^,，。]{0,8}开|prescri")  # (单子写二级: the slip, not a prescription)
_ALTERNATIVE_SLOTS = ("city", "scheme", "category", "provider_kind", "provider_level", "provider_grade")
#: the roles of a slip's own lines (what this bill's settlement paid: checked, never the bill)
_SLIP_ROLES = frozenset({"slip_fund", "slip_personal", "slip_cash", "slip_account", "slip_first_self_pay", "slip_excluded",
                         "slip_deductible"})
_ROLE_FIELD = {
    None: "amount",
    "total": "amount",
    "self_pay": "self_pay",
    "class_b_drug": "class_b_drug",
    "fund_paid": "fund_paid",
    "deductible_used": "deductible_used",
    "account_balance": "account_balance",
    "consultation": "consultation",
    "tcm": "tcm",
    "dual_channel": "dual_channel",
    "prenatal": "prenatal",
    "class_b_service": "class_b_service",
    "deductible_remaining": "deductible_remaining",
    "prior_unreimbursed": "prior_unreimbursed",
    "slip_fund": "slip_fund",
    "slip_personal": "slip_personal",
    "slip_cash": "slip_cash",
    "slip_account": "slip_account",
    "slip_first_self_pay": "slip_first_self_pay",
    "slip_excluded": "slip_excluded",
    "slip_deductible": "slip_deductible",
    "stated_deductible": "stated_deductible",
    "stated_cap": "stated_cap",
    "cap_left": "cap_left",
    "rest": "rest",
    "part": "part",
    "slip_unknown": "slip_unknown",
    "age": "age",
}
_USE_PRIORITY = ("resident_contribution", "serious_illness_contribution", "large_medical_contribution")


def _clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _CLAUSE.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _clause_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for lo, hi in bounds:
        if lo <= pos <= hi:
            return lo, hi
    return 0, 0


class _Slots:
    """Candidate values per slot; resolution by priority, then last mention."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, int, Any]] = {}
        self.seen: dict[str, list[Any]] = {}

    def offer(self, slot: str, value: Any, priority: int, pos: int, *, alternative: bool = True) -> None:
        current = self.best.get(slot)
        if current is None or (priority, pos) >= (current[0], current[1]):
            self.best[slot] = (priority, pos, value)
        values = self.seen.setdefault(slot, [])
        if alternative and value not in values:
            values.append(value)

    def get(self, slot: str) -> Any:
        found = self.best.get(slot)
        return None if found is None else found[2]


def _spans_for_hit(hit: Hit, note: str | None) -> list[Span]:
    return [
        Span(start=hit.start, end=hit.end, text=hit.text, slot=slot, value=str(value), note=note)
        for slot, value in hit.sets.items()
    ] or [Span(start=hit.start, end=hit.end, text=hit.text, slot="place", value="", note="ignored")]


_JOINER = rx.compile(r"[和跟与或还比,，、;；]")


def _qualified(text: str, hit: Hit, slot: str, explicit: list[Hit]) -> bool:
    """True when an explicit value sits right next to the word that implies one (二级的卫生院)."""
    for other in explicit:
        if slot not in other.sets:
            continue
        if slot == "provider_level" and hit.sets.get(slot) == 1 and other.sets[slot] == 3:
            continue  # 社区卫生服务中心（三级）: a primary-care centre is not level 3 — the two disagree
        lo, hi = (other.end, hit.start) if other.end <= hit.start else (hit.end, other.start)
        if 0 <= hi - lo <= 3 and not _JOINER.search(text, lo, hi):
            return True
    return False


#: 一共 / 总共 / 合计: the whole said in so many words
_SUM_CUE = rx.compile(r"一共|总共|合计|共计|总计|总共花了|一共花了|总费用|总额")


#: the words of a slip's figure that adds its lines up (合计, 总金额, 医疗费总额 …)
_SLIP_SUM_CUE = rx.compile(r"一共|总共|合计|共计|总计|总费用|总额|总金额|小计")
_SPENT_CUE = rx.compile(r"(?:这次|今天|看病)?(?:花了|花费了?|花)")
#: the roles a slip's line may have: a cost of the bill (in scope unless its label says otherwise)
_IN_SCOPE_LINE = (None, "total", "rest", "part")
_LINE_ROLES = frozenset({*_IN_SCOPE_LINE, "self_pay", "class_b_drug", "class_b_service", "consultation", "tcm"})
_LABEL_CHAR = rx.compile(r"[\u4e00-\u9fffA-Za-z]")


def _slip_sum(text: str, amounts: list[Amount]) -> tuple[Amount, list[Amount]] | None:
    """A slip's lines and the figure that adds them all up (挂号费15 西药320 检查180 合计515, or
    总金额1680 其中：西药910、检查520、材料110、自费140): the whole, and its lines. Each line must be
    named (a word right before its figure), there must be two or more, and they must add up exactly."""
    usable = [a for a in amounts if not a.negated and not a.approximate]
    for whole in usable:
        if whole.role != "total" or not whole.cue:
            continue
        # 花了500，中药饮片300，检查费200: what was spent, then lines that add up to it exactly
        spent = _SPENT_CUE.fullmatch(whole.cue) is not None
        if not spent and not _SLIP_SUM_CUE.search(whole.cue):
            continue
        for side in ([] if spent else [a for a in usable if a.end <= whole.start], [a for a in usable if a.start >= whole.end]):
            lines = [a for a in side if a.role in _LINE_ROLES]
            if len(lines) < 2 or len(lines) != len([a for a in side if a.role not in ("other",)]) \
                    or sum((a.value for a in lines), Decimal(0)) != whole.value:
                continue
            ends = [whole.end if lines[0].start >= whole.end else 0] + [a.end for a in lines[:-1]]
            if all(_LABEL_CHAR.search(text, lo, a.start) for lo, a in zip(ends, lines, strict=True)):
                return whole, lines
    return None


def _fund_before_bill_then_another(a: Amount, amounts: list[Amount]) -> bool:
    """统筹报过1800 今天看病1000 统筹给了200 对不对: a fund figure, the bill, then another fund figure —
    the first is the year's, the one after the bill is this slip's (never two slip figures that clash)."""
    return a.role == "fund_paid" and any(
        b.role in (None, "total") and not b.negated and a.end <= b.start
        and any(c.role in ("fund_paid", "slip_fund") and c.start > b.end for c in amounts) for b in amounts)


def _told_before_bill_beside_slip(a: Amount, amounts: list[Amount]) -> bool:
    """起付线扣完了 统筹报了700了 今天三级医院1500 小票统筹300.00: a fund figure told before this bill, beside
    the slip's own fund line after it — the year's, not a second line of the slip."""
    return any(b.role in (None, "total") and not b.approximate and b.start > a.end for b in amounts) \
        and any(c.role == "slip_fund" and c.start > a.end for c in amounts)


#: 两张单子 … 都是今天一起开的 / 三张单子 … 都是这次的: slips said to be of one visit
_ONE_VISITS = r"(?:都是(?=[今这同一])(?:今天)?(?:这次|这一次|同一次|同一天|一次)?(?:看病|开|交)?的|(?:今天|同一次|一次)?一起开的|同一次(?:看病|就诊)的)"
_SLIPS_OF_ONE_VISIT = rx.compile(r"(?:两|二|三|四|2|3|4)张(?:单子|单据|发票|票据|收据|小票)[^。]*?" + _ONE_VISITS
                                 + r"|(?:单子|单据|发票|票据|收据|小票)(?:两|二|三|四|2|3|4)张[^。]*?" + _ONE_VISITS)
#: (单子两张，)一张(一百二): the first slip's figure
_EACH_SLIP_BEFORE = rx.compile(r"(?:一张|第一张|头一张)[,，:：]?$|(?:单子|单据|发票|票据|收据|小票)[,，:：]?$")
#: (一百二)，一张(八十五) / 、(二百零五): the next slip's figure, nothing else between
_NEXT_SLIP_BETWEEN = rx.compile(r"(?:元|块)?(?:钱)?[,，、\s]*(?:(?:另)?一张|第[二三四]张|还有一张)?[,，:：]?")


#: 刚才说今年第一次说错了 / 今年第一次是我说错了: the year's first, said before, taken back
FIRST_RETRACTED = rx.compile(r"(?:刚才|前面|之前|刚刚)?(?:我)?(?:说的?|讲的?)?(?:今年第一次|今年头一次|今年头回|今年第一回)(?:那句)?"
                              r"(?:是)?(?:我)?(?:说错了|搞错了|记错了|弄错了)")


def _pick_amounts(text: str, amounts: list[Amount]) -> tuple[dict[str, Amount], list[Amount], list[Amount]]:
    """The amount chosen for each role, the amounts no word places, and pairs that disagree."""
    chosen: dict[str, Amount] = {}
    unplaced: list[Amount] = []
    clash: list[Amount] = []
    summed = _slip_sum(text, amounts) if len(amounts) >= 3 else None
    if summed is not None:
        # a slip's lines that add up to its total: the total is the bill, the lines named as items are
        # items of it, the others costs inside it (never a clash between the lines and their sum)
        whole, lines = summed
        amounts = [a for a in amounts if not (a in lines and a.role in _IN_SCOPE_LINE)]
        amounts = [msgspec.structs.replace(a, explicit=True) if a is whole else a for a in amounts]
    for amount in amounts:
        if amount.approximate and amount.role not in ("part", "slip_unknown", "other"):
            field = _ROLE_FIELD.get(amount.role)
            current = chosen.get(field) if field else None
            if field and current is not None and (correction_between(text, current.end, amount.start)
                                                  or _SELF_DOUBT_BETWEEN.search(text, current.end, amount.start)):
                # 花了800 不对 好像是1800 / 不对是600，哦好像是500: the figure before is taken back or doubted,
                # the new one is not sure
                del chosen[field]
        if amount.approximate and amount.role == "slip_unknown" and not amount.negated \
                and amount.cue and re.search(r"报|统筹|医保|基金", amount.cue):
            unplaced.append(amount)  # 1200 报了两百多: this bill's share or the year's, and not exact — asked
            continue
        if amount.approximate or amount.negated or amount.role == "other":
            continue
        if amount.role in ("part", "slip_unknown"):
            unplaced.append(amount)  # a part of the bill with no settled kind: asked, never guessed
            continue
        field = _ROLE_FIELD[amount.role]
        current = chosen.get(field)
        if amount.role is None and not amount.explicit and any(
                c.value == amount.value and c.end <= amount.start and (c.role or "").startswith("slip")
                for c in chosen.values()):
            continue  # 统筹支付只有400 … 怎么才400: the same figure said again, not another number
        if current is None or correction_between(text, current.end, amount.start):
            chosen[field] = amount
        elif amount.explicit and not current.explicit and amount.value == current.value:
            chosen[field] = amount  # 1000 … 单子上：医疗费总额1000.00: the same figure, said again with its name
        elif amount.explicit and not current.explicit:
            unplaced.append(current)  # 1500 … 花了1200: the bare 1500 is not the bill
            chosen[field] = amount
        elif (amount.value == current.value and not (amount.role is None and not amount.explicit
                                                      and not text[current.end:amount.start].strip(" ，,元块"))) \
                or field == "age":
            # (我老伴72，我70: two people's ages, not one figure said two ways; 花了400 400, the same bare
            # number twice in a row, may be two figures — asked)
            continue
        elif field == "amount" and current.role is None and amount.role is None and not current.explicit \
                and _SLIPS_OF_ONE_VISIT.search(text) and _EACH_SLIP_BEFORE.search(text, max(0, current.start - 4), current.start) \
                and _NEXT_SLIP_BETWEEN.fullmatch(text, current.end, amount.start):
            # 单据两张 一张一百二 一张八十五 都是今天一起开的: the slips of one visit, said to be so — the bill is
            # their sum (without such words they may be two visits: the second figure is asked about)
            chosen[field] = msgspec.structs.replace(current, value=current.value + amount.value, cue=None,
                                                    end=amount.end, text=text[current.start:amount.end])
        elif not amount.explicit:
            unplaced.append(amount)  # a second bare number: never dropped, never merged
        elif field == "amount" and current.cue and amount.cue and _COST_NOUN.fullmatch(current.cue) \
                and _COST_NOUN.fullmatch(amount.cue) and current.cue != amount.cue and not _TOGETHER.search(text):
            # 检查费400，药费300: two costs of one bill, named by what they paid for — the bill is both
            chosen[field] = msgspec.structs.replace(current, value=current.value + amount.value, cue=None)
        elif field == "amount" and current.cue and _COST_NOUN.fullmatch(current.cue) and amount.cue \
                and _SUM_CUE.fullmatch(amount.cue) and amount.start > current.end \
                and amount.value == current.value + sum(
                    (a.value for a in amounts if a.start < current.start and not a.negated and not a.approximate
                     and (a.role in _ITEM_FIELDS or (a.role is None and a in unplaced))), Decimal(0)):
            # 挂号10块 药费146 一共156 / 诊察费10 药费146 合计156: the costs listed add up to the whole said
            # after them — the whole is the bill, each cost a part of it (never a clash)
            unplaced[:] = [a for a in unplaced if not (a.role is None and a.start < current.start)]
            chosen[field] = amount
        elif field in _ITEM_FIELDS or field == "rest" or field == "prior_unreimbursed":
            # 甲类中医诊疗项目200，中成药150: two parts of one category add up (as do two earlier
            # visits the fund paid nothing on: 之前看过两次都没报，一次60一次40)
            chosen[field] = msgspec.structs.replace(current, value=current.value + amount.value)
        else:
            clash += [current, amount]  # 花了1000 … 一共1200
    bill = chosen.get("amount")
    if bill is not None and bill.cue and _COST_NOUN.fullmatch(bill.cue) and not _TOGETHER.search(text) and any(
            a.approximate and a.role in (None, "total") and a.start > bill.end for a in amounts):
        del chosen["amount"]  # 挂号费15块，药钱三百多: one cost exact, another not sure — the bill is not known
    return chosen, unplaced, clash


#: 上周看病之前 (账户里有一千): a time before a visit, said of the balance
_BALANCE_BEFORE_THEN = rx.compile(r"(?:上周|上个?月|昨天|前天|[0-9一二三四五六七八九十]{1,2}月(?:份)?|[0-9]{1,2}号)[^,，。]{0,6}"
                                  r"(?:看病|看门诊|就诊|去医院|看)?(?:之前|以前)")
#: 医院说 / 单子上 (起付线扣了): what this bill's settlement said
_SLIP_SAID_BEFORE = rx.compile(r"(?:医院|收费处|收费的|窗口|单子上|结算单上|发票上)(?:那边|的人)?(?:说|讲|写着?|显示)(?:的是)?$")
#: 我老公在职 / 我妈是南昌退休的: a household member's category, said of them
_RELATIVE_CATEGORY = rx.compile(r"(?:^|[,，。\s])(?:我|俺)(?:家)?(?:老伴|老公|老婆|爱人|丈夫|妻子|对象|爸|妈|父亲|母亲|儿子|女儿)"
                                r"(?:是)?(?:南充|南昌|平凉|西安)?(?:的)?(?:在职|退休|灵活就业)(?:职工|人员)?(?:的)?")
#: 我看病花了300 / 我在家没工作: the writer's own visit (or own state), after someone else's was said
_OWN_VISIT_AFTER = rx.compile(r"(?:^|[,，。\s])(?:我|俺)(?:自己|本人)?(?:今天|昨天|前天|刚才|刚刚|这次)?"
                              r"(?:在[^,，。]{0,8}|去[^,，。]{0,8}?)?(?:看病|看门诊|去看|花了|拿药|买药|在家|没工作|没上班)")
#: 医院是几级的(我不太清楚): the level asked about, right before a doubt
_LEVEL_ASKED_BEFORE = rx.compile(r"(?:几级|什么级别|哪一级|啥级别|几甲|等级)(?:的)?(?:医院)?(?:我|俺)?(?:也)?$")
#: (大概)一千五 / (估计)800: a hedge of the figure right after it
_FIGURE_HEDGED_AFTER = rx.compile(r"(?:是|有|花了)?[0-9一二两三四五六七八九十百千万]")
#: 给她买药 / 陪我妈去看: done for someone else
_FOR_SOMEONE = rx.compile(r"(?:帮|给|替|陪|带)(?:她|他|我妈|我爸|老人|老伴|孩子|娃)")
#: 是不是算错了？/ 报错了吗: whether something is wrong, asked (not a correction of what was said)
_WRONG_ASKED = rx.compile(r"(?:是不是|是否|有没有)(?:给我|给)?(?:算|搞|弄|报|扣)?错|(?:算|搞|弄|报|扣)错了?(?:吗|没|么|[?？])")
#: 应该是第一次吧: the year's first visit leaned on, not said outright
_POSITION_LEANED = rx.compile(r"(?:应该|好像|可能|大概|估计|似乎|貌似)(?:是)?(?:今年)?(?:的)?(?:第一次|头一次|头一回|第一回)(?:吧|吧?[?？])")
_MONTH_SAID = rx.compile(r"(?P<rel>上个?月|这个?月|本月)|(?P<n>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月")


def _months_said(text: str, today: dt.date) -> list[tuple[int, int]]:
    """The (year, month) of each month a short text names (上个月, 这个月, 9月), in order, once each; a
    month after today's is last year's."""
    out: list[tuple[int, int]] = []
    for m in _MONTH_SAID.finditer(text):
        if m.group("rel"):
            back = 1 if m.group("rel").startswith("上") else 0
            year, month = (today.year, today.month - back) if today.month > back else (today.year - 1, 12)
        else:
            n = parse_number(m.group("n"))
            if n is None or not 1 <= n <= 12:
                continue
            year, month = (today.year if int(n) <= today.month else today.year - 1), int(n)
        if (year, month) not in out:
            out.append((year, month))
    return sorted(out)


def _merge_dates(dates: list[DateMention]) -> tuple[int | None, int | None, int | None]:
    year = month = day = None
    for d in dates:
        if d.year is not None:
            year = d.year
        if d.month is not None:
            month, day = d.month, d.day
    return year, month, day


_LEVEL_HEDGE = rx.compile(r"也可能|或者|好像|可能是|还是")
_INSIDE = rx.compile(r"(?<!不在)(?<!没在)(?<!不算在)(?<!没算在)(?<!不包括在)(?<!不包含在)(?<!没包括在)(?<!没包含在)(?:这)?(?:里面|里头)"
                     # (一百五不在里面 / 不包括在内 / 没含: outside the bill, never inside it)
                     r"|其中|(?<![不没包])(?<!没有)含|(?<![不没])(?<!没有)(?:包括|包含)|of which|including"
                     r"|(?<=[0-9])(?:块|元)?里(?:还|也)?有"  # 那800里还有100是自费药: inside the 800
                     # 药费230.5 有自费的20: the bill, then what it has (never 还有 / 另外有)
                     r"|(?<=[0-9][,，])有(?=(?:些|一些|一部分|部分)?(?:是)?(?:自费|乙类))")
_RETIREMENT_EVENT = rx.compile(r"(?<![没未在])(?<!没有)办(?:了|完|好)?(?:的)?退休|退休手续(?![^,，。]{0,4}(?:没|未))|退的休|刚退休|才退休"
                               r"|月初(?:刚)?退(?:休)?")
_DENIED_AFTER = rx.compile(r"[?？]?[,，]?(?:不是|不对|说错了)")
_EITHER_AFTER = rx.compile(r"(?:医院|机构|的)?就是")
_ONCE_BEFORE = rx.compile(r"(?:刷过|去过|买过|拿过|看过)(?:一)(?:回|次|趟)")
_EARLIER_VISIT_CLAUSE = rx.compile(r"(?:之前|以前|上次|前面|前几天|上个月|上月|上周|前几个月|年初|开年)[^,，。]{0,8}(?:刷过|去过|买过|拿过|看过)(?!病)"
                                   r"|曾(?:经)?[^,，。]{0,6}?(?:门诊|就诊|就医|刷过|去过|买过|拿过|看过)")
#: 10月看过一次 / 5月份去过一回: a visit of that month, said as one that has been (看过, not 看了)
_SEEN_AFTER_DATE = rx.compile(r"(?:份)?(?:的时候)?(?:也|还)?(?:在[^,，。]{1,8})?(?:看过|去过|刷过|买过|拿过)(?!病)")
#: 这是今年第二回……第一回是三月份看的牙: the first visit's month, told by its order (its figure, when said
#: in the same clause, makes it a visit of its own: 第一次是三月份在社区花了300)
_FIRST_VISIT_DATED = rx.compile(r"(?<!今年)(?<!本年)(?:第一回|第一次|头一回|头一次|头回)(?:是|在|呢)?(?=[^,，。]{0,6}月)")
_AMOUNT_IN = rx.compile(r"\d|[一二两三四五六七八九十百千万]{2,}")
_LEVEL_ONE_FACILITY = rx.compile(r"卫生院|社区|诊所|卫生室|卫生服务中心")
_PAST_BEFORE = rx.compile(r"(?:以前|原来|原先|过去|早年|之前|退休前|退休之前|没退休的时候|没退的时候)(?:是|在|一直)?[^,，。;；]{0,8}$")
#: 娃儿都在外头打工 / 儿子在上班: the children are the clause's subject (their work, not the person's
#: category; a spouse's category beside the person's is asked whose visit it is, elsewhere)
_OTHERS_SUBJECT = rx.compile(r"(?:娃儿|娃娃|孩子|儿子|女儿|儿女|子女|小孩|闺女|女婿|儿媳)(?:们|几个|俩)?"
                             r"(?:都|也|还|现在|如今)?(?:在)?[^,，。;；我俺说讲]{0,4}$")
#: 我爸的个人账户 / 用我妈的账户: the account named as a parent's own
_PARENTS_ACCOUNT = rx.compile(r"(?:我)?(?:爸爸|妈妈|爸|妈|父亲|母亲)(?:的)?(?:个人)?(?:医保)?(?:账户|个账)")
_IT_HOLDS_BEFORE = rx.compile(r"(?<![a-z])it (?:has|holds|contains)(?: still| only| about)? ?$")
_CATEGORY_THEN = rx.compile(r"(?:的)?(?:时候|那会儿?|期间|时(?!间))")
#: 同样花2300报多少 / 一样的钱能报多少: the bill told, supposed again, and what it gets asked
_SAME_BILL_ASKED = rx.compile(r"(?:同样|一样|同一笔|这笔|这些)[^,，。]{0,8}?(?:报多少|能报多少|报几|报销多少|怎么报|报得了多少)")
_FIRST_HERE = rx.compile(r"(?:来|去|在|到)?(?:这家|这个|那家|那个|该|这所|这边的?)(?:医院|诊所|药店|药房|卫生院|社区|门诊)"
                         # (今年头一回那个医院我也说不上来是几级的: a run-on — the hospital opens the next clause)
                         r"(?![^,，。]{0,3}?(?:说不上来|说不清|不知道|不清楚|不晓得|搞不清|记不清|是几级|几级))"
                         # 今年是第一次去三级医院: first at that level of hospital, not the year's first bill
                         # (今年第一次去三级医院看门诊: the year's first visit, told with its place)
                         r"|(?:来|去|到)(?:[一二三123]级|三甲|二甲|三级甲等|二级甲等)(?:的)?(?:医院|医疗机构|定点医院)(?!看|就诊|门诊)"
                         r"|(?:来|去|到)(?:这里|这儿|这边)|(?:用|刷)(?:医保)?卡|(?:at|to) this (?:hospital|clinic|pharmacy)")
#: 今年在这家医院第一次看病: the place said just before — first here, not the year's first bill
#: a fund cue that speaks of the year, not of this bill (今年报了, 已经报了, 之前统筹给了, 累计报销)
#: 统筹报了1800了: a figure the year has reached (the trailing 了), not this bill's
_STILL_AFTER = rx.compile(r"(?:元|块)?了")
#: a bracket opening right after a cost that names what is inside it: 西药费980元（其中自费120元）
_INSIDE_REST = rx.compile(r"(?:元|块)?(?:[(（]|[,，]?(?=其中|里面|里头))(?:其中|里面|里头|含|包括|有|包含)"
                          # 药费230.5，有自费的20: what the cost has, right after it
                          r"|(?:元|块)?[,，]有(?=(?:些|一些|一部分|部分)?(?:是)?(?:自费|乙类))")
_BOUNDARY_BETWEEN = rx.compile(r"[)）,，。;；]")
_INSIDE_WORDS = rx.compile(r"其中|里面|里头|含|包括")


def _inside_of_bill(text: str, amounts: list[Amount]) -> bool:
    """Whether 其中/里面/含 names a part of the whole bill — not only of a fee said just before it
    (诊察费20，检查费480，药费300其中有100是自费药: the 100 is of the 药费, the fees are the bill's parts)."""
    return any(not any(a.end <= m.start() and (opened := _INSIDE_REST.match(text, a.end)) is not None
                       and opened.end() >= m.end() for a in amounts)
               for m in _INSIDE_WORDS.finditer(text))
#: a visit that took no insurance bill: 只是问了问没收钱 / 那次没刷医保卡是自己给的钱
_NO_CHARGE = rx.compile(r"没收钱|没要钱|没花钱|不要钱|没收费|只是问了?问|没刷(?:医保)?卡|没用医保|自己给的钱")
#: hospitals no city ranks 一级 (a people's hospital of a city, county or province, a central or a
#: university hospital): 一级 said beside one of them is doubted
_LEVEL_ONE_SAID = rx.compile(r"一级|1级")
NEVER_LEVEL_ONE = rx.compile(r"[市省县区]人民医院|中心医院(?!.{0,2}卫生)|附属医院|[一二三四]附院|医学院.{0,4}医院|大学.{0,6}医院")
#: a hospital named by kind or by name, whose level the words do not give
_NAMED_PLACE = rx.compile(r"县医院|县人民医院|人民医院|中医院|中医医院|中心医院|妇幼保健院|附属医院|[一二三四]附院|第[一二三四五六七八九]医院|[市省区]医院")
_PAID_BY_ME = rx.compile(r"paid|i paid|付了|交了|我付了|我交了")
_RETIRED_MONTH_DOUBTED = rx.compile(r"[0-9一二三四五六七八九十]{1,2}月[^,，。]{0,8}(?:退休|退的)[^,，。]{0,2}还是[0-9一二三四五六七八九十]{1,2}月"
                                    r"|(?:退休|退的)[^,，。]{0,6}[0-9一二三四五六七八九十]{1,2}月还是[0-9一二三四五六七八九十]{1,2}月")
_REFERRAL_SLIP = rx.compile(r"转诊单|转诊证明|转诊手续|(?<![没不])(?:开|办)(?:了)?转诊|(?<![没不])给(?:我|他|她)?(?:开)?转诊|(?<![没不])同意(?:了)?转诊")
_SO_FAR = rx.compile(r"至今|今年以来|以来|累计|(?:今年|之前)[^,，。]{0,6}(?:一共|总共|共)")
_CAP_USED_UNKNOWN = rx.compile(r"(?:限额|额度|封顶)[^,，。]{0,8}(?:用完|用光|到顶|报满|用满)(?:了)?(?:吗|没有|没)?[^,，。]{0,3}(?:我|也)?(?:也)?(?:不知道|不清楚|不晓得|记不清)"
                               # 封顶线还剩多少我也不知道: what is left of the cap not known — what the fund paid is asked
                               r"|(?:限额|额度|封顶线?)(?:还)?(?:剩|剩下|还剩|有)(?:多少|几多|好多)[^,，。]{0,3}(?:我|也)?(?:也)?(?:不知道|不清楚|不晓得|记不清)")
_ON_SLIP = rx.compile(r"(?:结算单|单子|单据|发票|票据|小票)(?:上|里)")
_AGE_MONTH = rx.compile(r"[0-9一二三四五六七八九十]{1,2}月(?:份)?(?:就)?满(?:的|了)?[0-9一二三四五六七八九十]{2,3}(?:岁|周岁)")
_ANOTHER_SLIP = rx.compile(r"(?:还有|另外|另)(?:一|1)?张(?:单子|单据|发票|票据?|收据|小票|结算单)")
#: 签约卫生院让我转过去的: the signed clinic sent the person on (where to is said elsewhere)
_REFERRED_AWAY = rx.compile(r"签约(?:的)?(?:卫生院|社区|卫生服务中心|机构|医生|村医)[^,，。]{0,6}?(?:让|叫|给|帮|建议|要)(?:我|他|她|俺)?"
                            r"(?:开(?:了)?(?:转诊单?)?)?转(?:诊)?(?:过去|过来|走|出去|了)")
_REFERRED_ELSEWHERE = rx.compile(r"转(?:诊)?(?:到|去|至)(?:了)?(?P<to>[^,，。]{0,10}?(?:医院|卫生院))")
_OUTPATIENT_IN_HIT = rx.compile(r"门诊|看病|就诊")
_LEVEL_PLACE = rx.compile(r"(?:来|去|到)(?:[一二三123]级|三甲|二甲|三级甲等|二级甲等)")
_FIRST_HERE_BEFORE = rx.compile(r"(?:来|去|在|到)(?:这家|这个|那家|那个|该|这所)(?:医院|诊所|药店|药房|卫生院|社区)(?:里|这)?$"
                                # 换了新单位之后第一次看病 / 出院以后头一次: the first since something, not the year's
                                r"|(?:之后|以后|后来|过后)(?:的)?$")
_ITEM_FIELDS = ("self_pay", "class_b_drug", "class_b_service", "consultation", "tcm", "dual_channel", "prenatal")
_RATIO_EITHER = rx.compile(r"\d{1,3}(?:\.\d+)?%[^,，。;；]{0,3}?(?:还是|或者|或是|或|要么|/|or)[^,，。;；]{0,3}?\d{1,3}(?:\.\d+)?%")
_WHOLE_CUE = rx.compile(r"(?:包)?含在|包括在|算在|花|一共|总共|总计|合计|共计|共|总额|总数|总金额|总费用|总的|^费用|账单|结算(?!单|的时候|时)|金额|消费|刷|看病|spent|bill|total|cost")
PARTIAL_DEDUCTIBLE = _PARTIAL_DEDUCTIBLE = rx.compile(r"(?:起付线|起付)[^,，。没未]{0,8}(?:一部分|部分|一些|一点|一半)(?![^,，。]{0,2}(?:没|未|不))"
                                 r"|(?:扣|用|交)(?:过|了)(?:一部分|部分|一些|一点|一半)(?:的)?(?:起付线|起付)")
_LAST_YEAR = rx.compile(r"去年|上一年|last year")
_UNSURE_CATEGORY = rx.compile(r"返聘|(?<![没未])退休后(?:又)?(?:上班|工作)|(?<![没未])退休了?(?:还|又)在(?:上班|工作)"
                              # 不确定本人退休待遇是否已开始 / 不知道退休生效没有: whether retiree rules apply yet
                              r"|(?:不确定|不知道|不清楚|搞不清|记不清)[^,，。]{0,6}退休(?:待遇)?(?:是否|有没有|生效|开始|算不算)"
                              # 退休手续还在办，不知道办完没有: whether the papers are done decides the category
                              r"|(?:退休)?手续(?:还|正)?在办[^。]{0,10}?(?:不知道|不晓得|不清楚|不确定|搞不清)|(?:不知道|不清楚|不确定)(?:退休手续)?办完(?:了)?没(?:有)?")
_UNQUANTIFIED_ITEM = rx.compile(
    r"(?:有些|有一些|一部分|部分|有的)(?:是|属于)?(?:自费|乙类)|(?:自费|乙类)(?:药|的)?(?:部分)?(?:有一些|有些|占一部分|占一半|占大半|占小半|不知道|不清楚|忘了)"
    r"|(?:中成药|中药|自费药|乙类药)(?:和|跟|加|还有)(?:西药|其他|别的)"
)
#: 收费员说… / 窗口让我…: what the counter told the person (the slip's figure, said aloud)
_COUNTER_SAID = rx.compile(r"(?:收费员|收费处|收费的|窗口|结算窗口|医院|护士|医生|大夫)(?:的人)?(?:跟我)?(?:说|讲|告诉我|让我|叫我)")
_SLIP_WORD = rx.compile(r"单子|结算单|清单|发票|小票|收据|票据|单据|单上|写着|印着|写的|医院说|窗口说|收费处说|医院给的|slip|receipt"
                        r"|系统(?:结|算|显示|里)")
_PERCENT = rx.compile(
    r"(?:(?P<lvl>[一二三123])级(?:医院|医疗机构)?(?:的)?)?(?:报销|统筹|支付|ratio)?(?:比例)?(?:是|为|:)? ?"
    r"(?:(?P<pct>\d{1,3}(?:\.\d+)?) ?%|百分之(?P<cnpct>[一二三四五六七八九十]+))"
    r"(?:[^,，。]{0,4}?(?:at )?(?:tier|level)[- ]?(?P<lvl2>[123]))?"
)
#: 第二次 / 第二张 / 又去: a later visit told after the year's first slip
_SECOND_AFTER = rx.compile(r"第(?:二|2)(?:次|张|回|趟)|又(?:去|看|来|到)")
#: 两三百 / 七八百: a span of two neighbouring digits
_TWO_DIGITS_SPAN = rx.compile(r"[一二两三四五六七八九]{2}[十百千万]")
#: 在兰州打工 / 在深圳上班: where someone works or lives, not where a visit was
_LIVES_THERE = rx.compile(r"(?:市|的)?(?:打工|上班|工作|务工|住|生活|做生意|带孙子|带娃)")
#: 跟二级一样 / 和二级医院相同: a level named as what another is like
_LIKE_BEFORE = rx.compile(r"(?:跟|和|同|与|像)$")
_LIKE_AFTER = rx.compile(r"(?:医院|的)?(?:一样|相同|同等|一个样|差不多)")
#: the fund named bare as a slip's line (统筹420 / 医保支付420): the cues both slip readings start from
_FUND_LINE_CUES = ("统筹", "医保", "基金", "统筹支付", "医保支付")
#: 第二张：… / 另一张单子: a message that is a slip's lines (the sheet named first)
#: 单子： / 结算单上： / 小票写着: the slip's lines begin
_SLIP_LINES_START = rx.compile(r"(?:单子|结算单|小票|发票|收据)(?:上)?(?:写的|写着|显示|印的)?[:：]")
_BARE_SELF_PAY_LINE = rx.compile(r"自费(?:金额|部分|费用)?")
_SLIP_SHEET = rx.compile(r"^(?:第[一二三四五1-5]张|另一张|另外一张|这张|那张)(?:单子|结算单|票|发票)?[:：,，]")
#: 单子起付线50 / 结算单上起付线一栏写的50: a slip's line of the deductible, named with the slip
_SLIP_DEDUCTIBLE_BEFORE = rx.compile(r"(?:单子|结算单|发票|小票|收费单|清单)(?:上|里)?(?:面)?(?:的|写的|写着|显示的?|印的)?[,，:：]?"
                                     r"(?:起付线|起付标准|起付)(?:那一?栏|那一?项|那一?行)?(?:写的|写着)?(?:又|也|还)?(?:是|为|扣了|扣|:)?$")
_WHY_ASKED = rx.compile(r"怎么|为什么|为啥|咋|凭什么|为何|why|how come")
#: 怎么按200扣的 / 为啥按200扣: a figure quoted back as what was deducted, in a question
_DEDUCTED_BY_BEFORE = rx.compile(r"(?:怎么|咋|为啥|为什么|凭什么|为何|why)[^,，。0-9]{0,3}按(?:照)?$")
_DEDUCTED_BY_ASKED = rx.compile(r"(?:元|块)?(?:来)?扣")
#: 总共花了 / 一共是: the words just before a figure that make it the whole bill
_TOTAL_JUST_BEFORE = rx.compile(r"(?:总共|一共|合计|总计|总费用|总额|总金额|加起来)(?:花了|花|是|交了|一共)?(?:大概|大约|差不多)?$")
#: 乙类先自付10% / 提高5%: a share paid first or a rise of the ratio, never the fund's ratio itself
_NOT_RATIO_BEFORE = rx.compile(r"(?:先行自付|先自付|个人自付|自付|先付|提高|增加|加了|多报|上浮|降低|少报)(?:了|的是|是)?$")
_ROUGH_ITEM = rx.compile(r"(?:自费|乙类|诊察费|中成药|中药)[^,，。]{0,5}?(?:[一二两三四五六七八九]{2}[十百千万]|好?几[十百千万]|大概|大约|差不多|估计)")
_RETIRED_THIS_YEAR = rx.compile(r"今年(?:(?!按|算)[^,，。]){0,4}?(?:办了|办的|办完|刚)?退休|今年退的(?:休)?|(?<!已经)(?:刚|才)(?:办完?了?)?退(?:休)?(?!.*(?:去年|前年))"
                                r"|(?<!已经)(?:刚|才)在[^,，。]{1,6}?办(?:的|了|完)?退休(?!.*(?:去年|前年))"
                                r"|(?:年中|年初|上半年|下半年|前几个月|前阵子)(?:的时候)?(?:办(?:的|了|完)?|刚)?退(?:的)?休|this year[^,.;，。]{0,10}retire|retired this year|just retired"
                                # 退休手续今年办的 / 退休是今年办的: the year said after the papers
                                r"|退休(?:手续)?(?:是|也是)?今年(?:才|刚)?(?:办的|办了|办完的|办好的|批的|批下来的)")
_ALL_ITEM = rx.compile(r"(?:(?:饮片|中成药|中药)(?:\+|和|加|跟)(?=饮片|中成药|中药)|全是|都是|全部是|全部都是|全都是|全为"
                       # (…on referral, all herbal medicine?: the whole bill of that kind)
                       r"|(?<![a-z])all (?:of it )?(?:was |is |being )?)"
                       r"(?P<w>自费|中成药|中药饮片|中药|乙类药|乙类|产检|双通道|herbal medicines?|chinese medicines?|tcm(?! hospital))")
#: 那次是转诊到县中医院开的中药: what the visit bought is the item (the whole bill), no number said
_REFERRAL_CONTEXT = rx.compile(r"转诊|县中医院|县级中医|中医院")
_ALL_ITEM_VERB = rx.compile(r"(?<![没未不])(?<!没有)(?:开|拿|买|抓)(?:的|了)?(?:点|些|一些|几副)?(?P<w>中药饮片|中成药|中药)(?![店房铺])(?!.*(?:西药|检查|化验|治疗))")
#: 门诊费用全部为西药和检查: the whole bill of in-scope kinds that are no item of their own
_ALL_IN_SCOPE = rx.compile(r"(?:全部|全都|全)(?:都)?(?:为|是)(?:西药|检查|化验|甲类)(?:费)?(?:(?:和|跟|加|、)(?:西药|检查|化验|甲类)(?:费)?)*(?![^,，。]{0,3}(?:自费|乙类))"
                           # 做了个CT 300 没开中药: no Chinese medicine at all in the bill
                           r"|(?:(?:没|没有|未)(?:开|拿|用|买|抓)(?:过)?(?:任何)?(?:中药|中成药|中药饮片|饮片)"
                           r"|(?:中药|中成药|饮片)(?:都|也)?(?:没|没有)(?:开|拿|用)(?:过)?)(?!.*(?:中药|中成药|饮片|针灸|推拿))")
_ALL_ITEM_FIELD = {"自费": "self_pay", "中成药": "tcm", "中药饮片": "tcm", "中药": "tcm", "乙类药": "class_b_drug",
                   "乙类": "class_b_drug", "产检": "prenatal", "双通道": "dual_channel",
                   **dict.fromkeys(("herbal medicine", "herbal medicines", "chinese medicine", "chinese medicines", "tcm"), "tcm")}
_CHECK_QUESTION = rx.compile(
    r"对吗|(?<!不)对不对|(?<!不)对不(?!起)|对吧|对么|对的吗|是不是对|是对的|这样对|单子对|算的对|算对了|是不是(?:少|多|算错|错|不对)|有没有(?:算错|错|少)|没错吧|没算错吧|正确吗|准吗|准不准|算错(?!了?[,，]?(?:是|应该是))|(?<![很好太挺蛮])少了|(?<![很好太挺蛮])多了|合理吗"
    r"|核一下|核对|核算一下|帮我核|帮忙核|对不$|对头不|对头吗|咋回事|怎么回事|(?:我|俺)觉得不对|不对吧|是不是到顶|是不是按|正常吗|正常不|正不正常"
    r"|(?:我)?(?:算着|算得|看着|感觉|觉着|总觉得)(?:有点)?(?:不对|不太对|少了|多了)"
    r"|为啥只|为什么只|怎么只|为啥才|为什么才|怎么才|没问题吧|没毛病吧|算对了没|对了没|对没对|有没有问题|没错吧"
    r"|为啥不是|为什么不是|怎么不是|咋不是|不应该是|是不是少报|少报了|多报了|(?<![我俺])搞错了|(?<![我俺])弄错了|是不是错了|(?<![我俺])错了吧|有问题吧"
    r"|is (?:that|this|it) (?:right|correct)|correct\\?|right\\?"
    # 系统结出来统筹支付600 差在哪: the difference asked — a check of that figure
    r"|差在哪|差在什么地方|哪里不一样|为什么不一样|怎么不一样|为啥不一样|咋不一样"
    # 结算单上个人账户支付了100？: a slip's figure said with a question mark — to check
    r"|(?:结算单|单子|发票)上[^。;；]{0,16}?[0-9]+(?:\\.[0-9]+)?(?:元|块)?[?？]"
)
_YEAR_POSITION_BEFORE = rx.compile(r"今年|本年|年内|已经|之前|以前|前面|累计|总共|一共|额度|到现在|至今|截至目前|目前为止|前两次|前几次|前面几次|加起来|this year|so far|already")
_RETIREMENT_CLAUSE = rx.compile(r"退休(?!职工|人员|老人|工人)|退的休|退的(?!钱)|退了(?!钱|费)|retire|办完的|"
                                r"开始享受(?![^,，。]{0,4}(?:门诊|统筹|医保|报销|住院))(?:待遇)?|(?<=[号日])办的|(?<=[号日])办结|(?<=[号日])办完|办的手续|手续"
                                # (是这个月5号才办完: the papers done that day, said after the retirement)
                                r"|(?<=[号日])(?:才|就|已经|刚)办(?:完|结|好)")
#: 买了保健品 / 营养品 / 化妆品: a purchase that is not medical care
_NOT_MEDICAL_BOUGHT = rx.compile(r"(?:买|购)(?:了)?(?:些|点|一些)?(?:保健品|营养品|化妆品|生活用品|日用品|保健食品)")
#: 还有二百是自费的 / 还有个诊察费: one more figure said after the bill, inside it or not unsaid
_STILL_MORE_BEFORE = rx.compile(r"还有(?:个|一个|一笔)?(?:[0-9一二两三四五六七八九十百千]+(?:块|元)?(?:是|为)?)?[^,，。0-9]{0,4}$")
#: 自费的 / 自费药: self-pay with nothing else named (自费的检查 is a cost beside the drugs)
_BARE_SELF_PAY_CUE = rx.compile(r"自费(?:的|药|药品|部分)?(?:有|是|为)?")
#: 药费一千一: the bill named as its drugs (a self-pay part after it may be of them or beside them)
_DRUG_COST_CUE = rx.compile(r"药费|药钱|西药费?")
#: 总共 / 一共 / 合计 / 总费用: the whole bill said in so many words
_WHOLE_WORD_SAID = rx.compile(r"总共|一共|合计|总计|共计|总费用|总金额|总额|全部")
#: 我也糊涂了 / 搞不清: the person says they are confused
_CONFUSED = rx.compile(r"糊涂|搞不清|弄不清|闹不清|搞混|说不准|拿不准")
#: 甲等 / 乙等 / 三级 / 二甲: a grade or a level named
_GRADE_OR_LEVEL_WORD = rx.compile(r"[甲乙丙]等|[一二三123]级|[二三][甲乙丙]")
#: (retired …) procedure completed / paperwork done on: the date after it is the papers'
_PAPERS_DONE_BEFORE = rx.compile(r"(?:procedure|procedures|paperwork|papers|formalities|process)[^,.;，。]{0,12}"
                                 r"(?:completed|done|finished|approved)(?: on)? ?$"
                                 # (completed the retirement procedure on 3 November: the verb first)
                                 r"|(?:completed|finished|did|filed) (?:the |my |his |her )?retirement"
                                 r"(?: procedures?| paperwork| papers| formalities| process)?(?: on)? ?$")
#: 10月办结 / 10月份办完了: a month said done, nothing else named (the procedure named before it)
_DONE_AFTER_MONTH = rx.compile(r"(?:份)?(?:初|底|中旬|上旬|下旬)?(?:就|已经|已)?办(?:结|完|好)(?:了|的)?(?=$|[,，。;；])")
#: 在职转退休，… / 办退休，…: retiring said in the clause before a month said done
_RETIRING_BEFORE = rx.compile(r"转退休|办退休|退休手续|退休了?[,，]\s?$")
#: a date followed by a visit (12月看病就按退休算了吧): the visit's date, even in a clause about retiring
_VISIT_BESIDE_DATE = rx.compile(r"(?:份|的时候|那次|再)?(?:去|来|到)?(?:看病|看门诊|看的|看了|就诊|就医|拿药|买药|开药|复查|花)|再看|再去")
_RELATIVE_DAYS = (("大前天", 3), ("前天", 2), ("昨天", 1), ("昨日", 1), ("今天", 0), ("今日", 0),
                  ("yesterday", 1), ("today", 0))
_WEEKDAY_SAID = rx.compile(r"(上|这|本|下)(?:个)?(?:周|星期|礼拜)([一二三四五六日天]|[1-7](?![0-9.]))")
_RELATIVE_WEEK = rx.compile(r"上周|上个?星期|上个?礼拜|last week")
_RELATIVE_MONTH = rx.compile(r"上个?月|last month")
#: 要是这个月看的呢: a what-if moving the visit into this month
_THIS_MONTH_VISIT = rx.compile(r"(?:这个月|本月|这月)(?:份)?(?:才|再)?(?:去)?(?:看|就诊|买|拿)")
_AHEAD = rx.compile(r"下个月(?![0-9一二三四五六七八九十])|下月(?![0-9一二三四五六七八九十])|明天|后天|过两天|过几天|过三天|下周|下个?礼拜|下个?星期"
                    r"|next month|next week|tomorrow|in a few days|in two days")
_UNKNOWN = rx.compile(
    # (不知道能不能报 / 不清楚报多少: the question asked, not a fact not known)
    r"(?:不清楚|不知道|不晓得)(?!能不能|可不可以|能否|能报|可以报|报多少|能报多少|怎么报|报不报|咋报)|不知(?!道)|记不到|想不起来|没搞清|分不清|不清(?!楚)|搞不清楚|不太清楚|不确定|记不清|记不得|记不住|不记得|不太记得|忘记(?!说|讲|告诉|提)|不详|没问|说不上来|"
    r"需核实|待核实|有待核实|要核实|需要核实|还要核实|搞不懂|看不懂|不懂|记不太清|记不大清|不太记得|没印象|没有印象|莫得印象|没得印象|搞不清|闹不清|说不清|忘了(?!说|讲|告诉|提)|忘记了(?!说|讲|告诉|提)|不了解|没注意|说不好|说不准|拿不准|吃不准|不敢说|不敢肯定"
    # 好像是二级吧？也可能三级: not known — each level named, side by side (等我问问: asked, as pinned)
    r"|也(?:有)?可能是?(?=[一二三123]级|三甲|二甲|三乙|二乙)|搞混了?|弄混了?|记混了?"
    # 我咋晓得 / 哪个晓得: asked back — not known
    r"|(?:我|俺)?(?:咋|哪|哪个|哪里|哪儿|怎么)(?:晓得|知道)(?![是几多哪])"
    # 二级还是三级我得问问我妈 你先算算: to be found out, and figures wanted now — not known
    r"|(?:得|要|去|再)问问[^,，。]{0,6}(?=[,，\s]*(?:你|您)?(?:先|就)(?:帮我|给我)?算)"
    r"|not sure|don'?t know|do not know|no idea|no clue|not a clue|haven'?t a clue|unsure|can'?t remember|don'?t remember|not certain|unknown"
    r"|(?:is|are|was|am)n'?t sure|(?:does|did)n'?t know|does not know|can'?t recall|(?:does|did)n'?t remember|forgot"
)
#: resident yes/no facts the person may not know, and the words that name them
#: 那次是今年第一次 / 那才是第一次: the visit just told (before this one) was the year's first
_THAT_ONE_WAS_FIRST = rx.compile(r"那(?:次|回)?(?:才|就)?是(?:今年)?(?:的)?(?:第一次|头一次|第一回|头一回)")
#: places that are level 1 by what they are (a township or community health centre, a village clinic)
_LEVEL_ONE_PLACES = frozenset({"卫生院", "乡镇卫生院", "镇卫生院", "卫生室", "村卫生室", "社区卫生服务中心", "社区卫生服务站"})
_UNKNOWN_FLAGS = (
    ("family_doctor", rx.compile(r"家庭医生|family[- ]doctor")),
    ("poverty_registered", rx.compile(r"贫困|建档立卡|poor|poverty")),
    ("signed", rx.compile(r"签没签约|有没有签约|签约了没|签约没有|签约的是哪|签约的是不是|签的是不是|签的(?:是)?哪家|签在哪|签约(?:的)?(?:那家|机构|卫生院|社区|医院)|是不是签约|signed (?:clinic|institution|centre|center)|which clinic")),
    ("referral", rx.compile(r"转(?:过去|诊|过来)|referr")),
    ("pharmacy", rx.compile(r"(?:药店|药房)还是(?:算)?(?:医院|卫生院|诊所|社区)|(?:医院|卫生院|诊所|社区)还是(?:算)?(?:药店|药房)"
                            # 忘了是在社区医院药房拿的还是在外面定点药店拿的: the hospital's own or a pharmacy
                            r"|(?:医院|卫生院|诊所|社区)(?:的)?药房[^,，。]{0,6}?还是[^,，。]{0,8}?药店"
                            r"|pharmacy or (?:a )?(?:hospital|clinic)|(?:hospital|clinic) or (?:a )?pharmacy")),
    ("designated", rx.compile(r"是不是(?:医保)?定点|是否(?:医保)?定点|定不定点|有没有定点|定点不定点|算不算(?:医保)?定点|is it designated|designated or not")),
    ("date", rx.compile(r"哪天|几号|日期|什么时候看|哪一天|which day|the date")),
)
#: a bare doubt whose subject is in the clause before (…贫困户，今年不知道还算不算)
#: 我爸也花了600，他能报多少: the bill asked about is another person's
_ASKED_FOR_ANOTHER = rx.compile(r"(?:他|她|我爸|我妈|老伴|老爷子|老太太)(?:的)?(?:能|可以)?(?:报|报销)(?:多少|几多|好多)")
#: 我今年第一次 / 我自己是头一回: said of the writer (never 我爸 / 我妈)
_MY_OWN_BEFORE = rx.compile(r"(?<![爸妈])我(?:自己|本人)?(?:是)?[,，]?$")
#: 头一回 / the first one, standing for a visit (not 今年第一次)
_THE_FIRST_ONE = rx.compile(r"头一回|头一次|头回|第一回|第一次|first one|first visit|first time|the first")
#: …起付线扣了一百 / …花了三百 / …used 100: what that visit did, told right after it
_WHAT_IT_DID = rx.compile(r"(?:那次|那回|的时候|时)?[,，]?(?:起付线|起付)?(?:就|已经|只)?(?:扣了|扣过|花了|花的|报了|用了|看了|付了)"
                          r"| ?(?:one |visit )?(?:used|cost|spent|took|paid)")
_DOUBT_OF_LEVEL = rx.compile(r"(?:是|在)?(?:[一二三123]级|[甲乙丙]等|三甲|二甲|三乙|二乙)(?:的|医院)?(?:还是|或者|或是)"
                             # …今年第一次不晓得医院几级 (no stop said): what is not known is the level
                             r"|(?:这|那)?(?:家|个)?(?:医院|医疗机构|卫生院)?(?:是)?(?:几级|哪一?级|什么级别|啥级别|什么等级)")
_BOTH_DOUBTED = rx.compile(r"(?:这|那)(?:两|二|2)(?:样|个|项|件)|两(?:样|个|项)都|都(?:不知道|不清楚|搞不清|不晓得)")
_STILL_SO = rx.compile(r"算不算|还算|是不是|还是不是|有没有|还有没有|还在不在|还有效")
_NO_REFERRAL = rx.compile(r"没(?:有)?(?:经过)?转诊|未(?:经)?转诊|不是转诊|自己去的|直接去的|without (?:a )?referral|not referred"
                          # 没经过卫生院同意 / 未经签约机构同意: the referral is the signed institution's consent
                          r"|(?:没(?:有)?经过?|未经过?)[^,，。]{0,8}?同意|(?:没(?:有)?|未|不)(?:开|办)(?:过)?转诊"
                          # 卫生院没同意转诊 / 不给开转诊: the signed institution did not consent
                          r"|(?:没(?:有)?|不)同意(?:我|他|她)?(?:的)?转诊|(?:没|不)给(?:我|他|她)?(?:开|办)?转诊")
_FLAG_AFTER = rx.compile(r"(?:哦|噢)?(?:不对|说错了|搞错了)[,，]?(?:我)?(?:不是|没有|没)")
_FLAG_DOUBT_AFTER = rx.compile(r"[,，]?(?:但是|不过|可是)?(?:也|又)(?:好像)?(?:不是|不算|没)|脱贫了"
                               r"|(?:又|但|可)?好像[^,，。]{0,6}?(?:没|不是|不算)")
#: 只报了 / 才给了: a fund figure said to be little; with a complaint after it (怎么…少), this bill's
_ONLY_PAID_BEFORE = rx.compile(r"(?:只|才|就)(?:给|报|付|支付|报销)(?:了)?(?:我)?$")
_COMPLAINT_AFTER = rx.compile(r"(?:元|块)?[,，]?(?:怎么|咋|为啥|为什么|凭啥)[^,，。]{0,10}?(?:少|低|这么点|不到)")
_COMPLAINT_BEFORE = rx.compile(r"(?:怎么|咋|为啥|为什么|凭啥|咋个)[^,，。]{0,6}(?:才|只|就)[^,，。]{0,6}$")
#: 通知上写的 / 医保局说 / 我问了社区: figures of a rule told by someone, not this visit's slip
_NOTICE_SOURCE = rx.compile(r"通知|文件|政策|规定|医保局|社保局|医保中心|听说|问了|告诉我|notice")
#: the visit's own slip named (its lines are this visit's)
_SLIP_NOUN = rx.compile(r"单子|结算单|清单|发票|小票|收据|票据|单据|单上|slip|receipt")
_FUND_JUST_BEFORE = rx.compile(r"(?:统筹|基金|医保)(?:基金)?(?:今年)?(?:都|也)?$")
#: 统筹一分没报过 / 医保今年一分钱都没给报: the fund has paid nothing this year
#: (医保一分没报 为啥, no word of the year: this bill's — the slip's figure, not this)
_FUND_NOT_A_FEN = rx.compile(r"(?:统筹|基金|医保)(?:基金)?(?:今年)?(?:一分(?:钱)?|分文|一毛(?:钱)?)(?:都|也|还)?(?:没有?|未)(?:给我?)?(?:报|付|支付|给)(?:销)?过"
                             r"|今年(?:统筹|基金|医保)(?:基金)?(?:一分(?:钱)?|分文|一毛(?:钱)?)(?:都|也|还)?(?:没有?|未)(?:给我?)?(?:报|付|支付|给)")
_OTHER_FLAG_NEXT = rx.compile(r"[^,，。]{0,3}(?:贫困|建档立卡|家庭医生|签约|低保)")
_PRESCRIPTION_WORD = rx.compile(r"处方|方子|开方|prescri")
_UNKNOWN_PRESCRIPTION = rx.compile(r"处方|方子|开方|开药的医院|开单的医院|prescri|哪家医院开|哪个医院开|哪级开|几级开|医院开的")
_UNKNOWN_GRADE = rx.compile(r"(?:3|(?<![a-z])iii)[abc] ?or ?(?:3|iii)?[abc](?![a-z])|甲等|乙等|丙等|等次|几甲|甲还是乙|[一二三123]?[甲乙丙]等?还是[一二三123]?[甲乙丙](?![类级])|甲乙|甲等乙等|乙等甲等|什么等|几等|是不是三甲|grade [abc]|which grade")
_UNKNOWN_LEVEL = rx.compile(r"几级|好多级|等级|级别|哪一级|哪级|什么级|二级还是三级|一级还是二级|一级还是三级|级还是|是不是[一二三123]级"
                            r"|啥医院|什么医院|哪个医院|哪家医院|哪的医院|level|tier"
                            r"|(?:卫生院|社区|诊所|卫生室|医院)还是[^,，。]{0,4}(?:卫生院|社区|诊所|卫生室|医院)")
#: 搞不懂啥子起付线 / 不知道什么叫起付线: the word is not understood (not the year's position unknown)
_TERM_NOT_UNDERSTOOD = rx.compile(r"(?:搞不懂|不懂|看不懂|不明白|不晓得|不知道)(?:啥子|什么|啥|哪样)(?:叫|是)?(?:起付线|起付标准|起付)"
                                  r"|(?:啥子|什么|啥)(?:叫|是)?(?:起付线|起付标准)(?:哦|嘛|哟|啊|呀)?[,，]?(?:我)?(?:搞不懂|不懂|看不懂|不明白|不晓得)")
_POSITION_TOPIC = rx.compile(r"第一次|第一回|头一次|头一回|头回|首次|第几次|第几回|看过病没|起付|报没报|报过|报销过|看没看过|看过|扣没扣|扣过|过没过"
                             r"|用过医保|用没用过|用没用医保|报没报过|是否(?:已)?有(?:过)?(?:门诊)?(?:报销|结算)|是否(?:已经?)?(?:报销|结算|报)过|有没有(?:门诊)?(?:报销|结算)|报销记录|结算记录"
                             r"|deductible|first (?:outpatient )?(?:visit|time|claim|bill)|claimed")
_UNKNOWN_WORDS = r"(?:不清楚|不太清楚|不知道|不晓得|记不清|不记得|不太记得|忘了|记不到|搞不清|搞不懂|不懂|不确定|不太确定|没印象|莫得印象)"
_UNKNOWN_ABOUT = rx.compile(rf"[\u4e00-\u9fff]{{2,}}{_UNKNOWN_WORDS}|{_UNKNOWN_WORDS}[\u4e00-\u9fff]{{2,}}"
                            # not sure if I've used the deductible: the doubt names its own subject
                            r"|(?:not sure|don'?t know|no idea|unsure)\b[^,.]{0,12}?\b(?:if|whether)\b[^,.]{3,}")
_ACCOUNT_WORD = rx.compile(r"账户|个账|余额|account|balance")
_BELIEVED_BEFORE = rx.compile(r"(?:以为|还当|当成|当作|还想着)(?:是|它是|那是|那家是)?$")
_RULE_HOW_MUCH = rx.compile(r"报(?:销)?(?:好多|多少|几成|百分之几)|比例")
_CORRECTION_FIRST_WORD = rx.compile(r"(?:哦|噢|啊|哎)?(?:不对|说错了|搞错了|更正)")
#: 女儿陪我去 / 儿子带我来 / 老伴帮我问: someone who went along or asks for the person, not whose bill it is
_ALONG_WITH = rx.compile(r"(?:今天|那天|也|一起)?(?:陪|带|送|扶|帮|替)(?:着)?(?:我|俺)"
                         # 我老伴也是南昌的退休职工: the person whose bill it is, named with their category
                         r"|(?:也|今年)?是[^,，。]{0,6}?(?:职工|退休|在职|居民|灵活就业)")
#: 用没用 / 扣没扣 / 过没过: whether a thing named before was used — the thing is in the clause before
_USED_OR_NOT = rx.compile(r"(用|扣|过|满|到)(?:没|没有|了没|了没有)\1")
WHAT_IF_WORD = rx.compile(r"如果|要是|假如|假设|万一|换成|若是|倘若|what if|suppose|if it (?:was|were|had been|'d been)|had it been"
                           r"|if (?:he|she|i|we|they) had (?:gone|been)|if (?:the same|this|that) (?:bill|visit|amount) (?:was|were|had been)|instead|what would (?:it|i|she|he|they) (?:be|get|pay)"
                           r"|how much would (?:it|i|she|he|they) (?:be|get|pay)")
_WILL_CHECK = rx.compile(r"再问问|我问问|去问问|问一下再|回头问|再确认|再看看单子|查一下再|let me check|i'?ll check")
_SIGNED_ELSEWHERE = rx.compile(r"签(?:了)?约[^,，。]{0,16}[,，]?[^,，。]{0,3}?(?:这次|这回|今天|但是|可是|但|可)[^,，。]{0,3}?"
                               r"(?:在|去)(?:了)?(?:隔壁|别的|另外|另一|其他|外面|外地|镇上|县里|城里|市里"
                               # 我签约的是莲塘镇卫生院，今天在旁边的社区… / …在红谷滩的一个社区: another one
                               r"|旁边的|附近的|边上的|[^,，。]{1,6}?的一(?:个|家))"
                               r"|签(?:了)?约(?:的)?(?:是)?[^,，。]{0,10}[,，]?[^,，。]{0,4}?(?:这次|这回|今天|但是|可是|但)[^,，。]{0,4}?"
                               r"(?:去|在)(?:了|的是|的)?[^,，。]{0,8}?(?:医院|诊所)"
                               r"|不是(?:我|俺)?(?:自己)?签(?:了)?约的|非签约|没签约的(?:那家|卫生院|社区)"
                               # 我没在这个卫生院签约: the visit's place is not the signed one
                               # (没签约家庭医生: the family doctor, not the institution)
                               r"|(?:没|没有|未)(?:在)?(?:这个|这家|那个|那家)?(?:卫生院|卫生室|社区|诊所|医院|卫生服务中心)?签(?:过)?约(?!(?:的)?(?:家庭医生|家医))"
                               # 签约在社区…，今天没去社区，直接去南大一附院: the visit went past the signed one
                               r"|签(?:了)?约[^。]{0,20}?(?:没去|没在|没到)(?:社区|卫生院|卫生室|签约)[^。]{0,12}?(?:直接|去了|跑去|在)"
                               # 在镇上卫生院看病…不过俺签约的是隔壁乡的卫生院: the signed one named after, another one
                               r"|(?:不过|但是|可是|但|可)[,，]?(?:我|俺)?(?:们)?签(?:了)?约(?:的)?(?:是|在)(?:隔壁|别的|另外|另一|其他|邻|旁边|外)")
_VISIT_COUNT = rx.compile(r"(?:看了|去了|跑了|看过)(两|二|三|2|3)(?:回|次|趟)|(两|二|三|2|3)(?:回|次|趟)(?:看病|看门诊|门诊)(?:一共|总共|合计|加起来)")
_COUNT_VALUE = {"两": "2", "二": "2", "三": "3"}
_VISIT_ENUM = rx.compile(r"(?:^|(?<=[,，。;；\s]))(?:一|另一|第[一二三四1-4])(?:回|次|趟)(?:是|花了?|花费|看病|拿药|买药)?")
_NUMERAL_NEAR = rx.compile(r"[^,，。]{0,4}?[0-9¥零一二两三四五六七八九十百千万]")
_SLIP_FIELD_EMPTY = rx.compile(r"(?<!计算)(?<!算一下)(?<!算算)(?<!帮我算)(?<!请算)(?<!求)(?<!算出)(?<!问)"
                               r"(?:统筹基金支付|统筹支付|医保支付|基金支付)(?:金额)?[:：是为]?\s*(?:[,，。;；]|$)(?![^,，。;；]*\d)")
_SLIP_CONTEXT = rx.compile(r"结算单|单子|小票|发票|票据|清单|收据|医疗费总额|总额|写的是|写着")
_EXTRA_FEE = rx.compile(r"(?:另外|外加|额外|此外|另|还)(?:还)?(?:交|付|花|给)(?:了)?(?:个|点|些|一笔)?[\u4e00-\u9fff]{0,4}?费")
_EXTRA_PART = rx.compile(r"另外|外加|额外|此外|另有|另付|另交|还另|单独(?:付|交|算)|on top|in addition|extra|\bplus\b|再加(?:上)?|加上"
                         # 花了700，还有诊察费30: the consultation fee, charged beside the bill
                         r"|还有(?=诊察费|挂号费|诊查费)")
#: 450+诊察费10: a plus sign between the bill and the next part (nothing else between)
_PLUS_NEXT = rx.compile(r"\s?(?:元|块)?\s?[+＋]\s?(?:[\u4e00-\u9fff]{1,6})?$")
#: 1500，诊察费30另算: a part said after the bill, charged beside it
_EXTRA_AFTER = rx.compile(r"(?:元|块)?(?:钱)?[,，]?(?:是)?(?:另算|另外算|另收|另外收|另付|另外付|另交|另外交|单独算|单独收|单独付|额外(?:收|付|交|算)"
                          # 自费200不在里面 / 没包括在内 / 没算在1000里: left out of the bill said
                          r"|(?:不|没有?)(?:算|包括|包含|含)?在[^,，。]{0,6}?(?:里|内)|(?:不|没有?)(?:包括|包含|含|算)(?:进去|在内)"
                          r"| ?(?:yuan )?(?:is |was )?not included)")
_NOT_INSIDE_BEFORE = rx.compile(r"(?:不|没)(?:有)?(?:算|包括|包含|含)?(?:在)?(?:那|这)?$")
_COST_NOUN = rx.compile(r"药费|药钱|检查费?|治疗费|化验费?|挂号费|西药费?")
_UNKNOWN_EARLIER_VISITS = rx.compile(r"(?:看过|去过|又看了|又去了|还看过)(?:两|三|几|好几|2|3)(?:次|回|趟)[^,，。]{0,6}?(?:不记得|忘了|记不清|不清楚|不知道)"
                                     r"|又(?:去|看)了(?:一)?(?:次|回|趟)[,，]?[^。]{0,6}?(?:花了)?多少(?:钱)?(?:忘了|不记得|记不清|不清楚|不知道)")
_CLAIMED_PLAINLY = rx.compile(r"(?<![没未不])(?<!没有)报(?:销)?过(?![没吗么])(?:[^,，。]{0,6})?(?:但|可|不过)[^,，。]{0,4}(?:不记得|忘了|记不清|不清楚|不知道)"
                              # 今年统筹报过，数额不详: claimed — how much is not at hand (asked, never the year's first)
                              r"|(?<![没未不])(?<!没有)报(?:销)?过(?![没吗么])[^。]{0,3}?(?:数额|金额|具体金额|具体数)(?:不详|不清楚|不知道|不记得|记不清)")
_NO_CLAIM = rx.compile(r"(?<![有])(?:没有|没|未)(?:刷|用|走)过(?:医保|统筹)(?!没|吗|么)")
_THAT_VISITS_SLIP = rx.compile(r"(?:当时|那次|那回|那时候?)[^,，。]{0,4}报(?:了|销了)多少")
#: (我在成都)工作 / 上班 / 打工: where the writer works — said of the writer, not of the patient
_WORKS_THERE = rx.compile(r"(?:市)?(?:工作|上班|打工)")
_KIN = r"(?:我|俺)(?:家)?(?:爸爸|妈妈|爸|妈|老伴|老公|老婆|爱人|爷爷|奶奶|外公|外婆|父亲|母亲)"
#: (年度限额2000)今年已经用了(300): between the cap and the part of it used
_CAP_USED_BETWEEN = rx.compile(r"(?:元|块)?[,，]?(?:今年|本年|年内)?(?:已经|已|都)?(?:用了|用掉了?|用去了?)")
#: 老花眼看不清单子 / 单子上的字看不清: the slip cannot be read — no fact said is put in doubt by it
_SLIP_UNREADABLE = rx.compile(r"看不(?:清楚?|太清|大清|见)(?:那张|上面的?)?(?:单子|字|小票|票据|发票|结算单|明细|数字)"
                              r"|(?:单子|小票|票据|发票|结算单|明细)上?(?:面)?的?(?:字|数字)?(?:太小|小)?(?:我)?看不(?:清楚?|太清|大清|见)")
_CLAIMED_DOUBTED = rx.compile(r"报(?:销)?过没|有没有报|报没报|是否报|是不是报")
#: 统筹已经报了好几百 / 医保报过几百了: the year's fund figure said as some hundreds
_FUND_SOME_HUNDREDS = rx.compile(r"(?:统筹|医保|基金)[^,，。0-9]{0,6}?报(?:销)?(?:了|过)(?:了)?(?:大概|差不多|大约|约)?(?:好|小)?(?:几百|百把)(?:块|元)?(?!万)")
_CLAIMED_VAGUELY = rx.compile(r"(?:统筹|医保)[^,，。]{0,4}?报(?:销)?(?:了|过)(?:不少|很多|一些|好多|挺多|一部分)"
                              # 统筹基金今年报了多少我记不清 / 今年报了多少记不得，反正不多，几百块: how much is asked
                              r"|(?:(?:今年|统筹|基金)(?:基金)?(?:今年)?(?:一共|总共|已经)?|(?<=[,，]))报(?:销)?(?:了|过)?多少(?:钱)?[^,，。]{0,3}?"
                              r"(?:记不清|记不得|不记得|忘了|不知道|不清楚|搞不清)")
#: 今年报销过了的 / 今年报过两次了 / 年度内已享受门诊统筹报销: the fund has paid, how much unsaid (with
#: 起付线过了 beside it, the deductible met is the position said, as the dialogue policy takes it)
_CLAIMED_SOME = rx.compile(r"今年(?:其实|实际上|确实)?(?:门诊)?(?:统筹|医保)?(?:已经|已|都)?报(?:销)?过(?:了|的|钱|好几回|好几次|几次|几回|两次|两回|一次|一回)"
                           r"|年度内已享受(?:门诊)?(?:统筹)?(?:报销|待遇)")
_CATEGORY_DOUBT_AFTER = rx.compile(r"(?:的)?(?:职工|人员)?(?:吧|吗)")
_RETIRED_OR_NOT = rx.compile(r"退没退|退了没|退休没退休|是不是退休|算不算退休|算退休还是|在职还是退休|退休还是在职"
                             r"|办没办(?:完)?(?:退休)?(?:手续)?"
                             r"|退休又好像没|好像(?:办了)?退休(?:了)?又好像没|好像退了又好像没"
                             # 不知道她办退休了没有 / not sure if his retirement has been processed
                             r"|(?:办(?:了|完|好)?退休(?:手续)?|退休(?:手续)?办(?:了|完|好)?)(?:了)?没(?:有)?(?!几|多久|多长|多少)"
                             r"|办没办(?:退休|手续)|退休(?:手续)?办没办"
                             # 我是不是已经享受退休待遇了还不确定: whether retiree benefits have begun
                             r"|是不是(?:已经)?(?:享受|拿|领|开始享受|开始领)(?:了)?退休(?:待遇|金|工资)"
                             r"|退休待遇(?:开始|享受|领)?(?:了)?没(?:有)?"
                             # 不知道医保那边转没转成退休待遇: whether the switch to retiree is made
                             r"|转没转(?:成)?退休|转(?:成)?退休(?:待遇)?(?:了)?没(?:有)?|有没有转(?:成)?退休"
                             r"|是不是(?:已经)?(?:办了|办完|办好|办)(?:了)?退休"
                             # (not 'what if I was retired?': a what-if, not a doubt)
                             r"|(?<!what )(?:if|whether) (?:he|she|i|they)(?:'s| is| has| have| was)? (?:already |actually )?retired"
                             r"|(?:if|whether) (?:he|she|i|they) counts? as (?:a )?(?:retired|retiree)"
                             r"|(?:if|whether) (?:his|her|my|their) retirement (?:has|had|is|was) (?:been )?(?:processed|done|finali[sz]ed|approved|through)")
_LEVEL_DOUBT_BEFORE = rx.compile(r"(?:好像|可能|也许|大概|估计|似乎|或许|大约)(?:是|算)?(?:个|家)?$"
                                 # 医院会不会是三级我也拿不准: a level wondered about
                                 r"|(?:会不会|该不会)(?:是)?(?:个|家)?$"
                                 # 不过也有人说升三级了: hearsay of a level
                                 r"|(?:有人说|听人说|听说|据说)(?:是|升|升了|升成|已经)?(?:个|家)?$")
_LEVEL_DOUBT_AFTER = rx.compile(r"(?:医院)?(?:开的|看的|拿的)(?:吧|吗|么)|一院|(?:的)?(?:医院|医疗机构|的那种)?(?:吧|吗|么)|(?:的)?(?:医院)?[?？]|(?:的)?(?:医院)?(?:还是|或者|也可能)")
_SEEN_COUNTED = rx.compile(r"(?:看|去|买|拿|刷|开)过(?:药)?(?:一|两|几|1|2)(?:次|回|趟)")
_TO_COME_BEFORE = rx.compile(r"(?:下个?月|下周|下礼拜|下星期|过几天|过两天|明天|后天|以后|改天|回头)[^,，。]{0,4}?"
                             r"(?:打算|准备|还要|还得|要|得|想|计划)(?:再)?(?:去|到|上)")
_SAME_PLACE_AGAIN = rx.compile(r"同一(?:家|个)?(?:医院|诊所|药店|地方)?|还是那家|就是那家|(?:还|也|又)(?:是)?(?:在|去)(?:的)?(?:那|这)(?:家|里|儿|个)"
                               r"|same (?:hospital|clinic|place)")
_NOW_VISIT_BEFORE = rx.compile(r"现在(?:去|在|到)|今天|今日|刚才|刚刚|这次|本次|这回")
_COUNTED_VISIT_AFTER_DATE = rx.compile(r"(?:份)?(?:的时候)?(?:也|还)?(?:在)?[^,，。\s\d]{0,8}?(?:看过|去过|刷过)(?:一|两|几|1|2)(?:次|回|趟)")
_DENIED_BETWEEN = rx.compile(r"(?:元|块)?[,，\s]?(?:而)?不是")
_POINTED_BACK_BEFORE = rx.compile(r"(?:^|[,，\s])(?:那|那个|就那|这)$")
_ASKED_RIGHT_AFTER = rx.compile(r"(?:元|块)?(?:钱)?\s?(?:还是|也)?(?:不对吧|不对吗|不对|对不对|对吗|对不|对么|有问题|没问题吧)")
_LEVEL_CHOSEN_BEFORE = rx.compile(r"(?:就|那就|那|先|那先|还是|干脆)按(?:照)?$")
_HEDGED_POSITION = rx.compile(r"应该|可能|好像|也许|大概|估计|不太确定|不确定|来着|不记得|记不清|吧[?？]?$|probably|maybe|i think")
_SHOULD_PAY = rx.compile(r"应该(?:报|给|付|算|是多少|怎么|能)")
_MULTI_VISIT = rx.compile(r"[两二三几2-3](?:次|回)|第[二三2-3](?:次|回|笔)|又|看过一(?:次|回)|这[两二三]次|还有一次|上次|上回|上一次"
                          r"|另外(?:还)?(?:在|去|到)?(?:定点)?(?:药店|药房)"  # (医院花了八百，另外药店买药三百)
                          r"|(?<![a-z])again(?![a-z])")  # (…that was the first of the year; today lvl 2 again 500)
#: 12号三级医院花400…今天二级医院500: a day of this month said bare, at a clause's start, dates a visit
_DAY_OF_MONTH = r"(?:(?<=^)|(?<=[,，。;；]))[0-3]?\d(?:号|日)(?![\d楼床室])"
_TIME_MARKERS = rx.compile(r"今天|昨天|前天|去年|上个?月|上周|\d{1,2}月|[一二三四五六七八九十]{1,2}月|\d{1,2}号(?=那次|那回)|" + _DAY_OF_MONTH)
_AMOUNT_OR = rx.compile(r"^(?:还是|或者|或|or|到|~|-|—|至)$")
_YEAR_SCOPE = rx.compile(r"今年|本年|年内|这一年|this year|就这|只有这|就看了|只看了|一共|总共|就两|就三|过一(?:次|回)"
                         r"|第一(?:次|回)是|(?:今天|这次|这回|这是)(?:是)?第二")
_ALL_VISITS = rx.compile(r"(?:就|只|一共|总共)?(?:看|去)?了?[两二三2-3](?:次|回|笔|趟)|就这[两二三几]?(?:次|回)|第[一1](?:次|回)|(?:看|去)过一(?:次|回)")
_VISIT_MARKER = rx.compile(
    r"(?<!今年)(?<!今年的)第[一1](?:次|回)(?!看病|门诊)|第[二三2-3](?:次|回)(?!看病|门诊)|今天|昨天|前天|上个?月|上周|这次|后来|然后|又|\d{1,2}月|[一二三四五六七八九十]{1,2}月"
    r"|(?<!今年)(?<!今年的)头一回(?=花|看|在|去)|这回(?=花|看|在|去)|\d{1,2}号那次|" + _DAY_OF_MONTH +
    # 这次花了150，上次花了200: the last visit, set against this one
    r"|(?:上次|上一次|上回|上一回)(?=花|看|去|买|拿)" +
    # 今天看了两次，上午社区200，下午三甲医院500: the day's visits, each by its part of the day
    r"|上午|下午|中午|晚上|傍晚"
    # 医院花了八百，另外药店买药三百: a purchase at another place, a visit of its own
    r"|另外(?:还)?(?:在|去|到)?(?:定点)?(?=药店|药房)"
    # …that was the first of the year; today lvl 2 again 500: English names the day too
    r"|(?<![a-z])(?:today|yesterday)(?![a-z])"
    r"|(?:之前|以前|前面|此前|先前)(?=[^,，。；;]{0,12}?花(?:了|过|费)?[0-9一二两三四五六七八九十百千万])"
)
#: a visit said to have come before (今年之前看过一次花了300), told after this one: it goes first
_SAID_EARLIER = rx.compile(r"(?:之前|以前|前面|此前|先前)[^,，。；;没未不]{0,8}?(?:看过|去过|花过|花了)|上次|上一次|上回|上一回"
                           r"|前(?:两|二|几|三|2|3)(?:次|回|趟)"  # 前两次一共花了两百二
                           r"|[0-9一二三四五六七八九十]{1,2}月(?:份)?[^,，。；;没未不]{0,6}?(?:看过|去过)")  # 今年2月份看过一回
_RECENT_WORD = rx.compile(r"今天|今日|刚才|刚刚|昨天|昨日|前天|这次|本次|这回")
#: 今天门诊八百，今年之前在社区看过一次花了三百: today's visit told first is still the later one
_POSITION_CLAUSE = rx.compile(r"起付线|起付标准|统筹(?:已经|已)?(?:报|付|支付)|报过|报销过")
#: 是不是报销比例55%啊: the ratio asked about, before it
_RULE_QUESTION_BEFORE = rx.compile(r"是不是|是否|难道|不是说")
_FUND_FIGURE_UNREAD = rx.compile(r"(?:统筹|医保|基金)[^,，。]{0,4}报了多少|报了多少|看不懂")
_RETIRED_EITHER = rx.compile(r"(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)(?:份)?(?:还是|或者)(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)"
                             r"(?:份)?[^,，。]{0,4}(?:办|退)"
                             # 退休手续是这个月办完的还是上个月 / 好像是上个月办完的，也可能是这个月初
                             r"|(?:退休|手续)[^。？?]{0,6}?(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)(?:份|初|底)?"
                             r"(?:办完|办好|办下来|退)的?[,，]?(?:还是|也可能是|或者是?)(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)"
                             r"|(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)(?:份|初|底)?(?:办完|办好|办下来)的?[,，]?"
                             r"(?:也可能是|还是|或者是?)(?:上个?月|这个?月|本月|[0-9一二三四五六七八九十]{1,2}月)")
#: 南充 在职 3月份退的休: in work said as the person's state now, beside a retirement — which holds is asked
_BARE_IN_WORK = rx.compile(r"(?:^|[,，。 ]|自称|称|说是)在职(?:职工|人员)?(?=$|[,，。 ])")
_HEDGED_NOT_FIRST = rx.compile(r"好像|可能|也许|大概|还是|来着|不记得|不知道|不晓得")
_TODAY_WORD = rx.compile(r"今天|今日|这次|这回|本次")
#: a later visit needs a when or a where of its own: 又花了80 alone may be part of the same bill
_WHEN_OR_WHERE = rx.compile(
    r"第[一二三1-3](?:次|回)|之前|以前|前面|此前|先前|今天|现在|刚才|刚刚|昨天|前天|上个?月|上周|这周|本周|\d{1,2}月|[一二三四五六七八九十]{1,2}月|医院|卫生院|社区|诊所|药店|药房|[一二三123]级"
    r"|(?<!今年)头一回|这回|\d{1,2}号那次"
    r"|后来|隔(?:了)?[一两二三几1-9]?(?:个)?(?:周|天|月|礼拜|星期)"  # (先看了300，后来隔一周又去了一次)
    r"|(?<![a-z])(?:today|yesterday|level|lvl|hospital|clinic|pharmacy)"
)
_WHERE_FACTS = ("provider_kind", "provider_level", "provider_grade", "signed", "referral")
_VISIT_FACTS = ("provider_kind", "provider_level", "provider_grade", "provider_assumed", "prescribed_at_level", "prescribed_at_grade",
                "signed", "referral", "amount", "self_pay", "class_b_drug", "class_b_service", "consultation", "tcm",
                "dual_channel", "prenatal", "year", "month", "day", "days_ago", "months_ago")
_TAKEN_BACK = rx.compile(r"\?? ?(?:(?: ?(?:i think|i guess|maybe|probably))?[.。])?[,，]? ?(?:哦|噢|呃|额)?[,，]?"
                         r"(?:no[,，]? ?wait|wait[,，]? ?no|no|not|不是|不对|没签|没有签)[,，]")  # (Grade B I think. No wait, …)
_DAYPART = rx.compile(r"上午|下午|中午|晚上|傍晚")
_DAYPARTS_COUNTED = rx.compile(r"(?:今天|今日|昨天|前天|当天|同一天|一天)[^,，。]{0,4}(?:看|去)了(?:两|二|2|三|3)(?:次|回|趟)")
_VISIT_WORD = rx.compile(r"看|花|买|拿|去|开|门诊|医院|卫生院|社区|诊所|药店|级|visit|spent|paid|again|hospital|clinic|pharmacy|lvl|level")
_SAID_BEFORE = rx.compile(r"(?:说的是|说是|写的是|讲的是|你说)$")
_COUNTY_HOSPITAL = rx.compile(r"县医院|县人民医院|县级医院")
_ORDINAL = rx.compile(r"第[二三四2-4](?:次|回)")
_TOGETHER = rx.compile(r"一共|总共|合计|共计|加起来|together|in total")
_TWO_PLACES = rx.compile(r"两家|一家.{0,8}一家|two (?:hospitals|clinics|places)|各(?:看|去)了一(?:次|回|趟)"
                         # 一级医院和药店都去了: two places, one total
                         r"|(?:医院|卫生院|社区|诊所|药店|药房)(?:和|跟|与|、|还有)[^,，。]{0,6}(?:医院|卫生院|社区|诊所|药店|药房)都(?:去|看|跑)"
                         # 药店 医院 都去了 (normalised 药店，医院，都去了): the two side by side, spaces between
                         r"|(?:药店|药房)[,，](?:[^,，。]{0,4}(?:医院|卫生院|社区|诊所))[,，]?都(?:去|看|跑)"
                         r"|(?:医院|卫生院|社区|诊所)[,，](?:药店|药房)[,，]?都(?:去|看|跑)"
                         # 二级医院看病加上去药店拿药 一共花了六百: a visit and a purchase elsewhere, one total
                         r"|(?:医院|卫生院|社区|诊所|药店|药房)[^,，。]{0,6}(?:加上|再加上|加|还有|另外|然后)(?:又)?(?:去|到|在)"
                         r"(?:医院|卫生院|社区|诊所|药店|药房)[^,，。]{0,12}(?:一共|总共|合计|加起来)"
                         # 在三级医院和药店各花了一些 / 在药店和医院都花了一些: two places, their spending together
                         r"|(?:医院|卫生院|社区|诊所|药店|药房)(?:和|跟|与|、|还有)[^,，。]{0,6}(?:医院|卫生院|社区|诊所|药店|药房)"
                         r"(?:各|都|分别)(?:花|买|拿|开)"
                         # 今天在社区医院和药店一共花了500: two places, one sum (each settles at its own ratio)
                         r"|(?:医院|卫生院|社区|诊所|药店|药房)(?:和|跟|与|、|还有|加上)[^,，。]{0,6}(?:医院|卫生院|社区|诊所|药店|药房)"
                         r"[^,，。]{0,3}(?:一共|总共|合计|共计|加起来)")
_ACCEPTED = rx.compile(r"就当|当作|就算|就按|let'?s say|assume")
_HEDGED_ANYWHERE = rx.compile(r"又好像|还是第[二三2-3]次|第一次还是|是不是第一次|不知道是不是第一次|是否首次|是否第一次|是否为首次"
                              r"|首次[^,，。]{0,4}未说明|未说明是否")


def _hedged_anywhere(text: str, bounds: list[tuple[int, int]], hits: list[Hit]) -> bool:
    """A doubt about the year's position said anywhere (又好像之前来过) — not a 又好像 whose clause
    names another fact (好像是退休了又好像还在做灵活就业: the category is in doubt, not the year)."""
    m = _HEDGED_ANYWHERE.search(text)
    if m is None:
        return False
    if m.group(0) != "又好像":
        return True
    hi = _clause_of(bounds, m.start())[1]
    # (又好像是今年 after 去年退休了: when the retirement was is in doubt — the year position is dropped)
    return _TIME_MARKERS.search(text, m.end(), hi) is not None or "年" in text[m.end():hi] \
        or not any(m.end() <= o.start < hi and "category" in o.sets for o in hits)


_FUND_TOPIC_BEFORE = rx.compile(r"(?:^|[,，。])(?:今年)?(?:统筹|统筹基金)(?:那边|那块|的话|这边)?(?:我)?(?:查了一下|查了|问了一下|问了|看了一下|核实了)?[,，]$")
_THAT_FIGURE_BEFORE = rx.compile(r"(?<![不没])在(?:另外|其余|剩下|剩余|其他|其它)?(?:的)?(?:那|这)(?:个|笔)?$")
_INSIDE_AFTER = rx.compile(r"(?:块钱|块|元)?(?:里面|里头|里边|里|之中|当中|中间)")
_LAST_VISIT = rx.compile(r"上次|上一次|上回|上一回|(?<!今年)(?<!今年的)(?:第一次|第一回|头一次|头一回)|前一次|那次|那回")
_POSITION_FIELDS = ("fund_paid", "deductible_used", "deductible_remaining", "account_balance", "prior_unreimbursed")
_QUESTIONED_AFTER = rx.compile(r" ?(?:元|块)?(?:吗|么|吧|呢|啊)?\?")
#: yes/no facts and the words that name them, for statements that doubt them
_DOUBTABLE = (
    ("signed", rx.compile(r"签约|签了约|签过约")),
    ("poverty_registered", rx.compile(r"贫困|建档立卡")),
    ("family_doctor", rx.compile(r"家庭医生|家医")),
)
#: a clause that questions a fact (是不是签约机构？) or reports it denied (可是卫生院说我没签约) or changed
_DOUBT = rx.compile(r"是不是|算不算|是否|有没有|吗|\?|(?:可是|但是|不过|但)[^,，。]{0,8}说|说我(?:没|不)|换了|换过|改了")
_ABOUT_SETTLING = rx.compile(r"没算|没给算|算没算|没加|少算|漏算|漏了|少了|没按|按没按|算进去|算上"
                             # 那我回签约的社区卫生服务中心看能报吗: whether it is paid, asked — not a doubt of the place
                             r"|能报(?:销)?(?:吗|么|嘛|不)|能不能报|可以报(?:销)?(?:吗|么|嘛)|报多少"
                             r"|(?:多|高|加)[0-9一二三四五六七八九十百分之.]+%?(?:的)?(?:吗|么|嘛|[?？])"  # 家庭医生不是多5%吗
                             # 不是说有家庭医生能多5个点吗: a question of the rule's extra points, not a doubt of the fact
                             r"|(?:能|可以|会)?(?:多|高|加)(?:报)?[0-9一二三四五六七八九十]+(?:个)?(?:点|个百分点|%)(?:的)?(?:吗|么|嘛|[?？])?")
#: words naming a part of the bill: each must be bound to a number, or the bill is not known well enough
#: after a part's amount: its kind asked (200是自费吗？ / 200算不算乙类)
_ITEM_QUESTIONED = rx.compile(r"(?:元|块)?(?:是不是|算不算|是|算)[^,，。]{0,6}?(?:吗|么|嘛|\?|？)|(?:元|块)?(?:是不是|算不算)"
                              # 还有200是自费的吧好像: a part whose kind the person is not sure of
                              r"|(?:元|块)?(?:是|算)?[^,，。]{0,6}?(?:的)?(?:吧[\s,，]*(?:好像|可能|我记得|应该)|好像吧|可能吧|大概吧)")
#: digits on both sides of a full-width comma, three after it (1，200 / 200，300): NFKC makes it a
#: thousands mark, but a list of numbers is written the same way
#: a figure to the fen (57.38): the message writes decimals as decimals
_TO_THE_FEN = rx.compile(r"(?<![\d.,])\d+\.\d{2}(?![\d.])")
_FULLWIDTH_GROUP = rx.compile(r"(?<![\d.０-９])[0-9０-９]{1,3}[，﹐][0-9０-９]{3}(?![0-9０-９]|[.．][0-9０-９])"
                              # 1,0000 / 12,00: a comma that groups no thousands — 1000 or 10000? asked
                              r"|(?<![\d.０-９])[0-9０-９]{1,3}(?:,[0-9０-９]{3})*,(?:[0-9０-９]{1,2}|[0-9０-９]{4,})(?![0-9０-９.kK千万wW])"
                              # 花了 1.200: a dot before three digits — 1.2 yuan, or 1,200 written the European way? asked
                              r"|(?<![\d.,０-９¥￥])[0-9]{1,3}\.[0-9]{3}(?![0-9０-９.,%％kK千万wW])"
                              # 花了1.2: a whole bill under ten yuan with one decimal — 1.2 yuan, or 1.2 thousand? asked
                              r"|(?<=花了|花费|一共|总共|合计|共计)\s?[1-9]\.[0-9](?![0-9０-９.,%％kK千万wW元块毛角])")
#: ２，３００元: one digit, a comma, three digits and the unit — 2 and 300 yuan would not be written so
_THOUSANDS_WITH_UNIT = rx.compile(r"[0-9０-９][，﹐][0-9０-９]{3}(?:元|块|圆|[.．][0-9０-９]{2}(?![0-9０-９]))")
_EARLIER_TIME = rx.compile(r"上次|上回|那次|之前|以前|前面|去年|上个月|上月")
#: right after a level: it is taken back (一级医院 哦也不对 / 三级，也不是)
_TAKEN_BACK_AFTER = rx.compile(r"(?:医院|的)?[,， ]*(?:哦|噢|呃|额)?[,， ]*(?:也不对|也不是|又不对|好像也不对)")
_TOTAL_SAID = rx.compile(r"一共|总共|总计|合计|共计|总额|总费用|花了|花费|spent|total")
_FEE_PARTS = ("药费", "检查费", "治疗费", "挂号费", "化验费")
_EITHER_BETWEEN = rx.compile(r"(?:元|块)?(?:钱)?(?:多)?[,，\s]*(?:还是|或者|或是)[,，\s]*(?:是)?")
_ONE_MORE_UNKNOWN = rx.compile(r"还有(?:一|两|几)?(?:项|笔|样|个|行)[^,，。]{0,4}?(?:记不清|忘了|不记得|不知道|不清楚|看不清|想不起)")
#: 西药和检查花了 / 药费检查费一共 / 药和检查是: two costs named together right before their figure
_NAMED_COSTS_BEFORE = rx.compile(r"(?:西药|中药(?:饮片)?|中成药|药费?|检查费?|化验费?|治疗费?)(?:和|跟|加|、|与|及)?"
                                 r"(?:西药|中药(?:饮片)?|中成药|药费?|检查费?|化验费?|治疗费?)"
                                 r"(?:费用|的钱|的)?(?:一共|总共|共|合计|加起来)?(?:花了|花|是|为|交了|付了)?\s?$")
_SEPARATE_FEE = rx.compile(r"(?:检查|化验|治疗|挂号|诊察|材料)(?:费)?(?:是|要|还)?(?:另算|另外算|单独算|另付|另交|另收|没算(?:在)?(?:里面|进去|里头))"
                           # 还有个检查费单独交的 / 检查费是另外交的: a fee paid apart, its amount not said
                           r"|(?:检查|化验|治疗|挂号|诊察|材料)(?:费)?(?:是|要|还)?(?:单独|另外|分开)(?:交|付|缴|收)(?:的|了)?")
_FEE_CUE = rx.compile(r"检查|化验|药|治疗|挂号|诊察")
_AT_LEAST_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:多|余(?!额)|出头|以上|好几)|几(?:块|元)|来(?:块|元)")
#: the fund paid nothing of this bill, said as a complaint (一分钱都没报？？？ / 统筹一分没给)
_NOTHING_PAID = rx.compile(r"一分(?:钱)?(?:都|也)?没(?:有)?(?:报|给)|统筹(?:一分)?(?:都|也)?没(?:有)?(?:报|给)|全是(?:我)?自己(?:付|掏|出)的?|nothing (?:was )?(?:paid|covered)"
                           r"|怎么(?:还是|又是|是)0(?![0-9.])")
#: 医保一分没报 / 统筹没给报 (said of this bill, no question): the fund's line is 0 by the person's own word
_FUND_PAID_NOTHING = rx.compile(r"(?<![还都])(?:医保|统筹)(?:基金)?(?:一分(?:钱)?)?(?:都|也)?没(?:有)?(?:给(?:我)?)?报(?!过|销过|的|吗|么)")
_RULE_QUESTION_AFTER = rx.compile(r"[^,，。]{0,3}?(?:吗|么|嘛|吧|[?？]|对不对|是不是)")
_RETIRING_NOW = rx.compile(r"刚办|才办|刚退|今年(?:刚)?(?:办|退)|手续")
_PLAIN_FEE_BEFORE = rx.compile(r"(?<![其里含括])(?:检查|化验|西药|药品|药|治疗|挂号|材料)(?:费)?(?:是|为|:)?$")
_TWO_SLIPS_ONE_VISIT = rx.compile(r"一次[^,，。]{0,6}(?:开了|拿了|有)两张(?:处方|单子|发票|票)[,，]?一张(\d+(?:\.\d+)?)(?:块|元)?[,，]?(?:另)?一张(\d+(?:\.\d+)?)")
_ONE_OF_TWO_UNSAID = rx.compile(r"(?:一个|一次|一项|一科)[^,，。\d]{0,4}\d+(?:\.\d+)?(?:块|元)?[,，]?(?:一个|一次|一项|另一个|另一科)[^\d]{0,6}$")
_NEVER_SEEN = rx.compile(r"今年(?:还|都|一直)?(?:没有|没)(?:看过|去过|看)(?:病|门诊|医生)?")
#: 三甲不是三级吗 / 这家不是定点吗 / 社区医院不是一级吗: a question put back, its own clause
_ASKED_BACK = rx.compile(r"[^,，。;；？?!！]{0,8}不是[^,，。;；？?!！]{1,8}(?:吗|么|嘛|吧)(?:[？?]|$|(?=[,，。]))")
_MET_AFTER_ITS_FIGURE = rx.compile(r"起付(?:线|标准)(?:是|为)?[0-9]+(?:\.[0-9]+)?(?:元|块)?[,，]\s*(?:今年)?(?:已经|已|早就|早|都|也)?"
                                   r"(?:扣满|扣完|用完|用满)(?!了?[吗么没])")
_DOCUMENT_ASKED_EN = rx.compile(r"(?:written|stated|set|laid down|mentioned) "
                                r"(?:in|by) (?:the |their |his |her )?[^?]{0,20}?(?:document|plan|policy|rules?)[^?]{0,10}\?"
                                r"|(?:does|did) the (?:[^?]{1,20} )?(?:document|plan|policy) (?:say|state|set)[^?]{0,40}\?")
_SLIP_EN = rx.compile(r"slip|receipt|my bill|the bill shows|invoice")
_BREAK_BETWEEN = rx.compile(r"[,，。;；!！?？]")
_YEAR_SPENT_IN_ALL = rx.compile(r"今年[^,，。]{0,8}?(?:总共|一共|合计|累计|总计|加起来)")
_YEAR_FIRST_SAID = rx.compile(r"今年(?:的)?(?:头一回|头一次|第一次|第一回|首次)")
#: a clause about an earlier visit this year, done and paid (…看过一次，花了400没报)
_EARLIER_ALSO = rx.compile(r"今年[^,，。；;]{0,10}?(?:也|还)(?:买|拿|看|去)过")
#: 上个月好像在药店刷过一次医保: a bill of the year with the insurance card, told as done before
_SWIPED_BEFORE = rx.compile(r"(?:上个?月|之前|以前|前几天|前阵子|上周|[0-9一二三四五六七八九十]{1,2}月份?)[^,，。]{0,8}"
                            r"(?:刷过|用过)(?:一次|一回|几次|两次)?(?:医保|医保卡|社保卡)")
_EARLIER_DONE = rx.compile(r"(?:之前|以前|上次|上一次|上回|前面|前几天|前两次|前几次|前一次|头两次|前几个月|前两个月|前阵子|前段时间|年初|第一次(?=在)|头一次(?=在)|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?|上个月|上月"
                           r"|(?:这个?月|本月|这周|上周|这礼拜)(?:已经|已)(?=在)"  # (这个月已经在卫生院报过一次了)
                           r"|今年已(?:经)?(?=在)|今年(?=在[^,，。；;]{1,10}(?:已经|已|也|还)?(?:报过|报了|看过|买过|拿过))"
                           # 今年去过社区医院两次 (，今天又去一附院): the year's earlier visits, their place theirs
                           r"|今年(?=(?:去|看|买|拿)过[^,，。；;]{1,10}(?:两|三|几|好几|[2-9])(?:次|回|趟)))[^,，。；;]{0,14}"
                           r"(?:看过|去过|拿过|买过|刷过|花了|花过|累计|自付|报过|报了|报的|报销过|看病|看的病|就诊过|就医过|看过病)"
                           r"|(?:之前|以前|此前)[^,，。；;]{0,14}(?:拿了|买了|开了)"  # (之前在社区拿了几次降压药)
                           r"|今年(?:还|也|另外)(?:去|看)过(?:一|两|几)(?:次|回|趟)")  # (今年还去过一次社区医院)
#: 两次看病一共1800: the sum of two visits (each is settled on its own — asked)
_TWO_VISITS_TOGETHER = rx.compile(r"(?:两|二|三|几|2|3)(?:次|回|趟)(?:看病|看门诊|门诊|加起来)?[^,，。]{0,3}(?:一共|总共|合计|加起来|共)")
#: 不知道起付线怎么算: how the rule works is asked — not the person's year unknown
_HOW_IT_WORKS = rx.compile(r"怎么算|怎么扣|如何|是什么|是多少|咋算|怎么回事")
_VAGUE_WHEN = rx.compile(r"前阵子|前一阵|前段时间|前些日子|前些天|这阵子|这一阵|这段时间|这些日子|之前有(?:一)?次|以前有(?:一)?次|有一次(?=在|去|看)|有一次(?=[^,，。]{1,10}?(?:看病|看门诊|看的|就诊))|a while ago|some time ago"
                         # 那次是夏天看的: a season, not a month — where the month decides, it is asked
                         r"|(?:夏天|春天|秋天|冬天)(?:的时候)?(?:看的|去的|看病的|来的)")
_SETTLED_AS_BEFORE = rx.compile(r"(?:是不是|是否|有没有|不是|咋|怎么)(?:给我|给她|给他)?(?:按(?:照)?(?:给我)?|算成|当成|按成)$")
_THIS_VISIT = rx.compile(r"这回|这次|今天|这趟|本次|今儿")
_KIND_EITHER = rx.compile(r"(?:药店|药房)[,，]?[^,，。]{0,2}(?:还是|或者|或是)[^,，。]{0,2}(?:医院|诊所|卫生院)"
                          r"|(?:医院|诊所|卫生院|社区)[,，]?[^,，。]{0,2}(?:还是|或者|或是)[^,，。]{0,2}(?:药店|药房)")
_SIGNED_DENIED = rx.compile(r"签约的?(?:机构|医院|卫生院|社区)?(?:不是|并不是)(?:他们|咱|我们)?(?:这|那|该)(?:家|个|里)?")
_SAME_PARAMETERS = rx.compile(r"(?:其他|其余|其它|别的|剩下的)(?:的)?(?:都|也)?(?:一样|相同|不变|照旧)"
                              r"|(?:起付线|起付标准|限额|比例|封顶)[^,，。]{0,8}?(?:一样|相同|不变|照旧|也是)")
#: an earlier visit said against what was said before it (但是上个月已经看过一次), not listed after it
_CONTRAST = rx.compile(r"但|可是|不过|其实|已经")
_BARE_ACCOUNT_CLAUSE = rx.compile(r"(?:元|块)?[,，]\s*(?:个人账户|账户|个账|医保卡|卡里)(?:里)?(?=$|[,，。!！?？])"
                                  # 1580 个人付了: the figure is the person's share, or the bill they paid — asked
                                  r"|(?:元|块)?[,，]\s*(?:个人|自己|我)(?:付了|支付了?|掏了|出了|自付)(?=$|[,，。!！?？])")
_NOT_PAID_YET = rx.compile(r"报|支付|结算|claim|paid")
_FIRST_WORD = rx.compile(r"第一|第1|头|首|first|1st")
_SIGNED_PLACE_BEFORE = rx.compile(r"签(?:约|的)(?:的)?(?:机构|医院|卫生院|社区|单位)?(?:是|在)")
#: the visit said to be somewhere else than the signed institution (但这次去了…, 自己跑去…, 别的…)
_OTHER_PLACE = rx.compile(r"(?:但|可|不过|结果|却)(?:是)?(?:我|他|她)?(?:这次|这回|今天|签约的是|签的是|去了|去的是|跑去了?)|自己(?:跑|去)|另(?:一|外)|别的|不是(?:在)?(?:签约|那)")
_CAP_SHARE = rx.compile(r"(?:额度|限额|封顶)[^,，。]{0,6}?(?:用了|用掉|花了|报了|用去)(?:了)?(?:(?P<half>一半)|(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九]))(?![多左])")
_OR_BETWEEN = rx.compile(r"(?:元|块)?(?:还是|或者|或是)")
#: a fund cue that speaks of the year, not of this bill (今年报了, 已经报了, 之前统筹给了, 累计报销)
#: the fund's words whose figure is first left unsaid, then given after a correction (…不对，是412.6)
_FUND_CUE_RETAKEN = rx.compile(r"(?P<cue>(?:统筹|医保|基金)[^,，。\d]{0,6}?(?:报了|给了|付了|支付了|报销了|已报|报销))"
                               r"[^\d,，。]{0,6}?[.…。]*[,，\s]*(?:不对|不是|说错了?|记错了?|(?:我)?(?:查|看|翻)了(?:一?下)?)[^\d]{0,14}?(?:是|为|有)\s*$")
#: 买了两盒药 一盒68 / 三瓶，每瓶45: how many, then the price of each — up to the figure
_EACH_PRICED = rx.compile(r"(?P<n>[两二三四五六七八九十2-9])(?P<u>盒|瓶|支|袋|包|板|贴)(?:药)?[,，\s]?(?:[^,，。0-9]{0,4}[,，\s]?)?"
                          r"(?:一|每)(?P=u)(?:药)?(?:是|要|卖|花了)?")
_SELF_PAID_INSURANCE = rx.compile(r"自己(?:交|缴|买)(?:的)?(?:社保|医保|保险)|个人(?:交|缴)(?:的)?(?:社保|医保)")
_AT_WORK = rx.compile(r"在职|上班|单位|公司|工作|打工|厂里|职工医保(?!.{0,3}自己)")
_LAST_VISIT_BEFORE = rx.compile(r"上次|上一次|上回|上一回|前一次|之前那次|前面那次")
_YEAR_IN_CUE = rx.compile(r"已|累计|今年|本年|年内|之前|以前|此前|共|总|前面|上次|过|already|so far|this year|has paid")
#: why the fund paid nothing of a bill (怎么一分没报 / 为什么没给报 / 没报销是咋回事)
_WHY_UNPAID = rx.compile(r"(?:怎么|为什么|为啥|咋|咋个|凭什么)[^,，。]{0,6}?(?:没|不)(?:有)?(?:给)?报"
                         r"|(?:没|不)(?:给)?报(?:销)?[^,，。]{0,4}?(?:为什么|为啥|咋回事|怎么回事|咋个回事)"
                         # 医保一分没报，统筹0，为什么？: the why asked at the end, after the slip's nought
                         r"|一分(?:钱)?(?:都)?没(?:给)?报(?:销)?[^。]{0,10}?(?:为什么|为啥|咋回事|怎么回事|咋个回事)")
#: a relative said just before a place: where they are (老伴在西安 / 儿子在成都上班 / 女儿去了深圳)
_RELATIVE_AT = rx.compile(r"(?:老伴|老伴儿|儿子|女儿|儿媳|女婿|孙子|孙女|闺女|媳妇|娃儿?|孩子|姑娘|老公|老婆|爱人|兄弟|姐姐|妹妹|哥哥|弟弟|亲戚)"
                          r"(?:现在|一直|常年|都)?(?:在|去了|到了|跑)$")
#: whether the retirement papers are through is not known (手续不知道办完没有 / 办没办完我不清楚 / 批下来没)
_PAPERS_NOT_KNOWN = rx.compile(
    r"(?:手续|退休|待遇)[^。？?]{0,8}?(?:不知道|不晓得|不清楚|不确定|搞不清|说不好|记不清)[^。？?]{0,8}?"
    r"(?:办完|办下来|批下来|办好|完了|开始没|生效|办没办|有没有办)"
    r"|(?:办没办完|办完没|办完了没|办下来没|批下来没|办好没|办没办好|办没办|完了没|开始没有)[^。？?]{0,10}?"
    r"(?:不知道|不晓得|不清楚|不确定|搞不清|说不好|记不清|都搞不清)"
    r"|(?:不知道|不晓得|不清楚|不确定|搞不清)[^。？?]{0,6}?(?:手续|退休)[^。？?]{0,4}?"
    r"(?:办完|办下来|批下来|办好|完了|到底办没办|办没办)(?:了)?(?:没|没有|与否)")
#: 办没办完 / 是否办完: whether the papers are through, asked of (said beside a retirement month in doubt)
_PAPERS_UNKNOWN = rx.compile(r"办没办完|办完没|办完了没|有没有办完|是否办完|办没办好|办好没")
#: an English doubt whose clause ends before its subject (don't know if it's，甲等: the Chinese word after)
_DANGLING_IF = rx.compile(r"\b(?:if|whether)(?: (?:it|he|she|that|this)(?:'s| is| was))?$")
#: this visit at another place than the last (这次换了一家 / 换了家医院 / 这回不是那家)
_PLACE_CHANGED = rx.compile(r"换了(?:一|个)?(?:家|个地方|个医院|地方)|(?:这次|这回)不是(?:那家|同一家|一家)|不是同一(?:家|个)")
#: a clause that starts with the last visit (上次是在 / 上回去的)
_LAST_TIME_AT = rx.compile(r"(?:上次|上回|上一次|上一回)(?:是|都是|也是)?(?:在|去的|去了)?[^,，。]{0,8}$")
#: 先按第一次算吧 / 就按起付线扣完了算: the case the person picks to settle, their position not known
_SETTLE_AS = rx.compile(r"(?:先|就|那就|那|还是)?按(?:照)?(?:今年)?(?:(?P<first>第一次|头一次|头一回|第一回|没扣过|还没扣)"
                        r"|起付线(?:已经)?(?:扣完|扣满|过了|已过))(?:了)?(?:的|来)?(?:情况)?算")
#: 今年好像看过一次 / 好像看过一两回: a visit before this one, believed (said with a hedge)
_SEEN_BELIEVED = rx.compile(r"(?:今年|之前|以前|前面)?(?:好像|应该|可能)(?:今年|之前)?(?:也)?(?:看过|去过)(?:一次|一回|一两回|一两次|两三次|几次|门诊)")
#: 之前门诊报过一次不晓得报了好多: a claim made, how much it paid not known
_CLAIM_AMOUNT_UNKNOWN = rx.compile(r"(?<!好像)(?<!可能)报过(?:一次|一回|两次|几次)[^。？?]{0,8}?(?:不晓得|不知道|不记得|记不清|忘了)[^。？?]{0,4}?"
                                   r"(?:报了|报的)?(?:好多|多少|几多)")
#: whether there was a visit, or the deductible's state, doubted in so many words
_FIRST_DOUBTED = rx.compile(r"是不是(?:今年)?(?:第一|头一|头)|第一次[?？]|第二次来着|起付线[^,，。]{0,8}(?:不知道|不清楚|不晓得|没数|扣没扣|过没过|用没用)"
                            r"|(?:又|也)(?:好像|可能)(?:没|没有)|好像没(?:有)?[,，。]|看没看过|去没去过|有没有看过")
#: 今年第一次看病 / 第一次看门诊: the first visit (not the first claim: 第一次报销)
_VISIT_FIRST_WORD = rx.compile(r"看病|看门诊|门诊|就诊|看医生|去医院")
#: a spending said not to have been claimed (没报 / 自己出的 / 没走医保)
_UNREIMBURSED_SAID = rx.compile(r"没报|未报|没走(?:医保|统筹)|自己(?:全)?(?:出|付|掏)|自费|没刷")
#: 如果没有那300自费呢 / 要是没有自费的300: a part of the bill supposed away
_ITEM_GONE = rx.compile(r"(?:没有|没)(?:那|这)?(?:个|笔)?(?:[0-9]+(?:\.[0-9]+)?(?:块|元)?)?(?:的)?(?P<w>自费|乙类药|乙类)"
                        r"(?:的)?(?:那|这)?(?:[0-9]+(?:\.[0-9]+)?(?:块|元)?)?(?:呢|的话|会)")
_ITEM_WORD_FIELD = {"自费": "self_pay", "乙类药": "class_b_drug", "乙类": "class_b_drug"}
#: a retirement said as done (办完了 / 退的休 / 退了)
_RETIREMENT_DONE = rx.compile(r"办完|办好|退的休|退了|已经退|退下来|去年")
#: 今年第一次，花了1200，统筹报了680: the fund's words with no word of the year in them — told after this
#: bill's amount, beside the year's first bill, what the fund paid of this bill (36 of 38 blind entries);
#: 统筹已报300 / 统筹今年报了300 stay the year's, a conflict (issue 9)
_FUND_PAID_THIS = rx.compile(r"(?:医保)?(?:统筹|医保|基金)(?:只|才|就)?(?:给我?|帮我)?(?:报了|报销了|给了|支付了|付了|给报了)(?:我)?")
_YEAR_SAID = rx.compile(r"今年|本年|年内|报过|this year|so far")
#: right after a fund figure: it is the year's (统筹报了600了今年 / fund paid 1,900 so far this year)
_YEAR_AFTER = rx.compile(r"(?:元|块)?(?:了)?(?:今年|这一年| ?(?:for me )?(?:so far|this year|already))")
_FIRST_SELF_PAY_CUE = rx.compile(r"先行自付|先自付|乙类自付|乙类自理|乙自")
_ITEM_WORD = rx.compile(r"自费|乙类|甲类|双通道|谈判药|耗材|诊察费|中成药|中药(?!店|房|铺)|饮片|产检|产前检查|孕检|孕期检查|西药")
_ITEM_NEGATED = rx.compile(r"(?:没有|没|无|不含|不包括|不是|非|除了|除去|除)[^,，。]{0,2}$")
_ITEM_NONE_AFTER = rx.compile(r"[^,，。]{0,3}?(?:没有|都没有|没|无|为0|是0|0元)|(?:费)?(?:之外|以外|除外)|(?:费)?外(?=的|[,，。]|$)|[?？]+[,，]?(?:不是|不对)")
_GIVEN_FOR_BILL = rx.compile(r"给(?:我|咱|你|他|她|俺)?(?:们)?报(?:销)?(?:了)?$|(?:只|才|就|这次|这回)(?:给)?(?:我)?报(?:销)?(?:了)?$|(?:统筹|基金|医保)(?:基金)?支付[:：]? ?$")
#: English: the insurance's city named before it (covered by Beijing employee insurance)
_INSURED_THERE_EN = rx.compile(r"(?:covered by|insured (?:in|by|with)|insurance (?:is )?(?:from|in)|my insurance is)(?: the)? ?$")
_FIGURE_ASKED_BEFORE = rx.compile(r"(?:能报多少|报多少|报好多|怎么算|咋算|怎么报|咋个报)[^,，。?？]{0,10}$")
_ROLE_NOT_KNOWN = rx.compile(r"(?:不清楚|不知道|不晓得|搞不清|记不清|分不清)(?:是)?(?:总费用|总的|总数|总额|一共花的|花的)(?:钱)?还是(?:自付|自己付|自费|报销|报的|统筹|个人)")
#: 甲等还是乙等 / 是甲等: a grade said without its level (the grade itself hesitated over)
_BARE_GRADE = rx.compile(r"(?<![一二三123级])[甲乙丙]等")
_PRIMARY_CARE = rx.compile(r"社区|卫生院|卫生室|诊所|卫生服务|村医")
_THAT_VISIT_AFTER = rx.compile(r"(?:的)?那(?:一)?(?:次|回|趟)")
#: 社区旁边的药店 / 医院对面的药房: a place named to say where another one is
_LANDMARK_AFTER = rx.compile(r"(?:卫生服务站|服务站|服务中心|医院|诊所)?(?:的)?(?:旁边|附近|对面|隔壁|楼下|门口|边上)(?:的|那家|一家|有家)")
#: a covered city named only as a landmark (我是庆阳的，平凉旁边): the person's is the other one
_LANDMARK_CITY = rx.compile(r"(?:南充|南昌|西安|平凉)(?:的)?(?:旁边|附近|隔壁|边上|那边的|邻近)|(?:和|跟|与)(?:南充|南昌|西安|平凉)(?:挨着|相邻|交界|接壤|搭界)")
_FROM_THERE = rx.compile(r"我是$|我在$|我们$|俺是$")
#: 参保地为西宁 / 现在交的赣州灵活就业: the insuring city named after the words that say so
_INSURED_THERE_BEFORE = rx.compile(r"(?:参保地(?:为|是|在)?|参保在|医保在|交的(?:是)?|缴的(?:是)?|买的(?:是)?|参加的(?:是)?)"
                                   r"(?:陕西|甘肃|江西|四川|湖南|湖北|广东|浙江|江苏|河南|河北|山东|山西|安徽|福建|云南|贵州|青海|宁夏)?(?:省)?$")
_INSURED_THERE = rx.compile(r"(?:市)?(?:上班|工作|打工)?[^,，。]{0,3}?(?:交的|缴的|交了|参保|参的保|买的|的医保|医保|职工医保|居民医保)"
                            # 咸阳灵活就业的 / 抚州退休职工: a category said with the city is insurance there
                            r"|(?:市|县)?(?:的)?(?:灵活就业|退休|在职|城乡居民)(?:人员|职工)?|(?:市|县)?(?:的)?职工(?!看|去|在)")
#: 我是抚州的，居民医保，在南昌看病: where the person is from, beside a visit said to be in a covered city
_VISIT_IN_CITY = rx.compile(r"(?:在|来|到|去)(?:南充|南昌|西安|平凉)[^,，。]{0,8}?(?:看病|看门诊|就医|就诊|看|拿药|买药|住院)")
_PERCENT_SAID = rx.compile(r"\d{1,3}(?:\.\d+)? ?%|百分之[一二三四五六七八九十]+")
_ORIGIN_AFTER = rx.compile(r"(?:的)?(?:人|户口|户籍|口音|老乡|嫁|来|过来|娶|媳妇|姑娘|小伙)")
_ORIGIN_BEFORE = rx.compile(r"(?:从|来自|老家|原来是|是)$")
_ENGLISH_LETTER = rx.compile(r"[a-z]")
_CJK = rx.compile(r"[\u4e00-\u9fff]")


def _english(text: str) -> bool:
    latin = len(_ENGLISH_LETTER.findall(text))
    return latin >= 8 and len(_CJK.findall(text)) * 3 < latin


def intent_hint_not_compare(text: str) -> bool:
    return not re.search(r"还是|哪个|比较|对比", text)


_RELATIVE = (r"(?:我|俺)(?:家)?(?:爸爸?|妈妈?|老伴|老婆|老公|爱人|媳妇|儿子|女儿|父亲|母亲|奶奶|爷爷|外婆|姥姥|外公|姥爷"
             r"|公公|婆婆|岳父|岳母|丈夫|妻子|老人|老头|老太|孩子)|孩子|老人家?")
#: 给孩子看病 / 给女儿拿药: the visit is a child's
_CHILD_WORDS = ("孩子", "小孩", "娃", "儿子", "女儿", "宝宝", "闺女", "孙子", "孙女")
_FOR_CHILD = rx.compile(rf"给(?:{'|'.join(_CHILD_WORDS)})(?:子)?(?:看病|看|瞧病|瞧|拿药|开药|挂号)")
_OWN_VISIT = rx.compile(r"不是[^,，。]{0,4}(?:我|俺)自己|(?:我|俺)自己(?:看|去|的)|是(?:我|俺)(?:看|去)的")
_HOLDER = rx.compile(rf"{_RELATIVE}|我自己|本人|我|俺|他|她")
_ASKED_FOR = rx.compile(rf"(?:问的是|算的是|问|算|说的是)({_RELATIVE}|我自己|本人|我|他|她)(?:的|自己)?"
                        rf"|(?:帮|替|给)({_RELATIVE}|他|她|我)(?:问|算|查|看)")


_VISIT_SUBJECT = rx.compile(rf"({_RELATIVE}|他|她|我)(?:今天|这次|这回|昨天|刚才|也)?(?:去)?(?:看病|看的病|看了|花了|去了?[^,，。]{{0,6}}?(?:医院|社区|卫生院|诊所|药店))")


def _unquantified(text: str, chosen: dict[str, Amount]) -> bool:
    """A part of the bill named with no number of its own (有些是自费的; 其中乙类药300 还有些自费药)."""
    for m in _UNQUANTIFIED_ITEM.finditer(text):
        word = "self_pay" if "自费" in m.group(0) else "class_b_drug" if "乙类" in m.group(0) else ""
        if word and word not in chosen:
            return True
        if not word and not any(f in chosen for f in ("self_pay", "class_b_drug")):
            return True
    return False


def _classed_fees(text: str, amounts: list[Amount]) -> list[Amount]:
    """Fees whose kind is said beside them: 检查费300（乙类检查） is a class-B part, 药费200（甲类） an
    in-scope one; 西药和检查共300 beside 中成药200 is the in-scope rest, not the whole bill."""
    out = []
    items = any(a.role in _ITEM_FIELDS for a in amounts)
    for a in amounts:
        before = _CLASS_BEFORE.search(text, max(0, a.start - 14), a.start) if a.role in (None, "total", "class_b_drug", "rest") else None
        if before is not None and a.role == "rest" and not (before.group("cls") == "甲类" and (
                "中医" in (before.group("what") or "") or _TCM_LABEL.search(before.group("label") or ""))):
            before = None  # (a part already read as the in-scope rest stays so, unless it is a Chinese-medicine item)
        if before is not None:
            # 医用耗材（乙类）500元 / 针灸（甲类中医项目）150: the class in brackets just before the figure
            what = before.group("what") or ""
            if before.group("cls") == "甲类" and ("中医" in what or _TCM_LABEL.search(before.group("label") or "")):
                # (中医理疗（甲类）100 / 针灸（甲类）80: a class-A Chinese-medicine item by its name)
                a = msgspec.structs.replace(a, role="tcm")
            elif before.group("cls") == "甲类":
                a = msgspec.structs.replace(a, role="rest", explicit=True)
            else:
                drug = "药" in (before.group("label") or "") or what.startswith("药") \
                    or bool(re.search(r"(?:drugs?|medicines?|meds)$", text[max(0, before.start() - 12):before.start("cls") - 1]))
                # (class B drugs (乙类) 200: the English name before the bracket says drugs)
                a = msgspec.structs.replace(a, role="class_b_drug" if drug else "class_b_service")
            out.append(a)
            continue
        m = _CLASS_IN_BRACKET.match(text, a.end) if a.role in (None, "total") else None
        if m is not None:
            if m.group("cls") == "甲类":
                a = msgspec.structs.replace(a, role="rest", explicit=True)
            else:
                drug = (m.group("what") or "").startswith("药") or (not m.group("what") and "药" in (a.cue or ""))
                a = msgspec.structs.replace(a, role="class_b_drug" if drug else "class_b_service")
        elif items and a.role in (None, "total") and (a.cue or "") in ("共", "一共", "共计", "合计") \
                and _FEES_JOINED.search(text, max(0, a.start - 16), a.start - len(a.cue or "")):
            a = msgspec.structs.replace(a, role="rest", explicit=True)
        elif items and a.role in (None, "total") and re.search(r"(?:别的|其他|其余|其它)[^,，。\d]{0,6}$",
                                                                 text[max(0, a.start - 12):a.start - len(a.cue or "")]):
            a = msgspec.structs.replace(a, role="rest", explicit=True)  # 中药饮片花了360，别的西药检查又花了240
        elif a.role in (None, "total") and a.cue and a.cue in ("费用", "费", "药品", "项目", "部分") \
                and _CLASS_A_BEFORE_CUE.search(text, max(0, a.start - len(a.cue) - 3), a.start - len(a.cue)):
            # 甲类费用260元，医用耗材（乙类）500元 / 单子上甲类的费用520，乙类药300: the in-scope part
            a = msgspec.structs.replace(a, role="rest", explicit=True)
        out.append(a)
    tcm = [a for a in out if a.role == "tcm" and not a.negated]
    if len(tcm) >= 2 and not any(a.role in (None, "total") for a in out):
        # 针灸（甲类中医项目）150，还拿了中药饮片 90: the Chinese-medicine parts together
        first = msgspec.structs.replace(tcm[0], value=sum((a.value for a in tcm), Decimal(0)))
        out = [first if a is tcm[0] else a for a in out if a is tcm[0] or a not in tcm]
    return out


_RATIO_TOPIC_AFTER = rx.compile(r"(?:医院|医疗机构)?(?:的)?(?:报销|支付)?比例|(?:医院|医疗机构)?(?:的)?(?:能|可以)?报(?:销)?(?:多少|几成|百分之)")
#: 之前看了3次都是自费没走医保 / 以前看病都没走医保: the visits before this one, none through the insurance
_EARLIER_ALL_SELF = rx.compile(r"(?:之前|以前|前面|此前)[^,，。;；]{0,12}?(?:都是|全是|全都是|全部是|都|全)(?:自费|自己(?:掏钱|出钱|付钱|付的|掏的|出的))(?:的)?"
                               r"(?:[,，]?(?:没|没有)(?:走|用|刷)(?:医保|统筹|医保卡))?"
                               r"|(?:之前|以前|前面|此前)[^,，。;；]{0,12}?(?:都|全)(?:没|没有)(?:走|用|刷)(?:医保|统筹|医保卡)")
#: 起付线一分没用 / 起付线还没扣过: nothing of the deductible used
_UNTOUCHED = rx.compile(r"一分(?:钱)?(?:都|也)?没|没(?:有)?(?:用|扣|动)过|还没(?:有)?(?:用|扣|动)")
_HEDGE_BEFORE_DENIAL = rx.compile(r"(?:好像|可能|也许|应该)(?:又)?(?:不是|没)")
#: 我以为…/ 还以为…: a belief the person now knows was wrong
_THOUGHT_BEFORE = rx.compile(r"(?<!不)(?:我|俺)?(?:还|原来|本来)?以为(?:是)?[^,，。]{0,3}$")
#: 25不知道是啥: what the figure is, not known — asked about, never placed
_WHAT_IT_IS_NOT_KNOWN = rx.compile(r"(?:元|块)?(?:钱)?[,，]?[^,，。0-9]{0,2}?(?:也)?(?:不知道|不晓得|不清楚|搞不清|看不懂)(?:是|这个是|这是)?(?:啥|什么|哪个|哪笔|干嘛的)")
_NOT_YET_RETIRED = rx.compile(r"明年(?:才|就)?(?:要)?(?:办(?:理)?)?退(?:休)?(?![^,，。]{0,2}了)|还没(?:有)?退休|还不到退休|快(?:要)?退休了?"
                              r"|下个?月(?:才|就)?(?:要)?(?:办(?:理)?)?退休"
                              # 还没办完退休手续: the papers not done — not retired yet
                              r"|(?<!办)(?:还)?(?:没有|没|未)(?:办|办理)(?:完|好)?退休(?:手续)?")  # (办没办完: whether, asked)
#: the tests and costs of a visit a person names one by one (one vocabulary for the chat: 又做了个B超 150,
#: 另外还做了个CT 300, 还有化验费80呢)
TEST_WORDS = r"检查|化验|ct|b超|片子|心电图|血常规|彩超|核磁|胃镜"
#: the words that say a class-B part is a drug, or a test, service or supply (平凉 第六条 sets them apart)
CLASS_B_DRUG_WORDS = r"药|drug|medicine"
CLASS_B_SERVICE_WORDS = TEST_WORDS + r"|项目|耗材|材料|治疗|诊疗|拍片|test|service|suppl"
#: 感冒药二十八块八，还有个血常规十五块: one more line of the bill said after it (a test, a fee, a drug)
_ONE_MORE_LINE_BEFORE = rx.compile(r"[,，](?:另外)?还(?:有|做了|查了|拍了|开了)(?:个|一个|一项|一次|点)?"
                                   rf"(?:{TEST_WORDS}|尿常规|挂号|诊察费|治疗|输液|打针|药)(?:费)?(?:是|花了|共)?$")
#: a word that says what a class-B part is, anywhere in the message
_CLASS_B_KIND_WORD = rx.compile(CLASS_B_DRUG_WORDS + "|" + CLASS_B_SERVICE_WORDS, re.IGNORECASE)
_ALSO_COST_BEFORE = rx.compile(r"(?:然后|另外|还|又|再)(?:又|还)?(?:做了|开了|拿了|查了|打了|拍了|照了|买了)(?:个|一个|点|些|一些|一次)?"
                               rf"(?:{TEST_WORDS}|药|针)(?:费)?(?:花了|共|是)?")
_SAME_PLACE_REF = rx.compile(r"(?:那家|这家|同一家|同一个|同样的|那个|原来那家|上次那家|上回那家|刚才那家)(?:医院|卫生院|社区)")
_ACTUALLY_PLACE = rx.compile(r"(?:其实|实际上|实际)(?:是|在)[^,，。]{0,8}?(?P<w>社区卫生服务中心|诊所|卫生院|卫生室|社区|医院)(?!门口)")
_YEAR_CLAIMS_BEFORE = rx.compile(r"今年[^。]{0,8}?(?:报过|报了|报销过|报销了)")
_CAP_RULE_BEFORE = rx.compile(r"(?:年度|每年|一年|全年)(?:最高)?(?:支付)?(?:限额)?$")
#: 社区贴的通知 / 社区公告: where a notice hangs is no place the visit was
_NOTICE_AFTER = rx.compile(r"(?:里|上|门口)?(?:贴的|贴了|发的|张贴的|公告|通知|告示|宣传栏|墙上)")
#: 我是村医帮问的: the village doctor is who asks, no place
_HELPER_PLACE = frozenset({"村医", "村医生", "乡医", "乡村医生"})
_CAPPED_AFTER = rx.compile(r"(?:元|块)?(?:钱)?[,，]?(?:已经|就|都)?(?:封顶|到顶|报满|顶格|满额)(?:了)?")
_USED_UP_SAID = rx.compile(r"[0-9]{2,4}(?:元|块)?[,，]?(?:今年)?(?:已经|已|早就|早)(?:扣完|扣满|用完|过了|满了|扣过了|扣过|扣掉了)")
_FUND_CLAIM_UNKNOWN = rx.compile(r"(?:统筹|医保)[^,，。]{0,4}?(?:报没报|有没有报|报过没|报了多少|报过多少)[^,，。]{0,6}?(?:不清楚|不知道|不晓得|记不清|不记得)")
_SURELY_BEFORE = rx.compile(r"肯定|确定|绝对|早就|早|确实|一定")
_COST_LABEL = rx.compile(r"(?:检查|化验|治疗|西药|药品?|甲类药品?|甲类)(?:费)?")
#: 那是去年第一次 / 当年第一次 / 2025年第一次 / 去年唯一一次: whose year's first is said
_NONE_THIS_YEAR = rx.compile(r"今年(?:都|也|还)?(?:还)?(?:没|没有|未)")
_FIRST_OF_THAT_YEAR = rx.compile(r"(?:去年|那年|当年|那一年|[0-9]{4}年)(?:的)?(?:第一|头一?|唯一一|首)(?:次|回)?|(?:唯一|只有|就)(?:的)?一次|(?:那时候?|当时)(?:是|算)?(?:第一|头一?)(?:次|回)")
_GRADES_NOT_SAID = rx.compile(r"(?:没(?:有)?(?:说|写|讲|标|告诉)|不知道|不清楚|搞不清|分不清|不晓得)[^,，。]{0,4}?(?:甲等|甲)(?:还是|和|或)?(?:乙等|乙)"
                              r"|(?:甲等|甲)(?:还是|和|或)?(?:乙等|乙)[^,，。]{0,4}?(?:没(?:有)?(?:说|写|讲|标)|不知道|不清楚|搞不清|分不清|不晓得)")
_FIRST_THEN_DOUBT = rx.compile(r"(?:第一次|头一次|头一回|第一回)[^。]{0,6}?(?:但|可是|不过)[^。]{0,12}?(?:好像|可能|也许|似乎)[^。,，]{0,10}?(?:报过|看过|去过|刷过)")
_WITH_LAST_TOTAL = rx.compile(r"(?:加上|连上|和|跟|加)(?:上次|上一次|上回|之前那次|前一次|前面那次)(?:的)?[^,，。]{0,4}?(?:一共|总共|加起来|合计|共)")
_SPOUSE_CATEGORY_END = rx.compile(r"[,，。]\s*(?:我|俺)?(?:老伴|老公|老婆|爱人|丈夫|妻子|对象)(?:已经|是)?(?:退休|在职|灵活就业)(?:了)?(?:的)?[。.!！]?$")
_LIVES_HOME_ELSEWHERE = rx.compile(r"(?:在|住在)(?:西安|南充|南昌|平凉)(?:住|生活|定居)?[^。]{0,6}?老家(?:是|在)(?:西安|南充|南昌|平凉)"
                                   r"|老家(?:是|在)(?:西安|南充|南昌|平凉)[^。]{0,6}?(?:现在)?(?:在|住在)(?:西安|南充|南昌|平凉)(?:住|生活|定居)")
_EMPLOYER_CITY = rx.compile(r"(?:我们|我的|我)?(?:单位|公司|工作单位)(?:是|在)(?P<c>西安|南充|南昌|平凉)")
_SIGNED_HEDGED_BACK = rx.compile(r"(?:好像|可能|也许|似乎)(?:签|是签)[^,，。]{0,6}?(?:这家|这个|就是)")
_DEPENDANT = rx.compile(r"我是(?:他|她)(?:的)?家属|我(?:只)?是家属|(?:我|俺)(?:是)?(?:随|跟着?)(?:他|她|老公|老伴|丈夫|爱人)(?:的)?(?:医保|参保)|family member of|his dependant|her dependant")
_ROLE_EITHER = rx.compile(r"(?:报了|给了|付了|扣了|花了|交了|掏了)[0-9.]+(?:块|元)?(?:钱)?还是(?:我)?(?:自己)?(?:掏了|付了|交了|出了|报了|给了|花了|扣了)"
                          r"[0-9.]+(?:块|元)?(?:钱)?[^,，。]{0,4}?(?:搞不清|不清楚|不知道|记不清|分不清|不晓得|搞不懂)")
def _claim_confirmed(text: str, a: Amount) -> bool:
    """统筹报过500是对的: a fund figure said as claimed before and confirmed — the year's, not a slip to check."""
    return _CLAIMED_BEFORE_CUE.search(text, max(0, a.start - 3), a.start) is not None \
        and _CONFIRMED_AFTER.match(text, a.end) is not None


_CLAIMED_BEFORE_CUE = rx.compile(r"报过|报销过|已报|(?<=[统筹医保])报了")  # (不是第一次 统筹报了400是对的: the year's, confirmed)
_CONFIRMED_AFTER = rx.compile(r"(?:元|块)?(?:钱)?[,，]?(?:这个)?(?:是对的|没错|是真的|是准的)(?![吧吗么嘛]|[?？])")
_I_PAID_BEFORE = rx.compile(r"(?:and |while |but )?(?:i|we|she|he) (?:paid|pay)(?: the rest| myself)? ?$")
_FUND_ONLY_BEFORE = rx.compile(r"(?:统筹|医保|基金)(?:基金)?(?:只|才|就|仅)(?:给|报|付|支付|报销)(?:了)?(?:我)?$")
_FEE_NOT_KNOWN = rx.compile(r"(?:检查费|药费|挂号费|诊察费|化验费|治疗费|材料费|耗材费?|检查|化验"
                            # 还有些甲类的忘了多少: a class of this bill whose amount is not known
                            r"|(?:还有(?:些|一些|点|一点)?)(?:甲类|乙类|自费)(?:的|药|药品|项目)?)(?:是|有|花了)?(?:多少)?(?:钱)?(?:我)?"
                            r"(?:忘了|不记得|记不清|不知道|想不起来|没记住)(?:是|花了)?(?:多少)?"
                            # 1200，另外还有一张单子找不到了: another slip of this visit, its figure not known
                            r"|(?:还有|另外|另)(?:一|1)?张(?:单子|单据|发票|票据?|收据|小票|结算单)(?:也)?"
                            r"(?:找不到|丢了|不见了|没找到|弄丢了|忘了|不记得|记不清)")
_SELF_DOUBT_BETWEEN = rx.compile(r"[哦噢呃诶嗯](?:[,，\s]*)(?:好像|可能|也许|应该)")
_SIGNED_IS = rx.compile(r"签约(?:的)?(?:机构|单位|地方)?(?:是|在)")
_THIS_TIME_TO = rx.compile(r"(?:这次|这回|本次|今天)(?:是)?(?:去|到|跑到|跑去)(?:了)?")
_SAME_PLACE_AFTER = rx.compile(r"那里|那儿|那边|那家|那个|这家|签约|同一|也是|还是|原来")
_WHAT_IS_IT = rx.compile(r"(?:这|那|这个|那个)?(?:是)?(?:啥|什么)意思|是(?:啥|什么)(?:钱|费用?|数)|what (?:is|does) (?:this|that|it)")
_EITHER_SCHEME = rx.compile(r"可能是[^,，。]{0,6}也可能是|不是[^,，。]{0,6}就是|还是")
_COMPARE_WORDS = rx.compile(r"比较|对比|区别|哪个(?:好|划算|多)|有什么不同|差别|compare")
_YEAR_FUND_WORDS = rx.compile(r"统筹|今年|本年|之前|以前|此前|累计|已经|已|一共|总共|前面|上次|上个?月"
                              r"|this year|already|so far|earlier|before|previous|fund")
_CAP_USED_UP = rx.compile(r"(?:年度)?(?:最高支付)?(?:限额|额度|统筹|封顶线)(?:今年|本年)?(?:已经|已|早就|早|都|也)?"
                          # (今年1800的额度都报完了: the cap's figure said before it, the cap reported to its end)
                          r"(?:(?:用完|用光|花完|报完(?![剩后之以的再])|报满|用满|到顶|到头|报到头|报到顶)(?:了)?|封顶了)|(?:已经|已|早就)封顶了")
_CAP_USED_UP_DOUBTED = rx.compile(r"没|未|不|是否|是不是|快|要|好像|可能")
_RETIRED_IN_MONTH = rx.compile(r"月份?(?:底|初|中)?(?:刚|才|就)?退(?:休|的|了|(?=$|[,，。]))")
_CATEGORY_AS_TOPIC = rx.compile(r"(?:人员)?(?:的)?(?:人)?(?:是不是|是否|有没有|能不能|可不可以|可以|能|会不会|要不要|也有|都有|没有)")
_QUESTION_END = rx.compile(r"[?？]|吗|么|呢")
_TCM_LABEL = rx.compile(r"中医|针灸|推拿|拔罐|艾灸|刮痧|中药")
_CLASS_A_BEFORE_CUE = rx.compile(r"甲类(?:的)?$")
_CLASS_IN_BRACKET = rx.compile(r"(?:元|块)?[(（](?:属于|是|算)?(?P<cls>乙类|甲类)(?P<what>药品?|检查|项目|诊疗项目|耗材|治疗)?[)）]")
_FLAG_AFFIRMED_AFTER = rx.compile(r"[。.,，!！ ]*(?:哦|噢)?(?:说错了|不对|搞错了)[,，。 ]*(?:我|俺|她|他)?(?:是)?(?:签了|签过|有签|是的|有的|是|签的)")
_REPORTED_AT_END = rx.compile(r"(?:块|元)?[,，\s]*(?:报了|报销了|给报了)[。.!！~]*$")
_LEVEL_RATIO = rx.compile(r"([一二三123])级(?:医院|医疗机构)?(?:报销|报|支付)?(?:比例)?(?:是|为)?(\d{1,3})%")
#: 挂号、拍片子、拿药一共花了780: the 一共 sums the costs of one visit, not two visits
_ITEMS_SUMMED = rx.compile(r"(?:挂号|检查|化验|拍片子?|拿药|开药|药费?|打针|输液|治疗|ct|b超|彩超)[、和及跟加]")
_TOTAL_NOT_KNOWN = rx.compile(r"(?:总共|一共|总数|总的|合计|总金额|总费用)(?:是)?(?:多少|几多)?(?:钱)?(?:我)?(?:不记得|忘了|记不清|不清楚|不知道|想不起来)")
_NEAR_AFTER = rx.compile(r"(?:市)?(?:的)?(?:旁边|附近|边上|隔壁|周边|那边的邻居)")
_NEAR_BEFORE = rx.compile(r"(?:挨着|靠近|靠着|紧挨|邻近|离)$")
_STILL_LEFT_BEFORE = rx.compile(r"(?:还差|还剩下?|还有|尚余|尚差|剩余|还余)$")
_MET_BEFORE = rx.compile(r"起付(?:线|标准)?(?:今年)?(?:已经|已|早就|早|都)?(?:过了|过|满了|满|够了|够|扣完|用完|交完)")
_NOT_MY_CLINIC = rx.compile(r"\bnot (?:at |to )?(?:my|our|his|her|the) (?:own |usual )?(?:signed )?(?:community |township |village )?"
                            r"(?:clinic|health (?:centre|center|station)|centre|center|station)")
_CLASS_BEFORE = rx.compile(r"(?P<label>[\u4e00-\u9fff]{0,6})[(（](?:属于|是|算)?(?P<cls>乙类|甲类)(?P<what>[^)）]{0,8})[)）](?:费用|金额)?(?:是|为|共)?$")
_FEES_JOINED = rx.compile(r"(?:西药|检查|化验|治疗|药费|检查费|西药费|输液|药品)(?:和|跟|加|、|及|以及)(?:西药|检查|化验|治疗|药费|检查费|西药费|输液|药品)(?:费)?$"
                          r"|甲类[^,，。;；]{0,8}$")  # 甲类药品及检查共600 beside 乙类药品200: the in-scope part


#: a slip's lines opened: 结算单：… / 小票上写着: … (the lines run on to the sentence's end)
_SLIP_LIST_OPEN = rx.compile(r"(?:结算单|单子|单据|小票|票据|收据|发票)(?:上|里)?(?:写着|写的|显示|印着|打印的)?[:：]")
_SENTENCE_END = rx.compile(r"[。？?！!]")
_CLAIMED_BEFORE_FIGURE = rx.compile(r"(?:报|付|给|支付|报销)过了?$")


def _in_slip_list(text: str, pos: int) -> bool:
    """Among a slip's lines read out after its opener (结算单：不予支付2000.00，统筹220.00 — the 220 is the
    slip's fund line, however many lines came before it in that sentence)."""
    openers = list(_SLIP_LIST_OPEN.finditer(text, 0, pos))
    return bool(openers) and not _SENTENCE_END.search(text, openers[-1].end(), pos)


def _on_slip(text: str, bounds: list[tuple[int, int]], pos: int) -> bool:
    """Said of the slip: 结算单上起付线扣了200, or a clause that only names the slip just before
    (400块 结算单 起付线扣了150 统筹162.50)."""
    lo = _clause_of(bounds, pos)[0]
    if _ON_SLIP.search(text, lo, pos):
        return True
    if lo == 0:
        return False
    plo, phi = _clause_of(bounds, lo - 1)
    return _SLIP_HEADER.fullmatch(text[plo:phi].strip(" ,，:：")) is not None


_RESIDENT_SAID = rx.compile(r"居民医保|城乡居民|居民保险|签约(?:的)?(?:社区|卫生院|卫生室|机构)")
#: tier 3 or lower / 三级或者以下 / 二级还是更低: that level or one below it
_LEVEL_OR_LOWER = rx.compile(r"(?:level|lvl|tier|grade)[- ]?(?P<lvl>[123]) ?or (?:lower|below|less|under)"
                             r"|(?P<lvl2>[一二三123])级(?:医院)?(?:还是|或者?|或是)(?:更低|以下|更小|低一点|小一点|再低)")
_LEVEL_DIGIT = {"一": "1", "二": "2", "三": "3"}
_EN_LEVEL_EITHER = rx.compile(r"(?:level|lvl|tier|grade)[- ]?([123]) ?(?:or|/) ?(?:level|lvl|tier|grade)?[- ]?([123])(?![0-9])")
_TERM_NOT_KNOWN = rx.compile(r"(?:不懂|不知道|不晓得|不明白|不清楚)(?:啥|什么|哪样)(?:叫|是)?(?:起付线|起付标准|统筹|限额|门槛)")
_PART_OF_MORE = rx.compile(r"(?:的|部分)(?:有|是|占)$|其中|里面|里头")
_FLAG_HEDGED_BEFORE = rx.compile(r"(?:好像|可能|也许|大概|估计|似乎|或许)(?:是|也|还)?(?:签了|签过|签的|签过约|签约了|办了|算|是)?(?:个|的)?$")
_FLAG_UNSURE = rx.compile(r"不太确定|不大确定")
#: after a fact half remembered: the person checked it and it holds (我打电话问了下 是签了的 / 确认过了，签了)
_HEDGE_CHECKED = rx.compile(r"(?:问了|问过|确认|核实|查了|查过)(?![^。?？]{0,8}?[不没])[^。?？]{0,8}?(?:是|确实|确定|有|签了|签过)"
                            r"(?![^,，。]{0,4}(?:吗|么|没|不))"
                            r"|(?:checked|confirmed)[^.?]{0,12}(?:yes|is|did|has|signed)")
_BARE_UNSURE = rx.compile(r"(?:但|但是|不过|可)?(?:我|俺)?(?:也)?(?:(?:不太|不大|不)(?:确定|清楚|记得|敢肯定)|记不(?:太|大)?清(?:楚)?|记不得)(?:了|哦|啊)?"
                          r"|说不准|不好说|not sure")
_UNKNOWN_OR_ASK = rx.compile(r"问问|问一下|不清楚|不知道|不确定|搞不清|记不清|not sure")
_PAID_MYSELF_CUES = frozenset({"自付", "自己付了", "自己掏了", "个人付了", "自己出了"})
#: 5月2号又去了同一家医院 / went again on 2026-05-02: one more visit told after the first one, at the
#: start of its clause (its bill, when no figure follows, is not told)
_WENT_AGAIN = rx.compile(r"(?:^|(?<=[。.，,；;!！?？]))(?:后来|然后|之后|隔了[^,，。]{1,4})?(?:[0-9]{1,2}月(?:[0-9]{1,2}(?:号|日))?)?"
                         r"(?:又|再)(?:去|到|看|跑)了?|went (?:back|again)|(?:visited|saw) (?:it |them |there )?again"
                         r"|(?:the |a )?second (?:visit|time) (?:was|i|she|he|on)")
_FIRST_TOLD = rx.compile(r"第一次|头一次|头一回|第一回|头回|first (?:visit|bill|time)")
_TODAY_NO_BILL = rx.compile(r"(?:今天|今日|这次|这回|刚才)(?:又|再)?(?:去|在|到)(?:了)?[^,，。\d]{0,16}?(?:看了|看病|看门诊|拿了?药|买了?药|开了?药|看的)(?:[^\d]{0,6})$")
_BACK_TO_THAT = rx.compile(r"(?:的)?那(?:一)?(?:次|回)(?:的)?(?:为准|算)?[,，。]")
_STAY_ENDED = rx.compile(r"出院|住院|住了院|住过院")
_VISIT_NOW = rx.compile(r"这次|今天|这回|本次")
_INVOICE_READ = rx.compile(r"发票|收据|票据|单子")
_SLIP_HEADER = rx.compile(r"(?:结算单|单子|单据|发票|票据|小票)(?:上|里)?(?:写着|写的|显示|印着)?")


def _taken_back(text: str, hit: Hit, hits: list[Hit]) -> bool:
    """A word followed by 不对/不是: taken back, unless the next word said after it is of another kind."""
    m = _TAKEN_BACK.match(text, hit.end)
    if m is None:
        return False
    after = next((o for o in hits if o.start >= m.end()), None)
    if _FIGURE_NEXT.match(text, m.end()) and (after is None or after.start > m.end() + 12):
        return False  # 1300 今年第一次 不对 是1030: the figure is corrected, not the word before 不对
    return after is None or bool(_kinds(after) & _kinds(hit))


#: facts of one kind for a word taken back (我是贫困户，哦不是，我是签了家庭医生: one status for another)
_SAME_KIND = {"poverty_registered": "status", "family_doctor": "status"}


def _kinds(hit: Hit) -> set[str]:
    return {_SAME_KIND.get(k, k) for k in hit.sets}


_FIGURE_NEXT = rx.compile(r"[,，]?(?:是|应该是|改成|其实是)?\s*[0-9一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+(?:块|元)?(?=$|[,，。!！])")


def _holder_of(text: str, pos: int) -> tuple[str, int] | None:
    """Whose category a word is (我在职 / 我老婆是居民 / 她退休): the person named just before it."""
    found = None
    for m in _HOLDER.finditer(text, max(0, pos - 8), pos):
        found = m
    if found is None:
        return None
    who = found.group(0)
    return ("me" if who in ("我", "俺", "我自己", "本人") else who), found.start()


def _whose_visit(text: str, hits: list[tuple[Hit, tuple[str, int]]]) -> str | None:
    """The category of the one person the message says it asks about (问的是我自己 / 帮我爸问), if said."""
    m = _ASKED_FOR.search(text)
    if m is not None:
        who = m.group(1) or m.group(2)
    else:  # 她花了1500 / 他看病花了三百: the one person said to have had the visit
        subjects = {v.group(1) for v in _VISIT_SUBJECT.finditer(text)}
        if len(subjects) != 1:
            return None
        who = subjects.pop()
    me = who in ("我", "我自己", "本人")
    picked = {h.sets["category"] for h, holder in hits if (
        holder[0] == "me" if me else (holder[0] == who or (who in ("他", "她") and holder[0] != "me")))}
    return picked.pop() if len(picked) == 1 else None


#: where normalising glued a word to a figure (fund paid 495 → fund paid495): the space a quote gives back
_GLUED = rx.compile(r"(?<=[A-Za-z])(?=[0-9¥])|(?<=[0-9])(?=[A-Za-z]{2})")


def _quote(text: str, bounds: list[tuple[int, int]], pos: int) -> str:
    lo, hi = _clause_of(bounds, pos)
    return _GLUED.sub(" ", text[lo:hi].strip(" ,"))


def clause_at(text: str, pos: int) -> str:
    """The clause of a (normalised) message around ``pos``, as a question quotes it."""
    return _quote(text, _clause_bounds(text), pos)


_ORDINAL_RANK = rx.compile(r"第([一二三四五12345])(?:次|回|趟)|(头)(?:一)?(?:次|回|趟)")


def _by_ordinal(text: str, bounds: list[tuple[int, int]], amounts: list[Amount],
                segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Visit segments in the order their ordinals say (一千，今年是第二次看门诊，第一次花了100: the 100 was
    first). A segment naming two ordinals is cut at the second; a piece with no bill amount joins the
    one before it. Unchanged unless every segment has its own ordinal."""
    if len(segments) < 2 or not any(_ORDINAL_RANK.search(text, lo, hi) for lo, hi in segments):
        return segments
    pieces: list[tuple[int, int]] = []
    for lo, hi in segments:
        start, seen = lo, False
        for clo, chi in bounds:
            if clo < lo or chi > hi:
                continue
            if _ORDINAL_RANK.search(text, clo, chi):
                if seen and clo > start:
                    pieces.append((start, clo))
                    start = clo
                seen = True
        pieces.append((start, hi))
    bills = [a for a in amounts if a.role in (None, "total") and not a.approximate and not a.negated]
    merged: list[tuple[int, int]] = []
    for lo, hi in pieces:
        if merged and not any(lo <= a.start < hi for a in bills):
            merged[-1] = (merged[-1][0], hi)  # 今年是第二次看门诊: said of the visit before it
        else:
            merged.append((lo, hi))
    ranks = [_piece_rank(text, lo, hi) for lo, hi in merged]
    if len(merged) < 2 or None in ranks or len(set(ranks)) != len(ranks):
        return segments
    return [seg for _, seg in sorted(zip(ranks, merged, strict=True))]


def _piece_rank(text: str, lo: int, hi: int) -> int | None:
    """A segment's rank; where it takes its ordinal back (今年第一次 哦不对是第二次), the one said last."""
    said = list(_ORDINAL_RANK.finditer(text, lo, hi))
    if len(said) >= 2 and correction_between(text, said[0].end(), said[-1].start()):
        return _ordinal_rank(said[-1].group(0))
    return _ordinal_rank(text[lo:hi])


def _ordinal_rank(segment: str) -> int | None:
    """The visit's place in the year as its words say (第一次 → 1, 第二次 → 2), if they say it."""
    m = _ORDINAL_RANK.search(segment)
    if m is None:
        return None
    return 1 if m.group(2) else "一二三四五".find(m.group(1)) + 1 if m.group(1) in "一二三四五" else int(m.group(1))


_DATE_ONLY_CLAUSE = rx.compile(r"(?:是|那是|那次是|时间是)(?:[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月(?:份)?(?:[0-9]{1,2}(?:号|日))?(?:的(?:时候)?|看的|去的)?"
                               r"|(?:[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月(?:份)?(?:[0-9]{1,2}(?:号|日))?(?:的时候|看的|去的)")


def _visit_segments(text: str, bounds: list[tuple[int, int]], amounts: list[Amount]) -> list[tuple[int, int]]:
    """Clause runs that each describe one visit: a new visit starts at a clause with a time or an
    ordinal (第二次, 今天, 3月, 上个月, 又) once the current one has its bill amount."""
    bills = [a for a in amounts if a.role in (None, "total") and not a.approximate and not a.negated]
    segments: list[list[int]] = []
    has_amount = False
    for lo, hi in bounds:
        # (一级医院花了700，是4月份，第二次今天…: a clause that only dates the visit before it starts none)
        marker = _VISIT_MARKER.search(text, lo, hi) is not None and not _DATE_ONLY_CLAUSE.fullmatch(text, lo, hi)
        if not segments or (marker and has_amount):
            segments.append([lo, hi])
            has_amount = False
        else:
            segments[-1][1] = hi
        if any(lo <= a.start < hi for a in bills):
            has_amount = True
    # the person's own words before the first marked visit belong to no visit
    out = [(lo, hi) for lo, hi in segments if any(lo <= a.start < hi for a in bills)]
    return out if len(out) == len(bills) else []


def _loose_item_word(text: str, bounds: list[tuple[int, int]], amounts: list[Amount]) -> bool:
    """True when the message names a part of the bill (中药西药都有) that no number is bound to:
    settling the whole bill in scope would drop it, so how much it is gets asked."""
    items = [a for a in amounts if a.role in (*_ITEM_FIELDS, "rest") and not a.negated]
    if _ALL_ITEM.search(text) or _ALL_IN_SCOPE.search(text):
        return False  # (全部为西药和检查: the whole bill is of one in-scope kind — nothing left unsaid)
    for m in _ITEM_WORD.finditer(text):
        if _ITEM_NEGATED.search(text, max(0, m.start() - 4), m.start()) or _ITEM_NONE_AFTER.match(text, m.end()):
            continue
        if any(a.cue and m.group(0) in a.cue for a in items):
            continue  # 做产检 … 产检费 460: the part named again with its figure
        lo, hi = _clause_of(bounds, m.start())
        nxt = _clause_of(bounds, hi + 1) if hi < len(text) else (hi, hi)
        prv = _clause_of(bounds, max(0, lo - 1))
        if not any(lo <= a.start < hi or nxt[0] <= a.start < nxt[1] or prv[0] <= a.start < prv[1] for a in items):
            return True
    return False


_FACT_FIELDS = frozenset(Facts.__struct_fields__)  # (a set: tested for each value of a message)


def _starting(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead on the characters its matches can start with: the same matches
    (zero-width, and ``_first_chars`` raises on a form it cannot read), but a search fails at once where
    no match can start instead of trying every alternative there."""
    return rx.compile(f"(?=[{re.escape(''.join(sorted(_first_chars(pattern.pattern))))}])(?:{pattern.pattern})",
                      pattern.flags)


# searched on the whole text of most messages: ~2.6 µs a search on a short message, ~0.5 µs behind the lookahead
_CHECK_QUESTION = _starting(_CHECK_QUESTION)
#: a question whether a slip's figure is right (对吗, 是不是少了, 差在哪…): the dialogue's word for it too
CHECK_QUESTION = _CHECK_QUESTION


def own_visit_after(text: str, pos: int) -> bool:
    """True when, after ``pos``, a normalised message tells the writer's own visit (我看病花了300 after 我老公在职),
    not one made for someone else (我花了200给她买药, 我陪她去看的)."""
    return _OWN_VISIT_AFTER.search(text, pos) is not None and _FOR_SOMEONE.search(text, pos) is None


_HOUSEHOLD = r"(?:我|俺)?(?:家)?(?:老伴|老婆|老公|爱人|媳妇|丈夫|妻子|妈妈|妈|爸爸|爸|母亲|父亲|儿子|女儿|闺女|孩子|家里人)"
_SOMEONE_ELSES = rx.compile(r"(?:块|元)?(?:的|那个|那笔)(?:是|都是)" + _HOUSEHOLD + r"(?:的)?(?=$|[,，。!！?？;；])"
                            r"|(?:块|元)?(?:是|都是)" + _HOUSEHOLD + r"的(?=$|[,，。!！?？;；])")


def _place_filled(visit: Facts, values: dict[str, Any]) -> Facts:
    """An earlier visit of a message with the place facts it does not say taken from the message's
    (签约卫生院，看了两次: the place said once for both). A level so taken for a visit that names its
    own place without one (3月在省中医院花了400，今天二级医院500) is marked assumed: the dialogue uses
    it only where it cannot change the figure."""
    filled = {k: values[k] for k in _WHERE_FACTS if getattr(visit, k) is None and values.get(k) is not None}
    if visit.provider_kind == "hospital" and visit.provider_level is None:
        # (…10月26号去了省中医院…665；这个月20号复诊…: the level of the hospital it names is not said —
        # the dialogue asks it when it changes the figure)
        filled["provider_assumed"] = True
    return msgspec.structs.replace(visit, **filled) if filled else visit


#: 起付线用了150还是200 / 统筹报了300还是400: the year's position given as one of two figures
_POSITION_FIGURE_EITHER = rx.compile(r"(?:起付线?|起付标准|统筹|医保)[^,，。]{0,6}?(?:用了|扣了|报了|付了|交了)[^,，。0-9]{0,3}?"
                                     r"[0-9一二两三四五六七八九十百千]+(?:块|元)?(?:还是|或者|或)[0-9一二两三四五六七八九十百千]+")
#: (1月)到现在 / 至今 / 以来: a date that starts a span of time up to now
_SPAN_FROM_AFTER = rx.compile(r"(?:份)?(?:初|底)?(?:一直)?(?:到现在|到今天|到目前|至今|以来|开始到现在|到如今)")


def understand(message: str, _split: bool = True, today: dt.date | None = None) -> Understanding:
    """Classify one chat message and extract the facts it states."""
    text = normalise(message)
    spans: list[Span] = []

    # dates first: they are masked before amounts are looked for
    dates = anchor_dates(text, find_dates(text), today or dt.date.today())
    if "住" in text and dates and (stay := FIGURE_WAS_A_STAY.search(text)) is not None:
        # 上个月那次是住院报的 门诊这是今年第一次: the month is the stay's, never this visit's date
        dates = [d for d in dates if not (d.end <= stay.start() and not _BREAK_BETWEEN.search(text, d.end, stay.start()))]
    if dates and ("到" in text or "至今" in text or "以来" in text):
        # 今年1月到现在只看过这一次: the start of a span of time, never this visit's date
        dates = [d for d in dates if not _SPAN_FROM_AFTER.match(text, d.end)]
    for d in dates:
        spans.append(Span(start=d.start, end=d.end, text=d.text, slot="date",
                          value=f"{d.year or '?'}-{d.month or '?'}-{d.day or '?'}"))
    amounts = extract_amounts(text, normalised=True)
    if "还是" in text and any(a.approximate for a in amounts):
        # 好像是八百多还是九百: one figure of two, the first not sure — the second is no surer (never settled on)
        amounts = [msgspec.structs.replace(a, approximate=True)
                   if i and amounts[i - 1].approximate and not a.approximate
                   and _EITHER_BETWEEN.fullmatch(text, amounts[i - 1].end, a.start) else a
                   for i, a in enumerate(amounts)]
    if "account" in text:
        # …from my personal account? It has 1,200 yuan: the account just named holds it (K232-C036)
        amounts = [msgspec.structs.replace(a, role="account_balance", cue="it has", explicit=True)
                   if a.role is None and _IT_HOLDS_BEFORE.search(text, max(0, a.start - 14), a.start)
                   and "account" in text[max(0, a.start - 40):a.start] else a for a in amounts]
    if "是" in text:  # (every match of _SOMEONE_ELSES holds one)
        # 报了300的是我老伴: a figure said to be another person's — none of this person's facts
        # (450是我爸的，先算他的: a bill of theirs to work out stays — only what the fund paid is disowned)
        amounts = [a for a in amounts if not (a.role in ("fund_paid", "slip_fund", "deductible_used")
                                              and _SOMEONE_ELSES.match(text, a.end))]
    if "按" in text and "扣" in text:  # (every match of _DEDUCTED_BY_ASKED holds both)
        # 怎么按200扣的 (after a slip's lines): the slip's deduction quoted back in a question — no bill
        amounts = [msgspec.structs.replace(a, role="other", cue="按…扣")
                   if a.role in (None, "total") and _DEDUCTED_BY_ASKED.match(text, a.end)
                   and _DEDUCTED_BY_BEFORE.search(text, max(0, a.start - 8), a.start) else a for a in amounts]
    if any(c in text for c in "(和跟及、加别其") or "甲类" in text:  # (every match below holds one)
        amounts = _classed_fees(text, amounts)
    # 单子上写着 60% 还有一个 90: another figure, its field not said — asked about, never the bill
    amounts = [msgspec.structs.replace(a, role="slip_unknown", cue="还有一个")
               if a.role is None and re.search(r"还有(?:一个|个)[,，\s]*$", text[max(0, a.start - 6):a.start])
               and _SLIP_WORD.search(text) and not any(b.role in (None, "total") and b is not a for b in amounts) else a
               for a in amounts]
    # 一千二百 今年第一次 还有二百是自费的 / 药费一千一，自费的二百: a part said after the bill with no word
    # of whether it is inside it or on top — the two readings differ, so the part is asked about
    # 另外在药店自己买了保健品150，没刷医保: a purchase that is no medical bill — placed, never the bill
    if len(amounts) >= 2 and _NOT_MEDICAL_BOUGHT.search(text):
        clauses = _clause_bounds(text)
        amounts = [msgspec.structs.replace(a, role="other", cue="not_medical")
                   if a.role in (None, "total") and _NOT_MEDICAL_BOUGHT.search(text, *_clause_of(clauses, a.start))
                   and any(b is not a and b.role in (None, "total") for b in amounts) else a for a in amounts]
    # 前面报的200是住院的，门诊今年是第一次: a figure told to be a stay's — no outpatient bill nor what the
    # outpatient fund paid (placed, never settled)
    amounts = [msgspec.structs.replace(a, role="other", cue="住院") if FIGURE_WAS_A_STAY.match(text, a.end) else a
               for a in amounts]
    placement: tuple[str, str, str, Decimal] | None = None
    money = [a for a in amounts if a.role not in ("age", "slip_unknown", "other") and not a.negated]
    if len(money) == 2 and not _INSIDE.search(text) and not _EXTRA_PART.search(text) and not _WHOLE_WORD_SAID.search(text):
        bill = next((a for a in amounts if a.role in (None, "total") and not a.negated and not a.approximate), None)
        part = next((a for a in amounts
                     if bill is not None and a.start > bill.end and a.role in ("self_pay", "consultation") and not a.negated
                     and not a.approximate and sum(1 for b in amounts if b.role in (None, "total")) == 1
                     and (_STILL_MORE_BEFORE.search(text, max(0, a.start - 10), a.start)
                          or (bill.cue is not None and _DRUG_COST_CUE.fullmatch(bill.cue) and a.role == "self_pay"
                              and a.cue is not None and _BARE_SELF_PAY_CUE.fullmatch(a.cue)))), None)
        if part is not None and bill is not None and part.role is not None:
            placement = (part.text, part.role, bill.text, part.value)
            amounts = [msgspec.structs.replace(a, role="other", cue="inside_or_not") if a is part else a for a in amounts]
    # 单子上是1020不是1200: the slip's figure set against a bill said before, and denied — the bill corrected
    amounts = [msgspec.structs.replace(a, role=None, cue=None) if a.role == "slip_unknown" and i + 1 < len(amounts)
               and amounts[i + 1].negated and amounts[i + 1].role is None and (a.cue or "").endswith("是")
               and _DENIED_BETWEEN.fullmatch(text, a.end, amounts[i + 1].start) else a for i, a in enumerate(amounts)]
    # 年度限额2000今年已经用了300: the cap, then how much of it is used — what the fund has paid this year
    amounts = [msgspec.structs.replace(a, role="fund_paid", cue="限额用了") if a.role in (None, "total") and i > 0
               and amounts[i - 1].role == "stated_cap" and _CAP_USED_BETWEEN.fullmatch(text, amounts[i - 1].end, a.start)
               else a for i, a in enumerate(amounts)]
    # 起付线用了400，还差200: what is left of the deductible, said in the clause after it
    amounts = [msgspec.structs.replace(a, role="deductible_remaining", cue="还差")
               if a.role is None and _STILL_LEFT_BEFORE.search(text, max(0, a.start - 4), a.start)
               and "起付" in text[max(0, a.start - 16):a.start]
               # (起付线过了 150 还有 62.5: the deductible met — the 还有 is another figure, asked)
               and not _MET_BEFORE.search(text, max(0, a.start - 16), a.start) else a for a in amounts]
    # 医院只给报了367.44……哦不对，她念错了，是376.44: the figure said after a correction, with no words of
    # its own, replaces the one before it in the same role
    for i in range(1, len(amounts)):
        first_said, resaid = amounts[i - 1], amounts[i]
        if resaid.role is None and first_said.role not in (None, "total", "other") and not first_said.negated \
                and correction_between(text, first_said.end, resaid.start) and resaid.start - first_said.end <= 16 \
                and not _WRONG_ASKED.search(text, first_said.end, resaid.start):
            # (结算单统筹支付260，是不是算错了？一级医院1000: whether the slip is wrong, asked — no correction)
            amounts[i] = msgspec.structs.replace(resaid, role=first_said.role, cue=first_said.cue)
            amounts[i - 1] = msgspec.structs.replace(first_said, negated=True)

    account_mentioned = mentions_account(text)
    use_hits = find_account_uses(text) if account_mentioned else []
    contribution = [h for h in use_hits if h.sets.get("account_use") == "resident_contribution"]

    slots = _Slots()
    bounds = _clause_bounds(text)

    # places ------------------------------------------------------------------------------
    place_hits = find_places(text)
    if len(place_hits) > 1 and any("other_city" in h.sets for h in place_hits):
        # 绵阳的，南充旁边 / 庆阳的，挨着平凉: a city named as a landmark beside another, not where one is insured
        place_hits = [h for h in place_hits if "other_city" in h.sets or not (
            _NEAR_AFTER.match(text, h.end) or _NEAR_BEFORE.search(text, max(0, h.start - 4), h.start))]
    if len(place_hits) > 1:
        # 我是平凉崇信的……我老伴在西安儿子那儿带孙子 / 我儿子在成都上班: where a relative is, not where the
        # person is insured or was seen — set aside when another place is said
        relatives_places = [h for h in place_hits if _RELATIVE_AT.search(text, max(0, h.start - 8), h.start)]
        if relatives_places and any(h not in relatives_places and ("city" in h.sets or "other_city" in h.sets)
                                    for h in place_hits):
            spans += [sp for h in relatives_places for sp in _spans_for_hit(h, "ignored")]
            place_hits = [h for h in place_hits if h not in relatives_places]
    strong = [h for h in place_hits if h.priority >= 1 and not h.negated]
    strong_cities = {h.sets["city"] for h in strong if "city" in h.sets}
    other_city_named = any("other_city" in h.sets for h in strong)
    weak_place: str | None = None
    for hit in place_hits:
        if hit.negated:
            spans += _spans_for_hit(hit, "negated")
            continue
        weak = hit.priority == 0 and "city" in hit.sets
        if weak and (other_city_named or (strong_cities and hit.sets["city"] not in strong_cities)):
            spans += _spans_for_hit(hit, "weak")
            continue
        if weak and not strong_cities and not (_RESIDENT_SAID.search(text)
                                               and "resident" in schemes_of(hit.sets["city"])):
            # 西湖区 alone: 南昌 has one, and so has 杭州 — a name other cities share does not say the
            # city; the city is asked (the district is kept for the question) — unless the scheme said
            # is one only that city's documents have (西湖区居民医保，签约的社区: 南昌)
            spans += _spans_for_hit(hit, "weak")
            weak_place = weak_place or hit.text
            continue
        spans += _spans_for_hit(hit, "weak" if weak else None)
        for slot, value in hit.sets.items():
            slots.offer(slot, value, 1, hit.start)

    # scheme, category, provider, yes/no facts ------------------------------------------------
    hits = find_slots(text)
    if any(a.cue == "not_medical" for a in amounts):
        # (二级医院看病420，另外在医院旁边药店自己买了保健品150: where the non-medical purchase was made
        # is not where this visit was)
        hits = [h for h in hits if not (h.sets.get("provider_kind") == "pharmacy"
                                        and _NOT_MEDICAL_BOUGHT.search(text, *_clause_of(bounds, h.start)))]
    # 平凉在职…顺便问下，灵活就业的是不是没有个人账户？: a category named as the topic of a question about
    # the rules is not the person's — when the person's own category is said elsewhere
    if sum("category" in h.sets for h in hits) >= 2:
        asked_of = [h for h in hits if "category" in h.sets and _CATEGORY_AS_TOPIC.match(text, h.end)
                    and _QUESTION_END.search(text, h.end, _clause_of(bounds, h.end)[1] + 1)]
        if asked_of and len(asked_of) < sum("category" in h.sets for h in hits):
            hits = [h for h in hits if h not in asked_of]
    # 统筹今年还没报过: the fund has paid nothing yet — some of the deductible may be used (the bills so far
    # below it): not the year's first bill; the year's position is asked (two blind writers in two)
    # 今年之前看过几次，但都是自费（没走医保）/ …起付线一分没用: visits before this one, none settled by the
    # insurance — nothing of the deductible or the cap is used (two blind writers in two); not a conflict
    # between 之前看过 and 起付线一分没用, and the 自费 is of those visits, not of this bill
    earlier_self = _EARLIER_ALL_SELF.search(text) if "之前" in text or "以前" in text or "前面" in text or "此前" in text else None
    nothing_used = False
    if any(h.sets.get("first_visit_this_year") is False and not h.negated for h in hits):
        untouched = [h for h in hits if h.sets.get("first_visit_this_year") is True and not h.negated
                     and "起付" in h.text and _UNTOUCHED.search(h.text)]
        if earlier_self or (untouched and "报" not in text
                            and not any(a.role in ("fund_paid", "slip_fund", "deductible_used") for a in amounts)):
            # (起付线一分没用 beside 之前报过两千: two statements that disagree — left to the conflict below)
            nothing_used = True
            hits = [h for h in hits if h not in untouched]
    if any(h.sets.get("first_visit_this_year") is False and not h.negated for h in hits):
        # 今年是第二回看，头一回起付线扣了一百 / second visit this year; the first one used 100 of his
        # deductible: the first one is the earlier visit, what it did told — not this visit's position
        hits = [h for h in hits if not (h.sets.get("first_visit_this_year") is True and not h.negated
                                        and _THE_FIRST_ONE.fullmatch(h.text) is not None
                                        and _WHAT_IT_DID.match(text, h.end) is not None
                                        and any(o.sets.get("first_visit_this_year") is False and not o.negated
                                                and o.end <= h.start for o in hits))]
    if "我" in text and _ASKED_FOR_ANOTHER.search(text) is not None:
        # 我俩今天都在三级医院看的，我今年第一次，花了600；我爸也花了600，他能报多少: the year's position said
        # of the writer is not the one asked about's — it is asked for them, never lent
        hits = [h for h in hits if not (("first_visit_this_year" in h.sets or "deductible_met" in h.sets)
                                        and _MY_OWN_BEFORE.search(text, max(0, h.start - 3), h.start) is not None)]
    fund_none_yet = [h for h in hits if h.sets.get("first_visit_this_year") is True and "报" in h.text
                     and _FUND_JUST_BEFORE.search(text, max(0, h.start - 4), h.start)]
    hits = [h for h in hits if h not in fund_none_yet]
    if any(h.text.startswith(("去年", "当年", "那年")) and "first_visit_this_year" in h.sets for h in hits):
        # 去年12月…那是去年第一次看门诊: the first of its own year — only of a visit dated last year
        last_year = (today or dt.date.today()).year - 1
        # (2026年3月5日…是当年第一次门诊: 当年 of a visit dated this year is this year)
        hits = [h for h in hits if not (h.text.startswith(("去年", "当年", "那年")) and "first_visit_this_year" in h.sets)
                or any(d.year == last_year for d in dates)
                or (h.text.startswith("当年") and dates and all(d.year == last_year + 1 for d in dates))]
    # “pharmacy? no, hospital”: a word taken back at once is not said
    # (unless what follows corrects something else: 今年第一次 不对 是二级 — the level was wrong)
    hits = [h for h in hits if not _taken_back(text, h, hits)]
    if _THAT_ONE_WAS_FIRST.search(text):
        # 九月份还在一级医院看过一次 七百 那次是今年第一次: a visit before this one, which was the year's first —
        # 还…看过一次 is that visit, not a second statement of the year to weigh against it
        hits = [h for h in hits if h.sets.get("first_visit_this_year") is not False or h.negated]
    hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets)
                                    and (_NOTICE_AFTER.match(text, h.end) is not None
                                         or (h.text in _HELPER_PLACE and (text.endswith("我是", 0, h.start)
                                                                          or text.startswith(("帮", "替", "代"), h.end)))))]
    held_back: list[Hit] = []  # what a question put back holds (我不是退休吗: 退休, its 吗 no doubt)
    if "不是" in text:
        # a question put back to us (A不是B吗): 三甲不是三级吗 asks whether two words are one — neither is a fact
        # said; 那不是三级医院吗 / 诊所不是定点吗 says what the person holds (三级, 定点: never 非定点)
        for put_back in _ASKED_BACK.finditer(text):
            not_at = put_back.start() + put_back.group(0).index("不是")
            asked_of = [h for h in hits if put_back.start() <= h.start < not_at]
            held = [h for h in hits if not_at <= h.start < put_back.end()]
            if asked_of and held:
                hits = [h for h in hits if h not in asked_of and h not in held]
            elif held:
                hits = [msgspec.structs.replace(h, negated=False) if h in held else h for h in hits]
                held_back += [h for h in hits if not_at <= h.start < put_back.end()
                              # (我不是已经退休了吗，怎么还按在职算: the premise of a why beside another
                              # word of the same kind — the why is asked, not a fact set)
                              and not any(o.start >= put_back.end() and o.sets.keys() & h.sets.keys() for o in hits)]
    # 单子上写一级70%、二级65%、三级60%: a slip's ratio for each level — those level words are the list's,
    # not the visit's; the visit's ratio is the one for its own level, said elsewhere (or asked)
    ratio_list = {int("一二三123".index(m.group(1)) % 3 + 1): Decimal(m.group(2)) for m in _LEVEL_RATIO.finditer(text)} \
        if "%" in text else {}
    if len(ratio_list) >= 2:
        ratio_spans = [(m.start(), m.end()) for m in _LEVEL_RATIO.finditer(text)]
        hits = [h for h in hits if not ("provider_level" in h.sets and any(lo <= h.start < hi for lo, hi in ratio_spans))]
    not_my_clinic = _NOT_MY_CLINIC.search(text) if "not " in text else None
    if not_my_clinic is not None:
        # went to a big provincial hospital (tier 3), not my signed community clinic: the clinic named is
        # where the visit was not — its words set nothing (outside the signed institution, below)
        hits = [h for h in hits if not (not_my_clinic.start() <= h.start < not_my_clinic.end())]
    # 我开始以为是二级，后来看了墙上牌子是三级的: what was believed at first gives way to what was seen
    hits = [h for h in hits if not ("provider_level" in h.sets and _BELIEVED_BEFORE.search(text, max(0, h.start - 5), h.start)
                                    and any("provider_level" in o.sets and o.start > h.end and not o.negated for o in hits))]
    # 哦，今年第一次，我以为起付线过了: what the person had thought, and was wrong about — not said
    # (我以为今年第一次，单子上统筹却只报了150: the premise of a slip asked about — kept)
    hits = [h for h in hits if not ("deductible_met" in h.sets and _THOUGHT_BEFORE.search(text, _clause_of(bounds, h.start)[0], h.start)
                                    and any(o.sets.get("first_visit_this_year") is True and not o.negated for o in hits))]
    # 今年头一次 不对好像不是头一次: the first said, then taken back — the later word holds (a doubt: asked)
    firsts = [h for h in hits if h.sets.get("first_visit_this_year") is True and not h.negated]
    denied_after = [h for h in hits if h.sets.get("first_visit_this_year") is True and h.negated
                    and any(p.end <= h.start and correction_between(text, p.end, h.start) for p in firsts)]
    if denied_after:
        hits = [h for h in hits if h not in firsts
                and not (h in denied_after and _HEDGE_BEFORE_DENIAL.search(text, max(0, h.start - 6), h.start))]
    # 不是社区就是二级: either — the first is a possibility, not denied
    hits = [msgspec.structs.replace(h, negated=False) if h.negated and _EITHER_AFTER.match(text, h.end) else h
            for h in hits]
    # 之前在药店刷过 beside 三级医院: a pharmacy of an earlier visit is not where this one was
    # (哦不对，上个月我在药店刷过一回，买了两百多的药: an earlier visit, its cost hedged — not this bill's place)
    only_hedged = _ONCE_BEFORE.search(text) is not None and all(
        a.approximate for a in amounts if a.role in (None, "total") and not a.negated)
    hits = [h for h in hits if not (h.sets.get("provider_kind") == "pharmacy"
                                    and _EARLIER_VISIT_CLAUSE.search(text, *_clause_of(bounds, h.start))
                                    and (any("provider_level" in o.sets and o.priority > 0 for o in hits)
                                         or not _AMOUNT_IN.search(text) or only_hedged))]
    # 我签约的是社区卫生服务中心，但这次去了一家二级医院: the signed institution named is not where this
    # visit was when another place is named for it (the person says the two differ)
    # 没经过签约社区 / 不是签约的卫生院: the clinic named inside the denial is not where the visit was
    signed_denials = [h for h in hits if "签约" in h.text and (
        (h.sets.get("signed") is False and not h.negated) or (h.sets.get("signed") is True and h.negated))]
    if signed_denials:
        hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets) and "signed" not in h.sets
                                        and any(d.start <= h.start < d.end for d in signed_denials))]
    signed_named = [h for h in hits if ("provider_level" in h.sets or "provider_kind" in h.sets or "signed" in h.sets)
                    and _SIGNED_PLACE_BEFORE.search(text, _clause_of(bounds, h.start)[0], h.end)]
    visit_places = [h for h in hits if ("provider_level" in h.sets or "provider_kind" in h.sets) and h not in signed_named]
    if signed_named and visit_places and (_OTHER_PLACE.search(text) or any(
            not _PRIMARY_CARE.search(h.text) and h.start < signed_named[0].start for h in visit_places)):
        # (去了省人民医院看门诊，花了700，我签约的是社区: the hospital visited is not the signed one)
        hits = [h for h in hits if h not in signed_named and "signed" not in h.sets]
        here = visit_places[0]
        hits.append(Hit(sets={"signed": False}, start=here.start, end=here.end, text=here.text, priority=2))
        hits.sort(key=lambda h: h.start)
    # 今年5月份在省中医院（三级）看过一次花了400没报，今天在社区又花了600: the level of the earlier
    # visit is not this one's (its unreimbursed 400 still counts toward the deductible)
    # 此前已在三级医院门诊花费900元: the place of what was spent before this visit is not this visit's
    unpaid = [a for a in amounts if a.role == "prior_unreimbursed" and not a.negated]
    if len(unpaid) == 1 and _WHY_UNPAID.search(text) and not unpaid[0].approximate \
            and not any(a.role in (None, "total") and not a.negated for a in amounts):
        # 上个月在县人民医院看的600怎么一分没报: the one figure, asked why the fund paid none of it — that
        # visit's bill, settled to show why (never an earlier figure beside a bill not told)
        amounts = [msgspec.structs.replace(a, role="total") if a is unpaid[0] else a for a in amounts]
    prior_clauses = {_clause_of(bounds, a.start) for a in amounts if a.role == "prior_unreimbursed"}
    if _PLACE_CHANGED.search(text):
        # 上次是在二级医院，这次换了一家: the level said is the last visit's — this one's is not said
        hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets)
                                        and _LAST_TIME_AT.search(text, _clause_of(bounds, h.start)[0], h.start))]
    if prior_clauses and not re.search(r"同一(?:家|个)?(?:医院|诊所|药店|地方)?|还是那家|就是那家|same (?:hospital|clinic|place)", text):
        hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets)
                                        and _clause_of(bounds, h.start) in prior_clauses)]
    # 社区 看了五百 今年之前在药店买药扣过100起付线: the place in the clause of what an earlier bill used of
    # the year is that bill's — this visit's is the one said outside it
    position_clauses = {_clause_of(bounds, a.start) for a in amounts if a.role in ("deductible_used", "fund_paid")}
    if position_clauses:
        placed = [h for h in hits if "provider_level" in h.sets or "provider_kind" in h.sets]
        of_before = [h for h in placed if _clause_of(bounds, h.start) in position_clauses]
        if of_before and len(of_before) < len(placed):
            hits = [h for h in hits if h not in of_before]
    hits = [h for h in hits if not ("provider_kind" in h.sets and "provider_level" not in h.sets
                                    and _EARLIER_ALSO.search(text, *_clause_of(bounds, h.start))
                                    and not any(_clause_of(bounds, a.start) == _clause_of(bounds, h.start) for a in amounts))]
    now_levels = [h for h in hits if "provider_level" in h.sets and not _EARLIER_DONE.search(text, *_clause_of(bounds, h.start))]
    # (不对，前几个月在社区已经看过了，起付线扣完了: no bill in the message — the place is the earlier visit's)
    # (…社区看过一次 起付线扣完了 那七百还是不对吧: the figure said before, pointed back at and asked about
    # again, is no bill of this message — the place is the earlier visit's; a blind writer)
    bill_said = any(a.role in (None, "total") and not a.negated
                    and not (_POINTED_BACK_BEFORE.search(text, max(0, a.start - 3), a.start)
                             and _ASKED_RIGHT_AFTER.match(text, a.end)) for a in amounts)
    # (想起来了，今年八月份在卫生院报过一回，统筹给了六十: no bill, and what the fund paid then — the place
    # is that earlier visit's)
    # (年初在社区看过一次，起付线那时候就扣完了: the earlier visit told for the deductible it used)
    # 今天二级医院花了700，下个月打算去三甲医院做胃镜: the place of a visit still to come, beside this one's —
    # never this visit's (a blind writer: the ratio of the tertiary hospital was taken)
    to_come = [h for h in hits if ("provider_level" in h.sets or "provider_kind" in h.sets)
               and _TO_COME_BEFORE.search(text, _clause_of(bounds, h.start)[0], h.start)]
    if to_come and any(("provider_level" in h.sets or "provider_kind" in h.sets) and h not in to_come for h in hits):
        hits = [h for h in hits if h not in to_come]
    # (上个月在社区看过一次，这次花了800: the bill told in a clause of this visit's own — the place is the
    # earlier visit's, and this one's is asked)
    this_visit_clauses = {_clause_of(bounds, a.start) for a in amounts if a.role in (None, "total") and not a.negated
                          and _RECENT_WORD.search(text, *_clause_of(bounds, a.start))} \
        if not _SAME_PLACE_AGAIN.search(text) else set()
    # (在川北医学院附属医院门诊就诊…今年已在社区就诊过两次: this visit's place named, kind only — the
    # community centre is the earlier visits')
    now_named = [h for h in hits if ("provider_level" in h.sets or "provider_kind" in h.sets)
                 and not _EARLIER_DONE.search(text, *_clause_of(bounds, h.start))]
    # 今年在二级医院看过一次了…今天又去同一家医院花了500: today's place is named as the earlier one's
    same_place_now = "同" in text and any(
        ("provider_level" in h.sets or "provider_kind" in h.sets) and _RECENT_WORD.search(text, *_clause_of(bounds, h.start))
        and _SAME_PLACE_REF.search(text, *_clause_of(bounds, h.start)) for h in hits) \
        and len({h.sets["provider_level"] for h in hits if "provider_level" in h.sets}) == 1
    if now_named and not now_levels and not same_place_now:
        # (a visit that has been — 就诊过, 看过 — is never this one; 今年第一次在南昌二级医院看病 is)
        hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets) and h not in now_named
                                        and _EARLIER_DONE.search(text, *_clause_of(bounds, h.start))
                                        and "过" in text[slice(*_clause_of(bounds, h.start))])]
    # 今年在社区看过一次，在二级医院看过一次，今天三级医院花了1400: places of visits counted as ones that have
    # been (看过一次), beside a place of today's — theirs, never a clash with today's (a blind writer)
    # (a figure in its clause or the next is that visit's own: the visits are then listed, and split below)
    counted = [h for h in hits if ("provider_level" in h.sets or "provider_kind" in h.sets)
               and _SEEN_COUNTED.search(text, *_clause_of(bounds, h.start))
               and not _RECENT_WORD.search(text, *_clause_of(bounds, h.start))
               and not any(_clause_of(bounds, a.start) == _clause_of(bounds, h.start)
                           or (_clause_of(bounds, a.start)[0] == _clause_of(bounds, h.start)[1] + 1
                               and not _RECENT_WORD.search(text, *_clause_of(bounds, a.start))) for a in amounts)]
    unpriced_visit = False
    if same_place_now:
        counted = []  # (…同一家医院: today's place is the one counted — its level too)
    if counted and any(("provider_level" in h.sets or "provider_kind" in h.sets) and h not in counted
                       and _RECENT_WORD.search(text, *_clause_of(bounds, h.start)) for h in hits):
        # (…在社区也看过一次，今天…: that visit's bill not told — what the fund has paid this year is asked,
        # never the year settled as if it cost nothing)
        hits = [h for h in hits if h not in counted]
        # (with a spending of the year said beside it, that figure is not the whole year)
        unpriced_visit = any(a.role in ("prior_unreimbursed", "deductible_used") for a in amounts)
    # (今年之前在药店刷过一次，买药花了120: no bill of this visit, the spending of an earlier one — its place)
    if now_levels or this_visit_clauses or (not bill_said and (_CORRECTION_FIRST_WORD.match(text) or any(
            a.role in ("fund_paid", "prior_unreimbursed") for a in amounts)
                                                               or "起付" in text)):
        hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets)
                                        and _EARLIER_DONE.search(text, *_clause_of(bounds, h.start))
                                        and _clause_of(bounds, h.start) not in this_visit_clauses)]
    # 结算单上起付线扣了200: the slip's line for this bill, not the year's deductible already met
    # (单子上写起付线800已经扣完了: the deductible named with its figure and said used up — the year's, met)
    hits = [h for h in hits if not (h.sets.get("deductible_met") is True and _on_slip(text, bounds, h.start)
                                    and not _USED_UP_SAID.search(h.text))]
    # 今年第一次。我记得去年年底起付线好像扣过了: last year's deductible — each year has its own
    hits = [h for h in hits if not (h.sets.get("deductible_met") is True and _LAST_YEAR.search(text, *_clause_of(bounds, h.start))
                                    and any(o.sets.get("first_visit_this_year") is True and not o.negated for o in hits))]
    # 在职的时候统筹报了1800: when the person was working — a time, not today's category
    # (…退休，2300 →) 我在职的时候同样花2300报多少？: the same bill supposed in that other time — a what-if of
    # that category
    supposed_then = [h for h in hits if "category" in h.sets and _CATEGORY_THEN.match(text, h.end)
                     and _SAME_BILL_ASKED.search(text, h.end)]
    hits = [h for h in hits if not ("category" in h.sets and _CATEGORY_THEN.match(text, h.end)) or h in supposed_then]
    # 退休好多年了，娃儿都在外头打工: the children's work, beside the person's own category
    others = [h for h in hits if "category" in h.sets and _OTHERS_SUBJECT.search(text, _clause_of(bounds, h.start)[0], h.start)]
    if others and any("category" in h.sets and h not in others and not h.negated for h in hits):
        hits = [h for h in hits if h not in others]
    # 以前在外头打工，现在回来了自己交的灵活就业医保: the category of before, beside the one of now
    past = [h for h in hits if "category" in h.sets and _PAST_BEFORE.search(text, max(0, h.start - 14), h.start)]
    if past and any("category" in h.sets and h not in past and not h.negated for h in hits):
        hits = [h for h in hits if h not in past]
    # 是不是按在职给我算了: how the slip settled it, asked — not the person's category
    hits = [h for h in hits if not (("category" in h.sets or "provider_level" in h.sets)
                                    and _SETTLED_AS_BEFORE.search(text, max(0, h.start - 8), h.start))]
    # 今年第一张门诊单子已经扣了起付线300，今天第二次…: the year's first slip is an earlier visit's — this one
    # is the second, never the year's first
    hits = [h for h in hits if not (h.sets.get("first_visit_this_year") is True and "张" in h.text
                                    and _SECOND_AFTER.search(text, h.end))]
    # 三乙不是跟二级一样按65%吗: a level the visit's is compared with (a rule asked), not where it was
    hits = [h for h in hits if not ("provider_level" in h.sets and "provider_grade" not in h.sets
                                    and _LIKE_BEFORE.search(text, max(0, h.start - 2), h.start)
                                    and _LIKE_AFTER.match(text, h.end))]
    # (是不是给我算成二级了: how the slip settled it, asked — not the visit's level)
    # 今年第一次来这家医院 / 头一次用医保卡: first at this place or with the card, not this year's
    # first outpatient bill — the year's position is still asked
    # (今年门诊第一次去一级医院: the year's first outpatient visit said as such, its level after it)
    hits = [h for h in hits if not (h.sets.get("first_visit_this_year") is True and (
        ((first_here_at := _FIRST_HERE.match(text, h.end)) and not (_OUTPATIENT_IN_HIT.search(text, h.start, h.end)
                                                           and _LEVEL_PLACE.match(first_here_at.group(0)))
         # (今年第一次刷卡: the year's first use of the card is the year's first bill)
         and not (first_here_at.group(0).endswith("卡") and "今年" in text[h.start:h.end]))
        or _FIRST_HERE_BEFORE.search(text, max(0, h.start - 8), h.start)))]
    # 医院说起付线扣了: the deductible taken on this bill, as the hospital said — not the year's position before
    # it (how much of it this bill took is asked)
    hits = [h for h in hits if not (h.sets.get("deductible_met") is True and not h.negated
                                    and _SLIP_SAID_BEFORE.search(text, max(0, h.start - 8), h.start)
                                    and not _YEAR_POSITION_BEFORE.search(text, max(0, h.start - 8), h.end))]
    # 外省人 / 从外地来的 / 外省嫁过来的: where the person comes from, not where the visit was
    # (要是没备案呢: a filing, never where one comes from)
    hits = [h for h in hits if not (h.sets.get("offsite") is True and "offsite_filed" not in h.sets and (
        _ORIGIN_AFTER.match(text, h.end) or _ORIGIN_BEFORE.search(text, max(0, h.start - 3), h.start)))]
    # 社区卫生服务站旁边的定点药店: a place named as a landmark is not where the money was spent
    hits = [h for h in hits if not (("provider_level" in h.sets or "provider_kind" in h.sets)
                                    and (_LANDMARK_AFTER.match(text, h.end)
                                         # 药店那次统筹报了50: the place of that (earlier) visit, not this one's
                                         or _THAT_VISIT_AFTER.match(text, h.end)))]
    if any(h.sets.get("provider_kind") == "pharmacy" for h in hits):
        # 药店买药和在二级医院看病的钱合在一起我不清楚，就说这次，二级医院900: the bill is said in a clause
        # of the hospital (no pharmacy, no prescription there) — the pharmacy of a clause without a
        # figure is not where this bill was paid
        bills = [a for a in amounts if a.role in (None, "total") and not a.negated]
        if len(bills) == 1:
            lo, hi = _clause_of(bounds, bills[0].start)
            in_clause = [h for h in hits if lo <= h.start < hi]
            if any(h.sets.get("provider_kind") == "hospital" for h in in_clause) \
                    and any("provider_level" in h.sets for h in in_clause) \
                    and not any(h.sets.get("provider_kind") == "pharmacy" for h in in_clause) \
                    and _PRESCRIPTION.search(text, lo, hi) is None:
                hits = [h for h in hits if not (h.sets.get("provider_kind") == "pharmacy"
                                                and not any(a.start in range(*_clause_of(bounds, h.start)) for a in amounts))]
    pharmacy = any(h.sets.get("provider_kind") == "pharmacy" and not h.negated for h in hits)
    explicit = [h for h in hits if h.priority > 0 and not h.negated]
    for hit in hits:
        if any(c.start <= hit.start < c.end for c in contribution) and ("scheme" in hit.sets or "category" in hit.sets):
            spans += _spans_for_hit(hit, "ignored")  # 给我妈交居民医保: not the asker's scheme
            continue
        sets = dict(hit.sets)
        note = None
        if hit.negated:
            booleans = {k: not v for k, v in sets.items() if isinstance(v, bool)}
            if not booleans:
                spans += _spans_for_hit(hit, "negated")
                continue
            sets, note = booleans, "negated"
        lo, hi = _clause_of(bounds, hit.start)
        in_prescription = _PRESCRIPTION.search(text, lo, hi) is not None
        if "provider_level" in sets or "provider_grade" in sets:
            if pharmacy or in_prescription:
                sets = {("prescribed_at_" + k[len("provider_"):] if k in ("provider_level", "provider_grade") else k): v
                        for k, v in sets.items()}
                note = "prescription"
        if sets.get("provider_kind") == "hospital" and (pharmacy or in_prescription) and "referral" not in sets:
            sets.pop("provider_kind")
            note = "prescription"
        spans += _spans_for_hit(Hit(sets=sets, start=hit.start, end=hit.end, text=hit.text), note)
        for slot, value in sets.items():
            qualified = hit.priority == 0 and _qualified(text, hit, slot, explicit)
            slots.offer(slot, value, hit.priority, hit.start, alternative=not qualified)
    if pharmacy:
        slots.offer("provider_kind", "pharmacy", 9, len(text))

    # amounts ---------------------------------------------------------------------------------
    for amount in amounts:
        note = "approximate" if amount.approximate else "negated" if amount.negated else None
        if amount.role == "other":
            note = "ignored"
        spans.append(Span(start=amount.start, end=amount.end, text=amount.text,
                          slot=_ROLE_FIELD.get(amount.role, "other"), value=str(amount.value), note=note))
    # a fund figure after a slip word (结算单：统筹支付 540) or given for this bill (医保给报了540,
    # with the bill in the message) is the slip's figure to check, not the year's position
    has_bill = any(a.role in (None, "total", *_ITEM_FIELDS) for a in amounts)
    # 上次在社区报了60块，这次二级医院800: what an earlier visit's claim paid is the year's position, not
    # this bill's slip (in a clause of its own that names the earlier time)
    amounts = [msgspec.structs.replace(a, role="fund_paid")
               if a.role == "slip_fund" and has_bill and _EARLIER_TIME.search(text, _clause_of(bounds, a.start)[0], a.start)
               and not _SLIP_WORD.search(text, _clause_of(bounds, a.start)[0], a.start)
               else a for a in amounts]
    amounts = [msgspec.structs.replace(a, role="slip_fund")
               if a.role == "fund_paid" and not _YEAR_POSITION_BEFORE.search(text, max(0, a.start - 8), a.start)
               # (又说统筹报过150: 报过 is what was claimed before — the year's, whoever said it)
               and not re.search(r"(?:报|付|给)过", a.cue or "")
               and (_SLIP_WORD.search(text, max(0, a.start - 16), a.start) or _in_slip_list(text, a.start)
                    or (has_bill and _GIVEN_FOR_BILL.search(text, max(0, a.start - 6), a.start)
                        # (今年之前…统筹给报了800；今天…花了1000: told before this bill, of the year)
                        and not ((_EARLIER_TIME.search(text, 0, a.start) or _YEAR_SAID.search(text, 0, a.start))
                                 and not any(b.role in (None, "total") and b.end <= a.start for b in amounts))
                        # (…，不过上个月统筹给我报了200: said of last month, the year's — not this slip)
                        and not _EARLIER_TIME.search(text, *_clause_of(bounds, a.start))))
               else a for a in amounts]
    # 1000，今年起付线早过了，报了600？: a fund figure after the bill, questioned — this bill's, checked
    amounts = [msgspec.structs.replace(a, role="slip_fund")
               if a.role == "fund_paid" and has_bill and _QUESTIONED_AFTER.match(text, a.end)
               and a.cue is not None and not _YEAR_IN_CUE.search(a.cue)
               and any(b.role in (None, "total", *_ITEM_FIELDS) and b.end <= a.start for b in amounts)
               else a for a in amounts]
    # 花了1000，怎么统筹才付了480: a complaint about this bill's fund figure — the slip's, checked
    # (…200，统筹只报了80.00，怎么比上次少这么多: the complaint after it)
    amounts = [msgspec.structs.replace(a, role="slip_fund")
               if a.role == "fund_paid" and has_bill and (
                   _COMPLAINT_BEFORE.search(text, _clause_of(bounds, a.start)[0], a.start)
                   or (_ONLY_PAID_BEFORE.search(text, max(0, a.start - 6), a.start)
                       and _COMPLAINT_AFTER.match(text, a.end)))
               and any(b.role in (None, "total", *_ITEM_FIELDS) and b.end <= a.start for b in amounts)
               else a for a in amounts]
    # 600 报了200 — this bill's fund share or the year's so far? With no word of the year, asked
    amounts = [msgspec.structs.replace(a, role="slip_unknown")
               if a.role == "fund_paid" and has_bill and ((a.cue in ("报了", "报销了", "报", "报销") and any(
                   b.role in (None, "total", *_ITEM_FIELDS) and b.end <= a.start for b in amounts)) or (
                   # 280 统筹182 / 花了1500，医保报了495: told after the bill with no word of the year —
                   # this bill's share or the year's so far? Asked, never guessed (统筹已报600, 今年…统筹
                   # 报了500 say the year's)
                   a.cue is not None and not _YEAR_IN_CUE.search(a.cue)
                   and not any(b.role in ("slip_cash", "slip_personal", "slip_account") for b in amounts)
                   and not _YEAR_SAID.search(text, 0, a.start)
                   and not _YEAR_AFTER.match(text, a.end)
                   and any(b.role in (None, "total", *_ITEM_FIELDS) and b.end <= a.start for b in amounts)))
               and not _YEAR_POSITION_BEFORE.search(text, max(0, a.start - 8), a.start)
               and not _CHECK_QUESTION.search(text)
               # (统筹报了五百了: the trailing 了 — what the year has reached, not this bill's share)
               and not _STILL_AFTER.match(text, a.end)
               # (乡镇卫生院 两百五 … 统筹报了六百: more than this bill — the year's, never this bill's share)
               and not (any(b.role in (None, "total") and not b.approximate for b in amounts)
                        and all(b.value <= a.value for b in amounts if b.role in (None, "total") and not b.approximate))
               # (对了上个月门诊报了两百多: said of an earlier month — the year's, not this bill's)
               and not _EARLIER_TIME.search(text, _clause_of(bounds, a.start)[0], a.start)
               else a for a in amounts]
    if has_bill and any(h.sets.get("first_visit_this_year") is True and not h.negated for h in hits):
        # 今年第一次 … 统筹420 / 统筹给了420？: with the year's first bill said, a bare or questioned fund
        # figure is what the fund paid of this bill (a slip figure to check); 统筹报了300 stays a
        # statement of the year that disagrees with 今年第一次 (issue 9: a conflict)
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a.role in ("fund_paid", "slip_unknown") and a.cue
                   and (a.cue in (*_FUND_LINE_CUES, "统筹只", "统筹才", "医保只", "医保才")
                        or _QUESTIONED_AFTER.match(text, a.end)
                        # 今年第一次 … 1200 报了600: a fund figure told after this bill's amount is this bill's
                        or ((a.cue in ("报了", "报销了", "报销", "报") or _FUND_PAID_THIS.fullmatch(a.cue)) and any(
                            b.role in (None, "total", *_ITEM_FIELDS) and b.end <= a.start for b in amounts)
                            and not _EARLIER_TIME.search(text, _clause_of(bounds, a.start)[0], a.start)))
                   and not _YEAR_POSITION_BEFORE.search(text, max(_clause_of(bounds, a.start)[0], a.start - 8), a.start)
                   else a for a in amounts]
    if has_bill and any(a.role in _SLIP_ROLES for a in amounts) \
            and any(h.sets.get("first_visit_this_year") is True and not h.negated for h in hits):
        # 今年第一次 花了1000 起付线扣了200 统筹支付420 个人580: beside the slip's lines and the year's first
        # bill, the deductible taken is this bill's line of the slip (checked) — not the year's position
        bill_total = max((b.value for b in amounts if b.role in (None, "total")), default=None)
        amounts = [msgspec.structs.replace(a, role="slip_deductible")
                   if a.role == "deductible_used" and bill_total is not None and a.value <= bill_total
                   and not _EARLIER_TIME.search(text, _clause_of(bounds, a.start)[0], a.start)
                   else a for a in amounts]
    sheet = _SLIP_SHEET.match(text)
    if any(a.role in ("stated_deductible", "deductible_used") for a in amounts):
        # 单子起付线50，统筹136.50: the slip's own line of the deductible — what this bill was charged
        # toward it (checked), never the document's deductible nor what earlier visits used; the same
        # figure asked about after it (怎么起付线才扣50) is that line. 西安's slips give the bureau's
        # deductible (kept), unless the bureau's is given apart and the slip's line says what it deducted
        # (起付标准800 … 单子上起付线又扣了800.00)
        on_slip = [a for a in amounts if a.role in ("stated_deductible", "deductible_used")
                   and (m := _SLIP_DEDUCTIBLE_BEFORE.search(text, max(0, a.start - 12), a.start)
                        or (sheet if sheet is not None and a.role == "stated_deductible" else None)) is not None
                   and (not any(h.sets.get("city") == "西安" for h in place_hits)
                        or ("扣" in m.group(0) and any(b.role == "stated_deductible" and b.start < m.start()
                                                      for b in amounts)))]
        if on_slip:
            line = on_slip[0]
            amounts = [msgspec.structs.replace(a, role="slip_deductible") if a is line
                       else msgspec.structs.replace(a, role="other")
                       if a.role in ("stated_deductible", "deductible_used", None, "total")
                       and a.value == line.value and a.start > line.start and _WHY_ASKED.search(text, *_clause_of(bounds, a.start))
                       else a for a in amounts]
    if (slip_mark := _SLIP_LINES_START.search(text)) is not None and any(
            a.role in ("total", "rest", *_ITEM_FIELDS) and a.end <= slip_mark.start() for a in amounts):
        # 双通道药600 其他400 单子：自费600.00 统筹130.00: the bill and its parts told, then the slip's lines —
        # its 自费 line is what the slip left to the person, never one more part of the bill
        amounts = [msgspec.structs.replace(a, role="slip_excluded")
                   if a.role == "self_pay" and a.start > slip_mark.start() and a.cue and _BARE_SELF_PAY_LINE.fullmatch(a.cue)
                   else a for a in amounts]
    if sheet is not None:
        # 第二张：…医疗费总额500，起付线0，统筹250: a slip's lines, one by one — its fund line is this slip's
        amounts = [msgspec.structs.replace(a, role="slip_fund") if a.role in ("slip_unknown", "fund_paid")
                   and a.cue in (*_FUND_LINE_CUES, "统筹基金支付", "基金支付") else a
                   for a in amounts]
    # 统筹目前报了大概……不对，我查了APP，是412.6: the fund's words, their figure taken back unsaid and
    # then given — the figure is the fund's, with the words it was said with
    amounts = [msgspec.structs.replace(a, role="fund_paid", cue=m.group("cue"))
               if a.role in (None, "total") and not a.approximate
               and (m := _FUND_CUE_RETAKEN.search(text, max(0, a.start - 40), a.start)) else a for a in amounts]
    # 大概一千……刚看了发票是1,060: the bill said roughly, then read off the invoice — its exact total
    rough_bills = [b for b in amounts if b.approximate and b.role in (None, "total") and not b.negated]
    amounts = [msgspec.structs.replace(a, role="total", cue=a.cue)
               if a.role == "slip_unknown" and a.cue and _INVOICE_READ.search(a.cue) and any(
                   b.end <= a.start and abs(a.value - b.value) <= b.value * Decimal("0.3") for b in rough_bills)
               else a for a in amounts]
    if any(a.role == "total" and a.cue and _INVOICE_READ.search(a.cue) for a in amounts):
        amounts = [a for a in amounts if a not in rough_bills]
    slip_inferred: str | None = None
    if has_bill and any((h.sets.get("deductible_met") is True or h.sets.get("scheme") == "resident") and not h.negated
                        for h in hits):
        # 起付线过了 1千 统筹报了六百 / 起付线已过 280 统筹182: with the deductible said to be met (or a
        # resident scheme, which has none: 南昌居民 签约卫生院 300 报销180), a fund
        # figure told after this bill's amount, with no word of the year (今年, 已经, 之前, 累计…),
        # is what the fund paid of this bill — a slip figure to check, not the year's
        before_inferred = amounts
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a.role in ("fund_paid", "slip_unknown") and a.cue and not _YEAR_IN_CUE.search(a.cue)
                   and not _FIRST_SELF_PAY_CUE.search(a.cue)  # (乙类先行自付40: that line, not the fund's)
                   and not _WHAT_IT_IS_NOT_KNOWN.match(text, a.end)  # (还有个数25不知道是啥: asked)
                   # (below this bill: 900 … 统筹报了1790 is the year's, no bill's fund share exceeds it)
                   and any(b.role in (None, "total") and b.end <= a.start and b.value > a.value for b in amounts)
                   and not _EARLIER_TIME.search(text, _clause_of(bounds, a.start)[0], a.start)
                   and not _YEAR_POSITION_BEFORE.search(text, max(_clause_of(bounds, a.start)[0], a.start - 8), a.start)
                   and not _YEAR_SAID.search(text, 0, a.start) and not _YEAR_AFTER.match(text, a.end)
                   and not _STILL_AFTER.match(text, a.end)
                   else a for a in amounts]
        slip_inferred = None if _CHECK_QUESTION.search(text) else next(  # (对吗 / 是不是少了: a check asked for)
            ((b.cue or "") + b.text for a, b in zip(before_inferred, amounts, strict=True) if a.role != b.role), None)
    # (1200 统筹报了300 今年第一次 with no 对吗 stays checked as this bill's slip: of about 30 blind writers
    # who wrote one, all but two read it so — K86-0204/0210 are disputed)
    if any(a.role == "fund_paid" and not a.approximate for a in amounts) and any(
            a.role in (None, "total") and _THIS_VISIT.search(text, *_clause_of(bounds, a.start)) for a in amounts):
        # 至今门诊共花费3,200元，统筹已报销1,690元。今天…420元: with the fund's figure for the year said, the
        # year's spending so far is no bill of its own (the year's position is the fund's figure)
        amounts = [msgspec.structs.replace(a, role="other")
                   if a.role in (None, "total") and _SO_FAR.search(text, *_clause_of(bounds, a.start))
                   and not _THIS_VISIT.search(text, *_clause_of(bounds, a.start)) else a for a in amounts]
    # 还有50块是自费的，在另外那600里面: “that 600” points at a figure already told (or the rest of the bill),
    # it is no bill of its own — placed, never settled as a new bill
    amounts = [msgspec.structs.replace(a, role="other")
               if a.role in (None, "total") and _THAT_FIGURE_BEFORE.search(text, max(0, a.start - 8), a.start)
               and _INSIDE_AFTER.match(text, a.end) else a for a in amounts]
    # 统筹只给了100，为啥 / 统筹才报了80: “only” said of the fund's figure — this bill's, read off its slip
    # (the year's fund figure is never said so), a slip to check
    amounts = [msgspec.structs.replace(a, role="slip_fund")
               if a.role == "fund_paid" and not a.approximate and _FUND_ONLY_BEFORE.search(text, max(0, a.start - 10), a.start)
               and not _YEAR_FUND_WORDS.search(_quote(text, bounds, a.start).replace("统筹", "")) else a for a in amounts]
    # 报了150还是自己掏了150我也搞不清: the same figure, and which of two it was is not known — asked
    role_either = _ROLE_EITHER.search(text) if "还是" in text else None  # (every match holds 还是)
    if role_either is not None:
        same = [a for a in amounts if role_either.start() <= a.start < role_either.end()]
        if len(same) >= 2 and len({a.value for a in same}) == 1:
            amounts = [msgspec.structs.replace(a, role="slip_unknown", cue=None)
                       if a.value == same[0].value and not a.negated else a for a in amounts]
    # receipt says fund paid 260 and I paid 340: the person's share beside the fund's, on the same slip
    amounts = [msgspec.structs.replace(a, role="slip_personal")
               if a.role == "total" and (a.cue or "").endswith("paid") and _I_PAID_BEFORE.search(text, max(0, a.start - 12), a.start)
               and any(b.role == "slip_fund" and b.end <= a.start and a.start - b.end <= 20 for b in amounts) else a
               for a in amounts]
    # 手机上显示260 这啥意思: a figure the person shows and asks the meaning of — what it is, is asked
    amounts = [msgspec.structs.replace(a, role="slip_unknown")
               if a.role in (None, "total") and not a.explicit and _WHAT_IS_IT.search(text, a.end, a.end + 8)
               else a for a in amounts]
    # 统筹查了一下，付了900: the fund named as the topic of the clause before, the bare 付了 is its figure
    amounts = [msgspec.structs.replace(a, role="fund_paid")
               if a.role == "slip_unknown" and a.cue in ("付了", "支付了", "给了")
               and _FUND_TOPIC_BEFORE.search(text, max(0, a.start - 16), a.start - len(a.cue)) else a for a in amounts]
    # 结算单上起付线扣了200: the slip's line for this bill's deductible — what this bill put toward it,
    # not the year's position before it (the document's own settlement shows it; nothing to check it by)
    # (单子上写起付线800已经扣完了: the deductible's own figure, said used up — kept, read below)
    amounts = [msgspec.structs.replace(a, role="other")
               if a.role == "deductible_used" and _on_slip(text, bounds, a.start) and not _USED_UP_SAID.match(text, a.start)
               else a for a in amounts]
    # 花了1000，自付450: after this bill's total, what the person paid of it — the slip's personal share
    # (checked, or asked about), never dropped as a word of the rules
    amounts = [msgspec.structs.replace(a, role="slip_personal")
               if a.role == "other" and (a.cue or "") in _PAID_MYSELF_CUES and not a.approximate
               and any(b.role in (None, "total") and b.end <= a.start and b.value > a.value for b in amounts)
               else a for a in amounts]
    fund_figures = [a for a in amounts if a.role == "fund_paid"]
    pay_figures = [a for a in amounts if a.role in ("slip_cash", "slip_personal", "slip_account")]
    # 医保卡里扣了300 alone is no check (what the card paid depends on a balance not said): it is asked
    check_question = _CHECK_QUESTION.search(text) is not None  # (asked twice below: one search)
    # (我账户里原来有五百，单子上个人账户扣了一百三十五: with the balance said, the card's line is checked)
    checking = check_question or any(
        a.role in ("slip_fund", "slip_cash") for a in amounts) or bool(fund_figures and pay_figures) or (
        # 总金额1000，其中乙类检查400，单子上先行自付写的40: the slip's own line, read off it — checked
        any(a.role == "slip_unknown" and a.cue and _FIRST_SELF_PAY_CUE.search(a.cue) for a in amounts)
        and _SLIP_WORD.search(text) is not None and any(a.role in (None, "total") for a in amounts)) or (
        any(a.role == "slip_account" for a in amounts) and any(a.role == "account_balance" for a in amounts)) or (
        # 1000 结算单 个人支付 550: the slip's personal line, named as the slip's, beside the bill — checked
        # (单子个人自付550 beside a bill with no self-pay part said: the same line; 单子上个人支付300 with
        # no bill said: the slip's line, and the bill is asked — never the 300 asked about)
        any(a.role == "slip_personal" and a.cue and re.search(r"个人(?:支付|负担|承担|自付)", a.cue)
            and ("自付" not in a.cue or not any(b.role == "self_pay" for b in amounts))
            and _SLIP_WORD.search(text, max(0, a.start - 12), a.start) for a in amounts)
        and (any(a.role in (None, "total") and not a.approximate for a in amounts)
             or all(a.role not in (None, "total") for a in amounts))) or (
        # 收费员说我自己要付600: what the counter asked of the person — the slip's personal share, checked
        # (一共1000，我自己付了670 with no word of the slip: asked — three blind writers in three)
        any(a.role == "slip_personal" and _COUNTER_SAID.search(text, _clause_of(bounds, a.start)[0], a.start)
            for a in amounts))
    if checking:
        # 统筹560，个人账户300，现金140，这样对吗: what the slip split, not balances or positions
        # (统筹已报300，单子上统筹支付480: beside the slip's own fund line, a fund figure said with a
        # word of the year is the year's)
        slip_named = any(a.role == "slip_fund" for a in amounts)
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a.role == "fund_paid" and not _YEAR_POSITION_BEFORE.search(  # (今年门诊统筹已支付300: the year's)
                       text, max(_clause_of(bounds, a.start)[0], a.start - 12), a.start)
                   and not (slip_named and a.cue and _YEAR_IN_CUE.search(a.cue))
                   # (单子上…统筹500。上次看病统筹好像也报了两百: beside the slip's line, the last visit's)
                   and not (slip_named and _LAST_VISIT_BEFORE.search(text, _clause_of(bounds, a.start)[0], a.start))
                   # (统筹报过300。…结算单：…统筹220.00: 报过, before the slip's own line — the year's)
                   and not (slip_named and _CLAIMED_BEFORE_FIGURE.search(text, max(0, a.start - 3), a.start))
                   # (起付线扣完了 统筹报了700了 今天三级医院1500 小票统筹300.00: told before this bill, beside the
                   # slip's own line — the year's)
                   and not _told_before_bill_beside_slip(a, amounts)
                   and not _fund_before_bill_then_another(a, amounts)
                   and not _claim_confirmed(text, a)
                   else msgspec.structs.replace(a, role="slip_account")
                   if a.role == "account_balance" and not re.search(r"有|剩|余|原来|(?:看病|就诊|结算|刷卡)前|balance",
                                                                    text[max(0, a.start - 8):a.start])
                   else a for a in amounts]
    # an amount in a clause about last year is not this year's (报了300那是去年) — unless the visit
    # itself is last year's (去年12月28号看的…统筹去年一共报了1,500: that visit's year)
    year_now = (today or dt.date.today()).year
    visit_of_last_year = bool(dates) and all(d.year == year_now - 1 for d in dates) and "今年" not in text
    amounts = [msgspec.structs.replace(a, role="other")
               if a.role in ("fund_paid", "deductible_used") and _LAST_YEAR.search(text, *_clause_of(bounds, a.start))
               and not visit_of_last_year
               else a for a in amounts]
    if checking:
        # bill 1,000, my slip says fund 240 and I paid 760: after the bill and a slip figure, what the
        # person paid is the slip's personal share, not a second bill
        slip_at = next((a.start for a in amounts if a.role == "slip_fund"), None)
        bill_at = next((a.start for a in amounts if a.role == "total"), None)
        amounts = [msgspec.structs.replace(a, role="slip_personal")
                   if a.role == "total" and a.cue and _PAID_BY_ME.fullmatch(a.cue) and slip_at is not None
                   and bill_at is not None and bill_at < slip_at < a.start else a for a in amounts]
        # 单子：乙类先行自付30.00 … 对不对: the slip's first-self-pay line, checked like the others
        amounts = [msgspec.structs.replace(a, role="slip_first_self_pay")
                   if a.role == "slip_unknown" and a.cue and _FIRST_SELF_PAY_CUE.search(a.cue) else a for a in amounts]
        first_paid = {a.value for a in amounts if a.role == "slip_first_self_pay"}
        if first_paid:
            # 单子上写乙类自理10块…为啥还要我先自己掏10块: the first self-pay line asked about again — the
            # same figure, never the slip's personal share
            amounts = [a for a in amounts if not (a.role in ("slip_personal", "slip_cash") and a.value in first_paid
                                                  and "先" in text[max(0, a.start - 8):a.start])]
    if not checking:
        # 个人自付200 with no question about the slip: a slip figure, a self-pay part or the
        # person's share? Asked about, quoting it — never dropped
        amounts = [msgspec.structs.replace(a, role="slip_unknown") if a.role in ("slip_cash", "slip_personal", "slip_account")
                   else a for a in amounts]
    if check_question:
        # 1,000，第一次，报400对吗？: 报 alone at the figure — what this bill was paid, to check
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a.role == "other" and a.cue in ("报", "报了", "报销", "报销了", "给报了", "只报了", "才报了")
                   and (a.start - len(a.cue) == 0 or text[a.start - len(a.cue) - 1] in ",，。 ")
                   and any(b.role in (None, "total") and b.end <= a.start for b in amounts) else a for a in amounts]
        # 医院给我报了300，对吗: a figure of this bill's slip to check, not the year's position
        # (不是第一次，统筹报过500是对的: 报过 is what the year's bills were paid — the year's, confirmed)
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a.role == "fund_paid" and not _YEAR_POSITION_BEFORE.search(  # (今年门诊统筹已支付300: the year's)
                       text, max(_clause_of(bounds, a.start)[0], a.start - 12), a.start)
                   and not _YEAR_AFTER.match(text, a.end)
                   and not _claim_confirmed(text, a)
                   and not _told_before_bill_beside_slip(a, amounts)
                   # (统筹报过300 这次医保报了770对吗: this bill's figure said as such — the other is the year's)
                   and not any(b.role == "slip_fund" and b.start > a.start and b.cue and "这次" in text[
                       max(_clause_of(bounds, b.start)[0], b.start - 12):b.start] for b in amounts)
                   and not _fund_before_bill_then_another(a, amounts)
                   else a for a in amounts]
    # 今年统筹已报1150 这次600 统筹给了50: the year's fund figure, this bill, then what the fund gave of
    # this bill — the second fund figure is the slip's (no word of the year with it), never a clash
    year_funds = [a for a in amounts if a.role == "fund_paid" and not a.negated and not a.approximate]
    if len(year_funds) >= 2:
        amounts = [msgspec.structs.replace(a, role="slip_fund")
                   if a in year_funds[1:]
                   and any(b.role in (None, "total") and not b.negated and year_funds[0].end <= b.start < a.start
                           for b in amounts)
                   and not _YEAR_POSITION_BEFORE.search(text, max(_clause_of(bounds, a.start)[0], a.start - 12), a.start)
                   else a for a in amounts]
    # 统筹报了1800封顶了: what the fund has paid this year, up to its cap — the year's, never this bill's slip
    # (年度2000封顶, on a notice: the cap's own figure, the rule — never what the fund has paid)
    amounts = [(msgspec.structs.replace(a, role="stated_cap", cue="封顶")
                if _CAP_RULE_BEFORE.search(text, max(0, a.start - 6), a.start) else
                msgspec.structs.replace(a, role="fund_paid"))
               if (a.role == "slip_fund" or (a.role is None and not a.approximate))  # (那要是2000都报满了呢)
               and _CAPPED_AFTER.match(text, a.end) else a for a in amounts]
    # 要是我今年没报过那么多呢 比如才报了500: a what-if of what the fund has paid this year, not a slip's figure
    amounts = [msgspec.structs.replace(a, role="fund_paid")
               if a.role == "slip_fund" and WHAT_IF_WORD.search(text) and _YEAR_CLAIMS_BEFORE.search(text, 0, a.start)
               and not _SLIP_WORD.search(text) else a for a in amounts]
    # figures read off a slip, or a ratio given with them (经办窗口说…55%，起付线200): parameters
    # the person supplies; a figure alone (起付线是600吗) is a question about the rule
    # (如果年度限额是4000元呢: a figure supposed — for a document that leaves it to the bureau, a scenario)
    supposed = WHAT_IF_WORD.search(text)
    stated_ok = bool(_SLIP_WORD.search(text) or _PERCENT_SAID.search(text)) or (supposed is not None and any(
        a.role in ("stated_deductible", "stated_cap") and a.start > supposed.start() for a in amounts))
    if not stated_ok:
        # 起付线是600吗: a question about the rule, not figures read off a slip
        amounts = [msgspec.structs.replace(a, role="other") if a.role in ("stated_deductible", "stated_cap") else a
                   for a in amounts]
    fee_parts = sum(1 for a in amounts if a.role == "total" and a.cue in _FEE_PARTS)
    # (检查费380，西药220，还有60块自费: a fee beside another in-scope part is one of the parts too)
    # (乙类检查那一项… 检查费400 其它甲类300: the fee may be the class-B part named without its figure — asked)
    rests = 0 if "乙类" in text and not any(a.role in ("class_b_drug", "class_b_service") for a in amounts) \
        else sum(1 for a in amounts if a.role == "rest")
    if fee_parts and fee_parts + rests >= 2 and not _TOTAL_SAID.search(text) \
            and not re.search(r"其中|里面|里头|含|包括", text):
        # 药费168，检查费32: fees listed with no total — parts of one bill (in scope), added up
        amounts = [msgspec.structs.replace(a, role="rest") if a.role == "total" and a.cue in _FEE_PARTS else a
                   for a in amounts]
    if any(a.role in _ITEM_FIELDS for a in amounts) and not _WHOLE_CUE.search(text):
        # 诊察费50，检查300，药250: plain fees listed beside a named part are the in-scope rest of it
        amounts = [msgspec.structs.replace(a, role="rest", cue=m.group(0), explicit=True)
                   if a.role is None and not a.approximate and (m := _PLAIN_FEE_BEFORE.search(text, 0, a.start))
                   else a for a in amounts]
    for amt1, amt2 in itertools.pairwise(amounts):
        between = text[amt1.end:amt2.start]
        unsure_after = _UNKNOWN.search(text, amt2.end, amt2.end + 8)
        if _OR_BETWEEN.fullmatch(between) and not amt1.negated and not amt2.negated and (
                not re.match(r"[^,，。]{0,3}(?:来着)", text[amt2.end:amt2.end + 6]) or unsure_after) \
                and amt1.role not in ("stated_deductible", "stated_cap", "other") \
                and (unsure_after or amt1.role == amt2.role or amt2.role is None):
            # 起付线用了，800还是900记不清了: one figure of two, not known which — asked, never picked
            amounts = [msgspec.structs.replace(x, approximate=True, role=None) if x is amt1 or x is amt2 else x
                       for x in amounts]
            spans = [msgspec.structs.replace(sp, slot="amount", note="approximate")
                     if sp.start in (amt1.start, amt2.start) and sp.text in (amt1.text, amt2.text) else sp
                     for sp in spans]
    # 统筹报了二千四百多了: a figure said roughly is not one read off a slip — the year's, said roughly
    # (医院说统筹给了一百多 对不对: the hospital's figure for this bill, roughly — still the slip's)
    if not any(a.role == "slip_fund" and not a.approximate for a in amounts) \
            and not (check_question and any(a.role == "slip_fund" and (
                (a.cue and re.search("医院|说|告诉", a.cue))
                # 三级医院花了600，统筹给了248块多，对不对: after this bill's total, its own fund line, roughly
                or any(b.role in (None, "total") and not b.approximate and b.end <= a.start for b in amounts))
                for a in amounts)):
        amounts = [msgspec.structs.replace(a, role="fund_paid") if a.role == "slip_fund" and a.approximate else a
                   for a in amounts]
    chosen, unplaced, clash = _pick_amounts(text, amounts)
    tail = _REPORTED_AT_END.search(text)
    if tail is not None and "amount" in chosen and chosen["amount"].end <= tail.start() + 1 \
            and chosen["amount"].end >= tail.start() - 1:
        # 看病 600 报了: the bill, or what was paid of it? The words after the figure leave it open — asked
        unplaced.append(chosen.pop("amount"))
    if "amount" in chosen and _ROLE_NOT_KNOWN.search(text):
        # “这次420”，不清楚是总费用还是自付: what the number is, the person does not know — asked, quoted
        unplaced.append(chosen.pop("amount"))
    bill = chosen.get("amount")
    if bill is not None and not bill.explicit and _BARE_ACCOUNT_CLAUSE.match(text, bill.end):
        # 一级 今年第一次 1200 账户: the bare figure right before a bare “账户” may be the bill or the
        # account's balance — asked, never guessed
        del chosen["amount"]
        unplaced.append(bill)
    for field in _POSITION_FIELDS:
        # 统筹支付了2600？: a figure the person questions is not a fact to settle on; ask about it
        questioned = _QUESTIONED_AFTER.match(text, chosen[field].end) if field in chosen else None
        if questioned and questioned.end() < len(text.rstrip()):  # a final “？” asks the whole question
            unplaced.append(chosen.pop(field))
    floor = next((a for a in amounts if a.approximate and a.role == "account_balance" and not a.negated
                  and _AT_LEAST_AFTER.match(text, a.end)), None)
    balance_at_least: bool | None = None
    fund_floor = next((a for a in amounts if a.approximate and a.role == "fund_paid" and not a.negated
                       and _AT_LEAST_AFTER.match(text, a.end)), None)
    fund_at_least: bool | None = None
    first_after = next((h for h in hits if h.sets.get("first_visit_this_year") is True and not h.negated
                        and fund_floor is not None and h.start > fund_floor.end
                        and correction_between(text, fund_floor.end, h.start)), None)
    if first_after is not None:
        fund_floor = None  # 之前报过两百多——说错了，今年还没报过: the figure taken back with the year's first said
    fund_around: bool | None = None
    # (报过两三百: a span said as two neighbouring digits is left asked — only 大概400 / 400左右 is settled so)
    rough_fund = next((a for a in amounts if a.approximate and a.role == "fund_paid" and not a.negated
                       and not _TWO_DIGITS_SPAN.search(a.text)), None)
    if fund_floor is None and first_after is None and rough_fund is not None and "fund_paid" not in chosen:
        # 统筹报了大概400 / 1500左右: the year's fund figure said roughly — settled only if the figure is
        # the same across that range (the dialogue settles both ends with the calculator), asked otherwise
        chosen["fund_paid"] = msgspec.structs.replace(rough_fund, approximate=False)
        fund_around = True
    some_hundreds = _FUND_SOME_HUNDREDS.search(text) if "几" in text or "百把" in text else None
    fund_up_to: Decimal | None = None
    if some_hundreds is not None and fund_floor is None and "fund_paid" not in chosen \
            and not any(a.role in ("fund_paid", "slip_fund") for a in amounts):
        # 今年统筹已经报了好几百 / 统筹报过几百了: at least 100 and below 1000 — settled only if the figure is
        # the same across that span (the dialogue settles its top with the calculator), asked otherwise
        fund_at_least, fund_up_to = True, Decimal("999.99")
    if fund_floor is not None and "fund_paid" not in chosen:
        # 今年统筹报了八十多: at least 80 and below 90 — settled only if the figure is the same across
        # that range (the dialogue settles both ends with the calculator), asked otherwise
        chosen["fund_paid"] = msgspec.structs.replace(fund_floor, approximate=False)
        fund_at_least = True
    prior_floor = next((a for a in amounts if a.approximate and a.role == "prior_unreimbursed" and not a.negated
                        and _AT_LEAST_AFTER.match(text, a.end)), None)
    prior_at_least: bool | None = None
    hedged_prior_told = False
    if prior_floor is None and only_hedged and "amount" not in chosen and "prior_unreimbursed" not in chosen \
            and _EARLIER_VISIT_CLAUSE.search(text):
        # 上个月我在药店刷过一回，买了两百多的药: what an earlier visit cost, at least — spent before this bill
        prior_floor = next((a for a in amounts if a.approximate and a.role in (None, "total") and not a.negated
                            and _AT_LEAST_AFTER.match(text, a.end)), None)
        hedged_prior_told = prior_floor is not None
    if prior_floor is not None and "prior_unreimbursed" not in chosen:
        # 今年门诊花过一千多了: at least 1000 and below 2000 spent before — settled only if this bill's
        # figure is the same across what the fund may have paid of it (the dialogue, with the calculator)
        chosen["prior_unreimbursed"] = msgspec.structs.replace(prior_floor, approximate=False)
        prior_at_least = True
    if floor is not None and "account_balance" not in chosen:
        # 账户有1000多: at least 1000 — enough to settle on whenever the account is not exhausted
        chosen["account_balance"] = msgspec.structs.replace(floor, approximate=False)
        balance_at_least = True
    balance_around: bool | None = None
    rough_balance = next((a for a in amounts if a.approximate and a.role == "account_balance" and not a.negated), None)
    if rough_balance is not None and "account_balance" not in chosen:
        # 个人账户年初大概有八百: about 800 — settled on where the exact balance cannot change the figures, else
        # asked (never left out, as if no balance had been said)
        chosen["account_balance"] = msgspec.structs.replace(rough_balance, approximate=False)
        balance_around = True
    for field in _ITEM_FIELDS:
        # 还有200是自费吗？我也不清楚: a part whose kind the person asks about is not a fact — asked
        if field in chosen and _ITEM_QUESTIONED.match(text, chosen[field].end):
            unplaced.append(msgspec.structs.replace(chosen.pop(field), role="part", cue=None))
    for field in _ITEM_FIELDS:
        if field in chosen and "amount" in chosen and _ANOTHER_SLIP.search(text, *_clause_of(bounds, chosen[field].start)) \
                and not re.search(r"里面|里头|其中|包括|包含|含在|算在", text):  # (这个在700里面: said to be inside)
            # 0.12万 还有张单子上写了自费80: a figure off another slip — of this bill, on top of it, or
            # another bill? Asked, quoting it
            unplaced.append(msgspec.structs.replace(chosen.pop(field), role=None))
    if "self_pay" in chosen and not any(f in chosen for f in ("amount", "rest", *_ITEM_FIELDS) if f != "self_pay") \
            and (chosen["self_pay"].cue or "").rstrip("了") in ("自费", "自付", "自己付", "自己出") \
            and not re.search(r"(?:全|都|全部|还有|其中|另外|另|漏)[^,，。\d]{0,3}(?:自费|自付|自己)|能报|报多少|报销", text) \
            and any(h.sets.keys() & {"scheme", "category", "provider_level", "first_visit_this_year"} for h in hits):
        # (a visit told with it — not “自费” alone, the kind of a part asked about before)
        # 二级 今年首次 自费 120: what the person paid themselves, or a bill all of self-pay items?
        # Nothing else said to tell — asked, quoting it
        unplaced.append(msgspec.structs.replace(chosen.pop("self_pay"), role=None))
    # 九百还是一千来着: two figures for the bill side by side; only a bill figure next to this one
    # (起付线300？还是200来着 offers the deductible two values, not the bill)
    either = [a for a in unplaced if any(
        _AMOUNT_OR.match(text[min(a.end, b.end):max(a.start, b.start)].strip("，, 是") or "")
        or re.search(r"还是|或者|来着", text[min(a.end, b.end):max(a.start, b.start) + 6])
        for b in amounts if b is not a and b.role in (None, "total")
        and not any(min(a.start, b.start) < c.start < max(a.start, b.start) for c in amounts))]
    said_before = [a for a in unplaced if _SAID_BEFORE.search(text, max(0, a.start - 4), a.start)]
    if said_before and chosen.get("amount") is not None:
        clash = [chosen["amount"], said_before[0]]  # 今天花了800，昨天说的是1800: which one?
        unplaced = [a for a in unplaced if a is not said_before[0]]
    rough: Amount | None
    if either:
        # 九百还是一千来着: the bill is one of two figures; ask it, never pick one
        rough = next(a for a in amounts if a.role in (None, "total") and a is not either[0])
        rough = msgspec.structs.replace(rough, approximate=True)
        chosen.pop("amount", None)
        unplaced = []
    if not either:
        rough = next((a for a in amounts if a.approximate and not a.negated and a.role in (None, "total")), None)
        if rough is not None and "amount" in chosen and rough.start > chosen["amount"].start \
                and _THIS_VISIT.search(text, *_clause_of(bounds, rough.start)):
            chosen.pop("amount")  # 一回80 这回一百多: this visit's bill is the hedged one — asked, not the 80
        elif rough is not None and "amount" in chosen and rough.start > chosen["amount"].start \
                and _TOTAL_JUST_BEFORE.search(text, max(0, rough.start - 8), rough.start):
            chosen.pop("amount")  # 挂号12块，总共花了480还是492: the total is the hedged one — asked, never the 12
        part_rough = next((a for a in amounts if a.approximate and not a.negated and a.role in (None, "total", "rest")
                           and _FEE_CUE.search(text, max(0, a.start - 3), a.start)), None)
        exact_key = "amount" if "amount" in chosen else "rest" if "rest" in chosen else None
        if part_rough is not None and exact_key is not None and chosen[exact_key] is not part_rough \
                and _FEE_CUE.search(text, max(0, chosen[exact_key].start - 3), chosen[exact_key].start):
            # 检查600多，药两百 / 药费600多 检查费300: one part of the bill said roughly — the bill is not known;
            # asked, never the exact part taken for it
            rough = part_rough
            chosen.pop(exact_key)
        separate = _SEPARATE_FEE.search(text)
        if separate and "amount" in chosen and not re.search(r"\d|[一二两三四五六七八九十百千]", text[slice(*_clause_of(bounds, separate.start()))]):
            # 药费800 检查费另算的: a part of the bill outside the figure said, its amount not said — the bill asked
            unplaced.append(chosen.pop("amount"))

    # a date in a clause about retiring is the retirement date; the others date the visit
    # 今年12月退休？不是，我是去年退休的: a date taken back at once is not said
    dates = [d for d in dates if not _DENIED_AFTER.match(text, _clause_of(bounds, d.start)[1])]
    # 好的，还是按10月25号那次，后来今天又去了一次: the date names the visit told before, not this one
    dates = [d for d in dates if not _BACK_TO_THAT.match(text, d.end)]
    # 上个月刚出院，这次是出院后门诊复查: when the stay ended is not when this visit was
    dates = [d for d in dates if not (_STAY_ENDED.search(text, *_clause_of(bounds, d.start)) and _VISIT_NOW.search(text))]
    # (near the date: a long clause with no stop — 我是南昌的退休职工…上个月10号去…看门诊 — is not about retiring)
    retirement = [d for d in dates if (_RETIREMENT_CLAUSE.search(text, max(_clause_of(bounds, d.start)[0], d.start - 10),
                                                                 min(_clause_of(bounds, d.start)[1], d.end + 10))
                                       # 在职转退休，10月办结: the month the retirement said just before was done
                                       or (_DONE_AFTER_MONTH.match(text, d.end) and d.day is None
                                           and _RETIRING_BEFORE.search(text, max(0, _clause_of(bounds, d.start)[0] - 12),
                                                                       d.start))
                                       # retired in october (procedure completed oct 15): the papers' date
                                       or (_PAPERS_DONE_BEFORE.search(text, max(0, d.start - 45), d.start) is not None
                                           and "retire" in text))
                  and not _VISIT_BESIDE_DATE.match(text, d.end)]
    # 今年之前7月份看过一次: the date of an earlier visit, not this one's
    earlier_dates = [d for d in dates if d not in retirement
                     and (_EARLIER_VISIT_CLAUSE.search(text, *_clause_of(bounds, d.start))
                          # 10月看过一次门诊不记得花了多少，今天二级医院700: a visit of that month, before today's
                          or (_SEEN_AFTER_DATE.match(text, d.end) and _RECENT_WORD.search(text, d.end) is not None)
                          # 现在去三级医院看病花了1500，今年7月还在职的时候看过门诊: this visit told first, as now
                          or (_SEEN_AFTER_DATE.match(text, d.end) and _NOW_VISIT_BEFORE.search(text, 0, _clause_of(bounds, d.start)[0]))
                          # 今年八月社区看过一次 起付线扣完了 (no bill in the message): the month of a visit counted
                          # as one that has been, told for the year's position — not this visit's date
                          or (not bill_said and _COUNTED_VISIT_AFTER_DATE.match(text, d.end) is not None)
                          or (_FIRST_VISIT_DATED.search(text, *_clause_of(bounds, d.start)) and amounts
                              and not any(_clause_of(bounds, a.start) == _clause_of(bounds, d.start) for a in amounts)))]
    if earlier_dates and bill_said and not _RECENT_WORD.search(text) and not _THIS_VISIT.search(text) \
            and all(d in earlier_dates or d in retirement for d in dates) \
            and all(a.start > earlier_dates[0].start for a in amounts if a.role in (None, "total")):
        # (asked about the year) 之前3月份在社区看过一次 400 今年就这两次: the only visit told is that
        # earlier one, its bill after its date — the date is the bill's (one more visit of the year,
        # before the one told), never dropped to make the 400 this visit's
        earlier_dates = []
    # 起付线6月份就扣完了 / 本年度起付线已于三月扣足: when the deductible went, not when this visit was
    # (今年2月看门诊已经把起付线用完了…今天在一级医院花了600: with today's visit told, February's is
    # the earlier one that used the deductible)
    today_told = _RECENT_WORD.search(text) is not None
    position_dates = [d for d in dates if d not in retirement and d not in earlier_dates
                      and _POSITION_CLAUSE.search(text, *_clause_of(bounds, d.start))
                      and (not _VISIT_BESIDE_DATE.match(text, d.end) or today_told)]
    # (之前在职的时候5月在二级医院看病花了700，今天…600: the date of what was spent before, not this visit's)
    visit_dates = [d for d in dates if d not in retirement and d not in earlier_dates and d not in position_dates
                   and not (_clause_of(bounds, d.start) in prior_clauses and len(amounts) > 1)]
    year, month, day = _merge_dates(visit_dates)
    retired = _merge_dates(retirement) if retirement else (None, None, None)
    if retired[0] is None and retired[1] is not None and retired[1] > (today or dt.date.today()).month \
            and _RETIREMENT_DONE.search(text) and not WHAT_IF_WORD.search(text) and "才" not in text:
        # 去年年底退的休，手续12月就办完了 (said in November): a retirement done is in the past — last year's
        retired = ((today or dt.date.today()).year - 1, retired[1], retired[2])
    retired_either = _RETIRED_EITHER.search(text)
    if retired_either and _UNKNOWN.search(text):
        retired = (None, None, None)  # 退休手续是上个月还是这个月办完的我记不清了: the month decides — asked
    date_either = any(a.month is not None and b.month is not None and a.month != b.month
                      and _OR_BETWEEN.search(text, a.end, b.start) and b.start - a.end <= 6
                      for a, b in itertools.pairwise(visit_dates))
    if date_either:
        year, month, day = None, None, None  # 10月底还是11月初记不清了: the visit's date is not known
    days_ago = next((n for word, n in _RELATIVE_DAYS if word in text), None)
    weekday = _WEEKDAY_SAID.search(text)
    if days_ago is None and weekday is not None:
        # 上周三 / 这周一: the day of that week, counted back from today (a day of this week still to come is
        # not said); 下周一: that day of next week, ahead of today (a what-if's date)
        back = (today or dt.date.today()).weekday() - "一二三四五六日".index(
            {"天": "日", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "日"}.get(
                weekday.group(2), weekday.group(2))) + {"上": 7, "下": -7}.get(weekday.group(1), 0)
        days_ago = back if back >= 0 or weekday.group(1) == "下" else None
    if days_ago is None and _RELATIVE_WEEK.search(text):
        days_ago = 7
    relative_month = _RELATIVE_MONTH.search(text)
    if relative_month and retired_either and retired_either.start() <= relative_month.start() < retired_either.end():
        relative_month = None  # 退休手续是这个月办完的还是上个月: a retirement month in doubt, not the visit's
    if relative_month and any(d.start <= relative_month.start() < d.end for d in retirement):
        relative_month = None  # 上个月刚办完退休: the retirement's month, not the visit's
    if relative_month and re.search(r"报(?:销)?(?:了|过)", text[relative_month.end():_clause_of(bounds, relative_month.start())[1]]):
        relative_month = None  # 上个月报销了一次: when an earlier bill was claimed, not this visit's date
    if relative_month and _STAY_ENDED.search(text, *_clause_of(bounds, relative_month.start())) and _VISIT_NOW.search(text):
        relative_month = None  # 上个月刚出院，这次是出院后门诊复查: when the stay ended, not this visit's date
    if relative_month and _EARLIER_VISIT_CLAUSE.match(text, relative_month.start()) \
            and not any(a.start > relative_month.start() and not (only_hedged and a.approximate)
                        for a in amounts if a.role in (None, "total")):
        # 900…不过我上个月好像在药店刷过一次医保: an earlier visit's month, not this one's (上个月在社区看过一次
        # 花了150 stays: the bill after it is that visit's)
        relative_month = None
    if relative_month and _clause_of(bounds, relative_month.start()) in prior_clauses:
        relative_month = None  # 上个月在县人民医院看的600怎么一分没报: the earlier bill's month, not this visit's
    months_ago = 1 if relative_month and month is None else None
    if month is None and days_ago is None and months_ago is None and not retirement \
            and (this_month := _THIS_MONTH_VISIT.search(text)) is not None \
            and WHAT_IF_WORD.search(text, 0, this_month.start()) is not None:
        # 要是这个月看的呢 (the visit told was last month's): this month's date, for the what-if
        year, month = (today or dt.date.today()).year, (today or dt.date.today()).month
    if months_ago is None and month is None and days_ago is None:
        # 如果她下个月再去看呢 / 过两天去复查再花两百呢: a visit still to come (a what-if), dated ahead
        ahead = _AHEAD.search(text)
        if ahead is not None and "退" in text and (soon := _NOT_YET_RETIRED.search(text)) is not None \
                and soon.start() <= ahead.start() < soon.end():
            ahead = None  # 我下个月才办退休: when the retirement comes, not a visit to come
        if ahead is not None:
            if ahead.group(0) in ("下个月", "下月", "next month"):
                months_ago = -1
            else:
                days_ago = -{"明天": 1, "后天": 2, "过两天": 2, "过几天": 3, "过三天": 3, "下周": 7, "下礼拜": 7, "下星期": 7,
                             "下个礼拜": 7, "下个星期": 7, "next week": 7, "tomorrow": 1, "in a few days": 3,
                             "in two days": 2}[ahead.group(0)]

    values: dict[str, Any] = {slot: slots.get(slot) for slot in slots.best}
    if unpriced_visit:
        values["claimed_before"], values["first_visit_this_year"] = True, None
    # a weak district's city must agree with the city chosen
    if values.get("district") is not None:
        district_city = next((h.sets["city"] for h in place_hits if h.sets.get("district") == values["district"]), None)
        if district_city != values.get("city"):
            values["district"] = None
    values.update({field: a.value for field, a in chosen.items()})
    if hedged_prior_told:
        values["first_visit_this_year"] = False  # (上个月…刷过一回，买了两百多: not the year's first)
    if values.get("slip_deductible") is not None and values.get("first_visit_this_year") is True:
        # (起付线扣了200 on this bill's slip: the deductible met is the slip's, not the year's before it)
        values["deductible_met"] = values["deductible_used"] = None
    if values.get("deductible_met") is None and values.get("first_visit_this_year") is None \
            and values.get("deductible_used") is None and _MET_AFTER_ITS_FIGURE.search(text):
        # 起付标准1000，今年已经扣满了: the deductible named with its figure, then said met in the next clause
        values["deductible_met"] = True
    if nothing_used and all(values.get(k) is None for k in ("deductible_used", "fund_paid", "deductible_met")) \
            and not any(a.role in ("fund_paid", "deductible_used", "prior_unreimbursed") for a in amounts):
        values["deductible_used"] = values["fund_paid"] = Decimal("0.00")
    share = _CAP_SHARE.search(text)
    if share is not None and values.get("fund_paid") is None:
        # 报销额度今年用了一半了: what the fund paid is half the year's cap — the calculator's figure
        values["cap_share"] = Decimal(1) / 2 if share.group("half") else \
            Decimal("一二三四五六七八九".index(share.group("num")) + 1) / Decimal("一二三四五六七八九十".index(share.group("den")) + 1)
        values["deductible_met"] = True  # the fund pays only above the deductible
    used_up = _CAP_USED_UP.search(text)
    cap_said_used: str | None = None
    if used_up is not None and values.get("cap_left") is None and values.get("fund_paid") is None \
            and not _CAP_USED_UP_DOUBTED.search(text, max(0, used_up.start() - 4), used_up.start()) \
            and not _QUESTION_END.match(text, used_up.end()):
        # 今年统筹报满了 / 年度限额已经用完了: nothing of the cap is left — the fund has paid all of it
        values["cap_left"] = Decimal("0.00")
        cap_said_used = used_up.group(0)
    if values.get("cap_left") is not None:
        values["deductible_met"] = True  # 还差100就封顶: the fund has paid, so the deductible was met
    if fund_none_yet and not any(values.get(n) is not None for n in ("fund_paid", "deductible_used", "deductible_met",
                                                                     "first_visit_this_year", "deductible_remaining")):
        values["fund_paid"] = Decimal(0)  # 统筹今年还没报过: the fund has paid nothing (how much of the deductible went: open)
    elif values.get("fund_paid") is None and values.get("deductible_met") is not False and _FUND_NOT_A_FEN.search(text) \
            and not any(values.get(n) is not None for n in ("deductible_used", "first_visit_this_year", "deductible_remaining")):
        # 要是今年统筹一分没报过呢 起付线也早扣完了: the fund has paid nothing this year — said beside the
        # deductible met too (the deductible used up, nothing past it yet)
        values["fund_paid"] = Decimal(0)
    free = _NO_CHARGE.search(text) if values.get("provider_level") == 1 else None
    if free is not None:
        # 先去社区…那次只是问了问没收钱。然后去了南大二附院…一共860 / 先在小诊所开了点药，那次没刷医保卡:
        # the first place took no insurance bill — the bill is the named hospital's after it, whose level is
        # then asked (never the first place's level 1 given to it)
        first_place = next((h for h in hits if h.sets.get("provider_level") == 1 and not h.negated
                            and h.start < free.start() and free.start() - h.end <= 40), None)
        later = _NAMED_PLACE.search(text, free.end())
        if first_place is not None and later is not None \
                and any(a.start > later.start() and a.role in (None, "total") for a in amounts):
            values["provider_level"] = values["provider_grade"] = None
            values["provider_kind"] = "hospital"
            spans = [sp for sp in spans if not (sp.start == first_place.start and sp.slot in ("provider_level", "provider_kind"))]
    if values.get("provider_level") is None and values.get("provider_grade") is None \
            and values.get("provider_kind") == "hospital" and _NAMED_PLACE.search(text):
        values["new_place"] = True
    values["balance_at_least"] = balance_at_least
    values["balance_around"] = balance_around
    values["fund_at_least"] = fund_at_least
    two_digits = next((m for a in amounts if a.approximate and a.role == "fund_paid" and not a.negated
                       and (m := _TWO_DIGITS_SPAN.search(a.text)) is not None), None)
    if two_digits is not None and fund_up_to is None and values.get("fund_paid") is None and values.get("deductible_met"):
        # 起付线扣完了 统筹今年报了大概三四百: from 300 up to below 500 — settled only if the figure is the same
        # across that span (the dialogue settles both ends with the calculator), asked otherwise
        span = two_digits.group(0)  # 三四百: the two digits, then their unit
        low, high, unit = parse_number(span[0] + span[2]), parse_number(span[1] + span[2]), parse_number("一" + span[2])
        if low is not None and high is not None and unit is not None and high == low + unit:
            values["fund_paid"], values["fund_up_to"] = low, high + unit - Decimal("0.01")
            values["fund_at_least"], fund_at_least, values["claimed_before"] = True, True, None
    if fund_up_to is not None and values.get("fund_paid") is None and values.get("deductible_met"):
        values["fund_paid"], values["fund_up_to"] = Decimal("100.00"), fund_up_to
    elif fund_up_to is not None:
        # (之前统筹报了几百, the deductible not said: how much is asked — three blind writers in four)
        values["fund_at_least"], fund_at_least = None, None
        values["claimed_before"] = True
    values["fund_around"] = fund_around
    values["prior_at_least"] = prior_at_least
    total = chosen.get("amount")
    parts = [a for f, a in chosen.items() if f in _ITEM_FIELDS]
    parts_only = False
    rest = chosen.get("rest")
    values.pop("rest", None)
    if rest is None and total is not None and parts and total.cue in _FEE_PARTS and not _WHOLE_CUE.search(text) \
            and not _inside_of_bill(text, amounts):
        # 检查费乙类200，药费300，自费50: a fee named beside the parts is one more part, not the bill's total
        rest = total
    elif rest is None and total is not None and total.cue is None and parts \
            and not any(a.cue and _WHOLE_CUE.search(a.cue) for a in amounts) \
            and any(p.start < total.start for p in parts) and any(p.start > total.end for p in parts) \
            and _COST_LABEL.fullmatch(text, _clause_of(bounds, total.start)[0], total.start) \
            and not _inside_of_bill(text, amounts):
        # 乙类药300，检查200，自费药100: a cost named among the parts, one more part of them — the bill is all
        rest = total
    if rest is not None and total is not None and total.cue and _WHOLE_CUE.search(total.cue):
        if total.value != rest.value + sum(p.value for p in parts):
            clash = [total, rest]  # 乙类400，其他300，一共800: the parts do not add up
    elif rest is not None:
        # 乙类检查400，其他300: the rest is the in-scope part; the bill is all the parts together —
        # except a part said inside the rest (西药费980元（其中自费120元）: the 120 is of the 980)
        # (each in-scope figure said, not only the first: 化验180，西药600其中乙类药200 — the 200 is of the 600)
        # (西药费260，其中有个自费药45: the comma before 其中 opens the inside, it does not close the rest)
        # (检查费480，药费300其中有100是自费药: the costs were added up into one — the 100 is of the 300)
        inside = [p for p in parts if any((r.role == "rest" or r is rest
                                           or (r.role == "total" and rest.cue is None and r.start >= rest.start))
                                          and p.start >= r.end
                                          and (opened := _INSIDE_REST.match(text, r.end)) is not None
                                          and p.start - r.end <= 12 and not _BOUNDARY_BETWEEN.search(text, opened.end(), p.start)
                                          for r in (rest, *amounts))]
        if inside:
            rest = msgspec.structs.replace(rest, value=rest.value - sum(p.value for p in inside))
        values["amount"] = rest.value + sum(p.value for p in parts) + (
            total.value if total is not None and total.start > rest.start else 0)
        values["amount_of_parts"] = True if total is None else None
        if total is not None and total.start < rest.start \
                and total.value != rest.value + sum(p.value for p in parts):  # (门诊1000 … 乙类药400 甲类600: the sum)
            unplaced.append(total)  # 中药饮片260，…，40，西药100: a number of no named part — asked, never dropped
        total = None
        parts = []
    if total is None and rest is None and values.get("amount") is None and len(parts) >= 2 \
            and any(p.role in ("tcm", "consultation") for p in parts) and not re.search(r"其中|里面|里头|含|包括", text):
        # 中成药260，检查费（乙类）180，自费40: every part named, one of them in scope — the bill is their sum
        values["amount"] = sum((p.value for p in parts), Decimal(0))
    if total is not None and not parts and rest is None and len(unplaced) == 1 and unplaced[0].start > total.end \
            and unplaced[0].role is None and "还" in text \
            and _ONE_MORE_LINE_BEFORE.search(text, max(0, unplaced[0].start - 12), unplaced[0].start) \
            and not _WHOLE_CUE.search(text):
        # 感冒药二十八块八，还有个血常规十五块: one more line of the same bill, said after it — the bill is both
        values["amount"] = total.value + unplaced[0].value
        values["amount_of_parts"] = True
        unplaced = []
    # 一回800，一回… : a visit listed with its amount left off — the bill is not known
    # every match of _VISIT_ENUM, _VISIT_COUNT and _ORDINAL_RANK holds 次, 回 or 趟
    times_word = "次" in text or "回" in text or "趟" in text
    listed = list(_VISIT_ENUM.finditer(text)) if times_word else []
    count = _VISIT_COUNT.search(text) if times_word else None
    if (len(listed) >= 2 and any(not _NUMERAL_NEAR.match(text, m.end()) for m in listed)) or (
            _split and count and listed and len(listed) < int(_COUNT_VALUE.get(count.group(1), count.group(1)))
            # (看过两回了，第一回就把起付线扣完了: the visit named by what it did, not by a figure — no list of bills)
            and any(_NUMERAL_NEAR.match(text, m.end()) for m in listed)
            and len([a for a in amounts if a.role in (None, "total", "prior_unreimbursed")]) < 2):
        values["amount"] = None
        total = None
    if total is not None:
        for m in _EXTRA_FEE.finditer(text, total.end):
            lo, hi = _clause_of(bounds, m.start())
            if not any(lo <= a.start < hi for a in amounts):
                # 1000，另外还交了个挂号费: something paid on top with no number — the bill is not
                # known: the whole of it is asked (never settled without the fee)
                values["amount"] = None
                total = None
                break
    with_earlier = _WITH_LAST_TOTAL.search(text) if "次" in text or "回" in text else None  # (each match holds 次 or 回)
    if with_earlier is not None and total is not None and with_earlier.start() <= total.start <= with_earlier.end() + 8:
        # 这次看病加上上次一共花了2000: two visits' bills together — this one's is not said (asked), never the sum
        values["amount"] = None
        total = None
    fee_unknown = _FEE_NOT_KNOWN.search(text)
    if fee_unknown is not None and not any(fee_unknown.start() <= a.start < fee_unknown.end() + 4 for a in amounts):
        # 药费600和检查费，检查费忘了多少: a fee of this bill whose amount is not known — the bill is not known
        # (never settled without it)
        values["amount"] = None
        total = None
    if WHAT_IF_WORD.search(text) and (gone_part := _ITEM_GONE.search(text)) is not None:
        # (要是没有自费那100呢，就800: the part supposed away is no part of the new bill)
        parts = [p for p in parts if not gone_part.start() <= p.start < gone_part.end()]
    labelled = [a for a in unplaced if a.role is None and _COST_LABEL.fullmatch(text, _clause_of(bounds, a.start)[0], a.start)]
    if total is not None and total.cue and _WHOLE_CUE.search(total.cue) and len(labelled) == 1 and len(unplaced) == 1 \
            and parts and labelled[0].start < total.start and total.value == sum(p.value for p in parts) + labelled[0].value:
        unplaced.remove(labelled[0])  # 诊察费10块，药190，总共两百: the rest of the bill, adding up to its total
    bare_before = [a for a in unplaced if total is not None and a.end <= total.start and a.role in (None, "total")
                   and not a.explicit]
    if total is not None and total.cue and _COST_NOUN.fullmatch(total.cue) and _EXTRA_AFTER.match(text, total.end) \
            and len(bare_before) == 1 and len(unplaced) == 1:
        # 1200，挂号费 20 另算: a fee charged beside the bill said first — the bill is both
        values["amount"] = bare_before[0].value + total.value
        unplaced.remove(bare_before[0])
        total = msgspec.structs.replace(total, value=values["amount"], start=bare_before[0].start)
    also_after = [a for a in unplaced if total is not None and a.start > total.end and a.role in (None, "total")
                  and (_ALSO_COST_BEFORE.fullmatch(text, _clause_of(bounds, a.start)[0], a.start)
                       or (_clause_of(bounds, a.start)[0] == a.start and a.start > 0  # (又做了个B超 150: the label's clause)
                           and _ALSO_COST_BEFORE.fullmatch(text, _clause_of(bounds, a.start - 1)[0], a.start - 1)))]
    if total is not None and len(also_after) == 1 and len(unplaced) == 1 and not (total.cue and _WHOLE_CUE.search(total.cue)) \
            and not _INSIDE.search(text, total.end):
        # 开了点药 300块，又做了个检查 500块: one more cost of the visit, said after — the bill is both
        values["amount"] = total.value + also_after[0].value
        unplaced.remove(also_after[0])
        total = msgspec.structs.replace(total, value=values["amount"])
    extra = [p for p in parts if total is not None and p.start > total.end
             and (_EXTRA_PART.search(text, total.end, p.start) or _EXTRA_AFTER.match(text, p.end)
                  # 450+诊察费10: the sign right after the bill, then the part — added to it
                  or _PLUS_NEXT.match(text, total.end, p.start) is not None)]
    # 西药和检查花了200，中药饮片150 / 诊察费二十 药费检查费一共三百: the figure is what those named costs
    # came to, not the whole bill — the other parts said beside it add to it
    named_total = total is not None and bool(parts) and not _INSIDE.search(text) \
        and (_NAMED_COSTS_BEFORE.search(text, _clause_of(bounds, total.start)[0], total.start) is not None
             # 产检是400，看病500: the visit's other part named beside the one before it
             or (total.cue in ("看病", "看病是", "看病的") and any(p.start < total.start for p in parts)
                 and _clause_of(bounds, total.start)[0] == total.start - len(total.cue)))
    if total is not None and total.cue and (_COST_NOUN.fullmatch(total.cue) or named_total) and parts \
            and any(p.start > total.end for p in parts) and not _INSIDE.search(text, total.end) \
            and not any(a.cue and _WHOLE_CUE.search(a.cue) and a is not total for a in amounts):
        # (乙类药300，检查200，自费药100: costs listed side by side, none of them the whole)
        extra = [*extra, *(p for p in parts if p not in extra)]  # 药费120，自费的检查60: two costs, side by side
    if extra and total is not None:
        # 两千，另外自费200: a part said as on top of the bill — the bill is both
        # (检查费280（乙类检查），药费420，另外有60块自费: the fee before is a part too — all three)
        before = [p for p in parts if p.start < total.start and p not in extra] \
            if named_total or not (total.cue and _WHOLE_CUE.search(total.cue)) else []
        values["amount"] = total.value + sum(p.value for p in extra) + sum(p.value for p in before)
    elif total is not None and parts and all(p.start < total.start for p in parts) \
            and (named_total or not (total.cue and _WHOLE_CUE.search(total.cue))
                 # (另有自费检查150，不包括在1.2k里面: the parts said before are outside the bill named)
                 or _NOT_INSIDE_BEFORE.search(text, 0, total.start) is not None) \
            and not (_INSIDE_AFTER.match(text, total.end) and not _NOT_INSIDE_BEFORE.search(text, 0, total.start)):
        # 诊察费20，其他药费480: parts listed one after another add up to the bill
        values["amount"] = total.value + sum(p.value for p in parts)
        values["amount_of_parts"] = True
    elif total is None and parts and not any(a.approximate and a.role in (None, "total") for a in amounts) \
            and not _INSIDE.search(text) and not _TOTAL_NOT_KNOWN.search(text) \
            and (fee_unknown is None or any(fee_unknown.start() <= a.start < fee_unknown.end() + 4 for a in amounts)):
        # (自费的300，总共多少不记得了: the bill is more than its parts and not known — asked)
        parts_only = True
        if (len(parts) == 1 and not (parts[0].role in ("self_pay", "class_b_drug", "class_b_service")
                                      and _PART_OF_MORE.search(parts[0].cue or ""))) \
                or not any(p.role in ("self_pay", "class_b_drug", "class_b_service") for p in parts):
            # (自费的有120: there is more to the bill than that part — the bill is asked)
            values["amount"] = sum(p.value for p in parts)  # 中成药400 / 只有诊察费40: the parts are the bill
        # 自费200 乙类300 and nothing else: a breakdown whose in-scope part is not said; the total is asked
    if values.get("amount") is not None and ILLEGIBLE_LINE.search(text) \
            and not any(a.cue and _SLIP_SUM_CUE.search(a.cue) for a in amounts):
        # 西药费三百二 检查费 这个字看不清楚 治疗费八十: one line cannot be read and no total is said — the bill
        # is not the lines that can be (asked, with the line quoted)
        del values["amount"]
    if values.get("amount") is None and values.get("slip_fund") is not None and (
            values.get("slip_personal") is not None or values.get("slip_cash") is not None):
        # 统筹支付412.50 个人现金787.50: what the fund and the person paid add up to the bill
        personal = values.get("slip_personal")
        if personal is None:
            personal = values["slip_cash"] + (values.get("slip_account") or 0)
        values["amount"] = values["slip_fund"] + personal
    if values.get("amount") is not None and values.get("slip_fund") is not None and (
            values.get("slip_personal") is not None or values.get("slip_cash") is not None):
        # 今天二级医院交了700，单子上统筹420、个人280: the figure paid that the slip's two shares add up
        # to is the bill itself — placed, not asked about
        unplaced = [a for a in unplaced if not (a.role == "slip_unknown" and a.value == values["amount"])]
    if values.get("slip_fund") is None and values.get("amount") is not None and _NOTHING_PAID.search(text) \
            and (_CHECK_QUESTION.search(text) or re.search(r"[?？]", text) or _FUND_PAID_NOTHING.search(text)) \
            and not _EARLIER_TIME.search(text) \
            and not any(a.role in ("fund_paid", "prior_unreimbursed") for a in amounts):
        values["slip_fund"] = Decimal("0.00")  # 800块 今年第一次看病 一分钱都没报？？？: the slip's fund line is 0
    if _SLIP_FIELD_EMPTY.search(text) and _SLIP_CONTEXT.search(text) \
            and not any(a.role in ("slip_fund", "fund_paid") for a in amounts):
        values["slip_field_empty"] = True  # 医疗费总额860 … 统筹支付 (and nothing after): which figure?
    if values.get("fund_at_least") and values.get("amount") is not None and check_question \
            and any(a.role == "fund_paid" and a.approximate and a.cue in ("统筹支付", "医保支付", "基金支付", "统筹基金支付")
                    for a in amounts):
        # 统筹支付大概三百多 总共一千 今年第一次 对吗: the slip's fund line, said roughly, to check — its exact
        # figure is asked (never taken for what the year's bills were paid, nor checked as 300)
        values["fund_paid"] = values["fund_at_least"] = None
        values["slip_field_empty"] = True
    whole = _ALL_ITEM.search(text)
    if whole is not None and earlier_self is not None and earlier_self.start() <= whole.start() < earlier_self.end():
        whole = None  # 之前看了3次都是自费: those visits' items, not this bill's
    if whole is None and values.get("amount") is not None and _REFERRAL_CONTEXT.search(text) \
            and not any(a.role in (*_ITEM_FIELDS, "rest") for a in amounts):
        whole = _ALL_ITEM_VERB.search(text)  # 转诊去县中医院开中药，也是260: the bill is the Chinese medicine
    if values.get("tcm") is None and _ALL_IN_SCOPE.search(text) and _REFERRAL_CONTEXT.search(text):
        # 转诊到县中医院，门诊费用全部为西药和检查: none of it is Chinese medicine (the referral's only part)
        values["tcm"] = Decimal("0.00")
    if whole and values.get("amount") is not None and not parts and rest is None:
        # 全是自费的 800 (not 中成药和中药饮片共计350，其他检查费120: the rest is another part)
        values[_ALL_ITEM_FIELD[whole.group("w")]] = values["amount"]
    elif (whole := whole or _ALL_ITEM_VERB.search(text)) and values.get("amount") is None and not amounts:
        values["all_item"] = _ALL_ITEM_FIELD[whole.group("w")]  # 如果是…开的中药呢: the bill told before
    ratio_said: tuple[Decimal, int | None] | None = None
    percent_word = "%" in text or "百分之" in text  # every match of _PERCENT holds one
    for m in _PERCENT.finditer(text) if percent_word else ():
        pct = m.group("pct") or m.group("cnpct")
        value = parse_number(pct) if pct else None
        if value is not None and 0 < value <= 100 and not _NOT_RATIO_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            lvl = m.group("lvl") or m.group("lvl2")
            ratio_said = ((value / 100).quantize(Decimal("0.0001")), "一二三123".index(lvl[0]) % 3 + 1 if lvl else None)
    for m in _PERCENT.finditer(text) if stated_ok and percent_word else ():
        pct = m.group("pct") or m.group("cnpct")
        value = parse_number(pct) if pct else None
        if value is not None and 0 < value <= 100 and not _NOT_RATIO_BEFORE.search(text, max(0, m.start() - 6), m.start()) \
                and not (_EARLIER_TIME.search(text, _clause_of(bounds, m.start())[0], m.start()) and not _SLIP_WORD.search(text)) \
                and not ((_RULE_QUESTION_AFTER.match(text, m.end()) or _RULE_QUESTION_BEFORE.search(text, max(0, m.start() - 10), m.start()))
                and not _SLIP_WORD.search(text)):
            # (报销比例是60%吗: a question about the rule, not a figure read off a slip)
            values["stated_ratio"] = (value / 100).quantize(Decimal("0.0001"))
            lvl = m.group("lvl") or m.group("lvl2")
            if lvl:
                values["stated_ratio_level"] = "一二三123".index(lvl[0]) % 3 + 1
                if values.get("provider_level") == values["stated_ratio_level"] and _NOTICE_SOURCE.search(text) \
                        and not _SLIP_NOUN.search(text) and not any(
                            "provider_level" in h.sets and not (m.start() <= h.start < m.end()) for h in hits):
                    # 通知上写的…三级55%…花了一千: a rule's line for level 3, read off a notice — not this visit's
                    # level (a slip's own line is); where the visit was is asked
                    values["provider_level"] = None
    if len(ratio_list) >= 2:
        level_now = values.get("provider_level")
        if stated_ok or _SLIP_WORD.search(text):
            values["stated_ratios"] = {lvl: (pct / 100).quantize(Decimal("0.0001")) for lvl, pct in ratio_list.items()}
        if level_now in ratio_list and (stated_ok or _SLIP_WORD.search(text)):
            values["stated_ratio"] = (ratio_list[level_now] / 100).quantize(Decimal("0.0001"))
            values["stated_ratio_level"] = level_now
        else:
            values["stated_ratio"] = values["stated_ratio_level"] = None  # which of them is this visit's: asked
    if values.get("stated_ratio") is not None and values.get("stated_ratio_level") is None \
            and values.get("provider_level") is not None and values.get("provider_kind") != "pharmacy":
        # a community health centre with a 70% ratio: the ratio said is that visit's level's
        values["stated_ratio_level"] = values["provider_level"]
    if values.get("stated_ratio") is not None and _RATIO_EITHER.search(text):
        # 比例那栏看不清（要么55%要么60%）: one of two figures, not known which — never one picked
        values["stated_ratio"] = values["stated_ratio_level"] = None
        ratio_said = None
    if month is not None and days_ago == 0 and _AGE_MONTH.search(text):
        year = month = day = None  # 我今年5月满的60岁 … 今天看门诊: the birthday's month, the visit is today's
    if month is not None and days_ago == 0 and retired[1] == month and _RETIRED_IN_MONTH.search(text):
        year = month = day = None  # 今年十月份刚退 … 今天在一级医院看了900: the retirement's month, the visit is today's
    if values.get("account_balance") is not None and values.get("amount") is None and _BALANCE_BEFORE_THEN.search(text):
        # 忘了说，上周看病之前我个人账户里有一千: when the balance stood, not when a visit was
        year = month = day = days_ago = months_ago = None
    values.update({"year": year, "month": month, "day": day})
    values.update({"retired_year": retired[0], "retired_month": retired[1], "retired_day": retired[2],
                   "days_ago": days_ago, "months_ago": months_ago})
    if retired[1] is not None and values.get("category") is None:
        values["category"], values["scheme"] = "retiree", "employee"

    # what the person does not know, and the values they still name (不晓得是二级还是三级)
    unknown: list[str] = []
    options: tuple[int | str, ...] = ()
    unknown_at = _UNKNOWN.search(text)
    for flag_at in [*_UNKNOWN.finditer(text), *_FLAG_UNSURE.finditer(text)]:
        # (好像也签了家庭医生，不太确定: for a yes/no fact, 不太确定 says it is not known either)
        flo, fhi = _clause_of(bounds, flag_at.start())
        if flo > 0 and not any(words.search(text, flo, fhi) for _, words in _UNKNOWN_FLAGS) \
                and (_STILL_SO.search(text, flo, fhi) or _BARE_UNSURE.fullmatch(text[flo:fhi].strip(",，。!！?？ ~"))):
            # (好像也签了家庭医生，不太确定: the doubt alone in its clause is of the clause before)
            # 我家去年还是贫困户，今年不知道还算不算: the clause before names what is not known
            flo = _clause_of(bounds, flo - 1)[0]
        if flo > 0 and _BOTH_DOUBTED.search(text, flo, fhi) \
                and not any(words.search(text, *_clause_of(bounds, flag_at.start())) for _, words in _UNKNOWN_FLAGS):
            # 我爸是不是贫困户 签没签家庭医生 这两样我都搞不清楚: the doubt is of both clauses before it
            flo = _clause_of(bounds, flo - 1)[0]
            flo = _clause_of(bounds, flo - 1)[0] if flo > 0 else flo
        for slot, words in _UNKNOWN_FLAGS:
            if words.search(text, flo, fhi) and slot not in unknown:
                unknown.append(slot)
                values[slot] = None
    for h in hits:
        # 好像签了家庭医生 / 可能是贫困户: a yes/no fact the person only half remembers — not known, both cases
        # side by side (as a level doubted is asked; a blind writer)
        flag = next((k for k in ("family_doctor", "poverty_registered") if h.sets.get(k) is True), None)
        if flag is not None and not h.negated and flag not in unknown \
                and _FLAG_HEDGED_BEFORE.search(text, max(0, h.start - 6), h.start) and not WHAT_IF_WORD.search(text) \
                and not _HEDGE_CHECKED.search(text, h.end):  # (好像签了…我打电话问了下 是签了的: checked, so)
            unknown.append(flag)
            values[flag] = None
    if (date_either or _VAGUE_WHEN.search(text)) and values.get("month") is None and "date" not in unknown:
        unknown.append("date")  # 前阵子看了个门诊: when is not said — asked where it decides (retiring this year)
    this_year_retired = _RETIRED_THIS_YEAR.search(text)
    not_yet_spans = [(m.start(), m.end()) for m in _NOT_YET_RETIRED.finditer(text)] if "退" in text else []
    if this_year_retired and any(lo <= this_year_retired.start() < hi for lo, hi in not_yet_spans):
        this_year_retired = None  # 下个月才办退休 / 我还没退休 明年才退: not retired yet — no month to ask
    if this_year_retired and _DENIED_AFTER.match(text, _clause_of(bounds, this_year_retired.start())[1]):
        this_year_retired = None  # 今年12月退休？不是，我是去年退休的
    if (this_year_retired or (today is not None and retired[0] == today.year)) and retired[1] is None:
        unknown.append("retired_on")  # 今年办了退休，不记得几月 / 2026年退休: the month decides the category
    if retired[1] is not None and _RETIRED_MONTH_DOUBTED.search(text):
        # 我是今年6月办的退休还是7月？记不清了: which month is not known — asked, never one of them taken
        values["retired_year"] = values["retired_month"] = values["retired_day"] = None
        if "retired_on" not in unknown:
            unknown.append("retired_on")
    other = values.get("other_city")
    if other and values.get("city") and re.search(r"还是", text) and _UNKNOWN_OR_ASK.search(text):
        # 我爸的医保是南充的还是成都的我要问问他: which city insures him is not known — asked, never one picked
        values["city"] = values["policy"] = values["other_city"] = None
    if other and values.get("city") and values.get("offsite") is None \
            and (other_names := "|".join(re.escape(n) for n in dict.fromkeys(
                [other, *(sp.text for sp in spans if sp.slot == "other_city")]) if n)) \
            and (went := re.search(rf"(?:在|去|到|跑)(?:了)?(?:{other_names})|(?<![a-z])(?:in|to|at|visited|visiting) "
                                   rf"(?:{other_names})", text)) \
            and not _EARLIER_DONE.search(text, *_clause_of(bounds, went.start())) \
            and not (_LIVES_THERE.match(text, went.end())
                     and re.search(rf"回(?:到|了)?(?:{re.escape(values['city'])})", text)):
        # (以前在北京301医院看过病: an earlier visit's place, not this one's)
        # (在兰州打工…今天回平凉在二级医院: where the person works; the visit was at home)
        values["offsite"] = True  # 南昌在职，在北京301医院看门诊: the visit was out of the city
    seen_cities = list(dict.fromkeys(slots.seen.get("city", ())))
    if len(seen_cities) == 2 and values.get("offsite"):
        # 平凉在职 在西安看的门诊 没备案: insured in one covered city, treated in the other — the insured city's
        # document settles it (an out-of-city visit), never the city of the visit taken for the insurance
        treated = [c for c in seen_cities if re.search(rf"(?:在|去|到)(?:了)?{re.escape(c)}(?:市)?[^,，。]{{0,6}}?"
                                                       r"(?:看|就医|就诊|治|拿药|买药)", text)]
        if len(treated) == 1:  # (the policy follows from the city, below: policy_for)
            values["city"] = next(c for c in seen_cities if c != treated[0])
    if values.get("signed") is None and "签约" in text and re.search(r"在那(?:里|儿|家|边)?(?:看|拿|开)", text):
        values["signed"] = True  # 签约的是…社区卫生服务中心，今天在那看病: at the signed institution
    if _SIGNED_ELSEWHERE.search(text):
        values["signed"] = False  # 签约在村卫生室，这次在镇上卫生院看的: not at the signed institution
    if values.get("referral") is None and values.get("signed") and _REFERRAL_SLIP.search(text) and not _NO_REFERRAL.search(text):
        values["referral"] = "county_tcm"  # 签约卫生院给开了转诊单: the signed clinic referred the visit on
    elsewhere = _REFERRED_ELSEWHERE.search(text)
    if elsewhere and "中医" not in elsewhere.group("to") and values.get("referral") is None:
        # 签约卫生院给我转到县人民医院: not the signed clinic, and no referral the document pays (only to the
        # county TCM hospital) — settled as a visit outside the signed institution
        values["signed"] = False
    if not_my_clinic is not None:
        values["signed"] = False
    away = _REFERRED_AWAY.search(text)
    if away and "中医" not in text and values.get("referral") is None \
            and any(sp.slot == "provider_kind" and not (away.start() <= sp.start < away.end()) for sp in spans):
        # 二附院门诊 620 是签约卫生院让我转过去的: the visit was at the hospital named, the signed clinic only
        # sent the person there — outside the signed institution, no referral the document pays; the
        # clinic's level is not the visit's
        values["signed"] = False
        if all(away.start() <= sp.start < away.end() for sp in spans if sp.slot == "provider_level"):
            values["provider_level"] = None
    signed_is = _SIGNED_IS.search(text)
    elsewhere_now = _THIS_TIME_TO.search(text, signed_is.end()) if signed_is is not None else None
    if elsewhere_now is not None and values.get("signed") \
            and not _SAME_PLACE_AFTER.search(text, elsewhere_now.end(), _clause_of(bounds, elsewhere_now.start())[1]) \
            and any(sp.slot == "provider_kind" and sp.start >= elsewhere_now.end() for sp in spans):
        # 签约的是莲塘镇卫生院，这次去南昌大学一附院看门诊: the signed clinic is named, the visit was elsewhere —
        # not at the signed institution; the level is the place visited's (the clinic's is not this visit's)
        values["signed"] = False
        later_levels = [int(sp.value) for sp in spans if sp.slot == "provider_level" and sp.start >= elsewhere_now.end()
                        and sp.value is not None and sp.note is None]
        values["provider_level"] = later_levels[0] if later_levels else None
        if not later_levels:
            values["provider_grade"] = None
    if _SAME_PLACE_REF.search(text) and values.get("provider_level") is None and values.get("provider_grade") is None \
            and values.get("provider_kind") == "hospital" \
            and sum(1 for sp in spans if sp.slot == "provider_kind") == 1:
        # 下周再去那家医院花500: the place told before, named back — its kind and level carry over, none asked anew
        values["provider_kind"] = None
        values.pop("new_place", None)
    if values.get("provider_grade") is not None and _GRADES_NOT_SAID.search(text):
        # 医院也没说甲等乙等: both grades named, neither said to be it — not known, never the last one taken
        values["provider_grade"] = None
        if "provider_grade" not in unknown:
            unknown.append("provider_grade")
    last_years = [d for d in dates if d.year is not None and d.year < (today or dt.date.today()).year]
    if last_years and len(last_years) == len(dates) and values.get("first_visit_this_year") \
            and not _TODAY_WORD.search(text) and not values.get("days_ago") \
            and not any(("今年" in h.text or "本年" in h.text) and not _NONE_THIS_YEAR.search(h.text)
                        for h in hits if h.sets.get("first_visit_this_year") is True) \
            and not _FIRST_OF_THAT_YEAR.search(text):
        # (去年12月看的 今年还没看过: no visit this year says nothing of that visit's own year — asked)
        # 1200 去年12月第一次看的: first of what — the illness, last December, or this bill, this year? asked
        values["first_visit_this_year"] = None
    if values.get("first_visit_this_year") and _FIRST_THEN_DOUBT.search(text):
        # 今年第一次，但我上个月好像在社区报过一点: the year's first, then a doubt of it — asked
        values["first_visit_this_year"] = None
    said_paid = next((a for a in amounts if a.role == "fund_paid" and not a.negated), None)
    first_hit = next((h for h in hits if h.sets.get("first_visit_this_year") is True and not h.negated), None)
    if said_paid is not None and first_hit is not None and said_paid.end < first_hit.start \
            and correction_between(text, said_paid.end, first_hit.start) and values.get("fund_paid") is not None:
        # 今年统筹报了三百 哦不对 是今年第一次: the fund's figure taken back — the year's first holds
        values["fund_paid"] = None
        values["deductible_met"] = None
        values["first_visit_this_year"] = True
    if values.get("category") is not None and _SPOUSE_CATEGORY_END.search(text) \
            and len({h.sets.get("category") for h in hits if "category" in h.sets and not h.negated}) == 1:
        # 南昌职工，三级医院，800，今年第一次，我老伴退休了: the spouse's category, said after the visit — the
        # visit's person's own is not said (asked), never the spouse's taken for it
        values["category"] = None
    if values.get("city") is not None and "老家" in text and _LIVES_HOME_ELSEWHERE.search(text):
        # 我在平凉住，老家是南充的: where the person lives and where they come from — neither says where they
        # are insured; asked
        values["city"] = values["policy"] = values["district"] = None
    if values.get("city") is not None and (employer_city := _EMPLOYER_CITY.search(text)) is not None \
            and values["city"] != employer_city.group("c"):
        # 我们单位在西安，但我人在南充看病: insured where the employer is, treated elsewhere — which city's
        # insurance is asked, never the place of the visit taken for it
        values["city"] = values["policy"] = None
    if values.get("signed") is False and is_correction(text) and _SIGNED_HEDGED_BACK.search(text):
        # 不在签约机构…不对，我好像签的就是这家: the denial taken back, and the new word doubted — asked
        values["signed"] = None
    if values.get("provider_kind") == "pharmacy" and (actually_place := _ACTUALLY_PLACE.search(text)) is not None and any(
            h.sets.get("provider_kind") == "pharmacy" and h.end <= actually_place.start() for h in hits):
        # 药店 买药 …其实是医院门口的诊所: the place set right within the message — a clinic, not the pharmacy
        values["provider_kind"] = "hospital"
        values["provider_level"] = 1 if actually_place.group("w") in ("诊所", "卫生院", "社区", "卫生室", "社区卫生服务中心") else None
        values["prescribed_at_level"] = values["prescribed_at_grade"] = None
    if values.get("scheme") == "employee" and _DEPENDANT.search(text):
        # 我老公是退休职工，我是他家属: the employee scheme is the spouse's — the speaker's own insurance
        # (the resident scheme, or an employee one of their own) is asked, never the spouse's taken
        for key in ("category", "scheme", "policy"):
            values[key] = None
    if values.get("category") is not None and (relative_said := _RELATIVE_CATEGORY.search(text)) is not None \
            and own_visit_after(text, relative_said.end()) \
            and all(relative_said.start() <= h.start < relative_said.end()
                    for h in hits if "category" in h.sets and not h.negated):
        # 南昌的，我老公在职，我在家没工作，我看病花了300在社区: the husband's category, then the writer's own
        # visit — the writer's insurance is asked, never the husband's lent to her
        for key in ("category", "scheme", "policy"):
            values[key] = None
    if _NO_REFERRAL.search(text):
        values["referral"] = None
        values["signed"] = False
    if _KIND_EITHER.search(text) and _UNKNOWN.search(text):
        # 药店还是医院 我搞不清: where the money was spent is not known — asked, never one of the two picked
        values["provider_kind"] = None
        if values.get("prescribed_at_level") is None:
            values["provider_level"] = values.get("provider_level") if values.get("provider_kind") else None
    if "pharmacy" in unknown:
        values["provider_kind"] = None
        if values.get("prescribed_at_level") is not None and values.get("provider_level") is None:
            values["provider_level"], values["prescribed_at_level"] = values["prescribed_at_level"], None
    if unknown:
        unknown_at = None
    grade_doubted = False  # (the doubt is of the grade leaned on — no other fact's)
    if unknown_at:
        # the clause of each “不知道” (with the clause before when it is bare: 医院等级，不晓得); the
        # first that names a level, a grade or a prescription says what is not known
        windows = []
        for m in _UNKNOWN.finditer(text):
            wlo, whi = _clause_of(bounds, m.start())
            if not _UNKNOWN_ABOUT.search(text, wlo, whi):
                if whi < len(text) and not _UNKNOWN.sub("", text[wlo:whi]).strip(",，。 ") \
                        and _GRADE_OR_LEVEL_WORD.search(text, *_clause_of(bounds, whi + 1)):
                    whi = _clause_of(bounds, whi + 1)[1]  # 不晓得 甲等乙等: the bare doubt, then what it is about
                wlo = _clause_of(bounds, max(0, wlo - 1))[0]
            if _DANGLING_IF.search(text, wlo, whi) and whi < len(text):
                whi = _clause_of(bounds, min(len(text) - 1, whi + 1))[1]  # don't know if it's，甲等: what follows
            windows.append((wlo, whi))
        ulo, uhi = next(((a, b) for a, b in windows if _UNKNOWN_LEVEL.search(text, a, b) or _UNKNOWN_GRADE.search(text, a, b)
                         or _UNKNOWN_PRESCRIPTION.search(text, a, b)), windows[0])
        # 处方哪级开的忘了，不是社区就是二级: the prescribing levels still named are the possibilities
        named = tuple(dict.fromkeys(int(sp.value) for sp in spans if sp.slot == "prescribed_at_level"
                                    and sp.note in (None, "prescription") and sp.value is not None))
        if _UNKNOWN_PRESCRIPTION.search(text, ulo, uhi) and (pharmacy or _PRESCRIPTION_WORD.search(text)) and (
                values.get("prescribed_at_level") is None or (pharmacy and len(named) >= 2)):
            unknown.append("prescribed_at_level")
            options = named if len(named) >= 2 else ()
            values["prescribed_at_level"] = values["prescribed_at_grade"] = None
        elif _UNKNOWN_GRADE.search(text, ulo, uhi) and len(slots.seen.get("provider_level", ())) >= 2 \
                and not values.get("prescribed_at_level"):
            # 甲等还是乙等我也说不清，也可能只是二级: the level itself is open — each level named, side by side
            # (二甲还是三乙: a level-3 possibility keeps its grade — 3B, not every grade of level 3)
            unknown.append("provider_level")
            # (反正不是甲等: a grade ruled out is no bare grade left open)
            pairs = [(h.sets["provider_level"], h.sets.get("provider_grade")) for h in hits
                     if "provider_level" in h.sets and not h.negated] \
                if not _BARE_GRADE.search(text) or all(h.negated for h in hits
                                                        if "provider_grade" in h.sets and "provider_level" not in h.sets) else []
            options = tuple(dict.fromkeys(f"{lvl}{grd}" if grd and lvl == 3 else lvl for lvl, grd in pairs)) \
                or tuple(slots.seen["provider_level"])
            values["provider_level"] = values["provider_grade"] = None
        elif _UNKNOWN_GRADE.search(text, ulo, uhi) and values.get("provider_level") == 3 \
                and len(slots.seen.get("provider_grade", ())) == 1 and any(
                    "provider_grade" in h.sets and not h.negated
                    and (_LEVEL_DOUBT_BEFORE.search(text, max(0, h.start - 5), h.start) or _LEVEL_DOUBT_AFTER.match(text, h.end))
                    for h in hits):
            # 三级医院…应该是甲等吧不太确定: one grade leaned on and doubted — asked, as a doubted level is (the
            # person may look it up); not known after that, each grade side by side
            values["provider_grade"] = None
            grade_doubted = True
        elif _UNKNOWN_GRADE.search(text, ulo, uhi):
            unknown.append("prescribed_at_grade" if values.get("prescribed_at_level") else "provider_grade")
            grades = tuple(dict.fromkeys(slots.seen.get("provider_grade", ())))
            options = grades if len(grades) >= 2 else ()  # 乙等还是丙等不记得了: those two
            values["provider_grade"] = values["prescribed_at_grade"] = None
            if values.get("provider_level") is None and values.get("prescribed_at_level") is None \
                    and "三" in text[ulo:uhi]:
                values["provider_level"] = 3
        elif _UNKNOWN_LEVEL.search(text, ulo, uhi) and values.get("prescribed_at_level") == 3 \
                and not re.search(r"是不是|还是", text):
            unknown.append("prescribed_at_grade")  # 方子三级医院开的，等级不清
            values["prescribed_at_grade"] = None
        elif (_UNKNOWN_LEVEL.search(text, ulo, uhi) and values.get("provider_level") == 3
              and len(slots.seen.get("provider_level", ())) == 1 and not re.search(r"是不是|还是", text)
              and not _LEVEL_OR_LOWER.search(text)):
            unknown.append("provider_grade")  # 三级医院，等级不清楚: the grade is what is not known
            values["provider_grade"] = None
        elif _UNKNOWN_LEVEL.search(text, ulo, uhi) and values.get("provider_level") == 1 \
                and tuple(slots.seen.get("provider_level", ())) == (1,) \
                and any(sp.slot == "provider_level" and sp.start >= uhi and sp.text in _LEVEL_ONE_PLACES for sp in spans):
            pass  # 医院是个啥级别我也不懂 就是个镇上的卫生院: the level word not known, the place told after it is level 1
        elif _UNKNOWN_LEVEL.search(text, ulo, uhi) or len(slots.seen.get("provider_level", ())) >= 2:
            unknown.append("provider_level")
            seen = list(slots.seen.get("provider_level", ()))
            if _COUNTY_HOSPITAL.search(text) and 2 not in seen:
                seen.append(2)  # 卫生院还是县医院: a county hospital is usually level 2
            level_either = _EN_LEVEL_EITHER.search(text)
            if level_either and len(seen) < 2:
                seen = [int(level_either.group(1)), int(level_either.group(2))]  # not sure if level 2 or 3: those two
            or_lower = _LEVEL_OR_LOWER.search(text)
            if or_lower and len(seen) < 2:
                # not sure whether tier 3 or lower / 三级或者以下: that level and each below it
                said = or_lower.group("lvl") or or_lower.group("lvl2")
                top = int(_LEVEL_DIGIT.get(said, said))
                seen = list(range(1, top + 1))
            ruled_out = {int(sp.value) for sp in spans if sp.slot == "provider_level" and sp.note == "negated"
                         and sp.value is not None}
            if ruled_out and len(seen) < 2:
                seen = [lvl for lvl in (1, 2, 3) if lvl not in ruled_out]  # 记不清了 反正不是三级的: the others
            options = tuple(seen) if len(seen) >= 2 else ()
            values["provider_level"] = values["provider_grade"] = None
    # 不知道今年起付线扣没扣过 / 今年是不是第一次报销我记不到了: the year's position is what is not
    # known — both cases side by side (not when it is how much was used: 扣了一部分，不知道多少)
    if not unknown and not grade_doubted:
        for at in _UNKNOWN.finditer(text):
            if _FIGURE_ASKED_BEFORE.search(text, max(0, at.start() - 14), at.start()):
                continue  # 医保到底能报多少我到现在都没搞清楚: what is not understood is the figure, not the year
            if _TERM_NOT_KNOWN.match(text, at.start()):
                continue  # 我也不懂啥叫起付线: the word is not understood — the year's position is still asked
            lo, hi = _clause_of(bounds, at.start())
            if _RETIRED_OR_NOT.search(text, lo, hi):
                continue  # 今年第一次，他退没退休我不太清楚: what is not known is the category, in its own clause
            if _THAT_VISITS_SLIP.search(text, lo, hi):
                continue  # 当时报了多少我没注意: what that visit's slip showed is not known, not the year's position
            if _SLIP_UNREADABLE.search(text, lo, hi) and not _POSITION_TOPIC.search(text, lo, hi):
                continue  # 今年第一回看病 老花眼看不清单子: the slip is unreadable, the year's position is said
            # the clause before counts only when this one is the bare “不清楚” (起付线扣没扣过，不清楚)
            plo = _clause_of(bounds, max(0, lo - 1))[0] if not _UNKNOWN_ABOUT.search(text, lo, hi) \
                and not re.search(r"\d", text[lo:hi]) else lo  # (800还是900记不清了: the amount is what is not known)
            bare_doubt = len(_UNKNOWN.sub("", re.sub(r"是不是|是否|对不对|对不|我也|俺也|我|俺|也|啊|呀|哦|的"
                                                     # (他本人记不清了: whose memory it is)
                                                     r"|本人|自己|老人家|老人|他|她|了|。", "", text[lo:hi]))) == 0
            if plo == lo and (_USED_OR_NOT.search(text, lo, hi) or bare_doubt) and not _POSITION_TOPIC.search(text, lo, hi):
                # 但是起付线……哎我也不确定用没用: whether it was used, of the thing named in the clause before
                # (the empty clauses of an ellipsis skipped)
                plo = next((b_lo for b_lo, b_hi in reversed(bounds) if b_hi <= lo and text[b_lo:b_hi].strip()), lo)
            said_elsewhere = any(h.sets.get("first_visit_this_year") is True and not h.negated
                                 and not plo <= h.start < hi for h in hits)
            if said_elsewhere and _TERM_NOT_UNDERSTOOD.search(text, plo, hi):
                continue  # 搞不懂啥子起付线，我今年…看了第一次门诊: the word is not understood, the year's position is said
            if any(h.sets.get("first_visit_this_year") is True and not h.negated
                   and _ACCEPTED.search(text, *_clause_of(bounds, h.start)) for h in hits):
                break  # 看没看过记不清，就当今年第一次吧: not known, and settled as the first by the person's choice
            if _CLAIMED_PLAINLY.search(text) and not _CLAIMED_DOUBTED.search(text):
                break  # 今年在医院报过但不记得报了多少: claimed — how much is asked (claimed_before), never 今年第一次
            if _POSITION_TOPIC.search(text, plo, hi) and not _HOW_IT_WORKS.search(text, lo, hi) \
                    and not _PARTIAL_DEDUCTIBLE.search(text) and not _ACCOUNT_WORD.search(text, plo, hi) \
                    and not (said_elsewhere and _FUND_FIGURE_UNREAD.search(text, plo, hi)):
                # (今年第一次 … 统筹报了多少我看不懂: the slip's figure is what is not understood)
                unknown.append("year_start")
                values["deductible_met"] = values["first_visit_this_year"] = None
                if any(h.sets.get("first_visit_this_year") is False and not h.negated for h in hits):
                    values["first_visit_this_year"] = False  # 今年第二回，第一回花了多少忘了: not the first
                break
    if not unknown and values.get("provider_level") == 3 and values.get("provider_grade") is None \
            and values.get("prescribed_at_level") is None \
            and any(h.negated and h.sets.get("provider_grade") == "A" and "provider_level" not in h.sets for h in hits) \
            and not any(not h.negated and "provider_grade" in h.sets for h in hits):
        # 平凉在职 三级医院 600 今年第一次 不过不是甲等: 乙等 or 丙等 — each side by side (where the document
        # settles them alike, the dialogue says so and answers)
        unknown.append("provider_grade")
        options = ("B", "C")
    if "year_start" in unknown and _POSITION_LEANED.search(text):
        # 今年应该是第一次吧？记不太清了: one case leaned on, then doubted — asked (as a doubted level is),
        # each case side by side only once the person says they do not know
        unknown.remove("year_start")
    if "year_start" in unknown and (settle_as := _SETTLE_AS.search(text)) is not None:
        # 记不清了，先按第一次算吧 / 就按起付线扣完了算: the person picks the case to settle — settled so
        unknown.remove("year_start")
        if settle_as.group("first"):
            values["first_visit_this_year"], values["deductible_met"] = True, None
        else:
            values["deductible_met"], values["first_visit_this_year"] = True, None
    # 好像是三级吧？/ 可能是二级: a level the person doubts is not a fact to settle on — it is asked
    # (应该是二级 alone is said with confidence; 应该是二级吧 is not)
    if not unknown and not WHAT_IF_WORD.search(text):  # 如果是三级呢？ / what if level 1?: a what-if, not a doubt
        for h in hits:
            level_keys: list[str] = [k for k in ("provider_level", "provider_grade", "prescribed_at_level", "prescribed_at_grade")
                          if k in h.sets]
            if h.negated or not level_keys:
                continue
            if _RATIO_TOPIC_AFTER.match(text, h.end):
                continue  # 听说三级报销比例是50%？: a question about the rule for a level, no doubt of this one's
            if (_LEVEL_DOUBT_BEFORE.search(text, max(0, h.start - 5), h.start) or _LEVEL_DOUBT_AFTER.match(text, h.end)) \
                    and not _LEVEL_CHOSEN_BEFORE.search(text, max(0, h.start - 5), h.start):
                # (那就按二级吧 / 先按三级算吧: the person picks the level to settle by — no doubt, a choice)
                if any(o.start > h.end and not o.negated and (all(o.sets.get(k) == h.sets.get(k) for k in level_keys)
                                                              or (any(k in o.sets for k in level_keys)
                                                                  and correction_between(text, h.end, o.start)))
                       and (not (_LEVEL_DOUBT_BEFORE.search(text, max(0, o.start - 5), o.start)
                              or _LEVEL_DOUBT_AFTER.match(text, o.end))
                         or _LEVEL_CHOSEN_BEFORE.search(text, max(0, o.start - 5), o.start)) for o in hits):
                    continue  # 是二级的吧……是二级，我确认过: the doubt is settled by the person later on
                for key in level_keys:
                    values[key] = None
                if pharmacy and "provider_level" in level_keys:
                    values["prescribed_at_level"] = values["prescribed_at_grade"] = None  # (方子是社区医院开的吧好像)
                spans = [msgspec.structs.replace(sp, note="doubted") if sp.start == h.start and sp.slot in level_keys
                         else sp for sp in spans]
    level_hits = [h for h in hits if "provider_level" in h.sets and not h.negated]
    if values.get("provider_level") == 1 and any(
            h.sets.get("provider_level") == 1 and _LEVEL_ONE_SAID.search(text, h.start, h.end)
            and (big := NEVER_LEVEL_ONE.search(text, max(0, h.start - 16), h.end + 16)) is not None
            and not correction_between(text, min(h.end, big.end()), max(h.start, big.start())) for h in level_hits):
        # 在一级医院看的，就是平凉市人民医院: a city's or a county's people's hospital, a central or a
        # university hospital is not 一级 — the two words disagree, so the level is asked, not taken
        values["provider_level"] = values["provider_grade"] = None
        spans = [msgspec.structs.replace(sp, note="not_level_one") if sp.slot == "provider_level" else sp for sp in spans]
    if level_hits and _TAKEN_BACK_AFTER.match(text, level_hits[-1].end):
        # 二级医院 不对 一级医院 哦也不对 反正是个医院: the last level said is taken back too — asked
        for key in ("provider_level", "provider_grade"):
            values[key] = None
    if "provider_level" in unknown and set(slots.seen.get("provider_level", ())) == {1} \
            and _LEVEL_ONE_FACILITY.search(text) and not re.search(r"[二三23]级|[二三]甲|[二三]乙|(?<!卫生)(?<!社区)(?<!小)医院", text):
        # 卫生院，不知道算几级 / 社区还是卫生院记不清: both are 一级及以下 (DOMAIN: level 1 includes
        # community and township health centres and clinics) — nothing is unknown
        unknown.remove("provider_level")
        options = ()
        values["provider_level"] = 1
    # 好像是在职吧，我也搞不清我退没退: a category the person doubts is asked
    for h in hits:
        if "category" in h.sets and not h.negated and h not in held_back and (
                _LEVEL_DOUBT_BEFORE.search(text, max(0, h.start - 5), h.start) or _CATEGORY_DOUBT_AFTER.match(text, h.end)):
            values["category"] = None
    if _RETIRED_OR_NOT.search(text):
        values["category"] = None
        hedged = any("category" in h.sets and not h.negated and (
            _LEVEL_DOUBT_BEFORE.search(text, max(0, h.start - 5), h.start) or _CATEGORY_DOUBT_AFTER.match(text, h.end))
            for h in hits)
        if _UNKNOWN.search(text) and not _RETIRING_NOW.search(text) and "category" not in unknown and not hedged:
            # (好像是在职吧，我也搞不清我退没退: one category leaned on, doubted — asked, as a doubt is)
            unknown.append("category")  # 他退没退休我也搞不清: both categories side by side
            options = ("employee", "retiree")
    # a year position said with a hedge (起付线应该过了吧，不太确定) is not a fact
    position_hits = [h for h in hits if not h.negated and ("deductible_met" in h.sets or "first_visit_this_year" in h.sets)]
    for h in position_hits:
        lo, hi = _clause_of(bounds, h.start)
        nxt = _clause_of(bounds, hi + 1)
        if _ACCEPTED.search(text, lo, hi):
            continue  # 那就当今年第一次吧: a choice, not a hedge
        if h is not position_hits[-1] and correction_between(text, h.end, position_hits[-1].start):
            # 起付线应该扣了，哦不对，今年这是第一次: taken back — the position said after the correction holds
            for key in h.sets:
                if key not in position_hits[-1].sets and key in ("deductible_met", "first_visit_this_year"):
                    values[key] = None
            continue
        # a hedge opening the next clause is about the position only when that clause names nothing
        # else (今年第一次，应该吧 — not 今年头一回，好像是一级的)
        other_fact = any(nxt[0] <= o.start < nxt[1] for o in hits if o is not h and not o.negated) \
            or any(nxt[0] <= a.start < nxt[1] for a in amounts)  # (…起付线已经满了，大概花三百: the hedge is the figure's)
        # (起付线已经扣完了应该报多少: 应该 asks the figure, it is no hedge of the position)
        # (今年第一次花了大概一千五左右: 大概 is the figure's hedge — a numeral follows it)
        hedged = any(not (m.group(0) == "应该" and _SHOULD_PAY.match(text, m.start())) and not _DOUBT_OF_LEVEL.match(text, m.end())
                     and not (m.start() > h.end and _FIGURE_HEDGED_AFTER.match(text, m.end()))
                     for m in _HEDGED_POSITION.finditer(text, lo, hi))
        # (今年第一次看门诊…不记得是二级还是三级: the doubt is of the level it names, not of the year)
        # (…今年第一次看门诊花了八百块医院是几级的我不太清楚: the doubt is of the level asked right before it)
        unknown_here = any(not _FIGURE_ASKED_BEFORE.search(text, max(0, m.start() - 14), m.start())
                           and not _DOUBT_OF_LEVEL.match(text, m.end())
                           and not (m.start() > h.end and _LEVEL_ASKED_BEFORE.search(text, max(h.end, m.start() - 10), m.start()))
                           for m in _UNKNOWN.finditer(text, lo, hi))
        if unknown_here and not hedged and h.sets.get("first_visit_this_year") is False \
                and all(m.start() >= h.end for m in _UNKNOWN.finditer(text, lo, hi)):
            # 今年看过一次不知道起付线扣没扣完: the visit before is said; what is not known comes after it — of
            # the deductible, not of whether this is the year's first
            values["deductible_met"] = None
            continue
        if hedged or _hedged_anywhere(text, bounds, hits) or unknown_here \
                or (_HEDGED_POSITION.match(text, nxt[0]) and not other_fact
                    and not _SHOULD_PAY.match(text, nxt[0])):  # (…没扣过呢，应该报多少: the question, no hedge)
            values["deductible_met"] = values["first_visit_this_year"] = None
    if "year_start" in unknown and _POSITION_FIGURE_EITHER.search(text):
        # 今年起付线用了150还是200忘了: how much of the year went is known to be one of two figures — neither the
        # year's first nor the deductible met; the figure is asked, never those two shown side by side
        unknown.remove("year_start")
    if "year_start" in unknown and _FUND_CLAIM_UNKNOWN.search(text) and any(
            h.sets.get("deductible_met") is True and not h.negated and _SURELY_BEFORE.search(text, max(0, h.start - 8), h.end)
            for h in hits):
        # 统筹今年报没报过我也不清楚 起付线肯定过了: the deductible is surely met; what the fund has paid is
        # what is not known — asked (it may reach the cap), never shown as if this could be the year's first
        unknown.remove("year_start")
        values["deductible_met"], values["claimed_before"] = True, True
    if "year_start" in unknown and any(h.sets.get("first_visit_this_year") is True and not h.negated
                                       and _NO_CLAIM.search(h.text) for h in hits):
        # 不清楚算不算今年第一次：今年之前…没刷过医保: the doubt, then the fact that settles it — no claim
        # this year, so nothing has gone toward the deductible
        unknown.remove("year_start")
        values["first_visit_this_year"] = True
    if values.get("first_visit_this_year") is None and any(
            h.sets.get("first_visit_this_year") is False and not h.negated
            and not _UNKNOWN.search(text, *_clause_of(bounds, h.start))
            and not _HEDGED_POSITION.search(text, *_clause_of(bounds, h.start)) for h in hits):
        values["first_visit_this_year"] = False  # 今年第二回看了，第一回花了多少忘了: not the first, said plainly
    if (_CLAIMED_VAGUELY.search(text) or (_CLAIMED_SOME.search(text) and not values.get("deductible_met"))
            or _CAP_USED_UNKNOWN.search(text) or (_CLAIMED_PLAINLY.search(text) and not _CLAIMED_DOUBTED.search(text))
            # 统筹今年报了1500左右: the year's fund figure said roughly — how much is asked (the cap may bind)
            or (any(a.approximate and a.role == "fund_paid" and not a.negated for a in amounts)
                and not values.get("first_visit_this_year"))) \
            and values.get("fund_paid") is None \
            and not ("year_start" in unknown and _CLAIMED_DOUBTED.search(text)):
        # (年度限额1000用完了吗我也不知道: how much the fund has paid is what is not known — asked)
        # (报没报过我不知道，统筹报过多少也不清楚: whether anything was claimed is not known either — the
        # year's position is what is not known, shown both ways, never asked again)
        values["claimed_before"] = True  # 今年统筹报了不少了: how much is asked (the cap may matter)
    if values.get("deductible_remaining") is not None:
        values["deductible_met"] = None  # 起付线还差200就满了: not met yet
    if _PARTIAL_DEDUCTIBLE.search(text):
        values["deductible_met"] = None  # 起付线扣了一部分: how much is the question
        values["first_visit_this_year"] = None  # (今年是第一次…其实之前起付线好像已经被扣过一点: not the first)
    visit_last_year = today is not None and values.get("year") == today.year - 1
    def of_last_year(h: Hit) -> bool:
        return _LAST_YEAR.search(text, *_clause_of(bounds, h.start)) is not None and not visit_last_year \
            and "今年" not in text[h.start:h.end]  # (去年看过病今年还没: this year's, in so many words)

    this_year_said = {k for h in position_hits if not of_last_year(h) for k in h.sets}
    for h in position_hits:
        if of_last_year(h):
            # 去年起付线扣完了 — said of last year, not of this visit's year (unless the visit was last
            # year: 去年12月看的…那是去年头一回 is that visit's year position); 今年头一回，起付线去年就扣过了:
            # what is said of this year stands
            if not this_year_said:
                values["deductible_met"] = values["first_visit_this_year"] = None
            elif "deductible_met" in h.sets and "deductible_met" not in this_year_said:
                values["deductible_met"] = None
    unsure_category = _UNSURE_CATEGORY.search(text)
    if unsure_category:
        values["category"] = None  # 退休返聘，单位还在交: which category settles it is the question
        if unsure_category.group(0).startswith(("不确定", "不知道", "不清楚", "搞不清", "记不清")) \
                or re.search(r"在办[^。]{0,10}?(?:不知道|不晓得|不清楚|不确定|搞不清)", unsure_category.group(0)):
            # (退休手续正在办，不晓得办完没有: whether the papers are through decides it — both)
            # 不确定退休待遇是否已开始（手续10月递交）: the dates said do not settle it — both cases side by side
            values["retired_year"] = values["retired_month"] = values["retired_day"] = None
            if "category" not in unknown:
                unknown.append("category")
                options = options or ("employee", "retiree")
    if _PAPERS_NOT_KNOWN.search(text) and values.get("category") in ("retiree", None) \
            and "category" not in unknown and not values.get("stated_ratio"):
        # 我爸退休手续不知道办完没有 / 退休待遇办下来没有不清楚: retired or not is what is not known — the
        # figure as a working employee and as a retiree, side by side (23 blind writers in 25); the month
        # of a retirement not known to be done is no question to ask first
        values["category"] = None
        values["retired_year"] = values["retired_month"] = values["retired_day"] = None
        unknown[:] = [u for u in unknown if u != "retired_on"]
        unknown.append("category")
        options = ("employee", "retiree")

    # statements that disagree (and the slot they disagree about)
    conflict: list[str] = []
    met_with_visits: tuple[str, ...] = ()
    conflict_slot = ""
    for slot, words in _DOUBTABLE:
        if slot in unknown:
            continue
        mentions = [(m.start(), _clause_of(bounds, m.start())) for m in words.finditer(text)]
        # 是不是没算家庭医生那5%: a question about the settlement, not a doubt about the fact
        # (我不是签了家庭医生吗: the person's own fact put back as a question — no doubt)
        doubted = [(pos, c) for pos, c in mentions if _DOUBT.search(text, *c) and not _ABOUT_SETTLING.search(text, *c)
                   and not any(h.start <= pos < h.end for h in held_back)]
        if not doubted:
            continue
        values[slot] = None  # never settle on a fact the person doubts: ask it
        said = [c for _, c in mentions if not _DOUBT.search(text, *c)]
        if said and not is_correction(text):
            conflict = [text[slice(*said[0])].strip(" ,"), text[slice(*doubted[0][1])].strip(" ,")]
            conflict_slot = slot
    for h in hits:
        if not h.negated and any(isinstance(v, bool) and k in ("family_doctor", "poverty_registered") for k, v in h.sets.items()):
            window = text[h.end:h.end + 14]
            if _FLAG_AFTER.search(window):
                for k, v in h.sets.items():
                    values[k] = not v  # 我是贫困户，哦不对，不是
            elif (doubt_at := _FLAG_DOUBT_AFTER.search(window)) \
                    and not _OTHER_FLAG_NEXT.match(window, doubt_at.end()) \
                    and not _OTHER_FLAG_NEXT.search(window, 0, doubt_at.start()):
                # (家庭医生没签，也不是贫困户: the 也不是 is of the next fact, not a doubt of this one)
                conflict = [h.text, window.split("，")[1] if "，" in window else window]
                conflict_slot = next(k for k in h.sets if k in ("family_doctor", "poverty_registered"))
        elif h.negated and any(k in ("family_doctor", "poverty_registered") for k in h.sets) \
                and _FLAG_AFFIRMED_AFTER.match(text, h.end):
            # 没签家庭医生。说错了，签了的，去年签的: the denial taken back — the fact holds
            for k in h.sets:
                if k in ("family_doctor", "poverty_registered"):
                    values[k] = True
    if clash:
        conflict = [clash[0].text, clash[1].text]
        conflict_slot = _ROLE_FIELD.get(clash[0].role, "amount")
    signed_said = next((h for h in hits if h.sets.get("signed") is True and not h.negated), None)
    denied = _SIGNED_DENIED.search(text)
    if signed_said is not None and denied is not None and not conflict and denied.start() > signed_said.start:
        # 说是在签约卫生院看的…卫生院的人又说俺签约的不是他们这家: two accounts of the one fact — asked
        conflict = [_quote(text, bounds, signed_said.start), _quote(text, bounds, denied.start())]
        conflict_slot = "signed"
        values["signed"] = None
    poor_yes = next((h for h in hits if h.sets.get("poverty_registered") is True and not h.negated), None)
    poor_no = next((h for h in hits if "poverty_registered" in h.sets and (h.negated or h.sets["poverty_registered"] is False)), None)
    if poor_yes is not None and poor_no is not None and not conflict and not is_correction(text):
        # 我是建档立卡的 也不是贫困户: 建档立卡 is the registration of the poor — the two words disagree, asked
        conflict = [_quote(text, bounds, poor_yes.start), _quote(text, bounds, poor_no.start)]
        conflict_slot = "poverty_registered"
        values["poverty_registered"] = None
    first = next((h for h in hits if h.sets.get("first_visit_this_year") is True and not h.negated), None)
    if first is not None and not is_correction(text):
        # a hedged figure (统筹已经给我报了四百多) disagrees with 今年第一次 as much as an exact one
        used = next((a for a in amounts if a.role in ("fund_paid", "deductible_used") and not a.negated
                     and a.value > 0 and not (a.approximate and values.get("slip_field_empty"))), None)
        met = next((h for h in hits if h.sets.get("deductible_met") is True and not h.negated), None)
        remaining = next((a for a in amounts if a.role == "deductible_remaining" and not a.approximate), None)
        # 统筹已经报过 / 统筹是不是给报了一部分了: said or asked, it puts the first bill in doubt
        claimed = None if checking else re.search(
            r"统筹(?:已经|已|也|是不是|是否|好像|可能){0,2}(?:给我?)?报(?:了|过)|(?<![没未])报销过|(?:时候|那会儿?|之前|以前)(?:也|都)?报过"
            r"|(?:上个?月|之前|以前|前面|[0-9一二三四五六七八九十]{1,2}月份?)[^,，。]{0,4}报(?:销)?(?:了|过)(?:一次|两次|一回|几次)", text)
        if claimed is not None and (re.match(r"没有|没(?!报)|与否|多少|几|吗|[,，]?(?:0|零)(?:\.0+)?(?:元|块)", text[claimed.end():])
                                    or _LAST_YEAR.search(text, *_clause_of(bounds, claimed.start()))):
            claimed = None  # 单位以前报过没有我记不得了: whether it was claimed, asked — not a claim
        not_met = next((h for h in hits if h.sets.get("deductible_met") is False and not h.negated), None)
        if used is not None and used.role == "deductible_used" and "报" in first.text:
            values["first_visit_this_year"] = None  # 统筹还没报过，起付线用了100: the position is the 100
        elif not_met is not None and _NOT_PAID_YET.search(first.text) and not _FIRST_WORD.search(first.text):
            # 起付线今年还没满，之前门诊统筹一分没报过: nothing paid by the fund yet, some of the deductible
            # perhaps used — how much is the question (not the year's first bill)
            values["first_visit_this_year"] = None
        elif used is not None and used.role == "fund_paid" and not used.approximate \
                and not any(a.role in (None, "total") and a is not used for a in amounts) \
                and values.get("amount") is None and not _YEAR_FUND_WORDS.search(_quote(text, bounds, used.start)):
            # 南充在职二级医院，今年第一次，报了180: the year's first and no bill said — the 180 is this bill's
            # fund figure (a slip to check), and the bill is asked; never the year's fund against the first
            values["slip_fund"], values["fund_paid"] = used.value, None
        elif used is not None:
            said_used = _quote(text, bounds, used.start)
            if first.text in said_used and used.start > first.end:
                # first visit this year but the fund already paid 500: one clause, two statements — quote each
                said_used = text[first.end:used.end].strip(" ,，.。") or said_used
                said_used = re.sub(r"^(?:this year|today)?[ ,]*(?:but|and|yet)\s+", "", said_used)
            conflict = [first.text, said_used]
        elif remaining is not None:
            conflict = [first.text, _quote(text, bounds, remaining.start)]
        elif (swiped := _SWIPED_BEFORE.search(text, first.end)) is not None \
                and not _LAST_YEAR.search(text, *_clause_of(bounds, swiped.start())):
            # 今年第一次…不过我上个月好像在药店刷过一次医保: a bill of the year before this one, told after —
            # which holds is asked (what it used of the deductible changes this figure)
            conflict = [first.text, _quote(text, bounds, swiped.start())]
        elif claimed is not None:
            conflict = [first.text, _quote(text, bounds, claimed.start())]
        elif met is not None and values.get("deductible_met") and _NOT_PAID_YET.search(first.text) \
                and not _FIRST_WORD.search(first.text) and values.get("fund_paid") is None:
            # 起付线已用完，但统筹今年还没有支付过: both hold — the bills so far stayed within the
            # deductible, so the fund has paid nothing yet (not the year's first bill, not a conflict)
            values["first_visit_this_year"] = None
            values["fund_paid"] = Decimal("0.00")
        elif met is not None and values.get("deductible_met"):
            conflict = [first.text, met.text]
        elif cap_said_used is not None and values.get("cap_left") == 0:
            conflict = [first.text, cap_said_used]  # 今年第一次 … 统筹已经报到头了: which holds is asked
        elif (cap_left := next((a for a in amounts if a.role == "cap_left" and not a.negated and a.start > first.end),
                               None)) is not None:
            # 今年第一次 … 统筹报销额度只剩100了: the year's first bill, yet most of the cap gone — which holds is
            # asked (the figure was settled on the 100 left)
            conflict = [first.text, _quote(text, bounds, cap_left.start)]
        elif (spent := next((a for a in amounts if a.role == "prior_unreimbursed" and not a.negated and a.value > 0
                             and a.start > first.end), None)) is not None \
                and "报" not in text[first.start:first.end + 4] and _VISIT_FIRST_WORD.search(text, first.start, first.end + 4) \
                and not _LAST_YEAR.search(text, *_clause_of(bounds, spent.start)) \
                and not _UNREIMBURSED_SAID.search(text, *_clause_of(bounds, spent.start)):
            # 今天是今年第一次看病，之前在三级医院花了800: the year's first visit, and a visit before it —
            # which holds is asked (今年第一次报销，之前看过一次300没报 stays: the first claim)
            conflict = [first.text, _quote(text, bounds, spent.start)]
        elif (spent := next((a for a in amounts if a.role == "prior_unreimbursed" and not a.negated and a.value > 0
                             and a.start > first.end), None)) is not None \
                and (total := chosen.get("amount")) is not None and spent.value > total.value \
                and _YEAR_SPENT_IN_ALL.search(text, _clause_of(bounds, spent.start)[0], spent.start):
            # 今年第一次，我今年看病总共花了1500，这次花了600: the year's spending is more than this bill, so this
            # is not the year's first — which holds is asked, each quoted
            conflict = [first.text, _quote(text, bounds, spent.start)]
        if conflict and not conflict_slot:
            conflict_slot = "year_start"
    if first is not None and not conflict and visit_dates and values.get("year") is not None \
            and values["year"] < (today or dt.date.today()).year and values.get("first_visit_this_year") \
            and "今年" in first.text and not _TODAY_WORD.search(text) and (bill := chosen.get("amount")) is not None \
            and _clause_of(bounds, bill.start) == _clause_of(bounds, visit_dates[-1].start):
        # 去年12月30号看门诊花了1,000，那是我今年第一次门诊: a visit of last year cannot be this year's
        # first — which holds is asked, each quoted
        said_year = re.search(r"(?:去年|前年|上一年)$", text[:visit_dates[-1].start])
        conflict = [(said_year.group(0) if said_year else "") + visit_dates[-1].text, first.text]
        conflict_slot = "year_start"
    levels = [h for h in hits if "provider_level" in h.sets and not h.negated]
    implied = [h for h in levels if h.priority == 0 and not _qualified(text, h, "provider_level", explicit)]
    stated = [h for h in levels if h.priority > 0]
    if implied and stated and intent_hint_not_compare(text) and not unknown \
            and any(h.sets["provider_level"] != stated[-1].sets["provider_level"] for h in implied) \
            and "prescribed_at_level" not in values \
            and not correction_between(text, max(h.end for h in implied), stated[-1].start) \
            and not (elsewhere_now is not None and values.get("signed") is False
                     and all(h.start < elsewhere_now.start() for h in implied)
                     and all(h.start >= elsewhere_now.end() for h in stated)):
        # (签约的是莲塘镇卫生院，这次去了二附院（三甲）: the clinic's level is not this visit's — no conflict;
        # 社区医院，二千……不对，说错了，是二级医院: the place's level taken back, the level said after it wins)
        conflict = [implied[0].text, stated[-1].text]
        conflict_slot = "provider_level"
    not_met = next((h for h in hits if h.sets.get("deductible_met") is False and not h.negated), None)
    paid = next((a for a in amounts if a.role == "fund_paid" and not a.negated and a.value > 0), None)
    if not_met is not None and paid is not None:
        conflict = [_quote(text, bounds, paid.start), not_met.text]  # 统筹报了200 / 起付线还没扣完
        conflict_slot = "year_start"
    left = next((a for a in amounts if a.role == "deductible_remaining" and not a.negated and a.value > 0), None)
    if left is not None and paid is not None and not conflict:
        # 起付线还剩50没扣完，统筹今年报了600: the fund pays only past the deductible — which holds is asked
        conflict = [_quote(text, bounds, left.start), _quote(text, bounds, paid.start)]
        conflict_slot = "year_start"
    paid_after_none = next((a for a in amounts if a.role == "fund_paid" and not a.negated and a.value > 0), None) \
        if fund_none_yet else None
    if paid_after_none is not None and not conflict and not is_correction(text):
        # 统筹还没报过一分钱 但是之前又报了300: nothing paid, and 300 paid — which holds is asked, each quoted
        conflict = [fund_none_yet[0].text, _quote(text, bounds, paid_after_none.start)]
        conflict_slot = "year_start"
        values["fund_paid"] = values["deductible_met"] = None
    zero_claims = [h for h in hits if h.sets.get("first_visit_this_year") is False and any(
        a.role == "fund_paid" and a.value == 0 and h.start <= a.start <= h.end + 3 for a in amounts)]
    if zero_claims and values.get("first_visit_this_year") is False and any(
            h.sets.get("first_visit_this_year") is True and not h.negated for h in hits) and all(
            h in zero_claims for h in hits if h.sets.get("first_visit_this_year") is False and not h.negated):
        values["first_visit_this_year"] = True  # 今年第一次 … 统筹已经报过 0 元: nothing paid — the year's first holds
    told = [h for h in hits if "first_visit_this_year" in h.sets and not h.negated and h.priority >= 2
            and h not in zero_claims]  # (统筹已经报过 0 元: nothing paid — no claim that doubts the year's first)
    enumerated_visits = times_word and len({_ordinal_rank(m.group(0)) for m in _ORDINAL_RANK.finditer(text)}) >= 2
    if conflict_slot in ("", "provider_level", "amount") and not is_correction(text) and not enumerated_visits \
            and len({h.sets["first_visit_this_year"] for h in told}) == 2 \
            and not re.search(r"还是|来着|记不|哦不|不对|\?|？|吧", text) \
            and not (re.search(r"那(?:一)?次(?:才)?是今年", text) and _TODAY_WORD.search(text)):
        # 看了3次门诊 … 今年第一次: the year's first bill and visits before it — which holds is asked
        a = told[0]
        b = next(h for h in told if h.sets["first_visit_this_year"] != a.sets["first_visit_this_year"])
        conflict, conflict_slot = [a.text, b.text], "year_start"
        values["first_visit_this_year"] = None
    stated_levels = [h for h in stated if h.sets.get("provider_level") != stated[0].sets.get("provider_level")]
    if stated and implied and not stated_levels and not unknown and _LEVEL_HEDGE.search(text) and any(
            h.sets["provider_level"] != stated[0].sets["provider_level"] for h in implied):
        stated_levels = [h for h in implied if h.sets["provider_level"] != stated[0].sets["provider_level"]]
        stated = [*stated, *stated_levels]
        conflict, conflict_slot = [], ""  # 诊所还是卫生院来着，也可能是二级: not a contradiction, a doubt
    if stated and stated_levels and _WILL_CHECK.search(text):
        # 是三级还是二级，我再问问: the person will find out — asked, not shown side by side
        for key in ("provider_level", "provider_grade", "prescribed_at_level", "prescribed_at_grade"):
            values[key] = None
        conflict, conflict_slot = [], ""
    elif stated and stated_levels and not unknown and _LEVEL_HEDGE.search(text):
        # 三级甲等……不对，好像是二级 / 一级的吧？也可能是二级: a level the person hesitates between is
        # asked (a doubt, not a “不知道”: the person may well know it on a second look) — never settled,
        # and not shown side by side as if it could not be known
        for key in ("provider_level", "provider_grade", "prescribed_at_level", "prescribed_at_grade"):
            values[key] = None
        conflict, conflict_slot = [], ""
    elif stated and stated_levels and intent_hint_not_compare(text) and not unknown and not is_correction(text) \
            and not pharmacy and (bill_said or not _RULE_HOW_MUCH.search(text)):  # (三级报好多 二级报好多: the rule, asked of both)
        conflict = [stated[0].text, stated_levels[0].text]  # 一级医院1000，三级医院
        conflict_slot = "provider_level"
    grades_said = [h for h in hits if h.sets.get("provider_grade") and not h.negated]
    if not conflict and not unknown and len({h.sets["provider_grade"] for h in grades_said}) >= 2 \
            and intent_hint_not_compare(text) and not is_correction(text) and not _LEVEL_HEDGE.search(text) \
            and not WHAT_IF_WORD.search(text) and not _WILL_CHECK.search(text) and "还是" not in text:
        # 她说是甲等 我看牌子是乙等: two grades said as facts — which holds is asked, quoting both
        other_grade = next(h for h in grades_said if h.sets["provider_grade"] != grades_said[0].sets["provider_grade"])
        conflict, conflict_slot = [grades_said[0].text, other_grade.text], "provider_level"
    categories = slots.seen.get("category", [])
    event = _RETIREMENT_EVENT.search(text)
    if event and (any(lo <= event.start() < hi for lo, hi in not_yet_spans) or _RETIRED_OR_NOT.search(text)):
        event = None  # 下个月才办退休，现在还是在职: a retirement to come is no event of the year
    in_work = _BARE_IN_WORK.search(text)
    if event and values.get("category") in ("employee", "retiree") and not in_work:
        values["category"] = "retiree"  # 在职时报了1800，上个月办了退休: retired now
        categories = []
    elif event and in_work and not conflict and not is_correction(text) \
            and not re.search(r"这个月|本月|这月|刚|才|今天|昨天|这周|下个?月", text[_clause_of(bounds, event.start())[0]:_clause_of(bounds, event.start())[1]]):
        # 南充 在职 3月份退的休: in work now, and retired in March — which holds is asked, each quoted
        conflict = [in_work.group(0).strip("，, 。"), _quote(text, bounds, event.start())]
        conflict_slot = "category"
        values["category"] = None
        values["retired_year"] = values["retired_month"] = values["retired_day"] = None
    if set(categories) == {"employee", "flexible"} and not is_correction(text) and not _PAST_BEFORE.search(text) \
            and not re.search(r"以前|原来|原先|之前|后来|现在是|改成|转成|换成|在职(?:还是|或者|或)|(?:还是|或者|或)在职", text):
        # 平凉在职，我是灵活就业的: a flexible worker is insured as an employee of no employer — the
        # narrower word says which (never a contradiction)
        values["category"], values["scheme"] = "flexible", "employee"
        categories = []
    if len(categories) >= 2 and set(categories) <= {"employee", "retiree"} and _NOT_YET_RETIRED.search(text) \
            and not event and not WHAT_IF_WORD.search(text):
        # 我在职还是退休呢 明年退: not retired yet — in work (the question settles itself)
        values["category"], values["scheme"] = "employee", "employee"
        categories = []
    # 居民还是职工我也搞不清，单位给交的医保，在职: who pays, said plainly, settles the scheme — only the
    # employee scheme has an employer's contribution (a blind writer; the question asked three times
    # over was a loop)
    employer_pays = next((h for h in hits if h.sets.get("scheme") == "employee" and "单位" in h.text and not h.negated
                          and not _DOUBT.search(text, *_clause_of(bounds, h.start))), None)
    if len(categories) >= 2 and set(categories) == {"resident", "employee"} and employer_pays is not None:
        values["category"], values["scheme"] = "employee", "employee"
        categories = []
    if len(categories) >= 2 and _UNKNOWN.search(text) and not _RETIRING_NOW.search(text) and not all(
            _UNKNOWN_LEVEL.search(text, *_clause_of(bounds, m.start())) for m in _UNKNOWN.finditer(text)):
        # 在职还是灵活就业我搞不清 (刚办了手续 aside: retiring now, the date decides — asked)
        # (Nanchang employee, retired, … I don't know the hospital level: the doubt is the level's)
        unknown.append("category")
        options = tuple(categories)
        values["category"] = None
        categories = []
    if len(categories) >= 2 and not is_correction(text) and retired[1] is None:
        cat_hits = [h for h in hits if "category" in h.sets and not h.negated and h.priority >= 2]
        if len({h.sets["category"] for h in cat_hits}) >= 2:
            a = cat_hits[0]
            b = next(h for h in cat_hits if h.sets["category"] != a.sets["category"])
            holders = {id(h): _holder_of(text, h.start) or ("me", h.start) for h in cat_hits}
            two = holders[id(a)][0] != holders[id(b)][0]
            whose = _whose_visit(text, [(h, holders[id(h)]) for h in cat_hits]) if two else None
            if whose is not None:
                # 我在职，我老婆是居民……问的是我自己: the category of the person the visit is about
                values["category"] = whose
                values["scheme"] = "resident" if whose == "resident" else "employee"
            elif two:
                # 我在职她退休了: two people's categories, and the visit not said to be whose — asked, each quoted
                conflict = [text[holders[id(a)][1]:a.end], text[holders[id(b)][1]:b.end]]
                conflict_slot = "person"
            else:
                conflict = [_quote(text, bounds, a.start), _quote(text, bounds, b.start)]
                conflict_slot = "category"
    child = _FOR_CHILD.search(text) if "给" in text else None
    for_child = None
    if child and not conflict and values.get("category") in ("employee", "retiree", "flexible") \
            and not _OWN_VISIT.search(text, child.end()):
        # 南昌在职，给孩子看病花了400: the employee is the parent, the visit the child's, whose scheme
        # (often the residents') is not said — the child's is asked, never settled as the parent's
        cat_hits = [h for h in hits if "category" in h.sets and not h.negated]
        if cat_hits and not any((holder := _holder_of(text, h.start)) and holder[0] in _CHILD_WORDS for h in cat_hits):
            for_child = child.group(0)
            values["category"] = values["scheme"] = values["policy"] = None
    if values.get("offsite_filed") is not None and values.get("offsite") is None:
        values["offsite"] = True

    slip_deductible_used_up = next((a for a in amounts if a.role == "deductible_used" and (a.cue or "").startswith("起付")
                                    and _USED_UP_SAID.match(text, a.start)), None)
    if values.get("city") == "西安" and slip_deductible_used_up is not None and values.get("stated_deductible") is None:
        # 西安 单子上写起付线800已经扣完了: the slip's deductible, said used up — the figure the person supplies
        # for the document's missing one, and met
        values["stated_deductible"], values["deductible_used"] = slip_deductible_used_up.value, None
        values["deductible_met"] = True
    alternatives = {slot: tuple(slots.seen[slot]) for slot in _ALTERNATIVE_SLOTS if len(slots.seen.get(slot, ())) >= 2}
    if values.get("category") == "flexible" and set(alternatives.get("category", ())) == {"employee", "flexible"} \
            and not conflict:
        del alternatives["category"]  # (平凉在职，我是灵活就业的: settled above — the narrower word)
    if values.get("category") == "employee" and set(alternatives.get("category", ())) == {"employee", "retiree"} \
            and _NOT_YET_RETIRED.search(text) and not _RETIREMENT_EVENT.search(text) and not WHAT_IF_WORD.search(text):
        del alternatives["category"]  # (我在职还是退休呢 明年退: settled — not retired yet)
    chosen_level = next((h for h in reversed(hits) if "provider_level" in h.sets and not h.negated
                         and _LEVEL_CHOSEN_BEFORE.search(text, max(0, h.start - 5), h.start)), None)
    if chosen_level is not None and "provider_level" in alternatives and not WHAT_IF_WORD.search(text) \
            and chosen_level.start >= max(h.start for h in hits if "provider_level" in h.sets):
        # 社区中心可能是按二级医院算的，那就按二级吧: the level the person picks last is the one settled by
        del alternatives["provider_level"]
        values["provider_level"] = chosen_level.sets["provider_level"]
    if set(alternatives.get("category", ())) == {"employee", "retiree"} and "category" not in unknown \
            and (not conflict or conflict_slot == "category") and (_UNKNOWN.search(text) or _FLAG_UNSURE.search(text)) \
            and values.get("retired_month") is None and re.search(r"在职还是退休|退休还是在职|退没退", text) \
            and not re.search(r"内退", text) \
            and not re.search(r"办(?:了|完|好)(?:了)?(?:退休)?手续|手续(?:已经)?办(?:完|好)", text):
        # (刚办了手续: the papers are done — when decides it; that is asked, as pinned for K4-0422)
        # 在职还是退休不确定 手续刚办 / 说不清自己现在算在职还是退休（手续还在办）: not known which — both
        # cases side by side (the dialogue shows both, or says they agree)
        unknown.append("category")
        options = ("employee", "retiree")
        values["category"] = None
        conflict, conflict_slot = [], ""
    if set(alternatives.get("scheme", ())) == {"employee", "resident"} and (
            _UNKNOWN.search(text) or _EITHER_SCHEME.search(text)) and not _COMPARE_WORDS.search(text) \
            and employer_pays is None:
        # 他那个医保是啥我也搞不清，可能是职工的也可能是居民的: which scheme is not known — asked, never one picked
        values["scheme"] = values["category"] = None
    elif employer_pays is not None and set(alternatives.get("scheme", ())) == {"employee", "resident"} \
            and not _COMPARE_WORDS.search(text) and not WHAT_IF_WORD.search(text):
        del alternatives["scheme"]  # (居民还是职工搞不清，单位给交的: settled above — who pays)
        if set(alternatives.get("category", ())) <= {"employee", "resident"}:
            alternatives.pop("category", None)
    cities = len(slots.seen.get("city", ()))

    # (我女儿陪我去: the daughter went along — the visit and the account are the person's own)
    ben_hits = [h for h in find_beneficiaries(text) if not h.negated and not _ALONG_WITH.match(text, h.end)] \
        if account_mentioned else []
    use_values = [h for h in use_hits if not h.negated]
    evidence = Evidence(
        # (她家庭医生好像签了又好像没签，我不清楚: a fact not known is a fact of the visit too)
        has_facts=any(v is not None for k, v in values.items() if k not in ("days_ago", "months_ago")) or any(
            f in unknown for f in ("family_doctor", "poverty_registered", "signed", "referral")),
        has_amount=any(f in chosen for f in ("amount", "self_pay", "class_b_drug")),
        approximate_amount=rough is not None and "amount" not in chosen,
        has_place_or_person=any(values.get(k) is not None for k in ("city", "scheme", "category", "other_city")),
        has_provider=any(values.get(k) is not None for k in ("provider_kind", "provider_level", "prescribed_at_level")),
        # (今年起付线用了一部分: a position told, how much not yet — the person's year, not the rule asked)
        has_year_position=any(values.get(k) is not None
                              for k in ("first_visit_this_year", "deductible_met", "deductible_used", "fund_paid"))
        or _PARTIAL_DEDUCTIBLE.search(text) is not None,
        cities=cities,
        alternative_slots=tuple(alternatives),
        account_mentioned=account_mentioned,
        account_use_target=bool(use_values),
        beneficiary=bool(ben_hits),
    )
    retracted = FIRST_RETRACTED.search(text) if evidence.has_amount and "错" in text else None
    # 之前还有一次三甲的 九月份 花了一千二 刚才说今年第一次说错了: the year's first taken back beside an earlier
    # visit told — the visit is what the message is (the taking back is read as the fact denied)
    unretracted = text if retracted is None else text[:retracted.start()] + text[retracted.end():]
    intent, topic = classify(unretracted, evidence)
    if supposed_then and intent not in ("account_use", "account_credit"):
        intent = "what_if"
    if not evidence.has_facts:
        values["days_ago"] = values["months_ago"] = None  # 今天天气怎么样: no visit to date

    if intent in ("account_use", "account_credit"):
        owner = _PARENTS_ACCOUNT.search(text) if len(ben_hits) >= 2 else None
        if owner is not None:
            # 我妈的能用我爸的个人账户付吗: the account is a parent's, and the one it would pay for is the
            # other parent — that parent's spouse (never "parents", the person's own relation to them)
            others = [h for h in ben_hits if not (owner.start() <= h.start < owner.end())]
            if others and all(h.sets.get("beneficiary") == "parent" for h in others):
                ben_hits = [msgspec.structs.replace(others[-1], sets={**others[-1].sets, "beneficiary": "spouse"})]
        if ben_hits:
            values["beneficiary"] = ben_hits[-1].sets["beneficiary"]
            spans += _spans_for_hit(ben_hits[-1], None)
        if use_values:
            preferred = [h for h in use_values if h.sets["account_use"] in _USE_PRIORITY]
            use = (preferred or use_values)[0]
            values["account_use"] = use.sets["account_use"]
            spans += _spans_for_hit(use, None)
    if _DOCUMENT_ASKED_EN.search(text) and not _SLIP_EN.search(text):
        # Is that 50% minimum written in the Xi'an document?: the document asked about — a figure quoted in the
        # question is the rule's, not one to settle with
        for slot in ("stated_ratio", "stated_ratio_level", "stated_deductible", "stated_cap", "amount"):
            values[slot] = None
        intent, unplaced, ratio_said = "policy_fact", [], None
    if intent == "compare":
        for slot in alternatives:
            values[slot] = None
        if topic in ("deductible", "ratio", "cap") and _WHY_ASKED.search(text) and ("category" in alternatives or "scheme" in alternatives):
            # 起付线为什么退休是150，在职是200: each category's figure of the rule, quoted back — no bill
            values["amount"] = None
            unplaced = []
        if "scheme" in alternatives:
            values["category"] = None  # a category implies a scheme: it cannot hold for both
        if "city" in alternatives:
            values["district"] = None
    insured_elsewhere = next((h for h in place_hits if "other_city" in h.sets and not h.negated
                              and (_INSURED_THERE.match(text, h.end)
                                   or _INSURED_THERE_EN.search(text, max(0, h.start - 14), h.start)
                                   or _INSURED_THERE_BEFORE.search(text, max(0, h.start - 6), h.start)
                                   or ((_LANDMARK_CITY.search(text) or _VISIT_IN_CITY.search(text))
                                       and _FROM_THERE.search(text, max(0, h.start - 3), h.start)))),
                             None)
    if insured_elsewhere is not None and values.get("city") is not None \
            and _WORKS_THERE.match(text, insured_elsewhere.end) \
            and re.search(rf"{_KIN}(?:是|的医保是|在)?{re.escape(values['city'])}", text):
        # 我在成都工作 我爸是南充退休职工 在南充的…看门诊: where the writer works — the father's visit, in his city
        # (not out of it: 在成都 was the writer's work, never the visit's place)
        insured_elsewhere = None
        values["other_city"] = values["offsite"] = None
    if insured_elsewhere is not None and values.get("city") is not None:
        # 我在重庆交的医保，来南昌看病: the insurance is 重庆's; 南昌 is only where the visit was
        values["other_city"] = insured_elsewhere.sets["other_city"]
        values["city"] = values["district"] = None
    values["policy"] = policy_for(values.get("city"), values.get("scheme"), values.get("category"))

    # several visits in one message (今年看了两次：3月一级医院300，今天三级医院900): one set of
    # visit facts per visit, the person's facts once; the last visit is the one answered
    earlier: tuple[Facts, ...] = ()
    enumerated = False
    unknown_visits = _UNKNOWN_EARLIER_VISITS.search(text)
    if unknown_visits:
        # 后来又看过两次不记得多少钱: visits this year whose bills are not known — what the fund has paid
        # so far is asked; the visits told are not settled as if they were the whole year
        values["claimed_before"] = True
        values["first_visit_this_year"] = None
    # (every match of _TIME_MARKERS holds 天, 月, 周, 号 or 日)
    time_word = "天" in text or "月" in text or "周" in text or "号" in text or "日" in text
    if _split and not unknown_visits and (_MULTI_VISIT.search(text)
                                          or (time_word and len(set(_TIME_MARKERS.findall(text))) >= 2)):
        segments = _by_ordinal(text, bounds, amounts, _visit_segments(text, bounds, amounts))
        marked = segments[1:]  # the segments that start a visit of their own (each needs a when or a where)
        if len(segments) == 2 and _SAID_EARLIER.search(text, *segments[1]) and not _SAID_EARLIER.search(text, *segments[0]) \
                and (not _TIME_MARKERS.search(text, *segments[0]) or _RECENT_WORD.search(text, *segments[0])):
            segments = [segments[1], segments[0]]  # 花了1000，今年之前看过一次花了300: the 300 came first
        if len(segments) >= 2:
            subs = [understand(text[lo:hi], _split=False, today=today).facts for lo, hi in segments]
            # 去年在二附院花了2000，今天…1500: a visit of last year, its month not said — of that year all the same
            subs = [msgspec.structs.replace(f, year=(today or dt.date.today()).year - 1)
                    if f.year is None and "去年" in text[lo:hi] else f for f, (lo, hi) in zip(subs, segments, strict=True)]
            for i in range(1, len(subs)):
                if subs[i].provider_kind is None and subs[i].provider_level is None:
                    prev = subs[i - 1]  # 今天花了90，前天花了150: the same place
                    subs[i] = msgspec.structs.replace(subs[i], provider_kind=prev.provider_kind,
                                                      provider_level=prev.provider_level,
                                                      provider_grade=prev.provider_grade)
            if subs and subs[0].provider_kind is None and subs[0].provider_level is None and len(subs) > 1:
                # 3月份看过一次花了400，今天二级医院又花了500: the earlier visit's place is not said —
                # taken as this one's only where that cannot change the figure (the dialogue checks)
                subs[0] = msgspec.structs.replace(subs[0], provider_kind=subs[1].provider_kind,
                                                  provider_level=subs[1].provider_level,
                                                  provider_grade=subs[1].provider_grade,
                                                  provider_assumed=True if subs[1].provider_level else None)
            # (今天看了两次病，上午120，下午80: the day's visits counted, each clause by its part of the day)
            dayparts = _DAYPARTS_COUNTED.search(text) is not None
            if all(f.amount is not None for f in subs) and all(
                    (dayparts and _DAYPART.match(text, lo) is not None)
                    or (_VISIT_MARKER.search(text, lo, hi) and (_VISIT_WORD.search(text, lo, hi) or _ORDINAL.search(text, lo, hi)
                                                                # (第一次80，这次120: this one, set against the first)
                                                                or _THIS_VISIT.match(text, lo) is not None)
                    and (_WHEN_OR_WHERE.search(text, lo, hi) is not None
                         # 上次花了七百，这次花了650: this visit set against the last one said before it
                         or (_THIS_VISIT.search(text, lo, hi) is not None and _LAST_VISIT.search(text, 0, lo) is not None)
                         # 这次花了150，上次花了200: the last one said after this one (put first above)
                         or (_LAST_VISIT.search(text, lo, hi) is not None and _THIS_VISIT.search(text, 0, lo) is not None)))
                    for lo, hi in marked):
                visit_fields = _VISIT_FACTS
                earlier = tuple(Facts(**{k: getattr(f, k) for k in visit_fields if getattr(f, k) is not None})
                                for f in subs[:-1])
                for k in visit_fields:
                    if k in _WHERE_FACTS and getattr(subs[-1], k) is None \
                            and (subs[-1].provider_kind is None or k not in ("provider_level", "provider_grade")):
                        continue  # 签约卫生院，看了两次：the place said once for both
                    # (…社区做理疗花了320；…去了省中医院…665；这个月20号复诊又花了410: the last visit's place
                    # is the hospital named, its level not said — never the first visit's 社区)
                    values[k] = getattr(subs[-1], k)
                earlier = tuple(_place_filled(f, values) for f in earlier)
                for slip_line in amounts:
                    if slip_line.role in _SLIP_ROLES and slip_line.start < segments[-1][0] and values.get(_ROLE_FIELD[slip_line.role]) == slip_line.value:
                        # 12号三级医院花400，结算单统筹是0。今天二级医院500: the slip slip_line is the earlier
                        # visit's (settled again from its bill) — never checked against today's
                        values[_ROLE_FIELD[slip_line.role]] = None
                unplaced = []
                if not (conflict_slot == "year_start" and _YEAR_FIRST_SAID.search(text)) and conflict_slot != "person":
                    # (今年头一回看病，之前看过一次: still a conflict; 她是居民医保，我是职工…我妈昨天…我上周三:
                    # two people's visits — whose is asked, never one year of both)
                    conflict, conflict_slot = [], ""
                unknown = [u for u in unknown if u not in ("provider_level", "provider_grade")]
                # (看了两回病 第一回三百 第二回五百, no year said: the visits before the first are not said — asked)
                enumerated = bool(_ALL_VISITS.search(text)) and (_YEAR_SCOPE.search(text) is not None
                                                                 or any(f.month is not None for f in earlier))
                if enumerated:
                    met = next((h for h in hits if h.sets.get("deductible_met") is True and not h.negated), None)
                    if met is not None and values.get("deductible_met") is True:
                        # 起付线已经扣完了 … 前面就看过一次花了300: the dialogue asks which holds when the
                        # earlier visits fall short of the deductible (the calculator's figure)
                        met_with_visits = (_quote(text, bounds, met.start), _quote(text, bounds, segments[0][1] - 1))
                    for k in ("fund_paid", "deductible_met", "deductible_used", "deductible_remaining"):
                        values[k] = None
                    if "year_start" not in unknown:  # (这两次之前今年有没有报过我也不知道: not known — asked)
                        values["first_visit_this_year"] = True  # 今年就这两次: the first one opened the year
                elif values.get("first_visit_this_year") is False:
                    values["first_visit_this_year"] = None
                never = _NEVER_SEEN.search(text)
                if not conflict and never is not None and (earlier_told := _EARLIER_TIME.search(
                        text, _clause_of(bounds, never.start())[1], segments[-2][1])) is not None:
                    # 今年还没看过病，上个月在社区医院花了800，今天…: no visit this year, and a visit last
                    # month — which holds is asked (never the earlier visit settled as if it were so)
                    conflict = [never.group(0), _quote(text, bounds, earlier_told.start())]
                    conflict_slot = "year_start"
                if values.get("first_visit_this_year") is True and not conflict \
                        and (said_first := _YEAR_FIRST_SAID.search(text)) is not None \
                        and not _AMOUNT_IN.search(text, *_clause_of(bounds, said_first.start())) \
                        and (earlier_said := _EARLIER_TIME.search(text, _clause_of(bounds, said_first.start())[1],
                                                                  segments[-2][1])) is not None \
                        and _CONTRAST.search(text, *_clause_of(bounds, earlier_said.start())):
                    # 今年第一次门诊，但是上个月已经看过一次: this visit called the year's first beside an
                    # earlier one this year — which holds is asked (never the earlier visit dropped)
                    conflict = [said_first.group(0), _quote(text, bounds, earlier_said.start())]
                    conflict_slot = "year_start"
                if intent in ("add_visit", "what_if", "compare"):
                    intent = "calculate"
    if earlier and (today_no_bill := _TODAY_NO_BILL.search(text)) is not None \
            and all(a.end <= today_no_bill.start() for a in amounts) and values.get("amount") is not None:
        # 3月…花了300，6月又…花了500，都报过了。今天又去嘉陵区人民医院看了: every figure is of an earlier
        # visit — today's bill is not told; it is asked (the last figure is never taken as today's)
        last = Facts(**{k: values.get(k) for k in _VISIT_FACTS if values.get(k) is not None})
        earlier = (*earlier, last)
        for k in _VISIT_FACTS:
            values[k] = None
        values["days_ago"] = 0

    if _split and not earlier and values.get("amount") is not None and (again := _WENT_AGAIN.search(text)) is not None \
            and all(a.end <= again.start() for a in amounts) and _FIRST_TOLD.search(text, 0, again.start()) \
            and not _WENT_AGAIN.search(text, 0, again.start()):
        # 今年第一次是3月15号在二级医院，花了1200。5月2号又去了同一家医院，第二次统筹报了多少: the figure is the
        # first visit's; the visit asked about came after it and its bill is not told — asked (never the
        # first visit's bill answered for it)
        first_part = understand(text[:again.start()], _split=False, today=today).facts
        later_part = understand(text[again.start():], _split=False, today=today).facts
        earlier = (Facts(**{k: getattr(first_part, k) for k in _VISIT_FACTS if getattr(first_part, k) is not None}),)
        for k in _VISIT_FACTS:
            values[k] = getattr(later_part, k)
        if values.get("provider_kind") is None and values.get("provider_level") is None:
            for k in ("provider_kind", "provider_level", "provider_grade"):  # (同一家医院 / the same hospital)
                values[k] = getattr(first_part, k)
        if values.get("first_visit_this_year") is True or first_part.first_visit_this_year:
            values["first_visit_this_year"] = True  # the first one opened the year
        unplaced = []
    bills = [a for a in amounts if a.role in (None, "total") and not a.approximate and not a.negated]
    split_total = not earlier and len(bills) == 1 and bool(
        _TOGETHER.search(text, _clause_of(bounds, bills[0].start)[0], bills[0].start)) \
        and not _ITEMS_SUMMED.search(text, max(0, bills[0].start - 24), bills[0].start) and bool(
        _TWO_PLACES.search(text) or (len(_VISIT_MARKER.findall(text)) >= 2 and _MULTI_VISIT.search(text))
        or _TWO_VISITS_TOGETHER.search(text)) and not any(
        # …一共花了六百三十，今年三月份看过一回，那次统筹报了一百来块: the earlier visit's own figure is told —
        # the 630 is this visit's, not the two together
        a.role == "fund_paid" and re.search("那次|那回|那一次", text[_clause_of(bounds, a.start)[0]:a.start])
        for a in amounts)
    if split_total:
        conflict, conflict_slot = [], ""

    if _SAME_PARAMETERS.search(text):
        values["stated_same"] = True
    if retired_either and _UNKNOWN.search(text) and values.get("category") in ("retiree", None) \
            and (not unknown or unknown == ["retired_on"]):
        unknown[:] = []  # (今年退休，手续是9月还是10月办完的记不清了: the months said, not asked again)
        # the retirement month not known and it may decide the category this month: both side by side —
        # each month said, as a retirement date (9月还是10月办的退休记不清了), the calculator saying
        # whether it changes anything; else the two categories
        unknown.append("category")
        months = _months_said(retired_either.group(0), today or dt.date.today())
        # (6月还是7月办的退休，手续办没办完也不清楚: whether retired at all is not known — the categories)
        options = tuple(f"retired:{y:04d}-{m:02d}-01" for y, m in months) \
            if len(months) == 2 and not _PAPERS_UNKNOWN.search(text) else ("employee", "retiree")
        values["category"] = None
    if "year_start" in unknown and values.get("first_visit_this_year") is None and any(
            h.sets.get("first_visit_this_year") is False and not h.negated
            and not _HEDGED_NOT_FIRST.search(text, max(_clause_of(bounds, h.start)[0], h.start - 8), h.end + 3)
            for h in hits):
        values["first_visit_this_year"] = False  # 今年之前来过两次了，起付线过没过不知道: not the first, the rest asked
    elif "year_start" in unknown and values.get("first_visit_this_year") is None \
            and (_SEEN_BELIEVED.search(text) or _CLAIM_AMOUNT_UNKNOWN.search(text)) and not _FIRST_DOUBTED.search(text):
        # 今年好像看过一次门诊，不记得报没报 / 好像看过一两回，记不清了: the person believes there was a visit —
        # not the first; what it used is asked (never shown as if it may be the first: blind writers ask)
        values["first_visit_this_year"] = False
    both_of_one = _TWO_SLIPS_ONE_VISIT.search(text)
    if both_of_one is not None and values.get("amount") is not None:
        # 一次看病开了两张处方，一张380一张220: two slips of one visit — the bill is both
        values["amount"] = Decimal(both_of_one.group(1)) + Decimal(both_of_one.group(2))
        unplaced = [a for a in unplaced if a.value not in (Decimal(both_of_one.group(1)), Decimal(both_of_one.group(2)))]
    elif values.get("amount") is not None and _ONE_OF_TWO_UNSAID.search(text):
        # 看了两个科 一个380一个: the second figure is not said — the bill is asked, never the first taken
        values["amount"] = None
        for field in _ITEM_FIELDS:
            values[field] = None
    if "category" in unknown and "内退" in text:
        # 我是单位内退的: which rules apply is the question, not one of two to show side by side
        unknown = [x for x in unknown if x != "category"]
        options = ()
        values["category"] = None
    if pharmacy and "provider_level" in unknown and "prescribed_at_level" not in unknown:
        # 在药店买的药…是县医院开的，县医院几级不清楚: at a pharmacy the level not known is the prescription's
        # (a level said before a correction is not kept)
        unknown[unknown.index("provider_level")] = "prescribed_at_level"
        values["prescribed_at_level"] = values["prescribed_at_grade"] = None
    gone = _ITEM_GONE.search(text) if WHAT_IF_WORD.search(text) else None
    if gone is not None:
        # 如果没有那300自费呢: the part gone — the same bill with none of it (unless a new total is said:
        # 要是没有自费那100呢，就800)
        field = _ITEM_WORD_FIELD[gone.group("w")]
        if values.get(field) is not None and values.get("amount") == values.get(field):
            values["amount"] = None
        values[field] = Decimal("0")
    if values.get("first_visit_this_year") is True and (confused := _CONFUSED.search(text)) is not None:
        first_spans = [sp for sp in spans if sp.slot == "first_visit_this_year"]
        if any(sp.note == "negated" for sp in first_spans) and confused.start() > max(sp.end for sp in first_spans):
            # 今年第一次 又说不是第一次 我也糊涂了: both said, and the person unsure — the year's position asked
            values["first_visit_this_year"] = None
    each = _EACH_PRICED.search(text) if values.get("amount") is not None and not parts else None
    if each is not None and (boxes := parse_number(each.group("n"))) is not None and boxes > 1 \
            and any(a.start == each.end() and a.value == values["amount"] for a in amounts):
        # 买了两盒药 一盒68: the price of one box said, the boxes counted — the bill is both boxes
        values["amount"] = (values["amount"] * boxes).quantize(Decimal("0.01"))
    if values.get("category") == "employee" and _SELF_PAID_INSURANCE.search(text) and not _AT_WORK.search(text):
        # 他55岁，还没退休，自己交的社保: not retired, and paying the insurance oneself — flexible employment as
        # likely as a job (and 平凉's flexible workers have no account): the category is asked, never taken
        values["category"] = None
    if values.get("amount_of_parts") and _ONE_MORE_UNKNOWN.search(text):
        # 药费300，检查费200，还有一项记不清了: the lines told are not the whole bill — the bill is asked
        values["amount"] = values["amount_of_parts"] = None
    facts = Facts(**{k: v for k, v in values.items() if v is not None and k in _FACT_FIELDS})
    spans.sort(key=lambda s: (s.start, s.end))
    # a part named with no number (…开的中药): asked when the bill is known — said now, or earlier
    # (a what-if or a correction about the visit already described)
    loose_item = (values.get("amount") is not None or intent in ("what_if", "correct")) \
        and _loose_item_word(text, bounds, amounts) \
        and not any(values.get(f) is not None and values.get(f) == values.get("amount") for f in _ITEM_FIELDS)
    # (只开了中药饮片，一共一百八: the whole bill is that part — nothing left unsaid)
    if len(conflict) >= 2 and (conflict[0] == conflict[1] or (
            min(len(conflict[0]), len(conflict[1])) >= 4 and not _AMOUNT_IN.fullmatch(conflict[0])
            and (conflict[0] in conflict[1] or conflict[1] in conflict[0]))):
        # 未说明级别和在职退休: both “statements” are one clause — nothing two-sided was said; the fact is
        # left unsaid (and so asked), never put as a contradiction quoting the same words twice
        if conflict_slot in ("category", "person"):
            facts = msgspec.structs.replace(facts, category=None)
        conflict, conflict_slot = [], ""
    if conflict_slot in ("family_doctor", "poverty_registered") and conflict_slot in unknown:
        # 家庭医生好像签了又好像没签，我不清楚: both said as a doubt, then not known — shown both ways, not asked
        conflict, conflict_slot = [], ""
    return Understanding(
        split_total=split_total,
        visits=earlier,
        intent=intent,
        facts=facts,
        correction=intent == "correct" or is_correction(unretracted),
        held_back=tuple(dict.fromkeys(k for h in held_back for k in h.sets)),
        class_b_kind_open=class_b.text if (class_b := chosen.get("class_b_drug")) is not None
        and "药" not in (class_b.cue or "") and not _CLASS_B_KIND_WORD.search(text) and facts.class_b_drug is not None
        else None,
        topic=topic,
        approximate_amount=rough.value if rough is not None and "amount" not in chosen else None,
        alternatives=alternatives,
        spans=tuple(spans),
        text=text,
        unplaced=tuple(a.text for a in unplaced),
        unplaced_part=((unplaced[0].cue or "") + unplaced[0].text) if unplaced and unplaced[0].role == "part" else None,
        # (a cue said after the figure — 五十的单子 — is quoted after it)
        unplaced_quote=_GLUED.sub(" ", unplaced[0].text + unplaced[0].cue if unplaced[0].cue and unplaced[0].cue.startswith(
            ("的", "块", "元")) and text.startswith(unplaced[0].cue, unplaced[0].end)
            else (unplaced[0].cue or "") + unplaced[0].text)
        if unplaced and unplaced[0].role == "slip_unknown" else None,
        slip_inferred=slip_inferred,
        conflict=tuple(conflict) if intent != "compare" else (),
        conflict_slot=conflict_slot if intent != "compare" else "",
        unknown=tuple(unknown),
        unknown_options=options,
        english=_english(text),
        parts_only=parts_only,
        met_with_visits=met_with_visits,
        weak_place=weak_place,
        for_child=for_child,
        placement=placement,
        grouped=grouped.group(0) if (grouped := _FULLWIDTH_GROUP.search(message))
        and not _THOUSANDS_WITH_UNIT.match(message, grouped.start())
        # (57.38 … 我算65%是37.297: beside figures to the fen, three decimals are a share worked out)
        and not ("." in grouped.group(0) and _TO_THE_FEN.search(message)) else None,
        ratio_said=ratio_said,
        items_unquantified=loose_item or _unquantified(text, chosen) or any(
            a.approximate and a.role in _ITEM_FIELDS for a in amounts) or bool(_ROUGH_ITEM.search(text)),
    )
