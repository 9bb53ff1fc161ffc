"""Readable snapshot files for the bill-check texts (the extensions of tests/explanations)."""

from __future__ import annotations

import pytest

from tests.explanations.conftest import HtmlSnapshot, MarkdownSnapshot, TextSnapshot


@pytest.fixture
def snapshot_txt(snapshot):
    return snapshot.use_extension(TextSnapshot)


@pytest.fixture
def snapshot_md(snapshot):
    return snapshot.use_extension(MarkdownSnapshot)


@pytest.fixture
def snapshot_html(snapshot):
    return snapshot.use_extension(HtmlSnapshot)


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
