"""The blind corpus (tests/chat/blind/, written by sessions that never saw the parser).

Scored by benchmarks/bench_chat_corpus.py: no figure may differ from the expected one (a wrong
figure told with confidence is the worst thing the product can do), no question may be asked twice
in a conversation, and the share handled right may not fall below the floor reached.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLIND = Path(__file__).parent / "blind"

_spec = importlib.util.spec_from_file_location("bench_chat_corpus", ROOT / "benchmarks" / "bench_chat_corpus.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_chat_corpus"] = bench  # its dataclasses look their module up
_spec.loader.exec_module(bench)

#: the floor reached on this corpus; raise it as the chat improves, never lower it
HANDLED_FLOOR = 0.975

SCORE = bench.score([BLIND])


def test_corpus_is_there() -> None:
    assert SCORE.turns >= 1000


def test_no_question_asked_twice() -> None:
    assert SCORE.repeats == 0


def test_no_wrong_figure() -> None:
    assert SCORE.wrong_figures == 0, SCORE.wrong_figures


def test_handled_right_floor() -> None:
    assert SCORE.handled_share >= HANDLED_FLOOR
