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

from . import render
from .chat import MAX_MESSAGE
from .pages import STATIC, html_response
from .pages import render as render_template

__all__ = ["EXAMPLES", "PAGE_LABELS", "WidgetController"]

#: the opening greeting's example questions (each one answered by the dialogue)
EXAMPLES = [
    "我是南昌退休职工，三级医院花了一千二",
    "平凉在职，三甲医院1200元",
    "南充职工的起付线是多少",
    "你能做什么",
]
#: their labels on the English page (the message sent is the one the dialogue understands)
EXAMPLE_LABELS_EN = [
    "Nanchang, retired employee, level-3 hospital, ¥1,200",
    "Pingliang, employee, level-3 grade-A hospital, ¥1,200",
    "Nanchong employees' deductible?",
    "What can you do?",
]

#: the page's own words, per locale (the replies come from the dialogue in the same locale)
PAGE_LABELS: dict[str, dict[str, object]] = {
    "zh-CN": {
        "lang": "zh-CN", "name": "明白账", "title": "明白账 · 门诊医保报销助手",
        "description": "明白账：说说您这次看门诊的情况，按医保政策原文一步一步算给您看——统筹基金报多少、自己付多少，"
                       "每一步都引用条款原话。",
        "sub": "门诊医保报销 · 逐条讲明白", "mode_elder": "长辈版", "mode_standard": "标准版", "mode_title": "大字、大按钮、可朗读；再点一次回到标准版",
        "reset": "重新开始", "reset_title": "清除这次对话，重新开始", "close": "关闭对话窗口",
        "noscript": "这个对话页需要开启 JavaScript。也可以使用", "noscript_link": "坐席台页面",
        "noscript_tail": "：按结算单填写，同样逐步计算、引用政策原文，不需要脚本。",
        "disclaimer": "按政策文件原文计算，供核对参考；实际以医保经办机构结算为准",
        "log": "对话记录", "avatar": "明", "bot_says": "明白账说：",
        "greeting": ["您好，我是<strong>明白账</strong>。",
                     "告诉我在哪个城市参保、在职还是退休、在哪一级医院看的门诊、一共花了多少钱，我按医保政策原文一步步算给您看："
                     "统筹基金报多少、自己付多少，每一步都注明条款。"],
        "coverage": "目前支持南充、西安、南昌（职工和城乡居民）、平凉的普通门诊。",
        "examples": "可以这样问", "typing": "明白账正在回复", "input": "输入您的问题或这次看病的情况",
        "placeholder": "说说这次看病的情况", "send": "发送",
    },
    "en": {
        "lang": "en", "name": "Mingbai", "title": "Mingbai · outpatient insurance explained",
        "description": "Tell Mingbai about your outpatient visit: it works out, from the policy's own words, what the "
                       "fund pays and what you pay, citing each article.",
        "sub": "Outpatient insurance, step by step", "mode_elder": "Large text", "mode_standard": "Standard",
        "mode_title": "Large text, large buttons, read aloud; tap again for the standard view",
        "reset": "Start over", "reset_title": "Clear this conversation and start again", "close": "Close the chat",
        "noscript": "This chat page needs JavaScript. You can also use the ", "noscript_link": "console page",
        "noscript_tail": ": fill in the settlement slip; it calculates step by step without scripts.",
        "disclaimer": "Calculated from the policy documents' own words, for checking; the insurance office's "
                      "settlement is authoritative",
        "log": "Conversation", "avatar": "明", "bot_says": "Mingbai says:",
        "greeting": ["Hello, I am <strong>Mingbai</strong>.",
                     "Tell me your city, whether you are employed or retired, the hospital's level and what the visit "
                     "cost. I work out from the policy's own words what the fund pays and what you pay, citing each "
                     "article."],
        "coverage": "Covered: ordinary outpatient visits in Nanchong, Xi'an, Nanchang (employees and residents) "
                    "and Pingliang.",
        "examples": "Try asking", "typing": "Mingbai is replying", "input": "Your question, or what this visit was",
        "placeholder": "Tell me about this visit", "send": "Send",
    },
}


@lru_cache(maxsize=1)
def _widget_script() -> bytes:
    return (STATIC / "widget.js").read_bytes()


class WidgetController(Controller):
    path = "/"
    include_in_schema = False

    @get("/", opt={"frameable": True})
    async def chat_page(self, request: Request) -> Response:
        embed = request.query_params.get("embed") in ("1", "true", "yes")
        locale = render.negotiate_locale(request.headers.get("accept-language"), request.query_params.get("lang"))
        # 长辈版: ``?mode=elder`` renders it at once; the page's script remembers the choice on the device
        mode = request.query_params.get("mode")
        mode = mode if mode in ("elder", "standard") else ""
        labels = EXAMPLE_LABELS_EN if locale == "en" else EXAMPLES
        body = render_template("chat.html", embed=embed, examples=list(zip(EXAMPLES, labels, strict=True)), max_message=MAX_MESSAGE,
                               t=PAGE_LABELS[locale], elder=mode == "elder", mode=mode)
        return html_response(body, headers={"Content-Language": locale, "Vary": "Accept-Language"})

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
