"""Money: one constructor, named constants, rounding always spelled out.

Every amount in 明白账 is a ``decimal.Decimal`` — never a float. A share that a document's rule
produces (an amount times a ratio) is rounded to the fen, half-up, by :func:`round_fen`, at the
point the rule produces it; that rounding is itself a traced step of the calculation.

One arithmetic context, :data:`MONEY_CONTEXT` (34 significant digits, half-up), is passed
explicitly to every operation that could round: no ``localcontext`` per rounding, and nothing
depends on the ambient context a caller may have changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

__all__ = [
    "FEN",
    "MAX_AMOUNT",
    "MONEY_CONTEXT",
    "ZERO",
    "D",
    "is_fen_exact",
    "money",
    "multiply",
    "round_down",
    "round_fen",
    "round_share",
    "share",
    "share_rounding",
]

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
#: Amounts above this are refused as absurd for one outpatient item or a year's position.
MAX_AMOUNT = Decimal("10000000")
#: The one context of money arithmetic: 34 digits (exact for any amount the requests allow),
#: rounding half-up wherever a rounding is named below.
MONEY_CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)
#: ``multiply(a, b)``: the product in :data:`MONEY_CONTEXT` (exact for any amount times a ratio the
#: requests allow). Bound once: looking a method up on a ``Context`` is not cached by the
#: interpreter and costs a third of the call.
multiply = MONEY_CONTEXT.multiply
#: How :func:`share` rounds: always half-up, except while the bill check settles a request again
#: with another rounding a hospital's system may use (:func:`share_rounding`).
_SHARE_ROUNDING: ContextVar[str] = ContextVar("share_rounding", default=ROUND_HALF_UP)


def D(value: str | int | Decimal) -> Decimal:
    """The only way to make money from text or integers; floats are refused."""
    if isinstance(value, float):  # pragma: no cover - a programming error, not user input
        raise TypeError("money must never pass through float")
    return Decimal(value)


def round_fen(value: Decimal) -> Decimal:
    """Round to the fen (0.01 yuan), half-up — the rounding the documents' shares need."""
    return value.quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT)


def round_down(value: Decimal, exp: Decimal) -> Decimal:
    """Truncate toward zero to ``exp`` (``Decimal("0.0001")``): for a shown ratio that must not
    round up past a threshold it has not reached."""
    return value.quantize(exp, ROUND_DOWN, MONEY_CONTEXT)


def money(value: Decimal) -> Decimal:
    """An exact amount shown with two places (no rounding may be needed: asserted)."""
    out = round_fen(value)
    if out != value:  # pragma: no cover - guarded by input validation
        raise ValueError(f"amount {value} has more than two decimal places")
    return out


def share(amount: Decimal, ratio: Decimal) -> Decimal:
    """``amount × ratio`` rounded to the fen, half-up (the product itself exact in 34 digits; see
    :func:`share_rounding`)."""
    return multiply(amount, ratio).quantize(FEN, _SHARE_ROUNDING.get(), MONEY_CONTEXT)


def round_share(product: Decimal) -> Decimal:
    """A product already made (``MONEY_CONTEXT.multiply(amount, ratio)``, which a trace shows)
    rounded to the fen as :func:`share` rounds it."""
    return product.quantize(FEN, _SHARE_ROUNDING.get(), MONEY_CONTEXT)


@contextmanager
def share_rounding(mode: str) -> Iterator[None]:
    """Within the block, :func:`share` rounds with ``mode`` (``ROUND_DOWN``, ``ROUND_HALF_EVEN``).

    Only for :mod:`calculator.billcheck`, to test whether a slip was rounded another way; the
    documents' shares are always rounded half-up.
    """
    token = _SHARE_ROUNDING.set(mode)
    try:
        yield
    finally:
        _SHARE_ROUNDING.reset(token)


def is_fen_exact(value: Decimal) -> bool:
    """True when the value is finite and has at most two decimal places."""
    return value.is_finite() and value == value.quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT)
