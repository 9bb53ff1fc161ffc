"""Chat sessions: the dialogue state, msgspec-encoded with a version tag, in a Litestar store.

No cookies (kiosk iframes and WeChat's iOS WebView drop them): the client carries the session id
in the request body. The store is a file store by default (a restart loses nothing), Redis when
``MINGBAI_REDIS_URL`` is set, a memory store in tests. Sessions expire after 30 idle minutes —
every turn renews the expiry — and “清除/重新开始” deletes one at once. A bill is health data:
nothing here is logged.

**One turn at a time, in arrival order.** A turn reads the state, changes it and writes it back;
two turns on one session at once would both read the same state and the later write would drop
the earlier turn's visit. :meth:`ChatSessions.locked` holds the session for the whole
read–turn–write, and hands it on in the order the turns asked for it — a ticket queue per
session (:class:`_Queue`: the next ticket, the ticket being served, whether it was claimed and
since when), changed atomically:

* across processes sharing a file store, under ``fcntl.flock`` on one of :data:`LOCK_STRIPES`
  lock files (``<sessions>-locks/NNNN.lock``), the queue in ``<sessions>-locks/<hash>.queue``;
* across processes and hosts sharing Redis, by compare-and-set (``WATCH``/``MULTI``) on the key
  ``mingbai_chat_queue:<id>``;
* in one process (the memory store), by an :class:`asyncio.Lock` per session (first come, first
  served).

A ticket whose turn comes but is not claimed within :data:`CLAIM_SECONDS` (its turn gave up
waiting, or its worker died) is skipped; a holder that has not passed the session on after
:data:`LOCK_LEASE_SECONDS` is presumed dead. An empty queue is deleted.

Waiting is bounded (:data:`LOCK_WAIT_SECONDS`): past it :class:`SessionBusy` is raised and the web
layer answers 503 with ``Retry-After`` — the message was not applied, nothing is lost.

**Server-issued ids only.** :meth:`load` returns ``None`` for an id the store does not hold (never
issued, or expired); the caller starts a new session under a new id from :meth:`new_id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec
from litestar.stores.base import Store

from .dialogue import STATE_VERSION, SessionState

__all__ = ["IDLE_SECONDS", "LOCK_STRIPES", "LOCK_WAIT_SECONDS", "SESSION_ID", "ChatSessions", "SessionBusy"]

IDLE_SECONDS = 30 * 60
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: lock files for the file store: sessions share a stripe by a hash of their id
LOCK_STRIPES = 1024
#: how long a turn waits for the turns before it on the same session
LOCK_WAIT_SECONDS = 10.0
#: a Redis lock expires by itself after this long (a worker that died holding it)
LOCK_LEASE_SECONDS = 30
_POLL = 0.01
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(SessionState)


class SessionBusy(Exception):
    """Earlier turns on this session kept it longer than :data:`LOCK_WAIT_SECONDS`."""


class _LocalLocks:
    """One FIFO :class:`asyncio.Lock` per session id, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str, timeout: float) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            try:
                await asyncio.wait_for(lock.acquire(), timeout)
            except TimeoutError:
                raise SessionBusy from None
            try:
                yield
            finally:
                lock.release()
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


class ChatSessions:
    def __init__(self, store: Store, idle_seconds: int = IDLE_SECONDS,
                 lock_wait: float = LOCK_WAIT_SECONDS) -> None:
        self.store = store
        self.idle_seconds = int(idle_seconds)
        self.lock_wait = lock_wait
        self._local = _LocalLocks()
        self._lock_dir: Path | None = None
        from litestar.stores.file import FileStore

        if isinstance(store, FileStore):
            path = Path(store.path)
            self._lock_dir = path.with_name(path.name + "-locks")

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(18)

    @contextlib.asynccontextmanager
    async def locked(self, session_id: str) -> AsyncIterator[None]:
        """Hold ``session_id`` against every other turn, in this process and in others."""
        if self._lock_dir is not None:
            update = self._file_update
        elif _redis_of(self.store) is not None:
            update = self._redis_update
        else:  # memory: one process
            async with self._local.hold(session_id, self.lock_wait):
                yield
            return
        async with _ticket(session_id, update, self.lock_wait):
            yield

    async def _file_update(self, session_id: str, change: _Change) -> Any:
        """``change`` applied to the session's queue file under the stripe's ``flock``."""
        import fcntl

        assert self._lock_dir is not None
        self._lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        digest = hashlib.blake2b(session_id.encode(), digest_size=16)
        stripe = int.from_bytes(digest.digest()[:4], "big") % LOCK_STRIPES
        queue_file = self._lock_dir / f"{digest.hexdigest()}.queue"
        fd = os.open(self._lock_dir / f"{stripe:04d}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + LOCK_LEASE_SECONDS
            while True:  # held by others only for a read and a write; bounded by the deadline
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise SessionBusy from None
                    await asyncio.sleep(_POLL)
            try:
                try:
                    raw: bytes | None = queue_file.read_bytes()
                    queue: _Queue | None = _QUEUE.decode(raw)  # type: ignore[arg-type]
                except (OSError, msgspec.DecodeError):
                    raw, queue = None, None
                queue, result = change(queue)
                if queue is not None and raw is not None and msgspec.json.encode(queue) == raw:
                    return result  # still waiting: nothing to write
                if queue is None:
                    with contextlib.suppress(FileNotFoundError):
                        queue_file.unlink()
                else:
                    tmp = queue_file.with_suffix(".tmp")
                    tmp.write_bytes(msgspec.json.encode(queue))
                    os.chmod(tmp, 0o600)
                    tmp.replace(queue_file)
                return result
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    async def _redis_update(self, session_id: str, change: _Change) -> Any:
        """``change`` applied to the session's queue key, compare-and-set with WATCH/MULTI."""
        from redis.exceptions import WatchError

        redis = _redis_of(self.store)
        key = f"{self.store.namespace}_queue:{session_id}"  # type: ignore[attr-defined]
        async with redis.pipeline(transaction=True) as pipe:
            for _ in range(1000):  # another worker changed it meanwhile: read again (bounded)
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    try:
                        queue = _QUEUE.decode(raw) if raw is not None else None
                    except msgspec.DecodeError:
                        queue = None
                    queue, result = change(queue)
                    if queue is not None and raw is not None and msgspec.json.encode(queue) == raw:
                        await pipe.unwatch()
                        return result  # still waiting: nothing to write
                    pipe.multi()
                    if queue is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, msgspec.json.encode(queue), ex=2 * LOCK_LEASE_SECONDS)
                    await pipe.execute()
                    return result
                except WatchError:
                    continue
        raise SessionBusy

    async def load(self, session_id: str | None) -> SessionState | None:
        """The session's state; ``None`` for an unknown, expired or outdated id."""
        if not session_id:
            return None
        raw = await self.store.get(session_id, renew_for=self.idle_seconds)
        if raw is None:
            return None
        try:
            state = _DECODER.decode(raw)
        except msgspec.DecodeError:
            return None
        if state.version != STATE_VERSION:
            return None
        return state

    async def save(self, session_id: str, state: SessionState) -> None:
        await self.store.set(session_id, _ENCODER.encode(state), expires_in=self.idle_seconds)

    async def delete(self, session_id: str) -> None:
        await self.store.delete(session_id)


def _redis_of(store: Store) -> Any:
    return getattr(store, "_redis", None)


# -- a ticket queue per session: one turn at a time, in the order the turns asked -------------------

#: a ticket whose turn came but who did not claim it within this long (it gave up, or its worker
#: died while waiting) is skipped
CLAIM_SECONDS = 2.0


class _Queue(msgspec.Struct):
    """The session's queue: tickets ``serving`` … ``next - 1`` are waiting, ``serving`` goes next."""

    next: int = 0
    serving: int = 0
    claimed: bool = False
    #: wall-clock time ``serving`` last changed or was claimed (shared by hosts: NTP-close clocks)
    since: float = 0.0


_QUEUE = msgspec.json.Decoder(_Queue)
_Change = Callable[[_Queue | None], tuple[_Queue | None, Any]]


def _take(queue: _Queue | None) -> tuple[_Queue | None, Any]:
    queue = queue or _Queue(since=time.time())
    if queue.serving == queue.next:  # nobody waiting: the turn is free now
        queue.claimed, queue.since = False, time.time()
    mine = queue.next
    queue.next += 1
    return queue, mine


def _poll(mine: int) -> _Change:
    def change(queue: _Queue | None) -> tuple[_Queue | None, Any]:
        if queue is None or queue.serving > mine:
            return queue, "lost"  # skipped (too slow to claim): take a new ticket
        now = time.time()
        stale = CLAIM_SECONDS if not queue.claimed else LOCK_LEASE_SECONDS
        if queue.serving < mine and now - queue.since > stale:  # gave up, or died holding it
            queue.serving, queue.claimed, queue.since = queue.serving + 1, False, now
        if queue.serving == mine:
            queue.claimed, queue.since = True, now
            return queue, "hold"
        return queue, "wait"

    return change


def _release(mine: int) -> _Change:
    def change(queue: _Queue | None) -> tuple[_Queue | None, Any]:
        if queue is None or queue.serving != mine:
            return queue, None
        queue.serving, queue.claimed, queue.since = queue.serving + 1, False, time.time()
        return (None if queue.serving >= queue.next else queue), None

    return change


@contextlib.asynccontextmanager
async def _ticket(session_id: str, update: Callable[[str, _Change], Awaitable[Any]],
                  wait: float) -> AsyncIterator[None]:
    """Take a ticket, wait (bounded) until it is served, hold the session, then pass it on."""
    deadline = time.monotonic() + wait
    mine = await update(session_id, _take)
    while True:
        state = await update(session_id, _poll(mine))
        if state == "hold":
            break
        if state == "lost":
            mine = await update(session_id, _take)
        if time.monotonic() >= deadline:
            raise SessionBusy  # the ticket is skipped once its turn comes unclaimed
        await asyncio.sleep(_POLL)
    try:
        yield
    finally:
        await update(session_id, _release(mine))
