"""``mingbai serve``: run the web app under uvicorn.

Settings come from the environment (:class:`assistant.settings.Settings`); ``--host`` and
``--port`` override ``MINGBAI_HOST`` and ``MINGBAI_PORT``. With ``MINGBAI_WORKERS`` > 1 uvicorn
starts that many processes, each building the app from the factory; set ``MINGBAI_REDIS_URL`` then
so that the rate limit (and the chat's sessions) are shared between them.
"""

from __future__ import annotations

import sys

from assistant.settings import Settings, SettingsError

__all__ = ["serve"]

FACTORY = "assistant.web.app:create_app"


def serve(host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"无法启动：{exc}\n")
        raise SystemExit(2) from None
    host = host or settings.host
    port = port or settings.port
    if settings.workers > 1 and not settings.redis_url:
        sys.stderr.write(f"提示：{settings.workers} 个工作进程各自计数限流；设置 MINGBAI_REDIS_URL 可共享。\n")
    uvicorn.run(
        FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=settings.workers,
        access_log=False,  # the app logs method, route, status and time; never the query string
        proxy_headers=True,
        server_header=False,
        log_level="info",
    )
