"""``mingbai check``: {"request", "slip"} on stdin; JSON (or --format text) on stdout; exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .test_api import REQUEST


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("mingbai")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
    return subprocess.run(cmd + args, check=False, input=stdin, capture_output=True, text=True, timeout=60)


def test_json_out():
    out = run(["check"], json.dumps({"request": REQUEST, "slip": {"hifp_pay": "539.00"}}))
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["verdict"] == "differs"
    assert [c["kind"] for c in body["causes"]] == ["deductible_position"]
    assert body["causes"][0]["changed"] == {"year_start.deductible_used": "200.00"}
    assert body["text"].startswith("医院报了¥539.00，按文件应报¥429.00，多报¥110.00。")


def test_text_out_verdict_first():
    out = run(["check", "--format", "text"], json.dumps({"request": REQUEST, "slip": {"fund_pays": "9999"}}))
    assert out.returncode == 0
    first, *rest = out.stdout.splitlines()
    assert first == "医院报了¥9,999.00，按文件应报¥429.00，多报¥9,570.00。"
    assert "按文件的规则算不出结算单上的这个数字" in out.stdout and "12393" in out.stdout
    en = run(["check", "--format", "text", "--locale", "en"],
             json.dumps({"request": REQUEST, "slip": {"fund_pays": "429"}}))
    assert en.stdout.startswith("The hospital's fund payment is CN¥429.00")


@pytest.mark.parametrize(("stdin", "path"), [
    ("", ""),
    ("not json", ""),
    (json.dumps({"request": REQUEST, "slip": {"psn_cash_pay": "-5"}}), "slip.psn_cash_pay"),
    (json.dumps({"request": REQUEST, "slip": {}}), "slip"),
    (json.dumps({"request": {**REQUEST, "visits": []}, "slip": {"hifp_pay": "1"}}), "request.visits"),
])
def test_bad_input_exits_2_with_the_error_shape(stdin, path):
    out = run(["check"], stdin)
    assert out.returncode == 2
    error = json.loads(out.stdout)["error"]
    assert {"code", "message", "path"} <= set(error)
    assert error["path"] == path
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
