"""明白账's verified core: rule packs of the policy documents and the settlement engine.

Public API::

    decode_request(raw) -> CalculationRequest      # typed, exact decoding + validation
    calculate(request) -> CalculationResult        # the pure settlement pipeline
    run_json(raw) -> dict                          # both, returning JSON-ready builtins
    load_packs() / get_pack(id)                    # the rule packs

Errors are in :mod:`calculator.errors`; every one has ``to_dict()`` with a Chinese message and the
offending field's path.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .engine import calculate
from .errors import (
    CalculatorError,
    FieldError,
    InvalidRequest,
    MissingFact,
    MissingParameter,
    OutOfForce,
    PackError,
    UnknownPolicy,
)
from .packs import Pack, get_pack, load_packs
from .request import CalculationRequest, convert_request, decode_request
from .result import STEP_KINDS, CalculationResult

__all__ = [
    "CalculationRequest",
    "CalculationResult",
    "CalculatorError",
    "FieldError",
    "InvalidRequest",
    "MissingFact",
    "MissingParameter",
    "OutOfForce",
    "Pack",
    "PackError",
    "STEP_KINDS",
    "UnknownPolicy",
    "calculate",
    "calculate_raw",
    "convert_request",
    "decode_request",
    "encode",
    "get_pack",
    "load_packs",
    "run_json",
    "to_builtins",
]

_ENCODER = msgspec.json.Encoder(decimal_format="string")


def calculate_raw(raw: bytes | str) -> CalculationResult:
    """Decode a JSON calculation request and settle it."""
    return calculate(decode_request(raw))


def encode(obj: Any) -> bytes:
    """JSON bytes of a result (money as strings with two places)."""
    return _ENCODER.encode(obj)


def to_builtins(obj: Any) -> Any:
    return msgspec.to_builtins(obj)


def run_json(raw: bytes | str) -> dict[str, Any]:
    """A JSON request in, the result as JSON-ready builtins out (raises :class:`CalculatorError`)."""
    return msgspec.to_builtins(calculate_raw(raw))
