"""Invariants of settlement that must hold for every bill, checked on generated years of visits."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import msgspec
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculator import calculate, get_pack
from calculator.errors import MissingFact
from calculator.money import share
from calculator.request import CalculationRequest, convert_request

EMPLOYEE_POLICIES = ["nanchong-employee", "nanchang-employee", "pingliang-employee", "xian-employee"]
ITEM_CATEGORIES = ["in_scope", "class_b_drug", "class_b_service", "self_pay", "consultation", "tcm"]
XIAN_PARAMETERS = {
    "source": "测试用参数（非官方）",
    "deductible": {"employee": "500.00", "retiree": "400.00"},
    "cap": {"employee": "1500.00", "retiree": "2000.00"},
    "ratio": {"employee": {"1": "0.60", "2": "0.55", "3": "0.50", "pharmacy": "0.50"},
              "retiree": {"1": "0.65", "2": "0.60", "3": "0.55", "pharmacy": "0.55"}},
}

money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)
small_money = st.decimals(min_value=0, max_value=3000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def providers(draw, policy: str):
    kind = draw(st.sampled_from(["hospital", "hospital", "hospital", "pharmacy"]))
    level = draw(st.sampled_from([1, 2, 3]))
    grade = draw(st.sampled_from(["A", "B", "C"])) if level > 1 else None
    out = {"kind": kind, "designated": draw(st.booleans()) or draw(st.booleans())}
    if kind == "hospital":
        out |= {"level": level, "grade": grade}
    else:
        out |= {"prescribed_at_level": level, "prescribed_at_grade": grade}
    if policy == "nanchang-resident":
        out = {"kind": "hospital", "signed": draw(st.booleans()) or True,
               "referral": draw(st.sampled_from([None, None, "county_tcm"]))}
    return out


@st.composite
def requests(draw, policy: str | None = None, visits: int | None = None):
    policy = policy or draw(st.sampled_from(EMPLOYEE_POLICIES + ["nanchang-resident"]))
    if policy == "nanchang-resident":
        insured = {"category": "resident", "resident": {
            "family_doctor": draw(st.booleans()), "poverty_registered": draw(st.booleans())}}
    else:
        insured = {"category": draw(st.sampled_from(["employee", "retiree", "flexible"]))}
        if draw(st.booleans()) and insured["category"] != "retiree":
            insured["retired_on"] = draw(st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).isoformat()
    n = visits or draw(st.integers(1, 6))
    dates = sorted(draw(st.lists(st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)), min_size=n, max_size=n)))
    vs = []
    for d in dates:
        items = draw(st.lists(st.fixed_dictionaries({"category": st.sampled_from(ITEM_CATEGORIES),
                                                     "amount": money.map(str)}), min_size=1, max_size=5))
        vs.append({"date": d.isoformat(), "provider": draw(providers(policy)), "items": items})
    req = {"policy": policy, "insured": insured, "visits": vs,
           "year_start": {"deductible_used": str(draw(small_money)), "fund_paid": str(draw(small_money))}}
    if draw(st.booleans()):
        req["account_balance"] = str(draw(money))
    if policy == "xian-employee":
        req["parameters"] = XIAN_PARAMETERS
    return convert_request(req)


def settle(req: CalculationRequest):
    try:
        return calculate(req)
    except MissingFact:
        assume(False)


MONEY_KEYS = {"total", "excluded", "first_self_pay", "in_scope", "deductible_applied", "fund_pays",
              "personal_pays", "account_pays", "cash_pays", "amount", "deductible_used", "fund_paid",
              "cap", "cap_remaining", "account_balance", "share", "base", "applied", "counted", "cash"}
TWO_PLACES = re.compile(r"^\d+\.\d{2}$")

common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(requests())
def test_fund_plus_personal_is_the_bill_and_account_plus_cash_is_personal(req):
    result = settle(req)
    for v in result.visits:
        assert v.fund_pays + v.personal_pays == v.total
        assert v.account_pays + v.cash_pays == v.personal_pays
        assert min(v.fund_pays, v.personal_pays, v.account_pays, v.cash_pays) >= 0
    t = result.totals
    assert t.fund_pays + t.personal_pays == t.total
    assert t.account_pays + t.cash_pays == t.personal_pays


@common
@given(requests())
def test_the_fund_never_exceeds_the_cap_nor_the_highest_ratio(req):
    result = settle(req)
    pack = get_pack(req.policy)
    highest = max([c.value for table in pack.ratio.values() for c in table.values()]
                  + [Decimal(r) for t in XIAN_PARAMETERS["ratio"].values() for r in t.values()])
    if pack.family_doctor:
        highest += pack.family_doctor.bonus.value
    for v in result.visits:
        # in-scope amount after first self-pay, times the highest ratio (one fen for two roundings)
        assert v.fund_pays <= share(v.in_scope - v.first_self_pay, highest) + Decimal("0.01")
        cap = next(s for s in v.steps if s.kind == "cap") if v.eligible else None
        if cap is not None and cap.cap is not None:
            assert cap.paid_after <= max(cap.cap, cap.paid_before)
            assert cap.counted <= cap.remaining_before
    ye = result.year_end
    if ye.cap is not None:
        assert ye.fund_paid <= max(ye.cap, req.year_start.fund_paid, max(
            (s.cap for v in result.visits for s in v.steps if s.kind == "cap" and s.cap), default=ye.cap))


@common
@given(requests())
def test_the_deductible_is_used_at_most_once_a_year(req):
    result = settle(req)
    applied = sum((v.deductible_applied for v in result.visits), Decimal("0"))
    deductibles = [s.deductible for v in result.visits for s in v.steps
                   if s.kind == "deductible" and s.deductible is not None]
    if deductibles:
        start = req.year_start.deductible_used
        assert applied <= max(Decimal("0"), max(deductibles) - start)
        assert result.year_end.deductible_used == start + applied
    else:
        assert applied == 0


@common
@given(requests(), st.data())
def test_the_fund_is_monotone_in_the_amount(req, data):
    result = settle(req)
    i = data.draw(st.integers(0, len(req.visits) - 1))
    extra = data.draw(st.decimals(min_value=Decimal("0.01"), max_value=5000, places=2))
    visit = req.visits[i]
    items = list(visit.bill)
    items[0] = msgspec.structs.replace(items[0], amount=items[0].amount + extra)
    bigger = msgspec.structs.replace(req, visits=[
        msgspec.structs.replace(visit, items=items, amount=None) if k == i else v
        for k, v in enumerate(req.visits)])
    more = settle(bigger)
    assert more.visits[i].fund_pays >= result.visits[i].fund_pays
    assert more.totals.total == result.totals.total + extra


@common
@given(requests())
def test_all_money_has_two_places(req):
    data = msgspec.to_builtins(settle(req))

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif key in MONEY_KEYS and node is not None and not isinstance(node, bool):
            assert isinstance(node, str) and TWO_PLACES.match(node), (key, node)

    walk(data)


@common
@given(requests(policy="xian-employee"), st.sampled_from(["500.000", "0.000", "120.500", "80.0"]),
       st.sampled_from(["1500.000", "20.000", "35.500", "300.0"]))
def test_the_year_totals_are_the_visits_sums_to_the_fen_even_from_figures_with_more_places(req, ded, cap):
    # A supplied figure may be written with more places than the fen ("1500.000"): what is left of
    # it then reaches the visits' figures with those places, and the year's totals, rounded to the
    # fen, are still the sums of the visits' figures.
    params = msgspec.structs.replace(req.parameters, deductible={"employee": Decimal(ded), "retiree": Decimal(ded)},
                                     cap={"employee": Decimal(cap), "retiree": Decimal(cap)})
    result = settle(msgspec.structs.replace(req, parameters=params))
    t = result.totals
    for name in ("total", "excluded", "first_self_pay", "fund_pays", "personal_pays", "account_pays", "cash_pays"):
        got = getattr(t, name)
        assert TWO_PLACES.match(str(got)), (name, got)
        assert got == sum((getattr(v, name) for v in result.visits), Decimal(0)), name


@common
@given(requests(policy="nanchang-resident"))
def test_residents_get_the_ratio_of_the_in_scope_amount(req):
    result = settle(req)
    for v in result.visits:
        if v.eligible:
            assert v.deductible_applied == 0
            assert v.fund_pays == share(v.in_scope, v.ratio)
            assert v.account_pays == 0


@common
@given(requests(visits=12))
def test_a_twelve_visit_year_carries_its_state(req):
    result = settle(req)
    fund_counted = sum((s.counted for v in result.visits for s in v.steps if s.kind == "cap"), Decimal("0"))
    assert result.year_end.fund_paid == req.year_start.fund_paid + fund_counted
    if req.account_balance is not None:
        assert result.year_end.account_balance == req.account_balance - result.totals.account_pays
