"""Malformed bodies: every one is a 4xx RFC 9457 problem naming the offending path; never a 5xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import REQUEST, request_body


def _with(path: list[Any], value: Any) -> bytes:
    body = request_body()
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(body).encode()


def _raw(text: str) -> bytes:
    return text.encode()


AMOUNT = ["visits", 0, "items", 0, "amount"]
AMOUNT_PATH = "visits[0].items[0].amount"

# (id, body, status, the path that must be listed, code)
CASES: list[tuple[str, bytes, int, str, str]] = [
    ("truncated-json", b'{"policy": "pingliang-employee", ', 400, "", "invalid_json"),
    ("not-json", b"policy=pingliang-employee", 400, "", "invalid_json"),
    ("trailing-comma", b'{"policy": "x",}', 400, "", "invalid_json"),
    ("bare-nan-token", _raw(json.dumps(REQUEST).replace('"300.00"', "NaN")), 400, "", "invalid_json"),
    ("not-utf8", b'\xff\xfe{"policy": 1}', 400, "", "invalid_utf8"),
    ("empty-body", b"", 400, "", "empty_body"),
    ("whitespace-body", b"   \n", 400, "", "empty_body"),
    ("json-null", b"null", 422, "", "invalid_type"),
    ("json-array", b"[]", 422, "", "invalid_type"),
    ("empty-object", b"{}", 422, "policy", "missing_field"),
    ("policy-number", _with(["policy"], 7), 422, "policy", "invalid_type"),
    ("visits-string", _with(["visits"], "today"), 422, "visits", "invalid_type"),
    ("level-string", _with(["visits", 0, "provider", "level"], "three"), 422, "visits[0].provider.level",
     "invalid_type"),
    ("level-4", _with(["visits", 0, "provider", "level"], 4), 422, "visits[0].provider.level", "invalid_value"),
    ("designated-string", _with(["visits", 0, "provider", "designated"], "yes"), 422,
     "visits[0].provider.designated", "invalid_type"),
    ("amount-bool", _with(AMOUNT, True), 422, AMOUNT_PATH, "invalid_type"),
    ("amount-negative", _with(AMOUNT, "-5.00"), 422, AMOUNT_PATH, "negative_amount"),
    ("amount-negative-number", _raw(json.dumps(REQUEST).replace('"800.00"', "-800")), 422, AMOUNT_PATH,
     "negative_amount"),
    ("amount-nan-string", _with(AMOUNT, "NaN"), 422, AMOUNT_PATH, "not_a_number"),
    ("amount-infinity-string", _with(AMOUNT, "Infinity"), 422, AMOUNT_PATH, "not_a_number"),
    ("amount-1e400-number", _raw(json.dumps(REQUEST).replace('"800.00"', "1e400")), 422, AMOUNT_PATH,
     "amount_too_large"),
    ("amount-1e400-string", _with(AMOUNT, "1e400"), 422, AMOUNT_PATH, "amount_too_large"),
    ("amount-three-places", _with(AMOUNT, "1200.123"), 422, AMOUNT_PATH, "too_many_places"),
    ("amount-words", _with(AMOUNT, "八百"), 422, AMOUNT_PATH, "not_a_number"),
    ("balance-negative", _with(["account_balance"], "-1"), 422, "account_balance", "negative_amount"),
    ("deductible-used-nan", _with(["year_start", "deductible_used"], "nan"), 422, "year_start.deductible_used",
     "not_a_number"),
    ("date-feb-30", _with(["visits", 0, "date"], "2026-02-30"), 422, "visits[0].date", "invalid_date"),
    ("date-format", _with(["visits", 0, "date"], "10/05/2026"), 422, "visits[0].date", "invalid_date"),
    ("date-number", _with(["visits", 0, "date"], 20260510), 422, "visits[0].date", "invalid_type"),
    ("retired-on-bad", _with(["insured", "retired_on"], "2026-13-01"), 422, "insured.retired_on", "invalid_date"),
    ("unknown-category", _with(["insured", "category"], "boss"), 422, "insured.category", "invalid_value"),
    ("unknown-item-category", _with(["visits", 0, "items", 1, "category"], "caviar"), 422,
     "visits[0].items[1].category", "invalid_value"),
    ("unknown-kind", _with(["visits", 0, "provider", "kind"], "spa"), 422, "visits[0].provider.kind",
     "invalid_value"),
    ("unknown-grade", _with(["visits", 0, "provider", "grade"], "D"), 422, "visits[0].provider.grade",
     "invalid_value"),
    ("unknown-top-field", _with(["currency"], "CNY"), 422, "currency", "unknown_field"),
    ("unknown-nested-field", _with(["visits", 0, "provider", "stars"], 5), 422, "visits[0].provider.stars",
     "unknown_field"),
    ("no-visits", _with(["visits"], []), 422, "visits", "missing_field"),
    ("visit-no-items-no-amount", _with(["visits", 0, "items"], None), 422, "visits[0].items", "missing_field"),
    ("grade-on-level-1", _with(["visits", 0, "provider", "level"], 1), 422, "visits[0].provider.grade",
     "invalid_value"),
    ("unknown-policy", _with(["policy"], "atlantis"), 422, "policy", "unknown_policy"),
]


@pytest.mark.parametrize("endpoint", ["/api/v1/calculate", "/api/v1/explain"])
@pytest.mark.parametrize(("case", "body", "status", "path", "code"), CASES, ids=[c[0] for c in CASES])
def test_malformed_body(client, endpoint, case, body, status, path, code):
    r = client.post(endpoint, content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == status
    assert problem["type"].startswith("/problems/")
    assert problem["title"] and problem["instance"] == endpoint
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"]), problem["detail"]
    paths = [e["path"] for e in problem["errors"]]
    assert path in paths, (paths, problem)
    assert code in [e["code"] for e in problem["errors"]], problem
    for e in problem["errors"]:
        assert set(e) == {"path", "code", "message"}


def test_several_errors_all_listed(client):
    body = request_body(account_balance="-1")
    body["visits"][0]["items"][0]["amount"] = "1.001"
    body["visits"][0]["items"][2]["amount"] = "-3"
    r = client.post("/api/v1/calculate", json=body)
    assert r.status_code == 422
    paths = {e["path"] for e in r.json()["errors"]}
    assert {"account_balance", "visits[0].items[0].amount", "visits[0].items[2].amount"} <= paths
    assert "3" in r.json()["detail"]


def test_oversized_body_413(client):
    body = b'{"policy": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    r = client.post("/api/v1/calculate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    problem = r.json()
    assert problem["type"] == "/problems/body-too-large"
    assert problem["errors"][0]["path"] == ""
    r = client.post("/embed/explain", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_deeply_nested_json_is_4xx(client):
    r = client.post("/api/v1/calculate", content=b"[" * 50_000 + b"]" * 50_000)
    assert 400 <= r.status_code < 500


def test_too_many_items(client):
    body = request_body()
    body["visits"][0]["items"] = [{"category": "in_scope", "amount": "1.00"}] * 501
    r = client.post("/api/v1/calculate", json=body)
    assert r.status_code == 422
    assert r.json()["errors"][0]["path"] == "visits[0].items"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _mutations() -> st.SearchStrategy[bytes]:
    keys = st.sampled_from(["policy", "insured", "year_start", "account_balance", "parameters", "visits"])

    def mutate(key: str, value: Any) -> bytes:
        body = request_body()
        body[key] = value
        return json.dumps(body).encode()

    return st.builds(mutate, keys, _json)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300) | _json.map(lambda v: json.dumps(v).encode()) | _mutations())
def test_no_body_gives_5xx(client, body):
    r = client.post("/api/v1/calculate", content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "errors" in r.json()


# -- issue 11: bytes that are not UTF-8 inside a string, far dates, signed zeros, size limits ---------

CREDITS = {"policy": "nanchang-employee", "year": 2024, "category": "employee", "contribution_base": "6000.00",
           "pension_average": {"value": "3000.00", "source": "统计公报"}}
JSON_ENDPOINTS = {
    "/api/v1/calculate": (REQUEST, "policy"),
    "/api/v1/explain": (REQUEST, "policy"),
    "/api/v1/chat": ({"message": "南昌在职"}, "message"),
    "/api/v1/account/credits": (CREDITS, "policy"),
    "/api/v1/account/usage": ({"policy": "nanchang-employee", "beneficiary": "self"}, "policy"),
    "/api/v1/resident-budget": ({"year": 2024, "groups": {"1": 10}}, "policy"),
    "/api/v1/bill-check": ({"request": {}, "slip": {"fund_pays": "1.00"}}, "request"),
}


@pytest.mark.parametrize("endpoint", sorted(JSON_ENDPOINTS))
def test_invalid_utf8_inside_a_string_names_the_field(client, endpoint):
    body, field = JSON_ENDPOINTS[endpoint]
    raw = json.dumps({**body, field: "PLACEHOLDER"}, ensure_ascii=False).encode()
    raw = raw.replace(b"PLACEHOLDER", b"\xc3(\xff")
    r = client.post(endpoint, content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    problem = r.json()
    assert problem["code"] == "invalid_utf8"
    assert [e["path"] for e in problem["errors"]] == [field]
    assert "UTF-8" in problem["detail"] and field in problem["detail"]
    assert r.headers["content-type"].startswith("application/problem+json")


def test_invalid_utf8_deep_inside_names_the_path(client):
    raw = json.dumps(REQUEST).encode().replace(b'"class_b_drug"', b'"class_b_\xe4rug"')
    r = client.post("/api/v1/calculate", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["errors"][0]["path"] == "visits[0].items[1].category"


def test_far_retirement_date_on_credits_is_422_not_500(client):
    r = client.post("/api/v1/account/credits", json={**CREDITS, "retired_on": "9999-12-31"})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["path"] == "retired_on"


@pytest.mark.parametrize("value", ["-0", "-0.00", -0.0])
def test_signed_zero_is_never_echoed_as_minus_zero(client, value):
    r = client.post("/api/v1/calculate", json=request_body(account_balance=value))
    assert "-0.00" not in r.text
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "account_balance"


def test_too_many_visits_or_items_is_413_with_the_path(client):
    from assistant.web.body import MAX_ITEMS, MAX_ROSTER

    body = request_body()
    body["visits"] = [{"date": "2026-05-10", "provider": {"kind": "hospital", "level": 1},
                       "items": [{"category": "in_scope", "amount": "1.00"}] * 20}] * (MAX_ITEMS // 20 + 1)
    r = client.post("/api/v1/explain", json=body)
    assert r.status_code == 413, r.text
    assert r.json()["errors"][0]["path"] == "visits" and "项" in r.json()["detail"]
    roster = [{"birth_year": 1950}] * (MAX_ROSTER + 1)
    r = client.post("/api/v1/resident-budget", json={"year": 2024, "roster": roster})
    assert r.status_code == 413
    assert r.json()["errors"][0]["path"] == "roster" and "count" in r.json()["detail"]


def test_a_chat_session_past_its_visit_limit_refuses_the_turn_and_keeps_what_was_said(client, monkeypatch):
    import assistant.web.chat as chat

    monkeypatch.setattr(chat, "MAX_VISITS", 3)
    first = client.post("/api/v1/chat", json={"message": "南昌在职，一级医院100元，今年第一次，5月10日"}).json()
    sid = first["session_id"]
    for n in (2, 3):
        out = client.post("/api/v1/chat", json={"message": "又看了一次，一级医院100元", "session_id": sid}).json()
        assert len(out["reply"]["result"]["visits"]) == n
    r = client.post("/api/v1/chat", json={"message": "又看了一次，一级医院100元", "session_id": sid})
    assert r.status_code == 422
    problem = r.json()
    assert problem["errors"][0]["path"] == "message" and problem["code"] == "too_many_visits"
    assert "3" in problem["detail"] and "都还在" in problem["detail"]
    # nothing lost: the session still holds its three visits and answers a correction
    again = client.post("/api/v1/chat", json={"message": "不对，是二级医院", "session_id": sid}).json()
    assert again["session_id"] == sid and len(again["reply"]["result"]["visits"]) == 3
