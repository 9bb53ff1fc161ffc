"""Accessibility and the phone, in Debian's chromium (Playwright) against a real ``mingbai serve``.

* axe-core (WCAG 2.0/2.1 A and AA rules) finds no violation on ``/``, ``/?mode=elder``, ``/console``
  and ``/embed/explain``, each with an answer on screen (and its working opened). axe.min.js comes
  from npm (``.ci/run`` installs it into ``var/npm``); it is injected into a context with
  ``bypass_csp=True`` in this test only. Without it the axe tests skip with the reason.
* On a 390 px phone the headline and the person's share are on the first screen of every answer.
* 长辈版: computed text ≥ 20 px, targets ≥ 60 px, contrast ≥ 4.5:1, no animation, 朗读 speaks zh-CN.
* The first load of ``/`` is at most 30 KB gzip-sized (printed in the assertion message).

Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .conftest import running_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(os.environ.get("MINGBAI_AXE", ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANDMARK_RULES = ["region", "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique"]
KIOSK_QUERY = ("policy=pingliang-employee&category=employee&date=2026-05-10&level=3&grade=A"
               "&in_scope=800&class_b_drug=200&self_pay=50&account_balance=300")

#: messages that give everything the dialogue asks: each is answered in one turn
ANSWERED = [
    "平凉在职，三甲医院1200元，今年第一次",
    "我是南昌退休职工，三级医院花了一千二，今年第一次",
    "南充在职，二级医院看门诊花了80元，今年第一次",
    "平凉退休，二级医院300元，起付线已经扣完了",
    "南昌城乡居民，在签约机构看的，乡镇卫生院花了150元",
]

if not os.path.exists(CHROMIUM):  # pragma: no cover - depends on the machine
    pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture(scope="module")
def app() -> Iterator[str]:
    with running_server() as base:
        yield base


@pytest.fixture(scope="module")
def pw() -> Iterator[tuple[Any, Any]]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield p, browser
        finally:
            browser.close()


def _context(pw: tuple[Any, Any], *, phone: bool = True, **extra: Any) -> Any:
    p, browser = pw
    if phone:
        options = dict(p.devices["iPhone 13"])  # 390 × 664 CSS px viewport
        options.pop("default_browser_type", None)
    else:
        options = {"viewport": {"width": 1280, "height": 900}}
    options.update(locale="zh-CN", timezone_id="Asia/Shanghai")
    options.update(extra)
    return browser.new_context(**options)


def shot(page: Any, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def ask(page: Any, message: str, count: int) -> Any:
    page.locator("#message").fill(message)
    page.locator("#message").press("Enter")
    replies = page.locator("#log > .msg-bot:not([data-greeting])")
    expect(replies).to_have_count(count)
    expect(page.locator("#typing")).to_be_hidden()
    page.wait_for_timeout(150)
    return replies.nth(count - 1)


def axe(page: Any) -> list[dict[str, Any]]:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (.ci/run: npm install --prefix var/npm axe-core)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           TAGS)
    # and the landmark rules (axe files them under best practice): all content inside landmarks
    landmarks = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}, "
                              "resultTypes: ['violations']})", LANDMARK_RULES)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"] + landmarks["violations"]]


def open_working(answer: Any) -> None:
    more = answer.locator("details.more")
    more.locator(":scope > summary").click()
    expect(answer.locator(".mb-steps")).to_be_visible()
    answer.locator("details.mb-cite > summary").first.click()


# -- axe: the four pages, each with an answer on screen ---------------------------------------------

@pytest.mark.parametrize(("mode", "scheme"), [("", "light"), ("?mode=elder", "light"), ("", "dark"),
                                              ("?mode=elder", "dark")],
                         ids=["chat", "elder", "chat-dark", "elder-dark"])
def test_axe_chat(pw, app, mode, scheme):
    ctx = _context(pw, bypass_csp=True, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(app + "/" + mode)
    answer = ask(page, ANSWERED[0], 1)
    expect(answer.locator(".fig-fund")).to_have_text("¥550.00")
    name = f"a11y-{'elder' if mode else 'chat'}{'-dark' if scheme == 'dark' else ''}"
    shot(page, f"{name}-answer")
    assert axe(page) == []
    open_working(answer)
    shot(page, f"{name}-working")
    assert axe(page) == []
    ctx.close()


def test_axe_console(pw, app):
    ctx = _context(pw, phone=False, bypass_csp=True)
    page = ctx.new_page()
    page.goto(app + "/console")
    page.select_option("#policy", "pingliang-employee")
    page.select_option("#category", "employee")
    page.fill("#date", "2026-05-10")
    page.select_option("#level", "3")
    page.select_option("#grade", "A")
    page.select_option("#items-0-category", "in_scope")
    page.fill("#items-0-amount", "1200")
    page.click("button[value=calculate]")
    page.wait_for_selector("[data-testid=fund]")
    shot(page, "a11y-console", full_page=True)
    assert axe(page) == []
    ctx.close()


def test_axe_kiosk(pw, app):
    ctx = _context(pw, phone=False, bypass_csp=True)
    page = ctx.new_page()
    page.goto(f"{app}/embed/explain?{KIOSK_QUERY}")
    expect(page.locator("body")).to_contain_text("429.00")
    shot(page, "a11y-kiosk", full_page=True)
    assert axe(page) == []
    # the page that asks for a missing fact: a question, the choices once, no field path
    page.goto(f"{app}/embed/explain?{KIOSK_QUERY.replace('&grade=A', '')}")
    expect(page.locator(".me-title")).to_have_text("还需要您告诉我一件事")
    expect(page.locator(".me-choices a")).to_have_count(3)
    assert "visits[0]" not in page.content()
    shot(page, "a11y-kiosk-asks", full_page=True)
    assert axe(page) == []
    page.locator(".me-choices a", has_text="甲等").click()
    expect(page.locator("[data-testid=fund]")).to_have_text("¥429.00")
    ctx.close()


# -- the phone: the answer on the first screen --------------------------------------------------------

def _first_screen(page: Any, answer: Any) -> dict[str, float]:
    view = page.viewport_size
    boxes = {}
    for name in (".answer-head", ".fig-fund", ".fig-personal"):
        box = answer.locator(name).first.bounding_box()
        assert box is not None, name
        boxes[name] = box["y"] + box["height"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], (name, box, view)
    # the person's question is in view too, just above the answer
    mine = page.locator("#log > .msg-me").last.bounding_box()
    assert mine and mine["y"] >= 0, mine
    return boxes


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_every_answer_on_the_first_screen(pw, app, elder):
    ctx = _context(pw)
    page = ctx.new_page()
    page.goto(app + ("/?mode=elder" if elder else "/"))
    seen = []
    for i, message in enumerate(ANSWERED, start=1):
        answer = ask(page, message, i)
        page.wait_for_timeout(200)
        bottoms = _first_screen(page, answer)
        seen.append((message, round(bottoms[".fig-personal"])))
        shot(page, f"phone-{'elder' if elder else 'standard'}-{i}")
        # no line printed twice in the card: every visible text line is unique
        lines = answer.locator(".card").evaluate(
            "c => c.innerText.split('\\n').map(s => s.trim()).filter(s => s.length > 8)")
        assert len(lines) == len(set(lines)), lines
        # the answer's sentence once: the text reply opens with it too, and the card shows it as the headline
        card_text = answer.locator(".card").inner_text()
        assert card_text.count("统筹基金报") <= 1, card_text
        if not elder:
            # and with the working open: no step, total or note said twice
            answer.locator("details.more > summary").click()
            lines = answer.locator(".card").evaluate(
                "c => c.innerText.split('\\n').map(s => s.trim()).filter(s => s.length > 8)")
            assert len(lines) == len(set(lines)), [x for x in lines if lines.count(x) > 1]
            # no step printed again under the working (the grey box of issue 13)
            notes = answer.locator(".card-notes").all_inner_texts()
            assert not any(re.match(r"^\s*\d+[.、]", line) for n in notes for line in n.split("\n")), notes
            answer.locator("details.more > summary").click()
    print("first screen (bottom of the person's share, CSS px of 664):", seen)
    ctx.close()


def test_what_if_that_changes_nothing_says_so_in_one_line(pw, app):
    ctx = _context(pw)
    page = ctx.new_page()
    page.goto(app + "/")
    first = ask(page, "平凉在职，二级医院150元，今年第一次", 1)
    expect(first.locator(".fig-fund")).to_have_text("¥0.00")      # the deductible takes it all
    same = ask(page, "如果是一级医院呢", 2)
    expect(same.locator(".bubble-same")).to_have_text("这样改，结果不变：统筹基金报¥0.00，您自己付¥150.00")
    assert same.locator(".card, details").count() == 0
    changed = ask(page, "如果是三级甲等医院，花了1500元呢", 3)
    expect(changed.locator(".card")).to_be_visible()              # a change gets the whole answer
    page.wait_for_timeout(300)
    shot(page, "phone-what-if")
    ctx.close()


def test_another_visit_this_year_says_the_year_and_this_visit(pw, app):
    ctx = _context(pw)
    page = ctx.new_page()
    page.goto(app + "/")
    ask(page, "平凉在职，三甲医院1200元，今年第一次", 1)
    both = ask(page, "又看了一次，一级医院300", 2)
    # this visit first (what was just asked about), then the year's totals
    expect(both.locator(".answer-head")).to_contain_text("这次：统筹基金报¥195.00，您自己付¥105.00（没有提供个人账户余额，全部按现金计）")
    expect(both.locator(".answer-this")).to_have_text("今年2次门诊合计：统筹基金报¥745.00，您自己付¥755.00")
    page.wait_for_timeout(300)
    _first_screen(page, both)
    shot(page, "phone-two-visits")
    ctx.close()


def test_chart_text_readable_on_a_phone(pw, app):
    ctx = _context(pw)
    page = ctx.new_page()
    page.goto(app + "/")
    answer = ask(page, ANSWERED[1], 1)
    open_working(answer)
    sizes = answer.locator(".mb-chart svg text").evaluate_all(
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
    assert sizes and min(sizes) >= 12, sizes
    print(f"chart text on a 390 px phone: {min(sizes):.1f}–{max(sizes):.1f} CSS px")
    boxes = answer.locator(".mb-chart svg text").evaluate_all(
        "ts => ts.map(t => { const b = t.getBoundingClientRect(); return [b.left, b.right]; })")
    svg = answer.locator(".mb-chart svg").bounding_box()
    assert all(left >= svg["x"] - 1 and right <= svg["x"] + svg["width"] + 1 for left, right in boxes), (boxes, svg)
    answer.locator(".mb-chart").scroll_into_view_if_needed()
    shot(page, "phone-chart")
    ctx.close()


# -- 长辈版 ------------------------------------------------------------------------------------------

def _contrast(page: Any, selector: str) -> list[tuple[str, float]]:
    return page.evaluate("""sel => {
      const lum = c => { const m = c.match(/[\\d.]+/g).map(Number);
        const a = m.length > 3 ? m[3] : 1; return [m[0], m[1], m[2], a]; };
      const rel = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const bgOf = el => { let layers = []; for (let e = el; e; e = e.parentElement) {
          const c = lum(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
        let out = [255, 255, 255]; for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
        return out; };
      return Array.from(document.querySelectorAll(sel)).filter(e => e.offsetParent && e.innerText.trim()).map(e => {
        const fg = lum(getComputedStyle(e).color), bg = bgOf(e);
        const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
        const [hi, lo] = [rel(mixed), rel(bg)].sort((x, y) => y - x);
        return [e.innerText.trim().slice(0, 20), (hi + 0.05) / (lo + 0.05)]; });
    }""", selector)


TEXT_SIZES = """() => Array.from(document.querySelectorAll('#chat *')).filter(e =>
    e.offsetParent && !e.closest('svg') && !e.closest('.visually-hidden') &&
    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => [e.textContent.trim().slice(0, 16), parseFloat(getComputedStyle(e).fontSize)])"""
TARGETS = """() => Array.from(document.querySelectorAll(
    '#chat button, #chat a, #chat summary, #chat textarea')).filter(e => e.offsetParent)
  .map(e => { const b = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 12) || e.id, b.width, b.height]; })"""


def test_elder_mode_measures(pw, app):
    ctx = _context(pw)
    ctx.add_init_script("""
      window.__spoken = [];
      if (window.speechSynthesis) {
        window.speechSynthesis.speak = u => { window.__spoken.push({text: u.text, lang: u.lang});
          setTimeout(() => u.onend && u.onend(), 10); };
      }""")
    page = ctx.new_page()
    page.goto(app + "/?mode=elder")
    expect(page.locator("body")).to_have_class("chat-page elder js")
    answer = ask(page, ANSWERED[1], 1)
    # the short answer only: the facts and the working are behind one tap
    expect(answer.locator(".answer-head")).to_be_visible()
    expect(answer.locator(".facts-line, .facts")).to_be_hidden()
    expect(answer.locator(".mb-steps")).to_be_hidden()
    shot(page, "elder-answer")

    texts = page.evaluate(TEXT_SIZES)
    small = [t for t in texts if t[1] < 20]
    assert not small, small
    targets = page.evaluate(TARGETS)
    tiny = [t for t in targets if t[1] < 60 or t[2] < 60]
    assert not tiny, tiny
    low = [c for c in _contrast(page, "#chat *") if c[1] < 4.5]
    assert not low, low
    animated = page.evaluate("""() => Array.from(document.querySelectorAll('#chat *')).filter(e => {
        const s = getComputedStyle(e); return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0; }).length""")
    assert animated == 0
    print("elder mode: smallest text", min(t[1] for t in texts), "px; smallest target",
          min(min(t[1], t[2]) for t in targets), "px; lowest contrast", round(min(c[1] for c in _contrast(page, "#chat *")), 2))

    # 朗读 reads the answer aloud in zh-CN
    answer.get_by_role("button", name="朗读").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0]["lang"] == "zh-CN", spoken
    # said as a person would: amounts in 元, the sentence as on screen
    assert spoken[0]["text"] == "统筹基金报330元，您自己付870元（没有提供个人账户余额，全部按现金计）", spoken

    # the working on tap, as large: its text, citation chips and toggles too
    open_working(answer)
    shot(page, "elder-working")
    small = [t for t in page.evaluate(TEXT_SIZES) if t[1] < 20]
    assert not small, small
    tiny = [t for t in page.evaluate(TARGETS) if t[1] < 60 or t[2] < 60]
    assert not tiny, tiny
    # the choice is remembered on the device
    page.goto(app + "/")
    expect(page.locator("body")).to_have_class("chat-page elder js")
    page.get_by_role("button", name="标准版").click()
    expect(page.locator("body")).not_to_have_class("chat-page elder js")
    page.goto(app + "/")
    assert "elder" not in (page.locator("body").get_attribute("class") or "")
    ctx.close()


def test_reduced_motion_turns_off_animation(pw, app):
    ctx = _context(pw, reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(app + "/")
    page.evaluate("document.getElementById('typing').hidden = false")
    names = page.locator("#typing i").evaluate_all("is => is.map(i => getComputedStyle(i).animationName)")
    assert names and set(names) == {"none"}
    ctx.close()


# -- English --------------------------------------------------------------------------------------

def test_english_page_and_quick_replies(pw, app):
    ctx = _context(pw, locale="en-US")
    page = ctx.new_page()
    page.goto(app + "/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Start over").first).to_be_visible()
    page.get_by_role("button", name="Nanchang, retired employee, level-3 hospital, ¥1,200").click()
    replies = page.locator("#log > .msg-bot:not([data-greeting])")
    expect(replies).to_have_count(1)
    chips = replies.first.locator(".chip").all_inner_texts()
    assert chips and all(not any("\u4e00" <= ch <= "\u9fff" for ch in c) for c in chips), chips
    replies.first.get_by_role("button", name="First claim this year").click()
    expect(replies).to_have_count(2)
    expect(replies.nth(1).locator(".answer-head")).to_contain_text("The fund pays ¥330.00")
    expect(replies.nth(1).locator("details.more > summary")).to_have_text("Show the working")
    mine = page.locator("#log > .msg-me .bubble").all_inner_texts()
    assert mine == ["Nanchang, retired employee, level-3 hospital, ¥1,200", "First claim this year"], mine
    page.wait_for_timeout(400)
    shot(page, "english-answer")
    # the possibilities side by side: each column says who pays in English (the writer's own visit)
    alts = ask(page, "Nanchong retiree, 700 yuan, first visit this year, not sure whether the hospital is tier 3 or lower", 3)
    expect(alts.locator(".alts .alt").first.locator(".alt-row").nth(1)).to_contain_text("You pay")
    ctx.close()


# -- the first load of / ---------------------------------------------------------------------------

def test_first_load_of_the_chat_page_is_small(app):
    sizes = {}
    for path in ("/", "/static/chat.css", "/static/chat.js", "/static/favicon.svg"):
        with urllib.request.urlopen(app + path, timeout=10) as r:
            sizes[path] = len(gzip.compress(r.read(), 9))
    total = sum(sizes.values())
    message = f"gzip-sized first load of /: {total} bytes ({json.dumps(sizes)})"
    print(message)
    assert total <= 30 * 1024, message


# -- the second-round reply fields, from a fixture reply shaped as in CONTRACT.md ---------------------

def _fixture_reply(**reply: Any) -> str:
    base = {"text": "……", "asking": None, "quick_replies": ["其实是二级医院", "重新开始"], "result": None, "html": None,
            "intent": "calculate"}
    base.update(reply)
    return json.dumps({"session_id": "f" * 32, "reply": base}, ensure_ascii=False)


RESULT = {"policy": {"id": "nanchang-employee", "title": "…", "document_number": "…"},
          "visits": [{"date": "2026-05-10", "total": "1200.00", "fund_pays": "330.00", "personal_pays": "870.00",
                      "account_pays": "0.00", "cash_pays": "870.00", "steps": []}],
          "totals": {"total": "1200.00", "fund_pays": "330.00", "personal_pays": "870.00", "account_pays": "0.00",
                     "cash_pays": "870.00"}}


def test_understood_alternatives_and_bill_check_render(pw, app):
    ctx = _context(pw, bypass_csp=True)
    page = ctx.new_page()
    page.goto(app + "/")
    understood = [
        {"slot": "city", "value": "南昌", "text": "南昌职工医保", "source": "message"},
        {"slot": "category", "value": "retiree", "text": "退休", "source": "message"},
        {"slot": "provider_level", "value": 3, "text": "三级医院", "source": "message"},
        {"slot": "scope", "value": True, "text": "全部是政策范围内费用", "source": "assumed"},
    ]
    page.route("**/api/v1/chat", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body=_fixture_reply(text="统筹基金支付：¥330.00", result=RESULT, understood=understood)))
    answer = ask(page, "南昌退休，三级医院1200", 1)
    facts = answer.locator(".facts .fact-fix")
    expect(facts).to_have_count(4)
    expect(facts.nth(3)).to_contain_text("按常见情况假设")
    # the facts sit between the answer and the working
    order = answer.locator(".card").evaluate(
        "c => Array.from(c.children).map(e => e.className.split(' ')[0])")
    assert order.index("answer") < order.index("facts") < order.index("card-foot"), order
    facts.nth(2).click()                                   # one tap: the correction is started
    expect(page.locator("#message")).to_have_value("不对，不是三级医院，是")
    expect(page.locator("#message")).to_be_focused()
    page.locator("#message").fill("")
    shot(page, "fixture-understood")
    assert axe(page) == []

    page.unroute("**/api/v1/chat")
    alternatives = [{"label": "一级及以下", "fund_pays": "390.00", "personal_pays": "810.00"},
                    {"label": "二级", "fund_pays": "360.00", "personal_pays": "840.00"},
                    {"label": "三级", "fund_pays": "330.00", "personal_pays": "870.00"}]
    page.route("**/api/v1/chat", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body=_fixture_reply(text="不清楚几级也没关系：三种情况并排给您看。", alternatives=alternatives)))
    alts = ask(page, "不清楚几级", 2)
    cols = alts.locator(".alts .alt")
    expect(cols).to_have_count(3)
    # side by side on a phone: the same top, read in one go from the layout (three bounding boxes read one
    # after another came 2 px apart each while the log was still scrolling to the answer)
    tops = cols.evaluate_all("els => els.map(e => e.offsetTop)")
    assert len(set(tops)) == 1, tops
    expect(cols.nth(1)).to_contain_text("¥360.00")
    expect(cols.nth(1).locator(".alt-row").nth(1)).to_contain_text("您自己付")
    expect(alts.locator(".answer-text")).to_have_text("不清楚几级也没关系：三种情况并排给您看。")
    shot(page, "fixture-alternatives")
    assert axe(page) == []

    # a balance told: each column shows the account's part and the cash; every line before the first “·” line
    # (a note said first, then the head) leads, the rest is the hint under the columns
    page.unroute("**/api/v1/chat")
    split = [{**a, "account_pays": "300.00", "cash_pays": str(Decimal(a["personal_pays"]) - 300)} for a in alternatives]
    page.route("**/api/v1/chat", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body=_fixture_reply(text="自费的部分不清楚：下面是统筹最多能报的数。\n不知道也没关系，按每种可能分别算给您：\n"
                                 "· 一级及以下：…\n· 二级：…\n· 三级：…\n通常：县医院多为二级。", alternatives=split,
                            payer="您爸")))
    alts = ask(page, "他账户里还有三百", 3)
    # a relative's visit: each column names whose share it is, as the text reply does (您爸自己付)
    expect(alts.locator(".alts .alt").nth(2).locator(".alt-row").nth(1)).to_contain_text("您爸自己付")
    expect(alts.locator(".alts .alt").nth(2).locator(".alt-split")).to_have_text(["账户 ¥300.00", "现金 ¥570.00"])
    expect(alts.locator(".answer-text").first).to_have_text(
        "自费的部分不清楚：下面是统筹最多能报的数。\n不知道也没关系，按每种可能分别算给您：")
    expect(alts.locator(".answer-hint")).to_have_text("通常：县医院多为二级。")
    assert axe(page) == []

    page.unroute("**/api/v1/chat")
    check = {"verdict": "differs",
             "differences": [{"field": "fund_pays", "slip": "300.00", "calculated": "330.00", "difference": "-30.00"}],
             "causes": [{"kind": "deductible_position", "text": "如果今年之前已经扣过起付线¥650.00……请对照之前的结算单核对。",
                         "changed": {"year_start.deductible_used": "650.00"}, "reproduces": ["fund_pays"],
                         "citations": []}],
             "unexplained": False, "result": RESULT, "text": "结算单和计算不一致……"}
    page.route("**/api/v1/chat", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body=_fixture_reply(text="结算单和计算不一致……", result=RESULT, bill_check=check)))
    checked = ask(page, "医院给我报了300，对吗？", 4)
    expect(checked.locator(".check-verdict")).to_have_text("和结算单不一致")
    expect(checked.locator(".check-diffs")).to_contain_text("统筹基金：单上¥300.00，算出¥330.00，相差−¥30.00")
    expect(checked.locator(".check-cause")).to_contain_text("请对照之前的结算单核对")
    page.wait_for_timeout(300)
    shot(page, "fixture-bill-check")
    assert axe(page) == []
    ctx.close()
