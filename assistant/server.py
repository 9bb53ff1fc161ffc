"""``mingbai serve``: run the web app under uvicorn, in several worker processes.

Settings come from the environment (:class:`assistant.settings.Settings`); ``--host``, ``--port``
and ``--workers`` override ``MINGBAI_HOST``, ``MINGBAI_PORT`` and ``MINGBAI_WORKERS`` (default: the
CPU count). Each worker builds the app from the factory. What workers share:

* chat sessions — the file store (one directory, ``flock`` per session) or Redis
  (``MINGBAI_REDIS_URL``); a memory store is per process, so it runs one worker only;
* the rate limit — in Redis when ``MINGBAI_REDIS_URL`` is set, else counted per worker.

The calculation, explanation and dialogue run in each worker's thread pool, off its event loop;
several workers give real parallelism (the GIL). See ``docs/deployment.md``.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from assistant.settings import Settings, SettingsError

__all__ = ["NoDelayHTTPProtocol", "serve"]

FACTORY = "assistant.web.app:create_app"


def _no_delay_protocol() -> type:
    """uvicorn's HTTP protocol (the one ``http="auto"`` picks) with Nagle's algorithm off on
    every connection.

    asyncio turns it off itself only on sockets whose protocol number says TCP; the listening
    socket uvicorn binds for several workers is made with protocol 0, and so are the
    connections it accepts. An answer then goes out as two writes (head, body), the second held
    back until the client acknowledges the first — which a client delays by up to 40 ms: every
    answer took 40 ms with ``--workers 2`` (about 360 req/s whatever the route)."""
    import socket

    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    class NoDelay(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: Any) -> None:
            sock = transport.get_extra_info("socket")
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().connection_made(transport)

    NoDelay.__qualname__ = NoDelay.__name__ = "NoDelayHTTPProtocol"
    NoDelay.__module__ = __name__
    return NoDelay


#: importable by name, so that uvicorn's worker processes (spawned, the config pickled) find it
NoDelayHTTPProtocol = _no_delay_protocol()


def serve(host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    import uvicorn

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"无法启动：{exc}\n")
        raise SystemExit(2) from None
    host = host or settings.host
    port = port or settings.port
    workers = settings.workers if workers is None else workers
    if not 1 <= workers <= 64:
        sys.stderr.write(f"无法启动：工作进程数（--workers）应在 1 到 64 之间，现在是 {workers}。\n")
        raise SystemExit(2)
    if workers > 1 and settings.session_store == "memory":
        sys.stderr.write("提示：聊天会话存放在内存中（MINGBAI_SESSION_STORE=memory）时各进程互不相通，只启动 1 个工作进程。\n")
        workers = 1
    if workers > 1 and not settings.redis_url and settings.rate_limit:
        sys.stderr.write(f"提示：{workers} 个工作进程各自计数限流；设置 MINGBAI_REDIS_URL 可共享。\n")
    uvicorn.run(
        FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the app logs method, route, status and time; never the query string
        proxy_headers=True,
        http=NoDelayHTTPProtocol,  # Nagle off on every connection (see there)
        server_header=False,
        timeout_graceful_shutdown=10,
        log_level="info",
    )
