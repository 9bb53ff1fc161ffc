"""Personal-account credits, hand-checked against each document (figures computed by hand below)."""

from __future__ import annotations

import json
from decimal import Decimal

import msgspec
import pytest

from calculator import credits_run_json
from calculator.errors import CalculatorError, InvalidRequest, MissingFact, MissingParameter, OutOfForce, UnknownPolicy


def run(**request) -> dict:
    return msgspec.to_builtins(credits_run_json(json.dumps(request, ensure_ascii=False)))


def amounts(result: dict) -> list[str]:
    return [m["amount"] for m in result["months"]]


def articles(row: dict) -> set[str]:
    return {c["article"] for c in row["citations"] if c["article"]}


def reading_ids(result: dict) -> set[str]:
    return {a["id"] for a in result["assumptions"] if a["kind"] == "reading"}


# -- 南充 (第十三条, 第十四条) -----------------------------------------------------------------------

def test_nanchong_employee_two_percent_of_the_base_rounded_each_month():
    # 4567.89 × 2% = 91.3578 → 91.36 a month; × 12 = 1096.32
    r = run(policy="nanchong-employee", year=2024, category="employee", contribution_base="4567.89")
    assert amounts(r) == ["91.36"] * 12
    assert r["totals"] == {"months": "1096.32", "lump_sum": "0.00", "back_payment": "0.00", "total": "1096.32"}
    assert all(m["rule"] == "contribution_base" and m["rate"] == "0.02" for m in r["months"])
    assert articles(r["months"][0]) == {"第十三条"}
    assert "四舍五入到分" in r["months"][0]["text"]
    assert "credit_rounding" in reading_ids(r)


def test_nanchong_retiree_two_point_eight_percent_of_the_supplied_average():
    # 2650.00 × 2.8% = 74.20 a month; × 12 = 890.40
    r = run(policy="nanchong-employee", year=2024, category="retiree",
            pension_average={"value": "2650.00", "source": "南充市2022年统计公报（示例）"})
    assert amounts(r) == ["74.20"] * 12
    assert r["totals"]["total"] == "890.40"
    first = r["months"][0]
    assert first["rule"] == "pension_average" and first["base"] == "2650.00" and first["rate"] == "0.028"
    assert any(c["supplied"] and c["source"] == "南充市2022年统计公报（示例）" for c in first["citations"])
    assert "pension_average_monthly" in reading_ids(r)


def test_nanchong_retirement_in_april_switches_the_same_month():
    # 第十四条: from the month retiree benefits begin. Jan–Mar 5000 × 2% = 100.00; Apr–Dec 74.20.
    # 3 × 100.00 + 9 × 74.20 = 300.00 + 667.80 = 967.80
    r = run(policy="nanchong-employee", year=2024, category="employee", contribution_base="5000",
            retired_on="2024-04-20", pension_average={"value": "2650.00", "source": "示例"})
    assert [m["category"] for m in r["months"]] == ["employee"] * 3 + ["retiree"] * 9
    assert amounts(r) == ["100.00"] * 3 + ["74.20"] * 9
    assert r["totals"]["total"] == "967.80"
    assert r["switch"]["rule"] == "same_month" and r["switch"]["retiree_from"] == "2024-04-01"
    assert "第十四条" in articles(r["months"][3])


def test_nanchong_back_payment_of_the_2022_average_over_the_2021_one():
    # Jan–Jun credited on the 2021 average 2550.00 × 2.8% = 71.40; due on 2650.00: 74.20.
    # Months: 6 × 71.40 + 6 × 74.20 = 428.40 + 445.20 = 873.60; back-payment 6 × 2.80 = 16.80;
    # total 890.40 = 12 × 74.20, as if the 2022 average had been known all year.
    r = run(policy="nanchong-employee", year=2023, category="retiree",
            pension_average={"value": "2650.00", "source": "2022年平均水平（示例）"},
            pension_average_provisional={"value": "2550.00", "source": "2021年平均水平（示例）", "through_month": 6})
    assert amounts(r) == ["71.40"] * 6 + ["74.20"] * 6
    assert [m["provisional"] for m in r["months"]] == [True] * 6 + [False] * 6
    back = r["back_payment"]
    assert back["months"] == [1, 2, 3, 4, 5, 6]
    assert (back["credited"], back["due"], back["amount"]) == ("428.40", "445.20", "16.80")
    assert r["totals"] == {"months": "873.60", "lump_sum": "0.00", "back_payment": "16.80", "total": "890.40"}
    assert "第十三条" in articles(back)
    assert "back_payment_per_month" in reading_ids(r)


def test_nanchong_back_payment_is_the_difference_of_the_rounded_monthly_credits():
    # 2653.33 × 2.8% = 74.29324 → 74.29; 2549.99 × 2.8% = 71.39972 → 71.40; 2.89 a month × 12 = 34.68
    r = run(policy="nanchong-employee", year=2023, category="retiree",
            pension_average={"value": "2653.33", "source": "示例"},
            pension_average_provisional={"value": "2549.99", "source": "示例"})
    assert amounts(r) == ["71.40"] * 12
    assert r["back_payment"]["amount"] == "34.68"
    assert r["totals"]["total"] == "891.48"  # 12 × 74.29


def test_nanchong_provisional_only_leaves_the_back_payment_to_be_computed():
    r = run(policy="nanchong-employee", year=2023, category="retiree",
            pension_average_provisional={"value": "2550.00", "source": "示例"})
    assert amounts(r) == ["71.40"] * 12
    assert r["back_payment"] is None
    assert "back_payment_pending" in {a["id"] for a in r["assumptions"]}


def test_nanchong_flexible_worker_is_credited_as_an_employee_by_a_reading():
    r = run(policy="nanchong-employee", year=2024, category="flexible", contribution_base="3000")
    assert amounts(r) == ["60.00"] * 12
    assert "flexible_account_as_employee" in reading_ids(r)


def test_nanchong_retiree_without_the_average_names_it_and_the_article():
    with pytest.raises(MissingParameter) as err:
        run(policy="nanchong-employee", year=2024, category="retiree")
    got = err.value.to_dict()
    assert got["missing"] == "pension_average" and got["path"] == "pension_average"
    assert "2022年南充市基本养老金平均水平" in got["message"]
    assert [c["article"] for c in got["citations"]] == ["第十三条"]


def test_nanchong_back_payment_refuses_a_provisional_average_above_the_final_one():
    with pytest.raises(InvalidRequest) as err:
        run(policy="nanchong-employee", year=2023, category="retiree",
            pension_average={"value": "2500.00", "source": "示例"},
            pension_average_provisional={"value": "2600.00", "source": "示例"})
    assert err.value.path == "pension_average_provisional.value"


# -- 南昌 (第七条 — 第十条) --------------------------------------------------------------------------

def test_nanchang_employee_two_percent():
    # 6789.01 × 2% = 135.7802 → 135.78; × 12 = 1629.36
    r = run(policy="nanchang-employee", year=2024, category="employee", contribution_base="6789.01")
    assert amounts(r) == ["135.78"] * 12
    assert r["totals"]["total"] == "1629.36"
    assert articles(r["months"][0]) == {"第七条"}  # the 第八条 "按月" quote speaks of retirees only
    assert "employee_credit_monthly" in reading_ids(r)


def test_nanchang_flexible_worker_is_cited_by_article_seven():
    r = run(policy="nanchang-employee", year=2024, category="flexible", contribution_base="4000")
    assert amounts(r) == ["80.00"] * 12
    assert "在职职工（含灵活就业人员）" in r["months"][0]["citations"][0]["quote"]


def test_nanchang_retiree_two_point_five_percent_of_the_provincial_average():
    # 3300.00 × 2.5% = 82.50 a month; × 12 = 990.00
    r = run(policy="nanchang-employee", year=2024, category="retiree",
            pension_average={"value": "3300.00", "source": "江西省2023年（示例）"})
    assert amounts(r) == ["82.50"] * 12
    assert articles(r["months"][0]) == {"第八条"}


def test_nanchang_retirement_in_june_switches_the_month_after():
    # 第九条: from the month after the procedure. Jan–Jun 100.00; Jul–Dec 82.50.
    # 6 × 100.00 + 6 × 82.50 = 600.00 + 495.00 = 1095.00
    r = run(policy="nanchang-employee", year=2024, category="employee", contribution_base="5000",
            retired_on="2024-06-15", pension_average={"value": "3300.00", "source": "示例"})
    assert [m["category"] for m in r["months"]] == ["employee"] * 6 + ["retiree"] * 6
    assert amounts(r) == ["100.00"] * 6 + ["82.50"] * 6
    assert r["totals"]["total"] == "1095.00"
    assert r["switch"]["rule"] == "month_after" and r["switch"]["retiree_from"] == "2024-07-01"
    assert "第九条" in articles(r["months"][6])


@pytest.mark.parametrize(("retired_on", "retiree_months"), [
    ("2024-12-10", 0),   # switch 2025-01: all 2024 as an employee
    ("2023-12-05", 12),  # switch 2024-01: all 2024 as a retiree
    ("2024-01-31", 11),  # switch 2024-02
])
def test_nanchang_switch_month_at_the_year_ends(retired_on, retiree_months):
    r = run(policy="nanchang-employee", year=2024, category="employee", contribution_base="5000",
            retired_on=retired_on, pension_average={"value": "3300.00", "source": "示例"})
    assert sum(m["category"] == "retiree" for m in r["months"]) == retiree_months


def test_nanchang_lump_sum_back_payment_credits_two_percent_at_once():
    # 第十条: 36000.55 × 2% = 720.011 → 720.01, at once in March; months 12 × 100.00 = 1200.00
    r = run(policy="nanchang-employee", year=2024, category="employee", contribution_base="5000",
            lump_sum_base="36000.55", lump_sum_month=3)
    lump = r["lump_sum"]
    assert (lump["base"], lump["rate"], lump["amount"], lump["month"]) == ("36000.55", "0.02", "720.01", 3)
    assert articles(lump) == {"第十条"}
    assert r["totals"] == {"months": "1200.00", "lump_sum": "720.01", "back_payment": "0.00", "total": "1920.01"}
    assert amounts(r)[2] == "100.00"  # not spread over the months


def test_a_lump_sum_where_the_document_sets_none_is_said_and_not_credited():
    r = run(policy="nanchong-employee", year=2024, category="employee", contribution_base="5000",
            lump_sum_base="36000")
    assert r["lump_sum"] is None and r["totals"]["lump_sum"] == "0.00"
    assert "lump_sum_not_in_document" in {a["id"] for a in r["assumptions"]}


def test_nanchang_retiree_without_the_provincial_average_names_it():
    with pytest.raises(MissingParameter) as err:
        run(policy="nanchang-employee", year=2024, category="retiree")
    assert "2023年江西省基本养老金月平均水平" in err.value.message
    assert [c["article"] for c in err.value.citations] == ["第八条"]


# -- 西安 (四（一）) -------------------------------------------------------------------------------

def test_xian_employee_two_percent():
    r = run(policy="xian-employee", year=2024, category="employee", contribution_base="8000")
    assert amounts(r) == ["160.00"] * 12
    assert articles(r["months"][0]) == {"四（一）"}


def test_xian_retiree_gets_the_bureaus_amount_said_to_be_the_bureaus():
    r = run(policy="xian-employee", year=2024, category="retiree",
            xian_retiree_amount={"value": "85.50", "source": "市医保局公告（示例）"},
            pension_average={"value": "4100.00", "source": "示例"})
    assert amounts(r) == ["85.50"] * 12 and r["totals"]["total"] == "1026.00"
    first = r["months"][0]
    assert first["rule"] == "supplied"
    assert first["citations"][0] == {"policy": "xian-employee", "article": None, "quote": None,
                                     "supplied": True, "source": "市医保局公告（示例）"}
    assert "2%左右" in first["citations"][1]["quote"]
    assert "市医疗保障局" in first["text"] and "2.09%" in first["text"]  # 85.50 ÷ 4100.00 = 2.085…%


def test_xian_accepts_a_figure_far_from_two_percent_but_says_so():
    r = run(policy="xian-employee", year=2024, category="retiree",
            xian_retiree_amount={"value": "200.00", "source": "示例"},
            pension_average={"value": "4000.00", "source": "示例"})
    assert amounts(r) == ["200.00"] * 12
    assert "5.00%" in r["months"][0]["text"] and "2%左右" in r["months"][0]["text"]


def test_xian_retiree_without_the_bureaus_amount_names_it_and_the_section():
    with pytest.raises(MissingParameter) as err:
        run(policy="xian-employee", year=2024, category="retiree")
    assert err.value.parameter == "supplied_credit"
    assert [c["article"] for c in err.value.citations] == ["四（一）"]


def test_xian_retirement_switches_the_same_month_by_a_reading():
    r = run(policy="xian-employee", year=2024, category="employee", contribution_base="8000",
            retired_on="2024-05-02", xian_retiree_amount={"value": "85.50", "source": "示例"})
    assert amounts(r) == ["160.00"] * 4 + ["85.50"] * 8
    assert "credit_switch_same_month" in reading_ids(r)


def test_a_year_outside_the_documents_dates_is_refused():
    with pytest.raises(OutOfForce) as err:
        run(policy="xian-employee", year=2022, category="employee", contribution_base="8000")
    assert err.value.path == "year"
    with pytest.raises(OutOfForce):
        run(policy="pingliang-employee", year=2028, category="employee", contribution_base="8000")


# -- 平凉 (第九条, 第十五条) -------------------------------------------------------------------------

def test_pingliang_employee_two_percent():
    r = run(policy="pingliang-employee", year=2024, category="employee", contribution_base="4000")
    assert amounts(r) == ["80.00"] * 12 and r["totals"]["total"] == "960.00"


def test_pingliang_retiree_ninety_yuan_a_month_needs_no_average():
    r = run(policy="pingliang-employee", year=2024, category="retiree")
    assert amounts(r) == ["90.00"] * 12 and r["totals"]["total"] == "1080.00"
    assert r["months"][0]["rule"] == "fixed" and articles(r["months"][0]) == {"第十五条"}
    assert "credit_rounding" not in reading_ids(r)  # a fixed amount needs no rounding


def test_pingliang_flexible_worker_has_no_account():
    r = run(policy="pingliang-employee", year=2024, category="flexible", contribution_base="4000")
    assert amounts(r) == ["0.00"] * 12
    assert r["account"] is False and r["totals"]["total"] == "0.00"
    assert articles(r["months"][0]) == {"第九条"} and "不划拨个人账户" in r["months"][0]["text"]
    assert "unused_inputs" in {a["id"] for a in r["assumptions"]}  # the base was not needed


def test_pingliang_retirement_in_march_switches_the_same_month_by_a_reading():
    # Jan–Feb 4000 × 2% = 80.00; Mar–Dec 90.00: 160.00 + 900.00 = 1060.00
    r = run(policy="pingliang-employee", year=2024, category="employee", contribution_base="4000",
            retired_on="2024-03-10")
    assert amounts(r) == ["80.00"] * 2 + ["90.00"] * 10 and r["totals"]["total"] == "1060.00"
    assert "credit_switch_same_month" in reading_ids(r)


def test_pingliang_flexible_worker_retiring_gets_the_retiree_amount_from_then():
    r = run(policy="pingliang-employee", year=2024, category="flexible", retired_on="2024-10-01")
    assert amounts(r) == ["0.00"] * 9 + ["90.00"] * 3
    assert r["account"] is True and r["totals"]["total"] == "270.00"


# -- the resident scheme and bad inputs ----------------------------------------------------------

def test_the_resident_scheme_has_no_personal_account():
    with pytest.raises(CalculatorError) as err:
        run(policy="nanchang-resident", year=2024, category="employee", contribution_base="4000")
    got = err.value.to_dict()
    assert got["code"] == "no_personal_account" and got["path"] == "policy"
    assert "不设个人账户" in got["message"] and got["citations"]


@pytest.mark.parametrize(("change", "code", "path"), [
    ({"contribution_base": "-100"}, "negative_amount", "contribution_base"),
    ({"contribution_base": "100.001"}, "too_many_places", "contribution_base"),
    ({"category": "resident"}, "invalid_value", "category"),
    ({"category": "student"}, "invalid_value", "category"),
    ({"lump_sum_base": "1000", "lump_sum_month": 13}, "invalid_month", "lump_sum_month"),
    ({"pension_average": {"value": "3000", "source": " "}}, "missing_field", "pension_average.source"),
    ({"pension_average": {"value": "-3000", "source": "x"}}, "negative_amount", "pension_average.value"),
    ({"pension_average_provisional": {"value": "3000", "source": "x", "through_month": 0}},
     "invalid_month", "pension_average_provisional.through_month"),
    ({"colour": "red"}, "unknown_field", "colour"),
    ({"year": "2024"}, "invalid_type", "year"),
    ({"retired_on": "2024-02-30"}, "invalid_date", "retired_on"),
])
def test_bad_inputs_get_clear_errors_with_paths(change, code, path):
    request = {"policy": "nanchang-employee", "year": 2024, "category": "employee", "contribution_base": "5000"}
    with pytest.raises(InvalidRequest) as err:
        run(**(request | change))
    assert (err.value.code, err.value.path) == (code, path)
    assert f"（{path}）" in err.value.message


def test_resident_category_says_there_is_no_account():
    with pytest.raises(InvalidRequest) as err:
        run(policy="nanchang-employee", year=2024, category="resident")
    assert "城乡居民医保不设个人账户" in err.value.message


def test_an_employee_without_a_contribution_base_is_asked_for_it():
    with pytest.raises(MissingFact) as err:
        run(policy="pingliang-employee", year=2024, category="employee")
    assert err.value.fact == "contribution_base" and err.value.citations[0]["article"] == "第十五条"


def test_an_unknown_policy_is_named():
    with pytest.raises(UnknownPolicy):
        run(policy="beijing-employee", year=2024, category="employee", contribution_base="5000")


def test_money_is_two_place_strings_and_the_sum_is_exact():
    r = run(policy="nanchong-employee", year=2024, category="employee", contribution_base="3333.33")
    assert all(isinstance(m["amount"], str) and m["amount"].count(".") == 1 and len(m["amount"].split(".")[1]) == 2
               for m in r["months"])
    assert Decimal(r["totals"]["months"]) == sum(Decimal(a) for a in amounts(r))


def test_the_bureaus_credit_is_a_generic_supplied_figure_and_the_old_name_still_works():
    new = run(policy="xian-employee", year=2024, category="retiree",
              supplied_credit={"value": "85.50", "source": "市医保局公告（示例）"})
    old = run(policy="xian-employee", year=2024, category="retiree",
              xian_retiree_amount={"value": "85.50", "source": "市医保局公告（示例）"})
    assert amounts(new) == amounts(old) == ["85.50"] * 12
    assert new["months"][0]["text"] == old["months"][0]["text"]
    assert "市医疗保障局会同市财政局确定" in new["months"][0]["text"]


def test_the_bureaus_credit_given_under_both_names_is_refused():
    with pytest.raises(InvalidRequest) as err:
        run(policy="xian-employee", year=2024, category="retiree",
            supplied_credit={"value": "85.50", "source": "示例"},
            xian_retiree_amount={"value": "85.50", "source": "示例"})
    assert err.value.path == "xian_retiree_amount"
