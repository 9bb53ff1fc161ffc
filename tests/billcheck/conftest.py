"""Readable snapshot files for the bill-check texts (the extensions of tests/explanations)."""

from __future__ import annotations

import pytest

# the same readable snapshot files as the explanations' (their fixtures, registered here too)
from tests.explanations.conftest import snapshot_html, snapshot_md, snapshot_txt  # noqa: F401


@pytest.fixture(scope="session")
def app():
    from assistant.settings import Settings
    from assistant.web.app import create_app

    return create_app(Settings(rate_limit=0), session_store="memory")


@pytest.fixture()
def client(app):
    from litestar.testing import TestClient

    with TestClient(app) as c:
        yield c
