"""What the fund pays for one visit as the visit's in-scope bill grows — the data of the chart.

The explanation's chart shows, for this person's situation (the year so far, the provider, the
category), the fund's share as a function of the visit's in-scope bill: nothing up to what is
left of the deductible, then the ratio's slope, then the plateau of what is left of the cap.

The curve is read from the visit's own trace — no settlement is run again. For a sample bill of
one item of the sample category (``x``), the engine's steps are, in order: scope (the item is in
scope or not), first self-pay (``x - share(x, rate)`` when the document sets a rate for that
category: 平凉 第六条), deductible (what is left of it, ``DeductibleStep.remaining_before``, is
taken first), ratio (``share(above, ratio)``, half-up to the fen, ``RatioStep.ratio``) and cap
(the share is limited to ``CapStep.remaining_before``, except a consultation fee the document
keeps outside the cap: 南昌职工). :func:`fund_at` applies exactly those steps with the same
:func:`calculator.money.share`; ``tests/explanations/test_curve_identity.py`` proves it equal to
the engine run on the replaced visit for thousands of generated requests of every policy.

The breakpoints come from the visit's trace (the deductible left, the cap left and the ratio); the
amount at which the cap is reached is rounded *up* to the fen so that the engine, run there, pays
the whole cap left. The chart code only maps these Decimals to pixels; it computes no money.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, getcontext, localcontext
from typing import Any

import msgspec
from msgspec.structs import replace

from .engine import calculate
from .money import FEN, MAX_AMOUNT, ZERO, share
from .packs import get_pack
from .request import CalculationRequest
from .result import CalculationResult, CapStep, DeductibleStep, RatioStep, ScopeStep, VisitResult

__all__ = ["Curve", "curve_of", "fund_curve"]

#: How many evenly spaced samples besides the breakpoints (the curve is piecewise linear between
#: breakpoints; the samples are there so that a reader of the data sees it, not to draw it).
SAMPLES = 8
#: Preferred category for the sample bill: plain in-scope costs first; on a resident's referral to
#: the county TCM hospital only TCM items are in scope; the consultation fee (南昌) comes last
#: because it is outside the cap.
_PREFERRED = ("in_scope", "tcm", "class_b_drug", "class_b_service", "consultation")


class Curve(msgspec.Struct, frozen=True, kw_only=True):
    """The fund's share of one visit as a function of the visit's in-scope bill."""

    visit_index: int
    eligible: bool
    #: (in-scope bill, fund pays), sorted by bill, each from a run of the engine
    points: list[tuple[Decimal, Decimal]]
    #: bills where the slope changes: the deductible left, the cap reached
    breakpoints: list[Decimal]
    deductible_left: Decimal | None  # what was left of the year's deductible before this visit
    ratio: Decimal | None
    cap_left: Decimal | None  # what was left of the year's cap before this visit (None: no cap)
    cap_bill: Decimal | None  # the in-scope bill at which the fund's share reaches cap_left
    #: this visit: its in-scope bill after scope and first self-pay (the bill of an ineligible
    #: visit) and what the fund paid for it
    bill: Decimal
    fund: Decimal
    #: the chart's axes: largest bill sampled and the top of the fund axis
    max_bill: Decimal
    max_fund: Decimal
    sample_category: str


def _step(visit: VisitResult, cls: type) -> object | None:
    for s in visit.steps:  # the first step of that class (a loop: no generator a look-up)
        if isinstance(s, cls):
            return s
    return None


_TEN = Decimal(10)
#: the axes' room above the largest bill and the largest share (the same Decimals as the
#: literals ``Decimal("1.25")`` and ``Decimal("1.15")``, made once)
_BILL_MARGIN, _FUND_MARGIN = Decimal("1.25"), Decimal("1.15")
_NICE = tuple(map(Decimal, ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "10")))
#: k / SAMPLES, exact (max_bill × k / SAMPLES and max_bill × (k / SAMPLES) are the same number,
#: and both are quantized to the fen)
_FRACTIONS = tuple(Decimal(k) / SAMPLES for k in range(1, SAMPLES + 1))


def _nice_ceiling(value: Decimal) -> Decimal:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) ≥ value, at least 100."""
    if value <= 100:
        return Decimal(100)
    context = getcontext()
    key = (value.adjusted(), context.prec, context.rounding)
    candidates = _CANDIDATES.get(key)
    if candidates is None:
        candidates = _candidates(key[0])
        if len(_CANDIDATES) >= 256:
            _CANDIDATES.clear()
        _CANDIDATES[key] = candidates
    for candidate in candidates:
        if candidate >= value:
            return candidate.quantize(FEN)
    return (10 * _TEN ** key[0]).quantize(FEN)  # pragma: no cover


def _candidates(adjusted: int) -> tuple[Decimal, ...]:
    """``factor × 10ⁿ`` for each round factor, ``n`` a value's adjusted exponent: the products
    :func:`_nice_ceiling` compares a value with (exact: three digits at most), computed once per
    exponent and arithmetic context rather than for each chart's two axes."""
    magnitude = _TEN ** adjusted
    return tuple(factor * magnitude for factor in _NICE)


#: (adjusted exponent, precision, rounding) → :func:`_candidates`
_CANDIDATES: dict[tuple[int, int, str], tuple[Decimal, ...]] = {}


def _sample_category(visit: VisitResult) -> str:
    return _sample_category_of(_step(visit, ScopeStep))


def _sample_category_of(scope: object | None) -> str:
    """:func:`_sample_category` of a visit whose first scope step (or None) is ``scope``."""
    cats = [ln.category for ln in scope.lines if ln.in_scope] if isinstance(scope, ScopeStep) else []
    for cat in _PREFERRED:
        if cat in cats:
            return cat
    return cats[0] if cats else "in_scope"


# -- the curve read from the trace (no re-settling) --------------------------------------------------

def fund_curve(request: CalculationRequest, visit_index: int = -1, *,
               result: CalculationResult | None = None) -> Curve:
    """The fund's share of visit ``visit_index`` (negative counts from the end) as its bill grows.

    ``result`` is the request's calculation result, when the caller has it (the chart does);
    without it the visits up to the chosen one are settled once. Raises what
    :func:`calculator.calculate` raises for those visits.
    """
    n = len(request.visits)
    if not -n <= visit_index < n:
        raise IndexError(f"visit {visit_index} out of range (the request has {n} visits)")
    index = visit_index % n
    if result is None:
        result = calculate(replace(request, visits=list(request.visits[: index + 1])))
    return curve_of(result, index)


def curve_of(result: CalculationResult, visit_index: int = -1) -> Curve:
    """The curve of one visit of a result, read from its trace (no settlement is run)."""
    n = len(result.visits)
    if not -n <= visit_index < n:
        raise IndexError(f"visit {visit_index} out of range (the result has {n} visits)")
    index = visit_index % n
    actual = result.visits[index]
    # the first step of each class the curve reads, in one pass over the steps
    scope = deductible = ratio_step = cap = None
    for s in actual.steps:
        if isinstance(s, ScopeStep):
            scope = scope or s
        elif isinstance(s, DeductibleStep):
            deductible = deductible or s
        elif isinstance(s, RatioStep):
            ratio_step = ratio_step or s
        elif isinstance(s, CapStep):
            cap = cap or s
    category = _sample_category_of(scope)
    if not actual.eligible or not isinstance(deductible, DeductibleStep) \
            or not isinstance(ratio_step, RatioStep) or not isinstance(cap, CapStep):
        bill = actual.total
        max_bill = _nice_ceiling(bill * _BILL_MARGIN)
        points = [(ZERO, ZERO), (bill, ZERO), (max_bill, ZERO)] if bill > 0 else [(ZERO, ZERO), (max_bill, ZERO)]
        return Curve(visit_index=index, eligible=False, points=points, breakpoints=[],
                     deductible_left=None, ratio=None, cap_left=None, cap_bill=None, bill=bill,
                     fund=actual.fund_pays, max_bill=max_bill, max_fund=Decimal(100),
                     sample_category=category)

    left = deductible.remaining_before if deductible.deductible is not None else ZERO
    ratio = ratio_step.ratio
    cap_left = cap.remaining_before
    in_scope, rate, uncapped = _sample_rules_of(result, scope, ratio_step, category)

    def fund_at(amount: Decimal) -> Decimal:
        """The engine's steps 3–7 for one item of ``category`` and ``amount`` (see the module)."""
        if not in_scope:
            return ZERO
        base = amount - share(amount, rate) if rate is not None else amount
        above = base - min(left, base)
        fund = share(above, ratio)
        if uncapped or cap_left is None:
            return fund
        return min(fund, cap_left)

    context = getcontext()
    # the situation, each Decimal by its exact text (a memo returns the very digits and places
    # a computation would give, not just an equal value), and the arithmetic context
    situation = (str(left), str(ratio), None if cap_left is None else str(cap_left), context.prec, context.rounding)
    cap_bill = None
    if cap_left is not None and ratio > 0:
        cap_bill = _MEMO.get(situation)
        if cap_bill is None:
            with localcontext() as ctx:
                ctx.prec = 34
                cap_bill = left + (cap_left / ratio).quantize(FEN, rounding=ROUND_CEILING)
            _remember(situation, cap_bill)
    bill = deductible.base
    breakpoints = [b for b in (left, cap_bill) if b is not None and b > 0]
    top = max([bill, left, *(b for b in (cap_bill,) if b is not None)])
    max_bill = min(_nice_ceiling(top * _BILL_MARGIN), MAX_AMOUNT)
    # the evenly spaced samples and what the fund pays at each depend only on the axis' end and
    # the situation: computed once for them (the same samples, the same figures)
    key = (str(max_bill), in_scope, None if rate is None else str(rate), uncapped, *situation)
    spaced = _MEMO.get(key)
    if spaced is None:
        spaced = tuple((x, fund_at(x)) for x in (
            (max_bill * fraction).quantize(FEN, rounding=ROUND_HALF_UP) for fraction in _FRACTIONS))
        _remember(key, spaced)
    # the points of sorted({ZERO, bill, max_bill, *breakpoints} ∪ the spaced samples) within
    # [ZERO, max_bill]: a sample equal to one of the others is that one (a set keeps the first
    # of equal elements); the spaced samples are distinct, ascending and within the axis
    others = sorted(s for s in {ZERO, bill, max_bill, *breakpoints} if ZERO <= s <= max_bill)
    points = []
    i = 0
    for x, fund in spaced:
        while i < len(others) and others[i] <= x:
            points.append((others[i], fund_at(others[i])))
            i += 1
        if not points or points[-1][0] != x:
            points.append((x, fund))
    for other in others[i:]:
        points.append((other, fund_at(other)))
    highest = max([actual.fund_pays, *(f for _, f in points)])
    max_fund = _nice_ceiling(highest * _FUND_MARGIN) if highest > 0 else Decimal(100)
    return Curve(visit_index=index, eligible=True, points=points, breakpoints=breakpoints,
                 deductible_left=left, ratio=ratio, cap_left=cap_left, cap_bill=cap_bill,
                 bill=bill, fund=actual.fund_pays, max_bill=max_bill, max_fund=max_fund,
                 sample_category=category)


#: what :func:`curve_of` computes once per situation (see there); started over when full
_MEMO: dict[tuple[Any, ...], Any] = {}
_MEMO_LIMIT = 4096


def _remember(key: tuple[Any, ...], value: Any) -> None:
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = value


def _sample_rules(result: CalculationResult, index: int, category: str) -> tuple[bool, Decimal | None, bool]:
    """How the engine treats one item of ``category`` on this visit: (in scope, first self-pay
    rate or None, kept outside the cap). In scope is read from the visit's scope lines; a visit
    holding no in-scope item samples a plain in-scope cost, in scope unless the document excludes
    it or the visit's referral (its tier) leaves it out. The rate and the cap rule are the pack's."""
    visit = result.visits[index]
    return _sample_rules_of(result, _step(visit, ScopeStep), _step(visit, RatioStep), category)


def _sample_rules_of(result: CalculationResult, scope: object | None, ratio: object | None,
                     category: str) -> tuple[bool, Decimal | None, bool]:
    """:func:`_sample_rules` of a visit whose first scope and ratio steps (or None) are given."""
    pack = get_pack(result.policy.id)
    lines = scope.lines if isinstance(scope, ScopeStep) else []
    if any(ln.in_scope and ln.category == category for ln in lines):
        in_scope = True
    else:
        # a referral is settled at its own tier (南昌居民: county_tcm, county_tcm_poor)
        tier = ratio.tier.removesuffix("_poor") if isinstance(ratio, RatioStep) else ""
        referral = pack.referral.get(tier)
        in_scope = (category != "self_pay" and all(ex.category != category for ex in pack.excluded)
                    and (referral is None or category in referral.scope))
    rate_c = pack.first_self_pay.get(category) if pack.first_self_pay else None
    uncapped = category == "consultation" and pack.consultation is not None and pack.consultation.outside_cap
    return in_scope, (rate_c.value if rate_c is not None else None), uncapped
