"""Bill check: does the fund figure on a settlement slip match the documents, and if not, why not.

The operator of the hotline console enters what the slip says the fund (统筹基金) paid for the
visit. :func:`check_bill` settles the request as given; when the figures differ it recomputes the
plausible variants of the request, each changing one thing a caller commonly gets wrong or does not
know, and keeps those that reproduce the slip's figure:

=======================  ============  =========================================================
variant                  step          what differs
=======================  ============  =========================================================
``first_visit``          deductible    the first outpatient bill this year (nothing used before)
``deductible_met``       deductible    the year's deductible already used up before this visit
``deductible_not_met``   deductible    nothing of the deductible used before this visit
``deductible_used``      deductible    a part of the deductible used before (solved for)
``tier:<key>``           ratio         another provider level / grade (or prescribing level)
``category:<c>``         ratio         settled as another insured category (在职 ↔ 退休)
``cap_used``             cap           the year's cap partly (or wholly) used before (solved for)
``self_pay``             scope         part of the bill outside the catalogue, i.e. self-pay
``class_b``              first_self_pay part of the bill class-B (乙类), with its first self-pay
``not_covered``          eligibility   the visit not settled by the outpatient pool at all
=======================  ============  =========================================================

When no single change reproduces the slip, pairs of a deductible change and a provider or
category change are tried. Variants are ranked: single changes before pairs, then by how often the
change explains a slip in practice (the deductible position first), then by how small the change
is. The module is pure: a request and a figure in, a :class:`BillCheck` out; no I/O beyond reading
the rule packs. Every recomputation is the same :func:`calculator.calculate`, so each variant's
result carries its own cited steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import msgspec

from .engine import CATEGORY_LABELS, TIER_LABELS, calculate
from .errors import CalculatorError
from .money import FEN, ZERO, round_fen
from .packs import get_pack
from .request import CalculationRequest, Item, Visit
from .result import CalculationResult, CapStep, DeductibleStep, RatioStep, VisitResult

__all__ = ["ROUNDING_TOLERANCE", "BillCheck", "Variant", "check_bill"]

#: a difference up to this is reported as a likely rounding difference of the hospital's system
ROUNDING_TOLERANCE = Decimal("0.05")
_MAX_VARIANTS = 8
_PLAIN = ("in_scope", "tcm", "consultation")
_LEVEL_WORDS = {1: "一级及以下", 2: "二级", 3: "三级"}


@dataclass(frozen=True)
class Variant:
    """One change to the request that reproduces the slip's fund figure."""

    id: str
    #: the settlement step that differs: deductible, ratio, cap, scope, first_self_pay, eligibility
    step: str
    #: what differs, in Chinese ("本次之前今年的起付线已经扣满（已累计200.00元）")
    description: str
    request: CalculationRequest
    result: CalculationResult
    #: the fund's payment for the visit under this variant (equals the slip's figure)
    fund: Decimal
    #: how many things were changed (1, or 2 for a pair)
    changes: int = 1
    rank: int = 0

    @property
    def visit(self) -> VisitResult:
        return self.result.visits[-1]


@dataclass(frozen=True)
class BillCheck:
    """The verdict on a slip: matched or not, and the variants that explain a difference."""

    slip_fund: Decimal
    computed_fund: Decimal
    result: CalculationResult
    variants: list[Variant] = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        """Slip minus computed: positive when the slip shows the fund paying more."""
        return self.slip_fund - self.computed_fund

    @property
    def matched(self) -> bool:
        return self.difference == 0

    @property
    def rounding_only(self) -> bool:
        """A difference of a few fen: most likely the hospital's system rounds item by item."""
        return not self.matched and abs(self.difference) <= ROUNDING_TOLERANCE

    @property
    def verdict(self) -> str:
        """One Chinese sentence for the operator."""
        slip, ours = f"{self.slip_fund}元", f"{self.computed_fund}元"
        if self.matched:
            return f"一致：结算单上统筹基金支付{slip}，与按文件计算的结果相同。"
        more = "多" if self.difference > 0 else "少"
        head = f"不一致：结算单上统筹基金支付{slip}，按所填信息计算应为{ours}，结算单{more}{abs(self.difference)}元。"
        if self.rounding_only:
            head += "差额只有几分钱，多半是医院系统逐项舍入造成的。"
        if self.variants:
            return head + f"最可能的原因：{self.variants[0].description}。"
        if not self.rounding_only:
            head += "没有找到能单独解释差额的原因，请核对费用明细、医院等级和今年已发生的费用。"
        return head


# -- recomputation helpers ----------------------------------------------------------------------

def _fund(result: CalculationResult) -> Decimal:
    return result.visits[-1].fund_pays


def _settle(req: CalculationRequest) -> CalculationResult | None:
    try:
        return calculate(req)
    except CalculatorError:
        return None


def _step(visit: VisitResult, kind: type) -> object | None:
    return next((s for s in visit.steps if isinstance(s, kind)), None)


def _with_year_start(req: CalculationRequest, **changes: Decimal) -> CalculationRequest:
    return msgspec.structs.replace(req, year_start=msgspec.structs.replace(req.year_start, **changes))


def _with_last_visit(req: CalculationRequest, visit: Visit) -> CalculationRequest:
    return msgspec.structs.replace(req, visits=[*req.visits[:-1], visit])


def _with_provider(req: CalculationRequest, **changes: object) -> CalculationRequest:
    visit = req.visits[-1]
    provider = msgspec.structs.replace(visit.provider, **changes)
    return _with_last_visit(req, msgspec.structs.replace(visit, provider=provider))


def _move(req: CalculationRequest, amount: Decimal, to: str) -> CalculationRequest | None:
    """Move ``amount`` of the last visit's plain in-scope items into one item of category ``to``."""
    visit = req.visits[-1]
    items = list(visit.bill)
    left = amount
    out: list[Item] = []
    for item in items:
        if left > 0 and item.category == "in_scope":
            take = min(left, item.amount)
            left -= take
            if item.amount - take > 0:
                out.append(msgspec.structs.replace(item, amount=item.amount - take))
        else:
            out.append(item)
    if left > 0:
        return None
    out.append(Item(category=to, amount=amount))  # type: ignore[arg-type]
    return _with_last_visit(req, msgspec.structs.replace(visit, items=out, amount=None))


def _yuan(value: Decimal) -> str:
    return f"{round_fen(value)}元"


def _search(make: Callable[[Decimal], CalculationRequest | None], low: Decimal, high: Decimal,
            target: Decimal, decreasing: bool = True) -> tuple[Decimal, CalculationResult] | None:
    """The smallest amount in [low, high] (to the fen) whose recomputed fund equals ``target``.

    The fund must be monotone in the amount (non-increasing when ``decreasing``).
    """
    lo, hi = int(low / FEN), int(high / FEN)
    if lo > hi:
        return None

    def fund_at(n: int) -> Decimal | None:
        req = make(Decimal(n) * FEN)
        result = _settle(req) if req is not None else None
        return _fund(result) if result is not None else None

    # smallest n with fund(n) <= target (decreasing) or >= target (increasing)
    def past(value: Decimal | None) -> bool:
        if value is None:
            return True
        return value <= target if decreasing else value >= target

    if not past(fund_at(hi)):
        return None
    for _ in range(64):
        if lo >= hi:
            break
        mid = (lo + hi) // 2
        if past(fund_at(mid)):
            hi = mid
        else:
            lo = mid + 1
    amount = Decimal(lo) * FEN
    req = make(amount)
    result = _settle(req) if req is not None else None
    if result is None or _fund(result) != target:
        return None
    return amount, result


# -- the variants ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Change:
    id: str
    step: str
    description: str
    apply: Callable[[CalculationRequest], CalculationRequest | None]
    order: int  # plausibility: lower is checked and listed first
    size: Decimal = ZERO  # how big the change is, for ranking within a kind


def _deductible_changes(req: CalculationRequest, visit: VisitResult) -> list[_Change]:
    step = _step(visit, DeductibleStep)
    out: list[_Change] = []
    ys = req.year_start
    if ys.deductible_used > 0 or ys.fund_paid > 0:
        out.append(_Change("first_visit", "deductible", "这是本年度第一次门诊结算（此前起付线和统筹支付都还是0元）",
                           lambda r: _with_year_start(r, deductible_used=ZERO, fund_paid=ZERO), 0))
    if not isinstance(step, DeductibleStep) or step.deductible is None:
        return out
    ded = step.deductible
    if step.remaining_before > 0:
        out.append(_Change("deductible_met", "deductible",
                           f"本次之前今年的起付线已经扣满（已累计{_yuan(ded)}），本次不再扣起付线",
                           lambda r: _with_year_start(r, deductible_used=ded), 1))
    if ys.deductible_used > 0 and ys.fund_paid > 0 and len(req.visits) == 1:
        out.append(_Change("deductible_not_met", "deductible",
                           f"本次之前今年还没有扣过起付线（已累计0元，本次要扣{_yuan(ded)}）",
                           lambda r: _with_year_start(r, deductible_used=ZERO), 2))
    return out


def _tier_changes(req: CalculationRequest, visit: VisitResult) -> list[_Change]:
    pack = get_pack(req.policy)
    ratio = _step(visit, RatioStep)
    if pack.meta.scheme == "resident" or not isinstance(ratio, RatioStep):
        return []
    prov = req.visits[-1].provider
    settled = pack.settled_category(visit.category)
    keys = set(pack.ratio.get(settled, {}))
    params = req.parameters
    if params and params.ratio:
        keys |= set(params.ratio.get(visit.category, params.ratio.get(settled, {})))
    pharmacy_by_prescriber = prov.kind == "pharmacy" and pack.pharmacy is not None \
        and pack.pharmacy.rule == "prescribing_level"
    if prov.kind == "pharmacy" and not pharmacy_by_prescriber:
        return []
    current_level = (prov.prescribed_at_level if pharmacy_by_prescriber else prov.level) or 0
    out: list[_Change] = []
    for key in sorted(keys):
        if key == ratio.tier or not key[0].isdigit():
            continue
        level, grade = int(key[0]), (key[1:] or None)
        label = TIER_LABELS.get(key, key)
        rate = pack.ratio.get(settled, {}).get(key)
        rate_text = f"（支付比例{(rate.value * 100).normalize():f}%）" if rate is not None else ""
        if pharmacy_by_prescriber:
            desc = f"开处方的医院按{label}计算{rate_text}"
            changes = {"prescribed_at_level": level, "prescribed_at_grade": grade}
        else:
            desc = f"就诊机构按{label}结算{rate_text}"
            changes = {"level": level, "grade": grade}
        out.append(_Change(f"tier:{key}", "ratio", desc,
                           lambda r, c=changes: _with_provider(r, **c), 3,
                           size=Decimal(abs(level - current_level))))
    return out


def _category_changes(req: CalculationRequest, visit: VisitResult) -> list[_Change]:
    pack = get_pack(req.policy)
    if pack.meta.scheme == "resident" or req.insured.retired_on is not None:
        return []
    current = pack.settled_category(req.insured.category)
    out: list[_Change] = []
    for cat in pack.categories:
        if cat == "resident" or pack.settled_category(cat) == current or cat == "flexible":
            continue
        out.append(_Change(f"category:{cat}", "ratio",
                           f"参保人按{CATEGORY_LABELS.get(cat, cat)}的待遇结算",
                           lambda r, c=cat: msgspec.structs.replace(
                               r, insured=msgspec.structs.replace(r.insured, category=c)), 7))
    return out


def _solved_changes(req: CalculationRequest, visit: VisitResult, slip: Decimal) -> list[Variant]:
    """Variants found by solving for an amount: deductible used, cap used, self-pay, class-B."""
    out: list[Variant] = []
    ded = _step(visit, DeductibleStep)
    cap = _step(visit, CapStep)
    computed = visit.fund_pays
    pack = get_pack(req.policy)
    single_visit = len(req.visits) == 1

    if single_visit and isinstance(ded, DeductibleStep) and ded.deductible is not None:
        # the fund falls as the deductible used before rises
        found = _search(lambda x: _with_year_start(req, deductible_used=x), ZERO, ded.deductible, slip,
                        decreasing=False)
        if found is not None:
            used, result = found
            if used not in (ZERO, ded.deductible, req.year_start.deductible_used):
                remaining = ded.deductible - used
                out.append(Variant(
                    "deductible_used", "deductible",
                    f"本次之前今年已累计起付线{_yuan(used)}（起付线{_yuan(ded.deductible)}只剩{_yuan(remaining)}要扣）",
                    _with_year_start(req, deductible_used=used), result, _fund(result), rank=4))

    if single_visit and isinstance(cap, CapStep) and cap.cap is not None and slip < computed:
        found = _search(lambda x: _with_year_start(req, fund_paid=x), req.year_start.fund_paid, cap.cap, slip)
        if found is not None:
            paid, result = found
            left = cap.cap - paid
            desc = (f"本年度统筹基金此前已支付{_yuan(paid)}，年度最高支付限额{_yuan(cap.cap)}已经用完"
                    if left <= 0 else
                    f"本年度统筹基金此前已支付{_yuan(paid)}，年度最高支付限额{_yuan(cap.cap)}只剩{_yuan(left)}")
            out.append(Variant("cap_used", "cap", desc, _with_year_start(req, fund_paid=paid), result,
                               _fund(result), rank=6))

    last = req.visits[-1]
    plain = sum((i.amount for i in last.bill if i.category == "in_scope"), ZERO)
    if slip < computed and plain > 0:
        found = _search(lambda x: _move(req, x, "self_pay"), FEN, plain, slip)
        if found is not None:
            amount, result = found
            moved = _move(req, amount, "self_pay")
            assert moved is not None
            out.append(Variant("self_pay", "scope",
                               f"账单中约有{_yuan(amount)}是医保目录外的自费项目，不属于统筹支付范围",
                               moved, result, _fund(result), rank=5))
        if pack.first_self_pay.get("class_b_drug") is not None:
            found = _search(lambda x: _move(req, x, "class_b_drug"), FEN, plain, slip)
            if found is not None:
                amount, result = found
                moved = _move(req, amount, "class_b_drug")
                assert moved is not None
                rate = pack.first_self_pay["class_b_drug"].value
                out.append(Variant("class_b", "first_self_pay",
                                   f"账单中约有{_yuan(amount)}是乙类药品，要先由个人自付"
                                   f"{(rate * 100).normalize():f}%再报销",
                                   moved, result, _fund(result), rank=8))
    if slip == 0 and computed > 0:
        not_covered = _with_provider(req, designated=False)
        result = _settle(not_covered)
        if result is not None and _fund(result) == 0:
            out.append(Variant("not_covered", "eligibility",
                               "这次费用没有按普通门诊统筹结算（例如在非定点机构、住院期间或未备案的异地就医）",
                               not_covered, result, ZERO, rank=9))
    return out


def _apply(change: _Change, req: CalculationRequest) -> tuple[CalculationRequest, CalculationResult] | None:
    changed = change.apply(req)
    if changed is None:
        return None
    result = _settle(changed)
    return (changed, result) if result is not None else None


def check_bill(request: CalculationRequest, slip_fund: Decimal) -> BillCheck:
    """Compare the slip's fund figure for the (last) visit with the calculation, and explain a gap.

    Raises the calculator's error when the request itself cannot be settled (a missing fact is
    asked for before any comparison). ``slip_fund`` must be a non-negative amount in yuan.
    """
    if not slip_fund.is_finite() or slip_fund < 0:
        raise ValueError("slip_fund must be a finite, non-negative amount")
    slip = round_fen(slip_fund)
    result = calculate(request)
    visit = result.visits[-1]
    computed = visit.fund_pays
    check = BillCheck(slip_fund=slip, computed_fund=computed, result=result)
    if check.matched:
        return check

    found: list[Variant] = []
    seen: set[str] = set()

    def keep(variant: Variant) -> None:
        if variant.fund == slip and variant.id not in seen:
            seen.add(variant.id)
            found.append(variant)

    deductible = _deductible_changes(request, visit)
    others = _tier_changes(request, visit) + _category_changes(request, visit)
    for change in deductible + others:
        applied = _apply(change, request)
        if applied is not None:
            keep(Variant(change.id, change.step, change.description, applied[0], applied[1],
                         _fund(applied[1]), rank=change.order))
    for variant in _solved_changes(request, visit, slip):
        keep(variant)

    if not found:
        for first, second in _pairs(deductible, others):
            changed = first.apply(request)
            changed = second.apply(changed) if changed is not None else None
            result2 = _settle(changed) if changed is not None else None
            if changed is not None and result2 is not None:
                keep(Variant(f"{first.id}+{second.id}", second.step,
                             f"{first.description}，并且{second.description}", changed, result2,
                             _fund(result2), changes=2, rank=10 + first.order + second.order))

    sizes = {c.id: c.size for c in others}
    found.sort(key=lambda v: (v.changes, v.rank, sizes.get(v.id, ZERO)))
    return BillCheck(slip_fund=slip, computed_fund=computed, result=result, variants=found[:_MAX_VARIANTS])


def _pairs(first: Iterable[_Change], second: Iterable[_Change]) -> Iterable[tuple[_Change, _Change]]:
    seconds = list(second)
    for a in first:
        for b in seconds:
            yield a, b
