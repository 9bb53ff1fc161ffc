"""Bill check in chat: an adapter over the calculator's bill check (CONTRACT "Bill check").

The bill-check issue provides ``calculator.billcheck.check(request, slip) -> BillCheck`` shaped like
the CONTRACT response, and ``explanations.explain_bill_check``. Until those land, the older
``check_bill(request, slip_fund)`` is used and its verdict put into the CONTRACT shape here (no
figure is computed here: every figure is the calculator's).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec

from calculator import CalculationRequest

__all__ = ["check_slip"]

#: the old variant steps → the CONTRACT cause kinds
_CAUSE = {"deductible": "deductible_position", "cap": "fund_paid_position", "scope": "out_of_scope_items",
          "first_self_pay": "first_self_pay", "eligibility": "out_of_scope_items"}


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def check_slip(request: CalculationRequest, slip: Mapping[str, Decimal], locale: str = "zh-CN") -> tuple[dict[str, Any], str]:
    """The CONTRACT bill-check response (without ``text``) and its explanation text."""
    try:  # the bill-check issue's interface
        from calculator.billcheck import check  # type: ignore[attr-defined]
        from explanations import explain_bill_check  # type: ignore[attr-defined]
    except ImportError:
        return _legacy(request, slip)
    result = check(request, slip)
    return msgspec.to_builtins(result), explain_bill_check(result, locale=locale, format="text")


def _legacy(request: CalculationRequest, slip: Mapping[str, Decimal]) -> tuple[dict[str, Any], str]:
    from calculator.billcheck import check_bill

    fund = slip.get("fund_pays")
    if fund is None:
        raise ValueError("the chat checks the fund figure of a slip")
    bc = check_bill(request, fund)
    computed = bc.computed_fund
    differs = not bc.matched
    causes = []
    for v in bc.variants if differs else []:
        kind = _CAUSE.get(v.step, "category" if v.id.startswith("category") else "provider_level")
        causes.append({"kind": kind, "text": v.description, "changed": {}, "reproduces": ["fund_pays"],
                       "citations": []})
    body = {
        "verdict": "differs" if differs else "matches",
        "differences": [{"field": "fund_pays", "slip": _money(fund), "calculated": _money(computed),
                         "difference": _money(fund - computed)}] if differs else [],
        "causes": causes,
        "unexplained": differs and not causes,
        "result": msgspec.to_builtins(bc.result),
    }
    text = bc.verdict
    if differs and not causes:
        text += "可以拿结算单到医院医保办核对，或拨打12393医保服务热线。"
    return body, text
