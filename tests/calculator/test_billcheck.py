"""Bill check: the slip's fund figure against the calculation, and the variants that explain a gap."""

from __future__ import annotations

import json
from decimal import Decimal as D

import msgspec
import pytest

import calculator
from calculator.billcheck import BillCheck, check_bill

BASE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee"},
    "account_balance": "300.00",
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                "items": [{"category": "in_scope", "amount": "800.00"},
                          {"category": "class_b_drug", "amount": "200.00"},
                          {"category": "self_pay", "amount": "50.00"}]}],
}


def req(**changes):
    body = json.loads(json.dumps(BASE))
    body.update(changes)
    return calculator.decode_request(json.dumps(body))


def ids(check: BillCheck) -> list[str]:
    return [v.id for v in check.variants]


def assert_variants_reproduce(check: BillCheck) -> None:
    for v in check.variants:
        # each variant is a valid request whose own calculation gives the slip's figure
        again = calculator.calculate(calculator.decode_request(msgspec.json.encode(v.request)))
        assert again.visits[-1].fund_pays == check.slip_fund == v.fund, v.id
        assert v.description and any("\u4e00" <= ch <= "\u9fff" for ch in v.description)


def test_matches():
    check = check_bill(req(), D("429.00"))
    assert check.matched and check.computed_fund == D("429.00") and check.difference == 0
    assert check.variants == []
    assert check.verdict.startswith("一致")


def test_deductible_already_met():
    check = check_bill(req(), D("539.00"))  # (980 − 0) × 55%
    assert not check.matched and check.difference == D("110.00")
    assert ids(check)[0] == "deductible_met"
    assert check.variants[0].step == "deductible"
    assert "起付线已经扣满" in check.verdict
    assert_variants_reproduce(check)


def test_deductible_not_yet_met():
    r = req(year_start={"deductible_used": "200", "fund_paid": "300"})
    assert check_bill(r, D("539.00")).matched
    check = check_bill(r, D("429.00"))
    assert ids(check)[0] == "first_visit"
    assert "deductible_not_met" in ids(check)
    assert_variants_reproduce(check)


def test_deductible_partly_used_is_solved():
    check = check_bill(req(), D("440.00"))  # 20 of the 200 used before: (980 − 180) × 55%
    v = next(v for v in check.variants if v.id == "deductible_used")
    assert v.request.year_start.deductible_used == D("20.00")
    assert "20.00元" in v.description
    assert_variants_reproduce(check)


def test_other_level_or_grade():
    check = check_bill(req(), D("468.00"))  # 780 × 60%: 三级乙等/丙等 or 二级
    found = ids(check)
    assert {"tier:3B", "tier:3C", "tier:2"} <= set(found)
    assert found.index("tier:3B") < found.index("tier:2")  # same level first
    assert "category:retiree" in found  # retirees get 60% at 三级甲等 too
    assert_variants_reproduce(check)


def test_cap_partly_used():
    check = check_bill(req(), D("300.00"))
    v = next(v for v in check.variants if v.id == "cap_used")
    assert v.request.year_start.fund_paid == D("2200.00")
    assert "只剩300.00元" in v.description
    assert_variants_reproduce(check)


def test_part_of_bill_self_pay():
    check = check_bill(req(), D("396.00"))  # 60 more self-pay: (920 − 200) × 55%
    v = next(v for v in check.variants if v.id == "self_pay")
    assert v.step == "scope"
    assert v.visit.excluded == D("110.00")
    assert "60.00元" in v.description
    assert "class_b" in ids(check)
    assert_variants_reproduce(check)


def test_zero_on_slip():
    check = check_bill(req(), D("0"))
    assert {"cap_used", "not_covered"} <= set(ids(check))
    assert_variants_reproduce(check)


def test_unexplained_gap():
    check = check_bill(req(), D("9999.00"))
    assert not check.matched and check.variants == []
    assert "没有找到" in check.verdict


def test_rounding_only():
    check = check_bill(req(), D("429.01"))
    assert check.rounding_only and "几分钱" in check.verdict


def test_pair_of_changes_when_no_single_one_fits():
    # deductible met AND 二级 (60%): 980 × 60% = 588.00
    check = check_bill(req(), D("588.00"))
    assert check.variants, check.verdict
    assert any(v.changes == 2 and "deductible_met" in v.id for v in check.variants)
    assert_variants_reproduce(check)


def test_pharmacy_prescribing_level():
    r = req(visits=[{"date": "2026-05-10", "provider": {"kind": "pharmacy", "prescribed_at_level": 1},
                     "items": [{"category": "in_scope", "amount": "500.00"}]}])
    base = check_bill(r, D("0")).computed_fund
    # (500 − 200) × 60% at 二级 instead of 65% at 一级
    check = check_bill(r, D("180.00"))
    assert base == D("195.00")
    assert any(v.id == "tier:2" and "开处方" in v.description for v in check.variants)
    assert_variants_reproduce(check)


def test_resident_and_consultation_schemes_do_not_crash():
    for policy, category, level in (("nanchang-resident", "resident", 1), ("nanchang-employee", "retiree", 2),
                                    ("nanchong-employee", "employee", 2)):
        r = req(policy=policy, insured={"category": category}, account_balance=None,
                visits=[{"date": "2026-05-10", "provider": {"kind": "hospital", "level": level},
                         "items": [{"category": "in_scope", "amount": "1200.00"},
                                   {"category": "consultation", "amount": "30.00"}]}])
        ours = check_bill(r, D("0")).computed_fund
        assert check_bill(r, ours).matched
        assert_variants_reproduce(check_bill(r, max(D("0"), ours - D("50.00"))))


def test_request_that_cannot_be_settled_raises():
    r = req(visits=[{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3}, "amount": "100"}])
    with pytest.raises(calculator.MissingFact):
        check_bill(r, D("10"))


@pytest.mark.parametrize("bad", [D("-1"), D("NaN"), D("Infinity")])
def test_bad_slip_figure(bad):
    with pytest.raises(ValueError):
        check_bill(req(), bad)
