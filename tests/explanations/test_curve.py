"""calculator.curve: the chart's points, each produced by the engine itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from msgspec.structs import replace

from calculator import calculate
from calculator.curve import fund_curve
from calculator.request import Item

from .scenarios import request_of


def _fund_at(request, index: int, amount: Decimal, category: str = "in_scope") -> Decimal:
    visit = replace(request.visits[index], amount=None, items=[Item(category=category, amount=amount)])
    visits = [*request.visits[:index], visit]
    return calculate(replace(request, visits=visits)).visits[index].fund_pays


@pytest.mark.parametrize("sid", ["pl_3a_first_self_pay_account", "nc_cap_partly_left", "ncr_signed_basic",
                                 "nce_retiree_three_visits_cap", "nc_deductible_not_met"])
def test_points_are_the_engines(sid: str) -> None:
    request = request_of(sid)
    curve = fund_curve(request)
    index = curve.visit_index
    for bill, fund in curve.points:
        assert fund == _fund_at(request, index, bill, curve.sample_category)
    funds = [f for _, f in curve.points]
    assert funds == sorted(funds)  # never decreasing
    assert all(f == 0 for b, f in curve.points if b <= curve.deductible_left)
    if curve.cap_left is not None:
        assert max(funds) == curve.cap_left
        assert dict(curve.points)[curve.cap_bill] == curve.cap_left
    assert all(isinstance(b, Decimal) and isinstance(f, Decimal) for b, f in curve.points)


def test_the_visit_is_on_its_curve() -> None:
    request = request_of("pl_3a_first_self_pay_account")
    curve = fund_curve(request)
    assert (curve.bill, curve.fund) == (Decimal("980.00"), Decimal("429.00"))
    assert (curve.bill, curve.fund) in curve.points
    assert curve.breakpoints == [Decimal("200.00"), curve.cap_bill]
    assert curve.ratio == Decimal("0.55")


def test_referral_curve_samples_tcm_items() -> None:
    curve = fund_curve(request_of("ncr_referral_tcm_only"))
    assert curve.sample_category == "tcm" and curve.points[-1][1] > 0


def test_ineligible_visit_is_flat() -> None:
    curve = fund_curve(request_of("pl_non_designated_account_unused"))
    assert not curve.eligible and all(f == 0 for _, f in curve.points)


def test_earlier_visits_count_later_ones_do_not() -> None:
    request = request_of("nce_retiree_three_visits_cap")
    first, last = fund_curve(request, 0), fund_curve(request, -1)
    assert first.deductible_left == Decimal("600.00") and first.cap_left == Decimal("2000.00")
    assert last.deductible_left == Decimal("0.00") and last.cap_left == Decimal("900.00")
    with pytest.raises(IndexError):
        fund_curve(request, 3)
