"""The chart's pixels in exact arithmetic are the floats :func:`explanations.chart._px` gives.

:class:`explanations.chart._Axis` maps an amount to a pixel with integers (falling back to the
float definition at ties); these compare the two, value for value and type for type, on random
amounts of every size, on the chart's own axes, and on amounts built to fall on a tie.
"""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from explanations.chart import BAR_WIDTH, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, _Axis, _px

AXES = [(PLOT_LEFT, PLOT_RIGHT - PLOT_LEFT), (0, PLOT_BOTTOM - PLOT_TOP), (0, BAR_WIDTH)]
fen = st.decimals(min_value=-100, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)


def _same(value: Decimal, maximum: Decimal, start: int, length: int) -> None:
    want, got = _px(value, maximum, start, length), _Axis(maximum, start, length)(value)
    assert (type(got), repr(got)) == (type(want), repr(want)), (value, maximum, start, length)


@given(fen, fen, st.sampled_from(AXES))
def test_axis_is_px(value: Decimal, maximum: Decimal, axis: tuple[int, int]) -> None:
    _same(value, maximum, *axis)


def test_axis_is_px_on_many_amounts_and_ties() -> None:
    rng = random.Random(12)
    for _ in range(100_000):
        maximum = Decimal(rng.choice([100, 120, 150, 200, 250, 300, 400, 500, 600, 800])
                          * 10 ** rng.randint(0, 5)).quantize(Decimal("0.01"))
        value = (maximum * Decimal(rng.random())).quantize(Decimal("0.01"))
        for start, length in AXES:
            _same(value, maximum, start, length)
    # ties: value / maximum × length on a twentieth (0.05, 0.15, …), the exact value half-way
    # between two tenths: the floats round it one way or the other, and so must the axis
    ties = 0
    for start, length in AXES:
        for scale in (Decimal(1), Decimal(10), Decimal(100)):
            maximum = (length * scale).quantize(Decimal("0.01"))
            for k in range(10 * length):
                value = (Decimal(k) + Decimal("0.5")) * scale / 10
                ties += (start * 10 + k) * 2 + 1 == 20 * start + 20 * length * value / maximum
                _same(value, maximum, start, length)
    assert ties == 3 * sum(10 * length for _, length in AXES)
