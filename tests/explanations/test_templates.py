"""Completeness and set-up of the templates: one per step kind, the environments as required."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from jinja2 import StrictUndefined

import calculator
from calculator.packs import Condition
from calculator.request import ItemCategory
from calculator.result import Step
from explanations import labels
from explanations.render import FORMATS, TEMPLATES, environment


def test_every_step_kind_has_a_template() -> None:
    missing = [k for k in calculator.STEP_KINDS if not (TEMPLATES / "steps" / f"{k}.j2").is_file()]
    assert not missing, f"step kinds without a template in explanations/templates/steps/: {missing}"


def test_no_template_for_a_kind_that_does_not_exist() -> None:
    kinds = {p.stem for p in (TEMPLATES / "steps").glob("*.j2")}
    assert kinds == set(calculator.STEP_KINDS)


def test_step_kinds_match_the_trace_union() -> None:
    tags = {cls.__struct_config__.tag for cls in typing.get_args(Step)}
    assert tags == set(calculator.STEP_KINDS)


def test_every_step_kind_has_a_title() -> None:
    assert set(labels.STEP_TITLES) >= set(calculator.STEP_KINDS)


@pytest.mark.parametrize("name", ["year", "visit", "assumptions", "error"])
def test_every_format_has_its_page_templates(name: str) -> None:
    for ext in FORMATS.values():
        assert (TEMPLATES / f"{name}.{ext}.j2").is_file(), f"{name}.{ext}.j2"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_environment_settings(fmt: str) -> None:
    env = environment(fmt)
    assert env.undefined is StrictUndefined
    assert env.auto_reload is False
    assert env.trim_blocks and env.lstrip_blocks
    assert bool(env.autoescape) is (fmt == "html")
    assert "gettext" in env.globals and "_" in env.globals
    assert environment(fmt) is env  # built once


def test_templates_are_files_not_strings() -> None:
    source = (Path(__file__).parents[2] / "explanations").rglob("*.py")
    assert not [p for p in source if "from_string" in p.read_text(encoding="utf-8")]


def test_every_eligibility_reason_is_worded() -> None:
    text = (TEMPLATES / "steps" / "eligibility.j2").read_text(encoding="utf-8")
    for reason in (*typing.get_args(Condition), "pharmacy"):
        assert f'"{reason}"' in text, reason


def test_every_code_has_a_label() -> None:
    from calculator.vocabulary import CATEGORIES as CATEGORY_LABELS
    from calculator.vocabulary import TIERS as TIER_LABELS

    assert set(labels.CATEGORIES) == set(CATEGORY_LABELS)
    assert set(labels.TIERS) == set(TIER_LABELS)
    assert {labels.TIERS[k] for k in TIER_LABELS} == set(TIER_LABELS.values())
    assert set(labels.ITEM_CATEGORIES) == set(typing.get_args(ItemCategory))
    assert set(labels.FACTS) >= {"provider_level", "provider_grade", "prescribed_at_level",
                                 "prescribed_at_grade"}


def test_provider_labels_of_ineligible_visits_are_known() -> None:
    import datetime as dt

    from calculator.engine import _provider_label  # the labels the engine can give
    from calculator.request import Provider, Visit

    providers = [Provider(kind="pharmacy"), Provider(kind="pharmacy", designated=False),
                 Provider(referral="county_tcm"), Provider()]
    providers += [Provider(level=level, grade=grade) for level in (1, 2, 3)
                  for grade in ((None,) if level == 1 else (None, "A", "B", "C"))]
    for p in providers:
        label = _provider_label(Visit(date=dt.date(2025, 1, 1), provider=p, amount=None))
        assert label in labels.PROVIDER_LABELS, label
