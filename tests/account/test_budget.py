"""南昌 resident pooling: the signed institution's budget, monthly pre-settlement, year-end settlement.

Expected figures are computed by hand from 第二十三条 — 第二十九条 (amounts in the comments).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import msgspec
import pytest

from calculator import budget_run_json, get_pack, group_for_age
from calculator.errors import CalculatorError, InvalidRequest, OutOfForce

#: 第二十三条's table, copied from the article (not from the pack).
ARTICLE_TABLE = """
第一组    0,14-25    37
第二组    1,10-13,26-32,90-    70
第三组    2,7-9,33-52,88,89    141
第四组    6,53-64,81,83-87    181
第五组    3-5,65-80,82    226
"""
GROUP_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


def article_groups() -> dict[int, tuple[str, int]]:
    out = {}
    for line in ARTICLE_TABLE.strip().splitlines():
        name, ages, amount = line.split()
        out[GROUP_NUMBERS[name[1]]] = (ages, int(amount))
    return out


def expected_group(age: int) -> int:
    hits = []
    for group, (ages, _) in article_groups().items():
        for part in ages.split(","):
            low, _, high = part.partition("-")
            if (part.endswith("-") and age >= int(low)) or (
                    not part.endswith("-") and int(low) <= age <= int(high or low)):
                hits.append(group)
    assert len(hits) == 1, f"age {age} is in groups {hits} of the article's table"
    return hits[0]


AGE_TABLE = [(age, expected_group(age)) for age in range(121)]


def run(**request) -> dict:
    return msgspec.to_builtins(budget_run_json(json.dumps(request, ensure_ascii=False)))


# -- 第二十三条: groups ---------------------------------------------------------------------------

@pytest.mark.parametrize(("age", "group"), AGE_TABLE, ids=[f"age{a}" for a, _ in AGE_TABLE])
def test_every_age_is_in_the_articles_group(age, group):
    assert group_for_age(age) == group


def test_the_roster_computes_age_as_benefit_year_minus_birth_year():
    roster = [{"birth_year": 2024 - age} for age, _ in AGE_TABLE]
    result = run(year=2024, roster=roster)
    assert [(r["age"], r["group"]) for r in result["residents"]] == AGE_TABLE
    # 90 and over: group 2 (the article's "90-")
    assert {r["group"] for r in result["residents"] if r["age"] >= 90} == {2}


def test_the_yearly_amounts_are_the_articles():
    pack = get_pack("nanchang-resident")
    assert {g.group: (g.ages, g.value) for g in pack.budget.groups} == {
        n: (ages, Decimal(amount)) for n, (ages, amount) in article_groups().items()}
    assert {g.article for g in pack.budget.groups} == {"第二十三条"}


# -- 第二十七条: the annual budget ----------------------------------------------------------------

def test_annual_budget_is_the_sum_of_group_budgets():
    # 37 × 100 + 70 × 10 + 141 × 20 + 181 × 30 + 226 × 40 = 3700 + 700 + 2820 + 5430 + 9040 = 21690
    result = run(year=2024, groups={"1": 100, "2": 10, "3": 20, "4": 30, "5": 40})
    assert [g["budget"] for g in result["groups"]] == ["3700.00", "700.00", "2820.00", "5430.00", "9040.00"]
    assert result["annual_budget"] == "21690.00"
    assert result["annual_citations"][0]["article"] == "第二十七条"
    assert "groups_whole_year" in {a["id"] for a in result["assumptions"]}


# -- 第二十八条: first signing and changes ---------------------------------------------------------

AGE_60 = 1964  # group 4: 181 a year


@pytest.mark.parametrize(("resident", "months", "signed", "budget"), [
    # signed before the year: the whole year
    ({}, list(range(1, 13)), list(range(1, 13)), "181.00"),
    # first signing in September: the full year's amount; counted as signed from September
    ({"signed_month": 9}, list(range(1, 13)), list(range(9, 13)), "181.00"),
    # case 1 (address), out in June: through June; 181 ÷ 12 × 6 = 90.50
    ({"change": {"case": "address", "direction": "out", "month": 6}}, list(range(1, 7)), list(range(1, 7)), "90.50"),
    # case 1, in in June: from July; 181 ÷ 12 × 6 = 90.50
    ({"change": {"case": "address", "direction": "in", "month": 6}}, list(range(7, 13)), list(range(7, 13)), "90.50"),
    # case 2 (institution suspended), out in June: through May; 181 ÷ 12 × 5 = 75.4166… → 75.42
    ({"change": {"case": "institution", "direction": "out", "month": 6}}, list(range(1, 6)), list(range(1, 6)), "75.42"),
    # case 2, in in June: from June; 181 ÷ 12 × 7 = 105.5833… → 105.58
    ({"change": {"case": "institution", "direction": "in", "month": 6}}, list(range(6, 13)), list(range(6, 13)), "105.58"),
    # case 2, out in January: nothing here
    ({"change": {"case": "institution", "direction": "out", "month": 1}}, [], [], "0.00"),
    # case 1, in in December: nothing here (the new institution counts from next month)
    ({"change": {"case": "address", "direction": "in", "month": 12}}, [], [], "0.00"),
])
def test_article_28_months_of_one_resident(resident, months, signed, budget):
    line = run(year=2024, roster=[{"birth_year": AGE_60} | resident])["residents"][0]
    assert line["group"] == 4
    assert (line["budget_months"], line["signed_months"], line["budget"]) == (months, signed, budget)
    if resident.get("change"):
        assert line["citations"][-1]["article"] == "第二十八条"


@pytest.mark.parametrize("case", ["address", "institution"])
def test_a_change_splits_the_year_between_the_two_institutions(case):
    for month in range(1, 13):
        old = run(year=2024, roster=[{"birth_year": AGE_60, "change": {"case": case, "direction": "out", "month": month}}])
        new = run(year=2024, roster=[{"birth_year": AGE_60, "change": {"case": case, "direction": "in", "month": month}}])
        a, b = old["residents"][0]["budget_months"], new["residents"][0]["budget_months"]
        assert a + b == list(range(1, 13)), (case, month)


def test_a_resident_first_signed_then_moving_out():
    # first signing in March (full year from January for the budget), address change out in August:
    # budget months 1–8: 181 ÷ 12 × 8 = 120.6666… → 120.67; signed March to August
    line = run(year=2024, roster=[{"birth_year": AGE_60, "signed_month": 3,
                                   "change": {"case": "address", "direction": "out", "month": 8}}])["residents"][0]
    assert line["budget_months"] == list(range(1, 9)) and line["signed_months"] == list(range(3, 9))
    assert line["budget"] == "120.67"


def test_count_stands_for_residents_alike():
    # 3 × (141 ÷ 12 × 6) = 211.50
    line = run(year=2024, roster=[{"birth_year": 1980, "count": 3,
                                   "change": {"case": "address", "direction": "out", "month": 6}}])["residents"][0]
    assert (line["group"], line["budget"]) == (3, "211.50")


# -- 第二十六条: monthly quota and settlement -------------------------------------------------------

def test_monthly_quota_and_settlement_at_the_lower_of_actual_and_quota():
    # quota = 37 ÷ 12 × 12 + 141 ÷ 12 × 5 = 37.00 + 58.75 = 95.75
    result = run(year=2024, groups={"1": 12, "3": 5}, monthly_actual=["90.00", "100.00", "95.75"])
    m = result["months"]
    assert [x["quota"] for x in m] == ["95.75"] * 12
    assert [(x["actual"], x["settled"]) for x in m[:3]] == [("90.00", "90.00"), ("100.00", "95.75"), ("95.75", "95.75")]
    assert m[3]["actual"] is None and m[3]["settled"] is None
    assert [c["article"] for c in m[0]["citations"]] == ["第二十六条", "第二十六条"]
    assert "据实结算" in m[0]["text"] and "按额度结算" in m[1]["text"]
    assert result["year_end"] is None  # three months only


def test_monthly_quota_rounds_each_group():
    # 70 ÷ 12 = 5.8333 → 5.83; 181 ÷ 12 = 15.0833 → 15.08; 226 ÷ 12 = 18.8333 → 18.83; sum 39.74
    result = run(year=2024, groups={"2": 1, "4": 1, "5": 1})
    assert result["months"][0]["quota"] == "39.74"
    assert "budget_rounding" in {a["id"] for a in result["assumptions"]}


def test_monthly_signed_counts_follow_first_signings_and_changes():
    roster = [{"birth_year": 1950},                                   # group 5, all year
              {"birth_year": 2024, "signed_month": 5},                # group 1, from May
              {"birth_year": 1980, "change": {"case": "address", "direction": "out", "month": 6}},  # group 3, to June
              {"birth_year": 1990, "change": {"case": "institution", "direction": "in", "month": 9}}]  # group 3, from Sep
    months = run(year=2024, roster=roster)["months"]
    signed = [(m["signed"]["1"], m["signed"]["3"], m["signed"]["5"]) for m in months]
    assert signed == [(0, 1, 1)] * 4 + [(1, 1, 1)] * 2 + [(1, 0, 1)] * 2 + [(1, 1, 1)] * 4
    # January: 141 ÷ 12 = 11.75 + 226 ÷ 12 = 18.83 → 30.58; May: + 37 ÷ 12 = 3.08 → 33.66
    assert (months[0]["quota"], months[4]["quota"], months[6]["quota"]) == ("30.58", "33.66", "21.91")
    readings = set(months[0]["readings"])
    assert {"first_signing_monthly", "change_monthly_count"} <= readings


# -- 第二十九条: the year-end settlement, every boundary --------------------------------------------

# budget: 100 residents of group 5 × 226 = 22600.00; 80% = 18080.00; 90% = 20340.00
@pytest.mark.parametrize(("actual", "band", "settled", "extra", "not_paid"), [
    ("0.00", "below_lower", "0.00", "0.00", "0.00"),
    ("18077.74", "below_lower", "18077.74", "0.00", "0.00"),    # 79.99%: the actual cost
    ("18079.99", "below_lower", "18079.99", "0.00", "0.00"),    # one fen below 80%
    ("18080.00", "middle", "20340.00", "2260.00", "0.00"),      # 80% (含): + 50% × 4520.00
    ("20337.74", "middle", "21468.87", "1131.13", "0.00"),      # 89.99%: + 50% × 2262.26
    ("20339.99", "middle", "21470.00", "1130.01", "0.00"),      # one fen below 90%: 50% × 2260.01 = 1130.005 → 1130.01
    ("20340.00", "upper", "22600.00", "0.00", "0.00"),          # 90% (含): the budget
    ("22600.00", "upper", "22600.00", "0.00", "0.00"),          # 100%
    ("25000.00", "upper", "22600.00", "0.00", "2400.00"),       # over 100%: the budget, 超支自负
])
def test_year_end_80_90_rule(actual, band, settled, extra, not_paid):
    ye = run(year=2024, groups={"5": 100}, annual_actual=actual)["year_end"]
    assert ye["budget"] == "22600.00"
    assert (ye["band"], ye["settled"], ye["extra"], ye["not_paid"]) == (band, settled, extra, not_paid)
    article = {"below_lower": "第二十九条", "middle": "第二十九条", "upper": "第二十九条"}[band]
    assert ye["citations"][0]["article"] == article
    if not_paid != "0.00":
        assert "第二十二条" in {c["article"] for c in ye["citations"]} and "超支自负" in ye["text"]


def test_year_end_ratio_is_shown():
    ye = run(year=2024, groups={"5": 100}, annual_actual="18077.74")["year_end"]
    assert ye["ratio"] == "0.7999" and "79.99%" in ye["text"]


def test_a_year_just_below_80_percent_never_shows_as_80_percent():
    # issue 14: budget 226 × 100 + 37 × 12 = 23044.00; 80% of it is 18435.20; 18435.19 is one fen
    # below, so 第二十九条 settles it at the actual cost — and the share shown is 79.99%
    # (18435.19 ÷ 23044 = 0.79999956…, rounded down), not a half-up 80.00% beside “在80%以内”
    ye = run(year=2024, groups={"5": 100, "1": 12}, annual_actual="18435.19")["year_end"]
    assert ye["budget"] == "23044.00"
    assert (ye["band"], ye["settled"], ye["ratio"]) == ("below_lower", "18435.19", "0.7999")
    assert "79.99%" in ye["text"] and "在80%以内" in ye["text"]
    one_fen_more = run(year=2024, groups={"5": 100, "1": 12}, annual_actual="18435.20")["year_end"]
    assert (one_fen_more["band"], one_fen_more["ratio"]) == ("middle", "0.8000")
    assert "的80%：" in one_fen_more["text"]


def test_the_budget_policy_defaults_to_the_one_pack_with_budget_rules():
    named = run(year=2024, groups={"1": 12}, policy="nanchang-resident")
    unnamed = run(year=2024, groups={"1": 12})
    assert named == unnamed and unnamed["policy"]["id"] == "nanchang-resident"


def test_year_end_from_twelve_months_and_the_balance_due():
    # budget 37 × 12 = 444.00; quota 37.00 a month; actual 30.00 × 6 + 40.00 × 6 = 420.00 (94.59%) → 444.00
    # monthly settled: 6 × 30.00 + 6 × 37.00 = 402.00; balance 444.00 − 402.00 = 42.00
    result = run(year=2024, groups={"1": 12}, monthly_actual=["30.00"] * 6 + ["40.00"] * 6)
    ye = result["year_end"]
    assert (ye["actual"], ye["band"], ye["settled"], ye["monthly_settled"], ye["balance"]) == (
        "420.00", "upper", "444.00", "402.00", "42.00")
    assert "year_end_balance" in ye["readings"]
    assert "annual_actual_from_months" in {a["id"] for a in result["assumptions"]}


def test_year_end_balance_can_be_recovered():
    # budget 444.00; actual 12 × 20.00 = 240.00 (54.05%) → 240.00; monthly settled 240.00; balance 0.00
    # with annual_actual 200.00 given instead: settled 200.00, balance −40.00 (recovered)
    ye = run(year=2024, groups={"1": 12}, monthly_actual=["20.00"] * 12, annual_actual="200.00")["year_end"]
    assert (ye["settled"], ye["monthly_settled"], ye["balance"]) == ("200.00", "240.00", "-40.00")
    assert "应扣回40.00元" in ye["text"]


def test_an_empty_budget_settles_at_nothing():
    ye = run(year=2024, groups={"1": 0}, annual_actual="10.00")["year_end"]
    assert (ye["budget"], ye["ratio"], ye["settled"], ye["not_paid"]) == ("0.00", None, "0.00", "10.00")


# -- bad inputs ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "code", "path"), [
    ({"roster": [{"birth_year": 2025}]}, "birth_year_in_future", "roster[0].birth_year"),
    ({"roster": [{"birth_year": 1850}]}, "invalid_value", "roster[0].birth_year"),
    ({"roster": [{"birth_year": 1980, "signed_month": 13}]}, "invalid_month", "roster[0].signed_month"),
    ({"roster": [{"birth_year": 1980, "change": {"case": "address", "direction": "out", "month": 0}}]},
     "invalid_month", "roster[0].change.month"),
    ({"roster": [{"birth_year": 1980, "change": {"case": "moved", "direction": "out", "month": 3}}]},
     "invalid_value", "roster[0].change.case"),
    ({"roster": [{"birth_year": 1980, "change": {"case": "address", "direction": "up", "month": 3}}]},
     "invalid_value", "roster[0].change.direction"),
    ({"roster": [{"birth_year": 1980, "signed_month": 3,
                  "change": {"case": "address", "direction": "in", "month": 5}}]}, "invalid_value", "roster[0].signed_month"),
    ({"roster": [{"birth_year": 1980, "count": 0}]}, "invalid_value", "roster[0].count"),
    ({"roster": None}, "missing_field", "roster"),
    ({"groups": {"1": 3}}, "invalid_value", "groups"),
    ({"roster": None, "groups": {"6": 3}}, "invalid_value", "groups.6"),
    ({"monthly_actual": ["1.00"] * 13}, "invalid_value", "monthly_actual"),
    ({"monthly_actual": ["1.00", "1.00", "-1.00"]}, "negative_amount", "monthly_actual[2]"),
    ({"annual_actual": "12.345"}, "too_many_places", "annual_actual"),
    ({"age": 3}, "unknown_field", "age"),
])
def test_bad_inputs_get_clear_errors_with_paths(change, code, path):
    request = {"year": 2024, "roster": [{"birth_year": 1980}]} | change
    request = {k: v for k, v in request.items() if v is not None}
    with pytest.raises(InvalidRequest) as err:
        run(**request)
    assert (err.value.code, err.value.path) == (code, path), err.value.to_dict()
    assert re.search(r"[\u4e00-\u9fff]", err.value.message)


def test_birth_year_in_the_future_says_why():
    with pytest.raises(InvalidRequest) as err:
        run(year=2024, roster=[{"birth_year": 2030}])
    assert "2030" in err.value.message and "2024" in err.value.message


def test_a_year_before_the_document_is_refused():
    with pytest.raises(OutOfForce):
        run(year=2019, groups={"1": 1})


def test_an_employee_policy_has_no_institution_budget():
    with pytest.raises(CalculatorError) as err:
        run(policy="nanchang-employee", year=2024, groups={"1": 1})
    assert err.value.code == "not_covered_by_document"
