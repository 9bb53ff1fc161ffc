"""The chat widget: the WeChat-style chat page at ``/`` and ``/widget.js`` for other sites.

``GET /`` is server-rendered (``templates/chat.html``) with its own stylesheet and script
(``static/chat.css``, ``static/chat.js``); the script talks to ``POST /api/v1/chat`` and keeps the
session id in ``sessionStorage`` — no cookies. ``?embed=1`` is the compact variant shown inside the
widget's iframe. The page may be framed by ``MINGBAI_FRAME_ANCESTORS`` (route opt ``frameable``).

``GET /widget.js`` is the one-tag embed (``<script src="https://host/widget.js" async>``): a round
button that opens ``/?embed=1`` in an iframe panel, talking to it with ``postMessage`` and explicit
origins. See the comment at the top of ``static/widget.js`` for its ``data-`` options.
"""

from __future__ import annotations

from functools import lru_cache

from litestar import Controller, Request, Response, get

from .chat import MAX_MESSAGE
from .pages import STATIC, html_response
from .pages import render as render_template

__all__ = ["EXAMPLES", "WidgetController"]

#: the opening greeting's example questions (each one answered by the dialogue)
EXAMPLES = [
    "我是南昌退休职工，三级医院花了一千二",
    "平凉在职，三甲医院1200元",
    "南充职工的起付线是多少",
    "你能做什么",
]


@lru_cache(maxsize=1)
def _widget_script() -> bytes:
    return (STATIC / "widget.js").read_bytes()


class WidgetController(Controller):
    path = "/"
    include_in_schema = False

    @get("/", opt={"frameable": True})
    async def chat_page(self, request: Request) -> Response:
        embed = request.query_params.get("embed") in ("1", "true", "yes")
        body = render_template("chat.html", embed=embed, examples=EXAMPLES, max_message=MAX_MESSAGE)
        return html_response(body)

    @get("/widget.js")
    async def widget_script(self) -> Response:
        return Response(
            content=_widget_script(),
            media_type="text/javascript; charset=utf-8",
            headers={
                "Cache-Control": "public, max-age=3600",
                # any site may load the script, also one that isolates itself (COEP require-corp)
                "Cross-Origin-Resource-Policy": "cross-origin",
            },
        )
