"""The settlement pipeline: a year of outpatient visits under one policy document.

For each visit, in date order (``DOMAIN.md``, "The settlement pipeline"):

1. eligibility — a visit the fund does not pay for at all (non-designated provider, inpatient
   stay, suspended benefits, out of area without filing, a resident away from the signed
   institution) leaves the whole bill personal;
2. category — which insured category's figures apply (retirement within the year, flexible
   workers settled as employees);
3. scope — self-pay items and the document's exclusions leave;
4. first self-pay — the class-B shares the patient pays first (平凉 第六条);
5. deductible — what is left of the year's deductible is taken from the in-scope amount;
6. ratio — the amount above the deductible times the ratio, rounded to the fen half-up;
7. cap — the fund's share is limited to what is left of the year's cap;
8. account — the personal account pays the personal share up to its balance; cash the rest.

The year state (deductible used, fund paid toward the cap, account balance) carries from visit to
visit. Every step records its inputs, the amount it moves, its citations and the readings it relies
on. The function is pure: a request in, a result out, no I/O beyond reading the rule packs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import msgspec

from .errors import CalculatorError, FieldError, InvalidRequest, MissingFact, MissingParameter, OutOfForce
from .money import ZERO, round_fen, share
from .packs import Pack, get_pack
from .request import CalculationRequest, Item, Visit
from .result import (
    AccountStep,
    Assumption,
    CalculationResult,
    CapStep,
    CategoryStep,
    CitationOut,
    DeductibleStep,
    EligibilityStep,
    FirstSelfPayLine,
    FirstSelfPayStep,
    PolicyRef,
    RatioPart,
    RatioStep,
    ScopeLine,
    ScopeStep,
    Step,
    Totals,
    VisitResult,
    YearEnd,
)

__all__ = ["CATEGORY_LABELS", "TIER_LABELS", "calculate"]

TIER_LABELS = {
    "1": "一级及以下定点医疗机构", "2": "二级定点医疗机构", "3": "三级定点医疗机构",
    "1A": "一级定点医疗机构", "1B": "一级定点医疗机构", "1C": "一级定点医疗机构",
    "2A": "二级甲等定点医疗机构", "2B": "二级乙等定点医疗机构", "2C": "二级丙等定点医疗机构",
    "3A": "三级甲等定点医疗机构", "3B": "三级乙等定点医疗机构", "3C": "三级丙等定点医疗机构",
    "pharmacy": "定点零售药店", "signed": "门诊统筹签约机构", "county_tcm": "县级中医医院（转诊）",
    "signed_poor": "门诊统筹签约机构", "county_tcm_poor": "县级中医医院（转诊）",
}
CATEGORY_LABELS = {"employee": "在职职工", "retiree": "退休人员", "flexible": "灵活就业人员",
                   "resident": "城乡居民"}
_LEVEL_WORDS = {1: "一级", 2: "二级", 3: "三级"}
_GRADE_WORDS = {"A": "甲等", "B": "乙等", "C": "丙等"}
_ITEM_LABELS = {
    "in_scope": "政策范围内费用", "class_b_drug": "乙类药品", "class_b_service": "乙类诊疗项目和医用耗材",
    "self_pay": "自费费用", "consultation": "诊察费", "dual_channel": "“双通道”谈判药品",
    "prenatal": "产前检查费用", "tcm": "中医药费用",
}
_PLAIN_IN_SCOPE = {"in_scope", "consultation", "tcm"}


def yuan(value: Decimal) -> str:
    return f"{value}元"


def percent(value: Decimal) -> str:
    pct = (value * 100).normalize()
    return f"{pct:f}%"


@dataclass
class YearState:
    deductible_used: Decimal
    fund_paid: Decimal
    balance: Decimal | None


@dataclass(frozen=True)
class Figure:
    """A figure the calculation uses, with where it comes from."""

    value: Decimal
    citations: list[CitationOut]
    readings: list[str] = field(default_factory=list)
    supplied: bool = False


class Context:
    """One calculation: the pack, the request, and the readings used so far (in order)."""

    def __init__(self, pack: Pack, req: CalculationRequest) -> None:
        self.pack = pack
        self.req = req
        self.used_readings: list[str] = []
        self.inputs: list[Assumption] = []

    # -- citations ----------------------------------------------------------------------------
    def cite(self, article: str, quote: str) -> CitationOut:
        return CitationOut(policy=self.pack.id, article=article, quote=quote)

    def cite_obj(self, obj: object) -> list[CitationOut]:
        article, quote = getattr(obj, "article", ""), getattr(obj, "quote", "")
        return [self.cite(article, quote)] if article and quote else []

    def supplied(self) -> CitationOut:
        params = self.req.parameters
        return CitationOut(policy=self.pack.id, article=None, quote=None, supplied=True,
                           source=params.source if params else None)

    def use(self, *reading_ids: str) -> list[str]:
        out = []
        for rid in reading_ids:
            if rid:
                if rid not in self.used_readings:
                    self.used_readings.append(rid)
                out.append(rid)
        return out

    def reading_citations(self, reading_id: str) -> list[CitationOut]:
        return [self.cite(c.article, c.quote) for c in self.pack.reading(reading_id).citations]

    # -- figures ------------------------------------------------------------------------------
    def _supplied_value(self, name: str, category: str) -> Decimal | None:
        params = self.req.parameters
        table = getattr(params, name) if params else None
        if not table:
            return None
        settled = self.pack.settled_category(category)
        return table.get(category, table.get(settled))

    def _bureau_citations(self) -> list[CitationOut]:
        return self.cite_obj(self.pack.supplied) if self.pack.supplied else []

    def amount_figure(self, name: str, category: str, path: str) -> Figure | None:
        """The deductible or cap for a category; None where the document sets none."""
        supplied = self._supplied_value(name, category)
        if supplied is not None:
            return Figure(supplied, [self.supplied(), *self._bureau_citations()], supplied=True)
        settled = self.pack.settled_category(category)
        cited = getattr(self.pack, name).get(settled)
        if cited is not None:
            return Figure(cited.value, [self.cite(cited.article, cited.quote)], self.use(cited.reading))
        none_reading = self.pack.no_deductible if name == "deductible" else self.pack.no_cap
        if none_reading:
            return None
        what = {"deductible": "起付标准", "cap": "年度最高支付限额"}[name]
        raise MissingParameter(
            code="missing_parameter", parameter=f"{name}.{settled}", path=f"parameters.{name}.{settled}",
            message=(f"{self.pack.meta.name}没有规定{CATEGORY_LABELS.get(settled, settled)}的普通门诊{what}，"
                     f"文件规定由医疗保障部门确定。请提供经办机构公布的{what}（parameters.{name}.{settled}）后再计算。"),
            citations=[msgspec.to_builtins(c) for c in self._bureau_citations()],
        )

    def ratio_keys(self, category: str) -> set[str]:
        settled = self.pack.settled_category(category)
        keys = set(self.pack.ratio.get(settled, {}))
        params = self.req.parameters
        if params and params.ratio:
            keys |= set(params.ratio.get(category, params.ratio.get(settled, {})))
        return keys

    def ratio_figure(self, category: str, key: str) -> Figure:
        settled = self.pack.settled_category(category)
        params = self.req.parameters
        if params and params.ratio:
            table = params.ratio.get(category, params.ratio.get(settled, {}))
            if key in table:
                extra = self.cite_obj(self.pack.supplied.min_ratio) if (
                    self.pack.supplied and self.pack.supplied.min_ratio) else []
                return Figure(table[key], [self.supplied(), *extra], supplied=True)
        cited = self.pack.ratio.get(settled, {}).get(key)
        if cited is not None:
            return Figure(cited.value, [self.cite(cited.article, cited.quote)], self.use(cited.reading))
        raise MissingParameter(
            code="missing_parameter", parameter=f"ratio.{settled}.{key}",
            path=f"parameters.ratio.{settled}.{key}",
            message=(f"{self.pack.meta.name}没有规定{CATEGORY_LABELS.get(settled, settled)}在"
                     f"{TIER_LABELS.get(key, key)}的支付比例。请提供经办机构公布的比例"
                     f"（parameters.ratio.{settled}.{key}）后再计算。"),
            citations=[msgspec.to_builtins(c) for c in self._bureau_citations()],
        )


# -- request checks that need the pack -------------------------------------------------------------

def _check_against_pack(ctx: Context) -> None:
    pack, req = ctx.pack, ctx.req
    errors: list[FieldError] = []
    cat = req.insured.category
    if cat not in pack.categories:
        allowed = "、".join(f"{k}（{v.label}）" for k, v in pack.categories.items())
        errors.append(FieldError(
            path="insured.category", code="invalid_value",
            message=f"类别（insured.category）“{cat}”不适用于{pack.meta.name}；可选：{allowed}。"))
    if req.insured.retired_on is not None and pack.retirement is None:
        errors.append(FieldError(path="insured.retired_on", code="invalid_value",
                                 message=f"{pack.meta.name}没有在职转退休的规定。"))
    supplied = pack.supplied
    params = req.parameters
    if supplied and params and params.ratio:
        if supplied.min_ratio:
            floor = supplied.min_ratio.value
            for c, table in params.ratio.items():
                for key, value in table.items():
                    if value < floor:
                        errors.append(FieldError(
                            path=f"parameters.ratio.{c}.{key}", code="parameter_out_of_range",
                            message=(f"支付比例（parameters.ratio.{c}.{key}）{percent(value)}低于文件规定的下限"
                                     f"{percent(floor)}：{supplied.min_ratio.article}“{supplied.min_ratio.quote}”。")))
        if supplied.retiree_not_below_employee:
            rule = supplied.retiree_not_below_employee
            emp, ret = params.ratio.get("employee", {}), params.ratio.get("retiree", {})
            for key in sorted(set(emp) & set(ret)):
                if ret[key] < emp[key]:
                    errors.append(FieldError(
                        path=f"parameters.ratio.retiree.{key}", code="parameter_out_of_range",
                        message=(f"退休人员支付比例（parameters.ratio.retiree.{key}）{percent(ret[key])}低于在职职工的"
                                 f"{percent(emp[key])}；{rule.article}规定“{rule.quote}”。")))
    if errors:
        raise InvalidRequest.of(errors)
    if supplied and supplied.required and params is None:
        raise MissingParameter(
            code="missing_parameter", parameter="parameters", path="parameters",
            message=(f"{pack.meta.name}（{pack.meta.document_number}）只规定了个人账户办法和统筹支付比例不低于50%、"
                     "向退休人员倾斜，起付标准、各级医疗机构的支付比例和年度最高支付限额由市医疗保障局确定，"
                     "文件本身没有这些数字。请提供经办机构公布的参数（parameters：起付标准、支付比例、最高支付限额及来源）后再计算。"),
            citations=[msgspec.to_builtins(c) for c in ctx.cite_obj(supplied)]
            + ([msgspec.to_builtins(c) for c in ctx.cite_obj(supplied.min_ratio)] if supplied.min_ratio else []),
        )


# -- the steps -----------------------------------------------------------------------------------

def _category_for(ctx: Context, visit: Visit, index: int) -> tuple[str, CategoryStep | None]:
    pack, ins = ctx.pack, ctx.req.insured
    cat = ins.category
    step: CategoryStep | None = None
    if ins.retired_on is not None and pack.retirement is not None:
        rule = pack.retirement
        r = ins.retired_on
        if rule.switch == "month_after":
            switch = dt.date(r.year + (r.month == 12), r.month % 12 + 1, 1)
            when = "办理退休手续的次月起"
        else:
            switch = dt.date(r.year, r.month, 1)
            when = "享受退休待遇当月起"
        retired = visit.date >= switch
        if cat == "retiree" and not retired:
            cat = "employee"
        elif cat in ("employee", "flexible") and retired:
            cat = "retiree"
        text = (f"{r.isoformat()}退休，{when}（{switch.isoformat()}起）按退休人员结算；"
                f"本次就诊{visit.date.isoformat()}按{CATEGORY_LABELS[cat]}结算。")
        citations = ctx.cite_obj(rule)
        readings = ctx.use(rule.reading)
        for rid in readings:
            citations += [c for c in ctx.reading_citations(rid) if c not in citations]
        step = CategoryStep(amount=ZERO, text=text, citations=citations, readings=readings,
                            category=cat, category_label=CATEGORY_LABELS[cat], retired_on=r,
                            switch_from=switch, switch_rule=rule.switch,
                            settled_as=pack.settled_category(cat))
    rule_c = pack.categories.get(cat)
    if step is None and rule_c is not None and rule_c.settled_as:
        settled = rule_c.settled_as
        step = CategoryStep(
            amount=ZERO,
            text=f"{rule_c.label}按{CATEGORY_LABELS.get(settled, settled)}的标准结算。",
            citations=ctx.cite_obj(rule_c), readings=ctx.use(rule_c.reading), category=cat,
            category_label=rule_c.label, retired_on=None, switch_from=None, switch_rule=None,
            settled_as=settled)
    return cat, step


def _ineligibility(ctx: Context, visit: Visit) -> tuple[str, str, object] | None:
    """The first reason the fund pays nothing for this visit: (code, Chinese reason, rule)."""
    prov, pack = visit.provider, ctx.pack
    checks: list[tuple[bool, str, str]] = [
        (visit.benefits_suspended, "suspended", "医保待遇暂停期间发生的费用"),
        (visit.inpatient, "inpatient", "住院期间发生的门诊费用"),
        (not prov.designated, "non_designated", "在非定点医药机构发生的费用"),
        (prov.offsite and not prov.offsite_filed, "offsite_unfiled", "未办理异地就医备案，在统筹地区以外发生的费用"),
    ]
    if pack.meta.scheme == "resident":
        checks.append((prov.kind != "pharmacy" and not prov.signed and prov.referral is None,
                       "not_signed", "不在门诊统筹签约机构（也不是经同意转诊到县级中医医院）发生的费用"))
    for hit, code, why in checks:
        if hit:
            rule = pack.ineligible_rule(code)
            if rule is None:
                raise CalculatorError(
                    code="not_covered_by_document", path="visits",
                    message=f"{pack.meta.name}没有规定{why}如何处理，无法计算。")
            return code, why, rule
    if prov.kind == "pharmacy" and pack.pharmacy is not None and pack.pharmacy.rule == "not_covered":
        return "pharmacy", "在定点零售药店发生的费用", pack.pharmacy
    return None


def _tier(ctx: Context, visit: Visit, category: str, vp: str) -> tuple[str, str]:
    """The ratio table key for this visit and its Chinese label."""
    pack, prov = ctx.pack, visit.provider
    if pack.meta.scheme == "resident":
        key = "county_tcm" if prov.referral == "county_tcm" else "signed"
        if ctx.req.insured.resident and ctx.req.insured.resident.poverty_registered:
            return f"{key}_poor", TIER_LABELS[key]
        return key, TIER_LABELS[key]
    keys = ctx.ratio_keys(category)
    level, grade = prov.level, prov.grade
    level_fact, grade_fact = "provider_level", "provider_grade"
    level_path, grade_path = f"{vp}.provider.level", f"{vp}.provider.grade"
    prefix = ""
    if prov.kind == "pharmacy":
        rule = pack.pharmacy.rule if pack.pharmacy else "tier"
        if rule == "tier":
            return "pharmacy", TIER_LABELS["pharmacy"]
        level, grade = prov.prescribed_at_level, prov.prescribed_at_grade
        level_fact, grade_fact = "prescribed_at_level", "prescribed_at_grade"
        level_path, grade_path = f"{vp}.provider.prescribed_at_level", f"{vp}.provider.prescribed_at_grade"
        prefix = "定点零售药店，按开具处方的"
        if level is None:
            reading = pack.pharmacy.reading if pack.pharmacy else ""
            raise MissingFact(
                code="missing_fact", fact=level_fact, path=level_path,
                message=(f"{pack.meta.name}没有规定定点零售药店的支付比例，在药店凭处方购药按开处方医院的等级报销。"
                         "请告诉我开处方的医院是几级医院（一级及以下、二级、三级）。"),
                citations=[msgspec.to_builtins(c) for c in ctx.cite_obj(pack.pharmacy)
                           + (ctx.reading_citations(reading) if reading else [])])
    if level is None:
        raise MissingFact(code="missing_fact", fact=level_fact, path=level_path,
                          message="请告诉我就诊的医疗机构是几级（一级及以下、二级、三级）：支付比例按医疗机构等级不同。",
                          citations=[msgspec.to_builtins(c) for c in _ratio_citations(ctx, category)])
    if grade and f"{level}{grade}" in keys:
        key = f"{level}{grade}"
    elif str(level) in keys:
        key = str(level)
    elif any(len(k) == 2 and k[0] == str(level) for k in keys):
        raise MissingFact(
            code="missing_fact", fact=grade_fact, path=grade_path,
            message=(f"{pack.meta.name}对{_LEVEL_WORDS[level]}医疗机构按甲等、乙等、丙等规定了不同比例。"
                     f"请告诉我这家{_LEVEL_WORDS[level]}医院是甲等、乙等还是丙等。"),
            citations=[msgspec.to_builtins(c) for c in _ratio_citations(ctx, category)])
    else:
        key = str(level)  # let ratio_figure name the missing parameter
    label = TIER_LABELS.get(key, key)
    if prefix:
        label = f"{prefix}{label}等级"
    return key, label


def _ratio_citations(ctx: Context, category: str) -> list[CitationOut]:
    settled = ctx.pack.settled_category(category)
    out: list[CitationOut] = []
    for cited in ctx.pack.ratio.get(settled, {}).values():
        c = ctx.cite(cited.article, cited.quote)
        if c not in out:
            out.append(c)
    return out or ctx._bureau_citations()


def _settle(ctx: Context, state: YearState, visit: Visit, index: int) -> VisitResult:
    pack, req = ctx.pack, ctx.req
    vp = f"visits[{index}]"
    start, end = pack.meta.in_force.start, pack.meta.in_force.end
    if visit.date < start or (end is not None and visit.date > end):
        span = f"{start.isoformat()}起" + (f"至{end.isoformat()}" if end else "")
        raise OutOfForce(
            code="out_of_force", path=f"{vp}.date",
            message=(f"就诊日期{visit.date.isoformat()}不在{pack.meta.name}（{pack.meta.document_number}）"
                     f"的施行期内（{span}），不能按该文件计算。"),
            citations=[msgspec.to_builtins(c) for c in ctx.cite_obj(pack.meta.in_force)])
    items = [Item(category=i.category, amount=round_fen(i.amount), name=i.name) for i in visit.bill]
    total = round_fen(sum((i.amount for i in items), ZERO))
    steps: list[Step] = []
    category, cat_step = _category_for(ctx, visit, index)

    bad = _ineligibility(ctx, visit)
    if bad is not None:
        code, why, rule = bad
        readings = ctx.use(getattr(rule, "reading", ""))
        citations = ctx.cite_obj(rule)
        for rid in readings:
            citations += ctx.reading_citations(rid)
        steps.append(EligibilityStep(
            amount=total, eligible=False, reason=code, total=total, citations=citations, readings=readings,
            text=f"{why}，统筹基金不予支付，全部{yuan(total)}由个人负担。"))
        acct = _account(ctx, state, category, total, eligible=False)
        steps.append(acct)
        return VisitResult(
            date=visit.date, provider_kind=visit.provider.kind, provider_level=_level(visit),
            provider_grade=_grade(visit), category=category, category_label=CATEGORY_LABELS[category],
            provider_label=_provider_label(visit), eligible=False, total=total, excluded=total,
            first_self_pay=ZERO, in_scope=ZERO, deductible_applied=ZERO, ratio=None, fund_pays=ZERO,
            personal_pays=total, account_pays=acct.amount, cash_pays=acct.cash, steps=steps)

    elig_rule = pack.ineligible_rule("not_signed" if pack.meta.scheme == "resident" else "non_designated")
    steps.append(EligibilityStep(
        amount=ZERO, eligible=True, reason=None, total=total,
        citations=ctx.cite_obj(elig_rule) if elig_rule else [], readings=[],
        text=("在门诊统筹签约机构（或经同意转诊）就诊" if pack.meta.scheme == "resident" else "在定点医药机构就诊")
        + "，属于普通门诊统筹支付范围。"))
    if cat_step is not None:
        steps.append(cat_step)

    tier_key, tier_label = _tier(ctx, visit, category, vp)

    # 3. scope
    excluded_by = {ex.category: ex for ex in pack.excluded}
    referral = pack.referral.get(visit.provider.referral) if visit.provider.referral else None
    lines: list[ScopeLine] = []
    scope_cites: list[CitationOut] = []
    scope_readings: list[str] = []
    in_scope_items: list[Item] = []
    for j, item in enumerate(items):
        reason = None
        if item.category == "self_pay":
            reason = "self_pay"
            if pack.scope is not None:
                _add(scope_cites, ctx.cite_obj(pack.scope))
        elif item.category in excluded_by:
            reason = "excluded"
            _add(scope_cites, ctx.cite_obj(excluded_by[item.category]))
        elif referral is not None and item.category not in referral.scope:
            reason = "referral_scope"
            _add(scope_cites, ctx.cite_obj(referral))
        elif item.category not in _PLAIN_IN_SCOPE and not item.category.startswith("class_b"):
            rid = pack.item_readings.get(item.category, "")
            if not rid:
                raise CalculatorError(
                    code="not_covered_by_document", path=f"{vp}.items[{j}].category",
                    message=(f"{pack.meta.name}没有规定{_ITEM_LABELS[item.category]}在普通门诊如何结算，"
                             "无法按文件计算这一项。"))
            scope_readings += [r for r in ctx.use(rid) if r not in scope_readings]
        elif item.category.startswith("class_b") and not pack.first_self_pay and pack.class_b_reading:
            scope_readings += [r for r in ctx.use(pack.class_b_reading) if r not in scope_readings]
        lines.append(ScopeLine(category=item.category, amount=item.amount, in_scope=reason is None,
                               reason=reason))
        if reason is None:
            in_scope_items.append(item)
    excluded = round_fen(sum((ln.amount for ln in lines if not ln.in_scope), ZERO))
    in_scope = total - excluded
    if referral is not None:
        _add(scope_cites, ctx.cite_obj(referral))
    if pack.scope is not None and not scope_cites:
        _add(scope_cites, ctx.cite_obj(pack.scope))
    for rid in scope_readings:
        _add(scope_cites, ctx.reading_citations(rid))
    steps.append(ScopeStep(
        amount=excluded, total=total, excluded=excluded, in_scope=in_scope, lines=lines,
        citations=scope_cites, readings=scope_readings,
        text=(f"费用合计{yuan(total)}，其中{yuan(excluded)}不属于普通门诊统筹支付范围，由个人负担；"
              f"政策范围内费用{yuan(in_scope)}。")))

    # 4. first self-pay
    first_total = ZERO
    if pack.first_self_pay:
        fl: list[FirstSelfPayLine] = []
        cites: list[CitationOut] = []
        readings: list[str] = []
        for item in in_scope_items:
            rate_c = pack.first_self_pay.get(item.category)
            if rate_c is None:
                continue
            amt = share(item.amount, rate_c.value)
            fl.append(FirstSelfPayLine(category=item.category, amount=item.amount, rate=rate_c.value, share=amt))
            _add(cites, [ctx.cite(rate_c.article, rate_c.quote)])
            readings += [r for r in ctx.use(rate_c.reading) if r not in readings]
            first_total += amt
        if fl:
            first_total = round_fen(first_total)
            parts = "；".join(f"{_ITEM_LABELS[ln.category]}{yuan(ln.amount)}×{percent(ln.rate)}={yuan(ln.share)}"
                             for ln in fl)
            steps.append(FirstSelfPayStep(
                amount=first_total, lines=fl, in_scope_before=in_scope, in_scope_after=in_scope - first_total,
                citations=cites, readings=readings,
                text=f"乙类先行自付：{parts}，共{yuan(first_total)}由个人先行负担。"))
    base = in_scope - first_total

    # 5. deductible
    consult = ZERO
    if pack.consultation is not None and pack.consultation.outside_cap:
        consult = round_fen(sum((i.amount for i in in_scope_items if i.category == "consultation"), ZERO))
    other = base - consult
    ded = ctx.amount_figure("deductible", category, f"{vp}")
    used_before = state.deductible_used
    if ded is None:
        remaining = ZERO
        applied_other = applied_consult = ZERO
        ded_cites = ctx.reading_citations(pack.no_deductible)
        ded_readings = ctx.use(pack.no_deductible)
        ded_text = f"{pack.meta.name}不设起付标准，政策范围内费用{yuan(base)}全部进入比例报销。"
    else:
        remaining = max(ZERO, ded.value - used_before)
        applied_other = min(remaining, other)
        applied_consult = min(remaining - applied_other, consult)
        ded_cites = list(ded.citations)
        if pack.annual is not None:
            _add(ded_cites, ctx.cite_obj(pack.annual))
        ded_readings = list(ded.readings)
        if consult > 0 and pack.consultation and pack.consultation.reading:
            ded_readings += ctx.use(pack.consultation.reading)
        ded_text = (f"本年度起付标准{yuan(ded.value)}，本次之前已累计{yuan(min(used_before, ded.value))}，"
                    f"尚余{yuan(remaining)}；本次政策范围内费用{yuan(base)}，扣除起付标准"
                    f"{yuan(applied_other + applied_consult)}。")
    applied = applied_other + applied_consult
    above = base - applied
    state.deductible_used = used_before + applied
    steps.append(DeductibleStep(
        amount=applied, deductible=ded.value if ded else None, used_before=used_before,
        remaining_before=remaining, base=base, applied=applied, used_after=state.deductible_used,
        above=above, remaining_after=(remaining - applied) if ded is not None else None, citations=ded_cites, readings=ded_readings, text=ded_text))

    # 6. ratio
    ratio_fig = ctx.ratio_figure(category, tier_key)
    ratio = ratio_fig.value
    bonus_val = None
    base_ratio = None
    ratio_cites = list(ratio_fig.citations)
    ratio_readings = list(ratio_fig.readings)
    prov = visit.provider
    if (prov.kind == "pharmacy" and pack.pharmacy is not None and pack.pharmacy.rule == "prescribing_level"
            and pack.meta.scheme == "employee"):
        _add(ratio_cites, ctx.cite_obj(pack.pharmacy))
        ratio_readings += [r for r in ctx.use(pack.pharmacy.reading) if r not in ratio_readings]
    resident = req.insured.resident
    if (pack.family_doctor is not None and resident is not None and resident.family_doctor
            and visit.provider.referral is None):
        b = pack.family_doctor.bonus
        base_ratio, bonus_val = ratio, b.value
        ratio = ratio + b.value
        _add(ratio_cites, [ctx.cite(b.article, b.quote)])
        ratio_readings += ctx.use(b.reading)
    other_above = other - applied_other
    consult_above = consult - applied_consult
    parts: list[RatioPart] = []
    if consult > 0:
        other_share = share(other_above, ratio)
        consult_share = share(consult_above, ratio)
        parts = [RatioPart(part="other", base=other_above, share=other_share),
                 RatioPart(part="consultation", base=consult_above, share=consult_share)]
        ratio_share = other_share + consult_share
        ratio_text = (f"按{tier_label}支付比例{percent(ratio)}：诊察费以外({yuan(other_above)})×{percent(ratio)}="
                      f"{yuan(other_share)}，诊察费({yuan(consult_above)})×{percent(ratio)}={yuan(consult_share)}，"
                      f"统筹基金应付{yuan(ratio_share)}。")
    else:
        other_share = ratio_share = share(above, ratio)
        consult_share = ZERO
        ratio_text = (f"按{tier_label}支付比例{percent(ratio)}：{yuan(above)}×{percent(ratio)}="
                      f"{yuan(ratio_share)}（四舍五入到分）。")
    steps.append(RatioStep(
        amount=ratio_share, base=above, ratio=ratio, share=ratio_share, product=above * ratio,
        tier=tier_key, tier_label=tier_label,
        base_ratio=base_ratio, bonus=bonus_val, parts=parts, citations=ratio_cites, readings=ratio_readings,
        text=ratio_text))

    # 7. cap
    cap = ctx.amount_figure("cap", category, vp)
    paid_before = state.fund_paid
    if cap is None:
        counted = other_share
        remaining_cap = None
        cap_cites = ctx.reading_citations(pack.no_cap)
        cap_readings = ctx.use(pack.no_cap)
        cap_text = f"{pack.meta.name}未设普通门诊年度最高支付限额，统筹基金支付{yuan(other_share + consult_share)}。"
    else:
        remaining_cap = max(ZERO, cap.value - paid_before)
        counted = min(other_share, remaining_cap)
        cap_cites = list(cap.citations)
        cap_readings = list(cap.readings)
        if pack.annual is not None:
            _add(cap_cites, ctx.cite_obj(pack.annual))
        if counted < other_share:
            cap_text = (f"年度最高支付限额{yuan(cap.value)}，本次之前统筹已支付{yuan(paid_before)}，只剩"
                        f"{yuan(remaining_cap)}，本次统筹支付以此为限：{yuan(counted)}。")
        else:
            cap_text = (f"年度最高支付限额{yuan(cap.value)}，本次之前统筹已支付{yuan(paid_before)}，尚余"
                        f"{yuan(remaining_cap)}，本次{yuan(other_share)}未超过限额。")
        if consult_share > 0 and pack.consultation is not None:
            _add(cap_cites, ctx.cite_obj(pack.consultation))
            cap_readings += [r for r in ctx.use(pack.consultation.reading) if r not in cap_readings]
            cap_text += f"诊察费部分{yuan(consult_share)}不计入限额，照付。"
    fund = counted + consult_share
    state.fund_paid = paid_before + counted
    steps.append(CapStep(
        amount=fund, cap=cap.value if cap else None, paid_before=paid_before, remaining_before=remaining_cap,
        share_before_cap=other_share, counted=counted, reduced=other_share - counted, uncapped=consult_share,
        paid_after=state.fund_paid,
        remaining_after=(max(ZERO, cap.value - state.fund_paid) if cap else None),
        citations=cap_cites, readings=cap_readings, text=cap_text))

    # 8. account
    personal = total - fund
    acct = _account(ctx, state, category, personal, eligible=True)
    steps.append(acct)
    return VisitResult(
        date=visit.date, provider_kind=visit.provider.kind, provider_level=_level(visit),
        provider_grade=_grade(visit), category=category, category_label=CATEGORY_LABELS[category],
        provider_label=tier_label, eligible=True, total=total, excluded=excluded, first_self_pay=first_total,
        in_scope=in_scope, deductible_applied=applied, ratio=ratio, fund_pays=fund, personal_pays=personal,
        account_pays=acct.amount, cash_pays=acct.cash, steps=steps)


def _level(visit: Visit) -> int | None:
    prov = visit.provider
    return prov.prescribed_at_level if prov.kind == "pharmacy" else prov.level


def _grade(visit: Visit) -> str | None:
    prov = visit.provider
    return prov.prescribed_at_grade if prov.kind == "pharmacy" else prov.grade


def _add(target: list[CitationOut], new: list[CitationOut]) -> None:
    for c in new:
        if c not in target:
            target.append(c)


def _provider_label(visit: Visit) -> str:
    prov = visit.provider
    if prov.kind == "pharmacy":
        return "定点零售药店" if prov.designated else "零售药店"
    if prov.referral == "county_tcm":
        return TIER_LABELS["county_tcm"]
    if prov.level is None:
        return "医疗机构"
    return f"{_LEVEL_WORDS[prov.level]}{_GRADE_WORDS.get(prov.grade or '', '')}医疗机构"


def _account(ctx: Context, state: YearState, category: str, personal: Decimal, eligible: bool) -> AccountStep:
    pack = ctx.pack
    acc = pack.account
    none_for = next((n for n in acc.none_for if n.category == category), None)
    if not acc.available or none_for is not None:
        rule = none_for if none_for is not None else acc
        readings = ctx.use(rule.reading)
        cites = ctx.cite_obj(rule)
        for rid in readings:
            _add(cites, ctx.reading_citations(rid))
        who = CATEGORY_LABELS.get(category, category)
        return AccountStep(amount=ZERO, available=False, personal=personal, balance_before=state.balance,
                           balance_after=state.balance, cash=personal, citations=cites, readings=readings,
                           text=f"{who}没有职工医保个人账户，个人负担的{yuan(personal)}全部自付。")
    cites = ctx.cite_obj(acc)
    if state.balance is None:
        return AccountStep(amount=ZERO, available=True, personal=personal, balance_before=None,
                           balance_after=None, cash=personal, citations=cites, readings=[],
                           text=f"未提供个人账户余额，本计算不使用个人账户；个人负担{yuan(personal)}。")
    if not eligible:
        return AccountStep(amount=ZERO, available=True, personal=personal, balance_before=state.balance,
                           balance_after=state.balance, cash=personal, citations=cites, readings=[],
                           text=f"这笔费用不按普通门诊统筹结算，本计算不从个人账户支付；个人现金支付{yuan(personal)}。")
    pays = min(state.balance, personal)
    before = state.balance
    state.balance = before - pays
    return AccountStep(
        amount=pays, available=True, personal=personal, balance_before=before, balance_after=state.balance,
        cash=personal - pays, citations=cites, readings=[],
        text=(f"个人负担{yuan(personal)}，个人账户余额{yuan(before)}，账户支付{yuan(pays)}，"
              f"现金支付{yuan(personal - pays)}；账户余额剩{yuan(state.balance)}。"))


_INPUT_WHOLE_BILL = Assumption(
    id="whole_bill_in_scope", kind="input",
    text="只给了总金额，按全部为政策范围内费用计算；如有自费或乙类药品，请告知金额。",
    text_en="Only a total was given: the whole bill is taken as in-scope; tell me any self-pay or class-B amounts.",
    reason="请求只给出了总金额（amount），没有费用明细（items）。", citations=[])


def calculate(req: CalculationRequest) -> CalculationResult:
    """Settle every visit of the request, in order, and return the traced result."""
    pack = get_pack(req.policy)
    ctx = Context(pack, req)
    _check_against_pack(ctx)
    balance = req.account_balance
    state = YearState(deductible_used=round_fen(req.year_start.deductible_used),
                      fund_paid=round_fen(req.year_start.fund_paid),
                      balance=round_fen(balance) if balance is not None else None)
    visits = [_settle(ctx, state, v, i) for i, v in enumerate(req.visits)]
    last = visits[-1].category
    ded = _safe(lambda: ctx.amount_figure("deductible", last, "year_end"))
    cap = _safe(lambda: ctx.amount_figure("cap", last, "year_end"))
    year_end = YearEnd(
        category=last, deductible=ded.value if ded else None, deductible_used=state.deductible_used,
        deductible_remaining=max(ZERO, ded.value - state.deductible_used) if ded else None,
        fund_paid=state.fund_paid, cap=cap.value if cap else None,
        cap_remaining=max(ZERO, cap.value - state.fund_paid) if cap else None, account_balance=state.balance)

    def tot(name: str) -> Decimal:
        return round_fen(sum((getattr(v, name) for v in visits), ZERO))

    totals = Totals(total=tot("total"), excluded=tot("excluded"), first_self_pay=tot("first_self_pay"),
                    fund_pays=tot("fund_pays"), personal_pays=tot("personal_pays"),
                    account_pays=tot("account_pays"), cash_pays=tot("cash_pays"))
    assumptions = []
    for rid in ctx.used_readings:
        r = pack.reading(rid)
        assumptions.append(Assumption(id=rid, kind="reading", text=r.text, text_en=r.text_en, reason=r.reason,
                                      citations=[ctx.cite(c.article, c.quote) for c in r.citations]))
    if any(v.items is None for v in req.visits):
        assumptions.append(_INPUT_WHOLE_BILL)
    m = pack.meta
    return CalculationResult(
        policy=PolicyRef(id=m.id, title=m.title, document_number=m.document_number, name=m.name,
                         name_en=m.name_en, city=m.city, city_en=m.city_en, scheme=m.scheme, issuer=m.issuer,
                         numbering=m.numbering),
        category=req.insured.category, visits=visits, year_end=year_end, totals=totals,
        assumptions=assumptions, parameters_source=req.parameters.source if req.parameters else None)


def _safe(fn):
    try:
        return fn()
    except MissingParameter:
        return None
