"""Snapshots of the account and budget explanations (credits, uses, a signed institution's year).

One readable file per scenario under ``__snapshots__/test_account_snapshots/``; regenerate with
``pytest tests/explanations/test_account_snapshots.py --snapshot-update`` and read the diff aloud.
The key figures are asserted plainly too, so a wrong amount fails even in an updated snapshot.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import budget, credits, usage
from explanations import explain_budget, explain_credits, explain_usage

CREDITS: dict[str, dict[str, Any]] = {
    # 平凉 第十五条: retirees 90 yuan a month
    "pl_retiree": {"policy": "pingliang-employee", "year": 2026, "category": "retiree"},
    # 南昌 第七—九条: 6000 × 2% = 120.00 Jan–Jun; from the month after retiring 3100 × 2.5% = 77.50
    "nc_retire_june": {"policy": "nanchang-employee", "year": 2024, "category": "employee",
                       "contribution_base": "6000", "retired_on": "2024-06-15",
                       "pension_average": {"value": "3100.00", "source": "江西省2023年基本养老金月平均水平（示例）"}},
    # 南充 第十三条: Jan–Jun on the 2021 average 2550 × 2.8% = 71.40, then 74.20; back-payment 6 × 2.80
    "nch_back_payment": {"policy": "nanchong-employee", "year": 2023, "category": "retiree",
                         "pension_average": {"value": "2650.00", "source": "南充市2022年平均水平（示例）"},
                         "pension_average_provisional": {"value": "2550.00", "source": "南充市2021年平均水平（示例）",
                                                         "through_month": 6}},
}
USAGE: dict[str, dict[str, Any]] = {
    "nc_parent_pharmacy": {"policy": "nanchang-employee", "beneficiary": "parent", "purpose": "designated_pharmacy"},
    "xa_fitness": {"policy": "xian-employee", "beneficiary": "self", "purpose": "fitness"},
}
BUDGET: dict[str, dict[str, Any]] = {
    "roster_with_changes": {
        "year": 2024,
        "roster": [{"birth_year": 1950}, {"birth_year": 2024, "signed_month": 5},
                   {"birth_year": 1980, "count": 3, "change": {"case": "address", "direction": "out", "month": 6}},
                   {"birth_year": 1990, "change": {"case": "institution", "direction": "in", "month": 9}}],
        "monthly_actual": ["60.00", "55.00"]},
    # budget 12 × 37 + 100 × 226 = 23,044.00; actual 19,800.00 = 85.92%: + 50% of 3,244.00
    "year_end_middle_band": {"year": 2024, "groups": {"1": 12, "5": 100},
                             "monthly_actual": ["1700.00"] * 6 + ["1600.00"] * 6},
}
EN = [("credits", "nc_retire_june"), ("budget", "year_end_middle_band")]


def _explain(kind: str, sid: str, locale: str, format: str = "text") -> str:
    module, explain, table = {"credits": (credits, explain_credits, CREDITS), "usage": (usage, explain_usage, USAGE),
                              "budget": (budget, explain_budget, BUDGET)}[kind]
    return explain(module.run_json(json.dumps(table[sid], ensure_ascii=False)), format=format, locale=locale)


CASES = [(k, s) for k, table in (("credits", CREDITS), ("usage", USAGE), ("budget", BUDGET)) for s in table]


@pytest.mark.parametrize(("kind", "sid"), CASES, ids=[f"zh-{k}-{s}" for k, s in CASES])
def test_zh_text(kind: str, sid: str, snapshot_txt) -> None:
    assert _explain(kind, sid, "zh-CN") == snapshot_txt


@pytest.mark.parametrize(("kind", "sid"), EN, ids=[f"en-{k}-{s}" for k, s in EN])
def test_en_text(kind: str, sid: str, snapshot_txt) -> None:
    text = _explain(kind, sid, "en")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text.split("Rules:")[0].split("(figure supplied")[0])
    assert text == snapshot_txt


def test_budget_html(snapshot_html) -> None:
    assert _explain("budget", "roster_with_changes", "zh-CN", "html") == snapshot_html


# -- key figures, asserted plainly ----------------------------------------------------------------

def test_pingliang_retiree_figures() -> None:
    text = _explain("credits", "pl_retiree", "zh-CN")
    assert "1—12月：退休人员，由统筹基金按定额划入，每月90.00 元〔第十五条〕" in text
    assert "按月划入合计：¥1,080.00" in text


def test_nanchang_retirement_figures() -> None:
    text = _explain("credits", "nc_retire_june", "zh-CN")
    assert "1—6月：在职职工，按缴费基数6,000.00 × 2%计入，每月120.00 元" in text
    assert "7—12月：退休人员，按养老金月平均水平3,100.00 × 2.5%由统筹基金划入，每月77.50 元" in text
    assert "即自2024年7月1日起" in text and "〔第九条〕" in text
    assert "按月划入合计：¥1,185.00" in text
    en = _explain("credits", "nc_retire_june", "en")
    assert "Monthly credits in all: CN¥1,185.00" in en and "from July 1, 2024" in en


def test_nanchong_back_payment_figures() -> None:
    text = _explain("credits", "nch_back_payment", "zh-CN")
    assert "合计428.40 元" in text and "应划入445.20 元" in text and "补划差额16.80 元" in text
    assert "按月划入合计：¥873.60" in text and "补划差额：¥16.80" in text and "全年共计：¥890.40" in text


def test_usage_answers() -> None:
    pending = _explain("usage", "nc_parent_pharmacy", "zh-CN")
    assert pending.startswith("南昌职工医保个人账户用于父母在定点零售药店购药：文件允许，但要等具体办法出台或条件具备。")
    assert "〔第十一条〕" in pending and "制定具体操作办法" in pending
    fitness = _explain("usage", "xa_fitness", "zh-CN")
    assert fitness.startswith("西安职工医保个人账户用于本人体育健身：不可以。")
    assert "〔西安方案 四（二）〕" in fitness


def test_budget_figures() -> None:
    roster = _explain("budget", "roster_with_changes", "zh-CN")
    assert "签约居民6人，年度预算额度¥521.50" in roster
    assert "141.00 ÷ 12 × 6 × 3人 = 211.50 元" in roster and "141.00 ÷ 12 × 4 = 47.00 元" in roster
    assert "1月：签约4人，额度54.08 元；实际发生60.00 元，超过额度，按额度结算54.08 元" in roster
    middle = _explain("budget", "year_end_middle_band", "zh-CN")
    assert "是年度预算额度23,044.00 元的85.92%" in middle
    assert "再付未使用额度3,244.00 元的50%即1,622.00 元，共结算21,422.00 元" in middle
    assert "年终应补付1,622.00 元" in middle and "年度决算：¥21,422.00" in middle


def test_formats_and_locales_are_checked() -> None:
    result = credits.run_json(json.dumps(CREDITS["pl_retiree"]))
    with pytest.raises(ValueError):
        explain_credits(result, format="markdown")
    assert "CN¥1,080.00" in explain_credits(result, locale="en-US")
