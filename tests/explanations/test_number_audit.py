"""Every number in a rendered explanation (text and Markdown, both locales) comes from the result."""

from __future__ import annotations

from decimal import Decimal

import msgspec
import pytest

from calculator import CalculatorError, calculate, to_builtins
from explanations import explain, explain_error

from .audit import allowed_numbers, numbers_in, unexplained_numbers
from .scenarios import IDS, request_of

CASES = [pytest.param(sid, fmt, loc, id=f"{fmt}-{loc}-{sid}")
         for sid in IDS for fmt in ("text", "markdown") for loc in ("zh-CN", "en")]


@pytest.mark.parametrize(("sid", "fmt", "locale"), CASES)
def test_every_number_comes_from_the_result(sid: str, fmt: str, locale: str) -> None:
    request = request_of(sid)
    try:
        result = calculate(request)
    except CalculatorError as error:
        text = explain_error(error, format=fmt, locale=locale, request=request)
        allowed = allowed_numbers(error.to_dict()) | allowed_numbers(msgspec.to_builtins(request))
        numbering = len(request.visits)
    else:
        text = explain(result, format=fmt, locale=locale, request=request)
        allowed = allowed_numbers(to_builtins(result))
        numbering = max([len(request.visits), *(len(v.steps) for v in result.visits)])
    stray = unexplained_numbers(text, allowed, numbering)
    assert not stray, f"numbers not in the result: {stray}\n{text}"


def test_the_audit_catches_a_stray_number() -> None:
    result = calculate(request_of("pl_3a_first_self_pay_account"))
    allowed = allowed_numbers(to_builtins(result))
    assert Decimal("429.00") in allowed and Decimal("55") in allowed and Decimal("7") in allowed
    text = explain(result) + "\n另外统筹基金还多付 12.34 元。"
    assert unexplained_numbers(text, allowed, 7) == [Decimal("12.34")]


def test_numbers_are_read_with_thousands_separators() -> None:
    assert numbers_in("¥1,050.00、55%、(980.00 − 200.00)、2026年5月10日") == [
        Decimal("1050.00"), Decimal("55"), Decimal("980.00"), Decimal("200.00"), Decimal("2026"),
        Decimal("5"), Decimal("10")]


def test_step_sentences_of_the_engine_are_not_a_source() -> None:
    result = to_builtins(calculate(request_of("pl_3a_first_self_pay_account")))
    result["visits"][0]["steps"][4]["text"] = "9999.99"
    assert Decimal("9999.99") not in allowed_numbers(result)
