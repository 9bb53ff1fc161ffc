"""Snapshots of the bill-check texts in zh-CN and en: the verdict first, each cause with its
articles, or what was tried and where to ask. Key sentences are asserted as well."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any

import pytest

from calculator import convert_request
from calculator.billcheck import check
from explanations import bill_check_payload, explain_bill_check

PL = {"policy": "pingliang-employee", "insured": {"category": "employee"}, "account_balance": "300.00",
      "visits": [{"date": "2026-05-10", "provider": {"level": 3, "grade": "A"},
                  "items": [{"category": "in_scope", "amount": "800.00"},
                            {"category": "class_b_drug", "amount": "200.00"},
                            {"category": "self_pay", "amount": "50.00"}]}]}
PL_AMOUNT = {**PL, "visits": [{"date": "2026-05-10", "provider": {"level": 2}, "amount": "1000.00"}]}
NCH_MET = {"policy": "nanchang-employee", "insured": {"category": "employee"},
           "year_start": {"deductible_used": "600.00"},
           "visits": [{"date": "2026-05-10", "provider": {"level": 1}, "amount": "1100.00"}]}
PL_ODD = {**PL, "visits": [{"date": "2026-05-10", "provider": {"level": 3, "grade": "A"},
                            "items": [{"category": "in_scope", "amount": "800.01"},
                                      {"category": "class_b_drug", "amount": "200.00"}]}]}
PL_RETIRED = {**PL_AMOUNT, "insured": {"category": "employee", "retired_on": "2026-05-08"}}
NCR_POOR = {"policy": "nanchang-resident",
            "insured": {"category": "resident", "resident": {"family_doctor": False, "poverty_registered": True}},
            "visits": [{"date": "2026-05-10", "provider": {"level": 1, "signed": True},
                        "items": [{"category": "in_scope", "amount": "400.00"},
                                  {"category": "self_pay", "amount": "100.00"}]}]}
NCR_TCM = {"policy": "nanchang-resident", "insured": {"category": "resident"},
           "visits": [{"date": "2026-05-10", "provider": {"level": 2, "signed": False, "referral": "county_tcm"},
                       "items": [{"category": "tcm", "amount": "300.00"},
                                 {"category": "in_scope", "amount": "100.00"}]}]}

SCENARIOS: dict[str, tuple[dict[str, Any], dict[str, D]]] = {
    "matches": (PL, {"fund_pays": D("429.00"), "account_pays": D("300.00"), "cash_pays": D("321.00")}),
    "deductible_met": (PL, {"fund_pays": D("539.00")}),
    "several_causes": (PL, {"fund_pays": D("468.00")}),
    "cap_used_up": (PL, {"hifp_pay": D("0.00")}),
    "self_pay_from_slip": (PL_AMOUNT, {"excluded": D("100.00"), "fund_pays": D("420.00")}),
    "first_self_pay_range": (PL_AMOUNT, {"first_self_pay": D("30.00"), "fund_pays": D("462.00")}),
    "retirement_switch": (PL_RETIRED, {"fund_pays": D("480.00")}),
    "rounding": (PL_ODD, {"fund_pays": D("429.00")}),
    "unexplained_777": (NCH_MET, {"fund_pays": D("777.77")}),
    "unexplained_two_figures": (PL, {"fund_pays": D("468.00"), "cash_pays": D("500.00")}),
    "does_not_add_up": (PL, {"total": D("1050.00"), "fund_pays": D("429.00"), "personal_pays": D("600.00")}),
    # a whole class-B item settled as self-pay, without 全自费 on the slip: listed beside a cap position
    "class_b_as_self_pay": (PL, {"fund_pays": D("330.00")}),
    # with 全自费 on the slip: only the item
    "class_b_as_self_pay_with_excluded": (PL, {"fund_pays": D("330.00"), "fulamt_ownpay_amt": D("250.00")}),
    # 南昌居民: 建档立卡 not applied (65% → 60%); the family-doctor bonus the other way
    "resident_poverty": (NCR_POOR, {"fund_pays": D("240.00")}),
    # 南昌居民: nothing paid at the signed institution — not signed, a referral, or the item self-pay
    "resident_not_signed": (NCR_POOR, {"fund_pays": D("0.00")}),
    # 南昌居民: an approved county-TCM referral settled as not signed, or the TCM item as self-pay
    "resident_referral_not_recognised": (NCR_TCM, {"hifp_pay": D("0.00")}),
}


def _check(name: str):
    body, slip = SCENARIOS[name]
    request = convert_request(json.loads(json.dumps(body)))
    return request, check(request, slip)


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_text(name: str, locale: str, snapshot_txt) -> None:
    request, result = _check(name)
    text = explain_bill_check(result, locale=locale, steps=False)
    assert text == snapshot_txt


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_whole_explanation_verdict_first(fmt: str, snapshot_txt, snapshot_md, snapshot_html) -> None:
    request, result = _check("deductible_met")
    out = explain_bill_check(result, format=fmt, request=request)
    snap = {"text": snapshot_txt, "markdown": snapshot_md, "html": snapshot_html}[fmt]
    assert out == snap
    # the verdict comes before the causes, the causes before the steps
    verdict = out.index("医院报了¥539.00，按文件应报¥429.00，多报¥110.00。")
    assert verdict < out.index("已经扣满") < out.index("按文件的计算")


def test_key_sentences() -> None:
    _, result = _check("several_causes")
    text = explain_bill_check(result, steps=False)
    assert text.startswith("医院报了¥468.00，按文件应报¥429.00，多报¥39.00。")
    assert "可能的原因" in text and "最可能" not in text and "most likely" not in text
    assert "12393" in text
    _, result = _check("unexplained_777")
    text = explain_bill_check(result, steps=False)
    assert text.startswith("医院报了¥777.77，按文件应报¥660.00，多报¥117.77。")
    assert "按文件的规则算不出结算单上的这个数字" in text and "医保办" in text and "12393" in text
    assert "可能的原因" not in text
    for kind in ("今年之前已扣的起付线", "人员类别", "医疗机构等级", "尾数处理") [:3]:
        assert kind in text
    en = explain_bill_check(result, locale="en", steps=False)
    assert "do not give this figure" in en and "12393" in en
    _, result = _check("does_not_add_up")
    assert "对不上" in explain_bill_check(result, steps=False)
    # a total that differs is the bill's amount, not the documents': say so
    request = convert_request(json.loads(json.dumps(PL)))
    text = explain_bill_check(check(request, {"total": D("1100.00")}), steps=False)
    assert text.startswith("结算单上医疗费总额是¥1,100.00，请求里的费用合计是¥1,050.00，相差¥50.00：请先按结算单核对费用金额。")


def test_each_cause_text_is_a_condition_and_a_position_says_check_earlier_slips() -> None:
    """Read alone (``causes[].text``), a cause never states its fact as found: it says what would
    have to be true; a position says to check it against the earlier visits' slips."""
    for name in SCENARIOS:
        request, result = _check(name)
        body = bill_check_payload(result, request=request)
        for cause in body["causes"]:
            text = cause["text"]
            assert text.startswith(("如果", "乙类先行自付：如果")), text
            assert "才成立" in text or cause["kind"] == "rounding", text
            assert "最可能" not in text
            if cause["kind"] in ("deductible_position", "fund_paid_position"):
                assert "请用那几次就诊的结算单核对" in text, text
        for cause in bill_check_payload(result, request=request, locale="en")["causes"]:
            assert cause["text"].startswith(("If", "Class-B share paid first: if")), cause["text"]
            if cause["kind"] in ("deductible_position", "fund_paid_position"):
                assert "check it against those visits' slips" in cause["text"]


def test_resident_causes_name_the_fact() -> None:
    _, result = _check("resident_poverty")
    assert [(c.kind, c.changed) for c in result.causes] == [
        ("category", {"insured.resident.poverty_registered": False})]
    text = explain_bill_check(result, steps=False)
    assert "如果医院没有按建档立卡贫困人口结算，支付比例60%（请求里是建档立卡贫困人口，比例65%）" in text
    assert "〔第十四条〕" in text
    _, result = _check("resident_not_signed")
    assert {"visits[0].provider.signed": False} in [c.changed for c in result.causes]
    assert {"visits[0].items[0].category": "self_pay"} in [c.changed for c in result.causes]
    text = explain_bill_check(result, steps=False)
    assert "不在门诊统筹签约机构就诊" in text and "〔第十三条〕" in text
    _, result = _check("resident_referral_not_recognised")
    assert {"visits[0].provider.referral": None} in [c.changed for c in result.causes]


def test_payload_texts() -> None:
    request, result = _check("several_causes")
    body = bill_check_payload(result, request=request)
    assert body["verdict"] == "differs" and body["unexplained"] is False
    assert body["differences"] == [{"field": "fund_pays", "slip": "468.00", "calculated": "429.00",
                                    "difference": "39.00", "direction": "more", "size": "39.00"}]
    assert [c["kind"] for c in body["causes"]][:2] == ["deductible_position", "category"]
    assert all(c["text"] and c["citations"] for c in body["causes"])
    assert body["text"].startswith("医院报了¥468.00")
    assert body["result"]["visits"][0]["fund_pays"] == "429.00"
