"""The settlement pipeline: a year of outpatient visits under one policy document.

Each step of a visit is a named rule function below, under the article it implements (its
docstring quotes the sentence, per document where they differ, and names the pack section the
figures come from); the figures themselves are read from the rule pack, never written here:

1. :func:`check_eligibility` — a visit the fund does not pay for at all leaves the whole bill
   personal (non-designated provider, inpatient stay, suspended benefits, out of area without
   filing, a visit away from the signed institution where the scheme has one);
2. :func:`settle_category` — which insured category's figures apply (retirement within the year,
   flexible workers settled as employees);
3. :func:`apply_scope` — self-pay items and the document's exclusions leave;
4. :func:`apply_first_self_pay` — the class-B shares the patient pays first (平凉 第六条);
5. :func:`apply_deductible` — what is left of the year's deductible is taken from the in-scope
   amount;
6. :func:`apply_ratio` — the amount above the deductible times the ratio, rounded to the fen
   half-up;
7. :func:`apply_cap` — the fund's share is limited to what is left of the year's cap;
8. :func:`pay_from_account` — the personal account pays the personal share up to its balance;
   cash the rest.

The year state (deductible used, fund paid toward the cap, account balance) carries from visit to
visit. :func:`settle` is pure: a request and its pack in, a result out, no I/O and no environment.
:func:`calculate` is the public wrapper that finds the pack in the registry
(:mod:`calculator.registry`).

Every step records its inputs, the amount it moves, its citations and the readings it relies on.
The trace is built only for the visits asked for (``trace``): the figures are computed by the same
functions either way — the trace is narration added after each rule has produced its figures.
Citations are built once per pack (:class:`PackCitations`) and shared: they are immutable; so are
the figures read from a pack or a supplement (a figure the request supplies is its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import get_args

import msgspec

from . import vocabulary
from .errors import (
    CalculatorError,
    FieldError,
    InvalidRequest,
    ItemNotNamed,
    MissingFact,
    MissingParameter,
    OutOfForce,
)
from .money import FEN, MONEY_CONTEXT, ZERO, multiply, round_fen, round_share, share
from .packs import Cited, Pack
from .registry import default_registry
from .request import CalculationRequest, Item, ItemCategory, Visit
from .result import (
    AccountStep,
    Assumption,
    CalculationResult,
    CapStep,
    CategoryStep,
    CitationOut,
    DeductibleStep,
    EligibilityStep,
    FirstSelfPayLine,
    FirstSelfPayStep,
    PolicyRef,
    RatioPart,
    RatioStep,
    ScopeLine,
    ScopeStep,
    Step,
    Totals,
    VisitResult,
    YearEnd,
)
from .supplements import Supplement

__all__ = [
    "PackCitations",
    "apply_cap",
    "apply_deductible",
    "apply_first_self_pay",
    "apply_ratio",
    "apply_scope",
    "calculate",
    "check_eligibility",
    "check_parameters",
    "pay_from_account",
    "settle",
    "settle_category",
]

_PLAIN_IN_SCOPE = frozenset({"in_scope", "consultation", "tcm"})
_CLASS_B = frozenset({"class_b_drug", "class_b_service"})
_ONE_HUNDRED = Decimal(100)
#: a provider level as the ratio tables write it (``3``, then ``3A`` with a grade)
_LEVEL_KEYS = {1: "1", 2: "2", 3: "3"}


# An amount in the trace's words is written ``f"{amount!s}元"``: ``str`` of the Decimal (``429.00``),
# the same text as ``f"{amount}"`` without the format-spec machinery, which costs twice as much;
# a trace says a few dozen amounts.


#: percent() of the ratios met so far: a handful per pack (a request's ratios have ≤ 4 places)
_PERCENTS: dict[Decimal, str] = {}


def percent(value: Decimal) -> str:
    """``55%`` for 0.55. Memoised by value: the text depends on the value only (normalised)."""
    found = _PERCENTS.get(value)
    if found is None:
        pct = MONEY_CONTEXT.multiply(value, _ONE_HUNDRED).normalize(MONEY_CONTEXT)
        found = f"{pct:f}%"
        if len(_PERCENTS) < 4096:
            _PERCENTS[value] = found
    return found


# The rules take the lesser or greater of two amounts written out (``b if b < a else a``, which
# is ``min(a, b)``, the first when equal): the builtins pack their arguments into a tuple and
# parse them, which costs more than the comparison, a dozen times a visit.

def _left(limit: Decimal, used: Decimal) -> Decimal:
    """What is left of a yearly limit (deductible, cap): ``max(ZERO, limit - used)``."""
    return limit - used if limit > used else ZERO


def _add(target: list[CitationOut], new: Sequence[CitationOut]) -> None:
    for c in new:
        if c not in target:
            target.append(c)


# -- citations, built once per pack ----------------------------------------------------------------

class PackCitations:
    """The citations and reading assumptions of one pack, built once and shared between results.

    A :class:`~calculator.result.CitationOut` is frozen, so one object may sit in many results.
    Look-ups are memoised by the pack part (``id`` of an object the pack holds, stable while the
    pack lives — this object keeps a reference to it).
    """

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._by_text: dict[tuple[str, str], CitationOut] = {}
        self._by_obj: dict[int, tuple[CitationOut, ...]] = {}
        self._readings: dict[str, tuple[CitationOut, ...]] = {}
        self._assumptions: dict[str, Assumption] = {}
        self.policy_ref = PolicyRef(
            id=pack.meta.id, title=pack.meta.title, document_number=pack.meta.document_number,
            name=pack.meta.name, name_en=pack.meta.name_en, city=pack.meta.city, city_en=pack.meta.city_en,
            scheme=pack.meta.scheme, issuer=pack.meta.issuer, numbering=pack.meta.numbering)
        self.excluded_by: dict[str, object] = {ex.category: ex for ex in pack.excluded}
        self.ineligible: dict[str, object] = {rule.when: rule for rule in pack.ineligible}
        # The figures that do not depend on a request, by (what, category[, tier], id(supplement)),
        # each stored with the supplement it was read from (None: the pack's own), which a look-up
        # checks by identity: the id of a supplement no longer in use may be taken again.
        self.amounts: dict[tuple[str, str, int], tuple[Supplement | None, Figure | None]] = {}
        self.ratios: dict[tuple[str, str, int], tuple[Supplement | None, Figure]] = {}
        self.ratio_keys: dict[tuple[str, int], tuple[Supplement | None, frozenset[str]]] = {}
        self.supplement_cites: dict[int, tuple[Cited, CitationOut]] = {}
        # the same for the pack's own figures (no supplement in force), by (what, category) and
        # (category, tier)
        self.own_amounts: dict[tuple[str, str], Figure | None] = {}
        self.own_ratios: dict[tuple[str, str], Figure] = {}
        self.own_ratio_keys: dict[str, frozenset[str]] = {}
        # The citations and words every settled visit of the pack repeats.
        self.annual = self.of(pack.annual)
        self.scope = self.of(pack.scope)
        self.account = self.of(pack.account)
        self.first_self_pay: dict[str, tuple[tuple[CitationOut, ...], str, str]] = {
            cat: (self.of(rate), vocabulary.ITEM_CATEGORIES_SHORT[cat], percent(rate.value))
            for cat, rate in pack.first_self_pay.items()}
        self.none_for: dict[str, object] = {}
        for rule in pack.account.none_for:
            self.none_for.setdefault(rule.category, rule)
        signed = pack.signed_institution
        elig_rule = self.ineligible.get("not_signed" if signed else "non_designated")
        self.eligible_citations = self.of(elig_rule) if elig_rule else ()
        self.eligible_text = (("在门诊统筹签约机构（或经同意转诊）就诊" if signed else "在定点医药机构就诊")
                              + "，属于普通门诊统筹支付范围。")
        self._scope_rules: dict[str | None, dict[str, ScopeRule]] = {}

    def scope_rules(self, referral_key: str | None) -> dict[str, ScopeRule]:
        """How :func:`apply_scope` treats each item category the pack names, for a visit without a
        referral (None) or on one: (reason it leaves the scope or None, the citations its line
        adds to the step, the reading it rests on or ""). A category the document does not name
        and no reading covers is absent: the visit cannot be settled."""
        found = self._scope_rules.get(referral_key)
        if found is None:
            pack = self.pack
            referral = pack.referral.get(referral_key) if referral_key else None
            found = {}
            for cat in get_args(ItemCategory):
                rule: ScopeRule | None = None
                if cat == "self_pay":
                    rule = ("self_pay", self.scope, "")
                elif cat in self.excluded_by:
                    rule = ("excluded", self.of(self.excluded_by[cat]), "")
                elif referral is not None and cat not in referral.scope:
                    rule = ("referral_scope", self.of(referral), "")
                elif cat not in _PLAIN_IN_SCOPE and cat not in _CLASS_B:
                    rid = pack.item_readings.get(cat, "")
                    if rid:
                        rule = (None, (), rid)
                elif cat in _CLASS_B and not pack.first_self_pay and pack.class_b_reading:
                    rule = (None, (), pack.class_b_reading)
                else:
                    rule = (None, (), "")
                if rule is not None:
                    found[cat] = rule
            self._scope_rules[referral_key] = found
        return found

    def cite(self, article: str, quote: str) -> CitationOut:
        key = (article, quote)
        c = self._by_text.get(key)
        if c is None:
            c = self._by_text[key] = CitationOut(policy=self.pack.id, article=article, quote=quote)
        return c

    def of(self, obj: object) -> tuple[CitationOut, ...]:
        """The citation of a pack part (its ``article`` and ``quote``), or none."""
        key = id(obj)
        found = self._by_obj.get(key)
        if found is None:
            article, quote = getattr(obj, "article", ""), getattr(obj, "quote", "")
            found = self._by_obj[key] = (self.cite(article, quote),) if article and quote else ()
        return found

    def reading(self, reading_id: str) -> tuple[CitationOut, ...]:
        found = self._readings.get(reading_id)
        if found is None:
            found = self._readings[reading_id] = tuple(
                self.cite(c.article, c.quote) for c in self.pack.reading(reading_id).citations)
        return found

    def assumption(self, reading_id: str) -> Assumption:
        found = self._assumptions.get(reading_id)
        if found is None:
            r = self.pack.reading(reading_id)
            found = self._assumptions[reading_id] = Assumption(
                id=reading_id, kind="reading", text=r.text, text_en=r.text_en, reason=r.reason,
                citations=list(self.reading(reading_id)))
        return found


_COMPILED: dict[int, PackCitations] = {}


def citations_of(pack: Pack) -> PackCitations:
    """The pack's shared citations (built on first use; keyed by the pack object itself)."""
    found = _COMPILED.get(id(pack))
    if found is None or found.pack is not pack:
        found = _COMPILED[id(pack)] = PackCitations(pack)
    return found


# -- one calculation -------------------------------------------------------------------------------

class YearState:
    """What a year carries from visit to visit."""

    __slots__ = ("balance", "deductible_used", "fund_paid")

    def __init__(self, deductible_used: Decimal, fund_paid: Decimal, balance: Decimal | None) -> None:
        self.deductible_used = deductible_used
        self.fund_paid = fund_paid
        self.balance = balance


#: how apply_scope treats an item category: (reason it leaves the scope or None, citations, reading)
ScopeRule = tuple[str | None, tuple[CitationOut, ...], str]


class Figure:
    """A figure the calculation uses, with where it comes from."""

    __slots__ = ("_with_annual", "citations", "more_places", "readings", "supplied", "text", "value")

    def __init__(self, value: Decimal, citations: Sequence[CitationOut], readings: list[str],
                 supplied: bool = False) -> None:
        self.value = value
        #: the value in the trace's words (``str``: ``1500.00``), written once per figure
        self.text = str(value)
        self.citations = citations
        self.readings = readings
        self.supplied = supplied
        #: written with more than two places (a supplied ``1500.000``): see :func:`settle`'s totals
        self.more_places = value.as_tuple().exponent < -2  # type: ignore[operator]
        self._with_annual: tuple[CitationOut, ...] | None = None

    def with_annual(self, annual: Sequence[CitationOut]) -> tuple[CitationOut, ...]:
        """The figure's citations followed by the pack's ``[annual]`` ones it does not already
        have (in that order). Kept on the figure: a pack's figure is shared per pack, and its
        ``[annual]`` citations are those of the same pack."""
        found = self._with_annual
        if found is None:
            merged = list(self.citations)
            _add(merged, annual)
            found = self._with_annual = tuple(merged)
        return found


class Context:
    """One calculation: the pack, its citations, the request, and the readings used (in order).

    A figure that does not depend on the request (the pack's own, or a supplement's) is looked
    up once per pack and supplement (:class:`PackCitations` keeps it); a figure the request
    supplies (``parameters``) is this calculation's own.
    """

    def __init__(self, pack: Pack, req: CalculationRequest, supplements: Sequence[Supplement] = ()) -> None:
        self.pack = pack
        self.cites = citations_of(pack)
        self.req = req
        self.params = req.parameters
        self.supplements = supplements
        #: the supplement in force on the visit being settled (None: the pack's own figures)
        self.active: Supplement | None = None
        self.used_readings: list[str] = []
        self._supplied: CitationOut | None = None
        #: a deductible or cap figure used has more than two places (see settle's totals)
        self.more_places = False
        #: this calculation's deductible and cap figures by (name, category), for the supplement
        #: in force (:meth:`activate` empties it when that changes): the year-end figures are
        #: those of the last visit, looked up again
        self.figures: dict[tuple[str, str], Figure | None] = {}

    def activate(self, sup: Supplement | None) -> None:
        """The supplement in force on the next visit (None: the pack's own figures)."""
        if sup is not self.active:
            self.active = sup
            self.figures.clear()

    def supplement_on(self, day: dt.date) -> Supplement | None:
        for sup in self.supplements:
            if sup.in_force.covers(day):
                return sup
        return None

    def _supplement_cite(self, sup: Supplement, cited: Cited) -> CitationOut:
        shared = self.cites.supplement_cites
        found = shared.get(id(cited))
        if found is None or found[0] is not cited:
            found = shared[id(cited)] = (cited, sup.cite(self.pack.id, cited))
        return found[1]

    def use(self, reading_id: str) -> list[str]:
        """Record a reading as used; the list of it (empty for no reading)."""
        if not reading_id:
            return []
        if reading_id not in self.used_readings:
            self.used_readings.append(reading_id)
        return [reading_id]

    def supplied(self) -> CitationOut:
        if self._supplied is None:
            params = self.params
            self._supplied = CitationOut(policy=self.pack.id, article=None, quote=None, supplied=True,
                                         source=params.source if params else None)
        return self._supplied

    def _bureau_citations(self) -> tuple[CitationOut, ...]:
        return self.cites.of(self.pack.supplied) if self.pack.supplied else ()

    def _supplied_value(self, name: str, category: str) -> Decimal | None:
        params = self.params
        table = getattr(params, name) if params else None
        if not table:
            return None
        return table.get(category, table.get(self.pack.settled_category(category)))

    def amount_figure(self, name: str, category: str) -> Figure | None:
        """The deductible or cap for a category; None where the document sets none.

        Memoised for the calculation (:attr:`figures`): a figure met again has had its readings
        recorded and its places counted already."""
        memo = self.figures
        key = (name, category)
        if key in memo:
            return memo[key]
        if self.params is not None and (supplied := self._supplied_value(name, category)) is not None:
            given = Figure(supplied, (self.supplied(), *self._bureau_citations()), [], supplied=True)
            self.more_places |= given.more_places
            memo[key] = given
            return given
        active = self.active
        if active is None:  # the pack's own figure, the common case: keyed without a supplement
            own = self.cites.own_amounts
            if key in own:
                fig = own[key]
            else:
                fig = own[key] = self._amount_figure(name, category)
        else:
            found = self.cites.amounts.get((name, category, id(active)))
            if found is None or found[0] is not active:
                found = self.cites.amounts[name, category, id(active)] = (active, self._amount_figure(name, category))
            fig = found[1]
        memo[key] = fig
        if fig is not None:
            self.more_places |= fig.more_places
            for rid in fig.readings:
                self.use(rid)
        return fig

    def _amount_figure(self, name: str, category: str) -> Figure | None:
        """The pack's or the supplement's figure (request-independent: shared per pack)."""
        settled = self.pack.settled_category(category)
        sup = self.active
        if sup is not None:
            table: dict[str, Cited] = getattr(sup, name)
            from_sup = table.get(category, table.get(settled))
            if from_sup is not None:
                return Figure(from_sup.value, (self._supplement_cite(sup, from_sup),), [])
        cited = getattr(self.pack, name).get(settled)
        if cited is not None:
            return Figure(cited.value, self.cites.of(cited), [cited.reading] if cited.reading else [])
        none_reading = self.pack.no_deductible if name == "deductible" else self.pack.no_cap
        if none_reading:
            return None
        what = {"deductible": "起付标准", "cap": "年度最高支付限额"}[name]
        raise MissingParameter(
            code="missing_parameter", parameter=f"{name}.{settled}", path=f"parameters.{name}.{settled}",
            message=(f"{self.pack.meta.name}没有规定{vocabulary.CATEGORIES.get(settled, settled)}的普通门诊{what}，"
                     f"文件规定由医疗保障部门确定。请提供经办机构公布的{what}（parameters.{name}.{settled}）后再计算。"),
            citations=[msgspec.to_builtins(c) for c in self._bureau_citations()],
        )

    def ratio_keys(self, category: str) -> frozenset[str]:
        """The keys of the ratio table for a category (the pack's, a supplement's, the request's)."""
        params = self.params
        if params is not None and params.ratio:
            return self._ratio_keys(category)
        active = self.active
        if active is None:  # the pack's own table, the common case: keyed without a supplement
            own = self.cites.own_ratio_keys
            keys = own.get(category)
            if keys is None:
                keys = own[category] = self._ratio_keys(category)
            return keys
        found = self.cites.ratio_keys.get((category, id(active)))
        if found is None or found[0] is not active:
            found = self.cites.ratio_keys[category, id(active)] = (active, self._ratio_keys(category))
        return found[1]

    def _ratio_keys(self, category: str) -> frozenset[str]:
        settled = self.pack.settled_category(category)
        keys = set(self.pack.ratio.get(settled, {}))
        if self.active is not None:
            keys |= set(self.active.ratio.get(category, self.active.ratio.get(settled, {})))
        params = self.params
        if params and params.ratio:
            keys |= set(params.ratio.get(category, params.ratio.get(settled, {})))
        return frozenset(keys)

    def ratio_figure(self, category: str, key: str) -> Figure:
        params = self.params
        if params is not None and params.ratio:
            table = params.ratio.get(category, params.ratio.get(self.pack.settled_category(category), {}))
            if key in table:
                floor = self.pack.supplied.min_ratio if self.pack.supplied else None
                extra = self.cites.of(floor) if floor else ()
                return Figure(table[key], (self.supplied(), *extra), [], supplied=True)
        active = self.active
        if active is None:  # the pack's own ratio, the common case: keyed without a supplement
            own = self.cites.own_ratios
            fig: Figure | None = own.get((category, key))
            if fig is None:
                fig = own[category, key] = self._ratio_figure(category, key)
        else:
            found = self.cites.ratios.get((category, key, id(active)))
            if found is None or found[0] is not active:
                found = self.cites.ratios[category, key, id(active)] = (active, self._ratio_figure(category, key))
            fig = found[1]
        if fig.readings:
            for rid in fig.readings:
                self.use(rid)
        return fig

    def _ratio_figure(self, category: str, key: str) -> Figure:
        """The supplement's or the pack's ratio (request-independent: shared per pack)."""
        settled = self.pack.settled_category(category)
        sup = self.active
        if sup is not None:
            from_sup = sup.ratio.get(category, sup.ratio.get(settled, {})).get(key)
            if from_sup is not None:
                floor = self.pack.supplied.min_ratio if self.pack.supplied else None
                return Figure(from_sup.value, (self._supplement_cite(sup, from_sup),
                                               *(self.cites.of(floor) if floor else ())), [])
        cited = self.pack.ratio.get(settled, {}).get(key)
        if cited is not None:
            return Figure(cited.value, self.cites.of(cited), [cited.reading] if cited.reading else [])
        raise MissingParameter(
            code="missing_parameter", parameter=f"ratio.{settled}.{key}",
            path=f"parameters.ratio.{settled}.{key}",
            message=(f"{self.pack.meta.name}没有规定{vocabulary.CATEGORIES.get(settled, settled)}在"
                     f"{vocabulary.TIERS.get(key, key)}的支付比例。请提供经办机构公布的比例"
                     f"（parameters.ratio.{settled}.{key}）后再计算。"),
            citations=[msgspec.to_builtins(c) for c in self._bureau_citations()],
        )


class VisitWork:
    """One visit's figures as the rules produce them, and its trace when one is asked for."""

    __slots__ = (
        "above", "applied", "applied_consult", "applied_other", "base", "category", "consult", "consult_share",
        "excluded", "first_total", "fund", "in_scope", "in_scope_items", "index", "items", "other",
        "other_share", "ratio", "steps", "tier_key", "tier_label", "total", "visit",
    )

    visit: Visit
    index: int
    steps: list[Step] | None
    items: list[Item]
    total: Decimal
    category: str
    tier_key: str
    tier_label: str
    excluded: Decimal
    in_scope: Decimal
    in_scope_items: list[Item]
    first_total: Decimal
    base: Decimal
    consult: Decimal
    other: Decimal
    applied: Decimal
    above: Decimal
    applied_other: Decimal
    applied_consult: Decimal
    ratio: Decimal
    other_share: Decimal
    consult_share: Decimal
    fund: Decimal

    def __init__(self, visit: Visit, index: int, trace: bool) -> None:
        self.visit = visit
        self.index = index
        self.steps: list[Step] | None = [] if trace else None

    @property
    def vp(self) -> str:
        """The visit's path in the request (``visits[2]``), for a message that names a field."""
        return f"visits[{self.index}]"


# -- the request against its pack ------------------------------------------------------------------

def check_parameters(ctx: Context) -> None:
    """The request's category, retirement date and supplied figures against what the pack allows.

    Supplied ratios are checked against the floor the document fixes (pack section
    ``[supplied]``: ``min_ratio`` — 西安 四（三）“职工医保普通门诊统筹政策范围内统筹基金支付比例不低于50%”;
    ``retiree_not_below_employee`` — 四（三）“待遇政策适当向退休人员倾斜”). Where the document leaves
    every figure to the bureau and none is supplied, the pack's ``[supplied] message`` says so.
    """
    pack, req = ctx.pack, ctx.req
    errors: list[FieldError] = []
    cat = req.insured.category
    if cat not in pack.categories:
        allowed = "、".join(f"{k}（{v.label}）" for k, v in pack.categories.items())
        errors.append(FieldError(
            path="insured.category", code="invalid_value",
            message=f"类别（insured.category）“{cat}”不适用于{pack.meta.name}；可选：{allowed}。"))
    if req.insured.retired_on is not None and pack.retirement is None:
        errors.append(FieldError(path="insured.retired_on", code="invalid_value",
                                 message=f"{pack.meta.name}没有在职转退休的规定。"))
    supplied = pack.supplied
    params = req.parameters
    if supplied and params and params.ratio:
        if supplied.min_ratio:
            floor = supplied.min_ratio.value
            for c, table in params.ratio.items():
                for key, value in table.items():
                    if value < floor:
                        errors.append(FieldError(
                            path=f"parameters.ratio.{c}.{key}", code="parameter_out_of_range",
                            message=(f"支付比例（parameters.ratio.{c}.{key}）{percent(value)}低于文件规定的下限"
                                     f"{percent(floor)}：{supplied.min_ratio.article}“{supplied.min_ratio.quote}”。")))
        if supplied.retiree_not_below_employee:
            rule = supplied.retiree_not_below_employee
            emp, ret = params.ratio.get("employee", {}), params.ratio.get("retiree", {})
            for key in sorted(set(emp) & set(ret)):
                if ret[key] < emp[key]:
                    errors.append(FieldError(
                        path=f"parameters.ratio.retiree.{key}", code="parameter_out_of_range",
                        message=(f"退休人员支付比例（parameters.ratio.retiree.{key}）{percent(ret[key])}低于在职职工的"
                                 f"{percent(emp[key])}；{rule.article}规定“{rule.quote}”。")))
    if errors:
        raise InvalidRequest.of(errors)
    if supplied and supplied.required and params is None and not all(
            ctx.supplement_on(v.date) is not None for v in req.visits):
        cites = list(ctx.cites.of(supplied))
        if supplied.min_ratio:
            cites += ctx.cites.of(supplied.min_ratio)
        raise MissingParameter(
            code="missing_parameter", parameter="parameters", path="parameters",
            message=f"{pack.meta.name}（{pack.meta.document_number}）{supplied.message}",
            citations=[msgspec.to_builtins(c) for c in cites],
        )


def check_in_force(ctx: Context, w: VisitWork) -> None:
    """A visit outside the document's dates is an error, not a zero (pack ``[meta.in_force]``:
    南充 第三十八条 / 平凉 第二十四条“本实施细则自2023年1月1日起施行，有效期5年”; 南昌职工 第四十五条
    “本实施细则自2023年1月1日起实施”; 南昌居民 第四十三条“本办法自2020年1月1日实施”)."""
    pack, visit = ctx.pack, w.visit
    start, end = pack.meta.in_force.start, pack.meta.in_force.end
    if visit.date < start or (end is not None and visit.date > end):
        span = f"{start.isoformat()}起" + (f"至{end.isoformat()}" if end else "")
        raise OutOfForce(
            code="out_of_force", path=f"{w.vp}.date",
            message=(f"就诊日期{visit.date.isoformat()}不在{pack.meta.name}（{pack.meta.document_number}）"
                     f"的施行期内（{span}），不能按该文件计算。"),
            citations=[msgspec.to_builtins(c) for c in ctx.cites.of(pack.meta.in_force)])


# -- 2. category -----------------------------------------------------------------------------------

def settle_category(ctx: Context, w: VisitWork) -> CategoryStep | None:
    """Which category's figures apply to this visit (pack ``[retirement]`` and ``[categories]``).

    南昌职工 第十八条: “参保人员办理完结职工医保在职转退休手续后的次月起，变更统筹基金支付限额和支付比例”
    (``switch = "month_after"``); 南充 第十四条: “从享受医保退休待遇当月起变更个人账户计入方式”, read as
    switching the outpatient figures too (``switch = "same_month"``, a reading, as for 平凉 and 西安).
    Flexible workers are settled with another category's figures where the pack says so
    (``settled_as``: 南昌职工 第七条 “在职职工（含灵活就业人员）”).
    """
    pack, ins, visit = ctx.pack, ctx.req.insured, w.visit
    cat = ins.category
    step: CategoryStep | None = None
    if ins.retired_on is not None and pack.retirement is not None:
        rule = pack.retirement
        r = ins.retired_on
        if rule.switch == "month_after":
            switch = dt.date(r.year + (r.month == 12), r.month % 12 + 1, 1)
            when = "办理退休手续的次月起"
        else:
            switch = dt.date(r.year, r.month, 1)
            when = "享受退休待遇当月起"
        retired = visit.date >= switch
        if cat == "retiree" and not retired:
            cat = "employee"
        elif cat in ("employee", "flexible") and retired:
            cat = "retiree"
        readings = ctx.use(rule.reading)
        if w.steps is not None:
            citations = list(ctx.cites.of(rule))
            for rid in readings:
                citations += [c for c in ctx.cites.reading(rid) if c not in citations]
            step = CategoryStep(
                amount=ZERO, citations=citations, readings=readings,
                text=(f"{r.isoformat()}退休，{when}（{switch.isoformat()}起）按退休人员结算；"
                      f"本次就诊{visit.date.isoformat()}按{vocabulary.CATEGORIES[cat]}结算。"),
                category=cat, category_label=vocabulary.CATEGORIES[cat], retired_on=r,
                switch_from=switch, switch_rule=rule.switch, settled_as=pack.settled_category(cat))
        w.category = cat
        return step
    rule_c = pack.categories.get(cat)
    if rule_c is not None and rule_c.settled_as:
        settled = rule_c.settled_as
        readings = ctx.use(rule_c.reading)
        if w.steps is not None:
            step = CategoryStep(
                amount=ZERO,
                text=f"{rule_c.label}按{vocabulary.CATEGORIES.get(settled, settled)}的标准结算。",
                citations=list(ctx.cites.of(rule_c)), readings=readings, category=cat,
                category_label=rule_c.label, retired_on=None, switch_from=None, switch_rule=None,
                settled_as=settled)
    w.category = cat
    return step


def _visit_result(date: dt.date, provider_kind: str, provider_level: int | None, provider_grade: str | None,
                  category: str, category_label: str, provider_label: str, eligible: bool, total: Decimal,
                  excluded: Decimal, first_self_pay: Decimal, in_scope: Decimal, deductible_applied: Decimal,
                  ratio: Decimal | None, fund_pays: Decimal, personal_pays: Decimal, account_pays: Decimal,
                  cash_pays: Decimal, steps: list[Step]) -> VisitResult:
    """A :class:`VisitResult` from its 19 fields in order.

    A call with more than 15 keyword arguments is compiled to a dict built and unpacked
    (``CALL_FUNCTION_EX``), which costs three times a call with 15; the struct is keyword-only,
    so it cannot be called positionally. Its 15 fields without a default are given in the call,
    the four with one (provider kind, level, grade; ratio) are set after.
    """
    v = VisitResult(
        date=date, category=category, category_label=category_label, provider_label=provider_label,
        eligible=eligible, total=total, excluded=excluded, first_self_pay=first_self_pay, in_scope=in_scope,
        deductible_applied=deductible_applied, fund_pays=fund_pays, personal_pays=personal_pays,
        account_pays=account_pays, cash_pays=cash_pays, steps=steps)
    v.provider_kind = provider_kind
    v.provider_level = provider_level
    v.provider_grade = provider_grade
    v.ratio = ratio
    return v


# -- 1. eligibility --------------------------------------------------------------------------------

def _ineligibility(ctx: Context, visit: Visit) -> tuple[str, str, object] | None:
    """The first reason the fund pays nothing for this visit: (code, Chinese reason, rule)."""
    prov, pack = visit.provider, ctx.pack
    hit: tuple[str, str] | None = None
    if visit.benefits_suspended:
        hit = ("suspended", "医保待遇暂停期间发生的费用")
    elif visit.inpatient:
        hit = ("inpatient", "住院期间发生的门诊费用")
    elif visit.chronic_programme:
        hit = ("chronic_programme", "享受门诊特殊慢性病待遇有效期内因该病种发生的门诊费用")
    elif visit.emergency_settled_inpatient:
        hit = ("emergency_settled_inpatient", "已纳入住院统筹基金结算的门诊抢救费用")
    elif not prov.designated:
        hit = ("non_designated", "在非定点医药机构发生的费用")
    elif prov.offsite and not prov.offsite_filed:
        hit = ("offsite_unfiled", "未办理异地就医备案，在统筹地区以外发生的费用")
    elif (pack.signed_institution and prov.kind != "pharmacy" and not prov.signed and prov.referral is None):
        hit = ("not_signed", "不在门诊统筹签约机构（也不是经同意转诊到县级中医医院）发生的费用")
    if hit is not None:
        code, why = hit
        rule = ctx.cites.ineligible.get(code)
        if rule is None:
            raise CalculatorError(
                code="not_covered_by_document", path="visits",
                message=f"{pack.meta.name}没有规定{why}如何处理，无法计算。")
        return code, why, rule
    if prov.kind == "pharmacy" and pack.pharmacy is not None and pack.pharmacy.rule == "not_covered":
        return "pharmacy", "在定点零售药店发生的费用", pack.pharmacy
    return None


def check_eligibility(ctx: Context, state: YearState, w: VisitWork) -> VisitResult | None:
    """The fund pays nothing for a visit its document excludes (pack ``[[ineligible]]``).

    南充 第二十五条: “非定点医药机构发生的门诊医疗费用医保基金不予支付”; 南昌职工 第二十五条:
    “在住院期间发生的医疗费用”“医保待遇暂停期间发生的医疗费用”“在非定点医药机构发生的医疗费用”
    “未办理异地安置及转诊备案手续在统筹地区以外医药机构发生的医疗费用”; 南昌居民 第十三条:
    “（一）未在门诊统筹签约机构发生的门诊医疗服务”. Where a document is silent the pack's rule rests on
    a reading. An ineligible visit is settled here, whole, as personal; an eligible one records why.
    """
    bad = _ineligibility(ctx, w.visit)
    if bad is not None:
        code, why, rule = bad
        readings = ctx.use(getattr(rule, "reading", ""))
        total = w.total
        steps = w.steps
        if steps is not None:
            citations = list(ctx.cites.of(rule))
            for rid in readings:
                citations += ctx.cites.reading(rid)
            steps.append(EligibilityStep(
                amount=total, eligible=False, reason=code, total=total, citations=citations, readings=readings,
                text=f"{why}，统筹基金不予支付，全部{total!s}元由个人负担。"))
        acct = pay_from_account(ctx, state, w, total, eligible=False)
        visit = w.visit
        return _visit_result(
            visit.date, visit.provider.kind, _level(visit), _grade(visit), w.category,
            vocabulary.CATEGORIES[w.category], _provider_label(visit), False, total, total, ZERO, ZERO, ZERO,
            None, ZERO, total, acct[0], acct[1], steps or [])
    if w.steps is not None:
        # the rule that makes a visit eligible: not_signed for a scheme of signed institutions,
        # non_designated elsewhere (citation and words: PackCitations, once per pack)
        w.steps.append(EligibilityStep(
            amount=ZERO, eligible=True, reason=None, total=w.total, citations=list(ctx.cites.eligible_citations),
            readings=[], text=ctx.cites.eligible_text))
    return None


# -- the ratio's table key -------------------------------------------------------------------------

def find_tier(ctx: Context, w: VisitWork) -> None:
    """The ratio table key for this visit and its Chinese label (pack ``[ratio]``, ``[pharmacy]``).

    By provider level (and grade, where the document distinguishes it: 平凉 第七条 “在二级（三级乙等、
    丙等）定点医疗机构就诊的”); a pharmacy at its own ratio (南充 第七条 “三级定点医疗机构和符合条件的定点
    零售药店报销50%”) or at the prescribing institution's level (a reading, 南昌职工 and 平凉); for a
    scheme of signed institutions (南昌居民 第十四条), by place: signed institution or county TCM
    referral, with the registered-poor ratio.
    """
    pack, visit = ctx.pack, w.visit
    prov = visit.provider
    if pack.signed_institution:
        key = "county_tcm" if prov.referral == "county_tcm" else "signed"
        w.tier_label = vocabulary.TIERS[key]
        resident = ctx.req.insured.resident
        w.tier_key = f"{key}_poor" if resident and resident.poverty_registered else key
        return
    keys = ctx.ratio_keys(w.category)
    level, grade = prov.level, prov.grade
    level_fact, grade_fact = "provider_level", "provider_grade"
    prefix = ""
    if prov.kind == "pharmacy":
        rule = pack.pharmacy.rule if pack.pharmacy else "tier"
        if rule == "tier":
            w.tier_key, w.tier_label = "pharmacy", vocabulary.TIERS["pharmacy"]
            return
        level, grade = prov.prescribed_at_level, prov.prescribed_at_grade
        level_fact, grade_fact = "prescribed_at_level", "prescribed_at_grade"
        prefix = "定点零售药店，按开具处方的"
        if level is None:
            reading = pack.pharmacy.reading if pack.pharmacy else ""
            raise MissingFact(
                code="missing_fact", fact=level_fact, path=f"{w.vp}.provider.{level_fact}",
                message=(f"{pack.meta.name}没有规定定点零售药店的支付比例，在药店凭处方购药按开处方医院的等级报销。"
                         "请告诉我开处方的医院是几级医院（一级及以下、二级、三级）。"),
                citations=[msgspec.to_builtins(c) for c in (*ctx.cites.of(pack.pharmacy),
                                                            *(ctx.cites.reading(reading) if reading else ()))])
    if level is None:
        raise MissingFact(code="missing_fact", fact=level_fact, path=f"{w.vp}.provider.{level_fact.removeprefix('provider_')}",
                          message="请告诉我就诊的医疗机构是几级（一级及以下、二级、三级）：支付比例按医疗机构等级不同。",
                          citations=[msgspec.to_builtins(c) for c in _ratio_citations(ctx, w.category)])
    level_key = _LEVEL_KEYS[level]
    if grade and (graded := level_key + grade) in keys:
        key = graded
    elif level_key in keys:
        key = level_key
    elif any(len(k) == 2 and k[0] == level_key for k in keys):
        raise MissingFact(
            code="missing_fact", fact=grade_fact, path=f"{w.vp}.provider.{grade_fact.removeprefix('provider_')}",
            message=(f"{pack.meta.name}对{vocabulary.LEVELS[level]}医疗机构按甲等、乙等、丙等规定了不同比例。"
                     f"请告诉我这家{vocabulary.LEVELS[level]}医院是甲等、乙等还是丙等。"),
            citations=[msgspec.to_builtins(c) for c in _ratio_citations(ctx, w.category)])
    else:
        key = level_key  # let ratio_figure name the missing parameter
    label = vocabulary.TIERS.get(key, key)
    if prefix:
        label = f"{prefix}{label}等级"
    w.tier_key, w.tier_label = key, label


def _ratio_citations(ctx: Context, category: str) -> list[CitationOut]:
    settled = ctx.pack.settled_category(category)
    out: list[CitationOut] = []
    for cited in ctx.pack.ratio.get(settled, {}).values():
        _add(out, ctx.cites.of(cited))
    return out or list(ctx._bureau_citations())


# -- 3. scope --------------------------------------------------------------------------------------

def apply_scope(ctx: Context, w: VisitWork) -> None:
    """Self-pay items and the document's exclusions leave the in-scope amount.

    Pack ``[scope]`` (what is in scope: 平凉 第六条 “门诊医疗费用支付范围按甘肃省基本医疗保险药品、医用耗材、
    诊疗项目目录管理规定执行”), ``[[excluded]]`` (平凉 第八条 “门诊使用“双通道”管理谈判药品和产前门诊检查费用，
    不纳入普通门诊报销范围”) and ``[referral]`` (南昌居民 第十二条: on a referral to the county TCM
    hospital “报销范围仅限于基本医疗保险药品目录范围内的中成药、中药饮片及基本医疗保险诊疗项目中的甲类中医
    诊疗项目”). An item category the document does not name is in scope only by a reading
    (``item_readings``); otherwise the visit cannot be settled by the document.
    """
    pack, visit, items = ctx.pack, w.visit, w.items
    referral_key = visit.provider.referral
    rules = ctx.cites.scope_rules(referral_key)  # the tests above, per category, once per pack
    steps = w.steps
    tracing = steps is not None
    lines: list[ScopeLine] = []
    scope_cites: list[CitationOut] = []
    scope_readings: list[str] = []
    in_scope_items: list[Item] = []
    excluded = ZERO
    for item in items:
        cat = item.category
        rule = rules.get(cat)
        if rule is None:
            j = next(j for j, it in enumerate(items) if it is item)
            raise ItemNotNamed(
                code="not_covered_by_document", path=f"{w.vp}.items[{j}].category",
                message=(f"{pack.meta.name}没有规定{vocabulary.ITEM_CATEGORIES_SHORT[cat]}在普通门诊如何结算，"
                         "无法按文件计算这一项。"), item=cat, visit=w.index)
        reason, cites, rid = rule
        if rid:
            ctx.use(rid)
            if rid not in scope_readings:
                scope_readings.append(rid)
        if reason is None:
            in_scope_items.append(item)
        else:
            excluded += item.amount
        if tracing:
            if cites:
                _add(scope_cites, cites)
            lines.append(ScopeLine(category=cat, amount=item.amount, in_scope=reason is None, reason=reason))
    w.excluded = excluded  # a sum of amounts with two places: two places, exact (see _fen_items)
    w.in_scope = in_scope = w.total - excluded
    w.in_scope_items = in_scope_items
    if steps is not None:
        referral = pack.referral.get(referral_key) if referral_key else None
        if referral is not None:
            _add(scope_cites, ctx.cites.of(referral))
        if not scope_cites:
            _add(scope_cites, ctx.cites.scope)
        for rid in scope_readings:
            _add(scope_cites, ctx.cites.reading(rid))
        total = w.total
        steps.append(ScopeStep(
            amount=excluded, total=total, excluded=excluded, in_scope=in_scope, lines=lines,
            citations=scope_cites, readings=scope_readings,
            text=(f"费用合计{total!s}元，其中{excluded!s}元不属于普通门诊统筹支付范围，由个人负担；"
                  f"政策范围内费用{in_scope!s}元。")))


# -- 4. first self-pay -----------------------------------------------------------------------------

def apply_first_self_pay(ctx: Context, w: VisitWork) -> None:
    """The class-B shares the patient pays before pooling (pack ``[first_self_pay]``).

    平凉 第六条: “乙类药品先由个人自付10%，再按比例予以报销；乙类项目、耗材先由个人自付15%，再按比例予以
    报销。” Each share is rounded to the fen, half-up. The other documents set none (their packs say
    so, and class-B items are simply in scope).
    """
    rates = ctx.pack.first_self_pay
    first_total = ZERO
    fl: list[FirstSelfPayLine] = []
    readings: list[str] = []
    if rates:
        for item in w.in_scope_items:
            rate_c = rates.get(item.category)
            if rate_c is None:
                continue
            amt = share(item.amount, rate_c.value)
            first_total += amt
            fl.append(FirstSelfPayLine(category=item.category, amount=item.amount, rate=rate_c.value, share=amt))
            if rate_c.reading:
                ctx.use(rate_c.reading)
                if rate_c.reading not in readings:
                    readings.append(rate_c.reading)
    # first_total: a sum of shares each rounded to the fen, so itself to the fen
    w.first_total = first_total
    w.base = base = w.in_scope - first_total
    if fl and w.steps is not None:
        words = ctx.cites.first_self_pay  # per category: its citations, its name, its rate in percent
        cites: list[CitationOut] = []
        said: list[str] = []
        for ln in fl:
            rate_cites, what, pct = words[ln.category]
            _add(cites, rate_cites)
            said.append(f"{what}{ln.amount!s}元×{pct}={ln.share!s}元")
        parts = "；".join(said)
        w.steps.append(FirstSelfPayStep(
            amount=first_total, lines=fl, in_scope_before=w.in_scope, in_scope_after=base, citations=cites,
            readings=readings, text=f"乙类先行自付：{parts}，共{first_total!s}元由个人先行负担。"))


# -- 5. deductible ---------------------------------------------------------------------------------

def apply_deductible(ctx: Context, state: YearState, w: VisitWork) -> None:
    """What is left of the year's deductible is borne first (pack ``[deductible]``, ``[annual]``).

    南充 第七条: “发生的政策范围内医疗费用扣除年度起付线（1个自然年度计算一次）后，由统筹基金按以下标准进行
    报销”; 南昌职工 第十七条: “一个自然年度内，普通门诊统筹的起付线为600元”; 平凉 第七条: “职工医保普通门诊
    年度起付标准200元”. One deductible per natural year, accumulated across visits. Where the pack
    separates the consultation fee (``[consultation]``, 南昌职工 第二十三条), the deductible is taken
    from the other costs first. A document that sets no deductible (``no_deductible``, 南昌居民) passes
    the whole in-scope amount on.
    """
    pack = ctx.pack
    consult = ZERO
    if pack.consultation is not None and pack.consultation.outside_cap:
        for i in w.in_scope_items:
            if i.category == "consultation":
                consult += i.amount
    base = w.base
    other = base - consult
    ded = ctx.amount_figure("deductible", w.category)
    used_before = state.deductible_used
    if ded is None:
        remaining = ZERO
        applied_other = applied_consult = ZERO
        ded_readings = ctx.use(pack.no_deductible)
    else:
        # what is left of the deductible is borne by the other costs first, then by the
        # consultation fee: each the lesser of what is left and the amount
        limit = ded.value
        remaining = limit - used_before if limit > used_before else ZERO  # _left(limit, used_before)
        applied_other = other if other < remaining else remaining
        left = remaining - applied_other
        applied_consult = consult if consult < left else left
        ded_readings = ded.readings
        if consult > ZERO and pack.consultation and pack.consultation.reading:
            ded_readings = ded_readings + ctx.use(pack.consultation.reading)
    applied = applied_other + applied_consult
    state.deductible_used = used_before + applied
    w.consult, w.other = consult, other
    w.applied, w.applied_other, w.applied_consult = applied, applied_other, applied_consult
    w.above = above = base - applied  # what the ratio applies to
    if w.steps is not None:
        if ded is None:
            ded_cites = list(ctx.cites.reading(pack.no_deductible))
            ded_text = f"{pack.meta.name}不设起付标准，政策范围内费用{base!s}元全部进入比例报销。"
        else:
            ded_cites = list(ded.with_annual(ctx.cites.annual) if pack.annual is not None else ded.citations)
            so_far = ded.value if ded.value < used_before else used_before  # min(used_before, ded.value)
            ded_text = (f"本年度起付标准{ded.text}元，本次之前已累计{so_far!s}元，"
                        f"尚余{remaining!s}元；本次政策范围内费用{base!s}元，扣除起付标准"
                        f"{applied!s}元。")
        w.steps.append(DeductibleStep(
            amount=applied, deductible=ded.value if ded else None, used_before=used_before,
            remaining_before=remaining, base=base, applied=applied, used_after=state.deductible_used,
            above=above, remaining_after=(remaining - applied) if ded is not None else None,
            citations=ded_cites, readings=list(ded_readings), text=ded_text))


# -- 6. ratio --------------------------------------------------------------------------------------

def apply_ratio(ctx: Context, w: VisitWork) -> None:
    """The fund's share: the amount above the deductible times the ratio, rounded to the fen
    half-up (pack ``[ratio]``, ``[family_doctor]``).

    南充 第七条: “二级及以下定点医疗机构报销60%” …; 南昌职工 第十七条: “在职人员政策范围内支付比例按照医疗
    机构等级设置为：一级及以下60%、二级55%、三级50%”; 平凉 第七条: “在一级定点医疗机构就诊的，在职职工65%、
    退休人员70%” …; 南昌居民 第十四条: “参保居民在门诊统筹签约机构发生的符合规定的普通门诊医疗费用按60%的
    比例报销”, and “在签订家庭医生服务协议的门诊统筹定点医疗机构发生的普通门诊医疗费用的报销比例提高5%”.
    Where the consultation fee stays outside the cap (南昌职工 第二十三条) the two parts are rounded
    apart, each half-up.
    """
    pack, req = ctx.pack, ctx.req
    ratio_fig = ctx.ratio_figure(w.category, w.tier_key)
    ratio = ratio_fig.value
    bonus_val = None
    base_ratio = None
    ratio_readings = list(ratio_fig.readings)
    prov = w.visit.provider
    pharmacy_by_prescription = (prov.kind == "pharmacy" and pack.pharmacy is not None
                                and pack.pharmacy.rule == "prescribing_level")
    if pharmacy_by_prescription:
        assert pack.pharmacy is not None
        ratio_readings += [r for r in ctx.use(pack.pharmacy.reading) if r not in ratio_readings]
    resident = req.insured.resident
    fd = pack.family_doctor
    if fd is not None and resident is not None and resident.family_doctor and prov.referral is None:
        base_ratio, bonus_val = ratio, fd.bonus.value
        ratio = ratio + fd.bonus.value
        ratio_readings += ctx.use(fd.bonus.reading)
    consult = w.consult
    above = w.above
    if consult > ZERO:
        other_above = w.other - w.applied_other
        consult_above = consult - w.applied_consult
        other_share = share(other_above, ratio)
        consult_share = share(consult_above, ratio)
        ratio_share = other_share + consult_share
        product = None  # each part is rounded apart; the trace shows the whole product
    else:
        product = multiply(above, ratio)
        other_share = ratio_share = round_share(product)  # share(above, ratio)
        consult_share = ZERO
    w.ratio, w.other_share, w.consult_share = ratio, other_share, consult_share
    if w.steps is not None:
        tier_label = w.tier_label
        ratio_cites = list(ratio_fig.citations)
        if pharmacy_by_prescription:
            _add(ratio_cites, ctx.cites.of(pack.pharmacy))
        if bonus_val is not None and fd is not None:
            _add(ratio_cites, ctx.cites.of(fd.bonus))
        parts: list[RatioPart] = []
        if consult > ZERO:
            parts = [RatioPart(part="other", base=other_above, share=other_share),
                     RatioPart(part="consultation", base=consult_above, share=consult_share)]
            pct = percent(ratio)
            ratio_text = (f"按{tier_label}支付比例{pct}：诊察费以外({other_above!s}元)×{pct}="
                          f"{other_share!s}元，诊察费({consult_above!s}元)×{pct}={consult_share!s}元，"
                          f"统筹基金应付{ratio_share!s}元。")
        else:
            pct = percent(ratio)
            ratio_text = f"按{tier_label}支付比例{pct}：{above!s}元×{pct}={ratio_share!s}元（四舍五入到分）。"
        w.steps.append(RatioStep(
            amount=ratio_share, base=above, ratio=ratio, share=ratio_share,
            product=multiply(above, ratio) if product is None else product,
            tier=w.tier_key, tier_label=tier_label,
            base_ratio=base_ratio, bonus=bonus_val, parts=parts, citations=ratio_cites, readings=ratio_readings,
            text=ratio_text))


# -- 7. cap ----------------------------------------------------------------------------------------

def apply_cap(ctx: Context, state: YearState, w: VisitWork) -> None:
    """The fund never pays more in a natural year than the cap (pack ``[cap]``, ``[consultation]``).

    南充 第七条: “年度最高支付限额为1000元” (retirees “年度最高支付限额为1200元”); 南昌职工 第十七条:
    “最高支付限额1800元” / “年度最高支付限额2000元”, and 第二十三条: “门诊诊察费不计入普通门诊统筹年度最高
    支付限额” (the consultation share is paid beside the cap, a reading); 平凉 第七条: “最高支付限额2500元”.
    A visit that crosses the cap gets only what is left. A document that sets no cap (``no_cap``,
    南昌居民) pays the whole share.
    """
    pack = ctx.pack
    cap = ctx.amount_figure("cap", w.category)
    paid_before = state.fund_paid
    other_share, consult_share = w.other_share, w.consult_share
    if cap is None:
        counted = other_share
        remaining_cap = None
        cap_readings = ctx.use(pack.no_cap)
    else:
        # the share counts up to what is left of the cap
        limit = cap.value
        remaining_cap = limit - paid_before if limit > paid_before else ZERO  # _left(limit, paid_before)
        counted = remaining_cap if remaining_cap < other_share else other_share
        cap_readings = list(cap.readings)
        if consult_share > ZERO and pack.consultation is not None:
            cap_readings += [r for r in ctx.use(pack.consultation.reading) if r not in cap_readings]
    w.fund = fund = counted + consult_share
    state.fund_paid = paid_before + counted
    if w.steps is not None:
        if cap is None:
            cap_cites = list(ctx.cites.reading(pack.no_cap))
            cap_text = f"{pack.meta.name}未设普通门诊年度最高支付限额，统筹基金支付{other_share + consult_share!s}元。"
        else:
            assert remaining_cap is not None
            cap_cites = list(cap.with_annual(ctx.cites.annual) if pack.annual is not None else cap.citations)
            if counted < other_share:
                cap_text = (f"年度最高支付限额{cap.text}元，本次之前统筹已支付{paid_before!s}元，只剩"
                            f"{remaining_cap!s}元，本次统筹支付以此为限：{counted!s}元。")
            else:
                cap_text = (f"年度最高支付限额{cap.text}元，本次之前统筹已支付{paid_before!s}元，尚余"
                            f"{remaining_cap!s}元，本次{other_share!s}元未超过限额。")
            if consult_share > ZERO and pack.consultation is not None:
                _add(cap_cites, ctx.cites.of(pack.consultation))
                cap_text += f"诊察费部分{consult_share!s}元不计入限额，照付。"
        w.steps.append(CapStep(
            amount=fund, cap=cap.value if cap else None, paid_before=paid_before,
            remaining_before=remaining_cap, share_before_cap=other_share, counted=counted,
            reduced=other_share - counted, uncapped=consult_share, paid_after=state.fund_paid,
            remaining_after=(_left(cap.value, state.fund_paid) if cap else None),
            citations=cap_cites, readings=cap_readings, text=cap_text))


# -- 8. account ------------------------------------------------------------------------------------

def pay_from_account(ctx: Context, state: YearState, w: VisitWork, personal: Decimal,
                     eligible: bool) -> tuple[Decimal, Decimal]:
    """The personal account pays the personal share up to its balance; cash the rest (pack
    ``[account]``). Returns (account pays, cash pays).

    南充 第二十条: “属于个人账户支付的，定点医药机构实时上传费用信息并从个人账户中划扣；个人账户不够支付的，
    由参保人员自付”; 南昌职工 第十一条: “参保人员在定点医疗机构就医发生的由个人负担的医疗费用”; 平凉
    第十六条. No account for a category the pack names (``none_for``: 平凉 第九条 “灵活就业人员参加职工基本医保，
    不划拨个人账户”) or a scheme without one (``available = false``: 南昌居民). The account pays
    nothing for a visit that is not settled by outpatient pooling.
    """
    pack, category = ctx.pack, w.category
    acc = pack.account
    none_for = ctx.cites.none_for.get(category)
    steps = w.steps
    if not acc.available or none_for is not None:
        rule: object = none_for if none_for is not None else acc
        readings = ctx.use(getattr(rule, "reading", ""))
        if steps is not None:
            cites = list(ctx.cites.of(rule))
            for rid in readings:
                _add(cites, ctx.cites.reading(rid))
            who = vocabulary.CATEGORIES.get(category, category)
            steps.append(AccountStep(
                amount=ZERO, available=False, personal=personal, balance_before=state.balance,
                balance_after=state.balance, cash=personal, citations=cites, readings=readings,
                text=f"{who}没有职工医保个人账户，个人负担的{personal!s}元全部自付。"))
        return ZERO, personal
    if state.balance is None:
        if steps is not None:
            steps.append(AccountStep(
                amount=ZERO, available=True, personal=personal, balance_before=None, balance_after=None,
                cash=personal, citations=list(ctx.cites.account), readings=[],
                text=f"未提供个人账户余额，本计算不使用个人账户；个人负担{personal!s}元。"))
        return ZERO, personal
    if not eligible:
        if steps is not None:
            steps.append(AccountStep(
                amount=ZERO, available=True, personal=personal, balance_before=state.balance,
                balance_after=state.balance, cash=personal, citations=list(ctx.cites.account), readings=[],
                text=f"这笔费用不按普通门诊统筹结算，本计算不从个人账户支付；个人现金支付{personal!s}元。"))
        return ZERO, personal
    before = state.balance
    pays = personal if personal < before else before  # the lesser of the balance and the personal share
    state.balance = after = before - pays
    cash = personal - pays
    if steps is not None:
        steps.append(AccountStep(
            amount=pays, available=True, personal=personal, balance_before=before, balance_after=after,
            cash=cash, citations=list(ctx.cites.account), readings=[],
            text=(f"个人负担{personal!s}元，个人账户余额{before!s}元，账户支付{pays!s}元，"
                  f"现金支付{cash!s}元；账户余额剩{after!s}元。")))
    return pays, cash


# -- a visit, a year -------------------------------------------------------------------------------

def _level(visit: Visit) -> int | None:
    prov = visit.provider
    return prov.prescribed_at_level if prov.kind == "pharmacy" else prov.level


def _grade(visit: Visit) -> str | None:
    prov = visit.provider
    return prov.prescribed_at_grade if prov.kind == "pharmacy" else prov.grade


def _provider_label(visit: Visit) -> str:
    prov = visit.provider
    if prov.kind == "pharmacy":
        return "定点零售药店" if prov.designated else "零售药店"
    if prov.referral == "county_tcm":
        return vocabulary.TIERS["county_tcm"]
    if prov.level is None:
        return "医疗机构"
    return f"{vocabulary.LEVELS[prov.level]}{vocabulary.GRADES.get(prov.grade or '', '')}医疗机构"


def _fen_items(visit: Visit) -> list[Item]:
    """The visit's items with amounts shown to the fen (they are fen-exact after validation).

    Every amount the rules add up (the items, and the shares :func:`~calculator.money.share`
    rounds) has exactly two places, so their sums have two places and are exact: only a rule
    that produces a share rounds.

    Items already written with two places (``"800.00"``) are the request's own (read only here);
    the others are copied with the amount rounded to the fen (``"800"`` → ``800.00``)."""
    items = visit.items
    if items is None:
        return [Item(category="in_scope", amount=round_fen(visit.amount or ZERO))]
    for i in items:
        if not i.amount.same_quantum(FEN):
            return [Item(category=i.category, amount=round_fen(i.amount), name=i.name) for i in items]
    return items


def settle_visit(ctx: Context, state: YearState, visit: Visit, index: int, trace: bool) -> VisitResult:
    """One visit through the pipeline, in the order of ``DOMAIN.md``."""
    w = VisitWork(visit, index, trace)
    check_in_force(ctx, w)
    if ctx.supplements:
        ctx.activate(ctx.supplement_on(visit.date))
    w.items = items = _fen_items(visit)
    total = ZERO
    for i in items:
        total += i.amount
    w.total = total
    cat_step = settle_category(ctx, w)
    ineligible = check_eligibility(ctx, state, w)
    if ineligible is not None:
        return ineligible
    if cat_step is not None and w.steps is not None:
        w.steps.append(cat_step)
    find_tier(ctx, w)
    apply_scope(ctx, w)
    apply_first_self_pay(ctx, w)
    apply_deductible(ctx, state, w)
    apply_ratio(ctx, w)
    apply_cap(ctx, state, w)
    personal = w.total - w.fund
    account, cash = pay_from_account(ctx, state, w, personal, eligible=True)
    category = w.category
    prov = visit.provider
    pharmacy = prov.kind == "pharmacy"  # a pharmacy is described by the prescribing institution
    return _visit_result(
        visit.date, prov.kind, prov.prescribed_at_level if pharmacy else prov.level,
        prov.prescribed_at_grade if pharmacy else prov.grade, category, vocabulary.CATEGORIES[category],
        w.tier_label, True, w.total, w.excluded, w.first_total, w.in_scope, w.applied, w.ratio, w.fund,
        personal, account, cash, w.steps if w.steps is not None else [])


_INPUT_WHOLE_BILL = Assumption(
    id="whole_bill_in_scope", kind="input",
    text="只给了总金额，按全部为政策范围内费用计算；如有自费或乙类药品，请告知金额。",
    text_en="Only a total was given: the whole bill is taken as in-scope; tell me any self-pay or class-B amounts.",
    reason="请求只给出了总金额（amount），没有费用明细（items）。", citations=[])


def _year_figure(ctx: Context, name: str, category: str) -> Figure | None:
    """The year-end figure: the last visit's, met already where it was settled (memoised)."""
    memo = ctx.figures
    key = (name, category)
    if key in memo:
        return memo[key]
    try:
        return ctx.amount_figure(name, category)
    except MissingParameter:
        return None


def settle(req: CalculationRequest, pack: Pack, trace: bool | Collection[int] = True,
           supplements: Sequence[Supplement] = ()) -> CalculationResult:
    """Settle every visit of the request under ``pack``, in order, and return the result.

    ``supplements``: the bureau's published figures for the policy (:mod:`calculator.supplements`),
    each for its dates; a visit they cover takes its deductible, ratios and cap from them (cited
    as the supplement's article and words), unless the request supplies its own ``parameters``.

    ``trace``: True for every visit's steps (the full, cited trace), False for none (the figures
    only: the same rules and roundings, the steps left empty), or the indexes of the visits whose
    steps are wanted. Everything else in the result is the same either way.
    """
    ctx = Context(pack, req, supplements)
    check_parameters(ctx)
    ys = req.year_start
    used, paid, balance = ys.deductible_used, ys.fund_paid, req.account_balance
    # round_fen written out (three calls a calculation); a zero other than "-0" is ZERO, which is
    # what rounding it gives (the year's start is most often nothing used yet)
    state = YearState(
        ZERO if used.is_zero() and not used.is_signed() else used.quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT),
        ZERO if paid.is_zero() and not paid.is_signed() else paid.quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT),
        balance.quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT) if balance is not None else None)
    visits: list[VisitResult] = []
    for i, visit in enumerate(req.visits):
        visits.append(settle_visit(ctx, state, visit, i, trace if isinstance(trace, bool) else i in trace))
    # the year's totals, rounded to the fen below (starting from the first visit's figures rather
    # than from zero changes nothing: adding zero is exact and the rounding sets the places)
    first = visits[0]
    t_total, t_excluded, t_first = first.total, first.excluded, first.first_self_pay
    t_fund, t_personal, t_account, t_cash = first.fund_pays, first.personal_pays, first.account_pays, first.cash_pays
    for v in visits[1:]:
        t_total += v.total
        t_excluded += v.excluded
        t_first += v.first_self_pay
        t_fund += v.fund_pays
        t_personal += v.personal_pays
        t_account += v.account_pays
        t_cash += v.cash_pays
    last = visits[-1].category
    ded = _year_figure(ctx, "deductible", last)
    cap = _year_figure(ctx, "cap", last)
    used, paid = state.deductible_used, state.fund_paid
    ded_value: Decimal | None = None
    ded_remaining: Decimal | None = None
    cap_value: Decimal | None = None
    cap_remaining: Decimal | None = None
    if ded is not None:
        ded_value = limit = ded.value
        ded_remaining = limit - used if limit > used else ZERO  # _left(limit, used)
    if cap is not None:
        cap_value = limit = cap.value
        cap_remaining = limit - paid if limit > paid else ZERO  # _left(limit, paid)
    year_end = YearEnd(
        category=last, deductible=ded_value, deductible_used=used, deductible_remaining=ded_remaining,
        fund_paid=paid, cap=cap_value, cap_remaining=cap_remaining, account_balance=state.balance)
    if ctx.more_places:
        # A visit's figures have exactly two places (the items, the shares, the year-start amounts
        # after round_fen, and what is taken from them), so their sums have too; only a
        # deductible or cap figure written with more places (a supplied 1500.000) can bring more
        # into what is left of it and so into a visit's figures: then the totals are rounded.
        t_total, t_excluded, t_first = round_fen(t_total), round_fen(t_excluded), round_fen(t_first)
        t_fund, t_personal = round_fen(t_fund), round_fen(t_personal)
        t_account, t_cash = round_fen(t_account), round_fen(t_cash)
    totals = Totals(total=t_total, excluded=t_excluded, first_self_pay=t_first, fund_pays=t_fund,
                    personal_pays=t_personal, account_pays=t_account, cash_pays=t_cash)
    assumptions = list(map(ctx.cites.assumption, ctx.used_readings))
    for given in req.visits:
        if given.items is None:
            assumptions.append(_INPUT_WHOLE_BILL)
            break
    return CalculationResult(
        policy=ctx.cites.policy_ref, category=req.insured.category, visits=visits, year_end=year_end,
        totals=totals, assumptions=assumptions, parameters_source=req.parameters.source if req.parameters else None)


def calculate(req: CalculationRequest) -> CalculationResult:
    """Settle every visit of the request under its policy's pack and supplements (from the
    registry), fully traced."""
    pack, supplements = default_registry().pack_and_supplements(req.policy)
    try:
        return settle(req, pack, supplements=supplements)
    except ItemNotNamed as exc:
        exc.alternatives = both_ways(req, pack, supplements, exc)
        raise


#: how an item the document does not name is settled in each of the two figures shown side by side
BOTH_WAYS = (("in_scope", "如果这一项按政策范围内费用结算"), ("self_pay", "如果这一项不纳入普通门诊统筹（由个人负担）"))


def both_ways(req: CalculationRequest, pack: Pack, supplements: Sequence[Supplement],
              exc: ItemNotNamed) -> list[dict[str, object]]:
    """The visit's figures with every item the document does not name settled one way, then the
    other — never one of them chosen (issue: a document's silence is not a figure)."""
    out: list[dict[str, object]] = []
    for treatment, label in BOTH_WAYS:
        current = req
        for _ in range(sum(len(v.bill) for v in req.visits)):
            try:
                result = settle(current, pack, trace=False, supplements=supplements)
            except ItemNotNamed as again:
                current = _recategorise(current, again, treatment)
                continue
            except CalculatorError:
                return []  # the request lacks something else too: ask for that first
            visit = result.visits[exc.visit]
            out.append({"treatment": treatment, "label": label, "item": exc.item,
                        "fund_pays": f"{visit.fund_pays:.2f}", "personal_pays": f"{visit.personal_pays:.2f}",
                        "account_pays": f"{visit.account_pays:.2f}", "cash_pays": f"{visit.cash_pays:.2f}"})
            break
    return out if len(out) == len(BOTH_WAYS) else []


def _recategorise(req: CalculationRequest, exc: ItemNotNamed, category: str) -> CalculationRequest:
    visit = req.visits[exc.visit]
    items = [msgspec.structs.replace(item, category=category) if item.category == exc.item else item
             for item in visit.bill]
    visits = list(req.visits)
    visits[exc.visit] = msgspec.structs.replace(visit, items=items, amount=None)
    return msgspec.structs.replace(req, visits=visits)


def settle_figures(req: CalculationRequest, pack: Pack | None = None) -> CalculationResult:
    """The figures only (no step traced): for batch work."""
    registry = default_registry()
    return settle(req, pack if pack is not None else registry.get(req.policy), trace=False,
                  supplements=registry.supplements(req.policy))
