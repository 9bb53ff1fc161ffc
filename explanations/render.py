"""The Jinja environments and the view of a result the templates read.

One :class:`jinja2.Environment` per output format (text, Markdown, HTML), built once: templates
in files under ``templates/``, ``StrictUndefined``, ``auto_reload=False``, ``trim_blocks`` and
``lstrip_blocks``, autoescaping on for HTML (the SVG chart is
written in Python, :mod:`.chart`). The step templates
(``templates/steps/<kind>.j2``, one per step kind) are shared by the three formats; what differs —
how a heading is set, how a citation is shown — comes from the format's macros
(``templates/formats/<ext>.j2``), and the page around the steps is one template per format
(``year``, ``visit``, ``assumptions``, ``error``).

Gettext callables (newstyle) read the locale of the current rendering from a ContextVar
(:mod:`explanations.i18n`). Filters only *format* the trace's Decimals (:mod:`.formatting`);
nothing here adds, subtracts or multiplies money.

Speed (issue 12): the web app compiles every template at start-up (:func:`precompile`), so no
request parses one. Two pieces of Jinja's
per-call machinery are replaced by equivalents that do the same with less work: ``_()`` is one
callable (Jinja's i18n extension goes through three: its alias, its newstyle wrapper and the
catalog function, each via ``Context.call``) with the same semantics — the message translated,
marked safe under autoescape, then always ``%``-formatted with its (escaped) variables; and
:class:`FastContext` calls plain functions and macros directly, handing anything that asks for
the context, the evaluation context or the environment to Jinja's own ``Context.call``;
:class:`FastEnvironment` reads ``a.b`` on a plain dict without a raised AttributeError; and the
format macros' pure calls are memoised (:class:`FormatMacros`).

The page around one visit's steps (basis, totals table, readings, the chart's figure) depends on
few things besides the parts rendered already: :func:`page` renders it once per kind of page
(document, locale, step kinds, readings, totals' signs) with slots, checks that the slots filled
with that request's own parts give the page rendered in place, and fills the skeleton for every
later request of that kind.
"""

from __future__ import annotations

import html as _html
import re
import types
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from calculator import CalculationRequest, CalculationResult, RatioStep, Visit, VisitResult

from . import formatting, labels
from .i18n import current, gettext, ngettext

__all__ = ["FORMATS", "TEMPLATES", "WARM_ONLY", "FastContext", "FastEnvironment", "FormatMacros", "NotWarm", "VisitView", "cite_key",
           "environment", "marks_key", "page", "precompile", "render", "same_steps", "shared_page_parts",
           "shared_step_bodies", "visit_views"]

TEMPLATES = Path(__file__).with_name("templates")
#: ``format`` argument → template file extension
FORMATS = {"text": "txt", "markdown": "md", "html": "html"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# -- per-rendering look-ups (kept in the i18n state, so concurrent renderings never mix) -----------

@dataclass(frozen=True)
class Doc:
    """The document a rendering cites: enough to name its articles."""

    city: str
    city_en: str
    title: str


def _doc() -> Doc:
    return current().extra["doc"]


def _notes() -> dict[str, int]:
    return current().extra.get("notes", {})


def note_mark(index: int) -> str:
    return _CIRCLED[index - 1] if 1 <= index <= len(_CIRCLED) else f"({index})"


def note_marks(readings: Iterable[str]) -> str:
    """``（按本计算的理解，见说明①②）`` for a step relying on readings; empty otherwise."""
    notes = _notes()
    marks = "".join(note_mark(notes[r]) for r in dict.fromkeys(readings) if r in notes)
    return gettext("（这一步是本计算的理解，见说明%(marks)s）") % {"marks": marks} if marks else ""


@dataclass(frozen=True)
class CiteGroup:
    article: str
    label: str  # the article's name in the locale (第七条 / 西安方案 四（三） / Art. 7)
    bracket: str  # 〔label〕
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class CiteView:
    supplied: tuple[str, ...]  # “（经办机构参数：source）” for figures supplied, not cited
    groups: tuple[CiteGroup, ...]
    bracket: str  # 〔第七条、第五条〕 — every article at once


def _get(c: Any, name: str) -> Any:
    return c.get(name) if isinstance(c, dict) else getattr(c, name)


def cite_view(citations: Iterable[Any]) -> CiteView:
    """Citations grouped by article (in order of first appearance), supplied figures apart."""
    doc = _doc()
    supplied: list[str] = []
    quotes: dict[str, list[str]] = {}
    for c in citations:
        if _get(c, "supplied"):
            source = _get(c, "source")
            text = (gettext("（经办机构参数：%(source)s）") % {"source": source} if source
                    else gettext("（经办机构参数）"))
            if text not in supplied:
                supplied.append(text)
            continue
        article = _get(c, "article")
        if not article:
            continue
        qs = quotes.setdefault(article, [])
        quote = _get(c, "quote")
        if quote and not any(quote in q for q in qs):
            # a longer quote of the same article replaces the shorter ones it contains
            qs[:] = [q for q in qs if q not in quote] + [quote]
    groups = []
    names = []
    for article, qs in quotes.items():
        label = formatting.article_label(article, city=doc.city, city_en=doc.city_en, title=doc.title)
        groups.append(CiteGroup(article=article, label=label, bracket=f"〔{label}〕", quotes=tuple(qs)))
        names.append(label)
    bracket = ""
    if names:
        # a plan numbered by sections names itself once: 〔西安方案 五（二）、四（三）〕
        prefix = _common_prefix(names)
        sep = gettext("、")
        bracket = "〔" + prefix + sep.join(n[len(prefix):] for n in names) + "〕"
        if prefix == "Art. ":
            bracket = bracket.replace("〔Art. ", "〔Arts. ", 1)
    return CiteView(supplied=tuple(supplied), groups=tuple(groups), bracket=bracket)


def _common_prefix(names: list[str]) -> str:
    if len(names) < 2 or " " not in names[0]:
        return ""
    head = names[0].rsplit(" ", 1)[0] + " "
    return head if all(n.startswith(head) for n in names) else ""


def all_citations(steps: Iterable[Any]) -> tuple[CiteGroup, ...]:
    """Every article cited by these steps, once, with all its quotes (for a list of sources)."""
    every = [c for s in steps for c in s.citations]
    return cite_view(every).groups


# -- formatting helpers for the templates -----------------------------------------------------------

def yuan(value: Decimal) -> str:
    """The result of a formula: ``440.00 元`` (zh) / ``CN¥440.00`` (en)."""
    return gettext("%(amount)s 元") % {"amount": formatting.number(value)}


def points(ratio: Decimal) -> str:
    """A ratio as percentage points, without the sign: 0.05 → ``5`` (for “提高5个百分点”)."""
    if type(ratio) is formatting.Figure:
        return ratio.slot("t")
    return formatting.percent(ratio).rstrip("%").strip()


def plus(values: Iterable[Decimal]) -> str:
    return " + ".join(formatting.number(v) for v in values)


def amount_list(lines: Iterable[Any]) -> str:
    """``自费费用 50.00 元、产前检查费用 200.00 元``."""
    sep = gettext("、")

    def what(line: Any) -> str:
        if line.category == "in_scope" and getattr(line, "reason", None) == "referral_scope":
            return gettext(labels.OTHER_COSTS)  # in scope elsewhere, not on a TCM referral
        return labels.item_category(line.category)

    return sep.join(gettext("%(what)s %(amount)s") % {"what": what(ln), "amount": yuan(ln.amount)}
                    for ln in lines)


def first_self_pay_lines(lines: Iterable[Any]) -> str:
    """``乙类药品 200.00 × 10% = 20.00 元；…``."""
    sep = gettext("；")
    return sep.join(
        gettext("%(what)s %(amount)s × %(rate)s = %(share)s") % {
            "what": labels.item_category(ln.category), "amount": formatting.number(ln.amount),
            "rate": formatting.percent(ln.rate), "share": yuan(ln.share)}
        for ln in lines)


_SPACES = re.compile(r" {2,}")


def squash(text: str) -> str:
    """One line from a template block: lines stripped and joined — with nothing between them in
    Chinese, with one space in English (keeps Markup as Markup)."""
    parts = [p for p in map(str.strip, str(text).splitlines()) if p]
    if current().tag.startswith("zh"):
        joined = "".join(parts)
    else:
        joined = " ".join(parts)
        if "  " in joined:
            joined = _SPACES.sub(" ", joined)
    return Markup(joined) if isinstance(text, Markup) else joined


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def kind_of(step: Any) -> str:
    """A step's tag (``deductible``…), as it is encoded in ``kind``."""
    return type(step).__struct_config__.tag


# -- the view of a visit ------------------------------------------------------------------------------

@dataclass(frozen=True)
class VisitView:
    """One visit of the result, with what the templates look up about it (no money computed)."""

    n: int  # 1-based position in the year
    visit: VisitResult
    request: Visit | None
    steps: dict[str, Any]  # kind → step
    tier: str | None  # the ratio table's key, when the visit reached the ratio step
    by_prescription: bool  # a pharmacy purchase settled at the prescribing institution's level
    pharmacy: bool  # bought at a pharmacy (any kind)
    provider: str  # where, in the locale's words
    kinds: tuple[str, ...] = ()  # each step's kind, in the order of ``visit.steps``
    #: format extension → each step's squashed body, when one pass rendered them for several
    #: formats (:func:`shared_step_bodies`); a page template falls back to the step templates
    bodies: dict[str, list[str]] = field(default_factory=dict)


def _by_prescription(visit: VisitResult, ratio: RatioStep | None, request: Visit | None) -> bool:
    if ratio is None or ratio.tier == "pharmacy":
        return False
    if request is not None:
        return request.provider.kind == "pharmacy"
    return visit.provider_kind == "pharmacy"  # settled at the prescribing hospital's tier


def visit_views(result: CalculationResult, request: CalculationRequest | None) -> list[VisitView]:
    views = []
    for i, visit in enumerate(result.visits):
        kinds = tuple(kind_of(s) for s in visit.steps)
        steps: dict[str, Any] = dict(zip(kinds, visit.steps, strict=True))
        ratio = steps.get("ratio")
        req_visit = request.visits[i] if request is not None and i < len(request.visits) else None
        by_prescription = _by_prescription(visit, ratio, req_visit)
        if ratio is not None:
            provider = labels.tier(ratio.tier)
            if by_prescription:
                provider = gettext("定点零售药店（凭%(tier)s的处方）") % {"tier": provider}
        else:
            provider = labels.provider_label(visit.provider_label)
        if req_visit is not None:
            pharmacy = req_visit.provider.kind == "pharmacy"
        else:
            pharmacy = visit.provider_kind == "pharmacy"
        views.append(VisitView(n=i + 1, visit=visit, request=req_visit, steps=steps,
                               tier=ratio.tier if ratio is not None else None,
                               by_prescription=by_prescription, pharmacy=pharmacy, provider=provider,
                               kinds=kinds))
    return views


# -- one pass over the steps for text and HTML -------------------------------------------------------

_SLOT = "\x00"


class _Slots:
    """Stands in for a format's macros (``f``) while a part is rendered once for text and HTML:
    each citation block, reading mark and strong span is left as a slot, filled afterwards by
    each format's own macro."""

    __slots__ = ("calls",)

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def cite(self, citations: Any) -> Markup:
        self.calls.append(("cite", citations if isinstance(citations, list | tuple) else list(citations)))
        return Markup(_SLOT)

    def marks(self, readings: Any) -> Markup:
        self.calls.append(("marks", readings if isinstance(readings, list | tuple) else list(readings)))
        return Markup(_SLOT)

    def strong(self, text: Any) -> Markup:
        self.calls.append(("strong", text))
        return Markup(_SLOT)


class NotWarm(Exception):
    """An explanation asked for with ``warm_only`` needs a template rendered (some part of it
    has no skeleton yet): nothing was rendered; ask again without ``warm_only``."""


#: set while an explanation may only be filled from skeletons (:func:`explanations.explain_formats`)
WARM_ONLY: ContextVar[bool] = ContextVar("mingbai_explanations_warm_only", default=False)


def _text_and_html(name: str, variables: dict[str, Any]) -> tuple[str, str]:
    """A part written only with ``_()`` and the format macros, rendered once in the HTML
    environment: (its text, its HTML), each squashed as ``{% filter squash %}`` does.

    Under autoescape a sentence is the message with its variables escaped; the text environment
    gives the message with the variables as they are. The messages carry no ``&``
    (``tests/explanations/test_render_once.py`` checks every catalog), so unescaping the HTML
    sentences gives the text sentences exactly; each slot gets each format's own macro output."""
    if WARM_ONLY.get():
        raise NotWarm(name)
    slots = _Slots()
    body = _render_with(_template_named("html", name), _globals("html"), {**variables, "f": slots})
    parts = body.split(_SLOT)
    text_out = [_unescape(parts[0])]
    html_out = [parts[0]]
    for (what, arg), part in zip(slots.calls, parts[1:], strict=True):
        text, html = _slot_pair(what, arg)
        text_out.append(text)
        html_out.append(html)
        text_out.append(_unescape(part))
        html_out.append(part)
    return squash("".join(text_out)), squash(Markup("".join(html_out)))


def _unescape(text: str) -> str:
    return _html.unescape(text) if "&" in text else text


#: (what, key) → (text, HTML) of a citation block or reading marks, both formats' macros at once
_PAIRS: dict[Any, tuple[str, str]] = {}
_PAIRS_LIMIT = 4096


def _slot_pair(what: str, arg: Any) -> tuple[str, str]:
    """A slot's output in text and in HTML: each format's own macro (:class:`FormatMacros`), the
    pair memoised under the same key as the macros' (a key built once for both formats)."""
    if what == "strong":
        f_text: Any = environment("text").globals["f"]
        f_html: Any = environment("html").globals["f"]
        return str(f_text.strong(_html.unescape(str(arg)))), str(f_html.strong(arg))
    key = (what, cite_key(arg) if what == "cite" else marks_key(arg))
    pair = _PAIRS.get(key)
    if pair is None:
        f_text, f_html = environment("text").globals["f"], environment("html").globals["f"]
        if what == "cite":
            pair = (str(f_text.cite(arg)), str(f_html.cite(arg)))
        else:
            pair = (str(f_text.marks(arg)), str(f_html.marks(arg)))
        if len(_PAIRS) >= _PAIRS_LIMIT:
            _PAIRS.clear()
        _PAIRS[key] = pair
    return pair


def same_steps(a: list[VisitView], b: list[VisitView]) -> bool:
    """Whether two views of one result (with and without the request) render the same steps: a
    step template reads the visit, its steps and tier, and these three, which the request can
    change."""
    return len(a) == len(b) and all(
        (x.by_prescription, x.pharmacy, x.provider) == (y.by_prescription, y.pharmacy, y.provider)
        for x, y in zip(a, b, strict=True))


def shared_step_bodies(views: list[VisitView]) -> None:
    """Render every step once, in the HTML environment, and derive its text from the same pass
    (:func:`_text_and_html`: a step template writes only sentences, its citations and its
    marks). Stored per format in ``view.bodies`` (``txt``, ``html``) for the page templates."""
    from .skeleton import step_bodies

    for view in views:
        view.bodies["txt"], view.bodies["html"] = step_bodies(view, _render_step)


def _render_step(view: VisitView, kind: str, step: Any) -> tuple[str, str]:
    return _text_and_html(f"steps/{kind}.j2", {"v": view, "step": step})


def shared_page_parts(context: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The opening sentence and the year's position, rendered once for text and HTML (as the
    steps, :func:`_text_and_html`): ``{"txt": {"opening": …, "position": …}, "html": {…}}``,
    for pages that share one request."""
    from .skeleton import part_bodies

    (opening, position), (opening_html, position_html) = part_bodies(context, _render_parts)
    return {"txt": {"opening": opening, "position": position},
            "html": {"opening": opening_html, "position": position_html}}


def _render_parts(context: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The opening and the position, each as (text, HTML): ([texts], [htmls])."""
    opening, opening_html = _text_and_html("opening.j2", context)
    position, position_html = _text_and_html("position.j2", context)
    return [opening, position], [opening_html, position_html]


# -- environments -----------------------------------------------------------------------------------

def _identity(value: Any) -> Any:
    return value


#: callables that never ask Jinja for a context: called directly by :class:`FastContext`
_DIRECT = frozenset({types.FunctionType, types.BuiltinFunctionType, types.MethodType, Macro})
_EVAL_CONTEXT = pass_eval_context(lambda: None).jinja_pass_arg  # type: ignore[attr-defined]


class FastContext(Context):
    """Jinja's template context with a shorter path for calls from a template.

    ``Context.call`` inspects every callee twice for ``pass_context`` & co. (on the object and on
    its ``__call__``) before calling it. A plain function, bound method, builtin or macro that
    carries no such mark — or asks only for the evaluation context (``_()``) — is called here at
    once, with the same arguments (the loop and block variables Jinja adds for context functions
    dropped, as ``Context.call`` drops them); every other callee goes through ``Context.call``
    unchanged.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) in _DIRECT:
            mark = getattr(__obj, "jinja_pass_arg", None)
            if mark is None or mark is _EVAL_CONTEXT:
                if kwargs:
                    kwargs.pop("_block_vars", None)
                    kwargs.pop("_loop_vars", None)
                try:
                    if mark is None:
                        return __obj(*args, **kwargs)
                    return __obj(__self.eval_ctx, *args, **kwargs)
                except StopIteration:
                    return __self.environment.undefined(
                        "value was undefined because a callable raised a StopIteration exception")
        return Context.call(__self, __obj, *args, **kwargs)


@pass_eval_context
def _gettext(eval_ctx: EvalContext, __string: str, **variables: Any) -> str:
    """``_()`` / ``gettext()`` in a template: Jinja's newstyle gettext in one call.

    Under autoescape the message is safe and each variable escaped: ``Markup(rv) % variables``,
    computed as ``Markup(rv % escaped)`` — the same text for ``%(name)s`` placeholders (the only
    kind the catalogs use; ``tests/explanations/test_render_once.py`` checks both ways agree)
    without markupsafe's per-variable helper objects."""
    rv = current().catalog.gettext(__string)
    if eval_ctx.autoescape:
        return Markup(rv % {k: _escaped(v) for k, v in variables.items()})
    return rv % variables


#: what markupsafe's ``escape`` replaces, and with what
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _escaped(value: Any) -> str:
    """The text ``markupsafe.escape(value)`` gives, as a plain str (it is %-formatted into a
    message at once): an object with ``__html__`` (Markup) as it says, anything else ``str()``-ed
    and its five special characters replaced — without a Markup object per variable."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return str(value).translate(_ESCAPES)


@pass_eval_context
def _ngettext(eval_ctx: EvalContext, __singular: str, __plural: str, __num: int, **variables: Any) -> str:
    """``ngettext()`` in a template: Jinja's newstyle ngettext in one call."""
    variables.setdefault("num", __num)
    rv = current().catalog.ngettext(__singular, __plural, __num)
    if eval_ctx.autoescape:
        rv = Markup(rv)
    return rv % variables


_DICT_ATTRIBUTES = frozenset(dir(dict))


class FastEnvironment(Environment):
    """Jinja's environment with a shorter ``a.b`` on a plain dict (the chart's coordinates).

    Jinja tries the attribute first and the item second; on a plain dict the attribute lookup can
    only succeed for dict's own names (``items``, ``get``…), so for any other name the item is
    looked up at once instead of after a raised and caught AttributeError. Same result. Any other
    object goes through the same two steps as ``Environment.getattr``, written out here."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        # Environment.getattr (Jinja 3.1) inline: one call less for every a.b in a template
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


@cache
def environment(fmt: str) -> Environment:
    """The environment of one output format (``text``, ``markdown``, ``html``), built once; its
    templates are compiled on first use, or all at once by :func:`precompile`."""
    ext = FORMATS[fmt]
    env = FastEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=(fmt == "html"),
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        cache_size=-1,  # never evict a compiled template
    )
    env.context_class = FastContext
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    env.filters.update(
        money=formatting.money, num=formatting.number, pct=formatting.percent,
        date=formatting.date, yuan=yuan, points=points, squash=squash,
        esc=md_escape if fmt == "markdown" else _identity,
    )
    env.globals.update(
        fmt=ext, kind_of=kind_of, cite_view=cite_view, note_marks=note_marks, note_mark=note_mark,
        all_citations=all_citations, step_title=labels.step_title, category=labels.category,
        item_category=labels.item_category, tier_label=labels.tier, count=formatting.count,
        ordinal=formatting.ordinal,
        plus=plus, amount_list=amount_list, first_self_pay_lines=first_self_pay_lines,
    )
    env.globals["f"] = FormatMacros(env.get_template(f"formats/{ext}.j2").module)
    return env


class FormatMacros:
    """A format's macros (``f.title``, ``f.cite``, ``f.marks``, ``f.strong``), the pure ones
    memoised.

    ``title`` depends on the step kind and the locale; ``cite`` on the citations, the locale and
    the document cited; ``marks`` on the readings, the locale and their note numbers. Those are
    the whole key of each: the same key renders the same markup, so a repeat (the same articles
    cited by the same step in another request) is looked up instead of rendered. Anything else is
    the macro itself.
    """

    _LIMIT = 4096  # entries per macro; the cache starts over when full

    def __init__(self, module: Any) -> None:
        self._module = module
        self._title: dict[Any, Any] = {}
        self._cite: dict[Any, Any] = {}
        self._marks: dict[Any, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def _memo(self, cache: dict[Any, Any], key: Any, macro: Any, *args: Any) -> Any:
        out = cache.get(key)
        if out is None:
            if len(cache) >= self._LIMIT:
                cache.clear()
            out = cache[key] = macro(*args)
        return out

    def title(self, kind: str) -> Any:
        return self._memo(self._title, (current().tag, kind), self._module.title, kind)

    def cite(self, citations: Any) -> Any:
        citations = citations if isinstance(citations, list | tuple) else list(citations)  # one pass
        return self._memo(self._cite, cite_key(citations), self._module.cite, citations)

    def marks(self, readings: Any) -> Any:
        readings = readings if isinstance(readings, list | tuple) else list(readings)
        return self._memo(self._marks, marks_key(readings), self._module.marks, readings)


def cite_key(citations: list[Any] | tuple[Any, ...]) -> tuple[Any, ...]:
    """What a citation block depends on: the locale, the document cited, each citation's fields.

    A trace's citations are frozen Structs, hashed and compared by their fields (in C): they are
    the key as they are. Citations given as dicts (an error's) are read field by field."""
    state = current()
    doc: Doc = state.extra["doc"]
    key = (state.tag, doc.city, doc.city_en, doc.title, *citations)
    try:
        hash(key)
    except TypeError:
        key = (state.tag, doc.city, doc.city_en, doc.title, *(
            (_get(c, "policy"), _get(c, "article"), _get(c, "quote"), _get(c, "supplied"), _get(c, "source"))
            for c in citations))
    return key


def marks_key(readings: list[Any] | tuple[Any, ...]) -> tuple[Any, ...]:
    """What a step's reading marks depend on: the locale, each reading and its note number."""
    state = current()
    if not readings:
        return (state.tag,)
    notes = state.extra.get("notes", {})
    return (state.tag, *((r, notes.get(r)) for r in readings))


def _compiles_in(ext: str) -> Any:
    """The templates a format's environment renders: its own pages and the shared parts."""
    own = tuple(f".{e}.j2" for e in FORMATS.values())

    def wanted(name: str) -> bool:
        return name.endswith(f".{ext}.j2") or not name.endswith(own)
    return wanted


def precompile() -> None:
    """Compile every template of every format now: the web app calls this at start-up so that no
    request pays for it (a one-shot command line compiles only what it renders)."""
    for fmt, ext in FORMATS.items():
        env = environment(fmt)
        for name in env.list_templates(filter_func=_compiles_in(ext)):
            env.get_template(name)


@cache
def _template(fmt: str, name: str) -> Any:
    return environment(fmt).get_template(f"{name}.{FORMATS[fmt]}.j2")


@cache
def _template_named(fmt: str, name: str) -> Any:
    return environment(fmt).get_template(name)


@cache
def _globals(fmt: str) -> dict[str, Any]:
    """The environment's globals as one plain dict, copied once.

    ``Template.render`` copies a template's globals — a ``ChainMap`` of the template's and the
    environment's, read key by key in Python — into every new context; a rendering that starts
    from this dict copies a plain dict instead (the environments' globals are all set when they
    are built and never change afterwards)."""
    return dict(_template(fmt, "year").globals)


def _render_with(template: Any, base: dict[str, Any], variables: dict[str, Any]) -> str:
    """``template.render(**variables)`` with the globals taken from ``base`` (see :func:`_globals`):
    the same context (globals, then the variables over them), the same errors."""
    env = template.environment
    parent = base.copy()
    parent.update(variables)
    context = env.context_class(env, parent, template.name, template.blocks)
    try:
        return "".join(template.root_render_func(context))
    except Exception:  # noqa: BLE001 - as Template.render: Jinja rewrites the traceback and re-raises
        return env.handle_exception()


_BLANKS = re.compile(r"\n{3,}")


def render(fmt: str, name: str, **context: Any) -> str:
    """Render ``<name>.<ext>.j2`` of a format; tidy blank lines (text and Markdown)."""
    if WARM_ONLY.get():
        raise NotWarm(name)
    out = _render_with(_template(fmt, name), _globals(fmt), context)
    out = "\n".join(line.rstrip() for line in out.splitlines())
    return _BLANKS.sub("\n\n", out).strip() + "\n"


# -- the page around one visit's steps, compiled once per kind of page -------------------------------

#: the last chart known to fit a slot: the chart sets it when it fills a template of which
#: every filling fits (:meth:`explanations.chart._Template.fitted`), sparing the line-by-line
#: check of ~3,000 characters (about a tenth of an explanation). Compared by identity, so a
#: chart drawn meanwhile by another thread only sends this one to the check.
FITTED: list[Any] = [None]
MARK_OPEN = "\ue000"


#: a slot in a page skeleton: private-use characters no message, figure or markup contains
_MARK_OPEN, _MARK_CLOSE = MARK_OPEN, "\ue001"
_MARK = re.compile(f"{_MARK_OPEN}(\\w+){_MARK_CLOSE}")
#: stand-ins for the totals while a skeleton is rendered (never a real bill): their formatted
#: text is found in the page and replaced by the totals' slots
_SENTINELS = {name: Decimal(f"-98765432{i}.{i}7") for i, name in enumerate(
    ("total", "excluded", "first_self_pay", "fund_pays", "personal_pays", "account_pays", "cash_pays"))}
_SKELETONS: dict[Any, list[str] | None] = {}
_UNBUILT: list[str] = []  # not looked up yet (a built skeleton is never empty)
_SEEN: list[str] = []  # seen once: built the second time (a page seen once costs no more than before)
_SKELETONS_LIMIT = 1024


_STEP_NAMES = tuple(f"step{i}" for i in range(32))


def _slot(name: str, html: bool) -> str:
    text = f"{_MARK_OPEN}{name}{_MARK_CLOSE}"
    return Markup(text) if html else text


def _fits_a_slot(value: str, chart: bool = False) -> bool:
    """Whether a value comes out of :func:`render`'s tidying (each line right-stripped, blank
    runs collapsed, the page stripped) as it went in, so that putting it into a rendered
    skeleton gives what rendering it in place gives."""
    if chart and value is FITTED[0]:
        return True
    # value != value.strip(): strip removes exactly the leading and trailing white space
    if not value or value[0].isspace() or value[-1].isspace() or _MARK_OPEN in value:
        return False
    if chart:
        # "\n\n", " \n" or "\t\n" in value, read line by line (a line empty between two
        # newlines, or ending in a space or tab before one): a two-character search in a text
        # with CJK characters (the chart) costs ~2 µs each. str.split, not Markup's (which makes
        # each line a Markup in Python).
        lines = str.split(value, "\n")
        for i in range(len(lines) - 1):  # each line followed by a newline
            line = lines[i]
            if (not line and i) or line.endswith((" ", "\t")):
                return False
        return True
    return "\n" not in value


def page_key(fmt: str, context: dict[str, Any], view: VisitView, chart: bool) -> tuple[Any, ...]:
    """What the page around one visit's parts depends on (see :func:`page`). The part that is
    the same for every format of one explanation is computed once for it (``context`` holds
    ``page_memo``, a dict shared by the formats' contexts, when :func:`explain_formats` made it)."""
    memo = context.get("page_memo")
    common = memo.get("common") if memo is not None else None
    if common is None:
        result, totals = context["result"], context["result"].totals
        common = (current().tag, result.parameters_source, context["zh"], context["lang"],
                  _encode((result.policy, context["readings"], context["inputs"])),
                  tuple(sorted(context["plain"].items())),
                  tuple((getattr(totals, n) > 0) - (getattr(totals, n) < 0) for n in _SENTINELS))
        if memo is not None:
            memo["common"] = common
    return (fmt, view.kinds, chart, common)


def page(fmt: str, context: dict[str, Any]) -> str:
    """``render(fmt, "year", **context)`` for the text and HTML page of one visit whose steps,
    opening and position were rendered already (``pre`` and the view's ``bodies``): from a
    skeleton of the page, rendered once per kind of page — the document, the locale, the step
    kinds, the readings and inputs, whether totals are zero — with a slot for each of those
    parts, each total and the chart; the slots are then filled. Anything else goes to
    :func:`render`.

    A skeleton is kept only when, filled with the figures of the request that built it, it gives
    exactly the page :func:`render` gives for that request (else that kind of page is always
    rendered); the page templates only print the totals, and the key holds each total's sign."""
    ext = FORMATS[fmt]
    views, pre, chart, result = context["views"], context.get("pre"), context.get("chart"), context["result"]
    if fmt not in ("text", "html") or len(views) != 1 or not pre or context["multi"]:
        return render(fmt, "year", **context)
    view = views[0]
    bodies = view.bodies.get(ext)
    html = fmt == "html"
    values: dict[str, str] = {"opening": pre["opening"], "position": pre["position"]}
    if bodies is None or len(bodies) != len(view.kinds):
        return render(fmt, "year", **context)
    for i, body in enumerate(bodies):
        values[_STEP_NAMES[i] if i < len(_STEP_NAMES) else f"step{i}"] = body
    for value in values.values():
        if not _fits_a_slot(value):
            return render(fmt, "year", **context)
    if chart is not None and not _fits_a_slot(chart, True):
        return render(fmt, "year", **context)
    totals = result.totals
    key = page_key(fmt, context, view, chart is not None)
    skeleton = _SKELETONS.get(key, _UNBUILT)
    for name in _SENTINELS:
        values[name] = formatting.money(getattr(totals, name))
    if chart is not None:
        values["chart"] = chart
    if (skeleton is _UNBUILT or skeleton is _SEEN) and WARM_ONLY.get():
        raise NotWarm("page")  # a try on the event loop is not a sighting
    if skeleton is _UNBUILT:
        if len(_SKELETONS) >= _SKELETONS_LIMIT:
            _SKELETONS.clear()
        _SKELETONS[key] = _SEEN
        return render(fmt, "year", **context)
    if skeleton is _SEEN:
        out = render(fmt, "year", **context)
        built = _skeleton(fmt, context, html)
        if built is not None and _fill(built, values) != out:
            built = None  # the page depends on more than the key: always render it
        if len(_SKELETONS) >= _SKELETONS_LIMIT:
            _SKELETONS.clear()
        _SKELETONS[key] = built
        return out
    if skeleton is None:
        return render(fmt, "year", **context)
    return _fill(skeleton, values)


def _encode(obj: Any) -> bytes:
    import msgspec

    return msgspec.json.encode(obj)


def _skeleton(fmt: str, context: dict[str, Any], html: bool) -> list[str] | None:
    """The page rendered with slots for the parts, the totals and the chart, split at its slots
    (even items literal text, odd items slot names); None when it cannot be."""
    import msgspec

    view = context["views"][0]
    ext = FORMATS[fmt]
    stand_in = VisitView(n=view.n, visit=msgspec.structs.replace(view.visit), request=None, steps={},
                         tier=None, by_prescription=False, pharmacy=False, provider="", kinds=view.kinds,
                         bodies={ext: [_slot(f"step{i}", html) for i in range(len(view.kinds))]})
    result = types.SimpleNamespace(totals=msgspec.structs.replace(context["result"].totals, **_SENTINELS),
                                   parameters_source=context["result"].parameters_source)
    skeleton_context = dict(context, result=result, views=[stand_in],
                            pre={"opening": _slot("opening", html), "position": _slot("position", html)},
                            chart=_slot("chart", True) if context.get("chart") is not None else None)
    for name in ("request", "all_steps", "city", "policy"):
        skeleton_context.pop(name, None)
    skeleton_context["policy"] = types.SimpleNamespace(title=context["policy"].title,
                                                       document_number=context["policy"].document_number)
    try:
        out = render(fmt, "year", **skeleton_context)
    except Exception:  # noqa: BLE001 - the page reads something the skeleton leaves out: render it each time
        return None
    for name, value in _SENTINELS.items():
        shown = formatting.money(value)
        out = out.replace(shown, f"{_MARK_OPEN}{name}{_MARK_CLOSE}")
    if "98765432" in out:  # a total shown some other way than as money
        return None
    return _MARK.split(out)


def _fill(skeleton: list[str], values: dict[str, str]) -> str:
    parts = skeleton.copy()
    for i in range(1, len(parts), 2):
        parts[i] = values[parts[i]]
    return "".join(parts)
