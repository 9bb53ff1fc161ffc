"""The bill-check cases under tests/billcheck/cases/<policy>/: one per cause kind and policy, plus
“matches” and “unexplainable” ones, each named by a Chinese sentence.

Each file holds {"name", "why", "request", "slip", "expect"}; cause cases were built by
``tools/make_billcheck_cases.py`` by perturbing ``request`` (``expect.perturbation``) and printing the
slip of the perturbed settlement. Whatever the case, every cause listed must reproduce every slip
figure when its ``changed`` facts are applied and the request settled again.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from calculator import decode_bill_check, get_pack
from calculator.billcheck import CAUSE_KINDS, BillCheck, check
from calculator.text import normalise

from .perturb import settle_changed

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.rglob("*.json"))
#: cause kinds whose ``changed`` is one of a discrete set of variants (not solved for)
DISCRETE = ("category", "provider_level", "out_of_scope_items", "first_self_pay", "rounding")


def _load(path: Path) -> dict[str, Any]:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["name"] == path.stem
    assert path.parent.name == case["request"]["policy"]
    return case


def _run(case: dict[str, Any]) -> tuple[Any, dict[str, Any], BillCheck]:
    request, slip = decode_bill_check(json.dumps({"request": case["request"], "slip": case["slip"]}))
    return request, slip, check(request, slip)


def assert_causes_reproduce(request: Any, slip: dict[str, Any], result: BillCheck) -> None:
    for cause in result.causes:
        again = settle_changed(request, cause.changed).visits[-1]
        got = {name: getattr(again, name) for name in slip}
        assert got == slip, f"{cause.kind} {cause.changed} gives {got}, the slip says {slip}"
        assert cause.figures == slip
        assert cause.reproduces == list(slip)


def assert_citations_verbatim(result: BillCheck) -> None:
    for cause in result.causes:
        assert cause.citations, f"{cause.kind} cites no article"
        for c in cause.citations:
            pack = get_pack(c.policy)
            if c.supplied:
                continue
            text = next(a.text for a in pack.articles if a.id == c.article)
            assert c.quote and normalise(c.quote) in normalise(text), (c.article, c.quote)


def test_there_is_a_case_per_kind_and_policy() -> None:
    kinds: dict[str, set[str]] = {}
    verdicts: dict[str, set[str]] = {}
    for path in CASE_FILES:
        case = _load(path)
        policy = case["request"]["policy"]
        expect = case["expect"]
        verdicts.setdefault(policy, set()).add("unexplained" if expect["unexplained"] else expect["verdict"])
        if "kind" in expect:
            kinds.setdefault(policy, set()).add(expect["kind"])
    employee = set(CAUSE_KINDS) - {"first_self_pay"}
    for policy in ("nanchong-employee", "nanchang-employee", "xian-employee"):
        assert kinds[policy] == employee, policy
    assert kinds["pingliang-employee"] == set(CAUSE_KINDS)
    # 南昌居民: no deductible, no cap, no retirement; category is the resident's status (建档立卡,
    # family doctor) and provider_level the visit's standing (signed institution, county-TCM referral)
    assert kinds["nanchang-resident"] == {"category", "provider_level", "out_of_scope_items", "rounding"}
    for policy, seen in verdicts.items():
        assert {"matches", "differs", "unexplained"} <= seen, policy


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    case = _load(path)
    expect = case["expect"]
    request, slip, result = _run(case)
    assert result.verdict == expect["verdict"]
    assert result.unexplained is expect["unexplained"]
    if "kind" in expect:
        assert expect["kind"] in [c.kind for c in result.causes]
    if expect["verdict"] == "matches":
        assert result.differences == [] and result.causes == []
    else:
        assert result.differences
    assert_causes_reproduce(request, slip, result)
    assert_citations_verbatim(result)
    # a discrete perturbation (not a solved-for position or month) is found as itself
    if expect.get("kind") in DISCRETE:
        assert any(c.kind == expect["kind"] and expect["perturbation"].items() <= c.changed.items()
                   for c in result.causes), [(c.kind, c.changed) for c in result.causes]
    # the perturbation the case was built from reproduces its own slip
    if "perturbation" in expect:
        again = settle_changed(request, expect["perturbation"]).visits[-1]
        assert {n: getattr(again, n) for n in slip} == slip


UNEXPLAINABLE = [p for p in CASE_FILES if _load(p)["expect"]["unexplained"]]


@pytest.mark.parametrize("path", UNEXPLAINABLE, ids=lambda p: p.stem)
def test_no_unexplainable_case_gets_a_cause(path: Path) -> None:
    _, _, result = _run(_load(path))
    assert result.causes == []
    assert result.unexplained and result.verdict == "differs"


def test_the_cases_are_what_the_generator_builds() -> None:
    spec = importlib.util.spec_from_file_location("make_billcheck_cases", ROOT / "tools" / "make_billcheck_cases.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build()
    assert set(built) == set(CASE_FILES), "run tools/make_billcheck_cases.py"
    for path, case in built.items():
        assert json.loads(path.read_text(encoding="utf-8")) == case, path.name
