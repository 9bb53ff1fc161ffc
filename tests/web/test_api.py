"""The JSON API: every endpoint of CONTRACT.md "HTTP" except the chat."""

from __future__ import annotations

import json
from decimal import Decimal

import calculator

from .conftest import REQUEST, request_body


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_calculate_contract_example(client):
    r = client.post("/api/v1/calculate", json=REQUEST)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    visit = r.json()["visits"][0]
    assert visit["fund_pays"] == "429.00"
    assert visit["personal_pays"] == "621.00"
    assert visit["account_pays"] == "300.00"
    assert visit["cash_pays"] == "321.00"
    assert r.json()["year_end"]["cap_remaining"] == "2071.00"
    # the same bytes as the calculator's own encoding
    expected = calculator.encode(calculator.calculate(calculator.decode_request(json.dumps(REQUEST))))
    assert r.content == expected


def test_calculate_numbers_are_exact_not_float(client):
    # 0.1 + 0.2 as floats would not be 0.30; JSON numbers must arrive as exact decimals
    body = json.dumps(request_body()).replace('"800.00"', "799.90").replace('"200.00"', "0.1")
    r = client.post("/api/v1/calculate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    visit = r.json()["visits"][0]
    assert Decimal(visit["total"]) == Decimal("799.90") + Decimal("0.1") + Decimal("50.00")


def test_calculate_ignores_content_type(client):
    r = client.post("/api/v1/calculate", content=json.dumps(REQUEST), headers={"content-type": "text/plain"})
    assert r.status_code == 200


def test_explain_returns_text_html_result(client):
    r = client.post("/api/v1/explain", json=REQUEST)
    assert r.status_code == 200
    data = r.json()
    assert set(data) >= {"text", "html", "result"}
    assert data["result"]["visits"][0]["fund_pays"] == "429.00"
    assert "429" in data["text"] and "第七条" in data["text"]
    assert "<" in data["html"] and "第七条" in data["html"]
    assert data["locale"] == "zh-CN"
    assert r.headers["content-language"] == "zh-CN"


def test_explain_accept_language_en(client):
    r = client.post("/api/v1/explain", json=REQUEST, headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"})
    assert r.status_code == 200
    assert r.json()["locale"] == "en"
    assert r.headers["content-language"] == "en"
    r = client.post("/api/v1/explain", json=REQUEST, headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert r.json()["locale"] == "zh-CN"


def test_explain_answers_the_same_whether_rendered_or_filled_from_skeletons(client):
    """A kind of visit is rendered in full twice (seen, then its skeletons built, on the CPU
    thread), then explained on the event loop from its skeletons: the same answer each time,
    and another bill of the same kind gets its own figures."""
    from explanations import explain_formats

    for locale in ("zh-CN", "en"):
        answers = [client.post("/api/v1/explain", json=REQUEST, headers={"Accept-Language": locale}).content
                   for _ in range(4)]
        assert len(set(answers)) == 1
        other = request_body()
        other["visits"][0]["items"][0]["amount"] = "1234.56"
        r = client.post("/api/v1/explain", json=other, headers={"Accept-Language": locale})
        request = calculator.decode_request(json.dumps(other).encode())
        result = calculator.calculate(request)
        expected = explain_formats(result, ("text", "html"), locale=locale, request=request)
        assert r.json()["text"] == expected["text"] and r.json()["html"] == expected["html"]


def test_explain_missing_fact_is_422_with_explanation(client):
    body = request_body()
    body["visits"][0]["provider"] = {"kind": "hospital", "level": 3}  # 平凉 level 3 needs the grade
    r = client.post("/api/v1/explain", json=body)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["missing"] == "provider_grade"
    assert problem["errors"][0]["path"] == "visits[0].provider.grade"
    assert problem["citations"] and problem["citations"][0]["article"] == "第七条"
    assert problem["text"] and problem["html"]


def test_calculate_missing_parameter_xian(client):
    body = request_body(policy="xian-employee")
    r = client.post("/api/v1/calculate", json=body)
    assert r.status_code == 422
    problem = r.json()
    assert problem["code"] == "missing_parameter"
    assert problem["missing"] == "parameters"
    assert problem["type"] == "/problems/missing-parameter"
    assert "医疗保障" in problem["detail"]


def test_calculate_out_of_force(client):
    body = request_body()
    body["visits"][0]["date"] = "2030-01-05"
    r = client.post("/api/v1/calculate", json=body)
    assert r.status_code == 422
    assert r.json()["code"] == "out_of_force"
    assert r.json()["errors"][0]["path"] == "visits[0].date"


def test_unknown_policy_in_body_is_422(client):
    r = client.post("/api/v1/calculate", json=request_body(policy="atlantis-employee"))
    assert r.status_code == 422
    assert r.json()["errors"][0]["path"] == "policy"
    assert r.json()["type"] == "/problems/unknown-policy"


def test_policies_list(client):
    r = client.get("/api/v1/policies")
    assert r.status_code == 200
    ids = [p["id"] for p in r.json()]
    assert {"pingliang-employee", "nanchang-employee", "nanchang-resident", "nanchong-employee",
            "xian-employee"} <= set(ids)
    p = next(p for p in r.json() if p["id"] == "pingliang-employee")
    assert p["document_number"] == "平政办发〔2022〕112号"
    assert p["issuer"] == "平凉市人民政府办公室"
    assert p["issued"] == "2022-09-08"
    assert p["in_force"] == {"start": "2023-01-01", "end": "2027-12-31"}
    assert p["city"] == "平凉" and p["scheme"] == "employee" and p["name"]
    assert next(x for x in r.json() if x["id"] == "xian-employee")["parameters_required"] is True


def test_policy_detail_every_parameter_cited(client):
    for summary in client.get("/api/v1/policies").json():
        r = client.get(f"/api/v1/policies/{summary['id']}")
        assert r.status_code == 200
        detail = r.json()
        pack = calculator.get_pack(summary["id"])
        article_ids = {a["id"] for a in detail["articles"]}
        assert article_ids == {a.id for a in pack.articles}
        for param in detail["parameters"]:
            assert param["citation"]["article"] in article_ids, param
            assert param["citation"]["quote"], param
        for reading in detail["readings"]:
            assert reading["citations"]
        expected = (sum(len(t) for t in pack.ratio.values()) + len(pack.deductible) + len(pack.cap)
                    + len(pack.first_self_pay))
        assert len([p for p in detail["parameters"] if p["kind"] in
                    ("ratio", "deductible", "cap", "first_self_pay")]) == expected


def test_policy_detail_pingliang_figures(client):
    detail = client.get("/api/v1/policies/pingliang-employee").json()
    params = {p["name"]: p for p in detail["parameters"]}
    assert params["deductible.employee"]["value"] == "200.00"
    assert params["deductible.employee"]["citation"] == {"article": "第七条", "quote": "职工医保普通门诊年度起付标准200元"}
    assert params["ratio.employee.3A"]["value"] == "0.55"
    assert params["cap.retiree"]["value"] == "2500.00"
    assert params["first_self_pay.class_b_drug"]["value"] == "0.10"


def test_policy_unknown_is_404_problem(client):
    r = client.get("/api/v1/policies/atlantis")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "atlantis" in r.json()["detail"] and "pingliang-employee" in r.json()["detail"]


def test_unknown_route_404(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    problem = r.json()
    assert problem["type"] == "/problems/not-found" and problem["status"] == 404
    assert problem["instance"] == "/api/v1/nothing-here"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"])


def test_wrong_method_405_with_allow(client):
    r = client.get("/api/v1/calculate")
    assert r.status_code == 405
    assert r.headers["allow"] == "POST"
    assert r.json()["type"] == "/problems/method-not-allowed"
    r = client.delete("/api/v1/policies")
    assert r.status_code == 405


def test_html_404_for_browsers_on_pages(client):
    r = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "找不到" in r.text
    # the API keeps problem+json even for browsers
    r = client.get("/api/v1/nope", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("application/problem+json")


def test_problem_type_pages(client):
    r = client.post("/api/v1/calculate", content=b"{")
    page = client.get(r.json()["type"])
    assert page.status_code == 200 and "JSON" in page.text
    assert client.get("/problems/no-such-type").status_code == 404


def test_openapi_documents_the_bodies(client):
    r = client.get("/schema/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    for path in ("/api/v1/calculate", "/api/v1/explain"):
        op = doc["paths"][path]["post"]
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/CalculationRequest")
        assert "422" in op["responses"] and "400" in op["responses"]
    schemas = doc["components"]["schemas"]
    assert {"CalculationRequest", "CalculationResult", "Visit", "Item", "Problem", "PolicyDetail"} <= set(schemas)
    amount = schemas["Item"]["properties"]["amount"]
    assert any(b.get("type") == "number" for b in amount["oneOf"])  # requests: string or number
    assert schemas["Totals"]["properties"]["fund_pays"]["type"] == "string"  # responses: decimal strings
    assert {"/api/v1/policies", "/api/v1/policies/{policy_id}", "/healthz", "/embed/explain"} <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/embed/explain"]["get"]["parameters"]}
    assert {"policy", "category", "level", "grade", "amount", "in_scope", "deductible_used"} <= params
    assert "/console" not in doc["paths"]


def test_schema_ui_is_self_contained(client):
    r = client.get("/schema")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "/api/v1/calculate" in r.text and "CalculationRequest" in r.text
    # nothing is loaded from another host: every script and stylesheet is our own
    assert 'src="http' not in r.text and 'src="//' not in r.text
    assert 'rel="stylesheet" href="/static/mingbai.css"' in r.text
    for cdn in ("unpkg", "jsdelivr", "cdnjs", "googleapis"):
        assert cdn not in r.text


def test_home_is_the_chat_with_a_way_to_the_console(client):
    r = client.get("/")
    assert r.status_code == 200
    assert 'role="log"' in r.text and 'href="/console"' in r.text


def test_static_css(client):
    r = client.get("/static/mingbai.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]
    assert "@media print" in r.text and "PingFang SC" in r.text
