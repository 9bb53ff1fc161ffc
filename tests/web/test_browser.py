"""In a real browser (Debian's chromium through Playwright): the console, the bill check, and the kiosk
page framed by a page of another origin. Screenshots go to test-artifacts/."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import free_port, running_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
KIOSK_QUERY = ("policy=pingliang-employee&category=employee&date=2026-05-10&level=3&grade=A"
               "&in_scope=800&class_b_drug=200&self_pay=50&account_balance=300")


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield p, browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def origins(tmp_path_factory) -> Iterator[tuple[str, str, str]]:
    """(app, kiosk page allowed to frame it, another page that is not): three loopback origins."""
    allowed_port, other_port = free_port(), free_port()
    allowed = f"http://127.0.0.1:{allowed_port}"
    with running_server(MINGBAI_FRAME_ANCESTORS=f"'self' {allowed}") as app:
        servers = []
        for port in (allowed_port, other_port):
            root = tmp_path_factory.mktemp(f"kiosk{port}")
            (root / "kiosk.html").write_text(
                "<!doctype html><html lang=zh-CN><head><meta charset=utf-8><title>医院自助机</title>"
                "<style>body{margin:0;font-family:sans-serif;background:#234}header{color:#fff;padding:14px 20px;"
                "font-size:22px}iframe{display:block;width:100%;height:1100px;border:0;background:#fff}</style>"
                "</head><body><header>某某市人民医院 · 自助服务机</header>"
                f'<iframe id="mb" title="医保报销明细" src="{app}/embed/explain?{KIOSK_QUERY}"></iframe>'
                "</body></html>", encoding="utf-8")
            handler = functools.partial(_QuietHandler, directory=str(root))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        try:
            yield app, allowed, f"http://127.0.0.1:{other_port}"
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_console_fill_submit_and_bill_check(chromium, origins):
    p, browser = chromium
    app, _, _ = origins
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app)
    page = context.new_page()
    problems = _watch(page)
    page.goto(f"{app}/console")
    page.select_option("#policy", "pingliang-employee")
    page.select_option("#category", "employee")
    page.fill("#date", "2026-05-10")
    page.check("#kind-hospital", force=True)
    page.select_option("#level", "3")
    page.select_option("#grade", "A")
    page.select_option("#items-0-category", "in_scope")
    page.fill("#items-0-amount", "800")
    page.select_option("#items-1-category", "class_b_drug")
    page.fill("#items-1-amount", "200")
    page.select_option("#items-2-category", "self_pay")
    page.fill("#items-2-amount", "50")
    page.fill("#deductible_used", "0")
    page.fill("#fund_paid", "0")
    page.fill("#account_balance", "300")
    page.fill("#slip_fund", "539.00")
    page.screenshot(path=str(ARTIFACTS / "console-form.png"), full_page=True)
    page.click("button[value=calculate]")
    page.wait_for_selector("[data-testid=fund]")
    assert page.inner_text("[data-testid=fund]") == "¥429.00"
    verdict = page.inner_text("[data-testid=verdict]")
    assert "不一致" in verdict and "已经扣满" in verdict
    page.screenshot(path=str(ARTIFACTS / "console-result.png"), full_page=True)
    # the copy button is there once the script runs, and copies the answer
    button = page.locator("[data-copy=answer-text]")
    assert button.is_visible()
    button.click()
    expect(button).to_have_text("已复制")  # a locator assertion: no eval, so the page's CSP stands
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "429" in copied and copied.startswith("医院报了¥539.00")
    # the slip matches when it says 429.00
    page.fill("#slip_fund", "429.00")
    page.click("button[value=calculate]")
    page.wait_for_selector("[data-testid=verdict]")
    assert "结算单一致" in page.inner_text("[data-testid=verdict]")
    # a typing mistake comes back next to its box, with everything else kept
    page.fill("#items-1-amount", "-200")
    page.click("button[value=calculate]")
    assert "不能为负数" in page.inner_text("#items-1-amount-error")
    assert page.input_value("#items-0-amount") == "800"
    page.screenshot(path=str(ARTIFACTS / "console-error.png"), full_page=True)
    assert not [m for m in problems if "Content Security Policy" in m or "Refused" in m], problems
    context.close()


def test_console_on_a_phone(chromium, origins):
    p, browser = chromium
    app, _, _ = origins
    context = browser.new_context(**p.devices["iPhone 13"], locale="zh-CN")
    page = context.new_page()
    page.goto(f"{app}/console")
    page.fill("#items-0-amount", "1000")
    page.select_option("#level", "2")
    page.click("button[value=calculate]")
    page.wait_for_selector("[data-testid=fund]")
    assert page.inner_text("[data-testid=fund]").startswith("¥")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / "console-phone.png"), full_page=True)
    context.close()


def test_kiosk_page_framed_by_another_origin(chromium, origins):
    p, browser = chromium
    app, allowed, other = origins
    context = browser.new_context(locale="zh-CN", viewport={"width": 1080, "height": 1280})
    page = context.new_page()
    problems = _watch(page)
    page.goto(f"{allowed}/kiosk.html")
    frame = page.frame_locator("#mb")
    frame.locator("[data-testid=fund]").wait_for()
    assert frame.locator("[data-testid=fund]").inner_text() == "¥429.00"
    assert "第七条" in frame.locator(".mingbai-embed").inner_text()
    assert frame.locator("svg").count() >= 1
    assert frame.locator("[data-print]").is_visible()
    cookies = context.cookies()
    assert cookies == []
    page.screenshot(path=str(ARTIFACTS / "kiosk-iframe.png"), full_page=True)
    assert not [m for m in problems if "Content Security Policy" in m or "Refused" in m], problems

    # the same page framed by an origin not in MINGBAI_FRAME_ANCESTORS is refused by the browser
    blocked = context.new_page()
    messages: list[str] = []
    blocked.on("console", lambda m: messages.append(m.text))
    blocked.goto(f"{other}/kiosk.html")
    blocked.wait_for_timeout(800)
    assert any("frame-ancestors" in m for m in messages), messages
    assert all("/embed/explain" not in f.url for f in blocked.frames)
    context.close()


def test_kiosk_slip_prints(chromium, origins):
    p, browser = chromium
    app, _, _ = origins
    context = browser.new_context(locale="zh-CN", viewport={"width": 420, "height": 900})
    page = context.new_page()
    page.goto(f"{app}/embed/explain?{KIOSK_QUERY}")
    page.emulate_media(media="print")
    assert not page.locator("[data-print]").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.mb-cite[open]").count() == page.locator("details.mb-cite").count() > 0
    page.screenshot(path=str(ARTIFACTS / "kiosk-print.png"), full_page=True)
    pdf = page.pdf(width="80mm")
    assert pdf[:4] == b"%PDF"
    context.close()
