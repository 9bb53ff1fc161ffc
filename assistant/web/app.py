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
``GET  /``                         placeholder until the chat widget (issue 5): HomeController (site.py)
``GET  /docs/embed``               how to embed the kiosk page                          (site.py)
``GET  /problems/{slug}``          what each problem ``type`` means                     (site.py)
``GET  /schema``                   API reference, rendered on the server (no CDN)       (docs.py)
``GET  /schema/openapi.json``      the OpenAPI 3.1 document
``GET  /static/…``                 CSS and the copy/print script
=================================  ====================================================================

To add a controller (the chat, ``POST /api/v1/chat`` and the widget at ``/``), write
``assistant/web/<name>.py`` and append it to :data:`CONTROLLERS` (or pass ``extra`` to
:func:`create_app`); ``opt={"frameable": True}`` lets a route be framed by
``MINGBAI_FRAME_ANCESTORS``. Errors are mapped once, in :mod:`assistant.web.problems`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.logging.config import LoggingConfig
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Contact, Tag
from litestar.static_files import create_static_files_router
from litestar.stores.memory import MemoryStore
from litestar.stores.registry import StoreRegistry

import calculator
from assistant.settings import Settings

from .api import ApiController, HealthController
from .console import ConsoleController
from .docs import JsonPlugin, ReferencePlugin
from .embed import EmbedController
from .middleware import ResponseGuard
from .pages import STATIC, template_config
from .problems import exception_handlers
from .site import HomeController, SiteController

__all__ = ["CONTROLLERS", "create_app"]

CONTROLLERS: list[Any] = [ApiController, HealthController, EmbedController, ConsoleController, SiteController,
                          HomeController]

#: not rate limited: liveness probes, the stylesheet, the API reference
RATE_LIMIT_EXEMPT = ["^/healthz", "^/static/", "^/schema", "^/problems/", "^/docs/"]


def _stores(settings: Settings) -> StoreRegistry:
    if settings.redis_url:
        from litestar.stores.redis import RedisStore

        root = RedisStore.with_client(url=settings.redis_url, namespace="mingbai")
        return StoreRegistry(default_factory=root.with_namespace)
    return StoreRegistry(default_factory=lambda name: MemoryStore())


def _logging() -> LoggingConfig:
    return LoggingConfig(
        loggers={"mingbai": {"level": "INFO", "handlers": ["queue_listener"], "propagate": False}},
        log_exceptions="never",  # the catch-all handler logs the exception type only
        disable_stack_trace={Exception},
        configure_root_logger=False,
    )


def _on_startup(app: Litestar) -> None:
    # Fail at start-up, not on the first request, when a deployment's rule pack is broken.
    calculator.load_packs()


def create_app(settings: Settings | None = None, *, extra: Sequence[Any] = ()) -> Litestar:
    """The web app. ``settings`` default to :meth:`Settings.from_env`."""
    settings = settings or Settings.from_env()
    middleware: list[Any] = []
    if settings.rate_limit > 0:
        middleware.append(RateLimitConfig(rate_limit=("minute", settings.rate_limit), exclude=RATE_LIMIT_EXEMPT,
                                          store="rate_limit").middleware)
    cors = None
    if settings.cors_origins:
        cors = CORSConfig(allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                          allow_headers=["Content-Type", "Accept-Language"], allow_credentials=False,
                          expose_headers=["Content-Language", "RateLimit-Remaining", "RateLimit-Reset"])
    openapi = OpenAPIConfig(
        title="明白账 API",
        version="1.0.0",
        summary="门诊医保报销：逐步计算，逐条引用政策原文",
        description=("计算请求与结果的格式见 CONTRACT.md。金额为十进制字符串（两位小数），请求中也可用 JSON 数字。"
                     "错误为 RFC 9457 problem details（application/problem+json），`detail` 为中文，"
                     "`errors[].path` 指出出错的字段。"),
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
                                                   include_in_schema=False, send_as_attachment=False)],
        exception_handlers=exception_handlers,
        middleware=middleware,
        cors_config=cors,
        openapi_config=openapi,
        template_config=template_config(),
        stores=_stores(settings),
        request_max_body_size=settings.max_body,
        logging_config=_logging(),
        on_startup=[_on_startup],
        debug=False,
    )
    app.state.settings = settings
    app.asgi_handler = ResponseGuard(app.asgi_handler, settings)  # type: ignore[method-assign]
    return app
