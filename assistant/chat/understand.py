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

import re
from decimal import Decimal
from typing import Any

import msgspec

from .amounts import Amount, correction_between, extract_amounts
from .dates import DateMention, find_dates
from .gazetteer import CITIES, Hit, find_account_uses, find_beneficiaries, find_places, find_slots
from .intents import Evidence, classify, is_correction, mentions_account
from .normalise import normalise

__all__ = ["POLICIES", "Facts", "Span", "Understanding", "policy_for", "understand"]

POLICIES = ("nanchang-employee", "nanchang-resident", "nanchong-employee", "pingliang-employee", "xian-employee")


class Facts(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What a message says; every field None when the message does not say it."""

    policy: str | None = None
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
    year: int | None = None
    month: int | None = None
    day: int | None = None
    beneficiary: str | None = None  # self | spouse | parent | child | family | other
    account_use: str | None = None  # medicine | hospital | checkup | fitness | wellness | cash | …

    def said(self) -> dict[str, Any]:
        """The facts the message states, as a dict (fields that are None left out)."""
        return {f: v for f in self.__struct_fields__ if (v := getattr(self, f)) is not None}


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """What text matched what (for debugging); positions index ``Understanding.text``."""

    start: int
    end: int
    text: str
    slot: str
    value: str
    note: str | None = None  # negated | approximate | weak | prescription | ignored


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
    prefix = CITIES.get(city)
    return None if prefix is None else f"{prefix}-employee"


_CLAUSE = re.compile(r"[,，。;；!！?？\n]")
_PRESCRIPTION = re.compile(r"处方|方子|药方|单子")
_ALTERNATIVE_SLOTS = ("city", "scheme", "category", "provider_kind", "provider_level", "provider_grade")
_ROLE_FIELD = {
    None: "amount",
    "total": "amount",
    "self_pay": "self_pay",
    "class_b_drug": "class_b_drug",
    "fund_paid": "fund_paid",
    "deductible_used": "deductible_used",
    "account_balance": "account_balance",
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


_JOINER = re.compile(r"[和跟与或还比,，、;；]")


def _qualified(text: str, hit: Hit, slot: str, explicit: list[Hit]) -> bool:
    """True when an explicit value sits right next to the word that implies one (二级的卫生院)."""
    for other in explicit:
        if slot not in other.sets:
            continue
        lo, hi = (other.end, hit.start) if other.end <= hit.start else (hit.end, other.start)
        if 0 <= hi - lo <= 3 and not _JOINER.search(text, lo, hi):
            return True
    return False


def _pick_amounts(text: str, amounts: list[Amount]) -> dict[str, Amount]:
    chosen: dict[str, Amount] = {}
    for amount in amounts:
        if amount.approximate or amount.negated or amount.role == "other":
            continue
        field = _ROLE_FIELD[amount.role]
        current = chosen.get(field)
        if (
            current is None
            or correction_between(text, current.end, amount.start)
            or (amount.explicit and not current.explicit)
        ):
            chosen[field] = amount
    return chosen


def _merge_dates(dates: list[DateMention]) -> tuple[int | None, int | None, int | None]:
    year = month = day = None
    for d in dates:
        if d.year is not None:
            year = d.year
        if d.month is not None:
            month, day = d.month, d.day
    return year, month, day


def understand(message: str) -> Understanding:
    """Classify one chat message and extract the facts it states."""
    text = normalise(message)
    spans: list[Span] = []

    # dates first: they are masked before amounts are looked for
    dates = find_dates(text)
    for d in dates:
        spans.append(Span(start=d.start, end=d.end, text=d.text, slot="date",
                          value=f"{d.year or '?'}-{d.month or '?'}-{d.day or '?'}"))
    amounts = extract_amounts(text, normalised=True)

    account_mentioned = mentions_account(text)
    use_hits = find_account_uses(text) if account_mentioned else []
    contribution = [h for h in use_hits if h.sets.get("account_use") == "resident_contribution"]

    slots = _Slots()
    bounds = _clause_bounds(text)

    # places ------------------------------------------------------------------------------
    place_hits = find_places(text)
    strong = [h for h in place_hits if h.priority >= 1 and not h.negated]
    strong_cities = {h.sets["city"] for h in strong if "city" in h.sets}
    other_city_named = any("other_city" in h.sets for h in strong)
    for hit in place_hits:
        if hit.negated:
            spans += _spans_for_hit(hit, "negated")
            continue
        weak = hit.priority == 0 and "city" in hit.sets
        if weak and (other_city_named or (strong_cities and hit.sets["city"] not in strong_cities)):
            spans += _spans_for_hit(hit, "weak")
            continue
        spans += _spans_for_hit(hit, "weak" if weak else None)
        for slot, value in hit.sets.items():
            slots.offer(slot, value, 1, hit.start)

    # scheme, category, provider, yes/no facts ------------------------------------------------
    hits = find_slots(text)
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
            implied = hit.priority == 0 and _qualified(text, hit, slot, explicit)
            slots.offer(slot, value, hit.priority, hit.start, alternative=not implied)
    if pharmacy:
        slots.offer("provider_kind", "pharmacy", 9, len(text))

    # amounts ---------------------------------------------------------------------------------
    for amount in amounts:
        note = "approximate" if amount.approximate else "negated" if amount.negated else None
        if amount.role == "other":
            note = "ignored"
        spans.append(Span(start=amount.start, end=amount.end, text=amount.text,
                          slot=_ROLE_FIELD.get(amount.role, "other"), value=str(amount.value), note=note))
    chosen = _pick_amounts(text, amounts)
    rough = next((a for a in amounts if a.approximate and not a.negated and a.role in (None, "total")), None)

    year, month, day = _merge_dates(dates)

    values: dict[str, Any] = {slot: slots.get(slot) for slot in slots.best}
    # a weak district's city must agree with the city chosen
    if values.get("district") is not None:
        district_city = next((h.sets["city"] for h in place_hits if h.sets.get("district") == values["district"]), None)
        if district_city != values.get("city"):
            values["district"] = None
    values.update({field: a.value for field, a in chosen.items()})
    values.update({"year": year, "month": month, "day": day})
    if values.get("offsite_filed") is not None and values.get("offsite") is None:
        values["offsite"] = True

    alternatives = {slot: tuple(slots.seen[slot]) for slot in _ALTERNATIVE_SLOTS if len(slots.seen.get(slot, ())) >= 2}
    cities = len(slots.seen.get("city", ()))

    ben_hits = [h for h in find_beneficiaries(text) if not h.negated] if account_mentioned else []
    use_values = [h for h in use_hits if not h.negated]
    evidence = Evidence(
        has_facts=any(v is not None for v in values.values()),
        has_amount=any(f in chosen for f in ("amount", "self_pay", "class_b_drug")),
        approximate_amount=rough is not None and "amount" not in chosen,
        has_place_or_person=any(values.get(k) is not None for k in ("city", "scheme", "category", "other_city")),
        has_provider=any(values.get(k) is not None for k in ("provider_kind", "provider_level", "prescribed_at_level")),
        has_year_position=any(values.get(k) is not None
                              for k in ("first_visit_this_year", "deductible_met", "deductible_used", "fund_paid")),
        cities=cities,
        alternative_slots=tuple(alternatives),
        account_mentioned=account_mentioned,
        account_use_target=bool(use_values),
        beneficiary=bool(ben_hits),
    )
    intent, topic = classify(text, evidence)

    if intent in ("account_use", "account_credit"):
        if ben_hits:
            values["beneficiary"] = ben_hits[-1].sets["beneficiary"]
            spans += _spans_for_hit(ben_hits[-1], None)
        if use_values:
            preferred = [h for h in use_values if h.sets["account_use"] in _USE_PRIORITY]
            use = (preferred or use_values)[0]
            values["account_use"] = use.sets["account_use"]
            spans += _spans_for_hit(use, None)
    if intent == "compare":
        for slot in alternatives:
            values[slot] = None
        if "scheme" in alternatives:
            values["category"] = None  # a category implies a scheme: it cannot hold for both
        if "city" in alternatives:
            values["district"] = None
    values["policy"] = policy_for(values.get("city"), values.get("scheme"), values.get("category"))

    facts = Facts(**{k: v for k, v in values.items() if v is not None and k in Facts.__struct_fields__})
    spans.sort(key=lambda s: (s.start, s.end))
    return Understanding(
        intent=intent,
        facts=facts,
        correction=intent == "correct" or is_correction(text),
        topic=topic,
        approximate_amount=rough.value if rough is not None and "amount" not in chosen else None,
        alternatives=alternatives,
        spans=tuple(spans),
        text=text,
    )
