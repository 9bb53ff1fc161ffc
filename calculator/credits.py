"""Personal-account credits: what goes into a person's account, month by month, in one year.

``DOMAIN.md``, "Personal account credits". The figures are in each rule pack's ``[credits]``
section, each with its article and quote:

=========  ============================  ==========================================  ==============
policy     employee (flexible)           retiree                                     switch month
=========  ============================  ==========================================  ==============
南充        2% of the base (第十三条)      2.8% of the 2022 city average (第十三条)      same (第十四条)
西安        2% of the base (四（一）)       the bureau's amount, "about 2%" (四（一）)    same (reading)
南昌        2% of the base (第七条)        2.5% of the 2023 provincial average (第八条)  next (第九条)
平凉        2% of the base; flexible none  90 yuan a month (第十五条)                    same (reading)
=========  ============================  ==========================================  ==============

Pension averages are not in the documents: the request supplies them with their source, and a
missing one is a :class:`~calculator.errors.MissingParameter` naming it and the article — never a
guessed figure. Each month's credit is rounded to the fen, half-up (a reading: the documents do
not say). 南充 credits on the 2021 average until the 2022 one is known and then pays back the
difference; 南昌 credits 2% of a lump-sum back-payment's base at once (第十条).

Request (JSON)::

    {"policy": "nanchong-employee", "year": 2023,
     "category": "employee" | "retiree" | "flexible",
     "contribution_base": "6000.00",            # monthly, for the months before retirement
     "retired_on": "2023-06-15",                # the date retiree benefits begin / the procedure
                                                # is completed; months before it are credited as
                                                # `category` (a `retiree` before it: as employee)
     "pension_average": {"value": "3000.00", "source": "…"},            # 南充, 南昌; 西安 (check)
     "pension_average_provisional": {"value": "2900.00", "source": "…",  # 南充: 2021 average
                                     "through_month": 6},                # credited Jan–Jun (default 12)
     "lump_sum_base": "50000.00", "lump_sum_month": 3,                   # 南昌 第十条
     "supplied_credit": {"value": "80.00", "source": "…"}}              # 西安 四（一）: the bureau's
                                                # monthly amount, for a credit whose basis is
                                                # `supplied` (`xian_retiree_amount`: its old name,
                                                # still accepted, deprecated)

Result: ``months`` (12 rows: category, rule, base, rate, amount, Chinese text, citations,
readings), ``switch``, ``lump_sum``, ``back_payment``, ``totals``, ``assumptions``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import msgspec

from . import vocabulary
from .errors import CalculatorError, FieldError, InvalidRequest, MissingFact, MissingParameter, OutOfForce
from .money import FEN, MONEY_CONTEXT, ZERO, round_fen, share
from .packs import Cited, CreditRule, Pack, get_pack
from .result import Assumption, CitationOut, PolicyRef
from .structs import Base, Out
from .wire import Citer, check_money, decode, field_error, input_note, percent, policy_ref, yuan

__all__ = [
    "BackPayment",
    "CreditsRequest",
    "CreditsResult",
    "LumpSum",
    "MonthCredit",
    "ProvisionalAverage",
    "SuppliedFigure",
    "Switch",
    "account_credits",
    "decode_credits_request",
    "run_json",
]

#: A monthly contribution base above this is refused as a typo.
MAX_BASE = Decimal("1000000")
MAX_LUMP_SUM = Decimal("100000000")
OPTIONS = {"category": "employee（在职职工）、retiree（退休人员）、flexible（灵活就业人员）；"
                       "城乡居民医保不设个人账户"}

LABELS = {
    "policy": "政策", "year": "年度", "category": "类别", "contribution_base": "缴费基数",
    "retired_on": "退休日期", "pension_average": "养老金平均水平",
    "pension_average_provisional": "先行执行的养老金平均水平", "value": "数值", "source": "来源",
    "through_month": "先行划入截至月份", "lump_sum_base": "一次性补缴基数",
    "lump_sum_month": "一次性补缴月份", "supplied_credit": "经办机构确定的每月划入定额",
    "xian_retiree_amount": "西安退休人员划入定额",
}


# -- the wire ------------------------------------------------------------------------------------

class SuppliedFigure(Base, kw_only=True, frozen=True):
    """A figure the documents leave to someone else, with where it comes from."""

    value: Decimal
    source: str


class ProvisionalAverage(Base, kw_only=True, frozen=True):
    value: Decimal
    source: str
    #: months 1..through_month were credited on this average (default: the whole year)
    through_month: int = 12


class CreditsRequest(Base, kw_only=True, frozen=True):
    policy: str
    year: int
    category: Literal["employee", "retiree", "flexible"]
    contribution_base: Decimal | None = None
    retired_on: dt.date | None = None
    pension_average: SuppliedFigure | None = None
    pension_average_provisional: ProvisionalAverage | None = None
    lump_sum_base: Decimal | None = None
    lump_sum_month: int | None = None
    #: the monthly credit a bureau sets where the document leaves it to them (basis ``supplied``)
    supplied_credit: SuppliedFigure | None = None
    #: deprecated: the old, city-named spelling of ``supplied_credit`` (still accepted)
    xian_retiree_amount: SuppliedFigure | None = None

    @property
    def bureau_credit(self) -> SuppliedFigure | None:
        """The supplied monthly credit, by its name or its deprecated alias."""
        return self.supplied_credit if self.supplied_credit is not None else self.xian_retiree_amount

    @property
    def bureau_credit_name(self) -> str:
        return "xian_retiree_amount" if self.supplied_credit is None and self.xian_retiree_amount else "supplied_credit"


class MonthCredit(Out, kw_only=True):
    month: int
    category: str
    category_label: str
    #: contribution_base, pension_average, fixed, supplied or none (the pack's ``basis``)
    rule: str
    base: Decimal | None  # the contribution base or the average the rate applies to
    rate: Decimal | None
    amount: Decimal
    provisional: bool = False
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class Switch(Out, kw_only=True):
    retired_on: dt.date
    rule: str  # same_month, month_after
    retiree_from: dt.date
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class LumpSum(Out, kw_only=True):
    base: Decimal
    rate: Decimal
    amount: Decimal
    month: int | None
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class BackPayment(Out, kw_only=True):
    months: list[int]
    provisional_average: Decimal
    average: Decimal
    credited: Decimal  # what the months got on the provisional average
    due: Decimal  # what they are due on the average
    amount: Decimal  # due − credited
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class CreditTotals(Out, kw_only=True):
    months: Decimal
    lump_sum: Decimal
    back_payment: Decimal
    total: Decimal


class CreditsResult(Out, kw_only=True):
    policy: PolicyRef
    year: int
    category: str
    category_label: str
    account: bool  # False when no month of the year has an account (平凉 flexible workers)
    months: list[MonthCredit]
    switch: Switch | None
    lump_sum: LumpSum | None
    back_payment: BackPayment | None
    totals: CreditTotals
    text: str
    assumptions: list[Assumption]


# -- decoding and validation ---------------------------------------------------------------------

_DECODER = msgspec.json.Decoder(CreditsRequest)


def _err(path: str, code: str, message: str) -> FieldError:
    return field_error(path, code, message, LABELS)


def validate(req: CreditsRequest) -> list[FieldError]:
    errors: list[FieldError] = []

    def money(value: Decimal | None, path: str, maximum: Decimal, too_large: str) -> None:
        if value is not None and (e := check_money(value, path, LABELS, maximum, too_large)):
            errors.append(e)

    def month(value: int | None, path: str) -> None:
        if value is not None and not 1 <= value <= 12:
            errors.append(_err(path, "invalid_month", f"应为 1 到 12 之间的月份，收到的是 {value}。"))

    def supplied(fig: SuppliedFigure | ProvisionalAverage | None, path: str) -> None:
        if fig is None:
            return
        money(fig.value, f"{path}.value", MAX_BASE, "超过每月100万元，不像养老金或划入定额，请核对。")
        if fig.value == 0:
            errors.append(_err(f"{path}.value", "invalid_value", "不能为 0。"))
        if not fig.source.strip():
            errors.append(_err(f"{path}.source", "missing_field", "请写明数字的来源（如统计公报或经办机构文件）。"))

    if not 2000 <= req.year <= 2100:
        errors.append(_err("year", "invalid_value", f"{req.year} 不是可计算的年度（2000—2100）。"))
    if req.retired_on is not None and not 1900 <= req.retired_on.year <= 2200:
        errors.append(_err("retired_on", "invalid_value",
                           f"{req.retired_on.isoformat()} 不像退休日期（应在1900—2200年之间），请核对。"))
    money(req.contribution_base, "contribution_base", MAX_BASE, "超过每月100万元，不像缴费基数，请核对。")
    money(req.lump_sum_base, "lump_sum_base", MAX_LUMP_SUM, "超过1亿元，请核对。")
    month(req.lump_sum_month, "lump_sum_month")
    if req.lump_sum_month is not None and req.lump_sum_base is None:
        errors.append(_err("lump_sum_month", "invalid_value", "只在提供一次性补缴基数（lump_sum_base）时填写。"))
    supplied(req.pension_average, "pension_average")
    supplied(req.pension_average_provisional, "pension_average_provisional")
    if req.pension_average_provisional is not None:
        month(req.pension_average_provisional.through_month, "pension_average_provisional.through_month")
    supplied(req.supplied_credit, "supplied_credit")
    supplied(req.xian_retiree_amount, "xian_retiree_amount")
    if req.supplied_credit is not None and req.xian_retiree_amount is not None:
        errors.append(_err("xian_retiree_amount", "invalid_value",
                           "是 supplied_credit 的旧名称，两者只能填一个。"))
    return errors


def decode_credits_request(raw: bytes | str) -> CreditsRequest:
    """Decode and validate a JSON credits request; raise :class:`InvalidRequest`."""
    req = decode(_DECODER, raw, LABELS, OPTIONS)
    errors = validate(req)
    if errors:
        raise InvalidRequest.of(errors)
    return req


# -- the schedule --------------------------------------------------------------------------------

def _no_account_error(pack: Pack) -> CalculatorError:
    acc = pack.account
    citer = Citer(pack)
    cites = citer.with_readings(citer.of(acc), [acc.reading] if acc.reading else [])
    return CalculatorError(
        code="no_personal_account", path="policy",
        message=f"{pack.meta.name}属于城乡居民医保，不设个人账户，没有个人账户按月划入。",
        citations=[msgspec.to_builtins(c) for c in cites])


def _check_in_force(pack: Pack, year: int) -> None:
    start, end = pack.meta.in_force.start, pack.meta.in_force.end
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if first < start or (end is not None and last > end):
        span = f"{start.isoformat()}起" + (f"至{end.isoformat()}" if end else "")
        raise OutOfForce(
            code="out_of_force", path="year",
            message=(f"{year}年不完全在{pack.meta.name}（{pack.meta.document_number}）的施行期内（{span}），"
                     "不能按该文件计算全年的个人账户划入。"),
            citations=[msgspec.to_builtins(c) for c in Citer(pack).of(pack.meta.in_force)])


def _switch(pack: Pack, citer: Citer, req: CreditsRequest) -> tuple[dt.date | None, Switch | None]:
    """The first day the retiree credit applies, and the step that says so."""
    r = req.retired_on
    if r is None:
        return None, None
    rule = pack.credits.switch  # type: ignore[union-attr]
    if rule.switch == "month_after":
        first = dt.date(r.year + (r.month == 12), r.month % 12 + 1, 1)
        when = "办理完结在职转退休手续的次月起"
    else:
        first = dt.date(r.year, r.month, 1)
        when = "享受退休待遇当月起"
    readings = citer.use(rule.reading)
    cites = citer.with_readings(citer.of(rule), readings)
    if first.year < req.year:
        tail = f"{req.year}年全年按退休人员计入。"
    elif first.year > req.year:
        tail = f"{req.year}年全年仍按退休前的办法计入。"
    else:
        tail = f"{req.year}年{first.month}月起按退休人员计入，此前各月按退休前的办法计入。"
    text = f"{r.isoformat()}退休，{when}（{first.isoformat()}起）变更个人账户计入办法：{tail}"
    return first, Switch(retired_on=r, rule=rule.switch, retiree_from=first, text=text, citations=cites,
                         readings=readings)


def _category_in(req: CreditsRequest, month: int, retiree_from: dt.date | None) -> str:
    if retiree_from is None:
        return req.category
    if dt.date(req.year, month, 1) >= retiree_from:
        return "retiree"
    return "employee" if req.category == "retiree" else req.category


def _missing_average(pack: Pack, citer: Citer, rule: CreditRule) -> MissingParameter:
    return MissingParameter(
        code="missing_parameter", parameter="pension_average", path="pension_average",
        message=(f"{pack.meta.name}规定退休人员个人账户按{rule.average}的{percent(rule.value or ZERO)}按月划入"
                 f"（{rule.article}），文件本身没有这个平均水平的数额。请提供{rule.average}"
                 "（pension_average：数值和来源）后再计算。"),
        citations=[msgspec.to_builtins(c) for c in citer.of(rule)])


def _missing_bureau_credit(pack: Pack, citer: Citer, rule: CreditRule) -> MissingParameter:
    return MissingParameter(
        code="missing_parameter", parameter="supplied_credit", path="supplied_credit",
        message=(f"{pack.meta.name}规定退休人员个人账户划入额度为{rule.average}的{percent(rule.value or ZERO)}左右，"
                 f"具体定额由{rule.set_by or '医疗保障部门'}确定（{rule.article}），文件本身没有这个定额。"
                 "请提供经办机构公布的每月定额（supplied_credit：数值和来源）后再计算。"),
        citations=[msgspec.to_builtins(c) for c in citer.of(rule)])


def _rate(rule: CreditRule | Cited) -> Decimal:
    """The rate of a credit that has one (the pack's check guarantees it for these bases)."""
    if rule.value is None:  # pragma: no cover - refused when the pack loads
        raise ValueError(f"a {rule.basis} credit without a value")
    return rule.value


def _rate_text(value: Decimal, rate: Decimal, amount: Decimal) -> str:
    rounded = "（四舍五入到分）" if value * rate != amount else ""
    return f"{yuan(value)}×{percent(rate)}={yuan(amount)}{rounded}"


def account_credits(req: CreditsRequest) -> CreditsResult:
    """The month-by-month credit schedule of ``req.year`` (pure: a request in, a result out)."""
    pack = get_pack(req.policy)
    credits = pack.credits
    if credits is None:
        if not pack.account.available:
            raise _no_account_error(pack)
        raise CalculatorError(code="not_covered_by_document", path="policy",
                              message=f"{pack.meta.name}的规则包没有个人账户划入的规定，无法计算。")
    _check_in_force(pack, req.year)
    citer = Citer(pack)
    notes: list[Assumption] = []
    used: set[str] = set()
    retiree_from, switch = _switch(pack, citer, req)
    prov = req.pension_average_provisional if credits.provisional is not None else None

    months: list[MonthCredit] = []
    back_months: list[tuple[int, Decimal, Decimal]] = []  # (month, credited, due)
    for m in range(1, 13):
        cat = _category_in(req, m, retiree_from)
        rule = credits.rule(cat)
        readings = citer.use(rule.reading)
        cites = citer.of(rule)
        label = vocabulary.CATEGORIES[cat]
        base: Decimal | None = None
        rate: Decimal | None = None
        provisional = False
        if rule.basis == "none":
            amount = ZERO
            text = f"{m}月：{label}不划拨个人账户，本月计入{yuan(ZERO)}。"
        elif rule.basis == "contribution_base":
            if req.contribution_base is None:
                raise MissingFact(
                    code="missing_fact", fact="contribution_base", path="contribution_base",
                    message=(f"请提供本人每月的职工医保缴费基数（contribution_base）：{pack.meta.name}规定"
                             f"{label}个人账户按本人缴费基数的{percent(rule.value or ZERO)}计入（{rule.article}）。"),
                    citations=[msgspec.to_builtins(c) for c in cites])
            used.add("contribution_base")
            base, rate = round_fen(req.contribution_base), _rate(rule)
            amount = share(base, rate)
            readings += citer.use(credits.rounding)
            text = f"{m}月：{label}，缴费基数{_rate_text(base, rate, amount)}，计入个人账户。"
        elif rule.basis == "pension_average":
            rate = _rate(rule)
            if prov is not None and m <= prov.through_month:
                used.add("pension_average_provisional")
                base, provisional = round_fen(prov.value), True
                amount = share(base, rate)
                cites = citer.of(rule, credits.provisional) + [citer.supplied(prov.source)]
                readings += citer.use(credits.rounding)
                text = (f"{m}月：{label}，{rule.average}确定前按{credits.provisional.average}"  # type: ignore[union-attr]
                        f"{_rate_text(base, rate, amount)}先行划入个人账户，确定后补划差额。")
                if req.pension_average is not None:
                    used.add("pension_average")
                    back_months.append((m, amount, share(round_fen(req.pension_average.value), rate)))
            else:
                if req.pension_average is None:
                    raise _missing_average(pack, citer, rule)
                used.add("pension_average")
                base = round_fen(req.pension_average.value)
                amount = share(base, rate)
                cites = cites + [citer.supplied(req.pension_average.source)]
                readings += citer.use(credits.rounding)
                text = f"{m}月：{label}，{rule.average}{_rate_text(base, rate, amount)}，由统筹基金划入个人账户。"
        elif rule.basis == "fixed":
            amount = round_fen(rule.value or ZERO)
            text = f"{m}月：{label}，由统筹基金按定额{yuan(amount)}/月划入个人账户。"
        else:  # supplied: the bureau's amount (西安 四（一）)
            figure = req.bureau_credit
            if figure is None:
                raise _missing_bureau_credit(pack, citer, rule)
            used.add(req.bureau_credit_name)
            amount = round_fen(figure.value)
            cites = [citer.supplied(figure.source)] + cites
            set_by = rule.set_by or "医疗保障部门"
            text = (f"{m}月：{label}，按{set_by}确定的定额{yuan(amount)}划入个人账户"
                    f"（数字由请求提供，来源：{figure.source}）；文件规定划入额度为"
                    f"{rule.average}的{percent(rule.value or ZERO)}左右，具体定额由{set_by}确定。")
            if req.pension_average is not None:
                used.add("pension_average")
                avg = round_fen(req.pension_average.value)
                # a share shown to two places, rounded half-up (named: not the ambient context's)
                ratio = (MONEY_CONTEXT.divide(amount, avg) * 100).quantize(FEN, ROUND_HALF_UP, MONEY_CONTEXT)
                text += f"这个定额约为提供的平均水平{yuan(avg)}的{ratio}%（平均水平来源：{req.pension_average.source}）。"
        if rule.basis != "none" and (credits.monthly_scope == "all" or cat == "retiree"):
            cites = cites + [c for c in citer.of(credits.monthly) if c not in cites]
        if switch is not None and retiree_from is not None and retiree_from == dt.date(req.year, m, 1):
            text += f"（{switch.retired_on.isoformat()}退休，本月起按退休人员计入。）"
            cites = cites + [c for c in switch.citations if c not in cites]
            readings = readings + [r for r in switch.readings if r not in readings]
        if not cites:  # a rule resting on a reading alone: show what the reading cites
            cites = citer.reading_citations(*readings)
        months.append(MonthCredit(month=m, category=cat, category_label=label, rule=rule.basis, base=base,
                                  rate=rate, amount=amount, provisional=provisional, text=text,
                                  citations=cites, readings=readings))

    lump = _lump_sum(pack, citer, req, notes, used)
    back = _back_payment(pack, citer, req, back_months, months, notes)
    _unused_inputs(req, used, notes)
    if "contribution_base" in used:
        notes.append(input_note(
            "whole_year_contributions", "按全年每月正常参保缴费、缴费基数不变计算；中途参保、停保或调整缴费基数的月份会不同。",
            "Contributions are taken as paid every month of the year on the same base; months joined late, "
            "suspended or on another base differ.",
            "请求只给出一个每月缴费基数。"))

    months_total = round_fen(sum((mc.amount for mc in months), ZERO))
    lump_total = lump.amount if lump else ZERO
    back_total = back.amount if back else ZERO
    totals = CreditTotals(months=months_total, lump_sum=lump_total, back_payment=back_total,
                          total=months_total + lump_total + back_total)
    has_account = any(credits.rule(mc.category).basis != "none" for mc in months)
    summary = f"{req.year}年个人账户按月计入合计{yuan(months_total)}"
    if lump:
        summary += f"，一次性补缴划入{yuan(lump_total)}"
    if back:
        summary += f"，补划差额{yuan(back_total)}"
    summary += f"；共{yuan(totals.total)}。" if (lump or back) else "。"
    if not has_account:
        summary = f"{vocabulary.CATEGORIES[req.category]}不划拨个人账户，{req.year}年个人账户计入0.00元。"
    return CreditsResult(
        policy=policy_ref(pack), year=req.year, category=req.category,
        category_label=vocabulary.CATEGORIES[req.category], account=has_account, months=months, switch=switch,
        lump_sum=lump, back_payment=back, totals=totals, text=summary,
        assumptions=citer.assumptions() + notes)


def _lump_sum(pack: Pack, citer: Citer, req: CreditsRequest, notes: list[Assumption],
              used: set[str]) -> LumpSum | None:
    if req.lump_sum_base is None:
        return None
    rule = pack.credits.lump_sum  # type: ignore[union-attr]
    if rule is None:
        notes.append(input_note(
            "lump_sum_not_in_document",
            f"{pack.meta.name}没有规定一次性补缴保险费如何划入个人账户，提供的一次性补缴基数未计算。",
            "The document says nothing of crediting a lump-sum back-payment; the base supplied is not used.",
            "请求提供了一次性补缴基数（lump_sum_base）。"))
        used.add("lump_sum_base")
        return None
    used.add("lump_sum_base")
    base = round_fen(req.lump_sum_base)
    amount = share(base, rule.value)
    readings = citer.use(pack.credits.rounding)  # type: ignore[union-attr]
    when = f"在{req.lump_sum_month}月" if req.lump_sum_month else ""
    text = (f"一次性补缴职工医保保险费，补缴基数{_rate_text(base, rule.value, amount)}，{when}一次性划入个人账户"
            "（不分摊到各月）。")
    return LumpSum(base=base, rate=rule.value, amount=amount, month=req.lump_sum_month, text=text,
                   citations=citer.of(rule), readings=readings)


def _back_payment(pack: Pack, citer: Citer, req: CreditsRequest, back_months: list[tuple[int, Decimal, Decimal]],
                  months: list[MonthCredit], notes: list[Assumption]) -> BackPayment | None:
    credits = pack.credits
    prov = req.pension_average_provisional
    if credits is None or credits.provisional is None or prov is None:
        return None
    provisional_months = [mc.month for mc in months if mc.provisional]
    if not provisional_months:
        return None
    rule = credits.provisional
    if req.pension_average is None:
        notes.append(input_note(
            "back_payment_pending",
            f"未提供{credits.retiree.average}，{'、'.join(f'{m}月' for m in provisional_months)}按"
            f"{rule.average}先行划入；{credits.retiree.average}确定后再补划差额，补划额暂无法计算。",
            "The final average was not supplied: the months credited on the provisional one will get the "
            "difference once it is known, which cannot be computed yet.",
            "请求只提供了先行执行的平均水平（pension_average_provisional）。"))
        return None
    final, provisional = round_fen(req.pension_average.value), round_fen(prov.value)
    if final < provisional:
        raise InvalidRequest.of([_err(
            "pension_average_provisional.value", "invalid_value",
            f"{yuan(provisional)}高于{credits.retiree.average}{yuan(final)}：{rule.article}只规定确定后“补划差额”，"
            "没有规定多划的部分如何处理，无法计算。")])
    credited = round_fen(sum((c for _, c, _ in back_months), ZERO))
    due = round_fen(sum((d for _, _, d in back_months), ZERO))
    amount = due - credited
    per_month = back_months[0][2] - back_months[0][1]
    readings = citer.use(rule.reading, credits.rounding)
    cites = citer.of(rule) + [citer.supplied(req.pension_average.source), citer.supplied(prov.source)]
    text = (f"{'、'.join(f'{m}月' for m, _, _ in back_months)}共{len(back_months)}个月按{rule.average}"
            f"{yuan(provisional)}先行划入，合计{yuan(credited)}；按{credits.retiree.average}{yuan(final)}应划入"
            f"{yuan(due)}（每月{yuan(back_months[0][2])}）。{credits.retiree.average}确定后补划差额"
            f"{yuan(amount)}（每月{yuan(per_month)}×{len(back_months)}个月）。")
    return BackPayment(months=[m for m, _, _ in back_months], provisional_average=provisional, average=final,
                       credited=credited, due=due, amount=amount, text=text, citations=cites, readings=readings)


_INPUT_NAMES = {
    "contribution_base": "缴费基数（contribution_base）",
    "pension_average": "养老金平均水平（pension_average）",
    "pension_average_provisional": "先行执行的养老金平均水平（pension_average_provisional）",
    "supplied_credit": "经办机构确定的每月划入定额（supplied_credit）",
    "xian_retiree_amount": "西安退休人员划入定额（xian_retiree_amount）",
}


def _unused_inputs(req: CreditsRequest, used: set[str], notes: list[Assumption]) -> None:
    unused = [name for name in _INPUT_NAMES if getattr(req, name) is not None and name not in used]
    if unused:
        notes.append(input_note(
            "unused_inputs",
            "提供的" + "、".join(_INPUT_NAMES[n] for n in unused) + "在本年度的计算中用不到，未使用。",
            "Some supplied figures are not needed for this year's schedule and were not used: "
            + ", ".join(unused) + ".",
            "这些数字只在对应类别的月份（在职或退休）或对应城市的规定中才会用到。"))


def run_json(raw: bytes | str) -> CreditsResult:
    """Decode, validate and compute: JSON request in, :class:`CreditsResult` out."""
    return account_credits(decode_credits_request(raw))
