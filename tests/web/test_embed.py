"""The kiosk embed: /embed/explain (page) and /embed/explain/fragment, by query, form or JSON."""

from __future__ import annotations

import json
import re

from .conftest import REQUEST

QUERY = {"policy": "pingliang-employee", "category": "employee", "date": "2026-05-10", "level": "3", "grade": "A",
         "in_scope": "800", "class_b_drug": "200", "self_pay": "50", "account_balance": "300"}


def _fund(html: str) -> str:
    m = re.search(r'data-testid="fund">¥([\d,.]+)<', html)
    assert m, html[:2000]
    return m.group(1)


def test_embed_page_from_query(client):
    r = client.get("/embed/explain", params=QUERY)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert html.startswith("<!doctype html>")
    assert _fund(html) == "429.00"
    assert "第七条" in html  # the cited article
    assert "平凉" in html and "平政办发〔2022〕112号" in html
    assert "<svg" in html  # the chart
    assert 'href="/static/mingbai.css"' in html
    assert "set-cookie" not in r.headers
    assert r.headers["content-language"] == "zh-CN"


def test_embed_is_chinese_whatever_the_browser_says(client):
    r = client.get("/embed/explain", params=QUERY, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="zh-CN"' in r.text and "统筹基金支付" in r.text
    r = client.get("/embed/explain", params={**QUERY, "lang": "en"})
    assert r.headers["content-language"] == "en"
    assert "Paid by the fund" in r.text and _fund(r.text) == "429.00"


def test_embed_bare_amount_and_year_position(client):
    r = client.get("/embed/explain", params={"policy": "pingliang-employee", "category": "retiree", "level": "2",
                                             "amount": "1000", "date": "2026-03-01", "deductible_used": "200",
                                             "fund_paid": "100"})
    assert r.status_code == 200
    # deductible met already: 1000 × 65% (retiree, level 2) = 650.00
    assert _fund(r.text) == "650.00"


def test_embed_form_post(client):
    r = client.post("/embed/explain", data=QUERY)
    assert r.status_code == 200
    assert _fund(r.text) == "429.00"


def test_embed_json_post(client):
    r = client.post("/embed/explain", json=REQUEST)
    assert r.status_code == 200
    assert _fund(r.text) == "429.00"
    r = client.post("/embed/explain/fragment", json=REQUEST)
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<section class="mingbai-embed"')


def test_embed_fragment(client):
    r = client.get("/embed/explain/fragment", params=QUERY)
    assert r.status_code == 200
    text = r.text.strip()
    assert text.startswith('<section class="mingbai-embed"') and text.endswith("</section>")
    assert "<html" not in text and "<head>" not in text
    assert _fund(text) == "429.00"
    assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
    r = client.post("/embed/explain/fragment", data=QUERY)
    assert _fund(r.text) == "429.00"


def test_embed_usage_page_without_parameters(client):
    r = client.get("/embed/explain")
    assert r.status_code == 200
    assert "/docs/embed" in r.text and "policy=pingliang-employee" in r.text


def test_embed_invalid_parameters_are_422_pages_in_chinese(client):
    r = client.get("/embed/explain", params={**QUERY, "in_scope": "-800", "account_balance": "1.001"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "暂时无法计算" in r.text
    assert "in_scope：" in r.text and "不能为负数" in r.text
    assert "account_balance：" in r.text and "两位小数" in r.text
    r = client.get("/embed/explain", params={**QUERY, "date": "2026-02-30"})
    assert r.status_code == 422 and "date：" in r.text and "不是有效日期" in r.text
    r = client.get("/embed/explain", params={**QUERY, "level": "four"})
    assert r.status_code == 422 and "level" in r.text
    r = client.get("/embed/explain", params={**QUERY, "colour": "red"})
    assert r.status_code == 422 and "colour" in r.text
    r = client.get("/embed/explain", params={"policy": "atlantis", "category": "employee", "amount": "10"})
    assert r.status_code == 422 and "atlantis" in r.text


def test_embed_missing_fact_is_explained(client):
    params = {k: v for k, v in QUERY.items() if k != "grade"}
    r = client.get("/embed/explain", params=params)
    assert r.status_code == 422
    assert "甲等" in r.text  # asks whether the level-3 hospital is 甲等, 乙等 or 丙等
    assert "第七条" in r.text


def test_embed_bad_json_post(client):
    r = client.post("/embed/explain", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "JSON" in r.text


def test_embed_docs_page(client):
    r = client.get("/docs/embed")
    assert r.status_code == 200
    assert "&lt;iframe" in r.text and "MINGBAI_FRAME_ANCESTORS" in r.text
    for name in ("policy", "category", "level", "grade", "amount", "class_b_drug", "account_balance", "lang"):
        assert f"<code>{name}</code>" in r.text


def test_embed_missing_fact_offers_one_tap_choices(client):
    params = {k: v for k, v in QUERY.items() if k != "grade"}
    r = client.get("/embed/explain", params=params)
    links = re.findall(r'<a class="button primary big" href="([^"]+)">([^<]+)</a>', r.text)
    assert [label for _, label in links] == ["甲等", "乙等", "丙等"]
    href = links[0][0].replace("&amp;", "&")
    again = client.get(href)
    assert again.status_code == 200 and _fund(again.text) == "429.00"
    # the fragment (composed by the kiosk itself) has no links to our page
    assert "me-choices" not in client.get("/embed/explain/fragment", params=params).text


def test_embed_escapes_what_the_request_carries(client):
    body = json.loads(json.dumps(REQUEST))
    body["visits"][0]["items"][0]["name"] = "<script>alert(1)</script>"
    body["visits"][0]["provider"]["name"] = "<img src=x onerror=alert(2)>"
    r = client.post("/embed/explain", json=body)
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    r = client.get("/embed/explain", params={"policy": "<script>z</script>", "category": "employee", "amount": "1"})
    assert r.status_code == 422 and "<script>z" not in r.text


def test_missing_fact_page_asks_like_a_person(client):
    """No field path, no error red, the choices once (as buttons)."""
    params = {k: v for k, v in QUERY.items() if k != "grade"}
    r = client.get("/embed/explain", params=params)
    html = r.text
    assert "还需要您告诉我一件事" in html and "暂时无法计算" not in html
    assert "请问这家三级医院是甲等、乙等还是丙等？" in html
    assert "visits[0]" not in html and "mb-path" not in html
    assert 'class="me-ask"' in html and 'role="alert"' not in html and "me-error" not in html
    assert "mb-choices" not in html                       # listed once: as the buttons below
    buttons = re.findall(r'<a class="button primary big" href="[^"]*grade=([ABC])">([^<]+)</a>', html)
    assert buttons == [("A", "甲等"), ("B", "乙等"), ("C", "丙等")]
    en = client.get("/embed/explain", params={**params, "lang": "en"}).text
    assert "One more thing, please" in en and "visits[0]" not in en
    assert [b[1] for b in re.findall(r'<a class="button primary big" href="[^"]*grade=([ABC])[^"]*">([^<]+)</a>', en)] \
        == ["Grade A", "Grade B", "Grade C"]


def test_every_label_in_english(client):
    r = client.get("/embed/explain", params={**QUERY, "lang": "en"})
    assert r.status_code == 200
    meta = re.search(r'<p class="me-meta">([^<]+)</p>', r.text)
    assert meta and not re.search(r"[\u4e00-\u9fff]", meta.group(1)), meta
    assert meta.group(1).startswith("May 10, 2026 · level-III grade-A")
    labels = re.findall(r"<dt>([^<]+)</dt>", r.text)
    assert labels and not any(re.search(r"[\u4e00-\u9fff]", label) for label in labels), labels
    assert "Source: " in r.text


def test_head_works_like_get(client):
    for path, params in (("/embed/explain", QUERY), ("/embed/explain", {}), ("/embed/explain/fragment", QUERY),
                         ("/embed/explain", {k: v for k, v in QUERY.items() if k != "grade"})):
        got, head = client.get(path, params=params), client.head(path, params=params)
        assert head.status_code == got.status_code, path
        assert head.content == b""
        assert head.headers["content-type"].startswith("text/html")
        assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_usage_page_in_english(client):
    r = client.get("/embed/explain", params={"lang": "en"})
    assert r.status_code == 200
    body = re.sub(r"<(title|a)[^>]*>.*?</\1>", "", r.text, flags=re.S)   # the brand in the title, example links
    text = re.sub(r"<[^>]+>", " ", body)
    assert not re.search(r"[\u4e00-\u9fff]", text), text
    assert "Add one visit" in r.text and 'href="/docs/embed"' in r.text
