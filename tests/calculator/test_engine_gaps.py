"""Assertions the case format cannot express: an error message must quote the article it refuses by.

A case file compares error fields for equality; the wording around the quote may change (issue 14
moves 西安's messages into pack data), but the article and its words must stay. The requests are
the case files' own, so the two never drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculator import run_json
from calculator.errors import CalculatorError

XIAN_CASES = Path(__file__).resolve().parents[1] / "cases" / "xian-employee"


def _refusal(case_name: str) -> dict:
    case = json.loads((XIAN_CASES / f"{case_name}.json").read_text(encoding="utf-8"))
    with pytest.raises(CalculatorError) as info:
        run_json(json.dumps(case["request"], ensure_ascii=False))
    return info.value.to_dict()


def test_a_retiree_ratio_below_the_employee_ratio_is_refused_by_section_4_3() -> None:
    got = _refusal("西安给定退休一级比例65%低于在职70%：按方案四（三）拒绝，parameter_out_of_range")
    assert got["code"] == "parameter_out_of_range"
    # Only the retiree-favoured rule is broken (every ratio is ≥ 50%): exactly one field.
    assert [e["path"] for e in got["errors"]] == ["parameters.ratio.retiree.1"]
    message = got["message"]
    assert "四（三）" in message, message
    assert "待遇政策适当向退休人员倾斜" in message, message
    assert "65%" in message and "70%" in message, message


def test_a_ratio_below_the_floor_is_refused_by_section_4_3() -> None:
    got = _refusal("西安给定在职一级比例45%低于方案50%底线：parameter_out_of_range")
    assert got["code"] == "parameter_out_of_range"
    assert got["path"] == "parameters.ratio.employee.1"
    message = got["message"]
    assert "四（三）" in message, message
    assert "支付比例不低于50%" in message, message
    assert "45%" in message, message


def test_an_item_the_document_does_not_name_gives_both_figures_never_one() -> None:
    """Issue 14: 双通道 on a 南充 bill — 南充's document names no such item. The visit is refused,
    and the refusal carries the figures both ways (in scope: (800+500−200)×60% = 660.00; left out:
    (800−200)×60% = 360.00), side by side, never one of them as the answer."""
    import msgspec

    from calculator import ItemNotNamed, calculate, decode_request

    req = decode_request(msgspec.json.encode({
        "policy": "nanchong-employee", "insured": {"category": "employee"},
        "year_start": {"deductible_used": "0", "fund_paid": "0"},
        "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 2},
                    "items": [{"category": "in_scope", "amount": "800"},
                              {"category": "dual_channel", "amount": "500"}]}]}))
    try:
        calculate(req)
    except ItemNotNamed as exc:
        assert exc.path == "visits[0].items[1].category"
        figures = {a["treatment"]: (a["fund_pays"], a["personal_pays"]) for a in exc.alternatives}
        assert figures == {"in_scope": ("660.00", "640.00"), "self_pay": ("360.00", "940.00")}
    else:
        raise AssertionError("a bill with an item the document does not name must not be settled one way")
