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
