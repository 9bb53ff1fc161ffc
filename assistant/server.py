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

import sys

from assistant.settings import Settings, SettingsError

__all__ = ["serve"]

FACTORY = "assistant.web.app:create_app"


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
        server_header=False,
        timeout_graceful_shutdown=10,
        log_level="info",
    )
