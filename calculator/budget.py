"""南昌 resident pooling: a signed institution's budget, monthly pre-settlement and year-end settlement.

``DOMAIN.md``, "南昌 resident pooling: the signed institution's budget" (第二十三条 — 第二十九条 of
洪府厅发〔2019〕102号). The groups, their ages and yearly amounts, and every rule below are in the
``[budget]`` section of the ``nanchang-resident`` pack, each with its article and quote:

1. age = benefit year − birth year; the age picks one of five service groups (第二十三条; 90 and
   over is group 2);
2. annual budget = Σ groups (yearly amount × residents signed that year) (第二十七条), with
   第二十八条: a first signing within the year counts the full year; after a change of address
   (第八条 case 1) the old institution counts through the month of change and the new one from the
   next month; after the old institution is suspended or its agreement ends (case 2) the old one
   counts through the month before and the new one from the month of change — a part year is
   yearly amount ÷ 12 × months, rounded to the fen (a reading);
3. monthly quota = Σ groups (yearly amount ÷ 12 × residents signed that month); the month is
   settled at the actual cost, at most the quota (第二十六条);
4. year-end (第二十九条): actual < 80% of the budget → actual; 80% ≤ actual < 90% → actual + 50% of
   (budget − actual); actual ≥ 90% → the budget (over 100% too: 超支自负, 第二十二条).

Request (JSON), for one institution::

    {"policy": "nanchang-resident",           # optional: the one pack with a [budget] section
     "year": 2024,
     "roster": [                              # the residents signed with this institution …
        {"birth_year": 1950},                 #   signed before this year: the whole year
        {"birth_year": 2024, "signed_month": 5},          # first signing in May: full year
        {"birth_year": 1980, "count": 3,                  # three alike
         "change": {"case": "address", "direction": "out", "month": 6}},
        {"birth_year": 1990,
         "change": {"case": "institution", "direction": "in", "month": 9}}],
     "groups": {"1": 120, "2": 80},           # … or counts per group, all signed the whole year
     "monthly_actual": ["1000.00", …],        # optional: actual cost of months 1..n (n ≤ 12)
     "annual_actual": "11800.00"}             # optional: the year's actual cost (default: the sum
                                              # of 12 monthly_actual)

``change.case``: ``address`` (第八条 case 1: the resident's address changed) or ``institution``
(case 2: the old institution was suspended, or its agreement terminated); ``direction``: ``in``
(the resident came to this institution in ``month``) or ``out`` (left it).

Result: ``residents`` (each line's age, group, months and budget), ``groups``, ``annual_budget``,
``months`` (12 quotas, settled where the actual cost is given), ``year_end`` (when the year's actual
cost is known), ``assumptions``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import msgspec

from .errors import CalculatorError, FieldError, InvalidRequest, OutOfForce
from .money import MAX_AMOUNT, MONEY_CONTEXT, ZERO, round_down, round_fen
from .packs import MAX_AGE, Budget, BudgetGroup, Pack, get_pack, load_packs
from .result import Assumption, CitationOut, PolicyRef
from .structs import Base, Out
from .wire import Citer, check_money, choices, decode, field_error, input_note, percent, policy_ref, yuan

__all__ = [
    "BudgetRequest",
    "BudgetResult",
    "Change",
    "GroupBudget",
    "MonthQuota",
    "ResidentLine",
    "RosterEntry",
    "YearEndSettlement",
    "decode_budget_request",
    "group_for_age",
    "resident_budget",
    "run_json",
]

#: Kept for callers that named it; a request without ``policy`` now gets the one pack that has a
#: ``[budget]`` section (:func:`budget_pack`), which today is this one.
DEFAULT_POLICY = "nanchang-resident"
RATIO_PLACES = Decimal("0.0001")
MAX_ROSTER = 200_000
MAX_COUNT = 1_000_000

LABELS = {
    "policy": "政策", "year": "年度", "roster": "签约居民名单", "birth_year": "出生年份",
    "signed_month": "首次签约月份", "change": "变更签约机构", "case": "变更情形", "direction": "变更方向",
    "month": "变更月份", "count": "人数", "groups": "各组人数", "monthly_actual": "各月实际发生费用",
    "annual_actual": "全年实际发生费用",
}
_CASES = {"address": "家庭住址改变（第八条第一种情形）",
          "institution": "原签约机构被暂停服务、终止或解除协议（第八条第二种情形）"}
_DIRECTIONS = {"in": "转入本机构", "out": "从本机构转出"}
OPTIONS = {"case": "address（家庭住址改变，第八条第一种情形）、institution（原签约机构被暂停服务、终止或解除协议，"
                   "第八条第二种情形）", "direction": choices(_DIRECTIONS)}


# -- the wire ------------------------------------------------------------------------------------

class Change(Base, kw_only=True, frozen=True):
    case: Literal["address", "institution"]
    direction: Literal["in", "out"]
    month: int


class RosterEntry(Base, kw_only=True, frozen=True):
    birth_year: int
    #: the month of a first signing within the year (第二十八条: the full year counts)
    signed_month: int | None = None
    change: Change | None = None
    count: int = 1


class BudgetRequest(Base, kw_only=True, frozen=True):
    #: the policy whose budget rules apply; None: the one pack with a ``[budget]`` section
    policy: str | None = None
    year: int
    roster: list[RosterEntry] | None = None
    groups: dict[str, int] | None = None
    monthly_actual: list[Decimal] | None = None
    annual_actual: Decimal | None = None


class ResidentLine(Out, kw_only=True):
    index: int  # position in the roster (or in the groups' list)
    birth_year: int | None  # None for a line of ``groups``
    age: int | None
    group: int
    count: int
    #: full_year, first_signing, change_address_in/out, change_institution_in/out
    rule: str
    budget_months: list[int]  # months whose budget this institution gets (all 12: the full year)
    signed_months: list[int]  # months the residents count among those signed (monthly quota)
    budget: Decimal
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class GroupBudget(Out, kw_only=True):
    group: int
    ages: str
    standard: Decimal  # yuan per resident per year
    residents: int  # residents with some budget month here
    full_year: int  # of whom counted for the whole year
    resident_months: int  # budget months of all its residents
    budget: Decimal
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class MonthQuota(Out, kw_only=True):
    month: int
    signed: dict[str, int]  # group → residents signed that month
    quota: Decimal
    actual: Decimal | None = None
    settled: Decimal | None = None
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class YearEndSettlement(Out, kw_only=True):
    budget: Decimal
    actual: Decimal
    ratio: Decimal | None  # actual ÷ budget (4 places); None for a zero budget
    #: below_lower (< 80%), middle (80% ≤ … < 90%), upper (≥ 90%)
    band: str
    settled: Decimal
    unused: Decimal  # budget − actual, when positive
    extra: Decimal  # the 50% of the unused budget paid in the middle band
    not_paid: Decimal  # actual − settled, when positive (超支自负)
    monthly_settled: Decimal | None = None  # Σ monthly pre-settlements, when all 12 months are given
    balance: Decimal | None = None  # settled − monthly_settled (negative: recovered)
    text: str
    citations: list[CitationOut]
    readings: list[str] = []


class BudgetResult(Out, kw_only=True):
    policy: PolicyRef
    year: int
    residents: list[ResidentLine]
    groups: list[GroupBudget]
    annual_budget: Decimal
    annual_text: str
    annual_citations: list[CitationOut]
    months: list[MonthQuota]
    year_end: YearEndSettlement | None
    text: str
    assumptions: list[Assumption]


# -- decoding and validation ---------------------------------------------------------------------

_DECODER = msgspec.json.Decoder(BudgetRequest)


def _err(path: str, code: str, message: str) -> FieldError:
    return field_error(path, code, message, LABELS)


def _month_ok(value: int, path: str, errors: list[FieldError]) -> bool:
    if not 1 <= value <= 12:
        errors.append(_err(path, "invalid_month", f"应为 1 到 12 之间的月份，收到的是 {value}。"))
        return False
    return True


def validate(req: BudgetRequest) -> list[FieldError]:
    errors: list[FieldError] = []
    if not 2000 <= req.year <= 2100:
        errors.append(_err("year", "invalid_value", f"{req.year} 不是可计算的年度（2000—2100）。"))
    if req.roster is None and req.groups is None:
        errors.append(_err("roster", "missing_field", "请提供签约居民名单（roster）或各组人数（groups）。"))
    if req.roster is not None and req.groups is not None:
        errors.append(_err("groups", "invalid_value", "与 roster 只能二选一。"))
    if req.roster is not None and len(req.roster) > MAX_ROSTER:
        errors.append(_err("roster", "too_many_residents", f"名单最多 {MAX_ROSTER} 行；同组同情形的居民请用 count 合并。"))
        return errors
    for i, r in enumerate(req.roster or []):
        path = f"roster[{i}]"
        if r.birth_year > req.year:
            errors.append(_err(f"{path}.birth_year", "birth_year_in_future",
                               f"{r.birth_year} 晚于待遇享受年度 {req.year}：年龄=待遇享受年度−出生年份，不能为负数。"))
        elif req.year - r.birth_year > MAX_AGE:
            errors.append(_err(f"{path}.birth_year", "invalid_value",
                               f"{r.birth_year} 意味着 {req.year - r.birth_year} 岁，不像真实年龄，请核对。"))
        if not 1 <= r.count <= MAX_COUNT:
            errors.append(_err(f"{path}.count", "invalid_value", f"应为 1 到 {MAX_COUNT} 之间的整数。"))
        first_ok = r.signed_month is None or _month_ok(r.signed_month, f"{path}.signed_month", errors)
        ch = r.change
        if ch is None:
            continue
        month_ok = _month_ok(ch.month, f"{path}.change.month", errors)
        if r.signed_month is not None and first_ok and month_ok:
            if ch.direction == "in":
                errors.append(_err(f"{path}.signed_month", "invalid_value",
                                   "首次签约与从其他机构转入不能同时成立，请只填其中一项。"))
            elif ch.month < r.signed_month:
                errors.append(_err(f"{path}.change.month", "invalid_value",
                                   f"转出月份 {ch.month} 早于首次签约月份 {r.signed_month}。"))
    for key, n in (req.groups or {}).items():
        if not 0 <= n <= MAX_COUNT:
            errors.append(_err(f"groups.{key}", "invalid_value", f"人数应为 0 到 {MAX_COUNT} 之间的整数。"))
    if req.monthly_actual is not None:
        if not 1 <= len(req.monthly_actual) <= 12:
            errors.append(_err("monthly_actual", "invalid_value",
                               "应按月份顺序给出 1 到 12 个月（从1月起）的实际发生费用。"))
        for k, value in enumerate(req.monthly_actual[:12]):
            if e := check_money(value, f"monthly_actual[{k}]", LABELS, MAX_AMOUNT, "超过 10,000,000 元，请核对。"):
                errors.append(e)
    if req.annual_actual is not None and (
            e := check_money(req.annual_actual, "annual_actual", LABELS, MAX_AMOUNT * 12, "超过 1.2 亿元，请核对。")):
        errors.append(e)
    return errors


def decode_budget_request(raw: bytes | str) -> BudgetRequest:
    """Decode and validate a JSON budget request; raise :class:`InvalidRequest`."""
    req = decode(_DECODER, raw, LABELS, OPTIONS)
    errors = validate(req)
    if errors:
        raise InvalidRequest.of(errors)
    return req


# -- the rules -----------------------------------------------------------------------------------

def _budget_rules(pack: Pack) -> Budget:
    if pack.budget is None:
        raise CalculatorError(code="not_covered_by_document", path="policy",
                              message=f"{pack.meta.name}没有门诊统筹签约机构预算包干的规定，无法计算。")
    return pack.budget


def budget_pack(policy: str | None) -> Pack:
    """The named policy's pack; without a name, the one pack whose document sets a signed
    institution's budget (a deployment with two must name the policy)."""
    if policy is not None:
        return get_pack(policy)
    with_budget = [p for _, p in sorted(load_packs().items()) if p.budget is not None]
    if len(with_budget) != 1:
        names = "、".join(p.id for p in with_budget) or "（无）"
        raise InvalidRequest.of([field_error(
            "policy", "missing_field", f"缺少此项：有预算规定的政策不止一个（{names}），请写明政策。", LABELS)])
    return with_budget[0]


def group_for_age(age: int, policy: str | None = None) -> int:
    """第二十三条: the service group of a resident of ``age`` (benefit year − birth year)."""
    if age < 0:
        raise ValueError("age = benefit year − birth year cannot be negative")
    return _budget_rules(budget_pack(policy)).group_for_age(age).group


def _months_of(entry: RosterEntry) -> tuple[list[int], list[int], str]:
    """(budget months, signed months, rule) for one roster line (第二十八条)."""
    ch = entry.change
    first = entry.signed_month
    if ch is None:
        signed = list(range(first, 13)) if first else list(range(1, 13))
        return list(range(1, 13)), signed, "first_signing" if first else "full_year"
    m = ch.month
    if ch.direction == "out":
        last = m if ch.case == "address" else m - 1
        budget = list(range(1, last + 1))
        signed = [k for k in budget if first is None or k >= first]
    else:
        start = m + 1 if ch.case == "address" else m
        budget = list(range(start, 13))
        signed = budget
    return budget, signed, f"change_{ch.case}_{ch.direction}"


def _span(months: list[int]) -> str:
    if not months:
        return "无"
    return f"{months[0]}月" if len(months) == 1 else f"{months[0]}—{months[-1]}月"


def resident_budget(req: BudgetRequest) -> BudgetResult:
    """Budget, monthly quotas and settlements, and the year-end settlement of one institution (pure)."""
    pack = budget_pack(req.policy)
    rules = _budget_rules(pack)
    start, end = pack.meta.in_force.start, pack.meta.in_force.end
    if req.year < start.year or (end is not None and req.year > end.year):
        raise OutOfForce(
            code="out_of_force", path="year",
            message=(f"{req.year}年不在{pack.meta.name}（{pack.meta.document_number}）的施行期内"
                     f"（{start.isoformat()}起），不能按该办法计算签约机构预算。"),
            citations=[msgspec.to_builtins(c) for c in Citer(pack).of(pack.meta.in_force)])
    citer = Citer(pack)
    notes: list[Assumption] = []
    by_number = {g.group: g for g in rules.groups}

    # 1–2. residents: age, group, months; their budget
    lines: list[ResidentLine] = []
    if req.roster is not None:
        for i, entry in enumerate(req.roster):
            lines.append(_resident_line(pack, rules, citer, req.year, i, entry))
    else:
        errors = [_err(f"groups.{k}", "invalid_value",
                       f"“{k}”不是服务组群；可选：{'、'.join(str(g.group) for g in rules.groups)}。")
                  for k in req.groups or {} if not (k.isdigit() and int(k) in by_number)]
        if errors:
            raise InvalidRequest.of(errors)
        for k, n in sorted((req.groups or {}).items(), key=lambda kv: int(kv[0])):
            if n == 0:
                continue
            g = by_number[int(k)]
            lines.append(ResidentLine(
                index=len(lines), birth_year=None, age=None, group=g.group, count=n, rule="full_year",
                budget_months=list(range(1, 13)), signed_months=list(range(1, 13)), budget=g.value * n,
                text=f"第{g.group}组全年签约{n}人：{yuan(g.value)}×{n}={yuan(g.value * n)}。",
                citations=citer.of(g, rules.annual)))
        notes.append(input_note(
            "groups_whole_year", "按各组人数计算：每人全年签约、年内没有首次签约或变更签约机构。",
            "Counts per group are taken as residents signed the whole year, with no first signing or change.",
            "请求只给出了各组人数（groups），没有名单。"))

    groups = [_group_budget(rules, citer, g, [ln for ln in lines if ln.group == g.group]) for g in rules.groups]
    annual = sum((g.budget for g in groups), ZERO)
    parts = "+".join(yuan(g.budget) for g in groups)
    annual_text = f"{pack.meta.name}：年度预算额度=各组群预算额度之和={parts}={yuan(annual)}。"
    annual_citations = citer.of(rules.annual)

    # 3. monthly quotas and settlements
    kinds = {ln.rule for ln in lines} | ({"first_signing"} if any(
        e.signed_month for e in req.roster or []) else set())
    month_readings = [rule.reading for kind, rule in (
        ("first_signing", rules.first_signing), ("change_address", rules.change_address),
        ("change_institution", rules.change_suspended)) if any(k.startswith(kind) for k in kinds)]
    months = _months(rules, citer, lines, req.monthly_actual, month_readings)

    # 4. year-end settlement
    actual = req.annual_actual
    if actual is None and req.monthly_actual is not None and len(req.monthly_actual) == 12:
        actual = round_fen(sum(req.monthly_actual, ZERO))
        notes.append(input_note(
            "annual_actual_from_months", f"全年实际发生费用按12个月实际发生费用之和计算：{yuan(actual)}。",
            "The year's actual cost is taken as the sum of the 12 months' actual costs.",
            "请求没有给出全年实际发生费用（annual_actual），但给出了12个月的实际发生费用。"))
    year_end = None
    if actual is not None:
        monthly = None
        if req.monthly_actual is not None and len(req.monthly_actual) == 12:
            monthly = sum((m.settled for m in months if m.settled is not None), ZERO)
        year_end = _year_end(rules, citer, annual, round_fen(actual), monthly)
    else:
        notes.append(input_note(
            "no_year_end", "没有给出全年实际发生费用，未计算年度决算；提供 annual_actual 或12个月的 monthly_actual 后可计算。",
            "No actual cost for the whole year was given, so the year-end settlement is not computed.",
            "请求没有全年实际发生费用。"))

    residents = sum(ln.count for ln in lines if ln.budget_months)
    text = f"{req.year}年签约居民{residents}人，年度预算额度{yuan(annual)}。"
    if year_end is not None:
        text += f"年度决算{yuan(year_end.settled)}。"
    return BudgetResult(policy=policy_ref(pack), year=req.year, residents=lines, groups=groups,
                        annual_budget=annual, annual_text=annual_text, annual_citations=annual_citations,
                        months=months, year_end=year_end, text=text, assumptions=citer.assumptions() + notes)


def _resident_line(pack: Pack, rules: Budget, citer: Citer, year: int, i: int, entry: RosterEntry) -> ResidentLine:
    age = year - entry.birth_year
    g = rules.group_for_age(age)
    budget_months, signed_months, rule = _months_of(entry)
    n = entry.count
    who = f"第{i + 1}行（{n}人）" if n > 1 else f"第{i + 1}行"
    head = (f"{who}：{entry.birth_year}年出生，{year}年年龄={year}−{entry.birth_year}={age}岁，"
            f"属第{g.group}组（年龄{g.ages}，预算标准{yuan(g.value)}/人/年）；")
    cites = citer.of(rules.age, g)
    readings: list[str] = []
    each = "" if n == 1 else f"×{n}人"
    if len(budget_months) == 12:
        amount = g.value * n
        whole = f"{yuan(g.value)}{each}={yuan(amount)}" if n > 1 else yuan(amount)
        if rule == "first_signing":
            cites += citer.of(rules.first_signing)
            readings = citer.use(rules.first_signing.reading)
            head += (f"{entry.signed_month}月首次签约，不足一个自然年度，预算标准全额计入{whole}；"
                     f"月预结算自{entry.signed_month}月起计入当月签约人数。")
        else:
            head += f"全年签约，计入全年预算标准{whole}。"
    else:
        k = len(budget_months)
        amount = round_fen(g.value * k * n / 12)
        ch = entry.change
        assert ch is not None
        rule_obj = rules.change_address if ch.case == "address" else rules.change_suspended
        cites += citer.of(rule_obj)
        readings = citer.use(rules.rounding, rule_obj.reading)
        if ch.direction == "out":
            until = "计算至变更之月" if ch.case == "address" else "计算至变更前一个月"
            head += (f"{ch.month}月因{_CASES[ch.case]}从本机构转出，本机构的预算额度{until}"
                     f"（{_span(budget_months)}，共{k}个月）")
        else:
            since = "自变更次月起" if ch.case == "address" else "自变更之月起"
            head += (f"{ch.month}月因{_CASES[ch.case]}转入本机构，本机构的预算额度{since}按月计算"
                     f"（{_span(budget_months)}，共{k}个月）")
        if entry.signed_month is not None:
            head += f"，{entry.signed_month}月首次签约"
            cites += citer.of(rules.first_signing)
        head += f"：{yuan(g.value)}÷12×{k}{each}={yuan(amount)}（四舍五入到分）。" if k else "：本机构不计预算。"
    return ResidentLine(index=i, birth_year=entry.birth_year, age=age, group=g.group, count=n, rule=rule,
                        budget_months=budget_months, signed_months=signed_months, budget=amount, text=head,
                        citations=cites, readings=readings)


def _group_budget(rules: Budget, citer: Citer, g: BudgetGroup, lines: list[ResidentLine]) -> GroupBudget:
    full = sum(ln.count for ln in lines if len(ln.budget_months) == 12)
    partial = [ln for ln in lines if 0 < len(ln.budget_months) < 12]
    months = sum(ln.count * len(ln.budget_months) for ln in lines)
    budget = sum((ln.budget for ln in lines), ZERO)
    residents = full + sum(ln.count for ln in partial)
    parts = [f"全年计入{full}人，{yuan(g.value)}×{full}={yuan(g.value * full)}"] if full else []
    if partial:
        parts.append(f"按月计算{sum(ln.count for ln in partial)}人，共{yuan(budget - g.value * full)}")
    text = (f"第{g.group}组（年龄{g.ages}，预算标准{yuan(g.value)}/人/年）："
            + ("；".join(parts) if parts else "没有签约居民") + f"；本组预算额度{yuan(budget)}。")
    readings = citer.use(rules.rounding) if partial else []
    return GroupBudget(group=g.group, ages=g.ages, standard=g.value, residents=residents, full_year=full,
                       resident_months=months, budget=budget, text=text, citations=citer.of(g, rules.annual),
                       readings=readings)


def _months(rules: Budget, citer: Citer, lines: list[ResidentLine], actuals: list[Decimal] | None,
            month_readings: list[str]) -> list[MonthQuota]:
    """第二十六条, month by month; ``month_readings``: which residents count in which month."""
    out: list[MonthQuota] = []
    for k in range(1, 13):
        signed: dict[str, int] = {}
        for g in rules.groups:
            n = sum(ln.count for ln in lines if ln.group == g.group and k in ln.signed_months)
            signed[str(g.group)] = n
        per_group = [(g, signed[str(g.group)], round_fen(g.value * signed[str(g.group)] / 12)) for g in rules.groups]
        quota = sum((q for _, _, q in per_group), ZERO)
        readings = citer.use(rules.rounding, *month_readings)
        parts = "+".join(f"{yuan(g.value)}÷12×{n}" for g, n, _ in per_group if n)
        text = f"{k}月：月预结算额度=Σ(各组群预算标准÷12×当月签约人数)={parts or '0'}={yuan(quota)}（各组四舍五入到分）"
        cites = citer.of(rules.monthly_quota)
        actual = settled = None
        if actuals is not None and k <= len(actuals):
            actual = round_fen(actuals[k - 1])
            settled = min(actual, quota)
            cites += citer.of(rules.monthly_settlement)
            if actual < quota:
                text += f"；实际发生{yuan(actual)}，低于额度，据实结算{yuan(settled)}。"
            elif actual > quota:
                text += f"；实际发生{yuan(actual)}，高于额度，按额度结算{yuan(settled)}。"
            else:
                text += f"；实际发生{yuan(actual)}，等于额度，结算{yuan(settled)}。"
        else:
            text += "。"
        out.append(MonthQuota(month=k, signed=signed, quota=quota, actual=actual, settled=settled, text=text,
                              citations=cites, readings=readings))
    return out


def _shown_share(actual: Decimal, budget: Decimal, thresholds: tuple[Decimal, ...]) -> Decimal:
    """actual ÷ budget to 0.01% as shown: rounded half-up, except that a share just below one of
    第二十九条's thresholds is rounded down, so that it never shows as having reached it (issue 14:
    18435.19 of 23044.00 is 79.99%, not 80% beside “在80%以内”). The bands themselves are decided
    on the exact amounts."""
    exact = MONEY_CONTEXT.divide(actual, budget)
    shown = exact.quantize(RATIO_PLACES, ROUND_HALF_UP, MONEY_CONTEXT)
    if any(exact < t <= shown for t in thresholds):
        shown = round_down(exact, RATIO_PLACES)
    return shown


def _year_end(rules: Budget, citer: Citer, budget: Decimal, actual: Decimal,
              monthly: Decimal | None) -> YearEndSettlement:
    lower, upper, half = rules.lower.value, rules.upper.value, rules.unused_share.value
    ratio = _shown_share(actual, budget, (lower, upper)) if budget > 0 else None
    share = f"为年度预算额度{yuan(budget)}的{percent(ratio)}" if ratio is not None else "年度预算额度为0"
    head = f"全年门诊统筹实际发生费用{yuan(actual)}，{share}："
    unused = max(ZERO, budget - actual)
    extra = ZERO
    readings: list[str] = []
    if actual < budget * lower:
        band, settled = "below_lower", actual
        cites = citer.of(rules.lower)
        text = head + f"在{percent(lower)}以内，据实结算{yuan(settled)}。"
    elif actual < budget * upper:
        band = "middle"
        extra = round_fen(unused * half)
        settled = actual + extra
        readings = citer.use(rules.rounding)
        cites = citer.of(rules.unused_share)
        text = (head + f"在{percent(lower)}（含）至{percent(upper)}之间，除据实结算{yuan(actual)}外，再支付年度预算额度内"
                f"未使用部分{yuan(unused)}的{percent(half)}即{yuan(extra)}，共{yuan(settled)}。")
    else:
        band, settled = "upper", budget
        cites = citer.of(rules.upper)
        text = head + f"达到{percent(upper)}（含）以上，按年度预算额度结算{yuan(settled)}。"
        if actual > budget:
            cites += citer.of(rules.over_budget)
            text += f"超出预算的{yuan(actual - budget)}不予支付（超支自负）。"
    balance = None
    if monthly is not None:
        balance = settled - monthly
        readings += citer.use(rules.method.reading)
        cites += citer.of(rules.method)
        text += (f"各月已预结算{yuan(monthly)}，年终" + (f"应补付{yuan(balance)}。" if balance >= 0
                                                  else f"应扣回{yuan(-balance)}。"))
    return YearEndSettlement(budget=budget, actual=actual, ratio=ratio, band=band, settled=settled, unused=unused,
                             extra=extra, not_paid=max(ZERO, actual - settled), monthly_settled=monthly,
                             balance=balance, text=text, citations=cites, readings=readings)


def run_json(raw: bytes | str) -> BudgetResult:
    """Decode, validate and compute: JSON request in, :class:`BudgetResult` out."""
    return resident_budget(decode_budget_request(raw))
