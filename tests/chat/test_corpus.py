"""Runs tests/chat/corpus.toml: each message must yield its intent and EXACTLY its facts.

Every Facts field a case does not list must be None (the corpus documents this at its top).
Amounts are compared as two-place strings, never through float.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import msgspec
import pytest

from assistant.chat import CITIES, DISTRICTS, INTENTS, POLICIES, Facts, understand

#: the corpus's today (去年 in a message is counted back from it)
TODAY = dt.date(2026, 11, 25)
CORPUS = tomllib.loads((Path(__file__).parent / "corpus.toml").read_text(encoding="utf-8"))["case"]


def _facts(facts: Facts) -> dict[str, object]:
    # (new_place is the understanding's note that a level said earlier is not this place's — how the
    # dialogue merges, not a fact the person said; it is pinned in test_robust)
    return {k: v for k, v in msgspec.to_builtins(facts.said()).items() if k != "new_place"}


def test_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 160
    assert len({case["message"] for case in CORPUS}) == len(CORPUS), "duplicate messages"
    assert {case["intent"] for case in CORPUS} == set(INTENTS)


def test_corpus_lists_only_known_fields() -> None:
    for case in CORPUS:
        assert set(case["facts"]) <= set(Facts.__struct_fields__), case["message"]


@pytest.mark.parametrize("case", CORPUS, ids=[f"case{i:03d}" for i in range(len(CORPUS))])
def test_message(case: dict) -> None:
    got = understand(case["message"], today=TODAY)
    assert got.intent == case["intent"], (case["message"], got.intent)
    assert _facts(got.facts) == case["facts"], case["message"]
    assert got.correction is case.get("correction", False), case["message"]
    if "topic" in case:
        assert got.topic == case["topic"], case["message"]
    if "alternatives" in case:
        assert {k: list(v) for k, v in got.alternatives.items()} == case["alternatives"], case["message"]


def test_corpus_covers_every_city_and_district() -> None:
    said = [case["facts"] for case in CORPUS]
    assert {f["district"] for f in said if "district" in f} == set(DISTRICTS)
    assert {f["city"] for f in said if "city" in f} == set(CITIES)
    assert {f["policy"] for f in said if "policy" in f} == set(POLICIES)
