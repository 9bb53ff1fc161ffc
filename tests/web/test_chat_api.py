"""``POST /api/v1/chat`` over HTTP: sessions (memory, file, Redis), errors, no cookies; the chat page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.stores.file import FileStore
from litestar.stores.memory import MemoryStore
from litestar.testing import TestClient

from assistant.chat.sessions import SESSION_ID, ChatSessions
from assistant.settings import Settings
from assistant.web.app import create_app

from .conftest import redis_server

CHAT = "/api/v1/chat"
FIRST = "我是南昌退休职工，三级医院花了一千二"


def call(client: TestClient, fn: Any, *args: Any) -> Any:
    """Run a store coroutine on the client's event loop (the one the app runs on)."""
    with client.portal() as portal:
        return portal.call(fn, *args)


def say(client: TestClient, message: str, session_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if session_id is not None:
        body["session_id"] = session_id
    r = client.post(CHAT, json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert "set-cookie" not in r.headers
    return r.json()


@pytest.fixture()
def chat_app() -> Litestar:
    return create_app(Settings(rate_limit=0), session_store="memory")


@pytest.fixture()
def chat(chat_app: Litestar) -> Iterator[TestClient]:
    with TestClient(chat_app) as c:
        yield c


# -- the dialogue through the API -------------------------------------------------------------

def test_dialogue_asks_one_fact_at_a_time_in_order(chat):
    steps = [
        ("南昌", "category"),
        ("退休", "amount"),
        ("一千二", "provider_level"),
        ("三级医院", "year_start"),
    ]
    sid = None
    for message, asking in steps:
        out = say(chat, message, sid)
        sid = sid or out["session_id"]
        assert out["session_id"] == sid  # the same session all the way
        reply = out["reply"]
        assert reply["asking"] == asking, (message, reply["text"])
        assert reply["result"] is None and reply["html"] is None
        assert reply["text"].endswith(("？", "?", "。")) and reply["text"]
    assert "今年第一次" in reply["quick_replies"]
    final = say(chat, "今年第一次", sid)["reply"]
    assert final["asking"] is None
    assert final["intent"] == "calculate"
    visit = final["result"]["visits"][-1]
    assert visit["fund_pays"] == "330.00"
    assert visit["personal_pays"] == "870.00"
    assert "¥330.00" in final["text"]
    html = final["html"]
    assert "<details" in html and "<summary>" in html and "<svg" in html and "¥330.00" in html


def test_one_message_then_a_quick_reply(chat):
    out = say(chat, FIRST)
    assert SESSION_ID.match(out["session_id"])
    assert out["reply"]["asking"] == "year_start"
    assert out["reply"]["quick_replies"][0] == "今年第一次"
    final = say(chat, out["reply"]["quick_replies"][0], out["session_id"])
    assert final["reply"]["result"]["visits"][0]["fund_pays"] == "330.00"


def test_correction_recomputes_in_the_session(chat):
    sid = say(chat, FIRST)["session_id"]
    say(chat, "今年第一次", sid)
    corrected = say(chat, "不对，是二级医院", sid)["reply"]
    assert corrected["result"]["visits"][-1]["fund_pays"] == "360.00"  # (1200 − 600) × 60%


def test_sessions_are_separate(chat):
    a = say(chat, FIRST)["session_id"]
    b = say(chat, "平凉在职，三甲医院1200元")["session_id"]
    assert a != b
    # b's facts do not leak into a
    assert say(chat, "今年第一次", a)["reply"]["result"]["policy"]["id"] == "nanchang-employee"
    assert say(chat, "今年第一次", b)["reply"]["result"]["policy"]["id"] == "pingliang-employee"


def test_reset_deletes_the_session(chat, chat_app):
    sid = say(chat, FIRST)["session_id"]
    sessions: ChatSessions = chat_app.state.chat_sessions
    assert call(chat, sessions.store.exists, sid)
    out = say(chat, "重新开始", sid)
    assert out["reply"]["intent"] == "reset"
    assert not call(chat, sessions.store.exists, sid)
    # the same id now starts from nothing: the amount alone is not enough
    again = say(chat, "今年第一次", sid)["reply"]
    assert again["result"] is None
    assert again["asking"] == "city"


def test_session_ids_are_random_and_well_formed(chat):
    ids = {say(chat, FIRST)["session_id"] for _ in range(20)}
    assert len(ids) == 20
    for sid in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", sid)
        assert len(sid) >= 24  # 18 random bytes


def test_unknown_but_well_formed_id_starts_a_fresh_session(chat):
    sid = "A" * 32
    out = say(chat, FIRST, sid)
    assert out["session_id"] != sid and SESSION_ID.match(out["session_id"])  # server-issued ids only
    assert out["reply"]["asking"] == "year_start"


def test_session_state_is_versioned_msgpack_and_expires(chat, chat_app):
    sid = say(chat, FIRST)["session_id"]
    store = chat_app.state.chat_sessions.store
    raw = call(chat, store.get, sid)
    assert isinstance(raw, bytes) and b"version" in raw
    expires = call(chat, store.expires_in, sid)
    assert expires is not None and 0 < expires <= 30 * 60


# -- errors ---------------------------------------------------------------------------------------

BAD: list[tuple[str, bytes, int, str]] = [
    ("empty", b"", 400, ""),
    ("not-json", b"message=hi", 400, ""),
    ("truncated", b'{"message": "hi"', 400, ""),
    ("array", b"[]", 422, ""),
    ("null", b"null", 422, ""),
    ("no-message", b"{}", 422, "message"),
    ("message-number", b'{"message": 12}', 422, "message"),
    ("message-blank", b'{"message": "   "}', 422, "message"),
    ("message-too-long", ('{"message": "%s"}' % ("一" * 501)).encode(), 422, "message"),
    ("session-bad-chars", '{"message": "你好", "session_id": "../../etc/passwd"}'.encode(), 422, "session_id"),
    ("session-too-short", '{"message": "你好", "session_id": "abc"}'.encode(), 422, "session_id"),
    ("session-number", '{"message": "你好", "session_id": 7}'.encode(), 422, "session_id"),
    ("unknown-field", '{"message": "你好", "user": "x"}'.encode(), 422, "user"),
]


@pytest.mark.parametrize(("body", "status", "path"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_bodies_are_problems_with_a_path(chat, body, status, path):
    r = chat.post(CHAT, content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "set-cookie" not in r.headers
    problem = r.json()
    assert problem["status"] == status
    assert re.search(r"[\u4e00-\u9fff]", problem["detail"]), problem["detail"]  # a Chinese sentence
    assert problem["instance"] == CHAT
    if path:
        assert path in [e["path"] for e in problem["errors"]], problem


def test_wrong_method(chat):
    r = chat.get(CHAT)
    assert r.status_code == 405
    assert r.headers["content-type"].startswith("application/problem+json")


# -- no cookies, anywhere ---------------------------------------------------------------------------

def test_no_set_cookie_anywhere(chat):
    sid = say(chat, FIRST)["session_id"]
    responses = [
        chat.get("/"), chat.get("/?embed=1"), chat.get("/widget.js"), chat.get("/static/chat.css"),
        chat.get("/static/chat.js"), chat.post(CHAT, json={"message": "今年第一次", "session_id": sid}),
        chat.post(CHAT, json={"message": ""}), chat.post(CHAT, content=b"{", headers={"content-type": "application/json"}),
        chat.post(CHAT, json={"message": "重新开始", "session_id": sid}),
    ]
    for r in responses:
        assert "set-cookie" not in r.headers, r.url
        assert not r.cookies, r.url


# -- the page and the widget script ----------------------------------------------------------------

def test_chat_page(chat):
    r = chat.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">' in html
    assert re.search(r'<(?:ol|div)[^>]*role="log"[^>]*aria-live="polite"', html)
    assert '<label class="visually-hidden" for="message">' in html and 'id="message"' in html
    assert 'href="/static/chat.css"' in html and 'src="/static/chat.js"' in html
    assert "<noscript>" in html and 'href="/console"' in html
    assert "您好，我是" in html and 'data-say="我是南昌退休职工，三级医院花了一千二"' in html
    # no inline script: the CSP is script-src 'self'
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert 'data-action="close"' not in html  # the close button is for the widget's frame only
    assert 'data-action="close"' in chat.get("/?embed=1").text


def test_chat_page_is_frameable_by_the_allowed_origins():
    settings = Settings(rate_limit=0, frame_ancestors=("'self'", "https://hospital.example.org"))
    with TestClient(create_app(settings, session_store="memory")) as c:
        r = c.get("/?embed=1")
        assert "frame-ancestors 'self' https://hospital.example.org" in r.headers["content-security-policy"]
        assert "x-frame-options" not in r.headers
        # other pages still refuse to be framed
        assert "frame-ancestors 'none'" in c.get("/console").headers["content-security-policy"]


def test_static_assets(chat):
    css = chat.get("/static/chat.css")
    assert css.status_code == 200 and "#95ec69" in css.text.lower() and "#ededed" in css.text.lower()
    assert "prefers-color-scheme: dark" in css.text and "safe-area-inset-bottom" in css.text
    js = chat.get("/static/chat.js")
    assert js.status_code == 200 and "sessionStorage" in js.text
    assert "document.cookie" not in js.text


def test_widget_script(chat):
    r = chat.get("/widget.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert "max-age" in r.headers["cache-control"]
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert r.headers["x-content-type-options"] == "nosniff"
    text = r.text
    assert "postMessage" in text and "embed" in text and "data-position" in text and "data-title" in text
    assert 'postMessage({ type: type }, "*")' not in text and ', "*")' not in text  # explicit origins only


# -- stores ------------------------------------------------------------------------------------------

def test_memory_store_in_tests(chat_app):
    assert isinstance(chat_app.state.chat_sessions.store, MemoryStore)


def test_cleanup_task_runs_while_the_app_runs(chat_app):
    with TestClient(chat_app):
        task = chat_app.state.chat_cleanup
        assert not task.done()
    assert task.cancelled() or task.done()


def test_file_store_survives_a_restart(tmp_path):
    settings = Settings(rate_limit=0, data_dir=str(tmp_path))
    first = create_app(settings)
    assert isinstance(first.state.chat_sessions.store, FileStore)
    with TestClient(first) as c:
        sid = say(c, FIRST)["session_id"]
    sessions_dir = tmp_path / "sessions"
    assert sessions_dir.is_dir() and any(sessions_dir.iterdir())
    assert (sessions_dir.stat().st_mode & 0o077) == 0  # health data: owner only
    # a new process, the same data directory
    with TestClient(create_app(settings)) as c:
        reply = say(c, "今年第一次", sid)["reply"]
    assert reply["result"]["visits"][0]["fund_pays"] == "330.00"


def test_data_dir_from_the_environment(tmp_path):
    settings = Settings.from_env({"MINGBAI_DATA_DIR": str(tmp_path / "state")})
    assert settings.data_dir == str(tmp_path / "state")
    app = create_app(settings)
    assert Path(app.state.chat_sessions.store.path) == tmp_path / "state" / "sessions"


@pytest.fixture()
def redis_url(tmp_path) -> Iterator[str]:
    with redis_server(tmp_path) as url:
        yield url


def test_redis_session_shared_between_two_app_instances(redis_url):
    import redis
    from litestar.stores.redis import RedisStore

    settings = Settings(rate_limit=0, redis_url=redis_url)
    one, two = create_app(settings), create_app(settings)
    assert isinstance(one.state.chat_sessions.store, RedisStore)
    with TestClient(one) as a, TestClient(two) as b:
        sid = say(a, FIRST)["session_id"]
        keys = redis.Redis.from_url(redis_url).keys("*")
        assert any(k.decode().startswith("mingbai_chat") and k.decode().endswith(sid) for k in keys), keys
        reply = say(b, "今年第一次", sid)["reply"]  # the other worker continues the dialogue
        assert reply["result"]["visits"][0]["fund_pays"] == "330.00"
        say(a, "重新开始", sid)
        assert not any(k.decode().endswith(sid) for k in redis.Redis.from_url(redis_url).keys("*"))


def test_content_language_follows_the_replys_language(chat):
    """An English message on a Chinese page gets an English reply, and says so; Chinese stays zh-CN."""
    english = chat.post(CHAT, json={"message": "Nanchong employee, level 2 hospital, 800 yuan, first bill this year"})
    assert english.headers["content-language"] == "en" and english.json()["reply"]["text"].startswith("The fund pays")
    chinese = chat.post(CHAT, json={"message": FIRST})
    assert chinese.headers["content-language"] == "zh-CN"
    page_en = chat.post(CHAT, json={"message": FIRST}, headers={"Accept-Language": "en"})
    assert page_en.headers["content-language"] == "en"
