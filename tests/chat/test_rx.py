"""The character gate of :mod:`assistant.chat.rx` answers exactly as the plain pattern would.

A gate may only say "no match" when the plain search finds none: the needed-character sets must be
sound for every pattern the parser can meet. Three checks: hand-written patterns with known sets,
random patterns against random texts (hypothesis), and every gated pattern of the chat against the
corpora's messages.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chat import rx

CHAT_MODULES = ("amounts", "dates", "dialogue", "gazetteer", "intents", "normalise", "understand")


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("为什么|为啥|怎么", 0, [{"为", "怎"}]),
        (r"第(\d+)次", 0, [{"第"}, {"次"}]),
        ("(?:扣|花)?了", 0, [{"了"}]),  # the optional group proves nothing
        ("住院+", 0, [{"住"}, {"院"}]),
        ("(?=住院)", 0, []),  # a lookahead consumes nothing
        ("(?<!不)对", 0, [{"对"}]),
        (r"\d+元", 0, [{"元"}]),
        (r"\d+", 0, []),  # digits only: no set
        ("[^，]+", 0, []),  # a negated class: no set
        ("why|how", re.IGNORECASE, []),  # case folding has more equivalents than lower/upper
        ("(?i:why)医保", 0, [{"医"}, {"保"}]),  # the cased part proves nothing
        ("报销比例|ratio", 0, [{"销", "r"}]),  # the rarest character of each branch
        ("报销比例|ratio", re.IGNORECASE, []),
    ],
)
def test_needed_sets_are_read_from_the_pattern(pattern: str, flags: int, expected: list[set[str]]) -> None:
    got = [set(s) for s in rx.needs(re.compile(pattern, flags))]
    assert sorted(map(sorted, got)) == sorted(map(sorted, expected))


def test_a_gated_pattern_is_typed_and_behaves_as_a_pattern() -> None:
    p = rx.compile(r"(?P<n>\d+)元")
    assert p.pattern == r"(?P<n>\d+)元" and p.groupindex == {"n": 1} and p.groups == 1
    assert p.search("花了300元") is not None and p.search("花了300") is None
    assert p.sub("¥", "300元和20元") == "¥和¥" and p.sub("¥", "三百") == "三百"
    assert p.subn("¥", "三百") == ("三百", 0) and p.split("三百") == ["三百"]
    assert p.findall("1元2元") == ["1", "2"] and p.findall("无") == []
    assert list(p.finditer("无")) == [] and p.match("无") is None and p.fullmatch("无") is None
    assert rx.plain(p).search("5元") is not None and isinstance(rx.plain(p), re.Pattern)


# -- random patterns against random texts -----------------------------------------------------------

_ALPHABET = "ab为什K\u212a"  # K and the Kelvin sign fold together under IGNORECASE


def _patterns() -> st.SearchStrategy[str]:
    atom = st.sampled_from(["a", "b", "为", "什", "K", ".", "[ab]", "[为K]", "[^a]", r"\w", "(?=a)", "(?<!b)", "^", "$"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "+?", "{1,3}"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
            inner.map(lambda s: f"({s})"),
            inner.map(lambda s: f"(?i:{s})"),
        )

    return st.recursive(atom, extend, max_leaves=8)


@settings(max_examples=800, deadline=None)
@given(_patterns(), st.lists(st.text(alphabet=_ALPHABET, max_size=12), min_size=1, max_size=6),
       st.sampled_from([0, re.IGNORECASE]))
def test_a_gate_never_hides_a_match(pattern: str, texts: list[str], flags: int) -> None:
    plain = re.compile(pattern, flags)
    gated = rx.compile(pattern, flags)
    for text in texts:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
        found, expected = gated.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert gated.sub("-", text) == plain.sub("-", text)
        assert gated.split(text) == plain.split(text)
        assert (gated.fullmatch(text) is None) == (plain.fullmatch(text) is None)


# -- every gated pattern of the chat against real messages --------------------------------------------

def _gated_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name in CHAT_MODULES:
        module = importlib.import_module(f"assistant.chat.{name}")
        for attr, value in vars(module).items():
            if rx.plain(value) is not value:
                out.append((f"{name}.{attr}", value))
    return out


def _messages() -> list[str]:
    root = Path(__file__).parent / "corpora"
    out = []
    for path in sorted(root.glob("*/messages-*.jsonl"))[-4:]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["message"])
    return out


def test_most_chat_patterns_are_gated() -> None:
    assert len(_gated_patterns()) > 300


def test_the_chat_patterns_gate_only_messages_they_cannot_match() -> None:
    messages = _messages()
    assert len(messages) > 700
    texts = messages + [m[i:] for m in messages[:150] for i in range(1, len(m), 7)]
    for name, gated in _gated_patterns():
        plain = rx.plain(gated)
        for text in texts:
            if gated.search(text) is None:
                assert plain.search(text) is None, (name, text)
