"""``POST /api/v1/bill-check``: the CONTRACT response, problem details naming each bad field, never a 5xx."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

REQUEST: dict[str, Any] = {
    "policy": "pingliang-employee", "insured": {"category": "employee"}, "account_balance": "300.00",
    "visits": [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 3, "grade": "A"},
                "items": [{"category": "in_scope", "amount": "800.00"},
                          {"category": "class_b_drug", "amount": "200.00"},
                          {"category": "self_pay", "amount": "50.00"}]}],
}
URL = "/api/v1/bill-check"


def post(client, body: Any, **headers: str):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, content=raw, headers={"content-type": "application/json", **headers})


def test_the_contract_example_shape(client):
    r = post(client, {"request": REQUEST, "slip": {"fund_pays": "300.00", "account_pays": "300.00",
                                                  "cash_pays": "450.00"}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"verdict", "differences", "causes", "unexplained", "result", "text"} <= set(body)
    assert body["verdict"] == "differs" and body["unexplained"] is False
    assert body["differences"][0] == {"field": "fund_pays", "slip": "300.00", "calculated": "429.00",
                                      "difference": "-129.00", "direction": "less", "size": "129.00"}
    (cause,) = body["causes"]
    assert cause["kind"] == "fund_paid_position"
    assert cause["changed"] == {"year_start.fund_paid": "2200.00"}
    assert cause["reproduces"] == ["fund_pays", "account_pays", "cash_pays"]
    assert cause["citations"][0]["article"] == "第七条" and cause["citations"][0]["quote"]
    assert "核对" in cause["text"]
    assert body["text"].startswith("医院报了¥300.00，按文件应报¥429.00，少报¥129.00。")
    assert body["result"]["visits"][0]["fund_pays"] == "429.00"
    assert body["html"].startswith("<section") and r.headers["content-language"] == "zh-CN"


def test_national_names_and_json_numbers_exactly(client):
    slip = '{"hifp_pay": 429.00, "acct_pay": 300, "psn_cash_pay": 321.0}'
    r = post(client, '{"request": ' + json.dumps(REQUEST) + ', "slip": ' + slip + "}")
    assert r.status_code == 200
    assert r.json()["verdict"] == "matches" and r.json()["causes"] == []


def test_unexplained(client):
    r = post(client, {"request": REQUEST, "slip": {"hifp_pay": "9999.00"}})
    body = r.json()
    assert body["unexplained"] is True and body["causes"] == []
    assert "按文件的规则算不出" in body["text"] and "12393" in body["text"]


def test_english(client):
    r = post(client, {"request": REQUEST, "slip": {"hifp_pay": "539.00"}}, **{"accept-language": "en"})
    body = r.json()
    assert body["text"].startswith("The hospital's fund payment is CN¥539.00")
    assert r.headers["content-language"] == "en"


@pytest.mark.parametrize(("body", "status", "path"), [
    ("", 400, ""),
    ("{", 400, ""),
    ({"request": REQUEST}, 422, "slip"),
    ({"request": REQUEST, "slip": {}}, 422, "slip"),
    ({"request": REQUEST, "slip": {"hifp_pay": "-1"}}, 422, "slip.hifp_pay"),
    ({"request": REQUEST, "slip": {"hifp_pay": "abc"}}, 422, "slip.hifp_pay"),
    ({"request": REQUEST, "slip": {"hifp_pay": 1.001}}, 422, "slip.hifp_pay"),
    ({"request": REQUEST, "slip": {"fund": "1"}}, 422, "slip.fund"),
    ({"request": REQUEST, "slip": {"hifp_pay": "1", "fund_pays": "2"}}, 422, "slip.hifp_pay"),
    ({"request": {**REQUEST, "policy": "x"}, "slip": {"hifp_pay": "1"}}, 422, "request.policy"),
    ({"request": {**REQUEST, "account_balance": "-1"}, "slip": {"hifp_pay": "1"}}, 422, "request.account_balance"),
    ({"slip": {"hifp_pay": "1"}}, 422, "request"),
    ([], 422, ""),
])
def test_bad_input_is_a_problem_naming_the_field(client, body, status, path):
    r = post(client, body)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"])
    assert path in [e["path"] for e in problem["errors"]]


def test_missing_fact_is_asked_for(client):
    req = copy.deepcopy(REQUEST)
    del req["visits"][0]["provider"]["grade"]
    r = post(client, {"request": req, "slip": {"hifp_pay": "1"}})
    assert r.status_code == 422
    assert r.json()["missing"] == "provider_grade"
    assert r.json()["errors"][0]["path"] == "request.visits[0].provider.grade"


def test_openapi_documents_the_endpoint(client):
    spec = client.get("/schema/openapi.json").json()
    op = spec["paths"]["/api/v1/bill-check"]["post"]
    assert "计算接口" in op["tags"]
    body_ref = json.dumps(op["requestBody"])
    assert "BillCheckRequest" in body_ref
    assert {"200", "400", "422"} <= set(op["responses"])
    schemas = spec["components"]["schemas"]
    slip = next(v for k, v in schemas.items() if k.endswith("Slip"))
    assert {"hifp_pay", "fund_pays", "psn_cash_pay"} <= set(slip["properties"])
    response = json.dumps(op["responses"]["200"])
    assert "BillCheckResponse" in response
