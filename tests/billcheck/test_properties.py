"""Properties of the bill check on generated requests.

1. Found where it is the cause: settle a random request under a random documented perturbation
   and print its slip; the check of the plain request lists a cause of that kind. A discrete
   perturbation (a whole item moved to self-pay or to in scope, a resident's 建档立卡 or
   family-doctor status, a resident visit's standing) is listed as itself: a cause whose
   ``changed`` holds the perturbation.
2. Never invented: for any slip figures at all, every cause listed reproduces every figure when
   its ``changed`` facts are applied and the request settled again; a matching slip gets no cause.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, calculate, convert_request
from calculator.billcheck import SLIP_FIELDS, STANDINGS, check

from .perturb import settle_changed

XIAN_PARAMETERS = {
    "source": "测试用参数（非官方）",
    "deductible": {"employee": "500.00", "retiree": "400.00"},
    "cap": {"employee": "1500.00", "retiree": "2000.00"},
    "ratio": {"employee": {"1": "0.60", "2": "0.55", "3": "0.50"},
              "retiree": {"1": "0.65", "2": "0.60", "3": "0.55"}},
}
EMPLOYEE = ["nanchong-employee", "nanchang-employee", "pingliang-employee", "xian-employee"]
DEDUCTIBLE = {"nanchong-employee": {"employee": 200, "retiree": 150}, "nanchang-employee": {"employee": 600, "retiree": 600},
              "pingliang-employee": {"employee": 200, "retiree": 200}, "xian-employee": {"employee": 500, "retiree": 400}}
CAP = {"nanchong-employee": {"employee": 1000, "retiree": 1200}, "nanchang-employee": {"employee": 1800, "retiree": 2000},
       "pingliang-employee": {"employee": 2500, "retiree": 2500}, "xian-employee": {"employee": 1500, "retiree": 2000}}

#: kinds whose perturbation is one of a discrete set of variants, found as itself (a provider level
#: may be found as another level with the same ratio, a rounding as the other rounding)
DISCRETE = ("category", "provider_level", "out_of_scope_items")
cents = st.integers(min_value=1, max_value=300000).map(lambda n: Decimal(n) / 100)


@st.composite
def requests(draw: Any) -> dict[str, Any]:
    policy = draw(st.sampled_from(EMPLOYEE + ["nanchang-resident"]))
    if policy == "nanchang-resident":
        standing = draw(st.sampled_from(["signed", "signed", "county_tcm", "not_signed"]))
        provider: dict[str, Any] = {"level": 1, "signed": standing == "signed"}
        if standing == "county_tcm":
            provider["referral"] = "county_tcm"
        items = [{"category": draw(st.sampled_from(["in_scope", "tcm"])), "amount": str(draw(cents))}]
        for _ in range(draw(st.integers(0, 2))):
            items.append({"category": draw(st.sampled_from(["self_pay", "class_b_drug", "tcm", "in_scope"])),
                          "amount": str(draw(cents))})
        status = {"family_doctor": draw(st.booleans()), "poverty_registered": draw(st.booleans())}
        return {"policy": policy, "insured": {"category": "resident", "resident": status},
                "visits": [{"date": "2026-05-10", "provider": provider, "items": items}]}
    category = draw(st.sampled_from(["employee", "retiree"]))
    level = draw(st.sampled_from([1, 2, 3]))
    provider: dict[str, Any] = {"level": level}
    if policy == "pingliang-employee" and level == 3:
        provider["grade"] = draw(st.sampled_from(["A", "B", "C"]))
    cats = ["in_scope", "self_pay", "class_b_drug", "class_b_service"]
    items = [{"category": "in_scope", "amount": str(draw(cents))}]
    for _ in range(draw(st.integers(0, 2))):
        items.append({"category": draw(st.sampled_from(cats)), "amount": str(draw(cents))})
    out: dict[str, Any] = {
        "policy": policy, "insured": {"category": category},
        "year_start": {"deductible_used": str(Decimal(draw(st.integers(0, DEDUCTIBLE[policy][category] * 100))) / 100),
                       "fund_paid": str(Decimal(draw(st.integers(0, CAP[policy][category] * 100 // 2))) / 100)},
        "visits": [{"date": "2026-05-10", "provider": provider, "items": items}],
    }
    if draw(st.booleans()):
        out["account_balance"] = str(draw(cents))
    if policy == "xian-employee":
        out["parameters"] = XIAN_PARAMETERS
    return out


@st.composite
def perturbations(draw: Any, req: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A documented perturbation of ``req`` (its kind and its ``changed`` facts)."""
    policy = req["policy"]
    items = req["visits"][0]["items"]
    options: list[tuple[str, dict[str, Any]]] = []
    if policy != "nanchang-resident":
        category = req["insured"]["category"]
        d, c = DEDUCTIBLE[policy][category] * 100, CAP[policy][category] * 100
        options += [
            ("deductible_position", {"year_start.deductible_used": str(Decimal(draw(st.integers(0, d))) / 100)}),
            ("fund_paid_position", {"year_start.fund_paid": str(Decimal(draw(st.integers(0, c))) / 100)}),
            ("category", {"insured.category": "retiree" if category == "employee" else "employee"}),
        ]
        if policy == "pingliang-employee" and category == "employee":
            options.append(("category", {"insured.category": "flexible"}))  # 第九条: no account
        level = req["visits"][0]["provider"]["level"]
        other = draw(st.sampled_from([n for n in (1, 2, 3) if n != level]))
        grade = draw(st.sampled_from(["A", "B", "C"])) if policy == "pingliang-employee" and other == 3 else None
        options.append(("provider_level", {"visits[0].provider.level": other, "visits[0].provider.grade": grade}))
    else:
        status = req["insured"]["resident"]
        for fact in ("poverty_registered", "family_doctor"):
            options.append(("category", {f"insured.resident.{fact}": not status[fact]}))
        provider = req["visits"][0]["provider"]
        current = "county_tcm" if provider.get("referral") else ("signed" if provider["signed"] else "not_signed")
        for name, facts in STANDINGS.items():
            if name != current:
                options.append(("provider_level", {f"visits[0].provider.{k}": v for k, v in facts.items()
                                                   if provider.get(k) != v}))
    for j, item in enumerate(items):
        if item["category"] == "self_pay" or item["category"].startswith("class_b"):
            options.append(("out_of_scope_items", {f"visits[0].items[{j}].category": "in_scope"}))
        if item["category"] in ("in_scope", "class_b_drug", "class_b_service", "tcm"):
            # a whole in-scope or class-B item settled as self-pay
            options.append(("out_of_scope_items", {f"visits[0].items[{j}].category": "self_pay"}))
        if policy == "pingliang-employee" and item["category"] == "class_b_drug":
            options.append(("first_self_pay", {f"visits[0].items[{j}].category": "class_b_service"}))
        if policy == "pingliang-employee" and item["category"] == "in_scope":
            options.append(("first_self_pay", {f"visits[0].items[{j}].category": "class_b_drug"}))
    options.append(("rounding", {"rounding": draw(st.sampled_from(["down", "half_even"]))}))
    return draw(st.sampled_from(options))


@st.composite
def perturbed(draw: Any) -> tuple[dict[str, Any], str, dict[str, Any], tuple[str, ...]]:
    req = draw(requests())
    kind, changed = draw(perturbations(req))
    fields = ("fund_pays", *draw(st.sets(st.sampled_from(SLIP_FIELDS[:-4] + SLIP_FIELDS[-3:]), max_size=3)))
    return req, kind, changed, fields


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(perturbed())
def test_a_documented_perturbation_is_found(case: tuple[dict[str, Any], str, dict[str, Any], tuple[str, ...]]) -> None:
    req, kind, changed, fields = case
    request = convert_request(req)
    plain = calculate(request)
    again = settle_changed(req, changed)
    slip = {f: getattr(again.visits[-1], f) for f in fields}
    assume(any(getattr(plain.visits[-1], f) != v for f, v in slip.items()))
    result = check(request, slip)
    assert result.verdict == "differs"
    assert kind in [c.kind for c in result.causes], (kind, changed, slip, [c.changed for c in result.causes])
    # (an employee moved to flexible is not listed beside a retiree cause with the same figures)
    flexible = changed.get("insured.category") == "flexible"
    if kind in DISCRETE and "visits[0].provider.level" not in changed and not flexible:
        assert any(c.kind == kind and changed.items() <= c.changed.items() for c in result.causes), \
            (changed, [c.changed for c in result.causes])
    for cause in result.causes:
        visit = settle_changed(request, cause.changed).visits[-1]
        assert {f: getattr(visit, f) for f in slip} == slip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(), st.dictionaries(st.sampled_from(SLIP_FIELDS), cents | st.just(Decimal("0.00")),
                                   min_size=1, max_size=3))
def test_random_figures_never_yield_a_cause_that_does_not_reproduce(req: dict[str, Any],
                                                                    slip: dict[str, Decimal]) -> None:
    request = convert_request(req)
    try:
        result = check(request, slip)
    except CalculatorError:
        assume(False)
        raise
    assert result.unexplained == (result.verdict == "differs" and not result.causes)
    if result.verdict == "matches":
        assert not result.causes
    for cause in result.causes:
        visit = settle_changed(request, cause.changed).visits[-1]
        assert {f: getattr(visit, f) for f in slip} == slip, cause.changed
        if cause.kind == "deductible_position":
            assert cause.limit is not None and Decimal("0") <= cause.low <= cause.high <= cause.limit
        if cause.kind == "fund_paid_position":
            assert cause.limit is not None and Decimal("0") <= cause.low <= cause.high <= cause.limit
        if cause.kind == "rounding":
            assert all(d.size <= Decimal("0.05") for d in result.differences)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**12) | st.text(max_size=8)
                     | st.floats(allow_nan=False, allow_infinity=False),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                     max_leaves=8)
_SLIP_KEYS = st.sampled_from([*SLIP_FIELDS, "hifp_pay", "acct_pay", "psn_cash_pay", "medfee_sumamt",
                              "fulamt_ownpay_amt", "preselfpay_amt", "act_pay_dedc", "fund", ""])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests() | _JSON, st.dictionaries(_SLIP_KEYS, _JSON | st.decimals(allow_nan=True).map(str), max_size=4)
       | _JSON)
def test_any_body_is_a_check_or_a_chinese_error_with_a_path(req: Any, slip: Any) -> None:
    import json

    from calculator.billcheck import check_raw

    raw = json.dumps({"request": req, "slip": slip})
    try:
        check_raw(raw)
    except CalculatorError as error:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)
        assert error.path == "" or error.path.startswith(("request", "slip"))


def test_held_kinds_are_neither_tried_nor_listed() -> None:
    # 南充退休, 三级, 1000, first visit; the slip was settled as 在职 (fund 400): the category reproduces it, and so
    # does "the fund had paid 800 earlier this year". Holding the year's position (the person said it is the
    # year's first visit) leaves the category alone, and the position kinds are not said to be tried.
    request = convert_request({
        "policy": "nanchong-employee", "insured": {"category": "retiree"},
        "year_start": {"deductible_used": "0", "fund_paid": "0"},
        "visits": [{"date": "2026-11-20", "provider": {"kind": "hospital", "level": 3}, "amount": "1000"}]})
    slip = {"fund_pays": Decimal("400.00"), "cash_pays": Decimal("600.00")}
    free = check(request, slip)
    held = check(request, slip, held=frozenset({"deductible_position", "fund_paid_position"}))
    assert {c.kind for c in free.causes} >= {"fund_paid_position", "category"}
    assert [c.kind for c in held.causes] == ["category"]
    assert not {"deductible_position", "fund_paid_position"} & set(held.tried)
    assert held.result == free.result and held.differences == free.differences
