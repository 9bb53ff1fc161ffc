"""Hand-checked cases: every JSON file under tests/cases/<policy-id>/ is one case.

Each file holds {"name", "why", "request", "expect"}. The figures in "expect" were computed by
hand from the policy documents and DOMAIN.md, never by running the engine — so a failure here
means the engine and the hand computation disagree, and "why" shows the hand computation.

"expect" is either
    {"visits": [{field: value, ...}, ...], "year_end": {field: value, ...}}   (any subset of fields)
or
    {"error": {"code": ..., "path": ..., "missing": ...}}                       (any subset of keys)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.rglob("*.json"))
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        case = json.load(fh)
    rel = path.relative_to(CASES_DIR)
    assert isinstance(case, dict), f"{rel}: a case file must hold a JSON object"
    assert "expect" in case, f"{rel}: the case file has no \"expect\" — nothing would be checked"
    expect = case["expect"]
    assert isinstance(expect, dict) and expect, f"{rel}: \"expect\" must be a non-empty object"
    if "error" in expect:
        assert set(expect) == {"error"}, f"{rel}: an error case expects only \"error\", got {sorted(expect)}"
        assert isinstance(expect["error"], dict) and expect["error"], f"{rel}: \"expect.error\" is empty"
    else:
        assert set(expect) <= {"visits", "year_end"}, f"{rel}: unknown keys in \"expect\": {sorted(expect)}"
        assert expect.get("visits") or expect.get("year_end"), f"{rel}: \"expect\" checks nothing"
    assert "request" in case, f"{rel}: the case file has no \"request\""
    assert case.get("name") == path.stem, f"{rel}: \"name\" must equal the file name"
    assert case.get("why"), f"{rel}: \"why\" (the hand computation) is missing"
    return case


def test_there_are_cases() -> None:
    assert CASE_FILES, f"no case files under {CASES_DIR}"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: Path) -> None:
    from calculator import run_json
    from calculator.errors import CalculatorError

    case = _load(path)
    expect = case["expect"]
    raw = json.dumps(case["request"], ensure_ascii=False)
    context = f"\n案例：{case['name']}\n手算：{case['why']}"

    if "error" in expect:
        with pytest.raises(CalculatorError) as info:
            run_json(raw)
        got = info.value.to_dict()
        for key, want in expect["error"].items():
            assert got.get(key) == want, f"error.{key}: expected {want!r}, got {got.get(key)!r} (error {got}){context}"
        message = got.get("message")
        assert isinstance(message, str) and _CHINESE.search(message), (
            f"the error message must be a non-empty Chinese sentence, got {message!r}{context}"
        )
        return

    try:
        result = run_json(raw)
    except CalculatorError as exc:
        pytest.fail(f"expected a result, the calculator raised {exc.to_dict()}{context}")

    if "visits" in expect:
        got_visits = result.get("visits")
        assert isinstance(got_visits, list), f"result has no visits list{context}"
        assert len(got_visits) == len(expect["visits"]), (
            f"expected {len(expect['visits'])} visits, got {len(got_visits)}{context}"
        )
        for i, (want_visit, got_visit) in enumerate(zip(expect["visits"], got_visits, strict=False)):
            for key, want in want_visit.items():
                assert key in got_visit, f"visits[{i}] has no field {key!r}{context}"
                assert got_visit[key] == want, (
                    f"visits[{i}].{key}: expected {want!r}, got {got_visit[key]!r}{context}"
                )
    if "year_end" in expect:
        got_year = result.get("year_end")
        assert isinstance(got_year, dict), f"result has no year_end object{context}"
        for key, want in expect["year_end"].items():
            assert key in got_year, f"year_end has no field {key!r}{context}"
            assert got_year[key] == want, f"year_end.{key}: expected {want!r}, got {got_year[key]!r}{context}"
