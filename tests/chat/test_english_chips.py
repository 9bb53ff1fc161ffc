"""Issue 13 / issue 9 §5: an English conversation gets English quick replies, and the dialogue
understands each of them when tapped (never the same question again, never “I can't answer”).
The widget's Chinese→English chip map covers every chip the dialogue sends."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import msgspec
import pytest

from assistant.chat.dialogue import _EN_CHIP, SessionState, new_state, turn

TODAY = dt.date(2026, 11, 25)
CJK = re.compile(r"[\u4e00-\u9fff]")
STARTS = [
    "Hello",
    "What can you do?",
    "Nanchong, employee, spent 800 at a level 2 hospital, first bill this year",
    "Pingliang retiree, level 3 hospital, 900 yuan",
    "Nanchang retiree, pharmacy, 450 yuan",
    "Nanchang resident scheme, township health centre, 300 yuan",
    "Xi'an employee, level 3 hospital, 1000 yuan, first visit this year",
    "I am in Beijing, level 3 hospital, 1000",
    "Pingliang employee, level 2, I paid 1000, and 300 something",
    "Nanchang, I don't know which level the hospital was, spent 1200, retiree, first bill this year",
    "Pingliang employee, level 3, 1000, first visit this year, the hospital paid 300, is that right?",
    "Nanchang resident, don't know if I have a family doctor, township health centre 300",
    "Compare Nanchong and Pingliang",
]


def _copy(state: SessionState) -> SessionState:
    return msgspec.json.decode(msgspec.json.encode(state), type=SessionState)


def _walk(state: SessionState, message: str, path: list[str], depth: int, seen: set, out: list) -> None:
    state, reply = turn(_copy(state), message, "en", today=TODAY)
    out.append((path + [message], reply))
    if depth == 0:
        return
    for quick in reply.quick_replies:
        key = (quick, reply.asking, reply.text[:60])
        if key not in seen:
            seen.add(key)
            _walk(state, quick, path + [message], depth - 1, seen, out)


@pytest.fixture(scope="module")
def english_turns() -> list:
    out: list = []
    seen: set = set()
    for start in STARTS:
        _walk(new_state(), start, [], 3, seen, out)
    return out


def test_every_quick_reply_of_an_english_conversation_is_english(english_turns) -> None:
    assert len(english_turns) > 60
    chinese = [(path, q) for path, reply in english_turns for q in reply.quick_replies if CJK.search(q)]
    assert chinese == []


def test_every_english_quick_reply_is_understood_when_tapped(english_turns) -> None:
    tapped = [(path, reply) for path, reply in english_turns if len(path) > 1]
    assert len(tapped) > 50
    not_understood = [(path, reply.text[:80]) for path, reply in tapped
                      if reply.intent == "out_of_scope" and reply.text.startswith("I can't answer")]
    repeated = [(path, reply.text[:80]) for path, reply in tapped if reply.text.startswith("One more thing")]
    assert not_understood == [] and repeated == []


def test_english_chips_reach_the_same_figure_as_the_chinese_ones() -> None:
    state, reply = turn(new_state(), "Pingliang retiree, level 3 hospital, 900 yuan", "en", today=TODAY)
    assert reply.quick_replies == ["Level 3 grade A", "Level 3 grade B", "Level 3 grade C"]
    state, reply = turn(state, "Level 3 grade A", "en", today=TODAY)
    state, reply = turn(state, "First visit this year", "en", today=TODAY)
    # 平凉 第七条: (900 − 200) × 60% for a retiree at level 3 grade A
    assert reply.result["visits"][-1]["fund_pays"] == "420.00"
    assert reply.quick_replies == ["Some items were self-pay", "Another visit", "Start over"]


def test_the_self_pay_chip_asks_the_part_and_a_bare_number_is_that_part() -> None:
    state, _ = turn(new_state(), "南充在职 二级 800 今年第一次", today=TODAY)
    state, reply = turn(state, "有自费项目", today=TODAY)
    assert reply.asking == "amount" and reply.result is None
    _, reply = turn(state, "200", today=TODAY)
    visit = reply.result["visits"][-1]
    # 南充 第六条/第七条: 800 − 200 self-pay = 600 in scope; (600 − 200) × 60% at level 2
    assert visit["total"] == "800.00" and visit["fund_pays"] == "240.00"


def test_the_slip_chip_asks_for_the_figures_and_carries_none() -> None:
    state, reply = turn(new_state(), "西安在职 三级医院 1000 今年第一次", today=TODAY)
    chip = reply.quick_replies[0]
    assert not re.search(r"\d", chip)
    _, reply = turn(state, chip, today=TODAY)
    assert reply.result is None and "比例" in reply.text and "起付线" in reply.text


def test_the_widget_labels_every_chip_the_dialogue_sends() -> None:
    js = (Path(__file__).parents[2] / "assistant" / "static" / "chat.js").read_text(encoding="utf-8")
    block = js[js.index("var QR_EN = {"):js.index("};", js.index("var QR_EN = {"))]
    labelled = set(re.findall(r'"([^"]+)":', block))
    assert set(_EN_CHIP) - labelled == set()
