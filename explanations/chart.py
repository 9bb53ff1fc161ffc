"""The chart: an inline SVG, rendered on the server, no JavaScript.

Top: what the fund pays for this visit as its in-scope bill grows (flat while the deductible left
is being used, the ratio's slope, the plateau of the cap left), this visit marked. Bottom: two bars,
the year's deductible used and the year's cap used after this visit. ``<title>``, ``<desc>``,
``role="img"`` and ``aria-label`` carry the same information as text.

The curve's points are computed by the calculator (:func:`calculator.curve.fund_curve`, from the
result's trace); this module only maps those Decimals to pixel coordinates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from calculator.curve import Curve, fund_curve
from calculator.request import CalculationRequest
from calculator.result import CalculationResult, CapStep, DeductibleStep

from .formatting import number
from .i18n import activated, gettext
from .render import Doc, environment

__all__ = ["chart_svg"]

# A phone layout: 320 units wide, so that at a 390 px phone's width (about 350 px for the chart)
# the 13-unit labels render at 14 CSS px, never below 12; every label fits inside the width.
WIDTH, HEIGHT = 320, 378
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, 308, 74, 214
BAR_LEFT, BAR_WIDTH, BAR_HEIGHT = 8, 300, 12
FONT = 13  # the labels' size in SVG units (the heading is one larger)


def _text_width(text: str) -> float:
    """A label's approximate width in SVG units: CJK characters a full em, others about half."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.56 for ch in text)


def _px(value: Decimal, maximum: Decimal, start: float, length: float) -> float:
    """A Decimal on an axis of ``maximum`` → a pixel coordinate (one decimal place)."""
    if maximum <= 0:
        return round(start, 1)
    fraction = min(max(float(value / maximum), 0.0), 1.0)
    return round(start + fraction * length, 1)


@dataclass(frozen=True)
class Bar:
    total: Decimal | None  # the year's deductible or cap (None: the document sets none)
    used: Decimal
    left: Decimal | None
    width: float  # pixels filled


def _bar(total: Decimal | None, used: Decimal, left: Decimal | None) -> Bar:
    width = _px(used, total, 0, BAR_WIDTH) if total else 0.0
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

    def x(b: Decimal) -> float:
        return _px(b, curve.max_bill, PLOT_LEFT, w)

    def y(f: Decimal) -> float:
        return round(PLOT_BOTTOM - (_px(f, curve.max_fund, 0, h)), 1)

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
        out = environment("html").get_template("chart.svg.j2").render(
            curve=curve, view=_view(curve, mark_text), deductible=deductible, cap=cap, font=FONT,
            chart_id=f"mb-chart-{digest}", width=WIDTH, height=HEIGHT,
            plot={"left": PLOT_LEFT, "right": PLOT_RIGHT, "top": PLOT_TOP, "bottom": PLOT_BOTTOM},
            bar={"left": BAR_LEFT, "width": BAR_WIDTH, "height": BAR_HEIGHT},
            visit=result.visits[curve.visit_index], lang=state.tag)
    return Markup(out.strip())
