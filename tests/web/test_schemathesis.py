"""The published OpenAPI document against the app, by schemathesis (bounded, < 60 s).

Every operation is called with cases generated from the document (its examples first, then a
bounded number of generated cases, valid and invalid): no case may get a 5xx, and every answer must
match the document (status, content type, schema). The document's example bodies reach the
calculator (or the dialogue) and answer 200 — the positive cases are real.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.docs import EXAMPLES

pytestmark = pytest.mark.slow

APP = create_app(Settings(rate_limit=0, max_in_flight=0), session_store="memory")
SCHEMA = schemathesis.openapi.from_asgi("/schema/openapi.json", APP)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]
#: generated cases per operation (examples come on top)
MAX_EXAMPLES = 12


@SCHEMA.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_5xx_and_answers_match_the_document(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("path", sorted(EXAMPLES))
def test_the_documented_example_reaches_the_calculator(path: str) -> None:
    operation = SCHEMA[path]["POST"]
    media = operation.definition.raw["requestBody"]["content"]["application/json"]
    body = media["examples"]["example"]["value"]
    case = operation.Case(body=body, media_type="application/json")
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == 200, response.text


def test_schema_is_self_contained() -> None:
    """``/schema`` names no file the repository lacks, and every link on it resolves."""
    import re

    from litestar.testing import TestClient

    with TestClient(create_app(Settings(rate_limit=0), session_store="memory")) as client:
        doc = client.get("/schema/openapi.json").text
        page = client.get("/schema").text
        assert not re.search(r"[\w./-]+\.md\b", doc + page)  # e.g. CONTRACT.md is not served
        links = set(re.findall(r'(?:href|src)="(/[^"#?]*)', page))
        assert links and all(client.get(link).status_code == 200 for link in links), links
    ops = {(path, method) for path, item in SCHEMA.raw_schema["paths"].items() for method in item}
    assert ("/api/v1/chat", "post") in ops
    chat = SCHEMA.raw_schema["paths"]["/api/v1/chat"]["post"]
    body = chat["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/ChatRequest")
    assert {"400", "413", "422", "429", "503"} <= set(chat["responses"])
