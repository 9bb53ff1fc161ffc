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
