"""The chat widget in Debian's Chromium (Playwright, iPhone 13 viewport) against a real server.

Holds a conversation by typing and tapping quick replies, checks the final figure, opens a cited
article, sends an HTML/script payload that must render as text, checks the error paths keep what
was typed, and embeds ``/widget.js`` in a page served from a second origin. Screenshots go to
``test-artifacts/``. Only 127.0.0.1 is contacted: every other request is aborted.
"""

from __future__ import annotations

import http.server
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from assistant.settings import Settings

from .conftest import free_port

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAYLOAD = "<img src=x onerror=alert(1)><script>alert(1)</script>"
WIDGET_TITLE = "医保报销助手"

if not os.path.exists(CHROMIUM):  # pragma: no cover - depends on the machine
    pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


# -- servers ------------------------------------------------------------------------------------------

class _Thread:
    def __init__(self, server: Any, target: Any) -> None:
        self.server = server
        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()


@pytest.fixture(scope="module")
def ports() -> tuple[int, int]:
    return free_port(), free_port()


@pytest.fixture(scope="module")
def server(ports, tmp_path_factory) -> Iterator[str]:
    """The app under uvicorn in a thread; the second port's origin may frame it."""
    import uvicorn

    from assistant.web.app import create_app

    port, host_port = ports
    data_dir = tmp_path_factory.mktemp("mingbai-data")
    settings = Settings.from_env({
        "MINGBAI_DATA_DIR": str(data_dir),
        "MINGBAI_RATE_LIMIT": "0",
        "MINGBAI_FRAME_ANCESTORS": f"'self' http://127.0.0.1:{host_port}",
    })
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def host_site(ports, server) -> Iterator[str]:
    """Somebody else's site on another origin, with the one-tag embed."""
    _, host_port = ports
    page = (
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>某某市人民医院</title></head>"
        "<body style=\"margin:0;font:16px/1.6 sans-serif;background:#f4f6f8;color:#222\">"
        "<header style=\"background:#1f5fa8;color:#fff;padding:18px 24px;font-size:20px\">某某市人民医院 · 门诊服务</header>"
        "<main style=\"padding:24px;max-width:760px\"><h1 style=\"font-size:22px\">就诊须知</h1>"
        "<p>门诊时间：周一至周日 8:00–17:30。医保结算请携带医保电子凭证或社保卡。</p>"
        "<p>不清楚报销怎么算？点右下角的按钮问问明白账。</p></main>"
        f"<script src=\"{server}/widget.js\" async data-position=\"right\" data-title=\"{WIDGET_TITLE}\"></script>"
        "</body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] != "/":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{host_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        b._mingbai_devices = p.devices  # type: ignore[attr-defined]
        yield b
        b.close()


def _loopback_only(route: Any) -> None:
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:  # pragma: no cover - nothing should ask
        route.abort()


def _context(browser: Any, mobile: bool = True, **extra: Any) -> Any:
    if mobile:
        options = dict(browser._mingbai_devices["iPhone 13"])
        options.pop("default_browser_type", None)  # chromium drives the iPhone-sized viewport
    else:
        options = {"viewport": {"width": 1280, "height": 820}}
    options.update(locale="zh-CN", timezone_id="Asia/Shanghai", **extra)
    ctx = browser.new_context(**options)
    ctx.route("**/*", _loopback_only)
    return ctx


@pytest.fixture()
def phone(browser) -> Iterator[Any]:
    ctx = _context(browser)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.mingbai_dialogs = []  # type: ignore[attr-defined]
    page.mingbai_errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.mingbai_dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.mingbai_errors.append(str(e)))
    # a CSP violation (an inline script or style the policy refuses) shows up as a console error
    page.on("console", lambda m: page.mingbai_errors.append(m.text) if m.type == "error" else None)
    yield page
    ctx.close()


def shot(page: Any, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def bot_replies(page: Any) -> Any:
    return page.locator("#log > .msg-bot:not([data-greeting])")


def wait_for_reply(page: Any, count: int) -> Any:
    sync_api.expect(bot_replies(page)).to_have_count(count)
    sync_api.expect(page.locator("#typing")).to_be_hidden()
    return bot_replies(page).nth(count - 1)


# -- the conversation ----------------------------------------------------------------------------------

def test_conversation_typing_and_tapping(server, phone):
    page = phone
    page.goto(server + "/")
    log = page.locator("#log")
    sync_api.expect(log).to_have_attribute("role", "log")
    sync_api.expect(log).to_have_attribute("aria-live", "polite")
    sync_api.expect(page.get_by_label("输入您的问题或这次看病的情况")).to_be_visible()
    font = page.locator("#message").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= 16
    bubble = page.locator("[data-greeting] .bubble")
    assert bubble.evaluate("e => getComputedStyle(e).fontSize") == "17px"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(237, 237, 237)"
    shot(page, "chat-1-greeting")

    page.locator("#message").press_sequentially("我是南昌退休职工，三级医院花了一千二")
    page.locator("#message").press("Enter")
    mine = page.locator("#log > .msg-me").last
    sync_api.expect(mine.locator(".bubble")).to_have_text("我是南昌退休职工，三级医院花了一千二")
    assert mine.locator(".bubble").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(149, 236, 105)"
    asking = wait_for_reply(page, 1)
    sync_api.expect(asking).to_contain_text("今年您的门诊费用报销过吗")
    sync_api.expect(page.locator("#message")).to_have_value("")
    sid = page.evaluate("JSON.parse(sessionStorage.getItem('mingbai.chat.v2')).sid")
    assert sid and len(sid) >= 16
    assert page.context.cookies() == []
    shot(page, "chat-2-question")

    asking.get_by_role("button", name="今年第一次").tap()
    answer = wait_for_reply(page, 2)
    # the answer first, in one sentence; the working folded under 看计算过程
    sync_api.expect(answer.locator(".answer-head")).to_have_text(
        "统筹基金报¥330.00，您自己付¥870.00（没有提供个人账户余额，全部按现金计）")
    sync_api.expect(answer.locator(".fig-fund")).to_have_text("¥330.00")
    sync_api.expect(answer.locator(".mb-steps")).to_be_hidden()
    assert answer.locator(".mb-totals").count() == 0          # the headline says the totals once
    more = answer.locator("details.more")
    sync_api.expect(more.locator(":scope > summary")).to_have_text("看计算过程")
    assert page.evaluate("JSON.parse(sessionStorage.getItem('mingbai.chat.v2')).sid") == sid
    page.wait_for_timeout(600)  # the answer scrolls into view
    # the earlier question's chips are used up; the answer offers its own
    sync_api.expect(asking.locator(".chips")).to_be_hidden()
    sync_api.expect(answer.get_by_role("button", name="又看了一次")).to_be_visible()
    shot(page, "chat-3-answer")

    more.locator(":scope > summary").tap()
    sync_api.expect(answer.locator(".mb-chart svg")).to_be_visible()
    sync_api.expect(answer.locator(".mb-steps")).to_be_visible()
    cite = answer.locator("details.mb-cite").nth(2)
    assert cite.get_attribute("open") is None
    cite.locator("summary").tap()
    sync_api.expect(cite).to_have_attribute("open", "")
    sync_api.expect(cite.locator("blockquote")).to_be_visible()
    sync_api.expect(cite.locator("blockquote")).to_contain_text("600元")
    cite.scroll_into_view_if_needed()
    shot(page, "chat-4-citation")
    page.locator("#scroller").evaluate("e => e.scrollTop = e.scrollHeight")
    shot(page, "chat-5-answer-end")

    # the conversation survives a reload of the tab (sessionStorage), and so does the session
    page.reload()
    sync_api.expect(bot_replies(page)).to_have_count(2)
    sync_api.expect(bot_replies(page).nth(1).locator(".fig-fund")).to_have_text("¥330.00")
    page.locator("#message").fill("不对，是二级医院")
    page.get_by_role("button", name="发送").tap()
    corrected = wait_for_reply(page, 3)
    sync_api.expect(corrected.locator(".fig-fund")).to_have_text("¥360.00")

    # 重新开始 clears the screen and the session
    page.get_by_role("button", name="重新开始").first.tap()
    sync_api.expect(page.locator("#log > .msg-me")).to_have_count(0)
    sync_api.expect(bot_replies(page)).to_have_count(1)
    sync_api.expect(bot_replies(page).first).to_contain_text("已清除")
    assert page.evaluate("JSON.parse(sessionStorage.getItem('mingbai.chat.v2')).sid") is None
    assert page.mingbai_dialogs == [] and page.mingbai_errors == []


def test_payload_renders_as_text(server, phone):
    page = phone
    page.goto(server + "/")
    page.evaluate("window.__pwned = 0")
    page.locator("#message").fill(PAYLOAD)
    page.locator("#message").press("Enter")
    reply = wait_for_reply(page, 1)
    mine = page.locator("#log > .msg-me .bubble").last
    sync_api.expect(mine).to_have_text(PAYLOAD)
    assert mine.evaluate("e => e.children.length") == 0          # text, not elements
    assert mine.evaluate("e => e.innerHTML").startswith("&lt;img")
    assert page.locator("#log img").count() == 0
    assert page.locator("#log script").count() == 0
    assert page.evaluate("document.scripts.length") == 1         # chat.js only
    sync_api.expect(reply).to_contain_text("明白账")
    page.wait_for_timeout(300)
    assert page.mingbai_dialogs == [], page.mingbai_dialogs
    assert page.mingbai_errors == []
    shot(page, "chat-6-payload-as-text")


def test_errors_keep_the_message(server, phone):
    page = phone
    page.goto(server + "/")
    problem = ('{"type":"/problems/invalid-request","title":"请求内容有误","status":422,'
               '"detail":"消息（message）太长了，请不超过500个字。","code":"invalid_request",'
               '"instance":"/api/v1/chat","errors":[{"path":"message","code":"too_long","message":"太长"}]}')
    page.route("**/api/v1/chat", lambda route: route.fulfill(status=422, body=problem,
                                                            content_type="application/problem+json"))
    page.locator("#message").fill("平凉在职，三甲医院1200元")
    page.locator("#message").press("Enter")
    error = page.locator("#log > .sys-error").last
    sync_api.expect(error).to_contain_text("消息没有发出去：消息（message）太长了")
    sync_api.expect(page.locator("#message")).to_have_value("平凉在职，三甲医院1200元")
    sync_api.expect(page.locator("#log > .msg-me")).to_have_count(0)
    sync_api.expect(page.locator("#log > .sys-time")).to_have_count(0)  # taken back with the message
    shot(page, "chat-7-error")

    page.unroute("**/api/v1/chat")
    page.route("**/api/v1/chat", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="发送").tap()
    sync_api.expect(page.locator("#log > .sys-error")).to_have_count(2)
    sync_api.expect(page.locator("#log > .sys-error").last).to_contain_text("网络")
    sync_api.expect(page.locator("#message")).to_have_value("平凉在职，三甲医院1200元")

    page.unroute("**/api/v1/chat")
    page.get_by_role("button", name="发送").tap()
    sync_api.expect(wait_for_reply(page, 1)).to_contain_text("今年您的门诊费用报销过吗")
    assert page.mingbai_dialogs == []


def test_a_busy_server_s_503_is_sent_again_after_its_wait(server, phone):
    # the server answers 503 (Retry-After) when it is busy and did not take the message: the widget
    # sends it again after the wait, so the person sees the answer, not an error to retry by hand
    page = phone
    page.goto(server + "/")
    seen = []
    busy = ('{"type":"/problems/overloaded","title":"服务器正忙","status":503,"detail":"服务器正忙",'
            '"code":"overloaded","instance":"/api/v1/chat"}')

    def once_busy(route):
        seen.append(1)
        if len(seen) == 1:
            route.fulfill(status=503, body=busy, headers={"Retry-After": "1"},
                          content_type="application/problem+json")
        else:
            route.continue_()

    page.route("**/api/v1/chat", once_busy)
    page.locator("#message").fill("平凉在职，三甲医院1200元")
    page.locator("#message").press("Enter")
    sync_api.expect(wait_for_reply(page, 1)).to_contain_text("今年您的门诊费用报销过吗")
    sync_api.expect(page.locator("#log > .sys-error")).to_have_count(0)
    assert len(seen) == 2


def test_without_javascript_points_to_the_console(server, browser):
    ctx = _context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/")
    sync_api.expect(page.locator("[data-greeting]")).to_contain_text("您好")
    sync_api.expect(page.locator("#composer")).to_be_hidden()
    note = page.locator(".note-warn")
    sync_api.expect(note).to_be_visible()
    sync_api.expect(note.get_by_role("link", name="坐席台页面")).to_have_attribute("href", "/console")
    shot(page, "chat-9-no-js")
    ctx.close()


def test_dark_mode(server, browser):
    ctx = _context(browser, color_scheme="dark")
    page = ctx.new_page()
    page.goto(server + "/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(17, 17, 17)"
    page.locator("#message").fill("平凉在职，三甲医院1200元，今年第一次")
    page.locator("#message").press("Enter")
    answer = wait_for_reply(page, 1)
    sync_api.expect(answer.locator(".fig-fund")).to_be_visible()
    shot(page, "chat-8-dark")
    ctx.close()


# -- the one-tag embed on another origin ------------------------------------------------------------------

def test_widget_on_another_origin(server, host_site, browser):
    ctx = _context(browser, mobile=False)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host_site + "/")
    button = page.locator("[data-mingbai-widget=button]")
    sync_api.expect(button).to_be_visible()
    sync_api.expect(button).to_have_attribute("aria-expanded", "false")
    assert page.locator("iframe").count() == 0  # nothing loaded before the tap
    shot(page, "widget-1-closed")

    button.click()
    sync_api.expect(button).to_have_attribute("aria-expanded", "true")
    frame_el = page.locator(f"iframe[title='{WIDGET_TITLE}']")
    sync_api.expect(frame_el).to_be_visible()
    src = frame_el.get_attribute("src") or ""
    assert src.startswith(server + "/?embed=1") and "origin=" in src
    frame = page.frame_locator(f"iframe[title='{WIDGET_TITLE}']")
    sync_api.expect(frame.locator("[data-greeting]")).to_contain_text("您好")
    # the frame told the page it is ready and the page said "open": the input has focus
    sync_api.expect(frame.locator("#message")).to_be_focused()
    frame.locator("#message").fill("我是南昌退休职工，三级医院花了一千二")
    frame.locator("#message").press("Enter")
    sync_api.expect(frame.locator("#log > .msg-bot:not([data-greeting])")).to_have_count(1)
    frame.get_by_role("button", name="今年第一次").click()
    sync_api.expect(frame.locator(".fig-fund")).to_have_text("¥330.00")
    page.wait_for_timeout(600)  # the answer scrolls into view
    shot(page, "widget-2-open")

    # the close button inside the frame reaches the page by postMessage
    frame.get_by_role("button", name="关闭对话窗口").click()
    sync_api.expect(button).to_have_attribute("aria-expanded", "false")
    sync_api.expect(page.locator("#mingbai-widget-panel")).to_be_hidden()
    # reopening keeps the conversation
    button.click()
    sync_api.expect(frame.locator(".fig-fund")).to_have_text("¥330.00")
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#mingbai-widget-panel")).to_be_hidden()
    assert dialogs == []
    assert ctx.cookies() == []
    ctx.close()


def test_widget_full_screen_on_a_phone(server, host_site, browser):
    ctx = _context(browser)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto(host_site + "/")
    button = page.locator("[data-mingbai-widget=button]")
    button.tap()
    panel = page.locator("#mingbai-widget-panel")
    sync_api.expect(panel).to_be_visible()
    box = panel.bounding_box()
    viewport = page.viewport_size
    assert box and viewport and box["width"] == viewport["width"] and box["height"] == viewport["height"]
    sync_api.expect(button).to_be_hidden()  # the frame's own header has the close button
    frame = page.frame_locator(f"iframe[title='{WIDGET_TITLE}']")
    sync_api.expect(frame.locator("[data-greeting]")).to_be_visible()
    shot(page, "widget-3-phone")
    frame.get_by_role("button", name="关闭对话窗口").tap()
    sync_api.expect(panel).to_be_hidden()
    sync_api.expect(button).to_be_visible()
    ctx.close()


def test_widget_refused_by_an_origin_not_allowed(server, browser):
    """A site not in MINGBAI_FRAME_ANCESTORS gets no chat in its frame (CSP frame-ancestors)."""
    port = free_port()
    page_html = f"<!doctype html><title>x</title><script src=\"{server}/widget.js\"></script>".encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page_html)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ctx = _context(browser, mobile=False)
    try:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.locator("[data-mingbai-widget=button]").click()
        page.wait_for_timeout(800)
        frames = [f for f in page.frames if f != page.main_frame]
        assert frames
        # blocked: the frame is an error page, not the chat
        assert all(f.url.startswith("chrome-error:") or not f.query_selector("#log") for f in frames)
        # and the panel says so where the person looks, with a link that opens the chat instead
        note = page.locator("[data-mingbai-widget=refused]")
        sync_api.expect(note).to_be_visible(timeout=5000)
        sync_api.expect(note).to_contain_text("明白账在这个网页里打不开")
        sync_api.expect(note.get_by_role("link", name="在新窗口打开明白账")).to_have_attribute("href", server + "/")
        sync_api.expect(note).to_contain_text("MINGBAI_FRAME_ANCESTORS")
        shot(page, "widget-4-refused")
    finally:
        ctx.close()
        httpd.shutdown()
        httpd.server_close()
