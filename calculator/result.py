"""The calculation result (``CONTRACT.md``, "Calculation result") and its trace.

Each settlement step is one Struct of a tagged union (``kind`` is the tag), carrying the amount it
moves, the formula's inputs, a short Chinese sentence, its citations and the readings it relies
on. Explanations render these fields; they never compute. Money fields are ``Decimal`` with two
places and encode as strings (``"429.00"``); ratios encode as strings (``"0.55"``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import msgspec

from .structs import Out

__all__ = [
    "STEP_KINDS",
    "AccountStep",
    "Assumption",
    "CalculationResult",
    "CapStep",
    "CategoryStep",
    "CitationOut",
    "DeductibleStep",
    "EligibilityStep",
    "FirstSelfPayLine",
    "FirstSelfPayStep",
    "PolicyRef",
    "RatioPart",
    "RatioStep",
    "ScopeLine",
    "ScopeStep",
    "Step",
    "Totals",
    "VisitResult",
    "YearEnd",
]


class FrozenOut(msgspec.Struct, kw_only=True, frozen=True):
    """For parts shared between results (built once per pack): immutable."""


class CitationOut(FrozenOut, kw_only=True, frozen=True):
    """An article and its words, or (``supplied``) a figure given by a deployment or request.

    Frozen: the engine builds each pack's citations once and shares them between results."""

    policy: str
    article: str | None
    quote: str | None
    supplied: bool = False
    source: str | None = None


class StepBase(Out, kw_only=True, tag_field="kind"):
    amount: Decimal
    text: str
    citations: list[CitationOut]
    readings: list[str] = []

    @property
    def kind(self) -> str:
        """The step's tag (``eligibility``, ``deductible`` …), as encoded in ``kind``."""
        return str(self.__struct_config__.tag)


class EligibilityStep(StepBase, kw_only=True, tag="eligibility"):
    eligible: bool
    reason: str | None  # non_designated, inpatient, suspended, offsite_unfiled, not_signed, pharmacy
    total: Decimal


class CategoryStep(StepBase, kw_only=True, tag="category"):
    category: str  # the category this visit is settled in
    category_label: str
    settled_as: str | None = None  # whose figures apply (flexible workers: employee)
    retired_on: dt.date | None
    switch_from: dt.date | None  # first day the retiree figures apply
    switch_rule: str | None  # month_after, same_month


class ScopeLine(Out, kw_only=True):
    category: str
    amount: Decimal
    in_scope: bool
    reason: str | None = None  # self_pay, excluded, referral_scope


class ScopeStep(StepBase, kw_only=True, tag="scope"):
    total: Decimal
    excluded: Decimal
    in_scope: Decimal
    lines: list[ScopeLine]


class FirstSelfPayLine(Out, kw_only=True):
    category: str
    amount: Decimal
    rate: Decimal
    share: Decimal


class FirstSelfPayStep(StepBase, kw_only=True, tag="first_self_pay"):
    lines: list[FirstSelfPayLine]
    in_scope_before: Decimal
    in_scope_after: Decimal


class DeductibleStep(StepBase, kw_only=True, tag="deductible"):
    deductible: Decimal | None  # the year's deductible; None where the document sets none
    used_before: Decimal
    remaining_before: Decimal
    base: Decimal  # the in-scope amount of this visit
    applied: Decimal
    used_after: Decimal
    above: Decimal  # base − applied: what the ratio applies to
    remaining_after: Decimal | None = None  # the year's deductible still to bear after this visit


class RatioPart(Out, kw_only=True):
    part: Literal["consultation", "other"]
    base: Decimal
    share: Decimal


class RatioStep(StepBase, kw_only=True, tag="ratio"):
    base: Decimal
    ratio: Decimal
    share: Decimal
    product: Decimal | None = None  # base × ratio before rounding to the fen
    tier: str  # the ratio table's key: 1, 2, 3, 3A, pharmacy, signed, county_tcm …
    tier_label: str
    base_ratio: Decimal | None = None  # before a family-doctor bonus
    bonus: Decimal | None = None
    parts: list[RatioPart] = []


class CapStep(StepBase, kw_only=True, tag="cap"):
    cap: Decimal | None
    paid_before: Decimal
    remaining_before: Decimal | None
    share_before_cap: Decimal  # the share that counts against the cap
    counted: Decimal  # what the cap lets the fund pay of it
    reduced: Decimal  # share_before_cap − counted
    uncapped: Decimal  # paid outside the cap (南昌 consultation fee)
    paid_after: Decimal
    remaining_after: Decimal | None


class AccountStep(StepBase, kw_only=True, tag="account"):
    available: bool
    personal: Decimal
    balance_before: Decimal | None
    balance_after: Decimal | None
    cash: Decimal


Step = (
    EligibilityStep | CategoryStep | ScopeStep | FirstSelfPayStep | DeductibleStep | RatioStep
    | CapStep | AccountStep
)
STEP_KINDS = ("eligibility", "category", "scope", "first_self_pay", "deductible", "ratio", "cap",
              "account")


class VisitResult(Out, kw_only=True):
    date: dt.date
    provider_kind: str = "hospital"
    provider_level: int | None = None
    provider_grade: str | None = None
    category: str
    category_label: str
    provider_label: str
    eligible: bool
    total: Decimal
    excluded: Decimal
    first_self_pay: Decimal
    in_scope: Decimal
    deductible_applied: Decimal
    ratio: Decimal | None = None  # None where no ratio applies (a visit the fund does not pay for)
    fund_pays: Decimal
    personal_pays: Decimal
    account_pays: Decimal
    cash_pays: Decimal
    steps: list[Step]

    @property
    def balance_untold(self) -> bool:
        """Whether this visit's personal share could have come from the account but no balance was
        given, so all of it is counted as cash (the account step: available, no balance before it)."""
        return self.personal_pays > 0 and any(
            isinstance(s, AccountStep) and s.available and s.balance_before is None for s in self.steps)


class PolicyRef(Out, kw_only=True):
    id: str
    title: str
    document_number: str
    name: str
    name_en: str
    city: str
    city_en: str
    scheme: str
    issuer: str
    numbering: str = "article"  # "section" for a plan numbered 一、（一）… (西安)


class YearEnd(Out, kw_only=True):
    category: str
    deductible: Decimal | None
    deductible_used: Decimal
    deductible_remaining: Decimal | None
    fund_paid: Decimal
    cap: Decimal | None
    cap_remaining: Decimal | None
    account_balance: Decimal | None


class Totals(Out, kw_only=True):
    total: Decimal
    excluded: Decimal
    first_self_pay: Decimal
    fund_pays: Decimal
    personal_pays: Decimal
    account_pays: Decimal
    cash_pays: Decimal


class Assumption(FrozenOut, kw_only=True, frozen=True):
    id: str
    kind: Literal["reading", "input"]  # a reading of the document, or a default about the request
    text: str
    text_en: str
    reason: str
    citations: list[CitationOut]


class CalculationResult(Out, kw_only=True):
    policy: PolicyRef
    category: str
    visits: list[VisitResult]
    year_end: YearEnd
    totals: Totals
    assumptions: list[Assumption]
    parameters_source: str | None = None
