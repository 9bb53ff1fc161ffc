"""The console's fields for figures a document leaves to the bureau (西安), read off a slip: they go
into the request's ``parameters`` for the insured's category, are cited as supplied with their
source, and are checked by the calculator against the plan's floor. The answer to read out starts
with the figures."""

from __future__ import annotations

import html
import re

FORM = {"policy": "xian-employee", "category": "employee", "date": "2026-05-10", "kind": "hospital",
        "designated": "on", "level": "3", "grade": "", "items-0-category": "in_scope", "items-0-amount": "1200",
        "deductible_used": "0", "fund_paid": "0", "param_source": "来电人的结算单", "param_deductible": "800",
        "param_cap": "2000", "param_ratio_3": "60%", "action": "calculate"}


def _answer(text: str) -> str:
    m = re.search(r'<textarea id="answer-text"[^>]*>(.*?)</textarea>', text, re.S)
    assert m, "no answer text"
    return html.unescape(m.group(1))


def test_xian_fields_are_on_the_form(client):
    page = client.get("/console?policy=xian-employee").text
    for name in ("param_source", "param_deductible", "param_cap", "param_ratio_1", "param_ratio_2",
                 "param_ratio_3", "param_ratio_pharmacy"):
        assert f'id="{name}"' in page and f'<label for="{name}"' in page, name
    assert '<details class="params" open>' in page          # open for 西安
    assert '<details class="params">' in client.get("/console?policy=pingliang-employee").text


def test_figures_read_off_a_slip_are_used_and_cited_as_supplied(client):
    r = client.post("/console", data=FORM)
    assert r.status_code == 200
    assert 'data-testid="fund">¥240.00' in r.text.replace("\n", "")  or "¥240.00" in r.text
    answer = _answer(r.text)
    # the verdict first, in one sentence that reads aloud
    # (no balance on the form: the share is counted as cash, and the sentence says so, not 个人账户¥0.00)
    assert answer.startswith("统筹基金报¥240.00，您自己付¥960.00（没有提供个人账户余额，全部按现金计）。\n"), answer[:80]
    assert "(1,200.00 − 800.00) × 60% = 240.00" in answer
    assert "（经办机构参数：来电人的结算单）" in answer                # cited as supplied, with the source
    # a decimal ratio works the same
    assert "¥240.00" in _answer(client.post("/console", data={**FORM, "param_ratio_3": "0.60"}).text)


def test_figures_below_the_plans_floor_are_refused_next_to_the_field(client):
    r = client.post("/console", data={**FORM, "param_ratio_3": "40%"})
    assert r.status_code == 422
    m = re.search(r'<p class="field-error" id="param_ratio_3-error"[^>]*>([^<]+)</p>', r.text)
    assert m and "50%" in m.group(1), r.text[:200]
    r = client.post("/console", data={**FORM, "param_source": ""})
    assert r.status_code == 422 and 'id="param_source-error"' in r.text
    r = client.post("/console", data={**FORM, "param_ratio_3": "六成"})
    assert r.status_code == 422 and 'id="param_ratio_3-error"' in r.text


def test_without_the_fields_xian_still_says_what_is_missing(client):
    form = {k: v for k, v in FORM.items() if not k.startswith("param_")}
    r = client.post("/console", data=form)
    assert r.status_code == 422
    assert "医疗保障部门" in r.text or "经办机构" in r.text
