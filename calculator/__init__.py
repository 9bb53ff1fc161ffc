"""明白账's verified core: rule packs of the policy documents and the settlement engine.

Public API::

    decode_request(raw) -> CalculationRequest      # typed, exact decoding + validation
    calculate(request) -> CalculationResult        # the pack from the registry, then settle()
    settle(request, pack, trace=True)              # the pure settlement pipeline (trace=False:
                                                   #   figures only, for batch work)
    Registry(dirs) / default_registry() / use_registry(r)   # rule packs, loaded once
    run_json(raw) -> dict                          # both, returning JSON-ready builtins
    load_packs() / get_pack(id)                    # the rule packs

    account_credits(req) -> CreditsResult          # a year's personal-account credits (credits.py)
    account_usage(req) -> UsageResult              # may the account pay for this (usage.py)
    resident_budget(req) -> BudgetResult           # 南昌 signed institution's budget (budget.py)
    check_bill(request, slip) -> BillCheck         # a settlement slip checked (billcheck.check)
    decode_bill_check(raw) -> (request, slip)      # {"request": …, "slip": …} decoded exactly
    decode_credits_request / decode_usage_request / decode_budget_request (raw) -> request
    credits_run_json / usage_run_json / budget_run_json (raw) -> result Struct

Errors are in :mod:`calculator.errors`; every one has ``to_dict()`` with a Chinese message and the
offending field's path.
"""

from __future__ import annotations

from typing import Any

import msgspec

from . import vocabulary
from .batch import settle_lines
from .bill import (
    ITEM_CATEGORIES,
    BillError,
    deductible_for,
    deductible_used,
    fund_paid_from_cap_left,
    fund_paid_share,
    most_fund_paid,
    settled_alike,
    settled_as_in_scope,
    split_items,
)
from .billcheck import BillCheck, BillCheckRequest, Cause, Difference, Inconsistency, ItemChange, decode_bill_check
from .billcheck import check as check_bill
from .billcheck import check_raw as check_bill_raw
from .budget import BudgetRequest, BudgetResult, MonthQuota, decode_budget_request, group_for_age, resident_budget
from .budget import run_json as budget_run_json
from .credits import CreditsRequest, CreditsResult, MonthCredit, account_credits, decode_credits_request
from .credits import run_json as credits_run_json
from .credits import validate as validate_credits
from .curve import Curve, fund_curve
from .engine import calculate, settle, settle_figures
from .errors import (
    CalculatorError,
    FieldError,
    InvalidRequest,
    ItemNotNamed,
    MissingFact,
    MissingParameter,
    OutOfForce,
    PackError,
    UnknownPolicy,
)
from .missing import Missing, Partial, missing_facts
from .packs import Beneficiary, Pack, Purpose
from .registry import Registry, default_registry, get_pack, load_packs, use_registry
from .request import CalculationRequest, Visit, convert_request, decode_request, from_msgspec
from .result import STEP_KINDS, CalculationResult, CapStep, CitationOut, DeductibleStep, RatioStep, VisitResult
from .usage import UsageRequest, UsageResult, UseRow, account_usage, decode_usage_request
from .usage import run_json as usage_run_json

__all__ = [
    "Beneficiary",
    "BillCheck",
    "BillCheckRequest",
    "BillError",
    "BudgetRequest",
    "BudgetResult",
    "CalculationRequest",
    "CalculationResult",
    "CalculatorError",
    "CapStep",
    "Cause",
    "CitationOut",
    "CreditsRequest",
    "CreditsResult",
    "Curve",
    "DeductibleStep",
    "Difference",
    "FieldError",
    "ITEM_CATEGORIES",
    "Inconsistency",
    "InvalidRequest",
    "ItemChange",
    "ItemNotNamed",
    "Missing",
    "MissingFact",
    "MissingParameter",
    "MonthCredit",
    "MonthQuota",
    "OutOfForce",
    "Pack",
    "PackError",
    "Partial",
    "Purpose",
    "RatioStep",
    "Registry",
    "STEP_KINDS",
    "UnknownPolicy",
    "UsageRequest",
    "UsageResult",
    "UseRow",
    "Visit",
    "VisitResult",
    "account_credits",
    "account_usage",
    "budget_run_json",
    "calculate",
    "calculate_raw",
    "check_bill",
    "check_bill_raw",
    "convert_request",
    "credits_run_json",
    "decode_bill_check",
    "decode_budget_request",
    "decode_credits_request",
    "decode_request",
    "decode_usage_request",
    "deductible_for",
    "deductible_used",
    "fund_paid_from_cap_left",
    "settled_alike",
    "settled_as_in_scope",
    "fund_paid_share",
    "most_fund_paid",
    "default_registry",
    "encode",
    "from_msgspec",
    "fund_curve",
    "get_pack",
    "group_for_age",
    "load_packs",
    "missing_facts",
    "resident_budget",
    "run_json",
    "settle",
    "settle_figures",
    "settle_lines",
    "split_items",
    "to_builtins",
    "usage_run_json",
    "use_registry",
    "validate_credits",
    "vocabulary",
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
