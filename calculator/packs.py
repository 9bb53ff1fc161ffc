"""Rule packs: one TOML file per policy document, decoded by msgspec into frozen, typed Structs.

A pack is the document as data. It holds the document's metadata, the text of its articles, and
every figure and rule the calculator applies, each with the article that sets it and a verbatim
quote. Where the document is silent, the pack records the reading the calculator applies
(``[[readings]]``) with the reason and the articles that leave the point open; the explanation
shows it as a reading, never as a quote.

The loader refuses a pack with an unknown field (a typo), a value without a citation, a citation of
an article the pack does not carry, or a quote that is not in that article's text. Amounts and
rates are quoted strings in TOML so that no figure passes through float.

Three optional sections serve the questions beside settlement:

``[credits]``
    the personal-account credit of each category (``basis``: a rate of the contribution base, a
    rate of a pension average the request supplies, a fixed monthly amount, an amount the bureau
    sets, or none), the month the credit switches on retirement, the provisional average and its
    back-payment (南充), the lump-sum back-payment credit (南昌), and the rounding reading.
``[[account_uses]]``
    who (``beneficiaries``) may use the account for what (``purposes``): ``allowed``,
    ``not_allowed``, ``pending_rules`` (allowed once the bureau's rules exist or conditions are
    met), each with its article and quote; or ``not_stated`` with a reading and ``read_as``. The
    table must answer every (beneficiary, purpose) pair exactly once.
``[budget]``
    the resident scheme's signed-institution budget: the service groups with their ages and
    yearly amounts (each row quoting the article's table), the monthly pre-settlement, the
    mid-year changes and the year-end 80% / 90% rule. The groups must cover every age once.

Every figure — deductible, cap, ratios, first self-pay shares, the family-doctor bonus, the
bureau's floor, credits and budgets — must be one of the numbers its own quote states (``2500``,
``2,500``, ``两千五百``; ``55%``, ``百分之五十五``; :mod:`calculator.figures`): a pack whose figure
and words disagree is refused with its path.

Packs are found in ``calculator/policies`` and in every directory named by the environment
variable ``MINGBAI_POLICY_DIRS`` (``os.pathsep``-separated), through :mod:`calculator.registry`,
which reads that variable once: a new city is a data file, not code.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Literal

import msgspec

from .errors import PackError
from .figures import figure_in_quote
from .structs import Base
from .text import normalise
from .words import ChatWords

__all__ = [
    "BENEFICIARIES",
    "MAX_AGE",
    "PURPOSES",
    "TIER_KEYS",
    "AccountUse",
    "Article",
    "Budget",
    "BudgetGroup",
    "CategoryRule",
    "Citation",
    "Cited",
    "CreditRule",
    "Credits",
    "Pack",
    "Reading",
    "get_pack",
    "load_pack",
    "load_packs",
    "parse_ages",
    "policy_dirs",
]

Category = Literal["employee", "retiree", "flexible", "resident"]
ItemCategory = Literal[
    "in_scope", "class_b_drug", "class_b_service", "self_pay", "consultation", "dual_channel",
    "prenatal", "tcm",
]
Condition = Literal[
    "non_designated", "inpatient", "suspended", "offsite_unfiled", "not_signed", "chronic_programme",
    "emergency_settled_inpatient",
]
#: Keys of a ratio table: provider level with optional grade, a pharmacy, or the resident scheme's
#: places (signed institution, county TCM referral) with their registered-poor variants.
TIER_KEYS = (
    "1", "2", "3", "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "pharmacy",
    "signed", "county_tcm", "signed_poor", "county_tcm_poor",
)
_TIER_RE = re.compile(r"^(?:[123][ABC]?|pharmacy|signed|county_tcm|signed_poor|county_tcm_poor)$")

Beneficiary = Literal["self", "spouse", "parent", "child", "other"]
Purpose = Literal[
    "designated_hospital", "designated_pharmacy", "resident_contribution",
    "serious_illness_contribution", "checkup", "fitness", "wellness", "public_health", "abroad",
    "work_injury", "third_party", "cash_withdrawal",
]
#: Who may use an account, and for what: the keys of ``[[account_uses]]``, in table order.
BENEFICIARIES: tuple[str, ...] = ("self", "spouse", "parent", "child", "other")
PURPOSES: tuple[str, ...] = (
    "designated_hospital", "designated_pharmacy", "resident_contribution",
    "serious_illness_contribution", "checkup", "fitness", "wellness", "public_health", "abroad",
    "work_injury", "third_party", "cash_withdrawal",
)
#: The oldest age the budget groups are checked for; an open range (``90-``) runs on past it.
MAX_AGE = 130


class Citation(Base, kw_only=True, frozen=True):
    """An article and the document's own words in it."""

    article: str
    quote: str

    def __post_init__(self) -> None:
        if not self.article.strip() or not self.quote.strip():
            raise ValueError("a citation needs an article and a quote")


class Cited(Base, kw_only=True, frozen=True):
    """A figure (amount or rate) with the article that sets it and its quote."""

    value: Decimal
    article: str
    quote: str
    #: a reading this value relies on (id in ``[[readings]]``), when the quote alone does not say it
    reading: str = ""

    def __post_init__(self) -> None:
        if not self.article.strip() or not self.quote.strip():
            raise ValueError("a value needs an article and a quote")
        if not self.value.is_finite() or self.value < 0:
            raise ValueError("a value must be a finite, non-negative decimal")

    @property
    def citation(self) -> Citation:
        return Citation(article=self.article, quote=self.quote)


class Rule(Base, kw_only=True, frozen=True):
    """A rule that moves no figure of its own: cited, or resting on a reading, or both."""

    article: str = ""
    quote: str = ""
    reading: str = ""

    def __post_init__(self) -> None:
        cited = bool(self.article.strip() and self.quote.strip())
        if not cited and not self.reading:
            raise ValueError("a rule needs a citation (article and quote) or a reading")
        if bool(self.article.strip()) != bool(self.quote.strip()):
            raise ValueError("a citation needs both an article and a quote")

    @property
    def citation(self) -> Citation | None:
        return Citation(article=self.article, quote=self.quote) if self.article else None


class InForce(Base, kw_only=True, frozen=True):
    start: dt.date
    end: dt.date | None = None
    article: str
    quote: str
    reading: str = ""


class Meta(Base, kw_only=True, frozen=True):
    id: str
    city: str
    city_en: str
    scheme: Literal["employee", "resident"]
    name: str  # short Chinese name, e.g. 平凉职工门诊共济
    name_en: str
    title: str
    document_number: str
    issuer: str
    issued: dt.date
    in_force: InForce
    source_file: str = ""  # the seed this pack transcribes, for the quote check
    numbering: Literal["article", "section"] = "article"


class Article(Base, kw_only=True, frozen=True):
    id: str
    text: str
    #: why the calculator does not use this article (required when no rule cites it)
    note: str = ""


class Reading(Base, kw_only=True, frozen=True):
    id: str
    text: str  # the reading, in Chinese, as the explanation states it
    text_en: str
    reason: str  # why a reading is needed: what the document leaves open
    citations: list[Citation]
    #: the reading in plain words for a layperson (chat, widget), shown above the precise ``text``;
    #: it adds no figure the text does not state
    plain: str | None = None

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a reading names the articles that leave the point open")


class CategoryRule(Base, kw_only=True, frozen=True):
    label: str
    label_en: str
    #: settle this category with another's figures (flexible workers as employees), cited
    settled_as: Category | None = None
    article: str = ""
    quote: str = ""
    reading: str = ""


class Exclusion(Base, kw_only=True, frozen=True):
    category: ItemCategory
    article: str
    quote: str


class Ineligible(Base, kw_only=True, frozen=True):
    when: Condition
    article: str = ""
    quote: str = ""
    reading: str = ""

    def __post_init__(self) -> None:
        if not (self.article and self.quote) and not self.reading:
            raise ValueError("an eligibility rule needs a citation or a reading")


class Pharmacy(Rule, kw_only=True, frozen=True):
    rule: Literal["tier", "prescribing_level", "not_covered"]


class Referral(Rule, kw_only=True, frozen=True):
    label: str
    label_en: str
    scope: list[ItemCategory]


class Consultation(Rule, kw_only=True, frozen=True):
    outside_cap: bool


class Retirement(Rule, kw_only=True, frozen=True):
    switch: Literal["month_after", "same_month"]


class NoAccount(Base, kw_only=True, frozen=True):
    category: Category
    article: str = ""
    quote: str = ""
    reading: str = ""


class Account(Base, kw_only=True, frozen=True):
    available: bool = True
    article: str = ""
    quote: str = ""
    reading: str = ""
    none_for: list[NoAccount] = []


class FamilyDoctor(Base, kw_only=True, frozen=True):
    bonus: Cited


class Supplied(Base, kw_only=True, frozen=True):
    """For a document that leaves figures to the bureau (西安): they must be supplied, and checked."""

    required: bool
    article: str
    quote: str
    min_ratio: Cited | None = None
    retiree_not_below_employee: Rule | None = None
    #: what the answer says when no figure is supplied (after the document's name and number)
    message: str = ""


class CreditRule(Base, kw_only=True, frozen=True):
    """How one category's account is credited each month (``[credits.<category>]``)."""

    #: contribution_base: ``value`` × the person's monthly contribution base;
    #: pension_average: ``value`` × the pension average named by ``average`` (supplied, never invented);
    #: fixed: ``value`` yuan a month; supplied: an amount the bureau sets, to be supplied
    #: (``value`` is the document's approximate rate, for the check); none: no account.
    basis: Literal["contribution_base", "pension_average", "fixed", "supplied", "none"]
    value: Decimal | None = None
    #: the Chinese name of the average a pension_average / supplied credit is a share of
    average: str = ""
    #: for a ``supplied`` credit: who sets the amount, in the document's words
    set_by: str = ""
    article: str = ""
    quote: str = ""
    reading: str = ""

    def __post_init__(self) -> None:
        if not (self.article.strip() and self.quote.strip()) and not self.reading:
            raise ValueError("a credit rule needs a citation (article and quote) or a reading")
        if bool(self.article.strip()) != bool(self.quote.strip()):
            raise ValueError("a citation needs both an article and a quote")
        if self.basis == "none" and self.value is not None:
            raise ValueError("a category without an account has no credit value")
        if self.basis != "none" and self.value is None:
            raise ValueError(f"a {self.basis} credit needs a value")
        if self.value is not None and (not self.value.is_finite() or self.value < 0):
            raise ValueError("a credit value must be a finite, non-negative decimal")
        if self.basis in ("pension_average", "supplied") and not self.average.strip():
            raise ValueError("name the average the credit is a share of (average)")


class ProvisionalAverage(Rule, kw_only=True, frozen=True):
    """南充 第十三条: an earlier average is used until the document's one is known; then the
    difference is paid back."""

    average: str  # the Chinese name of the provisional average


class Credits(Base, kw_only=True, frozen=True):
    monthly: Rule  # the account is credited month by month
    #: whom the ``monthly`` quote speaks of: everyone, or retirees only (南昌, 西安: employees' monthly
    #: crediting is then a reading of their own rule)
    monthly_scope: Literal["all", "retiree"] = "all"
    employee: CreditRule
    retiree: CreditRule
    flexible: CreditRule
    switch: Retirement  # the month the retiree credit starts
    provisional: ProvisionalAverage | None = None
    lump_sum: Cited | None = None  # rate of a lump-sum back-payment's base credited at once
    rounding: str  # reading id: each month's credit rounded to the fen

    def rule(self, category: str) -> CreditRule:
        return {"employee": self.employee, "retiree": self.retiree, "flexible": self.flexible}[category]


class AccountUse(Base, kw_only=True, frozen=True):
    """One answer of the use table: may the account pay for these purposes of these people."""

    beneficiaries: list[Beneficiary]
    purposes: list[Purpose]
    answer: Literal["allowed", "not_allowed", "pending_rules", "not_stated"]
    article: str = ""
    quote: str = ""
    #: further citations the answer rests on (南昌 第十一条's sentence deferring (四)(五)(六))
    also: list[Citation] = []
    reading: str = ""
    #: for ``not_stated``: what the reading concludes
    read_as: Literal["allowed", "not_allowed", "unknown"] | None = None
    #: a Chinese sentence added to the answer (what "pending" waits for)
    note: str = ""

    def __post_init__(self) -> None:
        if not self.beneficiaries or not self.purposes:
            raise ValueError("an account use names at least one beneficiary and one purpose")
        cited = bool(self.article.strip() and self.quote.strip())
        if bool(self.article.strip()) != bool(self.quote.strip()):
            raise ValueError("a citation needs both an article and a quote")
        if self.answer == "not_stated":
            if not self.reading or self.read_as is None:
                raise ValueError("a not_stated answer needs a reading and read_as")
        else:
            if not cited:
                raise ValueError(f"an {self.answer} answer needs an article and a quote")
            if self.read_as is not None:
                raise ValueError("read_as is only for not_stated answers")


class BudgetGroup(Base, kw_only=True, frozen=True):
    """One row of the service-group table: its ages and its yearly budget per signed resident."""

    group: int
    ages: str  # as the article writes them: "0,14-25"; "90-" is 90 and over
    value: Decimal
    article: str
    quote: str

    def __post_init__(self) -> None:
        if not self.article.strip() or not self.quote.strip():
            raise ValueError("a budget group needs an article and a quote")
        if not self.value.is_finite() or self.value < 0:
            raise ValueError("a budget must be a finite, non-negative decimal")
        parse_ages(self.ages)


class Budget(Base, kw_only=True, frozen=True):
    groups: list[BudgetGroup]
    age: Rule  # age = benefit year − birth year
    method: Rule  # total control, monthly pre-settlement, year-end settlement
    monthly_quota: Rule  # (group budget ÷ 12) × residents signed that month
    monthly_settlement: Rule  # the month settled at the actual cost, at most the quota
    annual: Rule  # group budget × residents signed that year
    first_signing: Rule  # first signing within the year: the full year's amount
    change_address: Rule  # 第八条 case 1: old through the month of change, new from the next
    change_suspended: Rule  # 第八条 case 2: old through the month before, new from the month
    lower: Cited  # 0.80: below it, the actual cost
    upper: Cited  # 0.90: from it, the budget
    unused_share: Cited  # 0.50 of the unused budget between the two
    over_budget: Rule  # overspending is not paid
    rounding: str  # reading id: monthly and prorated amounts rounded to the fen

    def group_for_age(self, age: int) -> BudgetGroup:
        for g in self.groups:
            if age_in(age, g.ages):
                return g
        raise KeyError(age)


def parse_ages(spec: str) -> list[tuple[int, int | None]]:
    """``"1,10-13,26-32,90-"`` → ``[(1, 1), (10, 13), (26, 32), (90, None)]`` (None: no upper end)."""
    out: list[tuple[int, int | None]] = []
    for part in spec.replace("，", ",").split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:-(\d*))?", part)
        if not m:
            raise ValueError(f"age range {part!r} is not N, N-M or N-")
        low = int(m.group(1))
        if m.group(2) is None:
            out.append((low, low))
        elif m.group(2) == "":
            out.append((low, None))
        else:
            high = int(m.group(2))
            if high < low:
                raise ValueError(f"age range {part!r} runs backwards")
            out.append((low, high))
    return out


def age_in(age: int, spec: str) -> bool:
    return any(low <= age and (high is None or age <= high) for low, high in parse_ages(spec))


class Pack(Base, kw_only=True, frozen=True):
    schema: int
    meta: Meta
    categories: dict[str, CategoryRule]
    articles: list[Article]
    readings: list[Reading] = []
    deductible: dict[str, Cited] = {}
    cap: dict[str, Cited] = {}
    ratio: dict[str, dict[str, Cited]] = {}
    first_self_pay: dict[str, Cited] = {}
    #: reading id applied to class-B items when the document sets no first self-pay
    class_b_reading: str = ""
    excluded: list[Exclusion] = []
    ineligible: list[Ineligible] = []
    pharmacy: Pharmacy | None = None
    referral: dict[str, Referral] = {}
    consultation: Consultation | None = None
    retirement: Retirement | None = None
    account: Account = Account()
    #: the article making the deductible and cap yearly and cumulative
    annual: Rule | None = None
    #: the article defining the in-scope costs (what self-pay items fall outside of)
    scope: Rule | None = None
    #: item categories the document does not name, counted in scope by a reading (id)
    item_readings: dict[str, str] = {}
    family_doctor: FamilyDoctor | None = None
    supplied: Supplied | None = None
    #: the scheme pays only at the insured's signed institution (or on an approved referral), and
    #: its ratio is by place, not provider level (南昌居民 第十一条、第十三条、第十四条)
    signed_institution: bool = False
    #: deductible and cap figures absent on purpose (the resident scheme sets none): reading id
    no_deductible: str = ""
    no_cap: str = ""
    #: the personal account's monthly credits (employee schemes)
    credits: Credits | None = None
    #: who may use the account for what (employee schemes)
    account_uses: list[AccountUse] = []
    #: the signed institution's budget and settlement (南昌 resident scheme)
    budget: Budget | None = None
    #: the words people use for the policy's city and districts (calculator/words.py), read by the chat
    chat: ChatWords | None = None

    # -- look-ups -----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.meta.id

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def reading(self, reading_id: str) -> Reading:
        for r in self.readings:
            if r.id == reading_id:
                return r
        raise KeyError(reading_id)

    def settled_category(self, category: str) -> str:
        rule = self.categories.get(category)
        return rule.settled_as if rule and rule.settled_as else category

    def ineligible_rule(self, condition: str) -> Ineligible | None:
        for rule in self.ineligible:
            if rule.when == condition:
                return rule
        return None


# -- loading and checking -----------------------------------------------------------------------


def _parts(pack: Pack) -> Iterator[tuple[str, object]]:
    """Every part of the pack that may carry a citation or name a reading, with its place.

    One walk serves both checks (citations and reading references), so a new section is added
    in one place; the order is the coverage table's.
    """
    yield "meta.in_force", pack.meta.in_force
    for key, category in pack.categories.items():
        yield f"categories.{key}", category
    for r in pack.readings:
        for i, c in enumerate(r.citations):
            yield f"readings.{r.id}.citations[{i}]", c
    for name in ("deductible", "cap", "first_self_pay"):
        for key, val in getattr(pack, name).items():
            yield f"{name}.{key}", val
    for cat, table in pack.ratio.items():
        for key, val in table.items():
            yield f"ratio.{cat}.{key}", val
    for i, ex in enumerate(pack.excluded):
        yield f"excluded[{i}]", ex
    for i, rule in enumerate(pack.ineligible):
        yield f"ineligible[{i}]", rule
    for key, ref in pack.referral.items():
        yield f"referral.{key}", ref
    for name in ("pharmacy", "consultation", "retirement", "account", "annual", "scope"):
        obj = getattr(pack, name)
        if obj is not None:
            yield name, obj
    for i, na in enumerate(pack.account.none_for):
        yield f"account.none_for[{i}]", na
    if pack.family_doctor:
        yield "family_doctor.bonus", pack.family_doctor.bonus
    if pack.supplied:
        yield "supplied", pack.supplied
        if pack.supplied.min_ratio:
            yield "supplied.min_ratio", pack.supplied.min_ratio
        if pack.supplied.retiree_not_below_employee:
            yield "supplied.retiree_not_below_employee", pack.supplied.retiree_not_below_employee
    if pack.credits:
        cr = pack.credits
        for name in ("monthly", "employee", "retiree", "flexible", "switch", "provisional", "lump_sum"):
            obj = getattr(cr, name)
            if obj is not None:
                yield f"credits.{name}", obj
    for i, use in enumerate(pack.account_uses):
        yield f"account_uses[{i}]", use
        for j, c in enumerate(use.also):
            yield f"account_uses[{i}].also[{j}]", c
    if pack.budget:
        bg = pack.budget
        for i, g in enumerate(bg.groups):
            yield f"budget.groups[{i}]", g
        for name in ("age", "method", "monthly_quota", "monthly_settlement", "annual", "first_signing",
                     "change_address", "change_suspended", "lower", "upper", "unused_share",
                     "over_budget"):
            yield f"budget.{name}", getattr(bg, name)


def _citations(pack: Pack) -> list[tuple[str, str, str]]:
    """Every (where, article, quote) the pack holds, for the checks."""
    out: list[tuple[str, str, str]] = []
    for where, obj in _parts(pack):
        article, quote = getattr(obj, "article", ""), getattr(obj, "quote", "")
        if article or quote:
            out.append((where, article, quote))
    return out


def _reading_refs(pack: Pack) -> list[tuple[str, str]]:
    """Every (where, reading id) the pack names, for the check that each reading is defined."""
    refs: list[tuple[str, str]] = [("class_b_reading", pack.class_b_reading),
                                   ("no_deductible", pack.no_deductible), ("no_cap", pack.no_cap)]
    refs += [(f"item_readings.{key}", rid) for key, rid in pack.item_readings.items()]
    if pack.credits:
        refs.append(("credits.rounding", pack.credits.rounding))
    if pack.budget:
        refs.append(("budget.rounding", pack.budget.rounding))
    refs += [(where, getattr(obj, "reading", "")) for where, obj in _parts(pack)]
    return [(w, r) for w, r in refs if r]


def cited_articles(pack: Pack) -> set[str]:
    """The articles some value, rule or reading of the pack cites."""
    return {article for _, article, _ in _citations(pack)}


def check_pack(pack: Pack) -> list[str]:
    """Every problem with a decoded pack, as sentences; empty when the pack is sound."""
    problems: list[str] = []
    texts = {a.id: normalise(a.text) for a in pack.articles}
    if len(texts) != len(pack.articles):
        problems.append("two articles share an id")
    for where, article, quote in _citations(pack):
        if article not in texts:
            problems.append(f"{where}: cites {article}, which the pack does not carry")
        elif normalise(quote) not in texts[article]:
            problems.append(f"{where}: quote {quote!r} is not in the text of {article}")
    reading_ids = {r.id for r in pack.readings}
    for where, ref in _reading_refs(pack):
        if ref not in reading_ids:
            problems.append(f"{where}: names reading {ref!r}, which the pack does not define")
    cited = cited_articles(pack)
    for art in pack.articles:
        if art.id not in cited and not art.note.strip():
            problems.append(f"article {art.id}: neither cited nor given a note saying why not")
    for cat, table in pack.ratio.items():
        for key, val in table.items():
            if not _TIER_RE.match(key):
                problems.append(f"ratio.{cat}.{key}: unknown tier key")
            if val.value > 1:
                problems.append(f"ratio.{cat}.{key}: a ratio above 1")
    for key in pack.categories:
        if key not in ("employee", "retiree", "flexible", "resident"):
            problems.append(f"categories.{key}: unknown category")
    if pack.supplied is None and pack.meta.scheme == "employee":
        for name in ("deductible", "cap", "ratio"):
            for cat in ("employee", "retiree"):
                if cat not in getattr(pack, name):
                    problems.append(f"{name}.{cat}: missing")
    problems += _check_figures(pack) + _check_credits(pack) + _check_account_uses(pack) + _check_budget(pack)
    return problems


def _figure_words(value: Decimal, unit: str) -> str:
    """How a document writes a figure: ``0.028`` as ``2.8%``, ``90.00`` yuan as ``90元``."""
    if unit == "%":
        return f"{(value * 100).normalize():f}%"
    return f"{value.normalize():f}{unit}"


def _figure_in_quote(where: str, value: Decimal, unit: str, quote: str) -> list[str]:
    """The figure must be one of the numbers its own quote states (``2500``, ``2,500``, ``两千五百``;
    ``55%``, ``百分之五十五``): a pack cannot cite words that say another number."""
    if not figure_in_quote(value, "rate" if unit == "%" else "amount", quote):
        return [f"{where}: the figure {_figure_words(value, unit)} is not in its quote {quote!r}"]
    return []


def _check_figures(pack: Pack) -> list[str]:
    """Every settlement figure of the pack against its own quote."""
    problems: list[str] = []
    for name in ("deductible", "cap"):
        for key, cited in getattr(pack, name).items():
            problems += _figure_in_quote(f"{name}.{key}", cited.value, "元", cited.quote)
    for cat, table in pack.ratio.items():
        for key, cited in table.items():
            problems += _figure_in_quote(f"ratio.{cat}.{key}", cited.value, "%", cited.quote)
    for key, cited in pack.first_self_pay.items():
        problems += _figure_in_quote(f"first_self_pay.{key}", cited.value, "%", cited.quote)
    if pack.family_doctor is not None:
        bonus = pack.family_doctor.bonus
        problems += _figure_in_quote("family_doctor.bonus", bonus.value, "%", bonus.quote)
    if pack.supplied is not None and pack.supplied.min_ratio is not None:
        floor = pack.supplied.min_ratio
        problems += _figure_in_quote("supplied.min_ratio", floor.value, "%", floor.quote)
    if pack.signed_institution:
        if not any(rule.when == "not_signed" for rule in pack.ineligible):
            problems.append("signed_institution: needs an [[ineligible]] rule when = \"not_signed\"")
        for cat, table in pack.ratio.items():
            if "signed" not in table:
                problems.append(f"ratio.{cat}: a scheme of signed institutions needs a \"signed\" ratio")
    return problems


def _check_credits(pack: Pack) -> list[str]:
    cr = pack.credits
    if cr is None:
        return []
    problems: list[str] = []
    if not pack.account.available:
        problems.append("credits: the pack says there is no personal account")
    for name in ("employee", "retiree", "flexible"):
        rule = cr.rule(name)
        if rule.value is not None and rule.quote:
            unit = "元" if rule.basis == "fixed" else "%"
            problems += _figure_in_quote(f"credits.{name}", rule.value, unit, rule.quote)
    if cr.lump_sum is not None:
        problems += _figure_in_quote("credits.lump_sum", cr.lump_sum.value, "%", cr.lump_sum.quote)
    if cr.provisional is not None and cr.retiree.basis != "pension_average":
        problems.append("credits.provisional: only for a retiree credit that is a share of an average")
    return problems


def _check_account_uses(pack: Pack) -> list[str]:
    if not pack.account_uses:
        return []
    problems: list[str] = []
    if not pack.account.available:
        problems.append("account_uses: the pack says there is no personal account")
    seen: dict[tuple[str, str], int] = {}
    for i, use in enumerate(pack.account_uses):
        for b in use.beneficiaries:
            for p in use.purposes:
                if (b, p) in seen:
                    problems.append(f"account_uses[{i}]: ({b}, {p}) is already answered by "
                                    f"account_uses[{seen[(b, p)]}]")
                else:
                    seen[(b, p)] = i
    missing = [f"({b}, {p})" for b in BENEFICIARIES for p in PURPOSES if (b, p) not in seen]
    if missing:
        problems.append("account_uses: no answer for " + ", ".join(missing))
    return problems


def _check_budget(pack: Pack) -> list[str]:
    bg = pack.budget
    if bg is None:
        return []
    problems: list[str] = []
    numbers = [g.group for g in bg.groups]
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        problems.append(f"budget.groups: groups must be numbered 1..{len(numbers)}, got {numbers}")
    for i, g in enumerate(bg.groups):
        problems += _figure_in_quote(f"budget.groups[{i}]", g.value, "", g.quote)
        # the table's row: the ages, then the amount
        if normalise(g.ages) + _figure_words(g.value, "") not in normalise(g.quote):
            problems.append(f"budget.groups[{i}]: the ages {g.ages!r} followed by {g.value} are not its quote's row")
    for age in range(MAX_AGE + 1):
        owners = [g.group for g in bg.groups if age_in(age, g.ages)]
        if len(owners) != 1:
            problems.append(f"budget.groups: age {age} is in {len(owners)} groups {owners}")
    for name in ("lower", "upper", "unused_share"):
        cited = getattr(bg, name)
        problems += _figure_in_quote(f"budget.{name}", cited.value, "%", cited.quote)
        if cited.value > 1:
            problems.append(f"budget.{name}: a share above 1")
    if bg.lower.value >= bg.upper.value:
        problems.append("budget: the lower threshold must be below the upper one")
    return problems


def _no_float(text: str) -> Decimal:
    raise ValueError(f"数字 {text} 必须写成带引号的字符串（如 \"0.55\"），金额和比例不得经过浮点数")


def load_pack(path: Path) -> Pack:
    """Decode and check one pack file; raise :class:`PackError` naming every problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=_no_float)
        pack = msgspec.convert(raw, type=Pack)
    except (msgspec.ValidationError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise PackError(code="pack_invalid", message=f"规则包 {path.name} 格式错误：{exc}",
                        path=str(path)) from exc
    problems = check_pack(pack)
    if problems:
        raise PackError(code="pack_invalid",
                        message=f"规则包 {path.name} 有误：" + "；".join(problems), path=str(path))
    return pack


BUILTIN_DIR = Path(__file__).with_name("policies")


def policy_dirs() -> list[Path]:
    """The built-in directory and those of ``MINGBAI_POLICY_DIRS`` (see :mod:`calculator.registry`)."""
    from .registry import env_policy_dirs

    return [BUILTIN_DIR, *env_policy_dirs()]


def load_packs() -> dict[str, Pack]:
    """All packs by id, from the default registry (:func:`calculator.registry.load_packs`)."""
    from .registry import load_packs as _load

    return _load()


def get_pack(policy_id: str) -> Pack:
    """One pack by id, from the default registry (:func:`calculator.registry.get_pack`)."""
    from .registry import get_pack as _get

    return _get(policy_id)
