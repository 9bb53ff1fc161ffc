"""``mingbai account-credits``, ``account-usage`` and ``budget`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def mingbai() -> list[str]:
    script = Path(sys.executable).with_name("mingbai")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(mingbai() + args, check=False, input=stdin, capture_output=True, text=True, timeout=60)


def test_account_credits():
    out = run(["account-credits"], json.dumps({
        "policy": "nanchang-employee", "year": 2024, "category": "employee", "contribution_base": "5000",
        "retired_on": "2024-06-15", "pension_average": {"value": "3300.00", "source": "示例"}}))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert [m["amount"] for m in result["months"]] == ["100.00"] * 6 + ["82.50"] * 6
    assert result["totals"]["total"] == "1095.00"


def test_account_usage():
    out = run(["account-usage"], json.dumps({"policy": "nanchang-employee", "beneficiary": "self",
                                             "purpose": "checkup"}, ensure_ascii=False))
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)["answer"]
    assert answer["answer"] == "not_allowed" and answer["citations"][0]["article"] == "第十二条"


def test_budget():
    out = run(["budget"], json.dumps({"year": 2024, "groups": {"5": 100}, "annual_actual": "18080.00"}))
    assert out.returncode == 0, out.stderr
    year_end = json.loads(out.stdout)["year_end"]
    assert (year_end["band"], year_end["settled"]) == ("middle", "20340.00")


@pytest.mark.parametrize(("command", "body", "code", "path"), [
    ("account-credits", {"policy": "pingliang-employee", "year": 2024, "category": "employee",
                         "contribution_base": "-1"}, "negative_amount", "contribution_base"),
    ("account-credits", {"policy": "nanchang-resident", "year": 2024, "category": "employee"},
     "no_personal_account", "policy"),
    ("account-credits", {"policy": "nanchong-employee", "year": 2024, "category": "retiree"},
     "missing_parameter", "pension_average"),
    ("account-usage", {"policy": "xian-employee", "beneficiary": "cousin"}, "invalid_value", "beneficiary"),
    ("budget", {"year": 2024, "roster": [{"birth_year": 2026}]}, "birth_year_in_future", "roster[0].birth_year"),
    ("budget", {"year": 2024, "roster": [{"birth_year": 1980, "signed_month": 13}]},
     "invalid_month", "roster[0].signed_month"),
])
def test_bad_input_exits_2_with_a_chinese_error(command, body, code, path):
    out = run([command], json.dumps(body))
    assert out.returncode == 2
    error = json.loads(out.stdout)["error"]
    assert (error["code"], error["path"]) == (code, path)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])


def test_empty_and_broken_input():
    assert json.loads(run(["budget"], "").stdout)["error"]["code"] == "empty_input"
    assert json.loads(run(["account-usage"], "{").stdout)["error"]["code"] == "invalid_json"
