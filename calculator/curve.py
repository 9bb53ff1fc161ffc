"""What the fund pays for one visit as the visit's in-scope bill grows — the data of the chart.

The explanation's chart shows, for this person's situation (the year so far, the provider, the
category), the fund's share as a function of the visit's in-scope bill: nothing up to what is
left of the deductible, then the ratio's slope, then the plateau of what is left of the cap. Every
point is produced by the settlement engine itself: :func:`fund_curve` re-runs
:func:`calculator.calculate` on copies of the request in which the chosen visit's bill is replaced
by a sample in-scope amount (``msgspec.structs.replace``; the visits before it stay, the ones
after it cannot change it and are dropped). The breakpoints come from the visit's own trace (the
deductible left, the cap left and the ratio); the amount at which the cap is reached is rounded
*up* to the fen so that the engine, run there, pays the whole cap left.

The chart code only maps these Decimals to pixels; it computes no money.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

import msgspec
from msgspec.structs import replace

from .engine import calculate
from .money import FEN, MAX_AMOUNT, ZERO
from .request import CalculationRequest, Item
from .result import CapStep, DeductibleStep, RatioStep, ScopeStep, VisitResult

__all__ = ["Curve", "fund_curve"]

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
    return next((s for s in visit.steps if isinstance(s, cls)), None)


def _nice_ceiling(value: Decimal) -> Decimal:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) ≥ value, at least 100."""
    if value <= 100:
        return Decimal(100)
    magnitude = Decimal(10) ** value.adjusted()
    for factor in map(Decimal, ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "10")):
        if factor * magnitude >= value:
            return (factor * magnitude).quantize(FEN)
    return (10 * magnitude).quantize(FEN)  # pragma: no cover


def _sample_category(visit: VisitResult) -> str:
    scope = _step(visit, ScopeStep)
    cats = [ln.category for ln in scope.lines if ln.in_scope] if isinstance(scope, ScopeStep) else []
    for cat in _PREFERRED:
        if cat in cats:
            return cat
    return cats[0] if cats else "in_scope"


def fund_curve(request: CalculationRequest, visit_index: int = -1) -> Curve:
    """The fund's share of visit ``visit_index`` (negative counts from the end) as its bill grows.

    Raises what :func:`calculator.calculate` raises for the request itself.
    """
    n = len(request.visits)
    if not -n <= visit_index < n:
        raise IndexError(f"visit {visit_index} out of range (the request has {n} visits)")
    index = visit_index % n
    head = list(request.visits[:index])
    actual = calculate(replace(request, visits=[*head, request.visits[index]])).visits[index]
    category = _sample_category(actual)

    def fund_at(amount: Decimal) -> Decimal:
        visit = replace(request.visits[index], amount=None,
                        items=[Item(category=category, amount=amount)])
        return calculate(replace(request, visits=[*head, visit])).visits[index].fund_pays

    deductible = _step(actual, DeductibleStep)
    ratio_step = _step(actual, RatioStep)
    cap = _step(actual, CapStep)
    if not actual.eligible or not isinstance(deductible, DeductibleStep) \
            or not isinstance(ratio_step, RatioStep) or not isinstance(cap, CapStep):
        bill = actual.total
        max_bill = _nice_ceiling(bill * Decimal("1.25"))
        points = [(ZERO, ZERO), (bill, ZERO), (max_bill, ZERO)] if bill > 0 else [(ZERO, ZERO), (max_bill, ZERO)]
        return Curve(visit_index=index, eligible=False, points=points, breakpoints=[],
                     deductible_left=None, ratio=None, cap_left=None, cap_bill=None, bill=bill,
                     fund=actual.fund_pays, max_bill=max_bill, max_fund=Decimal(100),
                     sample_category=category)

    left = deductible.remaining_before if deductible.deductible is not None else ZERO
    ratio = ratio_step.ratio
    cap_left = cap.remaining_before
    cap_bill = None
    if cap_left is not None and ratio > 0:
        with localcontext() as ctx:
            ctx.prec = 34
            cap_bill = left + (cap_left / ratio).quantize(FEN, rounding=ROUND_CEILING)
    bill = deductible.base
    breakpoints = [b for b in (left, cap_bill) if b is not None and b > 0]
    top = max([bill, left, *(b for b in (cap_bill,) if b is not None)])
    max_bill = min(_nice_ceiling(top * Decimal("1.25")), MAX_AMOUNT)
    samples = {ZERO, bill, max_bill, *breakpoints}
    for k in range(1, SAMPLES + 1):
        samples.add((max_bill * k / SAMPLES).quantize(FEN, rounding=ROUND_HALF_UP))
    points = [(x, fund_at(x)) for x in sorted(s for s in samples if ZERO <= s <= max_bill)]
    highest = max([actual.fund_pays, *(f for _, f in points)])
    max_fund = _nice_ceiling(highest * Decimal("1.15")) if highest > 0 else Decimal(100)
    return Curve(visit_index=index, eligible=True, points=points, breakpoints=breakpoints,
                 deductible_left=left, ratio=ratio, cap_left=cap_left, cap_bill=cap_bill,
                 bill=bill, fund=actual.fund_pays, max_bill=max_bill, max_fund=max_fund,
                 sample_category=category)
