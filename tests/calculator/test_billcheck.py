"""Bill check (calculator.billcheck): decoding the slip, reconciling it, and only causes that reproduce it."""

from __future__ import annotations

import json
from decimal import ROUND_DOWN
from decimal import Decimal as D

import pytest

import calculator
from calculator import InvalidRequest, MissingFact, decode_bill_check
from calculator.billcheck import NATIONAL_NAMES, BillCheck, check, check_raw, normalise_slip
from calculator.money import share, share_rounding
from tests.billcheck.perturb import settle_changed

BASE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee"},
    "account_balance": "300.00",
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                "items": [{"category": "in_scope", "amount": "800.00"},
                          {"category": "class_b_drug", "amount": "200.00"},
                          {"category": "self_pay", "amount": "50.00"}]}],
}
# (800 + 200 − 20 first self-pay − 200 deductible) × 55% = 429.00; personal 621.00: account 300, cash 321


def req(**changes):
    body = json.loads(json.dumps(BASE))
    body.update(changes)
    return calculator.decode_request(json.dumps(body))


def kinds(result: BillCheck) -> list[str]:
    return [c.kind for c in result.causes]


def assert_reproduce(request, result: BillCheck) -> None:
    for cause in result.causes:
        visit = settle_changed(request, cause.changed).visits[-1]
        assert {f: getattr(visit, f) for f in result.slip} == result.slip, cause.changed


def test_matches_every_figure_given():
    result = check(req(), {"fund_pays": D("429.00"), "account_pays": D("300.00"), "cash_pays": D("321.00")})
    assert result.verdict == "matches" and not result.unexplained
    assert result.differences == [] and result.causes == []


def test_differences_field_by_field():
    result = check(req(), {"fund_pays": D("300.00"), "account_pays": D("300.00"), "cash_pays": D("450.00")})
    assert result.verdict == "differs"
    (fund, cash) = result.differences
    assert (fund.field, fund.slip, fund.calculated, fund.difference, fund.direction, fund.size) == (
        "fund_pays", D("300.00"), D("429.00"), D("-129.00"), "less", D("129.00"))
    assert (cash.field, cash.difference, cash.direction) == ("cash_pays", D("129.00"), "more")


def test_deductible_position_is_solved_within_the_deductible():
    # 20.00 of the 200 used before: (980 − 180) × 55% = 440.00
    request = req()
    result = check(request, {"fund_pays": D("440.00")})
    cause = next(c for c in result.causes if c.kind == "deductible_position")
    assert cause.changed == {"year_start.deductible_used": "20.00"}
    assert cause.was == {"year_start.deductible_used": "0.00"}
    assert (cause.low, cause.high, cause.limit, cause.remaining) == (D("20.00"), D("20.00"), D("200.00"), D("180.00"))
    assert [c.article for c in cause.citations][:1] == ["第七条"]
    assert_reproduce(request, result)


def test_deductible_position_outside_the_deductible_is_no_cause():
    # the most the deductible can give back is 200 × 55% = 110: 429 + 110 = 539; 540 needs more than 200
    result = check(req(), {"fund_pays": D("540.00")})
    assert "deductible_position" not in kinds(result)
    assert "fund_paid_position" not in kinds(result)


def test_fund_paid_position_is_solved_within_the_cap():
    request = req()
    result = check(request, {"fund_pays": D("300.00")})
    cause = next(c for c in result.causes if c.kind == "fund_paid_position")
    assert cause.changed == {"year_start.fund_paid": "2200.00"}
    assert (cause.limit, cause.remaining) == (D("2500.00"), D("300.00"))
    assert_reproduce(request, result)


def test_a_range_of_positions_is_reported_as_a_range():
    # 468.00 = (980 − 200 + x) × 55% for x in [70.90, 70.91] (both round to 468.00)
    result = check(req(), {"fund_pays": D("468.00")})
    cause = next(c for c in result.causes if c.kind == "deductible_position")
    assert (cause.low, cause.high) == (D("70.90"), D("70.91"))


def test_category_level_and_grade():
    request = req()
    result = check(request, {"fund_pays": D("468.00")})  # 780 × 60%: 退休 3A, or 二级 / 三级乙等 / 丙等
    assert {"category", "provider_level"} <= set(kinds(result))
    levels = [c.changed for c in result.causes if c.kind == "provider_level"]
    assert {"visits[0].provider.level": 2, "visits[0].provider.grade": None} in levels
    assert {"visits[0].provider.level": 3, "visits[0].provider.grade": "B"} in levels
    assert_reproduce(request, result)


def test_every_cause_must_reproduce_every_figure():
    # 468.00 alone has five causes; with the cash the account cannot give, none is left
    result = check(req(), {"fund_pays": D("468.00"), "cash_pays": D("500.00")})
    assert result.causes == [] and result.unexplained


def test_out_of_scope_items_settled_as_in_scope():
    request = req()
    # the self-pay 50 in scope: (1050 − 20 − 200) × 55% = 456.50
    result = check(request, {"fund_pays": D("456.50")})
    cause = next(c for c in result.causes if c.kind == "out_of_scope_items")
    assert cause.changed == {"visits[0].items[2].category": "in_scope"}
    assert [(i.category, i.amount, i.settled_as) for i in cause.items] == [("self_pay", D("50.00"), "in_scope")]
    assert_reproduce(request, result)


def test_a_whole_class_b_item_settled_as_self_pay_without_the_slips_self_pay():
    request = req()
    # the class-B drug 200 self-pay: (800 − 200) × 55% = 330.00; no 全自费 on the slip
    result = check(request, {"fund_pays": D("330.00")})
    causes = [c for c in result.causes if c.kind == "out_of_scope_items"]
    assert [c.changed for c in causes] == [{"visits[0].items[1].category": "self_pay"}]
    assert [(i.category, i.amount, i.settled_as) for i in causes[0].items] == [
        ("class_b_drug", D("200.00"), "self_pay")]
    assert {c.article for c in causes[0].citations} == {"第六条"}  # the scope article
    assert_reproduce(request, result)
    # with 全自费 250 on the slip, only the item is left (a cap position cannot give it)
    result = check(request, {"fund_pays": D("330.00"), "fulamt_ownpay_amt": D("250.00")})
    assert [(c.kind, c.changed) for c in result.causes] == [
        ("out_of_scope_items", {"visits[0].items[1].category": "self_pay"})]


def test_a_single_item_bill_settled_as_self_pay():
    # 南昌居民 has no cap: a slip with nothing paid at the signed institution is the item self-pay,
    # the visit not at the signed institution, or an approved referral (only TCM items in scope)
    request = calculator.decode_request(json.dumps({
        "policy": "nanchang-resident", "insured": {"category": "resident"},
        "visits": [{"date": "2026-05-10", "provider": {"level": 1}, "amount": "400.00"}]}))
    result = check(request, {"fund_pays": D("0.00"), "excluded": D("400.00")})
    assert [c.kind for c in result.causes] == ["provider_level", "provider_level", "out_of_scope_items"]
    assert result.causes[2].changed == {"visits[0].items": [{"category": "self_pay", "amount": "400.00"}],
                                        "visits[0].amount": None}
    assert_reproduce(request, result)


RESIDENT = {"policy": "nanchang-resident", "insured": {"category": "resident"},
            "visits": [{"date": "2026-05-10", "provider": {"level": 1}, "amount": "400.00"}]}


@pytest.mark.parametrize(("status", "slip", "changed", "ratio"), [
    # 建档立卡 not applied: 400 × 60% = 240 (65% asked)
    ({"poverty_registered": True}, "240.00", {"insured.resident.poverty_registered": False}, "0.60"),
    # the family-doctor contract's +5 points not applied
    ({"family_doctor": True}, "240.00", {"insured.resident.family_doctor": False}, "0.60"),
    # applied when there is none (no ``resident`` at all in the request): 400 × 65% = 260
    (None, "260.00", {"insured.resident.family_doctor": True}, "0.65"),
    # 70% (Reading) for both; the contract not applied: 65% — or 建档立卡 not applied: 60% + 5
    ({"poverty_registered": True, "family_doctor": True}, "260.00", {"insured.resident.family_doctor": False},
     "0.65"),
])
def test_resident_status_is_a_category_cause(status, slip, changed, ratio):
    body = json.loads(json.dumps(RESIDENT))
    if status is not None:
        body["insured"]["resident"] = status
    request = calculator.decode_request(json.dumps(body))
    result = check(request, {"fund_pays": D(slip)})
    cause = next(c for c in result.causes if c.changed == changed)
    assert cause.kind == "category" and cause.ratio == D(ratio)
    assert cause.fact == next(iter(changed)).rsplit(".", 1)[1]
    assert {c.article for c in cause.citations} == {"第十四条"}
    assert all(c.kind == "category" for c in result.causes)
    assert_reproduce(request, result)


def test_resident_standing_is_a_provider_level_cause():
    body = json.loads(json.dumps(RESIDENT))
    body["visits"][0]["provider"] = {"level": 2, "signed": False, "referral": "county_tcm"}
    body["visits"][0]["items"] = [{"category": "tcm", "amount": "300.00"}, {"category": "in_scope", "amount": "100.00"}]
    del body["visits"][0]["amount"]
    request = calculator.decode_request(json.dumps(body))
    # the referral not recognised: nothing paid (第十三条)
    result = check(request, {"fund_pays": D("0.00")})
    cause = next(c for c in result.causes if c.kind == "provider_level")
    assert cause.changed == {"visits[0].provider.referral": None}
    assert (cause.standing, cause.standing_was) == ("not_signed", "county_tcm")
    assert {c.article for c in cause.citations} == {"第十三条"}
    # settled as at the signed institution instead: all 400 at 60% = 240 (第十四条)
    result = check(request, {"fund_pays": D("240.00")})
    assert [(c.kind, c.changed) for c in result.causes] == [
        ("provider_level", {"visits[0].provider.signed": True, "visits[0].provider.referral": None})]
    assert_reproduce(request, result)


def test_part_of_the_bill_self_pay_as_the_slip_says():
    request = req(visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    # the slip: 100 self-pay; (900 − 200) × 60% = 420.00
    result = check(request, {"excluded": D("100.00"), "fund_pays": D("420.00")})
    cause = next(c for c in result.causes if c.kind == "out_of_scope_items")
    assert cause.changed["visits[0].items"] == [{"category": "in_scope", "amount": "900.00"},
                                                {"category": "self_pay", "amount": "100.00"}]
    assert_reproduce(request, result)


def test_first_self_pay_amount_from_the_slip():
    request = req(visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    # the slip: 先行自付 30.00 → 300 of class-B drugs at 10%: (1000 − 30 − 200) × 60% = 462.00
    result = check(request, {"first_self_pay": D("30.00"), "fund_pays": D("462.00")})
    cause = next(c for c in result.causes if c.kind == "first_self_pay")
    assert cause.items[0].settled_as == "class_b_drug"
    # every amount from 299.95 to 300.04 gives a 10% share of 30.00
    assert (cause.low, cause.high) == (D("299.95"), D("300.04"))
    assert_reproduce(request, result)


def test_rounding_only_for_a_few_fen_and_only_when_it_reproduces():
    request = req(visits=[{"date": "2026-05-10", "provider": {"level": 3, "grade": "A"},
                           "items": [{"category": "in_scope", "amount": "800.01"},
                                     {"category": "class_b_drug", "amount": "200.00"}]}])
    # 780.01 × 55% = 429.0055 → 429.01 half-up; 429.00 truncated
    assert calculator.calculate(request).visits[0].fund_pays == D("429.01")
    result = check(request, {"fund_pays": D("429.00")})
    cause = next(c for c in result.causes if c.kind == "rounding")
    assert cause.changed == {"rounding": "down"} and cause.rounding == "down"
    assert_reproduce(request, result)
    # a difference of more than a few fen is never put down to rounding
    assert "rounding" not in kinds(check(request, {"fund_pays": D("428.00")}))


def test_retirement_switch_month():
    request = req(insured={"category": "employee", "retired_on": "2026-05-08"},
                  visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    ours = calculator.calculate(request).visits[0]
    assert ours.category == "retiree"  # 平凉 (reading): from the month retiree benefits begin
    result = check(request, {"fund_pays": D("480.00")})  # 800 × 60%, still 在职
    cause = next(c for c in result.causes if c.kind == "retirement_switch")
    assert cause.category == "employee" and cause.category_was == "retiree"
    assert cause.changed == {"insured.retired_on": "2026-06-08"}
    assert_reproduce(request, result)


def test_pharmacy_prescribing_level():
    request = req(visits=[{"date": "2026-05-10", "provider": {"kind": "pharmacy", "prescribed_at_level": 1},
                           "items": [{"category": "in_scope", "amount": "500.00"}]}])
    # (500 − 200) × 60% at 二级 instead of 65% at 一级
    result = check(request, {"fund_pays": D("180.00")})
    cause = next(c for c in result.causes if c.kind == "provider_level")
    assert cause.by_prescription and cause.changed["visits[0].provider.prescribed_at_level"] == 2
    assert_reproduce(request, result)


def test_no_cause_for_a_figure_above_the_bill_times_the_highest_ratio():
    result = check(req(), {"fund_pays": D("9999.00")})
    assert result.unexplained and result.causes == []
    assert "deductible_position" in result.tried and "rounding" not in result.tried


def test_slip_that_does_not_add_up():
    result = check(req(), {"total": D("1050.00"), "fund_pays": D("429.00"), "personal_pays": D("600.00")})
    assert result.unexplained and result.causes == [] and result.tried == []
    (bad,) = result.inconsistencies
    assert (bad.kind, bad.sum, bad.expected) == ("fund_plus_personal", D("1029.00"), D("1050.00"))
    result = check(req(), {"personal_pays": D("621.00"), "account_pays": D("300.00"), "cash_pays": D("300.00")})
    assert [i.kind for i in result.inconsistencies] == ["account_plus_cash"]


def test_request_that_cannot_be_settled_raises():
    r = req(visits=[{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3}, "amount": "100"}])
    with pytest.raises(MissingFact):
        check(r, {"fund_pays": D("10")})


# -- the slip: names and validation ------------------------------------------------------------------

def test_national_names():
    slip = normalise_slip({"hifp_pay": D("429"), "acct_pay": D("300.00"), "psn_cash_pay": D("321.00"),
                           "medfee_sumamt": D("1050"), "fulamt_ownpay_amt": D("50"), "preselfpay_amt": D("20"),
                           "act_pay_dedc": D("200")})
    assert slip == {"fund_pays": D("429.00"), "account_pays": D("300.00"), "cash_pays": D("321.00"),
                    "total": D("1050.00"), "excluded": D("50.00"), "first_self_pay": D("20.00"),
                    "deductible_applied": D("200.00")}
    assert set(NATIONAL_NAMES.values()) <= set(calculator.billcheck.SLIP_FIELDS)
    assert check(req(), {"hifp_pay": D("429.00")}).verdict == "matches"


@pytest.mark.parametrize(("slip", "path", "code"), [
    ({"hifp_pay": D("-1")}, "slip.hifp_pay", "negative_amount"),
    ({"fund_pays": D("NaN")}, "slip.fund_pays", "not_a_number"),
    ({"fund_pays": D("1.005")}, "slip.fund_pays", "too_many_places"),
    ({"fund": D("1")}, "slip.fund", "unknown_field"),
    ({}, "slip", "missing_field"),
    ({"hifp_pay": D("1"), "fund_pays": D("2")}, "slip.fund_pays", "conflicting_value"),
])
def test_bad_slip(slip, path, code):
    with pytest.raises(InvalidRequest) as info:
        check(req(), slip)
    assert (info.value.path, info.value.code) == (path, code)
    assert "结算单" in info.value.message and path in info.value.message


def test_decode_exact_and_with_paths():
    raw = json.dumps({"request": BASE, "slip": {"hifp_pay": 429.1}})
    _, slip = decode_bill_check(raw)
    assert slip == {"fund_pays": D("429.10")}  # the JSON number never passes through float
    bad = json.dumps({"request": {**BASE, "account_balance": "-3"}, "slip": {"acct_pay": "x"}})
    with pytest.raises(InvalidRequest) as info:
        decode_bill_check(bad)
    assert info.value.path == "slip.acct_pay" and "个人账户支出" in info.value.message
    bad = json.dumps({"request": {**BASE, "account_balance": "-3"}, "slip": {"acct_pay": "-1"}})
    with pytest.raises(InvalidRequest) as info:
        decode_bill_check(bad)
    assert [e.path for e in info.value.errors] == ["request.account_balance", "slip.acct_pay"]
    for raw in ("", "[]", "{", json.dumps({"slip": {"hifp_pay": "1"}})):
        with pytest.raises(InvalidRequest):
            decode_bill_check(raw)


def test_check_raw_puts_request_errors_under_request():
    body = {"request": {**BASE, "visits": [{"date": "2026-05-10", "provider": {"level": 3}, "amount": "100"}]},
            "slip": {"hifp_pay": "1"}}
    with pytest.raises(MissingFact) as info:
        check_raw(json.dumps(body))
    assert info.value.path == "request.visits[0].provider.grade"


def test_share_rounding_is_scoped():
    assert share(D("780.01"), D("0.55")) == D("429.01")
    with share_rounding(ROUND_DOWN):
        assert share(D("780.01"), D("0.55")) == D("429.00")
    assert share(D("780.01"), D("0.55")) == D("429.01")


def test_flexible_workers_have_no_account_in_pingliang():
    request = req(insured={"category": "flexible"},
                  visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    # 平凉 第九条: no personal account; a slip paying 300 from an account was settled as 在职
    result = check(request, {"fund_pays": D("480.00"), "account_pays": D("300.00"), "cash_pays": D("220.00")})
    assert [(c.kind, c.changed) for c in result.causes] == [("category", {"insured.category": "employee"})]
    employee = req(visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    result = check(employee, {"fund_pays": D("480.00"), "account_pays": D("0.00"), "cash_pays": D("520.00")})
    assert [(c.kind, c.changed) for c in result.causes] == [("category", {"insured.category": "flexible"})]
    # a retiree's slip with 在职 figures: 在职 only, not 灵活就业 beside it
    retiree = req(insured={"category": "retiree"},
                  visits=[{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}])
    changes = [c.changed for c in check(retiree, {"fund_pays": D("480.00")}).causes if c.kind == "category"]
    assert changes == [{"insured.category": "employee"}]


def test_class_b_without_its_first_self_pay_is_both_kinds():
    request = req()
    # the 200 of class-B drugs settled as 甲类: (1000 − 200) × 55% = 440.00
    result = check(request, {"fund_pays": D("440.00"), "first_self_pay": D("0.00")})
    found = {(c.kind, tuple(c.changed.items())) for c in result.causes}
    assert ("out_of_scope_items", (("visits[0].items[1].category", "in_scope"),)) in found
    assert ("first_self_pay", (("visits[0].items[1].category", "in_scope"),)) in found
    assert_reproduce(request, result)
