"""The real server: ``mingbai serve`` on a free port, called over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from .conftest import REQUEST, running_server

pytestmark = pytest.mark.server


def _post(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_mingbai_serve_answers_over_http():
    with running_server() as base:
        status, headers, body = _post(f"{base}/api/v1/calculate", json.dumps(REQUEST).encode())
        assert status == 200
        result = json.loads(body)
        assert result["visits"][0]["fund_pays"] == "429.00"
        assert result["totals"]["cash_pays"] == "321.00"
        assert headers["x-content-type-options"] == "nosniff"
        assert "server" not in {k.lower() for k in headers}

        status, headers, body = _post(f"{base}/api/v1/calculate", b'{"policy": ')
        assert status == 400
        assert headers["content-type"].startswith("application/problem+json")

        status, _, body = _post(f"{base}/api/v1/explain", json.dumps(REQUEST).encode(),
                                {"Accept-Language": "en"})
        assert status == 200 and json.loads(body)["locale"] == "en"

        with urllib.request.urlopen(f"{base}/embed/explain?policy=pingliang-employee&category=employee"
                                    "&level=3&grade=A&amount=1000&date=2026-05-10", timeout=10) as r:
            page = r.read().decode()
        assert "¥440.00" in page  # (1000 − 200) × 55%


def test_settings_reach_the_server():
    with running_server(MINGBAI_FRAME_ANCESTORS="'self' https://kiosk.example.org", MINGBAI_MAX_BODY="2048") as base:
        with urllib.request.urlopen(f"{base}/embed/explain", timeout=10) as r:
            assert "frame-ancestors 'self' https://kiosk.example.org" in r.headers["content-security-policy"]
        status, _, _ = _post(f"{base}/api/v1/calculate", b" " * 4096)
        assert status == 413


def test_bad_setting_stops_start_up_in_chinese():
    import os
    import subprocess

    from .conftest import MINGBAI

    out = subprocess.run([str(MINGBAI), "serve", "--port", "1"], check=False, env={**os.environ, "MINGBAI_RATE_LIMIT": "many"},
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "MINGBAI_RATE_LIMIT" in out.stderr and "整数" in out.stderr
