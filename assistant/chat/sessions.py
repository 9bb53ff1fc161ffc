"""Chat sessions: the dialogue state, msgspec-encoded with a version tag, in a Litestar store.

No cookies (kiosk iframes and WeChat's iOS WebView drop them): the client carries the session id
in the request body. The store is a file store by default (a restart loses nothing), Redis when
``MINGBAI_REDIS_URL`` is set, a memory store in tests. Sessions expire after 30 idle minutes —
every turn renews the expiry — and “清除/重新开始” deletes one at once. A bill is health data:
nothing here is logged.
"""

from __future__ import annotations

import re
import secrets

import msgspec
from litestar.stores.base import Store

from .dialogue import STATE_VERSION, SessionState, new_state

__all__ = ["IDLE_SECONDS", "SESSION_ID", "ChatSessions"]

IDLE_SECONDS = 30 * 60
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(SessionState)


class ChatSessions:
    def __init__(self, store: Store, idle_seconds: int = IDLE_SECONDS) -> None:
        self.store = store
        self.idle_seconds = int(idle_seconds)

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(18)

    async def load(self, session_id: str | None) -> tuple[str, SessionState]:
        """The session's state; a new one for a new, unknown, expired or outdated id."""
        if not session_id:
            return self.new_id(), new_state()
        raw = await self.store.get(session_id, renew_for=self.idle_seconds)
        if raw is None:
            return session_id, new_state()
        try:
            state = _DECODER.decode(raw)
        except msgspec.DecodeError:
            return session_id, new_state()
        if state.version != STATE_VERSION:
            return session_id, new_state()
        return session_id, state

    async def save(self, session_id: str, state: SessionState) -> None:
        await self.store.set(session_id, _ENCODER.encode(state), expires_in=self.idle_seconds)

    async def delete(self, session_id: str) -> None:
        await self.store.delete(session_id)
