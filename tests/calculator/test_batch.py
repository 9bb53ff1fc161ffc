"""The figures-only path and ``mingbai batch``: the same figures as the traced calculation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from hypothesis import given

from calculator import calculate, get_pack, settle
from calculator.batch import settle_line, settle_lines
from calculator.errors import CalculatorError

from .test_properties import common, requests

EXAMPLE = {
    "policy": "pingliang-employee", "insured": {"category": "employee"}, "account_balance": "300.00",
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                "items": [{"category": "in_scope", "amount": "800.00"},
                          {"category": "class_b_drug", "amount": "200.00"},
                          {"category": "self_pay", "amount": "50.00"}]}],
}


def _without_steps(result) -> dict:
    data = msgspec.to_builtins(result)
    for v in data["visits"]:
        v.pop("steps")
    return data


def _outcome(fn):
    try:
        return fn()
    except CalculatorError as exc:
        return exc.to_dict()


@common
@given(requests())
def test_the_figures_only_path_gives_the_full_paths_figures(req):
    pack = get_pack(req.policy)
    full = _outcome(lambda: settle(req, pack))
    figures = _outcome(lambda: settle(req, pack, trace=False))
    if isinstance(full, dict):  # an error: the same error either way
        assert figures == full
        return
    assert all(v.steps == [] for v in figures.visits)
    assert _without_steps(figures) == _without_steps(full)
    assert msgspec.to_builtins(full) == msgspec.to_builtins(calculate(req))


@common
@given(requests(visits=6))
def test_the_trace_is_built_for_the_visits_asked_for(req):
    pack = get_pack(req.policy)
    full = _outcome(lambda: settle(req, pack))
    some = _outcome(lambda: settle(req, pack, trace={1, 4}))
    if isinstance(full, dict):
        assert some == full
        return
    for i, (a, b) in enumerate(zip(full.visits, some.visits, strict=True)):
        assert msgspec.to_builtins(b) == (msgspec.to_builtins(a) if i in (1, 4) else {
            **msgspec.to_builtins(a), "steps": []})


def test_the_contract_example_settles_to_its_figures():
    line = settle_line(json.dumps(EXAMPLE).encode(), 1)
    got = json.loads(line)
    visit = got["visits"][0]
    # CONTRACT example, by hand: 1050 − 50 self-pay = 1000 in scope; 平凉 第六条 200×10% = 20.00 first;
    # 第七条 deductible 200; 三级甲等 55%: (1000 − 20 − 200)×0.55 = 429.00; personal 621.00, account 300.00
    assert (visit["first_self_pay"], visit["deductible_applied"], visit["fund_pays"]) == ("20.00", "200.00", "429.00")
    assert (visit["account_pays"], visit["cash_pays"], visit["steps"]) == ("300.00", "321.00", [])


def test_a_bad_line_is_an_error_line_and_the_batch_goes_on():
    good = json.dumps(EXAMPLE).encode()
    bad = json.dumps({**EXAMPLE, "insured": {"category": "student"}}).encode()
    lines = [good, bad, b"", b"{not json", good]
    out = [json.loads(o) for o in settle_lines(lines)]
    assert len(out) == 5
    assert out[0]["visits"][0]["fund_pays"] == out[4]["visits"][0]["fund_pays"] == "429.00"
    assert out[1]["line"] == 2 and out[1]["error"]["path"] == "insured.category"
    assert out[2]["line"] == 3 and out[2]["error"]["code"] == "empty_input"
    assert out[3]["line"] == 4 and out[3]["error"]["code"] == "invalid_json"
    for o in out[1:4]:
        assert set(o["error"]) >= {"code", "message", "path"}


def test_two_workers_give_the_same_lines_in_the_same_order():
    lines = []
    for k in range(60):
        req = json.loads(json.dumps(EXAMPLE))
        req["visits"][0]["items"][0]["amount"] = f"{100 + 7 * k}.{k % 100:02d}"
        lines.append(json.dumps(req).encode())
    lines[17] = b"[]"
    one = list(settle_lines(lines, workers=1))
    two = list(settle_lines(lines, workers=2, chunk=7))
    assert one == two
    assert json.loads(two[17])["line"] == 18


def test_mingbai_batch_streams_lines_with_a_progress_bar(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(EXAMPLE) + "\n" + '{"policy": 1}\n' + json.dumps(EXAMPLE) + "\n", encoding="utf-8")
    script = Path(sys.executable).with_name("mingbai")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
    out = subprocess.run([*cmd, "batch", str(src), "--workers", "2", "--progress"], capture_output=True,
                         check=False, timeout=60)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert [("error" in r) for r in rows] == [False, True, False]
    assert "3 行（1 行出错）" in out.stderr.decode()


@pytest.mark.parametrize("trace", [False, True])
def test_batch_trace_flag(trace):
    got = json.loads(settle_line(json.dumps(EXAMPLE).encode(), 1, trace=trace))
    assert bool(got["visits"][0]["steps"]) is trace
