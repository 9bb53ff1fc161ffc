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
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from calculator import CalculationRequest, CalculationResult, CapStep, Curve, DeductibleStep, fund_curve

from .formatting import date, money, number, percent
from .i18n import activated, gettext
from .render import Doc, squash

__all__ = ["chart_svg"]

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
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.56 for ch in text)


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

    __slots__ = ("hi", "length", "lo", "maximum", "pm", "qm", "seen", "start")

    def __init__(self, maximum: Decimal, start: int, length: int) -> None:
        self.maximum, self.start, self.length = maximum, start, length
        self.pm, self.qm = maximum.as_integer_ratio() if maximum > 0 else (0, 1)
        # the ends as _px gives them (floats; an axis of no length gives round(start, 1), an int)
        self.lo, self.hi = round(start + 0.0 * length, 1), round(start + 1.0 * length, 1)
        self.seen: dict[Decimal, float] = {}

    def __call__(self, value: Decimal) -> float:
        at = self.seen.get(value)  # a breakpoint is also a point of the curve: map it once
        if at is None:
            at = self.seen[value] = self._map(value)
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


@dataclass(frozen=True)
class Bar:
    total: Decimal | None  # the year's deductible or cap (None: the document sets none)
    used: Decimal
    left: Decimal | None
    width: float  # pixels filled


def _bar(total: Decimal | None, used: Decimal, left: Decimal | None) -> Bar:
    width = _Axis(total, 0, BAR_WIDTH)(used) if total else 0.0
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


def _x_max_fits(curve: Curve, x: Any) -> bool:
    """The axis' end label, unless a breakpoint's label (which matters more) would overlap it."""
    end_left = x(curve.max_bill) - _text_width(number(curve.max_bill)) - 4
    return all(x(b) + _text_width(number(b)) / 2 < end_left for b in curve.breakpoints)


def _view(curve: Curve, mark_text: str) -> dict[str, Any]:
    w, h = PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP

    x, y_axis = _Axis(curve.max_bill, PLOT_LEFT, w), _Axis(curve.max_fund, 0, h)
    ys: dict[Decimal, float] = {}

    def y(f: Decimal) -> float:
        at = ys.get(f)
        if at is None:
            # round(PLOT_BOTTOM - k / 10, 1) is (10 × PLOT_BOTTOM - k) / 10: the difference is
            # within a rounding of that tenth, never near a tie
            at = ys[f] = (10 * PLOT_BOTTOM - round(10 * y_axis._map(f))) / 10
        return at

    mark_x, mark_y = x(curve.bill), y(curve.fund)
    plateau_y = y(curve.cap_left) if curve.cap_left is not None and curve.eligible else None
    # the mark's label: inside the width, and below the point when it sits on the plateau
    width = _text_width(mark_text)
    if mark_x + 10 + width <= WIDTH - 4:
        label_x, anchor = mark_x + 10, "start"
    elif mark_x - 10 - width >= 4:
        label_x, anchor = mark_x - 10, "end"
    else:
        label_x, anchor = WIDTH - 4, "end"
    below = mark_y - PLOT_TOP < 28 or (plateau_y is not None and abs(mark_y - plateau_y) < 16)
    label = {"x": round(label_x, 1), "y": round(mark_y + 22 if below else mark_y - 10, 1), "anchor": anchor}
    return {
        "polyline": " ".join(f"{x(b)},{y(f)}" for b, f in curve.points),
        "breaks": [{"value": b, "x": x(b), "anchor": _anchor(x(b), _text_width(number(b)))} for b in curve.breakpoints],
        "plateau": ({"value": curve.cap_left, "y": plateau_y} if plateau_y is not None else None),
        "mark": {"x": mark_x, "y": mark_y, "label": label},
        "x_max": {"value": curve.max_bill, "x": x(curve.max_bill), "shown": _x_max_fits(curve, x)},
        "y_max": {"value": curve.max_fund, "y": y(curve.max_fund)},
    }


def _describe(curve: Curve, deductible: Bar, cap: Bar) -> list[str]:
    """The chart's description, one sentence per fact (the words are the catalog's)."""
    out = []
    if not curve.eligible:
        out.append(gettext("这次就医不属于普通门诊统筹，无论费用多少，统筹基金都不支付。"))
    else:
        assert curve.ratio is not None  # an eligible visit reached the ratio step
        if curve.deductible_left and curve.deductible_left > 0:
            out.append(gettext("这次的政策范围内费用中，前%(left)s用来扣起付线，统筹基金不付；超过的部分按%(ratio)s支付。")
                       % {"left": _e(money(curve.deductible_left)), "ratio": _e(percent(curve.ratio))})
        else:
            out.append(gettext("起付线已经扣满（或不设起付线），政策范围内费用从第一元起按%(ratio)s支付。")
                       % {"ratio": _e(percent(curve.ratio))})
        if curve.cap_bill is not None:
            assert curve.cap_left is not None  # the cap is reached only where there is one
            out.append(gettext("费用达到%(bill)s时，统筹基金支付达到今年剩余的年度限额%(cap)s，之后不再增加。")
                       % {"bill": _e(money(curve.cap_bill)), "cap": _e(money(curve.cap_left))})
        elif curve.cap_left is not None:
            out.append(gettext("今年的年度限额已经用完，统筹基金不再支付。"))
        else:
            out.append(gettext("不设个人年度限额，统筹基金支付随费用一直按比例增加。"))
        out.append(gettext("这次政策范围内费用%(bill)s，统筹基金支付%(fund)s。")
                   % {"bill": _e(money(curve.bill)), "fund": _e(money(curve.fund))})
    if deductible.total is not None:
        out.append(gettext("今年起付线%(deductible)s，已扣%(used)s。")
                   % {"deductible": _e(money(deductible.total)), "used": _e(money(deductible.used))})
    if cap.total is not None and cap.left is not None:
        out.append(gettext("年度最高支付限额%(cap)s，已用%(used)s，还剩%(left)s。")
                   % {"cap": _e(money(cap.total)), "used": _e(money(cap.used)), "left": _e(money(cap.left))})
    elif cap.total is not None:
        out.append(gettext("年度最高支付限额%(cap)s，已用%(used)s。")
                   % {"cap": _e(money(cap.total)), "used": _e(money(cap.used))})
    return out


_STYLE = ("<style>.mb-axis{stroke:#888;stroke-width:1}.mb-grid{stroke:#bbb;stroke-dasharray:4 3}"
          ".mb-curve{fill:none;stroke:#07c160;stroke-width:3}.mb-t{font:" + str(FONT) + "px sans-serif;fill:#333}"
          ".mb-h{font:bold " + str(FONT + 1) + "px sans-serif;fill:#111}.mb-bar-bg{fill:#e5e5e5}"
          ".mb-bar-ded{fill:#6b9bd1}.mb-bar-cap{fill:#07c160}@media (prefers-color-scheme:dark){.mb-t,.mb-h{fill:#ddd}"
          ".mb-bar-bg{fill:#444}}</style>")


def _svg(curve: Curve, view: dict[str, Any], deductible: Bar, cap: Bar, chart_id: str, visit: Any,
         lang: str) -> str:
    """The SVG document: geometry written out directly, as ``chart.svg.j2`` did under the HTML
    environment's autoescape (every word from the catalog, every variable escaped). The messages
    are plain ``gettext`` calls, not inside f-strings, so that ``pybabel extract`` finds them."""
    e = _e
    left, right, top, bottom = PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM
    bl = BAR_LEFT
    when = e(date(visit.date))
    title = gettext("统筹基金支付随这次费用的变化（%(date)s）") % {"date": when}
    desc = squash(Markup("\n".join(_describe(curve, deductible, cap)) + "\n"))
    heading = gettext("统筹基金支付随这次费用的变化")
    y_axis = gettext("统筹基金支付（元）")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mb-chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{title}：{desc}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" lang="{e(lang)}">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{desc}</desc>',
        _STYLE,
        f'<text class="mb-h" x="{bl}" y="18">{heading}</text>',
        f'<text class="mb-t" x="{bl}" y="36">{when}</text>',
        f'<text class="mb-t" x="{bl}" y="{top - 12}">{y_axis}</text>',
        f'<line class="mb-axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
        f'<line class="mb-axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>',
        f'<text class="mb-t" x="{left - 4}" y="{bottom + 4}" text-anchor="end">0</text>',
        f'<text class="mb-t" x="{left - 4}" y="{view["y_max"]["y"] + 4}" text-anchor="end">'
        f'{e(number(view["y_max"]["value"]))}</text>',
    ]
    plateau = view["plateau"]
    if plateau:
        cap_left = gettext("今年剩余限额 %(cap)s") % {"cap": e(number(plateau["value"]))}
        out.append(f'<line class="mb-grid" x1="{left}" y1="{plateau["y"]}" x2="{right}" y2="{plateau["y"]}"/>')
        out.append(f'<text class="mb-t" x="{left + 6}" y="{plateau["y"] - 6}">{cap_left}</text>')
    for b in view["breaks"]:
        out.append(f'<line class="mb-grid" x1="{b["x"]}" y1="{top}" x2="{b["x"]}" y2="{bottom}"/>')
        out.append(f'<text class="mb-t" x="{b["x"]}" y="{bottom + 16}" text-anchor="{b["anchor"]}">'
                   f'{e(number(b["value"]))}</text>')
    x_max = view["x_max"]
    if x_max["shown"]:
        out.append(f'<text class="mb-t" x="{x_max["x"]}" y="{bottom + 16}" text-anchor="end">'
                   f'{e(number(x_max["value"]))}</text>')
    mark = view["mark"]
    label = mark["label"]
    x_axis = gettext("这次的政策范围内费用（元）")
    this = gettext("这次：%(bill)s → %(fund)s") % {"bill": e(number(curve.bill)), "fund": e(number(curve.fund))}
    used = gettext("今年已用")
    out += [
        f'<text class="mb-t" x="{(left + right) // 2}" y="{bottom + 34}" text-anchor="middle">{x_axis}</text>',
        f'<polyline class="mb-curve" points="{e(view["polyline"])}"/>',
        f'<circle cx="{mark["x"]}" cy="{mark["y"]}" r="6" fill="#fa5151" stroke="#fff" stroke-width="2"/>',
        f'<text class="mb-t" x="{label["x"]}" y="{label["y"]}" text-anchor="{label["anchor"]}">{this}</text>',
        '<g class="mb-year-bars">',
        f'<text class="mb-h" x="{bl}" y="{bottom + 62}">{used}</text>',
    ]
    if deductible.total is not None:
        met = gettext("起付线：已扣%(used)s / %(total)s") % {
            "used": e(money(deductible.used)), "total": e(money(deductible.total))}
        out += [
            f'<rect class="mb-bar-bg" x="{bl}" y="{bottom + 72}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}"/>',
            f'<rect class="mb-bar-ded" x="{bl}" y="{bottom + 72}" width="{deductible.width}" height="{BAR_HEIGHT}"/>',
            f'<text class="mb-t" x="{bl}" y="{bottom + 100}">{met}</text>',
        ]
    else:
        none = gettext("不设起付线")
        out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 84}">{none}</text>')
    if cap.total is not None:
        spent = gettext("年度限额：已用%(used)s / %(total)s") % {"used": e(money(cap.used)), "total": e(money(cap.total))}
        out += [
            f'<rect class="mb-bar-bg" x="{bl}" y="{bottom + 112}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}"/>',
            f'<rect class="mb-bar-cap" x="{bl}" y="{bottom + 112}" width="{cap.width}" height="{BAR_HEIGHT}"/>',
            f'<text class="mb-t" x="{bl}" y="{bottom + 140}">{spent}</text>',
        ]
        if cap.left is not None:
            left_text = gettext("还剩%(left)s") % {"left": e(money(cap.left))}
            out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 158}">{left_text}</text>')
    else:
        none = gettext("不设个人年度限额")
        out.append(f'<text class="mb-t" x="{bl}" y="{bottom + 124}">{none}</text>')
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def chart_svg(request: CalculationRequest, result: CalculationResult, *, locale: str = "zh-CN",
              visit: int = -1) -> str:
    """The inline SVG chart for one visit (default: the last) of a calculated request."""
    curve = fund_curve(request, visit, result=result)
    deductible, cap = _year_bars(request, result, curve.visit_index)
    digest = hashlib.sha1(repr((result.policy.id, curve.visit_index, curve.points,
                                deductible, cap)).encode()).hexdigest()[:10]
    p = result.policy
    with activated(locale, doc=Doc(city=p.city, city_en=p.city_en, title=p.title)) as state:
        mark_text = gettext("这次：%(bill)s → %(fund)s") % {"bill": number(curve.bill), "fund": number(curve.fund)}
        out = _svg(curve, _view(curve, mark_text), deductible, cap, f"mb-chart-{digest}",
                   result.visits[curve.visit_index], state.tag)
    return Markup(out)
