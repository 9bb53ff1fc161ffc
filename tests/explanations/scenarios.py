"""The explanation scenarios: one calculation request each, with the figures it must show.

Ids are ASCII (snapshot file names); each scenario names its policy, and ``expect`` holds either
the year's fund total (``fund``, a money string) or the error's code (``error``). The figures were
checked by hand against the documents (most are the hand-checked cases of ``tests/cases``).
"""

from __future__ import annotations

from typing import Any

from calculator import CalculationRequest, convert_request

XIAN_PARAMS = {
    "source": "测试用假设值（非西安市医保局公布数字）",
    "deductible": {"employee": "800.00", "retiree": "700.00"},
    "cap": {"employee": "2000.00", "retiree": "2500.00"},
    "ratio": {"employee": {"1": "0.70", "2": "0.60", "3": "0.50"},
              "retiree": {"1": "0.75", "2": "0.65", "3": "0.55"}},
}


def items(**amounts: str) -> list[dict[str, str]]:
    return [{"category": k, "amount": v} for k, v in amounts.items()]


def visit(date: str, bill: dict[str, str] | str, **provider: Any) -> dict[str, Any]:
    extra = {k: provider.pop(k) for k in ("inpatient", "benefits_suspended") if k in provider}
    provider.setdefault("kind", "hospital")
    out: dict[str, Any] = {"date": date, "provider": provider, **extra}
    if isinstance(bill, str):
        out["amount"] = bill
    else:
        out["items"] = items(**bill)
    return out


def req(policy: str, category: str, visits: list[dict[str, Any]], **rest: Any) -> dict[str, Any]:
    insured: dict[str, Any] = {"category": category}
    for key in ("retired_on", "resident"):
        if key in rest:
            insured[key] = rest.pop(key)
    return {"policy": policy, "insured": insured, "visits": visits, **rest}


def resident(family_doctor: bool = False, poor: bool = False) -> dict[str, bool]:
    return {"family_doctor": family_doctor, "poverty_registered": poor}


SCENARIOS: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    # -- 平凉 (pingliang-employee) -----------------------------------------------------------------
    "pl_3a_first_self_pay_account": (req(
        "pingliang-employee", "employee", account_balance="300.00",
        visits=[visit("2026-05-10", {"in_scope": "800.00", "class_b_drug": "200.00", "self_pay": "50.00"},
                      level=3, grade="A")]), {"fund": "429.00"}),
    "pl_3c_two_class_b_lines_half_up": (req(
        "pingliang-employee", "employee", year_start={"deductible_used": "150.00", "fund_paid": "0.00"},
        visits=[visit("2025-02-20", {"in_scope": "300.00", "class_b_drug": "123.45", "class_b_service": "10.30"},
                      level=3, grade="C")]), {"fund": "221.91"}),
    "pl_3b_level2_ratio_deductible_met": (req(
        "pingliang-employee", "employee", year_start={"deductible_used": "200.00", "fund_paid": "0.00"},
        visits=[visit("2025-07-01", {"in_scope": "1000.00"}, level=3, grade="B")]), {"fund": "600.00"}),
    "pl_level1_reading_account": (req(
        "pingliang-employee", "employee", account_balance="1000.00",
        visits=[visit("2025-04-08", {"in_scope": "500.00"}, level=1)]), {"fund": "195.00"}),
    "pl_exclusions_dual_channel_prenatal": (req(
        "pingliang-employee", "employee", account_balance="100.00",
        visits=[visit("2025-09-03", {"in_scope": "600.00", "dual_channel": "1000.00", "prenatal": "200.00",
                                     "self_pay": "50.00"}, level=2)]), {"fund": "240.00"}),
    "pl_inpatient_then_level2": (req(
        "pingliang-employee", "employee",
        visits=[visit("2025-05-01", {"in_scope": "800.00"}, level=2, inpatient=True),
                visit("2025-05-20", {"in_scope": "500.00"}, level=2)]), {"fund": "180.00"}),
    "pl_non_designated_account_unused": (req(
        "pingliang-employee", "employee", account_balance="300.00",
        visits=[visit("2025-06-06", {"in_scope": "500.00"}, level=1, designated=False)]), {"fund": "0.00"}),
    "pl_suspended_benefits": (req(
        "pingliang-employee", "retiree",
        visits=[visit("2025-06-06", {"in_scope": "260.00"}, level=2, benefits_suspended=True)]), {"fund": "0.00"}),
    "pl_flexible_no_account": (req(
        "pingliang-employee", "flexible", account_balance="500.00",
        visits=[visit("2025-05-05", {"in_scope": "1000.00"}, level=1)]), {"fund": "520.00"}),
    "pl_pharmacy_prescribed_3a_class_b": (req(
        "pingliang-employee", "employee", year_start={"deductible_used": "200.00", "fund_paid": "1000.00"},
        visits=[visit("2025-10-10", {"class_b_drug": "500.00"}, kind="pharmacy", prescribed_at_level=3,
                      prescribed_at_grade="A")]), {"fund": "247.50"}),
    "pl_retiree_3c_first_visit": (req(
        "pingliang-employee", "retiree",
        visits=[visit("2025-08-18", {"in_scope": "400.00"}, level=3, grade="C")]), {"fund": "130.00"}),
    "pl_retire_june_four_visits": (req(
        "pingliang-employee", "employee", retired_on="2025-06-15",
        visits=[visit("2025-03-10", {"in_scope": "1200.00"}, level=2),
                visit("2025-06-20", {"in_scope": "1000.00"}, level=2),
                visit("2025-10-10", {"in_scope": "2000.00"}, level=3, grade="A"),
                visit("2025-11-11", {"in_scope": "200.00"}, level=3, grade="B")]), {"fund": "2500.00"}),
    "pl_retiree_five_visits_cap_used_up": (req(
        "pingliang-employee", "retiree", account_balance="200.00",
        visits=[visit("2025-01-10", "150.00", level=1),
                visit("2025-02-15", {"in_scope": "1000.00"}, level=2),
                visit("2025-06-01", {"in_scope": "3000.00"}, level=3, grade="A"),
                visit("2025-09-09", {"in_scope": "500.00"}, level=1),
                visit("2025-11-20", {"in_scope": "100.00"}, level=2)]), {"fund": "2500.00"}),
    "pl_whatif_ratio_supplied": (req(
        "pingliang-employee", "employee",
        parameters={"source": "假设：一级医疗机构在职比例调整为70%", "ratio": {"employee": {"1": "0.70"}}},
        visits=[visit("2025-03-03", {"in_scope": "1000.00"}, level=1)]), {"fund": "560.00"}),
    "pl_amount_only_assumed_in_scope": (req(
        "pingliang-employee", "employee",
        visits=[visit("2025-03-15", "350.00", level=2)]), {"fund": "90.00"}),
    "pl_missing_grade": (req(
        "pingliang-employee", "retiree",
        visits=[visit("2025-04-01", {"in_scope": "800.00"}, level=3)]), {"error": "missing_fact"}),
    "pl_pharmacy_missing_level": (req(
        "pingliang-employee", "employee",
        visits=[visit("2025-04-01", {"in_scope": "200.00"}, kind="pharmacy")]), {"error": "missing_fact"}),
    "pl_pharmacy_missing_grade": (req(
        "pingliang-employee", "employee",
        visits=[visit("2025-04-01", {"in_scope": "200.00"}, kind="pharmacy", prescribed_at_level=3)]),
        {"error": "missing_fact"}),
    "pl_out_of_force_2028": (req(
        "pingliang-employee", "employee",
        visits=[visit("2028-01-05", {"in_scope": "300.00"}, level=1)]), {"error": "out_of_force"}),
    # -- 南充 (nanchong-employee) -------------------------------------------------------------------
    "nc_level1_account": (req(
        "nanchong-employee", "employee", account_balance="1000.00",
        visits=[visit("2025-03-03", {"in_scope": "1000.00"}, level=1)]), {"fund": "480.00"}),
    "nc_level3_half_up": (req(
        "nanchong-employee", "employee", year_start={"deductible_used": "200.00", "fund_paid": "0.00"},
        visits=[visit("2025-05-05", {"in_scope": "200.01"}, level=3)]), {"fund": "100.01"}),
    "nc_class_b_in_scope_self_pay": (req(
        "nanchong-employee", "employee",
        visits=[visit("2025-04-04", {"in_scope": "200.00", "class_b_drug": "300.00", "self_pay": "80.00"},
                      level=2)]), {"fund": "180.00"}),
    "nc_pharmacy_tier": (req(
        "nanchong-employee", "employee",
        visits=[visit("2025-06-06", {"in_scope": "300.00"}, kind="pharmacy")]), {"fund": "50.00"}),
    "nc_cap_partly_left": (req(
        "nanchong-employee", "employee", year_start={"deductible_used": "200.00", "fund_paid": "900.00"},
        visits=[visit("2025-11-11", {"in_scope": "500.00"}, level=1)]), {"fund": "100.00"}),
    "nc_non_designated_pharmacy": (req(
        "nanchong-employee", "employee", account_balance="200.00",
        visits=[visit("2025-08-08", {"in_scope": "300.00"}, kind="pharmacy", designated=False)]), {"fund": "0.00"}),
    "nc_retire_april_deductible_split": (req(
        "nanchong-employee", "employee", retired_on="2025-04-30",
        visits=[visit("2025-02-10", {"in_scope": "100.00"}, level=1),
                visit("2025-05-10", {"in_scope": "300.00"}, level=1)]), {"fund": "162.50"}),
    "nc_retiree_four_visits_cap": (req(
        "nanchong-employee", "retiree", account_balance="500.00",
        visits=[visit("2024-02-01", {"in_scope": "100.00"}, level=2),
                visit("2024-03-05", {"in_scope": "1050.00"}, level=3),
                visit("2024-05-05", {"in_scope": "1100.00"}, level=1),
                visit("2024-07-07", {"in_scope": "200.00"}, kind="pharmacy")]), {"fund": "1200.00"}),
    "nc_flexible_account": (req(
        "nanchong-employee", "flexible", account_balance="100.00",
        visits=[visit("2025-07-07", {"in_scope": "600.00"}, level=3)]), {"fund": "200.00"}),
    "nc_deductible_not_met": (req(
        "nanchong-employee", "employee", year_start={"deductible_used": "50.00", "fund_paid": "0.00"},
        account_balance="400.00",
        visits=[visit("2025-02-14", {"in_scope": "120.00"}, level=2)]), {"fund": "0.00"}),
    "nc_whatif_deductible_supplied": (req(
        "nanchong-employee", "employee",
        parameters={"source": "假设：在职起付线调整为100元", "deductible": {"employee": "100"}},
        visits=[visit("2025-03-03", {"in_scope": "500.00"}, level=1)]), {"fund": "240.00"}),
    "nc_out_of_force_2022": (req(
        "nanchong-employee", "employee",
        visits=[visit("2022-12-20", {"in_scope": "300.00"}, level=1)]), {"error": "out_of_force"}),
    # -- 南昌职工 (nanchang-employee) ----------------------------------------------------------------
    "nce_level1_first_visit": (req(
        "nanchang-employee", "employee",
        visits=[visit("2025-02-02", {"in_scope": "1000.00"}, level=1)]), {"fund": "240.00"}),
    "nce_class_b_self_pay": (req(
        "nanchang-employee", "employee",
        visits=[visit("2025-08-08", {"in_scope": "500.00", "class_b_drug": "200.00", "class_b_service": "100.00",
                                     "self_pay": "300.00"}, level=1)]), {"fund": "120.00"}),
    "nce_consultation_deductible_first": (req(
        "nanchang-employee", "employee",
        visits=[visit("2025-03-08", {"in_scope": "500.00", "consultation": "150.00"}, level=2)]),
        {"fund": "27.50"}),
    "nce_consultation_half_up_parts": (req(
        "nanchang-employee", "employee", year_start={"deductible_used": "600.00", "fund_paid": "0.00"},
        visits=[visit("2025-06-18", {"in_scope": "200.01", "consultation": "10.01"}, level=3)]),
        {"fund": "105.02"}),
    "nce_consultation_cap_used_up": (req(
        "nanchang-employee", "employee", year_start={"deductible_used": "600.00", "fund_paid": "1800.00"},
        visits=[visit("2025-12-01", {"in_scope": "300.00", "consultation": "20.00"}, level=1)]),
        {"fund": "12.00"}),
    "nce_pharmacy_prescribed_level2": (req(
        "nanchang-employee", "employee", year_start={"deductible_used": "600.00", "fund_paid": "0.00"},
        visits=[visit("2025-07-07", {"in_scope": "400.00"}, kind="pharmacy", prescribed_at_level=2)]),
        {"fund": "220.00"}),
    "nce_pharmacy_missing_level": (req(
        "nanchang-employee", "employee",
        visits=[visit("2025-07-07", {"in_scope": "400.00"}, kind="pharmacy")]), {"error": "missing_fact"}),
    "nce_offsite_filed_and_unfiled": (req(
        "nanchang-employee", "employee", account_balance="1000.00",
        visits=[visit("2025-05-05", {"in_scope": "1000.00"}, level=3, offsite=True, offsite_filed=True),
                visit("2025-06-06", {"in_scope": "500.00"}, level=3, offsite=True, offsite_filed=False)]),
        {"fund": "200.00"}),
    "nce_retire_march_cap_carried": (req(
        "nanchang-employee", "employee", retired_on="2025-03-31",
        year_start={"deductible_used": "600.00", "fund_paid": "1700.00"},
        visits=[visit("2025-03-31", {"in_scope": "500.00"}, level=1),
                visit("2025-04-10", {"in_scope": "1000.00"}, level=2)]), {"fund": "300.00"}),
    "nce_retire_june_month_after": (req(
        "nanchang-employee", "employee", retired_on="2025-06-15",
        visits=[visit("2025-06-20", {"in_scope": "1600.00"}, level=1),
                visit("2025-07-05", {"in_scope": "1000.00"}, level=1)]), {"fund": "1250.00"}),
    "nce_retiree_three_visits_cap": (req(
        "nanchang-employee", "retiree",
        visits=[visit("2026-01-15", {"in_scope": "500.00"}, level=2),
                visit("2026-03-15", {"in_scope": "2100.00"}, level=3),
                visit("2026-08-01", {"in_scope": "2000.00"}, level=2)]), {"fund": "2000.00"}),
    "nce_deductible_exactly_met": (req(
        "nanchang-employee", "employee", year_start={"deductible_used": "400.00", "fund_paid": "0.00"},
        account_balance="2000.00",
        visits=[visit("2025-09-01", {"in_scope": "200.00"}, level=2)]), {"fund": "0.00"}),
    "nce_out_of_force_2022": (req(
        "nanchang-employee", "employee",
        visits=[visit("2022-12-31", {"in_scope": "700.00"}, level=1)]), {"error": "out_of_force"}),
    # -- 南昌居民 (nanchang-resident) ----------------------------------------------------------------
    "ncr_signed_basic": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-03-03", {"in_scope": "200.00"}, level=1)]), {"fund": "120.00"}),
    "ncr_family_doctor_half_up": (req(
        "nanchang-resident", "resident", resident=resident(family_doctor=True),
        visits=[visit("2025-04-04", {"in_scope": "100.10"}, level=1)]), {"fund": "65.07"}),
    "ncr_referral_tcm_only": (req(
        "nanchang-resident", "resident", resident=resident(family_doctor=True),
        visits=[visit("2025-06-06", {"tcm": "250.00", "in_scope": "100.00", "self_pay": "50.00"}, level=2,
                      signed=False, referral="county_tcm")]), {"fund": "100.00"}),
    "ncr_poor": (req(
        "nanchang-resident", "resident", resident=resident(poor=True),
        visits=[visit("2025-05-05", {"in_scope": "300.00"}, level=1)]), {"fund": "195.00"}),
    "ncr_poor_family_doctor_70": (req(
        "nanchang-resident", "resident", resident=resident(family_doctor=True, poor=True),
        visits=[visit("2025-05-06", {"in_scope": "300.00"}, level=1)]), {"fund": "210.00"}),
    "ncr_poor_referral": (req(
        "nanchang-resident", "resident", resident=resident(poor=True),
        visits=[visit("2025-07-07", {"tcm": "200.00", "in_scope": "80.00"}, level=2, signed=False,
                      referral="county_tcm")]), {"fund": "130.00"}),
    "ncr_class_b_tcm_self_pay": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-11-11", {"in_scope": "200.00", "class_b_drug": "100.00", "tcm": "100.00",
                                     "self_pay": "100.00"}, level=1)]), {"fund": "240.00"}),
    "ncr_not_signed": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-08-08", {"in_scope": "150.00"}, level=1, signed=False)]), {"fund": "0.00"}),
    "ncr_inpatient": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-09-09", {"in_scope": "300.00"}, level=1, inpatient=True)]), {"fund": "0.00"}),
    "ncr_pharmacy_not_covered": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-09-19", {"in_scope": "80.00"}, kind="pharmacy")]), {"fund": "0.00"}),
    "ncr_three_visits_no_deductible_no_cap": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2025-02-01", {"in_scope": "5000.00"}, level=1),
                visit("2025-06-01", {"in_scope": "5000.00"}, level=1),
                visit("2025-10-01", {"in_scope": "5000.00"}, level=1)]), {"fund": "9000.00"}),
    "ncr_out_of_force_2019": (req(
        "nanchang-resident", "resident", resident=resident(),
        visits=[visit("2019-12-31", {"in_scope": "100.00"}, level=1)]), {"error": "out_of_force"}),
    # -- 西安 (xian-employee) ------------------------------------------------------------------------
    "xa_level1_supplied_parameters": (req(
        "xian-employee", "employee", account_balance="500.00", parameters=XIAN_PARAMS,
        visits=[visit("2025-03-03", {"in_scope": "1000.00"}, level=1)]), {"fund": "140.00"}),
    "xa_two_visits_cap": (req(
        "xian-employee", "employee", parameters=XIAN_PARAMS,
        visits=[visit("2025-03-01", {"in_scope": "3000.00"}, level=2),
                visit("2025-08-01", {"in_scope": "2000.00"}, level=3)]), {"fund": "2000.00"}),
    "xa_retire_may_same_month": (req(
        "xian-employee", "employee", retired_on="2025-05-20", parameters=XIAN_PARAMS,
        visits=[visit("2025-03-10", {"in_scope": "900.00"}, level=1),
                visit("2025-05-25", {"in_scope": "1000.00"}, level=1)]), {"fund": "820.00"}),
    "xa_non_designated": (req(
        "xian-employee", "employee", account_balance="300.00", parameters=XIAN_PARAMS,
        visits=[visit("2025-06-06", {"in_scope": "800.00"}, level=2, designated=False)]), {"fund": "0.00"}),
    "xa_without_parameters": (req(
        "xian-employee", "employee",
        visits=[visit("2025-03-03", {"in_scope": "1000.00"}, level=1)]), {"error": "missing_parameter"}),
    "xa_pharmacy_ratio_not_supplied": (req(
        "xian-employee", "employee", parameters=XIAN_PARAMS,
        visits=[visit("2025-03-03", {"in_scope": "300.00"}, kind="pharmacy")]), {"error": "missing_parameter"}),
}

IDS = sorted(SCENARIOS)


def request_of(scenario_id: str) -> CalculationRequest:
    return convert_request(SCENARIOS[scenario_id][0])


def expect_of(scenario_id: str) -> dict[str, str]:
    return SCENARIOS[scenario_id][1]
