"""Bill check in chat: the calculator's bill check (CONTRACT "Bill check"), in words.

``calculator.billcheck.check(request, slip)`` decides; ``explanations.bill_check_payload`` gives the
CONTRACT response (with ``text``). No figure is computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from calculator import CalculationRequest, check_bill

__all__ = ["check_slip"]


def check_slip(request: CalculationRequest, slip: Mapping[str, Decimal],
               locale: str = "zh-CN", held: frozenset[str] = frozenset()) -> tuple[dict[str, Any], str]:
    """The CONTRACT bill-check response for one visit and a slip, and its explanation text
    (``held``: cause kinds the person's own words rule out, see :func:`calculator.check_bill`)."""
    from explanations import bill_check_payload

    result = check_bill(request, slip, held=held)
    body = bill_check_payload(result, locale=locale, request=request)
    return body, str(body.get("text", ""))
