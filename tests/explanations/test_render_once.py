"""Rendering machinery (issue 12): one pass for several formats, compiled templates, Jinja's call
and gettext shortcuts — every output byte for byte what the plain path gives."""

from __future__ import annotations

import sys

import pytest
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from calculator import CalculatorError, calculate
from explanations import explain, explain_formats, precompile
from explanations.i18n import activated, locales_available, normalise_locale
from explanations.render import FORMATS, FastContext, _gettext, _ngettext, environment

from .scenarios import IDS, expect_of, request_of

SETTLED = [sid for sid in IDS if "error" not in expect_of(sid)]


def _result(sid: str):
    request = request_of(sid)
    try:
        return request, calculate(request)
    except CalculatorError:
        return request, None


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("sid", SETTLED)
def test_one_pass_gives_each_formats_explanation(sid: str, locale: str) -> None:
    request, result = _result(sid)
    assert result is not None
    both = explain_formats(result, tuple(FORMATS), locale=locale, request=request)
    assert both == {fmt: explain(result, format=fmt, locale=locale, request=request) for fmt in FORMATS}
    assert explain_formats(result, ("text",), locale=locale) == {"text": explain(result, locale=locale)}


def test_unknown_format_is_refused() -> None:
    _, result = _result("nc_level1_account")
    with pytest.raises(ValueError):
        explain_formats(result, ("text", "pdf"))


def test_precompile_compiles_every_template_once() -> None:
    precompile()
    for fmt in FORMATS:
        env = environment(fmt)
        assert env.context_class is FastContext
        assert env.cache is not None and len(env.cache) >= len(env.list_templates()) // 2
    precompile()  # idempotent


def test_locale_lookups_are_cached_not_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalise_locale("en-US") == "en"
    import explanations.i18n as i18n

    def no_disk(*_args, **_kwargs):  # pragma: no cover - fails the test if reached
        raise AssertionError("the catalogs were listed on disk again")

    monkeypatch.setattr(i18n.LOCALES_DIR.__class__, "glob", no_disk)
    assert normalise_locale("en-US") == "en" and normalise_locale("zh_CN") == "zh-CN"
    assert locales_available() == ["zh-CN", "en"]
    with activated("en") as state:
        assert state.tag == "en"
    with pytest.raises(ValueError):
        normalise_locale("fr")


@pytest.mark.parametrize("autoescape", [False, True])
def test_gettext_shortcut_matches_jinjas_newstyle_gettext(autoescape: bool) -> None:
    """``_()`` as installed by Jinja's i18n extension, and ours: same output for the same calls."""
    from explanations.i18n import gettext, ngettext

    source = ('{{ _("%(a)s 元", a=x) }}|{{ _("100%%") }}|{{ _("统筹基金支付") }}|'
              '{% for i in [1] %}{{ _("%(n)s次", n=i) }}{% endfor %}|{{ ngettext("%(num)s次", "%(num)s次", 2) }}')
    plain = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape, undefined=StrictUndefined)
    plain.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    fast = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape, undefined=StrictUndefined)
    fast.context_class = FastContext
    fast.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    fast.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    for locale in ("zh-CN", "en"):
        with activated(locale):
            for x in ("<b>1</b>", "2.00", 3, Markup("<i>safe</i>"), "a & b"):
                assert fast.from_string(source).render(x=x) == plain.from_string(source).render(x=x)


def test_messages_use_only_named_string_placeholders() -> None:
    """The HTML gettext shortcut escapes each variable first, which equals markupsafe's own
    formatting for ``%(name)s`` placeholders — the only kind the catalogs may use."""
    import re

    from explanations.i18n import translations

    other = re.compile(r"%(?!%)(?!\(\w+\)s)")
    for tag in locales_available():
        catalog = translations(tag)._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalog.items():
            texts = (msgid, *msgid) if isinstance(msgid, tuple) else (msgid,)
            for text in (t for t in (*texts, msgstr) if isinstance(t, str) and t):
                assert not other.search(text.replace("%%", "")), (tag, text)


def test_format_macros_memo_is_keyed_by_everything_they_read() -> None:
    """f.cite / f.marks / f.title: the same key gives the same markup; a different locale,
    document or note number gives the macro's own output, and iterators are read once."""
    from calculator.result import CitationOut
    from explanations.render import Doc

    f = environment("html").globals["f"]
    cites = [CitationOut(policy="p", article="四（三）", quote="不低于50%"),
             CitationOut(policy="p", article=None, quote=None, supplied=True, source="某局")]
    outputs = {}
    for locale in ("zh-CN", "en"):
        for doc in (Doc("平凉", "Pingliang", "某办法"), Doc("西安", "Xi'an", "某方案")):
            with activated(locale, doc=doc, notes={"r1": 2}):
                first = f.cite(cites)
                assert f.cite(iter(cites)) == first == f._module.cite(cites)
                assert f.marks(["r1"]) == f._module.marks(["r1"]) and f.title("ratio") == f._module.title("ratio")
                outputs[locale, doc.city] = (first, f.marks(["r1"]))
            with activated(locale, doc=doc, notes={"r1": 3}):
                assert f.marks(["r1"]) == f._module.marks(["r1"]) != outputs[locale, doc.city][1]
    assert len({v[0] for v in outputs.values()}) == 4  # a plan's section is named with its city


def test_dict_attribute_shortcut_matches_jinja() -> None:
    from explanations.render import FastEnvironment

    plain, fast = Environment(undefined=StrictUndefined), FastEnvironment(undefined=StrictUndefined)
    data = {"left": 70, "items": "an item named items", "get": 1}
    for name in ("left", "items", "get", "keys"):
        assert fast.getattr(data, name) == plain.getattr(data, name)
    for env in (plain, fast):
        missing = env.getattr(data, "right")
        assert type(missing) is StrictUndefined
        with pytest.raises(Exception, match="right"):
            str(missing)
    assert fast.from_string("{{ d.left }} {{ d.items is callable }}").render(d=data) == "70 True"


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_messages_read_the_same_unescaped(locale: str) -> None:
    """The one pass for text and HTML (``render.shared_step_bodies``) derives a step's text by
    unescaping its HTML sentences: that is exact only while no message holds an entity-like
    ``&``. A message that needs one would have to change that pass, not the catalog."""
    import html

    from explanations.i18n import translations

    catalog = translations(locale)
    messages = [m for m in catalog._catalog.values() if isinstance(m, str)]  # type: ignore[attr-defined]
    assert len(messages) > 100
    assert [m for m in messages if html.unescape(m) != m] == []


def test_shared_step_bodies_match_each_formats_own_pass() -> None:
    """The steps rendered once for text and HTML are the steps each format renders alone."""
    from explanations.render import Doc, render, shared_step_bodies, visit_views

    request, result = _result("nc_level1_account")
    assert result is not None
    p = result.policy
    for locale in ("zh-CN", "en"):
        with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title), notes={}):
            shared = visit_views(result, request)
            shared_step_bodies(shared)
            alone = visit_views(result, request)
            assert shared[0].bodies["txt"] and shared[0].bodies["html"]
            context = dict(result=result, request=request, policy=p, multi=False, readings=[], inputs=[],
                           zh=locale == "zh-CN", lang=locale, city=p.city, chart=None, pre=None,
                           all_steps=list(result.visits[0].steps))
            for fmt in ("text", "html"):
                assert render(fmt, "year", views=shared, **context) == render(fmt, "year", views=alone, **context)


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("sid", SETTLED)
def test_one_pass_with_the_text_without_the_request(sid: str, locale: str) -> None:
    """The chat's answer: the text as without the request, the HTML with it, in one pass."""
    request, result = _result(sid)
    assert result is not None
    both = explain_formats(result, ("text", "html"), locale=locale, request=request, request_for={"text": None})
    assert both == {"text": explain(result, locale=locale),
                    "html": explain(result, format="html", locale=locale, request=request)}


def test_escaped_is_markupsafes_escape() -> None:
    from markupsafe import escape

    from explanations.render import _escaped

    for value in ("<b>1</b>", "a & b", 'Xi\'an "plan"', "¥1,200.00", "", 3, Markup("<i>safe</i>"), 2.5):
        assert _escaped(value) == str(escape(value))


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("sid", SETTLED)
def test_a_page_filled_from_its_skeleton_is_the_page_rendered(sid: str, locale: str) -> None:
    """The third explanation of a kind of page comes from the skeleton the second one built:
    each format still gives exactly what rendering it alone gives (with the text without the
    request, too, as the chat answers)."""
    request, result = _result(sid)
    assert result is not None
    alone = {fmt: explain(result, format=fmt, locale=locale, request=request) for fmt in ("text", "html")}
    for _ in range(3):  # seen, built, filled
        assert explain_formats(result, ("text", "html"), locale=locale, request=request) == alone
    chat = {"text": explain(result, locale=locale), "html": alone["html"]}
    for _ in range(3):
        assert explain_formats(result, ("text", "html"), locale=locale, request=request,
                               request_for={"text": None}) == chat


#: the settled scenarios whose last visit has items to vary (the others have none to change)
WITH_ITEMS = [sid for sid in SETTLED if request_of(sid).visits and request_of(sid).visits[-1].items]


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("sid", WITH_ITEMS)
def test_a_skeleton_takes_each_requests_own_figures(sid: str, locale: str) -> None:
    """One kind of visit, many bills: the steps and the page filled from skeletons give, word
    for word, what rendering in full gives — every figure the request's own, every branch its
    own (an amount that changes a sign or an equality is another kind of visit)."""
    import sys

    import msgspec

    from calculator import decode_request

    base = msgspec.json.decode(msgspec.json.encode(request_of(sid)))
    first = base["visits"][-1]["items"][0]["amount"]
    for amount in (first, "0.01", "99.50", first, "1234.56", "20000.00", "0", first):
        raw = msgspec.json.decode(msgspec.json.encode(base))
        raw["visits"][-1]["items"][0]["amount"] = amount
        request = decode_request(msgspec.json.encode(raw))
        try:
            result = calculate(request)
        except CalculatorError:
            continue
        alone = {fmt: explain(result, format=fmt, locale=locale, request=request) for fmt in ("text", "html")}
        assert explain_formats(result, ("text", "html"), locale=locale, request=request) == alone
        assert explain_formats(result, ("text", "html"), locale=locale, request=request,
                               request_for={"text": None}) == {"text": explain(result, locale=locale),
                                                               "html": alone["html"]}
    assert any(type(v) is tuple for v in sys.modules["explanations.skeleton"]._SKELETONS.values())
    assert any(sys.modules["explanations.render"]._SKELETONS.values())  # a built page skeleton (a seen one is [])


def test_a_figure_answers_only_what_the_key_settles() -> None:
    from decimal import Decimal

    from explanations.formatting import Figure, Unfixed, money

    a, same, b, zero = Figure(0, 1), Figure(0, 1), Figure(1, 1), Figure(2, 0)
    assert a == same and a != b and not (a > same) and a >= same
    assert a > 0 and not a < 0 and a != 0 and zero == 0 and zero == Decimal(0) and not zero and a
    assert a is not None and a != None  # noqa: E711 - Jinja's ``is none`` and ``!= none``
    for question in (lambda: a > b, lambda: a == 5, lambda: a < Decimal("0.5"), lambda: str(a),
                     a.__html__, lambda: a == "0"):
        with pytest.raises(Unfixed):
            question()
    with pytest.raises(TypeError):
        _ = a + 1  # type: ignore[operator]
    assert money(a) == a.slot("m")


def test_warm_only_fills_or_refuses_before_rendering() -> None:
    """``warm_only``: a kind without skeletons is refused (and the try is no sighting); once
    built, the filled explanation is the one rendered in full."""
    from explanations import NotWarm

    request, result = _result(SETTLED[0])
    assert result is not None
    locale = "en"
    full = {fmt: explain(result, format=fmt, locale=locale, request=request) for fmt in ("text", "html")}
    skeletons = sys.modules["explanations.skeleton"]._SKELETONS
    pages = sys.modules["explanations.render"]._SKELETONS
    skeletons.clear()
    pages.clear()
    for _ in range(3):
        with pytest.raises(NotWarm):
            explain_formats(result, ("text", "html"), locale=locale, request=request, warm_only=True)
    assert not skeletons and not pages  # refusing recorded nothing
    for _ in range(2):  # seen, built
        assert explain_formats(result, ("text", "html"), locale=locale, request=request) == full
    assert explain_formats(result, ("text", "html"), locale=locale, request=request, warm_only=True) == full
