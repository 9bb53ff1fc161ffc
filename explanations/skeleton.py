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
import re
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


#: the types a key holds as they are
_PLAIN_TYPES = frozenset({*_PLAIN, CitationOut})
#: a struct type's withheld field's position (-1: none), for :meth:`_Shape.scan`
_SKIP: dict[type, int] = {}


def _skip(t: type) -> int:
    names = t.__struct_fields__  # type: ignore[attr-defined]
    kept = _FIELDS[t]
    withheld = [i for i, f in enumerate(names) if f not in kept]
    assert len(withheld) <= 1
    return withheld[0] if withheld else -1


class _Shape:
    """A visit with its amounts replaced by (class, sign): the key, and the amounts in order."""

    __slots__ = ("amounts", "classes", "out")

    def __init__(self) -> None:
        self.out: list[Any] = []
        self.classes: dict[Decimal, tuple[int, int]] = {}
        self.amounts: list[Decimal] = []

    def walk(self, obj: Any, build: bool) -> Any:
        """Record ``obj`` in the key; with ``build``, return a copy with :class:`Figure` stand-ins."""
        t = type(obj)
        if t is Decimal:
            return self._amount(obj, build)
        if t in _PLAIN or t is CitationOut:  # a citation is frozen: hashed and compared by its fields
            self.out.append(obj)
            return obj
        if t is list:
            self.out.append(len(obj))
            if build:
                return [self.walk(x, True) for x in obj]
            for x in obj:
                self.walk(x, False)
            return obj
        fields = _FIELDS.get(t)
        if fields is None:
            if not isinstance(obj, msgspec.Struct):
                raise Unfixed
            step = t.__struct_config__.tag is not None  # a trace step (tagged by its kind)
            fields = _FIELDS[t] = tuple(f for f in t.__struct_fields__ if not (step and f in _WITHHELD))
            if step:
                _STEPS.add(t)
        self.out.append(t)
        if build:
            withheld = dict.fromkeys(_WITHHELD, _WITHHELD_TEXT) if t in _STEPS else {}
            return msgspec.structs.replace(obj, **{f: self.walk(getattr(obj, f), True) for f in fields}, **withheld)
        out = self.out
        for f in fields:  # the leaves inline: most fields are text, flags and amounts
            value = getattr(obj, f)
            vt = type(value)
            if vt is Decimal:
                self._amount(value, False)
            elif vt in _PLAIN or vt is CitationOut:
                out.append(value)
            else:
                self.walk(value, False)
        return obj

    def scan(self, obj: Any) -> None:
        """:meth:`walk` without ``build``, in one closure over the key's lists: the same key,
        the same amounts in the same order (each struct's fields read at once, in order)."""
        out, classes, amounts = self.out, self.classes, self.amounts
        append = out.append
        plain, fields_of, skips = _PLAIN_TYPES, _FIELDS, _SKIP

        def rec(obj: Any) -> None:
            t = type(obj)
            if t is Decimal:
                entry = classes.get(obj)
                if entry is None:
                    entry = classes[obj] = (len(amounts), 1 if obj > 0 else -1 if obj < 0 else 0)
                    amounts.append(obj)
                append(entry)
            elif t in plain:
                append(obj)
            elif t is list:
                append(len(obj))
                for x in obj:
                    rec(x)
            else:
                skip = skips.get(t)
                if skip is None:
                    if t not in fields_of and not isinstance(obj, msgspec.Struct):
                        raise Unfixed
                    self.walk(obj, False)  # learns the type's fields (and records it)
                    skips[t] = _skip(t)
                    return
                append(t)
                for i, value in enumerate(astuple(obj)):  # the leaves inline, as walk does
                    vt = type(value)
                    if i == skip:
                        continue
                    if vt is Decimal:
                        entry = classes.get(value)
                        if entry is None:
                            entry = classes[value] = (len(amounts), 1 if value > 0 else -1 if value < 0 else 0)
                            amounts.append(value)
                        append(entry)
                    elif vt in plain:
                        append(value)
                    else:
                        rec(value)

        try:
            rec(obj)
        finally:
            rec = None  # type: ignore[assignment]  # the closure refers to itself: without this, each scan leaves a cycle for the GC

    def _amount(self, value: Decimal, build: bool) -> Any:
        entry = self.classes.get(value)
        if entry is None:  # a new class of equal amounts: its number and its sign
            entry = self.classes[value] = (len(self.amounts), 1 if value > 0 else -1 if value < 0 else 0)
            self.amounts.append(value)
        self.out.append(entry)
        return Figure(*entry) if build else value

    def copy(self) -> _Shape:
        other = _Shape()
        other.out, other.classes, other.amounts = self.out.copy(), self.classes.copy(), self.amounts.copy()
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


def step_bodies(view: Any, render_step: Any) -> tuple[list[str], list[str]]:
    """Each step of a visit's view as (text, HTML), from its kind of visit's skeleton when there
    is one; ``render_step(view, kind, step)`` renders one step in full (both formats)."""
    shape = _visit_shape(view.visit)
    if shape is None:
        return _full(view, render_step)
    state = current()
    doc = state.extra["doc"]
    key = (state.tag, doc.city, doc.city_en, doc.title, tuple(state.extra.get("notes", {}).items()),
           view.tier, view.by_prescription, view.pharmacy, view.provider, view.kinds, tuple(shape.out))
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


def part_bodies(context: dict[str, Any], render_parts: Any) -> tuple[list[str], list[str]]:
    """The page's parts around the steps of one visit (the opening, the year's position) as
    ([texts], [htmls]), from a skeleton as :func:`step_bodies`; ``render_parts(context)``
    renders them in full. Keyed by the visit, the year's end, the totals, the insured person of
    the request, the document and the locale; a year of several visits is rendered in full."""
    views, result, request = context["views"], context["result"], context.get("request")
    if len(views) != 1 or context.get("multi"):
        return render_parts(context)
    view = views[0]
    things = (view.visit, result.year_end, result.totals, result.category, result.policy,
              request.insured if request is not None else None)
    visit_shape = _visit_shape(view.visit)
    if visit_shape is None:
        return render_parts(context)
    shape = visit_shape.copy()
    try:
        for thing in things[1:]:
            shape.scan(thing)
    except Unfixed:
        return render_parts(context)
    state = current()
    doc = state.extra["doc"]
    key = ("parts", state.tag, doc.city, doc.city_en, doc.title, tuple(state.extra.get("notes", {}).items()),
           view.tier, view.by_prescription, view.pharmacy, view.provider, view.kinds, context.get("city"),
           context.get("lang"), context.get("zh"), tuple(shape.out))
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
        visit, year_end, totals, category, policy, insured = (shape.walk(t, True) for t in things)
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
        visit = shape.walk(view.visit, True)
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
