"""The chart: an inline SVG, rendered on the server, no JavaScript.

Top: what the fund pays for this visit as its in-scope bill grows (flat while the deductible left
is being used, the ratio's slope, the plateau of the cap left), this visit marked. Bottom: two bars,
the year's deductible used and the year's cap used after this visit. ``<title>``, ``<desc>``,
``role="img"`` and ``aria-label`` carry the same information as text.

The curve's points are computed by the calculator (:func:`calculator.curve.fund_curve`, from the
result's trace); this module only maps those Decimals to pixel coordinates and writes the SVG.

The SVG is geometry, not prose, so it is written by a plain string builder rather than a template
(issue 12: the Jinja template was a quarter of an explanation's rendering time). The words still
come from the catalogs through ``gettext``, each variable is escaped and the description is
squashed exactly as the HTML environment's autoescape and ``squash`` filter did, so the output
is byte for byte what ``chart.svg.j2`` gave.
"""

from __future__ import annotations

import hashlib
import operator
import re
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any

from markupsafe import Markup, escape

from calculator import CalculationRequest, CalculationResult, CapStep, Curve, DeductibleStep, fund_curve

from .formatting import date, money, number, percent
from .i18n import activated, gettext
from .render import FITTED, MARK_OPEN, Doc, squash

__all__ = ["chart_in_locale", "chart_svg"]

# A phone layout: 320 units wide, so that at a 390 px phone's width (about 350 px for the chart)
# the 13-unit labels render at 14 CSS px, never below 12; every label fits inside the width.
WIDTH, HEIGHT = 320, 378
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, 308, 74, 214
BAR_LEFT, BAR_WIDTH, BAR_HEIGHT = 8, 300, 12
FONT = 13  # the labels' size in SVG units (the heading is one larger)


_MARKUP = re.compile("[&<>\"']")


def _e(text: str) -> str:
    """``markupsafe.escape`` as an f-string or ``%`` sees it: a text with none of the five
    characters it replaces (a formatted amount or date) is already what it would give."""
    return escape(text) if type(text) is not str or _MARKUP.search(text) else text


@lru_cache(maxsize=4096)
def _text_width(text: str) -> float:
    """A label's approximate width in SVG units: CJK characters a full em, others about half."""
    out = _WIDTHS.get(text)
    if out is None:  # (the same sum, in the same order: the same float)
        if len(_WIDTHS) >= _WIDTHS_LIMIT:
            _WIDTHS.clear()
        out = _WIDTHS[text] = sum(FONT if ord(ch) > 0x2E7F else FONT * 0.56 for ch in text)
    return out


#: a label's text → its width (the axis labels and breakpoints of the charts recur)
_WIDTHS: dict[str, float] = {}
_WIDTHS_LIMIT = 4096


def _px(value: Decimal, maximum: Decimal, start: float, length: float) -> float:
    """A Decimal on an axis of ``maximum`` → a pixel coordinate (one decimal place). The
    definition; :class:`_Axis` gives the same floats without the Decimal → float conversion."""
    if maximum <= 0:
        return round(start, 1)
    fraction = float(value / maximum)  # clamped to [0, 1], as min(max(…, 0.0), 1.0) does
    if fraction < 0.0:
        fraction = 0.0
    elif fraction > 1.0:
        fraction = 1.0
    return round(start + fraction * length, 1)


class _Axis:
    """:func:`_px` on one axis (``maximum``, integer ``start`` and ``length``), in exact rational
    arithmetic: ``start + value / maximum × length`` rounded to the nearest tenth is ``k / 10``,
    which is the float ``round(…, 1)`` returns. The float computation of :func:`_px` is off the
    exact value by less than 10⁻¹¹ of a tenth, and an exact value that is not a tie is at least
    1 / (2 × denominator) of a tenth away from one, so the two round alike unless the exact value
    is a tie (or the denominator is huge): those go to :func:`_px` itself."""

    __slots__ = ("down", "down_texts", "hi", "length", "lo", "maximum", "pm", "qm", "seen", "start", "texts")

    def __init__(self, maximum: Decimal, start: int, length: int) -> None:
        self.maximum, self.start, self.length = maximum, start, length
        self.pm, self.qm = maximum.as_integer_ratio() if maximum > 0 else (0, 1)
        # the ends as _px gives them (floats; an axis of no length gives round(start, 1), an int)
        self.lo, self.hi = round(start + 0.0 * length, 1), round(start + 1.0 * length, 1)
        self.seen: dict[Decimal, float] = {}
        self.down: dict[Decimal, float] = {}  # :meth:`from_bottom`'s memo
        self.texts: dict[Decimal, str] = {}  # :meth:`text`'s memo
        self.down_texts: dict[Decimal, str] = {}  # :meth:`from_bottom_text`'s memo

    def text(self, value: Decimal) -> str:
        """``f"{self(value)}"``: the coordinate as the SVG writes it."""
        out = self.texts.get(value)
        if out is None:
            out = self.texts[value] = f"{self(value)}"
        return out

    def from_bottom_text(self, value: Decimal) -> str:
        """``f"{self.from_bottom(value)}"``."""
        out = self.down_texts.get(value)
        if out is None:
            out = self.down_texts[value] = f"{self.from_bottom(value)}"
        return out

    def __call__(self, value: Decimal) -> float:
        at = self.seen.get(value)  # a breakpoint is also a point of the curve: map it once
        if at is None:
            at = self.seen[value] = self._map(value)
        return at

    def from_bottom(self, value: Decimal) -> float:
        """``round(PLOT_BOTTOM - self(value), 1)`` for the y axis, which points up. It is
        ``(10 × PLOT_BOTTOM - k) / 10`` for the tenth ``k`` :meth:`_map` rounds to: the difference
        is within a rounding of that tenth, never near a tie."""
        at = self.down.get(value)
        if at is None:
            at = self.down[value] = (10 * PLOT_BOTTOM - round(10 * self._map(value))) / 10
        return at

    def _map(self, value: Decimal) -> float:
        pm = self.pm
        if not pm:
            return round(self.start, 1)
        p, q = value.as_integer_ratio()
        if p <= 0:
            return self.lo
        d = q * pm  # value / maximum = (p × qm) / d
        n = p * self.qm
        if n >= d:
            return self.hi
        if d > 10**9:
            return _px(value, self.maximum, self.start, self.length)
        # tenths = 10 × start + 10 × length × n / d; nearest integer k = ⌊(2t + 1) / 2⌋
        twice = 20 * (self.start * d + self.length * n) + d
        k, rem = divmod(twice, 2 * d)
        if not rem:
            return _px(value, self.maximum, self.start, self.length)  # a tie: as the floats round it
        return k / 10


#: recent charts' axes, each with its memo of amounts mapped: an amount's pixel depends only on
#: the axis (its maximum, start and length), so a chart whose axes another chart had — the same
#: round maximum of the bill and of the fund — maps the points they share by a look-up
_AXES: dict[tuple[Decimal, int, int], _Axis] = {}
_AXES_LIMIT, _SEEN_LIMIT = 256, 1024


def _axis(maximum: Decimal, start: int, length: int) -> _Axis:
    key = (maximum, start, length)
    axis = _AXES.get(key)
    if axis is None:
        if len(_AXES) >= _AXES_LIMIT:
            _AXES.clear()
        axis = _AXES[key] = _Axis(maximum, start, length)
    elif max(len(axis.seen), len(axis.down), len(axis.texts), len(axis.down_texts)) >= _SEEN_LIMIT:
        axis.seen.clear()
        axis.down.clear()
        axis.texts.clear()
        axis.down_texts.clear()
    return axis


class Bar:
    """The year's deductible or cap bar (read-only by convention: a class with slots, built
    twice a chart, costs less than a frozen dataclass)."""

    __slots__ = ("left", "total", "used", "width")

    def __init__(self, *, total: Decimal | None, used: Decimal, left: Decimal | None, width: float) -> None:
        self.total = total  # the year's deductible or cap (None: the document sets none)
        self.used = used
        self.left = left
        self.width = width  # pixels filled

    def __repr__(self) -> str:
        # the repr of the frozen dataclass it was (the chart's id is a digest of it)
        return self._repr(repr)

    def _repr(self, rep: Any) -> str:
        return f"Bar(total={rep(self.total)}, used={rep(self.used)}, left={rep(self.left)}, width={self.width!r})"


def _bar(total: Decimal | None, used: Decimal, left: Decimal | None) -> Bar:
    width = _axis(total, 0, BAR_WIDTH)(used) if total else 0.0
    return Bar(total=total, used=used, left=left, width=width)


def _year_bars(request: CalculationRequest, result: CalculationResult, index: int) -> tuple[Bar, Bar]:
    """The deductible and cap used after visit ``index``, read from the trace (no arithmetic)."""
    ded: DeductibleStep | None = None
    cap: CapStep | None = None
    for visit in reversed(result.visits[: index + 1]):
        ded = ded or next((s for s in visit.steps if isinstance(s, DeductibleStep)), None)
        cap = cap or next((s for s in visit.steps if isinstance(s, CapStep)), None)
        if ded and cap:
            break
    y = result.year_end
    if ded is not None:
        deductible = _bar(ded.deductible, ded.used_after, None)
    else:
        deductible = _bar(y.deductible, request.year_start.deductible_used, None)
    if cap is not None:
        capbar = _bar(cap.cap, cap.paid_after, cap.remaining_after)
    else:
        capbar = _bar(y.cap, request.year_start.fund_paid, None)
    return deductible, capbar


def _anchor(at: float, width: float) -> str:
    """Centre a tick label under its tick unless that would cross the chart's edge."""
    if at - width / 2 < 2:
        return "start"
    if at + width / 2 > WIDTH - 2:
        return "end"
    return "middle"


#: (amount, locale) → ``_e(money(amount))`` / ``_e(number(amount))`` / ``_e(percent(ratio))``
_ESCAPED: dict[tuple[str, Decimal, str], str] = {}
_ESCAPED_LIMIT = 16384
#: whether a text with white space was ever made by :func:`_escaped` (see :func:`_compiled`)
_SPACED = [False]
_FORMATS = {"m": money, "n": number, "p": percent}


def _escaped(kind: str, value: Decimal, tag: str) -> str:
    """``_FORMATS[kind](value)`` escaped, in the current locale, whose tag the caller passes (a
    chart is drawn inside its locale: ``current().tag`` is ``tag``, not looked up each time)."""
    key = (kind, value, tag)
    out = _ESCAPED.get(key)
    if out is None:
        out = _e(_FORMATS[kind](value))
        if _SPACE.search(out):
            _SPACED[0] = True
        if len(_ESCAPED) >= _ESCAPED_LIMIT:
            _ESCAPED.clear()
        _ESCAPED[key] = out
    return out


def _values(curve: Curve, mark_text: str, deductible: Bar, cap: Bar, chart_id: str, visit: Any,
            lang: str) -> tuple[tuple[Any, ...], dict[str, str]]:
    """What one chart's SVG says, apart from its words and layout: the *shape* (which sentences,
    lines and labels it has — the branches :func:`_write` takes) and every value written into it,
    each as the exact text the SVG shows (coordinates as Python writes the floats, amounts
    formatted and escaped). Names starting ``d_`` are amounts said in the description, which is
    squashed.

    The layout (where each point, label and line goes) is worked out here too, in the same pass:
    a coordinate of an amount is written by its axis' memo of texts (``f"{x(b)}"`` is
    ``x_axis.text(b)``: the same float), so a point of the curve that is also the mark, a
    breakpoint or the axis' end is written once. (It was a dict of the layout, then this
    function reading it back: two passes and a dozen small dicts a chart.)"""
    e = _e
    memo = _ESCAPED.get  # (each amount looked up inline: _escaped only when it is not there)
    x_axis, y_axis = _axis(curve.max_bill, PLOT_LEFT, PLOT_RIGHT - PLOT_LEFT), _axis(curve.max_fund, 0, PLOT_BOTTOM - PLOT_TOP)
    x, y = x_axis, y_axis.from_bottom
    x_text, y_text = x_axis.text, y_axis.from_bottom_text
    x_texts, y_texts = x_axis.texts.get, y_axis.down_texts.get  # their memos, read inline
    eligible = curve.eligible

    v: dict[str, str] = {"id": chart_id, "lang": e(lang), "when": e(date(visit.date)),
                         "polyline": e(" ".join([(x_texts(b) or x_text(b)) + "," + (y_texts(f) or y_text(f))
                                                 for b, f in curve.points]))}
    ded_left = cap_bill = cap_left = False
    if eligible:
        ded_left = bool(curve.deductible_left and curve.deductible_left > 0)
        if ded_left:
            v["d_left"] = memo(("m", curve.deductible_left, lang)) or _escaped("m", curve.deductible_left, lang)  # type: ignore[arg-type]
        v["d_ratio"] = memo(("p", curve.ratio, lang)) or _escaped("p", curve.ratio, lang)  # type: ignore[arg-type]
        if curve.cap_bill is not None:
            cap_bill = True
            v["d_cap_bill"] = memo(("m", curve.cap_bill, lang)) or _escaped("m", curve.cap_bill, lang)
            v["d_cap_left"] = memo(("m", curve.cap_left, lang)) or _escaped("m", curve.cap_left, lang)  # type: ignore[arg-type]
        else:
            cap_left = curve.cap_left is not None
        v["d_bill"] = memo(("m", curve.bill, lang)) or _escaped("m", curve.bill, lang)
        v["d_fund"] = memo(("m", curve.fund, lang)) or _escaped("m", curve.fund, lang)
    ded = deductible.total is not None
    if ded:
        v["d_ded_total"] = memo(("m", deductible.total, lang)) or _escaped("m", deductible.total, lang)  # type: ignore[arg-type]
        v["d_ded_used"] = memo(("m", deductible.used, lang)) or _escaped("m", deductible.used, lang)
        v["ded_width"] = f"{deductible.width}"
    capbar = cap.total is not None
    capbar_left = capbar and cap.left is not None
    if capbar:
        v["d_cap_total"] = memo(("m", cap.total, lang)) or _escaped("m", cap.total, lang)  # type: ignore[arg-type]
        v["d_cap_used"] = memo(("m", cap.used, lang)) or _escaped("m", cap.used, lang)
        v["cap_width"] = f"{cap.width}"
        if capbar_left:
            v["d_capbar_left"] = memo(("m", cap.left, lang)) or _escaped("m", cap.left, lang)  # type: ignore[arg-type]
    v["ymax_y"] = f"{y(curve.max_fund) + 4}"
    v["ymax_label"] = memo(("n", curve.max_fund, lang)) or _escaped("n", curve.max_fund, lang)
    # the plateau of the cap left
    plateau = curve.cap_left is not None and eligible
    plateau_y = 0.0
    if plateau:
        plateau_y = y(curve.cap_left)  # type: ignore[arg-type]
        v["plateau_y"], v["plateau_label_y"] = y_text(curve.cap_left), f"{plateau_y - 6}"  # type: ignore[arg-type]
        v["plateau_cap"] = memo(("n", curve.cap_left, lang)) or _escaped("n", curve.cap_left, lang)  # type: ignore[arg-type]
    # each breakpoint's line and label, centred under it unless that would cross the chart's edge
    breaks = curve.breakpoints
    for i, b in enumerate(breaks):
        v[f"b{i}_x"], v[f"b{i}_anchor"] = x_text(b), _anchor(x(b), _text_width(number(b)))
        v[f"b{i}_label"] = memo(("n", b, lang)) or _escaped("n", b, lang)
    # the axis' end label, unless a breakpoint's label (which matters more) would overlap it
    end_left = x(curve.max_bill) - _text_width(number(curve.max_bill)) - 4
    x_max_shown = True
    for b in breaks:
        if not x(b) + _text_width(number(b)) / 2 < end_left:
            x_max_shown = False
            break
    if x_max_shown:
        v["xmax_x"] = x_text(curve.max_bill)
        v["xmax_label"] = memo(("n", curve.max_bill, lang)) or _escaped("n", curve.max_bill, lang)
    # the mark and its label: inside the width, and below the point when it sits on the plateau
    mark_x, mark_y = x(curve.bill), y(curve.fund)
    width = _text_width(mark_text)
    if mark_x + 10 + width <= WIDTH - 4:
        label_x, anchor = mark_x + 10, "start"
    elif mark_x - 10 - width >= 4:
        label_x, anchor = mark_x - 10, "end"
    else:
        label_x, anchor = WIDTH - 4, "end"
    below = mark_y - PLOT_TOP < 28 or (plateau and abs(mark_y - plateau_y) < 16)
    v["mark_x"], v["mark_y"] = x_text(curve.bill), y_text(curve.fund)
    v["label_x"], v["label_y"] = f"{round(label_x, 1)}", f"{round(mark_y + 22 if below else mark_y - 10, 1)}"
    v["label_anchor"] = anchor
    v["this_bill"] = memo(("n", curve.bill, lang)) or _escaped("n", curve.bill, lang)
    v["this_fund"] = memo(("n", curve.fund, lang)) or _escaped("n", curve.fund, lang)
    shape = (eligible, ded_left, cap_bill, cap_left, ded, capbar, capbar_left, plateau, len(breaks), x_max_shown)
    return shape, v


def _describe(shape: tuple[Any, ...], v: Any) -> list[str]:
    """The chart's description, one sentence per fact (the words are the catalog's)."""
    eligible, ded_left, cap_bill, cap_left, ded, capbar, capbar_left = shape[:7]
    out = []
    if not eligible:
        out.append(gettext("这次就医不属于普通门诊统筹，无论费用多少，统筹基金都不支付。"))
    else:
        if ded_left:
            out.append(gettext("这次的政策范围内费用中，前%(left)s用来扣起付线，统筹基金不付；超过的部分按%(ratio)s支付。")
                       % {"left": v["d_left"], "ratio": v["d_ratio"]})
        else:
            out.append(gettext("起付线已经扣满（或不设起付线），政策范围内费用从第一元起按%(ratio)s支付。")
                       % {"ratio": v["d_ratio"]})
        if cap_bill:
            out.append(gettext("费用达到%(bill)s时，统筹基金支付达到今年剩余的年度限额%(cap)s，之后不再增加。")
                       % {"bill": v["d_cap_bill"], "cap": v["d_cap_left"]})
        elif cap_left:
            out.append(gettext("今年的年度限额已经用完，统筹基金不再支付。"))
        else:
            out.append(gettext("不设个人年度限额，统筹基金支付随费用一直按比例增加。"))
        out.append(gettext("这次政策范围内费用%(bill)s，统筹基金支付%(fund)s。")
                   % {"bill": v["d_bill"], "fund": v["d_fund"]})
    if ded:
        out.append(gettext("今年起付线%(deductible)s，已扣%(used)s。")
                   % {"deductible": v["d_ded_total"], "used": v["d_ded_used"]})
    if capbar_left:
        out.append(gettext("年度最高支付限额%(cap)s，已用%(used)s，还剩%(left)s。")
                   % {"cap": v["d_cap_total"], "used": v["d_cap_used"], "left": v["d_capbar_left"]})
    elif capbar:
        out.append(gettext("年度最高支付限额%(cap)s，已用%(used)s。")
                   % {"cap": v["d_cap_total"], "used": v["d_cap_used"]})
    return out


_STYLE = ("<style>.mb-axis{stroke:#888;stroke-width:1}.mb-grid{stroke:#bbb;stroke-dasharray:4 3}"
          ".mb-curve{fill:none;stroke:#07c160;stroke-width:3}.mb-t{font:" + str(FONT) + "px sans-serif;fill:#333}"
          ".mb-h{font:bold " + str(FONT + 1) + "px sans-serif;fill:#111}.mb-bar-bg{fill:#e5e5e5}"
          ".mb-bar-ded{fill:#6b9bd1}.mb-bar-cap{fill:#07c160}@media (prefers-color-scheme:dark){.mb-t,.mb-h{fill:#ddd}"
          ".mb-bar-bg{fill:#444}}</style>")


def _write(shape: tuple[Any, ...], v: Any) -> str:
    """The SVG document of a chart of this shape with these values (:func:`_values`): geometry
    written out directly, as ``chart.svg.j2`` did under the HTML environment's autoescape (every
    word from the catalog, every value escaped by :func:`_values`). The messages are plain
    ``gettext`` calls, not inside f-strings, so that ``pybabel extract`` finds them.

    ``v`` may also be :class:`_Names`, whose values are slots: the SVG of a shape is then
    written once and filled for each later chart of that shape (:func:`_compiled`)."""
    ded, capbar, capbar_left, plateau, n_breaks, x_max_shown = shape[4:]
    left, right, top, bottom = PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM
    bl = BAR_LEFT
    when, chart_id = v["when"], v["id"]
    title = gettext("统筹基金支付随这次费用的变化（%(date)s）") % {"date": when}
    desc = squash(Markup("\n".join(_describe(shape, v)) + "\n"))
    heading = gettext("统筹基金支付随这次费用的变化")
    y_axis = gettext("统筹基金支付（元）")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mb-chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{title}：{desc}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" lang="{v["lang"]}">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{desc}</desc>',
        _STYLE,
        f'<text class="mb-h" x="{bl}" y="18">{heading}</text>',
        f'<text class="mb-t" x="{bl}" y="36">{when}</text>',
        f'<text class="mb-t" x="{bl}" y="{top - 12}">{y_axis}</text>',
        f'<line class="mb-axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
        f'<line class="mb-axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>',
        f'<text class="mb-t" x="{left - 4}" y="{bottom + 4}" text-anchor="end">0</text>',
        f'<text class="mb-t" x="{left - 4}" y="{v["ymax_y"]}" text-anchor="end">{v["ymax_label"]}</text>',
    ]
    if plateau:
        cap_left = gettext("今年剩余限额 %(cap)s") % {"cap": v["plateau_cap"]}
        out.append(f'<line class="mb-grid" x1="{left}" y1="{v["plateau_y"]}" x2="{right}" y2="{v["plateau_y"]}"/>')
        out.append(f'<text class="mb-t" x="{left + 6}" y="{v["plateau_label_y"]}">{cap_left}</text>')
    for i in range(n_breaks):
        x = v[f"b{i}_x"]
        out.append(f'<line class="mb-grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>')
        out.append(f'<text class="mb-t" x="{x}" y="{bottom + 16}" text-anchor="{v[f"b{i}_anchor"]}">'
                   f'{v[f"b{i}_label"]}</text>')
    if x_max_shown:
        out.append(f'<text class="mb-t" x="{v["xmax_x"]}" y="{bottom + 16}" text-anchor="end">'
                   f'{v["xmax_label"]}</text>')
    x_axis = gettext("这次的政策范围内费用（元）")
    this = gettext("这次：%(bill)s → %(fund)s") % {"bill": v["this_bill"], "fund": v["this_fund"]}
    used = gettext("今年已用")
    out += [
        f'<text class="mb-t" x="{(left + right) // 2}" y="{bottom + 34}" text-anchor="middle">{x_axis}</text>',
        f'<polyline class="mb-curve" points="{v["polyline"]}"/>',
        f'<circle cx="{v["mark_x"]}" cy="{v["mark_y"]}" r="6" fill="#fa5151" stroke="#fff" stroke-width="2"/>',
        f'<text class="mb-t" x="{v["label_x"]}" y="{v["label_y"]}" text-anchor="{v["label_anchor"]}">{this}</text>',
        '<g class="mb-year-bars">',
        f'<text class="mb-h" x="{bl}" y="{bottom + 62}">{used}</text>',
    ]
    if ded:
        met = gettext("起付线：已扣%(used)s / %(total)s") % {"used": v["d_ded_used"], "total": v["d_ded_total"]}
        out += [
            f'<rect class="mb-bar-bg" x="{bl}" y="{bottom + 72}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}"/>',
            f'<rect class="mb-bar-ded" x="{bl}" y="{bottom + 72}" width="{v["ded_width"]}" height="{BAR_HEIGHT}"/>',
            f'<text class="mb-t" x="{bl}" y="{bottom + 100}">{met}</text>',
        ]
    else:
        none = gettext("不设起付线")
        out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 84}">{none}</text>')
    if capbar:
        spent = gettext("年度限额：已用%(used)s / %(total)s") % {"used": v["d_cap_used"], "total": v["d_cap_total"]}
        out += [
            f'<rect class="mb-bar-bg" x="{bl}" y="{bottom + 112}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}"/>',
            f'<rect class="mb-bar-cap" x="{bl}" y="{bottom + 112}" width="{v["cap_width"]}" height="{BAR_HEIGHT}"/>',
            f'<text class="mb-t" x="{bl}" y="{bottom + 140}">{spent}</text>',
        ]
        if capbar_left:
            left_text = gettext("还剩%(left)s") % {"left": v["d_capbar_left"]}
            out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 158}">{left_text}</text>')
    else:
        none = gettext("不设个人年度限额")
        out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 124}">{none}</text>')
    out += ["</g>", "</svg>"]
    return "\n".join(out)


# -- the SVG of a shape, written once per locale and document, then filled -------------------------

_SLOT_OPEN, _SLOT_CLOSE = "\ue004", "\ue005"
_SLOT = re.compile(f"{_SLOT_OPEN}(\\w+){_SLOT_CLOSE}")
#: what a value of the squashed description must not hold (squashing would treat it otherwise)
_SPACE = re.compile(r"\s")


class _Names:
    """The values of :func:`_write` as slots: each name as a private-use mark."""

    def __getitem__(self, name: str) -> str:
        return f"{_SLOT_OPEN}{name}{_SLOT_CLOSE}"


class _Template:
    """The SVG of one shape split at its values: literal text at even places, each value's name
    (in order) for the odd ones; filling is one C call to pick the values and one join.

    ``fits``: whether the SVG, filled with any values that hold no newline and no page slot
    mark, fits a page's slot (:func:`~explanations.render.fits_a_slot`): it starts and ends
    with literal text other than white space, holds no slot mark of its own, and each of its
    newlines follows a literal character that is not white space (no blank line, no line
    ending in a space or tab). ``newlines`` counts the literal text's newlines: a filled SVG
    with as many holds none in its values."""

    __slots__ = ("fits", "names", "newlines", "parts", "pick")

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.names = parts[1::2]
        self.pick = operator.itemgetter(*self.names)
        literals = parts[0::2]
        self.newlines = sum(p.count("\n") for p in literals)
        self.fits = (bool(parts[0]) and not parts[0][0].isspace() and bool(parts[-1])
                     and not parts[-1][-1].isspace()
                     and not any(MARK_OPEN in p for p in literals)
                     and all(i > 0 and p[i - 1] not in " \t\n"
                             for p in literals for i, ch in enumerate(p) if ch == "\n"))

    def fitted(self, text: str) -> bool:
        """Whether ``text``, this template filled, fits a page's slot (see the class)."""
        return self.fits and text.count("\n") == self.newlines and MARK_OPEN not in text

    def fill(self, v: dict[str, str]) -> str:
        out = self.parts.copy()
        picked = self.pick(v)
        out[1::2] = picked if len(self.names) > 1 else (picked,)
        return "".join(out)


_COMPILED: dict[Any, _Template | None] = {}
_COMPILED_LIMIT = 1024


def _compiled(shape: tuple[Any, ...], v: dict[str, str], tag: str) -> tuple[str, bool]:
    """:func:`_write` ``(shape, v)``, from the template of its shape (the words are the
    locale's), and whether it is known to fit a page's slot (:meth:`_Template.fitted`; False:
    not known, the page checks it).

    A template is built the first time its shape is seen and kept only if, filled with that
    chart's own values, it gives exactly what :func:`_write` gives; a value of the description
    with white space in it (no formatted amount has any) is written in full, since squashing
    the description would have treated it otherwise."""
    if _SPACED[0] and any(_SPACE.search(text) for name, text in v.items() if name[0] == "d"):
        return _write(shape, v), False  # (every description value is made by _escaped, which notes white space)
    key = (tag, shape)
    template = _COMPILED.get(key, _UNBUILT)
    if template is _UNBUILT:  # seen for the first time: write it, and its template
        out = _write(shape, v)
        built: _Template | None = _Template(_SLOT.split(_write(shape, _Names())))
        if built is not None and built.fill(v) != out:
            built = None  # the SVG depends on more than its shape: always write it in full
        if len(_COMPILED) >= _COMPILED_LIMIT:
            _COMPILED.clear()
        _COMPILED[key] = built
        return out, False
    if not isinstance(template, _Template):
        return _write(shape, v), False
    out = template.fill(v)
    return out, template.fitted(out)


_UNBUILT = object()  # not looked up yet


def chart_svg(request: CalculationRequest, result: CalculationResult, *, locale: str = "zh-CN",
              visit: int = -1) -> str:
    """The inline SVG chart for one visit (default: the last) of a calculated request."""
    p = result.policy
    with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title)) as state:
        return chart_in_locale(request, result, state.tag, visit)


def chart_in_locale(request: CalculationRequest, result: CalculationResult, tag: str, visit: int = -1) -> Markup:
    """:func:`chart_svg` inside a rendering that has made the locale ``tag`` current already
    (an explanation draws its chart after its words: the same locale, not made current again)."""
    curve = fund_curve(request, visit, result=result)
    deductible, cap = _year_bars(request, result, curve.visit_index)
    digest = hashlib.sha1(_id_text(result.policy.id, curve.visit_index, curve.points,
                                   deductible, cap).encode()).hexdigest()[:10]
    mark_text = gettext("这次：%(bill)s → %(fund)s") % {"bill": number(curve.bill), "fund": number(curve.fund)}
    shape, values = _values(curve, mark_text, deductible, cap, f"mb-chart-{digest}",
                            result.visits[curve.visit_index], tag)
    text, fits = _compiled(shape, values, tag)
    out = _markup(text)
    if fits:
        FITTED[0] = out
    return out


def _id_text(policy: str, index: int, points: list[tuple[Decimal, Decimal]], deductible: Bar, cap: Bar) -> str:
    """``repr((policy, index, points, deductible, cap))``, which the chart's id digests, written
    with ``str`` of each Decimal: its ``repr`` is ``Decimal('…')`` around the same text (both
    are the context's scientific string), and ``repr`` builds it through a C-level format that
    costs about twice a ``str``. Anything but a pair of Decimals goes through ``repr`` itself."""
    texts = []
    for point in points:
        if type(point) is not tuple or len(point) != 2:
            return repr((policy, index, points, deductible, cap))
        x, f = point
        if type(x) is not Decimal or type(f) is not Decimal:
            return repr((policy, index, points, deductible, cap))
        texts.append(f"(Decimal('{x!s}'), Decimal('{f!s}'))")
    return (f"({policy!r}, {index!r}, [{', '.join(texts)}], {deductible._repr(_decimal_repr)}, "
            f"{cap._repr(_decimal_repr)})")


def _decimal_repr(value: Any) -> str:
    """``repr(value)``, a Decimal's written with its ``str`` (see :func:`_id_text`)."""
    return f"Decimal('{value!s}')" if type(value) is Decimal else repr(value)


#: ``Markup(text)`` for a str: the same object without markupsafe's Python-level ``__new__``
_markup = partial(str.__new__, Markup)
