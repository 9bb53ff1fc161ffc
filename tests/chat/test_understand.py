"""The public API of assistant.chat: shapes, derived facts, speed."""

from __future__ import annotations

from decimal import Decimal

import msgspec
import pytest

import assistant.chat as chat
from assistant.chat import INTENTS, POLICIES, Facts, Understanding, policy_for, understand

pytestmark = pytest.mark.filterwarnings("error::UserWarning")


def test_all_is_sorted_and_complete() -> None:
    assert chat.__all__ == sorted(chat.__all__)
    for name in chat.__all__:
        assert hasattr(chat, name), name
    for name in ("understand", "Understanding", "Facts", "Span", "INTENTS", "extract_amounts", "normalise"):
        assert name in chat.__all__


def test_understanding_is_a_frozen_struct_that_encodes() -> None:
    u = understand("南昌退休，三级医院花了1200.5元")
    assert isinstance(u, Understanding)
    with pytest.raises(AttributeError):
        u.intent = "reset"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        u.facts.amount = Decimal(1)  # type: ignore[misc]
    data = msgspec.json.decode(msgspec.json.encode(u))
    assert data["facts"]["amount"] == "1200.50"
    assert data["facts"]["policy"] == "nanchang-employee"
    assert "inpatient" not in data["facts"]  # unsaid facts are left out
    assert msgspec.json.decode(msgspec.json.encode(u), type=Understanding) == u


def test_facts_default_to_none() -> None:
    facts = Facts()
    assert all(getattr(facts, f) is None for f in Facts.__struct_fields__)
    assert facts.said() == {}


def test_spans_show_what_matched() -> None:
    u = understand("不是三级，是二级医院，花了一千多")
    by_note = {(s.slot, s.note) for s in u.spans}
    assert ("provider_level", "negated") in by_note
    assert ("provider_level", None) in by_note
    assert ("amount", "approximate") in by_note
    for span in u.spans:
        assert u.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("city", "scheme", "category", "policy"),
    [
        ("南昌", "resident", None, "nanchang-resident"),
        ("南昌", "employee", None, "nanchang-employee"),
        ("南昌", None, "retiree", "nanchang-employee"),
        ("南昌", None, "resident", "nanchang-resident"),
        ("南昌", None, None, None),
        ("南充", None, None, "nanchong-employee"),
        ("西安", "employee", None, "xian-employee"),
        ("平凉", None, "flexible", "pingliang-employee"),
        ("平凉", "resident", None, None),
        (None, "employee", None, None),
    ],
)
def test_policy_for(city: str | None, scheme: str | None, category: str | None, policy: str | None) -> None:
    assert policy_for(city, scheme, category) == policy
    assert policy is None or policy in POLICIES


def test_intents_are_listed() -> None:
    assert tuple(sorted(INTENTS)) == INTENTS
    assert understand("今天天气怎么样").intent in INTENTS


def test_correction_flag() -> None:
    assert understand("不对，是二级医院").correction
    assert understand("应该是1500").correction
    assert not understand("南昌起付线是600对不对").correction
    assert not understand("不是三级，是二级").correction


def test_compare_keeps_alternatives_out_of_facts() -> None:
    u = understand("南充和南昌哪个报得多")
    assert u.intent == "compare"
    assert u.alternatives == {"city": ("南充", "南昌")}
    assert u.facts.city is None and u.facts.policy is None




def test_er_ji_typed_as_er_by_pinyin_is_level_two() -> None:
    # 南昌再职 儿级医院 (pinyin input: 儿级 for 二级, 再职 for 在职): the level and the category said
    facts = understand("南昌再职 儿级医院 今年第一次 1000").facts
    assert facts.provider_level == 2 and facts.category == "employee"
