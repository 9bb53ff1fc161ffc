"""Issue 13, checked with the real dialogue (no fixture replies): on a 390 px phone, an answer with
its read-back (understood), a bill check and alternatives each keep the headline and the person's
share on the first screen. Screenshots in test-artifacts/phone-real-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from .test_accessibility import _context, app, ask, pw, shot  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

CASES = [
    ("understood", "我是南昌退休职工，三级医院花了一千二，今年第一次", ".answer-head", ".fig-personal"),
    ("bill-check", "南昌退休，三级医院花了1200，今年第一次，医院给我报了300，对吗？", ".answer-head", ".fig-personal"),
    ("alternatives", "南昌退休职工，花了1200，今年第一次，不清楚是几级医院", ".answer-text", ".alts .fig-personal"),
]


def _in_view(page: Any, answer: Any, selector: str) -> dict[str, float]:
    box = answer.locator(selector).first.bounding_box()
    assert box is not None, selector
    view = page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], (selector, box, view)
    return box


@pytest.mark.parametrize(("name", "message", "head", "share"), CASES, ids=[c[0] for c in CASES])
def test_real_answers_keep_the_headline_and_share_on_the_first_screen(pw, app, name, message, head, share):  # noqa: F811
    ctx = _context(pw)
    page = ctx.new_page()
    page.goto(app + "/")
    answer = ask(page, message, 1)
    page.wait_for_timeout(200)
    shot(page, f"phone-real-{name}")
    print(name, answer.locator(".card").evaluate("c => Array.from(c.children).map(e => e.className)"))
    _in_view(page, answer, head)
    _in_view(page, answer, share)
    mine = page.locator("#log > .msg-me").last.bounding_box()
    assert mine and mine["y"] >= 0, mine
    ctx.close()
