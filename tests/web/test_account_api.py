"""``POST /api/v1/account/credits``, ``/account/usage``, ``/resident-budget`` and ``/console/budget``."""

from __future__ import annotations

import json
from decimal import Decimal

NANCHONG = {"policy": "nanchong-employee", "year": 2023, "category": "retiree",
            "pension_average": {"value": "2650.00", "source": "南充市2022年平均水平（示例）"},
            "pension_average_provisional": {"value": "2550.00", "source": "南充市2021年平均水平（示例）",
                                            "through_month": 6}}
ROSTER = {"year": 2024, "roster": [{"birth_year": 1950}, {"birth_year": 2024, "signed_month": 5},
                                   {"birth_year": 1980, "count": 3,
                                    "change": {"case": "address", "direction": "out", "month": 6}}]}


def _post(client, path: str, body: object, **headers: str):
    return client.post(path, content=json.dumps(body, ensure_ascii=False).encode(),
                       headers={"Content-Type": "application/json", **headers})


def test_credits(client):
    r = _post(client, "/api/v1/account/credits", NANCHONG)
    assert r.status_code == 200 and r.headers["content-language"] == "zh-CN"
    body = r.json()
    assert [m["amount"] for m in body["months"]] == ["71.40"] * 6 + ["74.20"] * 6
    assert body["back_payment"]["amount"] == "16.80"
    assert body["totals"] == {"months": "873.60", "lump_sum": "0.00", "back_payment": "16.80", "total": "890.40"}
    assert "补划差额16.80 元" in body["text"] and "全年共计：¥890.40" in body["text"]


def test_credits_amounts_are_decoded_exactly(client):
    # a JSON number is read as a Decimal: 4567.89 × 2% = 91.3578 → 91.36 (a float would give …8900000001)
    r = client.post("/api/v1/account/credits", content=b'{"policy": "nanchong-employee", "year": 2024, '
                    b'"category": "employee", "contribution_base": 4567.89}')
    assert r.status_code == 200
    assert r.json()["months"][0]["base"] == "4567.89" and r.json()["totals"]["total"] == "1096.32"


def test_credits_missing_average_is_a_problem_with_citations(client):
    r = _post(client, "/api/v1/account/credits", {"policy": "nanchang-employee", "year": 2024, "category": "retiree"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["missing"] == "pension_average" and problem["citations"][0]["article"] == "第八条"


def test_usage_in_english(client):
    r = _post(client, "/api/v1/account/usage", {"policy": "xian-employee", "beneficiary": "self", "purpose": "fitness"},
              **{"Accept-Language": "en"})
    assert r.status_code == 200 and r.headers["content-language"] == "en"
    body = r.json()
    assert body["answer"]["answer"] == "not_allowed" and body["answer"]["citations"][0]["article"] == "四（二）"
    assert body["text"].startswith("Xi'an employee insurance, personal account for the insured person, fitness: no.")


def test_usage_pending_rules(client):
    r = _post(client, "/api/v1/account/usage",
              {"policy": "nanchang-employee", "beneficiary": "parent", "purpose": "designated_pharmacy"})
    assert r.status_code == 200 and r.json()["answer"]["answer"] == "pending_rules"
    assert "〔第十一条〕" in r.json()["text"]


def test_usage_unknown_beneficiary_is_422_with_a_path(client):
    r = _post(client, "/api/v1/account/usage", {"policy": "nanchang-employee", "beneficiary": "neighbour"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["path"] == "beneficiary" and "可选" in r.json()["errors"][0]["message"]


def test_resident_budget(client):
    r = _post(client, "/api/v1/resident-budget", ROSTER | {"annual_actual": "400.00"})
    assert r.status_code == 200
    body = r.json()
    assert body["annual_budget"] == "474.50"  # 226.00 + 37.00 + 141.00 ÷ 12 × 6 × 3 = 211.50
    assert [ln["budget"] for ln in body["residents"]] == ["226.00", "37.00", "211.50"]
    ye = body["year_end"]
    assert (ye["band"], ye["settled"], ye["extra"]) == ("middle", "437.25", "37.25")  # 84.30%: + 50% of 74.50
    assert Decimal(ye["ratio"]) == Decimal("0.8430")
    assert "年度决算：¥437.25" in body["text"]


def test_resident_budget_bad_input_is_422_with_paths(client):
    r = _post(client, "/api/v1/resident-budget", {"year": 2024, "roster": [{"birth_year": 2030}],
                                                   "monthly_actual": ["-5"]})
    assert r.status_code == 422
    paths = {e["path"] for e in r.json()["errors"]}
    assert paths == {"roster[0].birth_year", "monthly_actual[0]"}


def test_the_endpoints_are_documented(client):
    paths = client.get("/schema/openapi.json").json()["paths"]
    for path, schema in (("/api/v1/account/credits", "CreditsRequest"), ("/api/v1/account/usage", "UsageRequest"),
                         ("/api/v1/resident-budget", "BudgetRequest")):
        op = paths[path]["post"]
        assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(schema)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in op["summary"])
        assert "422" in op["responses"]


def test_console_budget_page(client):
    page = client.get("/console/budget")
    assert page.status_code == 200 and 'action="/console/budget"' in page.text
    assert 'href="/console/budget"' in client.get("/console").text
    form = {"year": "2024", "mode": "roster", "roster-0-birth_year": "1950", "roster-1-birth_year": "2024",
            "roster-1-signed_month": "5", "roster-2-birth_year": "1980", "roster-2-count": "2",
            **{f"monthly-{k}": "30" for k in range(12)}}
    r = client.post("/console/budget", data=form)
    assert r.status_code == 200
    # 226.00 + 37.00 + 2 × 141.00 = 545.00; actual 360.00 = 66.06%: settled at cost
    assert "年度预算额度¥545.00" in r.text and "据实结算360.00 元" in r.text


def test_console_budget_page_shows_errors_by_the_field(client):
    r = client.post("/console/budget", data={"year": "2024", "mode": "groups", "groups-1": "x", "groups-2": "3"})
    assert r.status_code == 422 and 'id="groups-1-error"' in r.text
    r = client.post("/console/budget", data={"year": "2024", "mode": "roster", "roster-0-birth_year": "2030"})
    assert r.status_code == 422 and 'id="roster-0-birth_year-error"' in r.text and "晚于待遇享受年度" in r.text
