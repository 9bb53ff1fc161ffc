"""The hotline console: form, explanation, copy-as-text answer, bill check, errors next to fields."""

from __future__ import annotations

import html as htmlmod
import re

FORM = {
    "policy": "pingliang-employee", "category": "employee", "retired_on": "", "date": "2026-05-10",
    "kind": "hospital", "level": "3", "grade": "A", "designated": "on", "prescribed_at_level": "",
    "items-0-category": "in_scope", "items-0-amount": "800",
    "items-1-category": "class_b_drug", "items-1-amount": "200",
    "items-2-category": "self_pay", "items-2-amount": "50",
    "items-3-category": "in_scope", "items-3-amount": "",
    "items-4-category": "in_scope", "items-4-amount": "",
    "deductible_used": "0", "fund_paid": "0", "account_balance": "300", "slip_fund": "",
    "action": "calculate",
}


def _fund(page: str) -> str:
    m = re.search(r'data-testid="fund">¥([\d,.]+)<', page)
    assert m, page[:3000]
    return m.group(1)


def _verdict(page: str) -> str:
    m = re.search(r'data-testid="verdict">(.*?)</div>\s*(?:<div class="card"|{)', page, re.S)
    assert m, "no verdict"
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", m.group(1)))


def _field_error(page: str, name: str) -> str:
    m = re.search(rf'id="{re.escape(name)}-error"[^>]*>(.*?)</p>', page, re.S)
    assert m, f"no error shown for {name}"
    return htmlmod.unescape(m.group(1))


def test_console_form_page(client):
    r = client.get("/console")
    assert r.status_code == 200
    page = r.text
    assert '<form class="card console-form" method="post" action="/console"' in page
    for name in ("policy", "category", "retired_on", "date", "kind", "level", "grade", "designated",
                 "prescribed_at_level", "family_doctor", "poverty_registered", "items-0-category", "items-0-amount",
                 "deductible_used", "fund_paid", "account_balance", "slip_fund"):
        assert f'name="{name}"' in page, name
    assert "<script" in page and 'src="/static/mingbai.js"' in page  # enhancement only
    assert "pingliang-employee" in page and "xian-employee" in page
    r = client.get("/console?policy=nanchang-resident")
    assert 'value="nanchang-resident" selected' in r.text


def test_console_calculates_and_explains(client):
    r = client.post("/console", data=FORM)
    assert r.status_code == 200
    page = r.text
    assert _fund(page) == "429.00"
    assert "第七条" in page
    textarea = re.search(r'<textarea id="answer-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea and "429" in htmlmod.unescape(textarea.group(1))
    assert 'data-copy="answer-text"' in page
    assert "data-testid=\"verdict\"" not in page  # no slip figure, no bill check
    # the form keeps what was typed
    assert 'value="800"' in page and 'value="300"' in page


def test_console_bill_check_matches(client):
    r = client.post("/console", data={**FORM, "slip_fund": "429.00"})
    assert r.status_code == 200
    verdict = _verdict(r.text)
    assert "一致" in verdict and "不一致" not in verdict


def test_console_bill_check_finds_the_deductible(client):
    # the slip says 539.00: the deductible was already met before this visit (980 × 55%)
    r = client.post("/console", data={**FORM, "slip_fund": "539.00"})
    assert r.status_code == 200
    verdict = _verdict(r.text)
    assert "不一致" in verdict and "539.00" in verdict and "429.00" in verdict
    assert "起付线¥200.00已经扣满" in verdict
    text = htmlmod.unescape(re.search(r'<textarea id="answer-text"[^>]*>(.*?)</textarea>', r.text, re.S).group(1))
    assert text.startswith("医院报了¥539.00，按文件应报¥429.00，多报¥110.00。") and "已经扣满" in text


def test_console_bill_check_other_level(client):
    # 780 × 60% = 468.00: settled as 三级乙等 / 二级
    r = client.post("/console", data={**FORM, "slip_fund": "468.00"})
    verdict = _verdict(r.text)
    assert "三级乙等" in verdict or "二级" in verdict


def test_console_validation_errors_next_to_fields(client):
    bad = {**FORM, "items-1-amount": "-20", "account_balance": "12.345", "date": "2026-02-30", "slip_fund": "abc"}
    r = client.post("/console", data=bad)
    assert r.status_code == 422
    page = r.text
    assert "不是有效日期" in _field_error(page, "date")
    assert "数字" in _field_error(page, "slip_fund")
    assert 'value="-20"' in page and 'value="12.345"' in page and 'value="abc"' in page  # kept as typed
    assert 'aria-invalid="true"' in page
    # once the date is fixed, the amount errors show next to their boxes
    r = client.post("/console", data={**bad, "date": "2026-05-10"})
    assert "不能为负数" in _field_error(r.text, "items-1-amount")
    assert "两位小数" in _field_error(r.text, "account_balance")


def test_console_empty_bill(client):
    empty = {**FORM, "items-0-amount": "", "items-1-amount": "", "items-2-amount": ""}
    r = client.post("/console", data=empty)
    assert r.status_code == 422
    assert "至少填写一项" in r.text


def test_console_missing_fact_pharmacy(client):
    pharmacy = {**FORM, "kind": "pharmacy", "prescribed_at_level": ""}
    r = client.post("/console", data=pharmacy)
    assert r.status_code == 422
    assert "开处方" in r.text
    assert _field_error(r.text, "prescribed_at_level")


def test_console_missing_grade(client):
    r = client.post("/console", data={**FORM, "grade": ""})
    assert r.status_code == 422
    assert "甲等" in _field_error(r.text, "grade")


def test_console_resident(client):
    form = {**FORM, "policy": "nanchang-resident", "category": "resident", "level": "1", "grade": "",
            "signed": "on", "family_doctor": "on", "account_balance": "", "items-1-category": "in_scope",
            "items-2-amount": ""}
    r = client.post("/console", data=form)
    assert r.status_code == 200, r.text[:2000]
    assert _fund(r.text)


def test_console_add_row(client):
    r = client.post("/console", data={**FORM, "action": "add_row"})
    assert r.status_code == 200
    assert 'name="items-5-amount"' in r.text
    assert 'value="800"' in r.text
    assert 'data-testid="fund"' not in r.text


def test_console_not_in_openapi_and_not_frameable(client):
    r = client.get("/console")
    assert r.headers["x-frame-options"] == "DENY"


def test_the_read_aloud_text_says_the_figure_in_words(client):
    """Issue 13: the copy to read out starts with the verdict and says how it came about without
    formulas; the step-by-step (with its formulas) follows for reference."""
    r = client.post("/console", data=FORM)
    text = htmlmod.unescape(re.search(r'<textarea id="answer-text"[^>]*>(.*?)</textarea>', r.text, re.S).group(1))
    spoken, _, steps = text.partition("（以下是逐步计算，供核对）")
    assert spoken.startswith("统筹基金报¥429.00")
    # 平凉 第七条 (trace fields): 50 self-pay, 20 first self-pay of class B, deductible 200, 780 above it at 55%
    assert "其中50元统筹不报" in spoken and "乙类项目先由您自己付20元" in spoken
    assert "先扣起付线200元，超过起付线的780元按55%报销" in spoken and "统筹基金付429元" in spoken
    assert "×" not in spoken and "=" not in spoken and "−" not in spoken
    assert "×" in steps  # the step-by-step keeps its formulas
