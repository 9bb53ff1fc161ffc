"""Chat sessions: the dialogue state, msgspec-encoded with a version tag, in a Litestar store.

No cookies (kiosk iframes and WeChat's iOS WebView drop them): the client carries the session id
in the request body. The store is a file store by default (a restart loses nothing), Redis when
``MINGBAI_REDIS_URL`` is set, a memory store in tests. Sessions expire after 30 idle minutes —
every turn renews the expiry — and “清除/重新开始” deletes one at once. A bill is health data:
nothing here is logged.

**One turn at a time.** A turn reads the state, changes it and writes it back; two turns on one
session at once would both read the same state and the later write would drop the earlier turn's
visit. :meth:`ChatSessions.locked` holds the session for the whole read–turn–write:

* in one process an :class:`asyncio.Lock` per session (first come, first served: turns that
  arrive at one worker are applied in arrival order);
* across processes sharing a file store, ``fcntl.flock`` on one of :data:`LOCK_STRIPES` lock files
  (``<sessions>-locks/NNNN.lock``; a fixed set, so nothing to clean up and no unlink race);
* across processes and hosts sharing Redis, a redis-py :class:`~redis.asyncio.lock.Lock` (``SET NX
  PX`` with a token, released only by its holder, expiring by itself if a worker dies).

Turns that wait in one worker are served first come, first served; between workers the file and
Redis locks are taken by polling, so the next holder is whichever waiter asks first after a
release — one at a time always, strict arrival order only within a worker.

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
from collections.abc import AsyncIterator
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
_POLL = 0.005
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
        deadline = time.monotonic() + self.lock_wait
        async with self._local.hold(session_id, self.lock_wait):
            left = max(deadline - time.monotonic(), 0.0)
            if self._lock_dir is not None:
                async with self._file_lock(session_id, left):
                    yield
            elif _redis_of(self.store) is not None:
                async with self._redis_lock(session_id, left):
                    yield
            else:  # memory: one process
                yield

    @contextlib.asynccontextmanager
    async def _file_lock(self, session_id: str, wait: float) -> AsyncIterator[None]:
        import fcntl

        assert self._lock_dir is not None
        self._lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        stripe = int.from_bytes(hashlib.blake2b(session_id.encode(), digest_size=4).digest(), "big") % LOCK_STRIPES
        fd = os.open(self._lock_dir / f"{stripe:04d}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + wait
            while True:  # bounded by the deadline
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise SessionBusy from None
                    await asyncio.sleep(_POLL)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextlib.asynccontextmanager
    async def _redis_lock(self, session_id: str, wait: float) -> AsyncIterator[None]:
        from redis.exceptions import LockError

        redis = _redis_of(self.store)
        lock = redis.lock(f"{self.store.namespace}_lock:{session_id}",  # type: ignore[attr-defined]
                          timeout=LOCK_LEASE_SECONDS, sleep=_POLL, blocking_timeout=max(wait, 0.01))
        if not await lock.acquire():
            raise SessionBusy
        try:
            yield
        finally:
            with contextlib.suppress(LockError):  # expired meanwhile: nothing left to release
                await lock.release()

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
