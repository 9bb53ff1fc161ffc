"""Site pages: ``/docs/embed``, ``/problems/{slug}``. (``/`` is the chat page: :mod:`.widget`.)"""

from __future__ import annotations

from litestar import Controller, Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from .embed import EMBED_LABELS
from .forms import EMBED_PARAMS
from .pages import html_response, nav
from .pages import render as render_template
from .problems import PROBLEM_TYPES

__all__ = ["SiteController"]


class SiteController(Controller):
    path = "/"
    include_in_schema = False

    @get("/docs/embed")
    async def embed_docs(self, request: Request) -> Response:
        base = f"{request.url.scheme}://{request.url.netloc}"
        return html_response(render_template("embed_docs.html", nav=nav(request.url.path), page_title="自助机嵌入说明",
                                             params=EMBED_PARAMS, base=base, labels=EMBED_LABELS["zh-CN"]))

    @get("/problems/{slug:str}")
    async def problem_type(self, request: Request, slug: FromPath[str]) -> Response:
        if slug not in PROBLEM_TYPES:
            raise NotFoundException(detail=f"没有这种问题类型：{slug[:40]}")
        status, title, description = PROBLEM_TYPES[slug]
        return html_response(render_template("problem_type.html", nav=nav(request.url.path), page_title=title,
                                             slug=slug, status=status, title=title, description=description,
                                             types=PROBLEM_TYPES))
