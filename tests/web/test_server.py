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


# -- issue 11: workers, compression, HEAD, 304, over real HTTP -----------------------------------------

def _get(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_two_workers_compress_revalidate_and_answer_head(tmp_path):
    import gzip

    import brotli

    with running_server(MINGBAI_WORKERS="2", MINGBAI_DATA_DIR=str(tmp_path)) as base:
        status, headers, body = _get(f"{base}/", {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-encoding"] == "gzip"
        page = gzip.decompress(body).decode()
        assert "<html" in page.lower() and len(body) < len(page.encode())
        status, headers, body = _get(f"{base}/schema/openapi.json", {"Accept-Encoding": "br, gzip"})
        assert headers["content-encoding"] == "br"
        assert json.loads(brotli.decompress(body))["openapi"].startswith("3.1")
        status, headers, _ = _get(f"{base}/healthz", {"Accept-Encoding": "gzip, br"})
        assert status == 200 and "content-encoding" not in headers  # below the minimum size

        status, headers, body = _get(f"{base}/static/chat.css")
        assert status == 200 and "max-age=3600" in headers["cache-control"] and headers["etag"]
        for _ in range(4):  # either worker: the same ETag, and 304
            again, h304, empty = _get(f"{base}/static/chat.css", {"If-None-Match": headers["etag"]})
            assert again == 304 and empty == b"" and h304["etag"] == headers["etag"]

        for url in ("/", "/healthz", "/api/v1/policies", "/static/chat.js", "/schema"):
            get_status, get_headers, _ = _get(f"{base}{url}")
            status, head_headers, body = _get(f"{base}{url}", method="HEAD")
            assert status == get_status == 200 and body == b"", url
            assert head_headers["content-type"] == get_headers["content-type"]


def test_serve_workers_flag_is_checked():
    import os
    import signal
    import subprocess

    from .conftest import MINGBAI, free_port

    proc = subprocess.Popen([str(MINGBAI), "serve", "--port", str(free_port()), "--workers", "0"],
                            env={**os.environ, "MINGBAI_RATE_LIMIT": "0"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # it started a server: stop it and its workers, then fail
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError("mingbai serve --workers 0 started a server") from None
    assert proc.returncode == 2 and "--workers" in err
    help_text = subprocess.run([str(MINGBAI), "serve", "--help"], check=True, capture_output=True, text=True,
                               timeout=30).stdout
    assert "--workers" in help_text
