"""Step words compiled once per kind of visit, then filled with each visit's own figures.

An explanation's steps are words around figures. Which words a step template picks depends on
the trace's text, dates and flags and on a few facts about its amounts — which are zero, which
are above zero, which are equal — never on the amounts' size (templates never compute, and
they compare amounts only with zero or with each other). So the steps of a visit are rendered
once per **kind of visit**: the key holds every field of the visit's trace as it is, except that
each amount is replaced by its sign and the number of its class of equal amounts. That
rendering runs on :class:`~explanations.formatting.Figure` stand-ins, which format as slots and
refuse any question the key does not settle; the next visit of the same kind fills the slots
with its own amounts, formatted by the same functions (money, number, percent, points), so each
figure is formatted, not re-derived.

Three guards keep a skeleton exact:

* a step whose rendering asks a figure anything else (its text, arithmetic, a comparison with a
  number other than zero) raises :class:`~explanations.formatting.Unfixed`: its kind of visit
  is always rendered in full;
* a skeleton is kept only if, filled with the figures of the visit that built it, it gives
  exactly the steps rendered in full for that visit;
* a filled value with markup or white space in it (none of Babel's amounts has any) sends the
  visit to the full rendering, since escaping and squashing would have treated it otherwise.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import typing
from decimal import Decimal
from functools import partial
from typing import Any

import msgspec
from markupsafe import Markup
from msgspec.structs import astuple

from calculator import CitationOut

from . import formatting
from .formatting import Figure, Unfixed
from .i18n import current
from .render import WARM_ONLY, NotWarm

__all__ = ["part_bodies", "step_bodies"]

_SLOT = re.compile("\ue002(\\d+)([mnpt])\ue003")
_PLAIN = (str, int, bool, dt.date, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}
_STEPS: set[type] = set()
_SKELETONS: dict[Any, Any] = {}
_SKELETONS_LIMIT = 2048
_UNBUILT = object()
#: a kind seen once: its skeleton is built the second time (a kind seen only once, a date or a
#: bill no one else has, costs no more than rendering it in full)
_SEEN = object()
_SAFE = re.compile(r"[\s&<>\"'\ue000-\ue003]")
#: a step's own sentence (the calculator's wording, figures in it): not part of the key, and
#: withheld from the stand-ins — the templates word each step themselves
_WITHHELD = frozenset({"text"})


class _Withheld:
    """A step's ``text`` on a stand-in: any use of it makes the rendering :class:`Unfixed`."""

    __slots__ = ()

    def _refuse(self, *_args: Any) -> Any:
        raise Unfixed

    __str__ = __html__ = __bool__ = __len__ = __eq__ = __ne__ = __iter__ = __hash__ = _refuse


_WITHHELD_TEXT = _Withheld()


#: the types a key holds as they are (a citation is frozen: hashed and compared by its fields)
_PLAIN_TYPES = frozenset({*_PLAIN, CitationOut})
#: a list's mark in a key (a list's key is the mark, then its elements' keys)
_LIST = "\ue006list"


def _fields(t: type) -> tuple[str, ...]:
    """The fields of a struct type a key holds, learnt once: all of them but, for a trace step
    (a tagged struct), the withheld ones."""
    fields = _FIELDS.get(t)
    if fields is None:
        step = t.__struct_config__.tag is not None  # type: ignore[attr-defined]  # a trace step (tagged by its kind)
        fields = _FIELDS[t] = tuple(f for f in t.__struct_fields__ if not (step and f in _WITHHELD))  # type: ignore[attr-defined]
        if step:
            _STEPS.add(t)
    return fields


#: a struct type → the function that scans it (:func:`_scanner`)
_SCANNERS: dict[type, Any] = {}


def _scanner(t: type) -> Any:
    """The scan of one struct type, written out as one expression: the key ``(T, k0, k1, …)``
    of its fields but the withheld one, in order, each field's key read inline by the type its
    annotation names — an amount (``Decimal``) by its class, a text, number, flag, date or
    citation as it is — and by ``rec`` (which handles any value) when the value is of another
    type. A tuple display evaluates its items in order, so the amounts are numbered as
    :meth:`_Shape.walk` numbers them; one call a struct, no list to append to."""
    names = t.__struct_fields__  # type: ignore[attr-defined]
    kept = set(_fields(t))
    try:
        annotations = {f.name: f.type for f in msgspec.structs.fields(t)}
    except Exception:  # noqa: BLE001 - an annotation msgspec cannot read: every field through rec
        annotations = {}
    items = []
    for i, name in enumerate(names):
        if name not in kept:
            continue
        v = f"v{i}"
        kind = annotations.get(name)
        if kind is Decimal or kind == Decimal | None:
            items.append(f"((get({v}) or amount({v})) if type({v}) is Decimal else rec({v}))")
        elif kind in _PLAIN_TYPES or any(kind == p | None for p in _PLAIN_TYPES if p is not type(None)):
            items.append(f"({v} if type({v}) in plain else rec({v}))")
        elif typing.get_origin(kind) is list and typing.get_args(kind)[0] in _PLAIN_TYPES:
            # a list of citations or of reading ids: its elements as they are, when they all are
            # of a plain type (checked in C, without a call a element)
            items.append(f"((LIST, *{v}) if type({v}) is list and plain.issuperset(map(type, {v})) else rec({v}))")
        else:
            items.append(f"rec({v})")
    lines = ["def scan(obj, get, amount, rec):"]
    if names:
        lines.append(f"    {', '.join(f'v{i}' for i in range(len(names)))}, = astuple(obj)")
    lines.append(f"    return (T, {''.join(item + ', ' for item in items)})")
    namespace: dict[str, Any] = {"T": t, "astuple": astuple, "Decimal": Decimal, "plain": _PLAIN_TYPES, "LIST": _LIST}
    exec(compile("\n".join(lines), f"<scan {t.__name__}>", "exec"), namespace)
    return namespace["scan"]


class _Shape:
    """Objects of a trace with their amounts replaced by (class, sign): their keys, and the
    amounts in order of first appearance (the n-th class's first amount)."""

    __slots__ = ("amounts", "classes", "keys")

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.classes: dict[Decimal, tuple[int, int]] = {}
        self.amounts: list[Decimal] = []

    def walk(self, obj: Any) -> Any:
        """A copy of ``obj`` with :class:`Figure` stand-ins for its amounts, numbered as
        :meth:`scan` numbers them."""
        t = type(obj)
        if t is Decimal:
            entry = self.classes.get(obj)
            if entry is None:  # a new class of equal amounts: its number and its sign
                entry = self.classes[obj] = (len(self.amounts), 1 if obj > 0 else -1 if obj < 0 else 0)
                self.amounts.append(obj)
            return Figure(*entry)
        if t in _PLAIN_TYPES:
            return obj
        if t is list:
            return [self.walk(x) for x in obj]
        if not isinstance(obj, msgspec.Struct):
            raise Unfixed
        fields = _fields(t)
        withheld = dict.fromkeys(_WITHHELD, _WITHHELD_TEXT) if t in _STEPS else {}
        return msgspec.structs.replace(obj, **{f: self.walk(getattr(obj, f)) for f in fields}, **withheld)

    def scan(self, *objs: Any) -> None:
        """Append each object's key to :attr:`keys`: a struct as ``(type, its fields' keys…)``
        (:func:`_scanner`, written once per struct type), a list as its mark and its elements'
        keys, an amount as its class and sign, a text, number, flag, date or citation as it is.
        The amounts are numbered in the order :meth:`walk` meets them.

        (A flat list of the same items, appended one by one, cost a call an item; keying the
        classes by an amount's text first, to spare hashing fresh Decimals, was slower: each
        text costs a ``str`` and a hash of its own, and each new text still hashes its
        Decimal.)"""
        classes, amounts = self.classes, self.amounts
        get = classes.get
        plain, scanners = _PLAIN_TYPES, _SCANNERS

        def amount(value: Decimal) -> tuple[int, int]:
            entry = classes[value] = (len(amounts), 1 if value > 0 else -1 if value < 0 else 0)
            amounts.append(value)
            return entry

        def rec(obj: Any) -> Any:
            t = type(obj)
            scan = scanners.get(t)
            if scan is not None:
                return scan(obj, get, amount, rec)
            if t is Decimal:
                return get(obj) or amount(obj)
            if t in plain:
                return obj
            if t is list:
                return (_LIST, *map(rec, obj))
            if not isinstance(obj, msgspec.Struct):
                raise Unfixed
            scan = scanners[t] = _scanner(t)
            return scan(obj, get, amount, rec)

        try:
            self.keys += map(rec, objs)
        finally:
            rec = None  # type: ignore[assignment]  # the closure refers to itself: without this, each scan leaves a cycle for the GC

    def copy(self) -> _Shape:
        other = _Shape()
        other.keys, other.classes, other.amounts = self.keys.copy(), self.classes.copy(), self.amounts.copy()
        return other


#: the last visit walked and its shape: the steps and the parts around them walk it once
_LAST: tuple[Any, _Shape | None] = (None, None)


def _visit_shape(visit: Any) -> _Shape | None:
    """The shape of a visit's trace (None when it holds what a key cannot), walked once for the
    steps and the page's parts of one explanation."""
    global _LAST
    last, shape = _LAST
    if last is visit:
        return shape
    shape = _Shape()
    try:
        shape.scan(visit)
    except Unfixed:
        shape = None
    _LAST = (visit, shape)
    return shape


def _compile(out: list[tuple[list[Any], list[Any]]], slots: set[Any]) -> Any:
    """The steps split at their slots as ``str.format`` templates (``{n}`` for the n-th slot,
    the words' own braces doubled) and the slots in order: filling is then one C call a step."""
    order = sorted(slots)
    number = {slot: str(i) for i, slot in enumerate(order)}

    def template(parts: list[Any]) -> str:
        return "".join(part.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else "{" + number[part] + "}"
                       for i, part in enumerate(parts))

    return [(template(t), template(h)) for t, h in out], order


#: (amount, kind of slot, locale tag) → the slot's text, or None when it holds markup or white
#: space (see :func:`_formatted`): a figure is formatted and checked once, then looked up
_TEXTS: dict[tuple[Decimal, str, str], str | None] = {}
_TEXTS_LIMIT = 16384


def _slot_text(value: Decimal, kind: str, tag: str) -> str | None:
    if kind == "m":
        text = formatting.money(value)
    elif kind == "n":
        text = formatting.number(value)
    elif kind == "p":
        text = formatting.percent(value)
    else:
        text = formatting.percent(value).rstrip("%").strip()
    out = None if _SAFE.search(text) else text
    if len(_TEXTS) >= _TEXTS_LIMIT:
        _TEXTS.clear()
    _TEXTS[(value, kind, tag)] = out
    return out


def _formatted(slots: list[Any], amounts: list[Decimal]) -> list[str] | None:
    """Each slot's text: its amount formatted by the function the template used (None when a
    text holds markup or white space, which escaping or squashing would have changed)."""
    texts: list[str] = []
    tag = current().tag
    memo: dict[Any, Any] = _TEXTS
    for number, kind in slots:
        value = amounts[number]
        key = (value, kind, tag)
        text = memo.get(key, _UNBUILT)
        if text is _UNBUILT:
            text = _slot_text(value, kind, tag)
        if text is None:
            return None
        texts.append(text)
    return texts


def _split(text: str) -> list[Any]:
    pieces = _SLOT.split(text)
    return [pieces[i] if i % 3 == 0 else (int(pieces[i]), pieces[i + 1]) for i in range(len(pieces)) if i % 3 != 2]


def _step_key(view: Any, shape: _Shape) -> tuple[Any, ...]:
    state = current()
    doc = state.extra["doc"]
    return (state.tag, doc.city, doc.city_en, doc.title, tuple(state.extra.get("notes", {}).items()),
            view.tier, view.by_prescription, view.pharmacy, view.provider, view.kinds, tuple(shape.keys))


def step_bodies(view: Any, render_step: Any) -> tuple[list[str], list[str]]:
    """Each step of a visit's view as (text, HTML), from its kind of visit's skeleton when there
    is one; ``render_step(view, kind, step)`` renders one step in full (both formats)."""
    shape = _visit_shape(view.visit)
    if shape is None:
        return _full(view, render_step)
    key = _step_key(view, shape)
    skeleton = _SKELETONS.get(key, _UNBUILT)
    if (skeleton is _UNBUILT or skeleton is _SEEN) and WARM_ONLY.get():
        raise NotWarm("steps")  # a try on the event loop is not a sighting
    if skeleton is _UNBUILT:
        _remember(key, _SEEN)
        return _full(view, render_step)
    if skeleton is _SEEN:
        texts, htmls = _full(view, render_step)
        built = _build(view, render_step)
        if built is not None and _filled(built, shape.amounts) != (texts, htmls):
            built = None  # the words depend on more than the key: render this kind in full
        _remember(key, built)
        return texts, htmls
    if skeleton is not None:
        filled = _filled(skeleton, shape.amounts)
        if filled is not None:
            return filled
    return _full(view, render_step)


def _parts_key(context: dict[str, Any]) -> tuple[tuple[Any, ...], _Shape, tuple[Any, ...]] | None:
    """The key of the parts around one visit's steps, the shape of what they read (the visit's
    amounts first, numbered as in the visit's own shape) and those things; None when they are
    rendered in full (several visits, or a trace a key cannot hold)."""
    views, result, request = context["views"], context["result"], context.get("request")
    if len(views) != 1 or context.get("multi"):
        return None
    view = views[0]
    things = (view.visit, result.year_end, result.totals, result.category, result.policy,
              request.insured if request is not None else None)
    visit_shape = _visit_shape(view.visit)
    if visit_shape is None:
        return None
    shape = visit_shape.copy()
    try:
        shape.scan(*things[1:])
    except Unfixed:
        return None
    state = current()
    doc = state.extra["doc"]
    key = ("parts", state.tag, doc.city, doc.city_en, doc.title, tuple(state.extra.get("notes", {}).items()),
           view.tier, view.by_prescription, view.pharmacy, view.provider, view.kinds, context.get("city"),
           context.get("lang"), context.get("zh"), tuple(shape.keys))
    return key, shape, things


def part_bodies(context: dict[str, Any], render_parts: Any) -> tuple[list[str], list[str]]:
    """The page's parts around the steps of one visit (the opening, the year's position) as
    ([texts], [htmls]), from a skeleton as :func:`step_bodies`; ``render_parts(context)``
    renders them in full. Keyed by the visit, the year's end, the totals, the insured person of
    the request, the document and the locale; a year of several visits is rendered in full."""
    keyed = _parts_key(context)
    if keyed is None:
        return render_parts(context)
    key, shape, things = keyed
    skeleton = _SKELETONS.get(key, _UNBUILT)
    if (skeleton is _UNBUILT or skeleton is _SEEN) and WARM_ONLY.get():
        raise NotWarm("parts")
    if skeleton is _UNBUILT:
        _remember(key, _SEEN)
        return render_parts(context)
    if skeleton is _SEEN:
        full = render_parts(context)
        built = _build_parts(context, things, render_parts)
        if built is not None and _filled(built, shape.amounts) != full:
            built = None
        _remember(key, built)
        return full
    if skeleton is not None:
        filled = _filled(skeleton, shape.amounts)
        if filled is not None:
            return filled
    return render_parts(context)


def _build_parts(context: dict[str, Any], things: tuple[Any, ...], render_parts: Any) -> Any:
    import dataclasses
    import types

    shape = _Shape()
    try:
        visit, year_end, totals, category, policy, insured = (shape.walk(t) for t in things)
        view = context["views"][0]
        stand_in = dataclasses.replace(view, visit=visit, steps=dict(zip(view.kinds, visit.steps, strict=True)),
                                       bodies={})
        result = types.SimpleNamespace(year_end=year_end, totals=totals, category=category, policy=policy)
        request = types.SimpleNamespace(insured=insured) if insured is not None else None
        texts, htmls = render_parts({k: v for k, v in context.items() if k not in ("all_steps", "inputs")}
                                    | {"views": [stand_in], "result": result, "request": request,
                                       "policy": policy})
        out = [(_split(str(t)), _split(str(h))) for t, h in zip(texts, htmls, strict=True)]
    except Exception:  # noqa: BLE001 - Unfixed, or a template reading what the stand-ins leave out
        return None
    slots = {p for t, h in out for parts in (t, h) for i, p in enumerate(parts) if i % 2}
    return _compile(out, slots)


def _remember(key: Any, value: Any) -> None:
    if len(_SKELETONS) >= _SKELETONS_LIMIT:
        _SKELETONS.clear()
    _SKELETONS[key] = value


def _full(view: Any, render_step: Any) -> tuple[list[str], list[str]]:
    texts, htmls = [], []
    for kind, step in zip(view.kinds, view.visit.steps, strict=True):
        text, html = render_step(view, kind, step)
        texts.append(text)
        htmls.append(html)
    return texts, htmls


def _build(view: Any, render_step: Any) -> Any:
    """The steps rendered on stand-ins, split at their slots; None when a step cannot be."""
    import dataclasses

    shape = _Shape()
    try:
        visit = shape.walk(view.visit)
        stand_in = dataclasses.replace(view, visit=visit, steps=dict(zip(view.kinds, visit.steps, strict=True)),
                                       bodies={})
        out = []
        for kind, step in zip(view.kinds, visit.steps, strict=True):
            text, html = render_step(stand_in, kind, step)
            out.append((_split(str(text)), _split(str(html))))
        slots = {p for t, h in out for parts in (t, h) for i, p in enumerate(parts) if i % 2}
        return _compile(out, slots)
    except Unfixed:
        return None
    except Exception:  # noqa: BLE001 - a template that cannot run on stand-ins: render it in full
        return None


#: ``Markup(text)`` for a str: the same object without markupsafe's Python-level ``__new__``
_markup = partial(str.__new__, Markup)


def _filled(skeleton: Any, amounts: list[Decimal]) -> tuple[list[str], list[str]] | None:
    steps, slots = skeleton
    texts = _formatted(slots, amounts)
    if texts is None:
        return None
    return ([t.format(*texts) for t, _ in steps], [_markup(h.format(*texts)) for _, h in steps])


# -- a whole answer of one visit (text and HTML pages), each page from one template ------------------

class _Answer:
    """The text and HTML pages of one kind of answer, each a ``str.format`` template over one
    list of slots: an amount of the text's (``"t"``) or the HTML's (``"h"``) parts shape, as
    ``(which, number, kind)``; a total, as ``("total", name)``; the chart, as ``("chart",)``.
    Kept among the layers' skeletons (``("answer", …)`` keys): forgetting those forgets it."""

    __slots__ = ("html", "pages", "slots", "text")

    def __init__(self, text: str, html: str, slots: list[Any]) -> None:
        self.text, self.html, self.slots = text, html, slots
        self.pages = (_Page(text), _Page(html))


class _Page:
    """A ``str.format`` template over positional fields, split once into its literal texts and
    the fields' numbers: filled by one pick and one join (``template.format(*texts)``, without
    parsing the template each time)."""

    __slots__ = ("parts", "pick", "single")

    def __init__(self, template: str) -> None:
        from string import Formatter

        parts: list[str] = []
        fields: list[int] = []
        literal = ""
        for text, field, _spec, _conversion in Formatter().parse(template):
            literal += text  # the literal text as format gives it ({{ and }} undoubled)
            if field is not None:
                parts += [literal, ""]
                fields.append(int(field))
                literal = ""
        parts.append(literal)
        self.parts = parts
        self.single = len(fields) == 1
        self.pick = operator.itemgetter(*fields) if fields else None

    def fill(self, texts: list[str]) -> str:
        if self.pick is None:
            return "".join(self.parts)
        out = self.parts.copy()
        picked = self.pick(texts)
        out[1::2] = (picked,) if self.single else picked
        return "".join(out)


def answer_key(contexts: dict[str, dict[str, Any]], chart: bool) -> tuple[Any, _Shape, _Shape] | None:
    """The key of a one-visit answer's text and HTML pages — the keys of their parts (which hold
    the steps' key: the same visit, view and document) and of the two pages — with the shapes
    of the text's and the HTML's parts; None when a part is always rendered in full.

    ``contexts``: the context of the text's and of the HTML's opening and position (one object
    when they share a request); ``chart``: whether the HTML has the chart."""
    from .render import page_key

    text, html = contexts["text"], contexts["html"]
    keyed_t = _parts_key(text)
    if keyed_t is None:
        return None
    keyed_h = keyed_t if html is text else _parts_key(html)
    if keyed_h is None:
        return None
    key = ("answer", keyed_t[0], None if keyed_h is keyed_t else keyed_h[0],  # (a big tuple: hashed once)
           page_key("text", text, text["views"][0], False), page_key("html", html, html["views"][0], chart))
    return key, keyed_t[1], keyed_h[1]


def answer_fill(keyed: tuple[Any, _Shape, _Shape], totals: Any, draw: Any) -> dict[str, str] | None:
    """``{"text": …, "html": …}`` from this kind of answer's templates, or None (not built
    yet, or a figure or the chart that the layers' guards would send to a full rendering)."""
    from .render import _fits_a_slot

    key, shape_t, shape_h = keyed
    answer = _SKELETONS.get(key)
    if not isinstance(answer, _Answer):
        return None
    texts: list[str] = []
    tag = current().tag
    memo: dict[Any, Any] = _TEXTS
    money_memo: dict[Any, str] = formatting._MONEY
    amounts_t, amounts_h = shape_t.amounts, shape_h.amounts
    for slot in answer.slots:
        which = slot[0]
        if which == "t" or which == "h":
            value = (amounts_t if which == "t" else amounts_h)[slot[1]]
            text = memo.get((value, slot[2], tag), _UNBUILT)
            if text is _UNBUILT:
                text = _slot_text(value, slot[2], tag)
            if text is None:
                return None
        elif which == "total":  # money()'s own memo first (its key: the amount and the current tag)
            value = getattr(totals, slot[1])
            text = money_memo.get((value, tag)) or formatting.money(value)
        else:
            text = draw()
            if not _fits_a_slot(text, True):
                return None
        texts.append(text)
    text_page, html_page = answer.pages
    return {"text": text_page.fill(texts), "html": html_page.fill(texts)}


def answer_build(keyed: tuple[Any, _Shape, _Shape], contexts: dict[str, dict[str, Any]], out: dict[str, str],
                 totals: Any, chart: Any) -> None:
    """After an answer rendered through the layers: when its steps, parts and both pages came
    from built skeletons, compose them into one template per page (the parts' and the steps'
    templates put into the page's slots), kept only if, filled with this answer's own figures,
    they give exactly ``out``. Built once per kind of answer."""
    from string import Formatter

    from .render import _SKELETONS as _PAGES

    key, shape_t, shape_h = keyed
    if key in _SKELETONS:
        return
    view = contexts["html"]["views"][0]
    visit_shape = _visit_shape(view.visit)
    if visit_shape is None:
        return
    steps = _SKELETONS.get(_step_key(view, visit_shape))
    parts_t, parts_h = _SKELETONS.get(key[1]), _SKELETONS.get(key[1] if key[2] is None else key[2])
    page_t, page_h = _PAGES.get(key[3]), _PAGES.get(key[4])
    if not (isinstance(steps, tuple) and isinstance(parts_t, tuple) and isinstance(parts_h, tuple)
            and isinstance(page_t, list) and page_t and isinstance(page_h, list) and page_h):
        return  # a layer not built yet (or rendered in full): try again next time
    slots: dict[Any, int] = {}
    parse = Formatter().parse

    def slot(name: Any) -> str:
        return "{" + str(slots.setdefault(name, len(slots))) + "}"

    def literal(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    def layer(template: str, order: list[Any], which: str) -> str:
        pieces = []
        for text, field, _spec, _conversion in parse(template):
            pieces.append(literal(text))
            if field is not None:
                number, kind = order[int(field)]
                pieces.append(slot((which, number, kind)))
        return "".join(pieces)

    def compose(page_parts: list[str], html: bool, parts: Any, which: str) -> str:
        pieces = []
        for i, part in enumerate(page_parts):
            if i % 2 == 0:
                pieces.append(literal(part))
            elif part in ("opening", "position"):
                pieces.append(layer(parts[0][0 if part == "opening" else 1][html], parts[1], which))
            elif part.startswith("step"):
                # the steps' amounts are the visit's, numbered alike in either parts shape
                pieces.append(layer(steps[0][int(part[4:])][html], steps[1], which))
            elif part == "chart":
                pieces.append(slot(("chart",)))
            else:
                pieces.append(slot(("total", part)))
        return "".join(pieces)

    try:
        text = compose(page_t, False, parts_t, "t")
        html = compose(page_h, True, parts_h, "h" if shape_h is not shape_t else "t")
    except (IndexError, KeyError, ValueError):  # pragma: no cover - a layer of another form
        return
    _remember(key, _Answer(text, html, sorted(slots, key=slots.__getitem__)))
    filled = answer_fill(keyed, totals, lambda: chart)
    if filled is None or filled != out:
        _remember(key, None)  # this kind of answer goes through the layers every time
