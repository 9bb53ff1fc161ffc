"""Perturbing a request and settling it: how the bill-check cases and properties are built.

A perturbation is a ``changed`` mapping exactly like a cause's (``{"year_start.deductible_used":
"80.00"}``, ``{"visits[0].provider.level": 2, "visits[0].provider.grade": null}``,
``{"rounding": "down"}``): :func:`apply_changed` applies it to a request, :func:`settle_changed`
settles the result (with the rounding it names), and :func:`slip_of` reads the slip a hospital
would print. The same functions check that every cause's ``changed`` really reproduces the slip.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_EVEN
from typing import Any

import msgspec

from calculator import CalculationRequest, CalculationResult, calculate, convert_request
from calculator.money import share_rounding

ROUNDINGS = {"down": ROUND_DOWN, "half_even": ROUND_HALF_EVEN, "half_up": None}
_TOKEN = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = doc
    for n, part in enumerate(parts):
        m = _TOKEN.fullmatch(part)
        assert m, path
        name, index = m.group(1), m.group(2)
        last = n == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                if node.get(name) is None:  # an absent or null struct (``insured.resident``)
                    node[name] = {}
                node = node[name]
            continue
        if node.get(name) is None:
            node[name] = []
        seq = node[name]
        i = int(index)
        if last:
            if i == len(seq):
                seq.append(value)
            else:
                seq[i] = value
        else:
            node = seq[i]


def apply_changed(request: CalculationRequest | Mapping[str, Any], changed: Mapping[str, Any]
                  ) -> tuple[CalculationRequest, str | None]:
    """The request with ``changed`` applied, and the rounding it names (None: half-up)."""
    doc = copy.deepcopy(msgspec.to_builtins(request) if isinstance(request, CalculationRequest) else dict(request))
    rounding = None
    for path, value in changed.items():
        if path == "rounding":
            rounding = ROUNDINGS[value]
            continue
        _set(doc, path, value)
    # a visit whose items replace a bare amount (or the other way) keeps only one of the two
    for visit in doc["visits"]:
        if visit.get("items") is not None and "amount" in visit and visit["amount"] is not None:
            del visit["amount"]
        if visit.get("items") is None:
            visit.pop("items", None)
    return convert_request(doc), rounding


def settle_changed(request: CalculationRequest | Mapping[str, Any], changed: Mapping[str, Any]) -> CalculationResult:
    req, rounding = apply_changed(request, changed)
    if rounding is None:
        return calculate(req)
    with share_rounding(rounding):
        return calculate(req)


SLIP_FIELDS = ("total", "excluded", "first_self_pay", "deductible_applied", "fund_pays", "personal_pays",
               "account_pays", "cash_pays")


def slip_of(result: CalculationResult, fields: Iterable[str] = SLIP_FIELDS) -> dict[str, str]:
    visit = result.visits[-1]
    return {f: str(getattr(visit, f)) for f in fields}
