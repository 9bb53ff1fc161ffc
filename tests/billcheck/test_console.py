"""The console's bill check: several slip figures, only causes that reproduce them all, the verdict
first in the answer to read out, and no cause ranked “most likely”."""

from __future__ import annotations

import html as htmlmod
import re

from tests.web.test_console import FORM


def _verdict(page: str) -> str:
    m = re.search(r'data-testid="verdict">(.*?)</div>\s*(?:<div class="card"|{)', page, re.S)
    assert m, "no verdict"
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", m.group(1)))


def _answer(page: str) -> str:
    m = re.search(r'<textarea id="answer-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert m
    return htmlmod.unescape(m.group(1))


def test_slip_boxes(client):
    page = client.get("/console").text
    for name in ("slip_total", "slip_excluded", "slip_first_self_pay", "slip_deductible", "slip_fund",
                 "slip_account", "slip_cash"):
        assert f'name="{name}"' in page and f'for="{name}"' in page


def test_several_figures_and_every_cause_reproduces_them(client):
    # 468.00 with the account and cash that go with it: every cause listed gives all three figures
    r = client.post("/console", data={**FORM, "slip_fund": "468.00", "slip_account": "300.00",
                                      "slip_cash": "282.00"})
    assert r.status_code == 200
    verdict = _verdict(r.text)
    assert "医院报了¥468.00，按文件应报¥429.00，多报¥39.00。" in verdict
    assert "可能的原因" in verdict and "最可能" not in r.text and "按可能性排列" not in r.text
    assert "〔第七条〕" in verdict
    answer = _answer(r.text)
    assert answer.startswith("医院报了¥468.00") and "按文件的计算：" in answer


def test_unexplained_says_where_to_ask(client):
    r = client.post("/console", data={**FORM, "slip_fund": "777.77", "slip_cash": "1.00"})
    verdict = _verdict(r.text)
    assert "按文件的规则算不出结算单上的这个数字" in verdict and "12393" in verdict and "医保办" in verdict
    assert "可能的原因" not in verdict


def test_bad_slip_figure_next_to_its_box(client):
    r = client.post("/console", data={**FORM, "slip_cash": "-3", "slip_fund": "429"})
    assert r.status_code == 422
    m = re.search(r'id="slip_cash-error"[^>]*>(.*?)</p>', r.text, re.S)
    assert m and "个人现金支付" in m.group(1) and "负数" in m.group(1)
    assert 'value="-3"' in r.text
