"""Bill check (``CONTRACT.md``, "Bill check"): does a settlement slip match the documents, and why not.

A person (or a hospital system) sends the request for one visit and what the slip says
(``slip``: any of the result's figure names, or the national settlement record's). The check

1. settles the request as given and compares each slip figure with the calculated one
   (``differences``); the verdict is ``matches`` when every figure given agrees to the fen;
2. checks the slip against itself: fund + personal = total, account + cash = personal
   (``inconsistencies``) — a slip that does not add up cannot be reproduced by any settlement;
3. otherwise settles the request *again* under each documented cause, changing one fact, and keeps
   a cause only when the re-settlement reproduces **every** slip figure given, to the fen:

   ========================  ====================================================================
   ``deductible_position``   how much of the year's deductible earlier visits used (solved for;
                             kept only inside [0, the year's deductible])
   ``fund_paid_position``    how much the fund paid earlier this year toward the cap (solved for;
                             kept only inside [0, the cap])
   ``category``              settled as another insured category (在职 ↔ 退休; 灵活就业 where it
                             changes a figure: 平凉 gives flexible workers no account); for a
                             resident (南昌居民), the status that sets the ratio: 建档立卡 (65%) or the
                             family-doctor contract (+5 points), each taken the other way
   ``retirement_switch``     the retiree figures switched on a month earlier or later
   ``provider_level``        another provider level or grade (a pharmacy: the prescribing level); for
                             a resident, the visit's standing: the signed institution, an approved
                             referral to the county TCM hospital, or neither (the fund pays nothing)
   ``out_of_scope_items``    a self-pay, excluded or class-B item settled as in scope (each, then
                             together); a whole in-scope or class-B item settled as self-pay (each —
                             a discrete set, tried with or without the slip's ``excluded``); or part
                             of one in-scope item self-pay, as much as the slip's ``excluded`` says
   ``first_self_pay``        平凉's first self-pay share: not taken (a class-B item settled as
                             甲类, listed under both kinds), the other class-B rate, in-scope items
                             settled as class-B, or the class-B amount the slip's share implies
   ``rounding``              shares rounded another way (truncated, or half-even) — only for a
                             difference of a few fen
   ========================  ====================================================================

   When none reproduces the slip, ``unexplained`` is true and there is no cause: never a guess.
   Causes are listed in this table's order; none is ranked above another.

The slip is for the request's last visit; earlier visits of the request (and ``year_start``) are
the year's position before it, and a position cause changes ``year_start``.

The module is pure and holds no wording: the explanation (:mod:`explanations.billcheck`) renders
the structured fields. Every re-settlement is :func:`calculator.calculate`; each cause cites the
articles of the re-settled steps it changed, verbatim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

import msgspec

from . import vocabulary
from .engine import calculate
from .errors import CalculatorError, FieldError, InvalidRequest
from .money import FEN, ZERO, round_fen, share, share_rounding
from .packs import get_pack
from .request import (
    Base,
    CalculationRequest,
    Item,
    ItemCategory,
    ResidentStatus,
    check_amount,
    from_msgspec,
    validate,
)
from .result import (
    CalculationResult,
    CapStep,
    CategoryStep,
    CitationOut,
    DeductibleStep,
    EligibilityStep,
    FirstSelfPayStep,
    Out,
    RatioStep,
    ScopeStep,
    VisitResult,
)

__all__ = [
    "CAUSE_KINDS",
    "NATIONAL_NAMES",
    "RESIDENT_FACTS",
    "ROUNDING_MAX",
    "ROUNDINGS",
    "SLIP_FIELDS",
    "STANDINGS",
    "BillCheck",
    "BillCheckRequest",
    "Cause",
    "Difference",
    "Inconsistency",
    "ItemChange",
    "Slip",
    "check",
    "check_raw",
    "decode_bill_check",
    "normalise_slip",
]

#: the result's figure names a slip may give, in the order the explanation lists them
SLIP_FIELDS = ("total", "excluded", "first_self_pay", "deductible_applied", "fund_pays", "personal_pays",
               "account_pays", "cash_pays")
#: the national settlement record's names (医疗费总额, 全自费, 先行自付, 实际支付起付线, 统筹基金支出,
#: 个人账户支出, 个人现金支出) → the result's names
NATIONAL_NAMES = {
    "medfee_sumamt": "total", "fulamt_ownpay_amt": "excluded", "preselfpay_amt": "first_self_pay",
    "act_pay_dedc": "deductible_applied", "hifp_pay": "fund_pays", "acct_pay": "account_pays",
    "psn_cash_pay": "cash_pays",
}
CAUSE_KINDS = ("deductible_position", "fund_paid_position", "category", "retirement_switch", "provider_level",
               "out_of_scope_items", "first_self_pay", "rounding")
CauseKind = Literal["deductible_position", "fund_paid_position", "category", "retirement_switch",
                    "provider_level", "out_of_scope_items", "first_self_pay", "rounding"]
#: other roundings of a share a hospital's system may use: truncation to the fen (舍去分以下) and
#: round-half-even; tried only when every difference is at most :data:`ROUNDING_MAX`
ROUNDINGS = {"down": ROUND_DOWN, "half_even": ROUND_HALF_EVEN}
ROUNDING_MAX = Decimal("0.05")
#: how far (in months) a retirement switch is moved to test ``retirement_switch``
_SWITCH_MONTHS = 12
_SELF_PAY_LIKE = ("self_pay", "dual_channel", "prenatal")
_CLASS_B: tuple[ItemCategory, ItemCategory] = ("class_b_drug", "class_b_service")
#: categories a whole item may have that the fund pays from (in scope, or class-B): each is tried
#: as settled self-pay
_PAYABLE = ("in_scope", "class_b_drug", "class_b_service", "consultation", "tcm")
#: 南昌居民: the resident's status facts that set the ratio (第十四条)
RESIDENT_FACTS = ("poverty_registered", "family_doctor")
#: 南昌居民: a visit's standing (the provider facts that decide whether and at what ratio the fund pays)
STANDINGS: dict[str, dict[str, Any]] = {
    "signed": {"signed": True, "referral": None},
    "county_tcm": {"signed": False, "referral": "county_tcm"},
    "not_signed": {"signed": False, "referral": None},
}


# -- wire ---------------------------------------------------------------------------------------------

class Slip(Base, frozen=True, kw_only=True):
    """What the settlement slip says, in the result's names or the national record's (any subset)."""

    total: Decimal | None = None
    excluded: Decimal | None = None
    first_self_pay: Decimal | None = None
    deductible_applied: Decimal | None = None
    fund_pays: Decimal | None = None
    personal_pays: Decimal | None = None
    account_pays: Decimal | None = None
    cash_pays: Decimal | None = None
    medfee_sumamt: Decimal | None = None
    fulamt_ownpay_amt: Decimal | None = None
    preselfpay_amt: Decimal | None = None
    act_pay_dedc: Decimal | None = None
    hifp_pay: Decimal | None = None
    acct_pay: Decimal | None = None
    psn_cash_pay: Decimal | None = None


class BillCheckRequest(Base, frozen=True, kw_only=True):
    """``POST /api/v1/bill-check`` and ``mingbai check``: the visit's request and its slip."""

    request: CalculationRequest
    slip: Slip


class Difference(Out, kw_only=True):
    field: str
    slip: Decimal
    calculated: Decimal
    difference: Decimal  # slip − calculated: negative when the slip shows less
    direction: Literal["more", "less"]  # the slip shows more, or less, than calculated
    size: Decimal  # |difference|


class Inconsistency(Out, kw_only=True):
    """Slip figures that do not add up: ``parts`` sum to ``sum``, but the slip's ``whole`` says ``expected``."""

    kind: Literal["fund_plus_personal", "account_plus_cash", "fund_account_cash"]
    parts: list[str]
    sum: Decimal
    whole: str
    expected: Decimal


class ItemChange(Out, kw_only=True):
    """One item settled in another category (``index`` None: a new item split off the bill)."""

    index: int | None
    amount: Decimal
    category: str
    settled_as: str


class Cause(Out, kw_only=True):
    """A documented cause that, settled again, reproduces every slip figure given."""

    kind: CauseKind
    #: the request's facts as changed (path → value), enough to settle again
    changed: dict[str, Any]
    #: the same paths' values in the request as given
    was: dict[str, Any]
    reproduces: list[str]
    citations: list[CitationOut]
    #: positions: the implied amount; several fen may reproduce the slip (``low``–``high``)
    low: Decimal | None = None
    high: Decimal | None = None
    #: positions: the year's deductible or cap, and what was left of it before this visit
    limit: Decimal | None = None
    remaining: Decimal | None = None
    #: category / retirement_switch: the category the visit is settled in, and from when
    category: str | None = None
    #: category (resident): the status fact (``poverty_registered``, ``family_doctor``) and its value as
    #: re-settled (the request has the other)
    fact: str | None = None
    fact_value: bool | None = None
    category_was: str | None = None
    switch_from: dt.date | None = None
    switch_was: dt.date | None = None
    #: provider_level: the ratio table's key and ratio, as re-settled and as calculated
    tier: str | None = None
    tier_was: str | None = None
    ratio: Decimal | None = None
    ratio_was: Decimal | None = None
    by_prescription: bool = False
    #: provider_level (resident): the visit's standing (``signed``, ``county_tcm``, ``not_signed``),
    #: as re-settled and as in the request
    standing: str | None = None
    standing_was: str | None = None
    #: out_of_scope_items / first_self_pay: the items settled differently
    items: list[ItemChange] = []
    #: rounding: ``down`` or ``half_even``
    rounding: str | None = None
    #: the re-settled visit's figures the slip gives (equal to the slip's, by construction)
    figures: dict[str, Decimal] = {}


class BillCheck(Out, kw_only=True):
    """The response of ``CONTRACT.md`` "Bill check" without ``text`` (added by the explanation)."""

    verdict: Literal["matches", "differs"]
    differences: list[Difference]
    causes: list[Cause]
    unexplained: bool
    result: CalculationResult
    #: the slip in the result's names
    slip: dict[str, Decimal]
    #: the slip's figures that do not add up among themselves
    inconsistencies: list[Inconsistency] = []
    #: the cause kinds tried for this request (those that apply to its policy and facts)
    tried: list[str] = []
    #: which visit of the request the slip is for (the last)
    visit_index: int = 0


# -- decoding -----------------------------------------------------------------------------------------

#: the slip's names, as a slip prints them (for messages about a slip field)
_AMOUNT_MESSAGES = {
    "not_a_number": "不是有效金额。", "negative_amount": "不能为负数。",
    "amount_too_large": "超过 10,000,000 元，不像一张门诊结算单，请核对。", "too_many_places": "最多两位小数（精确到分）。",
}


def _slip_error(path: str, code: str, message: str) -> FieldError:
    return FieldError(path=path, code=code, message=message)


def _slip_message(path: str, text: str) -> str:
    name = path.rsplit(".", 1)[-1]
    label = vocabulary.SLIP_FIELDS.get(name)
    return f"结算单上的{label}（{path}）{text}" if label else f"结算单金额（{path}）{text}"


def normalise_slip(slip: Mapping[str, Decimal | None], prefix: str = "slip") -> dict[str, Decimal]:
    """The slip in the result's names; raise :class:`InvalidRequest` naming each bad field."""
    errors: list[FieldError] = []
    out: dict[str, Decimal] = {}
    source: dict[str, str] = {}
    for name, value in slip.items():
        path = f"{prefix}.{name}"
        target = NATIONAL_NAMES.get(name, name)
        if target not in SLIP_FIELDS:
            errors.append(_slip_error(path, "unknown_field", f"结算单金额（{path}）不是可识别的字段，请检查拼写。"))
            continue
        if value is None:
            continue
        if not isinstance(value, Decimal):
            errors.append(_slip_error(path, "invalid_type", _slip_message(path, "应为金额（字符串或数字）。")))
            continue
        if err := check_amount(value, path):
            errors.append(_slip_error(path, err.code, _slip_message(path, _AMOUNT_MESSAGES.get(err.code, "无效。"))))
            continue
        value = round_fen(value)
        if target in out and out[target] != value:
            errors.append(_slip_error(
                path, "conflicting_value",
                f"结算单金额（{path}）与{prefix}.{source[target]}是同一项，但数字不同（{value}与{out[target]}）。"))
            continue
        out[target] = value
        source.setdefault(target, name)
    if not errors and not out:
        errors.append(_slip_error(prefix, "missing_field",
                                  f"结算单（{prefix}）至少要填一个金额，如统筹基金支付 fund_pays（hifp_pay）。"))
    if errors:
        raise InvalidRequest.of(errors)
    return out


_DECODER = msgspec.json.Decoder(BillCheckRequest)


def decode_bill_check(raw: bytes | str) -> tuple[CalculationRequest, dict[str, Decimal]]:
    """Decode ``{"request": …, "slip": …}``; raise :class:`InvalidRequest` with field paths
    (``request.visits[0].amount``, ``slip.hifp_pay``)."""
    try:
        body = _DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        err = from_msgspec(exc)
        if err.path.startswith("slip."):
            text = {"unknown_field": "不是可识别的字段，请检查拼写。", "not_a_number": "不是有效金额。",
                    "invalid_type": "应为金额（字符串或数字）。"}.get(err.code)
            if text is not None:
                err = FieldError(path=err.path, code=err.code, message=_slip_message(err.path, text))
        raise InvalidRequest.of([err]) from None
    errors = [_request_field(e) for e in validate(body.request)]
    try:
        slip = normalise_slip({f: getattr(body.slip, f) for f in body.slip.__struct_fields__})
    except InvalidRequest as exc:
        errors += exc.errors
        slip = {}
    if errors:
        raise InvalidRequest.of(errors)
    return body.request, slip


def _put(path: str) -> str:
    return f"request.{path}" if path else "request"


def _moved(text: str, path: str) -> str:
    return text.replace(f"（{path}）", f"（{_put(path)}）") if path else text


def _request_field(error: FieldError) -> FieldError:
    return FieldError(path=_put(error.path), code=error.code, message=_moved(error.message, error.path))


def _in_request(error: CalculatorError) -> CalculatorError:
    """The calculator's error about the request, its paths put under ``request.``."""
    if isinstance(error, InvalidRequest):
        return InvalidRequest.of([_request_field(e) for e in error.errors])
    return replace(error, path=_put(error.path), message=_moved(error.message, error.path))


def check_raw(raw: bytes | str) -> tuple[CalculationRequest, BillCheck]:
    """Decode a bill-check body and check it; every error's path is from the body's root
    (``request.visits[0].provider.level``, ``slip.hifp_pay``)."""
    request, slip = decode_bill_check(raw)
    try:
        return request, check(request, slip)
    except CalculatorError as error:
        if error.path.startswith("slip"):
            raise
        raise _in_request(error) from None


# -- settling again -----------------------------------------------------------------------------------

def _settle(req: CalculationRequest, rounding: str | None = None) -> CalculationResult | None:
    try:
        if rounding is None:
            return calculate(req)
        with share_rounding(rounding):
            return calculate(req)
    except CalculatorError:
        return None


def _figures(visit: VisitResult, slip: Mapping[str, Decimal]) -> dict[str, Decimal]:
    return {f: getattr(visit, f) for f in SLIP_FIELDS if f in slip}


def _reproduces(result: CalculationResult | None, slip: Mapping[str, Decimal]) -> bool:
    if result is None:
        return False
    visit = result.visits[-1]
    return all(getattr(visit, f) == v for f, v in slip.items())


def _steps(result: CalculationResult, kind: type) -> list[Any]:
    return [s for s in result.visits[-1].steps if isinstance(s, kind)]


def _step(result: CalculationResult, kind: type) -> Any:
    found = _steps(result, kind)
    return found[0] if found else None


def _citations(result: CalculationResult, *kinds: type) -> list[CitationOut]:
    out: list[CitationOut] = []
    for kind in kinds:
        for step in _steps(result, kind):
            for c in step.citations:
                if c not in out:
                    out.append(c)
    return out


def _year_start(req: CalculationRequest, **changes: Decimal) -> CalculationRequest:
    return msgspec.structs.replace(req, year_start=msgspec.structs.replace(req.year_start, **changes))


def _last_visit(req: CalculationRequest, **changes: Any) -> CalculationRequest:
    visits = list(req.visits)
    visits[-1] = msgspec.structs.replace(visits[-1], **changes)
    return msgspec.structs.replace(req, visits=visits)


def _provider(req: CalculationRequest, **changes: Any) -> CalculationRequest:
    return _last_visit(req, provider=msgspec.structs.replace(req.visits[-1].provider, **changes))


def _money(value: Decimal) -> str:
    return f"{round_fen(value)}"


class _Search:
    """One bill check in progress: the request, the slip, the calculated result, the causes found."""

    def __init__(self, req: CalculationRequest, slip: dict[str, Decimal], result: CalculationResult) -> None:
        self.req = req
        self.slip = slip
        self.result = result
        self.visit = result.visits[-1]
        self.vi = len(req.visits) - 1
        self.pack = get_pack(req.policy)
        self.causes: list[Cause] = []
        self.tried: list[str] = []
        self._seen: set[str] = set()

    # -- bookkeeping ------------------------------------------------------------------------------
    def tried_kind(self, kind: str) -> None:
        if kind not in self.tried:
            self.tried.append(kind)

    def keep(self, kind: CauseKind, changed: dict[str, Any], was: dict[str, Any], result: CalculationResult | None,
             citations: list[CitationOut], **fields: Any) -> bool:
        if result is None or not _reproduces(result, self.slip):
            return False
        key = kind + repr(sorted(changed.items(), key=lambda kv: kv[0]))
        if key in self._seen:
            return False
        self._seen.add(key)
        self.causes.append(Cause(kind=kind, changed=changed, was=was, reproduces=list(self.slip),
                                 citations=citations, figures=_figures(result.visits[-1], self.slip), **fields))
        return True

    # -- positions: solved for --------------------------------------------------------------------
    def _interval(self, at: Callable[[int], VisitResult | None], lo: int, hi: int,
                  name: str) -> tuple[int, int] | None:
        """The fen values n in [lo, hi] where the figure ``name`` of the visit settled at n equals
        the slip's.

        The figure must be monotone in n (the settlement pipeline makes every figure monotone in a
        year-start position); the direction is read from the two ends.
        """
        target = self.slip[name]

        def value(n: int) -> Decimal | None:
            visit = at(n)
            return getattr(visit, name) if visit is not None else None

        a, b = value(lo), value(hi)
        if a is None or b is None:
            return None
        sign = 1 if b >= a else -1
        if not (sign * a <= sign * target <= sign * b):
            return None

        def first(pred: Callable[[Decimal], bool]) -> int:
            left, right = lo, hi + 1
            while left < right:
                mid = (left + right) // 2
                v = value(mid)
                if v is not None and pred(v):
                    right = mid
                else:
                    left = mid + 1
            return left

        start = first(lambda v: sign * v >= sign * target)
        end = first(lambda v: sign * v > sign * target) - 1
        if start > end or value(start) != target:
            return None
        return start, end

    def _position(self, kind: CauseKind, field: str, limit: Decimal | None, current: Decimal,
                  figures: tuple[str, ...], cite: type) -> None:
        """Solve for the year-start position ``field`` in [0, ``limit``] that gives the slip."""
        if limit is None:
            return
        self.tried_kind(kind)
        given = [name for name in figures if name in self.slip]
        if not given:
            return
        settled: dict[int, CalculationResult | None] = {}  # one settlement per fen value, shared

        def result_at(n: int) -> CalculationResult | None:
            if n not in settled:
                settled[n] = _settle(_year_start(self.req, **{field: Decimal(n) * FEN}))
            return settled[n]

        def at(n: int) -> VisitResult | None:
            result = result_at(n)
            return result.visits[-1] if result is not None else None

        span: tuple[int, int] = (0, int(limit / FEN))
        for name in given:
            found = self._interval(at, span[0], span[1], name)
            if found is None:
                return
            span = found  # the next figure is solved inside this one's interval
        now = int(round_fen(current) / FEN)
        pick = min(max(now, span[0]), span[1])
        value = Decimal(pick) * FEN
        result = result_at(pick)
        if result is None:
            return
        path = f"year_start.{field}"
        self.keep(kind, {path: _money(value)}, {path: _money(current)}, result, _citations(result, cite),
                  low=Decimal(span[0]) * FEN, high=Decimal(span[1]) * FEN, limit=limit, remaining=limit - value)

    def positions(self) -> None:
        first = self.result.visits[0]
        ded = next((s for s in first.steps if isinstance(s, DeductibleStep)), None)
        cap = next((s for s in first.steps if isinstance(s, CapStep)), None)
        ys = self.req.year_start
        if self.visit.eligible:
            self._position("deductible_position", "deductible_used",
                           ded.deductible if ded is not None else None, ys.deductible_used,
                           ("deductible_applied", "fund_pays", "personal_pays", "cash_pays", "account_pays"),
                           DeductibleStep)
            self._position("fund_paid_position", "fund_paid", cap.cap if cap is not None else None, ys.fund_paid,
                           ("fund_pays", "personal_pays", "cash_pays", "account_pays"), CapStep)

    # -- discrete changes ---------------------------------------------------------------------------
    def categories(self) -> None:
        """Settled as the other of 在职 and 退休; as 灵活就业 only where that gives other figures
        (平凉: no personal account), never beside an 在职 cause with the same figures."""
        pack, ins = self.pack, self.req.insured
        if pack.signed_institution:  # the status facts set the ratio, not a category (南昌居民)
            self._resident_status()
            return
        if not self.visit.eligible:
            return
        self.tried_kind("category")
        current = self.visit.category
        for cat in ("employee", "retiree", "flexible"):
            if cat not in pack.categories or cat == current:
                continue
            if cat == "flexible" and any(c.kind == "category" for c in self.causes):
                continue
            changed: dict[str, Any] = {"insured.category": cat}
            was: dict[str, Any] = {"insured.category": ins.category}
            if ins.retired_on is not None:
                changed["insured.retired_on"] = None
                was["insured.retired_on"] = ins.retired_on.isoformat()
            req = msgspec.structs.replace(self.req, insured=msgspec.structs.replace(ins, category=cat, retired_on=None))
            result = _settle(req)
            if result is not None:
                self.keep("category", changed, was, result,
                          _citations(result, CategoryStep, RatioStep, DeductibleStep),
                          category=result.visits[-1].category, category_was=self.visit.category)

    def _resident_status(self) -> None:
        """南昌居民 第十四条: the resident's status that sets the ratio — registered poor (65%) or a
        family-doctor contract (+5 points at the signed institution) — each taken the other way."""
        if not self.visit.eligible:
            return
        self.tried_kind("category")
        ins = self.req.insured
        status = ins.resident or ResidentStatus()
        before = _step(self.result, RatioStep)
        for fact in RESIDENT_FACTS:
            value = not getattr(status, fact)
            new = msgspec.structs.replace(status, **{fact: value})
            result = _settle(msgspec.structs.replace(self.req, insured=msgspec.structs.replace(ins, resident=new)))
            after = _step(result, RatioStep) if result is not None else None
            if result is None or after is None:
                continue
            # the article of the ratio as re-settled, and of the ratio the request's status gives
            cites = _citations(result, RatioStep)
            _add_citations(cites, before.citations if before is not None else [])
            path = f"insured.resident.{fact}"
            self.keep("category", {path: value}, {path: getattr(status, fact)}, result, cites,
                      category=self.visit.category, category_was=self.visit.category, fact=fact, fact_value=value,
                      ratio=after.ratio, ratio_was=before.ratio if before is not None else None)

    def retirement(self) -> None:
        ins, pack = self.req.insured, self.pack
        if ins.retired_on is None or pack.retirement is None or not self.visit.eligible:
            return
        self.tried_kind("retirement_switch")
        step = _step(self.result, CategoryStep)
        # settled as a retiree: only a later switch can change that; as 在职: only an earlier one
        for direction in ((1,) if self.visit.category == "retiree" else (-1,)):
            for months in range(1, _SWITCH_MONTHS + 1):
                moved = _add_months(ins.retired_on, direction * months)
                req = msgspec.structs.replace(self.req, insured=msgspec.structs.replace(ins, retired_on=moved))
                result = _settle(req)
                if result is None:
                    continue
                if result.visits[-1].category == self.visit.category:
                    continue  # the same side of the switch: try further
                new_step = _step(result, CategoryStep)
                self.keep("retirement_switch", {"insured.retired_on": moved.isoformat()},
                          {"insured.retired_on": ins.retired_on.isoformat()}, result,
                          _citations(result, CategoryStep, RatioStep),
                          category=result.visits[-1].category, category_was=self.visit.category,
                          switch_from=new_step.switch_from if new_step else None,
                          switch_was=step.switch_from if step else None)
                break

    def levels(self) -> None:
        pack, req = self.pack, self.req
        if pack.signed_institution:  # the ratio is by standing, not provider level (南昌居民)
            self._standings()
            return
        ratio = _step(self.result, RatioStep)
        if ratio is None:
            return
        prov = req.visits[-1].provider
        by_prescription = prov.kind == "pharmacy" and pack.pharmacy is not None \
            and pack.pharmacy.rule == "prescribing_level"
        if prov.kind == "pharmacy" and not by_prescription:
            return
        self.tried_kind("provider_level")
        settled = pack.settled_category(self.visit.category)
        keys = set(pack.ratio.get(settled, {}))
        params = req.parameters
        if params and params.ratio:
            keys |= set(params.ratio.get(self.visit.category, params.ratio.get(settled, {})))
        vp = f"visits[{self.vi}].provider"
        for key in sorted(k for k in keys if k[:1].isdigit() and k != ratio.tier):
            level, grade = int(key[0]), (key[1:] or None)
            if by_prescription:
                names = ("prescribed_at_level", "prescribed_at_grade")
            else:
                names = ("level", "grade")
            old = (getattr(prov, names[0]), getattr(prov, names[1]))
            changed = {f"{vp}.{names[0]}": level, f"{vp}.{names[1]}": grade}
            was = {f"{vp}.{names[0]}": old[0], f"{vp}.{names[1]}": old[1]}
            result = _settle(_provider(req, **{names[0]: level, names[1]: grade}))
            new_ratio = _step(result, RatioStep) if result is not None else None
            if result is None or new_ratio is None or new_ratio.tier == ratio.tier:
                continue
            self.keep("provider_level", changed, was, result, _citations(result, RatioStep),
                      tier=new_ratio.tier, tier_was=ratio.tier, ratio=new_ratio.ratio, ratio_was=ratio.ratio,
                      by_prescription=by_prescription)

    def _standings(self) -> None:
        """南昌居民: the visit settled at another standing — the signed institution (第十四条 60%), an
        approved referral to the county TCM hospital (40%, 第十二条's scope), or neither (第十三条: the
        fund pays nothing). Each cites the articles the re-settled trace cites for it."""
        prov = self.req.visits[-1].provider
        if prov.kind == "pharmacy":
            return
        self.tried_kind("provider_level")
        current = _standing(prov.signed, prov.referral)
        before = _step(self.result, RatioStep)
        vp = f"visits[{self.vi}].provider"
        for name, facts in STANDINGS.items():
            if name == current:
                continue
            diff = {k: v for k, v in facts.items() if getattr(prov, k) != v}
            result = _settle(_provider(self.req, **diff))
            if result is None:
                continue
            after = _step(result, RatioStep)
            if not result.visits[-1].eligible:
                cites = _citations(result, EligibilityStep)
            else:
                cites = _citations(result, RatioStep)
                if "county_tcm" in (name, current):
                    _add_citations(cites, _citations(result, ScopeStep))
            self.keep("provider_level", {f"{vp}.{k}": v for k, v in diff.items()},
                      {f"{vp}.{k}": getattr(prov, k) for k in diff}, result, cites,
                      standing=name, standing_was=current,
                      tier=after.tier if after is not None else None,
                      tier_was=before.tier if before is not None else None,
                      ratio=after.ratio if after is not None else None,
                      ratio_was=before.ratio if before is not None else None)

    def _items(self, kind: CauseKind, changes: list[tuple[int, str]]) -> None:
        """Settle again with items ``(index, new category)`` changed; keep if it reproduces."""
        visit = self.req.visits[-1]
        items = list(visit.bill)
        new = list(items)
        for j, cat in changes:
            new[j] = msgspec.structs.replace(items[j], category=cat)
        if visit.items is None:
            req = _last_visit(self.req, items=new, amount=None)
            vp = f"visits[{self.vi}]"
            changed: dict[str, Any] = {f"{vp}.items": [{"category": i.category, "amount": _money(i.amount)} for i in new],
                                       f"{vp}.amount": None}
            was: dict[str, Any] = {f"{vp}.items": None, f"{vp}.amount": _money(visit.amount or ZERO)}
        else:
            req = _last_visit(self.req, items=new)
            changed = {f"visits[{self.vi}].items[{j}].category": cat for j, cat in changes}
            was = {f"visits[{self.vi}].items[{j}].category": items[j].category for j, _ in changes}
        result = _settle(req)
        if result is None:
            return
        self.keep(kind, changed, was, result, _citations(result, *_ITEM_STEPS),
                  items=[ItemChange(index=j, amount=items[j].amount, category=items[j].category, settled_as=cat)
                         for j, cat in changes])

    def _split(self, kind: CauseKind, amount: Decimal, category: ItemCategory, low: Decimal | None = None,
               high: Decimal | None = None) -> bool:
        """Settle again with ``amount`` of the in-scope (甲类) part of the bill in ``category``."""
        visit = self.req.visits[-1]
        items = list(visit.bill)
        if amount <= 0 or any(i.category == "in_scope" and i.amount == amount for i in items):
            return False  # a whole in-scope item of that amount: tried on its own
        j = next((k for k, i in enumerate(items) if i.category == "in_scope" and i.amount > amount), None)
        if j is None:
            return False
        rest = items[j].amount - amount
        new = list(items)
        vp = f"visits[{self.vi}]"
        if rest > 0:
            new[j] = msgspec.structs.replace(items[j], amount=rest)
            new.append(Item(category=category, amount=amount))
        else:
            new[j] = msgspec.structs.replace(items[j], category=category)
        req = _last_visit(self.req, items=new, amount=None)
        changed: dict[str, Any] = {f"{vp}.items": [{"category": i.category, "amount": _money(i.amount)} for i in new]}
        if visit.items is None:
            changed[f"{vp}.amount"] = None
            was: dict[str, Any] = {f"{vp}.items": None, f"{vp}.amount": _money(visit.amount or ZERO)}
        else:
            was = {f"{vp}.items": [{"category": i.category, "amount": _money(i.amount)} for i in items]}
        result = _settle(req)
        if result is None:
            return False
        return self.keep(kind, changed, was, result, _citations(result, *_ITEM_STEPS),
                         items=[ItemChange(index=None if rest > 0 else j, amount=amount, category="in_scope",
                                           settled_as=category)], low=low, high=high)

    def scope(self) -> None:
        if not self.visit.eligible:
            return
        self.tried_kind("out_of_scope_items")
        items = self.req.visits[-1].bill
        fsp = self.pack.first_self_pay
        out = [j for j, i in enumerate(items) if i.category in _SELF_PAY_LIKE]
        class_b = [j for j, i in enumerate(items) if i.category in _CLASS_B and i.category in fsp]
        # items the request holds out of scope (or class-B) settled as in scope: each, then together
        groups: list[list[int]] = []
        for group in [[j] for j in out + class_b] + [out, class_b, out + class_b]:
            if group and group not in groups:
                groups.append(group)
        for group in groups:
            self._items("out_of_scope_items", [(j, "in_scope") for j in group])
        # a whole item the request holds in scope (or class-B) settled as self-pay: each item. A
        # discrete set (no amount is solved for), so it is tried whether or not the slip gives 全自费
        for j, item in enumerate(items):
            if item.category in _PAYABLE:
                self._items("out_of_scope_items", [(j, "self_pay")])
        # part of the bill self-pay, as much as the slip's 全自费 says beyond the request's
        if "excluded" in self.slip and self.slip["excluded"] > self.visit.excluded:
            self._split("out_of_scope_items", self.slip["excluded"] - self.visit.excluded, "self_pay")

    def first_self_pay(self) -> None:
        fsp = self.pack.first_self_pay
        if not fsp or not self.visit.eligible:
            return
        self.tried_kind("first_self_pay")
        items = self.req.visits[-1].bill
        # a class-B item without its first self-pay share (settled as 甲类)
        for j, item in enumerate(items):
            if item.category in _CLASS_B and item.category in fsp:
                self._items("first_self_pay", [(j, "in_scope")])
        # a class-B item at the other class-B rate
        for j, item in enumerate(items):
            if item.category in _CLASS_B:
                other = _CLASS_B[1 - _CLASS_B.index(item.category)]
                if other in fsp:
                    self._items("first_self_pay", [(j, other)])
        # an in-scope (甲类) item settled as class-B
        for j, item in enumerate(items):
            if item.category == "in_scope":
                for cat in _CLASS_B:
                    if cat in fsp:
                        self._items("first_self_pay", [(j, cat)])
        # the class-B amount the slip's first self-pay implies, beyond the request's
        if "first_self_pay" in self.slip and self.slip["first_self_pay"] > self.visit.first_self_pay:
            extra = self.slip["first_self_pay"] - self.visit.first_self_pay
            for cat in _CLASS_B:
                if cat not in fsp:
                    continue
                rate = fsp[cat].value
                # every amount whose share rounds to ``extra``: (extra ± half a fen) ÷ rate
                lo = int(((extra - FEN / 2) / rate).quantize(FEN, rounding=ROUND_DOWN) / FEN)
                hi = int(((extra + FEN / 2) / rate).quantize(FEN, rounding=ROUND_DOWN) / FEN) + 1
                hits = [n for n in range(max(lo, 1), hi + 1) if share(Decimal(n) * FEN, rate) == extra]
                if hits:
                    self._split("first_self_pay", Decimal(hits[0]) * FEN, cat,
                                low=Decimal(hits[0]) * FEN, high=Decimal(hits[-1]) * FEN)

    def rounding(self, differences: list[Difference]) -> None:
        if not differences or any(abs(d.difference) > ROUNDING_MAX for d in differences):
            return
        if not self.visit.eligible:
            return
        self.tried_kind("rounding")
        for name, mode in ROUNDINGS.items():
            result = _settle(self.req, mode)
            self.keep("rounding", {"rounding": name}, {"rounding": "half_up"}, result,
                      _citations(result, FirstSelfPayStep, RatioStep) if result else [], rounding=name)


_ITEM_STEPS: tuple[type, ...] = (ScopeStep, FirstSelfPayStep)


def _standing(signed: bool, referral: str | None) -> str:
    if referral == "county_tcm":
        return "county_tcm"
    return "signed" if signed else "not_signed"


def _add_citations(target: list[CitationOut], new: list[CitationOut]) -> None:
    for c in new:
        if c not in target:
            target.append(c)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d, day.day))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _inconsistencies(slip: Mapping[str, Decimal]) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    if {"fund_pays", "personal_pays", "total"} <= slip.keys():
        s = slip["fund_pays"] + slip["personal_pays"]
        if s != slip["total"]:
            out.append(Inconsistency(kind="fund_plus_personal", parts=["fund_pays", "personal_pays"], sum=s,
                                     whole="total", expected=slip["total"]))
    if {"account_pays", "cash_pays", "personal_pays"} <= slip.keys():
        s = slip["account_pays"] + slip["cash_pays"]
        if s != slip["personal_pays"]:
            out.append(Inconsistency(kind="account_plus_cash", parts=["account_pays", "cash_pays"], sum=s,
                                     whole="personal_pays", expected=slip["personal_pays"]))
    if {"fund_pays", "account_pays", "cash_pays", "total"} <= slip.keys() and "personal_pays" not in slip:
        s = slip["fund_pays"] + slip["account_pays"] + slip["cash_pays"]
        if s != slip["total"]:
            out.append(Inconsistency(kind="fund_account_cash", parts=["fund_pays", "account_pays", "cash_pays"],
                                     sum=s, whole="total", expected=slip["total"]))
    return out


def _difference(name: str, slip: Decimal, calculated: Decimal) -> Difference:
    diff = slip - calculated
    return Difference(field=name, slip=slip, calculated=calculated, difference=diff,
                      direction="more" if diff > 0 else "less", size=abs(diff))


def check(request: CalculationRequest, slip: Mapping[str, Decimal], *,
          held: frozenset[str] = frozenset()) -> BillCheck:
    """Check a settlement slip against the documents (``CONTRACT.md``, "Bill check").

    ``slip`` holds any of the result's names (:data:`SLIP_FIELDS`) or the national record's
    (:data:`NATIONAL_NAMES`); it is for the request's last visit. Raises :class:`InvalidRequest`
    (paths ``slip.<name>``) for a bad slip, and the calculator's error when the request itself
    cannot be settled (a missing fact is asked for before any comparison).

    ``held``: cause kinds not to try, because the fact each changes is known for certain (the chat
    holds the year's position of a person who said this is the year's first visit: a cause "had the
    fund paid 800 earlier this year" would contradict them). Held kinds are neither tried nor listed.
    """
    figures = normalise_slip(slip)
    errors = validate(request)
    if errors:
        raise InvalidRequest.of(errors)
    result = calculate(request)
    visit = result.visits[-1]
    differences = [_difference(f, figures[f], getattr(visit, f))
                   for f in SLIP_FIELDS if f in figures and figures[f] != getattr(visit, f)]
    ordered = {f: figures[f] for f in SLIP_FIELDS if f in figures}
    index = len(request.visits) - 1
    if not differences:
        return BillCheck(verdict="matches", differences=[], causes=[], unexplained=False, result=result,
                         slip=ordered, visit_index=index)
    inconsistent = _inconsistencies(figures)
    if inconsistent:
        return BillCheck(verdict="differs", differences=differences, causes=[], unexplained=True,
                         inconsistencies=inconsistent, result=result, slip=ordered, visit_index=index)
    search = _Search(request, ordered, result)
    if not {"deductible_position", "fund_paid_position"} <= held:
        search.positions()
    search.categories()
    search.retirement()
    search.levels()
    search.scope()
    search.first_self_pay()
    search.rounding(differences)
    causes = [c for c in search.causes if c.kind not in held]
    return BillCheck(verdict="differs", differences=differences, causes=causes,
                     unexplained=not causes, tried=[k for k in search.tried if k not in held], result=result,
                     slip=ordered, visit_index=index)
