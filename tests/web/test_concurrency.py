"""Concurrent chat turns on one session against real servers: every visit counted, none lost.

Three set-ups, each ``mingbai serve`` on free loopback ports as a deployment would run it:

* the file store, one server with two worker processes;
* two servers (two processes) sharing one file-store directory, turns sent to both;
* Redis (a real ``redis-server`` started here), one server with two workers.

A session is started with one visit, then :data:`TURNS` “又看了一次” turns are fired at once. Each
turn adds one visit, and each reply settles every visit known at that point, so if the turns are
applied one at a time the replies' visit counts are exactly 2, 3, … TURNS + 1 — a lost update
shows as a repeated count and a short final total.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import redis_server, running_server

pytestmark = pytest.mark.server

TURNS = 12
#: visits in the session before the arrival-order tests: a turn then takes ~0.1 s of CPU
LONG = 60
FIRST = "南昌在职，一级医院100元，今年第一次，5月10日"
AGAIN = "又看了一次，一级医院100元"


def _chat(base: str, message: str, session_id: str | None = None) -> tuple[int, dict]:
    body: dict = {"message": message}
    if session_id:
        body["session_id"] = session_id
    req = urllib.request.Request(f"{base}/api/v1/chat", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _visits(reply: dict) -> int:
    result = reply["reply"]["result"]
    assert result is not None, reply["reply"]["text"]
    return len(result["visits"])


def fire_turns(bases: list[str]) -> list[int]:
    """Start a session, fire TURNS turns at once (spread over ``bases``); the visit count each saw."""
    status, first = _chat(bases[0], FIRST)
    assert status == 200 and first["session_id"], first
    sid = first["session_id"]
    assert _visits(first) == 1
    with ThreadPoolExecutor(max_workers=TURNS) as pool:
        futures = [pool.submit(_chat, bases[i % len(bases)], AGAIN, sid) for i in range(TURNS)]
        answers = [f.result() for f in futures]
    assert [s for s, _ in answers] == [200] * TURNS, answers
    assert all(a["session_id"] == sid for _, a in answers)
    seen = sorted(_visits(a) for _, a in answers)
    status, last = _chat(bases[-1], AGAIN, sid)
    assert status == 200
    seen.append(_visits(last))
    return seen


def assert_none_lost(seen: list[int]) -> None:
    lost = (TURNS + 2) - seen[-1]
    assert lost == 0, f"{lost} visits lost: {seen}"
    assert seen == list(range(2, TURNS + 3)), f"turns overlapped: {seen}"


def test_file_store_one_server_two_workers(tmp_path):
    with running_server(MINGBAI_WORKERS="2", MINGBAI_SESSION_STORE="file", MINGBAI_DATA_DIR=str(tmp_path)) as base:
        assert_none_lost(fire_turns([base]))


def test_two_servers_share_the_file_store(tmp_path):
    env = {"MINGBAI_WORKERS": "1", "MINGBAI_SESSION_STORE": "file", "MINGBAI_DATA_DIR": str(tmp_path)}
    with running_server(**env) as one, running_server(**env) as two:
        assert_none_lost(fire_turns([one, two]))
    sessions = tmp_path / "sessions"
    assert len([p for p in sessions.iterdir() if not p.name.startswith(".")]) == 1  # one session, one file


def test_redis_one_server_two_workers(tmp_path):
    with redis_server(tmp_path) as url, running_server(MINGBAI_WORKERS="2", MINGBAI_REDIS_URL=url) as base:
        assert_none_lost(fire_turns([base]))
        import redis

        keys = [k.decode() for k in redis.Redis.from_url(url).keys("*")]
        assert not any("_lock:" in k for k in keys), keys  # every lock released


def test_a_greeting_stores_nothing(tmp_path):
    with running_server(MINGBAI_WORKERS="1", MINGBAI_SESSION_STORE="file", MINGBAI_DATA_DIR=str(tmp_path)) as base:
        for _ in range(5):
            status, out = _chat(base, "你好")
            assert status == 200 and out["session_id"] is None
        sessions = tmp_path / "sessions"
        assert not sessions.exists() or not any(sessions.iterdir())


def _in_order(bases: list[str], spacing: float = 0.1) -> None:
    """Turns sent ``spacing`` apart (spread over ``bases``) on a session long enough that each turn takes
    longer than that, so that they queue behind each other: the ledger holds their amounts in the
    order sent. (Closer than the servers' scheduling jitter, “sent first” would not mean “asked
    first”: the order is the order the turns reach the session's queue.)"""
    status, first = _chat(bases[0], FIRST)
    sid = first["session_id"]
    for _ in range(LONG - 1):  # a long session: every turn settles every visit again
        assert _chat(bases[0], AGAIN, sid)[0] == 200
    amounts = [101 + i for i in range(6)]
    with ThreadPoolExecutor(max_workers=len(amounts)) as pool:
        futures = []
        for i, amount in enumerate(amounts):
            futures.append(pool.submit(_chat, bases[i % len(bases)], f"又看了一次，一级医院{amount}元", sid))
            time.sleep(spacing)
        answers = [f.result() for f in futures]
    assert [s for s, _ in answers] == [200] * len(amounts), answers
    final = max((a["reply"]["result"]["visits"] for _, a in answers), key=len)
    assert [v["total"] for v in final[LONG:]] == [f"{a}.00" for a in amounts], "turns applied out of order"


def test_arrival_order_one_worker(tmp_path):
    with running_server(MINGBAI_WORKERS="1", MINGBAI_SESSION_STORE="file", MINGBAI_DATA_DIR=str(tmp_path)) as base:
        _in_order([base])


def test_arrival_order_across_two_servers_sharing_the_file_store(tmp_path):
    env = {"MINGBAI_WORKERS": "1", "MINGBAI_SESSION_STORE": "file", "MINGBAI_DATA_DIR": str(tmp_path)}
    with running_server(**env) as one, running_server(**env) as two:
        # two processes: “asked first” follows “sent first” only beyond their scheduling jitter,
        # which on a busy CI machine reaches a tenth of a second
        _in_order([one, two], spacing=0.3)
    assert not list((tmp_path / "sessions-locks").glob("*.queue"))  # every queue emptied and removed


def test_arrival_order_redis_two_workers(tmp_path):
    with redis_server(tmp_path) as url, running_server(MINGBAI_WORKERS="2", MINGBAI_REDIS_URL=url) as base:
        _in_order([base], spacing=0.3)
        import redis

        assert not [k for k in redis.Redis.from_url(url).keys("*") if b"_queue:" in k]


def test_a_ticket_whose_turn_comes_unclaimed_is_skipped(monkeypatch):
    from assistant.chat import sessions

    clock = [1000.0]
    monkeypatch.setattr(sessions.time, "time", lambda: clock[0])
    queue, first = sessions._take(None)
    queue, second = sessions._take(queue)
    queue, third = sessions._take(queue)
    assert (first, second, third) == (0, 1, 2)
    queue, state = sessions._poll(first)(queue)
    assert state == "hold"
    queue, state = sessions._poll(third)(queue)
    assert state == "wait"
    queue, _ = sessions._release(first)(queue)  # the second gave up and will never claim
    queue, state = sessions._poll(third)(queue)
    assert state == "wait"  # not yet: the second may still be on its way
    clock[0] += sessions.CLAIM_SECONDS + 0.1
    queue, state = sessions._poll(third)(queue)
    assert state == "hold"
    queue, state = sessions._poll(second)(queue)
    assert state == "lost"  # too late: it must queue again
    queue, _ = sessions._release(third)(queue)
    assert queue is None  # nobody waiting: the queue is gone
