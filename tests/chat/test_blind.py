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
#: the blind set written after the parser was fitted to the first one (K3): it measures how well
#: the understanding holds on new wording
BLIND3 = Path(__file__).parent / "blind3"

_spec = importlib.util.spec_from_file_location("bench_chat_corpus", ROOT / "benchmarks" / "bench_chat_corpus.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_chat_corpus"] = bench  # its dataclasses look their module up
_spec.loader.exec_module(bench)

#: the floor reached on this corpus; raise it as the chat improves. Lowered once, from 0.975, on
#: purpose: four K1 entries now get a question where K1 expected a figure, because later blind sets
#: (K5, K10, K11) showed the figure unsafe — 西湖区 alone (K1-0024, K1-0326: 杭州 has one too, so
#: the city is asked) and a level hesitated between (K1-0056, K1-0206: asked, not shown side by side).
#: Lowered again, to 0.971, for three more: 1200 统筹报了800 with no word of the year (K1-0308,
#: K1-0492, K1-0562) is read by K1 as the year's fund and by K13 (医保报了495 after the bill) and
#: K10 (报了240) as this bill's — two blind readings of one sentence, so the chat asks which; and to
#: 0.970 for K1-0106 and K1-0504, now shown both ways as the issue asks (see K12_DISAGREES)
HANDLED_FLOOR = 0.970

SCORE = bench.score([BLIND])


def test_corpus_is_there() -> None:
    assert SCORE.turns >= 1000


def test_no_question_asked_twice() -> None:
    assert SCORE.repeats == 0


#: K1/K2 entries that ask the year's position again when the person says they do not know it; issue
#: 9 ("不清楚/不知道/不晓得 about a fact the figure depends on gives the figures for each possibility
#: side by side, never the same question twice") and the later blind sets (K3-0054, K3-0057,
#: K3-0121, K3-0258, K3-0335; K4-0028, K4-0203, K4-0204, K4-0213 …) show both cases instead. The two
#: figures are each right for their case; the chat keeps the issue's handling.
#: Also K1-0504 (今年是第几次记不得了 → ask) and K1-0106 (退休 又是在职的 搞不清 → ask): the issue and
#: K13-0304, K13-0105, K3-0055 show both cases (or both categories) side by side.
#: Also K1-0265 and K1-C008 (今年第一次 … 统筹报了200, told after the bill, no word of the year → a
#: conflict) vs 36 later blind entries (K10-0212, K12-0118, K13-0242, K13-0243, K43-0219, K53-0244 …: the
#: fund figure told after this bill's amount beside the year's first bill is this bill's → a bill check,
#: whose causes name the other reading); 统筹已报 / 统筹今年报了 stay a conflict, as the issue's example.
#: Also K1-0511 (单位办了退休 手续不知道完了没 → ask): 23 later blind entries (K104-0200, K106-0159,
#: K119-0118, K154-0188, K169-0123 …) show the figure as a working employee and as a retiree side by side.
K12_DISAGREES = {"K1-0505", "K1-0506", "K1-0526", "K2-0414", "K1-0504", "K1-0106", "K1-0265", "K1-C008",
                 "K1-0511"}


def test_no_wrong_figure() -> None:
    wrong = [f for f in SCORE.failures if f.why.startswith("WRONG") and f.id not in K12_DISAGREES]
    assert not wrong, wrong


def test_handled_right_floor() -> None:
    assert SCORE.handled_share >= HANDLED_FLOOR


#: floor reached on the K3 set; raise it as the chat improves, never lower it
HANDLED_FLOOR_K3 = 0.89

#: K3 entries whose expected handling contradicts K1/K2 entries of the same meaning; the chat keeps
#: the K1/K2 handling (no figure is told that the K3 writer would call wrong in value):
#: - K3-0110 (药店 + 处方哪开的忘了 → ask) vs K2-0377, K1-0205 (same → alternatives side by side);
#: - K3-0252 (我在平凉上班 交的医保 → ask the scheme) vs K1-0038, K1-0071 (上班 → employee);
#: - K3-0296 (结算单写的三级报销55% with no level said → ask the level) vs K1-0223, K1-0496, K2-0253
#:   and test_trust's 西安 slip test (the level of the slip's ratio is the visit's level);
#: - K3-0011 (应该是今年第一次吧，他自己也记不太清 → settle as the first) vs the issue's “不清楚/不知道/
#:   记不清 about a fact the figure depends on gives the figures for each possibility” and K3-0054,
#:   K4-0203 (the position not remembered → both cases side by side).
K3_DISAGREES = {"K3-0110", "K3-0252", "K3-0296", "K3-0011"}

SCORE3 = bench.score([BLIND3])


def test_k3_corpus_is_there() -> None:
    assert SCORE3.turns >= 400


def test_k3_no_question_asked_twice() -> None:
    assert SCORE3.repeats == 0


def test_k3_no_wrong_figure() -> None:
    wrong = [f for f in SCORE3.failures if f.why.startswith("WRONG") and f.id not in K3_DISAGREES]
    assert not wrong, wrong


def test_k3_handled_right_floor() -> None:
    assert SCORE3.handled_share >= HANDLED_FLOOR_K3


# -- K4 to K7: written blind after K3 (K4 elderly and voice input, K5 hotline notes and slips, K6
# everyday WeChat, forms and conversations, K7 every kind of user evenly); the
# parser was then fixed on them, so they are development sets now. The measure is a set the parser
# has never seen (see docs/chat-corpora.md for each set's first, blind score).

#: entries whose expected handling contradicts other entries of the same meaning, or the entry itself:
#: - K4-C008 t1 (今年第一次 不对 统筹已经报过300了 → a conflict): the chat reads 不对 as the person
#:   correcting themself, as tests/chat/corpus.toml does; the figure is the one the next turn confirms;
#: - K4-0081 (retired this year, no visit date → ask the date) vs K4-0309, K4-0310 by the same writer
#:   (the visit is today, as FORMAT.md says of a visit with no date);
#: - K5-0019: its request has the deductible unused while the message says 起付线今年早就扣过了;
#: - K5-0376 (二甲还是三乙来着 → ask) vs K1-0056, K2-0379 (一级的吧？也可能是二级 → both side by side).
#: - K6-0370 (在签约卫生院看的 但不是我签约的那家 → ask) vs K4-0152, K5-0363 (seen away from the
#:   signed institution → the fund pays nothing, 第十三条).
#: - K5-0398 (南昌居民 在县人民医院看门诊 → ask) vs K2-0063, K30-0121, K32-0179 (a county people's
#:   hospital is never a resident's signed institution, 第十七条 → the fund pays nothing, said so).
#: - K4-0347 (今年第一次 1000 统筹报了200 → a conflict): as K1-0265 above, the later sets read a bill check.
LATER_DISAGREES = {"K4-C008", "K4-0081", "K5-0019", "K5-0376", "K6-0370", "K5-0398", "K4-0347"}
LATER = [Path(__file__).parent / name for name in ("blind4", "blind5", "blind6", "blind7")]
SCORE_LATER = bench.score(LATER)
#: floor reached on K4 to K7 together; raise it as the chat improves, never lower it
HANDLED_FLOOR_LATER = 0.94


def test_later_corpora_are_there() -> None:
    assert SCORE_LATER.turns >= 2000


def test_later_no_question_asked_twice() -> None:
    assert SCORE_LATER.repeats == 0


def test_later_no_wrong_figure() -> None:
    wrong = [f for f in SCORE_LATER.failures if f.why.startswith("WRONG") and f.id not in LATER_DISAGREES]
    assert not wrong, wrong


def test_later_handled_right_floor() -> None:
    assert SCORE_LATER.handled_share >= HANDLED_FLOOR_LATER
