"""The Litestar application: ``create_app(settings=None)``.

Routes (one controller module each under :mod:`assistant.web`):

=================================  ====================================================================
``POST /api/v1/calculate``         calculation request → calculation result            (api.py)
``POST /api/v1/explain``           → ``{"text", "html", "result", "locale"}``         (api.py)
``GET  /api/v1/policies``          the loaded policy documents                          (api.py)
``GET  /api/v1/policies/{id}``     one document: parameters with citations, rules, readings, articles
``GET  /healthz``                  ``{"status": "ok"}``                                 (api.py)
``GET|POST /embed/explain``        kiosk page (flat query / form / JSON), printable, frameable
``GET|POST /embed/explain/fragment``  the same as an HTML fragment                     (embed.py)
``GET|POST /console``              hotline console with bill check                      (console.py)
``POST /api/v1/chat``              one chat turn; session id in the body, no cookies    (chat.py)
``GET  /``                         the WeChat-style chat page, frameable (``?embed=1``)  (widget.py)
``GET  /widget.js``                one-tag embed: a button opening the chat in an iframe (widget.py)
``GET  /docs/embed``               how to embed the kiosk page                          (site.py)
``GET  /problems/{slug}``          what each problem ``type`` means                     (site.py)
``GET  /schema``                   API reference, rendered on the server (no CDN)       (docs.py)
``GET  /schema/openapi.json``      the OpenAPI 3.1 document
``GET  /static/…``                 CSS and the copy/print script, the chat's CSS and script
=================================  ====================================================================

Chat sessions (:class:`assistant.chat.sessions.ChatSessions`, ``app.state.chat_sessions``) live in
their own store: a file store under ``MINGBAI_DATA_DIR``/sessions by default (a restart loses
nothing), Redis (namespace ``mingbai_chat``) when ``MINGBAI_REDIS_URL`` is set, memory when
``session_store="memory"`` (tests). A background task deletes expired file/memory sessions every
five minutes; Redis expires keys itself.

Serving (issue 11): responses of 500 bytes and more are compressed (``br`` where the client
accepts it, else ``gzip``); ``/static`` files carry ``Cache-Control: public, max-age=3600`` and an
``ETag`` answered with 304 (:class:`ResponseGuard`, which also answers HEAD wherever GET works and
refuses more than ``MINGBAI_MAX_IN_FLIGHT`` requests in flight with 503). The rate limit is keyed by
:func:`client_identity` and kept in Redis when ``MINGBAI_REDIS_URL`` is set.

To add a controller, write
``assistant/web/<name>.py`` and append it to :data:`CONTROLLERS` (or pass ``extra`` to
:func:`create_app`); ``opt={"frameable": True}`` lets a route be framed by
``MINGBAI_FRAME_ANCESTORS``. Errors are mapped once, in :mod:`assistant.web.problems`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Sequence
from typing import Any

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.config.cors import CORSConfig
from litestar.datastructures import CacheControlHeader
from litestar.logging.config import LoggingConfig
from litestar.logging.config import default_handlers as LITESTAR_HANDLERS
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Contact, Tag
from litestar.static_files import create_static_files_router
from litestar.stores.base import Store
from litestar.stores.file import FileStore
from litestar.stores.memory import MemoryStore
from litestar.stores.registry import StoreRegistry

import calculator
from assistant.chat.dialogue import warm_up
from assistant.chat.sessions import ChatSessions
from assistant.settings import SESSION_STORES, Settings, SettingsError

from . import render
from .account import AccountController, BudgetConsoleController
from .api import ApiController, HealthController
from .billcheck import BillCheckController
from .chat import ChatController
from .console import ConsoleController
from .docs import JsonPlugin, ReferencePlugin
from .embed import EmbedController
from .middleware import OffloadingCompression, ResponseGuard, client_identity, flush_access_log
from .pages import STATIC, template_config
from .problems import exception_handlers
from .site import SiteController
from .widget import WidgetController

__all__ = ["CONTROLLERS", "create_app"]

CONTROLLERS: list[Any] = [ApiController, HealthController, ChatController, EmbedController, ConsoleController,
                          SiteController, WidgetController, AccountController, BudgetConsoleController]
CONTROLLERS.append(BillCheckController)  # POST /api/v1/bill-check

#: not rate limited: liveness probes, the stylesheets and scripts, the API reference
RATE_LIMIT_EXEMPT = ["^/healthz", "^/static/", "^/schema", "^/problems/", "^/docs/", "^/widget\\.js$"]

#: how often expired chat sessions are swept from a file or memory store
CLEANUP_SECONDS = 5 * 60
#: responses smaller than this are sent as they are (compressing them gains nothing)
COMPRESS_MIN_BYTES = 500
STATIC_CACHE = CacheControlHeader(public=True, max_age=3600)

log = logging.getLogger("mingbai.web")


def _stores(settings: Settings) -> StoreRegistry:
    if settings.redis_url:
        from litestar.stores.redis import RedisStore

        root = RedisStore.with_client(url=settings.redis_url, namespace="mingbai")
        return StoreRegistry(default_factory=root.with_namespace)
    return StoreRegistry(default_factory=lambda name: MemoryStore())


def _chat_store(settings: Settings, kind: str | None) -> Store:
    kind = kind or settings.session_store or ("redis" if settings.redis_url else "file")
    if kind not in SESSION_STORES:
        raise SettingsError(f"聊天会话存放位置应为 file、redis 或 memory，现在是“{kind}”。")
    if kind == "memory":
        return MemoryStore()
    if kind == "redis":
        if not settings.redis_url:
            raise SettingsError("聊天会话存放在 Redis 时，需要设置 MINGBAI_REDIS_URL。")
        from litestar.stores.redis import RedisStore

        return RedisStore.with_client(url=settings.redis_url, namespace="mingbai_chat")
    return FileStore(path=settings.sessions_dir, create_directories=True)


async def _sweep(store: FileStore | MemoryStore) -> None:
    while True:
        await asyncio.sleep(CLEANUP_SECONDS)
        try:
            await store.delete_expired()
        except Exception as exc:  # noqa: BLE001 - keep sweeping; a bill is health data: log the type only
            log.warning("expired chat sessions not swept: %s", type(exc).__name__)


async def _start_chat(app: Litestar) -> None:
    store = app.state.chat_sessions.store
    if isinstance(store, FileStore):
        # sessions hold what people said about their bills: readable by this user only
        os.makedirs(store.path, mode=0o700, exist_ok=True)
        os.chmod(store.path, 0o700)
    app.state.chat_cleanup = None
    if isinstance(store, (FileStore, MemoryStore)):  # Redis expires keys itself
        app.state.chat_cleanup = asyncio.get_running_loop().create_task(_sweep(store))


async def _stop_chat(app: Litestar) -> None:
    flush_access_log()  # the last turn's access lines, should the loop stop before its next turn
    task = app.state.get("chat_cleanup")
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    store = app.state.chat_sessions.store
    if not isinstance(store, (FileStore, MemoryStore)):
        with contextlib.suppress(Exception):
            await store.__aexit__(None, None, None)  # RedisStore: close its connection pool


def _logging() -> LoggingConfig:
    # the access lines are written by a handler of their own, which writes the lines waiting
    # together (middleware.AccessLogHandler); they still reach the handlers of ``mingbai``, but
    # Litestar's queue handler there lets them pass (it writes everything else, as before)
    queue = dict(LITESTAR_HANDLERS["queue_listener"], filters=["not_access"])
    return LoggingConfig(
        filters={"not_access": {"()": "assistant.web.middleware.NotAccess"}},
        handlers={"queue_listener": queue,
                  "mingbai_access": {"()": "assistant.web.middleware.AccessLogHandler", "formatter": "standard"}},
        loggers={"mingbai": {"level": "INFO", "handlers": ["queue_listener"], "propagate": False},
                 "mingbai.access": {"level": "INFO", "handlers": ["mingbai_access"], "propagate": True}},
        log_exceptions="never",  # the catch-all handler logs the exception type only
        disable_stack_trace={Exception},
        configure_root_logger=False,
    )


def _compression() -> CompressionConfig:
    try:
        import brotli  # noqa: F401
    except ImportError:  # pragma: no cover - brotli is a dependency; gzip alone still works
        return CompressionConfig(backend="gzip", minimum_size=COMPRESS_MIN_BYTES, gzip_compress_level=6,
                                 middleware_class=OffloadingCompression)
    return CompressionConfig(backend="brotli", minimum_size=COMPRESS_MIN_BYTES, brotli_quality=4,
                             brotli_gzip_fallback=True, gzip_compress_level=6, middleware_class=OffloadingCompression)


def _on_startup(app: Litestar) -> None:
    # Fail at start-up, not on the first request, when a deployment's rule pack is broken.
    calculator.load_packs()
    render.precompile()  # every explanation template compiled before the first request
    warm_up()  # the chat's patterns compiled and caches filled before the first person's turn


def create_app(settings: Settings | None = None, *, extra: Sequence[Any] = (),
               session_store: str | None = None) -> Litestar:
    """The web app. ``settings`` default to :meth:`Settings.from_env`; ``session_store``
    (``"file"``, ``"redis"``, ``"memory"``) overrides ``settings.session_store``."""
    settings = settings or Settings.from_env()
    middleware: list[Any] = []
    if settings.rate_limit > 0:
        middleware.append(RateLimitConfig(rate_limit=("minute", settings.rate_limit), exclude=RATE_LIMIT_EXEMPT,
                                          store="rate_limit", identifier_for_request=client_identity(settings),
                                          ).middleware)
    cors = None
    if settings.cors_origins:
        cors = CORSConfig(allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                          allow_headers=["Content-Type", "Accept-Language", "X-Kiosk-Key"], allow_credentials=False,
                          expose_headers=["Content-Language", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"])
    openapi = OpenAPIConfig(
        title="明白账 API",
        version="1.0.0",
        summary="门诊医保报销：逐步计算，逐条引用政策原文",
        description=("计算请求与结果的格式见下面各接口的请求体和响应（本文档自成一体，不依赖其他文件）。"
                     "金额为十进制字符串（两位小数），请求中也可用 JSON 数字。"
                     "错误为 RFC 9457 problem details（application/problem+json），`detail` 为中文，"
                     "`errors[].path` 指出出错的字段；各 `type` 的含义见 /problems/{slug}。"
                     "服务器忙时返回 503 并带 Retry-After；请求过于频繁时返回 429。"),
        contact=Contact(name="明白账"),
        path="/schema",
        render_plugins=[ReferencePlugin(path="/"), JsonPlugin(path="/openapi.json")],
        tags=[Tag(name="计算接口", description="计算、说明与政策文件"),
              Tag(name="自助机嵌入", description="可嵌入 iframe、可打印的说明页"),
              Tag(name="运行状态")],
        use_handler_docstrings=False,
    )
    app = Litestar(
        route_handlers=[*CONTROLLERS, *extra,
                        create_static_files_router(path="/static", directories=[STATIC], name="static",
                                                   include_in_schema=False, send_as_attachment=False,
                                                   cache_control=STATIC_CACHE)],
        exception_handlers=exception_handlers,
        middleware=middleware,
        cors_config=cors,
        compression_config=_compression(),
        openapi_config=openapi,
        template_config=template_config(),
        stores=_stores(settings),
        request_max_body_size=settings.max_body,
        logging_config=_logging(),
        on_startup=[_on_startup, _start_chat],
        on_shutdown=[_stop_chat],
        debug=False,
    )
    app.state.settings = settings
    app.state.chat_sessions = ChatSessions(_chat_store(settings, session_store))
    app.asgi_handler = ResponseGuard(app.asgi_handler, settings)
    return app
