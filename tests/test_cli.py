"""``mingbai calc`` as a user runs it: JSON on stdin, JSON on stdout, exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee", "retired_on": None, "resident": None},
    "year_start": {"deductible_used": "0", "fund_paid": "0"},
    "account_balance": "300.00",
    "parameters": None,
    "visits": [{
        "date": "2026-05-10",
        "provider": {"kind": "hospital", "level": 3, "grade": "A", "designated": True},
        "items": [{"category": "in_scope", "amount": "800.00"},
                  {"category": "class_b_drug", "amount": "200.00"},
                  {"category": "self_pay", "amount": "50.00"}],
    }],
}


def mingbai() -> list[str]:
    script = Path(sys.executable).with_name("mingbai")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(mingbai() + args, check=False, input=stdin, capture_output=True, text=True, timeout=60)


def test_calc_answers_the_contract_example():
    out = run(["calc"], json.dumps(EXAMPLE))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    visit = result["visits"][0]
    assert (visit["fund_pays"], visit["personal_pays"], visit["account_pays"], visit["cash_pays"]) == (
        "429.00", "621.00", "300.00", "321.00")
    assert result["year_end"]["cap_remaining"] == "2071.00"
    kinds = [s["kind"] for s in visit["steps"]]
    assert kinds == ["eligibility", "scope", "first_self_pay", "deductible", "ratio", "cap", "account"]
    assert all(s["citations"] for s in visit["steps"] if s["amount"] != "0.00")


@pytest.mark.parametrize(
    ("body", "code", "path"),
    [
        ("{", "invalid_json", ""),
        ("", "empty_input", ""),
        (json.dumps({**EXAMPLE, "visits": [{**EXAMPLE["visits"][0], "items": [
            {"category": "in_scope", "amount": "-5"}]}]}), "negative_amount", "visits[0].items[0].amount"),
        (json.dumps({**EXAMPLE, "policy": "beijing"}), "unknown_policy", "policy"),
        (json.dumps({**EXAMPLE, "visits": [{**EXAMPLE["visits"][0], "date": "2026-02-30"}]}),
         "invalid_date", "visits[0].date"),
    ],
    ids=["bad-json", "empty", "negative", "unknown-policy", "bad-date"],
)
def test_calc_exits_2_with_a_chinese_error_naming_the_field(body, code, path):
    out = run(["calc"], body)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    error = json.loads(out.stdout)["error"]
    assert error["code"] == code
    assert error["path"] == path
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
