"""Issue 13: readings in plain language. Each plain sentence adds no figure its precise reading does
not state, and the explanation shows it first with the precise reading kept under it (hotline staff
read the precise one)."""

from __future__ import annotations

import re

from calculator import calculate, convert_request, load_packs
from explanations import explain_formats


def test_plain_sentences_state_no_figure_of_their_own() -> None:
    plain = [(pid, r) for pid, pack in load_packs().items() for r in pack.readings if r.plain]
    assert len(plain) >= 20
    for pid, r in plain:
        extra = [n for n in re.findall(r"\d+(?:\.\d+)?%?", r.plain) if n not in r.text]
        assert extra == [], (pid, r.id)


def test_the_explanation_shows_the_plain_sentence_with_the_precise_one_under_it() -> None:
    req = convert_request({"policy": "nanchang-resident", "insured": {"category": "resident", "resident": {
        "family_doctor": False, "poverty_registered": False}}, "visits": [{"date": "2026-11-25", "provider": {
            "kind": "hospital", "level": 1, "signed": True}, "amount": "300.00"}]})
    out = explain_formats(calculate(req), ("text", "html"))
    reading = load_packs()["nanchang-resident"].reading("no_account")
    text, html = out["text"], out["html"]
    assert reading.plain in text and f"准确说法：{reading.text}" in text
    assert text.index(reading.plain) < text.index(reading.text)
    assert '<span class="mb-reading-plain">' + reading.plain in html
    assert "<summary>准确说法</summary>" in html and reading.text in html
    english = explain_formats(calculate(req), ("text",), locale="en")["text"]
    assert reading.plain not in english and reading.text_en in english
