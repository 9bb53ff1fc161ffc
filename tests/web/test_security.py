"""Security headers, framing, cookies, CORS, rate limit, body limit, logging without content."""

from __future__ import annotations

import contextlib
import logging

import pytest
from litestar.testing import TestClient

from assistant.settings import Settings, SettingsError
from assistant.web.app import create_app

from .conftest import REQUEST

EMBED_QUERY = ("/embed/explain?policy=pingliang-employee&category=employee&level=3&grade=A"
               "&in_scope=800&class_b_drug=200&self_pay=50&account_balance=300")

ROUTES = [
    ("GET", "/healthz"), ("GET", "/"), ("GET", "/console"), ("GET", "/schema"), ("GET", "/schema/openapi.json"),
    ("GET", "/api/v1/policies"), ("GET", "/api/v1/policies/pingliang-employee"), ("GET", "/docs/embed"),
    ("GET", "/static/mingbai.css"), ("GET", "/no-such-route"), ("DELETE", "/healthz"), ("GET", EMBED_QUERY),
    ("GET", "/embed/explain/fragment?policy=nope"), ("POST", "/api/v1/calculate"),
]


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_security_headers_everywhere(client, method, url):
    r = client.request(method, url, json=REQUEST if method == "POST" else None)
    h = r.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert "camera=()" in h["permissions-policy"]
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "set-cookie" not in h
    if url.startswith("/embed/") or url == "/":  # the kiosk page, and the chat (the widget's iframe)
        assert "frame-ancestors 'self'" in csp
        assert "x-frame-options" not in h
    else:
        assert "frame-ancestors 'none'" in csp
        assert h["x-frame-options"] == "DENY"
    if url.startswith("/static/"):
        assert "no-store" not in h.get("cache-control", "")
    else:
        assert h["cache-control"] == "no-store"


def test_frame_ancestors_from_settings():
    settings = Settings(rate_limit=0, frame_ancestors=("'self'", "https://kiosk.example.org"))
    with TestClient(create_app(settings)) as c:
        r = c.get(EMBED_QUERY)
        assert "frame-ancestors 'self' https://kiosk.example.org" in r.headers["content-security-policy"]
        r = c.get("/console")
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_rate_limit_429():
    with TestClient(create_app(Settings(rate_limit=3))) as c:
        codes = [c.get("/api/v1/policies").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200]
        assert codes[3] == 429
        r = c.get("/api/v1/policies")
        assert r.status_code == 429
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["type"] == "/problems/rate-limited"
        assert int(r.headers["retry-after"]) >= 0
        # liveness probes are never limited
        assert c.get("/healthz").status_code == 200


def test_rate_limit_zero_is_off():
    with TestClient(create_app(Settings(rate_limit=0))) as c:
        assert all(c.get("/api/v1/policies").status_code == 200 for _ in range(20))


def test_max_body_from_settings():
    with TestClient(create_app(Settings(rate_limit=0, max_body=2048))) as c:
        big = {**REQUEST, "visits": REQUEST["visits"] * 40}
        r = c.post("/api/v1/calculate", json=big)
        assert r.status_code == 413
        assert c.post("/api/v1/calculate", json=REQUEST).status_code == 200


def test_cors():
    with TestClient(create_app(Settings(rate_limit=0, cors_origins=("https://app.example.org",)))) as c:
        r = c.options("/api/v1/calculate", headers={"Origin": "https://app.example.org",
                                                    "Access-Control-Request-Method": "POST"})
        assert r.headers["access-control-allow-origin"] == "https://app.example.org"
        r = c.post("/api/v1/calculate", json=REQUEST, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(Settings(rate_limit=0))) as c:  # default: no CORS at all
        r = c.post("/api/v1/calculate", json=REQUEST, headers={"Origin": "https://app.example.org"})
        assert "access-control-allow-origin" not in r.headers


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def collect_logs():
    """Every record of the server side (our loggers, Litestar's, uvicorn's, the root), formatted with
    tracebacks. Start it after create_app(), whose logging config replaces the loggers' handlers."""
    handler = _Collect()
    loggers = [logging.getLogger(n) for n in ("mingbai", "litestar", "uvicorn", "")]
    for lg in loggers:
        lg.addHandler(handler)
    old = {lg.name: lg.level for lg in loggers}
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    yield handler.lines
    for lg in loggers:
        lg.removeHandler(handler)
        lg.setLevel(old[lg.name])


def test_logs_carry_no_bodies_amounts_or_queries(client):
    with collect_logs() as server_logs:
        body = {**REQUEST, "account_balance": "98765.43"}
        client.post("/api/v1/calculate", json=body)
        client.post("/api/v1/calculate", content=b'{"policy": "secret-policy-77", "insured": 1}')
        client.get(EMBED_QUERY.replace("in_scope=800", "in_scope=4321.09"))
        client.get("/api/v1/policies/ID-110101199001011234")
        client.get("/person/110101199001011234")
        text = "\n".join(line for line in server_logs if "HTTP Request:" not in line)
        for secret in ("98765", "4321", "secret-policy", "110101199001011234", "in_scope"):
            assert secret not in text, text
        assert "POST /api/v1/calculate 200" in text


def test_catch_all_logs_type_only_and_answers_chinese_500():
    from litestar import get

    @get("/boom", sync_to_thread=False)
    def boom() -> None:
        raise RuntimeError("amount 12345.67 of patient 110101199001011234")

    app = create_app(Settings(rate_limit=0), extra=[boom])
    with collect_logs() as server_logs, TestClient(app) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["type"] == "/problems/server-error"
    assert "服务器" in r.json()["detail"]
    text = "\n".join(line for line in server_logs if "HTTP Request:" not in line)
    assert "RuntimeError" in text
    assert "12345" not in text and "110101" not in text and "12345" not in r.text


# -- settings ------------------------------------------------------------------------------------

def test_settings_defaults():
    s = Settings.from_env({})
    from assistant.settings import default_workers

    assert (s.host, s.port, s.rate_limit, s.max_body) == ("127.0.0.1", 8000, 120, 1024 * 1024)
    assert s.workers == default_workers() >= 1 and s.max_in_flight == 16
    assert s.client_header is None and s.kiosk_keys == ()
    assert s.frame_ancestors == ("'self'",) and s.cors_origins == () and s.redis_url is None


def test_settings_from_env():
    s = Settings.from_env({
        "MINGBAI_HOST": "0.0.0.0", "MINGBAI_PORT": "9000", "MINGBAI_FRAME_ANCESTORS": "'self'  https://k.example.org",
        "MINGBAI_CORS_ORIGINS": "https://a.example.org, https://b.example.org/", "MINGBAI_RATE_LIMIT": "0",
        "MINGBAI_MAX_BODY": "4096", "MINGBAI_WORKERS": "4", "MINGBAI_REDIS_URL": "redis://127.0.0.1:6379/0",
        "MINGBAI_POLICY_DIRS": "/etc/mingbai/packs"})
    assert s.host == "0.0.0.0" and s.port == 9000 and s.rate_limit == 0 and s.max_body == 4096 and s.workers == 4
    assert s.frame_ancestors == ("'self'", "https://k.example.org")
    assert s.cors_origins == ("https://a.example.org", "https://b.example.org")
    assert s.redis_url == "redis://127.0.0.1:6379/0" and s.policy_dirs == ("/etc/mingbai/packs",)


@pytest.mark.parametrize(("name", "value", "words"), [
    ("MINGBAI_PORT", "eighty", "整数"),
    ("MINGBAI_PORT", "70000", "之间"),
    ("MINGBAI_RATE_LIMIT", "-1", "之间"),
    ("MINGBAI_MAX_BODY", "1MB", "整数"),
    ("MINGBAI_WORKERS", "0", "之间"),
    ("MINGBAI_FRAME_ANCESTORS", "https://a.example.org; script-src *", "CSP"),
    ("MINGBAI_FRAME_ANCESTORS", "'none' https://a.example.org", "'none'"),
    ("MINGBAI_CORS_ORIGINS", "https://a.example.org/path", "来源"),
    ("MINGBAI_REDIS_URL", "localhost:6379", "redis://"),
])
def test_settings_bad_values_are_chinese(name, value, words):
    with pytest.raises(SettingsError) as info:
        Settings.from_env({name: value})
    assert name in str(info.value) and words in str(info.value)


def test_redis_store_when_configured():
    from litestar.stores.memory import MemoryStore
    from litestar.stores.redis import RedisStore

    app = create_app(Settings(redis_url="redis://127.0.0.1:6390/0"))  # not connected until used
    assert isinstance(app.stores.get("rate_limit"), RedisStore)
    assert isinstance(create_app(Settings()).stores.get("rate_limit"), MemoryStore)


# -- issue 11: who a client is, server-issued session ids, overload -----------------------------------

KIOSK_A, KIOSK_B = "kiosk-a-0123456789abcdef", "kiosk-b-0123456789abcdef"


def test_kiosks_behind_one_nat_each_get_their_own_limit():
    with TestClient(create_app(Settings(rate_limit=2, kiosk_keys=(KIOSK_A, KIOSK_B)))) as c:
        a = [c.get("/api/v1/policies", headers={"X-Kiosk-Key": KIOSK_A}).status_code for _ in range(3)]
        b = [c.get("/api/v1/policies", headers={"X-Kiosk-Key": KIOSK_B}).status_code for _ in range(3)]
        assert a == [200, 200, 429] and b == [200, 200, 429]
        # an unknown key is not an identity: it counts as the peer address
        stranger = [c.get("/api/v1/policies", headers={"X-Kiosk-Key": "made-up-key-0000000000"}).status_code
                    for _ in range(3)]
        assert stranger == [200, 200, 429]


def test_trusted_proxy_header_names_the_client():
    with TestClient(create_app(Settings(rate_limit=2, client_header="X-Forwarded-For"))) as c:
        one = [c.get("/api/v1/policies", headers={"X-Forwarded-For": "spoofed, 10.0.0.1"}).status_code
               for _ in range(3)]
        two = [c.get("/api/v1/policies", headers={"X-Forwarded-For": "10.0.0.2"}).status_code for _ in range(3)]
        assert one == [200, 200, 429] and two == [200, 200, 429]


def test_identity_settings_are_checked():
    s = Settings.from_env({"MINGBAI_CLIENT_HEADER": "X-Real-IP", "MINGBAI_KIOSK_KEYS": f"{KIOSK_A}, {KIOSK_B}",
                           "MINGBAI_MAX_IN_FLIGHT": "8"})
    assert s.client_header == "X-Real-IP" and s.kiosk_keys == (KIOSK_A, KIOSK_B) and s.max_in_flight == 8
    with pytest.raises(SettingsError, match="MINGBAI_KIOSK_KEYS"):
        Settings.from_env({"MINGBAI_KIOSK_KEYS": "short"})
    with pytest.raises(SettingsError, match="MINGBAI_CLIENT_HEADER"):
        Settings.from_env({"MINGBAI_CLIENT_HEADER": "X-Forwarded-For: 1.2.3.4"})


def test_client_chosen_session_id_is_never_adopted(client):
    chosen = "attacker-chosen-id-0001"
    r = client.post("/api/v1/chat", json={"message": "南昌在职，一级医院100元", "session_id": chosen})
    assert r.status_code == 200
    assert r.json()["session_id"] not in (None, chosen)


def test_in_flight_limit_answers_503_with_retry_after():
    import anyio
    from litestar import get

    gate = anyio.Event()

    @get("/slow")
    async def slow() -> dict[str, str]:
        await gate.wait()
        return {"ok": "yes"}

    app = create_app(Settings(rate_limit=0, max_in_flight=2), session_store="memory", extra=[slow])
    guard = app.asgi_handler
    with TestClient(app) as c, c.portal() as portal:
        async def probe() -> list[int]:
            import httpx

            transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as h, \
                    anyio.create_task_group() as tg:
                tg.cancel_scope.deadline = anyio.current_time() + 20  # bounded
                for _ in range(2):
                    tg.start_soon(h.get, "/slow")
                while guard.in_flight < 2:  # type: ignore[attr-defined]
                    await anyio.sleep(0.01)
                over = await h.get("/api/v1/policies")
                health = await h.get("/healthz")
                gate.set()
                return [over.status_code, int(over.headers["retry-after"]), health.status_code,
                        int("服务器" in over.json()["detail"])]

        assert portal.call(probe) == [503, 1, 200, 1]


def test_a_keep_alive_connection_counts_once_in_flight():
    """A server starts a keep-alive connection's next request as soon as the last byte of the
    previous response is out, before the previous call has returned: the finished request must
    not count any more (16 connections were refused 503s against a limit of 16)."""
    import anyio

    app = create_app(Settings(rate_limit=0, max_in_flight=1), session_store="memory")
    guard = app.asgi_handler

    def scope(path: str) -> dict:
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
                "headers": [(b"host", b"t")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    statuses: list[int] = []

    async def next_request() -> None:
        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
        await app(scope("/api/v1/policies"), receive, send)  # type: ignore[arg-type]

    async def first_send(message: dict) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])
        elif not message.get("more_body", False):
            await next_request()  # as uvicorn does: the connection's next request, at once

    async def run() -> None:
        await app(scope("/api/v1/policies"), receive, first_send)  # type: ignore[arg-type]

    anyio.run(run)
    assert statuses == [200, 200] and guard.in_flight == 0  # type: ignore[attr-defined]


def test_access_lines_of_one_turn_of_the_loop_go_to_the_log_at_the_next():
    import asyncio

    from assistant.web import middleware

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    access = logging.getLogger("mingbai.access")
    keep, level = Keep(), access.level
    access.addHandler(keep)
    access.setLevel(logging.INFO)
    try:
        async def turns() -> list[list[str]]:
            middleware._access("POST", "/api/v1/calculate", 200, 0.25)
            middleware._access("GET", "/healthz", 200, 0.05)
            before = list(seen)
            await asyncio.sleep(0)
            return [before, list(seen)]

        before, after = asyncio.run(turns())
        assert before == [] and after == ["POST /api/v1/calculate 200 0.2ms", "GET /healthz 200 0.1ms"]
        middleware._access("GET", "/", 200, 1.0)  # no running loop: at once
        assert seen[-1] == "GET / 200 1.0ms"
    finally:
        access.removeHandler(keep)
        access.setLevel(level)


def test_a_client_gone_before_its_body_is_read_is_no_server_error(caplog):
    """A client that closes the connection half-way through its body (a load test's client dying, a
    phone losing signal) made Litestar raise its 500 exception, logged as a server error: it is a
    request not received — 400, logged at INFO, no ERROR line."""
    import anyio

    app = create_app(Settings(rate_limit=0), session_store="memory")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/v1/chat", "raw_path": b"/api/v1/chat", "query_string": b"",
             "root_path": "", "headers": [(b"host", b"t"), (b"content-type", b"application/json"),
                                          (b"content-length", b"100")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}
    events = iter([{"type": "http.request", "body": b'{"message": "\xe5\x8d', "more_body": True},
                   {"type": "http.disconnect"}])

    async def receive() -> dict:
        return next(events, {"type": "http.disconnect"})

    statuses: list[int] = []

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    with caplog.at_level(logging.INFO):
        anyio.run(lambda: app(scope, receive, send))  # type: ignore[arg-type]
    assert statuses == [400]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
